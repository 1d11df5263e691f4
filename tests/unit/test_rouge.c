/*
 * test_rouge.c — the ROUGE-1.5.5 scorer on small texts whose scores can be
 * worked out by hand (the rules are in ../shared/data/rouge/README.md and
 * docs/rouge.md). The full agreement with the Perl script is checked by
 * tests/data/rouge_vectors.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rouge.h"

/* ------------------------------------------------------------- helpers */

static void flags(chorus_rouge_options *o, const char *line)
{
    char copy[256], *argv[32];
    int argc = 0, next = 0;
    snprintf(copy, sizeof copy, "%s", line);
    for (char *t = strtok(copy, " "); t; t = strtok(NULL, " "))
        argv[argc++] = t;
    chorus_rouge_options_init(o);
    chorus_error err;
    assert_int_equal(chorus_rouge_parse_flags(o, argc, argv, &next, &err), CHORUS_OK);
    assert_int_equal(next, argc);
}

/* Scores one peer against models with the given flags. */
static chorus_rouge *score(const char *flag_line, const char *peer, const char **models, size_t n)
{
    chorus_rouge_options o;
    flags(&o, flag_line);
    chorus_rouge *r = chorus_rouge_new(&o);
    assert_non_null(r);
    size_t lens[8];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(models[i]);
    chorus_rouge_eval ev = {"E", "P", peer, strlen(peer), models, lens, n, -1};
    chorus_error err;
    assert_int_equal(chorus_rouge_add(r, &ev, &err), CHORUS_OK);
    return r;
}

static chorus_rouge_score average(const chorus_rouge *r, const char *measure)
{
    chorus_rouge_score sc = {0};
    for (size_t m = 0; m < chorus_rouge_measure_count(r); m++) {
        if (strcmp(chorus_rouge_measure_name(r, m), measure) != 0) continue;
        assert_int_equal(chorus_rouge_average(r, 0, m, &sc, NULL), CHORUS_OK);
        return sc;
    }
    fail_msg("no measure %s", measure);
    return sc;
}

#define assert_rpf(sc, R, P, F)                                                                    \
    do {                                                                                           \
        assert_float_equal((sc).r, R, 1e-9);                                                       \
        assert_float_equal((sc).p, P, 1e-9);                                                       \
        assert_float_equal((sc).f, F, 1e-9);                                                       \
    } while (0)

static char *tokens(const char *flag_line, const char *text)
{
    chorus_rouge_options o;
    flags(&o, flag_line);
    size_t len = 0;
    char *out = chorus_rouge_tokens(&o, text, strlen(text), &len);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

#define assert_tokens(flag_line, text, want)                                                       \
    do {                                                                                           \
        char *got_ = tokens(flag_line, text);                                                      \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

/* ------------------------------------------------------------ tokens */

static void test_tokens(void **state)
{
    (void)state;
    /* every byte outside [A-Za-z0-9] separates, '-' included; ASCII lower-casing */
    assert_tokens("", "U.S.-led e-mail, 1,200 don't\n", "u s led e mail 1 200 don t\n");
    assert_tokens("", "Caf\xc3\xa9 Z\xc3\xbcrich $1.5\n", "caf z rich 1 5\n");
    /* empty lines are skipped; a blank line is a sentence without tokens */
    assert_tokens("", "a b\n\n   \nc\r\n", "a b\n\nc\n");
    /* -s: SMART stopwords (every single letter too: the t of don't) go first */
    assert_tokens("-s", "The cat and the dog don't run\n", "cat dog don run\n");
}

static void test_stemmer(void **state)
{
    (void)state;
    /* Porter's classic cases (the WordNet table has hopping and running,
     * with the same stems) */
    assert_tokens("-m", "caresses ponies hopping running dogs flies\n",
                  "caress poni hop run dog fli\n");
    assert_tokens("-m", "agreed generalization\n", "agre gener\n");
    /* the step 4 change of ROUGE-1.5.5: -ment and -ent tried on their own */
    assert_tokens("-m", "settlement government\n", "settlem govern\n");
    /* an initial y is a consonant; a final y after a consonant becomes i */
    assert_tokens("-m", "yesterday\n", "yesterdai\n");
    /* WordNet exceptions win over Porter; 3-byte tokens are never stemmed */
    assert_tokens("-m", "went children news was\n", "go child new was\n");
    char out[16];
    assert_int_equal(rouge_porter("hopping", 7, out), 3);
    assert_memory_equal(out, "hop", 3);
    assert_null(rouge_exception_of("women", 5));
    assert_string_equal(rouge_exception_of("geese", 5), "goose");
    assert_true(rouge_is_stopword("the", 3));
    assert_false(rouge_is_stopword("cat", 3));
}

static void test_limits(void **state)
{
    (void)state;
    /* -l counts whitespace fields; the cut sentence is the last one */
    assert_tokens("-l 4", "one two three\nfour five six\nseven\n", "one two three\nfour\n");
    /* a line starting with a space has a leading empty field, which counts */
    assert_tokens("-l 2", " a b c\n", "a\n");
    /* -b cuts inside a word */
    assert_tokens("-b 8", "abcdef ghij\n", "abcdef g\n");
    /* under -b the sentence reader keeps every line shorter than the limit */
    assert_tokens("-b 8", "abc de\nfghij\n", "abc de\nfghij\n");
    /* but the n-gram reader stops at 8 bytes: abc de fg (and so does the
     * model's: 3 + 5 bytes, the second line kept whole) */
    const char *models[] = {"abc\nde fg\n"};
    chorus_rouge *r = score("-n 1 -b 8", "abc de\nfghij\n", models, 1);
    assert_rpf(average(r, "ROUGE-1"), 1, 1, 1);
    chorus_rouge_free(r);
}

/* ------------------------------------------------------------ measures */

static void test_basic_measures(void **state)
{
    (void)state;
    /* peer: the cat sat on the mat; model: the cat lay on the mat
     * unigrams: the x2, cat, on, mat match: 5 of 6
     * bigrams: the cat, on the, the mat: 3 of 5
     * LCS: the cat on the mat, 5 of 6 */
    const char *models[] = {"the cat lay on the mat\n"};
    chorus_rouge *r = score("-n 2", "the cat sat on the mat\n", models, 1);
    assert_rpf(average(r, "ROUGE-1"), 0.83333, 0.83333, 0.83333);
    assert_rpf(average(r, "ROUGE-2"), 0.6, 0.6, 0.6);
    assert_rpf(average(r, "ROUGE-L"), 0.83333, 0.83333, 0.83333);
    chorus_rouge_free(r);
}

static void test_skip_bigrams(void **state)
{
    (void)state;
    /* "a b c" with -2 4 -u: a, (a b), (a c), b, (b c); the last token has
     * no unigram. Peer "a b" has a, (a b): 2 of the model's 5 match. */
    const char *models[] = {"a b c\n"};
    chorus_rouge *r = score("-2 4 -u", "a b\n", models, 1);
    assert_rpf(average(r, "ROUGE-SU4"), 0.4, 1, 0.57143);
    chorus_rouge_free(r);
    /* a one-token text has no unit at all */
    const char *one[] = {"word\n"};
    r = score("-2 4 -u -n 1", "word\n", one, 1);
    assert_rpf(average(r, "ROUGE-SU4"), 0, 0, 0);
    assert_rpf(average(r, "ROUGE-1"), 1, 1, 1);
    chorus_rouge_free(r);
}

static void test_wlcs(void **state)
{
    (void)state;
    /* identical 3-token sentence, w = 1.2: hit = 3^1.2, model count is
     * (3^1.2)^1.2 (weighted twice), so R = 3^-0.2 = 0.80274 and P = 1;
     * F from the rounded values: 0.80274 / 0.90137 = 0.89058 */
    const char *models[] = {"x y z\n"};
    chorus_rouge *r = score("-w 1.2 -x", "x y z\n", models, 1);
    assert_rpf(average(r, "ROUGE-W-1.2"), 0.80274, 1, 0.89058);
    chorus_rouge_free(r);
}

static void test_empty_peer(void **state)
{
    (void)state;
    const char *models[] = {"a b c\n", "d e\n"};
    chorus_rouge *r = score("-n 2 -2 4 -u -w 1.2", "", models, 2);
    for (size_t m = 0; m < chorus_rouge_measure_count(r); m++)
        assert_rpf(average(r, chorus_rouge_measure_name(r, m)), 0, 0, 0);
    chorus_rouge_free(r);
}

static void test_formula_b(void **state)
{
    (void)state;
    /* model 1 recalls 1 of 4, model 2 2 of 4: B takes model 2 */
    const char *models[] = {"a x y z\n", "a b y z\n"};
    chorus_rouge *r = score("-n 1 -f B", "a b c d\n", models, 2);
    assert_rpf(average(r, "ROUGE-1"), 0.5, 0.5, 0.5);
    chorus_rouge_free(r);
    /* A pools: 3 hits of 8 model units, peer counted once per model */
    r = score("-n 1 -f A", "a b c d\n", models, 2);
    assert_rpf(average(r, "ROUGE-1"), 0.375, 0.375, 0.375);
    chorus_rouge_free(r);
    /* a tie (0.5 and 0.5) keeps the first model: P = 2/4, not 4/4 */
    const char *tie[] = {"a b x y\n", "a b c d w x y z\n"};
    r = score("-n 1 -f B", "a b c d\n", tie, 2);
    assert_rpf(average(r, "ROUGE-1"), 0.5, 0.5, 0.5);
    chorus_rouge_free(r);
}

static void test_alpha(void **state)
{
    (void)state;
    /* R = 2/4, P = 2/2; alpha 0 gives R, alpha 1 gives P */
    const char *models[] = {"a b c d\n"};
    chorus_rouge *r = score("-n 1 -p 0", "a b\n", models, 1);
    assert_rpf(average(r, "ROUGE-1"), 0.5, 1, 0.5);
    chorus_rouge_free(r);
    r = score("-n 1 -p 1", "a b\n", models, 1);
    assert_rpf(average(r, "ROUGE-1"), 0.5, 1, 1);
    chorus_rouge_free(r);
}

/* ------------------------------------------------------- jackknife, bootstrap */

static void test_drand48(void **state)
{
    (void)state;
    /* Perl's srand(0); rand(): x0 = 0x330E, x' = 0x5DEECE66D x + 11 mod 2^48 */
    rouge_rand g;
    rouge_srand(&g, 0);
    assert_float_equal(rouge_drand(&g), 0.17082803610628972, 1e-15);
    assert_float_equal(rouge_drand(&g), 0.7499019804849638, 1e-15);
    assert_float_equal(rouge_drand(&g), 0.09637165562356742, 1e-15);
}

static void test_jackknife(void **state)
{
    (void)state;
    /* peer "a b c d" against m1 = itself, m2 = half of it, m3 = nothing:
     * J1 (m2+m3) 2/8, J2 (m1+m3) 4/8, J3 (m1+m2) 6/8. With -r 1 the
     * average is one resample: srand(0) draws int(3 * 0.1708) = 0,
     * int(3 * 0.7499) = 2, int(3 * 0.0964) = 0, so (0.25 + 0.75 + 0.25) / 3. */
    const char *models[] = {"a b c d\n", "a b x y\n", "x y z w\n"};
    chorus_rouge *r = score("-n 1 -j -r 1 -d", "a b c d\n", models, 3);
    chorus_rouge_score sc = average(r, "ROUGE-1");
    assert_int_equal(sc.evals, 3);
    assert_rpf(sc, 0.41667, 0.41667, 0.41667);
    size_t len = 0;
    char *report = chorus_rouge_report(r, &len);
    assert_non_null(report);
    assert_non_null(strstr(report, "P ROUGE-1 Eval E.J1.P R:0.25000 P:0.25000 F:0.25000\n"));
    assert_non_null(strstr(report, "P ROUGE-1 Eval E.J2.P R:0.50000 P:0.50000 F:0.50000\n"));
    assert_non_null(strstr(report, "P ROUGE-1 Eval E.J3.P R:0.75000 P:0.75000 F:0.75000\n"));
    chorus_free(report);
    chorus_rouge_free(r);
}

static void test_report(void **state)
{
    (void)state;
    const char *models[] = {"a b c d\n"};
    chorus_rouge *r = score("-n 1 -x", "a b\n", models, 1);
    size_t len = 0;
    char *report = chorus_rouge_report(r, &len);
    assert_string_equal(report, "---------------------------------------------\n"
                                "P ROUGE-1 Average_R: 0.50000 (95%-conf.int. 0.50000 - 0.50000)\n"
                                "P ROUGE-1 Average_P: 1.00000 (95%-conf.int. 1.00000 - 1.00000)\n"
                                "P ROUGE-1 Average_F: 0.66667 (95%-conf.int. 0.66667 - 0.66667)\n");
    chorus_free(report);
    chorus_rouge_free(r);
}

static void test_json(void **state)
{
    (void)state;
    chorus_rouge_options o;
    flags(&o, "-n 1 -x");
    chorus_rouge *r = chorus_rouge_new(&o);
    chorus_error err;
    /* peer "A" wrote model A: it is scored against model B only */
    const char *line = "{\"id\": \"T1\", \"peers\": {\"sys\": \"a b\", \"A\": \"a b\"},"
                       " \"models\": [\"a b\", \"a x y z\"], \"model_ids\": [\"A\", \"B\"]}";
    assert_int_equal(chorus_rouge_add_json(r, line, strlen(line), NULL, NULL, 0, &err), CHORUS_OK);
    assert_int_equal(chorus_rouge_peer_count(r), 2);
    assert_string_equal(chorus_rouge_peer_id(r, 0), "A");
    chorus_rouge_score sc;
    assert_int_equal(chorus_rouge_average(r, 0, 0, &sc, NULL), CHORUS_OK);
    assert_rpf(sc, 0.25, 0.5, 0.33333);
    assert_int_equal(chorus_rouge_average(r, 1, 0, &sc, NULL), CHORUS_OK);
    assert_rpf(sc, 0.5, 0.75, 0.6); /* 3 hits of 6, peer counted twice */
    /* the same evaluation twice is refused; so is a line without models */
    assert_int_equal(chorus_rouge_add_json(r, line, strlen(line), NULL, NULL, 0, &err),
                     CHORUS_E_USAGE);
    const char *bad = "{\"id\": \"T2\", \"peer\": \"a\"}";
    assert_int_equal(chorus_rouge_add_json(r, bad, strlen(bad), NULL, NULL, 0, &err),
                     CHORUS_E_SCHEMA);
    assert_int_equal(chorus_rouge_add_json(r, "{", 1, NULL, NULL, 0, &err), CHORUS_E_JSON);
    /* a data-set line scored with a given summary */
    const char *story = "{\"id\": \"S\", \"articles\": [], \"references\": [\"a b c d\"],"
                        " \"budget_words\": 100}";
    unsigned budget = 0;
    assert_int_equal(chorus_rouge_json_budget(story, strlen(story), &budget, &err), CHORUS_OK);
    assert_int_equal(budget, 100);
    assert_int_equal(chorus_rouge_add_json(r, story, strlen(story), "me", "a b", 3, &err),
                     CHORUS_OK);
    assert_int_equal(chorus_rouge_peer_count(r), 3);
    chorus_rouge_free(r);
}

static void test_flags(void **state)
{
    (void)state;
    chorus_rouge_options o;
    flags(&o, "-n 4 -m -2 4 -u -w 1.2 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -e /x");
    chorus_rouge *r = chorus_rouge_new(&o);
    /* clang-format off */
    const char *want[] = {"ROUGE-1", "ROUGE-2",     "ROUGE-3",  "ROUGE-4",
                          "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4"};
    /* clang-format on */
    assert_int_equal(chorus_rouge_measure_count(r), 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(chorus_rouge_measure_name(r, i), want[i]);
    chorus_rouge_free(r);
    /* -u without -2 computes nothing; -U gives S and SU; grouped switches */
    flags(&o, "-ux");
    assert_int_equal(rouge_measures(&o, (rouge_measure[8]){0}, 8), 0);
    flags(&o, "-2 -1 -U -x");
    rouge_measure ms[8];
    assert_int_equal(rouge_measures(&o, ms, 8), 2);
    assert_string_equal(ms[0].name, "ROUGE-S*");
    assert_string_equal(ms[1].name, "ROUGE-SU*");

    const char *bad[][3] = {{"-f", "C", NULL}, {"-p", "1.5", NULL}, {"-c", "101", NULL},
                            {"-w", "0", NULL}, {"-r", "0", NULL},   {"-t", "3", NULL},
                            {"-n", "x", NULL}, {"-q", NULL, NULL},  {"-n", NULL, NULL},
                            {"-3", "HM", NULL}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        chorus_error err;
        int argc = bad[i][1] ? 2 : 1, next;
        chorus_rouge_options_init(&o);
        assert_int_equal(chorus_rouge_parse_flags(&o, argc, (char *const *)bad[i], &next, &err),
                         CHORUS_E_USAGE);
        assert_true(err.message[0] != '\0');
    }
    char *both[] = {"-l", "10", "-b", "20"};
    chorus_rouge_options_init(&o);
    assert_int_equal(chorus_rouge_parse_flags(&o, 4, both, NULL, NULL), CHORUS_E_USAGE);
    char *rest[] = {"-n2", "-m", "peer.txt", "-x"};
    int next = 0;
    chorus_rouge_options_init(&o);
    assert_int_equal(chorus_rouge_parse_flags(&o, 4, rest, &next, NULL), CHORUS_OK);
    assert_int_equal(next, 2);
    assert_int_equal(o.max_n, 2);
    assert_true(o.lcs);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),       cmocka_unit_test(test_stemmer),
        cmocka_unit_test(test_limits),       cmocka_unit_test(test_basic_measures),
        cmocka_unit_test(test_skip_bigrams), cmocka_unit_test(test_wlcs),
        cmocka_unit_test(test_empty_peer),   cmocka_unit_test(test_formula_b),
        cmocka_unit_test(test_alpha),        cmocka_unit_test(test_drand48),
        cmocka_unit_test(test_jackknife),    cmocka_unit_test(test_report),
        cmocka_unit_test(test_json),         cmocka_unit_test(test_flags),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
