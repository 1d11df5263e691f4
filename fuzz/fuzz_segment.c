/* Fuzz target: arbitrary bytes (not necessarily UTF-8) as one paragraph and
 * as a text of paragraphs, through the sentence splitter and the tokenizer.
 * Checks that spans are in order, inside the text, non-empty, trimmed and
 * never overlap, and that tokens stay inside their sentence. The text of
 * paragraphs goes through a lexicon of four words, so that words past its
 * limit take the story's own maps. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "segment.h"

typedef struct check {
    const char *text;
    size_t n, last_end;
    chorus_story *st;
    chorus_lexicon *lx;
    buf tokens;
    int failed;
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
    long got = token_scan(c->lx, c->text, c->n, start, end, &c->tokens, &words);
    if (got < 0) return;
    for (size_t i = before; i < VEC_COUNT(&c->tokens, token); i++) {
        const token *t = &VEC_AT(&c->tokens, token, i);
        if (t->span.start < start || t->span.end > end || t->span.end <= t->span.start) abort();
    }
    if ((size_t)got > (end - start) / 2 + 1 || words > (end - start) / 2 + 1) abort();
    if (token_pending(c->lx) >= 3 && !token_resolve(c->lx, &c->tokens)) c->failed = 1;
}

static void run(const char *text, size_t n, int paragraphs)
{
    chorus_lexicon *lx = paragraphs ? chorus_lexicon_new(4) : lexicon_new(0, n);
    check c = {.text = text, .n = n, .st = lx ? chorus_story_new_with_lexicon(lx) : NULL, .lx = lx};
    buf_init(&c.tokens, 0);
    if (c.st) {
        lexicon_begin(lx, c.st);
        if (paragraphs)
            segment_text(text, n, on_sentence, &c);
        else
            segment_paragraph(text, n, on_sentence, &c);
        /* every token gets a term of the story */
        if (!c.failed && token_resolve(lx, &c.tokens))
            for (size_t i = 0; i < VEC_COUNT(&c.tokens, token); i++)
                if (VEC_AT(&c.tokens, token, i).term >= VEC_COUNT(&c.st->terms, term)) abort();
    }
    buf_free(&c.tokens);
    chorus_story_free(c.st);
    chorus_lexicon_free(lx);
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
