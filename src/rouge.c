/*
 * rouge.c — the ROUGE-1.5.5 scorer: evaluations in, the script's report out.
 *
 * Each evaluation (a peer summary and its models) is read and scored when
 * it is added (rouge_text.c, rouge_measure.c); only its rounded R, P, F
 * and pooled counts per measure are kept, so memory grows with the number
 * of evaluations, not with the texts. Jackknifing (DESIGN.md) is M
 * leave-one-out evaluations computed from the same per-model statistics.
 *
 * Averages are ROUGE's own: per peer, the test ids ("EVAL.PEER") sorted as
 * strings; for resample i = 0 .. r-1, Perl's srand(i) and n draws of
 * int(rand(n)) (drand48), the mean of the drawn per-eval values; the r means
 * sorted, summed in that order and divided by r. The interval takes the
 * sorted means at r*(100-c)/200 from each end, interpolated as the script
 * does. Printing follows the script's printResults byte for byte.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rouge.h"
#include "story.h"

typedef struct eval_rec {
    const char *test; /* "EVAL.PEER" */
    size_t peer;      /* index in peers */
} eval_rec;

struct chorus_rouge {
    chorus_rouge_options opts;
    rouge_measure measures[ROUGE_MAX_MEASURES];
    size_t n_measures;
    rouge_vocab vocab;
    rouge_work work;
    rouge_text peer;
    buf models;     /* rouge_text, one per model slot used so far */
    buf stats;      /* rouge_model_stat [measure][model] of the evaluation */
    arena strings;  /* ids */
    map peer_index; /* peer id -> index */
    map tests;      /* test id -> 1 */
    buf peers;      /* const char *, by index */
    buf order;      /* size_t peer indices, sorted by id */
    buf evals;      /* eval_rec */
    buf results;    /* rouge_result [eval][measure] */
};

/* ------------------------------------------------------------- lifetime */

chorus_rouge *chorus_rouge_new(const chorus_rouge_options *opts)
{
    chorus_rouge *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->opts = *opts;
    r->n_measures = rouge_measures(opts, r->measures, ROUGE_MAX_MEASURES);
    rouge_vocab_init(&r->vocab);
    rouge_work_init(&r->work);
    rouge_text_init(&r->peer);
    buf_init(&r->models, ROUGE_MAX_MODELS * sizeof(rouge_text));
    buf_init(&r->stats, ROUGE_MAX_MODELS * ROUGE_MAX_MEASURES * sizeof(rouge_model_stat));
    arena_init(&r->strings, 0);
    map_init(&r->peer_index, &r->strings);
    map_init(&r->tests, &r->strings);
    buf_init(&r->peers, ROUGE_MAX_EVALS * sizeof(const char *));
    buf_init(&r->order, ROUGE_MAX_EVALS * sizeof(size_t));
    buf_init(&r->evals, ROUGE_MAX_EVALS * sizeof(eval_rec));
    buf_init(&r->results, ROUGE_MAX_EVALS * sizeof(rouge_result) * 4);
    return r;
}

void chorus_rouge_free(chorus_rouge *r)
{
    if (!r) return;
    for (size_t i = 0; i < VEC_COUNT(&r->models, rouge_text); i++)
        rouge_text_free(&VEC_AT(&r->models, rouge_text, i));
    buf_free(&r->models);
    rouge_text_free(&r->peer);
    rouge_work_free(&r->work);
    rouge_vocab_free(&r->vocab);
    buf_free(&r->stats);
    map_free(&r->peer_index);
    map_free(&r->tests);
    buf_free(&r->peers);
    buf_free(&r->order);
    buf_free(&r->evals);
    buf_free(&r->results);
    arena_free(&r->strings);
    free(r);
}

size_t chorus_rouge_measure_count(const chorus_rouge *r)
{
    return r->n_measures;
}

const char *chorus_rouge_measure_name(const chorus_rouge *r, size_t m)
{
    return m < r->n_measures ? r->measures[m].name : NULL;
}

size_t chorus_rouge_peer_count(const chorus_rouge *r)
{
    return VEC_COUNT(&r->order, size_t);
}

static const char *peer_name(const chorus_rouge *r, size_t index)
{
    return VEC_AT(&r->peers, const char *, index);
}

const char *chorus_rouge_peer_id(const chorus_rouge *r, size_t i)
{
    if (i >= chorus_rouge_peer_count(r)) return NULL;
    return peer_name(r, VEC_AT(&r->order, size_t, i));
}

/* ----------------------------------------------------------- evaluations */

static chorus_status nomem(chorus_error *err, const char *where)
{
    return story_error(err, CHORUS_E_NOMEM, where, -1, "out of memory");
}

/* The index of a peer id, added (in sorted order) when new. */
static int peer_slot(chorus_rouge *r, const char *id, size_t *out)
{
    int inserted = 0;
    size_t count = VEC_COUNT(&r->peers, const char *);
    map_slot *slot = map_upsert(&r->peer_index, id, strlen(id), (uint32_t)count, &inserted);
    if (!slot) return 0;
    *out = slot->value;
    if (!inserted) return 1;
    const char **name = vec_push(&r->peers, sizeof *name);
    size_t *pos = vec_push(&r->order, sizeof *pos);
    if (!name || !pos) return 0;
    *name = slot->key;
    size_t *order = (size_t *)(void *)r->order.data, n = count, lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(peer_name(r, order[mid]), id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(order + lo + 1, order + lo, (n - lo) * sizeof *order);
    order[lo] = count;
    return 1;
}

/* Makes room for n model texts. */
static int model_texts(chorus_rouge *r, size_t n)
{
    while (VEC_COUNT(&r->models, rouge_text) < n) {
        rouge_text *t = vec_push(&r->models, sizeof *t);
        if (!t) return 0;
        rouge_text_init(t);
    }
    return 1;
}

/* Reads the texts and computes every measure for every model. */
static chorus_status score_models(chorus_rouge *r, const chorus_rouge_eval *ev, chorus_error *err)
{
    if (!model_texts(r, ev->model_count)) return nomem(err, ev->id);
    chorus_status s = rouge_text_read(&r->peer, ev->peer ? ev->peer : "", ev->peer_len, &r->opts,
                                      &r->vocab, ev->peer_id, err);
    rouge_text *models = (rouge_text *)(void *)r->models.data;
    for (size_t m = 0; s == CHORUS_OK && m < ev->model_count; m++) {
        char where[300];
        snprintf(where, sizeof where, "%s: model %zu", ev->id, m + 1);
        s = rouge_text_read(&models[m], ev->models[m] ? ev->models[m] : "",
                            ev->models[m] ? ev->model_lens[m] : 0, &r->opts, &r->vocab, where, err);
    }
    if (s == CHORUS_OK) s = rouge_work_begin(&r->work, &r->peer, models, ev->model_count, err);
    buf_reset(&r->stats);
    if (s == CHORUS_OK &&
        !buf_reserve(&r->stats, r->n_measures * ev->model_count * sizeof(rouge_model_stat)))
        return nomem(err, ev->id);
    rouge_model_stat *stats = (rouge_model_stat *)(void *)r->stats.data;
    for (size_t k = 0; s == CHORUS_OK && k < r->n_measures; k++)
        s = rouge_measure_models(&r->work, &r->measures[k], &r->opts, stats + k * ev->model_count,
                                 err);
    return s;
}

/* One evaluation configuration: which models score the peer. */
typedef struct config {
    char test[600];
    unsigned char *use;
} config;

static int test_id(char *out, size_t cap, const char *eval, long jk, const char *peer)
{
    int n = jk > 0 ? snprintf(out, cap, "%s.J%ld.%s", eval, jk, peer)
                   : snprintf(out, cap, "%s.%s", eval, peer);
    return n > 0 && (size_t)n < cap;
}

/* The configurations of an evaluation: one, or M leave-one-out ones. */
static size_t configs_of(const chorus_rouge *r, const chorus_rouge_eval *ev, config *cfg,
                         unsigned char *use)
{
    size_t m = ev->model_count, n = 0;
    long self = ev->peer_model >= 0 && (size_t)ev->peer_model < m ? ev->peer_model : -1;
    if (r->opts.jackknife && m > 1) {
        for (size_t k = 0; k < m; k++) {
            if (self >= 0 && (size_t)self != k) continue;
            cfg[n].use = use + n * m;
            for (size_t j = 0; j < m; j++)
                cfg[n].use[j] = j != k;
            if (!test_id(cfg[n].test, sizeof cfg[n].test, ev->id, (long)k + 1, ev->peer_id))
                return 0;
            n++;
        }
        return n;
    }
    cfg[0].use = use;
    for (size_t j = 0; j < m; j++)
        use[j] = (long)j != self;
    return test_id(cfg[0].test, sizeof cfg[0].test, ev->id, 0, ev->peer_id) ? 1 : 0;
}

static chorus_status record(chorus_rouge *r, const config *cfg, size_t peer, size_t model_count,
                            chorus_error *err)
{
    int inserted = 0;
    map_slot *slot = map_upsert(&r->tests, cfg->test, strlen(cfg->test), 1, &inserted);
    eval_rec *rec = slot ? vec_push(&r->evals, sizeof *rec) : NULL;
    if (!rec || !buf_reserve(&r->results, r->n_measures * sizeof(rouge_result)))
        return story_error(err, CHORUS_E_LIMIT, cfg->test, -1, "too many evaluations");
    rec->test = slot->key;
    rec->peer = peer;
    const rouge_model_stat *stats = (const rouge_model_stat *)(const void *)r->stats.data;
    for (size_t k = 0; k < r->n_measures; k++) {
        rouge_result *res = vec_push(&r->results, sizeof *res);
        rouge_combine(&r->measures[k], &r->opts, stats + k * model_count, cfg->use, model_count,
                      res);
    }
    return CHORUS_OK;
}

static chorus_status check_eval(const chorus_rouge_eval *ev, chorus_error *err)
{
    if (!ev->id || !ev->peer_id)
        return story_error(err, CHORUS_E_USAGE, "rouge", -1,
                           "an evaluation needs an id and a peer id");
    if (ev->model_count == 0 || (ev->model_count == 1 && ev->peer_model == 0))
        return story_error(err, CHORUS_E_USAGE, ev->id, -1, "no model summary to score %s against",
                           ev->peer_id);
    if (ev->model_count > ROUGE_MAX_MODELS)
        return story_error(err, CHORUS_E_LIMIT, ev->id, -1, "more than %d models",
                           ROUGE_MAX_MODELS);
    return CHORUS_OK;
}

chorus_status chorus_rouge_add(chorus_rouge *r, const chorus_rouge_eval *ev, chorus_error *err)
{
    chorus_status s = check_eval(ev, err);
    if (s != CHORUS_OK) return s;
    size_t m = ev->model_count;
    config *cfg = calloc(m, sizeof *cfg);
    unsigned char *use = calloc(m * m, 1);
    size_t n = cfg && use ? configs_of(r, ev, cfg, use) : 0;
    if (!cfg || !use)
        s = nomem(err, ev->id);
    else if (n == 0)
        s = story_error(err, CHORUS_E_USAGE, ev->id, -1, "the ids are too long");
    for (size_t i = 0; s == CHORUS_OK && i < n; i++)
        if (map_get(&r->tests, cfg[i].test, strlen(cfg[i].test)))
            s = story_error(err, CHORUS_E_USAGE, cfg[i].test, -1,
                            "the same peer is evaluated twice in one evaluation");
    if (s == CHORUS_OK) s = score_models(r, ev, err);
    size_t peer = 0;
    if (s == CHORUS_OK && !peer_slot(r, ev->peer_id, &peer)) s = nomem(err, ev->peer_id);
    for (size_t i = 0; s == CHORUS_OK && i < n; i++)
        s = record(r, &cfg[i], peer, m, err);
    free(cfg);
    free(use);
    return s;
}

/* ------------------------------------------------------------- JSON lines */

static chorus_status parse_line(const char *line, size_t len, json_object **root, chorus_error *err)
{
    *root = NULL;
    if (len > (size_t)1 << 30)
        return story_error(err, CHORUS_E_LIMIT, "", -1, "the line is larger than 1 GiB");
    json_tokener *tok = json_tokener_new_ex(64);
    if (!tok) return nomem(err, "");
    json_object *obj = json_tokener_parse_ex(tok, line, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    while (obj && end < len && strchr(" \t\r\n", line[end]))
        end++;
    const char *why = NULL;
    if (jerr != json_tokener_success)
        why = jerr == json_tokener_continue ? "unexpected end of input"
                                            : json_tokener_error_desc(jerr);
    else if (obj && end < len)
        why = "text after the value";
    if (why) {
        json_object_put(obj);
        return story_error(err, CHORUS_E_JSON, "", (long long)end, "invalid JSON: %s", why);
    }
    if (!obj || !json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        return story_error(err, CHORUS_E_SCHEMA, "", 0, "the line is not a JSON object");
    }
    *root = obj;
    return CHORUS_OK;
}

chorus_status chorus_rouge_json_budget(const char *line, size_t len, unsigned *words,
                                       chorus_error *err)
{
    json_object *root, *v;
    *words = 0;
    chorus_status s = parse_line(line, len, &root, err);
    if (s != CHORUS_OK) return s;
    if (json_object_object_get_ex(root, "budget_words", &v)) {
        int64_t n = json_object_get_int64(v);
        if (!json_object_is_type(v, json_type_int) || n < 0 || n > 100000000)
            s = story_error(err, CHORUS_E_SCHEMA, "budget_words", -1,
                            "expected a whole number of words");
        else
            *words = (unsigned)n;
    }
    json_object_put(root);
    return s;
}

/* The strings of a JSON array member; NULL when absent or not strings. */
static const char **string_array(json_object *root, const char *key, size_t *n, size_t **lens)
{
    json_object *arr;
    *n = 0;
    if (!json_object_object_get_ex(root, key, &arr) || !json_object_is_type(arr, json_type_array))
        return NULL;
    size_t count = json_object_array_length(arr);
    const char **out = calloc(count + 1, sizeof *out);
    *lens = calloc(count + 1, sizeof **lens);
    if (!out || !*lens) {
        free(out);
        free(*lens);
        *lens = NULL;
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        json_object *v = json_object_array_get_idx(arr, i);
        if (!json_object_is_type(v, json_type_string)) {
            free(out);
            free(*lens);
            *lens = NULL;
            return NULL;
        }
        out[i] = json_object_get_string(v);
        (*lens)[i] = (size_t)json_object_get_string_len(v);
    }
    *n = count;
    return out;
}

static long self_index(json_object *root, const char *peer_id, size_t models)
{
    json_object *ids;
    if (!json_object_object_get_ex(root, "model_ids", &ids) ||
        !json_object_is_type(ids, json_type_array))
        return -1;
    for (size_t i = 0; i < json_object_array_length(ids) && i < models; i++) {
        json_object *v = json_object_array_get_idx(ids, i);
        if (v && strcmp(json_object_get_string(v), peer_id) == 0) return (long)i;
    }
    return -1;
}

static chorus_status add_peer_json(chorus_rouge *r, json_object *root, chorus_rouge_eval *ev,
                                   const char *peer_id, json_object *text, chorus_error *err)
{
    if (!json_object_is_type(text, json_type_string))
        return story_error(err, CHORUS_E_SCHEMA, ev->id, -1, "peer %s is not a string", peer_id);
    ev->peer_id = peer_id;
    ev->peer = json_object_get_string(text);
    ev->peer_len = (size_t)json_object_get_string_len(text);
    ev->peer_model = self_index(root, peer_id, ev->model_count);
    return chorus_rouge_add(r, ev, err);
}

static chorus_status add_line_peers(chorus_rouge *r, json_object *root, chorus_rouge_eval *ev,
                                    chorus_error *err)
{
    json_object *peers, *one, *pid;
    if (json_object_object_get_ex(root, "peers", &peers) &&
        json_object_is_type(peers, json_type_object)) {
        json_object_object_foreach(peers, key, val)
        {
            chorus_status s = add_peer_json(r, root, ev, key, val, err);
            if (s != CHORUS_OK) return s;
        }
        return CHORUS_OK;
    }
    if (json_object_object_get_ex(root, "peer", &one)) {
        const char *id = "P";
        if (json_object_object_get_ex(root, "peer_id", &pid) &&
            json_object_is_type(pid, json_type_string))
            id = json_object_get_string(pid);
        return add_peer_json(r, root, ev, id, one, err);
    }
    return story_error(err, CHORUS_E_SCHEMA, ev->id, -1, "no \"peers\" object or \"peer\" string");
}

chorus_status chorus_rouge_add_json(chorus_rouge *r, const char *line, size_t len,
                                    const char *peer_id, const char *summary, size_t summary_len,
                                    chorus_error *err)
{
    json_object *root, *id;
    chorus_status s = parse_line(line, len, &root, err);
    if (s != CHORUS_OK) return s;
    chorus_rouge_eval ev = {0};
    size_t *lens = NULL;
    if (!json_object_object_get_ex(root, "id", &id) ||
        !(json_object_is_type(id, json_type_string) || json_object_is_type(id, json_type_int))) {
        s = story_error(err, CHORUS_E_SCHEMA, "", -1, "no \"id\" string");
    } else {
        ev.id = json_object_get_string(id);
        ev.models = string_array(root, "models", &ev.model_count, &lens);
        if (!ev.models) ev.models = string_array(root, "references", &ev.model_count, &lens);
        ev.model_lens = lens;
        if (!ev.models || ev.model_count == 0)
            s = story_error(err, CHORUS_E_SCHEMA, ev.id, -1,
                            "no \"models\" (or \"references\") array of strings");
    }
    if (s == CHORUS_OK && summary) {
        ev.peer_id = peer_id ? peer_id : "P";
        ev.peer = summary;
        ev.peer_len = summary_len;
        ev.peer_model = self_index(root, ev.peer_id, ev.model_count);
        s = chorus_rouge_add(r, &ev, err);
    } else if (s == CHORUS_OK) {
        s = add_line_peers(r, root, &ev, err);
    }
    free((void *)ev.models);
    free(lens);
    json_object_put(root);
    return s;
}

/* ------------------------------------------------------------- bootstrap */

void rouge_srand(rouge_rand *r, uint32_t seed)
{
    r->x = ((uint64_t)seed << 16) | 0x330E;
}

double rouge_drand(rouge_rand *r)
{
    r->x = (0x5DEECE66DULL * r->x + 0xB) & ((1ULL << 48) - 1);
    return ldexp((double)r->x, -48);
}

typedef struct instance {
    const char *test;
    const rouge_result *res;
} instance;

static int by_test(const void *a, const void *b)
{
    return strcmp(((const instance *)a)->test, ((const instance *)b)->test);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The evaluations of one peer for one measure, sorted by test id. */
static instance *instances_of(const chorus_rouge *r, size_t peer, size_t measure, size_t *n)
{
    size_t count = VEC_COUNT(&r->evals, eval_rec), k = 0;
    instance *out = malloc((count ? count : 1) * sizeof *out);
    if (!out) return NULL;
    const rouge_result *res = (const rouge_result *)(const void *)r->results.data;
    for (size_t i = 0; i < count; i++) {
        const eval_rec *e = &VEC_AT(&r->evals, eval_rec, i);
        if (e->peer != peer) continue;
        out[k].test = e->test;
        out[k].res = &res[i * r->n_measures + measure];
        k++;
    }
    qsort(out, k, sizeof *out, by_test);
    *n = k;
    return out;
}

/* One resample's R, P, F (with -t 1 computed from pooled counts). */
static void resample(const chorus_rouge *r, const instance *in, size_t n, uint32_t seed,
                     double out[3])
{
    rouge_rand rng;
    rouge_srand(&rng, seed);
    double s[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)((double)n * rouge_drand(&rng));
        const rouge_result *x = in[k].res;
        if (r->opts.counting == 1) {
            s[0] += x->model;
            s[1] += x->peer;
            s[2] += x->hit;
        } else {
            s[0] += x->r;
            s[1] += x->p;
            s[2] += x->f;
        }
    }
    if (r->opts.counting != 1) {
        for (int j = 0; j < 3; j++)
            out[j] = s[j] / (double)n;
        return;
    }
    double rec = s[0] > 0 ? s[2] / s[0] : 0, prec = s[1] > 0 ? s[2] / s[1] : 0;
    double a = r->opts.alpha, den = (1 - a) * prec + a * rec;
    out[0] = rec;
    out[1] = prec;
    out[2] = den > 0 ? (rec * prec) / den : 0;
}

/* Perl's $array[$i] on the sorted means: 0 past the end. */
static double at(const double *s, size_t n, long i)
{
    return i >= 0 && (size_t)i < n ? s[i] : 0;
}

static void summarize(const chorus_rouge *r, double *s, double *avg, double *lo, double *hi)
{
    size_t n = r->opts.resamples;
    qsort(s, n, sizeof *s, by_value);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += s[i];
    *avg = rouge_round5(sum / (double)n);
    double delta = (double)n * ((100 - r->opts.confidence) / 2.0) / 100.0;
    long ua = (long)((double)n - delta - 1), la = (long)delta;
    double ratio = (double)n - delta - 1 - (double)ua;
    *lo = rouge_round5(at(s, n, la) + (at(s, n, la + 1) - at(s, n, la)) * ratio);
    *hi = rouge_round5(at(s, n, ua) + (at(s, n, ua + 1) - at(s, n, ua)) * ratio);
}

static void raw_counts(const instance *in, size_t n, chorus_rouge_score *out)
{
    for (size_t i = 0; i < n; i++) {
        out->r += in[i].res->model;
        out->p += in[i].res->peer;
        out->f += in[i].res->hit;
    }
}

chorus_status chorus_rouge_average(const chorus_rouge *r, size_t peer, size_t measure,
                                   chorus_rouge_score *out, chorus_error *err)
{
    memset(out, 0, sizeof *out);
    if (peer >= chorus_rouge_peer_count(r) || measure >= r->n_measures)
        return story_error(err, CHORUS_E_USAGE, "rouge", -1, "no such peer or measure");
    size_t n = 0, rs = r->opts.resamples;
    instance *in = instances_of(r, VEC_AT(&r->order, size_t, peer), measure, &n);
    double *s = in ? malloc(3 * rs * sizeof *s) : NULL;
    if (!s) {
        free(in);
        return nomem(err, "rouge");
    }
    out->evals = n;
    if (r->opts.counting == 2) {
        raw_counts(in, n, out);
    } else {
        for (size_t i = 0; i < rs; i++) {
            double v[3];
            resample(r, in, n, (uint32_t)i, v);
            s[i] = v[0];
            s[rs + i] = v[1];
            s[2 * rs + i] = v[2];
        }
        summarize(r, s, &out->r, &out->r_low, &out->r_high);
        summarize(r, s + rs, &out->p, &out->p_low, &out->p_high);
        summarize(r, s + 2 * rs, &out->f, &out->f_low, &out->f_high);
    }
    free(s);
    free(in);
    return CHORUS_OK;
}

/* ---------------------------------------------------------------- report */

/* The leading number of a test id, as Perl's /^([0-9]+)/ takes it. */
static size_t digits(const char *s)
{
    size_t k = 0;
    while (s[k] >= '0' && s[k] <= '9')
        k++;
    return k;
}

/* The script's by_evalID: numeric when both ids start with digits. */
static int by_eval_id(const void *a, const void *b)
{
    const char *x = ((const instance *)a)->test, *y = ((const instance *)b)->test;
    size_t dx = digits(x), dy = digits(y);
    if (dx && dy) {
        while (dx > 1 && *x == '0')
            x++, dx--;
        while (dy > 1 && *y == '0')
            y++, dy--;
        if (dx != dy) return dx < dy ? -1 : 1;
        int c = strncmp(x, y, dx);
        if (c) return c;
        x = ((const instance *)a)->test;
        y = ((const instance *)b)->test;
    }
    return strcmp(x, y);
}

static void report_eval_lines(const chorus_rouge *r, buf *out, const char *peer, const char *name,
                              size_t peer_index, size_t measure)
{
    size_t n = 0;
    instance *in = instances_of(r, peer_index, measure, &n);
    if (!in) {
        out->failed = 1;
        return;
    }
    qsort(in, n, sizeof *in, by_eval_id);
    buf_puts(out, ".............................................\n");
    for (size_t i = 0; i < n; i++) {
        const rouge_result *x = in[i].res;
        if (r->opts.counting == 0)
            buf_printf(out, "%s %s Eval %s R:%7.5f P:%7.5f F:%7.5f\n", peer, name, in[i].test, x->r,
                       x->p, x->f);
        else
            buf_printf(out, "%s %s Eval %s R:%.15g P:%.15g F:%.15g\n", peer, name, in[i].test,
                       x->model, x->peer, x->hit);
    }
    free(in);
}

static void report_measure(const chorus_rouge *r, buf *out, size_t peer, size_t measure)
{
    const char *id = chorus_rouge_peer_id(r, peer), *name = r->measures[measure].name;
    chorus_rouge_score sc;
    if (chorus_rouge_average(r, peer, measure, &sc, NULL) != CHORUS_OK) {
        out->failed = 1;
        return;
    }
    buf_puts(out, "---------------------------------------------\n");
    if (r->opts.counting == 2) {
        buf_printf(out, "%s %s M_count: %lld P_count: %lld H_count: %lld\n", id, name,
                   (long long)sc.r, (long long)sc.p, (long long)sc.f);
    } else {
        const char *c = r->opts.confidence_label;
        buf_printf(out, "%s %s Average_R: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", id, name, sc.r,
                   c, sc.r_low, sc.r_high);
        buf_printf(out, "%s %s Average_P: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", id, name, sc.p,
                   c, sc.p_low, sc.p_high);
        buf_printf(out, "%s %s Average_F: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", id, name, sc.f,
                   c, sc.f_low, sc.f_high);
    }
    if (r->opts.per_eval)
        report_eval_lines(r, out, id, name, VEC_AT(&r->order, size_t, peer), measure);
}

char *chorus_rouge_report(const chorus_rouge *r, size_t *len)
{
    buf out;
    buf_init(&out, 0);
    buf_puts(&out, "");
    for (size_t p = 0; p < chorus_rouge_peer_count(r); p++)
        for (size_t m = 0; m < r->n_measures; m++)
            report_measure(r, &out, p, m);
    if (out.failed) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out, len);
}

/* ---------------------------------------------------------------- tokens */

char *chorus_rouge_tokens(const chorus_rouge_options *opts, const char *text, size_t len,
                          size_t *out_len)
{
    rouge_vocab vocab;
    rouge_text t;
    rouge_vocab_init(&vocab);
    rouge_text_init(&t);
    buf out;
    buf_init(&out, 0);
    buf_puts(&out, "");
    if (rouge_text_read(&t, text, len, opts, &vocab, "text", NULL) != CHORUS_OK) out.failed = 1;
    const uint32_t *sent = ROUGE_SENT(&t), *ids = ROUGE_LCS(&t);
    for (size_t k = 0; !out.failed && k < ROUGE_SENT_COUNT(&t); k++) {
        for (uint32_t i = sent[k]; i < sent[k + 1]; i++) {
            if (i > sent[k]) buf_putc(&out, ' ');
            buf_puts(&out, rouge_vocab_term(&vocab, ids[i]));
        }
        buf_putc(&out, '\n');
    }
    rouge_text_free(&t);
    rouge_vocab_free(&vocab);
    if (out.failed) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out, out_len);
}
