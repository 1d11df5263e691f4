/* Tests of the lexicon shared by stories: words stemmed once, the same
 * terms, stems and summaries with or without it, a full lexicon still
 * correct, and its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lexicon.h"

static const char *quay =
    "Quay Reopens After Flooding\n\n"
    "The quay reopened on Tuesday after floods closed the harbors of the valley for a week.\n\n"
    "Harbor officials said the counterrevolutionaries' barricades were cleared by volunteers.\n\n"
    "Fishermen returned to the harbor at dawn, and the markets opened again.\n";
static const char *mill =
    "Old mill restored\n\n"
    "Volunteers restored the old mill by the harbor, which floods had damaged last spring.\n\n"
    "The restoration cost less than planned, officials said, and the mill opens in June.\n\n"
    "Counterrevolutionaries' pamphlets found in the attic will go to the valley museum.\n";

/* A story of one article, run with the lexicon (NULL: its own). */
static chorus_story *run_story(chorus_lexicon *lx, const char *text)
{
    chorus_story *st = lx ? chorus_story_new_with_lexicon(lx) : chorus_story_new();
    assert_non_null(st);
    chorus_error err;
    assert_int_equal(chorus_story_add_text(st, "a.txt", text, strlen(text), &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    return st;
}

/* Every token's term and stem ids, and every term's form and classes, are
 * those of the same story run without a shared lexicon; so is the JSON
 * result. */
static void assert_same_as_alone(const chorus_story *st, const char *text)
{
    chorus_story *alone = run_story(NULL, text);
    assert_int_equal(st->n_tokens, alone->n_tokens);
    assert_int_equal(st->n_stems, alone->n_stems);
    assert_int_equal(VEC_COUNT(&st->terms, term), VEC_COUNT(&alone->terms, term));
    for (size_t i = 0; i < st->n_tokens; i++)
        assert_int_equal(st->tokens[i].term, alone->tokens[i].term);
    for (size_t i = 0; i < VEC_COUNT(&st->terms, term); i++) {
        const term *a = STORY_TERM(st, i), *b = STORY_TERM(alone, i);
        assert_string_equal(a->lower, b->lower);
        assert_int_equal(a->stem, b->stem);
        assert_int_equal(a->is_word, b->is_word);
        assert_int_equal(a->is_stop, b->is_stop);
    }
    size_t n1, n2;
    const char *j1 = chorus_story_render((chorus_story *)st, CHORUS_FORMAT_JSON, &n1);
    char *copy = strndup(j1, n1);
    const char *j2 = chorus_story_render(alone, CHORUS_FORMAT_JSON, &n2);
    assert_string_equal(copy, j2);
    free(copy);
    chorus_story_free(alone);
}

/* The term id of a lower-cased word in the story, or -1. */
static long term_named(const chorus_story *st, const char *w)
{
    for (size_t i = 0; i < VEC_COUNT(&st->terms, term); i++)
        if (strcmp(STORY_TERM(st, i)->lower, w) == 0) return (long)i;
    return -1;
}

static void test_words_are_stemmed_once(void **state)
{
    chorus_lexicon *lx = chorus_lexicon_new(0);
    assert_non_null(lx);
    chorus_story *a = run_story(lx, quay);
    chorus_lexicon_info first;
    chorus_lexicon_stats(lx, &first);
    assert_true(first.words > 20);
    assert_true(first.stemmed > 0 && first.stemmed <= first.words);
    assert_int_equal(first.full, 0);
    assert_int_equal(first.max_words, CHORUS_LEXICON_DEFAULT_WORDS);

    /* the same text again: every word is a hit, nothing is stemmed */
    chorus_story *b = run_story(lx, quay);
    chorus_lexicon_info again;
    chorus_lexicon_stats(lx, &again);
    assert_int_equal(again.words, first.words);
    assert_int_equal(again.stemmed, first.stemmed);
    assert_same_as_alone(b, quay);

    /* another text: only its new words are added */
    chorus_story *c = run_story(lx, mill);
    chorus_lexicon_info more;
    chorus_lexicon_stats(lx, &more);
    assert_true(more.words > again.words);
    assert_true(more.stemmed - again.stemmed <= more.words - again.words);
    assert_same_as_alone(c, mill);
    /* the earlier stories keep their terms */
    assert_same_as_alone(a, quay);
    chorus_story_free(a);
    chorus_story_free(b);
    chorus_story_free(c);
    chorus_lexicon_free(lx);
}

static void test_full_lexicon_gives_the_same_stems(void **state)
{
    static const size_t limits[] = {1, 9, 20};
    for (size_t i = 0; i < 3; i++) {
        size_t limit = limits[i];
        chorus_lexicon *lx = chorus_lexicon_new(limit);
        assert_non_null(lx);
        chorus_story *a = run_story(lx, quay);
        chorus_lexicon_info info;
        chorus_lexicon_stats(lx, &info);
        assert_int_equal(info.words, limit);
        assert_int_equal(info.full, 1);
        assert_same_as_alone(a, quay);
        /* words past the limit are stemmed by the story, sharing the
         * lexicon's stems: "harbor" (story only) and "harbors" */
        chorus_story *b = run_story(lx, mill);
        assert_same_as_alone(b, mill);
        chorus_story *c = run_story(lx, quay);
        long harbor = term_named(c, "harbor"), harbors = term_named(c, "harbors");
        assert_true(harbor >= 0 && harbors >= 0);
        assert_int_equal(STORY_TERM(c, harbor)->stem, STORY_TERM(c, harbors)->stem);
        assert_same_as_alone(c, quay);
        chorus_lexicon_stats(lx, &info);
        assert_int_equal(info.words, limit);
        chorus_story_free(a);
        chorus_story_free(b);
        chorus_story_free(c);
        chorus_lexicon_free(lx);
    }
}

static void test_stamp_wraps_around(void **state)
{
    chorus_lexicon *lx = chorus_lexicon_new(0);
    chorus_story *a = run_story(lx, quay);
    lx->stamp = UINT32_MAX; /* the next run wraps to 0 and clears the stamps */
    chorus_story *b = run_story(lx, quay);
    assert_int_equal(lx->stamp, 1);
    assert_same_as_alone(b, quay);
    chorus_story *c = run_story(lx, mill);
    assert_same_as_alone(c, mill);
    chorus_story_free(a);
    chorus_story_free(b);
    chorus_story_free(c);
    chorus_lexicon_free(lx);
}

static void test_limits(void **state)
{
    assert_null(chorus_lexicon_new(CHORUS_LEXICON_MAX_WORDS + 1));
    assert_null(chorus_story_new_with_lexicon(NULL));
    chorus_lexicon_free(NULL);
    chorus_lexicon *lx = chorus_lexicon_new(CHORUS_LEXICON_MAX_WORDS);
    assert_non_null(lx);
    chorus_lexicon_free(lx);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_are_stemmed_once),
        cmocka_unit_test(test_full_lexicon_gives_the_same_stems),
        cmocka_unit_test(test_stamp_wraps_around),
        cmocka_unit_test(test_limits),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
