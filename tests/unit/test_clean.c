/* Tests of clean.c through the public API: furniture removed, the story's
 * sentences kept, metadata found. All texts are written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "chorus.h"

static const char *page_a =
    "Storm Floods Valley Towns, Thousands Evacuated - Valley Times\n"
    "- Share\n- Tweet\n- Email\n"
    "BRENNFORD \xE2\x80\x94 Heavy rain flooded three valley towns on Sunday, forcing thousands of "
    "residents from their homes, officials said.\n"
    "The river rose four meters in six hours, the highest level recorded since the dam was built.\n"
    "\xE2\x80\x9CWe have never seen water move this fast,\xE2\x80\x9D said fire chief Ines "
    "Moreau.\n"
    "\xE2\x80\x98We have never seen water move this fast.\xE2\x80\x99\xE2\x80\x94Ines Moreau, fire "
    "chief\n"
    "Emergency shelters opened in schools across the region as the rain continued overnight.\n"
    "Write to Karl Stein at karl.stein@valleytimes.example\n"
    "Heavy rain flooded three valley towns on Sunday, forcing thousands of residents from their "
    "homes.\n"
    "Comments\n";

static const char *page_b =
    "\xC2\xA9 2029 North Radio\n"
    "Listen Live\n0:00\n0:00 0:00\n\n"
    "Valley Floods Force Thousands From Homes\n\n"
    "Thousands of residents fled their homes as floods hit the valley towns on Sunday after heavy "
    "rain, emergency officials said.\n\n"
    "Views: 2041\nViews: 2041\n\n"
    "Shelters in local schools took in more than 1,500 people by Sunday night.\n\n"
    "Comments\n\n"
    "Mara Quist is North Radio's weather correspondent based in Brennford.\n";

static chorus_story *run_two(void)
{
    chorus_story *st = chorus_story_new();
    chorus_error err;
    assert_int_equal(chorus_story_add_text(st, "a.txt", page_a, strlen(page_a), &err), CHORUS_OK);
    assert_int_equal(chorus_story_add_text(st, "b.txt", page_b, strlen(page_b), &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    return st;
}

static void test_furniture_removed(void **state)
{
    chorus_story *st = run_two();
    chorus_article_info a, b;
    assert_true(chorus_story_article(st, 0, &a));
    assert_true(chorus_story_article(st, 1, &b));
    /* clang-format off */
    const char *junk[] = {"Share", "Tweet", "Write to", "Comments", "0:00", "Views", "\xC2\xA9",
                          "Listen Live", "correspondent", "\xE2\x80\x94Ines"};
    /* clang-format on */
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
        assert_null(strstr(a.text, junk[i]));
        assert_null(strstr(b.text, junk[i]));
    }
    /* the teaser at the end repeats the lead: removed; the lead stays */
    assert_non_null(strstr(a.text, "Heavy rain flooded three valley towns on Sunday, forcing"));
    assert_null(strstr(strstr(a.text, "Heavy rain flooded") + 1, "Heavy rain flooded"));
    chorus_story_free(st);
}

static void test_sentences_kept(void **state)
{
    chorus_story *st = run_two();
    chorus_article_info a, b;
    chorus_story_article(st, 0, &a);
    chorus_story_article(st, 1, &b);
    assert_non_null(strstr(a.text, "The river rose four meters"));
    assert_non_null(strstr(a.text, "said fire chief Ines Moreau."));
    assert_non_null(strstr(a.text, "Emergency shelters opened"));
    assert_non_null(strstr(b.text, "Shelters in local schools took in more than 1,500 people"));
    assert_int_equal(a.sentences, 4);
    assert_int_equal(b.sentences, 2);
    chorus_story_free(st);
}

static void test_metadata(void **state)
{
    chorus_story *st = run_two();
    chorus_article_info a, b;
    chorus_story_article(st, 0, &a);
    chorus_story_article(st, 1, &b);
    assert_string_equal(a.title, "Storm Floods Valley Towns, Thousands Evacuated");
    assert_string_equal(a.outlet, "Valley Times");
    assert_string_equal(a.byline, "Karl Stein");
    assert_string_equal(a.dateline, "BRENNFORD");
    assert_string_equal(b.title, "Valley Floods Force Thousands From Homes");
    assert_string_equal(b.outlet, "North Radio");
    assert_string_equal(b.byline, "Mara Quist");
    chorus_story_free(st);
}

static void test_agency_date_beats_scrape_stamp(void **state)
{
    const char *page = "Thursday, 4 May 2034\n\n"
                       "Port strike ends after talks\n\n"
                       "Wire , Monday 1 Apr 2030\n\n"
                       "Dock workers ended a nine-day strike on Monday after the port agreed to "
                       "raise wages by four percent in 2030 and 2031.\n";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "p.txt", page, strlen(page), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_string_equal(a.date, "2030-04-01");
    assert_string_equal(a.outlet, "Wire");
    assert_string_equal(a.title, "Port strike ends after talks");
    chorus_story_free(st);
}

static void test_shared_lines_across_articles(void **state)
{
    const char *x = "Follow the money\n\nThe council approved a budget of 12 million for new parks "
                    "and two libraries on Friday.\n";
    const char *y = "Follow the money\n\nCouncil members voted seven to two for the new budget, "
                    "which adds parks and libraries.\n";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "x", x, strlen(x), &err);
    chorus_story_add_text(st, "y", y, strlen(y), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_null(strstr(a.text, "Follow the money"));
    chorus_story_free(st);
}

static void test_credits_and_notes(void **state)
{
    const char *page = "Harvest Festival Draws Record Crowd\n\n"
                       "More than 40,000 visitors came to the harvest festival on Saturday, the "
                       "largest crowd in its twenty-year history.\n\n"
                       "\xE2\x80\x94 Research by Ana Ruiz, Tom Berg and Lee Chan\n\n"
                       "Reporting by Sam Oto; Editing by Kim Vos\n\n"
                       "(Corrects the number of visitors in the first paragraph.)\n";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "f.txt", page, strlen(page), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_null(strstr(a.text, "Ana Ruiz"));
    assert_null(strstr(a.text, "Sam Oto"));
    assert_null(strstr(a.text, "Corrects"));
    assert_non_null(strstr(a.text, "More than 40,000 visitors"));
    assert_int_equal(a.removed, 4); /* headline, two credits, the note */
    chorus_story_free(st);
}

static void test_long_lines_are_content(void **state)
{
    /* two outlets running the same wire copy, unpunctuated; one long line
     * names a photo agency: all of it is content */
    const char *wire = "officials said on monday that the new rail line between the two cities "
                       "would open in the spring after years of delays caused by funding disputes "
                       "and a long legal fight over the route through the national park";
    const char *other =
        "Image credit getty images the mayor of the northern city said the rail "
        "line would bring thousands of jobs and cut the journey between the two "
        "cities from three hours to under ninety minutes once it opens next spring, "
        "according to the regional transport office";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "w1", wire, strlen(wire), &err);
    chorus_story_add_text(st, "w2", wire, strlen(wire), &err);
    chorus_story_add_text(st, "o", other, strlen(other), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    for (size_t i = 0; i < 3; i++) {
        chorus_article_info a;
        chorus_story_article(st, i, &a);
        assert_int_equal(a.removed, 0);
        assert_int_equal(a.sentences, 1);
    }
    assert_true(chorus_story_summary_count(st) >= 1);
    chorus_story_free(st);
}

static void test_calls_to_action(void **state)
{
    const char *text =
        "Ferry Fares Rise for Island Commuters\n"
        "Island commuters will pay twelve percent more for the ferry from March, the operator "
        "said on Friday, citing the cost of fuel and new crew rules.\n"
        "Subscribe now to our digital edition for unlimited access to every story.\n"
        "Follow the Island Courier on Twitter and Instagram.\n"
        "Follow-up talks with the unions are set for next week, the operator said, and the "
        "new fares could still change.\n"
        "For the latest stories and breaking news, download our app.\n";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "f.txt", text, strlen(text), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_null(strstr(a.text, "Subscribe"));
    assert_null(strstr(a.text, "on Twitter"));
    assert_null(strstr(a.text, "download our app"));
    assert_non_null(strstr(a.text, "Follow-up talks")); /* a sentence of the story */
    assert_non_null(strstr(a.text, "twelve percent"));
    chorus_story_free(st);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_furniture_removed),
        cmocka_unit_test(test_sentences_kept),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_agency_date_beats_scrape_stamp),
        cmocka_unit_test(test_shared_lines_across_articles),
        cmocka_unit_test(test_credits_and_notes),
        cmocka_unit_test(test_long_lines_are_content),
        cmocka_unit_test(test_calls_to_action),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
