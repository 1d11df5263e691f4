/*
 * token.c — tokens and terms.
 *
 * A token is a run of letters and digits, with inner apostrophes, hyphens
 * and ampersands ("don't", "al-Amin", "AT&T") and the separators of
 * numbers ("1,200", "3.5") kept inside it; a trailing possessive "'s" is
 * split off. A URL (http://, https://, www.) or an e-mail address is one
 * token, up to the next space, without trailing punctuation. Everything else (punctuation, quotes,
 * dashes, currency signs) separates tokens and is not kept. Each distinct lower-cased form is
 * interned once per story as a term, with its Snowball English stem
 * (libstemmer) interned in turn, so later stages compare integers;
 * function words, numbers, addresses and words of two bytes are their own
 * stem.
 *
 * Speed: ASCII tokens are found and lower-cased eight bytes at a time
 * (SWAR: one 64-bit word tested per step, the token's end found by a count
 * of trailing zeros); the rest take a byte-wise reader. Terms
 * of up to 16 bytes (nearly all) are found through the tokenizer's own
 * open-addressing index, whose slots hold the key bytes inline, so a
 * lookup is one hash and one probe without touching the lexicon (whose
 * keys live elsewhere in memory); the lexicon still receives every term.
 * A sentence is tokenized in two passes: the first reads its tokens and
 * prefetches their index slots, the second resolves them, so the memory
 * latency of the lookups overlaps.
 * The index belongs to one tokenizer, which belongs to one run of the
 * segment stage.
 * Limits: lower-casing beyond ASCII uses utf8proc's simple case mapping;
 * a term keeps at most 128 bytes of its token.
 */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "segment.h"
#include "swar.h"
#include "utf8.h"

#define TERM_MAX_BYTES 128
#define KEY_BYTES 16 /* terms up to this long go through the index */
#define INDEX_MIN_BITS 8
#define INDEX_MAX_BITS 26

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

typedef struct index_slot {
    uint64_t a, b;      /* the term's bytes, zero-padded */
    uint32_t term, len; /* len 0: an empty slot */
} index_slot;

/* A short token of the sentence being scanned, waiting for its term. */
typedef struct pending {
    uint64_t a, b, hash;
    uint32_t len; /* 0: the token's term is already known */
} pending;

struct tokenizer {
    struct sb_stemmer *stemmer;
    index_slot *slots;
    unsigned bits;
    size_t count;
    pending *pend; /* one per token of the sentence being scanned */
    size_t pend_cap;
};

tokenizer *tokenizer_new(size_t text_bytes)
{
    tokenizer *tk = calloc(1, sizeof *tk);
    if (!tk) return NULL;
    tk->bits = INDEX_MIN_BITS;
    while (tk->bits < 16 && ((size_t)1 << tk->bits) * 8 < text_bytes)
        tk->bits++;
    tk->slots = calloc((size_t)1 << tk->bits, sizeof *tk->slots);
    tk->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!tk->slots || !tk->stemmer) {
        tokenizer_free(tk);
        return NULL;
    }
    return tk;
}

void tokenizer_free(tokenizer *tk)
{
    if (!tk) return;
    if (tk->stemmer) sb_stemmer_delete(tk->stemmer);
    free(tk->slots);
    free(tk->pend);
    free(tk);
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

static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned)((s[i] | 0x20) - 'a') < 26 || ((unsigned char)s[i] & 0x80)) return 1;
    return 0;
}

/* The term id of the lower-cased form, interning it (and its stem). */
static long intern(chorus_story *st, const char *lower, size_t n, struct sb_stemmer *stemmer)
{
    uint32_t next = (uint32_t)VEC_COUNT(&st->terms, term);
    int inserted;
    map_slot *slot = map_upsert(&st->lexicon, lower, n, next, &inserted);
    if (!slot) return -1;
    if (!inserted) return slot->value;
    term *t = vec_push(&st->terms, sizeof *t);
    if (!t) return -1;
    t->lower = slot->key;
    t->is_word = (uint8_t)has_letter(lower, n);
    t->is_stop = (uint8_t)is_stopword(lower, n);
    /* function words, numbers, addresses and words of two bytes are their
     * own stem */
    const sb_symbol *stem = NULL;
    if (t->is_word && !t->is_stop && n > 2 && !memchr(lower, '.', n) && !memchr(lower, '@', n) &&
        !memchr(lower, '/', n))
        stem = sb_stemmer_stem(stemmer, (const sb_symbol *)lower, (int)n);
    size_t stem_len = stem ? (size_t)sb_stemmer_length(stemmer) : n;
    if (!stem) stem = (const sb_symbol *)lower;
    map_slot *s =
        map_upsert(&st->stems, (const char *)stem, stem_len, (uint32_t)st->n_stems, &inserted);
    if (!s) return -1;
    if (inserted) st->n_stems++;
    t->stem = s->value;
    return next;
}

static uint64_t key_hash(uint64_t a, uint64_t b, size_t n)
{
    return (a ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ n) * 0x9E3779B97F4A7C15ULL;
}

/* The slot of a key in the index: its own or the empty one where it
 * belongs. */
static index_slot *index_find(const tokenizer *tk, uint64_t a, uint64_t b, size_t n, uint64_t h)
{
    size_t mask = ((size_t)1 << tk->bits) - 1;
    for (size_t i = (size_t)(h >> (64 - tk->bits));; i = (i + 1) & mask) {
        index_slot *slot = &tk->slots[i];
        if (slot->len == 0 || (slot->len == n && slot->a == a && slot->b == b)) return slot;
    }
}

/* Doubles the index once it is 70% full. */
static int index_grow(tokenizer *tk)
{
    if ((tk->count + 1) * 10 <= ((size_t)7 << tk->bits)) return 1;
    if (tk->bits >= INDEX_MAX_BITS) return 0;
    tokenizer old = *tk;
    tk->bits++;
    tk->slots = calloc((size_t)1 << tk->bits, sizeof *tk->slots);
    if (!tk->slots) {
        *tk = old;
        return 0;
    }
    for (size_t i = 0; i < ((size_t)1 << old.bits); i++) {
        index_slot *o = &old.slots[i];
        if (o->len) *index_find(tk, o->a, o->b, o->len, key_hash(o->a, o->b, o->len)) = *o;
    }
    free(old.slots);
    return 1;
}

/* The term id of a short token, interning it when new. */
static long term_of(chorus_story *st, tokenizer *tk, const pending *p)
{
    index_slot *slot = index_find(tk, p->a, p->b, p->len, p->hash);
    if (slot->len) return slot->term;
    char lower[KEY_BYTES];
    memcpy(lower, &p->a, 8);
    memcpy(lower + 8, &p->b, 8);
    long id = intern(st, lower, p->len, tk->stemmer);
    if (id < 0 || !index_grow(tk)) return -1;
    *index_find(tk, p->a, p->b, p->len, p->hash) = (index_slot){p->a, p->b, (uint32_t)id, p->len};
    tk->count++;
    return id;
}

/* Records the token in b for the second pass (prefetching its slot), or
 * interns a long one at once. Returns its term id, 0 for now, or -1. */
static long take_token(chorus_story *st, tokenizer *tk, const token_buf *b, pending *p)
{
    if (b->n > KEY_BYTES) {
        p->len = 0;
        return intern(st, b->lower, b->n, tk->stemmer);
    }
    memcpy(&p->a, b->lower, 8);
    memcpy(&p->b, b->lower + 8, 8);
    p->len = (uint32_t)b->n;
    p->hash = key_hash(p->a, p->b, b->n);
    __builtin_prefetch(&tk->slots[p->hash >> (64 - tk->bits)]);
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

static int reserve_pending(tokenizer *tk, size_t n)
{
    if (n <= tk->pend_cap) return 1;
    size_t cap = tk->pend_cap ? tk->pend_cap : 256;
    while (cap < n)
        cap *= 2;
    pending *p = realloc(tk->pend, cap * sizeof *p);
    if (!p) return 0;
    tk->pend = p;
    tk->pend_cap = cap;
    return 1;
}

long token_scan(chorus_story *st, const char *text, size_t start, size_t end, buf *tokens,
                tokenizer *tk, size_t *words)
{
    /* a token takes at least one byte and one separator */
    size_t most = (end - start) / 2 + 1;
    if (!buf_reserve(tokens, most * sizeof(token)) || !reserve_pending(tk, most)) return -1;
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
            long id = take_token(st, tk, &b, &tk->pend[count]);
            if (id < 0) return -1;
            out[count++] = (token){{(uint32_t)i, (uint32_t)stop}, (uint32_t)id};
            i = stop;
            continue;
        }
        stop = fast_token(text, i, end, &ka, &kb);
        if (stop) {
            pending *p = &tk->pend[count];
            *p = (pending){ka, kb, key_hash(ka, kb, stop - i), (uint32_t)(stop - i)};
            __builtin_prefetch(&tk->slots[p->hash >> (64 - tk->bits)]);
            out[count++] = (token){{(uint32_t)i, (uint32_t)stop}, 0};
            i = stop;
            continue;
        }
        stop = read_token(text, i, end, &b);
        size_t body = strip_possessive(text, i, stop, &b);
        if (b.n) {
            long id = take_token(st, tk, &b, &tk->pend[count]);
            if (id < 0) return -1;
            out[count++] = (token){{(uint32_t)i, (uint32_t)body}, (uint32_t)id};
        }
        i = stop > i ? stop : i + 1;
    }
    for (size_t k = 0; k < count; k++) {
        if (!tk->pend[k].len) continue;
        long id = term_of(st, tk, &tk->pend[k]);
        if (id < 0) return -1;
        out[k].term = (uint32_t)id;
    }
    tokens->len += count * sizeof(token);
    tokens->data[tokens->len] = '\0';
    return (long)count;
}
