/*
 * summarize.c — the summarize stage: choose, order and cite sentences.
 *
 * Concepts are the story's stemmed content words and adjacent-word bigrams
 * (a bigram of two function words is not a concept). A concept weighs the
 * number of articles that carry it, squared (DF_EXPONENT) — what several
 * outlets report is what the story is about — and counts only when at
 * least two articles carry it (in a story of three or more articles); a
 * content word that an article's title uses weighs TITLE_BONUS more.
 * Selection is the cost-scaled greedy of budgeted coverage maximization:
 * repeatedly take the sentence whose not-yet-covered concept weight,
 * divided by its length to the power LENGTH_EXPONENT and raised by a
 * lead-position prior, is largest, among sentences that fit the remaining
 * budget and are not near-duplicates of a chosen one. Covered concepts
 * count once, which is the redundancy control.
 *
 * Candidates are the sentences of MIN_WORDS to MAX_WORDS words that may
 * stand in a summary (candidates.c); a question counts its concepts but is
 * never chosen (a summary reports). A sentence that points back ("She
 * said...", "The company said...") competes as a unit with the sentence
 * before it in its article, which introduces what it points to; with no
 * such sentence it is not taken, unless that sentence repeats one already
 * chosen, after which it is then printed.
 * The chosen sentences are printed in story order (article date, input
 * order and position when every article is dated, else position first:
 * the leads), each citing every article that reports the same content
 * (support.c). A dateline opening a sentence is not printed;
 * compress.c shortens the rest, and introduce.c writes the first mention
 * of each person in full and later ones by surname; the words the
 * surnames save go back to the budget, and selection goes on with them
 * (refill_saved_words); the words the full names add are kept free,
 * giving back sentences and filling again when needed, so that nobody is
 * named by surname before the summary has named them in full
 * (fit_introductions). When no concept is left to gain, the rest of the
 * budget goes to the articles' leading sentences. --method selects
 * instead one of the classic rankers of rank.c, whose sentences are taken
 * in score order.
 * Limits: greedy, not exact (an exact optimum of this coverage objective
 * scored lower ROUGE on the development sets than the greedy with its
 * length and position terms); references are resolved only by adjacency.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "compress.h"
#include "entities.h"
#include "introduce.h"
#include "meta.h"
#include "rank.h"
#include "support.h"
#include "utf8.h"

/* Tuning constants (bench/README.md has the measurements behind them). */
#ifndef LENGTH_EXPONENT
#define LENGTH_EXPONENT 0.5
#endif
#ifndef POSITION_WEIGHT
#define POSITION_WEIGHT 1.0
#endif
#ifndef UNIGRAM_WEIGHT
#define UNIGRAM_WEIGHT 0.6
#endif
#ifndef REDUNDANT_COSINE
#define REDUNDANT_COSINE 0.5
#endif
#ifndef DF_EXPONENT
#define DF_EXPONENT 2.0
#endif
#ifndef TITLE_BONUS
#define TITLE_BONUS 0.5
#endif
#ifndef REFERENT_UNITS
#define REFERENT_UNITS 1
#endif
#ifndef FIT_INTRODUCTIONS
#define FIT_INTRODUCTIONS 1
#endif
#ifndef MIN_WORDS
#define MIN_WORDS 5
#endif
#define MAX_WORDS 80

typedef struct candidate {
    uint32_t sentence;
    uint32_t first_concept, n_concepts; /* in the concept id list */
    uint32_t words, bytes;
    const char *text; /* printed text */
    double prior;
    int32_t needs;   /* candidate that must precede it (NEEDS_*, or an index) */
    uint32_t chosen; /* 0, or its place in the order of choosing (1 first) */
    int32_t anchor;  /* chosen candidate its missing predecessor repeats, or -1 */
    int asks;        /* a question: it counts concepts but is never chosen */
} candidate;

/* candidate.needs: no predecessor needed, or one that cannot be had */
#define NEEDS_NOTHING (-1)
#define NEEDS_MISSING (-2)

typedef struct concept_table {
    map ids;         /* key: stem pair bytes -> concept id */
    buf last_art;    /* uint32 per concept: last article seen + 1 */
    buf df;          /* uint32 per concept */
    buf in_title;    /* uint8 per concept: a word of it is in an article's title */
    map title_words; /* lower-cased words of the articles' titles */
} concept_table;

static long concept_id(concept_table *ct, uint32_t a, uint32_t b, uint32_t art)
{
    uint32_t key[2] = {a, b};
    uint32_t next = (uint32_t)VEC_COUNT(&ct->df, uint32_t);
    int inserted;
    map_slot *slot = map_upsert(&ct->ids, (const char *)key, sizeof key, next, &inserted);
    if (!slot) return -1;
    if (inserted) {
        if (!vec_push(&ct->df, sizeof(uint32_t)) || !vec_push(&ct->last_art, sizeof(uint32_t)) ||
            !vec_push(&ct->in_title, 1))
            return -1;
    }
    uint32_t id = slot->value;
    if (VEC_AT(&ct->last_art, uint32_t, id) != art + 1) {
        VEC_AT(&ct->last_art, uint32_t, id) = art + 1;
        VEC_AT(&ct->df, uint32_t, id)++;
    }
    return id;
}

/* The sentence's concepts, appended to ids (duplicates removed later). */
static int sentence_concepts(const chorus_story *st, const sentence *s, concept_table *ct, buf *ids)
{
    uint32_t prev_stem = UINT32_MAX;
    int prev_stop = 1;
    for (uint32_t k = 0; k < s->n_tokens; k++) {
        const term *t = STORY_TERM(st, st->tokens[s->first_token + k].term);
        if (!t->is_word) {
            prev_stem = UINT32_MAX;
            continue;
        }
        if (!t->is_stop) {
            long id = concept_id(ct, t->stem, UINT32_MAX, s->article);
            uint32_t *slot = id >= 0 ? vec_push(ids, sizeof *slot) : NULL;
            if (!slot) return 0;
            *slot = (uint32_t)id;
            if (map_get(&ct->title_words, t->lower, strlen(t->lower)))
                VEC_AT(&ct->in_title, uint8_t, id) = 1;
        }
        if (prev_stem != UINT32_MAX && !(prev_stop && t->is_stop)) {
            long id = concept_id(ct, prev_stem, t->stem, s->article);
            uint32_t *slot = id >= 0 ? vec_push(ids, sizeof *slot) : NULL;
            if (!slot) return 0;
            *slot = (uint32_t)id;
        }
        prev_stem = t->stem;
        prev_stop = t->is_stop;
    }
    return 1;
}

/* The printed form of a sentence: without a leading dateline, and
 * compressed unless the options say otherwise. */
static const char *printed_text(chorus_story *st, const sentence *s, size_t *len)
{
    const article *a = STORY_ARTICLE(st, s->article);
    const char *text = a->text + s->span.start;
    size_t n = s->span.end - s->span.start;
    if (s->position == 0 && a->meta.dateline[0]) {
        char place[128];
        size_t skip = meta_dateline(text, n, place, sizeof place);
        if (skip && skip < n) text += skip, n -= skip;
    }
    char *out = arena_alloc(&st->arena, n + 1);
    if (!out) return NULL;
    if (st->opts.compress)
        n = compress_sentence(text, n, out);
    else
        memcpy(out, text, n);
    out[n] = '\0';
    *len = n;
    return out;
}

typedef struct selection {
    chorus_story *st;
    candidate *cands;
    size_t n_cands;
    uint32_t *concepts; /* concept ids of all candidates */
    double *weight;     /* per concept */
    uint8_t *covered;   /* per concept */
    size_t n_concepts;
    uint32_t *taken;            /* the chosen candidates, in the order of choosing */
    size_t words, bytes, count; /* used budget; count is also taken's length */
} selection;

static double gain_of(const selection *sel, const candidate *c)
{
    double gain = 0;
    for (uint32_t k = 0; k < c->n_concepts; k++) {
        uint32_t id = sel->concepts[c->first_concept + k];
        if (!sel->covered[id]) gain += sel->weight[id];
    }
    return gain;
}

/* Nonzero when the budget has room for c and, when given, its predecessor p. */
static int fits_unit(const selection *sel, const candidate *c, const candidate *p)
{
    const chorus_options *o = &sel->st->opts;
    size_t words = c->words + (p ? p->words : 0), count = p ? 2 : 1;
    size_t bytes = c->bytes + (p ? p->bytes + 1 : 0) + (sel->count ? 1 : 0);
    if (o->max_words && sel->words + words > o->max_words) return 0;
    if (o->max_bytes && sel->bytes + bytes > o->max_bytes) return 0;
    if (o->max_sentences && sel->count + count > o->max_sentences) return 0;
    return 1;
}

static int fits(const selection *sel, const candidate *c)
{
    return fits_unit(sel, c, NULL);
}

static int repeats(const selection *sel, uint32_t chosen, const candidate *c)
{
    return support_similarity(sel->st, sel->cands[chosen].sentence, c->sentence) >=
           REDUNDANT_COSINE;
}

/* The first in story order of the chosen candidates that c repeats (a
 * near-duplicate), or -1. */
static long repeated_by(const selection *sel, const candidate *c)
{
    long first = -1;
    for (size_t k = 0; k < sel->count; k++)
        if ((first < 0 || sel->taken[k] < first) && repeats(sel, sel->taken[k], c))
            first = sel->taken[k];
    return first;
}

static int redundant(const selection *sel, const candidate *c)
{
    for (size_t k = 0; k < sel->count; k++)
        if (repeats(sel, sel->taken[k], c)) return 1;
    return 0;
}

/* The predecessor c needs and does not yet have, or NULL. A predecessor
 * that repeats a chosen sentence is had: what c points back to is
 * printed already. */
static candidate *missing_predecessor(const selection *sel, const candidate *c)
{
    candidate *p = c->needs >= 0 && !sel->cands[c->needs].chosen ? &sel->cands[c->needs] : NULL;
    return p && !redundant(sel, p) ? p : NULL;
}

/* Not-yet-covered weight of c together with p (when given), each concept
 * counted once. */
static double unit_gain(selection *sel, const candidate *c, const candidate *p)
{
    if (!p) return gain_of(sel, c);
    double gain = gain_of(sel, p);
    for (uint32_t k = 0; k < p->n_concepts; k++) {
        uint32_t id = sel->concepts[p->first_concept + k];
        if (!sel->covered[id]) sel->covered[id] = 2;
    }
    gain += gain_of(sel, c);
    for (uint32_t k = 0; k < p->n_concepts; k++) {
        uint32_t id = sel->concepts[p->first_concept + k];
        if (sel->covered[id] == 2) sel->covered[id] = 0;
    }
    return gain;
}

/* One greedy step: the best candidate, or -1. A sentence that opens by
 * pointing back competes together with the sentence before it. */
static long pick(selection *sel)
{
    long best = -1;
    double best_score = 0;
    for (size_t i = 0; i < sel->n_cands; i++) {
        const candidate *c = &sel->cands[i];
        if (c->chosen || c->asks || c->needs == NEEDS_MISSING) continue;
        const candidate *p = missing_predecessor(sel, c);
        if (!fits_unit(sel, c, p)) continue;
        double gain = unit_gain(sel, c, p);
        if (gain <= 0) continue;
        double words = (double)c->words + (p ? p->words : 0);
        double score = gain / pow(words, LENGTH_EXPONENT) * (p ? p->prior : c->prior);
        if (score > best_score && !redundant(sel, c)) best_score = score, best = (long)i;
    }
    return best;
}

/* Takes c into the summary, counting its budget. When c's predecessor is
 * not taken because it repeats a chosen sentence, c is printed after
 * that one. */
static void choose_plain(selection *sel, candidate *c)
{
    c->anchor = c->needs >= 0 && !sel->cands[c->needs].chosen
                    ? (int32_t)repeated_by(sel, &sel->cands[c->needs])
                    : -1;
    sel->words += c->words;
    sel->bytes += c->bytes + (sel->count ? 1 : 0);
    sel->taken[sel->count] = (uint32_t)(c - sel->cands);
    c->chosen = (uint32_t)++sel->count;
}

/* Gives back the candidate chosen last (its concepts stay covered). */
static void unchoose_last(selection *sel)
{
    candidate *c = &sel->cands[sel->taken[sel->count - 1]];
    c->chosen = 0;
    c->anchor = -1;
    sel->count--;
    sel->words -= c->words;
    sel->bytes -= c->bytes + (sel->count ? 1 : 0);
}

/* Takes c and marks its concepts covered. */
static void choose(selection *sel, candidate *c)
{
    choose_plain(sel, c);
    for (uint32_t k = 0; k < c->n_concepts; k++)
        sel->covered[sel->concepts[c->first_concept + k]] = 1;
}

/* Printing order: when every article has a date, by article date, then
 * input order, then position (the story as it unfolded); else by position
 * in the article, then input order (the leads, which state what happened,
 * first). A sentence that points back comes right after the sentence
 * before it, or when that one was not taken because a chosen sentence
 * repeats it, after the chosen sentence (and what follows it). */
typedef struct order_key {
    const char *date;
    uint32_t lead, article, position, after, index;
} order_key;

static int compare_keys(const void *pa, const void *pb)
{
    const order_key *a = pa, *b = pb;
    int d = strcmp(a->date, b->date);
    if (d) return d;
    if (a->lead != b->lead) return a->lead < b->lead ? -1 : 1;
    if (a->article != b->article) return a->article < b->article ? -1 : 1;
    if (a->position != b->position) return a->position < b->position ? -1 : 1;
    if (a->after != b->after) return a->after < b->after ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static order_key printing_key(const selection *sel, size_t i, int dated)
{
    const chorus_story *st = sel->st;
    const candidate *c = &sel->cands[i];
    /* printed with the one it points back to: right after it, and after
     * that, one whose predecessor the chosen sentence repeats */
    long before = -1;
    if (c->anchor >= 0)
        before = c->anchor;
    else if (c->needs >= 0 && sel->cands[c->needs].chosen)
        before = c->needs;
    if (before >= 0) {
        order_key key = printing_key(sel, (size_t)before, dated);
        key.after += c->anchor >= 0 ? 2 : 1;
        key.index = (uint32_t)i;
        return key;
    }
    const sentence *s = &st->sentences[c->sentence];
    return (order_key){.date = dated ? STORY_ARTICLE(st, s->article)->meta.date : "",
                       .lead = dated ? 0 : s->position, /* dated stories unfold by date */
                       .article = s->article,
                       .position = s->position,
                       .index = (uint32_t)i};
}

static int all_dated(const chorus_story *st)
{
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++)
        if (!STORY_ARTICLE(st, a)->meta.date[0]) return 0;
    return 1;
}

/* What the budget still allows once the chosen sentences are counted. */
static name_room budget_room(const selection *sel)
{
    const chorus_options *o = &sel->st->opts;
    name_room room = {SIZE_MAX, SIZE_MAX};
    if (o->max_words) room.words = o->max_words > sel->words ? o->max_words - sel->words : 0;
    if (o->max_bytes) room.bytes = o->max_bytes > sel->bytes ? o->max_bytes - sel->bytes : 0;
    return room;
}

/* The chosen candidates' printing keys, in printing order, into keys (room
 * for sel->count); returns their number. */
static size_t print_order(const selection *sel, order_key *keys)
{
    int dated = all_dated(sel->st);
    for (size_t k = 0; k < sel->count; k++)
        keys[k] = printing_key(sel, sel->taken[k], dated);
    qsort(keys, sel->count, sizeof *keys, compare_keys);
    return sel->count;
}

/* The printed text of candidate c: people introduced earlier named by
 * surname, people met first named in full as room allows (introduce.c). */
static const char *people_named(chorus_story *st, const candidate *c, uint8_t *introduced,
                                name_room *room)
{
    const char *text = name_people_again(st, c->sentence, c->text, introduced);
    return text ? introduce_people(st, c->sentence, text, introduced, room) : NULL;
}

/* The chosen sentences as they would be printed, in printing order:
 * people introduced earlier named by surname, and with `introduce` set
 * everyone met first named in full (unset: nobody lengthened). */
typedef struct printed_size {
    size_t words, bytes; /* bytes with one separator between sentences */
    size_t saved;        /* words the surnames save over the chosen texts */
} printed_size;

/* Measures the printed summary into out; 0 when out of memory. */
static int measure_printed(selection *sel, int introduce, printed_size *out)
{
    chorus_story *st = sel->st;
    size_t n_entities = st->analysis ? st->analysis->n_entities : 0;
    order_key *keys = malloc((sel->count + 1) * sizeof *keys);
    uint8_t *introduced = calloc(n_entities + 1, 1);
    size_t n = keys && introduced ? print_order(sel, keys) : 0;
    int ok = keys && introduced;
    *out = (printed_size){0, 0, 0};
    for (size_t k = 0; k < n && ok; k++) {
        const candidate *c = &sel->cands[keys[k].index];
        name_room room = introduce ? (name_room){SIZE_MAX, SIZE_MAX} : (name_room){0, 0};
        const char *text = people_named(st, c, introduced, &room);
        if (!text) {
            ok = 0;
            break;
        }
        size_t len = strlen(text), words = text_count_words(text, len);
        out->words += words;
        out->bytes += len + (k ? 1 : 0);
        out->saved += words < c->words ? c->words - words : 0;
    }
    free(keys);
    free(introduced);
    return ok;
}

/* The words that naming people by surname once introduced saves over the
 * chosen sentences as they would be printed; SIZE_MAX when out of memory. */
static size_t words_saved(selection *sel)
{
    printed_size size;
    return measure_printed(sel, 0, &size) ? size.saved : SIZE_MAX;
}

/* Once chosen, the summary's later mentions of people are printed by
 * surname; the words that saves go back to the word budget, and more()
 * chooses again with them. What it adds is given back, last first, while
 * the summary as printed would not fit. */
static chorus_status refill_saved_words(selection *sel, void (*more)(selection *, void *),
                                        void *ctx)
{
    if (!sel->st->opts.max_words || !sel->count) return CHORUS_OK;
    size_t saved = words_saved(sel), count = sel->count;
    if (saved == SIZE_MAX) return CHORUS_E_NOMEM;
    if (!saved) return CHORUS_OK;
    sel->words -= saved;
    more(sel, ctx);
    sel->words += saved; /* the chosen sentences' words as written */
    while (sel->count > count) {
        size_t now = words_saved(sel);
        if (now == SIZE_MAX) return CHORUS_E_NOMEM;
        if (sel->words - now <= sel->st->opts.max_words) {
            saved = now;
            break;
        }
        unchoose_last(sel);
    }
    sel->words -= saved; /* as printed, before introductions add words */
    return CHORUS_OK;
}

static chorus_status emit_summary(selection *sel, chorus_error *err)
{
    chorus_story *st = sel->st;
    order_key *keys = arena_alloc_array(&st->arena, sel->count ? sel->count : 1, sizeof *keys);
    st->summary = arena_alloc_array(&st->arena, sel->count ? sel->count : 1, sizeof *st->summary);
    if (!keys || !st->summary)
        return story_error(err, CHORUS_E_NOMEM, "summarize", -1, "out of memory");
    size_t n = print_order(sel, keys);
    name_room room = budget_room(sel);
    size_t n_entities = st->analysis ? st->analysis->n_entities : 0;
    uint8_t *introduced = arena_alloc(&st->arena, n_entities + 1);
    buf sources;
    buf_init(&sources, 0);
    for (size_t k = 0; k < n; k++) {
        const candidate *c = &sel->cands[keys[k].index];
        summary_item *it = &st->summary[k];
        it->sentence = c->sentence;
        it->text = people_named(st, c, introduced, &room);
        if (!it->text) {
            buf_free(&sources);
            return story_error(err, CHORUS_E_NOMEM, "summarize", -1, "out of memory");
        }
        buf_reset(&sources);
        support_sources(st, c->sentence, it->text, &sources);
        it->n_sources = VEC_COUNT(&sources, size_t);
        it->sources = arena_memdup(&st->arena, sources.data ? sources.data : "", sources.len);
    }
    buf_free(&sources);
    st->n_summary = n;
    return CHORUS_OK;
}

static double position_prior(uint32_t position)
{
    return 1.0 + POSITION_WEIGHT / (1.0 + (double)position);
}

/* How strict a selection attempt is: the first takes complete mid-length
 * sentences and concepts that two articles share; when that yields
 * nothing (a story whose articles share no words, or whose sentences are
 * all too long or unfinished), concepts of one article count, and then any
 * sentence of a few words may serve, even one that points back or asks
 * when no sentence stands alone. */
typedef enum attempt { ATTEMPT_STRICT, ATTEMPT_ONE_ARTICLE, ATTEMPT_ANY_SENTENCE } attempt;

/* The candidate just before c in its article, when c's sentence follows it
 * directly, needs nothing itself and is no question; else NEEDS_MISSING. */
static int32_t predecessor(const chorus_story *st, const buf *cands, const candidate *c)
{
    size_t n = VEC_COUNT(cands, candidate);
    if (n < 2) return NEEDS_MISSING;
    const candidate *p = &VEC_AT(cands, candidate, n - 2);
    const sentence *ps = &st->sentences[p->sentence], *cs = &st->sentences[c->sentence];
    if (ps->article != cs->article || ps->position + 1 != cs->position) return NEEDS_MISSING;
    return p->needs == NEEDS_NOTHING && !p->asks ? (int32_t)(n - 2) : NEEDS_MISSING;
}

/* When every candidate points back or asks (a story of two quoted
 * statements, "He told ..." and "She said ..."), any may serve: a
 * sentence rather than none. */
static void take_any_when_none_stands_alone(buf *cands)
{
    candidate *c = (candidate *)(void *)cands->data;
    size_t n = VEC_COUNT(cands, candidate);
    for (size_t i = 0; i < n; i++)
        if (c[i].needs == NEEDS_NOTHING && !c[i].asks) return;
    for (size_t i = 0; i < n; i++)
        c[i].needs = NEEDS_NOTHING, c[i].asks = 0;
}

static chorus_status build_candidates(selection *sel, concept_table *ct, buf *cands, buf *ids,
                                      attempt level)
{
    chorus_story *st = sel->st;
    for (size_t i = 0; i < st->n_sentences; i++) {
        const sentence *s = &st->sentences[i];
        if (level == ATTEMPT_ANY_SENTENCE ? s->words < 3
                                          : !candidate_eligible(st, s, MIN_WORDS, MAX_WORDS))
            continue;
        if (candidate_speaks_to_reader(st, s)) continue;
        candidate *c = vec_push(cands, sizeof *c);
        if (!c) return CHORUS_E_LIMIT;
        c->sentence = (uint32_t)i;
        c->first_concept = (uint32_t)VEC_COUNT(ids, uint32_t);
        if (!sentence_concepts(st, s, ct, ids)) return CHORUS_E_LIMIT;
        c->n_concepts = (uint32_t)VEC_COUNT(ids, uint32_t) - c->first_concept;
        size_t len;
        c->text = printed_text(st, s, &len);
        if (!c->text) return CHORUS_E_NOMEM;
        c->words = (uint32_t)text_count_words(c->text, len);
        c->bytes = (uint32_t)len;
        c->prior = position_prior(s->position);
        c->asks = candidate_asks(c->text, len);
        c->needs = NEEDS_NOTHING;
        c->anchor = -1;
        if (REFERENT_UNITS && candidate_points_back(st, s, c->text, c->words))
            c->needs = predecessor(st, cands, c);
    }
    if (level == ATTEMPT_ANY_SENTENCE) take_any_when_none_stands_alone(cands);
    return CHORUS_OK;
}

static void weigh_concepts(selection *sel, const concept_table *ct, attempt level)
{
    size_t n_articles = STORY_ARTICLE_COUNT(sel->st);
    uint32_t min_df = n_articles >= 3 && level == ATTEMPT_STRICT ? 2 : 1;
    for (size_t id = 0; id < sel->n_concepts; id++) {
        uint32_t df = VEC_AT(&ct->df, uint32_t, id);
        sel->weight[id] = df >= min_df ? pow((double)df, DF_EXPONENT) : 0.0;
        if (VEC_AT(&ct->in_title, uint8_t, id)) sel->weight[id] *= 1.0 + TITLE_BONUS;
    }
    /* a unigram concept weighs UNIGRAM_WEIGHT times a bigram of the same spread */
    for (size_t i = 0; i < ct->ids.cap; i++) {
        const map_slot *s = &ct->ids.slots[i];
        if (!s->key) continue;
        uint32_t key[2];
        memcpy(key, s->key, sizeof key);
        if (key[1] == UINT32_MAX) sel->weight[s->value] *= UNIGRAM_WEIGHT;
    }
}

typedef struct ranked {
    double score;
    uint32_t index; /* in sel->cands */
} ranked;

static int compare_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* What take_in_order skips besides what does not fit the budget. */
enum { FILTER_NONE, FILTER_DUPLICATES, FILTER_REFERENTS };

/* Takes the candidates in the given order, each one that fits the budget
 * and (with a filter) is no near-duplicate of one already taken and (with
 * FILTER_REFERENTS) does not point back to a sentence not taken. */
static void take_in_order(selection *sel, const ranked *order, size_t n, int filter)
{
    for (size_t i = 0; i < n; i++) {
        candidate *c = &sel->cands[order[i].index];
        if (c->chosen || c->asks || !fits(sel, c) || (filter && redundant(sel, c))) continue;
        if (filter == FILTER_REFERENTS &&
            (c->needs == NEEDS_MISSING || missing_predecessor(sel, c)))
            continue;
        choose_plain(sel, c);
    }
}

/* Once every concept worth having is covered, the rest of the budget goes
 * to the earliest sentences of the articles (round-robin by position), as
 * the leads carry the story, still skipping near-duplicates. */
static chorus_status fill_by_position(selection *sel)
{
    ranked *order = malloc((sel->n_cands + 1) * sizeof *order);
    if (!order) return CHORUS_E_NOMEM;
    for (size_t i = 0; i < sel->n_cands; i++) {
        double position = sel->st->sentences[sel->cands[i].sentence].position;
        order[i] = (ranked){-position, (uint32_t)i};
    }
    qsort(order, sel->n_cands, sizeof *order, compare_ranked);
    take_in_order(sel, order, sel->n_cands, FILTER_REFERENTS);
    free(order);
    return CHORUS_OK;
}

/* Nonzero when the chosen sentences, with every person they name written
 * in full at first mention, fit the budget; -1 when out of memory. With
 * over, the words and bytes the introductions add. */
static int fits_introduced(selection *sel, size_t *over_words, size_t *over_bytes)
{
    const chorus_options *o = &sel->st->opts;
    printed_size size;
    if (!measure_printed(sel, 1, &size)) return -1;
    *over_words = size.words > sel->words ? size.words - sel->words : 0;
    *over_bytes = size.bytes > sel->bytes ? size.bytes - sel->bytes : 0;
    return (!o->max_words || size.words <= o->max_words) &&
           (!o->max_bytes || size.bytes <= o->max_bytes);
}

/* Makes room for every person the summary names to be written in full at
 * first mention: a surname no room was left to introduce ("Lutz said
 * ...") would name someone the reader never met. Chosen sentences are
 * given back, last first, until the summary fits; the budget they free
 * is filled again by position with the introductions' words held back,
 * once, and what that adds is given back too if it does not fit. */
static chorus_status fit_introductions(selection *sel)
{
    const chorus_options *o = &sel->st->opts;
    if (!o->max_words && !o->max_bytes) return CHORUS_OK;
    for (int refilled = 0;; refilled = 1) {
        size_t over_words, over_bytes, count = sel->count;
        int fit;
        while ((fit = fits_introduced(sel, &over_words, &over_bytes)) == 0 && sel->count > 1)
            unchoose_last(sel);
        if (fit < 0) return CHORUS_E_NOMEM;
        if (refilled || sel->count == count) return CHORUS_OK;
        sel->words += over_words, sel->bytes += over_bytes;
        chorus_status s = fill_by_position(sel);
        sel->words -= over_words, sel->bytes -= over_bytes;
        if (s != CHORUS_OK) return s;
    }
}

typedef struct workspace {
    concept_table ct;
    buf cands, ids;
} workspace;

static void workspace_init(workspace *w, arena *keys)
{
    map_init(&w->ct.ids, keys);
    buf_init(&w->ct.last_art, 0);
    buf_init(&w->ct.df, 0);
    buf_init(&w->ct.in_title, 0);
    map_init(&w->ct.title_words, keys);
    buf_init(&w->cands, 0);
    buf_init(&w->ids, 0);
}

static void workspace_free(workspace *w)
{
    map_free(&w->ct.ids);
    buf_free(&w->ct.last_art);
    buf_free(&w->ct.df);
    buf_free(&w->ct.in_title);
    map_free(&w->ct.title_words);
    buf_free(&w->cands);
    buf_free(&w->ids);
}

static int word_byte(char c)
{
    return (unsigned char)c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The lower-cased words of the articles' titles, into ct->title_words. */
static int collect_title_words(const chorus_story *st, concept_table *ct)
{
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        const char *t = STORY_ARTICLE(st, a)->meta.title;
        for (size_t i = 0; t[i];) {
            char word[64];
            size_t n = 0;
            while (t[i] && !word_byte(t[i]))
                i++;
            while (t[i] && word_byte(t[i])) {
                if (n < sizeof word)
                    word[n++] = (char)((unsigned char)t[i] < 0x80 ? t[i] | 0x20 : t[i]);
                i++;
            }
            int inserted;
            if (n >= 3 && n < sizeof word && !map_upsert(&ct->title_words, word, n, 1, &inserted))
                return 0;
        }
    }
    return 1;
}

/* The candidates of one attempt, in sel. */
static chorus_status prepare_selection(chorus_story *st, workspace *w, selection *sel,
                                       attempt level)
{
    *sel = (selection){.st = st};
    chorus_status s = build_candidates(sel, &w->ct, &w->cands, &w->ids, level);
    sel->cands = (candidate *)(void *)w->cands.data;
    sel->n_cands = VEC_COUNT(&w->cands, candidate);
    sel->taken = arena_alloc_array(&st->arena, sel->n_cands + 1, sizeof *sel->taken);
    return s == CHORUS_OK && !sel->taken ? CHORUS_E_NOMEM : s;
}

/* The greedy steps on what the budget has left, then the leads when the
 * greedy took anything; *status (a chorus_status) records a failure. */
static void cover_and_fill(selection *sel, void *status)
{
    long best;
    while ((best = pick(sel)) >= 0) {
        candidate *p = missing_predecessor(sel, &sel->cands[best]);
        if (p) choose(sel, p);
        choose(sel, &sel->cands[best]);
    }
    chorus_status *s = status;
    if (sel->count && *s == CHORUS_OK) *s = fill_by_position(sel);
}

/* One greedy selection at the given strictness, into sel. */
static chorus_status select_sentences(chorus_story *st, workspace *w, selection *sel, attempt level)
{
    /* only coverage weighs concepts, so only it reads the titles */
    if (TITLE_BONUS > 0 && !collect_title_words(st, &w->ct)) return CHORUS_E_NOMEM;
    chorus_status s = prepare_selection(st, w, sel, level);
    if (s != CHORUS_OK) return s;
    sel->concepts = (uint32_t *)(void *)w->ids.data;
    sel->n_concepts = VEC_COUNT(&w->ct.df, uint32_t);
    sel->weight = arena_alloc_array(&st->arena, sel->n_concepts + 1, sizeof *sel->weight);
    sel->covered = arena_alloc_array(&st->arena, sel->n_concepts + 1, 1);
    if (!sel->weight || !sel->covered) return CHORUS_E_NOMEM;
    weigh_concepts(sel, &w->ct, level);
    chorus_status filled = CHORUS_OK;
    cover_and_fill(sel, &filled);
    if (filled == CHORUS_OK) s = refill_saved_words(sel, cover_and_fill, &filled);
    return s != CHORUS_OK ? s : filled;
}

/* Candidates in a ranker's order, for refill_saved_words. */
typedef struct ranked_pass {
    const ranked *order;
    size_t n;
    int filter;
} ranked_pass;

static void take_ranked(selection *sel, void *pass)
{
    const ranked_pass *p = pass;
    take_in_order(sel, p->order, p->n, p->filter);
}

/* A classic method: candidates in the ranker's score order, each taken when
 * it fits the budget and is no near-duplicate of one already taken. */
static chorus_status select_ranked(chorus_story *st, workspace *w, selection *sel, attempt level)
{
    chorus_status s = prepare_selection(st, w, sel, level);
    if (s != CHORUS_OK) return s;
    if (sel->n_cands > RANK_MAX_SENTENCES) sel->n_cands = RANK_MAX_SENTENCES;
    size_t n = sel->n_cands;
    arena scratch;
    arena_init(&scratch, 0);
    uint32_t *ids = arena_alloc_array(&scratch, n + 1, sizeof *ids);
    double *score = arena_alloc_array(&scratch, n + 1, sizeof *score);
    ranked *order = arena_alloc_array(&scratch, n + 1, sizeof *order);
    s = ids && score && order ? CHORUS_OK : CHORUS_E_NOMEM;
    for (size_t i = 0; s == CHORUS_OK && i < n; i++)
        ids[i] = sel->cands[i].sentence;
    if (s == CHORUS_OK && !rank_sentences(st, st->opts.method, ids, n, score, &scratch))
        s = CHORUS_E_NOMEM;
    if (s == CHORUS_OK) {
        for (size_t i = 0; i < n; i++)
            order[i] = (ranked){score[i], (uint32_t)i};
        qsort(order, n, sizeof *order, compare_ranked);
        /* lead is a baseline: no filtering */
        ranked_pass pass = {
            order, n, st->opts.method == CHORUS_METHOD_LEAD ? FILTER_NONE : FILTER_DUPLICATES};
        take_ranked(sel, &pass);
        s = refill_saved_words(sel, take_ranked, &pass);
    }
    arena_free(&scratch);
    return s;
}

chorus_status summarize_story(chorus_story *st, chorus_error *err)
{
    chorus_status s = CHORUS_OK;
    int coverage = st->opts.method == CHORUS_METHOD_COVERAGE;
    for (attempt level = ATTEMPT_STRICT; level <= ATTEMPT_ANY_SENTENCE; level++) {
        if (!coverage && level == ATTEMPT_ONE_ARTICLE) continue; /* rankers weigh no concepts */
        workspace w;
        workspace_init(&w, &st->arena);
        selection sel;
        s = coverage ? select_sentences(st, &w, &sel, level) : select_ranked(st, &w, &sel, level);
        int done = s != CHORUS_OK || sel.count > 0 || level == ATTEMPT_ANY_SENTENCE;
        if (s == CHORUS_OK && done && coverage && FIT_INTRODUCTIONS) s = fit_introductions(&sel);
        if (s == CHORUS_OK && done)
            s = emit_summary(&sel, err);
        else if (s != CHORUS_OK)
            story_error(err, s, st->id ? st->id : "story", -1,
                        "the story is too large to summarize");
        workspace_free(&w);
        if (done) break;
    }
    return s;
}
