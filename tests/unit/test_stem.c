/* Tests of stem_english.c: the same stems as libstemmer's English stemmer
 * on every short word, on generated words built from the suffixes its
 * steps know, on words with digits, hyphens and other ASCII punctuation,
 * and on words whose rules are exceptions; capitals and bytes beyond
 * ASCII are left to libstemmer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libstemmer.h>

#include "stem_english.h"

/* Fails with the word when the stems differ. */
static void assert_same_stem(struct sb_stemmer *sb, const char *w, size_t n)
{
    char mine[STEM_MAX_BYTES + 2];
    size_t k = stem_english(w, n, mine);
    const sb_symbol *ref = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
    assert_non_null(ref);
    size_t len = (size_t)sb_stemmer_length(sb);
    if (k != len || memcmp(mine, ref, len) != 0) {
        print_error("'%.*s': stem_english '%.*s', libstemmer '%.*s'\n", (int)n, w, (int)k, mine,
                    (int)len, (const char *)ref);
        fail();
    }
}

/* Every word of up to four bytes of a to z and the apostrophe. */
static void test_every_short_word(void **state)
{
    (void)state;
    struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
    const char *alphabet = "abcdefghijklmnopqrstuvwxyz'";
    char w[4];
    for (size_t n = 1; n <= 4; n++) {
        size_t total = 1;
        for (size_t i = 0; i < n; i++)
            total *= 27;
        for (size_t c = 0; c < total; c++) {
            for (size_t i = 0, v = c; i < n; i++, v /= 27)
                w[i] = alphabet[v % 27];
            assert_same_stem(sb, w, n);
        }
    }
    sb_stemmer_delete(sb);
}

/* Words made of a few letters, vowels weighed up, and up to two of the
 * suffixes the steps look for, after a prefix that marks regions. */
static void test_generated_words(void **state)
{
    (void)state;
    static const char *suffixes[] = {
        "ing",     "ed",      "ies",   "ied",    "ational", "tional",  "izer",  "ization", "ness",
        "ful",     "ly",      "li",    "ement",  "ment",    "ous",     "ive",   "ize",     "s",
        "ss",      "sses",    "eed",   "eedly",  "ingly",   "edly",    "y",     "e",       "l",
        "ion",     "ogi",     "fulli", "lessli", "entli",   "alli",    "'s",    "'",       "s'",
        "at",      "bl",      "iz",    "bb",     "ative",   "alize",   "icate", "iciti",   "ical",
        "ance",    "ence",    "er",    "ic",     "able",    "ible",    "ant",   "ent",     "ism",
        "ate",     "iti",     "enci",  "anci",   "abli",    "ator",    "alism", "aliti",   "ousli",
        "ousness", "iveness", "iviti", "biliti", "bli",     "fulness", "us",    "yed",     "ying",
        "ys",      "eys",     "ll",    "sion",   "tion"};
    static const char *prefixes[] = {"", "gener", "commun", "arsen", "y", "'", "ski", "un", "re"};
    const char *letters = "abcdefghijklmnopqrstuvwxyzaeiouyeeeesslnt'-0-7";
    struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
    uint64_t x = 88172645463325252ULL;
    char w[STEM_MAX_BYTES + 1];
    for (int it = 0; it < 300000; it++) {
        size_t n = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        if (x % 5 == 0) {
            const char *p = prefixes[(x >> 8) % 9];
            memcpy(w, p, strlen(p));
            n = strlen(p);
        }
        for (size_t i = 0, len = (x >> 16) % 8; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            w[n++] = letters[x % (it % 4 ? 26 : strlen(letters))];
        }
        for (size_t j = 0, k = (x >> 24) % 3; j < k; j++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *s = suffixes[x % (sizeof suffixes / sizeof *suffixes)];
            memcpy(w + n, s, strlen(s));
            n += strlen(s);
        }
        if (n) assert_same_stem(sb, w, n);
    }
    sb_stemmer_delete(sb);
}

static void test_exceptions_and_examples(void **state)
{
    (void)state;
    assert_true(stem_english_lists_ok());
    static const char *words[] = {
        "skis",           "skies",       "dying",      "lying",      "tying",      "idly",
        "gently",         "ugly",        "early",      "only",       "singly",     "sky",
        "news",           "howe",        "atlas",      "cosmos",     "bias",       "andes",
        "inning",         "innings",     "outing",     "outings",    "canning",    "herring",
        "earring",        "proceed",     "exceed",     "succeed",    "generously", "communism",
        "arsenal",        "consign",     "consigned",  "knightly",   "kneading",   "yelling",
        "sayyid",         "'quoted'",    "players'",   "o'neill's",  "cries",      "ties",
        "happily",        "hopping",     "hoping",     "agreed",     "feed",       "bleed",
        "generalization", "electricity", "electrical", "adjustable", "irritant",   "controlling",
        "rolling",        "analogy",     "apology"};
    struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_same_stem(sb, words[i], strlen(words[i]));
    sb_stemmer_delete(sb);
}

/* Every word of up to three bytes from letters, the apostrophe, digits,
 * hyphens and other punctuation a token may hold. */
static void test_short_words_with_other_ascii(void **state)
{
    (void)state;
    struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
    const char *alphabet = "aeiouyswxlbcdt'-0159&._/:@+";
    size_t k = strlen(alphabet);
    char w[3];
    for (size_t n = 1; n <= 3; n++) {
        size_t total = 1;
        for (size_t i = 0; i < n; i++)
            total *= k;
        for (size_t c = 0; c < total; c++) {
            for (size_t i = 0, v = c; i < n; i++, v /= k)
                w[i] = alphabet[v % k];
            assert_same_stem(sb, w, n);
        }
    }
    static const char *words[] = {"covid-19s",   "al-amin",  "1990s",       "g20",        "mp3s",
                                  "well-being",  "x-rays",   "self-styled", "co-opted",   "e-mails",
                                  "24-year-old", "u.s.-led", "at&t",        "re-elected", "-ing",
                                  "-ly",         "y-yes",    "bye-bye",     "3d-printed", "ye-ing"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_same_stem(sb, words[i], strlen(words[i]));
    sb_stemmer_delete(sb);
}

/* Capitals, spaces, bytes beyond ASCII and overlong words are
 * libstemmer's. */
static void test_other_bytes_are_left(void **state)
{
    (void)state;
    char out[STEM_MAX_BYTES + 2];
    assert_int_equal(stem_english("Running", 7, out), 0);
    assert_int_equal(stem_english("new york", 8, out), 0);
    assert_int_equal(stem_english("caf\xc3\xa9s", 6, out), 0);
    assert_int_equal(stem_english("", 0, out), 0);
    char longword[STEM_MAX_BYTES + 1];
    memset(longword, 'a', sizeof longword);
    assert_int_equal(stem_english(longword, sizeof longword, out), 0);
    assert_int_equal(stem_english(longword, STEM_MAX_BYTES, out), STEM_MAX_BYTES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_short_word),
        cmocka_unit_test(test_generated_words),
        cmocka_unit_test(test_exceptions_and_examples),
        cmocka_unit_test(test_short_words_with_other_ascii),
        cmocka_unit_test(test_other_bytes_are_left),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
