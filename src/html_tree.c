/*
 * html_tree.c — libxml2's HTML parser with the tree built in an arena.
 *
 * libxml2's own tree builder (SAX2.c) mallocs every element, attribute and
 * text node and frees them one by one; building and freeing that tree was
 * a third of chorus's time on a page. The parser itself decides the tree's
 * shape (implied and auto-closed elements, misplaced tags) and reports it
 * as SAX events; the handlers below build the same xmlNode structures
 * SAX2.c would, with the same rules, from one arena freed at once:
 *
 * - an element becomes the child of the current element; with none, the
 *   document's first child when there is none yet, else it joins the
 *   first child: as its child when that is an element, as its sibling when
 *   it is a doctype, comment or processing instruction;
 * - an element's name loses a namespace prefix ("fb:like" is "like"), as
 *   SAX2.c's xmlSplitQName does; attribute names are kept whole, and the
 *   value-less boolean attributes of HTML 4 take their name as value;
 * - text joins the current element's last child when that is text, else
 *   makes a new text node; text outside any element is dropped; script and
 *   style content is CDATA, joined the same way;
 * - line numbers as SAX2.c sets them (capped at 65535), so xmlGetLineNo
 *   answers the same.
 *
 * The parser context lives as long as the tree: element and attribute
 * names are the parser's interned strings.
 */
#include <libxml/parserInternals.h>
#include <string.h>

#include "html_dom.h"

#define TREE_MAX_DEPTH ((size_t)1 << 22) /* open elements */

typedef struct builder {
    html_tree *t;
    xmlParserCtxtPtr ctxt;
    xmlNode *node; /* the current element, NULL at the top */
    buf stack;     /* xmlNode *: the open elements below the current one */
    xmlNode *grow; /* the text node whose content may grow in place */
    size_t grow_len, grow_cap;
    int has_first; /* the document has a first child */
} builder;

static builder *of(void *ctx)
{
    return (builder *)((xmlParserCtxtPtr)ctx)->_private;
}

static xmlNode *new_node(builder *b, xmlElementType type)
{
    xmlNode *n = arena_alloc(&b->t->mem, sizeof *n);
    if (!n) {
        xmlStopParser(b->ctxt);
        return NULL;
    }
    n->type = type;
    n->doc = b->t->doc;
    return n;
}

static unsigned short capped_line(const builder *b)
{
    int line = b->ctxt->input ? b->ctxt->input->line : 0;
    return (unsigned short)(line < 65535 ? line : 65535);
}

static void append_child(xmlNode *parent, xmlNode *n)
{
    n->parent = parent;
    n->prev = parent->last;
    if (parent->last)
        parent->last->next = n;
    else
        parent->children = n;
    parent->last = n;
}

/* Appends n to the document's children (xmlAddChild on the document). */
static void append_top(builder *b, xmlNode *n)
{
    xmlDoc *d = b->t->doc;
    n->parent = (xmlNode *)d;
    n->prev = d->last;
    if (d->last)
        d->last->next = n;
    else
        d->children = n;
    d->last = n;
    b->has_first = 1;
}

/* Where SAX2.c puts a comment or processing instruction. */
static void place_misc(builder *b, xmlNode *n)
{
    if (!b->t->doc->children || !b->node)
        append_top(b, n);
    else
        append_child(b->node, n);
}

static char *copy(builder *b, const xmlChar *s, size_t n)
{
    char *c = arena_strndup(&b->t->mem, s ? (const char *)s : "", s ? n : 0);
    if (!c) xmlStopParser(b->ctxt);
    return c;
}

/* "p:name" is "name" (a leading colon, or none after it, keeps it whole). */
static const xmlChar *local_name(builder *b, const xmlChar *full)
{
    const xmlChar *colon = full[0] == ':' ? NULL : (const xmlChar *)strchr((const char *)full, ':');
    if (!colon || !colon[1]) return full;
    return (const xmlChar *)copy(b, colon + 1, strlen((const char *)colon + 1));
}

/* A value-less attribute libxml2 gives its own name as value ("checked"). */
static const xmlChar *boolean_value(const xmlChar *name)
{
    /* clang-format off */
    static const char *names[] = {"checked", "compact", "declare",  "defer",    "disabled",
                                  "ismap",   "multiple", "nohref",  "noresize", "noshade",
                                  "nowrap",  "readonly", "selected"};
    /* clang-format on */
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp((const char *)name, names[k]) == 0) return name;
    return NULL;
}

static void add_attributes(builder *b, xmlNode *el, const xmlChar **atts)
{
    xmlAttr *last = NULL;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        xmlAttr *a = arena_alloc(&b->t->mem, sizeof *a);
        if (!a) {
            xmlStopParser(b->ctxt);
            return;
        }
        a->type = XML_ATTRIBUTE_NODE;
        a->name = atts[i];
        a->parent = el;
        a->doc = b->t->doc;
        const xmlChar *value = atts[i + 1] ? atts[i + 1] : boolean_value(atts[i]);
        if (value) {
            xmlNode *v = new_node(b, XML_TEXT_NODE);
            if (!v) return;
            v->name = xmlStringText;
            v->content = (xmlChar *)copy(b, value, strlen((const char *)value));
            v->parent = (xmlNode *)a;
            a->children = a->last = v;
        }
        a->prev = last;
        if (last)
            last->next = a;
        else
            el->properties = a;
        last = a;
    }
}

static void on_start(void *ctx, const xmlChar *fullname, const xmlChar **atts)
{
    builder *b = of(ctx);
    if (!fullname) return;
    xmlNode *parent = b->node, *el = new_node(b, XML_ELEMENT_NODE);
    if (!el || !(el->name = local_name(b, fullname))) return;
    if (b->ctxt->linenumbers) el->line = capped_line(b);
    xmlNode **slot = vec_push(&b->stack, sizeof *slot);
    if (!slot) {
        xmlStopParser(b->ctxt);
        return;
    }
    *slot = b->node;
    b->node = el;
    b->grow = NULL;
    if (!b->has_first)
        append_top(b, el);
    else if (!parent)
        parent = b->t->doc->children;
    if (parent && parent->type == XML_ELEMENT_NODE)
        append_child(parent, el);
    else if (parent)
        append_top(b, el); /* a sibling of the doctype or comment */
    add_attributes(b, el, atts);
}

static void on_end(void *ctx, const xmlChar *name)
{
    (void)name;
    builder *b = of(ctx);
    size_t n = VEC_COUNT(&b->stack, xmlNode *);
    b->node = n ? VEC_AT(&b->stack, xmlNode *, n - 1) : NULL;
    if (n) b->stack.len -= sizeof(xmlNode *);
    b->grow = NULL;
}

/* Appends s[0..len) to the text or CDATA node t. */
static void grow_text(builder *b, xmlNode *t, const xmlChar *s, size_t len)
{
    if (b->grow != t) { /* not the node being grown: measure it */
        b->grow = t;
        b->grow_len = b->grow_cap = strlen((const char *)t->content);
    }
    if (b->grow_len + len + 1 > b->grow_cap) {
        size_t cap = (b->grow_len + len + 1) * 2;
        char *c = arena_alloc(&b->t->mem, cap);
        if (!c) {
            xmlStopParser(b->ctxt);
            return;
        }
        memcpy(c, t->content, b->grow_len);
        t->content = (xmlChar *)c;
        b->grow_cap = cap;
    }
    memcpy(t->content + b->grow_len, s, len);
    b->grow_len += len;
    t->content[b->grow_len] = '\0';
}

static void add_text(builder *b, const xmlChar *s, int len, xmlElementType type)
{
    if (!b->node || len < 0) return;
    xmlNode *last = b->node->last;
    if (last && last->type == type) {
        grow_text(b, last, s, (size_t)len);
        return;
    }
    xmlNode *t = new_node(b, type);
    if (!t || !(t->content = (xmlChar *)copy(b, s, (size_t)len))) return;
    if (type == XML_TEXT_NODE) {
        t->name = xmlStringText;
        if (b->ctxt->linenumbers) t->line = capped_line(b);
    }
    append_child(b->node, t);
    b->grow = t;
    b->grow_len = b->grow_cap = (size_t)len;
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
    add_text(of(ctx), s, len, XML_TEXT_NODE);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
    add_text(of(ctx), s, len, XML_CDATA_SECTION_NODE);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    builder *b = of(ctx);
    xmlNode *c = new_node(b, XML_COMMENT_NODE);
    if (!c || !(c->content = (xmlChar *)copy(b, value, value ? strlen((const char *)value) : 0)))
        return;
    c->name = xmlStringComment;
    if (b->ctxt->linenumbers) c->line = capped_line(b);
    place_misc(b, c);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    builder *b = of(ctx);
    xmlNode *p = new_node(b, XML_PI_NODE);
    if (!p || !target ||
        !(p->name = (const xmlChar *)copy(b, target, strlen((const char *)target))))
        return;
    if (data && !(p->content = (xmlChar *)copy(b, data, strlen((const char *)data)))) return;
    if (b->ctxt->linenumbers) p->line = capped_line(b);
    place_misc(b, p);
}

/* A doctype: the document's first child (the first one counts). */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external,
                       const xmlChar *system)
{
    (void)name, (void)external, (void)system;
    builder *b = of(ctx);
    if (b->t->doc->intSubset) return;
    xmlDtd *dtd = arena_alloc(&b->t->mem, sizeof *dtd);
    if (!dtd) {
        xmlStopParser(b->ctxt);
        return;
    }
    xmlDoc *d = b->t->doc;
    dtd->type = XML_DTD_NODE;
    dtd->doc = d;
    dtd->parent = d;
    d->intSubset = dtd;
    xmlNode *n = (xmlNode *)dtd;
    n->next = d->children;
    if (d->children)
        d->children->prev = n;
    else
        d->last = n;
    d->children = n;
    b->has_first = 1;
}

static const xmlSAXHandler handlers = {
    .internalSubset = on_doctype,
    .startElement = on_start,
    .endElement = on_end,
    .characters = on_characters,
    .cdataBlock = on_cdata,
    .processingInstruction = on_pi,
    .comment = on_comment,
    .initialized = 1,
};

htmlDocPtr html_tree_parse(html_tree *t, const char *s, size_t n, int options)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->mem, 0);
    if (n > INT32_MAX) return NULL;
    t->doc = arena_alloc(&t->mem, sizeof *t->doc);
    if (!t->doc) return NULL;
    t->doc->type = XML_HTML_DOCUMENT_NODE;
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(s, (int)n);
    if (!ctxt) return NULL;
    t->ctxt = ctxt;
    builder b = {.t = t, .ctxt = ctxt};
    buf_init(&b.stack, TREE_MAX_DEPTH * sizeof(xmlNode *));
    memcpy(ctxt->sax, &handlers, sizeof handlers);
    ctxt->_private = &b;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8) {
        xmlSwitchToEncoding(ctxt, utf8);
        if (ctxt->input->encoding) xmlFree((xmlChar *)(uintptr_t)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(ctxt);
    ctxt->_private = NULL;
    buf_free(&b.stack);
    if (t->mem.failed) return NULL; /* cut short: no document, as when out of memory */
    return t->doc;
}

void html_tree_free(html_tree *t)
{
    if (t->ctxt) xmlFreeParserCtxt(t->ctxt);
    arena_free(&t->mem);
    memset(t, 0, sizeof *t);
}
