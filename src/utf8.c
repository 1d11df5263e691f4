/*
 * utf8.c — text decoding for the ingest stage.
 *
 * chorus never rejects text for bad UTF-8 (DESIGN.md "Encoding"): a byte
 * that does not start a valid sequence is read as Windows-1252. Mojibake —
 * UTF-8 bytes that some earlier tool decoded as Windows-1252 and encoded
 * again — is undone where a run of such characters maps back to exactly one
 * valid multi-byte sequence. Spacing is normalized so that later stages only
 * see ' ', '\t' and '\n' as whitespace.
 */
#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "swar.h"

#include <string.h>
#include <strings.h>

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
/* clang-format off */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
/* clang-format on */

static uint32_t cp1252_to_cp(unsigned char c)
{
    if (c >= 0x80 && c < 0xA0) {
        uint32_t cp = cp1252_high[c - 0x80];
        return cp ? cp : c;
    }
    return c;
}

/* The Windows-1252 byte that displays as cp, or -1. */
static int cp_to_cp1252(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp) return 0x80 + i;
    if (cp >= 0x80 && cp < 0xA0) return (int)cp; /* undefined bytes pass as C1 */
    return -1;
}

#ifdef __SSE2__
/* The index of the first 16-byte block at or after i holding a control
 * byte other than tab, newline, form feed or carriage return (or the index
 * from which fewer than 16 bytes are left). */
static size_t skip_plain_sse2(const char *s, size_t n, size_t i)
{
    const __m128i top = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'),
                  ff = _mm_set1_epi8('\f'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, top), x); /* bytes up to 0x1F */
        __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, nl)),
                                  _mm_or_si128(_mm_cmpeq_epi8(x, ff), _mm_cmpeq_epi8(x, cr)));
        if (_mm_movemask_epi8(_mm_andnot_si128(ok, low))) break;
    }
    return i;
}
#endif

int utf8_is_binary(const char *s, size_t n, size_t *where)
{
    size_t controls = 0, first = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
        i = skip_plain_sse2(s, n, i);
        if (i >= n) break;
#endif
#if SWAR
        /* eight bytes at a time while none is a control other than tab,
         * newline, form feed or carriage return (each test exact per byte) */
        while (i + 8 <= n) {
            uint64_t x = swar_load8(s + i), low7 = x & ~SWAR_HIGHS;
            uint64_t below = ~((low7 + SWAR_ONES * 0x60) | x) & SWAR_HIGHS; /* < 0x20 */
            if (below) {
                uint64_t ok = 0;
                static const unsigned char spaces[] = {'\t', '\n', '\f', '\r'};
                for (int k = 0; k < 4; k++) {
                    uint64_t v = x ^ (SWAR_ONES * spaces[k]);
                    ok |= ~(((v & ~SWAR_HIGHS) + ~SWAR_HIGHS) | v) & SWAR_HIGHS;
                }
                if (below & ~ok) break;
            }
            i += 8;
        }
        if (i >= n) break;
#endif
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            if (where) *where = i;
            return 1;
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
            if (first == (size_t)-1) first = i;
            controls++;
        }
    }
    if (n && controls * 10 > n) {
        if (where) *where = first;
        return 1;
    }
    return 0;
}

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

void utf8_put(buf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    buf_put(out, b, n);
}

/* Reads the code point at s[*i], advancing *i; invalid bytes as cp1252. */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    uint32_t cp;
    size_t len = utf8_decode(s + *i, n - *i, &cp);
    if (len == 0) {
        cp = cp1252_to_cp(s[*i]);
        len = 1;
    }
    *i += len;
    return cp;
}

/* Mojibake: the code points from s[*i] on, mapped back to Windows-1252
 * bytes, spell one valid multi-byte UTF-8 sequence. On success *i moves past
 * them and the repaired code point is returned; else 0. */
static uint32_t try_mojibake(const unsigned char *s, size_t n, size_t *i, uint32_t first)
{
    if (first < 0xC2 || first > 0xF4) return 0;
    unsigned char bytes[4];
    bytes[0] = (unsigned char)first;
    size_t want = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    size_t j = *i;
    for (size_t k = 1; k < want; k++) {
        if (j >= n) return 0;
        uint32_t cp = next_cp(s, n, &j);
        int b = cp_to_cp1252(cp);
        if (b < 0x80 || b > 0xBF) return 0;
        bytes[k] = (unsigned char)b;
    }
    uint32_t fixed;
    if (utf8_decode(bytes, want, &fixed) != want) return 0;
    *i = j;
    return fixed;
}

static int is_zero_width(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x00AD;
}

static int is_unicode_space(uint32_t cp)
{
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0x1680;
}

/* The index of the first byte at or after i that is not printable ASCII,
 * a tab or a newline, sixteen bytes at a time (or where fewer are left). */
static size_t plain_run(const unsigned char *s, size_t n, size_t i)
{
#ifdef __SSE2__
    const __m128i below = _mm_set1_epi8(0x1F), above = _mm_set1_epi8(0x7F),
                  tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* signed compares: bytes from 0x80 up are negative, never plain */
        __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, above));
        ok = _mm_or_si128(ok, _mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, nl)));
        unsigned mask = (unsigned)_mm_movemask_epi8(ok);
        if (mask != 0xFFFF) return i + (size_t)__builtin_ctz(~mask);
    }
#endif
    return i;
}

void utf8_normalize(buf *out, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n && !out->failed) {
        size_t run = plain_run(s, n, i); /* printable ASCII, tabs and newlines need no change */
        while (run < n && ((s[run] >= 0x20 && s[run] < 0x7F) || s[run] == '\n' || s[run] == '\t'))
            run++;
        if (run > i) {
            buf_put(out, s + i, run - i);
            i = run;
            continue;
        }
        uint32_t cp = next_cp(s, n, &i);
        uint32_t fixed = try_mojibake(s, n, &i, cp);
        if (fixed) cp = fixed;
        if (cp == '\r') {
            if (i < n && s[i] == '\n') i++;
            cp = '\n';
        }
        if (cp == '\f' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) cp = '\n';
        if (is_zero_width(cp)) continue;
        if (is_unicode_space(cp)) cp = ' ';
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            continue;
        utf8_put(out, cp);
    }
}

/* Word starts eight bytes at a time on little-endian machines: the high
 * bit of each space byte (' ', '\t'..'\r') is found for all eight at once. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS_SWAR 1
#else
#define WORDS_SWAR 0
#endif
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static uint64_t space_bytes(uint64_t x)
{
    uint64_t low = x & ~HIGHS; /* bytes from 0x80 up are never spaces */
    uint64_t blank = (low + ONES * (0x80 - ' ')) & ~(low + ONES * (0x7F - ' '));
    uint64_t ctrl = (low + ONES * (0x80 - '\t')) & ~(low + ONES * (0x7F - '\r'));
    return (blank | ctrl) & ~x & HIGHS;
}

size_t text_count_words(const char *s, size_t n)
{
    size_t words = 0, i = 0;
    uint64_t prev = HIGHS; /* the byte before the text counts as a space */
    for (; WORDS_SWAR && i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t space = space_bytes(x);
        uint64_t before = (space << 8) | (prev >> 56); /* is the byte before each a space */
        words += (size_t)((((~space & before & HIGHS) >> 7) * ONES) >> 56); /* count of high bits */
        prev = space;
    }
    unsigned prev_space = (unsigned)(prev >> 63);
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned space = c == ' ' || (unsigned)(c - '\t') <= '\r' - '\t';
        words += prev_space & !space;
        prev_space = space;
    }
    return words;
}

int text_word_listed(const char *const *list, const char *w, size_t n, int any_case)
{
    for (; *list; list++)
        if (strlen(*list) == n && (any_case ? strncasecmp(w, *list, n) : memcmp(w, *list, n)) == 0)
            return 1;
    return 0;
}
