/*
 * rouge_text.c — a summary as ROUGE-1.5.5 reads it.
 *
 * Lines: split at '\n' only (a '\r' stays in its line); empty lines are
 * skipped, every other line is a sentence. Two readers follow the script:
 *   readText      the text the n-gram measures count, cut by -l (words,
 *                 counted as Perl's split(/\s+/) fields, a leading empty
 *                 field included) or -b (bytes of the lines, joins not
 *                 counted); the cut may fall mid-sentence or mid-word.
 *   readText_LCS  the sentences ROUGE-L and ROUGE-W use: the same cut
 *                 under -l, but under -b the script never adds up the
 *                 bytes, so every sentence shorter than the limit is kept
 *                 and only the first longer one is cut and ends the text.
 * Tokens: runs of [A-Za-z0-9] (every other byte, '-' included, separates),
 * lower-cased as ASCII. With -s a token in the SMART list is dropped; with
 * -m a token longer than 3 bytes becomes its WordNet exception or its
 * Porter stem (rouge_stem.c). Each distinct token is processed once and
 * interned as a term id in the scorer's vocabulary.
 */
#include <string.h>

#include "rouge.h"
#include "story.h"

void rouge_vocab_init(rouge_vocab *v)
{
    arena_init(&v->keys, 0);
    map_init(&v->raw, &v->keys);
    map_init(&v->terms, &v->keys);
    buf_init(&v->names, ROUGE_MAX_TERMS * sizeof(const char *));
    buf_init(&v->lowered, ROUGE_MAX_TEXT_BYTES + 1);
    buf_init(&v->stemmed, ROUGE_MAX_TEXT_BYTES + 1);
    v->count = 0;
}

void rouge_vocab_free(rouge_vocab *v)
{
    map_free(&v->raw);
    map_free(&v->terms);
    buf_free(&v->names);
    buf_free(&v->lowered);
    buf_free(&v->stemmed);
    arena_free(&v->keys);
}

const char *rouge_vocab_term(const rouge_vocab *v, uint32_t id)
{
    return id < v->count ? VEC_AT(&v->names, const char *, id) : "";
}

void rouge_text_init(rouge_text *t)
{
    buf_init(&t->tokens, ROUGE_MAX_TOKENS * sizeof(uint32_t));
    buf_init(&t->lcs, ROUGE_MAX_TOKENS * sizeof(uint32_t));
    buf_init(&t->sentences, ROUGE_MAX_TOKENS * sizeof(uint32_t));
}

void rouge_text_free(rouge_text *t)
{
    buf_free(&t->tokens);
    buf_free(&t->lcs);
    buf_free(&t->sentences);
}

/* The term id of a token after -s and -m, or ROUGE_DROPPED; a token that
 * could not be interned (memory, limit) gives ROUGE_DROPPED - 1. */
#define TERM_FAILED (ROUGE_DROPPED - 1)

static uint32_t intern_term(rouge_vocab *v, const char *s, size_t n)
{
    int inserted = 0;
    if (v->count >= ROUGE_MAX_TERMS) return TERM_FAILED;
    map_slot *slot = map_upsert(&v->terms, s, n, v->count, &inserted);
    if (!slot) return TERM_FAILED;
    if (inserted) {
        const char **name = vec_push(&v->names, sizeof *name);
        if (!name) return TERM_FAILED;
        *name = slot->key;
        v->count++;
    }
    return slot->value;
}

static uint32_t term_of(rouge_vocab *v, const chorus_rouge_options *o, const char *tok, size_t n)
{
    uint32_t *cached = map_get(&v->raw, tok, n);
    if (cached) return *cached;
    uint32_t id = ROUGE_DROPPED;
    if (!(o->stopwords && rouge_is_stopword(tok, n))) {
        const char *s = tok;
        size_t len = n;
        if (o->stem && n > 3) {
            const char *exc = rouge_exception_of(tok, n);
            if (exc) {
                s = exc;
                len = strlen(exc);
            } else {
                buf_reset(&v->stemmed);
                if (!buf_reserve(&v->stemmed, n)) return TERM_FAILED;
                len = rouge_porter(tok, n, v->stemmed.data);
                s = v->stemmed.data;
            }
        }
        id = intern_term(v, s, len);
        if (id == TERM_FAILED) return id;
    }
    if (!map_upsert(&v->raw, tok, n, id, NULL)) return TERM_FAILED;
    return id;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Perl's \s on bytes. */
static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Appends the term ids of the tokens in s[0..n) to out; 0 on failure. */
static int tokenize(const char *s, size_t n, const chorus_rouge_options *o, rouge_vocab *v,
                    buf *out)
{
    char small[64];
    size_t i = 0;
    while (i < n) {
        if (!is_alnum((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n && is_alnum((unsigned char)s[i]))
            i++;
        size_t len = i - start;
        const char *tok = s + start;
        char *lower = len <= sizeof small ? small : NULL;
        if (!lower) {
            buf_reset(&v->lowered);
            if (!buf_reserve(&v->lowered, len)) return 0;
            lower = v->lowered.data;
        }
        for (size_t k = 0; k < len; k++) {
            char c = tok[k];
            lower[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        uint32_t id = term_of(v, o, lower, len);
        if (id == TERM_FAILED) return 0;
        if (id == ROUGE_DROPPED) continue;
        uint32_t *slot = vec_push(out, sizeof *slot);
        if (!slot) return 0;
        *slot = id;
    }
    return 1;
}

/* The number of fields of Perl's split(/\s+/, line): the non-space runs,
 * plus a leading empty field when the line starts with a space and has a
 * run. With `want` > 0, *cut receives the end of the first `want` fields. */
static size_t count_fields(const char *s, size_t n, size_t want, size_t *cut)
{
    size_t runs = 0, i = 0;
    int lead = n > 0 && is_space((unsigned char)s[0]);
    size_t need = want > 0 ? want - (lead ? 1 : 0) : 0;
    if (want > 0 && need == 0) *cut = 0;
    while (i < n) {
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        if (i == n) break;
        while (i < n && !is_space((unsigned char)s[i]))
            i++;
        runs++;
        if (want > 0 && runs == need) *cut = i;
    }
    return runs + (lead && runs > 0 ? 1 : 0);
}

typedef struct line_reader {
    const char *p, *end;
} line_reader;

/* The next non-empty line (without its '\n'); 0 at the end. */
static int next_line(line_reader *r, const char **line, size_t *len)
{
    while (r->p < r->end) {
        const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
        const char *stop = nl ? nl : r->end;
        *line = r->p;
        *len = (size_t)(stop - r->p);
        r->p = nl ? nl + 1 : r->end;
        if (*len > 0) return 1;
    }
    return 0;
}

/* The part of a line readText keeps under the limits; *last set when the
 * line ends the text. total carries the words or bytes taken so far. */
static size_t flat_cut(const char *line, size_t len, const chorus_rouge_options *o, size_t *total,
                       int *last)
{
    *last = 0;
    if (o->word_limit) {
        size_t cut = 0, k = count_fields(line, len, 0, NULL);
        if (*total + k < o->word_limit) {
            *total += k;
            return len;
        }
        count_fields(line, len, o->word_limit - *total, &cut);
        *last = 1;
        return cut;
    }
    if (o->byte_limit) {
        if (*total + len < o->byte_limit) {
            *total += len;
            return len;
        }
        *last = 1;
        return o->byte_limit - *total;
    }
    return len;
}

/* The part of a line readText_LCS keeps (the -b reader never adds up). */
static size_t lcs_cut(const char *line, size_t len, const chorus_rouge_options *o, size_t *total,
                      int *last)
{
    if (!o->byte_limit || o->word_limit) return flat_cut(line, len, o, total, last);
    *last = len >= o->byte_limit;
    return *last ? o->byte_limit : len;
}

static int read_flat(rouge_text *t, const char *bytes, size_t len, const chorus_rouge_options *o,
                     rouge_vocab *v)
{
    line_reader r = {bytes, bytes + len};
    const char *line;
    size_t n, total = 0;
    int last = 0;
    while (!last && next_line(&r, &line, &n))
        if (!tokenize(line, flat_cut(line, n, o, &total, &last), o, v, &t->tokens)) return 0;
    return 1;
}

static int push_offset(buf *b, size_t value)
{
    uint32_t *slot = vec_push(b, sizeof *slot);
    if (slot) *slot = (uint32_t)value;
    return slot != NULL;
}

static int read_sentences(rouge_text *t, const char *bytes, size_t len,
                          const chorus_rouge_options *o, rouge_vocab *v)
{
    line_reader r = {bytes, bytes + len};
    const char *line;
    size_t n, total = 0;
    int last = 0;
    while (!last && next_line(&r, &line, &n)) {
        if (!push_offset(&t->sentences, VEC_COUNT(&t->lcs, uint32_t))) return 0;
        if (!tokenize(line, lcs_cut(line, n, o, &total, &last), o, v, &t->lcs)) return 0;
    }
    return push_offset(&t->sentences, VEC_COUNT(&t->lcs, uint32_t));
}

chorus_status rouge_text_read(rouge_text *t, const char *bytes, size_t len,
                              const chorus_rouge_options *opts, rouge_vocab *vocab,
                              const char *where, chorus_error *err)
{
    buf_reset(&t->tokens);
    buf_reset(&t->lcs);
    buf_reset(&t->sentences);
    if (len > ROUGE_MAX_TEXT_BYTES)
        return story_error(err, CHORUS_E_LIMIT, where, -1, "the summary is larger than 64 MiB");
    int ok = read_flat(t, bytes, len, opts, vocab);
    if (ok) ok = read_sentences(t, bytes, len, opts, vocab);
    if (ok) return CHORUS_OK;
    if (vocab->raw.failed || vocab->terms.failed || vocab->keys.failed)
        return story_error(err, CHORUS_E_NOMEM, where, -1, "out of memory reading the summary");
    return story_error(err, CHORUS_E_LIMIT, where, -1, "the summary has too many words");
}
