/* Tests of segment.c: sentence boundaries in news text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "segment.h"

typedef struct collected {
    char out[16][256];
    int n;
    const char *text;
} collected;

static void collect(void *ctx, size_t start, size_t end)
{
    collected *c = ctx;
    if (c->n < 16) snprintf(c->out[c->n++], 256, "%.*s", (int)(end - start), c->text + start);
}

static collected split(const char *text)
{
    collected c = {.n = 0, .text = text};
    segment_paragraph(text, strlen(text), collect, &c);
    return c;
}

static void test_titles_and_initials(void **state)
{
    collected c = split("Mr. Lee met Gen. Ward in St. Louis. George W. Bush was not there.");
    assert_int_equal(c.n, 2);
    assert_string_equal(c.out[0], "Mr. Lee met Gen. Ward in St. Louis.");
}

static void test_abbreviation_at_sentence_end(void **state)
{
    collected c = split("The company moved to the U.S. The move cost $3.5 million.");
    assert_int_equal(c.n, 2);
    assert_string_equal(c.out[1], "The move cost $3.5 million.");
    c = split("Officials from the U.S. Embassy declined to comment.");
    assert_int_equal(c.n, 1);
    c = split("It starts Jan. 1 at 9 a.m. in the hall.");
    assert_int_equal(c.n, 1);
}

static void test_quotes_after_period(void **state)
{
    collected c = split("\"We will rebuild.\" She said it twice. \xE2\x80\x9CNever again.\xE2\x80\x9D He left.");
    assert_int_equal(c.n, 4);
    assert_string_equal(c.out[0], "\"We will rebuild.\"");
    assert_string_equal(c.out[2], "\xE2\x80\x9CNever again.\xE2\x80\x9D");
}

static void test_no_split_before_lower_case(void **state)
{
    collected c = split("\"Is it safe?\" he asked. Nobody knew... and nobody said.");
    assert_int_equal(c.n, 2);
    assert_string_equal(c.out[0], "\"Is it safe?\" he asked.");
}

static void test_unterminated_is_one_sentence(void **state)
{
    collected c = split("  A headline with no final stop  ");
    assert_int_equal(c.n, 1);
    assert_string_equal(c.out[0], "A headline with no final stop");
    assert_int_equal(segment_ends_sentence("It ended.\xE2\x80\x9D", 12), 1);
    assert_int_equal(segment_ends_sentence("Section heading", 15), 0);
    c = split("");
    assert_int_equal(c.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles_and_initials),
        cmocka_unit_test(test_abbreviation_at_sentence_end),
        cmocka_unit_test(test_quotes_after_period),
        cmocka_unit_test(test_no_split_before_lower_case),
        cmocka_unit_test(test_unterminated_is_one_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
