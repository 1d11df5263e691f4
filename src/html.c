/*
 * html.c — HTML articles: the element table and flattening (html_input.c
 * decodes the page, strips it and has libxml2 parse it).
 *
 * libxml2's forgiving HTML parser reads the page (XML_PARSE_HUGE: deep
 * pages are read to libxml2's huge depth limit) and html_tree.c builds its
 * tree in an arena. One iterative pre-order
 * walk (parent and sibling links, no recursion, so deeply nested pages
 * cannot exhaust the stack) indexes every element that may carry the story
 * into a flat table: its kind, its class/id hint, and the visible text,
 * link text, commas and sentence stops of its subtree (summed bottom-up in
 * reverse table order). Elements that never carry the story (navigation,
 * headers, footers, asides, form controls, captions, media, hidden
 * elements) and elements whose class or id names page chrome (comments,
 * share bars, related links, ...) are left out of the table with their
 * whole subtree; when that leaves under RETRY_BELOW bytes of story (a page
 * wrapping everything in a "with-sidebar" layout), the table is built again
 * keeping those, marked, and only the ones on the story's path count.
 * extract.c scores the table and picks the main content; html_meta.c reads
 * the metadata; html_removed.c lists what was left out; the flattener
 * writes the chosen subtrees as lines, one per block.
 */
#include "html.h"

#include <string.h>
#include <strings.h>

#include "html_dom.h"
#include "table.h"

#define RETRY_BELOW 500 /* bytes of main content */

int html_detect(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i >= n || s[i] != '<') return 0;
    /* clang-format off */
    static const char *openers[] = {"<!doctype html", "<html", "<head", "<body", "<article",
                                    "<div", "<p>", "<p ", "<!--", "<meta", "<?xml"};
    /* clang-format on */
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
        size_t len = strlen(openers[k]);
        if (n - i >= len && strncasecmp(s + i, openers[k], len) == 0) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------- elements */

static const struct {
    const char *name;
    uint8_t tag;
} tag_names[] = {
    /* sorted by name for bsearch */
    {"a", T_A},
    {"address", T_BLOCK},
    {"applet", T_DROP},
    {"article", T_ARTICLE},
    {"aside", T_DROP},
    {"audio", T_DROP},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},
    {"br", T_BR},
    {"button", T_DROP},
    {"canvas", T_DROP},
    {"caption", T_BLOCK},
    {"center", T_DIV},
    {"dd", T_DT_DD},
    {"details", T_BLOCK},
    {"dialog", T_DROP},
    {"div", T_DIV},
    {"dl", T_DL},
    {"dt", T_DT_DD},
    {"embed", T_DROP},
    {"fieldset", T_DROP},
    {"figcaption", T_DROP},
    {"figure", T_FIGURE},
    {"footer", T_DROP},
    {"form", T_FORM},
    {"frame", T_DROP},
    {"frameset", T_DROP},
    {"h1", T_HEADING},
    {"h2", T_HEADING},
    {"h3", T_HEADING},
    {"h4", T_HEADING},
    {"h5", T_HEADING},
    {"h6", T_HEADING},
    {"head", T_DROP},
    {"header", T_DROP},
    {"hr", T_HR},
    {"iframe", T_DROP},
    {"img", T_IMG},
    {"input", T_DROP},
    {"li", T_LI},
    {"link", T_DROP},
    {"main", T_MAIN},
    {"map", T_DROP},
    {"menu", T_DROP},
    {"meta", T_DROP},
    {"nav", T_DROP},
    {"noscript", T_DROP},
    {"object", T_DROP},
    {"ol", T_LIST},
    {"option", T_DROP},
    {"p", T_P},
    {"pre", T_PRE},
    {"script", T_DROP},
    {"section", T_SECTION},
    {"select", T_DROP},
    {"source", T_DROP},
    {"style", T_DROP},
    {"summary", T_BLOCK},
    {"svg", T_DROP},
    {"table", T_TABLE},
    {"tbody", T_BLOCK},
    {"td", T_CELL},
    {"template", T_DROP},
    {"textarea", T_DROP},
    {"tfoot", T_BLOCK},
    {"th", T_CELL},
    {"thead", T_BLOCK},
    {"time", T_TIME},
    {"title", T_DROP},
    {"tr", T_TR},
    {"ul", T_LIST},
    {"video", T_DROP},
};

static int tag_lookup(const char *name)
{
    long i = table_find(tag_names, TABLE_COUNT(tag_names), sizeof *tag_names, name, strlen(name));
    return i >= 0 ? tag_names[i].tag : T_INLINE;
}

/* Element names are interned per document by the parser: a small cache on
 * the name's address saves the search for all but the first of each. */
static int tag_of(hdoc *d, const xmlChar *name)
{
    size_t slot = ((uintptr_t)name >> 3) % HDOC_TAG_CACHE;
    if (d->tag_names[slot] != name) {
        d->tag_names[slot] = name;
        d->tag_kinds[slot] = (uint8_t)tag_lookup((const char *)name);
    }
    return d->tag_kinds[slot];
}

int htag_is_block(int tag)
{
    switch (tag) {
    case T_P:
    case T_DIV:
    case T_SECTION:
    case T_ARTICLE:
    case T_MAIN:
    case T_HEADING:
    case T_LI:
    case T_LIST:
    case T_DL:
    case T_DT_DD:
    case T_TABLE:
    case T_TR:
    case T_PRE:
    case T_BLOCKQUOTE:
    case T_FIGURE:
    case T_BODY:
    case T_HR:
    case T_FORM:
    case T_BLOCK:
        return 1;
    default:
        return 0;
    }
}

const char *html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) /* the parser lower-cases names */
        if (a->name && a->name[0] == (xmlChar)name[0] && strcmp((const char *)a->name, name) == 0)
            return a->children && a->children->type == XML_TEXT_NODE && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

int html_contains_ci(const char *s, const char *needle)
{
    if (!s) return 0;
    size_t m = strlen(needle);
    char lo = needle[0], up = (char)(needle[0] - 32);
    for (; *s; s++)
        if ((*s == lo || *s == up) && strncasecmp(s, needle, m) == 0) return 1;
    return 0;
}

/* The attributes indexing reads, gathered in one walk (each as html_attr
 * gives it: the first of its name). */
typedef struct read_attrs {
    const char *hidden, *aria_hidden, *style, *cls, *id, *role;
} read_attrs;

static void gather_attrs(const xmlNode *n, read_attrs *r)
{
    memset(r, 0, sizeof *r);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name, **slot = NULL;
        if (!name) continue;
        switch (name[0]) {
        case 'h':
            slot = strcmp(name, "hidden") == 0 ? &r->hidden : NULL;
            break;
        case 'a':
            slot = strcmp(name, "aria-hidden") == 0 ? &r->aria_hidden : NULL;
            break;
        case 's':
            slot = strcmp(name, "style") == 0 ? &r->style : NULL;
            break;
        case 'c':
            slot = strcmp(name, "class") == 0 ? &r->cls : NULL;
            break;
        case 'i':
            slot = strcmp(name, "id") == 0 ? &r->id : NULL;
            break;
        case 'r':
            slot = strcmp(name, "role") == 0 ? &r->role : NULL;
            break;
        default:
            break;
        }
        if (slot && !*slot)
            *slot = a->children && a->children->type == XML_TEXT_NODE && a->children->content
                        ? (const char *)a->children->content
                        : "";
    }
}

static int is_hidden(const read_attrs *r)
{
    if (r->hidden) return 1;
    const char *aria = r->aria_hidden;
    if (aria && strcasecmp(aria, "true") == 0) return 1;
    const char *style = r->style;
    return style &&
           (html_contains_ci(style, "display:none") || html_contains_ci(style, "display: none") ||
            html_contains_ci(style, "visibility:hidden") ||
            html_contains_ci(style, "visibility: hidden"));
}

/* Class and id words. A word is a run of letters; it names the story when it
 * is one of story_words, page chrome when it is one of chrome_words or starts
 * with one of chrome_stems. Strong chrome removes the element outright. */
/* clang-format off */
static const char *story_words[] = {"article", "articlebody", "body", "content", "entry",
                                    "hentry", "main", "post", "story", "text", "blog",
                                    "prose", "page"};
/* clang-format on */
static const char *chrome_words[] = {
    "ad",       "ads",       "nav",    "navbar",   "foot",    "rail",   "tags",    "tag",
    "print",    "login",     "skip",   "meta",     "byline",  "author", "caption", "credit",
    "dateline", "timestamp", "hidden", "masthead", "toolbar", "tools",  "icons",   "date",
    "share",    "sharing",   "social", "jump",     "overlay", "follow"};
/* clang-format off */
static const char *chrome_stems[] = {"comment", "footer", "sidebar", "related", "promo", "advert",
                                     "sponsor", "widget", "breadcrumb", "pagination", "pager",
                                     "popup", "modal", "cookie", "newsletter", "subscri",
                                     "signup", "outbrain", "taboola", "disqus", "banner", "menu",
                                     "recommend", "trending", "popular", "navigation",
                                     "shoutbox", "combx", "skyscraper"};
/* clang-format on */
/* chrome words that only lower the weight, never remove an element alone */
/* clang-format off */
static const char *soft_chrome[] = {"meta", "byline", "author", "caption", "credit", "dateline",
                                    "timestamp", "date", "tags", "tag", "tools", "icons", "foot",
                                    "print", "follow", "share", "sharing", "social", "jump",
                                    "overlay", "hidden", "login", "skip", "toolbar"};
/* clang-format on */

/* w[0..n) is a run of letters; the list's words are lower case. */
static int word_in(const char *w, size_t n, const char *const *list, size_t count, int stem)
{
    int first = w[0] | 32;
    for (size_t k = 0; k < count; k++) {
        const char *l = list[k];
        if (l[0] != first) continue;
        size_t j = 1;
        while (j < n && l[j] && (w[j] | 32) == l[j])
            j++;
        if (!l[j] && (stem || j == n)) return 1;
    }
    return 0;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

static void hint_words(const char *v, int *story, int *chrome, int *strong)
{
    while (*v) {
        while (*v && !((*v | 32) >= 'a' && (*v | 32) <= 'z'))
            v++;
        const char *w = v;
        while (*v && (*v | 32) >= 'a' && (*v | 32) <= 'z')
            v++;
        size_t n = (size_t)(v - w);
        if (!n) break;
        if (word_in(w, n, story_words, COUNT(story_words), 0)) *story = 1;
        int plain = word_in(w, n, chrome_words, COUNT(chrome_words), 0);
        int stem = word_in(w, n, chrome_stems, COUNT(chrome_stems), 1);
        if (plain || stem) {
            *chrome = 1;
            if (!word_in(w, n, soft_chrome, COUNT(soft_chrome), 0)) *strong = 1;
        }
    }
}

/* +1 story-like, -1 chrome-like, 0 neither or both; *drop when the element
 * is chrome outright. */
static int class_hint(const read_attrs *r, int tag, int *drop)
{
    int story = 0, chrome = 0, strong = 0;
    const char *v = r->cls;
    if (v) hint_words(v, &story, &chrome, &strong);
    v = r->id;
    if (v) hint_words(v, &story, &chrome, &strong);
    v = r->role;
    if (v && (strcasecmp(v, "navigation") == 0 || strcasecmp(v, "complementary") == 0 ||
              strcasecmp(v, "contentinfo") == 0 || strcasecmp(v, "banner") == 0 ||
              strcasecmp(v, "dialog") == 0 || strcasecmp(v, "menu") == 0))
        chrome = strong = 1;
    *drop = strong && !story && tag != T_BODY && tag != T_ARTICLE && tag != T_MAIN && tag != T_A;
    return story - chrome;
}

/* ---------------------------------------------------------------- table */

static void count_text(hdoc *d, const xmlNode *t)
{
    int32_t p = hdoc_index(t->parent);
    if (p < 0 || !t->content) return;
    hnode *h = HDOC_NODE(d, p);
    uint32_t len = 0, commas = 0, stops = 0;
    int space = 1;
    unsigned char prev = 0;
    for (const unsigned char *c = t->content; *c; c++) {
        if (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r') {
            if (!space) len++;
            stops += !space && (prev == '.' || prev == '!' || prev == '?');
            space = 1;
            prev = *c;
            continue;
        }
        space = 0;
        len++;
        if (*c == ',')
            commas++;
        else if (*c == 0xEF && c[1] == 0xBC && c[2] == 0x8C)
            commas++; /* ， */
        else if (*c == 0xE3 && c[1] == 0x80 && (c[2] == 0x81 || c[2] == 0x82))
            stops++; /* 、。 */
        prev = *c;
    }
    stops += prev == '.' || prev == '!' || prev == '?';
    h->text += len;
    h->commas += commas;
    h->stops += stops;
    if (h->flags & HN_IN_LINK) h->link_text += len;
}

/* Dropped elements whose text is worth listing as removed (scripts,
 * styles, the head and media hold none a reader sees). */
static int noted_drop(const char *name)
{
    static const char *names[] = {"nav",  "header",     "footer", "aside",
                                  "menu", "figcaption", "dialog"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0) return 1;
    return 0;
}

/* Indexes one element; returns nonzero when its children should be walked. */
static int add_element(hdoc *d, xmlNode *n)
{
    int tag = n->name ? tag_of(d, n->name) : T_INLINE;
    read_attrs r;
    gather_attrs(n, &r);
    if (is_hidden(&r)) return 0;
    if (tag == T_DROP) {
        if (noted_drop((const char *)n->name)) html_note(d, n, -1);
        return 0;
    }
    int drop = 0;
    int hint = class_hint(&r, tag, &drop);
    int32_t parent = hdoc_index(n->parent);
    if (drop && parent >= 0 && !d->lenient) { /* the root element always stays */
        d->chrome_dropped++;
        html_note(d, n, -1);
        return 0;
    }
    hnode *h = vec_push(&d->table, sizeof *h);
    if (!h) return 0;
    if (drop && parent >= 0) h->flags |= HN_CHROME;
    int32_t idx = (int32_t)(HDOC_COUNT(d) - 1);
    h->node = n;
    h->parent = parent;
    h->tag = (uint8_t)tag;
    h->hint = (int8_t)hint;
    if (parent >= 0) {
        hnode *ph = HDOC_NODE(d, parent);
        if (htag_is_block(tag)) ph->flags |= HN_HAS_BLOCK;
        if (ph->flags & HN_IN_LINK) h->flags |= HN_IN_LINK;
    }
    if (tag == T_A) h->flags |= HN_IN_LINK;
    if (tag == T_BODY && d->body == 0) d->body = idx;
    n->_private = (void *)(intptr_t)(idx + 1);
    return 1;
}

/* The next node in pre-order within root's subtree, or NULL. */
static xmlNode *next_node(xmlNode *cur, int descend, const xmlNode *root)
{
    if (descend && cur->children) return cur->children;
    while (cur && cur != root && !cur->next)
        cur = cur->parent;
    return cur && cur != root ? cur->next : NULL;
}

static void build_table(hdoc *d, xmlNode *root)
{
    for (xmlNode *cur = root; cur;) {
        int descend = 0;
        if (cur->type == XML_ELEMENT_NODE)
            descend = add_element(d, cur);
        else if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE)
            count_text(d, cur);
        cur = next_node(cur, descend, root);
    }
    /* bottom-up sums: children come after their parent in the table */
    for (size_t i = HDOC_COUNT(d); i-- > 1;) {
        hnode *h = HDOC_NODE(d, i);
        if (h->tag == T_P || (h->tag == T_DIV && !(h->flags & HN_HAS_BLOCK) && h->text >= 25))
            h->paras++;
        if (h->parent < 0) continue;
        hnode *p = HDOC_NODE(d, h->parent);
        p->text += h->text;
        p->link_text += h->link_text;
        p->commas += h->commas;
        p->paras += h->paras;
        p->stops += h->stops;
    }
}

/* ------------------------------------------------------------ flattening */

static int collapsed_space(const char *t, int *nbsp)
{
    *nbsp = (unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA0;
    return *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *nbsp;
}

/* html_put_collapsed near the buffer's limit: run by run, as far as it goes. */
static void put_collapsed_bounded(buf *out, const char *t)
{
    for (; *t && !out->failed; t++) {
        size_t run = 0; /* a run of plain bytes goes in one copy */
        while ((unsigned char)t[run] > ' ' && (unsigned char)t[run] != 0xC2)
            run++;
        if (run) {
            buf_put(out, t, run);
            t += run - 1;
            continue;
        }
        int nbsp;
        if (collapsed_space(t, &nbsp)) {
            t += nbsp;
            if (out->len && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\n')
                buf_putc(out, ' ');
        } else {
            buf_putc(out, *t);
        }
    }
}

void html_put_collapsed(buf *out, const char *t)
{
    size_t n = strlen(t);
    if (out->failed) return;
    if (out->len + n + 1 > out->limit) {
        put_collapsed_bounded(out, t);
        return;
    }
    if (!buf_reserve(out, n)) return; /* the text never grows: one byte out per byte in at most */
    char *o = out->data + out->len;
    for (; *t; t++) {
        if ((unsigned char)*t > ' ' && (unsigned char)*t != 0xC2) {
            *o++ = *t;
            continue;
        }
        int nbsp;
        if (collapsed_space(t, &nbsp)) {
            t += nbsp;
            if (o > out->data && o[-1] != ' ' && o[-1] != '\n') *o++ = ' ';
        } else {
            *o++ = *t;
        }
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

void html_end_line(buf *out)
{
    while (out->len && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    if (out->len && out->data[out->len - 1] != '\n') buf_puts(out, "\n");
}

/* Opens an element while flattening; returns nonzero to walk its children. */
static int flatten_enter(hdoc *d, xmlNode *n, int32_t top, buf *out, int clean)
{
    int32_t i = hdoc_index(n);
    if (i < 0) return 0;
    if (clean && i != top && extract_is_chrome(d, i)) {
        html_note(d, n, -1);
        return 0;
    }
    int tag = HDOC_NODE(d, i)->tag;
    if (htag_is_block(tag) || tag == T_BR)
        html_end_line(out);
    else if (tag == T_CELL && out->len && out->data[out->len - 1] != '\n')
        buf_putc(out, ' ');
    return n->children != NULL;
}

static void flatten_leave(const hdoc *d, const xmlNode *n, buf *out)
{
    int32_t i = hdoc_index(n);
    if (i >= 0 && htag_is_block(HDOC_NODE(d, i)->tag)) html_end_line(out);
}

void html_flatten_node(hdoc *d, int32_t top, buf *out, int clean)
{
    xmlNode *root = HDOC_NODE(d, top)->node, *cur = root;
    while (cur && !out->failed) {
        int descend = 0;
        if (cur->type == XML_ELEMENT_NODE) {
            descend = flatten_enter(d, cur, top, out, clean);
            if (!descend) flatten_leave(d, cur, out);
        } else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
                   cur->content) {
            html_put_collapsed(out, (const char *)cur->content);
        }
        if (descend) {
            cur = cur->children;
            continue;
        }
        while (cur != root && !cur->next) {
            cur = cur->parent;
            flatten_leave(d, cur, out);
        }
        if (cur == root) break;
        cur = cur->next;
    }
    html_end_line(out);
}

/* Scores the table and writes the main content, or the whole body when no
 * main content stands out. */
static void extract_or_flatten(hdoc *d, buf *out)
{
    if (HDOC_COUNT(d) && !extract_main(d, out)) {
        HDOC_NODE(d, d->body)->flags |= HN_CHOSEN;
        html_flatten_node(d, d->body, out, 1);
    }
}

static void reset_table(hdoc *d)
{
    for (size_t i = 0; i < HDOC_COUNT(d); i++)
        HDOC_NODE(d, i)->node->_private = NULL;
    buf_reset(&d->table);
    buf_reset(&d->removed);
    d->body = 0;
}

void html_extract(const char *s, size_t n, buf *out, arena *a, html_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    if (n == 0 || n > (size_t)1 << 30) return;
    html_tree tree;
    htmlDocPtr doc = html_parse_page(s, n, &tree);
    if (!doc) {
        html_tree_free(&tree);
        return;
    }
    hdoc d = {.doc = doc, .body = 0, .arena = a};
    buf_init(&d.table, HDOC_MAX_NODES * sizeof(hnode));
    buf_init(&d.removed, 0);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        build_table(&d, root);
        html_meta_read(&d, a, meta);
        size_t start = out->len;
        extract_or_flatten(&d, out);
        /* A page that wraps its story in a chrome-named element (a layout
         * "with-sidebar") loses it all: read it again keeping those. */
        if (out->len - start < RETRY_BELOW && d.chrome_dropped) {
            out->len = start;
            if (out->data) out->data[start] = '\0';
            reset_table(&d);
            d.lenient = 1;
            build_table(&d, root);
            extract_or_flatten(&d, out);
        }
        html_note_outside(&d);
        html_removed_finish(&d, meta);
    }
    buf_free(&d.table);
    buf_free(&d.removed);
    html_tree_free(&tree);
}
