/*
 * introduce.c — people in a summary are introduced by their full name.
 *
 * A summary takes sentences from several articles, so the sentence that
 * first named a person in full ("Ana Lutz") is often not among them, and
 * the summary would open with "Mr. Lutz said" or "Lutz said". Taken in
 * printing order, the first summary mention of each person of the entity
 * layer (entities.c) that gives a shorter form of the person's fullest
 * name is written in full: the honorific goes ("Mr. Lutz" -> "Ana Lutz"),
 * a role stays ("Planner Lutz" -> "Planner Ana Lutz"), a possessive stays
 * ("Lutz's" -> "Ana Lutz's"). Later mentions are left as written, and so
 * is a mention inside a quotation (the person then waits for the next).
 * Limits: persons only; a name is lengthened only when the budget still has
 * room for the words and bytes it adds, and only when the shorter form is
 * the last words of the full name; the mention is found in the printed
 * sentence by its surface text, so a compressed sentence that lost it is
 * left alone.
 */
#include "introduce.h"

#include <ctype.h>
#include <string.h>

#include "entities.h"
#include "utf8.h"

static int is_word_byte(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* The first whole-word occurrence of needle[0..n) in text, or NULL. */
static const char *find_word(const char *text, const char *needle, size_t n)
{
    for (const char *p = text; *p; p++) {
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

/* text with [at, at + n) replaced by name, in the story's arena. */
static const char *replaced(chorus_story *st, const char *text, const char *at, size_t n,
                            const char *name)
{
    size_t head = (size_t)(at - text), len = strlen(text), name_len = strlen(name);
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
    const char *at = find_word(text, form, form_len);
    *done = at && !inside_quotation(text, at);
    if (!*done || !ends_with_words(name, surface, n)) return text;
    surface = form, n = form_len;
    size_t words = text_count_words(name, strlen(name)), had = text_count_words(surface, n);
    size_t bytes = strlen(name);
    size_t more_words = words > had ? words - had : 0, more_bytes = bytes > n ? bytes - n : 0;
    if (more_words > room->words || more_bytes > room->bytes) return text;
    const char *out = replaced(st, text, at, n, name);
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
