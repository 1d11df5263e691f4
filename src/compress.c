/*
 * compress.c — sentence compression for summaries.
 *
 * Packs more content into the budget by deleting parts of a sentence that
 * carry no facts of the story, without breaking its grammar:
 *   - a newswire slug ("BRIDGE-REPAIRS _ ") opening it;
 *   - a leading discourse connective ("However, ", "Meanwhile, ", "But "),
 *     which also stops the sentence from pointing back at one not chosen;
 *   - an attribution tail (", officials said." / ", according to the
 *     ministry."), when the sentence quotes nobody (a quotation keeps its
 *     speaker);
 *   - a parenthetical of at most PAREN_MAX_WORDS words ("(AP)", "(19 miles)");
 *   - a day of the week with the words that tie it in ("on Tuesday",
 *     "said Friday" -> "said", "late Monday night"): out of its article's
 *     dateline a weekday names no date a reader can place;
 *   - an age in commas after a name ("Smith, 71, said" -> "Smith said");
 *   - the second of two periods that end it ("... Ltd..").
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

/* The length of the alphabetic word at o[i] (len bytes in all). */
static size_t alpha_len(const char *o, size_t i, size_t len)
{
    size_t k = i;
    while (k < len && isalpha((unsigned char)o[k]))
        k++;
    return k - i;
}

/* Length of a newswire slug opening s (a digest's "BRIDGE-REPAIRS _ ",
 * "BRIDGE-REPAIRS (Calderport) _ " or "BRIDGE-REPAIRS (Calderport_ "):
 * capitals, digits and hyphens with at least three capitals, a short
 * parenthetical, then " _ "; or 0. */
static size_t wire_slug(const char *s, size_t n)
{
    size_t i = 0, caps = 0;
    for (; i < n && (isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-');
         i++)
        caps += isupper((unsigned char)s[i]) != 0;
    if (caps < 3) return 0;
    if (i + 2 < n && s[i] == ' ' && s[i + 1] == '(') {
        size_t k = i + 2;
        while (k < n && k < i + 40 && s[k] != ')' && s[k] != '_')
            k++;
        if (k + 2 < n && s[k] == '_' && s[k + 1] == ' ') return k + 2; /* "(Place_ " */
        if (k >= n || s[k] != ')') return 0;
        i = k + 1;
    }
    return i + 3 < n && memcmp(s + i, " _ ", 3) == 0 ? i + 3 : 0;
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
    return text_word_listed(verbs, w, n, 0);
}

/* Nonzero when w[0..n) opens a clause of its own after a reporting verb
 * (", Lutz said she would ...", ", aides said that ..."): then the verb is
 * the sentence's main one and what it says is no tail. */
static int opens_reported_clause(const char *w, size_t n)
{
    /* clang-format off */
    static const char *const openers[] = {"he", "she", "it", "they", "we", "i", "you", "that",
                                          "there", NULL};
    /* clang-format on */
    return text_word_listed(openers, w, n, 1);
}

/* Nonzero when s[0..n) is a subordinate clause ("While ...", "If ...")
 * up to its first comma at n: what follows is the main clause, no tail. */
static int opens_subordinate(const char *s, size_t n)
{
    if (memchr(s, ',', n)) return 0;
    /* clang-format off */
    static const char *const subordinators[] = {"While", "Although", "Though", "Because", "If",
                                                "When", "Unless", "Since", "As", "Whereas",
                                                NULL};
    /* clang-format on */
    size_t k = alpha_len(s, 0, n);
    return k < n && s[k] == ' ' && text_word_listed(subordinators, s, k, 0);
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
    if (text_count_words(tail, tail_len) > TAIL_MAX_WORDS || opens_subordinate(s, comma)) return n;
    while (tail_len && *tail == ' ')
        tail++, tail_len--;
    if (tail_len > 13 && strncmp(tail, "according to ", 13) == 0) return comma;
    /* a reporting verb among the tail's words, not in first place */
    size_t i = 0, word = 0;
    while (i < tail_len) {
        size_t j = i;
        while (j < tail_len && tail[j] != ' ')
            j++;
        if (word > 0 && is_reporting_verb(tail + i, j - i)) {
            size_t k = j < tail_len ? j + 1 : j;
            return opens_reported_clause(tail + k, alpha_len(tail, k, tail_len)) ? n : comma;
        }
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

static int is_weekday(const char *w, size_t n)
{
    /* clang-format off */
    static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", NULL};
    /* clang-format on */
    return text_word_listed(days, w, n, 0);
}

/* Words that go with the weekday they introduce ("on Friday", "late
 * Monday"); the parts of the day that follow it ("Monday night"). */
static int is_weekday_lead(const char *w, size_t n)
{
    /* clang-format off */
    static const char *const leads[] = {"on",       "late",  "early",   "last",      "next",
                                        "this",     "since", "until",   "by",        "before",
                                        "after",    "from",  "for",     "through",   "starting",
                                        "beginning", NULL};
    /* clang-format on */
    return text_word_listed(leads, w, n, 1);
}

static int is_day_part(const char *w, size_t n)
{
    static const char *const parts[] = {"morning", "afternoon", "evening", "night", NULL};
    return text_word_listed(parts, w, n, 0);
}

/* A byte that continues a word: letters, digits, apostrophes and hyphens,
 * and any byte of a multibyte character (a curly apostrophe: "Sunday’s"). */
static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '\'' || c == '-' || (unsigned char)c >= 0x80;
}

/* The word of s[0..n) that ends just before position end (skipping one
 * space): its start, or end when there is none. */
static size_t word_before(const char *s, size_t end)
{
    if (end == 0 || s[end - 1] != ' ') return end;
    size_t i = end - 1;
    while (i > 0 && isalpha((unsigned char)s[i - 1]))
        i--;
    return i < end - 1 && (i == 0 || s[i - 1] == ' ') ? i : end;
}

static int is_joiner(const char *w, size_t n)
{
    static const char *const joiners[] = {"or", "and", NULL};
    return text_word_listed(joiners, w, n, 0);
}

/* Where the weekday ending at o[end] ends with what goes with it: a part
 * of the day ("Monday night") and a second weekday it is joined to
 * ("Monday or Tuesday", "Monday and Tuesday nights"). */
static size_t day_end(const char *o, size_t end, size_t len)
{
    if (end + 1 >= len || o[end] != ' ') return end;
    size_t k = alpha_len(o, end + 1, len);
    if (is_day_part(o + end + 1, k)) {
        end += 1 + k;
        if (end + 1 >= len || o[end] != ' ') return end;
        k = alpha_len(o, end + 1, len);
    }
    size_t d = end + 2 + k; /* the word after a joiner */
    if (!is_joiner(o + end + 1, k) || d >= len || o[d - 1] != ' ') return end;
    size_t day = alpha_len(o, d, len);
    return is_weekday(o + d, day) ? day_end(o, d + day, len) : end;
}

/* Removes weekdays and the words tied to them, outside quotations, in
 * place; returns the new length. A weekday after a capitalized word
 * ("Super Tuesday") or before "'s" is kept. */
static size_t drop_weekdays(char *o, size_t len)
{
    size_t w = 0;
    int quoted = 0;
    for (size_t i = 0; i < len;) {
        if (o[i] == '"') quoted = !quoted;
        size_t j = i;
        if (!quoted && (i == 0 || !word_char(o[i - 1]))) j += alpha_len(o, i, len);
        if (j == i || !is_weekday(o + i, j - i) || (j < len && word_char(o[j]))) {
            o[w++] = o[i++];
            continue;
        }
        size_t from = w; /* start of what goes, in the output so far */
        size_t prev = word_before(o, w);
        if (prev < w && is_joiner(o + prev, w - 1 - prev)) {
            o[w++] = o[i++]; /* "Thursday or Friday": the first one stayed */
            continue;
        } else if (prev < w && is_weekday_lead(o + prev, w - 1 - prev)) {
            from = prev; /* and a lead before it: "starting next Monday" */
            size_t before = word_before(o, prev);
            if (before < prev && is_weekday_lead(o + before, prev - 1 - before)) from = before;
        } else if (prev < w && !islower((unsigned char)o[prev])) {
            o[w++] = o[i++]; /* after a capitalized word: a name */
            continue;
        } else if (prev == w && w > 0) {
            o[w++] = o[i++];
            continue;
        }
        size_t end = day_end(o, j, len); /* "Monday night", "Monday or Tuesday" */
        if (from == 0) {                 /* "On Friday, the ..." */
            while (end < len && (o[end] == ',' || o[end] == ' '))
                end++;
        } else if (from > 0 && o[from - 1] == ' ') {
            from--; /* the space before */
        }
        w = from;
        i = end;
    }
    return w;
}

/* Removes an age in commas after a capitalized word ("Smith, 71, said"),
 * in place; returns the new length. */
static size_t drop_ages(char *o, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t d = i + 2, k = d;
        while (k < len && k < d + 3 && isdigit((unsigned char)o[k]))
            k++;
        int age = o[i] == ',' && i + 1 < len && o[i + 1] == ' ' && k > d && k + 1 < len &&
                  o[k] == ',' && o[k + 1] == ' ' && w > 0 && isalpha((unsigned char)o[w - 1]);
        if (age) {
            size_t prev = w;
            while (prev > 0 && isalpha((unsigned char)o[prev - 1]))
                prev--;
            age = isupper((unsigned char)o[prev]);
        }
        if (age) {
            i = k + 1; /* keep the space after the second comma */
            continue;
        }
        o[w++] = o[i++];
    }
    return w;
}

size_t compress_sentence(const char *s, size_t n, char *out)
{
    size_t start = wire_slug(s, n);
    start += leading_connective(s + start, n - start);
    int quoted = has_quote_mark(s, n);
    size_t end = quoted ? n : attribution_tail(s, n);
    if (end < start) end = n; /* the tail's comma was the connective's */
    char *o = out;
    size_t len;
    if (quoted) {
        memcpy(o, s + start, end - start);
        len = end - start;
    } else {
        len = drop_parentheticals(s + start, end - start, o);
    }
    int dropped = start > 0; /* words were dropped, perhaps the first ones */
    if (!quoted) {
        size_t trimmed = drop_ages(o, drop_weekdays(o, len));
        dropped |= trimmed < len;
        len = trimmed;
    }
    while (end < n && len && o[len - 1] == ' ')
        len--;
    if (end < n && len && o[len - 1] != '.') o[len++] = '.';
    if (dropped && len && islower((unsigned char)o[0])) o[0] = (char)toupper((unsigned char)o[0]);
    if (len >= 3 && o[len - 1] == '.' && o[len - 2] == '.' && o[len - 3] != '.')
        len--; /* "Ltd.." */
    if (text_count_words(o, len) < MIN_KEPT_WORDS) {
        memcpy(out, s, n);
        return n;
    }
    return len;
}
