/* Tests of meta.c: the one-line metadata recognizers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "meta.h"

#define S(x) x, strlen(x)

static void test_dates(void **state)
{
    char d[11];
    assert_true(meta_find_date(S("Friday 3 Mar 2028"), d));
    assert_string_equal(d, "2028-03-03");
    assert_true(meta_find_date(S("Sept. 28, 2019, at noon"), d));
    assert_string_equal(d, "2019-09-28");
    assert_true(meta_find_date(S("posted 2021-11-05T10:00"), d));
    assert_string_equal(d, "2021-11-05");
    assert_true(meta_find_date(S("December 31, 1999"), d));
    assert_string_equal(d, "1999-12-31");
    assert_false(meta_find_date(S("He spoke for 45 minutes."), d));
}

static void test_date_lines(void **state)
{
    assert_true(meta_is_date_line(S("Monday, 2 June 2025")));
    assert_true(meta_is_date_line(S("11:42 am")));
    assert_true(meta_is_date_line(S("Updated on June 3, 2025 at 9:10 GMT")));
    assert_false(meta_is_date_line(S("The vote is on June 3.")));
    assert_false(meta_is_date_line(S("Market report")));
}

static void test_agency_line(void **state)
{
    char name[64];
    assert_true(meta_agency_line(S("Reuters , Monday 2 Jun 2025"), name, sizeof name));
    assert_string_equal(name, "Reuters");
    assert_false(
        meta_agency_line(S("In Paris, on Monday 2 Jun 2025, they met."), name, sizeof name));
}

static void test_copyright_outlet(void **state)
{
    char name[64];
    assert_true(meta_copyright_outlet(S("\xC2\xA9 2030 Example Tribune. All rights reserved."),
                                      name, sizeof name));
    assert_string_equal(name, "Example Tribune");
    assert_true(meta_copyright_outlet(S("Copyright 2019 XYZ. To see more, visit the site."), name,
                                      sizeof name));
    assert_string_equal(name, "XYZ");
    assert_false(meta_copyright_outlet(S("Copyright law was changed in 2019 by parliament."), name,
                                       sizeof name));
}

static void test_title_suffix(void **state)
{
    char outlet[64];
    assert_int_equal(
        meta_title_suffix(S("Storm Hits the Coast Overnight - Gazette"), outlet, sizeof outlet),
        30);
    assert_string_equal(outlet, "Gazette");
    assert_int_equal(meta_title_suffix(S("Storm hits | Morning Star News"), outlet, sizeof outlet),
                     0);
    assert_int_equal(
        meta_title_suffix(S("Strike ends - but talks go on and on"), outlet, sizeof outlet), 0);
}

static void test_bylines_and_email(void **state)
{
    char name[64];
    assert_true(meta_byline(S("By Maria Lopez and Sam Reed"), name, sizeof name));
    assert_string_equal(name, "Maria Lopez and Sam Reed");
    assert_true(meta_byline(S("Write to Ann Fox at ann.fox@tribune.example"), name, sizeof name));
    assert_string_equal(name, "Ann Fox");
    assert_false(meta_byline(S("By the end of the day the river had risen."), name, sizeof name));
    assert_true(meta_email_outlet(S("Write to Ann Fox at ann.fox@abc.example"), name, sizeof name));
    assert_string_equal(name, "ABC");
    assert_true(meta_email_outlet(S("mail desk@tribune.example now"), name, sizeof name));
    assert_string_equal(name, "Tribune");
}

static void test_datelines(void **state)
{
    char place[64];
    const char *s = "OSLO \xE2\x80\x94 The talks ended.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 9);
    assert_string_equal(place, "OSLO");
    s = "SAN JOSE, Costa Rica (AP) _ Rain fell.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 28);
    assert_string_equal(place, "SAN JOSE");
    s = "LIMA\xE2\x80\x94Prices rose.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 7);
    s = "MACON, Ga. (AP) -- Rain fell.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 19);
    assert_string_equal(place, "MACON");
    s = "NAPA, Calif. -- Rain fell.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 16);
    s = "London, England \xE2\x80\x94 For the second time, crowds lined the route.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 20);
    assert_string_equal(place, "London");
    s = "Rio de Janeiro, Brazil -- Rain fell.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 0); /* "de" */
    s = "John Smith \xE2\x80\x94 the mayor \xE2\x80\x94 spoke.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 0);
    s = "UN envoy left. Then - later - it rained.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 0);
    s = "US officials said - later - that it rained.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 0);
    s = "The NATO summit - held in May - ended.";
    assert_int_equal(meta_dateline(s, strlen(s), place, sizeof place), 0);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),          cmocka_unit_test(test_date_lines),
        cmocka_unit_test(test_agency_line),    cmocka_unit_test(test_copyright_outlet),
        cmocka_unit_test(test_title_suffix),   cmocka_unit_test(test_bylines_and_email),
        cmocka_unit_test(test_datelines),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
