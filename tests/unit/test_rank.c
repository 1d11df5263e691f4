/* Tests of the --method rankers (rank.c) through the story API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chorus.h"

/* clang-format off */
static const char *articles[] = {
    ("The city opened a new tram line on Monday. Thousands of riders tried the tram on its first "
     "day. The line links the harbor with the university. Officials said the tram cost 300 "
     "million. Shops along the route reported busy mornings."),
    ("A new tram line opened in the city on Monday, linking the harbor and the university. The "
     "mayor rode the first tram at dawn. Riders praised the quiet cars. The project ran a year "
     "late."),
    ("Crowds filled the first trams on the new harbor line on Monday. The line cost 300 million, "
     "officials said. Critics said the money should have gone to buses."),
};
/* clang-format on */

static chorus_story *run_method(chorus_method m, unsigned words)
{
    chorus_story *st = chorus_story_new();
    chorus_error err;
    for (size_t i = 0; i < 3; i++) {
        char id[8] = {'a', (char)('0' + i), 0};
        chorus_story_add_text(st, id, articles[i], strlen(articles[i]), &err);
    }
    chorus_options o;
    chorus_options_init(&o);
    o.method = m;
    o.max_words = words;
    assert_int_equal(chorus_story_run(st, &o, &err), CHORUS_OK);
    return st;
}

static void test_names_round_trip(void **state)
{
    for (int m = 0; m < CHORUS_METHOD_COUNT; m++) {
        chorus_method back;
        assert_true(chorus_method_from_name(chorus_method_name((chorus_method)m), &back));
        assert_int_equal(back, m);
    }
    chorus_method x;
    assert_false(chorus_method_from_name("mmr", &x));
}

static void test_every_method_fills_within_budget(void **state)
{
    for (int m = 0; m < CHORUS_METHOD_COUNT; m++) {
        chorus_story *st = run_method((chorus_method)m, 30);
        assert_true(chorus_story_summary_count(st) >= 2);
        size_t words = 0;
        for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
            chorus_summary_sentence s;
            chorus_story_summary(st, i, &s);
            for (const char *p = s.text; *p; p++)
                words += *p != ' ' && (p == s.text || p[-1] == ' ');
        }
        assert_true(words <= 30);
        chorus_story_free(st);
    }
}

static void test_lead_is_round_robin(void **state)
{
    chorus_story *st = run_method(CHORUS_METHOD_LEAD, 35);
    /* the three first sentences, one per article, in article order */
    assert_int_equal(chorus_story_summary_count(st), 3);
    for (size_t i = 0; i < 3; i++) {
        chorus_summary_sentence s;
        chorus_story_summary(st, i, &s);
        assert_int_equal(s.article, i);
        assert_int_equal(s.start, 0);
    }
    chorus_story_free(st);
}

static void test_graph_methods_prefer_central_sentences(void **state)
{
    /* the tram's opening is what all three articles say: LexRank and
     * TextRank put a sentence about it first in rank, so it is chosen */
    chorus_method graph[] = {CHORUS_METHOD_LEXRANK, CHORUS_METHOD_TEXTRANK, CHORUS_METHOD_CENTROID};
    for (size_t g = 0; g < 3; g++) {
        chorus_story *st = run_method(graph[g], 20);
        int about_opening = 0;
        for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
            chorus_summary_sentence s;
            chorus_story_summary(st, i, &s);
            about_opening |= strstr(s.text, "tram") != NULL;
        }
        assert_true(about_opening);
        chorus_story_free(st);
    }
}

static void test_deterministic(void **state)
{
    for (int m = 0; m < CHORUS_METHOD_COUNT; m++) {
        chorus_story *a = run_method((chorus_method)m, 50), *b = run_method((chorus_method)m, 50);
        char *ja = strdup(chorus_story_render(a, CHORUS_FORMAT_JSON, NULL));
        assert_string_equal(ja, chorus_story_render(b, CHORUS_FORMAT_JSON, NULL));
        free(ja);
        chorus_story_free(a);
        chorus_story_free(b);
    }
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_every_method_fills_within_budget),
        cmocka_unit_test(test_lead_is_round_robin),
        cmocka_unit_test(test_graph_methods_prefer_central_sentences),
        cmocka_unit_test(test_deterministic),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
