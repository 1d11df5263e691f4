/*
 * segment.c — the segment stage: paragraphs into sentences, sentences into
 * tokens.
 *
 * Each line of a paragraph is scanned once, left to right, stopping only at
 * bytes that can matter (terminal punctuation, quotation marks, bullets).
 * A candidate end is a run of terminal punctuation ('.', '!', '?', "...",
 * ". . .", U+2026, fullwidth stops) with the closing quotes, brackets and
 * citation marks ("[12]") after it. Whether it ends the sentence is decided
 * by the word before it and the token after it:
 *   - a period after a title (Mr., Gen.) or an initial (W.) never ends one;
 *     after another abbreviation (Inc., U.S., Jan.) only before a word that
 *     typically opens a sentence (The, He, But); "a.m." also before other
 *     capitalized words that are not time words; an abbreviation never ends
 *     a sentence that is only a short prepositional phrase ("At 5 a.m.");
 *   - after an ordinary word or a number, the next token decides: a capital,
 *     a digit or a bullet starts a sentence; a lower-case word does too
 *     unless a closing quote or bracket came first ("'Go.' she said");
 *   - '!' and '?' end before a lower-case word too, except when a pronoun and
 *     a verb of speech follow ("Stop! he yelled") or after a capitalized name
 *     ("Yahoo! in"); ellipses end only before a capital; a spaced
 *     three-dot ellipsis ". . ." never ends one, four dots do;
 *   - nothing inside a quotation that closes later on the line ends a
 *     sentence: the quotation stays with its attribution.
 * Besides punctuation, a line break, a bullet (•, ⁃) and the next item of a
 * list ("1. ... 2. ...", "a) ... b) ...", "(i) ... (ii) ...") end sentences,
 * and a sentence glued to the next ("world.Today") is split when a
 * lower-case word meets a capitalized one. URLs, e-mail addresses, decimal
 * numbers and dotted abbreviations are kept whole.
 * Speed: the scan skips sixteen bytes at a time (SSE2) or eight (SWAR) to
 * the next byte that can matter; the next closing mark of each kind and
 * the line's list markers are found once per line and remembered, so a
 * line costs linear time whatever it holds.
 * Limits: English only; semicolons and colons never end a sentence; a line
 * without punctuation is one sentence even when it holds several; a line's
 * first 64 list markers are the ones lists are built from.
 */
#include "segment.h"
#include "cpu.h"
#include "lexicon.h"
#include "swar.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define NONE SIZE_MAX
#define WORD_REACH 64     /* bytes looked back for the word before a period */
#define LINE_ITEMS 64     /* list markers remembered per line */
#define ITEM_LOOKAHEAD 16 /* markers looked through for the next item of a list */
#define RESOLVE_BATCH 512 /* tokens scanned before their terms are looked up */

/* ---------------------------------------------------------- characters */

/* Bytes where the scanner stops: terminal punctuation, quotation marks and
 * the lead bytes of the multi-byte marks it knows. */
/* clang-format off */
static const unsigned char stops[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1,  ['"'] = 1,  ['\''] = 1, ['`'] = 1,
    ['('] = 1, ['['] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};
/* clang-format on */

#ifdef __SSE2__
/* The stop bytes among t[i, i + 16) as a bit mask (SSE2). */
static unsigned stop_mask16(const char *t)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)t);
    __m128i m =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')), _mm_cmpeq_epi8(x, _mm_set1_epi8('!')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('?')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('`')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('(')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('[')));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, x)); /* x: bytes from 0x80 */
}
#endif

#ifdef CPU_WIDE_SCANS
/* The stop bytes among t[i, i + 32) as a bit mask (AVX2). */
__attribute__((target("avx2"))) static inline unsigned stop_mask32(const char *t)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)t);
    __m256i m = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('.')),
                                _mm256_cmpeq_epi8(x, _mm256_set1_epi8('!')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('?')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('"')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\'')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('`')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('(')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('[')));
    return (unsigned)_mm256_movemask_epi8(_mm256_or_si256(m, x)); /* x: bytes from 0x80 */
}

/* next_stop() 32 bytes at a time, for processors with AVX2. */
__attribute__((target("avx2"))) static size_t next_stop_avx2(const char *t, size_t i, size_t end)
{
    for (;;) {
        while (end - i >= 32) {
            unsigned m = stop_mask32(t + i);
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
            i += 32;
        }
        while (i < end && !stops[(unsigned char)t[i]]) {
            i++;
            if (end - i >= 32 && !((unsigned char)t[i - 1] & 0x80)) break;
        }
        if (i >= end || stops[(unsigned char)t[i]]) return i;
    }
}

/* next_stop() 64 bytes at a time, for processors with AVX-512 VBMI: two
 * lookups in the stop table (one for each half of the byte values) give the
 * exact stop bytes of 64 bytes at once. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static size_t
next_stop_avx512(const char *t, size_t i, size_t end)
{
    const __m512i table[4] = {_mm512_loadu_si512(stops), _mm512_loadu_si512(stops + 64),
                              _mm512_loadu_si512(stops + 128), _mm512_loadu_si512(stops + 192)};
    for (; i < end; i += 64) {
        __mmask64 in = end - i >= 64 ? ~0ULL : (1ULL << (end - i)) - 1;
        __m512i x = _mm512_maskz_loadu_epi8(in, t + i);
        __m512i low = _mm512_permutex2var_epi8(table[0], x, table[1]); /* by the low 7 bits */
        __m512i high = _mm512_permutex2var_epi8(table[2], x, table[3]);
        __m512i stop = _mm512_mask_blend_epi8(_mm512_movepi8_mask(x), low, high);
        uint64_t m = _mm512_test_epi8_mask(stop, stop) & in;
        if (m) return i + (size_t)__builtin_ctzll(m);
    }
    return end;
}
#endif

/* The offset of the first stop byte in t[i, end), or end, 16 or 8 bytes
 * at a time. */
static size_t next_stop_narrow(const char *t, size_t i, size_t end)
{
    for (;;) {
#ifdef __SSE2__
        while (end - i >= 16) {
            unsigned m = stop_mask16(t + i);
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
            i += 16;
        }
#else
        while (SWAR && end - i >= 8) {
            uint64_t x = swar_load8(t + i);
            uint64_t m = (x & SWAR_HIGHS) | swar_bytes_equal(x, '.') | swar_bytes_equal(x, '!') |
                         swar_bytes_equal(x, '?') | swar_bytes_equal(x, '"') |
                         swar_bytes_equal(x, '\'') | swar_bytes_equal(x, '`') |
                         swar_bytes_equal(x, '(') | swar_bytes_equal(x, '[');
            if (m) {
                i += (size_t)__builtin_ctzll(m) / 8;
                break;
            }
            i += 8;
        }
#endif
        while (i < end && !stops[(unsigned char)t[i]]) {
            i++;
            if (end - i >= 16 && !((unsigned char)t[i - 1] & 0x80)) break;
        }
        if (i >= end || stops[(unsigned char)t[i]]) return i;
    }
}

/* The offset of the first stop byte in t[i, end), or end. */
static size_t next_stop(const char *t, size_t i, size_t end)
{
#ifdef CPU_WIDE_SCANS
    if (cpu_avx512_vbmi()) return next_stop_avx512(t, i, end);
    if (cpu_avx2()) return next_stop_avx2(t, i, end);
#endif
    return next_stop_narrow(t, i, end);
}

/* The first line break ('\n' or a lone '\r') in t[i, end), or end. */
static size_t line_end_narrow(const char *t, size_t i, size_t end)
{
#ifdef __SSE2__
    for (; end - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
        if (m) return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < end && t[i] != '\n' && t[i] != '\r')
        i++;
    return i;
}

#ifdef CPU_WIDE_SCANS
/* line_end() 64 bytes at a time, for processors with AVX-512. */
__attribute__((target("avx512f,avx512bw"))) static size_t line_end_avx512(const char *t, size_t i,
                                                                          size_t end)
{
    for (; i < end; i += 64) {
        __mmask64 in = end - i >= 64 ? ~0ULL : (1ULL << (end - i)) - 1;
        __m512i x = _mm512_maskz_loadu_epi8(in, t + i);
        uint64_t m = (_mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\n')) |
                      _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\r'))) &
                     in;
        if (m) return i + (size_t)__builtin_ctzll(m);
    }
    return end;
}
#endif

static size_t line_end(const char *t, size_t i, size_t end)
{
#ifdef CPU_WIDE_SCANS
    if (cpu_avx512_vbmi()) return line_end_avx512(t, i, end);
#endif
    return line_end_narrow(t, i, end);
}

int segment_stops_agree(const char *t, size_t n)
{
    for (size_t i = 0; i <= n; i++) {
        size_t want = i, brk = i;
        while (want < n && !stops[(unsigned char)t[want]])
            want++;
        while (brk < n && t[brk] != '\n' && t[brk] != '\r')
            brk++;
        if (line_end_narrow(t, i, n) != brk || line_end(t, i, n) != brk) return 0;
        if (next_stop_narrow(t, i, n) != want) return 0;
#ifdef CPU_WIDE_SCANS
        if (cpu_avx2() && next_stop_avx2(t, i, n) != want) return 0;
        if (cpu_avx512_vbmi() && next_stop_avx512(t, i, n) != want) return 0;
#endif
    }
    return 1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(unsigned char c)
{
    return is_upper(c) || is_lower(c);
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

/* Multi-byte (and a few ASCII) marks the scanner knows. */
typedef enum mark {
    M_NONE,
    M_ELLIPSIS, /* U+2026 */
    M_OPEN_Q,   /* U+201C, U+00AB */
    M_CLOSE_Q,  /* U+201D, U+00BB */
    M_OPEN_SQ,  /* U+2018 */
    M_CLOSE_SQ, /* U+2019, also an apostrophe */
    M_BULLET,   /* U+2022 and kin */
    M_DASH,     /* U+2013, U+2014 */
    M_FULLSTOP, /* fullwidth . ! ? and the ideographic full stop */
} mark;

static mark wide_mark_at(const char *t, size_t i, size_t end, size_t *len)
{
    const unsigned char *u = (const unsigned char *)t + i;
    size_t n = end - i;
    *len = 0;
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
        *len = 2;
        return u[1] == 0xAB ? M_OPEN_Q : M_CLOSE_Q;
    }
    if (n < 3) return M_NONE;
    *len = 3;
    if (u[0] == 0xE2 && u[1] == 0x80) {
        switch (u[2]) {
        case 0xA6:
            return M_ELLIPSIS;
        case 0x9C:
            return M_OPEN_Q;
        case 0x9D:
            return M_CLOSE_Q;
        case 0x98:
            return M_OPEN_SQ;
        case 0x99:
            return M_CLOSE_SQ;
        case 0xA2:
        case 0xA3:
            return M_BULLET;
        case 0x93:
        case 0x94:
            return M_DASH;
        }
    }
    if (u[0] == 0xE2 && ((u[1] == 0x81 && u[2] == 0x83) || (u[1] == 0x96 && u[2] == 0xAA) ||
                         (u[1] == 0x96 && u[2] == 0xA0) || (u[1] == 0x96 && u[2] == 0xBA) ||
                         (u[1] == 0x97 && (u[2] == 0xA6 || u[2] == 0x8F))))
        return M_BULLET;
    if ((u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8E || u[2] == 0x81 || u[2] == 0x9F)) ||
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82))
        return M_FULLSTOP;
    *len = 0;
    return M_NONE;
}

/* The mark at t[i] (of end bytes) and its length in *len; every mark starts
 * with a byte from 0xC2 up, so the common case is one comparison. */
static inline mark mark_at(const char *t, size_t i, size_t end, size_t *len)
{
    if (i < end && (unsigned char)t[i] >= 0xC2) return wide_mark_at(t, i, end, len);
    *len = 0;
    return M_NONE;
}

static size_t skip_spaces(const char *t, size_t i, size_t end)
{
    while (i < end && is_space((unsigned char)t[i]))
        i++;
    return i;
}

/* Letter case of the character at t[i]: 'U', 'L', or 0 for a non-letter. */
static int letter_case(const char *t, size_t i, size_t end)
{
    unsigned char c = (unsigned char)t[i];
    if (is_upper(c)) return 'U';
    if (is_lower(c)) return 'L';
    if (c < 0xC3) return 0;
    uint32_t cp;
    if (!utf8_decode((const unsigned char *)t + i, end - i, &cp)) return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO)
        return 'U';
    return cat == UTF8PROC_CATEGORY_LL ? 'L' : 0;
}

/* Nonzero when text[a, b) holds a letter or a digit. */
static int has_content(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (is_alnum(c) || (c >= 0xC3 && c != 0xE2 && c != 0xE3 && c != 0xEF)) return 1;
    }
    return 0;
}

/* -------------------------------------------------------------- lists */

enum { MK_NUMBER = 1, MK_LETTER, MK_ROMAN };

/* A list marker: "3.", "b)", "(iv)", "a.)". */
typedef struct marker {
    size_t pos, end;  /* its bytes, punctuation included */
    int kind;         /* MK_NUMBER, MK_LETTER (a single letter), MK_ROMAN */
    int value, roman; /* its number or letter (1 = a); its value as a Roman numeral, or 0 */
    char letter_case; /* 'U', 'L', or 0 for a number */
    char style;       /* '(' for "(a)", ')' for "a)", '.' for "a.", ':' for "a.)" */
} marker;

static int roman_value(const char *s, size_t n)
{
    int total = 0, prev = 0;
    for (size_t k = n; k-- > 0;) {
        int v;
        switch (s[k] | 0x20) {
        case 'i':
            v = 1;
            break;
        case 'v':
            v = 5;
            break;
        case 'x':
            v = 10;
            break;
        case 'l':
            v = 50;
            break;
        default:
            return 0;
        }
        total += v < prev ? -v : v;
        if (v > prev) prev = v;
    }
    return total > 0 && total < 90 ? total : 0;
}

/* Parses the list marker at t[i] (the start of a token); it must be
 * followed by a space and more text on the line. */
static int parse_marker(const char *t, size_t i, size_t end, marker *m)
{
    size_t j = i;
    int paren = j < end && t[j] == '(';
    if (paren) j++;
    size_t v = j;
    while (j < end && j - v < 4 && (is_digit((unsigned char)t[j]) || is_alpha((unsigned char)t[j])))
        j++;
    size_t n = j - v;
    if (n == 0 || n > 3) return 0;
    /* the closing mark, checked first: most words are no marker */
    if (j >= end || (t[j] != ')' && (paren || t[j] != '.'))) return 0;
    m->pos = i;
    m->roman = 0;
    m->letter_case = 0;
    if (is_digit((unsigned char)t[v])) {
        m->kind = MK_NUMBER;
        m->value = 0;
        for (size_t k = v; k < j; k++) {
            if (!is_digit((unsigned char)t[k]) || n > 2) return 0;
            m->value = m->value * 10 + (t[k] - '0');
        }
    } else {
        int upper = is_upper((unsigned char)t[v]);
        for (size_t k = v; k < j; k++)
            if (!is_alpha((unsigned char)t[k]) || is_upper((unsigned char)t[k]) != upper) return 0;
        m->letter_case = upper ? 'U' : 'L';
        m->roman = roman_value(t + v, n);
        m->kind = n == 1 ? MK_LETTER : MK_ROMAN;
        m->value = n == 1 ? (t[v] | 0x20) - 'a' + 1 : 0;
        if (n > 1 && !m->roman) return 0;
    }
    if (paren) {
        if (j >= end || t[j] != ')') return 0;
        m->style = '(';
        j++;
    } else if (j < end && t[j] == '.') {
        j++;
        m->style = '.';
        if (j < end && t[j] == ')') {
            m->style = ':';
            j++;
        }
    } else if (j < end && t[j] == ')') {
        m->style = ')';
        j++;
    } else {
        return 0;
    }
    m->end = j;
    return j < end && is_space((unsigned char)t[j]) && skip_spaces(t, j, end) < end;
}

/* Nonzero when b is the item after a in one list. */
static int marker_follows(const marker *a, const marker *b)
{
    if (a->style != b->style || a->letter_case != b->letter_case) return 0;
    if (a->kind == MK_NUMBER) return b->kind == MK_NUMBER && b->value == a->value + 1;
    if (a->kind == MK_LETTER && b->kind == MK_LETTER && b->value == a->value + 1) return 1;
    return a->roman && b->roman && b->roman == a->roman + 1;
}

/* ------------------------------------------------------------ scanner */

/* Closing marks whose next position the scanner remembers per line. */
enum closer {
    CL_DOUBLE,
    CL_SINGLE,
    CL_CURLY,
    CL_CURLY_SINGLE,
    CL_GUILLEMET,
    CL_BACKTICK,
    CL_PAREN,
    CL_BRACKET,
    CL_KINDS
};

typedef struct scan {
    const char *t;
    size_t line;              /* start of the current line */
    size_t end;               /* end of the line */
    size_t start;             /* start of the pending sentence */
    size_t bare_to;           /* the pending sentence holds no letter or digit before this */
    size_t quote_end;         /* offset of the closing mark of the open quotation, or 0 */
    size_t list_at;           /* offset of the next item of the open list, or NONE */
    marker list;              /* that item */
    marker items[LINE_ITEMS]; /* the list markers of the line, once read */
    size_t n_items;
    int items_read;
    size_t close_at[CL_KINDS], close_from[CL_KINDS]; /* next closing mark at or after close_from */
    sentence_fn emit;
    void *ctx;
} scan;

/* Reads the list markers at the token starts of the line. */
static void read_items(scan *s)
{
    const char *t = s->t;
    size_t len;
    s->items_read = 1;
    s->n_items = 0;
    for (size_t p = s->line; p < s->end && s->n_items < LINE_ITEMS; p++) {
        if (p > s->line && !is_space((unsigned char)t[p - 1]) &&
            !(p >= s->line + 3 && mark_at(t, p - 3, s->end, &len) == M_BULLET))
            continue;
        unsigned char c = (unsigned char)t[p];
        if ((c == '(' || is_alnum(c)) && parse_marker(t, p, s->end, &s->items[s->n_items]))
            s->n_items++;
    }
}

/* The next item of the list that m belongs to, at or after from; returns
 * its offset (and fills *next) or NONE. */
static size_t find_next_item(scan *s, size_t from, const marker *m, marker *next)
{
    if (!s->items_read) read_items(s);
    size_t k = 0, hi = s->n_items; /* the first item at or after from */
    while (k < hi) {
        size_t mid = (k + hi) / 2;
        if (s->items[mid].pos < from)
            k = mid + 1;
        else
            hi = mid;
    }
    for (size_t seen = 0; k < s->n_items && seen < ITEM_LOOKAHEAD; k++, seen++) {
        if (marker_follows(m, &s->items[k])) {
            *next = s->items[k];
            return next->pos;
        }
    }
    return NONE;
}

/* Emits the pending sentence up to cut (trimmed) and starts the next at
 * next. */
static void split_at(scan *s, size_t cut, size_t next)
{
    size_t a = s->start, b = cut;
    while (a < b && is_space((unsigned char)s->t[a]))
        a++;
    while (b > a && is_space((unsigned char)s->t[b - 1]))
        b--;
    if (b > a) s->emit(s->ctx, a, b);
    s->start = s->bare_to = next;
}

/* Nonzero when the pending sentence holds a letter or a digit before `to`
 * (asked at increasing offsets); what was found bare is not searched
 * again. */
static int pending_content(scan *s, size_t to)
{
    if (s->bare_to == NONE) return 1;
    if (to <= s->bare_to) return 0;
    if (has_content(s->t, s->bare_to, to)) {
        s->bare_to = NONE;
        return 1;
    }
    s->bare_to = to;
    return 0;
}

/* Nonzero when the pending sentence up to `to` is only a list marker or a
 * lone number or letter ("1.", "(a)", "iv."), which a period never ends. */
static int only_marker(const scan *s, size_t to)
{
    const char *t = s->t;
    size_t a = s->start, len;
    for (;;) {
        a = skip_spaces(t, a, to);
        if (a < to && mark_at(t, a, s->end, &len) == M_BULLET)
            a += len;
        else if (a < to && (t[a] == '(' || t[a] == '-' || t[a] == '*'))
            a++;
        else
            break;
    }
    size_t b = to - a > 1 && t[to - 1] == ')' ? to - 1 : to, n = b - a;
    if (n == 0) return 1;
    if (n > 6) return 0;
    int digits = 1, letters = 1;
    for (size_t k = a; k < b; k++) {
        unsigned char c = (unsigned char)t[k];
        if (!is_digit(c)) digits = 0;
        if (!is_alpha(c)) letters = 0;
    }
    return (digits && n <= 3) || (letters && n == 1) ||
           (letters && roman_value(t + a, n) && n <= 4);
}

/* Nonzero when the pending sentence before `to` is a short phrase opened
 * by a preposition ("At 5 a.m."), which cannot stand as a sentence. */
static int short_phrase(const scan *s, size_t to)
{
    const char *t = s->t;
    size_t a = skip_spaces(t, s->start, to), b = a;
    while (b < to && is_alpha((unsigned char)t[b]))
        b++;
    if (!(segment_word_roles(t + a, b - a) & W_PREP)) return 0;
    int words = 1;
    for (size_t k = b; k < to; k++)
        if (is_space((unsigned char)t[k]) && !is_space((unsigned char)t[k + 1])) words++;
    return words <= 4;
}

/* Nonzero when the pending sentence before `to` is one token ("P.S."). */
static int single_token(const scan *s, size_t to)
{
    for (size_t k = skip_spaces(s->t, s->start, to); k < to; k++)
        if (is_space((unsigned char)s->t[k])) return 0;
    return 1;
}

/* ----------------------------------------------------- punctuation runs */

enum run_kind { RUN_PERIOD, RUN_DOTS, RUN_ELLIPSIS, RUN_SPACED3, RUN_BANG, RUN_QUESTION, RUN_FULL };

typedef struct run {
    enum run_kind kind;
    size_t pos, end; /* the punctuation */
    size_t close;    /* end of the closing marks after it */
    int closed;      /* a closing quote or bracket follows the punctuation */
} run;

/* A spaced ellipsis ". . ." starting at t[i]; returns its dot count. */
static int spaced_dots(const char *t, size_t i, size_t end, size_t *after)
{
    int dots = 1;
    size_t j = i;
    while (j + 2 < end && t[j + 1] == ' ' && t[j + 2] == '.') {
        j += 2;
        dots++;
    }
    *after = j + 1;
    return dots;
}

/* Reads the terminal punctuation at t[i] into r. */
static void read_run(const scan *s, size_t i, run *r)
{
    const char *t = s->t;
    size_t j = i, len;
    int dots = 0, bang = 0, question = 0, ellipsis = 0, full = 0;
    r->pos = i;
    if (t[i] == '.' && i > 0 && t[i - 1] == ' ' && i + 2 < s->end && t[i + 1] == ' ' &&
        t[i + 2] == '.') {
        dots = spaced_dots(t, i, s->end, &j);
        r->kind = dots == 3 ? RUN_SPACED3 : RUN_ELLIPSIS;
        r->end = j;
        return;
    }
    for (;;) {
        if (j < s->end && t[j] == '.') {
            dots++;
            j++;
        } else if (j < s->end && (t[j] == '!' || t[j] == '?')) {
            bang |= t[j] == '!';
            question |= t[j] == '?';
            j++;
        } else if (j < s->end && (t[j] & 0x80)) {
            mark m = mark_at(t, j, s->end, &len);
            if (m == M_ELLIPSIS)
                ellipsis = 1;
            else if (m == M_FULLSTOP)
                full = 1;
            else
                break;
            j += len;
        } else {
            break;
        }
    }
    r->end = j;
    if (full)
        r->kind = RUN_FULL;
    else if (question)
        r->kind = RUN_QUESTION;
    else if (bang)
        r->kind = RUN_BANG;
    else if (ellipsis || dots >= 3)
        r->kind = RUN_ELLIPSIS;
    else
        r->kind = dots == 2 ? RUN_DOTS : RUN_PERIOD;
}

/* Length of a citation mark "[12]", "[2-11]", "[a]" or an omission mark
 * "[...]" at t[i], or 0. */
static size_t citation_len(const char *t, size_t i, size_t end)
{
    if (i >= end || t[i] != '[') return 0;
    if (end - i >= 5 && !memcmp(t + i, "[...]", 5)) return 5;
    if (end - i >= 5 && !memcmp(t + i, "[\xE2\x80\xA6]", 5)) return 5;
    size_t j = i + 1;
    while (j < end && j - i <= 12 && t[j] != ']') {
        unsigned char c = (unsigned char)t[j];
        if (!is_digit(c) && c != ',' && c != '-' && c != ' ' && c != 0xE2 && c != 0x80 &&
            c != 0x93 && !(is_lower(c) && j == i + 1))
            return 0;
        j++;
    }
    return j < end && t[j] == ']' && j > i + 1 ? j + 1 - i : 0;
}

/* Skips the closing marks after the punctuation of r: quotation marks,
 * brackets, citation marks (also after one space). Sets r->close. */
static void read_closers(const scan *s, run *r)
{
    const char *t = s->t;
    size_t j = r->end, len, k;
    for (;;) {
        if (j >= s->end) break;
        unsigned char c = (unsigned char)t[j];
        mark m = mark_at(t, j, s->end, &len);
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') {
            j++;
        } else if (m == M_CLOSE_Q || m == M_CLOSE_SQ) {
            j += len;
        } else if ((k = citation_len(t, j, s->end)) != 0) {
            j += k;
            continue;
        } else {
            break;
        }
        r->closed = 1;
    }
    while (j + 1 < s->end && t[j] == ' ' && (k = citation_len(t, j + 1, s->end)) != 0 &&
           (is_digit((unsigned char)t[j + 2]) || k == 5))
        j += 1 + k;
    r->close = j;
}

/* ---------------------------------------------------------- next token */

enum next_class { NT_END, NT_UPPER, NT_LOWER, NT_DIGIT, NT_OTHER, NT_BULLET, NT_LIST };

typedef struct next_tok {
    enum next_class cls;
    size_t pos;            /* where the next sentence would start */
    size_t word, word_len; /* its first word (ASCII letters) */
    int dashed, ellipsis;  /* a dash or an ellipsis came first */
    marker item;           /* for NT_LIST: the first item */
} next_tok;

static size_t skip_openers(const char *t, size_t k, size_t end)
{
    size_t len;
    for (;;) {
        if (k >= end) return k;
        unsigned char c = (unsigned char)t[k];
        mark m = mark_at(t, k, end, &len);
        if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '_' || c == '*' ||
            c == '`')
            k++;
        else if (m == M_OPEN_Q || m == M_OPEN_SQ)
            k += len;
        else if (c == 0xC2 && k + 1 < end &&
                 ((unsigned char)t[k + 1] == 0xBF || (unsigned char)t[k + 1] == 0xA1))
            k += 2; /* inverted ? and ! */
        else
            return k;
    }
}

/* Skips a dash token ("-", "--", en and em dashes) followed by a space. */
static size_t skip_dash(const char *t, size_t k, size_t end, int *dashed)
{
    size_t j = k, len;
    while (j < end && t[j] == '-')
        j++;
    while (j < end && mark_at(t, j, end, &len) == M_DASH)
        j += len;
    if (j > k && j < end && is_space((unsigned char)t[j])) {
        *dashed = 1;
        return skip_spaces(t, j, end);
    }
    return k;
}

/* Skips a leading ellipsis ("...", ". . .", U+2026). */
static size_t skip_ellipsis(const char *t, size_t k, size_t end, int *ellipsis)
{
    size_t j = k, len;
    if (j + 2 < end && t[j] == '.' && t[j + 1] == ' ' && t[j + 2] == '.')
        spaced_dots(t, j, end, &j);
    else if (j + 1 < end && t[j] == '.' && t[j + 1] == '.')
        while (j < end && t[j] == '.')
            j++;
    else if (mark_at(t, j, end, &len) == M_ELLIPSIS)
        j += len;
    if (j == k) return k;
    *ellipsis = 1;
    return skip_spaces(t, j, end);
}

static size_t word_at(const char *t, size_t k, size_t end, size_t *len)
{
    size_t j = k;
    while (j < end && j - k < 16 && is_alpha((unsigned char)t[j]))
        j++;
    *len = j - k;
    return k;
}

static unsigned next_roles(const scan *s, const next_tok *nt)
{
    return segment_word_roles(s->t + nt->word, nt->word_len);
}

/* Classifies the token at t[j] (after the spaces that follow a candidate
 * end). */
/* The class of a sentence's first character at t[k] (after openers). */
static enum next_class first_char_class(const char *t, size_t k, size_t end)
{
    unsigned char c = (unsigned char)t[k];
    int lc = letter_case(t, k, end);
    if (lc) return lc == 'U' ? NT_UPPER : NT_LOWER;
    /* digits and currency signs ($, the pound and euro signs) */
    if (is_digit(c) || c == '$' || (c == 0xC2 && k + 1 < end && (unsigned char)t[k + 1] == 0xA3) ||
        (c == 0xE2 && k + 2 < end && (unsigned char)t[k + 2] == 0xAC))
        return NT_DIGIT;
    return NT_OTHER;
}

/* Nonzero when the token at t[j] starts a list whose next item follows. */
static int starts_list(scan *s, size_t j, marker *item)
{
    marker second;
    return parse_marker(s->t, j, s->end, item) &&
           find_next_item(s, item->end, item, &second) != NONE;
}

static void read_next(scan *s, size_t j, next_tok *nt)
{
    const char *t = s->t;
    size_t len, k;
    memset(nt, 0, sizeof *nt);
    nt->pos = j;
    if (j >= s->end) {
        nt->cls = NT_END;
        return;
    }
    if (mark_at(t, j, s->end, &len) == M_BULLET) {
        nt->cls = NT_BULLET;
        return;
    }
    if (starts_list(s, j, &nt->item)) {
        nt->cls = NT_LIST;
        return;
    }
    k = skip_dash(t, j, s->end, &nt->dashed);
    k = skip_ellipsis(t, k, s->end, &nt->ellipsis);
    size_t opened = k;
    k = skip_openers(t, k, s->end);
    if (k >= s->end) {
        nt->cls = nt->ellipsis ? NT_END : NT_OTHER;
        return;
    }
    nt->cls = first_char_class(t, k, s->end);
    nt->word = word_at(t, k, s->end, &nt->word_len);
    /* "(Which was true.)" comments on the sentence before it */
    if (opened < s->end && t[opened] == '(' && (next_roles(s, nt) & W_RELATIVE)) nt->cls = NT_LOWER;
}

/* ----------------------------------------------------- word before a period */

enum prev_class {
    PW_NORMAL,   /* a word, a URL: the next token decides */
    PW_NUMBER,   /* digits with separators */
    PW_SMALL,    /* a bare number of one or two digits ("item 2.") */
    PW_TITLE,    /* Mr., e.g.: never ends a sentence */
    PW_INITIAL,  /* a single letter */
    PW_ABBREV,   /* Inc., U.S.: ends one before an opener only */
    PW_TIME,     /* a.m., p.m. */
    PW_NUMBERED, /* No., Art.: an abbreviation before a number */
};

typedef struct prev_word {
    enum prev_class cls;
    int capitalized; /* its first letter is a capital */
    int after_lower; /* the word before it starts lower-case (set for a single letter) */
} prev_word;

static int is_opening_byte(unsigned char c)
{
    return c == '(' || c == '[' || c == '"' || c == '\'' || c == '`' || c == '_' || c == '*';
}

/* The first letter's case of the word that ends before t[w] (skipping
 * spaces), or 0 when there is none in the sentence. */
static int case_of_word_before(const scan *s, size_t w)
{
    const char *t = s->t;
    size_t k = w;
    while (k > s->start && is_space((unsigned char)t[k - 1]))
        k--;
    if (k == w || k <= s->start) return 0;
    while (k > s->start && !is_space((unsigned char)t[k - 1]))
        k--;
    while (k < w && is_opening_byte((unsigned char)t[k]))
        k++;
    return k < w ? letter_case(t, k, s->end) : 0;
}

/* Classifies a dotted word ("U.S", "a.m", "Ph.D"): every part one or two
 * letters. */
static int dotted_class(const char *w, size_t n, enum prev_class *cls)
{
    char key[8];
    size_t k = 0, part = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.') {
            if (part == 0) return 0;
            part = 0;
            continue;
        }
        if (!is_alpha((unsigned char)w[i]) || ++part > 2 || k + 1 >= sizeof key) return 0;
        key[k++] = (char)(w[i] | 0x20);
    }
    if (part == 0) return 0;
    key[k] = 0;
    if (!strcmp(key, "am") || !strcmp(key, "pm"))
        *cls = PW_TIME;
    else if (!strcmp(key, "eg") || !strcmp(key, "ie"))
        *cls = PW_TITLE;
    else
        *cls = PW_ABBREV;
    return 1;
}

/* Nonzero for a word without vowels that is not an interjection with a
 * doubled letter ("Mm", "Shh"): an abbreviation (Pkwy, tsp). */
static int vowelless(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("aeiouyAEIOUY", w[i])) return 0;
        if (i > 0 && (w[i] | 0x20) == (w[i - 1] | 0x20)) return 0;
    }
    return 1;
}

/* Classifies a word of letters only by the word tables. */
static enum prev_class letters_class(const scan *s, size_t a, size_t n)
{
    const char *w = s->t + a;
    unsigned roles = segment_word_roles(w, n);
    int cap = is_upper((unsigned char)w[0]);
    if (roles & W_TITLE) {
        /* "Main St." is a street, which may end a sentence */
        if (n == 2 && (w[0] | 0x20) == 's' && cap && case_of_word_before(s, a) == 'U')
            return PW_ABBREV;
        return PW_TITLE;
    }
    if ((roles & W_ABBREV) || ((roles & W_ABBREV_CAP) && cap)) return PW_ABBREV;
    if (roles & W_ABBREV_CAP) return PW_NUMBERED; /* "aug. 1" in lower-cased text */
    if (roles & W_NUMBERED) return PW_NUMBERED;
    int all_caps = 1;
    for (size_t i = 0; i < n; i++)
        if (!is_upper((unsigned char)w[i])) all_caps = 0;
    if (n >= 2 && n <= 5 && !all_caps && vowelless(w, n)) return PW_ABBREV;
    return PW_NORMAL;
}

/* The start of the word that ends at t[dot], after its opening marks;
 * NONE when the word is longer than WORD_REACH (a URL, say). */
static size_t word_start(const scan *s, size_t dot)
{
    const char *t = s->t;
    size_t a = dot, len;
    while (a > s->start && !is_space((unsigned char)t[a - 1]) && dot - a < WORD_REACH)
        a--;
    if (dot - a >= WORD_REACH) return NONE;
    for (;;) {
        if (a < dot && is_opening_byte((unsigned char)t[a]))
            a++;
        else if (a < dot &&
                 (mark_at(t, a, dot, &len) == M_OPEN_Q || mark_at(t, a, dot, &len) == M_OPEN_SQ))
            a += len;
        else
            return a;
    }
}

/* Counts of the kinds of bytes of a word. */
typedef struct shape {
    int digits, letters, dots, other; /* other: URL, bracket, quote and non-ASCII bytes */
} shape;

static shape word_shape(const char *w, size_t n)
{
    shape sh = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (is_digit(c))
            sh.digits++;
        else if (is_alpha(c))
            sh.letters++;
        else if (c == '.')
            sh.dots++;
        else if (c == '@' || c == '/' || c == ':' || c == ')' || c == ']' || c == '"' ||
                 c == '\'' || c >= 0x80)
            sh.other++;
    }
    return sh;
}

static void classify_prev(const scan *s, size_t dot, prev_word *pw)
{
    memset(pw, 0, sizeof *pw);
    pw->cls = PW_NORMAL;
    size_t a = word_start(s, dot);
    if (a == NONE || a == dot) return;
    const char *w = s->t + a;
    size_t n = dot - a;
    pw->capitalized = letter_case(s->t, a, s->end) == 'U';
    if (n == 3 && (w[0] | 0x20) == 'n' && (unsigned char)w[1] == 0xC2 &&
        ((unsigned char)w[2] == 0xB0 || (unsigned char)w[2] == 0xBA)) {
        pw->cls = PW_NUMBERED; /* N° */
        return;
    }
    shape sh = word_shape(w, n);
    if (sh.other || (sh.digits && sh.letters)) return;
    if (sh.digits)
        pw->cls = sh.digits <= 2 && n == (size_t)sh.digits ? PW_SMALL : PW_NUMBER;
    else if (n == 1 && sh.letters == 1) { /* "I" after a lower-case word is the pronoun */
        int before = case_of_word_before(s, a);
        pw->after_lower = before == 'L'; /* read for initials only */
        pw->cls = w[0] == 'I' && (pw->after_lower || !before) ? PW_NORMAL : PW_INITIAL;
    } else if (sh.dots)
        dotted_class(w, n, &pw->cls);
    else if (sh.letters == (int)n && n < 16)
        pw->cls = letters_class(s, a, n);
}

/* ------------------------------------------------------------ decisions */

/* Whether a period after the word classified as pw ends the sentence
 * before the next token nt. */
static int period_ends(const scan *s, const run *r, const prev_word *pw, const next_tok *nt)
{
    if (nt->cls == NT_BULLET || nt->cls == NT_LIST) return 1;
    if (nt->cls == NT_END || nt->cls == NT_OTHER) return 0;
    switch (pw->cls) {
    case PW_TITLE:
        return 0;
    case PW_INITIAL:
        return pw->after_lower && nt->cls == NT_UPPER && (next_roles(s, nt) & W_OPENER);
    case PW_ABBREV:
    case PW_TIME:
        if (nt->cls != NT_UPPER || short_phrase(s, r->pos) || single_token(s, r->pos)) return 0;
        unsigned roles = next_roles(s, nt);
        if (pw->cls == PW_TIME) {
            const char *w = s->t + nt->word;
            int caps = nt->word_len >= 2 && nt->word_len <= 4;
            for (size_t i = 0; i < nt->word_len; i++)
                if (!is_upper((unsigned char)w[i])) caps = 0;
            return !(roles & W_TIME) && !caps;
        }
        return (roles & W_OPENER) != 0;
    case PW_NUMBERED:
        if (nt->cls == NT_DIGIT) return 0;
        break;
    case PW_SMALL:
        if (nt->cls == NT_LOWER) return 0;
        break;
    default:
        break;
    }
    if (nt->cls == NT_LOWER) return !r->closed && !nt->dashed && !nt->ellipsis;
    return 1;
}

/* A pronoun and a verb of speech: "he yelled". */
static int attribution(const scan *s, const next_tok *nt)
{
    if (!(segment_word_roles(s->t + nt->word, nt->word_len) & W_PRONOUN)) return 0;
    size_t len, k = skip_spaces(s->t, nt->word + nt->word_len, s->end);
    size_t second = word_at(s->t, k, s->end, &len); /* the word after it */
    return (segment_word_roles(s->t + second, len) & W_SPEECH) != 0;
}

static int ends_sentence(const scan *s, const run *r, const next_tok *nt)
{
    if (nt->cls == NT_END) return 0;
    if (r->kind == RUN_FULL || nt->cls == NT_BULLET || nt->cls == NT_LIST) return 1;
    if (r->kind == RUN_PERIOD) {
        prev_word pw;
        classify_prev(s, r->pos, &pw);
        return period_ends(s, r, &pw, nt);
    }
    if (r->kind == RUN_SPACED3) return 0;
    if (r->kind == RUN_ELLIPSIS || r->kind == RUN_DOTS)
        return nt->cls == NT_UPPER &&
               !(r->pos > 0 && (s->t[r->pos - 1] == '[' || s->t[r->pos - 1] == '('));
    /* '!' and '?' */
    if (nt->cls == NT_UPPER || nt->cls == NT_DIGIT) return 1;
    if (nt->cls != NT_LOWER || r->closed || nt->dashed || nt->ellipsis) return 0;
    if (attribution(s, nt)) return 0;
    if (r->kind == RUN_BANG) {
        prev_word pw;
        classify_prev(s, r->pos, &pw);
        return !pw.capitalized;
    }
    return 1;
}

/* ------------------------------------------------------- scanner steps */

/* "world.Today": a period between a lower-case word and a capitalized
 * one, outside URLs and e-mail addresses. */
static int glued_end(const scan *s, size_t dot)
{
    const char *t = s->t;
    size_t after = dot + 1;
    if (dot == 0 || after + 1 >= s->end) return 0;
    unsigned char before = (unsigned char)t[dot - 1];
    if (!(is_lower(before) || is_digit(before)) || !is_upper((unsigned char)t[after]) ||
        !is_lower((unsigned char)t[after + 1]))
        return 0;
    size_t a = dot;
    while (a > s->start && !is_space((unsigned char)t[a - 1]))
        a--;
    if (dot - a < 2 || (dot - a >= 3 && !memcmp(t + a, "www", 3))) return 0;
    size_t b = after;
    while (b < s->end && is_alpha((unsigned char)t[b]))
        b++;
    if (b + 1 < s->end && t[b] == '.' && is_alpha((unsigned char)t[b + 1])) return 0;
    static const char *const domains[] = {"com", "net", "org", "edu", "gov", "info", NULL};
    for (const char *const *d = domains; *d; d++)
        if (b - after == strlen(*d) && !strncasecmp(t + after, *d, b - after)) return 0;
    while (b < s->end && !is_space((unsigned char)t[b]))
        b++;
    for (size_t k = a; k < b; k++)
        if (t[k] == '@' || t[k] == '/' || t[k] == ':') return 0;
    return 1;
}

/* Footnote numbers glued to a period: "consultation.11 12 Take". Returns
 * the end of the numbers when a capitalized word follows, else 0. */
static size_t footnote_end(const scan *s, size_t dot)
{
    const char *t = s->t;
    if (dot == 0 || !(is_alpha((unsigned char)t[dot - 1]) || t[dot - 1] == ')')) return 0;
    size_t j = dot + 1, last = 0;
    for (;;) {
        size_t d = j;
        while (j < s->end && j - d < 4 && is_digit((unsigned char)t[j]))
            j++;
        if (j == d || j - d > 3) break;
        last = j;
        if (j + 1 >= s->end || t[j] != ' ' || !is_digit((unsigned char)t[j + 1])) break;
        j++;
    }
    if (!last || last >= s->end || !is_space((unsigned char)t[last])) return 0;
    size_t k = skip_spaces(t, last, s->end);
    return k < s->end && is_upper((unsigned char)t[k]) ? last : 0;
}

/* A footnote number after a period and a space, before a capital:
 * "rights. 4 Even though". Returns its end, or 0. */
static size_t spaced_footnote_end(const scan *s, const run *r)
{
    const char *t = s->t;
    size_t j = r->close;
    if (r->kind != RUN_PERIOD || r->pos == 0 ||
        !(is_lower((unsigned char)t[r->pos - 1]) || t[r->pos - 1] == ')'))
        return 0;
    if (j + 2 >= s->end || t[j] != ' ' || !is_digit((unsigned char)t[j + 1])) return 0;
    size_t d = j + 1;
    while (d < s->end && is_digit((unsigned char)t[d]))
        d++;
    if (d - j > 3 || d + 2 >= s->end || t[d] != ' ' || !is_upper((unsigned char)t[d + 1]) ||
        !is_lower((unsigned char)t[d + 2]))
        return 0;
    return d;
}

/* Handles the terminal punctuation at t[i]; returns where to go on. */
static size_t at_terminal(scan *s, size_t i)
{
    const char *t = s->t;
    run r = {0};
    read_run(s, i, &r);
    read_closers(s, &r);
    if (r.close < s->end && !is_space((unsigned char)t[r.close])) {
        size_t cut = 0;
        if (r.kind == RUN_FULL)
            cut = r.close;
        else if (r.kind == RUN_PERIOD && r.close == r.end && glued_end(s, i))
            cut = r.end;
        else if (r.kind == RUN_PERIOD && r.close == r.end)
            cut = footnote_end(s, i);
        if (!cut || r.close < s->quote_end || !pending_content(s, i))
            return r.end > i ? r.end : i + 1;
        split_at(s, cut, skip_spaces(t, cut, s->end));
        return s->start;
    }
    size_t foot = spaced_footnote_end(s, &r);
    if (foot) r.close = foot;
    size_t next = skip_spaces(t, r.close, s->end);
    if (next >= s->end || r.close < s->quote_end) return next;
    if (r.kind != RUN_PERIOD && i > 0 && t[i - 1] == ':') return next; /* "Dial:?" */
    if (!pending_content(s, i) || (r.kind == RUN_PERIOD && only_marker(s, i))) return next;
    next_tok nt;
    read_next(s, next, &nt);
    if (!ends_sentence(s, &r, &nt)) return next;
    split_at(s, r.close, next);
    if (nt.cls == NT_LIST) {
        s->list_at = nt.item.pos;
        s->list = nt.item;
    }
    return next;
}

/* Nonzero when t[k] is a closing mark of the given kind. */
static int closer_at(const scan *s, size_t k, enum closer kind)
{
    const char *t = s->t;
    unsigned char d = (unsigned char)t[k];
    size_t l;
    switch (kind) {
    case CL_DOUBLE:
        return d == '"';
    case CL_BACKTICK:
        return d == '\'' && k + 1 < s->end && t[k + 1] == '\'';
    case CL_PAREN:
        return d == ')';
    case CL_BRACKET:
        return d == ']';
    case CL_SINGLE:
        /* not an apostrophe inside a word ("they'll") */
        return d == '\'' && k > 0 && !is_space((unsigned char)t[k - 1]) &&
               (k + 1 >= s->end || !is_alnum((unsigned char)t[k + 1]));
    default:
        break;
    }
    if (d < 0x80) return 0;
    mark m = mark_at(t, k, s->end, &l);
    if (kind == CL_CURLY) return m == M_CLOSE_Q && d == 0xE2;
    if (kind == CL_GUILLEMET) return m == M_CLOSE_Q && d == 0xC2;
    return m == M_CLOSE_SQ && (k + l >= s->end || !is_alnum((unsigned char)t[k + l]));
}

/* The next closing mark of a kind at or after `from` on the line, or NONE.
 * Answers are remembered, so the marks of a line are searched once. */
static size_t next_closer(scan *s, size_t from, enum closer kind)
{
    if (s->close_from[kind] != NONE && s->close_from[kind] <= from &&
        (s->close_at[kind] == NONE || s->close_at[kind] >= from))
        return s->close_at[kind];
    /* clang-format off */
    static const char lead[CL_KINDS] = {
        [CL_DOUBLE] = '"',          [CL_SINGLE] = '\'',      [CL_CURLY] = '\xE2',
        [CL_CURLY_SINGLE] = '\xE2', [CL_GUILLEMET] = '\xC2', [CL_BACKTICK] = '\'',
        [CL_PAREN] = ')',           [CL_BRACKET] = ']'};
    /* clang-format on */
    size_t k = from;
    for (;;) {
        const char *p = k < s->end ? memchr(s->t + k, lead[kind], s->end - k) : NULL;
        if (!p) {
            k = s->end;
            break;
        }
        k = (size_t)(p - s->t);
        if (closer_at(s, k, kind)) break;
        k++;
    }
    s->close_from[kind] = from;
    s->close_at[kind] = k < s->end ? k : NONE;
    return s->close_at[kind];
}

/* Finds the closing mark of a quotation opened at t[i] (length len, kind
 * m, first byte c); returns its offset or 0. */
static size_t quote_close(scan *s, size_t i, size_t len, mark m, unsigned char c)
{
    enum closer kind = c == '"'         ? CL_DOUBLE
                       : c == '`'       ? CL_BACKTICK
                       : c == '\''      ? CL_SINGLE
                       : m == M_OPEN_SQ ? CL_CURLY_SINGLE
                       : c == 0xC2      ? CL_GUILLEMET
                                        : CL_CURLY;
    size_t k = next_closer(s, i + len, kind);
    if (k == NONE) return 0;
    /* the next straight double quote must look like a closing one */
    if (kind == CL_DOUBLE && is_space((unsigned char)s->t[k - 1])) return 0;
    return k;
}

/* A quotation mark at t[i]: opens a quotation when it starts a token and
 * is closed later on the line. Returns where to go on. */
static size_t at_quote(scan *s, size_t i, size_t len, mark m)
{
    const char *t = s->t;
    unsigned char c = (unsigned char)t[i];
    int starts = i == 0 || is_space((unsigned char)t[i - 1]) || t[i - 1] == '(' || t[i - 1] == '[';
    int opening =
        m == M_OPEN_Q || m == M_OPEN_SQ || (c == '`' && i + 1 < s->end && t[i + 1] == '`');
    if (c == '"' || c == '\'')
        opening = starts && i + 1 < s->end && !is_space((unsigned char)t[i + 1]) &&
                  (c == '"' || is_alpha((unsigned char)t[i + 1]));
    if (opening && i >= s->quote_end) {
        size_t close = quote_close(s, i, c == '`' ? 2 : len, m, c == '`' ? '`' : c);
        if (close) s->quote_end = close;
    }
    return i + (len ? len : 1);
}

/* An opening bracket at t[i]: what it encloses, up to the first closing
 * bracket later on the line, is read like a quotation ("[16: firma? 13:28]"). */
static size_t at_bracket(scan *s, size_t i)
{
    const char *t = s->t;
    char open = t[i];
    if (i < s->quote_end || (i > 0 && !is_space((unsigned char)t[i - 1]) && t[i - 1] != '"'))
        return i + 1;
    size_t k = next_closer(s, i + 1, open == '(' ? CL_PAREN : CL_BRACKET);
    if (k != NONE) s->quote_end = k;
    return i + 1;
}

/* A closing quotation mark right after a dash ends an interrupted
 * sentence when a capital follows: 'to--" At this moment'. */
static size_t at_closing_after_dash(scan *s, size_t i, size_t len)
{
    const char *t = s->t;
    size_t l;
    int dash = (i >= 2 && t[i - 1] == '-' && t[i - 2] == '-') ||
               (i >= 3 && mark_at(t, i - 3, s->end, &l) == M_DASH);
    size_t after = i + len, next = skip_spaces(t, after, s->end);
    if (dash && next > after && next < s->end && is_upper((unsigned char)t[next]) &&
        after >= s->quote_end && pending_content(s, i))
        split_at(s, after, next);
    return after;
}

/* A multi-byte mark at t[i]. */
static size_t at_mark(scan *s, size_t i)
{
    size_t len;
    mark m = mark_at(s->t, i, s->end, &len);
    switch (m) {
    case M_ELLIPSIS:
    case M_FULLSTOP:
        return at_terminal(s, i);
    case M_OPEN_Q:
    case M_OPEN_SQ:
        return at_quote(s, i, len, m);
    case M_CLOSE_Q:
    case M_CLOSE_SQ:
        return at_closing_after_dash(s, i, len);
    case M_BULLET:
        if (i > s->start && is_space((unsigned char)s->t[i - 1]) && i >= s->quote_end &&
            pending_content(s, i))
            split_at(s, i, i);
        return i + len;
    default:
        return i + 1;
    }
}

/* The next item of the open list starts at s->list_at. */
static size_t at_list_item(scan *s)
{
    size_t at = s->list_at;
    if (pending_content(s, at)) split_at(s, at, at);
    marker next;
    s->list_at = find_next_item(s, s->list.end, &s->list, &next);
    size_t resume = s->list.end;
    s->list = next;
    return resume;
}

/* Opens a list when the line starts with a marker whose next item follows. */
static void list_at_line_start(scan *s)
{
    const char *t = s->t;
    size_t p = s->start, len;
    while (p < s->end && mark_at(t, p, s->end, &len) == M_BULLET)
        p = skip_spaces(t, p + len, s->end);
    marker m, next;
    if (p < s->end && parse_marker(t, p, s->end, &m) &&
        find_next_item(s, m.end, &m, &next) != NONE) {
        s->list_at = p;
        s->list = m;
    }
}

static void scan_line(scan *s, size_t a, size_t b)
{
    const char *t = s->t;
    s->line = a;
    s->start = s->bare_to = skip_spaces(t, a, b);
    s->end = b;
    s->quote_end = 0;
    s->list_at = NONE;
    s->items_read = 0;
    for (int k = 0; k < CL_KINDS; k++)
        s->close_from[k] = NONE;
    list_at_line_start(s);
    size_t i = s->start;
    while (i < b) {
        if (i >= s->list_at) {
            i = at_list_item(s);
            continue;
        }
        size_t stop = s->list_at < b ? s->list_at : b;
        i = next_stop(t, i, stop);
        if (i >= stop) continue;
        unsigned char c = (unsigned char)t[i];
        if (c == '\'' && i > s->line && is_alnum((unsigned char)t[i - 1])) {
            i++; /* an apostrophe inside a word */
            continue;
        }
        if (c == '.' || c == '!' || c == '?')
            i = at_terminal(s, i);
        else if (c == '(' || c == '[')
            i = at_bracket(s, i);
        else if (c == '"' || c == '\'' || c == '`')
            i = c == '"' && i > 0 && !is_space((unsigned char)t[i - 1])
                    ? at_closing_after_dash(s, i, 1)
                    : at_quote(s, i, 1, M_NONE);
        else
            i = at_mark(s, i);
    }
    split_at(s, b, b);
}

/* Scans the lines of text[a, b), one paragraph. */
static void segment_range(const char *text, size_t a, size_t b, sentence_fn emit, void *ctx)
{
    scan s; /* not zeroed as a whole: scan_line sets what it reads */
    s.t = text;
    s.emit = emit;
    s.ctx = ctx;
    while (a < b) {
        size_t e = line_end(text, a, b); /* a lone CR breaks a line too */
        scan_line(&s, a, e);
        a = e + 1;
    }
}

void segment_paragraph(const char *text, size_t n, sentence_fn emit, void *ctx)
{
    segment_range(text, 0, n, emit, ctx);
}

void segment_text(const char *text, size_t n, sentence_fn emit, void *ctx)
{
    size_t para = 0, a = 0;
    while (a < n) {
        const char *nl = memchr(text + a, '\n', n - a);
        size_t b = nl ? (size_t)(nl - text) : n;
        int blank = 1;
        for (size_t k = a; k < b && blank; k++)
            if (!is_space((unsigned char)text[k])) blank = 0;
        if (blank) {
            if (a > para) segment_range(text, para, a, emit, ctx);
            para = b + 1;
        }
        a = b + 1;
    }
    if (n > para) segment_range(text, para, n, emit, ctx);
}

int segment_ends_sentence(const char *text, size_t n)
{
    size_t len;
    for (;;) {
        if (n >= 1 && (text[n - 1] == '"' || text[n - 1] == '\'' || text[n - 1] == ')' ||
                       text[n - 1] == ']')) {
            n--;
        } else if (n >= 3 && (mark_at(text, n - 3, n, &len) == M_CLOSE_Q ||
                              mark_at(text, n - 3, n, &len) == M_CLOSE_SQ)) {
            n -= 3;
        } else if (n >= 2 && mark_at(text, n - 2, n, &len) == M_CLOSE_Q) {
            n -= 2;
        } else {
            break;
        }
    }
    if (!n) return 0;
    char c = text[n - 1];
    if (c == '.' || c == '!' || c == '?') return 1;
    mark m = n >= 3 ? mark_at(text, n - 3, n, &len) : M_NONE;
    return m == M_ELLIPSIS || m == M_FULLSTOP;
}

/* ----------------------------------------------------------- the stage */

typedef struct segment_ctx {
    chorus_story *st;
    article *art;
    uint32_t article_index, paragraph, base;
    buf *sentences, *tokens;
    chorus_lexicon *lx;
    int failed;
} segment_ctx;

static int opens_with_quote(const char *t, size_t n)
{
    size_t len;
    if (n && (t[0] == '"' || t[0] == '\'' || t[0] == '`')) return 1;
    mark m = mark_at(t, 0, n, &len);
    return m == M_OPEN_Q || m == M_OPEN_SQ;
}

static void add_sentence(void *vctx, size_t start, size_t end)
{
    segment_ctx *c = vctx;
    if (c->failed) return;
    sentence *s = vec_push(c->sentences, sizeof *s);
    if (!s) {
        c->failed = 1;
        return;
    }
    const char *text = c->art->text;
    size_t a = c->base + start, b = c->base + end;
    s->article = c->article_index;
    s->paragraph = c->paragraph;
    s->span = (span){(uint32_t)a, (uint32_t)b};
    s->position = (uint32_t)c->art->n_sentences++;
    s->first_token = (uint32_t)VEC_COUNT(c->tokens, token);
    size_t words = 0;
    long got = token_scan(c->lx, text, c->art->text_len, a, b, c->tokens, &words);
    if (got < 0) {
        c->failed = 1;
        return;
    }
    s->words = (uint32_t)words;
    s->n_tokens = (uint32_t)got;
    if (token_pending(c->lx) >= RESOLVE_BATCH && !token_resolve(c->lx, c->tokens)) {
        c->failed = 1;
        return;
    }
    if (!segment_ends_sentence(text + a, b - a)) s->flags |= SENT_FRAGMENT;
    if (opens_with_quote(text + a, b - a)) s->flags |= SENT_QUOTE;
}

chorus_status segment_story(chorus_story *st, chorus_error *err)
{
    buf *sentences = &st->sentence_store, *tokens = &st->token_store;
    if (st->lexicon) lexicon_lend(st->lexicon, st); /* a finished story's memory */
    buf_reset(sentences);
    buf_reset(tokens);
    size_t bytes = 0;
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++)
        bytes += STORY_ARTICLE(st, a)->text_len;
    /* room for a typical text (a token per 5 bytes, a sentence per 80), so
     * that the vectors rarely move */
    buf_reserve(tokens, bytes / 5 * sizeof(token));
    buf_reserve(sentences, bytes / 80 * sizeof(sentence));
    buf_prefer_huge_pages(tokens);
    buf_prefer_huge_pages(sentences);
    if (!st->lexicon) {
        st->lexicon = lexicon_new(CHORUS_LEXICON_MAX_WORDS, bytes);
        if (!st->lexicon)
            return story_error(err, CHORUS_E_NOMEM, "segment", -1, "no English stemmer");
        st->own_lexicon = 1;
    }
    lexicon_begin(st->lexicon, st);
    segment_ctx c = {.st = st, .sentences = sentences, .tokens = tokens, .lx = st->lexicon};
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st) && !c.failed; a++) {
        article *art = STORY_ARTICLE(st, a);
        c.art = art;
        c.article_index = (uint32_t)a;
        art->first_sentence = VEC_COUNT(sentences, sentence);
        for (size_t p = 0; p < art->n_paragraphs && !c.failed; p++) {
            span sp = art->paragraphs[p];
            c.paragraph = (uint32_t)p;
            c.base = sp.start;
            segment_paragraph(art->text + sp.start, sp.end - sp.start, add_sentence, &c);
        }
    }
    if (!c.failed && !token_resolve(st->lexicon, tokens)) c.failed = 1;
    if (c.failed || sentences->failed || tokens->failed)
        return story_error(err, CHORUS_E_LIMIT, st->id ? st->id : "story", -1,
                           "too many sentences or tokens");
    st->n_sentences = VEC_COUNT(sentences, sentence);
    st->n_tokens = VEC_COUNT(tokens, token);
    st->sentences = (sentence *)(void *)sentences->data;
    st->tokens = (token *)(void *)tokens->data;
    return CHORUS_OK;
}
