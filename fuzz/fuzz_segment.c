/* Fuzz target: arbitrary bytes (not necessarily UTF-8) as one paragraph and
 * as a text of paragraphs, through the sentence splitter and the tokenizer.
 * Checks that spans are in order, inside the text, non-empty, trimmed and
 * never overlap, that tokens stay inside their sentence, and that the
 * tokenizer's two readers agree on every sentence. The text of
 * paragraphs goes through a lexicon of four words, so that words past its
 * limit take the story's own maps, and through a lexicon made for many
 * stories, which adds a run's new words at once: both must give every
 * token the same term and stem ids. */
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
    if (!token_readers_agree(c->text + start, end - start)) abort();
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

enum lexicon_kind { OWN_LEXICON, TINY_LEXICON, BATCH_LEXICON };

/* Runs the text through the splitter and the tokenizer; returns the term
 * and stem ids of its tokens (two per token, malloc'd, *count tokens), or
 * NULL when a limit or the memory ran out. */
static uint32_t *run(const char *text, size_t n, enum lexicon_kind kind, size_t *count)
{
    chorus_lexicon *lx = kind == OWN_LEXICON    ? lexicon_new(0, n)
                         : kind == TINY_LEXICON ? chorus_lexicon_new(4)
                                                : chorus_lexicon_new(0);
    check c = {.text = text, .n = n, .st = lx ? chorus_story_new_with_lexicon(lx) : NULL, .lx = lx};
    uint32_t *ids = NULL;
    buf_init(&c.tokens, 0);
    if (c.st) {
        lexicon_begin(lx, c.st);
        if (kind == OWN_LEXICON)
            segment_paragraph(text, n, on_sentence, &c);
        else
            segment_text(text, n, on_sentence, &c);
        *count = VEC_COUNT(&c.tokens, token);
        if (!c.failed && token_resolve(lx, &c.tokens) &&
            (ids = malloc(2 * *count * sizeof *ids + 1)) != NULL)
            for (size_t i = 0; i < *count; i++) {
                /* every token gets a term of the story */
                uint32_t id = VEC_AT(&c.tokens, token, i).term;
                if (id >= VEC_COUNT(&c.st->terms, term)) abort();
                ids[2 * i] = id;
                ids[2 * i + 1] = VEC_AT(&c.st->terms, term, id).stem;
            }
    }
    buf_free(&c.tokens);
    chorus_story_free(c.st);
    chorus_lexicon_free(lx);
    return ids;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy without a terminating NUL, so reads past the end are caught */
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    if (size) memcpy(text, data, size);
    size_t n_own = 0, n_tiny = 0, n_batch = 0;
    free(run(text, size, OWN_LEXICON, &n_own));
    uint32_t *tiny = run(text, size, TINY_LEXICON, &n_tiny);
    uint32_t *batch = run(text, size, BATCH_LEXICON, &n_batch);
    if (tiny && batch && (n_tiny != n_batch || memcmp(tiny, batch, 2 * n_tiny * sizeof *tiny)))
        abort();
    free(tiny);
    free(batch);
    free(text);
    return 0;
}
