/* Tests of the quote layer: marks, attribution patterns, speakers and the
 * cross-article ledger, through the public API, on invented articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chorus.h"

static chorus_story *story_of(const char *const *texts)
{
    chorus_story *st = chorus_story_new();
    chorus_error err;
    for (size_t i = 0; texts[i]; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu.txt", i + 1);
        assert_int_equal(chorus_story_add_text(st, id, texts[i], strlen(texts[i]), &err),
                         CHORUS_OK);
    }
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    return st;
}

/* The ledger entry whose mentions include a quotation starting with text. */
static long entry_of(const chorus_story *st, const char *text, chorus_quote_mention *out)
{
    for (size_t i = 0; i < chorus_story_quote_count(st); i++) {
        chorus_quote_info q;
        chorus_story_quote(st, i, &q);
        for (size_t k = 0; k < q.mention_count; k++) {
            chorus_story_quote_mention(st, i, k, out);
            if (strncmp(out->text, text, strlen(text)) == 0) return (long)i;
        }
    }
    return -1;
}

/* The quotation starting with text is found, spoken by speaker (the
 * entry's speaker: the entity's name, else as written). */
static void said(const chorus_story *st, const char *text, const char *speaker)
{
    chorus_quote_mention m;
    long i = entry_of(st, text, &m);
    if (i < 0) fail_msg("no quotation starts with '%s'", text);
    chorus_quote_info q;
    chorus_story_quote(st, (size_t)i, &q);
    const char *who = m.entity >= 0 ? NULL : m.speaker;
    if (m.entity >= 0) {
        chorus_entity_info e;
        chorus_story_entity(st, (size_t)m.entity, &e);
        who = e.name;
    }
    if (strcmp(who, speaker) != 0)
        fail_msg("'%s' is said by '%s', expected '%s'", text, who, speaker);
}

static void test_marks_and_patterns(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Harbor Talks Resume\n\n"
        "Port chief Peter Okafor met the union on Monday.\n\n"
        "\"The cranes will run again by Friday,\" Mr. Okafor said.\n\n"
        "\xe2\x80\x9cWe lost three days of work,\xe2\x80\x9d said Maria Lund, a union steward.\n\n"
        "Okafor told reporters: \"Nobody will lose a paycheck this month.\"\n\n"
        "The board called the delay \"a regrettable but necessary pause\" in a statement.\n\n"
        "\"Repairs are ahead of the schedule we set,\" according to Maria Lund.\n\n"
        "\xe2\x80\x98Ships are already waiting outside the breakwater.\xe2\x80\x99\xe2\x80\x94Peter "
        "Okafor, Port Chief\n\n"
        "Lund said the union wanted \"a written promise from the board\" before any vote.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    said(st, "The cranes will run again", "Peter Okafor");
    said(st, "We lost three days", "Maria Lund");
    said(st, "Nobody will lose a paycheck", "Peter Okafor");
    said(st, "Repairs are ahead", "Maria Lund");
    said(st, "Ships are already waiting", "Peter Okafor");
    said(st, "a written promise from the board", "Maria Lund");
    chorus_quote_mention m;
    assert_true(entry_of(st, "The cranes", &m) >= 0);
    assert_string_equal(m.cue, "said");
    assert_string_equal(m.pattern, "after");
    chorus_story_free(st);
}

static void test_pronouns_and_continuation(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Maria Lund and Peter Okafor met the press.\n\n"
        "Maria Lund spoke first about the strike fund.\n\n"
        "\"The fund is empty and the members know it,\" she said. \"We will ask for help.\"\n\n"
        "Peter Okafor answered the questions on the cranes.\n\n"
        "\"The cranes are old, but they are safe to use,\" he said.\n\n"
        "\"Every crane was inspected in the spring by outside engineers.\"\n\n"
        "The so-called \"deal\" was not discussed.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    said(st, "The fund is empty", "Maria Lund");
    said(st, "We will ask for help", "Maria Lund");
    said(st, "The cranes are old", "Peter Okafor");
    said(st, "Every crane was inspected", "Peter Okafor");
    chorus_quote_mention m;
    assert_int_equal(entry_of(st, "deal", &m), -1); /* a scare quote */
    chorus_story_free(st);
}

static void test_across_paragraphs_and_nested(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Harbor Crews Thanked\n\n"
        "Port chief Peter Okafor spoke to the Harbor Gazette on Monday about the repairs.\n\n"
        "The Harbor Gazette reports:\n\n"
        "\"Speaking at the pier, Mr. Okafor said the repairs had gone faster than planned and "
        "that the cranes would run by Friday.\n\n"
        "\"'We owe the crews a great deal of thanks,' Mr. Okafor said.\"\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    chorus_quote_mention m;
    long outer = entry_of(st, "Speaking at the pier", &m);
    assert_true(outer >= 0);
    assert_non_null(strstr(m.text, "by Friday. 'We owe the crews")); /* one quotation */
    said(st, "Speaking at the pier", "Harbor Gazette");
    said(st, "We owe the crews", "Peter Okafor"); /* the original speaker, not the outlet */
    assert_int_equal(m.depth, 0);
    assert_true(entry_of(st, "We owe the crews", &m) >= 0);
    assert_int_equal(m.depth, 1);
    chorus_story_free(st);
}

static void test_news_attribution_shapes(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Budget Vote Delayed\n\n"
        "The council delayed its budget vote on Tuesday after a long debate over the harbor.\n\n"
        "\"The harbor cannot wait another year,\" Council Chair Rep. Jane Doyle (D-Calder.) said "
        "on Tuesday.\n\n"
        "\"We will find the money,\" Deputy Mayor Tom Reyes, R-Calder., said. \"Nobody wants the "
        "cranes idle.\"\n\n"
        "The treasurer spoke last, Anna Berg said. \"The numbers do not add up this year.\"\n\n"
        "After a long silence, Maria Lund, the union steward, called the plan \"a promise on "
        "paper only\" and left.\n\n"
        "\"The council offered a new \"harbor bargain - a deal for every crew, \" said union "
        "lawyer Peter Okafor.\n\n"
        "Earlier, Anna Berg denounced what she called \"a reckless delay\" in the vote.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    said(st, "The harbor cannot wait", "Jane Doyle");
    said(st, "We will find the money", "Tom Reyes");
    said(st, "Nobody wants the cranes", "Tom Reyes");
    said(st, "The numbers do not add up", "Anna Berg");
    said(st, "a promise on paper only", "Maria Lund");
    said(st, "The council offered a new", "Peter Okafor");
    said(st, "a reckless delay", "Anna Berg");
    chorus_story_free(st);
}

static void test_ledger_merges_statements(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "\"The harbor will reopen on Friday, and every crew will be paid for the lost days,\" "
        "Peter Okafor said on Monday.\n\n"
        "\"Our cranes are old, but they are safe,\" Okafor said.\n",
        "Okafor promised that \"every crew will be paid for the lost days.\"\n",
        "\"The port opens again on Friday and all crews will get paid for the days they lost,\" "
        "Okafor said.\n",
        "\"The harbor will reopen on Friday, and every crew will be paid for the lost days,\" "
        "Maria Lund quoted him as saying.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    chorus_quote_mention m;
    long e = entry_of(st, "The harbor will reopen", &m);
    assert_true(e >= 0);
    assert_int_equal(entry_of(st, "every crew will be paid", &m), e); /* partial */
    assert_int_equal(entry_of(st, "The port opens again", &m), e);    /* re-worded */
    assert_true(entry_of(st, "Our cranes are old", &m) != e);
    chorus_quote_info q;
    chorus_story_quote(st, (size_t)e, &q);
    assert_true(q.article_count >= 3);
    assert_string_equal(q.speaker, "Peter Okafor");
    chorus_story_free(st);
}

static void test_spans_point_into_clean_text(void **state)
{
    const char *texts[] = {"\"Tides were high all week,\" said Maria Lund.\n", NULL};
    chorus_story *st = story_of(texts);
    chorus_quote_mention m;
    assert_true(entry_of(st, "Tides were high", &m) >= 0);
    chorus_article_info art;
    chorus_story_article(st, m.article, &art);
    assert_true(m.start < m.end && m.end <= art.text_len);
    assert_memory_equal(art.text + m.start, "Tides were high all week,", 25);
    assert_memory_equal(art.text + m.speaker_start, "Maria Lund", 10);
    assert_false(chorus_story_quote(st, 99, NULL));
    chorus_story_free(st);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_and_patterns),
        cmocka_unit_test(test_pronouns_and_continuation),
        cmocka_unit_test(test_across_paragraphs_and_nested),
        cmocka_unit_test(test_news_attribution_shapes),
        cmocka_unit_test(test_ledger_merges_statements),
        cmocka_unit_test(test_spans_point_into_clean_text),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
