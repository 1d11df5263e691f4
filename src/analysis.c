/*
 * analysis.c — the public accessors of the entity and quote layers, and
 * their JSON sections ("entities", "quotes"; docs/json-schema.md).
 */
#include <string.h>

#include "entities.h"
#include "json.h"

static const analysis *layer(const chorus_story *st)
{
    static const analysis empty;
    return st->analysis && !st->opts.skip_analyses ? st->analysis : &empty;
}

size_t chorus_story_entity_count(const chorus_story *st)
{
    return layer(st)->n_entities;
}

int chorus_story_entity(const chorus_story *st, size_t i, chorus_entity_info *out)
{
    const analysis *an = layer(st);
    if (i >= an->n_entities) return 0;
    const entity *e = &an->entities[i];
    *out = (chorus_entity_info){
        .name = e->name,
        .type = entity_type_name(e->type),
        .aliases = e->aliases,
        .alias_count = e->n_aliases,
        .articles = e->articles,
        .article_count = e->n_articles,
        .mention_count = e->n_mentions,
    };
    return 1;
}

int chorus_story_entity_mention(const chorus_story *st, size_t i, size_t k,
                                chorus_mention_info *out)
{
    const analysis *an = layer(st);
    if (i >= an->n_entities || k >= an->entities[i].n_mentions) return 0;
    const mention *m = &an->mentions[an->entities[i].mentions[k]];
    *out = (chorus_mention_info){m->article, m->span.start, m->span.end, m->kind == MENTION_ROLE};
    return 1;
}

size_t chorus_story_quote_count(const chorus_story *st)
{
    return layer(st)->n_entries;
}

int chorus_story_quote(const chorus_story *st, size_t i, chorus_quote_info *out)
{
    const analysis *an = layer(st);
    if (i >= an->n_entries) return 0;
    const quote_entry *e = &an->entries[i];
    const char *speaker = "";
    if (e->entity >= 0) speaker = an->entities[e->entity].name;
    for (size_t k = 0; k < e->n_quotes && !speaker[0]; k++)
        speaker = an->quotes[e->quotes[k]].speaker_text;
    *out = (chorus_quote_info){
        .text = an->quotes[e->best].text,
        .speaker = speaker,
        .entity = e->entity,
        .cue = an->quotes[e->best].cue,
        .articles = e->articles,
        .article_count = e->n_articles,
        .mention_count = e->n_quotes,
    };
    return 1;
}

int chorus_story_quote_mention(const chorus_story *st, size_t i, size_t k,
                               chorus_quote_mention *out)
{
    const analysis *an = layer(st);
    if (i >= an->n_entries || k >= an->entries[i].n_quotes) return 0;
    const quote *q = &an->quotes[an->entries[i].quotes[k]];
    *out = (chorus_quote_mention){
        .article = q->article,
        .start = q->span.start,
        .end = q->span.end,
        .text = q->text,
        .speaker_start = q->speaker.start,
        .speaker_end = q->speaker.end,
        .speaker = q->speaker_text,
        .entity = q->entity,
        .cue = q->cue,
        .pattern = q->how && q->how[0] ? q->how : "none",
        .depth = q->depth,
    };
    return 1;
}

/* ----------------------------------------------------------------- JSON */

static void put_articles(const chorus_story *st, buf *out, const size_t *arts, size_t n)
{
    buf_putc(out, '[');
    for (size_t k = 0; k < n; k++) {
        if (k) buf_puts(out, ", ");
        json_cstr(out, STORY_ARTICLE(st, arts[k])->id);
    }
    buf_putc(out, ']');
}

static void put_entity(const chorus_story *st, size_t i, buf *out)
{
    const entity *e = &layer(st)->entities[i];
    int first = 1;
    buf_putc(out, '{');
    json_key(out, "id", &first), buf_printf(out, "\"e%zu\"", i + 1);
    json_key(out, "name", &first), json_cstr(out, e->name);
    json_key(out, "type", &first), json_cstr(out, entity_type_name(e->type));
    json_key(out, "aliases", &first);
    buf_putc(out, '[');
    for (size_t k = 0; k < e->n_aliases; k++) {
        if (k) buf_puts(out, ", ");
        json_cstr(out, e->aliases[k]);
    }
    buf_putc(out, ']');
    json_key(out, "articles", &first), put_articles(st, out, e->articles, e->n_articles);
    json_key(out, "mentions", &first);
    buf_putc(out, '[');
    for (size_t k = 0; k < e->n_mentions; k++) {
        const mention *m = &layer(st)->mentions[e->mentions[k]];
        int inner = 1;
        buf_puts(out, k ? ", {" : "{");
        json_key(out, "article", &inner), json_cstr(out, STORY_ARTICLE(st, m->article)->id);
        json_key(out, "start", &inner), buf_printf(out, "%u", m->span.start);
        json_key(out, "end", &inner), buf_printf(out, "%u", m->span.end);
        json_key(out, "text", &inner);
        json_string(out, STORY_ARTICLE(st, m->article)->text + m->span.start,
                    m->span.end - m->span.start);
        json_key(out, "role", &inner), buf_puts(out, m->kind == MENTION_ROLE ? "true" : "false");
        buf_putc(out, '}');
    }
    buf_puts(out, "]}");
}

void render_entities_json(const chorus_story *st, buf *out, int *first)
{
    json_key(out, "entities", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < layer(st)->n_entities; i++) {
        if (i) buf_puts(out, ", ");
        put_entity(st, i, out);
    }
    buf_putc(out, ']');
}

static void put_quote_mention(const chorus_story *st, const quote *q, buf *out)
{
    int inner = 1;
    buf_putc(out, '{');
    json_key(out, "article", &inner), json_cstr(out, STORY_ARTICLE(st, q->article)->id);
    json_key(out, "start", &inner), buf_printf(out, "%u", q->span.start);
    json_key(out, "end", &inner), buf_printf(out, "%u", q->span.end);
    json_key(out, "text", &inner), json_cstr(out, q->text);
    json_key(out, "speaker", &inner), json_cstr(out, q->speaker_text);
    json_key(out, "speaker_start", &inner), buf_printf(out, "%u", q->speaker.start);
    json_key(out, "speaker_end", &inner), buf_printf(out, "%u", q->speaker.end);
    json_key(out, "entity", &inner);
    if (q->entity >= 0)
        buf_printf(out, "\"e%d\"", q->entity + 1);
    else
        buf_puts(out, "null");
    json_key(out, "cue", &inner), json_cstr(out, q->cue);
    json_key(out, "pattern", &inner), json_cstr(out, q->how && q->how[0] ? q->how : "none");
    json_key(out, "depth", &inner), buf_printf(out, "%u", q->depth);
    buf_putc(out, '}');
}

void render_quotes_json(const chorus_story *st, buf *out, int *first)
{
    const analysis *an = layer(st);
    json_key(out, "quotes", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < an->n_entries; i++) {
        chorus_quote_info qi;
        chorus_story_quote(st, i, &qi);
        int inner = 1;
        buf_puts(out, i ? ", {" : "{");
        json_key(out, "text", &inner), json_cstr(out, qi.text);
        json_key(out, "speaker", &inner), json_cstr(out, qi.speaker);
        json_key(out, "entity", &inner);
        if (qi.entity >= 0)
            buf_printf(out, "\"e%ld\"", qi.entity + 1);
        else
            buf_puts(out, "null");
        json_key(out, "cue", &inner), json_cstr(out, qi.cue);
        json_key(out, "articles", &inner), put_articles(st, out, qi.articles, qi.article_count);
        json_key(out, "mentions", &inner);
        buf_putc(out, '[');
        for (size_t k = 0; k < an->entries[i].n_quotes; k++) {
            if (k) buf_puts(out, ", ");
            put_quote_mention(st, &an->quotes[an->entries[i].quotes[k]], out);
        }
        buf_puts(out, "]}");
    }
    buf_putc(out, ']');
}

void render_layer_json(const chorus_story *st, buf *out, int which)
{
    int first = 1;
    buf_putc(out, '{');
    if (st->id) json_key(out, "id", &first), json_cstr(out, st->id);
    json_key(out, "articles", &first);
    buf_putc(out, '[');
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        const article *art = STORY_ARTICLE(st, a);
        int inner = 1;
        buf_puts(out, a ? ", {" : "{");
        json_key(out, "id", &inner), json_cstr(out, art->id);
        json_key(out, "outlet", &inner), json_cstr(out, art->meta.outlet);
        json_key(out, "date", &inner), json_cstr(out, art->meta.date);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
    if (which)
        render_entities_json(st, out, &first);
    else
        render_quotes_json(st, out, &first);
    buf_puts(out, "}\n");
}
