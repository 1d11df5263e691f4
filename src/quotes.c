/*
 * quotes.c — the quote layer: direct quotations, their speakers, and one
 * ledger entry per statement across the story's articles.
 *
 * Finding. Each paragraph is read for quotation marks: straight and curly,
 * double and single, a single quote counting only where it cannot be an
 * apostrophe. Marks nest (a single quote inside a double one is a quote
 * of depth 1). A quotation still open at the end of its paragraph goes on
 * when the next paragraph opens with the same mark (the news convention
 * for a quote across paragraphs); otherwise it ends with its paragraph.
 *
 * Attribution, tried in this order for each quotation:
 *   after   "…," X said / "…," said X / "…," X told reporters / "…,"
 *           according to X / "…," X, the mayor of Y, said / "…," Rep. X
 *           (D-Y) said / a pull quote "…"—X, Title;
 *   before  X said, "…" / X said the talks were "…" (a partial quote in
 *           indirect speech) / X told reporters: "…" / X, a steward of Y,
 *           called it "…" (the sentence's subject past the apposition);
 *   colon   a paragraph ending in "X reports:" or "X said:" before it;
 *   previous  "…," X said. "…": the sentence before ends with its verb;
 *   subject a partial quotation with no verb of speech, of a sentence whose
 *           subject is a name ("X has gone after Y as a "…"");
 *   again   the speaker of the quotation before it in the paragraph, or of
 *           the previous paragraph's quotation when this paragraph is only
 *           a continued quotation.
 * A verb form used as a noun ("his comments", "late-night tweets") is no
 * cue; among several cues before a quotation a verb of saying wins over
 * weaker ones (agree, call, describe); a straight mark that opens inside an
 * open straight quotation nests, unless that leaves the outer one unclosed
 * at the paragraph's end (then the nested mark was a stray one).
 * The reporting verbs are the inflections of an English list below. The
 * speaker is the noun phrase next to the verb; it resolves to the entity
 * mentioned there (a name, a surname, a role such as "the Austrian
 * president"); "he" and "she" resolve to the first person named in the
 * nearest sentence before the quotation that names one (of a compatible
 * gender when the first name tells it). A quotation inside an outlet's
 * quoted passage keeps its own speaker, so what one outlet quotes from
 * another is still the original speaker's. Quotations with no speaker and
 * fewer than four words (scare quotes, titles) are dropped.
 *
 * Ledger. Two quotations are one statement when their speakers agree (or
 * one is unknown) and either one's words are a substring of the other's,
 * or a clause of one shares most of its content stems with a clause of the
 * other (re-translations: "the port opens again on Friday" / "the harbor will
 * reopen on Friday").
 * Statements merge transitively; an entry lists every quotation with its
 * article.
 * Limits: English attribution patterns only; a speaker named two
 * sentences away from a quotation without a pronoun is missed.
 */
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "segment.h"
#include "utf8.h"
#include "table.h"

#define MAX_QUOTES ((size_t)1 << 20)
#define MAX_STACK 8
#define AFTER_TOKENS 28
#define NP_TOKENS 7

/* ------------------------------------------------------- reporting verbs */

/* Lemmas of English reporting verbs, sorted; inflections are derived. */
/* clang-format off */
static const char *const cue_lemmas[] = {
    "accuse", "acknowledge", "add", "admit", "advise", "affirm", "agree", "allege", "announce",
    "answer", "argue", "ask", "assert", "assure", "believe", "blame", "boast", "brag", "brand",
    "call", "caution", "characterise", "characterize", "cite", "claim", "comment", "complain",
    "concede", "conclude", "condemn", "confirm", "contend", "continue", "counter", "criticise",
    "criticize", "cry", "declare", "decry", "demand", "denounce", "deny", "describe",
    "disclose", "dismiss", "dub", "emphasise", "emphasize", "estimate", "exclaim", "explain",
    "hail", "insist", "joke", "label", "lament", "laud", "laugh", "maintain", "mention",
    "mutter", "note", "observe", "plead", "pledge", "praise", "predict", "proclaim", "promise",
    "propose", "protest", "quip", "quote", "recall", "recount", "reiterate", "remark", "repeat",
    "reply", "report", "respond", "reveal", "say", "scream", "shout", "sigh", "slam", "snap",
    "speak", "state", "stress", "suggest", "tell", "testify", "thank", "tout", "tweet",
    "underline", "underscore", "urge", "vow", "warn", "welcome", "whisper", "wonder", "write",
    NULL};
/* clang-format on */
static const char *const cue_irregular[] = {"said",   "told", "wrote", "written", "spoke",
                                            "spoken", "says", "tells", NULL};

static int lemma_known(const char *w, size_t n)
{
    /* the closing NULL is no entry */
    return table_find(cue_lemmas, TABLE_COUNT(cue_lemmas) - 1, sizeof *cue_lemmas, w, n) >= 0;
}

/* Whether a lower-case word is an inflection of a reporting verb. */
static int is_cue(const char *w)
{
    size_t n = strlen(w);
    if (n < 3 || n > 24) return 0;
    for (const char *const *l = cue_irregular; *l; l++)
        if (strcmp(*l, w) == 0) return 1;
    if (strcmp(w, "state") == 0 || strcmp(w, "states") == 0) return 0; /* a noun mostly */
    char b[32];
    memcpy(b, w, n + 1);
    if (lemma_known(b, n)) return 1;
    static const char *const suffixes[] = {"ing", "ied", "ies", "ed", "es", "s", "d", NULL};
    for (const char *const *s = suffixes; *s; s++) {
        size_t m = strlen(*s);
        if (n <= m + 1 || strcmp(w + n - m, *s) != 0) continue;
        size_t stem = n - m;
        memcpy(b, w, stem);
        if (**s == 'i' && m == 3 && s[0][1] == 'e') { /* replied, replies */
            b[stem] = 'y';
            if (lemma_known(b, stem + 1)) return 1;
            continue;
        }
        if (lemma_known(b, stem)) return 1;
        b[stem] = 'e';
        if (lemma_known(b, stem + 1)) return 1;
        if (stem > 2 && b[stem - 1] == b[stem - 2] && lemma_known(b, stem - 1)) return 1;
    }
    return 0;
}

/* --------------------------------------------------------------- marks */

enum { MARK_NONE, MARK_DOUBLE, MARK_SINGLE };
enum { CAN_OPEN = 1, CAN_CLOSE = 2 };

static int is_alnum_at(const char *t, size_t i, size_t n)
{
    if (i >= n) return 0;
    unsigned char c = (unsigned char)t[i];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c >= 0xC3 && c <= 0xDF);
}

static int is_space_or_open(const char *t, size_t i, size_t lo)
{
    if (i <= lo) return 1;
    unsigned char c = (unsigned char)t[i - 1];
    return c == ' ' || c == '\n' || c == '(' || c == '[' || c == '"' || c == '\'' || c == '-' ||
           c == 0x9C || c == 0x98 || c == 0x94 || c == 0xA0;
}

/* The mark at t[i] (kind, bytes in *len, CAN_* in *how), or MARK_NONE. */
static int mark_at(const char *t, size_t i, size_t lo, size_t n, size_t *len, int *how)
{
    unsigned char c = (unsigned char)t[i];
    int before_space = is_space_or_open(t, i, lo);
    if (c == '"') {
        *len = 1;
        *how = before_space ? CAN_OPEN : CAN_CLOSE;
        if (before_space && (i + 1 >= n || t[i + 1] == ' ' || t[i + 1] == '\n')) *how = CAN_CLOSE;
        return MARK_DOUBLE;
    }
    if (c == '\'') {
        *len = 1;
        if (before_space && is_alnum_at(t, i + 1, n))
            *how = CAN_OPEN;
        else if (!before_space && !is_alnum_at(t, i + 1, n))
            *how = CAN_CLOSE;
        else
            return MARK_NONE;
        return MARK_SINGLE;
    }
    if (c != 0xE2 || i + 2 >= n || (unsigned char)t[i + 1] != 0x80) {
        if (c == 0xC2 && i + 1 < n &&
            ((unsigned char)t[i + 1] == 0xAB || (unsigned char)t[i + 1] == 0xBB)) {
            *len = 2;
            *how = (unsigned char)t[i + 1] == 0xAB ? CAN_OPEN : CAN_CLOSE;
            return MARK_DOUBLE;
        }
        return MARK_NONE;
    }
    unsigned char d = (unsigned char)t[i + 2];
    *len = 3;
    if (d == 0x9C)
        *how = CAN_OPEN;
    else if (d == 0x9D)
        *how = CAN_CLOSE;
    else if (d == 0x98)
        *how = CAN_OPEN;
    else if (d == 0x99) {
        if (is_alnum_at(t, i + 3, n) && !before_space) return MARK_NONE; /* an apostrophe */
        *how = CAN_CLOSE;
    } else {
        return MARK_NONE;
    }
    return d == 0x9C || d == 0x9D ? MARK_DOUBLE : MARK_SINGLE;
}

/* ------------------------------------------------------------- finding */

typedef struct open_mark {
    int kind;
    uint32_t open, start; /* the mark, the content after it */
} open_mark;

typedef struct finder {
    chorus_story *st;
    uint32_t article;
    const char *text;
    buf quotes; /* raw_quote */
    open_mark stack[MAX_STACK];
    int depth;
} finder;

typedef struct raw_quote {
    uint32_t open, start, end, close; /* mark, content [start, end), after the closing mark */
    uint32_t depth, paragraph;
} raw_quote;

static void emit(finder *f, uint32_t open, uint32_t start, uint32_t end, uint32_t close, int depth,
                 uint32_t paragraph)
{
    while (start < end && (f->text[start] == ' ' || f->text[start] == '\n'))
        start++;
    while (end > start && (f->text[end - 1] == ' ' || f->text[end - 1] == '\n'))
        end--;
    if (end <= start || VEC_COUNT(&f->quotes, raw_quote) >= MAX_QUOTES) return;
    raw_quote *q = vec_push(&f->quotes, sizeof *q);
    if (q) *q = (raw_quote){open, start, end, close, (uint32_t)depth, paragraph};
}

/* The mark that opens paragraph p, when it continues an open quotation of
 * that kind: its length, else 0. */
static size_t continues(const finder *f, const article *a, size_t p, int kind)
{
    if (p >= a->n_paragraphs) return 0;
    size_t len;
    int how;
    uint32_t s = a->paragraphs[p].start;
    int k = mark_at(f->text, s, s, a->paragraphs[p].end, &len, &how);
    return k == kind && (how & CAN_OPEN) ? len : 0;
}

static void close_quote(finder *f, int level, uint32_t at, uint32_t after, uint32_t p)
{
    open_mark *m = &f->stack[level];
    emit(f, m->open, m->start, at, after, level, p);
    f->depth = level;
}

static void scan_paragraph(finder *f, const article *a, size_t p, size_t skip)
{
    uint32_t lo = a->paragraphs[p].start, hi = a->paragraphs[p].end;
    for (uint32_t i = lo + (uint32_t)skip; i < hi;) {
        unsigned char c = (unsigned char)f->text[i];
        if (c != '"' && c != '\'' && c != 0xE2 && c != 0xC2) {
            i++;
            continue;
        }
        size_t len = 1;
        int how = 0, kind = mark_at(f->text, i, lo, hi, &len, &how);
        if (!kind) {
            i++;
            continue;
        }
        int level = -1;
        for (int d = f->depth - 1; d >= 0; d--)
            if (f->stack[d].kind == kind) {
                level = d;
                break;
            }
        int straight = f->text[i] == '"' || f->text[i] == '\'';
        if ((how & CAN_CLOSE) ||
            (straight && level >= 0 && level == f->depth - 1 && !(how & CAN_OPEN))) {
            if (level >= 0) close_quote(f, level, i, i + (uint32_t)len, (uint32_t)p);
        } else if ((how & CAN_OPEN) && f->depth < MAX_STACK) {
            f->stack[f->depth++] = (open_mark){kind, i, i + (uint32_t)len};
        }
        i += (uint32_t)len;
    }
}

/* `"A new "B, " said X.`: a straight mark read as a nested opener left
 * the outer quotation open at the paragraph's end. The nested quotation's
 * closing mark closes the outer one instead; returns 1 when so rejoined. */
static int rejoin_straight(finder *f, uint32_t p)
{
    size_t n = VEC_COUNT(&f->quotes, raw_quote);
    for (size_t i = n; i-- > 0;) {
        raw_quote *r = &VEC_AT(&f->quotes, raw_quote, i);
        if (r->paragraph != p || r->open < f->stack[0].open) break;
        if (r->depth != 1 || f->text[r->open] != '"' || f->text[f->stack[0].open] != '"') continue;
        r->depth = 0, r->open = f->stack[0].open, r->start = f->stack[0].start;
        f->depth = 0;
        VEC_AT(&f->quotes, raw_quote, i) = *r;
        /* drop quotations nested in the rejoined one after it */
        f->quotes.len = (i + 1) * sizeof(raw_quote);
        return 1;
    }
    return 0;
}

/* Finds the quotations of article ai into f->quotes. */
static void find_quotes(finder *f, uint32_t ai)
{
    const article *a = STORY_ARTICLE(f->st, ai);
    f->article = ai, f->text = a->text, f->depth = 0;
    size_t skip = 0;
    for (size_t p = 0; p < a->n_paragraphs; p++) {
        scan_paragraph(f, a, p, skip);
        skip = 0;
        if (!f->depth) continue;
        size_t len = continues(f, a, p + 1, f->stack[0].kind);
        if (len) { /* the quotation goes on in the next paragraph */
            f->depth = 1, skip = len;
            continue;
        }
        while (f->depth > 1)
            f->depth--; /* inner marks left open are dropped */
        if (!rejoin_straight(f, (uint32_t)p))
            close_quote(f, 0, a->paragraphs[p].end, a->paragraphs[p].end, (uint32_t)p);
    }
}

/* ---------------------------------------------------------- attribution */

typedef struct attr {
    finder *f;
    const article *a;
    raw_quote *raws;
    size_t n_raws;
    size_t first_token, end_token; /* the article's tokens */
} attr;

static const char *tlower(const chorus_story *st, size_t k)
{
    return STORY_TERM(st, st->tokens[k].term)->lower;
}

/* The first token of the article starting at or after byte pos. */
static size_t token_from(const attr *at, uint32_t pos)
{
    size_t lo = at->first_token, hi = at->end_token;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (at->f->st->tokens[mid].span.start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether byte pos lies inside a quotation of the given depth other than q. */
static int inside_other(const attr *at, const raw_quote *q, uint32_t pos)
{
    for (size_t i = 0; i < at->n_raws; i++) {
        const raw_quote *o = &at->raws[i];
        if (o != q && o->depth == q->depth && pos >= o->open && pos < o->close) return 1;
    }
    return 0;
}

static int gap_has(const char *t, uint32_t from, uint32_t to, const char *chars)
{
    for (uint32_t i = from; i < to; i++)
        if (strchr(chars, t[i])) return 1;
    return 0;
}

typedef struct found {
    uint32_t start, end; /* speaker span, start == end when none */
    size_t cue;          /* token of the cue verb, or SIZE_MAX */
    const char *how;
} found;

/* Token c, a reporting verb by its form, is used as a noun ("his
 * comments", "the report of") or inside a relative clause ("who said"). */
static int noun_use(const attr *at, size_t lo, size_t c)
{
    const chorus_story *st = at->f->st;
    if (c > lo) {
        /* clang-format off */
        static const char *const before[] = {"the", "a", "an", "his", "her", "their", "its",
                                             "our", "my", "your", "this", "that", "these",
                                             "those", "of", "in", "by", "for", "to", "with",
                                             "who", "which", "whose", "no", "any", NULL};
        /* clang-format on */
        const char *p = tlower(st, c - 1);
        for (const char *const *b = before; *b; b++)
            if (!strcmp(p, *b)) return 1;
        const char *t = at->a->text;
        uint32_t e = st->tokens[c - 1].span.end;
        if (t[e] == '\'' || (unsigned char)t[e] == 0xE2) return 1; /* the mayor's comments */
        size_t n = strlen(p);
        int lower = (t[st->tokens[c - 1].span.start] & 0xE0) == 0x60;
        if (lower && t[e] == ' ' &&
            (strchr(p, '-') || (n > 5 && (!strcmp(p + n - 3, "ful") || !strcmp(p + n - 3, "ous") ||
                                          !strcmp(p + n - 3, "ive")))))
            return 1; /* "late-night tweets", "disrespectful comments" */
    }
    if (c + 1 < at->end_token) {
        const char *n = tlower(st, c + 1);
        if (!strcmp(n, "of")) return 1;
    }
    return 0;
}

/* The noun phrase ending before token c (exclusive), back to a comma or a
 * clause word, adverbs before c ("X also said") left out: returns its
 * first token and sets *end, or returns *end when empty. */
static size_t np_before(const attr *at, size_t lo, size_t c, size_t *end)
{
    const chorus_story *st = at->f->st;
    const char *t = at->a->text;
    /* clang-format off */
    static const char *const adverbs[] = {"also", "later", "then", "further", "again",
                                          "previously", "earlier", "once", "repeatedly",
                                          "forcefully", "recently", "often", "quickly", NULL};
    /* clang-format on */
    if (c > lo && gap_has(t, st->tokens[c - 1].span.end, st->tokens[c].span.start, ")")) {
        size_t p = c; /* "Rep. Jane Doe (D-Calder.) said": skip the parenthesis */
        while (p > lo && !gap_has(t, st->tokens[p - 1].span.end, st->tokens[p].span.start, "("))
            p--;
        if (p > lo) c = p;
    }
    while (c > lo) {
        int adv = 0;
        for (const char *const *a = adverbs; *a && !adv; a++)
            adv = !strcmp(tlower(st, c - 1), *a);
        if (!adv) break;
        c--;
    }
    *end = c;
    size_t k = c;
    while (k > lo && c - k < NP_TOKENS) {
        const char *w = tlower(st, k - 1);
        if (k < c && gap_has(t, st->tokens[k - 1].span.end, st->tokens[k].span.start, ",;:()\"\n"))
            break;
        if (!strcmp(w, "and") || !strcmp(w, "but") || !strcmp(w, "that") || !strcmp(w, "also") ||
            !strcmp(w, "who") || !strcmp(w, "which") || !strcmp(w, "when") || !strcmp(w, "as") ||
            !strcmp(w, "while") || !strcmp(w, "if") || !strcmp(w, "what") || is_cue(w))
            break;
        k--;
    }
    return k;
}

/* The noun phrase from token k on, to a comma or the limit. */
static size_t np_after(const attr *at, size_t k, size_t hi)
{
    const chorus_story *st = at->f->st;
    const char *t = at->a->text;
    size_t e = k;
    while (e < hi && e - k < NP_TOKENS) {
        if (e > k && gap_has(t, st->tokens[e - 1].span.end, st->tokens[e].span.start, ",;:.()\"\n"))
            break;
        const char *w = tlower(st, e);
        if (e > k && (!strcmp(w, "in") || !strcmp(w, "on") || !strcmp(w, "at") ||
                      !strcmp(w, "during") || !strcmp(w, "who") || !strcmp(w, "after")))
            break;
        e++;
    }
    return e;
}

static int sentence_stop(const char *t, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        if (t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == ';' || t[i] == '\n') return 1;
    return 0;
}

/* A sentence ends between tokens k-1 and k (a period after a title or an
 * initial does not end one). */
static int stop_before(const attr *at, size_t k)
{
    const chorus_story *st = at->f->st;
    const token *p = &st->tokens[k - 1];
    uint32_t from = p->span.end, to = st->tokens[k].span.start;
    if (!sentence_stop(at->a->text, from, to)) return 0;
    if (to - from >= 2 && at->a->text[from] == '.' &&
        (at->a->text[from + 1] == ')' || at->a->text[from + 1] == ','))
        return 0; /* "(D-Calder.)", "R-Calder., said" */
    if (at->a->text[from] == '.' && to - from <= 2) {
        unsigned roles = segment_word_roles(tlower(st, k - 1), strlen(tlower(st, k - 1)));
        if ((roles & (W_TITLE | W_ABBREV_CAP)) || p->span.end - p->span.start <= 2) return 0;
        const char *t = at->a->text;
        if (p->span.end - p->span.start <= 4 && (t[p->span.start] & 0xE0) == 0x40 &&
            (t[st->tokens[k].span.start] & 0xE0) == 0x40)
            return 0; /* "Rep. Jane Doe", "Gov. John Roe" */
    }
    return 1;
}

static void set_span(const attr *at, found *fd, size_t k, size_t e, const char *how)
{
    if (e <= k) return;
    fd->start = at->f->st->tokens[k].span.start;
    fd->end = at->f->st->tokens[e - 1].span.end;
    fd->how = how;
}

static int is_dash_at(const char *t, uint32_t i, uint32_t n)
{
    if (i + 2 < n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93 ||
         (unsigned char)t[i + 2] == 0x95))
        return 3;
    if (i + 1 < n && t[i] == '-' && t[i + 1] == '-') return 2;
    return 0;
}

/* The subject of a sentence from token lo: after an opening adverbial
 * ("In August, ...", "Meanwhile, ...") when there is one. */
static size_t subject_start(const attr *at, size_t lo, size_t hi)
{
    const chorus_story *st = at->f->st;
    if (lo >= hi) return lo;
    const char *w = tlower(st, lo);
    unsigned roles = segment_word_roles(w, strlen(w));
    const term *tm = STORY_TERM(st, st->tokens[lo].term);
    int det = !strcmp(w, "the") || !strcmp(w, "a") || !strcmp(w, "an");
    int adverbial = (roles & (W_PREP | W_OPENER)) || tm->is_stop || !strcmp(w, "meanwhile") ||
                    !strcmp(w, "despite") || !strcmp(w, "although");
    if (!det && !adverbial && lo + 1 < hi &&
        gap_has(at->a->text, st->tokens[lo].span.end, st->tokens[lo + 1].span.start, ",") &&
        entity_at(st, at->f->article, st->tokens[lo].span.start, st->tokens[lo].span.end) < 0)
        adverbial = 1; /* "Earlier, X said" */
    if (det || !adverbial) return lo;
    for (size_t k = lo + 1; k < hi; k++)
        if (gap_has(at->a->text, st->tokens[k - 1].span.end, st->tokens[k].span.start, ","))
            return k;
    return lo;
}

/* The end of the subject noun phrase from token s: a determiner, a run of
 * capitalized words (a name with its titles) and at most one lower-case
 * head noun after them ("the Austrian president", "Okafor"). */
static size_t subject_np(const attr *at, size_t s, size_t hi)
{
    const chorus_story *st = at->f->st;
    const char *t = at->a->text;
    size_t k = s;
    int det = k < hi && (!strcmp(tlower(st, k), "the") || !strcmp(tlower(st, k), "a") ||
                         !strcmp(tlower(st, k), "an"));
    if (det) k++;
    size_t caps = k;
    while (caps < hi && (t[st->tokens[caps].span.start] & 0xE0) == 0x40 &&
           (caps == k ||
            !gap_has(t, st->tokens[caps - 1].span.end, st->tokens[caps].span.start, ",;:()\"")))
        caps++;
    if (caps < hi && (caps > k || det) && (t[st->tokens[caps].span.start] & 0xE0) == 0x60 &&
        !gap_has(t, st->tokens[caps > s ? caps - 1 : s].span.end, st->tokens[caps].span.start,
                 ",") &&
        det && !is_cue(tlower(st, caps)) &&
        !(segment_word_roles(tlower(st, caps), strlen(tlower(st, caps))) & W_PREP))
        caps++; /* the head noun of "the Austrian president" */
    return caps > s ? caps : s;
}

/* A speaker phrase is a noun phrase: it opens with neither a preposition,
 * a conjunction, "that" nor a gerund, ends with neither a preposition nor a
 * determiner, and holds no auxiliary verb. */
static int plausible_np(const attr *at, size_t s, size_t e)
{
    /* clang-format off */
    static const char *const bad_first[] = {"that", "while", "despite", "meanwhile", "though",
                                            "although", "what", "and", "but", "or", NULL};
    /* clang-format on */
    static const char *const bad_last[] = {"of",  "for", "to",    "by",  "with", "the",  "a", "an",
                                           "his", "her", "their", "its", "what", "into", NULL};
    /* clang-format off */
    static const char *const aux[] = {"is", "are", "was", "were", "been", "be", "had", "has",
                                      "have", "did", "do", "does", "will", "would", "can",
                                      "could", "should", "may", "might", "must", NULL};
    /* clang-format on */
    const chorus_story *st = at->f->st;
    if (s >= e) return 0;
    const char *w = tlower(st, s);
    unsigned roles = segment_word_roles(w, strlen(w));
    if (roles & W_PREP) return 0;
    for (const char *const *b = bad_first; *b; b++)
        if (!strcmp(w, *b)) return 0;
    size_t n = strlen(w);
    if (n > 4 && !strcmp(w + n - 3, "ing") && (at->a->text[st->tokens[s].span.start] & 0x20))
        return 0; /* a lower-case gerund */
    const char *l = tlower(st, e - 1);
    for (const char *const *b = bad_last; *b; b++)
        if (!strcmp(l, *b)) return 0;
    int named = 0;
    for (size_t k = s; k < e; k++) {
        for (const char *const *b = aux; *b; b++)
            if (!strcmp(tlower(st, k), *b)) return 0;
        const char *x = tlower(st, k);
        if (!(segment_word_roles(x, strlen(x)) & W_TIME)) named = 1;
    }
    return named; /* not only time words: "early Friday" */
}

/* "…," X said / said X / according to X / a pull quote "…"—X. */
static void attribute_after(const attr *at, const raw_quote *q, uint32_t limit, found *fd)
{
    const chorus_story *st = at->f->st;
    const char *t = at->a->text;
    uint32_t i = q->close;
    while (i < limit && t[i] == ' ')
        i++;
    int dash = is_dash_at(t, i, limit);
    size_t k = token_from(at, q->close), hi = k;
    while (hi < at->end_token && st->tokens[hi].span.end <= limit && hi - k < AFTER_TOKENS &&
           !inside_other(at, q, st->tokens[hi].span.start) && !(hi > k && stop_before(at, hi)))
        hi++;
    if (k >= hi) return;
    if (sentence_stop(t, q->close, st->tokens[k].span.start) && !dash) return;
    if (!dash && q->end > q->start && t[q->end - 1] == '.' &&
        (t[st->tokens[k].span.start] & 0xE0) == 0x40)
        return; /* "… change." She adds: a new sentence */
    if (dash) {
        set_span(at, fd, k, np_after(at, k, hi), "pull quote");
        return;
    }
    for (size_t c = k; c < hi; c++) {
        const char *w = tlower(st, c);
        if (!strcmp(w, "according") && c + 1 < hi && !strcmp(tlower(st, c + 1), "to")) {
            set_span(at, fd, c + 2, np_after(at, c + 2, hi), "according to");
            fd->cue = c;
            return;
        }
        if (!is_cue(w) || noun_use(at, k, c)) continue;
        int apposed =
            c > k && gap_has(t, st->tokens[c - 1].span.end, st->tokens[c].span.start, ",");
        if (c - k > NP_TOKENS && !apposed) return;
        fd->cue = c;
        if (apposed) { /* "…," Jane Doe, the mayor of X, said */
            set_span(at, fd, k, np_after(at, k, c), "after");
        } else if (c > k) {
            size_t e, b = np_before(at, k, c, &e);
            if (plausible_np(at, b, e)) set_span(at, fd, b, e, "after");
        } else {
            size_t s = c + 1;
            set_span(at, fd, s, np_after(at, s, hi), "after, inverted");
        }
        return;
    }
}

/* X said, "…" / X said the talks were "…" within the quotation's sentence. */
static int strong_cue(const char *w)
{
    /* clang-format off */
    static const char *const weak[] = {"agree", "believe", "blame", "boast", "condemn",
                                       "describe", "dismiss", "estimate", "joke", "laugh",
                                       "lament", "promise", "propose", "protest", "accuse",
                                       "wonder", "predict", "pledge", "vow", "continue",
                                       "call", "laud", "praise", "hail", "brand", "label",
                                       "dub", "slam", "criticize", "criticise", "decry",
                                       "denounce", "tout", "characterize", "characterise",
                                       "welcome", "thank", NULL};
    /* clang-format on */
    size_t n = strlen(w);
    if (n > 3 && strcmp(w + n - 3, "ing") == 0) return 0;
    for (const char *const *l = weak; *l; l++)
        if (strncmp(w, *l, strlen(*l) - 1) == 0) return 0;
    return 1;
}

/* The cue to attribute by among tokens (lo, k]: the nearest strong cue
 * before the quotation, else the nearest weak one; 0 when none. */
static size_t pick_cue(const attr *at, const raw_quote *q, size_t lo, size_t k)
{
    const chorus_story *st = at->f->st;
    size_t weak = 0;
    for (size_t c = k; c > lo; c--) {
        if (inside_other(at, q, st->tokens[c - 1].span.start)) continue;
        const char *w = tlower(st, c - 1);
        if (!strcmp(w, "according") && c < k && !strcmp(tlower(st, c), "to")) return c;
        if (!is_cue(w) || noun_use(at, lo, c - 1)) continue;
        if (strong_cue(w)) return c;
        if (!weak) weak = c;
    }
    return weak;
}

/* The speaker of the reporting verb at token c, within tokens [lo, hi):
 * the noun phrase before it, the sentence's subject when an apposition
 * stands between ("X, a steward of Y, said"), or the name after it
 * ("said X"). */
static void speaker_at_cue(const attr *at, size_t lo, size_t hi, size_t c, found *fd,
                           const char *how)
{
    const chorus_story *st = at->f->st;
    fd->cue = c;
    size_t e, s = np_before(at, lo, c, &e);
    int what = e == s + 1 && s > lo && !strcmp(tlower(st, s - 1), "what") &&
               (segment_word_roles(tlower(st, s), strlen(tlower(st, s))) & W_PRONOUN);
    if (what || e < c ||
        (e > lo &&
         gap_has(at->a->text, st->tokens[e - 1].span.end, st->tokens[c].span.start, ","))) {
        /* "X denounced what he called": X, the sentence's subject */
        s = subject_start(at, lo, c);
        e = subject_np(at, s, c);
    }
    if (s < e) {
        if (plausible_np(at, s, e)) set_span(at, fd, s, e, how);
    } else if (c + 1 < hi &&
               segment_word_roles(tlower(st, c + 1), strlen(tlower(st, c + 1))) == 0 &&
               (at->a->text[st->tokens[c + 1].span.start] & 0xE0) == 0x40) {
        set_span(at, fd, c + 1, np_after(at, c + 1, hi), how); /* said X, "…" */
    }
}

static void attribute_before(const attr *at, const raw_quote *q, uint32_t from, uint32_t to,
                             found *fd, const char *how)
{
    const chorus_story *st = at->f->st;
    size_t lo = token_from(at, from), k = token_from(at, to);
    size_t c = pick_cue(at, q, lo, k);
    if (!c || inside_other(at, q, st->tokens[c - 1].span.start)) return;
    if (!strcmp(tlower(st, c - 1), "according") && c < k && !strcmp(tlower(st, c), "to")) {
        fd->cue = c - 1;
        set_span(at, fd, c + 1, np_after(at, c + 1, k), how);
        return;
    }
    speaker_at_cue(at, lo, k, c - 1, fd, how);
}

/* The start of the sentence holding byte pos of the article. */
static uint32_t sentence_start(const attr *at, uint32_t pos)
{
    const chorus_story *st = at->f->st;
    const article *a = at->a;
    uint32_t start = a->paragraphs ? 0 : 0;
    for (size_t i = a->first_sentence; i < a->first_sentence + a->n_sentences; i++) {
        if (st->sentences[i].span.start > pos) break;
        start = st->sentences[i].span.start;
    }
    return start;
}

/* A paragraph before the quotation that ends with a colon introduces it. */
static void attribute_colon(const attr *at, const raw_quote *q, found *fd)
{
    const char *t = at->a->text;
    uint32_t i = q->open;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n'))
        i--;
    if (i == 0 || t[i - 1] != ':') return;
    uint32_t s = sentence_start(at, i - 1);
    attribute_before(at, q, s, i - 1, fd, "colon");
    if (fd->end > fd->start) return;
    int32_t best = -1;
    const analysis *an = at->f->st->analysis;
    for (size_t m = 0; m < an->n_mentions && best < 0; m++) {
        const mention *mm = &an->mentions[m];
        if (mm->article == at->f->article && mm->span.start >= s && mm->span.end <= i &&
            mm->entity != UINT32_MAX)
            best = (int32_t)m;
    }
    if (best >= 0) {
        fd->start = an->mentions[best].span.start, fd->end = an->mentions[best].span.end;
        fd->how = "colon";
    }
}

/* ------------------------------------------------------------ speakers */

static int speaker_is(const char *t, const found *fd, const char *w)
{
    size_t n = strlen(w);
    if (fd->end - fd->start != n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((t[fd->start + i] | 0x20) != w[i]) return 0;
    return 1;
}

/* The sentence opens with "He", "And she", "But he": its subject is a
 * person named before it. */
static int pronoun_subject(const chorus_story *st, const sentence *s)
{
    for (uint32_t k = s->first_token; k < s->first_token + s->n_tokens && k < s->first_token + 2;
         k++) {
        const char *w = STORY_TERM(st, st->tokens[k].term)->lower;
        if (!strcmp(w, "he") || !strcmp(w, "she")) return 1;
        if (strcmp(w, "and") && strcmp(w, "but") && strcmp(w, "so")) return 0;
    }
    return 0;
}

/* The first person named in the nearest sentence before byte pos that
 * names one (outside quotations), of a compatible gender. */
static int32_t person_before(const attr *at, uint32_t pos, unsigned gender)
{
    const analysis *an = at->f->st->analysis;
    uint32_t sent_of_pos = UINT32_MAX;
    const chorus_story *st = at->f->st;
    for (size_t i = at->a->first_sentence; i < at->a->first_sentence + at->a->n_sentences; i++)
        if (st->sentences[i].span.start <= pos) sent_of_pos = (uint32_t)i;
    int64_t found_sent = -1;
    int32_t best = -1;
    for (size_t m = an->n_mentions; m-- > 0;) {
        const mention *mm = &an->mentions[m];
        if (mm->article != at->f->article || mm->sentence >= sent_of_pos) continue;
        if (pronoun_subject(st, &st->sentences[mm->sentence])) continue;
        if (found_sent >= 0 && mm->sentence != found_sent) break;
        if (mm->entity == UINT32_MAX) continue;
        const entity *e = &an->entities[mm->entity];
        if (e->type != ENT_PER || (gender && e->gender && e->gender != gender)) continue;
        int in_quote = 0;
        for (size_t r = 0; r < at->n_raws && !in_quote; r++)
            in_quote = mm->span.start >= at->raws[r].start && mm->span.end <= at->raws[r].end;
        if (in_quote) continue;
        found_sent = mm->sentence;
        best = (int32_t)mm->entity;
    }
    return best;
}

static int32_t resolve(const attr *at, const raw_quote *q, const found *fd)
{
    if (fd->end <= fd->start) return -1;
    const char *t = at->a->text;
    if (speaker_is(t, fd, "he")) return person_before(at, q->open, WORD_MALE);
    if (speaker_is(t, fd, "she")) return person_before(at, q->open, WORD_FEMALE);
    return entity_at(at->f->st, at->f->article, fd->start, fd->end);
}

/* ------------------------------------------------------------- quotes */

/* The content as printed: line breaks become a space, and the mark that
 * opens a continued paragraph is dropped. */
static const char *quote_text(chorus_story *st, const char *t, const raw_quote *q)
{
    buf b;
    buf_init(&b, (size_t)(q->end - q->start) + 16);
    for (uint32_t i = q->start; i < q->end; i++) {
        if (t[i] != '\n') {
            buf_putc(&b, t[i]);
            continue;
        }
        while (i + 1 < q->end && (t[i + 1] == '\n' || t[i + 1] == ' '))
            i++;
        buf_putc(&b, ' ');
        size_t len;
        int how;
        if (i + 1 < q->end && mark_at(t, i + 1, i + 1, q->end, &len, &how) && (how & CAN_OPEN))
            i += (uint32_t)len;
    }
    const char *s = b.failed ? "" : arena_strndup(&st->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s ? s : "";
}

static size_t word_count(const char *s)
{
    return text_count_words(s, strlen(s));
}

/* The limit of the text after a quotation where its attribution may be. */
static uint32_t after_limit(const attr *at, const raw_quote *q)
{
    const article *a = at->a;
    uint32_t limit = a->paragraphs[q->paragraph].end;
    for (size_t i = 0; i < at->n_raws; i++) {
        const raw_quote *o = &at->raws[i];
        if (o->depth == q->depth && o->open >= q->close && o->open < limit) limit = o->open;
        if (q->depth && o->depth + 1 == q->depth && o->start <= q->open && o->end >= q->close &&
            o->end < limit)
            limit = o->end;
    }
    return limit;
}

/* A partial quotation with no reporting verb ("Reid has gone after him as a
 * "…"") is the words of its sentence's subject, when that is a name. */
static void attribute_subject(const attr *at, const raw_quote *q, uint32_t from, found *fd)
{
    const chorus_story *st = at->f->st;
    size_t lo = token_from(at, from), k = token_from(at, q->open);
    if (k <= lo || inside_other(at, q, st->tokens[lo].span.start)) return;
    size_t s = subject_start(at, lo, k), e = subject_np(at, s, k);
    if (!plausible_np(at, s, e)) return;
    uint32_t a = st->tokens[s].span.start, b = st->tokens[e - 1].span.end;
    if (entity_at(st, at->f->article, a, b) < 0) return;
    fd->start = a, fd->end = b, fd->how = "subject";
}

/* A quotation that opens its sentence after "…, Okafor said." in the same
 * paragraph goes on with that speaker. */
static void attribute_previous(const attr *at, const raw_quote *q, uint32_t from, uint32_t para,
                               found *fd)
{
    const chorus_story *st = at->f->st;
    if (from <= para || token_from(at, from) != token_from(at, q->open)) return;
    uint32_t prev = sentence_start(at, from - 1);
    if (prev < para) return;
    size_t lo = token_from(at, prev), hi = token_from(at, from);
    if (hi <= lo) return;
    for (size_t c = hi; c > lo && hi - c < 3; c--) {
        const char *w = tlower(st, c - 1);
        if (!is_cue(w) || noun_use(at, lo, c - 1)) continue;
        speaker_at_cue(at, lo, hi, c - 1, fd, "previous sentence");
        return;
    }
}

static void attribute(const attr *at, const raw_quote *q, found *fd)
{
    *fd = (found){0, 0, SIZE_MAX, ""};
    attribute_after(at, q, after_limit(at, q), fd);
    if (fd->end > fd->start || q->depth) return;
    uint32_t from = sentence_start(at, q->open);
    const raw_quote *parent = NULL;
    for (size_t i = 0; i < at->n_raws && q->depth; i++)
        if (at->raws[i].depth + 1 == q->depth && at->raws[i].start <= q->open &&
            at->raws[i].end >= q->close)
            parent = &at->raws[i];
    if (parent && from < parent->start) from = parent->start;
    uint32_t para = at->a->paragraphs[q->paragraph].start;
    if (from < para && !parent) from = para;
    *fd = (found){0, 0, SIZE_MAX, ""};
    attribute_before(at, q, from, q->open, fd, "before");
    if (fd->end > fd->start) return;
    *fd = (found){0, 0, SIZE_MAX, ""};
    if (!q->depth) attribute_colon(at, q, fd);
    if (fd->end > fd->start || q->depth) return;
    *fd = (found){0, 0, SIZE_MAX, ""};
    attribute_previous(at, q, from, para, fd);
    if (fd->end > fd->start) return;
    *fd = (found){0, 0, SIZE_MAX, ""};
    attribute_subject(at, q, from, fd);
}

static chorus_status add_quote(chorus_story *st, buf *out, const attr *at, const raw_quote *q,
                               const found *fd, int32_t ent)
{
    quote *o = vec_push(out, sizeof *o);
    if (!o) return CHORUS_E_LIMIT;
    o->article = at->f->article;
    o->span = (span){q->start, q->end};
    o->text = quote_text(st, at->a->text, q);
    o->speaker = (span){fd->start, fd->end};
    o->speaker_text = fd->end > fd->start
                          ? arena_strndup(&st->arena, at->a->text + fd->start, fd->end - fd->start)
                          : "";
    if (!o->speaker_text) o->speaker_text = "";
    o->entity = ent;
    o->cue = fd->cue != SIZE_MAX
                 ? arena_strndup(&st->arena, at->a->text + st->tokens[fd->cue].span.start,
                                 st->tokens[fd->cue].span.end - st->tokens[fd->cue].span.start)
                 : "";
    o->how = fd->how;
    o->depth = q->depth;
    return CHORUS_OK;
}

/* Attributes every quotation of the article and appends the kept ones. */
static chorus_status attribute_article(attr *at, buf *out)
{
    chorus_story *st = at->f->st;
    size_t first_kept = VEC_COUNT(out, quote);
    for (size_t i = 0; i < at->n_raws; i++) {
        const raw_quote *q = &at->raws[i];
        found fd;
        attribute(at, q, &fd);
        int32_t ent = resolve(at, q, &fd);
        if (fd.end <= fd.start) { /* again: the speaker of the quotation before it */
            size_t n = VEC_COUNT(out, quote);
            for (size_t j = n; j-- > first_kept;) {
                const quote *p = &VEC_AT(out, quote, j);
                if (p->depth != q->depth) continue;
                uint32_t pp = 0;
                for (size_t r = 0; r < at->n_raws; r++)
                    if (at->raws[r].start == p->span.start) pp = at->raws[r].paragraph;
                int next_para =
                    pp + 1 == q->paragraph && q->open == at->a->paragraphs[q->paragraph].start;
                if ((pp == q->paragraph || next_para) && p->speaker.end > p->speaker.start) {
                    fd.start = p->speaker.start, fd.end = p->speaker.end;
                    fd.how = "continued";
                    ent = p->entity;
                }
                break;
            }
        }
        char *text = arena_strndup(&st->arena, at->a->text + q->start, q->end - q->start);
        if (fd.end <= fd.start && (!text || word_count(text) < 4 || q->depth)) continue;
        if (add_quote(st, out, at, q, &fd, ent) != CHORUS_OK) return CHORUS_E_LIMIT;
    }
    return CHORUS_OK;
}

static int compare_raw(const void *x, const void *y)
{
    const raw_quote *a = x, *b = y;
    if (a->open != b->open) return a->open < b->open ? -1 : 1;
    return a->depth < b->depth ? -1 : a->depth > b->depth;
}

static chorus_status quotes_of_article(chorus_story *st, uint32_t ai, buf *out)
{
    finder f = {.st = st};
    buf_init(&f.quotes, MAX_QUOTES * sizeof(raw_quote));
    find_quotes(&f, ai);
    const article *a = STORY_ARTICLE(st, ai);
    attr at = {.f = &f, .a = a};
    at.raws = (raw_quote *)(void *)f.quotes.data;
    at.n_raws = VEC_COUNT(&f.quotes, raw_quote);
    if (at.n_raws) qsort(at.raws, at.n_raws, sizeof *at.raws, compare_raw);
    if (a->n_sentences) {
        const sentence *s0 = &st->sentences[a->first_sentence];
        const sentence *s1 = &st->sentences[a->first_sentence + a->n_sentences - 1];
        at.first_token = s0->first_token, at.end_token = s1->first_token + s1->n_tokens;
    }
    chorus_status s = f.quotes.failed ? CHORUS_E_LIMIT : attribute_article(&at, out);
    buf_free(&f.quotes);
    return s;
}

/* -------------------------------------------------------------- ledger */

typedef struct clause_set {
    uint32_t *stems; /* sorted, distinct */
    size_t n;
} clause_set;

typedef struct qinfo {
    clause_set *clauses;
    size_t n_clauses;
    const char *norm; /* lower-case letters and digits, single spaces */
} qinfo;

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static const char *normalize(chorus_story *st, const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = arena_alloc(&st->arena, n + 1);
    if (!out) return "";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[o++] = (char)c;
        else if (o && out[o - 1] != ' ')
            out[o++] = ' ';
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

/* Splits the quotation's tokens into clauses of sorted content stems. */
static int quote_clauses(chorus_story *st, const quote *q, qinfo *qi)
{
    const article *a = STORY_ARTICLE(st, q->article);
    if (!a->n_sentences) return 1;
    size_t lo = st->sentences[a->first_sentence].first_token;
    const sentence *last = &st->sentences[a->first_sentence + a->n_sentences - 1];
    size_t hi = last->first_token + last->n_tokens, k = lo, e;
    while (lo < hi) { /* first token at or after q->span.start */
        size_t mid = (lo + hi) / 2;
        if (st->tokens[mid].span.start < q->span.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    k = lo;
    hi = last->first_token + last->n_tokens;
    for (e = k; e < hi && st->tokens[e].span.end <= q->span.end; e++) {
    }
    qi->clauses = arena_alloc_array(&st->arena, e - k + 1, sizeof *qi->clauses);
    uint32_t *stems = arena_alloc_array(&st->arena, e - k + 1, sizeof *stems);
    if (!qi->clauses || !stems) return 0;
    size_t n = 0, begin = 0;
    for (size_t j = k; j <= e; j++) {
        int cut = j == e ||
                  (j > k &&
                   sentence_stop(a->text, st->tokens[j - 1].span.end, st->tokens[j].span.start) &&
                   st->tokens[j - 1].span.end - st->tokens[j - 1].span.start > 3);
        if (cut && n > begin) {
            qsort(stems + begin, n - begin, sizeof *stems, compare_u32);
            size_t m = begin;
            for (size_t x = begin; x < n; x++)
                if (x == begin || stems[x] != stems[m - 1]) stems[m++] = stems[x];
            qi->clauses[qi->n_clauses++] = (clause_set){stems + begin, m - begin};
            n = begin = m;
        }
        if (j == e) break;
        const term *t = STORY_TERM(st, st->tokens[j].term);
        if (t->is_word && !t->is_stop) stems[n++] = t->stem;
    }
    return 1;
}

static size_t shared(const clause_set *a, const clause_set *b)
{
    size_t i = 0, j = 0, c = 0;
    while (i < a->n && j < b->n) {
        if (a->stems[i] == b->stems[j])
            c++, i++, j++;
        else if (a->stems[i] < b->stems[j])
            i++;
        else
            j++;
    }
    return c;
}

static int same_statement(const qinfo *x, const qinfo *y)
{
    size_t lx = strlen(x->norm), ly = strlen(y->norm);
    const qinfo *s = lx <= ly ? x : y, *l = lx <= ly ? y : x;
    if (strlen(s->norm) >= 12 && strchr(s->norm, ' ') && strstr(l->norm, s->norm)) return 1;
    for (size_t i = 0; i < x->n_clauses; i++)
        for (size_t j = 0; j < y->n_clauses; j++) {
            const clause_set *a = &x->clauses[i], *b = &y->clauses[j];
            size_t c = shared(a, b), m = a->n < b->n ? a->n : b->n;
            if (m >= 3 && ((c >= 4 && 2 * c >= m) || (c >= 3 && 10 * c >= 8 * m))) return 1;
        }
    return 0;
}

/* Speakers agree: the same entity, one unknown, or one a bare surname of
 * the other ("Okafor" where two Okafors left it unresolved). */
static int compatible(const analysis *an, int32_t a, int32_t b)
{
    if (a < 0 || b < 0 || a == b) return 1;
    const char *x = an->entities[a].name, *y = an->entities[b].name;
    if (strchr(x, ' ')) {
        const char *t = x;
        x = y, y = t;
    }
    if (strchr(x, ' ') || !strchr(y, ' ')) return 0;
    const char *last = strrchr(y, ' ') + 1;
    return an->entities[a].type == an->entities[b].type && strcmp(last, x) == 0;
}

static uint32_t qfind(uint32_t *p, uint32_t x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

static chorus_status build_ledger(chorus_story *st, analysis *an, chorus_error *err)
{
    size_t n = an->n_quotes;
    qinfo *qi = arena_alloc_array(&st->arena, n + 1, sizeof *qi);
    uint32_t *parent = arena_alloc_array(&st->arena, n + 1, sizeof *parent);
    uint32_t *entry_of = arena_alloc_array(&st->arena, n + 1, sizeof *entry_of);
    if (!qi || !parent || !entry_of)
        return story_error(err, CHORUS_E_NOMEM, "quotes", -1, "out of memory");
    for (size_t i = 0; i < n; i++) {
        parent[i] = (uint32_t)i;
        qi[i].norm = normalize(st, an->quotes[i].text);
        if (!quote_clauses(st, &an->quotes[i], &qi[i]))
            return story_error(err, CHORUS_E_NOMEM, "quotes", -1, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (!compatible(an, an->quotes[i].entity, an->quotes[j].entity)) continue;
            if (qfind(parent, (uint32_t)i) == qfind(parent, (uint32_t)j)) continue;
            if (same_statement(&qi[i], &qi[j])) {
                uint32_t x = qfind(parent, (uint32_t)i), y = qfind(parent, (uint32_t)j);
                parent[x > y ? x : y] = x < y ? x : y;
            }
        }
    size_t ne = 0;
    for (size_t i = 0; i < n; i++)
        if (qfind(parent, (uint32_t)i) == i) entry_of[i] = (uint32_t)ne++;
    an->entries = arena_alloc_array(&st->arena, ne + 1, sizeof *an->entries);
    if (!an->entries) return story_error(err, CHORUS_E_NOMEM, "quotes", -1, "out of memory");
    an->n_entries = ne;
    for (size_t i = 0; i < n; i++) {
        quote *q = &an->quotes[i];
        q->entry = entry_of[qfind(parent, (uint32_t)i)];
        quote_entry *e = &an->entries[q->entry];
        uint32_t *grown = arena_alloc_array(&st->arena, e->n_quotes + 1, sizeof *grown);
        size_t *arts = arena_alloc_array(&st->arena, e->n_articles + 1, sizeof *arts);
        if (!grown || !arts) return story_error(err, CHORUS_E_NOMEM, "quotes", -1, "out of memory");
        if (e->n_quotes) memcpy(grown, e->quotes, e->n_quotes * sizeof *grown);
        if (e->n_articles) memcpy(arts, e->articles, e->n_articles * sizeof *arts);
        if (!e->n_quotes || strlen(q->text) > strlen(an->quotes[e->best].text))
            e->best = (uint32_t)i;
        if (e->entity < 0 || !e->n_quotes) e->entity = q->entity;
        grown[e->n_quotes++] = (uint32_t)i;
        e->quotes = grown;
        if (!e->n_articles || arts[e->n_articles - 1] != q->article)
            arts[e->n_articles++] = q->article;
        e->articles = arts;
    }
    return CHORUS_OK;
}

chorus_status quotes_story(chorus_story *st, chorus_error *err)
{
    analysis *an = st->analysis;
    buf out;
    buf_init(&out, MAX_QUOTES * sizeof(quote));
    for (uint32_t a = 0; a < STORY_ARTICLE_COUNT(st); a++)
        if (quotes_of_article(st, a, &out) != CHORUS_OK || out.failed) {
            buf_free(&out);
            return story_error(err, CHORUS_E_LIMIT, "quotes", -1, "too many quotations");
        }
    an->n_quotes = VEC_COUNT(&out, quote);
    an->quotes = arena_memdup(&st->arena, out.data ? out.data : "", out.len + 1);
    buf_free(&out);
    if (!an->quotes) return story_error(err, CHORUS_E_NOMEM, "quotes", -1, "out of memory");
    return build_ledger(st, an, err);
}

chorus_status analyze_story(chorus_story *st, int with_quotes, chorus_error *err)
{
    st->analysis = arena_alloc(&st->arena, sizeof *st->analysis);
    if (!st->analysis) return story_error(err, CHORUS_E_NOMEM, "analyze", -1, "out of memory");
    chorus_status s = entities_story(st, err);
    return s == CHORUS_OK && with_quotes ? quotes_story(st, err) : s;
}
