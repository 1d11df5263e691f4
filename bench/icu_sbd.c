/*
 * icu_sbd.c — ICU's sentence breaker as the comparison for bench/sbd.sh,
 * built by that script (not by CMake) when libicu-dev is installed.
 *
 *   icu_sbd split LOCALE    records "<byte count>\n<bytes>" on stdin; prints
 *                           per record one line of sentence spans "start end
 *                           ..." in UTF-8 byte offsets, trimmed of spaces
 *   icu_sbd speed LOCALE FILE [--per-story]
 *                           times UTF-8 to UTF-16 conversion plus a full
 *                           pass of the sentence break iterator over FILE,
 *                           one text; with --per-story FILE holds records
 *                           "<byte count>\n<bytes>", each a story for which
 *                           a break iterator is opened, as a program
 *                           handling one story at a time would
 *
 * LOCALE is "en" (plain rules) or "en@ss=standard" (with ICU's abbreviation
 * suppressions). Limits: records above 64 MB are refused.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "bench_clock.h"

#define RECORD_MAX ((size_t)64 << 20)

/* s as UTF-16 in one pass (a UTF-16 text never has more units than its
 * UTF-8 form has bytes). */
static UChar *to_utf16(const char *s, size_t n, int32_t *len)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar *u = malloc((n + 1) * sizeof *u);
    if (u) u_strFromUTF8(u, (int32_t)n + 1, len, s, (int32_t)n, &e);
    if (!u || U_FAILURE(e)) {
        free(u);
        return NULL;
    }
    return u;
}

static UBreakIterator *open_breaker(const char *locale)
{
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &e);
    if (U_FAILURE(e)) {
        fprintf(stderr, "icu_sbd: ubrk_open(%s): %s\n", locale, u_errorName(e));
        return NULL;
    }
    return bi;
}

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Prints the spans of one record, in UTF-8 byte offsets. */
static void split_record(UBreakIterator *bi, const char *s, size_t n)
{
    int32_t len;
    UChar *u = to_utf16(s, n, &len);
    if (!u) {
        putchar('\n');
        return;
    }
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText(bi, u, len, &e);
    int32_t prev = ubrk_first(bi), next, u16 = 0;
    size_t byte = 0, start_byte = 0;
    int first = 1;
    while ((next = ubrk_next(bi)) != UBRK_DONE) {
        start_byte = byte;
        while (u16 < next) { /* advance byte offset over code points */
            UChar32 c;
            int32_t k = u16;
            U16_NEXT(u, k, len, c);
            byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            u16 = k;
        }
        size_t a = start_byte, b = byte;
        while (a < b && is_space(s[a]))
            a++;
        while (b > a && is_space(s[b - 1]))
            b--;
        if (b > a) {
            printf("%s%zu %zu", first ? "" : " ", a, b);
            first = 0;
        }
        prev = next;
    }
    (void)prev;
    putchar('\n');
    free(u);
}

static int run_split(const char *locale)
{
    UBreakIterator *bi = open_breaker(locale);
    if (!bi) return 4;
    size_t n;
    while (scanf("%zu", &n) == 1 && getchar() == '\n' && n <= RECORD_MAX) {
        char *s = malloc(n + 1);
        if (!s || fread(s, 1, n, stdin) != n) {
            free(s);
            break;
        }
        split_record(bi, s, n);
        free(s);
    }
    ubrk_close(bi);
    return 0;
}

static char *read_file(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = *n >= 0 ? malloc((size_t)*n + 1) : NULL;
    if (s && fread(s, 1, (size_t)*n, f) != (size_t)*n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    return s;
}

/* Breaks one text; returns the number of boundaries, or -1. */
static long break_text(UBreakIterator *bi, const char *s, size_t n)
{
    int32_t len;
    UChar *u = to_utf16(s, n, &len);
    if (!u) return -1;
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText(bi, u, len, &e);
    long breaks = 0;
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
        breaks++;
    free(u);
    return U_FAILURE(e) ? -1 : breaks;
}

static int run_speed(const char *locale, const char *path, int per_story)
{
    long n;
    char *s = read_file(path, &n);
    if (!s) return 3;
    (void)touch_pages(s, (size_t)n);
    long breaks = 0, bytes = 0;
    double t0 = now();
    if (!per_story) {
        UBreakIterator *bi = open_breaker(locale);
        if (!bi) return 4;
        breaks = break_text(bi, s, (size_t)n);
        bytes = n;
        ubrk_close(bi);
    } else {
        for (char *p = s, *end = s + n; p < end;) {
            char *q;
            long len = strtol(p, &q, 10);
            if (q == p || *q != '\n' || len < 0 || len > end - q - 1) break;
            UBreakIterator *bi = open_breaker(locale);
            if (!bi) return 4;
            breaks += break_text(bi, q + 1, (size_t)len);
            ubrk_close(bi);
            bytes += len;
            p = q + 1 + len;
        }
    }
    double secs = now() - t0;
    printf("bytes %ld seconds %.4f mb_per_s %.1f breaks %ld\n", bytes, secs, bytes / secs / 1e6,
           breaks);
    free(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "split") == 0) return run_split(argv[2]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "speed") == 0)
        return run_speed(argv[2], argv[3], argc == 5 && strcmp(argv[4], "--per-story") == 0);
    fprintf(stderr, "usage: icu_sbd split LOCALE < RECORDS\n"
                    "       icu_sbd speed LOCALE FILE [--per-story]\n");
    return 2;
}
