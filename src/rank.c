/*
 * rank.c — the classic sentence rankers behind --method, for comparison
 * with chorus's own coverage selection (summarize.c).
 *
 * Each ranker gives every sentence a score; summarize.c then takes
 * sentences in score order under the budget, skipping near-duplicates.
 * Sentences are bags of content-word stems (stopwords dropped); idf is
 * computed over the story's sentences (each sentence a document), since
 * chorus carries no background corpus.
 *
 *   lead      round-robin over articles: every first sentence, then every
 *             second one, and so on.
 *   centroid  Radev et al. 2004 (MEAD): the centroid is the tf-idf vector of
 *             the story with weights below CENTROID_MIN dropped; a sentence
 *             scores its centroid value + a position value (C_max scaled
 *             by (n - i + 1) / n) + its overlap with its article's first
 *             sentence, all weighted 1.
 *   lexrank   Erkan and Radev 2004: idf-modified cosine between sentences,
 *             an edge where it exceeds 0.1, degree-normalized, PageRank with
 *             damping 0.85 by power iteration.
 *   textrank  Mihalcea and Tarau 2004: similarity = shared words /
 *             (log |Si| + log |Sj|), weighted PageRank with damping 0.85.
 *
 * Limits: the graph methods are quadratic in sentences; stories above
 * RANK_MAX_SENTENCES use the first sentences of each article in
 * round-robin order up to that many.
 */
#include "rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CENTROID_MIN 0.5
#define LEXRANK_THRESHOLD 0.1
#define DAMPING 0.85
#define PAGERANK_ITERATIONS 200
#define PAGERANK_EPSILON 1e-7

typedef struct bag {
    uint32_t *stem;
    double *tf;
    size_t n;
    double norm; /* of the tf-idf vector */
} bag;

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The sentence's content stems with their counts, sorted by stem. */
static int build_bag(const chorus_story *st, size_t i, arena *a, bag *out)
{
    const sentence *s = &st->sentences[i];
    uint32_t *tmp = arena_alloc_array(a, s->n_tokens + 1, sizeof *tmp);
    if (!tmp) return 0;
    size_t n = 0;
    for (uint32_t k = 0; k < s->n_tokens; k++) {
        const term *t = STORY_TERM(st, st->tokens[s->first_token + k].term);
        if (t->is_word && !t->is_stop) tmp[n++] = t->stem;
    }
    qsort(tmp, n, sizeof *tmp, compare_u32);
    out->stem = arena_alloc_array(a, n + 1, sizeof *out->stem);
    out->tf = arena_alloc_array(a, n + 1, sizeof *out->tf);
    if (!out->stem || !out->tf) return 0;
    out->n = 0;
    for (size_t k = 0; k < n; k++) {
        if (out->n && out->stem[out->n - 1] == tmp[k]) {
            out->tf[out->n - 1] += 1;
        } else {
            out->stem[out->n] = tmp[k];
            out->tf[out->n++] = 1;
        }
    }
    return 1;
}

typedef struct ranking {
    const chorus_story *st;
    const uint32_t *ids; /* the ranked sentences */
    size_t n;
    bag *bags;
    double *idf; /* per stem */
} ranking;

static void compute_idf(ranking *r)
{
    size_t stems = r->st->n_stems;
    for (size_t s = 0; s < stems; s++)
        r->idf[s] = 0;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->bags[i].n; k++)
            r->idf[r->bags[i].stem[k]] += 1;
    for (size_t s = 0; s < stems; s++)
        r->idf[s] = r->idf[s] > 0 ? log((double)r->n / r->idf[s]) : 0;
    for (size_t i = 0; i < r->n; i++) {
        double sum = 0;
        for (size_t k = 0; k < r->bags[i].n; k++) {
            double w = r->bags[i].tf[k] * r->idf[r->bags[i].stem[k]];
            sum += w * w;
        }
        r->bags[i].norm = sqrt(sum);
    }
}

static double idf_cosine(const ranking *r, const bag *a, const bag *b)
{
    if (a->norm == 0 || b->norm == 0) return 0;
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->stem[i] == b->stem[j]) {
            double idf = r->idf[a->stem[i]];
            dot += a->tf[i] * b->tf[j] * idf * idf;
            i++, j++;
        } else if (a->stem[i] < b->stem[j]) {
            i++;
        } else {
            j++;
        }
    }
    return dot / (a->norm * b->norm);
}

static double shared_words(const bag *a, const bag *b)
{
    double shared = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->stem[i] == b->stem[j])
            shared += 1, i++, j++;
        else if (a->stem[i] < b->stem[j])
            i++;
        else
            j++;
    }
    return shared;
}

/* The dot product of two bags' raw counts. */
static double tf_dot(const bag *a, const bag *b)
{
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->stem[i] == b->stem[j])
            dot += a->tf[i] * b->tf[j], i++, j++;
        else if (a->stem[i] < b->stem[j])
            i++;
        else
            j++;
    }
    return dot;
}

/* PageRank over a dense weight matrix w (n x n, row i = edges from i). */
static void pagerank(const double *w, size_t n, double *score, double *next)
{
    double *out = next + n; /* row sums */
    for (size_t i = 0; i < n; i++) {
        out[i] = 0;
        for (size_t j = 0; j < n; j++)
            out[i] += w[i * n + j];
        score[i] = 1.0 / (double)n;
    }
    for (int it = 0; it < PAGERANK_ITERATIONS; it++) {
        double delta = 0;
        for (size_t j = 0; j < n; j++) {
            double in = 0;
            for (size_t i = 0; i < n; i++)
                if (w[i * n + j] > 0 && out[i] > 0) in += w[i * n + j] / out[i] * score[i];
            next[j] = (1 - DAMPING) / (double)n + DAMPING * in;
        }
        for (size_t j = 0; j < n; j++) {
            delta += fabs(next[j] - score[j]);
            score[j] = next[j];
        }
        if (delta < PAGERANK_EPSILON) break;
    }
}

static int rank_graph(ranking *r, chorus_method m, double *score, arena *a)
{
    size_t n = r->n;
    double *w = arena_alloc_array(a, n * n + 1, sizeof *w);
    double *tmp = arena_alloc_array(a, 2 * n + 1, sizeof *tmp);
    if (!w || !tmp) return 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double v;
            if (m == CHORUS_METHOD_LEXRANK) {
                v = idf_cosine(r, &r->bags[i], &r->bags[j]) > LEXRANK_THRESHOLD ? 1.0 : 0.0;
            } else {
                double li = log((double)r->bags[i].n), lj = log((double)r->bags[j].n);
                v = li + lj > 0 ? shared_words(&r->bags[i], &r->bags[j]) / (li + lj) : 0;
            }
            w[i * n + j] = w[j * n + i] = v;
        }
    pagerank(w, n, score, tmp);
    return 1;
}

static int rank_centroid(ranking *r, double *score, arena *a)
{
    const chorus_story *st = r->st;
    size_t docs = STORY_ARTICLE_COUNT(st);
    double *centroid = arena_alloc_array(a, st->n_stems + 1, sizeof *centroid);
    long *first = arena_alloc_array(a, docs + 1, sizeof *first); /* ranked first sentence */
    if (!centroid || !first) return 0;
    for (size_t d = 0; d < docs; d++)
        first[d] = -1;
    for (size_t i = 0; i < r->n; i++) {
        const sentence *s = &st->sentences[r->ids[i]];
        if (s->position == 0) first[s->article] = (long)i;
        for (size_t k = 0; k < r->bags[i].n; k++)
            centroid[r->bags[i].stem[k]] += r->bags[i].tf[k];
    }
    for (size_t s = 0; s < st->n_stems; s++) {
        double v = centroid[s] / (double)docs * r->idf[s];
        centroid[s] = v >= CENTROID_MIN ? v : 0;
    }
    double c_max = 0;
    for (size_t i = 0; i < r->n; i++) {
        double c = 0;
        for (size_t k = 0; k < r->bags[i].n; k++)
            c += centroid[r->bags[i].stem[k]];
        score[i] = c;
        if (c > c_max) c_max = c;
    }
    for (size_t i = 0; i < r->n; i++) {
        const sentence *s = &st->sentences[r->ids[i]];
        double n_sent = (double)STORY_ARTICLE(st, s->article)->n_sentences;
        double position = n_sent > 0 ? (n_sent - (double)s->position) / n_sent * c_max : 0;
        long f = first[s->article];
        double overlap = f >= 0 ? tf_dot(&r->bags[i], &r->bags[f]) : 0;
        score[i] += position + overlap;
    }
    return 1;
}

static void rank_lead(ranking *r, double *score)
{
    size_t articles = STORY_ARTICLE_COUNT(r->st);
    for (size_t i = 0; i < r->n; i++) {
        const sentence *s = &r->st->sentences[r->ids[i]];
        score[i] = -((double)s->position * (double)articles + (double)s->article);
    }
}

int rank_sentences(const chorus_story *st, chorus_method m, const uint32_t *ids, size_t n,
                   double *score, arena *scratch)
{
    if (m == CHORUS_METHOD_LEAD) {
        ranking r = {.st = st, .ids = ids, .n = n};
        rank_lead(&r, score);
        return 1;
    }
    ranking r = {.st = st, .ids = ids, .n = n};
    r.bags = arena_alloc_array(scratch, n + 1, sizeof *r.bags);
    r.idf = arena_alloc_array(scratch, st->n_stems + 1, sizeof *r.idf);
    if (!r.bags || !r.idf) return 0;
    for (size_t i = 0; i < n; i++)
        if (!build_bag(st, ids[i], scratch, &r.bags[i])) return 0;
    compute_idf(&r);
    if (m == CHORUS_METHOD_CENTROID) return rank_centroid(&r, score, scratch);
    return rank_graph(&r, m, score, scratch);
}
