/*
 * token.c — tokens and terms.
 *
 * A token is a run of letters and digits, with inner apostrophes, hyphens
 * and ampersands ("don't", "al-Amin", "AT&T") and the separators of
 * numbers ("1,200", "3.5") kept inside it; a trailing possessive "'s" is
 * split off. A URL (http://, https://, www.) or an e-mail address is one
 * token, up to the next space, without trailing punctuation. Everything else (punctuation, quotes,
 * dashes, currency signs) separates tokens and is not kept. Each distinct lower-cased form is
 * a term of the story, with its Snowball English stem, numbered from zero
 * by the lexicon (lexicon.c), so later stages compare integers.
 *
 * Speed: ASCII tokens are found and lower-cased eight bytes at a time
 * (SWAR: one 64-bit word tested per step, the token's end found by a count
 * of trailing zeros); the rest take a byte-wise reader. A sentence is
 * tokenized in two passes: the first reads its tokens and prefetches their
 * slots in the lexicon's index, the second resolves them, so the memory
 * latency of the lookups overlaps.
 * Limits: lower-casing beyond ASCII uses utf8proc's simple case mapping;
 * a term keeps at most 128 bytes of its token.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"
#include "segment.h"
#include "swar.h"
#include "utf8.h"

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

/* Records the token in b for the second pass (prefetching its slot), or
 * interns a long one at once. Returns its term id, 0 for now, or -1. */
static long take_token(chorus_lexicon *lx, const token_buf *b, lex_key *p)
{
    if (b->n > KEY_BYTES) {
        p->len = 0;
        return lexicon_term(lx, b->lower, b->n);
    }
    memcpy(&p->a, b->lower, 8);
    memcpy(&p->b, b->lower + 8, 8);
    p->len = (uint32_t)b->n;
    p->hash = lex_hash(p->a, p->b, b->n);
    __builtin_prefetch(lexicon_home(lx, p->hash));
    return 0;
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

/* Whether the token ending at text[stop] goes on (an apostrophe, hyphen
 * or ampersand before a word character, a number separator between
 * digits, or a non-ASCII byte), so that the byte-wise reader must take
 * it. */
static int token_goes_on(const char *text, size_t stop)
{
    unsigned char c = (unsigned char)text[stop];
    if (c == ' ') return 0; /* the common case */
    unsigned char d = (unsigned char)text[stop + 1];
    return c >= 0x80 || ((c == '-' || c == '&' || c == '\'') && (ascii_word(d) || d >= 0x80)) ||
           ((c == '.' || c == ',') && ascii_digit(d));
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
    return token_goes_on(text, stop) ? 0 : stop;
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

long token_scan(chorus_lexicon *lx, const char *text, size_t start, size_t end, buf *tokens,
                size_t *words)
{
    /* a token takes at least one byte and one separator */
    size_t most = (end - start) / 2 + 1;
    lex_key *keys = lexicon_keys(lx, most);
    if (!buf_reserve(tokens, most * sizeof(token)) || !keys) return -1;
    token *out = (token *)(void *)(tokens->data + tokens->len);
    size_t count = 0;
    size_t i = start;
    token_buf b;
    int addresses = has_address(text, start, end);
    *words = text_count_words(text + start, end - start);
    for (;;) {
        i = skip_gap(text, i, end);
        if (i >= end) break;
        uint64_t ka, kb;
        size_t stop = addresses ? address_end(text, i, end) : 0;
        if (stop) {
            read_address(text, i, stop, &b);
            long id = take_token(lx, &b, &keys[count]);
            if (id < 0) return -1;
            out[count++] = (token){{(uint32_t)i, (uint32_t)stop}, (uint32_t)id};
            i = stop;
            continue;
        }
        stop = fast_token(text, i, end, &ka, &kb);
        if (stop) {
            lex_key *p = &keys[count];
            *p = (lex_key){ka, kb, lex_hash(ka, kb, stop - i), (uint32_t)(stop - i)};
            __builtin_prefetch(lexicon_home(lx, p->hash));
            out[count++] = (token){{(uint32_t)i, (uint32_t)stop}, 0};
            i = stop;
            continue;
        }
        stop = read_token(text, i, end, &b);
        size_t body = strip_possessive(text, i, stop, &b);
        if (b.n) {
            long id = take_token(lx, &b, &keys[count]);
            if (id < 0) return -1;
            out[count++] = (token){{(uint32_t)i, (uint32_t)body}, (uint32_t)id};
        }
        i = stop > i ? stop : i + 1;
    }
    for (size_t k = 0; k < count; k++) {
        if (!keys[k].len) continue;
        long id = lexicon_short_term(lx, &keys[k]);
        if (id < 0) return -1;
        out[k].term = (uint32_t)id;
    }
    tokens->len += count * sizeof(token);
    tokens->data[tokens->len] = '\0';
    return (long)count;
}
