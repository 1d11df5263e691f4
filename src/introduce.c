/*
 * introduce.c — people in a summary: by full name first, then by surname.
 *
 * A summary takes sentences from several articles, so the sentence that
 * first named a person in full ("Ana Lutz") is often not among them, and
 * the summary would open with "Mr. Lutz said" or "Lutz said". Taken in
 * printing order, the first summary mention of each person of the entity
 * layer (entities.c) that gives a shorter form of the person's fullest
 * name is written in full: the honorific goes ("Mr. Lutz" -> "Ana Lutz"),
 * a role stays ("Planner Lutz" -> "Planner Ana Lutz"), a possessive stays
 * ("Lutz's" -> "Ana Lutz's"). A mention inside a quotation is left as
 * spoken (the person then waits for the next).
 * Once introduced, a person is named by surname, as news style does: a
 * later mention written with first names, a title or an honorific
 * ("Harbor Master Ana Lutz", "Ms. Lutz") becomes "Lutz" (the words saved
 * go back to the budget, see summarize.c). It stays as written inside a
 * quotation, when another person of the story has the same surname, when
 * the name ends in a generational suffix ("Jr."), and when a word other
 * than a function word or a verb of speech comes right before a name
 * without an honorific ("former Governor Ana Lutz", "Austrian President
 * Lutz"), which would be left describing the surname alone.
 * Limits: persons only; a name is lengthened only when the budget still has
 * room for the words and bytes it adds, and only when the shorter form is
 * the last words of the full name; the mention is found in the printed
 * sentence by its surface text, so a compressed sentence that lost it is
 * left alone.
 */
#include "introduce.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "entities.h"
#include "segment.h"
#include "utf8.h"

static int is_word_byte(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* The first whole-word occurrence of needle[0..n) in text from from on,
 * or NULL. */
static const char *find_word(const char *text, const char *from, const char *needle, size_t n)
{
    for (const char *p = from; *p; p++) {
        if (strncmp(p, needle, n) != 0) continue;
        if ((p > text && is_word_byte(p[-1])) || is_word_byte(p[n])) continue;
        return p;
    }
    return NULL;
}

/* Nonzero when at lies inside a quotation of text: a quotation's words
 * are printed as spoken. */
static int inside_quotation(const char *text, const char *at)
{
    int open = 0;
    for (const char *p = text; p < at; p++) {
        if (*p == '"')
            open = !open;
        else if (p[0] == '`' && p[1] == '`')
            open = 1, p++;
        else if (p[0] == '\'' && p[1] == '\'' && open)
            open = 0, p++;
        else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
            if ((unsigned char)p[2] == 0x9C) open = 1; /* “ */
            if ((unsigned char)p[2] == 0x9D) open = 0; /* ” */
        }
    }
    return open;
}

/* Nonzero when name ends with the words of short[0..n) after a space. */
static int ends_with_words(const char *name, const char *shorter, size_t n)
{
    size_t len = strlen(name);
    return len > n + 1 && name[len - n - 1] == ' ' && memcmp(name + len - n, shorter, n) == 0;
}

/* text with [at, at + n) replaced by name[0..name_len), in the story's
 * arena. */
static const char *replaced(chorus_story *st, const char *text, const char *at, size_t n,
                            const char *name, size_t name_len)
{
    size_t head = (size_t)(at - text), len = strlen(text);
    char *out = arena_alloc(&st->arena, len - n + name_len + 1);
    if (!out) return NULL;
    memcpy(out, text, head);
    memcpy(out + head, name, name_len);
    memcpy(out + head + name_len, at + n, len - head - n + 1);
    return out;
}

/* Writes the mention m in full in text when the room allows; *done
 * tells whether the person now counts as introduced (a mention that
 * compression left out, or one inside a quotation, left as spoken, does
 * not count). */
static const char *introduce(chorus_story *st, const mention *m, const char *name, const char *text,
                             name_room *room, int *done)
{
    const char *art = STORY_ARTICLE(st, m->article)->text;
    const char *surface = art + m->span.start;
    size_t n = m->span.end - m->span.start;
    /* an honorific goes with the short form; a role stays */
    const char *form = m->titled & 2 ? art + m->title_start : surface;
    size_t form_len = m->span.end - (size_t)(form - art);
    const char *at = find_word(text, text, form, form_len);
    *done = at && !inside_quotation(text, at);
    if (!*done || !ends_with_words(name, surface, n)) return text;
    surface = form, n = form_len;
    size_t words = text_count_words(name, strlen(name)), had = text_count_words(surface, n);
    size_t bytes = strlen(name);
    size_t more_words = words > had ? words - had : 0, more_bytes = bytes > n ? bytes - n : 0;
    if (more_words > room->words || more_bytes > room->bytes) return text;
    const char *out = replaced(st, text, at, n, name, bytes);
    if (out) room->words -= more_words, room->bytes -= more_bytes;
    return out;
}

const char *introduce_people(chorus_story *st, uint32_t sent, const char *text, uint8_t *introduced,
                             name_room *room)
{
    const analysis *an = st->analysis;
    if (!an || !introduced) return text;
    for (size_t i = 0; i < an->n_mentions && text; i++) {
        const mention *m = &an->mentions[i];
        if (m->sentence != sent || m->kind != MENTION_NAME || m->entity >= an->n_entities) continue;
        const entity *e = &an->entities[m->entity];
        if (e->type != ENT_PER || introduced[m->entity]) continue;
        int done;
        text = introduce(st, m, e->name, text, room, &done);
        introduced[m->entity] = (uint8_t)done;
    }
    return text;
}

/* The last word of s[0..n) (after its last space), in *len; s itself when
 * it has one word. */
static const char *last_word(const char *s, size_t n, size_t *len)
{
    size_t i = n;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    *len = n - i;
    return s + i;
}

/* Nonzero when the surname names one person of the story only, and is no
 * generational suffix. */
static int surname_names_one(const analysis *an, size_t who, const char *surname, size_t n)
{
    static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", NULL};
    if (text_word_listed(suffixes, surname, n, 0)) return 0;
    for (size_t i = 0; i < an->n_entities; i++) {
        const entity *e = &an->entities[i];
        if (i == who || e->type != ENT_PER) continue;
        size_t len;
        const char *other = last_word(e->name, strlen(e->name), &len);
        if (len == n && strncasecmp(other, surname, n) == 0) return 0;
    }
    return 1;
}

/* Nonzero when what comes before at in text leaves the name on its own:
 * the sentence's start, punctuation, or a function word or verb of speech
 * after a space. */
static int stands_alone(const char *text, const char *at)
{
    if (at == text) return 1;
    if (at[-1] != ' ') return 0;
    const char *end = at - 1;
    while (end > text && end[-1] == ' ')
        end--;
    if (end == text || !is_word_byte(end[-1])) return 1;
    const char *start = end;
    while (start > text && (is_word_byte(start[-1]) || start[-1] == '-' || start[-1] == '\''))
        start--;
    char word[32];
    size_t n = (size_t)(end - start);
    if (n >= sizeof word) return 0;
    for (size_t i = 0; i < n; i++)
        word[i] = (char)tolower((unsigned char)start[i]);
    return is_stopword(word, n) || (segment_word_roles(word, n) & W_SPEECH);
}

#define SEEN_MAX 32 /* people told apart within one sentence */

const char *name_people_again(chorus_story *st, uint32_t sent, const char *text,
                              const uint8_t *introduced)
{
    const analysis *an = st->analysis;
    if (!an || !introduced) return text;
    uint32_t seen[SEEN_MAX]; /* people named earlier in this sentence */
    size_t n_seen = 0, from = 0;
    for (size_t i = 0; i < an->n_mentions && text; i++) {
        const mention *m = &an->mentions[i];
        if (m->sentence != sent || m->kind != MENTION_NAME || m->entity >= an->n_entities ||
            an->entities[m->entity].type != ENT_PER)
            continue;
        const char *art = STORY_ARTICLE(st, m->article)->text;
        const char *form = art + m->title_start;
        size_t form_len = m->span.end - m->title_start, n;
        const char *at = find_word(text, text + from, form, form_len);
        if (!at || inside_quotation(text, at)) continue;
        int earlier = introduced[m->entity];
        for (size_t k = 0; k < n_seen; k++)
            earlier |= seen[k] == m->entity;
        if (!earlier && n_seen < SEEN_MAX) seen[n_seen++] = m->entity;
        const char *surname = last_word(art + m->span.start, m->span.end - m->span.start, &n);
        from = (size_t)(at - text) + form_len;
        if (!earlier || n == form_len || !surname_names_one(an, m->entity, surname, n) ||
            !((m->titled & 2) || stands_alone(text, at))) /* an honorific reads alone */
            continue;
        from = (size_t)(at - text) + n;
        text = replaced(st, text, at, form_len, surname, n);
    }
    return text;
}
