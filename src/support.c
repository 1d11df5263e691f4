/*
 * support.c — the support layer: for a sentence, the articles that carry
 * the same content.
 *
 * Each sentence is reduced to the sorted set of its content-word stems
 * (stopwords and tokens without letters dropped). Two sentences say the
 * same thing when the binary cosine of those sets reaches
 * SUPPORT_MIN_COSINE, they share at least SUPPORT_MIN_SHARED stems, and
 * the supporting sentence states every number the other states; an
 * article supports a sentence when any of its sentences does. Citations of
 * the summary come from here, so a fact reported by four outlets cites all
 * four, not only the one the sentence was taken from.
 * Numbers: words alone would let "12 died" support "40 died", so each
 * token holding a digit is read as a number (its first run of digits,
 * commas and one decimal point: "4,250", "12.75", "17" of "17-million"),
 * and the two sentences' numbers must be equal or one the other rounded
 * within ROUNDING_SHARE ("nearly 300" for 296). A four-digit year matches
 * only itself.
 * Limits: lexical overlap only; a paraphrase with different words (a
 * re-translated quote) is missed when fewer than half its stems match; a
 * number written out ("three") does not match its digits. The numbers
 * asked of a supporter are those the printed sentence still shows (a
 * parenthesis compression left out asks nothing), found by their text.
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef SUPPORT_MIN_COSINE
#define SUPPORT_MIN_COSINE 0.4
#endif
#ifndef SUPPORT_MIN_SHARED
#define SUPPORT_MIN_SHARED 3
#endif
/* A rounded number stays within this share of the one it rounds. */
#define ROUNDING_SHARE 0.05
/* Numbers of a summary sentence asked of its supporters, at most. */
#define MAX_ASKED_NUMBERS 64
/* Digits of a number kept; later ones before the point scale it. */
#define MAX_NUMBER_DIGITS 18

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v[0, n) and keeps each value once; returns how many remain. */
static uint32_t distinct_u32(uint32_t *v, uint32_t n)
{
    qsort(v, n, sizeof *v, compare_u32);
    uint32_t w = 0;
    for (uint32_t k = 0; k < n; k++)
        if (k == 0 || v[k] != v[k - 1]) v[w++] = v[k];
    return w;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void strip_trailing_zeros(support_number *n)
{
    while (n->digits && n->digits % 10 == 0) {
        n->digits /= 10;
        n->exp++;
    }
    if (!n->digits) n->exp = 0;
}

/* The number a token's lower-cased form holds (see the top); 0 when it
 * holds no digit. */
static int read_number(const char *s, support_number *out)
{
    while (*s && !is_digit(*s))
        s++;
    if (!*s) return 0;
    const char *first = s;
    int point = 0, kept = 0, separators = 0;
    out->digits = 0;
    out->exp = 0;
    for (;; s++) {
        if (is_digit(*s)) {
            if (kept < MAX_NUMBER_DIGITS) {
                out->digits = out->digits * 10 + (uint64_t)(*s - '0');
                out->exp -= point;
                kept++;
            } else if (!point) {
                out->exp++;
            }
        } else if (*s == ',' || (*s == '.' && !point && is_digit(s[1]))) {
            point |= *s == '.';
            separators++;
        } else {
            break;
        }
    }
    out->year = !separators && s - first == 4 && (*first == '1' || *first == '2');
    strip_trailing_zeros(out);
    return 1;
}

static int holds_digit(const char *s)
{
    for (; *s; s++)
        if (is_digit(*s)) return 1;
    return 0;
}

/* Each sentence's numbers, in reading order; counted first, so that the
 * list takes room for the story's numbers only. */
static chorus_status collect_numbers(chorus_story *st, chorus_error *err)
{
    size_t count = 0;
    for (size_t k = 0; k < st->n_tokens; k++)
        count += holds_digit(STORY_TERM(st, st->tokens[k].term)->lower);
    uint32_t *offset = arena_alloc_array(&st->arena, st->n_sentences + 1, sizeof *offset);
    support_number *numbers = arena_alloc_array(&st->arena, count + 1, sizeof *numbers);
    if (!offset || !numbers)
        return story_error(err, CHORUS_E_NOMEM, "support", -1, "out of memory");
    uint32_t pos = 0;
    for (size_t i = 0; i < st->n_sentences; i++) {
        const sentence *s = &st->sentences[i];
        offset[i] = pos;
        for (uint32_t k = 0; k < s->n_tokens && pos < count; k++) {
            const term *t = STORY_TERM(st, st->tokens[s->first_token + k].term);
            if (read_number(t->lower, &numbers[pos])) numbers[pos++].token = s->first_token + k;
        }
    }
    offset[st->n_sentences] = pos;
    st->number_offsets = offset;
    st->number_lists = numbers;
    return CHORUS_OK;
}

chorus_status support_story(chorus_story *st, chorus_error *err)
{
    uint32_t *offset = arena_alloc_array(&st->arena, st->n_sentences + 1, sizeof *offset);
    uint32_t *stems = arena_alloc_array(&st->arena, st->n_tokens + 1, sizeof *stems);
    if (!offset || !stems) return story_error(err, CHORUS_E_NOMEM, "support", -1, "out of memory");
    uint32_t pos = 0;
    for (size_t i = 0; i < st->n_sentences; i++) {
        const sentence *s = &st->sentences[i];
        uint32_t begin = offset[i] = pos;
        for (uint32_t k = 0; k < s->n_tokens; k++) {
            const term *t = STORY_TERM(st, st->tokens[s->first_token + k].term);
            if (t->is_word && !t->is_stop) stems[pos++] = t->stem;
        }
        pos = begin + distinct_u32(stems + begin, pos - begin);
    }
    offset[st->n_sentences] = pos;
    st->stem_offsets = offset;
    st->stem_lists = stems;
    return collect_numbers(st, err);
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

/* x and y state one number: equal, or the coarser is the finer rounded
 * and within ROUNDING_SHARE of it. A year matches only itself. */
static int same_number(const support_number *x, const support_number *y)
{
    if (x->digits == y->digits && x->exp == y->exp) return 1;
    if (x->year || y->year || x->exp == y->exp) return 0;
    const support_number *coarse = x->exp > y->exp ? x : y, *fine = x->exp > y->exp ? y : x;
    int32_t shift = coarse->exp - fine->exp;
    if (shift > MAX_NUMBER_DIGITS) return 0;
    uint64_t unit = 1;
    for (int32_t k = 0; k < shift; k++)
        unit *= 10;
    uint64_t rounded = fine->digits / unit + (fine->digits % unit >= (unit + 1) / 2);
    if (rounded != coarse->digits) return 0;
    double c = (double)coarse->digits, f = (double)fine->digits / (double)unit;
    return fabs(c - f) <= ROUNDING_SHARE * c;
}

/* Sentence b states every number of asked[0, n) (see the top). */
static int states_numbers(const chorus_story *st, const support_number *asked, size_t n, size_t b)
{
    const support_number *y = st->number_lists + st->number_offsets[b];
    size_t ny = st->number_offsets[b + 1] - st->number_offsets[b];
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < ny && !same_number(&asked[i], &y[j]))
            j++;
        if (j == ny) return 0;
    }
    return 1;
}

static int contains(const char *hay, const char *needle, size_t n)
{
    for (; *hay; hay++)
        if (strncmp(hay, needle, n) == 0) return 1;
    return 0;
}

/* The numbers of sentence i that its printed form still shows (all when
 * printed is NULL), at most MAX_ASKED_NUMBERS: a number in a part that
 * compression left out is not asked of a supporter. */
static size_t asked_numbers(const chorus_story *st, size_t i, const char *printed,
                            support_number *asked)
{
    const support_number *x = st->number_lists + st->number_offsets[i];
    size_t nx = st->number_offsets[i + 1] - st->number_offsets[i], n = 0;
    const char *text = STORY_ARTICLE(st, st->sentences[i].article)->text;
    for (size_t k = 0; k < nx && n < MAX_ASKED_NUMBERS; k++) {
        span sp = st->tokens[x[k].token].span;
        if (!printed || contains(printed, text + sp.start, sp.end - sp.start)) asked[n++] = x[k];
    }
    return n;
}

/* Sentence b is close enough in words to sentence a. */
static int close_in_words(const chorus_story *st, size_t a, size_t b)
{
    size_t na, nb;
    const uint32_t *sa = support_stems(st, a, &na), *sb = support_stems(st, b, &nb);
    if (!na || !nb) return 0;
    size_t shared = shared_count(sa, na, sb, nb);
    return shared >= SUPPORT_MIN_SHARED &&
           (double)shared / sqrt((double)na * (double)nb) >= SUPPORT_MIN_COSINE;
}

void support_sources(const chorus_story *st, size_t i, const char *printed, buf *out)
{
    support_number asked[MAX_ASKED_NUMBERS];
    size_t n_asked = asked_numbers(st, i, printed, asked);
    size_t own = st->sentences[i].article;
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        int found = a == own;
        const article *art = STORY_ARTICLE(st, a);
        for (size_t k = 0; !found && k < art->n_sentences; k++) {
            size_t j = art->first_sentence + k;
            found = close_in_words(st, i, j) && states_numbers(st, asked, n_asked, j);
        }
        if (found) {
            size_t *slot = vec_push(out, sizeof *slot);
            if (slot) *slot = a;
        }
    }
}
