/* segment.h — sentence boundaries and tokens of the clean text. */
#ifndef CHORUS_SEGMENT_H
#define CHORUS_SEGMENT_H

#include <stddef.h>

#include "story.h"

/* Calls emit(ctx, start, end) for each sentence of text[0..n), a single
 * paragraph, in order; spans are trimmed of surrounding spaces. */
typedef void (*sentence_fn)(void *ctx, size_t start, size_t end);
void segment_paragraph(const char *text, size_t n, sentence_fn emit, void *ctx);

/* Nonzero when text[0..n) ends with terminal punctuation, possibly followed
 * by closing quotation marks or brackets. */
int segment_ends_sentence(const char *text, size_t n);

/* Tokenizer (token.c): appends the word and number tokens of text[start,
 * end) to st's token list, interning their terms. Returns the number of
 * tokens added, or -1 when a limit was reached. */
long token_scan(chorus_story *st, const char *text, size_t start, size_t end, buf *tokens,
                void *stemmer);
void *token_stemmer_new(void);
void token_stemmer_free(void *stemmer);

/* Nonzero for an English function word (stopwords.c); word is lower case. */
int is_stopword(const char *word, size_t n);

#endif
