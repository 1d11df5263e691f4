/*
 * html.c — a first pass over HTML articles.
 *
 * libxml2's forgiving HTML parser builds the tree; a depth-limited walk
 * writes the text of each block element on its own line and leaves out
 * elements that never carry the story (scripts, styles, navigation, headers,
 * footers, asides, forms, figures' captions, iframes, SVG). The flattened
 * lines then go through the same line classifier as scraped text (clean.c).
 * Limits: no DOM scoring yet; the page's chrome that is not in those
 * elements is left to the line classifier.
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#define HTML_MAX_DEPTH 256

int html_detect(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i >= n || s[i] != '<') return 0;
    static const char *openers[] = {"<!doctype html", "<html", "<head", "<body", "<article",
                                    "<div", "<p>", "<p ", "<!--"};
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
        size_t len = strlen(openers[k]);
        if (n - i >= len && strncasecmp(s + i, openers[k], len) == 0) return 1;
    }
    return 0;
}

static int is_skipped(const char *name)
{
    static const char *skipped[] = {"script", "style",  "noscript", "nav",    "header",
                                    "footer", "aside",  "form",     "iframe", "svg",
                                    "button", "select", "figcaption", "template", "head"};
    for (size_t k = 0; k < sizeof skipped / sizeof *skipped; k++)
        if (strcasecmp(name, skipped[k]) == 0) return 1;
    return 0;
}

static int is_block(const char *name)
{
    static const char *blocks[] = {"p",  "div", "h1", "h2", "h3",  "h4",         "h5",
                                   "h6", "li",  "tr", "br", "pre", "blockquote", "section",
                                   "article", "ul", "ol", "table", "dd", "dt", "figure"};
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        if (strcasecmp(name, blocks[k]) == 0) return 1;
    return 0;
}

/* Appends text with runs of whitespace collapsed to one space. */
static void put_collapsed(buf *out, const char *t)
{
    for (; *t; t++) {
        int space = *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r';
        if (space) {
            if (out->len && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\n')
                buf_putc(out, ' ');
        } else {
            buf_putc(out, *t);
        }
    }
}

static void end_line(buf *out)
{
    while (out->len && out->data[out->len - 1] == ' ') out->data[--out->len] = '\0';
    if (out->len && out->data[out->len - 1] != '\n') buf_puts(out, "\n");
}

static void walk(xmlNode *node, buf *out, int depth)
{
    for (; node && !out->failed; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) put_collapsed(out, (const char *)node->content);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)node->name;
        if (is_skipped(name)) continue;
        int block = is_block(name);
        if (block) end_line(out);
        if (depth < HTML_MAX_DEPTH) walk(node->children, out, depth + 1);
        if (block) end_line(out);
    }
}

static xmlNode *find_element(xmlNode *node, const char *name, int depth)
{
    for (; node && depth < HTML_MAX_DEPTH; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && strcasecmp((const char *)node->name, name) == 0)
            return node;
        xmlNode *found = find_element(node->children, name, depth + 1);
        if (found) return found;
    }
    return NULL;
}

void html_flatten(const char *s, size_t n, buf *out, arena *a, const char **title)
{
    *title = NULL;
    if (n > (size_t)1 << 30) return;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    htmlDocPtr doc = htmlReadMemory(s, (int)n, NULL, "UTF-8", options);
    if (!doc) return;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *t = find_element(root, "title", 0);
    if (t) {
        xmlChar *content = xmlNodeGetContent(t);
        if (content) {
            buf tb;
            buf_init(&tb, 1 << 16);
            put_collapsed(&tb, (const char *)content);
            end_line(&tb);
            if (tb.len > 1) *title = arena_strndup(a, tb.data, tb.len - 1);
            buf_free(&tb);
            xmlFree(content);
        }
    }
    xmlNode *body = find_element(root, "body", 0);
    walk(body ? body->children : root, out, 0);
    end_line(out);
    xmlFreeDoc(doc);
}
