/*
 * clean.c — the clean stage: flattened page text in, story text out.
 *
 * Scraped pages arrive as lines: the story's paragraphs mixed with the
 * page's furniture (share widgets, player residue, counters, copyright,
 * contact and bio lines, date stamps, captions, a teaser repeated at the
 * end). Each line is classified in four passes:
 *
 *   1. shape: what a single line looks like on its own (a run of clock
 *      times, "Label: 1234", a line in parentheses, an e-mail, a bullet of
 *      one or two words, a date stamp, a copyright sign, a byline);
 *   2. layout: the headline is the short line near the top whose words the
 *      body repeats most; short unpunctuated lines between the top and the
 *      first body paragraph are page furniture, as is a short line in front
 *      of a caption;
 *   3. repetition within the article: a line whose words are nearly all in
 *      one earlier line (a pull quote, a teaser of the lead);
 *   4. repetition across the story: a line that several articles carry
 *      verbatim and that is not a full sentence.
 *
 * Kept lines become paragraphs of the clean text, separated by a blank
 * line; removed lines are kept with their reason for `chorus clean -f json`.
 * Metadata (title, outlet, byline, date, dateline) is read off the removed
 * and first lines by meta.c; values given with the input win.
 * Limits: lines are paragraphs (hard-wrapped text is not re-flowed); the
 * headline must lie in the first 15 lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "segment.h"
#include "story.h"
#include "utf8.h"

#define TITLE_WINDOW 15
#define BODY_MIN_WORDS 12
#define NEAR_DUP_MIN_WORDS 8
#define NEAR_DUP_CONTAINMENT 0.8

/* clang-format off */
static const char *reason_names[REMOVED_REASON_COUNT] = {
    [REMOVED_WIDGET] = "widget",       [REMOVED_PLAYER] = "player",
    [REMOVED_COUNTER] = "counter",     [REMOVED_COPYRIGHT] = "copyright",
    [REMOVED_CONTACT] = "contact",     [REMOVED_BIO] = "bio",
    [REMOVED_BYLINE] = "byline",       [REMOVED_DATE] = "date",
    [REMOVED_TITLE] = "title",         [REMOVED_CAPTION] = "caption",
    [REMOVED_HEADER] = "header",       [REMOVED_REPEATED] = "repeated",
    [REMOVED_SHARED] = "shared",       [REMOVED_NOTE] = "note",
    [REMOVED_NAVIGATION] = "navigation", [REMOVED_COMMENTS] = "comments",
    [REMOVED_LINKS] = "links",         [REMOVED_OUTSIDE] = "outside",
};
/* clang-format on */

const char *removal_reason_name(removal_reason r)
{
    return (unsigned)r < REMOVED_REASON_COUNT ? reason_names[r] : "other";
}

typedef struct line {
    const char *s; /* trimmed, in article->raw */
    size_t n;
    uint32_t lineno;
    int words;
    int terminal; /* ends a sentence: . ! ? … possibly before closing quotes */
    int bullet;   /* starts with a list marker */
    int removed;
    removal_reason reason;
    uint64_t key;       /* hash of the line, for repetition across articles */
    uint64_t *word_set; /* sorted distinct word hashes (lines of NEAR_DUP_MIN_WORDS+) */
    uint32_t n_word_set;
    uint64_t sig[4]; /* one bit per word hash (mod 256): a quick bound on shared words */
} line;

typedef struct article_lines {
    line *lines;
    size_t count;
} article_lines;

/* --------------------------------------------------------------- shapes */

/* Length of a closing quotation mark or bracket at the end of s[0..n). */
static size_t closing_mark_len(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')')) return 1;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        return 3;
    return 0;
}

static size_t bullet_len(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 2;
    if (n >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0) return 3; /* • */
    if (n >= 2 && memcmp(s, "\xC2\xB7", 2) == 0) return 2;     /* · */
    return 0;
}

static int has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalnum((unsigned char)s[i])) return 1;
    return 0;
}

static int only_clock_times(const char *s, size_t n)
{
    int times = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        size_t k = i, d1 = 0, d2 = 0;
        while (k < j && isdigit((unsigned char)s[k]))
            k++, d1++;
        if (k >= j || s[k] != ':') return 0;
        k++;
        while (k < j && (isdigit((unsigned char)s[k]) || s[k] == ':'))
            k++, d2++;
        if (k != j || d1 == 0 || d1 > 2 || d2 == 0) return 0;
        times++;
        i = j;
    }
    return times > 0;
}

/* "Label: 1,234" or "1,234 views": a short label and a count. */
static int is_counter(const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    size_t i;
    if (colon) {
        if ((int)text_count_words(s, (size_t)(colon - s)) > 2) return 0;
        i = (size_t)(colon - s) + 1;
    } else {
        i = 0;
    }
    while (i < n && s[i] == ' ')
        i++;
    size_t digits = 0;
    while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ',' || s[i] == '.')) {
        if (isdigit((unsigned char)s[i])) digits++;
        i++;
    }
    if (!digits) return 0;
    if (colon) return i == n;
    while (i < n && s[i] == ' ')
        i++;
    static const char *units[] = {"views", "comments", "shares", "likes", "reads", "replies"};
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (n - i == strlen(units[k]) && strncasecmp(s + i, units[k], n - i) == 0) return 1;
    return 0;
}

static int contains_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m > n) return 0;
    int lo = tolower((unsigned char)needle[0]), up = toupper((unsigned char)needle[0]);
    for (const char *end = s + n - m + 1, *p = s; p < end; p++) {
        const char *a = memchr(p, lo, (size_t)(end - p)); /* the next of either case */
        const char *b = up != lo ? memchr(p, up, (size_t)((a ? a : end) - p)) : NULL;
        p = b ? b : a;
        if (!p) return 0;
        if (strncasecmp(p, needle, m) == 0) return 1;
    }
    return 0;
}

static int starts_ci(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && strncasecmp(s, prefix, m) == 0;
}

static int has_email(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s || !isalnum((unsigned char)at[-1])) return 0;
    const char *end = s + n;
    for (const char *p = at + 1; p < end && !isspace((unsigned char)*p); p++)
        if (*p == '.' && p + 1 < end && isalpha((unsigned char)p[1])) return 1;
    return 0;
}

static int is_url_line(const char *s, size_t n)
{
    return (starts_ci(s, n, "http://") || starts_ci(s, n, "https://") || starts_ci(s, n, "www.")) &&
           (int)text_count_words(s, n) == 1;
}

/* Words that make up share bars, menus and calls to action on news pages. */
static int is_chrome_word(const char *w, size_t n)
{
    /* clang-format off */
    static const char *words[] = {
        "share",    "shares",     "tweet",    "email",   "e-mail",  "print",     "comment",
        "comments", "post",       "a",        "the",     "this",    "link",      "links",
        "copy",     "facebook",   "twitter",  "whatsapp", "linkedin", "reddit",  "pinterest",
        "telegram", "messenger",  "apps",     "app",     "other",   "more",      "read",
        "full",       "story",    "article", "subscribe", "sign",    "in",
        "up",       "log",        "login",    "register", "newsletter", "follow", "us",
        "menu",     "search",     "close",    "skip",    "to",      "content",   "main",
        "navigation", "home",     "next",     "previous", "prev",   "related",   "recommended",
        "advertisement", "sponsored", "listen", "watch", "play",    "live",      "radio",
        "video",    "audio",      "now",      "on",      "updated", "save",      "top",
        "back",     "continue",   "reading",  "view",    "gallery", "photos",    "leave",
        "show",     "hide",       "all",      "stories", "download", "podcast",  "stream",
        "donate",  "support",   "get",
        "ad",       "and",        "or",       "your",    "you",     "may",       "also",
        "like",     "trending",   "most",     "popular", "latest",  "news",      "open",
        "reply",    "replies",    "report",   "print",   "embed",   "send",      "site",
    };
    /* clang-format on */
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strlen(words[k]) == n && strncasecmp(w, words[k], n) == 0) return 1;
    return 0;
}

static int all_chrome_words(const char *s, size_t n)
{
    size_t i = 0;
    int words = 0;
    while (i < n) {
        while (i < n && !isalpha((unsigned char)s[i])) {
            if (isdigit((unsigned char)s[i])) return 0;
            i++;
        }
        if (i >= n) break;
        size_t j = i;
        while (j < n && (isalpha((unsigned char)s[j]) || s[j] == '-'))
            j++;
        if (!is_chrome_word(s + i, j - i)) return 0;
        words++;
        i = j;
    }
    return words > 0;
}

/* A reporter's biography: "Jane Doe is a correspondent based in …". */
static int is_bio(const char *s, size_t n, int words)
{
    /* clang-format off */
    static const char *roles[] = {"correspondent", "reporter", "editor",   "writer",  "journalist",
                                  "columnist",     "contributor", "producer", "bureau chief",
                                  "covers",        "anchor",   "host of"};
    /* clang-format on */
    if (words > 45) return 0;
    static const char *verbs[] = {" is ", " was ", " covers ", " has been ", " writes "};
    const char *verb = NULL;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs && !verb; k++)
        for (size_t i = 0; i + strlen(verbs[k]) <= n && i < 60; i++)
            if (memcmp(s + i, verbs[k], strlen(verbs[k])) == 0) {
                verb = s + i;
                break;
            }
    if (!verb) return 0;
    int name_words = (int)text_count_words(s, (size_t)(verb - s));
    if (name_words < 2 || name_words > 4 || !isupper((unsigned char)s[0])) return 0;
    for (size_t k = 0; k < sizeof roles / sizeof *roles; k++)
        if (contains_ci(verb, n - (size_t)(verb - s), roles[k])) return 1;
    return 0;
}

/* Nonzero when s[0..n) is a list of names: capitalized words joined by
 * commas and "and". */
static int is_name_list(const char *s, size_t n)
{
    size_t i = 0;
    int names = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.'))
            i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != ',')
            j++;
        if (j - i == 3 && strncmp(s + i, "and", 3) == 0) {
            i = j;
            continue;
        }
        if (!isupper((unsigned char)s[i])) return 0;
        names++;
        i = j;
    }
    return names >= 2;
}

/* Reporting credits: "Reporting by …", "… contributed to this report", or
 * a line opened by a dash whose words after "by" are all names. */
static int is_credit(const char *s, size_t n)
{
    /* clang-format off */
    static const char *cues[] = {"reporting by", "additional reporting", "editing by",
                                 "edited by",    "compiled by",          "writing by"};
    /* clang-format on */
    size_t i = 0;
    while (i < n && !isalpha((unsigned char)s[i]))
        i++;
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
        if (starts_ci(s + i, n - i, cues[k])) return 1;
    if (contains_ci(s, n, "contributed to this report") ||
        contains_ci(s, n, "contributed reporting"))
        return 1;
    int dash =
        starts_ci(s, n, "\xE2\x80\x94") || starts_ci(s, n, "--") || starts_ci(s, n, "\xE2\x80\x93");
    if (!dash || text_count_words(s, n) > 30) return 0;
    for (size_t p = 0; p + 4 <= n; p++)
        if (s[p] == ' ' && strncasecmp(s + p, " by ", 4) == 0)
            return is_name_list(s + p + 4, n - p - 4);
    return 0;
}

static int is_caption(const char *s, size_t n)
{
    return contains_ci(s, n, "(photo") || contains_ci(s, n, "photo:") ||
           contains_ci(s, n, "photograph:") || contains_ci(s, n, "(image") ||
           contains_ci(s, n, "getty images") || contains_ci(s, n, "image credit") ||
           contains_ci(s, n, "photo credit");
}

static int is_copyright(const char *s, size_t n)
{
    return starts_ci(s, n, "\xC2\xA9") || starts_ci(s, n, "copyright") || starts_ci(s, n, "(c) ") ||
           contains_ci(s, n, "all rights reserved");
}

/* "He said:", "Smith writes:": a line that introduces a quotation. */
static int introduces_quote(const char *s, size_t n)
{
    size_t e = n - 1, b = e;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    return e > b && (segment_word_roles(s + b, e - b) & W_SPEECH);
}

/* A call to action: opens like one ("Subscribe", "Sign up", "Follow us",
 * "For the latest", "To read the full story") and names what it sells (a
 * subscription, a newsletter, an app, a social network, the latest news). */
static int is_call_to_action(const char *s, size_t n, int words)
{
    /* clang-format off */
    static const char *openers[] = {"subscribe", "sign up", "follow us", "like us", "join our",
                                    "join us", "download", "get the", "get our", "click",
                                    "to view", "to read", "to continue", "for the latest",
                                    "for more news", "don't miss", "don\xE2\x80\x99t miss",
                                    "never miss", "missing out", "stay up to date", "stay informed",
                                    "support our", "support local", "become a member",
                                    "become a subscriber", "already a subscriber"};
    /* clang-format on */
    static const char *offers[] = {
        "subscri",        "newsletter", "sign up",    "twitter", "facebook",      "instagram",
        "whatsapp",       "telegram",   "our app",    "edition", "breaking news", "latest news",
        "latest stories", "full story", "the latest", "log in",  "member"};
    if (words > 35) return 0;
    int opens = 0;
    for (size_t k = 0; k < sizeof openers / sizeof *openers && !opens; k++)
        opens = starts_ci(s, n, openers[k]);
    /* "Follow The Daily Example on Twitter": a name between "Follow" and "on" */
    if (!opens && starts_ci(s, n, "follow ") &&
        (contains_ci(s, n, " on twitter") || contains_ci(s, n, " on facebook") ||
         contains_ci(s, n, " on instagram")))
        opens = 1;
    if (!opens) return 0;
    for (size_t k = 0; k < sizeof offers / sizeof *offers; k++)
        if (contains_ci(s, n, offers[k])) return 1;
    return 0;
}

/* Nonzero when one of the up to three words after each "your" in
 * s[0..n) is one of media's: the page speaks to its reader about the
 * reader's browser, inbox or account. */
static int names_readers_medium(const char *s, size_t n, const char *const *media)
{
    for (size_t i = 0; i + 5 <= n; i++) {
        if (strncasecmp(s + i, "your ", 5) != 0 || (i > 0 && isalnum((unsigned char)s[i - 1])))
            continue;
        size_t w = i + 5;
        for (int k = 0; k < 3 && w < n; k++) {
            size_t e = w;
            while (e < n && (isalnum((unsigned char)s[e]) || s[e] == '-'))
                e++;
            if (text_word_listed(media, s + w, e - w, 1)) return 1;
            if (e >= n || s[e] != ' ') break;
            w = e + 1;
        }
    }
    return 0;
}

int clean_page_sentence(const char *s, size_t n, size_t words)
{
    /* clang-format off */
    static const char *const media[] = {
        "browser", "javascript", "cookies", "tweet", "tweets", "device", "inbox", "newsletter",
        "notification", "notifications", "subscriber", "subscription", NULL};
    /* clang-format on */
    if (words > 40 || memchr(s, '"', n)) return 0;
    return is_call_to_action(s, n, (int)words) || names_readers_medium(s, n, media);
}

/* Pass 1: the shape of one line on its own. Returns 1 and sets the reason
 * when the line is furniture. */
static int classify_shape(const line *l, removal_reason *why)
{
    const char *s = l->s;
    size_t n = l->n;
    size_t b = bullet_len(s, n);
    if (!has_alnum(s, n)) return *why = REMOVED_WIDGET, 1;
    if (only_clock_times(s, n)) return *why = REMOVED_PLAYER, 1;
    if (is_counter(s, n)) return *why = REMOVED_COUNTER, 1;
    if (is_copyright(s, n)) return *why = REMOVED_COPYRIGHT, 1;
    if ((has_email(s, n) && l->words < 25) || is_url_line(s, n)) return *why = REMOVED_CONTACT, 1;
    if (s[0] == '(' && s[n - 1] == ')' && l->words < 40) return *why = REMOVED_NOTE, 1;
    if (l->words <= 2 && s[n - 1] == ':' && !introduces_quote(s, n))
        return *why = REMOVED_WIDGET, 1;
    if (b && (int)text_count_words(s + b, n - b) <= 2) return *why = REMOVED_WIDGET, 1;
    if (!l->terminal && l->words <= 5 && all_chrome_words(s + b, n - b))
        return *why = REMOVED_WIDGET, 1;
    if (meta_is_date_line(s, n)) return *why = REMOVED_DATE, 1;
    char name[128];
    if (meta_agency_line(s, n, name, sizeof name)) return *why = REMOVED_DATE, 1;
    if (!l->terminal && meta_byline(s, n, name, sizeof name)) return *why = REMOVED_BYLINE, 1;
    if (is_credit(s, n)) return *why = REMOVED_BYLINE, 1;
    if (l->words <= 40 && is_caption(s, n)) return *why = REMOVED_CAPTION, 1;
    if (is_bio(s, n, l->words)) return *why = REMOVED_BIO, 1;
    if (is_call_to_action(s, n, l->words)) return *why = REMOVED_WIDGET, 1;
    return 0;
}

/* ------------------------------------------------------------ word sets */

#define MAX_LINE_WORDS 512

static size_t word_hashes(const line *l, uint64_t *out)
{
    size_t n = 0, i = 0;
    const char *s = l->s;
    while (i < l->n && n < MAX_LINE_WORDS) {
        while (i < l->n && !isalnum((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80))
            i++;
        size_t j = i;
        char word[64];
        size_t w = 0;
        while (j < l->n && (isalnum((unsigned char)s[j]) || ((unsigned char)s[j] & 0x80))) {
            if (w < sizeof word) word[w++] = (char)tolower((unsigned char)s[j]);
            j++;
        }
        if (w) out[n++] = map_hash(word, w);
        i = j;
    }
    return n;
}

/* Shell sort (Ciura's gaps): inline compares, for a line's few hundred
 * word hashes at most. */
static void sort_u64(uint64_t *a, size_t n)
{
    static const size_t gaps[] = {132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            uint64_t v = a[i];
            size_t j = i;
            for (; j >= gap && a[j - gap] > v; j -= gap)
                a[j] = a[j - gap];
            a[j] = v;
        }
    }
}

/* Fills the line's sorted set of distinct word hashes (arena). */
static void make_word_set(arena *ar, line *l)
{
    uint64_t h[MAX_LINE_WORDS];
    size_t n = word_hashes(l, h);
    sort_u64(h, n);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || h[u - 1] != h[i]) h[u++] = h[i];
    for (size_t i = 0; i < u; i++)
        l->sig[(h[i] >> 6) & 3] |= (uint64_t)1 << (h[i] & 63);
    l->word_set = arena_memdup(ar, h, u * sizeof *h);
    l->n_word_set = l->word_set ? (uint32_t)u : 0;
}

/* ------------------------------------------------------------ splitting */

static size_t split_lines(arena *a, const char *raw, size_t len, line **out)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += raw[i] == '\n';
    line *lines = arena_alloc_array(a, count + 1, sizeof *lines);
    if (!lines) return 0;
    size_t n = 0, start = 0;
    uint32_t lineno = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && raw[i] != '\n') continue;
        lineno++;
        const char *s = raw + start;
        size_t m = i - start;
        start = i + 1;
        while (m && isspace((unsigned char)*s))
            s++, m--;
        while (m && isspace((unsigned char)s[m - 1]))
            m--;
        if (!m) continue;
        line *l = &lines[n++];
        l->s = s;
        l->n = m;
        l->lineno = lineno;
        l->words = (int)text_count_words(s, m);
        l->terminal = segment_ends_sentence(s, m);
        l->bullet = bullet_len(s, m) != 0;
        l->key = map_hash(s, m);
        if (l->words >= NEAR_DUP_MIN_WORDS) make_word_set(a, l);
    }
    *out = lines;
    return n;
}

static void mark(line *l, removal_reason why)
{
    if (l->removed) return;
    l->removed = 1;
    l->reason = why;
}

static int is_body(const line *l)
{
    return !l->removed && l->terminal && l->words >= BODY_MIN_WORDS;
}

/* ------------------------------------------------------------ headline */

/* Fraction of the candidate's words (longer than three letters) that occur
 * in the body lines, compared case-insensitively on their first five
 * letters so that inflections match ("Floods", "flooded"). */
static double body_overlap(const line *cand, const line *lines, size_t count, int *matched)
{
    int words = 0, found = 0;
    size_t i = 0;
    const char *s = cand->s;
    while (i < cand->n) {
        while (i < cand->n && !isalpha((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < cand->n && isalpha((unsigned char)s[j]))
            j++;
        size_t len = j - i < 5 ? j - i : 5;
        if (j - i > 3) {
            words++;
            for (size_t k = 0; k < count; k++) {
                const line *l = &lines[k];
                if (l->s == cand->s || l->removed || l->words < 6) continue;
                int hit = 0;
                for (size_t p = 0; p + len <= l->n && !hit; p++)
                    hit = (p == 0 || !isalpha((unsigned char)l->s[p - 1])) &&
                          strncasecmp(l->s + p, s + i, len) == 0;
                if (hit) {
                    found++;
                    break;
                }
            }
        }
        i = j;
    }
    *matched = found;
    return words ? (double)found / words : 0.0;
}

/* The index of the headline among the lines, or -1. A candidate is a short
 * unpunctuated line before the first body paragraph, within the first
 * TITLE_WINDOW lines, at least half of whose words the body repeats; the
 * one with most repeated words (times that fraction) wins. */
static long find_title(const line *lines, size_t count, const char *given, int from_html)
{
    if (given && *given) {
        size_t g = strlen(given);
        for (size_t i = 0; i < count && i < TITLE_WINDOW * 2; i++) {
            if (lines[i].n >= g && strncmp(lines[i].s, given, g) == 0) return (long)i;
            /* a page's <h1> is often its title without the kicker or suffix */
            if (from_html && lines[i].words >= 3 && lines[i].n < g &&
                strncasecmp(lines[i].s, given, lines[i].n) == 0)
                return (long)i;
        }
        if (from_html) return -1; /* the markup named the title: no guessing */
    }
    long best = -1;
    double best_score = 0;
    for (size_t i = 0; i < count && i < TITLE_WINDOW; i++) {
        const line *l = &lines[i];
        if (is_body(l)) break;
        if (l->removed || l->bullet || l->words < 3 || l->words > 25) continue;
        if (l->n && l->s[l->n - 1] == '.') continue;
        line head = *l; /* "Headline - Outlet": the outlet is not in the body */
        char outlet[128];
        size_t len = meta_title_suffix(l->s, l->n, outlet, sizeof outlet);
        if (len) head.n = len;
        int matched;
        double ratio = body_overlap(&head, lines, count, &matched);
        if (ratio < 0.5 || matched < 2) continue;
        double score = matched * ratio - 0.05 * (double)i;
        if (score > best_score) best_score = score, best = (long)i;
    }
    return best;
}

/* ----------------------------------------------------------- repetition */

/* How many of a's words b holds (both sorted sets). */
static size_t common_words(const line *a, const line *b)
{
    size_t i = 0, j = 0, hit = 0;
    while (i < a->n_word_set && j < b->n_word_set) {
        if (a->word_set[i] == b->word_set[j])
            hit++, i++, j++;
        else if (a->word_set[i] < b->word_set[j])
            i++;
        else
            j++;
    }
    return hit;
}

/* A pull quote: opens with a quotation mark and names its speaker after a
 * dash that follows the closing mark ("'…'—Jane Doe, Minister"). */
static int is_pull_quote(const line *l)
{
    const char *s = l->s;
    size_t n = l->n;
    int opens = s[0] == '"' || s[0] == '\'' ||
                (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
                 ((unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x9C));
    if (!opens) return 0;
    for (size_t i = 1; i + 3 <= n; i++)
        if ((memcmp(s + i, "\xE2\x80\x94", 3) == 0 || memcmp(s + i, "\xE2\x80\x93", 3) == 0) &&
            closing_mark_len(s, i) != 0)
            return i + 3 < n;
    return 0;
}

/* Index of the earlier kept line that holds line i exactly or nearly all of
 * its words, or -1. */
static long earlier_copy(const line *lines, size_t i)
{
    const line *l = &lines[i];
    double need = NEAR_DUP_CONTAINMENT * (double)l->n_word_set;
    for (size_t k = 0; k < i; k++) {
        if (lines[k].removed && lines[k].reason != REMOVED_TITLE) continue;
        if (l->key == lines[k].key && l->n == lines[k].n && memcmp(l->s, lines[k].s, l->n) == 0)
            return (long)k;
        if (l->words < NEAR_DUP_MIN_WORDS || lines[k].words < NEAR_DUP_MIN_WORDS) continue;
        if (!l->n_word_set || (double)lines[k].n_word_set < need) continue;
        /* a bit of l's signature missing from k's is a word k lacks */
        int lacking = 0;
        for (int w = 0; w < 4; w++)
            lacking += __builtin_popcountll(l->sig[w] & ~lines[k].sig[w]);
        if ((double)lacking > (double)l->n_word_set - need) continue;
        if ((double)common_words(l, &lines[k]) >= need) return (long)k;
    }
    return -1;
}

/* Pass 3: an exact repeat of an earlier line goes; a near repeat goes when
 * it is a pull quote or a teaser in the article's tail (no new body
 * paragraph follows it). A sentence the article itself repeats in the
 * middle of its body is content and stays. */
static void mark_near_duplicates(line *lines, size_t count, int from_html)
{
    uint8_t near[1024] = {0};
    for (size_t i = 1; i < count; i++) {
        line *l = &lines[i];
        if (l->removed) continue;
        long k = earlier_copy(lines, i);
        if (k < 0) continue;
        if (lines[k].n == l->n && memcmp(lines[k].s, l->s, l->n) == 0)
            mark(l, REMOVED_REPEATED);
        else if (is_pull_quote(l))
            mark(l, REMOVED_REPEATED);
        else if (i < sizeof near)
            near[i] = 1;
    }
    int tail = !from_html; /* in HTML the page's layout already set teasers apart */
    for (size_t i = count; i-- > 1;) {
        if (i < sizeof near && near[i] && tail)
            mark(&lines[i], REMOVED_REPEATED);
        else if (is_body(&lines[i]))
            tail = 0;
    }
}

/* A short unpunctuated line in front of a caption is the caption's heading. */
static void mark_caption_heads(line *lines, size_t count)
{
    for (size_t i = 0; i + 1 < count; i++)
        if (lines[i + 1].removed && lines[i + 1].reason == REMOVED_CAPTION && !lines[i].terminal &&
            lines[i].words <= 5)
            mark(&lines[i], REMOVED_CAPTION);
}

/* Pass 2: layout. Everything above the headline is page furniture; short
 * unpunctuated lines between the top and the first body paragraph, and
 * after the last one, are too. Articles without a body paragraph are left
 * alone. */
static void mark_layout(line *lines, size_t count, long title, int from_html)
{
    long first_body = -1, last_body = -1;
    for (size_t i = 0; i < count; i++)
        if (is_body(&lines[i])) {
            if (first_body < 0) first_body = (long)i;
            last_body = (long)i;
        }
    if (title >= 0) {
        for (long i = 0; i < title; i++)
            if (!is_body(&lines[i])) mark(&lines[i], REMOVED_HEADER);
        mark(&lines[title], REMOVED_TITLE);
        for (size_t i = (size_t)title + 1; i < count; i++)
            if (lines[i].n == lines[title].n && memcmp(lines[i].s, lines[title].s, lines[i].n) == 0)
                mark(&lines[i], REMOVED_REPEATED);
    }
    if (first_body < 0) return;
    for (long i = title + 1; i < first_body; i++) {
        line *l = &lines[i];
        if (!l->terminal && l->words <= 10 && !(l->bullet && l->words >= 5))
            mark(l, REMOVED_HEADER);
    }
    if (from_html) return; /* the markup already ended the story */
    for (size_t i = (size_t)last_body + 1; i < count; i++)
        if (!lines[i].terminal && lines[i].words <= 6) mark(&lines[i], REMOVED_WIDGET);
}

/* ------------------------------------------------------------- metadata */

/* Nonzero when the body mentions the year of date (YYYY-...). */
static int body_mentions_year(const line *lines, size_t count, const char *date)
{
    for (size_t i = 0; i < count; i++) {
        if (lines[i].removed) continue;
        for (size_t p = 0; p + 4 <= lines[i].n; p++)
            if (memcmp(lines[i].s + p, date, 4) == 0 &&
                (p == 0 || !isdigit((unsigned char)lines[i].s[p - 1])) &&
                (p + 4 == lines[i].n || !isdigit((unsigned char)lines[i].s[p + 4])))
                return 1;
    }
    return 0;
}

typedef struct found_meta {
    char title[1024], outlet[128], agency[128], byline[128], date[11], stamp[11], dateline[128];
    const char *outlet_source, *date_source, *byline_source;
} found_meta;

static void read_removed_line(const line *l, found_meta *f)
{
    char tmp[128], date[11];
    switch (l->reason) {
    case REMOVED_COPYRIGHT:
        if (meta_copyright_outlet(l->s, l->n, tmp, sizeof tmp))
            memcpy(f->outlet, tmp, sizeof tmp), f->outlet_source = "copyright line";
        break;
    case REMOVED_DATE:
        if (meta_agency_line(l->s, l->n, tmp, sizeof tmp) && meta_find_date(l->s, l->n, date)) {
            memcpy(f->agency, tmp, sizeof tmp);
            memcpy(f->date, date, sizeof date);
            f->date_source = "agency line";
        } else if (!f->stamp[0] && meta_find_date(l->s, l->n, date)) {
            memcpy(f->stamp, date, sizeof date);
        }
        break;
    case REMOVED_BYLINE:
    case REMOVED_CONTACT:
        if (!f->byline[0] && meta_byline(l->s, l->n, tmp, sizeof tmp))
            memcpy(f->byline, tmp, sizeof tmp), f->byline_source = "byline line";
        if (!f->outlet[0] && meta_email_outlet(l->s, l->n, tmp, sizeof tmp))
            memcpy(f->outlet, tmp, sizeof tmp), f->outlet_source = "e-mail domain";
        break;
    case REMOVED_BIO:
        if (!f->byline[0]) {
            const char *is = strstr(l->s, " is ");
            size_t len = is && is < l->s + l->n ? (size_t)(is - l->s) : 0;
            if (len && len < sizeof f->byline) {
                memcpy(f->byline, l->s, len);
                f->byline[len] = '\0';
                f->byline_source = "bio line";
            }
        }
        break;
    default:
        break;
    }
}

static void read_metadata(const line *lines, size_t count, long title, found_meta *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < count; i++)
        if (lines[i].removed) read_removed_line(&lines[i], f);
    if (title >= 0) { /* the headline, and a title suffix names the outlet best */
        const line *t = &lines[title];
        char outlet[sizeof f->outlet];
        size_t len = meta_title_suffix(t->s, t->n, outlet, sizeof outlet);
        if (len) {
            memcpy(f->outlet, outlet, sizeof outlet);
            f->outlet_source = "title suffix";
        } else {
            len = t->n;
        }
        if (len >= sizeof f->title) len = sizeof f->title - 1;
        memcpy(f->title, t->s, len);
        f->title[len] = '\0';
    }
    if (!f->date[0] && f->stamp[0] && body_mentions_year(lines, count, f->stamp)) {
        memcpy(f->date, f->stamp, sizeof f->date);
        f->date_source = "date line";
    }
    for (size_t i = 0; i < count; i++)
        if (!lines[i].removed) {
            meta_dateline(lines[i].s, lines[i].n, f->dateline, sizeof f->dateline);
            break;
        }
}

static void store_metadata(arena *a, article *art, const found_meta *f)
{
    const article_meta *g = &art->given;
    article_meta *m = &art->meta;
    int given_title = g->title && *g->title, given_outlet = g->outlet && *g->outlet;
    int given_date = g->date && *g->date;
    m->title = given_title ? g->title : arena_strdup(a, f->title);
    m->title_source = given_title ? g->title_source : f->title[0] ? "headline line" : NULL;
    m->outlet = given_outlet ? g->outlet : arena_strdup(a, f->outlet);
    m->outlet_source = given_outlet ? g->outlet_source : f->outlet[0] ? f->outlet_source : NULL;
    if (!given_outlet && !f->outlet[0] && f->agency[0]) {
        m->outlet = arena_strdup(a, f->agency);
        m->outlet_source = "agency line";
    }
    m->agency = arena_strdup(a, f->agency);
    int given_byline = g->byline && *g->byline;
    m->byline = given_byline ? g->byline : arena_strdup(a, f->byline);
    m->byline_source = given_byline ? g->byline_source : f->byline[0] ? f->byline_source : NULL;
    m->date = given_date ? g->date : arena_strdup(a, f->date);
    m->date_source = given_date ? g->date_source : f->date[0] ? f->date_source : NULL;
    m->dateline = arena_strdup(a, f->dateline);
    if (!m->title) m->title = "";
    if (!m->outlet) m->outlet = "";
    if (!m->agency) m->agency = "";
    if (!m->byline) m->byline = "";
    if (!m->date) m->date = "";
    if (!m->dateline) m->dateline = "";
}

/* ------------------------------------------------------------ assembly */

static chorus_status assemble(arena *a, article *art, const line *lines, size_t count)
{
    size_t kept = 0, bytes = 0, removed = 0;
    for (size_t i = 0; i < count; i++) {
        if (lines[i].removed) {
            removed++;
        } else {
            kept++;
            bytes += lines[i].n + 2;
        }
    }
    art->text = arena_alloc(a, bytes + 1);
    art->paragraphs = arena_alloc_array(a, kept ? kept : 1, sizeof(span));
    removed += art->n_html_removed;
    art->removed = arena_alloc_array(a, removed ? removed : 1, sizeof(removed_line));
    if (!art->text || !art->paragraphs || !art->removed) return CHORUS_E_NOMEM;
    for (size_t i = 0; i < art->n_html_removed; i++)
        art->removed[art->n_removed++] = art->html_removed[i];
    size_t pos = 0;
    for (size_t i = 0; i < count; i++) {
        const line *l = &lines[i];
        if (l->removed) {
            removed_line *r = &art->removed[art->n_removed++];
            r->text = arena_strndup(a, l->s, l->n);
            r->line = l->lineno;
            r->reason = l->reason;
            continue;
        }
        if (pos) {
            memcpy(art->text + pos, "\n\n", 2);
            pos += 2;
        }
        art->paragraphs[art->n_paragraphs++] = (span){(uint32_t)pos, (uint32_t)(pos + l->n)};
        memcpy(art->text + pos, l->s, l->n);
        pos += l->n;
        art->words += (size_t)l->words;
    }
    art->text[pos] = '\0';
    art->text_len = pos;
    return CHORUS_OK;
}

/* Pass 4: a short line that at least two articles carry verbatim is the
 * outlets' shared furniture (a long one is shared content: wire copy). */
static void mark_shared(chorus_story *st, article_lines *all, size_t n_articles)
{
    map seen;
    map_init(&seen, &st->arena);
    for (size_t a = 0; a < n_articles; a++) {
        for (size_t i = 0; i < all[a].count; i++) {
            line *l = &all[a].lines[i];
            if (l->removed || l->words >= NEAR_DUP_MIN_WORDS) continue;
            int inserted;
            map_slot *s = map_upsert(&seen, l->s, l->n, (uint32_t)(a << 1), &inserted);
            if (!s || inserted || (s->value >> 1) == a) continue;
            s->value |= 1; /* seen in a second article */
        }
    }
    for (size_t a = 0; a < n_articles; a++)
        for (size_t i = 0; i < all[a].count; i++) {
            line *l = &all[a].lines[i];
            if (l->removed || l->words >= NEAR_DUP_MIN_WORDS) continue;
            uint32_t *v = map_get(&seen, l->s, l->n);
            if (v && (*v & 1)) mark(l, REMOVED_SHARED);
        }
    map_free(&seen);
}

chorus_status clean_story(chorus_story *st, chorus_error *err)
{
    size_t n = STORY_ARTICLE_COUNT(st);
    article_lines *all = arena_alloc_array(&st->arena, n, sizeof *all);
    long *titles = arena_alloc_array(&st->arena, n, sizeof *titles);
    if (!all || !titles) return story_error(err, CHORUS_E_NOMEM, "clean", -1, "out of memory");
    for (size_t a = 0; a < n; a++) {
        article *art = STORY_ARTICLE(st, a);
        all[a].count = split_lines(&st->arena, art->raw, art->raw_len, &all[a].lines);
        line *lines = all[a].lines;
        for (size_t i = 0; i < all[a].count; i++) {
            removal_reason why;
            if (classify_shape(&lines[i], &why)) mark(&lines[i], why);
        }
        mark_caption_heads(lines, all[a].count);
        mark_near_duplicates(lines, all[a].count, art->from_html);
        titles[a] = find_title(lines, all[a].count, art->given.title, art->from_html);
        mark_layout(lines, all[a].count, titles[a], art->from_html);
    }
    if (n > 1) mark_shared(st, all, n);
    for (size_t a = 0; a < n; a++) {
        article *art = STORY_ARTICLE(st, a);
        found_meta f;
        read_metadata(all[a].lines, all[a].count, titles[a], &f);
        store_metadata(&st->arena, art, &f);
        if (assemble(&st->arena, art, all[a].lines, all[a].count) != CHORUS_OK)
            return story_error(err, CHORUS_E_NOMEM, art->id, -1, "out of memory");
    }
    return CHORUS_OK;
}
