/*
 * rouge_measure.c — the measures of ROUGE-1.5.5 for one evaluation.
 *
 * Every token and n-gram of an evaluation gets a small local id: unigrams
 * from their term id, an n-gram from (id of its first n-1 words, id of its
 * last word), a skip-bigram from (id of its first word, id of its second),
 * through one hash table of 64-bit keys. Counting is then done with plain
 * arrays indexed by id; clipped hits are sum(min(peer count, model count)).
 *
 *   ROUGE-N  n-grams of the readText tokens, across sentence boundaries.
 *   ROUGE-S  skip-bigrams (i, j), j - i - 1 <= d, plus with -u the unigram
 *            of every token but the last (the script never counts it).
 *   ROUGE-L  per model sentence: union of one LCS path per peer sentence
 *            (traced back from the bottom-right cell, a tie going up), then
 *            clipped by the readText unigram counts, which carry over from
 *            one model sentence to the next.
 *   ROUGE-W  the same with the weighted DP (f(k) = k^w per run) and runs
 *            flushed as the script flushes them.
 * DP directions are kept as one bit per cell (equal tokens always go
 * diagonal), so a sentence pair costs m*n bits; at most 2^28 cells.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rouge.h"
#include "story.h"

#define UNIGRAM_TAG UINT32_MAX
#define NO_ID UINT32_MAX

void rouge_work_init(rouge_work *w)
{
    memset(w, 0, sizeof *w);
    size_t big = ROUGE_MAX_UNITS * sizeof(uint32_t);
    buf_init(&w->ids, big);
    buf_init(&w->locals, (ROUGE_MAX_MODELS + 1) * sizeof(rouge_local));
    buf_init(&w->grams_p, big);
    buf_init(&w->grams_m, big);
    buf_init(&w->count_p, big);
    buf_init(&w->count_m, big);
    buf_init(&w->mask, ROUGE_MAX_TOKENS);
    buf_init(&w->dirs, ROUGE_MAX_DP_CELLS / 8 + 64);
    buf_init(&w->rows, ROUGE_MAX_TOKENS * 4 * sizeof(double));
    buf_init(&w->weights, ROUGE_MAX_TOKENS * sizeof(double));
}

void rouge_work_free(rouge_work *w)
{
    free(w->pairs);
    buf_free(&w->ids);
    buf_free(&w->locals);
    buf_free(&w->grams_p);
    buf_free(&w->grams_m);
    buf_free(&w->count_p);
    buf_free(&w->count_m);
    buf_free(&w->mask);
    buf_free(&w->dirs);
    buf_free(&w->rows);
    buf_free(&w->weights);
    memset(w, 0, sizeof *w);
}

double rouge_round5(double x)
{
    char s[64];
    snprintf(s, sizeof s, "%7.5f", x);
    return strtod(s, NULL);
}

/* ---------------------------------------------------------------- ids */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static int pairs_grow(rouge_work *w)
{
    size_t cap = w->pair_cap ? w->pair_cap * 2 : 1024;
    if (cap > ROUGE_MAX_UNITS * 4) return 0;
    rouge_pair_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return 0;
    for (size_t i = 0; i < w->pair_cap; i++) {
        rouge_pair_slot *old = &w->pairs[i];
        if (old->stamp != w->stamp) continue;
        size_t k = (size_t)mix64(old->key) & (cap - 1);
        while (slots[k].stamp == w->stamp)
            k = (k + 1) & (cap - 1);
        slots[k] = *old;
    }
    free(w->pairs);
    w->pairs = slots;
    w->pair_cap = cap;
    return 1;
}

/* The local id of (a, b), new when unseen; NO_ID past the limits. */
static uint32_t pair_id(rouge_work *w, uint32_t a, uint32_t b)
{
    if ((w->pair_count + 1) * 2 > w->pair_cap && !pairs_grow(w)) return NO_ID;
    uint64_t key = (uint64_t)a << 32 | b;
    size_t mask = w->pair_cap - 1;
    size_t k = (size_t)mix64(key) & mask;
    while (w->pairs[k].stamp == w->stamp) {
        if (w->pairs[k].key == key) return w->pairs[k].value;
        k = (k + 1) & mask;
    }
    if (w->next_id >= ROUGE_MAX_UNITS) return NO_ID;
    w->pairs[k].key = key;
    w->pairs[k].stamp = w->stamp;
    w->pairs[k].value = w->next_id++;
    w->pair_count++;
    return w->pairs[k].value;
}

static void next_stamp(rouge_work *w)
{
    w->stamp++;
    if (w->stamp == 0) { /* wrapped: clear every slot once */
        if (w->pairs) memset(w->pairs, 0, w->pair_cap * sizeof *w->pairs);
        w->stamp = 1;
    }
    w->pair_count = 0;
    w->next_id = 0;
}

static int local_ids(rouge_work *w, const uint32_t *terms, size_t n, size_t *offset)
{
    *offset = VEC_COUNT(&w->ids, uint32_t);
    if (!buf_reserve(&w->ids, n * sizeof(uint32_t))) return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = pair_id(w, UNIGRAM_TAG, terms[i]);
        if (id == NO_ID) return 0;
        uint32_t *slot = vec_push(&w->ids, sizeof *slot);
        *slot = id;
    }
    return 1;
}

static chorus_status limit_error(chorus_error *err)
{
    return story_error(err, CHORUS_E_LIMIT, "rouge", -1,
                       "the summaries are too long to score (n-gram or memory limit)");
}

chorus_status rouge_work_begin(rouge_work *w, const rouge_text *peer, const rouge_text *models,
                               size_t model_count, chorus_error *err)
{
    next_stamp(w);
    buf_reset(&w->ids);
    buf_reset(&w->locals);
    for (size_t m = 0; m <= model_count; m++) {
        const rouge_text *t = m == 0 ? peer : &models[m - 1];
        rouge_local *loc = vec_push(&w->locals, sizeof *loc);
        if (!loc) return limit_error(err);
        loc->text = t;
        loc->flat_count = ROUGE_TOKEN_COUNT(t);
        if (!local_ids(w, ROUGE_TOKENS(t), loc->flat_count, &loc->flat) ||
            !local_ids(w, ROUGE_LCS(t), VEC_COUNT(&t->lcs, uint32_t), &loc->lcs))
            return limit_error(err);
    }
    return CHORUS_OK;
}

#define LOCAL(w, i) (&VEC_AT(&(w)->locals, rouge_local, i))
#define IDS(w, off) (&VEC_AT(&(w)->ids, uint32_t, off))

/* Makes count arrays cover every id given so far (new entries zero). */
static int cover_ids(buf *counts, uint32_t ids)
{
    size_t have = VEC_COUNT(counts, uint32_t);
    if (have >= ids) return 1;
    if (!buf_reserve(counts, (ids - have) * sizeof(uint32_t))) return 0;
    memset(counts->data + counts->len, 0, (ids - have) * sizeof(uint32_t));
    counts->len += (ids - have) * sizeof(uint32_t);
    return 1;
}

/* ------------------------------------------------- n-grams, skip-bigrams */

static int push_unit(buf *units, uint32_t id)
{
    if (id == NO_ID) return 0;
    uint32_t *slot = vec_push(units, sizeof *slot);
    if (slot) *slot = id;
    return slot != NULL;
}

static int ngrams(rouge_work *w, const uint32_t *tok, size_t n, unsigned size, buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i + size <= n; i++) {
        uint32_t id = tok[i];
        for (unsigned k = 1; k < size && id != NO_ID; k++)
            id = pair_id(w, id, tok[i + k]);
        if (!push_unit(out, id)) return 0;
    }
    return 1;
}

static int skip_bigrams(rouge_work *w, const uint32_t *tok, size_t n, int distance, int unigrams,
                        buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i + 1 < n; i++) {
        if (unigrams && !push_unit(out, tok[i])) return 0;
        for (size_t j = i + 1; j < n && (distance < 0 || j <= i + (size_t)distance + 1); j++)
            if (!push_unit(out, pair_id(w, tok[i], tok[j]))) return 0;
    }
    return 1;
}

static int units_of(rouge_work *w, const rouge_measure *ms, const chorus_rouge_options *o,
                    size_t text, buf *out)
{
    const rouge_local *loc = LOCAL(w, text);
    const uint32_t *tok = IDS(w, loc->flat);
    if (ms->kind == ROUGE_N) return ngrams(w, tok, loc->flat_count, ms->n, out);
    return skip_bigrams(w, tok, loc->flat_count, o->skip_distance, ms->with_unigrams, out);
}

/* Adds one to (or with delta 0, clears) the count of every id in u. */
static void count_ids(uint32_t *c, const uint32_t *u, size_t n, int delta)
{
    for (size_t i = 0; i < n; i++) {
        if (delta)
            c[u[i]]++;
        else
            c[u[i]] = 0;
    }
}

static void count_units(buf *counts, const buf *units, int delta)
{
    count_ids((uint32_t *)(void *)counts->data, (const uint32_t *)(const void *)units->data,
              VEC_COUNT(units, uint32_t), delta);
}

/* Clipped hits of the model units against the counted peer units. */
static double clipped_hits(buf *count_m, const buf *count_p, const buf *units)
{
    uint32_t *cm = (uint32_t *)(void *)count_m->data;
    const uint32_t *cp = (const uint32_t *)(const void *)count_p->data;
    const uint32_t *u = (const uint32_t *)(const void *)units->data;
    double hit = 0;
    count_units(count_m, units, 1);
    for (size_t i = 0; i < VEC_COUNT(units, uint32_t); i++) {
        uint32_t g = u[i];
        if (!cm[g]) continue;
        hit += cm[g] < cp[g] ? cm[g] : cp[g];
        cm[g] = 0;
    }
    return hit;
}

static chorus_status gram_measure(rouge_work *w, const rouge_measure *ms,
                                  const chorus_rouge_options *o, size_t models,
                                  rouge_model_stat *stats, chorus_error *err)
{
    if (!units_of(w, ms, o, 0, &w->grams_p)) return limit_error(err);
    double peer_units = (double)VEC_COUNT(&w->grams_p, uint32_t);
    for (size_t m = 0; m < models; m++) {
        if (!units_of(w, ms, o, m + 1, &w->grams_m) || !cover_ids(&w->count_p, w->next_id) ||
            !cover_ids(&w->count_m, w->next_id))
            return limit_error(err);
        count_units(&w->count_p, &w->grams_p, 1);
        rouge_model_stat *st = &stats[m];
        st->hit = clipped_hits(&w->count_m, &w->count_p, &w->grams_m);
        st->model = (double)VEC_COUNT(&w->grams_m, uint32_t);
        st->peer = peer_units;
        st->score = st->model != 0 ? rouge_round5(st->hit / st->model) : 0;
        count_units(&w->count_p, &w->grams_p, 0);
    }
    return CHORUS_OK;
}

/* ---------------------------------------------------------- ROUGE-L, W */

/* k^w for k = 0 .. upto, cached. */
static const double *weights(rouge_work *w, double weight, size_t upto)
{
    if (w->weight != weight) {
        buf_reset(&w->weights);
        w->weight = weight;
    }
    while (VEC_COUNT(&w->weights, double) <= upto) {
        double *slot = vec_push(&w->weights, sizeof *slot);
        if (!slot) return NULL;
        *slot = pow((double)(VEC_COUNT(&w->weights, double) - 1), weight);
    }
    return (const double *)(const void *)w->weights.data;
}

#define DIR_SET(d, k) ((d)[(k) >> 3] |= (unsigned char)(1u << ((k)&7)))
#define DIR_UP(d, k) ((d)[(k) >> 3] & (1u << ((k)&7)))

/* Fills the (weighted) LCS table of model sentence s against peer sentence
 * p, keeping one direction bit per cell (1: up). */
static int lcs_fill(rouge_work *w, const uint32_t *s, size_t m, const uint32_t *p, size_t n,
                    const double *f)
{
    size_t cells = m * n;
    buf_reset(&w->dirs);
    buf_reset(&w->rows);
    if (cells > ROUGE_MAX_DP_CELLS || !buf_reserve(&w->dirs, cells / 8 + 1) ||
        !buf_reserve(&w->rows, 4 * (n + 1) * sizeof(double)))
        return 0;
    unsigned char *dirs = (unsigned char *)w->dirs.data;
    memset(dirs, 0, cells / 8 + 1);
    double *prev = (double *)(void *)w->rows.data, *cur = prev + (n + 1);
    double *prev_run = cur + (n + 1), *cur_run = prev_run + (n + 1);
    memset(prev, 0, 4 * (n + 1) * sizeof(double));
    for (size_t i = 1; i <= m; i++) {
        cur[0] = 0;
        cur_run[0] = 0;
        for (size_t j = 1; j <= n; j++) {
            if (s[i - 1] == p[j - 1]) {
                size_t k = (size_t)prev_run[j - 1];
                cur[j] = f ? prev[j - 1] + f[k + 1] - f[k] : prev[j - 1] + 1;
                cur_run[j] = (double)(k + 1);
            } else if (prev[j] >= cur[j - 1]) {
                cur[j] = prev[j];
                cur_run[j] = 0;
                DIR_SET(dirs, (i - 1) * n + (j - 1));
            } else {
                cur[j] = cur[j - 1];
                cur_run[j] = 0;
            }
        }
        double *t = prev;
        prev = cur;
        cur = t;
        t = prev_run;
        prev_run = cur_run;
        cur_run = t;
    }
    return 1;
}

/* Marks the model positions on the LCS path traced back from (m, n). */
static void lcs_mark(const rouge_work *w, const uint32_t *s, size_t m, const uint32_t *p, size_t n,
                     unsigned char *mask)
{
    const unsigned char *dirs = (const unsigned char *)w->dirs.data;
    size_t i = m, j = n;
    while (i > 0 && j > 0) {
        if (s[i - 1] == p[j - 1]) {
            i--;
            j--;
            mask[i] = 1;
        } else if (DIR_UP(dirs, (i - 1) * n + (j - 1))) {
            i--;
        } else {
            j--;
        }
    }
}

/* The union of the LCS paths of model sentence s over every peer sentence. */
static int sentence_mask(rouge_work *w, const uint32_t *s, size_t m, const double *f)
{
    buf_reset(&w->mask);
    if (!buf_reserve(&w->mask, m + 1)) return 0;
    unsigned char *mask = (unsigned char *)w->mask.data;
    memset(mask, 0, m + 1);
    if (m == 0) return 1;
    const rouge_local *peer = LOCAL(w, 0);
    const uint32_t *sent = ROUGE_SENT(peer->text);
    for (size_t k = 0; k < ROUGE_SENT_COUNT(peer->text); k++) {
        const uint32_t *p = IDS(w, peer->lcs + sent[k]);
        size_t n = sent[k + 1] - sent[k];
        if (n == 0) continue;
        if (!lcs_fill(w, s, m, p, n, f)) return 0;
        lcs_mark(w, s, m, p, n, (unsigned char *)w->mask.data);
    }
    return 1;
}

/* Hits of one model sentence under the unigram clipping of ROUGE-L; with
 * f (ROUGE-W) the weighted sum of its runs. */
static double sentence_hits(const uint32_t *s, size_t m, const unsigned char *mask, uint32_t *cm,
                            uint32_t *cp, const double *f)
{
    double hit = 0;
    size_t run = 0;
    for (size_t j = 0; j < m; j++) {
        uint32_t t = s[j];
        if (!mask[j] || cm[t] == 0 || cp[t] == 0) continue;
        cm[t]--;
        cp[t]--;
        if (!f) {
            hit += 1;
            continue;
        }
        run++;
        if (j + 1 == m || !mask[j + 1]) {
            hit += f[run];
            run = 0;
        }
    }
    return hit;
}

static size_t longest_sentence(const rouge_text *t)
{
    size_t best = 0;
    const uint32_t *sent = ROUGE_SENT(t);
    for (size_t k = 0; k < ROUGE_SENT_COUNT(t); k++)
        if (sent[k + 1] - sent[k] > best) best = sent[k + 1] - sent[k];
    return best;
}

static int lcs_model(rouge_work *w, size_t model, const double *f, double weight,
                     rouge_model_stat *st)
{
    const rouge_local *loc = LOCAL(w, model), *peer = LOCAL(w, 0);
    uint32_t *cm = (uint32_t *)(void *)w->count_m.data, *cp = (uint32_t *)(void *)w->count_p.data;
    const uint32_t *model_units = IDS(w, loc->flat), *peer_units = IDS(w, peer->flat);
    count_ids(cm, model_units, loc->flat_count, 1);
    count_ids(cp, peer_units, peer->flat_count, 1);
    const uint32_t *sent = ROUGE_SENT(loc->text);
    double hit = 0, base = 0;
    int ok = 1;
    for (size_t k = 0; ok && k < ROUGE_SENT_COUNT(loc->text); k++) {
        const uint32_t *s = IDS(w, loc->lcs + sent[k]);
        size_t m = sent[k + 1] - sent[k];
        base += f ? pow((double)m, weight) : (double)m;
        ok = sentence_mask(w, s, m, f);
        if (ok) hit += sentence_hits(s, m, (const unsigned char *)w->mask.data, cm, cp, f);
    }
    count_ids(cm, model_units, loc->flat_count, 0);
    count_ids(cp, peer_units, peer->flat_count, 0);
    st->hit = hit;
    st->model = base;
    st->peer = (double)peer->flat_count;
    if (base <= 0)
        st->score = 0;
    else
        st->score = f ? pow(hit / base, 1.0 / weight) : hit / base;
    return ok;
}

static chorus_status lcs_measure(rouge_work *w, const rouge_measure *ms,
                                 const chorus_rouge_options *o, size_t models,
                                 rouge_model_stat *stats, chorus_error *err)
{
    const double *f = NULL;
    if (ms->kind == ROUGE_W) {
        size_t longest = 0;
        for (size_t m = 0; m <= models; m++) {
            size_t len = longest_sentence(LOCAL(w, m)->text);
            if (len > longest) longest = len;
        }
        f = weights(w, o->wlcs_weight, longest + 1);
        if (!f) return limit_error(err);
    }
    if (!cover_ids(&w->count_p, w->next_id) || !cover_ids(&w->count_m, w->next_id))
        return limit_error(err);
    for (size_t m = 0; m < models; m++)
        if (!lcs_model(w, m + 1, f, o->wlcs_weight, &stats[m])) return limit_error(err);
    return CHORUS_OK;
}

chorus_status rouge_measure_models(rouge_work *w, const rouge_measure *ms,
                                   const chorus_rouge_options *opts, rouge_model_stat *stats,
                                   chorus_error *err)
{
    size_t models = VEC_COUNT(&w->locals, rouge_local) - 1;
    if (ms->kind == ROUGE_N || ms->kind == ROUGE_S)
        return gram_measure(w, ms, opts, models, stats, err);
    return lcs_measure(w, ms, opts, models, stats, err);
}

/* ------------------------------------------------------------ combining */

void rouge_combine(const rouge_measure *ms, const chorus_rouge_options *opts,
                   const rouge_model_stat *stats, const unsigned char *use, size_t model_count,
                   rouge_result *out)
{
    int weighted = ms->kind == ROUGE_W;
    double w = opts->wlcs_weight, hit = 0, model = 0, peer = 0, best = -1;
    for (size_t m = 0; m < model_count; m++) {
        if (!use[m]) continue;
        const rouge_model_stat *st = &stats[m];
        double mc = weighted ? pow(st->model, w) : st->model;
        double pc = weighted ? pow(st->peer, w) : st->peer;
        if (opts->formula == 'B') {
            if (st->score > best) {
                best = st->score;
                hit = st->hit;
                model = mc;
                peer = pc;
            }
        } else {
            hit += st->hit;
            model += mc;
            peer += pc;
        }
    }
    out->hit = hit;
    out->model = model;
    out->peer = peer;
    out->r = model != 0 ? rouge_round5(weighted ? pow(hit / model, 1.0 / w) : hit / model) : 0;
    out->p = peer != 0 ? rouge_round5(weighted ? pow(hit / peer, 1.0 / w) : hit / peer) : 0;
    double alpha = opts->alpha, den = (1 - alpha) * out->p + alpha * out->r;
    out->f = den > 0 ? rouge_round5((out->p * out->r) / den) : 0;
}
