/* Tests of compress.c: what a summary sentence may lose, and what never. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "compress.h"

static char out[512];

static const char *squeeze(const char *s)
{
    size_t n = compress_sentence(s, strlen(s), out);
    out[n] = '\0';
    return out;
}

static void test_attribution_tail(void **state)
{
    assert_string_equal(
        squeeze("The bridge will stay closed for three weeks, city officials said."),
        "The bridge will stay closed for three weeks.");
    assert_string_equal(
        squeeze("Prices rose by four percent in May, according to the statistics office."),
        "Prices rose by four percent in May.");
    assert_string_equal(squeeze("The deal was signed by Acme Corp., the company said on Monday."),
                        "The deal was signed by Acme Corp.");
    /* a reporting verb that opens a clause of its own is the main verb */
    const char *s = "The pier may stay shut for weeks, Lutz said she had been told.";
    assert_string_equal(squeeze(s), s);
    s = "Repairs would cost more than planned, aides said that the cost had doubled.";
    assert_string_equal(squeeze(s), s);
    s = "While the union could still object to the plan, Lutz said it was final.";
    assert_string_equal(squeeze(s), s);
    assert_string_equal(
        squeeze(
            "While the union could still object to the plan, the board approved it, aides said."),
        "While the union could still object to the plan, the board approved it.");
}

static void test_quotes_keep_their_speaker(void **state)
{
    const char *s = "\"We will rebuild the pier before winter,\" the mayor said.";
    assert_string_equal(squeeze(s), s);
    s = "The mayor called it \"a disaster (for now)\" in a short statement, aides said.";
    assert_string_equal(squeeze(s), s);
}

static void test_parentheticals_and_connectives(void **state)
{
    assert_string_equal(
        squeeze("However, the river rose 4 meters (13 feet) in six hours overnight."),
        "The river rose 4 meters in six hours overnight.");
    assert_string_equal(squeeze("But the storm moved north before dawn on Tuesday."),
                        "The storm moved north before dawn.");
}

/* A doubled final period is one; the comma of a leading connective is no
 * attribution tail's. */
static void test_doubled_periods_and_connective_commas(void **state)
{
    assert_string_equal(squeeze("The mine is run by Energy Resources of Australia Ltd.."),
                        "The mine is run by Energy Resources of Australia Ltd.");
    assert_string_equal(squeeze("The talks went on and on and on and then stopped..."),
                        "The talks went on and on and on and then stopped...");
    assert_string_equal(squeeze("However, the old town flooded as experts said."),
                        "The old town flooded as experts said.");
}

static void test_weekdays_and_ages(void **state)
{
    const char *s0;
    assert_string_equal(
        squeeze("On Friday, the police said Tuesday that Smith, 71, was held late Monday night."),
        "The police said that Smith was held.");
    assert_string_equal(squeeze("Federal investigators on Wednesday began examining the ship."),
                        "Federal investigators began examining the ship.");
    assert_string_equal(squeeze("Early Sunday the rebels attacked the northern town of Kalo."),
                        "The rebels attacked the northern town of Kalo.");
    assert_string_equal(squeeze("The council set the vote on the new harbor budget for Thursday."),
                        "The council set the vote on the new harbor budget.");
    assert_string_equal(
        squeeze(
            "The ferry to the island will run again on Monday or Tuesday night, the port said."),
        "The ferry to the island will run again.");
    assert_string_equal(
        squeeze("The ferry line will sell tickets at the new fares starting Monday."),
        "The ferry line will sell tickets at the new fares.");
    assert_string_equal(
        squeeze("The ferry line will sell tickets at the new fares starting next Monday."),
        "The ferry line will sell tickets at the new fares.");
    /* a day that stays keeps the day joined to it */
    s0 = "The judge will rule on the appeal of the shipyard, Thursday or Friday.";
    assert_string_equal(squeeze(s0), s0);
    /* a name, a possessive and a number list stay */
    const char *s = "Super Tuesday results in three more states came in with the polls.";
    assert_string_equal(squeeze(s), s);
    s = "He will arrive in the capital by Tuesday's deadline for the talks.";
    assert_string_equal(squeeze(s), s);
    s = "He will arrive in the capital by Tuesday\xE2\x80\x99s deadline for the talks.";
    assert_string_equal(squeeze(s), s);
    s = "The vote on items 3, 45, and 6 was put off until the next session.";
    assert_string_equal(squeeze(s), s);
    /* nothing inside a quotation */
    s = "\"We met on Monday and again on Friday,\" the mayor told reporters at the hall.";
    assert_string_equal(squeeze(s), s);
}

static void test_wire_slugs(void **state)
{
    assert_string_equal(squeeze("BRIDGE-REPAIRS _ The harbor bridge will reopen in three weeks."),
                        "The harbor bridge will reopen in three weeks.");
    assert_string_equal(squeeze("BUDGET2 _ But the council approved the new budget on time."),
                        "The council approved the new budget on time.");
    assert_string_equal(squeeze("PIER-FIRE (Undated) _ Crews put out a fire on the old pier."),
                        "Crews put out a fire on the old pier.");
    assert_string_equal(squeeze("PIER-FIRE (Calderport_ Crews put out a fire on the old pier."),
                        "Crews put out a fire on the old pier.");
    /* an acronym opening a sentence is no slug */
    const char *s = "NATO said the exercise would end in three weeks at the latest.";
    assert_string_equal(squeeze(s), s);
}

static void test_short_sentences_left_whole(void **state)
{
    assert_string_equal(squeeze("It rained, he said."), "It rained, he said.");
    assert_string_equal(squeeze("No tail here and nothing to drop at all."),
                        "No tail here and nothing to drop at all.");
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attribution_tail),
        cmocka_unit_test(test_quotes_keep_their_speaker),
        cmocka_unit_test(test_parentheticals_and_connectives),
        cmocka_unit_test(test_doubled_periods_and_connective_commas),
        cmocka_unit_test(test_weekdays_and_ages),
        cmocka_unit_test(test_wire_slugs),
        cmocka_unit_test(test_short_sentences_left_whole),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
