/*
 * candidates.c — which sentences may stand in a summary, and which only
 * right after the sentence before them.
 *
 * A summary sentence is a complete sentence of a set length range that is
 * no transcript or section label ("SMITH: ..."), no quotation without its
 * speaker, does not trail off in an ellipsis (an excerpt cut short), and is
 * no sentence in which the page speaks to its reader (clean.c).
 * A question asks where a summary reports. A sentence points back when it
 * opens with a pronoun, a demonstrative or a word that counts what was
 * named ("She said ...", "This was ...", "Neither town ..."),
 * also after a short opening phrase ("If convicted, he ..."), or with a
 * relating connective ("As a result, ..."); when a pronoun is the speaker
 * of its quotation ("...," he added.); and, after its article's first
 * sentence, when it opens with "The" and a noun that names again what the
 * article introduced ("The company said ..."), or is short and names nobody
 * ("The old fee was forty dollars.", "Every pier was damaged.") or points
 * with a demonstrative ("... left that meeting early.").
 * Limits: English surface cues on the printed text; no parse, no
 * coreference: what the sentence points to is assumed to be the sentence
 * before it.
 */
#include "candidates.h"

#include <ctype.h>
#include <string.h>

#include "entities.h"
#include "utf8.h"

#ifndef SHORT_REFERENCE_WORDS
#define SHORT_REFERENCE_WORDS 15
#endif
#ifndef UNNAMED_WORDS
#define UNNAMED_WORDS 10
#endif

/* The length of the run of lower-case ASCII letters at w. */
static size_t lower_word_len(const char *w)
{
    size_t n = 0;
    while (islower((unsigned char)w[n]))
        n++;
    return n;
}

static int is_cue(const char *w)
{
    /* clang-format off */
    static const char *const cues[] = {"said", "says", "say", "told", "added", "according",
                                       "asked", "stated", "wrote", "noted", "insisted",
                                       "warned", "argued", "explained", "announced", NULL};
    /* clang-format on */
    return text_word_listed(cues, w, strlen(w), 0);
}

static const char *token_lower(const chorus_story *st, const sentence *s, uint32_t k)
{
    return STORY_TERM(st, st->tokens[s->first_token + k].term)->lower;
}

/* Nonzero when the sentence names who speaks: a reporting verb or
 * "according to". */
static int has_attribution(const chorus_story *st, const sentence *s)
{
    for (uint32_t k = 0; k < s->n_tokens; k++)
        if (is_cue(token_lower(st, s, k))) return 1;
    return 0;
}

/* Nonzero when the one who speaks is a pronoun ("...," he added.): the
 * sentence points back to whoever was named before it. */
static int pronoun_speaker(const chorus_story *st, const sentence *s)
{
    static const char *const pronouns[] = {"he", "she", "they", NULL};
    for (uint32_t k = 0; k < s->n_tokens; k++) {
        if (!is_cue(token_lower(st, s, k))) continue;
        for (const char *const *p = pronouns; *p; p++)
            if ((k > 0 && strcmp(token_lower(st, s, k - 1), *p) == 0) ||
                (k + 1 < s->n_tokens && strcmp(token_lower(st, s, k + 1), *p) == 0))
                return 1;
    }
    return 0;
}

/* Nonzero when the word at text is one that points back to something said
 * before it: a personal or demonstrative pronoun, or "both", "neither" or
 * "either". */
static int is_pointing_word(const char *text)
{
    /* clang-format off */
    static const char *const words[] = {"he",   "she",   "it",    "they",  "his",   "her", "its",
                                        "their", "them", "him",   "this",  "these", "those",
                                        "such",  "that", "both",  "neither", "either", NULL};
    /* clang-format on */
    size_t n = 0;
    while (isalpha((unsigned char)text[n]))
        n++;
    return text_word_listed(words, text, n, 1);
}

/* Nonzero when text names nobody after its first word. */
static int names_nobody(const char *text)
{
    for (size_t i = 1; text[i]; i++)
        if (text[i - 1] == ' ' && isupper((unsigned char)text[i])) return 0;
    return 1;
}

/* Nonzero when text holds a demonstrative before a noun ("... left that
 * summit early"); times ("this week") and clauses ("said that he") aside. */
static int has_demonstrative(const char *text)
{
    /* clang-format off */
    static const char *const demonstratives[] = {"that", "this", "these", "those", NULL};
    static const char *const no_nouns[] = {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "is", "was", "are", "were",
        "will", "would", "could", "should", "has", "have", "had", "his", "her", "its", "their",
        "our", "there", "year", "week", "month", "time", "morning", "afternoon", "evening",
        "weekend", NULL};
    /* clang-format on */
    for (size_t i = 1; text[i]; i++) {
        if (text[i - 1] != ' ') continue;
        size_t n = lower_word_len(text + i);
        if (!n || text[i + n] != ' ' || !text_word_listed(demonstratives, text + i, n, 0)) continue;
        const char *next = text + i + n + 1;
        size_t k = lower_word_len(next);
        if (k && !text_word_listed(no_nouns, next, k, 0)) return 1;
    }
    return 0;
}

/* Nonzero when a short sentence states a fact about what its article said
 * before: it names nobody and opens with "The" ("The old fee was forty
 * dollars.") or is shorter still (UNNAMED_WORDS: "Every pier was
 * damaged."), or it points with a demonstrative ("Lutz left that meeting
 * early."). */
static int short_reference(const char *text, uint32_t words)
{
    if (words > SHORT_REFERENCE_WORDS) return 0;
    int the = strncmp(text, "The ", 4) == 0;
    return ((the || words <= UNNAMED_WORDS) && names_nobody(text)) || has_demonstrative(text);
}

/* Nonzero when text opens with "The" and a noun or a number that names
 * again someone or something its article introduced ("The company said
 * ...", "The move angered ...", "The two were charged ..."), not followed by a clause that
 * introduces it here ("The man who ..."). */
static int opens_with_definite(const char *text)
{
    /* clang-format off */
    static const char *const nouns[] = {
        "company", "firm", "team", "group", "trio", "pair", "couple", "man", "woman", "boy",
        "girl", "move", "decision", "deal", "plan", "appointment", "agreement", "measure",
        "proposal", "incident", "suspect", "victim", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", NULL};
    static const char *const introducers[] = {"who", "that", "which", "whose", NULL};
    /* clang-format on */
    if (strncmp(text, "The ", 4) != 0) return 0;
    const char *w = text + 4;
    size_t n = lower_word_len(w);
    if (!text_word_listed(nouns, w, n, 0) || w[n] == '-') return 0; /* "The man-made lake" */
    if (w[n] != ' ') return 1; /* "The company's", "The move." */
    const char *next = w + n + 1;
    size_t k = lower_word_len(next);
    return !(text_word_listed(introducers, next, k, 0) && next[k] == ' ');
}

/* Nonzero when text opens with a connective that relates it to what came
 * before it ("Similarly, ...", "As a result, ..."). */
static int opens_with_relating_connective(const char *text)
{
    /* clang-format off */
    static const char *const connectives[] = {
        "Similarly", "Likewise", "Simultaneously", "Consequently", "Thus", "Therefore", "Hence",
        "Otherwise", "In response", "As a result", "In turn", "At the same time", "By contrast",
        "In contrast", "Even so", "Even then", NULL};
    /* clang-format on */
    for (const char *const *c = connectives; *c; c++) {
        size_t n = strlen(*c);
        if (strncmp(text, *c, n) == 0 && text[n] == ',') return 1;
    }
    return 0;
}

/* Nonzero when the printed sentence opens by pointing back: with such a
 * word or connective, or with such a word right after a short opening
 * phrase that names nobody ("If convicted, he faces ...", "In 1998, they
 * ..."). */
static int opens_with_reference(const char *text)
{
    if (is_pointing_word(text) || opens_with_relating_connective(text)) return 1;
    size_t words = 1;
    for (size_t i = 0; text[i] && words <= 6; i++) {
        if (text[i] == ',' && text[i + 1] == ' ') return is_pointing_word(text + i + 2);
        if (text[i] == ' ') {
            words++;
            if (isupper((unsigned char)text[i + 1])) return 0; /* a name */
        }
        if (text[i] == '"' || text[i] == '(') return 0;
    }
    return 0;
}

/* Nonzero when the sentence opens with a speaker's or section's label in
 * capitals ("SMITH: Yes, ...", "THE AUTHOR: ..."): a line of a transcript
 * or of a page layout, not a sentence of the story. An article's first
 * sentence may open with a dateline instead ("KARACHI: ...", "NEW DELHI:
 * ..."): there a label of one word or a place's name is not one. */
static int opens_with_label(const char *text, size_t n, int first)
{
    char lower[40];
    size_t i = 0, letters = 0, words = 1;
    for (; i < n && i < sizeof lower && text[i] != ':'; i++) {
        if (islower((unsigned char)text[i])) return 0;
        if (isupper((unsigned char)text[i])) letters++;
        words += text[i] == ' ';
        lower[i] = (char)tolower((unsigned char)text[i]);
    }
    if (i >= n || text[i] != ':' || letters < 2) return 0;
    return !first || (words > 1 && !(entity_word_flags(lower, i) & WORD_PLACE));
}

int candidate_asks(const char *text, size_t n)
{
    while (n > 0 && (memchr("\"')] ", text[n - 1], 5) || (unsigned char)text[n - 1] >= 0x80))
        n--;
    return n > 0 && text[n - 1] == '?';
}

int candidate_speaks_to_reader(const chorus_story *st, const sentence *s)
{
    const char *text = STORY_ARTICLE(st, s->article)->text + s->span.start;
    return clean_page_sentence(text, s->span.end - s->span.start, s->words);
}

/* Nonzero when text[0..n) trails off in an ellipsis ("..." or "…"),
 * closing quotation marks and brackets aside: an excerpt cut short or a
 * statement left unfinished. */
static int trails_off(const char *text, size_t n)
{
    for (;;) {
        if (n && text[n - 1] && strchr("\"')]", text[n - 1]))
            n--;
        else if (n >= 3 && (memcmp(text + n - 3, "\xE2\x80\x9D", 3) == 0 || /* ” */
                            memcmp(text + n - 3, "\xE2\x80\x99", 3) == 0))  /* ’ */
            n -= 3;
        else
            break;
    }
    /* "...." is a finished sentence and an ellipsis after it */
    return n >= 3 && ((memcmp(text + n - 3, "...", 3) == 0 && (n == 3 || text[n - 4] != '.')) ||
                      memcmp(text + n - 3, "\xE2\x80\xA6", 3) == 0); /* … */
}

int candidate_eligible(const chorus_story *st, const sentence *s, uint32_t min_words,
                       uint32_t max_words)
{
    if ((s->flags & SENT_FRAGMENT) || s->words < min_words || s->words > max_words) return 0;
    const char *text = STORY_ARTICLE(st, s->article)->text + s->span.start;
    size_t n = s->span.end - s->span.start;
    if (opens_with_label(text, n, s->position == 0) || trails_off(text, n)) return 0;
    return !(s->flags & SENT_QUOTE) || has_attribution(st, s);
}

int candidate_points_back(const chorus_story *st, const sentence *s, const char *printed,
                          uint32_t words)
{
    return opens_with_reference(printed) || ((s->flags & SENT_QUOTE) && pronoun_speaker(st, s)) ||
           (s->position > 0 && (opens_with_definite(printed) || short_reference(printed, words)));
}
