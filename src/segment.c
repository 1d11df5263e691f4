/*
 * segment.c — the segment stage: paragraphs into sentences, sentences into
 * tokens.
 *
 * A sentence may end at '.', '!', '?' or an ellipsis, after any closing
 * quotation marks and brackets, when whitespace follows and the next word
 * can start a sentence (upper case, a digit, an opening quote or bracket).
 * A period after a word is then judged by that word:
 *   - a title or honorific (Mr., Gen., St.) or a single initial (W.) never
 *     ends a sentence;
 *   - another abbreviation (Inc., U.S., a.m., Jan.) ends one only when the
 *     next word is a typical sentence opener (The, He, But, …).
 * The end of a paragraph always ends a sentence, so a headline or a line
 * without final punctuation is a sentence of its own (flagged a fragment).
 * Limits: English only; no split inside a quotation on a lower-case
 * continuation; lists inside one paragraph are not split.
 */
#include "segment.h"
#include "utf8.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(w, *list, n) == 0) return 1;
    return 0;
}

/* Abbreviations that are always followed by more of the same sentence. */
static const char *const titles[] = {
    "mr",   "mrs",  "ms",   "dr",   "prof", "gen",  "sen",  "rep",  "gov",   "lt",  "col",
    "sgt",  "capt", "maj",  "rev",  "hon",  "st",   "adm",  "brig", "cmdr",  "pres", "mt",
    "ft",   "no",   "nos",  "vs",   "cf",   "messrs", "mme", "mlle", "supt", "insp", "cpl",
    "pvt",  "gens", "reps", "sens", "govs", "fr",   "sr",   "jr",   "op",    "vol", "fig",
    "approx", "dept", "est", "e.g", "i.e", "p",    "pp",   "para", "art",   "sec", "ch", NULL};

/* Abbreviations that may also end a sentence. */
static const char *const abbreviations[] = {
    "inc", "corp", "co",  "ltd", "llc", "plc", "bros", "etc", "al",  "jan", "feb", "mar",
    "apr", "jun",  "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed",
    "thu", "fri",  "sat", "sun", "ave", "blvd", "rd",  "hwy", "a.m", "p.m", "u.s", "u.k",
    "u.n", "e.u",  "d.c", "n.y", "l.a", "mass", "calif", "fla", "ill", "pa", "va", "wash",
    "ariz", "colo", "conn", "ga", "ind", "kan", "ky", "la", "md", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "tenn", "tex", "wis", "wyo", "ph.d", NULL};

/* Words that typically open a sentence after a sentence-final abbreviation. */
static const char *const openers[] = {
    "the",   "a",    "an",   "he",   "she",   "it",    "they",  "we",    "i",     "you",
    "his",   "her",  "its",  "their", "this", "that",  "these", "those", "but",   "and",
    "or",    "so",   "yet",  "in",   "on",    "at",    "for",   "after", "before", "when",
    "while", "if",   "as",   "there", "here", "some",  "many",  "most",  "no",    "not",
    "one",   "two",  "both", "each", "all",   "what",  "who",   "how",   "why",   "where",
    "still", "also", "however", "meanwhile", "mr", "mrs", "ms", "dr",
    NULL};

/* The word that ends just before the period at text[dot]. */
static size_t word_before(const char *text, size_t dot, size_t *start)
{
    size_t i = dot;
    while (i > 0 && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '.' ||
                     text[i - 1] == '&' || ((unsigned char)text[i - 1] & 0x80)))
        i--;
    *start = i;
    return dot - i;
}

static size_t utf8_mark_len(const char *s, size_t n, int closing)
{
    if (n >= 1 && (s[0] == '"' || s[0] == '\'' || (closing ? (s[0] == ')' || s[0] == ']')
                                                            : (s[0] == '(' || s[0] == '['))))
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned char c = (unsigned char)s[2];
        if (closing ? (c == 0x9D || c == 0x99) : (c == 0x9C || c == 0x98)) return 3;
    }
    if (!closing && n >= 2 && s[0] == '`' && s[1] == '`') return 2;
    return 0;
}

int segment_ends_sentence(const char *text, size_t n)
{
    for (;;) {
        if (n >= 1 && (text[n - 1] == '"' || text[n - 1] == '\'' || text[n - 1] == ')' ||
                       text[n - 1] == ']')) {
            n--;
        } else if (n >= 3 && (unsigned char)text[n - 3] == 0xE2 &&
                   (unsigned char)text[n - 2] == 0x80 &&
                   ((unsigned char)text[n - 1] == 0x9D || (unsigned char)text[n - 1] == 0x99)) {
            n -= 3;
        } else {
            break;
        }
    }
    if (!n) return 0;
    char c = text[n - 1];
    if (c == '.' || c == '!' || c == '?') return 1;
    return n >= 3 && memcmp(text + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* Nonzero when the next word, at text[i], can start a sentence. */
static int can_open(const char *text, size_t n, size_t i)
{
    size_t k;
    while ((k = utf8_mark_len(text + i, n - i, 0)) != 0) i += k;
    if (i >= n) return 0;
    unsigned char c = (unsigned char)text[i];
    return isupper(c) || isdigit(c) || (c >= 0xC3 && c <= 0xDF) || c == '$';
}

static int next_is_opener(const char *text, size_t n, size_t i)
{
    size_t k;
    while ((k = utf8_mark_len(text + i, n - i, 0)) != 0) i += k;
    size_t j = i;
    while (j < n && isalpha((unsigned char)text[j])) j++;
    return j > i && word_in(text + i, j - i, openers);
}

/* Whether the period at text[dot], followed by a sentence opener at
 * text[next], ends the sentence. */
static int period_ends(const char *text, size_t n, size_t dot, size_t next)
{
    size_t start, len = word_before(text, dot, &start);
    if (len == 0) return 1;
    const char *w = text + start;
    if (len == 1 && isupper((unsigned char)w[0])) return 0; /* an initial */
    if (word_in(w, len, titles)) return 0;
    int dotted = memchr(w, '.', len) != NULL;
    if (dotted || word_in(w, len, abbreviations)) return next_is_opener(text, n, next);
    return 1;
}

void segment_paragraph(const char *text, size_t n, sentence_fn emit, void *ctx)
{
    size_t start = 0, i = 0;
    while (start < n && isspace((unsigned char)text[start])) start++;
    i = start;
    while (i < n) {
        char c = text[i];
        int ellipsis = n - i >= 3 && memcmp(text + i, "\xE2\x80\xA6", 3) == 0;
        if (c != '.' && c != '!' && c != '?' && !ellipsis) {
            i++;
            continue;
        }
        size_t end = i + (ellipsis ? 3 : 1);
        while (end < n && (text[end] == '.' || text[end] == '!' || text[end] == '?')) end++;
        size_t k;
        while ((k = utf8_mark_len(text + end, n - end, 1)) != 0) end += k;
        if (end >= n || !isspace((unsigned char)text[end])) {
            i = end > i ? end : i + 1;
            continue;
        }
        size_t next = end;
        while (next < n && isspace((unsigned char)text[next])) next++;
        int split = next < n && can_open(text, n, next);
        if (split && c == '.' && !ellipsis && text[i + 1] != '.')
            split = period_ends(text, n, i, next);
        if (split) {
            emit(ctx, start, end);
            start = next;
        }
        i = next > end ? next : end;
    }
    size_t stop = n;
    while (stop > start && isspace((unsigned char)text[stop - 1])) stop--;
    if (stop > start) emit(ctx, start, stop);
}

/* ----------------------------------------------------------- the stage */

typedef struct segment_ctx {
    chorus_story *st;
    article *art;
    uint32_t article_index, paragraph, base;
    buf *sentences, *tokens;
    void *stemmer;
    int failed;
} segment_ctx;

static void add_sentence(void *vctx, size_t start, size_t end)
{
    segment_ctx *c = vctx;
    if (c->failed) return;
    sentence *s = vec_push(c->sentences, sizeof *s);
    if (!s) {
        c->failed = 1;
        return;
    }
    const char *text = c->art->text;
    size_t a = c->base + start, b = c->base + end;
    s->article = c->article_index;
    s->paragraph = c->paragraph;
    s->span = (span){(uint32_t)a, (uint32_t)b};
    s->words = (uint32_t)text_count_words(text + a, b - a);
    s->position = (uint32_t)c->art->n_sentences++;
    s->first_token = (uint32_t)VEC_COUNT(c->tokens, token);
    long got = token_scan(c->st, text, a, b, c->tokens, c->stemmer);
    if (got < 0) {
        c->failed = 1;
        return;
    }
    s->n_tokens = (uint32_t)got;
    if (!segment_ends_sentence(text + a, b - a)) s->flags |= SENT_FRAGMENT;
    if (utf8_mark_len(text + a, b - a, 0)) s->flags |= SENT_QUOTE;
}

chorus_status segment_story(chorus_story *st, chorus_error *err)
{
    buf sentences, tokens;
    buf_init(&sentences, 0);
    buf_init(&tokens, 0);
    void *stemmer = token_stemmer_new();
    if (!stemmer) return story_error(err, CHORUS_E_NOMEM, "segment", -1, "no English stemmer");
    segment_ctx c = {.st = st, .sentences = &sentences, .tokens = &tokens, .stemmer = stemmer};
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st) && !c.failed; a++) {
        article *art = STORY_ARTICLE(st, a);
        c.art = art;
        c.article_index = (uint32_t)a;
        art->first_sentence = VEC_COUNT(&sentences, sentence);
        for (size_t p = 0; p < art->n_paragraphs && !c.failed; p++) {
            span sp = art->paragraphs[p];
            c.paragraph = (uint32_t)p;
            c.base = sp.start;
            segment_paragraph(art->text + sp.start, sp.end - sp.start, add_sentence, &c);
        }
    }
    token_stemmer_free(stemmer);
    chorus_status status = CHORUS_OK;
    if (c.failed || sentences.failed || tokens.failed || st->lexicon.failed) {
        status = story_error(err, CHORUS_E_LIMIT, st->id ? st->id : "story", -1,
                             "too many sentences or tokens");
    } else {
        st->n_sentences = VEC_COUNT(&sentences, sentence);
        st->n_tokens = VEC_COUNT(&tokens, token);
        st->sentences = arena_memdup(&st->arena, sentences.data, sentences.len);
        st->tokens = arena_memdup(&st->arena, tokens.data, tokens.len);
        if (!st->sentences || !st->tokens)
            status = story_error(err, CHORUS_E_NOMEM, "segment", -1, "out of memory");
    }
    buf_free(&sentences);
    buf_free(&tokens);
    return status;
}
