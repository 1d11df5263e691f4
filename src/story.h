/*
 * story.h — the story's data model, shared by the pipeline stages.
 *
 * Each stage adds its own layer: ingest fills articles[].raw, clean fills
 * text, meta and removed lines, segment fills paragraphs, sentences and
 * tokens, the analyses fill their arrays, summarize fills summary[]. All
 * memory lives in the story's arena; spans are byte offsets into an
 * article's clean text.
 */
#ifndef CHORUS_STORY_H
#define CHORUS_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "arena.h"
#include "buf.h"
#include "map.h"

/* Hard limits: input beyond them is CHORUS_E_LIMIT, never a crash. */
#define STORY_MAX_ARTICLES 4096
#define ARTICLE_MAX_BYTES ((size_t)64 << 20)

typedef struct span {
    uint32_t start, end;
} span;

/* Why clean removed a line (clean.c). */
typedef enum removal_reason {
    REMOVED_WIDGET,     /* share and navigation widgets, calls to action */
    REMOVED_PLAYER,     /* media-player residue: "0:00", "Listen Live" */
    REMOVED_COUNTER,    /* view and comment counters */
    REMOVED_COPYRIGHT,  /* copyright and rights lines */
    REMOVED_CONTACT,    /* e-mail, "Write to", short links, bare URLs */
    REMOVED_BIO,        /* a reporter's biography */
    REMOVED_BYLINE,     /* a byline, kept as metadata */
    REMOVED_DATE,       /* a date or time stamp line, kept as metadata */
    REMOVED_TITLE,      /* the headline, kept as metadata */
    REMOVED_CAPTION,    /* a photo caption or credit */
    REMOVED_HEADER,     /* page furniture above the headline */
    REMOVED_REPEATED,   /* a repeat of an earlier line of the article */
    REMOVED_SHARED,     /* a non-sentence line found in several articles */
    REMOVED_NOTE,       /* an editor's note in parentheses */
    REMOVED_NAVIGATION, /* HTML: navigation, header, footer, sidebar */
    REMOVED_COMMENTS,   /* HTML: readers' comments */
    REMOVED_LINKS,      /* HTML: related-article and other link lists */
    REMOVED_OUTSIDE,    /* HTML: page text outside the main content */
    REMOVED_REASON_COUNT
} removal_reason;

const char *removal_reason_name(removal_reason r);

typedef struct removed_line {
    const char *text; /* arena copy of the raw line (of an HTML block: its first 200 bytes) */
    uint32_t line;    /* 1-based line number in the raw text (of an HTML block: in the page) */
    removal_reason reason;
} removed_line;

typedef struct article_meta {
    const char *title, *outlet, *agency, *byline, *date, *dateline; /* "" when unknown */
    const char *title_source, *outlet_source, *byline_source, *date_source;
} article_meta;

typedef struct article {
    const char *id;
    const char *raw; /* normalized UTF-8 of the input (utf8.c) */
    size_t raw_len;
    article_meta given; /* metadata supplied with the input (JSON keys, HTML markup) */
    int from_html;      /* the text was extracted from HTML (html.c) */
    article_meta meta;  /* final metadata after cleaning */
    char *text;         /* clean text: paragraphs separated by "\n\n" */
    size_t text_len;
    removed_line *removed;
    size_t n_removed;
    removed_line *html_removed; /* blocks html.c left out of the page, in page order */
    size_t n_html_removed;
    span *paragraphs;
    size_t n_paragraphs;
    size_t first_sentence, n_sentences; /* range in story->sentences */
    size_t words;
} article;

enum sentence_flags {
    SENT_FRAGMENT = 1, /* no terminal punctuation: a heading or list item */
    SENT_QUOTE = 2,    /* opens with a quotation mark */
    SENT_TITLE = 4,    /* the article's title */
};

typedef struct sentence {
    uint32_t article, paragraph; /* paragraph index within the article */
    span span;
    uint32_t first_token, n_tokens;
    uint32_t words;    /* whitespace-separated words, as ROUGE counts */
    uint32_t position; /* index of the sentence within its article */
    uint32_t flags;
} sentence;

typedef struct token {
    span span;     /* in the article's clean text */
    uint32_t term; /* id in story->terms */
} token;

typedef struct term {
    const char *lower; /* lower-cased surface form */
    uint32_t stem;     /* id in story->stems */
    uint8_t is_word;   /* contains a letter */
    uint8_t is_stop;   /* a function word (stopwords.c) */
} term;

typedef struct summary_item {
    uint32_t sentence; /* id in story->sentences */
    const char *text;  /* the text as printed */
    size_t *sources;   /* article indices, ascending */
    size_t n_sources;
} summary_item;

struct chorus_story {
    arena arena;
    const char *id; /* from a JSON line, or NULL */

    buf articles; /* article, in input order */
    buf skipped;  /* chorus_error, one per article that could not be used */
    size_t io_failures;

    sentence *sentences; /* in sentence_store */
    size_t n_sentences;
    token *tokens; /* in token_store */
    size_t n_tokens;
    buf sentence_store, token_store; /* written in place by the segment stage */
    buf terms;                       /* term */
    size_t n_stems;
    chorus_lexicon *lexicon; /* shared (chorus_story_new_with_lexicon) or own */
    int own_lexicon;
    /* words the lexicon lacks once it is full (lexicon.c) */
    map extra_terms; /* lower-cased surface -> term id */
    map extra_stems; /* stem -> stem id */

    /* support.c: each sentence's sorted content stems and numbers */
    uint32_t *stem_lists;
    uint32_t *stem_offsets;              /* n_sentences + 1 */
    struct support_number *number_lists; /* in reading order */
    uint32_t *number_offsets;            /* n_sentences + 1 */

    struct analysis *analysis; /* entities and quotes (entities.h) */

    summary_item *summary;
    size_t n_summary;

    chorus_options opts;
    int ran;
    buf rendered;
};

#define STORY_ARTICLE(st, i) (&VEC_AT(&(st)->articles, article, i))
#define STORY_ARTICLE_COUNT(st) VEC_COUNT(&(st)->articles, article)
#define STORY_TERM(st, i) (&VEC_AT(&(st)->terms, term, i))

/* Fills err (where may be NULL) and returns status. */
chorus_status story_error(chorus_error *err, chorus_status status, const char *where,
                          long long position, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Stages, in pipeline order. Each returns CHORUS_OK or an error in err. */
chorus_status ingest_text(chorus_story *st, const char *id, const char *bytes, size_t len,
                          const article_meta *given, chorus_error *err);
chorus_status clean_story(chorus_story *st, chorus_error *err);
/* Nonzero when a sentence of `words` words speaks to the page's reader
 * about the page ("Sign up for our newsletter.", "JavaScript is disabled
 * in your browser."), whatever line of the story text it sits in. */
int clean_page_sentence(const char *s, size_t n, size_t words);
chorus_status segment_story(chorus_story *st, chorus_error *err);
chorus_status support_story(chorus_story *st, chorus_error *err);
/* with_quotes: 0 runs only the entity layer, which the summary reads */
chorus_status analyze_story(chorus_story *st, int with_quotes, chorus_error *err);
chorus_status summarize_story(chorus_story *st, chorus_error *err);

void render_text(const chorus_story *st, buf *out);
void render_plain(const chorus_story *st, buf *out);
void render_json(const chorus_story *st, buf *out);
void render_plain_json(const chorus_story *st, buf *out);
/* The "entities" and "quotes" sections (analysis.c). */
void render_entities_json(const chorus_story *st, buf *out, int *first);
void render_quotes_json(const chorus_story *st, buf *out, int *first);
/* {"id"?, "articles": [ids], "quotes"|"entities": [...]} (which: 0 quotes, 1 entities). */
void render_layer_json(const chorus_story *st, buf *out, int which);
void render_clean_text(const chorus_story *st, buf *out);
void render_clean_json(const chorus_story *st, buf *out);

#endif
