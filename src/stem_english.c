/*
 * stem_english.c — the Snowball English ("Porter2") stemmer for words of
 * ASCII lower-case letters and apostrophes, the lexicon's common case.
 *
 * The steps are those of Snowball's english.sbl as libstemmer 2.2 runs
 * them (exception words, prelude, regions R1 and R2, steps 1a to 5,
 * postlude), written directly on a byte buffer: libstemmer's generated
 * code spends most of its time in its general machinery (searching suffix
 * tables, UTF-8 groupings, slice copies), which costs the lexicon one
 * call of thousands of instructions per new word. Each step takes the
 * longest suffix of its list and stops when that suffix's condition fails,
 * as Snowball's `among` does. Words with any other byte (capitals, spaces,
 * controls, bytes beyond ASCII) are left to libstemmer (stem_english
 * returns 0);
 * tests/unit/test_stem.c compares both on generated and listed words.
 * Limits: words of up to STEM_MAX_BYTES bytes.
 */
#include "stem_english.h"

#include <stdint.h>
#include <string.h>

#define WORD_PAD 8 /* zero bytes before the word: its last eight always readable */

typedef struct word {
    char *b; /* the word: bytes[WORD_PAD...] */
    size_t len;
    size_t p1, p2;                             /* the starts of R1 and R2 */
    char bytes[WORD_PAD + STEM_MAX_BYTES + 2]; /* room for the 'e' steps 1b may add */
} word;

/* Vowels: 'y' is one, the prelude's consonant 'Y' is not. */
static int is_v(char c)
{
    return c >= 'a' && c <= 'z' &&
           ((1u << (c - 'a')) &
            ((1u << 0) | (1u << 4) | (1u << 8) | (1u << 14) | (1u << 20) | (1u << 24)));
}

/* s[0..n) equals t[0..n) (short strings: no call to memcmp). */
static int same(const char *s, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != t[i]) return 0;
    return 1;
}

/* The word's last eight bytes as a number, the last byte highest (zero
 * bytes before a shorter word). */
static uint64_t last_eight(const word *w)
{
    uint64_t t;
    memcpy(&t, w->b + w->len - 8, 8);
    return t;
}

/* Whether c is one of the letters in the bit set (bit 0: 'a'). */
static int in_set(char c, uint32_t set)
{
    return c >= 'a' && c <= 'z' && (set >> (c - 'a') & 1);
}

#define LETTER(c) (1u << ((c) - 'a'))

/* A suffix of a step's list, with its replacement: "" deletes it, NULL
 * marks a rule with a condition of its own (the step's code). Lists are
 * ordered longest first and end with a NULL suffix. A suffix of up to
 * seven bytes is also held as last_eight() of a word that ends with it,
 * under a mask of its length, so that a word is matched by one comparison
 * (the zero bytes before a shorter word match no suffix). */
typedef struct rule {
    const char *suffix;
    size_t len;
    const char *to;
    uint64_t tail, mask;
} rule;

/* Byte i from the end of the string literal s, at the place last_eight()
 * gives it; 0 past its start. */
#define SUFFIX_BYTE(s, i)                                                                          \
    (sizeof(s) - 1 > (i)                                                                           \
         ? (uint64_t)(unsigned char)(s)[sizeof(s) - 1 > (i) ? sizeof(s) - 2 - (i) : 0]             \
               << (56 - 8 * (i))                                                                   \
         : 0)
#define SUFFIX_TAIL(s)                                                                             \
    (SUFFIX_BYTE(s, 0) | SUFFIX_BYTE(s, 1) | SUFFIX_BYTE(s, 2) | SUFFIX_BYTE(s, 3) |               \
     SUFFIX_BYTE(s, 4) | SUFFIX_BYTE(s, 5) | SUFFIX_BYTE(s, 6) | SUFFIX_BYTE(s, 7))
#define RULE(s, t)                                                                                 \
    {                                                                                              \
        s, sizeof(s) - 1, t, SUFFIX_TAIL(s), ~0ULL << (64 - 8 * (sizeof(s) - 1))                   \
    }
#define RULES_END                                                                                  \
    {                                                                                              \
        NULL, 0, NULL, 0, 0                                                                        \
    }

/* The longest suffix of rules that w ends with, or NULL; last_set holds
 * the letters the suffixes end with (0: not only letters), so that most
 * words leave a list at its first test. */
static const rule *find_rule(const word *w, const rule *rules, uint32_t last_set)
{
    if (!w->len) return NULL;
    if (last_set && !in_set(w->b[w->len - 1], last_set)) return NULL;
    uint64_t tail = last_eight(w), last = tail >> 56;
    for (const rule *r = rules; r->suffix; r++)
        if (r->tail >> 56 == last && (tail & r->mask) == r->tail) return r;
    return NULL;
}

/* A short syllable ends at k: a non-vowel other than w, x, Y after a vowel
 * after a non-vowel, or a non-vowel after a vowel that starts the word. */
static int short_syllable(const word *w, size_t k)
{
    const char *b = w->b;
    if (k >= 3 && !is_v(b[k - 1]) && b[k - 1] != 'w' && b[k - 1] != 'x' && b[k - 1] != 'Y' &&
        is_v(b[k - 2]) && !is_v(b[k - 3]))
        return 1;
    return k == 2 && !is_v(b[1]) && is_v(b[0]);
}

/* Replaces the last n bytes with s. */
static void replace(word *w, size_t n, const char *s)
{
    size_t k = strlen(s);
    memcpy(w->b + w->len - n, s, k);
    w->len = w->len - n + k;
}

/* ----------------------------------------------------- before the steps */

/* Whole words with a fixed stem (an empty replacement: the word itself);
 * returns 1, with the stem in w, when w is one. */
static int exception1(word *w)
{
    static const rule words[] = {RULE("skis", "ski"),
                                 RULE("skies", "sky"),
                                 RULE("dying", "die"),
                                 RULE("lying", "lie"),
                                 RULE("tying", "tie"),
                                 RULE("idly", "idl"),
                                 RULE("gently", "gentl"),
                                 RULE("ugly", "ugli"),
                                 RULE("early", "earli"),
                                 RULE("only", "onli"),
                                 RULE("singly", "singl"),
                                 RULE("sky", ""),
                                 RULE("news", ""),
                                 RULE("howe", ""),
                                 RULE("atlas", ""),
                                 RULE("cosmos", ""),
                                 RULE("bias", ""),
                                 RULE("andes", ""),
                                 RULES_END};
    if (w->len < 3 || w->len > 6) return 0;
    for (const rule *r = words; r->suffix; r++)
        if (w->len == r->len && same(w->b, r->suffix, r->len)) {
            if (r->to[0]) {
                w->len = strlen(r->to);
                memcpy(w->b, r->to, w->len);
            }
            return 1;
        }
    return 0;
}

/* Drops a leading apostrophe; a 'y' that starts the word or follows a
 * vowel becomes the consonant 'Y'. */
static void prelude(word *w)
{
    if (w->len && w->b[0] == '\'') {
        memmove(w->b, w->b + 1, w->len - 1);
        w->len--;
    }
    if (w->len && w->b[0] == 'y') w->b[0] = 'Y';
    for (size_t i = 1; i < w->len; i++)
        if (w->b[i] == 'y' && is_v(w->b[i - 1])) w->b[i] = 'Y';
}

/* The position after the first non-vowel that follows a vowel, from k on;
 * the word's length when there is none. */
static size_t region_from(const word *w, size_t k)
{
    while (k < w->len && !is_v(w->b[k]))
        k++;
    if (k >= w->len) return w->len;
    k++;
    while (k < w->len && is_v(w->b[k]))
        k++;
    return k < w->len ? k + 1 : w->len;
}

/* R1 starts after the first non-vowel that follows a vowel (or after one
 * of three prefixes), R2 likewise from R1 on. */
static void mark_regions(word *w)
{
    static const rule prefixes[] = {RULE("commun", ""), RULE("gener", ""), RULE("arsen", ""),
                                    RULES_END};
    w->p1 = SIZE_MAX;
    for (const rule *r = prefixes; r->suffix && w->p1 == SIZE_MAX; r++)
        if (w->len >= r->len && same(w->b, r->suffix, r->len)) w->p1 = r->len;
    if (w->p1 == SIZE_MAX) w->p1 = region_from(w, 0);
    w->p2 = region_from(w, w->p1);
}

/* ------------------------------------------------------------ the steps */

/* The suffix lists of the steps, longest first, each with the set of
 * letters its suffixes end with (stem_english_lists_ok checks the sets). */
static const rule apostrophes[] = {RULE("'s'", ""), RULE("'s", ""), RULE("'", ""), RULES_END};
static const rule plurals[] = {RULE("sses", "ss"), RULE("ied", NULL), RULE("ies", NULL),
                               RULE("us", "us"),   RULE("ss", "ss"),  RULE("s", NULL),
                               RULES_END};
#define PLURAL_ENDS (LETTER('s') | LETTER('d'))
static const rule step_1b_suffixes[] = {
    RULE("eedly", "ee"), RULE("ingly", NULL), RULE("edly", NULL), RULE("eed", "ee"),
    RULE("ing", NULL),   RULE("ed", NULL),    RULES_END};
#define STEP_1B_ENDS (LETTER('y') | LETTER('d') | LETTER('g'))
static const rule ends_e[] = {RULE("at", ""), RULE("bl", ""), RULE("iz", ""), RULES_END};
#define ENDS_E_ENDS (LETTER('t') | LETTER('l') | LETTER('z'))
static const rule step_2_rules[] = {RULE("ational", "ate"),
                                    RULE("fulness", "ful"),
                                    RULE("ousness", "ous"),
                                    RULE("iveness", "ive"),
                                    RULE("ization", "ize"),
                                    RULE("tional", "tion"),
                                    RULE("biliti", "ble"),
                                    RULE("lessli", "less"),
                                    RULE("entli", "ent"),
                                    RULE("ation", "ate"),
                                    RULE("alism", "al"),
                                    RULE("aliti", "al"),
                                    RULE("ousli", "ous"),
                                    RULE("iviti", "ive"),
                                    RULE("fulli", "ful"),
                                    RULE("enci", "ence"),
                                    RULE("anci", "ance"),
                                    RULE("abli", "able"),
                                    RULE("izer", "ize"),
                                    RULE("ator", "ate"),
                                    RULE("alli", "al"),
                                    RULE("bli", "ble"),
                                    RULE("ogi", NULL),
                                    RULE("li", NULL),
                                    RULES_END};
#define STEP_2_ENDS                                                                                \
    (LETTER('l') | LETTER('s') | LETTER('n') | LETTER('i') | LETTER('m') | LETTER('r'))
static const rule step_3_rules[] = {RULE("ational", "ate"), RULE("tional", "tion"),
                                    RULE("alize", "al"),    RULE("icate", "ic"),
                                    RULE("iciti", "ic"),    RULE("ative", NULL),
                                    RULE("ical", "ic"),     RULE("ness", ""),
                                    RULE("ful", ""),        RULES_END};
#define STEP_3_ENDS (LETTER('l') | LETTER('e') | LETTER('i') | LETTER('s'))
static const rule step_4_rules[] = {
    RULE("ement", ""), RULE("ance", ""), RULE("ence", ""), RULE("able", ""), RULE("ible", ""),
    RULE("ment", ""),  RULE("ant", ""),  RULE("ent", ""),  RULE("ism", ""),  RULE("ate", ""),
    RULE("iti", ""),   RULE("ous", ""),  RULE("ive", ""),  RULE("ize", ""),  RULE("ion", NULL),
    RULE("al", ""),    RULE("er", ""),   RULE("ic", ""),   RULES_END};
#define STEP_4_ENDS                                                                                \
    (LETTER('t') | LETTER('e') | LETTER('m') | LETTER('i') | LETTER('s') | LETTER('n') |           \
     LETTER('l') | LETTER('r') | LETTER('c'))

/* Possessives and plurals. */
static void step_1a(word *w)
{
    const rule *r = find_rule(w, apostrophes, 0);
    if (r) w->len -= r->len;
    if (!(r = find_rule(w, plurals, PLURAL_ENDS))) return;
    if (r->to) {
        replace(w, r->len, r->to);
    } else if (r->len == 3) { /* ied, ies */
        replace(w, 3, w->len - 3 >= 2 ? "i" : "ie");
    } else { /* s: dropped after a vowel that is not just before it */
        for (size_t k = 0; k + 2 < w->len; k++)
            if (is_v(w->b[k])) {
                w->len--;
                break;
            }
    }
}

/* Whole words (after step 1a) that the other steps leave alone, of
 * EXCEPTION2_MIN to EXCEPTION2_MAX bytes. */
#define EXCEPTION2_MIN 6
#define EXCEPTION2_MAX 7
static const rule exception2_words[] = {
    RULE("inning", ""),  RULE("outing", ""),  RULE("canning", ""),
    RULE("herring", ""), RULE("earring", ""), RULE("proceed", ""),
    RULE("exceed", ""),  RULE("succeed", ""), RULES_END};

static int exception2(const word *w)
{
    if (w->len < EXCEPTION2_MIN || w->len > EXCEPTION2_MAX) return 0;
    for (const rule *r = exception2_words; r->suffix; r++)
        if (w->len == r->len && same(w->b, r->suffix, r->len)) return 1;
    return 0;
}

static int has_vowel(const word *w, size_t end)
{
    for (size_t k = 0; k < end; k++)
        if (is_v(w->b[k])) return 1;
    return 0;
}

/* The ending of a word that step 1b shortened: an 'e' after at, bl, iz or
 * a short syllable that fills R1; a double consonant undoubled. */
static void step_1b_end(word *w)
{

    size_t n = w->len;
    if (find_rule(w, ends_e, ENDS_E_ENDS)) {
        w->b[w->len++] = 'e';
    } else if (n >= 2 && w->b[n - 1] == w->b[n - 2] &&
               in_set(w->b[n - 1], LETTER('b') | LETTER('d') | LETTER('f') | LETTER('g') |
                                       LETTER('m') | LETTER('n') | LETTER('p') | LETTER('r') |
                                       LETTER('t'))) {
        w->len--;
    } else if (n == w->p1 && short_syllable(w, n)) {
        w->b[w->len++] = 'e';
    }
}

/* -eed, -ed, -ing and their -ly forms. */
static void step_1b(word *w)
{

    const rule *r = find_rule(w, step_1b_suffixes, STEP_1B_ENDS);
    if (!r) return;
    size_t s = w->len - r->len;
    if (r->to) {
        if (s >= w->p1) replace(w, r->len, r->to);
    } else if (has_vowel(w, s)) {
        w->len = s;
        step_1b_end(w);
    }
}

/* A final y or Y after a non-vowel that does not start the word -> i. */
static void step_1c(word *w)
{
    size_t n = w->len;
    if (n >= 3 && (w->b[n - 1] == 'y' || w->b[n - 1] == 'Y') && !is_v(w->b[n - 2]))
        w->b[n - 1] = 'i';
}

static int valid_li(char c)
{
    return in_set(c, LETTER('c') | LETTER('d') | LETTER('e') | LETTER('g') | LETTER('h') |
                         LETTER('k') | LETTER('m') | LETTER('n') | LETTER('r') | LETTER('t'));
}

static void step_2(word *w)
{
    if (w->len < w->p1 + 2) return; /* no suffix (of two bytes or more) starts in R1 */

    const rule *r = find_rule(w, step_2_rules, STEP_2_ENDS);
    if (!r) return;
    size_t s = w->len - r->len;
    if (s < w->p1) return;
    if (r->to) {
        replace(w, r->len, r->to);
    } else if (r->len == 3) { /* ogi -> og after l */
        if (s >= 1 && w->b[s - 1] == 'l') w->len--;
    } else if (s >= 1 && valid_li(w->b[s - 1])) { /* li */
        w->len = s;
    }
}

static void step_3(word *w)
{
    if (w->len < w->p1 + 3) return;

    const rule *r = find_rule(w, step_3_rules, STEP_3_ENDS);
    if (!r) return;
    size_t s = w->len - r->len;
    if (s < w->p1) return;
    if (r->to)
        replace(w, r->len, r->to);
    else if (s >= w->p2) /* ative, in R2 */
        w->len = s;
}

static void step_4(word *w)
{
    if (w->len < w->p2 + 2) return;

    const rule *r = find_rule(w, step_4_rules, STEP_4_ENDS);
    if (!r) return;
    size_t s = w->len - r->len;
    if (s < w->p2) return;
    if (r->to || (s >= 1 && (w->b[s - 1] == 's' || w->b[s - 1] == 't'))) w->len = s;
}

static void step_5(word *w)
{
    if (!w->len) return;
    size_t s = w->len - 1;
    if (w->b[s] == 'e') {
        if (s >= w->p2 || (s >= w->p1 && !short_syllable(w, s))) w->len = s;
    } else if (w->b[s] == 'l') {
        if (s >= w->p2 && s >= 1 && w->b[s - 1] == 'l') w->len = s;
    }
}

/* ------------------------------------------------------------ the stem */

/* Printable ASCII without capitals: the stemmer's groupings hold only
 * the letters a to z, so any other byte is a non-vowel to it, as it is to
 * Snowball's. */
static int plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] <= ' ' || s[i] > '~' || (s[i] >= 'A' && s[i] <= 'Z')) return 0;
    return 1;
}

size_t stem_english(const char *s, size_t n, char *out)
{
    if (!n || n > STEM_MAX_BYTES || !plain(s, n)) return 0;
    word w;
    w.b = w.bytes + WORD_PAD;
    memset(w.bytes, 0, WORD_PAD);
    memcpy(w.b, s, n);
    w.len = n;
    if (!exception1(&w) && n >= 3) {
        prelude(&w);
        mark_regions(&w);
        step_1a(&w);
        if (!exception2(&w)) {
            step_1b(&w);
            step_1c(&w);
            step_2(&w);
            step_3(&w);
            step_4(&w);
            step_5(&w);
        }
        for (size_t i = 0; i < w.len; i++)
            if (w.b[i] == 'Y') w.b[i] = 'y';
    }
    memcpy(out, w.b, w.len);
    return w.len;
}

/* The letters the suffixes of rules end with; 0 when one ends otherwise. */
static uint32_t last_letters(const rule *rules)
{
    uint32_t set = 0;
    for (const rule *r = rules; r->suffix; r++) {
        char last = r->suffix[r->len - 1];
        if (last < 'a' || last > 'z') return 0;
        set |= LETTER(last);
    }
    return set;
}

/* Whether every suffix of rules is held right in its tail and mask. */
static int tails_ok(const rule *rules)
{
    for (const rule *r = rules; r->suffix; r++) {
        uint64_t tail = 0;
        if (r->len == 0 || r->len > 7) return 0;
        for (size_t i = 0; i < r->len; i++)
            tail |= (uint64_t)(unsigned char)r->suffix[r->len - 1 - i] << (56 - 8 * i);
        if (tail != r->tail || r->mask != ~0ULL << (64 - 8 * r->len)) return 0;
    }
    return 1;
}

int stem_english_lists_ok(void)
{
    static const struct {
        const rule *rules;
        uint32_t ends;
    } lists[] = {
        {apostrophes, 0},           {plurals, PLURAL_ENDS},      {step_1b_suffixes, STEP_1B_ENDS},
        {ends_e, ENDS_E_ENDS},      {step_2_rules, STEP_2_ENDS}, {step_3_rules, STEP_3_ENDS},
        {step_4_rules, STEP_4_ENDS}};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        if (last_letters(lists[i].rules) != lists[i].ends || !tails_ok(lists[i].rules)) return 0;
    for (const rule *r = exception2_words; r->suffix; r++)
        if (r->len < EXCEPTION2_MIN || r->len > EXCEPTION2_MAX) return 0;
    return 1;
}
