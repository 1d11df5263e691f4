/*
 * rouge_stem.c — stemming and stopwords exactly as ROUGE-1.5.5 applies them.
 *
 * Lookups: binary search in the built-in tables of rouge_tables.c (SMART
 * stopwords, WordNet 2.0 exceptions).
 *
 * Stemmer: Martin Porter's reference Perl implementation ("Release 1"),
 * which ROUGE embeds, with C.-Y. Lin's change of step 4 (-ment and -ent
 * tried after the main list, each on its own). That implementation decides
 * the measure m of a stem with regular expressions built from
 * c=[^aeiou], v=[aeiouy], C=c[^aeiouy]*, V=v[aeiou]*, which treat 'y'
 * slightly differently from the 1980 paper. To agree with it on every
 * word, those four expressions are run here as they are written: as small
 * NFAs over the bytes (no backtracking, linear in the word). An initial 'y'
 * is upper-cased first, as the Perl code does, so it counts as a consonant.
 *
 * Limits: the input is a lower-case token of [a-z0-9]; other bytes are
 * treated as consonants. The output is never longer than the input.
 */
#include <stdlib.h>
#include <string.h>

#include "rouge.h"
#include "table.h"

/* ------------------------------------------------------------ lookups */

int rouge_is_stopword(const char *w, size_t n)
{
    return table_find(rouge_stopwords, rouge_stopword_count, sizeof *rouge_stopwords, w, n) >= 0;
}

const char *rouge_exception_of(const char *w, size_t n)
{
    long i = table_find(rouge_exceptions, rouge_exception_count, sizeof *rouge_exceptions, w, n);
    return i >= 0 ? rouge_exceptions[i].value : NULL;
}

/* ------------------------------------------------- the measure patterns */

/* Character classes of the Perl patterns. */
enum { CL_c, CL_v, CL_notvy, CL_vowel5, CL_cvc_end };

static int in_class(int cls, char ch)
{
    int vowel = ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
    switch (cls) {
    case CL_c:
        return !vowel; /* [^aeiou] */
    case CL_v:
        return vowel || ch == 'y'; /* [aeiouy] */
    case CL_notvy:
        return !vowel && ch != 'y'; /* [^aeiouy] */
    case CL_vowel5:
        return vowel; /* [aeiou] */
    default:
        return !vowel && ch != 'w' && ch != 'x' && ch != 'y'; /* [^aeiouwxy] */
    }
}

/* One element of a pattern: a class taken once or any number of times, or
 * the start of an optional group that may be skipped up to index `to`. */
typedef struct atom {
    enum { ONE, STAR, OPT } op;
    int cls;
    int to;
} atom;

#define MAX_ATOMS 16

/* Runs the pattern anchored at the start of s. With at_end the match must
 * end at the end of s; otherwise any prefix will do. */
static int nfa_match(const atom *p, int n, const char *s, size_t len, int at_end)
{
    unsigned set = 1u, next;
    for (size_t pos = 0;; pos++) {
        /* epsilon closure: skip stars and optional groups */
        for (int k = 0; k < n; k++) {
            if (!(set & (1u << k))) continue;
            if (p[k].op == STAR) set |= 1u << (k + 1);
            if (p[k].op == OPT) set |= (1u << (k + 1)) | (1u << p[k].to);
        }
        if ((set & (1u << n)) && (!at_end || pos == len)) return 1;
        if (pos == len || !set) return 0;
        next = 0;
        for (int k = 0; k < n; k++) {
            if (!(set & (1u << k)) || p[k].op == OPT || !in_class(p[k].cls, s[pos])) continue;
            next |= p[k].op == STAR ? 1u << k : 1u << (k + 1);
        }
        set = next;
    }
}

/* C = c[^aeiouy]*  and  V = v[aeiou]* as atoms. */
// clang-format off
#define C_ATOMS {ONE, CL_c, 0}, {STAR, CL_notvy, 0}
#define V_ATOMS {ONE, CL_v, 0}, {STAR, CL_vowel5, 0}
// clang-format on

/* ^(C)?VC : m > 0 */
static int m_gt0(const char *s, size_t n)
{
    static const atom p[] = {{OPT, 0, 3}, C_ATOMS, V_ATOMS, C_ATOMS};
    return nfa_match(p, 7, s, n, 0);
}

/* ^(C)?VCVC : m > 1 */
static int m_gt1(const char *s, size_t n)
{
    static const atom p[] = {{OPT, 0, 3}, C_ATOMS, V_ATOMS, C_ATOMS, V_ATOMS, C_ATOMS};
    return nfa_match(p, 11, s, n, 0);
}

/* ^(C)?VC(V)?$ : m == 1 */
static int m_eq1(const char *s, size_t n)
{
    static const atom p[] = {{OPT, 0, 3}, C_ATOMS, V_ATOMS, C_ATOMS, {OPT, 0, 10}, V_ATOMS};
    return nfa_match(p, 10, s, n, 1);
}

/* ^(C)?v : the stem has a vowel */
static int has_vowel(const char *s, size_t n)
{
    static const atom p[] = {{OPT, 0, 3}, C_ATOMS, {ONE, CL_v, 0}};
    return nfa_match(p, 4, s, n, 0);
}

/* ^Cv[^aeiouwxy]$ : consonant-vowel-consonant ending (hop, not how) */
static int cvc(const char *s, size_t n)
{
    static const atom p[] = {C_ATOMS, {ONE, CL_v, 0}, {ONE, CL_cvc_end, 0}};
    return nfa_match(p, 4, s, n, 1);
}

/* ------------------------------------------------------------ the steps */

typedef struct word {
    char *s;
    size_t n;
} word;

static int ends(const word *w, const char *suffix)
{
    size_t k = strlen(suffix);
    return w->n >= k && memcmp(w->s + w->n - k, suffix, k) == 0;
}

/* Replaces the last `drop` bytes with `add`. */
static void set_end(word *w, size_t drop, const char *add)
{
    size_t k = strlen(add);
    memcpy(w->s + w->n - drop, add, k);
    w->n = w->n - drop + k;
}

/* A suffix and what replaces it. */
typedef struct rule {
    const char *suffix, *with;
} rule;

/* The rule with the longest suffix of w, as Perl's leftmost match of an
 * alternation anchored at $ finds it; NULL when none matches. */
static const rule *longest_suffix(const word *w, const rule *rules, size_t n)
{
    const rule *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (ends(w, rules[i].suffix) && (!best || strlen(rules[i].suffix) > strlen(best->suffix)))
            best = &rules[i];
    return best;
}

/* Applies the longest matching rule when the stem before it has m > 0. */
static void replace_if_m_gt0(word *w, const rule *rules, size_t n)
{
    const rule *hit = longest_suffix(w, rules, n);
    size_t k = hit ? strlen(hit->suffix) : 0;
    if (hit && m_gt0(w->s, w->n - k)) set_end(w, k, hit->with);
}

static void step1ab(word *w)
{
    if (ends(w, "sses") || ends(w, "ies")) {
        w->n -= 2;
    } else if (w->n >= 2 && w->s[w->n - 1] == 's' && w->s[w->n - 2] != 's') {
        w->n -= 1;
    }
    if (ends(w, "eed")) {
        if (m_gt0(w->s, w->n - 3)) w->n -= 1;
        return;
    }
    size_t k = ends(w, "ed") ? 2 : ends(w, "ing") ? 3 : 0;
    if (!k || !has_vowel(w->s, w->n - k)) return;
    w->n -= k;
    char last = w->n ? w->s[w->n - 1] : 0;
    if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) {
        set_end(w, 0, "e");
    } else if (w->n >= 2 && last == w->s[w->n - 2] && !strchr("aeiouylsz", last)) {
        w->n -= 1;
    } else if (cvc(w->s, w->n)) {
        set_end(w, 0, "e");
    }
}

static void step1c(word *w)
{
    if (ends(w, "y") && has_vowel(w->s, w->n - 1)) w->s[w->n - 1] = 'i';
}

static void step2(word *w)
{
    /* clang-format off */
    static const rule rules[] = {{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},
                                 {"anci", "ance"},   {"izer", "ize"},    {"bli", "ble"},
                                 {"alli", "al"},     {"entli", "ent"},   {"eli", "e"},
                                 {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
                                 {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"},
                                 {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
                                 {"iviti", "ive"},   {"biliti", "ble"},  {"logi", "log"}};
    /* clang-format on */
    replace_if_m_gt0(w, rules, sizeof rules / sizeof *rules);
}

static void step3(word *w)
{
    /* clang-format off */
    static const rule rules[] = {{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
                                 {"ical", "ic"},  {"ful", ""},   {"ness", ""}};
    /* clang-format on */
    replace_if_m_gt0(w, rules, sizeof rules / sizeof *rules);
}

/* Removes suffix when the stem before it has m > 1. */
static void strip_if_m_gt1(word *w, size_t suffix_len)
{
    if (m_gt1(w->s, w->n - suffix_len)) w->n -= suffix_len;
}

static void step4(word *w)
{
    /* clang-format off */
    static const rule rules[] = {{"al", ""},    {"ance", ""}, {"ence", ""}, {"er", ""},
                                 {"ic", ""},    {"able", ""}, {"ible", ""}, {"ant", ""},
                                 {"ement", ""}, {"ou", ""},   {"ism", ""},  {"ate", ""},
                                 {"iti", ""},   {"ous", ""},  {"ive", ""},  {"ize", ""}};
    /* clang-format on */
    const rule *hit = longest_suffix(w, rules, sizeof rules / sizeof *rules);
    if (hit) strip_if_m_gt1(w, strlen(hit->suffix));
    if (ends(w, "ment")) strip_if_m_gt1(w, 4);
    if (ends(w, "ent"))
        strip_if_m_gt1(w, 3);
    else if (ends(w, "sion") || ends(w, "tion"))
        strip_if_m_gt1(w, 3);
}

static void step5(word *w)
{
    if (ends(w, "e")) {
        size_t k = w->n - 1;
        if (m_gt1(w->s, k) || (m_eq1(w->s, k) && !cvc(w->s, k))) w->n = k;
    }
    if (ends(w, "ll") && m_gt1(w->s, w->n)) w->n -= 1;
}

size_t rouge_porter(const char *in, size_t n, char *out)
{
    memcpy(out, in, n);
    if (n < 3) return n;
    word w = {out, n};
    int initial_y = out[0] == 'y';
    if (initial_y) out[0] = 'Y';
    step1ab(&w);
    step1c(&w);
    step2(&w);
    step3(&w);
    step4(&w);
    step5(&w);
    if (initial_y) out[0] = 'y';
    return w.n;
}
