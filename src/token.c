/*
 * token.c — tokens and terms.
 *
 * A token is a run of letters and digits, with inner apostrophes, hyphens,
 * and the separators of numbers ("1,200", "3.5") kept inside it; a trailing
 * possessive "'s" is split off. Everything else (punctuation, quotes,
 * dashes) separates tokens and is not kept. Each distinct lower-cased form
 * is interned once per story as a term, with its Snowball English stem
 * (libstemmer) interned in turn, so later stages compare integers.
 * Limits: lower-casing beyond ASCII uses utf8proc's simple case mapping.
 */
#include <ctype.h>
#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

#include "segment.h"
#include "utf8.h"

#define TERM_MAX_BYTES 128

void *token_stemmer_new(void)
{
    return sb_stemmer_new("english", "UTF_8");
}

void token_stemmer_free(void *stemmer)
{
    sb_stemmer_delete(stemmer);
}

/* Nonzero for a byte that can be part of a word: ASCII letters and digits
 * and any byte of a non-ASCII letter (punctuation in U+2000..U+206F is not). */
static size_t word_char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (isalnum(c)) return 1;
    if (c < 0x80) return 0;
    uint32_t cp;
    size_t len = utf8_decode((const unsigned char *)s, n, &cp);
    if (!len) return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) return len;
    return 0;
}

/* Length of an apostrophe (' or U+2019) at s. */
static size_t apostrophe_len(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '\'') return 1;
    if (n >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0) return 3;
    return 0;
}

/* The end of the token starting at text[i] (a word character). */
static size_t token_end(const char *text, size_t i, size_t end)
{
    size_t k;
    while (i < end) {
        if ((k = word_char_len(text + i, end - i)) != 0) {
            i += k;
            continue;
        }
        /* joiners: keep going only when a word character follows */
        char c = text[i];
        size_t j = 0;
        if (c == '-' || c == '.' || c == ',' || c == '&')
            j = 1;
        else
            j = apostrophe_len(text + i, end - i);
        if (!j || i + j >= end || !word_char_len(text + i + j, end - i - j)) break;
        if ((c == '.' || c == ',') &&
            !(isdigit((unsigned char)text[i - 1]) && isdigit((unsigned char)text[i + 1])))
            break;
        i += j;
    }
    return i;
}

static size_t lower_into(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < n && o + 4 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = (char)tolower(c);
            i++;
            continue;
        }
        if (n - i >= 3 && memcmp(s + i, "\xE2\x80\x99", 3) == 0) { /* ’ as ' */
            out[o++] = '\'';
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len) break;
        cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        o += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + o);
        i += len;
    }
    return o;
}

static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalpha((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80)) return 1;
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
    const sb_symbol *stem = sb_stemmer_stem(stemmer, (const sb_symbol *)lower, (int)n);
    size_t stem_len = stem ? (size_t)sb_stemmer_length(stemmer) : n;
    if (!stem) stem = (const sb_symbol *)lower;
    map_slot *s = map_upsert(&st->stems, (const char *)stem, stem_len, (uint32_t)st->n_stems, &inserted);
    if (!s) return -1;
    if (inserted) st->n_stems++;
    t->stem = s->value;
    return next;
}

long token_scan(chorus_story *st, const char *text, size_t start, size_t end, buf *tokens,
                void *stemmer)
{
    long count = 0;
    size_t i = start;
    while (i < end) {
        if (!word_char_len(text + i, end - i)) {
            i++;
            continue;
        }
        size_t stop = token_end(text, i, end);
        size_t body = stop;
        /* split a possessive 's off: "Russia's" -> "Russia" */
        if (body - i > 2 && (text[body - 1] == 's' || text[body - 1] == 'S')) {
            size_t a = body - 1;
            if (a >= 1 && text[a - 1] == '\'')
                body = a - 1;
            else if (a >= 3 && memcmp(text + a - 3, "\xE2\x80\x99", 3) == 0)
                body = a - 3;
        }
        char lower[TERM_MAX_BYTES];
        size_t n = lower_into(text + i, body - i, lower, sizeof lower);
        if (n) {
            long id = intern(st, lower, n, stemmer);
            token *t = id >= 0 ? vec_push(tokens, sizeof *t) : NULL;
            if (!t) return -1;
            t->span = (span){(uint32_t)i, (uint32_t)body};
            t->term = (uint32_t)id;
            count++;
        }
        i = stop > i ? stop : i + 1;
    }
    return count;
}
