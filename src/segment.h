/* segment.h — sentence boundaries and tokens of the clean text. */
#ifndef CHORUS_SEGMENT_H
#define CHORUS_SEGMENT_H

#include <stddef.h>

#include "story.h"

/* Calls emit(ctx, start, end) for each sentence of text[0..n), a single
 * paragraph (its line breaks end sentences too), in order; spans are
 * trimmed of surrounding spaces and never overlap. */
typedef void (*sentence_fn)(void *ctx, size_t start, size_t end);
void segment_paragraph(const char *text, size_t n, sentence_fn emit, void *ctx);

/* The same over a whole text whose paragraphs are separated by blank lines
 * (lines of spaces only); spans are offsets into text. */
void segment_text(const char *text, size_t n, sentence_fn emit, void *ctx);

/* Nonzero when text[0..n) ends with terminal punctuation, possibly followed
 * by closing quotation marks or brackets. */
int segment_ends_sentence(const char *text, size_t n);

/* Roles of an English word (segment_words.c), looked up case-insensitively. */
enum word_role {
    W_TITLE = 1 << 0,      /* Mr, Gen, St: never ends a sentence */
    W_ABBREV = 1 << 1,     /* Inc, etc, approx: ends one only before an opener */
    W_ABBREV_CAP = 1 << 2, /* Jan, Calif: an abbreviation when capitalized */
    W_NUMBERED = 1 << 3,   /* no, art: an abbreviation before a number */
    W_OPENER = 1 << 4,     /* The, He, But: typically opens a sentence */
    W_TIME = 1 << 5,       /* Monday, Jan, EST: may follow "a.m." in a sentence */
    W_PREP = 1 << 6,       /* at, on, in: opens a prepositional phrase */
    W_SPEECH = 1 << 7,     /* said, asked: a verb of speech */
    W_PRONOUN = 1 << 8,    /* he, she, they */
    W_RELATIVE = 1 << 9,   /* which, who */
};
unsigned segment_word_roles(const char *word, size_t n);
/* Nonzero when the word table is in strict byte order (a self-check). */
int segment_words_sorted(void);
/* Whether every stop-byte and line-break scanner this processor runs
 * finds the first stop byte and line break from each offset of t[0, n),
 * for the tests. */
int segment_stops_agree(const char *t, size_t n);

/* Tokenizer (token.c): appends the word and number tokens of
 * text[start, end) (of which room bytes are readable, room >= end) to tokens, and counts the
 * whitespace-separated words of that text into *words (as text_count_words does). Their terms (for
 * the lexicon's current story, lexicon_begin) are looked up in batches:
 * a token's term id is set by the next token_resolve, which takes every
 * pending token, in order (tokens must be the same buffer throughout).
 * token_scan returns the number of tokens added, or -1 when a limit was
 * reached; token_resolve 0 when a limit was reached. */
long token_scan(chorus_lexicon *lx, const char *text, size_t room, size_t start, size_t end,
                buf *tokens, size_t *words);
int token_resolve(chorus_lexicon *lx, buf *tokens);
/* The tokens waiting for token_resolve. */
size_t token_pending(const chorus_lexicon *lx);
/* Whether every byte classifier this processor runs agrees with the plain
 * SSE2 one on t[0, n) (n <= 512), for the tests. */
int token_classify_agrees(const char *t, size_t n);
/* Whether the tokenizer's fast reader (runs of classified bytes) finds the
 * same tokens and keys as its byte-wise reader in t[0, n), a text without
 * addresses (unit tests and fuzzing). */
int token_readers_agree(const char *t, size_t n);

/* Nonzero for an English function word (stopwords.c); word is lower case. */
int is_stopword(const char *word, size_t n);
/* The same for a word of n bytes given as two little-endian halves, a
 * (bytes 0-7) and b (bytes 8-15), zero past n: the lexicon's keys. */
int is_stopword_key(uint64_t a, uint64_t b, size_t n);
/* Whether the stop words' perfect hash matches their list (unit tests). */
int stopwords_hashed(void);

#endif
