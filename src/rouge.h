/*
 * rouge.h — internals of the ROUGE-1.5.5 scorer, shared by rouge.c (the
 * scorer object, bootstrap, report), rouge_text.c (reading, length limits,
 * tokens), rouge_measure.c (ROUGE-N, S/SU, L, W per evaluation),
 * rouge_flags.c (the command-line flags), rouge_stem.c (ROUGE's Porter
 * variant and its lookups) and rouge_tables.c (the built-in word tables).
 */
#ifndef CHORUS_ROUGE_H
#define CHORUS_ROUGE_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "arena.h"
#include "buf.h"
#include "map.h"

/* Hard limits: beyond them a call fails with CHORUS_E_LIMIT. */
#define ROUGE_MAX_TEXT_BYTES ((size_t)64 << 20) /* one summary */
#define ROUGE_MAX_TOKENS ((size_t)1 << 24)      /* tokens of one summary */
#define ROUGE_MAX_UNITS ((size_t)1 << 26)       /* n-grams or skip-bigrams of one text */
#define ROUGE_MAX_DP_CELLS ((size_t)1 << 28)    /* one sentence pair of ROUGE-L/W */
#define ROUGE_MAX_MODELS 4096
#define ROUGE_MAX_EVALS ((size_t)1 << 24)
#define ROUGE_MAX_TERMS ((size_t)1 << 26)

/* ------------------------------------------------------------ word tables */

typedef struct rouge_exception {
    const char *key, *value;
} rouge_exception;

extern const char *const rouge_stopwords[];
extern const size_t rouge_stopword_count;
extern const rouge_exception rouge_exceptions[];
extern const size_t rouge_exception_count;

/* ------------------------------------------------------------- stemming */

/* Nonzero when the token (n bytes) is in ROUGE's SMART stopword list. */
int rouge_is_stopword(const char *w, size_t n);
/* The WordNet exception of the token, or NULL. */
const char *rouge_exception_of(const char *w, size_t n);
/* ROUGE's Porter stemmer on a lower-case token; writes at most n bytes to
 * out (never longer than the word) and returns the stem's length. */
size_t rouge_porter(const char *w, size_t n, char *out);

/* ------------------------------------------------------------- tokens */

/* Interned terms (a token after stopword removal and stemming), shared by
 * every evaluation of a scorer so that each distinct token is stemmed once. */
typedef struct rouge_vocab {
    arena keys;
    map raw;              /* token as read -> term id, or ROUGE_DROPPED */
    map terms;            /* term text -> term id */
    buf names;            /* const char *, the text of each term id */
    buf lowered, stemmed; /* scratch for long tokens */
    uint32_t count;
} rouge_vocab;

#define ROUGE_DROPPED UINT32_MAX

void rouge_vocab_init(rouge_vocab *v);
void rouge_vocab_free(rouge_vocab *v);

/* A summary as the two readers of ROUGE-1.5.5 see it: the flat token list
 * of readText (ROUGE-N, S, the unigram tables) and the sentences of
 * readText_LCS (ROUGE-L, W), both as term ids. */
typedef struct rouge_text {
    buf tokens;    /* uint32_t, readText view */
    buf lcs;       /* uint32_t, readText_LCS view, sentences concatenated */
    buf sentences; /* uint32_t: start of each sentence in lcs, plus the end */
} rouge_text;

void rouge_text_init(rouge_text *t);
void rouge_text_free(rouge_text *t);
/* Reads one summary (SPL bytes) under the limits and token rules of opts. */
chorus_status rouge_text_read(rouge_text *t, const char *bytes, size_t len,
                              const chorus_rouge_options *opts, rouge_vocab *vocab,
                              const char *where, chorus_error *err);
#define ROUGE_TOKENS(t) ((const uint32_t *)(const void *)(t)->tokens.data)
#define ROUGE_TOKEN_COUNT(t) VEC_COUNT(&(t)->tokens, uint32_t)
#define ROUGE_LCS(t) ((const uint32_t *)(const void *)(t)->lcs.data)
#define ROUGE_SENT(t) ((const uint32_t *)(const void *)(t)->sentences.data)
#define ROUGE_SENT_COUNT(t) (VEC_COUNT(&(t)->sentences, uint32_t) - 1)

/* The text of a term (for printing tokens). */
const char *rouge_vocab_term(const rouge_vocab *v, uint32_t id);

/* ------------------------------------------------------------- measures */

typedef enum rouge_kind { ROUGE_N, ROUGE_L, ROUGE_W, ROUGE_S } rouge_kind;

typedef struct rouge_measure {
    rouge_kind kind;
    unsigned n;        /* ROUGE-N: the n */
    int with_unigrams; /* ROUGE-S: SU */
    char name[48];     /* "ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4" */
} rouge_measure;

/* One model's statistics for one measure: the per-model quantities that
 * ROUGE-1.5.5 pools (-f A) or selects from (-f B). */
typedef struct rouge_model_stat {
    double hit;   /* clipped matches (weighted for ROUGE-W) */
    double model; /* model units (weighted once for ROUGE-W) */
    double peer;  /* peer units */
    double score; /* the per-model score -f B compares */
} rouge_model_stat;

/* The scores of one evaluation and measure: R, P, F as ROUGE rounds them,
 * and the pooled counts (model, peer, hit) that -t 1 and -t 2 use. */
typedef struct rouge_result {
    double r, p, f;
    double model, peer, hit;
} rouge_result;

typedef struct rouge_pair_slot {
    uint64_t key;
    uint32_t value, stamp; /* stamp: the evaluation that filled the slot */
} rouge_pair_slot;

/* Where one text's local ids are in rouge_work.ids. */
typedef struct rouge_local {
    size_t flat, flat_count; /* readText view */
    size_t lcs;              /* readText_LCS view (sentence offsets from the text) */
    const rouge_text *text;
} rouge_local;

/* Scratch memory of one evaluation, reused across evaluations. Every
 * token and n-gram of the evaluation gets a small local id, so that counts
 * are plain arrays. */
typedef struct rouge_work {
    rouge_pair_slot *pairs; /* (prefix id, last id) -> id */
    size_t pair_cap, pair_count;
    uint32_t stamp, next_id;
    buf ids;              /* uint32_t local ids of every text */
    buf locals;           /* rouge_local: the peer, then each model */
    buf grams_p, grams_m; /* uint32_t units of the peer, of a model */
    buf count_p, count_m; /* uint32_t per local id, zero between uses */
    buf mask, dirs, rows; /* ROUGE-L/W: hit mask, DP directions, DP rows */
    buf weights;          /* double: k^w for k = 0, 1, ... */
    double weight;        /* the w of weights */
} rouge_work;

void rouge_work_init(rouge_work *w);
void rouge_work_free(rouge_work *w);

/* Starts an evaluation: gives local ids to the tokens of the peer and of
 * each model. */
chorus_status rouge_work_begin(rouge_work *w, const rouge_text *peer, const rouge_text *models,
                               size_t model_count, chorus_error *err);
/* Computes one measure: stats[m] for every model m of the evaluation. */
chorus_status rouge_measure_models(rouge_work *w, const rouge_measure *ms,
                                   const chorus_rouge_options *opts, rouge_model_stat *stats,
                                   chorus_error *err);
/* Pools (formula A) or selects (B) the models whose use[] is set, and
 * rounds R, P and F as ROUGE-1.5.5 does. */
void rouge_combine(const rouge_measure *ms, const chorus_rouge_options *opts,
                   const rouge_model_stat *stats, const unsigned char *use, size_t model_count,
                   rouge_result *out);

/* sprintf("%7.5f") and back: the rounding every ROUGE score goes through. */
double rouge_round5(double x);

/* ------------------------------------------------------------- bootstrap */

/* Perl's srand(seed) and rand(): the 48-bit generator of drand48. */
typedef struct rouge_rand {
    uint64_t x;
} rouge_rand;
void rouge_srand(rouge_rand *r, uint32_t seed);
double rouge_drand(rouge_rand *r);

/* The measures a set of options computes, in ROUGE-1.5.5's print order;
 * returns their number (at most cap). */
size_t rouge_measures(const chorus_rouge_options *opts, rouge_measure *out, size_t cap);
#define ROUGE_MAX_MEASURES (CHORUS_ROUGE_MAX_N + 4)

#endif
