/*
 * token.c — tokens and terms.
 *
 * A token is a run of letters and digits, with inner apostrophes, hyphens
 * and ampersands ("don't", "al-Amin", "AT&T") and the separators of
 * numbers ("1,200", "3.5") kept inside it; a trailing possessive "'s" is
 * split off. A URL (http://, https://, www.) or an e-mail address is one
 * token, up to the next space, without trailing punctuation. Everything
 * else (punctuation, quotes, dashes, currency signs) separates tokens and
 * is not kept. Each distinct lower-cased form is a term of the story, with
 * its Snowball English stem, numbered from zero by the lexicon
 * (lexicon.c), so later stages compare integers.
 *
 * Speed: with SSE2, one pass classifies a sentence's bytes sixteen at a
 * time into bit arrays (ASCII letters and digits, bytes from 0x80 up) and
 * counts its words; the runs of letters and digits are then read off 64
 * bytes at a time, and each run of up to 16 bytes that ends the token is
 * one lower-cased key built in a vector register, as is a token of such
 * runs joined by single ASCII joiners ("long-term", "1,200"). Everything
 * else (non-ASCII words, long tokens, and every token of a sentence that
 * may hold an address) takes the byte-wise reader, which reads plain ASCII
 * tokens eight bytes at a time (SWAR) where it can; token_readers_agree()
 * holds the fast reader to it. Tokens are read first (their
 * slots in the lexicon's index prefetched) and looked up later, in batches
 * of sentences (token_resolve), so the memory latency of the lookups
 * overlaps and the lookup loop stays small.
 * Limits: lower-casing beyond ASCII uses utf8proc's simple case mapping;
 * a term keeps at most 128 bytes of its token.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cpu.h"
#include "lexicon.h"
#include "segment.h"
#include "swar.h"
#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define TERM_MAX_BYTES LEX_TERM_MAX_BYTES
#define KEY_BYTES LEX_KEY_BYTES

/* The high bit of every ASCII letter or digit of x (all below 0x80). */
static uint64_t word_bytes(uint64_t x)
{
    return swar_bytes_in(x | SWAR_ONES * 0x20, 'a', 'z') | swar_bytes_in(x, '0', '9');
}

/* x with its ASCII capitals lower-cased (all bytes below 0x80). */
static uint64_t lower8(uint64_t x)
{
    return x | (swar_bytes_in(x, 'A', 'Z') >> 2);
}

/* The first n bytes of x (n < 8), the rest zero. */
static uint64_t first_bytes(uint64_t x, size_t n)
{
    return x & ((1ULL << (8 * n)) - 1);
}

static int ascii_word(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static int ascii_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10;
}

/* Length of a non-ASCII letter, digit or mark at s (n bytes left), or 0
 * (punctuation in U+2000..U+206F and other symbols are not word bytes). */
static size_t wide_word_len(const char *s, size_t n)
{
    uint32_t cp;
    size_t len = utf8_decode((const unsigned char *)s, n, &cp);
    if (!len) return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO ? len : 0;
}

/* Length of the word character at text[i], or 0. */
static size_t word_len_at(const char *text, size_t i, size_t end)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) return ascii_word(c);
    return wide_word_len(text + i, end - i);
}

/* Length of an apostrophe (' or U+2019) at text[i], or 0. */
static size_t apostrophe_len(const char *text, size_t i, size_t end)
{
    if (text[i] == '\'') return 1;
    if (end - i >= 3 && memcmp(text + i, "\xE2\x80\x99", 3) == 0) return 3;
    return 0;
}

/* The token being read: its lower-cased form and where its apostrophes are. */
typedef struct token_buf {
    char lower[TERM_MAX_BYTES + KEY_BYTES];
    size_t n;         /* bytes in lower */
    size_t last_apos; /* offset in the text of the last apostrophe, or 0 */
} token_buf;

static void put_lower(token_buf *b, const char *s, size_t len)
{
    if (len == 1) {
        unsigned char c = (unsigned char)s[0];
        if (b->n < TERM_MAX_BYTES) b->lower[b->n++] = (char)((unsigned)(c - 'A') < 26 ? c + 32 : c);
        return;
    }
    uint32_t cp;
    if (b->n + 4 > TERM_MAX_BYTES || !utf8_decode((const unsigned char *)s, len, &cp)) return;
    cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
    b->n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)b->lower + b->n);
}

/* Reads the token starting at text[i] (a word character) into b; returns
 * its end. */
static size_t read_token(const char *text, size_t i, size_t end, token_buf *b)
{
    memset(b->lower, 0, KEY_BYTES);
    b->n = 0;
    b->last_apos = 0;
    for (;;) {
        while (i < end && ascii_word((unsigned char)text[i])) {
            unsigned char c = (unsigned char)text[i++];
            if (b->n < TERM_MAX_BYTES)
                b->lower[b->n++] = (char)((unsigned)(c - 'A') < 26 ? c + 32 : c);
        }
        if (i >= end) return i;
        unsigned char c = (unsigned char)text[i];
        size_t k;
        if (c >= 0x80 && (k = wide_word_len(text + i, end - i)) != 0) {
            put_lower(b, text + i, k);
            i += k;
            continue;
        }
        /* joiners: kept only when a word character follows */
        size_t j = (c == '-' || c == '&')   ? 1
                   : (c == '.' || c == ',') ? 1
                                            : apostrophe_len(text, i, end);
        if (!j || i + j >= end || !word_len_at(text, i + j, end)) return i;
        if ((c == '.' || c == ',') &&
            !(ascii_digit((unsigned char)text[i - 1]) && ascii_digit((unsigned char)text[i + 1])))
            return i;
        if (j == 3 || c == '\'') {
            b->last_apos = i;
            if (b->n < TERM_MAX_BYTES) b->lower[b->n++] = '\'';
        } else if (b->n < TERM_MAX_BYTES) {
            b->lower[b->n++] = (char)c;
        }
        i += j;
    }
}

/* Records the token in b for the lookups (prefetching the slot of a
 * short one). Returns 0 when out of memory. */
static int take_token(chorus_lexicon *lx, const token_buf *b, lex_key *p)
{
    if (b->n > KEY_BYTES) {
        buf *bytes = &lx->pending.long_bytes;
        *p = (lex_key){bytes->len, b->n, 0, LEX_LONG};
        buf_put(bytes, b->lower, b->n);
        return !bytes->failed;
    }
    memcpy(&p->a, b->lower, 8);
    memcpy(&p->b, b->lower + 8, 8);
    p->len = (uint32_t)b->n;
    p->hash = lex_hash(p->a, p->b, b->n);
    __builtin_prefetch(lexicon_home(lx, p->hash));
    return 1;
}

/* Splits a possessive "'s" off the token [i, stop): returns the end of its
 * body and shortens b. */
static size_t strip_possessive(const char *text, size_t i, size_t stop, token_buf *b)
{
    if (b->n <= 2 || !b->last_apos || b->lower[b->n - 1] != 's' || b->lower[b->n - 2] != '\'')
        return stop;
    size_t apos = b->last_apos, len = apostrophe_len(text, apos, stop);
    if (apos + len + 1 != stop) return stop;
    b->n -= 2;
    b->lower[b->n] = b->lower[b->n + 1] = 0;
    return apos > i ? apos : stop;
}

/* What a byte after a token's letters says of it (join_as[c]) and what
 * the byte after that gives (join_by[d]): the token goes on when the two
 * share a bit (a period or comma before a digit; an apostrophe, hyphen or
 * ampersand before a word character or a byte from 0x80 up), or when c is
 * a byte from 0x80 up. */
enum { JOIN_DIGIT = 1, JOIN_WORD = 2 };
/* clang-format off */
static const unsigned char join_as[256] = {
    ['.'] = JOIN_DIGIT, [','] = JOIN_DIGIT, ['\''] = JOIN_WORD, ['-'] = JOIN_WORD, ['&'] = JOIN_WORD};
static const unsigned char join_by[256] = {
    ['0' ... '9'] = JOIN_DIGIT | JOIN_WORD, ['a' ... 'z'] = JOIN_WORD, ['A' ... 'Z'] = JOIN_WORD,
    [0x80 ... 0xFF] = JOIN_WORD};
/* clang-format on */

/* Whether the token ending at text[stop] goes on (an apostrophe, hyphen
 * or ampersand before a word character, a number separator between
 * digits, or a non-ASCII byte), so that the byte-wise reader must take
 * it: two table lookups and no branch on the bytes, as a token is followed
 * by a space, a comma or a period about as often as not. */
static inline int token_goes_on(const char *text, size_t stop, size_t end)
{
    unsigned char c = stop < end ? (unsigned char)text[stop] : ' ';
    unsigned char d = stop + 1 < end ? (unsigned char)text[stop + 1] : 0;
    return ((join_as[c] & join_by[d]) | (c >> 7)) != 0;
}

/* The end of the ASCII token at text[i] read eight bytes at a time, with
 * its lower-cased key in *a, *b; 0 when the token needs the byte-wise
 * reader (non-ASCII, longer than 16 bytes, joined by an apostrophe, hyphen,
 * ampersand or number separator, or too near the end of the text). */
static size_t fast_token(const char *text, size_t i, size_t end, uint64_t *a, uint64_t *b)
{
    if (!SWAR || end - i < 17) return 0;
    uint64_t x = swar_load8(text + i), y, gaps;
    if (x & SWAR_HIGHS) return 0;
    size_t len;
    if ((gaps = ~word_bytes(x) & SWAR_HIGHS) != 0) {
        len = (size_t)__builtin_ctzll(gaps) / 8;
        *a = first_bytes(lower8(x), len);
        *b = 0;
    } else {
        y = swar_load8(text + i + 8);
        if ((y & SWAR_HIGHS) || (gaps = ~word_bytes(y) & SWAR_HIGHS) == 0) return 0;
        len = 8 + (size_t)__builtin_ctzll(gaps) / 8;
        *a = lower8(x);
        *b = len > 8 ? first_bytes(lower8(y), len - 8) : 0;
    }
    size_t stop = i + len;
    return token_goes_on(text, stop, end) ? 0 : stop;
}

/* skip_gap() eight bytes at a time where the text allows. */
static size_t skip_gap_fast(const char *text, size_t i, size_t end)
{
    while (SWAR && end - i >= 8) {
        uint64_t x = swar_load8(text + i);
        uint64_t stop = (x & SWAR_HIGHS) | word_bytes(x & ~SWAR_HIGHS);
        if (stop) return i + (size_t)__builtin_ctzll(stop) / 8;
        i += 8;
    }
    return i;
}

/* Skips the bytes from text[i] that belong to no token. */
static size_t skip_gap(const char *text, size_t i, size_t end)
{
    if (i + 1 < end && text[i] == ' ' && ascii_word((unsigned char)text[i + 1]))
        return i + 1; /* the common case: one space */
    while (i < end) {
        i = skip_gap_fast(text, i, end);
        if (i >= end) break;
        unsigned char c = (unsigned char)text[i];
        if (ascii_word(c)) break;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (wide_word_len(text + i, end - i)) break;
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)text + i, end - i, &cp);
        i += len ? len : 1;
    }
    return i;
}

/* Nonzero when text[start, end) may hold a URL or an e-mail address: an
 * '@', a "://" or a "www.". */
static int has_address(const char *text, size_t start, size_t end)
{
    if (memchr(text + start, '@', end - start)) return 1;
    for (const char *p = text + start; (p = memchr(p, ':', (size_t)(text + end - p))) != NULL; p++)
        if (text + end - p >= 3 && p[1] == '/' && p[2] == '/') return 1;
    for (const char *p = text + start; (p = memchr(p, '.', (size_t)(text + end - p))) != NULL; p++)
        if (p - text >= (ptrdiff_t)start + 3 && (p[-1] | 0x20) == 'w' && (p[-2] | 0x20) == 'w' &&
            (p[-3] | 0x20) == 'w')
            return 1;
    return 0;
}

static int starts_with_nocase(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if ((s[i] | 0x20) != prefix[i]) return 0;
    return 1;
}

/* The end of the URL or e-mail address starting at text[i], or 0: the run
 * of non-space bytes, without its trailing punctuation. */
static size_t address_end(const char *text, size_t i, size_t end)
{
    size_t e = i;
    while (e < end && !(text[e] == ' ' || (unsigned)(text[e] - '\t') <= '\r' - '\t'))
        e++;
    for (;;) {
        if (e > i && strchr(".,;:!?)]}>\"'", text[e - 1]))
            e--;
        else if (e >= i + 3 && (unsigned char)text[e - 3] == 0xE2 &&
                 (unsigned char)text[e - 2] == 0x80 &&
                 ((unsigned char)text[e - 1] == 0x99 || (unsigned char)text[e - 1] == 0x9D))
            e -= 3;
        else
            break;
    }
    const char *w = text + i;
    size_t n = e - i;
    if (starts_with_nocase(w, n, "http://") || starts_with_nocase(w, n, "https://") ||
        starts_with_nocase(w, n, "www."))
        return n > 4 ? e : 0;
    const char *at = memchr(w, '@', n);
    if (!at || at == w || at == w + n - 1 || memchr(at + 1, '@', (size_t)(w + n - at - 1)) ||
        !memchr(at + 1, '.', (size_t)(w + n - at - 1)))
        return 0;
    return ascii_word((unsigned char)at[-1]) && ascii_word((unsigned char)at[1]) ? e : 0;
}

#ifndef __SSE2__
/* The high bit of every space byte (' ', '\t'..'\r') of x. */
static uint64_t space_bytes(uint64_t x)
{
    uint64_t low = x & ~SWAR_HIGHS; /* bytes from 0x80 up are never spaces */
    uint64_t blank = swar_bytes_in(low, ' ', ' ');
    uint64_t ctrl = swar_bytes_in(low, '\t', '\r');
    return (blank | ctrl) & ~x & SWAR_HIGHS;
}

/* The whitespace-separated words of text[0..n) (as text_count_words
 * counts them), in the same pass telling whether the text holds an '@', a
 * ':' or a "ww" (any case): only then may it hold an address. */
static size_t count_words(const char *s, size_t n, int *maybe_address)
{
    size_t words = 0, i = 0;
    uint64_t prev = SWAR_HIGHS, prev_w = 0, marks = 0;
    for (; SWAR && i + 8 <= n; i += 8) {
        uint64_t x = swar_load8(s + i), space = space_bytes(x);
        uint64_t before = (space << 8) | (prev >> 56); /* is the byte before each a space */
        /* the count of high bits, by one multiplication */
        words += (size_t)((((~space & before & SWAR_HIGHS) >> 7) * SWAR_ONES) >> 56);
        prev = space;
        uint64_t w = swar_bytes_equal(x | SWAR_ONES * 0x20, 'w');
        marks |=
            swar_bytes_equal(x, '@') | swar_bytes_equal(x, ':') | (w & ((w << 8) | (prev_w >> 56)));
        prev_w = w;
    }
    unsigned prev_space = (unsigned)(prev >> 63), prev_is_w = (unsigned)(prev_w >> 63);
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned space = c == ' ' || (unsigned)(c - '\t') <= '\r' - '\t';
        words += prev_space & !space;
        prev_space = space;
        unsigned is_w = (c | 0x20) == 'w';
        marks |= c == '@' || c == ':' || (is_w && prev_is_w);
        prev_is_w = is_w;
    }
    *maybe_address = marks != 0;
    return words;
}

#endif

/* Reads the address text[i, stop) into b, lower-cased (ASCII). */
static void read_address(const char *text, size_t i, size_t stop, token_buf *b)
{
    memset(b->lower, 0, KEY_BYTES);
    b->n = 0;
    b->last_apos = 0;
    for (; i < stop && b->n < TERM_MAX_BYTES; i++) {
        unsigned char c = (unsigned char)text[i];
        b->lower[b->n++] = (char)((unsigned)(c - 'A') < 26 ? c + 32 : c);
    }
}

/* Where the tokens of a sentence go while it is scanned. */
typedef struct scan_out {
    chorus_lexicon *lx;
    token *out;
    lex_key *keys; /* one per token, for the lookups of the second pass */
    size_t count;
    int failed;
} scan_out;

static void add_read_token(scan_out *o, const token_buf *b, size_t i, size_t body)
{
    if (!take_token(o->lx, b, &o->keys[o->count])) {
        o->failed = 1;
        return;
    }
    o->out[o->count++] = (token){{(uint32_t)i, (uint32_t)body}, 0};
}

static inline void add_short_token(scan_out *o, uint64_t a, uint64_t b, size_t i, size_t stop)
{
    lex_key *p = &o->keys[o->count];
    *p = (lex_key){a, b, lex_hash(a, b, stop - i), (uint32_t)(stop - i)};
    __builtin_prefetch(lexicon_home(o->lx, p->hash));
    o->out[o->count++].span = (span){(uint32_t)i, (uint32_t)stop};
}

/* The byte-wise reader's token at text[i] (a word character); returns
 * where to go on. */
static size_t slow_token(scan_out *o, const char *text, size_t i, size_t end)
{
    token_buf b;
    size_t stop = read_token(text, i, end, &b);
    size_t body = strip_possessive(text, i, stop, &b);
    if (b.n) add_read_token(o, &b, i, body);
    return stop > i ? stop : i + 1;
}

/* The tokens of text[start, end) found byte by byte (eight at a time where
 * fast_token allows), addresses included. */
static void scan_bytes(scan_out *o, const char *text, size_t start, size_t end, int addresses)
{
    size_t i = start;
    while (!o->failed) {
        i = skip_gap(text, i, end);
        if (i >= end) break;
        uint64_t ka, kb;
        size_t stop = addresses ? address_end(text, i, end) : 0;
        if (stop) {
            token_buf b;
            read_address(text, i, stop, &b);
            add_read_token(o, &b, i, stop);
            i = stop;
            continue;
        }
        stop = fast_token(text, i, end, &ka, &kb);
        if (stop) {
            add_short_token(o, ka, kb, i, stop);
            i = stop;
            continue;
        }
        i = slow_token(o, text, i, end);
    }
}

#ifdef __SSE2__
/* Byte classes of a sentence, one bit per byte, 64 to a word; bits past its
 * end are 0. */
typedef struct classes {
    const uint64_t *word; /* ASCII letters and digits */
    const uint64_t *high; /* bytes from 0x80 up */
    size_t n;             /* bytes */
} classes;

/* The high bit of each byte of x in lo..hi (ASCII), by one signed compare. */
static __m128i bytes_in16(__m128i x, char lo, int count)
{
    __m128i shifted = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(-128 + count)));
}

/* The sixteen bytes at t, of which room are readable (the rest read as 0). */
static __m128i load16(const char *t, size_t room)
{
    if (room >= 16) return _mm_loadu_si128((const __m128i *)(const void *)t);
    char tmp[16] = {0};
    memcpy(tmp, t, room);
    return _mm_loadu_si128((const __m128i *)(const void *)tmp);
}

/* Software popcount (the baseline x86-64 has no instruction for it). */
static size_t bit_count(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (size_t)((x * SWAR_ONES) >> 56);
}

/* The words of a sentence as text_count_words counts them, and whether it
 * may hold an address: an '@', a ':' or a "ww" (any case). */
typedef struct word_count {
    size_t words;
    int maybe_address;
} word_count;

/* Fills the classes of t[0, n) and counts its words, in one pass (room
 * bytes of t are readable, room >= n). */
static word_count classify(const char *t, size_t n, size_t room, uint64_t *word, uint64_t *high)
{
    word_count wc = {0, 0};
    uint64_t prev_space = 1, prev_w = 0, marks = 0;
    for (size_t w = 0; w < (n + 63) / 64; w++) {
        uint64_t wm = 0, hm = 0, sm = 0, ww = 0, mk = 0;
        for (size_t q = 0, o = w * 64; q < 4 && o < n; q++, o += 16) {
            __m128i v = load16(t + o, room - o);
            __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
            __m128i alnum = _mm_or_si128(bytes_in16(folded, 'a', 26), bytes_in16(v, '0', 10));
            __m128i space = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                         bytes_in16(v, '\t', '\r' - '\t' + 1));
            __m128i mark = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('@')),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
            unsigned shift = (unsigned)q * 16;
            wm |= (uint64_t)(unsigned)_mm_movemask_epi8(alnum) << shift;
            hm |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << shift;
            sm |= (uint64_t)(unsigned)_mm_movemask_epi8(space) << shift;
            mk |= (uint64_t)(unsigned)_mm_movemask_epi8(mark) << shift;
            ww |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, _mm_set1_epi8('w')))
                  << shift;
        }
        uint64_t inside = n - w * 64 >= 64 ? ~0ULL : (1ULL << (n - w * 64)) - 1;
        sm &= inside;
        ww &= inside;
        wc.words += bit_count(~sm & ((sm << 1) | prev_space) & inside);
        marks |= (mk | (ww & ((ww << 1) | prev_w))) & inside;
        prev_space = sm >> 63;
        prev_w = ww >> 63;
        word[w] = wm & inside;
        high[w] = hm & inside;
    }
    wc.maybe_address = marks != 0;
    return wc;
}

#ifdef CPU_WIDE_SCANS
/* classify() 32 bytes at a time, for processors with AVX2 (the results are
 * the same bits). */
__attribute__((target("avx2,popcnt"))) static word_count
classify_avx2(const char *t, size_t n, size_t room, uint64_t *word, uint64_t *high)
{
    word_count wc = {0, 0};
    uint64_t prev_space = 1, prev_w = 0, marks = 0;
    const __m256i case_bit = _mm256_set1_epi8(0x20);
    for (size_t w = 0; w < (n + 63) / 64; w++) {
        /* clang-format off */
        uint64_t m[5] = {0, 0, 0, 0, 0}; /* alnum, high, space, '@' or ':', 'w' */
        for (size_t q = 0, o = w * 64; q < 2 && o < n; q++, o += 32) {
            __m256i v;
            if (room - o >= 32) {
                v = _mm256_loadu_si256((const __m256i *)(const void *)(t + o));
            } else {
                char tmp[32] = {0};
                /* clang-format on */
                memcpy(tmp, t + o, room - o < 32 ? room - o : 32);
                v = _mm256_loadu_si256((const __m256i *)(const void *)tmp);
            }
            __m256i folded = _mm256_or_si256(v, case_bit);
            __m256i alpha =
                _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26),
                                  _mm256_add_epi8(folded, _mm256_set1_epi8((char)(0x80 - 'a'))));
            __m256i digit =
                _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 10),
                                  _mm256_add_epi8(v, _mm256_set1_epi8((char)(0x80 - '0'))));
            __m256i ctrl =
                _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 5),
                                  _mm256_add_epi8(v, _mm256_set1_epi8((char)(0x80 - '\t'))));
            __m256i space = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')), ctrl);
            __m256i mark = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('@')),
                                           _mm256_cmpeq_epi8(v, _mm256_set1_epi8(':')));
            __m256i ww = _mm256_cmpeq_epi8(folded, _mm256_set1_epi8('w'));
            unsigned shift = (unsigned)q * 32;
            m[0] |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_or_si256(alpha, digit))
                    << shift;
            m[1] |= (uint64_t)(uint32_t)_mm256_movemask_epi8(v) << shift;
            m[2] |= (uint64_t)(uint32_t)_mm256_movemask_epi8(space) << shift;
            m[3] |= (uint64_t)(uint32_t)_mm256_movemask_epi8(mark) << shift;
            m[4] |= (uint64_t)(uint32_t)_mm256_movemask_epi8(ww) << shift;
        }
        uint64_t inside = n - w * 64 >= 64 ? ~0ULL : (1ULL << (n - w * 64)) - 1;
        uint64_t sm = m[2] & inside, wm = m[4] & inside;
        wc.words += (size_t)__builtin_popcountll(~sm & ((sm << 1) | prev_space) & inside);
        marks |= (m[3] | (wm & ((wm << 1) | prev_w))) & inside;
        prev_space = sm >> 63;
        prev_w = wm >> 63;
        word[w] = m[0] & inside;
        high[w] = m[1] & inside;
    }
    wc.maybe_address = marks != 0;
    return wc;
}

/* The classes of the ASCII bytes for classify_avx512: 1 a letter or digit,
 * 2 a space, 4 '@' or ':', 8 'w' (any case). */
/* clang-format off */
static const unsigned char ascii_classes[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 0, 0, 0, 0, 0,
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 0, 0, 0, 0, 0,
};
/* clang-format on */

/* classify() 64 bytes at a time, for processors with AVX-512 VBMI: one
 * table lookup gives every class of 64 bytes (the results are the same
 * bits). */
__attribute__((target("avx512f,avx512bw,avx512vbmi,popcnt"))) static word_count
classify_avx512(const char *t, size_t n, size_t room, uint64_t *word, uint64_t *high)
{
    word_count wc = {0, 0};
    uint64_t prev_space = 1, prev_w = 0, marks = 0;
    const __m512i low = _mm512_loadu_si512(ascii_classes);
    const __m512i upper = _mm512_loadu_si512(ascii_classes + 64);
    for (size_t w = 0; w < (n + 63) / 64; w++) {
        size_t o = w * 64;
        __mmask64 readable = room - o >= 64 ? ~0ULL : (1ULL << (room - o)) - 1;
        __m512i v = _mm512_maskz_loadu_epi8(readable, t + o);
        __m512i c = _mm512_permutex2var_epi8(low, v, upper); /* by the low 7 bits */
        uint64_t inside = n - o >= 64 ? ~0ULL : (1ULL << (n - o)) - 1;
        uint64_t hm = _mm512_movepi8_mask(v) & inside, ascii = ~hm & inside;
        uint64_t sm = _mm512_test_epi8_mask(c, _mm512_set1_epi8(2)) & ascii;
        uint64_t wm = _mm512_test_epi8_mask(c, _mm512_set1_epi8(8)) & ascii;
        uint64_t mk = _mm512_test_epi8_mask(c, _mm512_set1_epi8(4)) & ascii;
        wc.words += (size_t)__builtin_popcountll(~sm & ((sm << 1) | prev_space) & inside);
        marks |= mk | (wm & ((wm << 1) | prev_w));
        prev_space = sm >> 63;
        prev_w = wm >> 63;
        word[w] = _mm512_test_epi8_mask(c, _mm512_set1_epi8(1)) & ascii;
        high[w] = hm;
    }
    wc.maybe_address = marks != 0;
    return wc;
}
#endif

/* The classes and word count of t[0, n) by the fastest classify() the
 * processor runs. */
static word_count classify_best(const char *t, size_t n, size_t room, uint64_t *word,
                                uint64_t *high)
{
#ifdef CPU_WIDE_SCANS
    if (cpu_avx512_vbmi()) return classify_avx512(t, n, room, word, high);
    if (cpu_avx2()) return classify_avx2(t, n, room, word, high);
#endif
    return classify(t, n, room, word, high);
}

/* The first byte from 0x80 up at or after i, or n. */
static size_t next_high(const classes *c, size_t i)
{
    size_t w = i >> 6, words = (c->n + 63) >> 6;
    if (w >= words) return c->n;
    uint64_t x = c->high[w] & (~0ULL << (i & 63));
    while (!x) {
        if (++w >= words) return c->n;
        x = c->high[w];
    }
    size_t at = (w << 6) + (size_t)__builtin_ctzll(x);
    return at < c->n ? at : c->n;
}

/* The key of the ASCII word t[0, len) (len <= 16, room bytes readable). */
static void short_key(const char *t, size_t len, size_t room, uint64_t *a, uint64_t *b)
{
    /* 16 - len bytes into this, sixteen bytes keep the first len */
    /* clang-format off */
    static const unsigned char keep_first[32] = {
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    /* clang-format on */
    __m128i v = load16(t, room);
    __m128i upper = bytes_in16(v, 'A', 26);
    v = _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    __m128i keep = _mm_loadu_si128((const __m128i *)(const void *)(keep_first + 16 - len));
    uint64_t k[2];
    _mm_storeu_si128((__m128i *)(void *)k, _mm_and_si128(v, keep));
    *a = k[0];
    *b = k[1];
}

/* The bytes from 0x80 up before offset stop, from *pos on: a word
 * character starts a token (read byte-wise), the others are skipped.
 * *high is the next such byte at or after *pos. */
static void scan_high(scan_out *o, const char *text, size_t start, size_t end, const classes *c,
                      size_t stop, size_t *pos, size_t *high)
{
    const char *t = text + start;
    size_t n = end - start;
    while (*high < stop && !o->failed) {
        size_t h = *high;
        if (wide_word_len(t + h, n - h)) {
            *pos = slow_token(o, text, start + h, end) - start;
        } else {
            uint32_t cp;
            size_t len = utf8_decode((const unsigned char *)t + h, n - h, &cp);
            *pos = h + (len ? len : 1);
        }
        *high = next_high(c, *pos);
    }
}

/* A sentence being scanned by runs of ASCII letters and digits. */
typedef struct run_scan {
    scan_out *o;
    const char *text, *t; /* t: the sentence */
    size_t room, start, end, n;
    const classes *c;
    size_t pos;  /* offset in the sentence up to which bytes are read */
    size_t high; /* the next byte from 0x80 up at or after pos */
} run_scan;

/* Whether the short run t[s, e) is followed by a possessive "'s" that ends
 * the token (of n bytes). */
static int possessive(const char *t, size_t s, size_t e, size_t n)
{
    return e - s <= KEY_BYTES && e + 2 <= n && t[e] == '\'' && (t[e + 1] | 0x20) == 's' &&
           (e + 2 == n || (!ascii_word((unsigned char)t[e + 2]) && !token_goes_on(t, e + 2, n)));
}

/* The first offset from i on whose byte is no ASCII letter or digit. */
static size_t run_end(const classes *c, size_t i)
{
    size_t w = i >> 6, words = (c->n + 63) >> 6;
    if (w >= words) return c->n;
    uint64_t x = ~c->word[w] & (~0ULL << (i & 63));
    while (!x) {
        if (++w >= words) return c->n;
        x = ~c->word[w];
    }
    size_t at = (w << 6) + (size_t)__builtin_ctzll(x);
    return at < c->n ? at : c->n;
}

/* A token of ASCII runs joined by single ASCII joiners ("long-term",
 * "1,200.50", "don't", "AT&T"), the run t[s, e) its first, read by the
 * byte-wise reader's rules: its end (0 when it is longer than a key or
 * meets a byte from 0x80 up: the byte-wise reader takes it), and in *body
 * its end without a possessive "'s". */
static size_t compound_end(const run_scan *r, size_t s, size_t e, size_t *body)
{
    const char *t = r->t;
    while (token_goes_on(t, e, r->n)) {
        unsigned char c = (unsigned char)t[e];
        if (c >= 0x80 || (unsigned char)t[e + 1] >= 0x80) return 0; /* ASCII c: t[e + 1] is read */
        if ((c == '.' || c == ',') && !ascii_digit((unsigned char)t[e - 1])) break;
        e = run_end(r->c, e + 1);
        if (e - s > KEY_BYTES) return 0;
    }
    *body = e;
    if (e - s > 2 && t[e - 2] == '\'' && (t[e - 1] | 0x20) == 's') *body = e - 2;
    return e;
}

/* The run [s, e) when the fast loop cannot key it at once (a joiner or a
 * possessive follows it, it is long, or bytes from 0x80 up come before
 * it): a token of joined ASCII runs is keyed from its runs, anything else
 * goes to the byte-wise reader; returns 0 when out of memory. */
__attribute__((noinline, cold)) static int slow_run(run_scan *r, size_t s, size_t e)
{
    scan_out *o = r->o;
    if (r->high < s) scan_high(o, r->text, r->start, r->end, r->c, s, &r->pos, &r->high);
    size_t stop = 0, body = e;
    if (s >= r->pos && possessive(r->t, s, e, r->n)) {
        /* the byte-wise reader would read "word's" and split the "'s" off */
        stop = e + 2;
    } else if (s >= r->pos && e - s <= KEY_BYTES && token_goes_on(r->t, e, r->n)) {
        stop = compound_end(r, s, e, &body);
    }
    if (stop) {
        uint64_t a, b;
        short_key(r->t + s, body - s, r->room - r->start - s, &a, &b);
        add_short_token(o, a, b, r->start + s, r->start + body);
        r->pos = stop;
    } else if (s >= r->pos && (e - s > KEY_BYTES || token_goes_on(r->t, e, r->n))) {
        r->pos = slow_token(o, r->text, r->start + s, r->end) - r->start;
    }
    if (r->high < r->pos) r->high = next_high(r->c, r->pos);
    return !o->failed;
}

/* The state of the fast loop, kept in registers (run_scan's copy is
 * brought up to date around the byte-wise readers). */
typedef struct run_out {
    const char *t;
    size_t n, start, room; /* room: readable bytes from t */
    size_t pos, high;
    token *out;
    lex_key *keys;
    size_t count;
    const lex_slot *slots;
    unsigned shift;
} run_out;

/* The run [s, e): a short ASCII word ending its token is keyed at once. */
__attribute__((always_inline)) static inline int take_run(run_scan *r, run_out *ro, size_t s,
                                                          size_t e)
{
    const char *t = ro->t;
    if (ro->high < s || e - s > KEY_BYTES || token_goes_on(t, e, ro->n)) {
        r->o->count = ro->count;
        r->pos = ro->pos;
        r->high = ro->high;
        int ok = slow_run(r, s, e);
        ro->count = r->o->count;
        ro->pos = r->pos;
        ro->high = r->high;
        if (!ok) return 0;
        if (s < ro->pos || ro->high < s) return 1; /* read byte-wise, or not yet */
    }
    if (s < ro->pos) return 1; /* inside a token read byte-wise */
    uint64_t a, b;
    short_key(t + s, e - s, ro->room - s, &a, &b);
    uint64_t h = lex_hash(a, b, e - s);
    __builtin_prefetch(&ro->slots[h >> ro->shift]);
    ro->keys[ro->count] = (lex_key){a, b, h, (uint32_t)(e - s)};
    /* the term is set when the keys are looked up (token_resolve) */
    ro->out[ro->count++].span = (span){(uint32_t)(ro->start + s), (uint32_t)(ro->start + e)};
    ro->pos = e;
    return 1;
}

/* scan_bytes() for a sentence without addresses, its bytes classified
 * first: the runs of ASCII letters and digits are read off 64 bytes at a
 * time (the starts and ends of runs are the edges of the letter-and-digit
 * bits), each short ASCII word costs a few bit operations, and only the
 * other tokens go to the byte-wise reader. */
static void scan_classified(scan_out *o, const char *text, size_t room, size_t start, size_t end,
                            const classes *c)
{
    run_scan r = {o, text, text + start, room, start, end, end - start, c, 0, next_high(c, 0)};
    run_out ro = {r.t,     r.n,      start,        room - start,    0, r.high, o->out,
                  o->keys, o->count, o->lx->slots, 64 - o->lx->bits};
    size_t open = SIZE_MAX; /* the start of a run going on into the next word */
    uint64_t carry = 0;
    for (size_t w = 0; w <= (r.n + 63) >> 6; w++) { /* the word past n ends the last run */
        uint64_t x = c->word[w], before = (x << 1) | carry;
        uint64_t first = x & ~before, after = ~x & before;
        size_t base = w << 6;
        carry = x >> 63;
        if (open != SIZE_MAX) {
            if (!after) continue;
            if (!take_run(&r, &ro, open, base + (size_t)__builtin_ctzll(after))) return;
            after &= after - 1;
            open = SIZE_MAX;
        }
        for (; first; first &= first - 1) {
            size_t s = base + (size_t)__builtin_ctzll(first);
            if (!after) {
                open = s;
                break;
            }
            if (!take_run(&r, &ro, s, base + (size_t)__builtin_ctzll(after))) return;
            after &= after - 1;
        }
    }
    o->count = ro.count;
    r.pos = ro.pos;
    r.high = ro.high;
    if (r.high < r.n) scan_high(o, text, start, end, c, r.n, &r.pos, &r.high);
}

/* The tokens and words of a sentence, with SSE2. */
static int scan_sse2(scan_out *o, const char *text, size_t room, size_t start, size_t end,
                     size_t *words)
{
    size_t n = end - start, count = (n + 63) / 64 + 1;
    uint64_t *bits = lexicon_bits(o->lx, 2 * count); /* two bit arrays */
    if (!bits) return 0;
    bits[count - 1] = bits[2 * count - 1] = 0;
    word_count wc = classify_best(text + start, n, room - start, bits, bits + count);
    *words = wc.words;
    classes c = {bits, bits + count, n};
    if (wc.maybe_address && has_address(text, start, end))
        scan_bytes(o, text, start, end, 1);
    else
        scan_classified(o, text, room, start, end, &c);
    return 1;
}
#endif

int token_classify_agrees(const char *t, size_t n)
{
#ifndef __SSE2__
    (void)t;
    return n <= 512;
#else
    enum { MAX = 512 };
    if (n > MAX) return 0;
    uint64_t bits[4][2][MAX / 64 + 1];
    word_count wc[4];
    int ways = 1;
    wc[0] = classify(t, n, n, bits[0][0], bits[0][1]);
#ifdef CPU_WIDE_SCANS
    if (cpu_avx2()) wc[ways] = classify_avx2(t, n, n, bits[ways][0], bits[ways][1]), ways++;
    if (cpu_avx512_vbmi())
        wc[ways] = classify_avx512(t, n, n, bits[ways][0], bits[ways][1]), ways++;
#endif
    size_t words = (n + 63) / 64;
    for (int k = 1; k < ways; k++) {
        if (wc[k].words != wc[0].words || wc[k].maybe_address != wc[0].maybe_address) return 0;
        for (size_t w = 0; w < words; w++)
            if (bits[k][0][w] != bits[0][0][w] || bits[k][1][w] != bits[0][1][w]) return 0;
    }
    return 1;
#endif
}

#ifdef __SSE2__
/* The tokens of text[0, n) and their keys by one reader (classified: the
 * runs of classified bytes; otherwise the byte-wise reader), in o (out and
 * keys of room for n / 2 + 1). */
static void read_both(scan_out *o, const char *t, size_t n, int classified)
{
    if (!classified) {
        scan_bytes(o, t, 0, n, 0);
        return;
    }
    size_t count = (n + 63) / 64 + 1;
    uint64_t *bits = lexicon_bits(o->lx, 2 * count);
    if (!bits) {
        o->failed = 1;
        return;
    }
    bits[count - 1] = bits[2 * count - 1] = 0;
    classify_best(t, n, n, bits, bits + count);
    classes c = {bits, bits + count, n};
    scan_classified(o, t, n, 0, n, &c);
}

/* Whether keys k1 and k2 name the same word (long ones by their bytes). */
static int same_key(const chorus_lexicon *lx, const lex_key *k1, const lex_key *k2)
{
    if (k1->len != k2->len) return 0;
    if (k1->len != LEX_LONG) return k1->a == k2->a && k1->b == k2->b;
    const char *bytes = lx->pending.long_bytes.data;
    return k1->b == k2->b && !memcmp(bytes + k1->a, bytes + k2->a, k1->b);
}
#endif

int token_readers_agree(const char *t, size_t n)
{
#ifndef __SSE2__
    (void)t;
    (void)n;
    return 1;
#else
    if (has_address(t, 0, n)) return 1; /* only the byte-wise reader takes addresses */
    chorus_lexicon *lx = lexicon_new(0, n);
    size_t most = n / 2 + 1;
    token *out = malloc(2 * most * sizeof *out);
    lex_key *keys = malloc(2 * most * sizeof *keys);
    int agree = 0;
    if (lx && out && keys) {
        scan_out o[2] = {{lx, out, keys, 0, 0}, {lx, out + most, keys + most, 0, 0}};
        read_both(&o[0], t, n, 0);
        read_both(&o[1], t, n, 1);
        agree = !o[0].failed && !o[1].failed && o[0].count == o[1].count;
        for (size_t i = 0; agree && i < o[0].count; i++)
            agree = out[i].span.start == out[most + i].span.start &&
                    out[i].span.end == out[most + i].span.end &&
                    same_key(lx, &keys[i], &keys[most + i]);
    }
    free(out);
    free(keys);
    chorus_lexicon_free(lx);
    return agree;
#endif
}

long token_scan(chorus_lexicon *lx, const char *text, size_t room, size_t start, size_t end,
                buf *tokens, size_t *words)
{
    /* a token takes at least one byte and one separator */
    size_t most = (end - start) / 2 + 1;
    lex_pending *p = &lx->pending;
    if (!buf_room(tokens, most * sizeof(token)) || !buf_room(&p->keys, most * sizeof(lex_key)))
        return -1;
    scan_out o = {lx, (token *)(void *)(tokens->data + tokens->len),
                  (lex_key *)(void *)(p->keys.data + p->keys.len), 0, 0};
#ifdef __SSE2__
    if (!scan_sse2(&o, text, room, start, end, words)) return -1;
#else
    int maybe_address;
    *words = count_words(text + start, end - start, &maybe_address);
    scan_bytes(&o, text, start, end, maybe_address && has_address(text, start, end));
#endif
    if (o.failed) return -1;
    tokens->len += o.count * sizeof(token);
    tokens->data[tokens->len] = '\0';
    p->keys.len += o.count * sizeof(lex_key);
    size_t keys = VEC_COUNT(&p->keys, lex_key);
    buf_put(&p->ends, &keys, sizeof keys);
    return p->ends.failed ? -1 : (long)o.count;
}

size_t token_pending(const chorus_lexicon *lx)
{
    return VEC_COUNT(&lx->pending.keys, lex_key);
}

/* The terms of the pending tokens of one sentence, keys[a, b): the long
 * words first, then the short ones, as the lookups always went. */
static int resolve_sentence(chorus_lexicon *lx, token *out, const lex_key *keys, size_t a, size_t b)
{
    const char *bytes = lx->pending.long_bytes.data;
    for (size_t k = a; k < b; k++) {
        if (keys[k].len != LEX_LONG) continue;
        long id = lexicon_term(lx, bytes + keys[k].a, keys[k].b);
        if (id < 0) return 0;
        out[k].term = (uint32_t)id;
    }
    return lexicon_resolve(lx, out, keys, a, b);
}

int token_resolve(chorus_lexicon *lx, buf *tokens)
{
    lex_pending *p = &lx->pending;
    size_t n = VEC_COUNT(&p->keys, lex_key), a = 0;
    const lex_key *keys = (const lex_key *)(const void *)p->keys.data;
    const size_t *ends = (const size_t *)(const void *)p->ends.data;
    if (n == 0) {
        /* nothing to look up (the tokens may not be allocated yet) */
    } else if (p->long_bytes.len == 0) { /* no long word: one loop for every sentence */
        if (!lexicon_resolve(lx, (token *)(void *)tokens->data + p->first_token, keys, 0, n))
            return 0;
    } else {
        token *out = (token *)(void *)tokens->data + p->first_token;
        for (size_t s = 0; s < VEC_COUNT(&p->ends, size_t); a = ends[s++])
            if (!resolve_sentence(lx, out, keys, a, ends[s])) return 0;
    }
    p->first_token += n;
    buf_reset(&p->keys);
    buf_reset(&p->long_bytes);
    buf_reset(&p->ends);
    return 1;
}
