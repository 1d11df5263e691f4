/*
 * compress.c — sentence compression for summaries.
 *
 * Packs more content into the budget by deleting parts of a sentence that
 * carry no facts of the story, without breaking its grammar:
 *   - a leading discourse connective ("However, ", "Meanwhile, ", "But "),
 *     which also stops the sentence from pointing back at one not chosen;
 *   - an attribution tail (", officials said." / ", according to the
 *     ministry."), when the sentence quotes nobody (a quotation keeps its
 *     speaker);
 *   - a parenthetical of at most PAREN_MAX_WORDS words ("(AP)", "(19 miles)").
 * Nothing inside quotation marks is touched; a sentence whose compression
 * would leave fewer than MIN_KEPT_WORDS words is left whole.
 * Limits: English surface patterns only; no parse.
 */
#include "compress.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

#define PAREN_MAX_WORDS 8
#define TAIL_MAX_WORDS 7
#define MIN_KEPT_WORDS 6

static int has_quote_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '`') return 1;
        if (i + 3 <= n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))
            return 1;
    }
    return 0;
}

/* Length of a leading connective and its comma/space, or 0. */
static size_t leading_connective(const char *s, size_t n)
{
    /* clang-format off */
    static const char *const with_comma[] = {
        "However", "Meanwhile", "In addition", "Additionally", "Also", "Still", "Moreover",
        "Furthermore", "Nevertheless", "Instead", "Indeed", "In fact", "Separately", NULL};
    /* clang-format on */
    static const char *const bare[] = {"But ", "And ", "So ", "Yet ", NULL};
    for (const char *const *c = with_comma; *c; c++) {
        size_t len = strlen(*c);
        if (n > len + 2 && strncmp(s, *c, len) == 0 && s[len] == ',' && s[len + 1] == ' ')
            return len + 2;
    }
    for (const char *const *c = bare; *c; c++) {
        size_t len = strlen(*c);
        if (n > len && strncmp(s, *c, len) == 0 && isalpha((unsigned char)s[len])) return len;
    }
    return 0;
}

static int is_reporting_verb(const char *w, size_t n)
{
    /* clang-format off */
    static const char *const verbs[] = {"said", "says", "added", "reported", "stated",
                                        "announced", "explained", "noted", NULL};
    /* clang-format on */
    for (const char *const *v = verbs; *v; v++)
        if (strlen(*v) == n && strncmp(w, *v, n) == 0) return 1;
    return 0;
}

/* The start of an attribution tail ", X said." or ", according to X." at
 * the end of s[0..n) (before the final period), or n when there is none. */
static size_t attribution_tail(const char *s, size_t n)
{
    if (n < 2 || s[n - 1] != '.') return n;
    size_t comma = n;
    for (size_t i = n - 1; i > 0; i--)
        if (s[i] == ',') {
            comma = i;
            break;
        }
    if (comma == n) return n;
    const char *tail = s + comma + 1;
    size_t tail_len = n - 1 - (comma + 1);
    if (text_count_words(tail, tail_len) > TAIL_MAX_WORDS) return n;
    while (tail_len && *tail == ' ')
        tail++, tail_len--;
    if (tail_len > 13 && strncmp(tail, "according to ", 13) == 0) return comma;
    /* a reporting verb among the tail's words, not in first place */
    size_t i = 0, word = 0;
    while (i < tail_len) {
        size_t j = i;
        while (j < tail_len && tail[j] != ' ')
            j++;
        if (word > 0 && is_reporting_verb(tail + i, j - i)) return comma;
        word++;
        i = j + 1;
    }
    return n;
}

/* Appends s[0..n) to out without short parentheticals. */
static size_t drop_parentheticals(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' && o > 0 && out[o - 1] == ' ') {
            const char *close = memchr(s + i, ')', n - i);
            size_t inner = close ? (size_t)(close - (s + i)) : 0;
            if (close && !memchr(s + i + 1, '(', inner - 1) &&
                text_count_words(s + i + 1, inner - 1) <= PAREN_MAX_WORDS) {
                o--; /* the space before */
                i += inner;
                continue;
            }
        }
        out[o++] = s[i];
    }
    return o;
}

size_t compress_sentence(const char *s, size_t n, char *out)
{
    size_t start = leading_connective(s, n);
    int quoted = has_quote_mark(s, n);
    size_t end = quoted ? n : attribution_tail(s, n);
    char *o = out;
    size_t len;
    if (quoted) {
        memcpy(o, s + start, end - start);
        len = end - start;
    } else {
        len = drop_parentheticals(s + start, end - start, o);
    }
    while (end < n && len && o[len - 1] == ' ')
        len--;
    if (end < n && len && o[len - 1] != '.') o[len++] = '.';
    if (start && len && islower((unsigned char)o[0])) o[0] = (char)toupper((unsigned char)o[0]);
    if (text_count_words(o, len) < MIN_KEPT_WORDS) {
        memcpy(out, s, n);
        return n;
    }
    return len;
}
