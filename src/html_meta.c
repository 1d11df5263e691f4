/*
 * html_meta.c — an HTML page's metadata, each value with its source.
 *
 * One iterative walk over the whole tree (head included) collects
 * candidates; each field then takes the best-ranked one:
 *   title:  JSON-LD headline (its "name" when the <title> holds that and
 *           not the headline) > dc.title > og:title > twitter:title /
 *           parsely-title > <title> > the first <h1>; the site's name is
 *           then split off ("Headline | Site", "Site - Headline"), or a
 *           short name-like suffix when the site is unknown;
 *   outlet: JSON-LD publisher.name > og:site_name > the <title> suffix;
 *   byline: JSON-LD author name(s) > meta author / dc.creator / parsely >
 *           a visible byline (rel=author, itemprop=author, class byline or
 *           author), each through the shape rules of a person's name;
 *   date:   JSON-LD datePublished > article:published_time and kin,
 *           itemprop=datePublished, <time pubdate> > other date meta tags >
 *           JSON-LD dateCreated > <time datetime>.
 * Meta keys may hold several names separated by spaces; "dc:title" and
 * "DC.title" are the same key.
 * JSON-LD objects are read from arrays and @graph lists; only article-like
 * types (…Article, …Posting, Report, WebPage as a last resort) count.
 * Dates are taken as the page states the day (no time-zone shift): the
 * first ten characters of an ISO value, a Unix time in seconds or
 * milliseconds, or a written date (meta.c).
 */
#include <ctype.h>
#include <json-c/json.h>
#include <string.h>
#include <strings.h>

#include "html_dom.h"
#include "meta.h"

/* Candidate ranks: a value replaces one of lower rank only. */
enum { R_NONE = 0, R_LOW, R_LOWER_MID, R_MID, R_HIGH, R_HIGHER, R_TOP };

typedef struct slot {
    char value[256];
    const char *source;
    int rank;
} slot;

typedef struct found {
    slot title, site, byline, date, doc_title, h1, ld_name;
} found;

static void offer(slot *s, const char *v, size_t n, const char *source, int rank)
{
    if (rank <= s->rank || !v) return;
    while (n && isspace((unsigned char)*v))
        v++, n--;
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    if (!n) return;
    size_t k = 0; /* collapsed whitespace, at most 255 bytes */
    for (size_t i = 0; i < n && k + 1 < sizeof s->value; i++) {
        int sp = isspace((unsigned char)v[i]);
        if (sp && k && s->value[k - 1] == ' ') continue;
        s->value[k++] = sp ? ' ' : v[i];
    }
    s->value[k] = '\0';
    s->source = source;
    s->rank = rank;
}

/* ---------------------------------------------------------------- dates */

static int days_to_civil(long long z, int *y, int *m, int *d)
{
    z += 719468; /* days since 0000-03-01 */
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
    return *y >= 1900 && *y <= 2200;
}

/* "YYYY-MM-DD…", "YYYY/MM/DD", Unix seconds or milliseconds, or a written
 * date. Writes YYYY-MM-DD. */
static int parse_date(const char *v, char out[11])
{
    while (isspace((unsigned char)*v))
        v++;
    size_t digits = 0;
    while (isdigit((unsigned char)v[digits]))
        digits++;
    if (digits == 4 && (v[4] == '-' || v[4] == '/') && isdigit((unsigned char)v[5]) &&
        isdigit((unsigned char)v[6]) && v[7] == v[4] && isdigit((unsigned char)v[8]) &&
        isdigit((unsigned char)v[9])) {
        int mo = (v[5] - '0') * 10 + v[6] - '0', da = (v[8] - '0') * 10 + v[9] - '0';
        if (mo < 1 || mo > 12 || da < 1 || da > 31) return 0;
        memcpy(out, v, 10);
        out[4] = out[7] = '-';
        out[10] = '\0';
        return 1;
    }
    if ((digits == 10 || digits == 13) && !v[digits]) {
        long long t = 0;
        for (size_t i = 0; i < digits; i++)
            t = t * 10 + (v[i] - '0');
        if (digits == 13) t /= 1000;
        int y, m, d;
        if (!days_to_civil(t / 86400, &y, &m, &d)) return 0;
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return 1;
    }
    return meta_find_date(v, strlen(v), out);
}

static void offer_date(found *f, const char *v, const char *source, int rank)
{
    char day[11];
    if (v && rank > f->date.rank && parse_date(v, day)) offer(&f->date, day, 10, source, rank);
}

/* -------------------------------------------------------------- bylines */

/* A person's name (or a few, joined by commas and "and"): 1 to 12 words,
 * no digits, no e-mail or web address, most words capitalized, and none of
 * the words that only page chrome uses ("Minute Read", "Email The Author"). */
static int byline_shape(const char *s)
{
    /* clang-format off */
    static const char *junk[] = {"minute", "minutes", "min", "read", "email", "e-mail", "follow",
                                 "updated", "posted", "published", "share", "comments", "contact",
                                 "view", "profile", "posts", "more", "articles", "subscribe",
                                 "author", "the", "on", "at", "from", "am", "pm", "ago", "http",
                                 "https", "www", "twitter", "facebook"};
    /* clang-format on */
    int words = 0, caps = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ' && *p != ',')
            p++;
        size_t n = (size_t)(p - w);
        for (size_t i = 0; i < n; i++)
            if (isdigit((unsigned char)w[i]) || w[i] == '@' || w[i] == '/' || w[i] == '|') return 0;
        for (size_t k = 0; k < sizeof junk / sizeof *junk; k++)
            if (strlen(junk[k]) == n && strncasecmp(w, junk[k], n) == 0) return 0;
        words++;
        caps += isupper((unsigned char)w[0]) || ((unsigned char)w[0] & 0x80);
    }
    return words >= 1 && words <= 12 && caps * 2 > words;
}

/* Offers a byline after stripping "By " / "by:" and trailing separators. */
static void offer_byline(found *f, const char *v, const char *source, int rank)
{
    if (!v || rank <= f->byline.rank) return;
    char tmp[256];
    slot s = {{0}, NULL, 0};
    offer(&s, v, strlen(v), source, 1);
    const char *p = s.value;
    static const char *by[] = {"by ", "by:", "por ", "par ", "von ", "door ", "di "};
    for (size_t k = 0; k < sizeof by / sizeof *by; k++)
        if (strncasecmp(p, by[k], strlen(by[k])) == 0) {
            p += strlen(by[k]);
            break;
        }
    while (*p == ' ')
        p++;
    size_t n = strlen(p); /* shorter than s.value */
    memcpy(tmp, p, n + 1);
    for (;;) { /* trailing separators: space , | - – — */
        if (n && (tmp[n - 1] == ' ' || tmp[n - 1] == ',' || tmp[n - 1] == '|' || tmp[n - 1] == '-'))
            tmp[--n] = '\0';
        else if (n >= 3 && memcmp(tmp + n - 3, "\xE2\x80", 2) == 0 &&
                 ((unsigned char)tmp[n - 1] == 0x93 || (unsigned char)tmp[n - 1] == 0x94))
            tmp[n -= 3] = '\0';
        else
            break;
    }
    if (n && byline_shape(tmp)) offer(&f->byline, tmp, n, source, rank);
}

/* -------------------------------------------------------------- JSON-LD */

static int article_type(json_object *o, int *weak)
{
    json_object *t;
    *weak = 0;
    if (!json_object_object_get_ex(o, "@type", &t)) return 0;
    size_t n = json_object_is_type(t, json_type_array) ? json_object_array_length(t) : 1;
    for (size_t i = 0; i < n; i++) {
        json_object *e =
            json_object_is_type(t, json_type_array) ? json_object_array_get_idx(t, i) : t;
        if (!json_object_is_type(e, json_type_string)) continue;
        const char *s = json_object_get_string(e);
        size_t m = strlen(s);
        if ((m >= 7 && strcmp(s + m - 7, "Article") == 0) ||
            (m >= 7 && strcmp(s + m - 7, "Posting") == 0) || strcmp(s, "Report") == 0)
            return 1;
        if (strcmp(s, "WebPage") == 0) *weak = 1;
    }
    return *weak;
}

static const char *jstr(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v)) return NULL;
    return json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* Author names: a string, an object's "name", or an array of either,
 * joined by ", ". */
static void author_names(json_object *a, char *out, size_t cap)
{
    size_t n = json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 1;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 8; i++) {
        json_object *e =
            json_object_is_type(a, json_type_array) ? json_object_array_get_idx(a, i) : a;
        const char *name = json_object_is_type(e, json_type_string)   ? json_object_get_string(e)
                           : json_object_is_type(e, json_type_object) ? jstr(e, "name")
                                                                      : NULL;
        if (!name || !*name) continue;
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? ", " : "", name);
    }
}

static void read_ld_object(found *f, json_object *o)
{
    int weak;
    if (!article_type(o, &weak)) return;
    int rank = weak ? R_LOW : R_TOP;
    const char *h = jstr(o, "headline"), *name = jstr(o, "name");
    if (!h && !weak) h = name;
    if (h) offer(&f->title, h, strlen(h), "json-ld", rank);
    if (name && !weak) offer(&f->ld_name, name, strlen(name), "json-ld", rank);
    offer_date(f, jstr(o, "datePublished"), "json-ld", rank);
    json_object *num;
    if (json_object_object_get_ex(o, "datePublished", &num) &&
        json_object_is_type(num, json_type_int)) {
        char digits[24]; /* a Unix time */
        snprintf(digits, sizeof digits, "%lld", (long long)json_object_get_int64(num));
        offer_date(f, digits, "json-ld", rank);
    }
    offer_date(f, jstr(o, "dateCreated"), "json-ld", R_LOWER_MID); /* below the meta tags' */
    json_object *v;
    if (json_object_object_get_ex(o, "author", &v)) {
        char names[256];
        author_names(v, names, sizeof names);
        offer_byline(f, names, "json-ld", rank);
    }
    if (json_object_object_get_ex(o, "publisher", &v) && json_object_is_type(v, json_type_object)) {
        const char *p = jstr(v, "name");
        if (p) offer(&f->site, p, strlen(p), "json-ld", rank);
    }
}

static void read_ld_value(found *f, json_object *o, int depth)
{
    if (!o || depth > 4) return;
    if (json_object_is_type(o, json_type_array)) {
        size_t n = json_object_array_length(o);
        for (size_t i = 0; i < n && i < 64; i++)
            read_ld_value(f, json_object_array_get_idx(o, i), depth + 1);
        return;
    }
    if (!json_object_is_type(o, json_type_object)) return;
    json_object *g;
    if (json_object_object_get_ex(o, "@graph", &g)) read_ld_value(f, g, depth + 1);
    read_ld_object(f, o);
}

static void read_ld_script(found *f, const xmlNode *n)
{
    const xmlNode *t = n->children;
    if (!t || !t->content) return;
    const char *s = (const char *)t->content;
    while (isspace((unsigned char)*s))
        s++;
    if (strncmp(s, "<![CDATA[", 9) == 0) s += 9;
    s += strcspn(s, "{["); /* past white space or a comment opener */
    size_t len = strlen(s);
    if (len > (size_t)1 << 22) return;
    json_tokener *tok = json_tokener_new_ex(32);
    if (!tok) return;
    json_object *o = json_tokener_parse_ex(tok, s, (int)len);
    json_tokener_free(tok);
    read_ld_value(f, o, 0);
    json_object_put(o);
}

/* ---------------------------------------------------------------- meta */

/* Equal names, case folded, ':' and '.' alike ("dc:title", "DC.title"). */
static int key_is(const char *key, size_t n, const char *name)
{
    size_t i = 0;
    for (; i < n && name[i]; i++) {
        char a = (char)tolower((unsigned char)key[i]), b = name[i];
        if (a == ':') a = '.';
        if (b == ':') b = '.';
        if (a != b) return 0;
    }
    return i == n && !name[i];
}

static int key_in(const char *key, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (key_is(key, n, list[k])) return 1;
    return 0;
}

#define IN(list) key_in(key, n, list, sizeof list / sizeof *list)

/* One key of a <meta> tag (property, name and itemprop may each hold
 * several, separated by spaces). */
static void read_meta_key(found *f, const char *key, size_t n, const char *content, int itemprop)
{
    /* clang-format off */
    static const char *pub[] = {"article:published_time", "og:published_time",
                                "article:published", "og:article:published_time"};
    /* clang-format on */
    static const char *dates[] = {"date",
                                  "pubdate",
                                  "publishdate",
                                  "publish-date",
                                  "publish_date",
                                  "dc.date",
                                  "dc.date.issued",
                                  "dc.date.created",
                                  "dcterms.date",
                                  "dcterms.created",
                                  "dcterms.issued",
                                  "parsely-pub-date",
                                  "sailthru.date",
                                  "citation_date",
                                  "citation_publication_date",
                                  "article.published",
                                  "originalpublicationdate",
                                  "og:pubdate",
                                  "article_date_original",
                                  "datepublished",
                                  "pub_date",
                                  "rnews:datepublished",
                                  "displaydate",
                                  "publication_date"};
    /* clang-format off */
    static const char *authors[] = {"author", "dc.creator", "dc.creator.author", "parsely-author",
                                    "sailthru.author", "byl", "article:author_name",
                                    "citation_author", "dcterms.creator", "dcterm.creator"};
    /* clang-format on */
    static const char *best_titles[] = {"dc.title", "dcterm.title", "dcterms.title"};
    static const char *titles[] = {"og:title", "weibo:article:title", "weibo:webpage:title"};
    static const char *low_titles[] = {"title", "twitter:title", "parsely-title"};
    if (IN(best_titles))
        offer(&f->title, content, strlen(content), "meta title", R_HIGHER);
    else if (IN(titles))
        offer(&f->title, content, strlen(content), "open graph", R_HIGH);
    else if (IN(low_titles))
        offer(&f->title, content, strlen(content), "meta title", R_MID);
    else if (key_is(key, n, "og:site_name"))
        offer(&f->site, content, strlen(content), "open graph", R_HIGH);
    else if (IN(pub))
        offer_date(f, content, "open graph", R_HIGH);
    else if (itemprop && key_is(key, n, "datepublished"))
        offer_date(f, content, "itemprop", R_HIGH);
    else if (IN(dates))
        offer_date(f, content, "meta date", R_MID);
    else if (IN(authors))
        offer_byline(f, content, "meta author", R_HIGH);
}

static void read_meta_tag(found *f, const xmlNode *n)
{
    const char *content = html_attr(n, "content");
    if (!content || !*content) return;
    const char *keys[] = {html_attr(n, "property"), html_attr(n, "name"), html_attr(n, "itemprop")};
    for (size_t k = 0; k < 3; k++) {
        for (const char *p = keys[k]; p && *p;) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (len) read_meta_key(f, p, len, content, k == 2);
            p += len;
        }
    }
}

/* ----------------------------------------------------------------- walk */

static void node_text(const xmlNode *n, slot *s, const char *source, int rank)
{
    if (rank <= s->rank) return;
    xmlChar *c = xmlNodeGetContent((xmlNode *)(uintptr_t)n);
    if (!c) return;
    size_t len = strlen((const char *)c);
    if (len < 600) offer(s, (const char *)c, len, source, rank);
    xmlFree(c);
}

static int hint_has(const xmlNode *n, const char *attr, const char *word)
{
    const char *v = html_attr(n, attr);
    size_t m = strlen(word);
    for (; v && *v; v++)
        if ((*v | 32) == word[0] && strncasecmp(v, word, m) == 0) return 1;
    return 0;
}

static void visible_byline(found *f, const xmlNode *n, const char *name)
{
    if (f->byline.rank >= R_MID) return;
    const char *rel = html_attr(n, "rel");
    const char *ip = html_attr(n, "itemprop");
    int is = (rel && strcasecmp(rel, "author") == 0) || (ip && strcasecmp(ip, "author") == 0) ||
             hint_has(n, "class", "byline") || hint_has(n, "class", "author") ||
             hint_has(n, "id", "byline");
    if (!is || strcmp(name, "meta") == 0 || strcmp(name, "link") == 0) return;
    slot s = {{0}, NULL, 0};
    node_text(n, &s, "visible byline", 1);
    if (s.value[0]) offer_byline(f, s.value, "visible byline", R_MID);
}

static void visit(found *f, const xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (!name) return;
    if (!strchr("msth", name[0])) { /* none of meta, script, title, time, h1 */
        if (n->properties) visible_byline(f, n, name);
        return;
    }
    if (strcmp(name, "meta") == 0) {
        read_meta_tag(f, n);
    } else if (strcmp(name, "script") == 0) {
        const char *type = html_attr(n, "type");
        if (type && strcasecmp(type, "application/ld+json") == 0) read_ld_script(f, n);
        return;
    } else if (strcmp(name, "title") == 0) {
        node_text(n, &f->doc_title, "html <title>", R_LOW);
    } else if (strcmp(name, "h1") == 0) {
        node_text(n, &f->h1, "html <h1>", R_LOW);
    } else if (strcmp(name, "time") == 0) {
        const char *dt = html_attr(n, "datetime");
        const char *ip = html_attr(n, "itemprop");
        int pub = html_attr(n, "pubdate") || (ip && strcasecmp(ip, "datePublished") == 0);
        offer_date(f, dt, pub ? "itemprop" : "html <time>", pub ? R_HIGH : R_LOW);
    }
    visible_byline(f, n, name);
}

/* Strips the site's name when it ends or opens the title after a separator
 * ("Headline | Site", "Site - Headline"). */
static void strip_site(slot *t, const char *site)
{
    static const char *seps[] = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ", ": "};
    size_t n = strlen(t->value), m = strlen(site);
    if (!m || n <= m + 3) return;
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t sl = strlen(seps[k]);
        if (n > m + sl && strcasecmp(t->value + n - m, site) == 0 &&
            strncmp(t->value + n - m - sl, seps[k], sl) == 0) {
            t->value[n - m - sl] = '\0';
            return;
        }
        if (n > m + sl && strncasecmp(t->value, site, m) == 0 &&
            strncmp(t->value + m, seps[k], sl) == 0) {
            memmove(t->value, t->value + m + sl, n - m - sl + 1);
            return;
        }
    }
}

static void choose_title(found *f)
{
    /* JSON-LD "name" over "headline" when the page's <title> carries it */
    if (f->title.source && strcmp(f->title.source, "json-ld") == 0 && f->ld_name.value[0] &&
        strcasecmp(f->ld_name.value, f->site.value) != 0 &&
        strstr(f->doc_title.value, f->ld_name.value) && !strstr(f->doc_title.value, f->title.value))
        f->title = f->ld_name;
    if (!f->title.value[0]) f->title = f->doc_title;
    if (!f->title.value[0]) f->title = f->h1;
    if (!f->title.value[0]) return;
    size_t before = strlen(f->title.value);
    if (f->site.value[0]) strip_site(&f->title, f->site.value);
    if (strlen(f->title.value) != before) return;
    char outlet[128];
    size_t len = meta_title_suffix(f->title.value, before, outlet, sizeof outlet);
    if (!len) return;
    offer(&f->site, outlet, strlen(outlet), "title suffix", R_LOW);
    f->title.value[len] = '\0';
}

static const char *keep(arena *a, const slot *s, const char **source)
{
    if (!s->value[0]) return NULL;
    *source = s->source;
    return arena_strdup(a, s->value);
}

void html_meta_read(const hdoc *d, arena *a, html_meta *meta)
{
    found f;
    memset(&f, 0, sizeof f);
    xmlNode *root = xmlDocGetRootElement(d->doc);
    for (xmlNode *cur = root; cur;) {
        int descend = cur->type == XML_ELEMENT_NODE;
        if (descend) visit(&f, cur);
        if (descend && cur->children &&
            !(cur->name && strcmp((const char *)cur->name, "script") == 0)) {
            cur = cur->children;
            continue;
        }
        while (cur && cur != root && !cur->next)
            cur = cur->parent;
        cur = cur && cur != root ? cur->next : NULL;
    }
    choose_title(&f);
    meta->title = keep(a, &f.title, &meta->title_source);
    meta->site = keep(a, &f.site, &meta->site_source);
    meta->byline = keep(a, &f.byline, &meta->byline_source);
    meta->date = keep(a, &f.date, &meta->date_source);
}
