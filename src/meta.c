/*
 * meta.c — metadata read off single lines of an article.
 *
 * Small recognizers, each for one shape that news pages use: date and time
 * stamps, agency lines, copyright lines, title suffixes, bylines, e-mail
 * domains, datelines. They look at the shape of a line (tokens, case,
 * punctuation) and a handful of calendar words, never at the wording of any
 * particular site. clean.c decides which line is asked what, and which
 * answer wins.
 */
#include "meta.h"
#include "utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_TOKENS 48

typedef struct tok {
    const char *s;
    size_t n;
    int number; /* all digits */
} tok;

/* Splits into runs of letters (with inner apostrophes) or of digits. */
static size_t tokenize(const char *s, size_t n, tok *out, size_t max)
{
    size_t count = 0, i = 0;
    while (i < n && count < max) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c) || isdigit(c)) {
            size_t j = i;
            int digit = isdigit(c) != 0;
            while (j < n && (digit ? isdigit((unsigned char)s[j]) : isalpha((unsigned char)s[j])))
                j++;
            out[count++] = (tok){s + i, j - i, digit};
            i = j;
        } else {
            i++;
        }
    }
    return count;
}

static int tok_is(const tok *t, const char *w)
{
    return t->n == strlen(w) && strncasecmp(t->s, w, t->n) == 0;
}

static int month_of(const tok *t)
{
    /* clang-format off */
    static const char *names[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
    /* clang-format on */
    if (t->number || t->n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(names[m]);
        if (t->n == len && strncasecmp(t->s, names[m], len) == 0) return m + 1;
        if (t->n == 3 && strncasecmp(t->s, names[m], 3) == 0) return m + 1;
    }
    if (tok_is(t, "sept")) return 9;
    return 0;
}

static int is_weekday(const tok *t)
{
    /* clang-format off */
    static const char *days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
    /* clang-format on */
    for (int d = 0; d < 7; d++) {
        size_t len = strlen(days[d]);
        if ((t->n == len || t->n == 3) && strncasecmp(t->s, days[d], t->n) == 0) return 1;
    }
    return 0;
}

static int number_of(const tok *t)
{
    if (!t->number || t->n > 4) return -1;
    int v = 0;
    for (size_t i = 0; i < t->n; i++)
        v = v * 10 + (t->s[i] - '0');
    return v;
}

static int is_year(const tok *t)
{
    int v = number_of(t);
    return t->n == 4 && v >= 1800 && v <= 2200;
}

static int is_day(const tok *t)
{
    int v = number_of(t);
    return t->n <= 2 && v >= 1 && v <= 31;
}

static void write_date(char out[11], int y, int m, int d)
{
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
    const char digits[] = "0123456789";
    out[0] = digits[yy / 1000], out[1] = digits[yy / 100 % 10], out[2] = digits[yy / 10 % 10];
    out[3] = digits[yy % 10], out[4] = '-', out[5] = digits[mm / 10], out[6] = digits[mm % 10];
    out[7] = '-', out[8] = digits[dd / 10], out[9] = digits[dd % 10], out[10] = '\0';
}

static int find_iso(const char *s, size_t n, char out[11])
{
    for (size_t i = 0; i + 10 <= n; i++) {
        const char *p = s + i;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) && p[4] == '-' &&
            isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6]) && p[7] == '-' &&
            isdigit((unsigned char)p[8]) && isdigit((unsigned char)p[9]) &&
            (i == 0 || !isdigit((unsigned char)s[i - 1]))) {
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
            if (y >= 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                write_date(out, y, m, d);
                return 1;
            }
        }
    }
    return 0;
}

int meta_find_date(const char *s, size_t n, char out[11])
{
    if (find_iso(s, n, out)) return 1;
    tok t[MAX_TOKENS];
    size_t count = tokenize(s, n, t, MAX_TOKENS);
    for (size_t i = 0; i + 2 < count + 0 && i + 2 < MAX_TOKENS; i++) {
        int m;
        if (is_day(&t[i]) && (m = month_of(&t[i + 1])) && is_year(&t[i + 2])) {
            write_date(out, number_of(&t[i + 2]), m, number_of(&t[i]));
            return 1;
        }
        if ((m = month_of(&t[i])) && is_day(&t[i + 1]) && is_year(&t[i + 2])) {
            write_date(out, number_of(&t[i + 2]), m, number_of(&t[i + 1]));
            return 1;
        }
    }
    return 0;
}

static int is_stamp_word(const tok *t)
{
    /* clang-format off */
    static const char *words[] = {"last", "update", "updated", "published", "posted", "modified",
                                  "on",   "at",     "am",      "pm",        "gmt",    "utc",
                                  "et",   "est",    "edt",     "bst",       "cet",    "of"};
    /* clang-format on */
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (tok_is(t, words[k])) return 1;
    return 0;
}

int meta_is_date_line(const char *s, size_t n)
{
    tok t[MAX_TOKENS];
    size_t count = tokenize(s, n, t, MAX_TOKENS);
    if (count == 0 || count > 10) return 0;
    int numbers = 0, calendar = memchr(s, ':', n) != NULL;
    for (size_t i = 0; i < count; i++) {
        if (t[i].number) {
            numbers++;
        } else if (month_of(&t[i]) || is_weekday(&t[i])) {
            calendar = 1;
        } else if (tok_is(&t[i], "am") || tok_is(&t[i], "pm")) {
            calendar = 1;
        } else if (!is_stamp_word(&t[i])) {
            return 0;
        }
    }
    return numbers > 0 && calendar;
}

static size_t trim_end(const char *s, size_t n)
{
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '.'))
        n--;
    return n;
}

static void copy_out(char *out, size_t cap, const char *s, size_t n)
{
    if (!cap) return;
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* Nonzero when every word of s starts with an upper-case letter, a digit or
 * is a short joining word. */
static int is_name_like(const char *s, size_t n)
{
    size_t i = 0;
    int words = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]))
            j++;
        unsigned char c = (unsigned char)s[i];
        int joining = (j - i <= 3) && islower(c);
        if (!isupper(c) && !isdigit(c) && !joining && c < 0x80) return 0;
        words++;
        i = j;
    }
    return words > 0;
}

int meta_agency_line(const char *s, size_t n, char *out, size_t cap)
{
    const char *comma = memchr(s, ',', n);
    if (!comma) return 0;
    size_t head = trim_end(s, (size_t)(comma - s));
    size_t rest = n - (size_t)(comma + 1 - s);
    char date[11];
    if (head == 0 || text_count_words(s, head) > 3 || !is_name_like(s, head)) return 0;
    if (!meta_is_date_line(comma + 1, rest) || !meta_find_date(comma + 1, rest, date)) return 0;
    copy_out(out, cap, s, head);
    return 1;
}

int meta_copyright_outlet(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9) {
        i = 2;
    } else if (n >= 9 && strncasecmp(s, "copyright", 9) == 0) {
        i = 9;
        while (i < n && s[i] == ' ')
            i++;
        if (n - i >= 2 && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9) i += 2;
    } else if (n >= 3 && strncasecmp(s, "(c)", 3) == 0) {
        i = 3;
    } else {
        return 0;
    }
    /* years and ranges */
    while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ' ' || s[i] == '-' || s[i] == ','))
        i++;
    size_t j = i;
    while (j < n && s[j] != '|' && s[j] != ',' && !(s[j] == '.' && (j + 1 == n || s[j + 1] == ' ')))
        j++;
    size_t len = trim_end(s + i, j - i);
    if (len == 0 || text_count_words(s + i, len) > 6 || !is_name_like(s + i, len)) return 0;
    if (len >= 3 && strncasecmp(s + i, "all", 3) == 0) return 0;
    copy_out(out, cap, s + i, len);
    return 1;
}

size_t meta_title_suffix(const char *s, size_t n, char *outlet, size_t cap)
{
    static const char *seps[] = {" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
    size_t best = 0, best_sep = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t len = strlen(seps[k]);
        for (size_t i = 1; i + len < n; i++)
            if (memcmp(s + i, seps[k], len) == 0 && i > best) best = i, best_sep = len;
    }
    if (!best) return 0;
    const char *suffix = s + best + best_sep;
    size_t slen = trim_end(suffix, n - best - best_sep);
    if (slen == 0 || text_count_words(suffix, slen) > 4 || !is_name_like(suffix, slen)) return 0;
    if (text_count_words(s, best) < 3) return 0;
    copy_out(outlet, cap, suffix, slen);
    return best;
}

int meta_byline(const char *s, size_t n, char *out, size_t cap)
{
    if (n > 3 && strncasecmp(s, "by ", 3) == 0) {
        size_t len = trim_end(s + 3, n - 3);
        if (len == 0 || text_count_words(s + 3, len) > 6 || !is_name_like(s + 3, len)) return 0;
        if (memchr(s, '.', n) && s[n - 1] == '.' && text_count_words(s, n) > 4) return 0;
        copy_out(out, cap, s + 3, len);
        return 1;
    }
    if (n > 9 && strncasecmp(s, "write to ", 9) == 0) {
        const char *at = NULL;
        for (size_t i = 9; i + 4 <= n; i++)
            if (memcmp(s + i, " at ", 4) == 0) {
                at = s + i;
                break;
            }
        if (!at) return 0;
        size_t len = (size_t)(at - (s + 9));
        if (text_count_words(s + 9, len) > 5 || !is_name_like(s + 9, len)) return 0;
        copy_out(out, cap, s + 9, len);
        return 1;
    }
    return 0;
}

int meta_email_outlet(const char *s, size_t n, char *out, size_t cap)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s) return 0;
    const char *d = at + 1, *end = s + n;
    const char *e = d;
    while (e < end && (isalnum((unsigned char)*e) || *e == '.' || *e == '-'))
        e++;
    while (e > d && e[-1] == '.')
        e--;
    const char *last_dot = NULL, *prev_dot = NULL;
    for (const char *p = d; p < e; p++)
        if (*p == '.') prev_dot = last_dot, last_dot = p;
    if (!last_dot) return 0;
    const char *label = prev_dot ? prev_dot + 1 : d;
    size_t len = (size_t)(last_dot - label);
    if (len == 0 || len >= cap) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = label[i];
        out[i] =
            (char)(len <= 4 ? toupper((unsigned char)c) : (i == 0 ? toupper((unsigned char)c) : c));
    }
    out[len] = '\0';
    return 1;
}

/* Separators that end a dateline, longest first. */
static size_t dateline_separator(const char *s, size_t n)
{
    /* clang-format off */
    static const char *seps[] = {" -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " _ ", " - ",
                                 "\xE2\x80\x94", "--"};
    /* clang-format on */
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t len = strlen(seps[k]);
        if (n >= len && memcmp(s, seps[k], len) == 0) return len;
    }
    return 0;
}

/* Nonzero when the word ending at the period s[dot] is a capitalized
 * abbreviation of at most five letters, as a state's in a dateline ("Ga.",
 * "Wyo.", "Calif."). */
static int short_abbreviation(const char *s, size_t dot)
{
    size_t start = dot;
    while (start > 0 && isalpha((unsigned char)s[start - 1]))
        start--;
    return dot - start <= 5 && isupper((unsigned char)s[start]) &&
           (start == 0 || s[start - 1] == ' ');
}

/* "London, England — ": capitalized words, a comma, one to three more,
 * then a dash; the length of the dateline with its dash, or 0, and in
 * *city the length of the place before the comma. */
static size_t titled_place(const char *s, size_t n, size_t *city)
{
    size_t i = 0, commas = 0, after_comma = 0;
    while (i < n && i < 60) {
        if (!isupper((unsigned char)s[i])) return 0;
        while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '.' || s[i] == '-'))
            i++;
        if (commas) after_comma++;
        if (i < n && s[i] == ',') {
            if (!commas) *city = i;
            commas++, i++;
        }
        if (i >= n || s[i] != ' ') return 0;
        size_t sep = dateline_separator(s + i, n - i);
        if (commas == 1 && after_comma >= 1 && after_comma <= 3 && (sep == 4 || sep == 5))
            return i + sep; /* " -- ", a spaced em or en dash */
        if (commas > 1) return 0;
        i++;
    }
    return 0;
}

size_t meta_dateline(const char *s, size_t n, char *out, size_t cap)
{
    size_t first_end = 0;
    while (first_end < n && isupper((unsigned char)s[first_end]))
        first_end++;
    if (first_end < 2) {
        size_t city = 0, skip = titled_place(s, n, &city);
        if (!skip) return 0;
        copy_out(out, cap, s, city);
        return skip < n ? skip : 0;
    }
    size_t place_end = 0;
    for (size_t i = 0; i < n && i < 80; i++) {
        size_t sep = dateline_separator(s + i, n - i);
        if (sep) {
            if (!place_end) place_end = i;
            size_t skip = i + sep;
            while (skip < n && s[skip] == ' ')
                skip++;
            copy_out(out, cap, s, trim_end(s, place_end));
            return skip < n ? skip : 0;
        }
        unsigned char c = (unsigned char)s[i];
        if ((c == ',' || c == '(') && !place_end) place_end = i;
        if (c == '.' && i + 1 < n && s[i + 1] == ' ' && i > 0 && islower((unsigned char)s[i - 1]) &&
            !short_abbreviation(s, i))
            return 0; /* a sentence ended: not a dateline */
        if (islower(c) && (i == 0 || s[i - 1] == ' ')) return 0;
    }
    return 0;
}
