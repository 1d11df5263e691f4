/*
 * render_json.c — the story as JSON (docs/json-schema.md). Keys come in a
 * fixed order and numbers are integers, so the same story always gives the
 * same bytes.
 */
#include "json.h"
#include "story.h"

static void put_meta_fields(const article *a, buf *out, int *first)
{
    const article_meta *m = &a->meta;
    json_key(out, "title", first), json_cstr(out, m->title);
    json_key(out, "outlet", first), json_cstr(out, m->outlet);
    json_key(out, "agency", first), json_cstr(out, m->agency);
    json_key(out, "byline", first), json_cstr(out, m->byline);
    json_key(out, "date", first), json_cstr(out, m->date);
    json_key(out, "dateline", first), json_cstr(out, m->dateline);
}

static void put_meta_sources(const article *a, buf *out, int *first)
{
    const article_meta *m = &a->meta;
    int inner = 1;
    json_key(out, "meta_sources", first);
    buf_putc(out, '{');
    json_key(out, "title", &inner), json_cstr(out, m->title_source);
    json_key(out, "outlet", &inner), json_cstr(out, m->outlet_source);
    json_key(out, "byline", &inner), json_cstr(out, m->byline_source);
    json_key(out, "date", &inner), json_cstr(out, m->date_source);
    buf_putc(out, '}');
}

static void put_removed(const article *a, buf *out, int *first)
{
    json_key(out, "removed", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < a->n_removed; i++) {
        const removed_line *r = &a->removed[i];
        int inner = 1;
        buf_puts(out, i ? ", {" : "{");
        json_key(out, "line", &inner), buf_printf(out, "%u", r->line);
        json_key(out, "reason", &inner), json_cstr(out, removal_reason_name(r->reason));
        json_key(out, "text", &inner), json_cstr(out, r->text);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
}

static void put_article(const article *a, buf *out, int clean)
{
    int first = 1;
    buf_putc(out, '{');
    json_key(out, "id", &first), json_cstr(out, a->id);
    put_meta_fields(a, out, &first);
    json_key(out, "words", &first), buf_printf(out, "%zu", a->words);
    json_key(out, "sentences", &first), buf_printf(out, "%zu", a->n_sentences);
    if (clean) {
        put_meta_sources(a, out, &first);
        json_key(out, "text", &first), json_string(out, a->text, a->text_len);
        json_key(out, "paragraphs", &first);
        buf_putc(out, '[');
        for (size_t p = 0; p < a->n_paragraphs; p++)
            buf_printf(out, "%s[%u, %u]", p ? ", " : "", a->paragraphs[p].start,
                       a->paragraphs[p].end);
        buf_putc(out, ']');
    }
    put_removed(a, out, &first);
    buf_putc(out, '}');
}

static void put_articles(const chorus_story *st, buf *out, int *first, int clean)
{
    json_key(out, "articles", first);
    buf_putc(out, '[');
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        if (a) buf_puts(out, ", ");
        put_article(STORY_ARTICLE(st, a), out, clean);
    }
    buf_putc(out, ']');
}

static void put_skipped(const chorus_story *st, buf *out, int *first)
{
    json_key(out, "skipped", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < VEC_COUNT(&st->skipped, chorus_error); i++) {
        const chorus_error *e = &VEC_AT(&st->skipped, chorus_error, i);
        int inner = 1, err = 1;
        buf_puts(out, i ? ", {" : "{");
        json_key(out, "id", &inner), json_cstr(out, e->where);
        json_key(out, "error", &inner);
        buf_putc(out, '{');
        json_key(out, "code", &err), json_cstr(out, chorus_status_code(e->status));
        json_key(out, "message", &err), json_cstr(out, e->message);
        buf_puts(out, "}}");
    }
    buf_putc(out, ']');
}

static void put_summary(const chorus_story *st, buf *out, int *first)
{
    json_key(out, "summary", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < st->n_summary; i++) {
        const summary_item *it = &st->summary[i];
        const sentence *s = &st->sentences[it->sentence];
        int inner = 1;
        buf_puts(out, i ? ", {" : "{");
        json_key(out, "text", &inner), json_cstr(out, it->text);
        json_key(out, "article", &inner), json_cstr(out, STORY_ARTICLE(st, s->article)->id);
        json_key(out, "start", &inner), buf_printf(out, "%u", s->span.start);
        json_key(out, "end", &inner), buf_printf(out, "%u", s->span.end);
        json_key(out, "sources", &inner);
        buf_putc(out, '[');
        for (size_t k = 0; k < it->n_sources; k++) {
            if (k) buf_puts(out, ", ");
            json_cstr(out, STORY_ARTICLE(st, it->sources[k])->id);
        }
        buf_puts(out, "]}");
    }
    buf_putc(out, ']');
}

void render_json(const chorus_story *st, buf *out)
{
    int first = 1;
    buf_putc(out, '{');
    if (st->id) json_key(out, "id", &first), json_cstr(out, st->id);
    put_articles(st, out, &first, 0);
    put_skipped(st, out, &first);
    put_summary(st, out, &first);
    render_quotes_json(st, out, &first);
    render_entities_json(st, out, &first);
    buf_puts(out, "}\n");
}

void render_plain_json(const chorus_story *st, buf *out)
{
    int first = 1;
    buf_putc(out, '{');
    json_key(out, "id", &first), json_cstr(out, st->id);
    json_key(out, "summary", &first);
    buf_putc(out, '[');
    for (size_t i = 0; i < st->n_summary; i++) {
        if (i) buf_puts(out, ", ");
        json_cstr(out, st->summary[i].text);
    }
    buf_puts(out, "]}\n");
}

void render_clean_json(const chorus_story *st, buf *out)
{
    int first = 1;
    buf_putc(out, '{');
    if (st->id) json_key(out, "id", &first), json_cstr(out, st->id);
    put_articles(st, out, &first, 1);
    put_skipped(st, out, &first);
    buf_puts(out, "}\n");
}
