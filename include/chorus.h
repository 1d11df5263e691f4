/*
 * chorus — many news reports of one story, one account a person can trust.
 *
 * This is the only public header of the library. Every name starts with
 * chorus_ (types, functions) or CHORUS_ (constants).
 *
 * Ownership, stated once:
 *   - A chorus_story owns everything it hands out. Every pointer returned by
 *     a chorus_story_* accessor is borrowed and stays valid until
 *     chorus_story_free() is called on that story; never free it yourself.
 *   - Strings passed in are copied; the caller may free them at once.
 *   - The only memory the caller owns is what a function documents as
 *     "free with chorus_free()", and the objects it creates and frees
 *     itself: stories, lexicons (which must outlive the stories created
 *     with them) and ROUGE scorers.
 *
 * The library never prints, exits, aborts on bad input, keeps global mutable
 * state or reads the environment. Every failure is a chorus_status, with a
 * chorus_error carrying the file or line, a byte position and a message.
 */
#ifndef CHORUS_H
#define CHORUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CHORUS_VERSION "0.1.0"

/* ------------------------------------------------------------------ status */

typedef enum chorus_status {
    CHORUS_OK = 0,
    CHORUS_E_USAGE,       /* an argument or option value is out of range */
    CHORUS_E_IO,          /* a file is missing, unreadable or unwritable */
    CHORUS_E_NOT_TEXT,    /* the bytes are not text (NUL or control bytes) */
    CHORUS_E_EMPTY,       /* the article holds no text */
    CHORUS_E_JSON,        /* a JSON syntax error */
    CHORUS_E_SCHEMA,      /* valid JSON of the wrong shape */
    CHORUS_E_NO_ARTICLES, /* a story with no usable article */
    CHORUS_E_LIMIT,       /* input beyond a hard size limit */
    CHORUS_E_NOMEM,       /* out of memory */
    CHORUS_E_INTERNAL,    /* a bug in chorus */
    CHORUS_STATUS_COUNT
} chorus_status;

/* A sentence describing the status ("the bytes are not text"). */
const char *chorus_status_message(chorus_status status);
/* A stable machine-readable code ("not_text"), used in JSON error records. */
const char *chorus_status_code(chorus_status status);
/* The process exit code for the status class: 0 ok, 1 bad input, 2 usage,
 * 3 I/O, 4 internal (DESIGN.md "Contracts"). */
int chorus_status_exit_code(chorus_status status);

typedef struct chorus_error {
    chorus_status status;
    long long position; /* byte offset of the problem in its input, or -1 */
    char where[256];    /* the file, article or line the problem is in */
    char message[256];  /* one line, no trailing newline */
} chorus_error;

/* Formats "where: message" (plus " at byte N" when known) into out. */
void chorus_error_format(const chorus_error *err, char *out, size_t cap);

/* Frees memory that a function documents as "free with chorus_free()". */
void chorus_free(void *p);

/* ----------------------------------------------------------------- options */

typedef enum chorus_format {
    CHORUS_FORMAT_TEXT = 0, /* summary with [n] citations and a source list */
    CHORUS_FORMAT_JSON,     /* the full result, docs/json-schema.md */
    CHORUS_FORMAT_PLAIN,    /* summary sentences, one per line, no citations */
    CHORUS_FORMAT_CLEAN,    /* each article's clean text and metadata */
    CHORUS_FORMAT_CLEAN_JSON,
    CHORUS_FORMAT_PLAIN_JSON,   /* {"id": ..., "summary": ["sentence", ...]} */
    CHORUS_FORMAT_QUOTES_JSON,  /* {"articles": [...], "quotes": [...]} */
    CHORUS_FORMAT_ENTITIES_JSON /* {"articles": [...], "entities": [...]} */
} chorus_format;

/* How summary sentences are chosen. CHORUS_METHOD_COVERAGE is chorus's
 * own; the others are the classic methods as their papers define them, for
 * comparison (docs/methods.md). */
typedef enum chorus_method {
    CHORUS_METHOD_COVERAGE = 0, /* concept coverage under the budget (default) */
    CHORUS_METHOD_LEAD,         /* leading sentences, round-robin over articles */
    CHORUS_METHOD_CENTROID,     /* Radev et al. 2004 */
    CHORUS_METHOD_LEXRANK,      /* Erkan and Radev 2004: idf-cosine graph, threshold 0.1 */
    CHORUS_METHOD_TEXTRANK,     /* Mihalcea and Tarau 2004 */
    CHORUS_METHOD_COUNT
} chorus_method;

/* The method's name ("coverage", "lead", ...), and the method of a name
 * (returns 0 when the name is unknown). */
const char *chorus_method_name(chorus_method method);
int chorus_method_from_name(const char *name, chorus_method *out);

typedef struct chorus_options {
    unsigned max_words;     /* summary budget in words (0: no limit) */
    unsigned max_bytes;     /* summary budget in bytes (0: no limit) */
    unsigned max_sentences; /* summary budget in sentences (0: no limit) */
    chorus_method method;
    int compress;      /* nonzero: drop attribution tails, short parentheticals and
                          leading connectives outside quotations (compress.c) */
    int skip_analyses; /* nonzero: no quote layer, and the quote and entity
                          sections are empty (the entity layer still runs:
                          the summary introduces people by it, and is the
                          same) */
    int clean_only;    /* nonzero: stop after cleaning and segmenting, for
                          CHORUS_FORMAT_CLEAN and CHORUS_FORMAT_CLEAN_JSON */
} chorus_options;

/* Default options: a 100-word summary by CHORUS_METHOD_COVERAGE, with
 * compression. */
void chorus_options_init(chorus_options *opts);

/* ------------------------------------------------------------------- story */

typedef struct chorus_story chorus_story;

chorus_story *chorus_story_new(void);
void chorus_story_free(chorus_story *story);

/* The story's id (from a JSON line), or NULL. */
const char *chorus_story_id(const chorus_story *story);

/* Adds one plain-text article. The id names the article in citations and
 * errors. Bytes that are not valid UTF-8 are read as Windows-1252. An empty
 * or binary article is not an error of the story: it is recorded as skipped
 * (see chorus_story_skipped) and CHORUS_OK is returned with err filled in, so
 * the caller can report it. Only a hard failure (memory, limits) returns an
 * error status. */
chorus_status chorus_story_add_text(chorus_story *story, const char *id, const char *bytes,
                                    size_t len, chorus_error *err);

/* Adds a file, or every regular file of a directory (sorted by name, hidden
 * files skipped). A missing or unreadable path is recorded as skipped; err
 * describes the last skipped article, if any. */
chorus_status chorus_story_add_path(chorus_story *story, const char *path, chorus_error *err);

/* Reads a story from one JSON line (DESIGN.md batch format). On a JSON
 * syntax error, err->position is the byte offset in the line. The story id is
 * set as soon as it is read, so an error record can still name it. */
chorus_status chorus_story_add_json(chorus_story *story, const char *line, size_t len,
                                    chorus_error *err);

/* Runs the pipeline: clean, segment, analyze (support, entities, quotes),
 * summarize. Fails with
 * CHORUS_E_NO_ARTICLES (or CHORUS_E_IO when every article failed to be read)
 * when no article remains. */
chorus_status chorus_story_run(chorus_story *story, const chorus_options *opts, chorus_error *err);

/* Renders the story after chorus_story_run. The result is owned by the story
 * and valid until the next render or chorus_story_free. */
const char *chorus_story_render(chorus_story *story, chorus_format format, size_t *len);

/* ----------------------------------------------------------------- lexicon */

/* A lexicon keeps every distinct word its stories used, lower-cased, with
 * its Snowball stem and classes, so that stories run one after another
 * (a batch, an evaluation) stem each word once instead of once per story.
 * A story's output is the same with or without one.
 *
 * Ownership and threads: the caller creates and frees the lexicon; it must
 * outlive every story created with it (their words point into it, and
 * freeing such a story gives its vectors' memory back to it). A lexicon
 * and its stories belong to one thread at a time: running or freeing such
 * a story writes to the lexicon, so two of them never run concurrently.
 * There is no global lexicon; a story created with chorus_story_new() has
 * its own, freed with it.
 *
 * Size: at most max_words words are kept (0: CHORUS_LEXICON_DEFAULT_WORDS).
 * When it is full the lexicon stops growing, and the words it lacks are
 * stemmed by each story on its own, with the same results. It starts with
 * room for tens of thousands of words (a few MiB), and keeps the memory of
 * the largest token, sentence and term vectors of the stories freed so
 * far, which the next story's segment stage reuses. */
#define CHORUS_LEXICON_DEFAULT_WORDS ((size_t)1 << 18)
#define CHORUS_LEXICON_MAX_WORDS ((size_t)1 << 24)

typedef struct chorus_lexicon chorus_lexicon;

/* NULL when out of memory or when max_words is above
 * CHORUS_LEXICON_MAX_WORDS. */
chorus_lexicon *chorus_lexicon_new(size_t max_words);
void chorus_lexicon_free(chorus_lexicon *lexicon);

/* A story that looks its words up in lexicon (not NULL). */
chorus_story *chorus_story_new_with_lexicon(chorus_lexicon *lexicon);

typedef struct chorus_lexicon_info {
    size_t words;     /* distinct words kept */
    size_t stems;     /* distinct stems of those words */
    size_t max_words; /* the limit */
    size_t stemmed;   /* words stemmed so far: the lexicon's own, and once
                         it is full, each story's words it lacks */
    int full;         /* the limit is reached */
} chorus_lexicon_info;

void chorus_lexicon_stats(const chorus_lexicon *lexicon, chorus_lexicon_info *out);

/* ------------------------------------------------------ reading the result */

typedef struct chorus_article_info {
    const char *id;
    const char *title; /* "" when unknown, as are the next four */
    const char *outlet;
    const char *byline;
    const char *date; /* YYYY-MM-DD, YYYY-MM or YYYY */
    const char *dateline;
    const char *text; /* the clean text (UTF-8, NUL-terminated) */
    size_t text_len;
    size_t words; /* whitespace-separated words of the clean text */
    size_t sentences;
    size_t removed; /* lines removed by cleaning */
} chorus_article_info;

size_t chorus_story_article_count(const chorus_story *story);
int chorus_story_article(const chorus_story *story, size_t index, chorus_article_info *out);

/* Articles that could not be used, with the reason of each. */
size_t chorus_story_skipped_count(const chorus_story *story);
const chorus_error *chorus_story_skipped(const chorus_story *story, size_t index);

typedef struct chorus_summary_sentence {
    const char *text;      /* the sentence as printed (NUL-terminated) */
    size_t article;        /* index of the article it was taken from */
    size_t start, end;     /* its span in that article's clean text */
    const size_t *sources; /* indices of every article that reports it */
    size_t source_count;
} chorus_summary_sentence;

size_t chorus_story_summary_count(const chorus_story *story);
int chorus_story_summary(const chorus_story *story, size_t index, chorus_summary_sentence *out);

/* Every sentence of the story's articles, as the segment stage found it,
 * in article order. */
#define CHORUS_SENTENCE_FRAGMENT 1u /* no terminal punctuation: a heading, a list item */
#define CHORUS_SENTENCE_QUOTE 2u    /* opens with a quotation mark */

typedef struct chorus_sentence_info {
    size_t article;    /* index of its article */
    size_t paragraph;  /* index of its paragraph in that article */
    size_t start, end; /* its span in that article's clean text */
    size_t tokens;     /* word and number tokens */
    size_t words;      /* whitespace-separated words, as ROUGE counts them */
    unsigned flags;    /* CHORUS_SENTENCE_* */
} chorus_sentence_info;

size_t chorus_story_sentence_count(const chorus_story *story);
int chorus_story_sentence(const chorus_story *story, size_t index, chorus_sentence_info *out);

/* Entities: the people, organizations, places and other names of the
 * story, each with every alias the articles use (entities.c). */
typedef struct chorus_entity_info {
    const char *name;           /* the fullest form */
    const char *type;           /* "PER", "ORG", "LOC" or "MISC" */
    const char *const *aliases; /* distinct surface forms, first seen first */
    size_t alias_count;
    const size_t *articles; /* indices of the articles naming it, ascending */
    size_t article_count;
    size_t mention_count;
} chorus_entity_info;

typedef struct chorus_mention_info {
    size_t article;    /* index of its article */
    size_t start, end; /* its span in that article's clean text */
    int role;          /* nonzero: a role phrase ("the Austrian president") */
} chorus_mention_info;

size_t chorus_story_entity_count(const chorus_story *story);
int chorus_story_entity(const chorus_story *story, size_t index, chorus_entity_info *out);
int chorus_story_entity_mention(const chorus_story *story, size_t entity, size_t index,
                                chorus_mention_info *out);

/* Quotes: one ledger entry per statement, with every quotation of it in
 * every article (quotes.c). */
typedef struct chorus_quote_info {
    const char *text;       /* the fullest quotation of the statement */
    const char *speaker;    /* the speaker's entity name, else as written, else "" */
    long entity;            /* index of the speaker's entity, or -1 */
    const char *cue;        /* the reporting verb as written, or "" */
    const size_t *articles; /* indices of the articles quoting it, ascending */
    size_t article_count;
    size_t mention_count;
} chorus_quote_info;

typedef struct chorus_quote_mention {
    size_t article;
    size_t start, end;                 /* the quoted words, marks excluded */
    const char *text;                  /* those words as printed */
    size_t speaker_start, speaker_end; /* the speaker as written; equal when unknown */
    const char *speaker;               /* the speaker as written, or "" */
    long entity;                       /* the speaker's entity, or -1 */
    const char *cue;                   /* the reporting verb, or "" */
    const char *pattern;               /* how it was attributed: "after", "before", "colon", ... */
    unsigned depth;                    /* 1 for a quotation inside another */
} chorus_quote_mention;

size_t chorus_story_quote_count(const chorus_story *story);
int chorus_story_quote(const chorus_story *story, size_t index, chorus_quote_info *out);
int chorus_story_quote_mention(const chorus_story *story, size_t quote, size_t index,
                               chorus_quote_mention *out);

/* ------------------------------------------------------------------ batch */

/* The JSON error record of DESIGN.md for a story that failed:
 * {"id": ID, "error": {"code": ..., "message": ...}}; with id NULL and
 * line > 0, {"id": null, "line": N, "error": {...}}. No trailing newline.
 * Free with chorus_free(). */
char *chorus_error_record(const char *id, long line, const chorus_error *err);

/* ------------------------------------------------------------------ rouge */

/*
 * ROUGE-1.5.5, reimplemented: for the options below chorus prints what the
 * official Perl script prints, to the last digit. Summaries are SPL files
 * (one sentence per line) read byte-wise and never decoded, as the script
 * reads them. A scorer collects evaluations (one peer summary scored against
 * its models), then reports per-peer averages: ROUGE's bootstrap mean with
 * its confidence interval. docs/rouge.md lists every rule.
 */

#define CHORUS_ROUGE_MAX_N 16 /* largest -n */

typedef struct chorus_rouge_options {
    unsigned max_n;            /* -n N: ROUGE-1 ... ROUGE-N (0, the default: none) */
    unsigned word_limit;       /* -l N: only the first N words of every summary (0: all) */
    unsigned byte_limit;       /* -b N: only the first N bytes (0: all) */
    int stem;                  /* -m: ROUGE's Porter stemmer with the WordNet exceptions */
    int stopwords;             /* -s: remove the SMART stopwords */
    int skip_bigrams;          /* -2 given: ROUGE-S */
    int skip_distance;         /* -2 D: at most D words between the two; negative: no limit */
    int skip_unigrams;         /* -u: ROUGE-SU, unigrams counted too (needs -2) */
    int skip_both;             /* -U: ROUGE-S and ROUGE-SU */
    int lcs;                   /* ROUGE-L: on unless -x */
    double wlcs_weight;        /* -w W: ROUGE-W with weight W (0: no ROUGE-W) */
    char formula;              /* -f: 'A' pools the models (default), 'B' takes the best */
    double alpha;              /* -p: F = P*R / ((1-alpha)*P + alpha*R); 0.5 */
    double confidence;         /* -c: interval in percent; 95 */
    unsigned resamples;        /* -r: bootstrap resamples; 1000 */
    int counting;              /* -t: 0 average of evaluations, 1 pooled counts, 2 raw counts */
    int per_eval;              /* -d: report every evaluation too */
    int jackknife;             /* -j: one leave-one-out evaluation per model (DESIGN.md) */
    int file_list;             /* -z SPL: the input is a list "peer model..." per line */
    char weight_label[24];     /* -w as typed, for "ROUGE-W-1.2" */
    char skip_label[24];       /* -2 as typed, for "ROUGE-SU4" */
    char confidence_label[24]; /* -c as typed, for "95%-conf.int." */
} chorus_rouge_options;

/* The script's defaults: ROUGE-L only, -f A, -p 0.5, -c 95, -r 1000. */
void chorus_rouge_options_init(chorus_rouge_options *opts);

/* Parses ROUGE-1.5.5 flags from argv[0..argc) into opts, stopping at the
 * first argument that is not a flag ("--" ends the flags too); *next gets
 * its index. Values come attached (-n2) or as the next argument; flags
 * without a value may be grouped (-ma). Also accepted: -a (every peer is
 * evaluated anyway), -e DIR (ignored: the word tables are built in), -z SPL,
 * and -j / --jackknife. An unknown flag, a missing value or a value out of
 * range is CHORUS_E_USAGE with a one-line message in err. */
chorus_status chorus_rouge_parse_flags(chorus_rouge_options *opts, int argc, char *const *argv,
                                       int *next, chorus_error *err);

typedef struct chorus_rouge chorus_rouge;

/* A scorer for the given options (copied); NULL when out of memory. */
chorus_rouge *chorus_rouge_new(const chorus_rouge_options *opts);
void chorus_rouge_free(chorus_rouge *rouge);

/* One evaluation: a peer summary and the model summaries it is scored
 * against, in model order (-f B breaks ties by taking the first). */
typedef struct chorus_rouge_eval {
    const char *id;      /* the evaluation (topic) id */
    const char *peer_id; /* the system: averages are taken per peer id */
    const char *peer;    /* the peer summary (SPL bytes) */
    size_t peer_len;
    const char *const *models;
    const size_t *model_lens;
    size_t model_count;
    long peer_model; /* index of the model the peer wrote (a human peer), or -1:
                        that model is never used to score its own author */
} chorus_rouge_eval;

/* Scores one evaluation and records it as test "ID.PEER_ID". With
 * opts.jackknife and M > 1 models, records M evaluations "ID.Jk", each
 * without model k (a human peer only in the one without its own model).
 * An empty peer scores 0, as in ROUGE-1.5.5. Fails with CHORUS_E_USAGE on
 * a repeated test id or no model to score against. */
chorus_status chorus_rouge_add(chorus_rouge *rouge, const chorus_rouge_eval *ev, chorus_error *err);

/* Adds the evaluations of one JSON line:
 *   {"id": "D0701A", "peers": {"1": "text", ...}, "models": ["text", ...],
 *    "model_ids": ["A", ...]}
 * "references" may stand for "models", and "peer": "text" with an optional
 * "peer_id" (default "P") for "peers". A peer whose id is in "model_ids" is
 * that model's author. When summary is not NULL it is scored as peer_id
 * instead of the line's peers: the line may then be a data-set story
 * (../shared/data/summarization), scored against its references. */
chorus_status chorus_rouge_add_json(chorus_rouge *rouge, const char *line, size_t len,
                                    const char *peer_id, const char *summary, size_t summary_len,
                                    chorus_error *err);

/* The "budget_words" of a data-set line, or 0 when it has none. */
chorus_status chorus_rouge_json_budget(const char *line, size_t len, unsigned *words,
                                       chorus_error *err);

/* The measures the options compute, in report order ("ROUGE-1", ...,
 * "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4"). */
size_t chorus_rouge_measure_count(const chorus_rouge *rouge);
const char *chorus_rouge_measure_name(const chorus_rouge *rouge, size_t measure);

/* The peer ids seen so far, in sorted (report) order. */
size_t chorus_rouge_peer_count(const chorus_rouge *rouge);
const char *chorus_rouge_peer_id(const chorus_rouge *rouge, size_t peer);

typedef struct chorus_rouge_score {
    double r, p, f; /* Average_R/P/F: the bootstrap mean (5 decimals); with
                       counting 2, the summed model, peer and hit counts */
    double r_low, r_high, p_low, p_high, f_low, f_high; /* the -c interval */
    size_t evals;                                       /* evaluations averaged */
} chorus_rouge_score;

/* The average of one peer for one measure, as the report prints it. */
chorus_status chorus_rouge_average(const chorus_rouge *rouge, size_t peer, size_t measure,
                                   chorus_rouge_score *out, chorus_error *err);

/* The report of ROUGE-1.5.5 for every peer and measure ("---" line, then
 * "PEER ROUGE-1 Average_R: 0.xxxxx (95%-conf.int. 0.xxxxx - 0.xxxxx)" and
 * the P and F lines; with -d the per-evaluation lines). NULL when out of
 * memory. Free with chorus_free(). */
char *chorus_rouge_report(const chorus_rouge *rouge, size_t *len);

/* The tokens ROUGE counts in a summary under opts (limits, -s, -m), one
 * line per sentence as ROUGE-L sees them. NULL when out of memory or past a
 * limit. Free with chorus_free(). */
char *chorus_rouge_tokens(const chorus_rouge_options *opts, const char *text, size_t len,
                          size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* CHORUS_H */
