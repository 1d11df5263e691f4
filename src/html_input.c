/*
 * html_input.c — an HTML page made ready for libxml2: decoded to UTF-8 and
 * stripped of what the extractor never reads, then parsed (html_tree.c).
 *
 * Encoding: UTF-8 when the bytes are valid UTF-8 (whatever the page
 * declares: a page in a single-byte charset with any non-ASCII byte is
 * almost never valid UTF-8); otherwise the charset the page declares
 * (<meta charset>, http-equiv), converted with iconv, and Windows-1252 when
 * it declares none or one iconv does not know. libxml2 always reads UTF-8.
 *
 * Pre-pass: scripts (JSON-LD kept), styles, comments, SVG, <noscript>,
 * <template>, <iframe> and <select> are cut, start tags keep only the
 * attributes something reads, and navigation, asides and footers keep only
 * their text (unless they hold JSON-LD, an article, a headline, a time or an
 * author): libxml2 reads about half the bytes and builds far fewer nodes.
 * Newlines are kept, so removed blocks still carry their line in the page.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "html_dom.h"
#include "swar.h"
#include "utf8.h"

/* ---------------------------------------------------------- inert parts */

/* Index of the first case-insensitive match of needle in s[from..n), or n. */
static size_t find_ci(const char *s, size_t n, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    char lo = needle[0], up = (char)(lo >= 'a' && lo <= 'z' ? lo - 32 : lo);
    for (size_t i = from; i + m <= n;) {
        const char *hit = memchr(s + i, lo, n - i - m + 1);
        if (up != lo) { /* a letter: the first of either case */
            const char *other =
                memchr(s + i, up, (size_t)(hit ? hit - (s + i) : (ptrdiff_t)(n - i - m + 1)));
            if (other) hit = other;
        }
        if (!hit) break;
        i = (size_t)(hit - s);
        if (strncasecmp(hit, needle, m) == 0) return i;
        i++;
    }
    return n;
}

static int opens(const char *s, size_t n, size_t p, const char *name)
{
    size_t m = strlen(name);
    if (p + m >= n || strncasecmp(s + p, name, m) != 0) return 0;
    char c = s[p + m];
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* When s[p] opens a comment, or a script, style or SVG element that never
 * carries text of the story, the index just past its end; else 0. JSON-LD
 * scripts are kept for the metadata. */
static size_t inert_end(const char *s, size_t n, size_t p)
{
    if (p + 4 <= n && memcmp(s + p, "<!--", 4) == 0) {
        size_t e = find_ci(s, n, p + 4, "-->");
        return e < n ? e + 3 : n;
    }
    static const struct {
        const char *open, *close;
        int to_end; /* unclosed: inert to the end of the page (as browsers read it) */
    } inert[] = {{"<script", "</script", 1},     {"<style", "</style", 1},
                 {"<svg", "</svg", 1},           {"<noscript", "</noscript", 0},
                 {"<template", "</template", 0}, {"<iframe", "</iframe", 0},
                 {"<select", "</select", 0}};
    char c = p + 1 < n ? (char)(s[p + 1] | 32) : 0;
    if (c != 's' && c != 'n' && c != 't' && c != 'i') return 0; /* none of the names below */
    size_t k = 0;
    while (k < sizeof inert / sizeof *inert && !opens(s, n, p, inert[k].open))
        k++;
    if (k == sizeof inert / sizeof *inert) return 0;
    const char *gt = memchr(s + p, '>', n - p);
    size_t tag_end = gt ? (size_t)(gt - s) : n;
    if (k == 0 && find_ci(s, tag_end, p, "ld+json") < tag_end) return 0;
    size_t e = find_ci(s, n, tag_end, inert[k].close);
    if (e >= n) return inert[k].to_end ? n : 0;
    gt = memchr(s + e, '>', n - e);
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* Writes as many newlines as s[from..to) holds, so that line numbers of
 * the page survive what is left out. */
static void keep_newlines(const char *s, size_t from, size_t to, buf *out)
{
    for (const char *p = s + from; (p = memchr(p, '\n', to - (size_t)(p - s))) != NULL; p++)
        buf_putc(out, '\n');
}

/* Attributes the scorer, the flattener or the metadata read; the others
 * (links' targets, image sources, data-*, event handlers, ...) are a third
 * of a page's markup and the parser need not see them. */
static int kept_attribute(const char *name, size_t n)
{
    /* clang-format off */
    static const char *kept[] = {"class",    "id",        "style",    "hidden",  "aria-hidden",
                                 "role",     "rel",       "itemprop", "property", "name",
                                 "content",  "datetime",  "type",     "pubdate", "charset",
                                 "http-equiv", "value"};
    /* clang-format on */
    for (size_t k = 0; k < sizeof kept / sizeof *kept; k++)
        if (kept[k][0] == (name[0] | 32) && strlen(kept[k]) == n &&
            strncasecmp(name, kept[k], n) == 0)
            return 1;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copies the start tag at s[p] ("<name ...>") with only its kept
 * attributes; returns the index past it, or 0 to copy it as it is (a cut or
 * odd tag is left to the parser). */
static size_t copy_start_tag(const char *s, size_t n, size_t p, buf *out)
{
    size_t i = p + 1, mark = out->len;
    while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    buf_put(out, s + p, i - p);
    while (i < n) {
        size_t ws = i;
        while (i < n && (is_space(s[i]) || s[i] == '/'))
            i++;
        if (i < n && s[i] == '>') {
            buf_put(out, s + ws, i + 1 - ws);
            return i + 1;
        }
        size_t name = i;
        while (i < n && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
            i++;
        size_t name_end = i, j = i;
        while (j < n && is_space(s[j]))
            j++;
        if (j < n && s[j] == '=') { /* a value: quoted or bare */
            j++;
            while (j < n && is_space(s[j]))
                j++;
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], n - j - 1);
                if (!q) break;
                i = (size_t)(q - s) + 1;
            } else {
                i = j;
                while (i < n && !is_space(s[i]) && s[i] != '>')
                    i++;
            }
        }
        if (name_end == name) break;
        if (kept_attribute(s + name, name_end - name))
            buf_put(out, s + ws, i - ws);
        else
            keep_newlines(s, ws, i, out);
    }
    out->len = mark; /* cut tag: the caller copies it verbatim */
    if (out->data) out->data[mark] = '\0';
    return 0;
}

/* The index of the "</name" that closes the element opened at s[p], nested
 * ones of the same name counted, or n. */
static size_t matching_close(const char *s, size_t n, size_t p, const char *open, const char *close,
                             size_t *budget)
{
    int depth = 1;
    size_t lim = p + n / 2 < n ? p + n / 2 : n; /* a longer element is not flattened */
    if (lim - p > *budget) return n;            /* the page's search budget is spent */
    *budget -= lim - p;
    for (size_t i = p + 1; i < lim;) {
        const char *lt = memchr(s + i, '<', lim - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (opens(s, n, i, open))
            depth++;
        else if (i + strlen(close) <= lim && strncasecmp(s + i, close, strlen(close)) == 0 &&
                 --depth == 0)
            return i;
        i++;
    }
    return n;
}

/* Nonzero when s[from..to) holds what the metadata or the story might need
 * (one pass, case folded; the first two bytes of a word are tested before
 * the whole). */
static int holds_needed(const char *s, size_t from, size_t to)
{
    static const char *needed[] = {"ld+json", "<article", "<main", "<h1",
                                   "<time",   "author",   "byline"};
    for (size_t i = from; i + 1 < to; i++) {
        char c = (char)(s[i] | 32), c2 = (char)(s[i + 1] | 32);
        if (c != '<' && c != 'a' && c != 'b' && c != 'l') continue;
        for (size_t k = 0; k < sizeof needed / sizeof *needed; k++) {
            if (needed[k][0] != c || needed[k][1] != c2) continue;
            size_t m = strlen(needed[k]);
            if (i + m <= to && strncasecmp(s + i, needed[k], m) == 0) return 1;
        }
    }
    return 0;
}

/* Navigation, asides and footers never carry the story but are dense with
 * markup: the element at s[p] is written as its start tag, its text with
 * the inner tags left out, and its end tag, so the parser reads one text
 * node (listed as removed with its words). Left alone (returns 0) when it
 * does not close, or holds what the metadata or the story might need
 * (JSON-LD, an article, a headline, a time, an author). */
static size_t flatten_region(const char *s, size_t n, size_t p, buf *out, size_t *budget)
{
    static const char *names[][2] = {
        {"<nav", "</nav"}, {"<aside", "</aside"}, {"<footer", "</footer"}};
    char c = p + 1 < n ? (char)(s[p + 1] | 32) : 0;
    if (c != 'n' && c != 'a' && c != 'f') return 0; /* none of nav, aside, footer */
    size_t k = 0;
    while (k < 3 && !opens(s, n, p, names[k][0]))
        k++;
    if (k == 3) return 0;
    size_t e = matching_close(s, n, p, names[k][0], names[k][1], budget);
    const char *gt = e < n ? memchr(s + e, '>', n - e) : NULL;
    if (!gt || e - p > n / 2 || holds_needed(s, p, e)) return 0;
    size_t start = out->len, i = copy_start_tag(s, n, p, out);
    if (!i) return 0;
    while (i < e) {
        const char *lt = memchr(s + i, '<', e - i);
        size_t t = lt ? (size_t)(lt - s) : e;
        buf_put(out, s + i, t - i);
        if (t >= e) break;
        size_t skip = inert_end(s, e, t);
        if (!skip && t + 1 < e &&
            (s[t + 1] == '/' || s[t + 1] == '!' ||
             ((s[t + 1] | 32) >= 'a' && (s[t + 1] | 32) <= 'z'))) {
            const char *tg = memchr(s + t, '>', e - t);
            skip = tg ? (size_t)(tg - s) + 1 : e;
        }
        if (!skip) {
            buf_putc(out, '<');
            i = t + 1;
            continue;
        }
        buf_putc(out, ' ');
        keep_newlines(s, t, skip, out);
        i = skip;
    }
    if (out->failed) {
        out->len = start;
        return 0;
    }
    buf_put(out, s + e, (size_t)(gt - s) + 1 - e);
    return (size_t)(gt - s) + 1;
}

/* Copies the page without its inert parts (scripts, styles, comments, SVG:
 * about half the bytes of a news page) and without the attributes nobody
 * reads; the parser need not see them. */
static void strip_inert(const char *s, size_t n, buf *out)
{
    size_t i = 0, copied = 0, budget = 4 * n + 4096; /* bytes matching_close may scan */
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        size_t p = (size_t)(lt - s), end = inert_end(s, n, p);
        if (end) {
            buf_put(out, s + copied, p - copied);
            keep_newlines(s, p, end, out);
            copied = i = end;
            continue;
        }
        int letter = p + 1 < n && ((s[p + 1] | 32) >= 'a' && (s[p + 1] | 32) <= 'z');
        if (letter) {
            buf_put(out, s + copied, p - copied);
            size_t past = flatten_region(s, n, p, out, &budget);
            if (!past) past = copy_start_tag(s, n, p, out);
            if (past) {
                copied = i = past;
                continue;
            }
            copied = p;
        }
        i = p + 1;
    }
    buf_put(out, s + copied, n - copied);
}

/* ------------------------------------------------------------- encoding */

static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
#if SWAR
        while (i + 8 <= n && !(swar_load8(s + i) & SWAR_HIGHS))
            i += 8; /* ASCII */
        if (i >= n) break;
#endif
        if (!((unsigned char)s[i] & 0x80)) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len) return 0;
        i += len;
    }
    return 1;
}

/* The charset the page declares in its first 4 KiB, or "" (a name of
 * letters, digits and - _ . :). */
static void declared_charset(const char *s, size_t n, char out[48])
{
    out[0] = '\0';
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 <= lim; i++) {
        if (strncasecmp(s + i, "charset=", 8) != 0) continue;
        size_t j = i + 8, k = 0;
        while (j < lim && (s[j] == '"' || s[j] == '\'' || s[j] == ' '))
            j++;
        while (j < lim && k < 47 &&
               ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'
                    ? 1
                    : (s[j] >= '0' && s[j] <= '9') || s[j] == '-' || s[j] == '_' || s[j] == '.' ||
                          s[j] == ':'))
            out[k++] = s[j++];
        out[k] = '\0';
        return;
    }
}

/* Converts the page from its declared charset to UTF-8 with iconv, an
 * invalid or cut sequence becoming U+FFFD. Returns 0 when iconv does not
 * know the charset. */
static int convert_charset(const char *s, size_t n, const char *charset, buf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) return 0;
    char *in = (char *)(uintptr_t)s;
    size_t left = n;
    while (left && !out->failed) {
        char chunk[8192], *o = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &in, &left, &o, &room);
        buf_put(out, chunk, sizeof chunk - room);
        if (r == (size_t)-1 && errno != E2BIG) {
            buf_puts(out, "\xEF\xBF\xBD");
            in++, left--;
        }
    }
    iconv_close(cd);
    return 1;
}

/* A page that is not valid UTF-8 as UTF-8 in out (see the rules at the top). */
static void to_utf8(const char *s, size_t n, buf *out)
{
    char cs[48];
    declared_charset(s, n, cs);
    if (cs[0] && strcasecmp(cs, "utf-8") != 0 && strcasecmp(cs, "utf8") != 0 &&
        convert_charset(s, n, cs, out))
        return;
    buf_reset(out);
    utf8_normalize(out, s, n); /* Windows-1252 for the invalid bytes */
}

/* libxml2 always reads UTF-8 and ignores the page's own declaration, so it
 * never converts (nor reports a conversion error) itself. */
static htmlDocPtr parse(const char *s, size_t n, html_tree *t)
{
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    if (valid_utf8(s, n)) return html_tree_parse(t, s, n, options);
    buf utf8;
    buf_init(&utf8, n * 4 + 16);
    to_utf8(s, n, &utf8);
    htmlDocPtr doc = utf8.failed || utf8.len > (size_t)1 << 30
                         ? NULL
                         : html_tree_parse(t, utf8.data ? utf8.data : "", utf8.len, options);
    buf_free(&utf8);
    return doc;
}

htmlDocPtr html_parse_page(const char *s, size_t n, html_tree *t)
{
    memset(t, 0, sizeof *t);
    buf page;
    buf_init(&page, n + 16);
    buf_reserve(&page, n + 1); /* never more than the page */
    strip_inert(s, n, &page);
    htmlDocPtr doc = page.failed ? NULL : parse(page.data ? page.data : "", page.len, t);
    buf_free(&page);
    return doc;
}
