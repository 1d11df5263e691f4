/*
 * extract.c — the main content of an HTML page, chosen by scoring the
 * element table that html.c built.
 *
 * 1. Paragraph scores. Every paragraph-like element (a <p>, <pre> or table
 *    cell, or a container holding only inline content) with at least 25
 *    bytes of text is worth 1 + its commas + half its sentence stops + one
 *    point per 100 bytes of text (at most 3). The worth goes to its parent
 *    in full, to its grandparent by half and to the two ancestors above by a
 *    sixth and a ninth: the element that holds most prose collects most.
 * 2. Candidates. An ancestor that received any worth starts from a base by
 *    kind (article +10, div +5, section, pre, cell, blockquote +3, lists -3,
 *    headings -5) and 25 points per class/id hint (story +, chrome -); its
 *    total is then scaled by (1 - link density), so menus and link lists
 *    sink however long they are.
 * 3. Selection. When two other candidates within three quarters of the
 *    best lie under one near ancestor of it (a story split into steps or
 *    sections), that ancestor is the best. The best climbs to its parent
 *    while the parent holds little more text than it (a lone wrapper); then
 *    each sibling under the same parent joins when its own score reaches a
 *    fifth of the best (at least 10), when it holds prose (a paragraph, a
 *    sentence stop, 200 bytes, few links), or when it is a paragraph: over
 *    80 bytes with link density under a quarter, or a shorter one without
 *    links that ends a sentence; a heading joins with the block it heads.
 *    Joined blocks keep document order.
 * 4. Inside the chosen blocks the flattener leaves out chrome: containers
 *    that are mostly links (related-article lists, tag lists, share bars) or
 *    small with a chrome hint, lists that are mostly links, small forms,
 *    headings that are links, and short inline elements with a chrome hint
 *    (bylines, captions, date stamps).
 * A page where no candidate holds 140 bytes of text gives no main content
 * (html.c then flattens the whole body with the same chrome rules).
 */
#include "html_dom.h"

#define PARA_MIN_TEXT 25
#define MAIN_MIN_TEXT 140
#define HINT_WEIGHT 25.0f

static float link_density(const hnode *h)
{
    return h->text ? (float)h->link_text / (float)h->text : 0.0f;
}

static int is_container(int tag)
{
    return tag == T_DIV || tag == T_SECTION || tag == T_ARTICLE || tag == T_MAIN ||
           tag == T_BLOCKQUOTE || tag == T_BLOCK || tag == T_FIGURE;
}

static int paragraph_like(const hnode *h)
{
    if (h->tag == T_P || h->tag == T_PRE || h->tag == T_CELL) return 1;
    return is_container(h->tag) && !(h->flags & HN_HAS_BLOCK);
}

static float kind_base(int tag)
{
    switch (tag) {
    case T_ARTICLE:
        return 10;
    case T_DIV:
    case T_MAIN:
        return 5;
    case T_SECTION:
    case T_PRE:
    case T_CELL:
    case T_BLOCKQUOTE:
        return 3;
    case T_LIST:
    case T_LI:
    case T_DL:
    case T_DT_DD:
    case T_FORM:
        return -3;
    case T_HEADING:
        return -5;
    default:
        return 0;
    }
}

static void credit(hdoc *d, int32_t i, float worth)
{
    hnode *h = HDOC_NODE(d, i);
    if (!(h->flags & HN_SCORED)) {
        h->flags |= HN_SCORED;
        h->score = kind_base(h->tag) + HINT_WEIGHT * (float)h->hint;
    }
    h->score += worth;
}

static void score_paragraphs(hdoc *d)
{
    static const float share[] = {1.0f, 0.5f, 1.0f / 6, 1.0f / 9};
    size_t n = HDOC_COUNT(d);
    for (size_t i = 0; i < n; i++) {
        const hnode *h = HDOC_NODE(d, i);
        if (!paragraph_like(h) || h->text < PARA_MIN_TEXT) continue;
        float length = (float)h->text / 100.0f;
        float worth = 1.0f + (float)h->commas + 0.5f * (float)h->stops + (length < 3 ? length : 3);
        int32_t p = h->parent;
        for (size_t level = 0; level < 4 && p >= 0; level++) {
            credit(d, p, worth * share[level]);
            p = HDOC_NODE(d, p)->parent;
        }
    }
}

#define TOP_K 6

/* Scales each candidate by (1 - link density) and keeps the TOP_K best,
 * best first, in top[]; returns how many. */
static size_t top_candidates(hdoc *d, int32_t top[TOP_K])
{
    size_t k = 0;
    for (size_t i = 0; i < HDOC_COUNT(d); i++) {
        hnode *h = HDOC_NODE(d, i);
        if (!(h->flags & HN_SCORED)) continue;
        h->score *= 1.0f - link_density(h);
        size_t at = k < TOP_K ? k++ : TOP_K;
        while (at > 0 && HDOC_NODE(d, top[at - 1])->score < h->score) {
            if (at < TOP_K) top[at] = top[at - 1];
            at--;
        }
        if (at < TOP_K) top[at] = (int32_t)i;
    }
    return k;
}

#define NEAR_LEVELS 64 /* how far up the story's blocks are looked for */

/* Nonzero when a is x or one of its NEAR_LEVELS nearest ancestors (bounded,
 * so that a page nested thousands deep stays linear). */
static int is_ancestor(const hdoc *d, int32_t a, int32_t x)
{
    for (int up = 0; x >= 0 && up <= NEAR_LEVELS; x = HDOC_NODE(d, x)->parent, up++)
        if (x == a) return 1;
    return 0;
}

/* A story split into several blocks (one per section or step) gives several
 * close candidates: when two others within three quarters of the best score
 * lie under one ancestor of the best, that ancestor is the story. */
/* Elements named like chrome that hold the story (read leniently, see
 * html.c) are not chrome: clears the mark from x and its ancestors. */
static void unmark_path(hdoc *d, int32_t x)
{
    for (; x >= 0; x = HDOC_NODE(d, x)->parent)
        HDOC_NODE(d, x)->flags &= (uint8_t)~HN_CHROME;
}

static int32_t best_candidate(hdoc *d)
{
    int32_t top[TOP_K];
    size_t k = top_candidates(d, top);
    if (!k) return -1;
    int32_t best = top[0];
    float close = HDOC_NODE(d, best)->score * 0.75f;
    int32_t a = HDOC_NODE(d, best)->parent;
    for (int up = 0; a >= 0 && a != d->body && up < NEAR_LEVELS;
         a = HDOC_NODE(d, a)->parent, up++) {
        int under = 0;
        for (size_t j = 1; j < k; j++)
            under += HDOC_NODE(d, top[j])->score >= close && is_ancestor(d, a, top[j]);
        if (under >= 2) {
            best = a;
            break;
        }
    }
    for (size_t j = 0; j < k; j++)
        if (is_ancestor(d, best, top[j])) unmark_path(d, top[j]);
    return best;
}

/* A lone wrapper: the parent adds at most a seventh of text to the child. */
static int32_t climb(const hdoc *d, int32_t best)
{
    for (;;) {
        const hnode *h = HDOC_NODE(d, best);
        if (h->parent < 0 || h->parent == d->body) return best;
        const hnode *p = HDOC_NODE(d, h->parent);
        if (p->text > h->text + h->text / 7 + 20) return best;
        best = h->parent;
    }
}

static int joins(const hdoc *d, int32_t c, int32_t best, float threshold)
{
    const hnode *h = HDOC_NODE(d, c);
    if (c == best) return 1;
    if (h->text == 0 || extract_is_chrome(d, c)) return 0;
    if ((h->flags & HN_SCORED) && h->score >= threshold) return 1;
    float ld = link_density(h);
    if (h->paras >= 1 && h->stops >= 1 && h->text >= 200 && ld < 0.2f) return 1; /* more prose */
    if (!paragraph_like(h)) return 0;
    if (h->text > 80 && ld < 0.25f) return 1;
    return h->link_text == 0 && h->stops > 0;
}

int extract_main(hdoc *d, buf *out)
{
    score_paragraphs(d);
    int32_t best = best_candidate(d);
    if (best < 0) return 0;
    best = climb(d, best);
    const hnode *b = HDOC_NODE(d, best);
    if (b->text < MAIN_MIN_TEXT) return 0;
    if (b->parent < 0) {
        HDOC_NODE(d, best)->flags |= HN_CHOSEN;
        html_flatten_node(d, best, out, 1);
        return 1;
    }
    float threshold = b->score * 0.2f;
    if (threshold < 10) threshold = 10;
    int written = 0;
    for (xmlNode *c = HDOC_NODE(d, b->parent)->node->children; c; c = c->next) {
        int32_t i = hdoc_index(c);
        if (i < 0) continue;
        int join = joins(d, i, best, threshold);
        if (!join && HDOC_NODE(d, i)->tag == T_HEADING) { /* a heading goes with what it heads */
            xmlNode *next = c->next;
            while (next && hdoc_index(next) < 0)
                next = next->next;
            join = next && joins(d, hdoc_index(next), best, threshold) && !extract_is_chrome(d, i);
        }
        if (!join) continue;
        HDOC_NODE(d, i)->flags |= HN_CHOSEN;
        html_flatten_node(d, i, out, 1);
        written++;
    }
    return written;
}

int extract_is_chrome(const hdoc *d, int32_t i)
{
    const hnode *h = HDOC_NODE(d, i);
    float ld = link_density(h);
    if (h->flags & HN_CHROME) return 1; /* only its descendants can be the story */
    switch (h->tag) {
    case T_FORM: /* a comment or sign-up form; some sites wrap the whole page in one */
        return h->paras < 3 && h->text < 1000;
    case T_LIST:
    case T_DL: /* content lists link now and then; menus and link lists mostly */
        if (h->hint < 0 && ((h->paras < 3 && h->text < 1000) || ld > 0.3f)) return 1;
        return ld > 0.6f;
    case T_DIV:
    case T_SECTION:
    case T_TABLE:
    case T_FIGURE:
    case T_BLOCK:
    case T_ARTICLE:
    case T_MAIN:
        if (h->hint < 0 && ((h->paras < 3 && h->text < 1000) || ld > 0.3f)) return 1;
        if (h->commas >= 10) return 0;
        return ld > 0.5f || (h->hint == 0 && ld > 0.33f && h->stops < 3);
    case T_HEADING:
        return h->hint < 0 || ld > 0.5f;
    case T_P:
    case T_DT_DD:
        return (h->hint < 0 && h->text < 300) || (ld > 0.8f && h->text < 200);
    case T_LI:
        return h->hint < 0 && h->text < 300;
    case T_INLINE:
    case T_TIME:
        return h->hint < 0 && h->text < 120;
    default:
        return 0;
    }
}
