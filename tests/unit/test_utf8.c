/* Tests of utf8.c: text detection, Windows-1252 fallback, repair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

static char *normalize(buf *b, const char *s, size_t n)
{
    buf_init(b, 0);
    utf8_normalize(b, s, n);
    return b->data ? b->data : "";
}

static void test_binary_detection(void **state)
{
    size_t where = 0;
    assert_int_equal(utf8_is_binary("abc\0def", 7, &where), 1);
    assert_int_equal(where, 3);
    assert_int_equal(utf8_is_binary("plain text\n\twith tabs\r\n", 23, &where), 0);
    assert_int_equal(utf8_is_binary("\x01\x02\x03\x04 ab", 7, &where), 1);
    assert_int_equal(utf8_is_binary("", 0, &where), 0);
}

static void test_invalid_bytes_read_as_cp1252(void **state)
{
    buf b;
    /* 0x93 0x94 are curly double quotes, 0xE9 is e-acute in Windows-1252 */
    assert_string_equal(normalize(&b,
                                  "\x93"
                                  "caf\xE9\x94",
                                  6),
                        "\xE2\x80\x9C"
                        "caf\xC3\xA9"
                        "\xE2\x80\x9D");
    buf_free(&b);
}

static void test_mojibake_repaired(void **state)
{
    buf b;
    /* UTF-8 of U+2019 read as Windows-1252: a-circumflex, euro sign, trade mark */
    assert_string_equal(normalize(&b, "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s", 11),
                        "it\xE2\x80\x99s");
    buf_free(&b);
    assert_string_equal(normalize(&b, "caf\xC3\x83\xC2\xA9", 7), "caf\xC3\xA9");
    buf_free(&b);
}

static void test_spaces_and_line_ends(void **state)
{
    buf b;
    assert_string_equal(normalize(&b,
                                  "a\xC2\xA0"
                                  "b\r\nc\rd\xE2\x80\x8B"
                                  "e\xEF\xBB\xBF",
                                  16),
                        "a b\nc\nde");
    buf_free(&b);
}

static void test_valid_utf8_kept(void **state)
{
    buf b;
    const char *s = "V\xC3\xA1"
                    "clav Klaus \xE2\x80\x94 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0";
    assert_string_equal(normalize(&b, s, strlen(s)), s);
    buf_free(&b);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binary_detection),
        cmocka_unit_test(test_invalid_bytes_read_as_cp1252),
        cmocka_unit_test(test_mojibake_repaired),
        cmocka_unit_test(test_spaces_and_line_ends),
        cmocka_unit_test(test_valid_utf8_kept),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
