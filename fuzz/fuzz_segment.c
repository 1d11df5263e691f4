/* Fuzz target: arbitrary bytes (not necessarily UTF-8) as one paragraph and
 * as a text of paragraphs, through the sentence splitter and the tokenizer.
 * Checks that spans are in order, inside the text, non-empty, trimmed and
 * never overlap, and that tokens stay inside their sentence. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"

typedef struct check {
    const char *text;
    size_t n, last_end;
    chorus_story *st;
    tokenizer *tk;
    buf tokens;
} check;

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void on_sentence(void *ctx, size_t start, size_t end)
{
    check *c = ctx;
    if (start < c->last_end || end <= start || end > c->n) abort();
    if (is_space(c->text[start]) || is_space(c->text[end - 1])) abort();
    c->last_end = end;
    size_t before = VEC_COUNT(&c->tokens, token), words = 0;
    long got = token_scan(c->st, c->text, start, end, &c->tokens, c->tk, &words);
    if (got < 0) return;
    for (size_t i = before; i < VEC_COUNT(&c->tokens, token); i++) {
        const token *t = &VEC_AT(&c->tokens, token, i);
        if (t->span.start < start || t->span.end > end || t->span.end <= t->span.start) abort();
    }
    if ((size_t)got > (end - start) / 2 + 1 || words > (end - start) / 2 + 1) abort();
}

static void run(const char *text, size_t n, int paragraphs)
{
    check c = {.text = text, .n = n, .st = chorus_story_new(), .tk = tokenizer_new(n)};
    buf_init(&c.tokens, 0);
    if (c.st && c.tk) {
        if (paragraphs)
            segment_text(text, n, on_sentence, &c);
        else
            segment_paragraph(text, n, on_sentence, &c);
    }
    buf_free(&c.tokens);
    tokenizer_free(c.tk);
    chorus_story_free(c.st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy without a terminating NUL, so reads past the end are caught */
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    if (size) memcpy(text, data, size);
    run(text, size, 0);
    run(text, size, 1);
    free(text);
    return 0;
}
