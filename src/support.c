/*
 * support.c — the support layer: for a sentence, the articles that carry
 * the same content.
 *
 * Each sentence is reduced to the sorted set of its content-word stems
 * (stopwords and tokens without letters dropped). Two sentences say the
 * same thing when the binary cosine of those sets reaches
 * SUPPORT_MIN_COSINE and they share at least SUPPORT_MIN_SHARED stems; an
 * article supports a sentence when any of its sentences does. Citations of
 * the summary come from here, so a fact reported by four outlets cites all
 * four, not only the one the sentence was taken from.
 * Limits: lexical overlap only; a paraphrase with different words (a
 * re-translated quote) is missed when fewer than half its stems match.
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>

#ifndef SUPPORT_MIN_COSINE
#define SUPPORT_MIN_COSINE 0.4
#endif
#ifndef SUPPORT_MIN_SHARED
#define SUPPORT_MIN_SHARED 3
#endif

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

chorus_status support_story(chorus_story *st, chorus_error *err)
{
    uint32_t *offset = arena_alloc_array(&st->arena, st->n_sentences + 1, sizeof *offset);
    uint32_t *stems = arena_alloc_array(&st->arena, st->n_tokens + 1, sizeof *stems);
    if (!offset || !stems) return story_error(err, CHORUS_E_NOMEM, "support", -1, "out of memory");
    uint32_t pos = 0;
    for (size_t i = 0; i < st->n_sentences; i++) {
        const sentence *s = &st->sentences[i];
        offset[i] = pos;
        uint32_t begin = pos;
        for (uint32_t k = 0; k < s->n_tokens; k++) {
            const term *t = STORY_TERM(st, st->tokens[s->first_token + k].term);
            if (t->is_word && !t->is_stop) stems[pos++] = t->stem;
        }
        qsort(stems + begin, pos - begin, sizeof *stems, compare_u32);
        uint32_t w = begin;
        for (uint32_t k = begin; k < pos; k++)
            if (k == begin || stems[k] != stems[k - 1]) stems[w++] = stems[k];
        pos = w;
    }
    offset[st->n_sentences] = pos;
    st->stem_offsets = offset;
    st->stem_lists = stems;
    return CHORUS_OK;
}

const uint32_t *support_stems(const chorus_story *st, size_t i, size_t *n)
{
    *n = st->stem_offsets[i + 1] - st->stem_offsets[i];
    return st->stem_lists + st->stem_offsets[i];
}

static size_t shared_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, shared = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            shared++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return shared;
}

double support_similarity(const chorus_story *st, size_t a, size_t b)
{
    size_t na, nb;
    const uint32_t *sa = support_stems(st, a, &na), *sb = support_stems(st, b, &nb);
    if (!na || !nb) return 0.0;
    return (double)shared_count(sa, na, sb, nb) / sqrt((double)na * (double)nb);
}

static int supports(const chorus_story *st, size_t a, size_t b)
{
    size_t na, nb;
    const uint32_t *sa = support_stems(st, a, &na), *sb = support_stems(st, b, &nb);
    if (!na || !nb) return 0;
    size_t shared = shared_count(sa, na, sb, nb);
    return shared >= SUPPORT_MIN_SHARED &&
           (double)shared / sqrt((double)na * (double)nb) >= SUPPORT_MIN_COSINE;
}

void support_sources(const chorus_story *st, size_t i, buf *out)
{
    size_t own = st->sentences[i].article;
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        int found = a == own;
        const article *art = STORY_ARTICLE(st, a);
        for (size_t k = 0; !found && k < art->n_sentences; k++)
            found = supports(st, i, art->first_sentence + k);
        if (found) {
            size_t *slot = vec_push(out, sizeof *slot);
            if (slot) *slot = a;
        }
    }
}
