/*
 * html_removed.c — the blocks of an HTML page left out of the main content,
 * with the reason of each, for `chorus clean -f json`.
 *
 * A block is recorded once, at the outermost element that was left out:
 * elements dropped while indexing (navigation, headers, footers, asides,
 * forms, captions, elements whose class or id names chrome), chrome inside
 * the chosen blocks (link lists, share bars), and the indexed page text
 * outside the chosen blocks. Each keeps its first 200 bytes of text
 * (whitespace collapsed, cut at a character boundary) and the line of the
 * page where it starts; the list is sorted by that line and capped.
 */
#include <stdlib.h>
#include <string.h>

#include "html_dom.h"

#define BLOCK_TEXT_MAX 200
#define MAX_BLOCKS 512

typedef struct noted {
    removed_line r;
    long line;
    size_t seq;
} noted;

/* The reason a left-out element's markup gives. */
static int markup_reason(const hdoc *d, const xmlNode *n)
{
    static const struct {
        const char *word;
        int reason;
    } words[] = {
        {"share", REMOVED_WIDGET},
        {"social", REMOVED_WIDGET},
        {"comment", REMOVED_COMMENTS},
        {"disqus", REMOVED_COMMENTS},
        {"repl", REMOVED_COMMENTS},
        {"related", REMOVED_LINKS},
        {"recommend", REMOVED_LINKS},
        {"trending", REMOVED_LINKS},
        {"popular", REMOVED_LINKS},
        {"outbrain", REMOVED_LINKS},
        {"taboola", REMOVED_LINKS},
        {"caption", REMOVED_CAPTION},
        {"credit", REMOVED_CAPTION},
        {"byline", REMOVED_BYLINE},
        {"author", REMOVED_BYLINE},
        {"date", REMOVED_DATE},
        {"time", REMOVED_DATE},
        {"nav", REMOVED_NAVIGATION},
        {"menu", REMOVED_NAVIGATION},
        {"breadcrumb", REMOVED_NAVIGATION},
        {"pagination", REMOVED_NAVIGATION},
        {"footer", REMOVED_NAVIGATION},
        {"sidebar", REMOVED_NAVIGATION},
        {"masthead", REMOVED_NAVIGATION},
    };
    const char *name = (const char *)n->name;
    if (strcmp(name, "header") == 0) return REMOVED_HEADER;
    static const char *nav[] = {"nav", "footer", "aside", "menu"};
    for (size_t k = 0; k < sizeof nav / sizeof *nav; k++)
        if (strcmp(name, nav[k]) == 0) return REMOVED_NAVIGATION;
    if (strcmp(name, "figcaption") == 0) return REMOVED_CAPTION;
    const char *cls = html_attr(n, "class"), *id = html_attr(n, "id");
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (html_contains_ci(cls, words[k].word) || html_contains_ci(id, words[k].word))
            return words[k].reason;
    return REMOVED_WIDGET;
}

/* Appends the subtree's visible text to out, at most BLOCK_TEXT_MAX bytes. */
static void block_text(const xmlNode *root, buf *out)
{
    for (const xmlNode *cur = root; cur && out->len < BLOCK_TEXT_MAX;) {
        int descend = cur->type == XML_ELEMENT_NODE && cur->name &&
                      strcmp((const char *)cur->name, "script") != 0 &&
                      strcmp((const char *)cur->name, "style") != 0;
        if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) && cur->content) {
            if (out->len && out->data[out->len - 1] != ' ') buf_putc(out, ' ');
            html_put_collapsed(out, (const char *)cur->content);
        }
        if (descend && cur->children) {
            cur = cur->children;
            continue;
        }
        while (cur && cur != root && !cur->next)
            cur = cur->parent;
        cur = cur && cur != root ? cur->next : NULL;
    }
}

void html_note(hdoc *d, const xmlNode *n, int reason)
{
    if (!d->arena || VEC_COUNT(&d->removed, noted) >= MAX_BLOCKS) return;
    buf t;
    buf_init(&t, BLOCK_TEXT_MAX * 8);
    block_text(n, &t);
    size_t len = t.len;
    while (len && t.data[len - 1] == ' ')
        len--;
    size_t start = 0;
    while (start < len && t.data[start] == ' ')
        start++;
    if (len > start + BLOCK_TEXT_MAX) {
        len = start + BLOCK_TEXT_MAX;
        while (len > start && ((unsigned char)t.data[len] & 0xC0) == 0x80)
            len--;
    }
    if (len > start) {
        noted *e = vec_push(&d->removed, sizeof *e);
        if (e) {
            e->r.text = arena_strndup(d->arena, t.data + start, len - start);
            e->r.reason = (removal_reason)(reason >= 0 ? reason : markup_reason(d, n));
            e->line = xmlGetLineNo(n);
            e->r.line = e->line > 0 ? (uint32_t)e->line : 0;
            e->seq = VEC_COUNT(&d->removed, noted);
        }
    }
    buf_free(&t);
}

void html_note_outside(hdoc *d)
{
    size_t n = HDOC_COUNT(d);
    for (size_t i = 0; i < n; i++) { /* ancestors of chosen elements */
        hnode *h = HDOC_NODE(d, i);
        if (!(h->flags & HN_CHOSEN)) continue;
        for (int32_t p = h->parent; p >= 0 && !(HDOC_NODE(d, p)->flags & HN_PATH);
             p = HDOC_NODE(d, p)->parent)
            HDOC_NODE(d, p)->flags |= HN_PATH;
    }
    for (size_t i = 0; i < n; i++) { /* outermost elements off the path */
        hnode *h = HDOC_NODE(d, i);
        if (h->flags & (HN_CHOSEN | HN_PATH) || h->text == 0) continue;
        if (h->parent >= 0 && !(HDOC_NODE(d, h->parent)->flags & HN_PATH)) continue;
        html_note(d, h->node, REMOVED_OUTSIDE);
    }
}

static int by_line(const void *a, const void *b)
{
    const noted *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void html_removed_finish(hdoc *d, html_meta *meta)
{
    size_t n = VEC_COUNT(&d->removed, noted);
    if (!n || !d->arena) return;
    noted *all = (noted *)(void *)d->removed.data;
    qsort(all, n, sizeof *all, by_line);
    meta->removed = arena_alloc_array(d->arena, n, sizeof *meta->removed);
    if (!meta->removed) return;
    for (size_t i = 0; i < n; i++)
        meta->removed[i] = all[i].r;
    meta->n_removed = n;
}
