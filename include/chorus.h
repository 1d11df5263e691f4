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
 *     "free with chorus_free()".
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
    CHORUS_FORMAT_PLAIN_JSON /* {"id": ..., "summary": ["sentence", ...]} */
} chorus_format;

typedef struct chorus_options {
    unsigned max_words;     /* summary budget in words (0: no limit) */
    unsigned max_bytes;     /* summary budget in bytes (0: no limit) */
    unsigned max_sentences; /* summary budget in sentences (0: no limit) */
} chorus_options;

/* Default options: a 100-word summary. */
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

/* Runs the pipeline: clean, segment, analyze, summarize. Fails with
 * CHORUS_E_NO_ARTICLES (or CHORUS_E_IO when every article failed to be read)
 * when no article remains. */
chorus_status chorus_story_run(chorus_story *story, const chorus_options *opts,
                               chorus_error *err);

/* Renders the story after chorus_story_run. The result is owned by the story
 * and valid until the next render or chorus_story_free. */
const char *chorus_story_render(chorus_story *story, chorus_format format, size_t *len);

/* ------------------------------------------------------ reading the result */

typedef struct chorus_article_info {
    const char *id;
    const char *title;   /* "" when unknown, as are the next four */
    const char *outlet;
    const char *byline;
    const char *date;    /* YYYY-MM-DD, YYYY-MM or YYYY */
    const char *dateline;
    const char *text;    /* the clean text (UTF-8, NUL-terminated) */
    size_t text_len;
    size_t words;        /* whitespace-separated words of the clean text */
    size_t sentences;
    size_t removed;      /* lines removed by cleaning */
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

/* ------------------------------------------------------------------ batch */

/* The JSON error record of DESIGN.md for a story that failed:
 * {"id": ID, "error": {"code": ..., "message": ...}}; with id NULL and
 * line > 0, {"id": null, "line": N, "error": {...}}. No trailing newline.
 * Free with chorus_free(). */
char *chorus_error_record(const char *id, long line, const chorus_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CHORUS_H */
