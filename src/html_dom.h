/* html_dom.h — the parsed page as a flat table of elements, shared by
 * html.c (parsing, flattening), extract.c (main-content scoring) and
 * html_meta.c (metadata). Internal to the library. */
#ifndef CHORUS_HTML_DOM_H
#define CHORUS_HTML_DOM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "html.h"

/* Element kinds the scorer and the flattener tell apart. */
typedef enum htag {
    T_OTHER = 0,
    T_INLINE,
    T_A,
    T_BR,
    T_IMG,
    T_P,
    T_DIV,
    T_SECTION,
    T_ARTICLE,
    T_MAIN,
    T_HEADING,
    T_LI,
    T_LIST,
    T_DL,
    T_DT_DD,
    T_TABLE,
    T_TR,
    T_CELL,
    T_PRE,
    T_BLOCKQUOTE,
    T_FIGURE,
    T_BODY,
    T_TIME,
    T_HR,
    T_FORM,
    T_BLOCK, /* other block elements */
    T_DROP   /* never carries the story: script, style, nav, form, ... */
} htag;

enum hnode_flags {
    HN_HAS_BLOCK = 1, /* a child element is a block */
    HN_IN_LINK = 2,   /* inside an <a> */
    HN_SCORED = 4,    /* has a content score (a candidate) */
    HN_CHOSEN = 8,    /* written as (part of) the main content */
    HN_PATH = 16,     /* an ancestor of a chosen element */
    HN_CHROME = 32,   /* class or id names chrome (kept only when reading leniently) */
};

typedef struct hnode {
    xmlNode *node;
    int32_t parent;     /* index, -1 for the root */
    uint32_t text;      /* visible text bytes in the subtree, whitespace runs counted once */
    uint32_t link_text; /* the part of text inside links */
    uint32_t commas;    /* commas in the subtree's text */
    uint32_t stops;     /* sentence stops (. ! ? before a space, 。) */
    uint32_t paras;     /* paragraphs in the subtree */
    uint8_t tag;        /* htag */
    uint8_t flags;
    int8_t hint; /* class and id: +1 story-like, -1 chrome-like, 0 */
    float score; /* content score (extract.c) */
} hnode;

/* Hard limit on the elements indexed per page; beyond it the rest of the page
 * is not indexed (best effort). */
#define HDOC_MAX_NODES ((size_t)1 << 21)

#define HDOC_TAG_CACHE 127

typedef struct hdoc {
    htmlDocPtr doc;
    buf table;                                /* hnode */
    int32_t body;                             /* index of <body>, or of the root element */
    int lenient;                              /* keep elements whose class or id names chrome */
    size_t chrome_dropped;                    /* elements left out for their class or id */
    arena *arena;                             /* for the removed blocks' texts */
    const xmlChar *tag_names[HDOC_TAG_CACHE]; /* element kinds by interned name */
    uint8_t tag_kinds[HDOC_TAG_CACHE];
    buf removed; /* html_note: the blocks left out, with their reasons */
} hdoc;

#define HDOC_NODE(d, i) (&VEC_AT(&(d)->table, hnode, i))
#define HDOC_COUNT(d) VEC_COUNT(&(d)->table, hnode)

/* A parsed page: libxml2's tree structures in an arena (html_tree.c). */
typedef struct html_tree {
    xmlDoc *doc;
    arena mem;  /* every node, attribute and text of the tree */
    void *ctxt; /* the parser context: it owns the element and attribute names */
} html_tree;

/* html_input.c: the page decoded, stripped and parsed into t (NULL when
 * libxml2 gives no document). Free t with html_tree_free in any case. */
htmlDocPtr html_parse_page(const char *s, size_t n, html_tree *t);

/* html_tree.c: s[0..n) (UTF-8) parsed with libxml2's HTML parser and the
 * htmlReadMemory options given, the tree built in t as libxml2 builds it. */
htmlDocPtr html_tree_parse(html_tree *t, const char *s, size_t n, int options);
void html_tree_free(html_tree *t);

/* Index of an indexed element, or -1 (dropped subtrees are not indexed). */
static inline int32_t hdoc_index(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->_private ? (int32_t)((intptr_t)n->_private - 1)
                                                           : -1;
}

/* The value of an attribute (no allocation; NULL when absent or not plain). */
const char *html_attr(const xmlNode *n, const char *name);

/* Nonzero when s (NULL: none) holds needle, case folded; needle is lower
 * case and starts with a letter. */
int html_contains_ci(const char *s, const char *needle);

/* Nonzero when the element kind starts a new line of text. */
int htag_is_block(int tag);

/* Appends text with runs of whitespace collapsed to one space. */
void html_put_collapsed(buf *out, const char *t);
/* Ends the current line (trailing spaces dropped). */
void html_end_line(buf *out);

/* Writes the visible text of the subtree at index i, one line per block,
 * leaving out what extract.c judges to be chrome inside it. */
void html_flatten_node(hdoc *d, int32_t i, buf *out, int clean);

/* html_removed.c: records a block left out of the main content (its first
 * bytes of text, its line in the page, why); blocks without text are not
 * recorded. reason < 0 lets the block's markup decide. */
void html_note(hdoc *d, const xmlNode *n, int reason);
/* Records the page's text outside the chosen blocks (HN_CHOSEN). */
void html_note_outside(hdoc *d);
/* Hands the recorded blocks over, in page order. */
void html_removed_finish(hdoc *d, html_meta *meta);

/* html_meta.c: the page's metadata. */
void html_meta_read(const hdoc *d, arena *a, html_meta *meta);

/* extract.c: scores the table and writes the main content's lines to out.
 * Returns the number of top-level blocks written (0: no candidate found). */
int extract_main(hdoc *d, buf *out);
/* extract.c: nonzero when the element at index i is chrome that the flattener
 * leaves out of the main content (a link list, a share bar, a byline box). */
int extract_is_chrome(const hdoc *d, int32_t i);

#endif
