/* Tests of candidates.c: which sentences point back, ask, or speak to the
 * page's reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "candidates.h"
#include "story.h"

static const char *const lead = "Mayor Ana Lutz opened the new harbor library in Port Ellis on "
                                "the north side of town.";

/* Runs a story of one article, `first` then `second` as its paragraphs
 * (second alone when first is NULL), and calls fn on the article's last
 * sentence with its text. */
static int judge_last(const char *first, const char *second,
                      int (*fn)(const chorus_story *, const sentence *, const char *))
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s%s\n", first ? first : "", first ? "\n\n" : "", second);
    chorus_story *st = chorus_story_new();
    chorus_error err;
    assert_int_equal(chorus_story_add_text(st, "a.txt", text, strlen(text), &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    assert_true(st->n_sentences >= 1);
    const sentence *s = &st->sentences[st->n_sentences - 1];
    char printed[512];
    size_t n = s->span.end - s->span.start;
    assert_true(n < sizeof printed);
    memcpy(printed, STORY_ARTICLE(st, s->article)->text + s->span.start, n);
    printed[n] = '\0';
    int verdict = fn(st, s, printed);
    chorus_story_free(st);
    return verdict;
}

static int points_back(const chorus_story *st, const sentence *s, const char *printed)
{
    return candidate_points_back(st, s, printed, s->words);
}

static int speaks_to_reader(const chorus_story *st, const sentence *s, const char *printed)
{
    (void)printed;
    return candidate_speaks_to_reader(st, s);
}

static void test_sentences_that_point_back(void **state)
{
    static const char *const pointing[] = {
        "She said the library would open every day of the week.",
        "As a result, the old reading room will close for good.",
        "If approved, it would double the number of books on loan.",
        "The plan will move the reading room to the second floor.",
        "The two were charged with stealing rare books, police in Port Ellis said.",
        "The old fee was forty dollars per card.",
        "Every shelf was built by hand.",
        "Officials left that meeting early after a shouting match.",
        "Neither town had a library of its own before the vote.",
        "\"We waited ten years for this building,\" she added.",
    };
    for (size_t i = 0; i < sizeof pointing / sizeof *pointing; i++)
        if (!judge_last(lead, pointing[i], points_back)) fail_msg("not pointing: %s", pointing[i]);
}

static void test_sentences_that_stand_alone(void **state)
{
    static const char *const standing[] = {
        "The man who built the shelves came from Calder Bay to see the opening.",
        "Police in Port Ellis said this week that the road would reopen soon.",
        "Readers in Port Ellis borrowed more than two thousand books in the library's "
        "first month, according to the town's own figures.",
        "The old reading room on the south side of town will stay open until the end of the "
        "year for readers who cannot travel.",
    };
    for (size_t i = 0; i < sizeof standing / sizeof *standing; i++)
        if (judge_last(lead, standing[i], points_back)) fail_msg("pointing: %s", standing[i]);
    /* an article's first sentence names what it is about */
    assert_false(
        judge_last(NULL, "The plan will move the reading room to the second floor.", points_back));
}

static void test_questions(void **state)
{
    assert_true(candidate_asks("Will the library open on Sundays?", 33));
    assert_true(candidate_asks("\"Why now?\"", 10));
    assert_false(candidate_asks("She asked why.", 14));
}

static void test_page_sentences(void **state)
{
    assert_true(judge_last(lead,
                           "The library opens at nine every morning. Sign up for our newsletter "
                           "to get the latest news from the town.",
                           speaks_to_reader));
    assert_true(judge_last(lead, "JavaScript is disabled in your browser.", speaks_to_reader));
    assert_false(
        judge_last(lead, "Hackers could read your email, researchers said.", speaks_to_reader));
    assert_false(judge_last(lead, "The library will send notices by mail to every reader.",
                            speaks_to_reader));
}

static int eligible(const chorus_story *st, const sentence *s, const char *printed)
{
    (void)printed;
    return candidate_eligible(st, s, 5, 80);
}

static void test_sentences_that_trail_off(void **state)
{
    static const char *const unfinished[] = {
        "The mayor said the library would open its doors to readers from ...",
        "The mayor said the library would open \"when the money is there...\"",
        "The mayor said the library would open its doors to readers from\xE2\x80\xA6", NULL};
    for (const char *const *t = unfinished; *t; t++)
        assert_false(judge_last(lead, *t, eligible));
    assert_true(judge_last(lead, "The mayor said the library would open in the spring.", eligible));
    assert_true(
        judge_last(lead, "The mayor said the library would open in the spring....", eligible));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences_that_trail_off),
        cmocka_unit_test(test_sentences_that_point_back),
        cmocka_unit_test(test_sentences_that_stand_alone),
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_page_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
