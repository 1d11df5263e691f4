/*
 * render_text.c — the story for people: the summary with [n] citations and
 * a numbered source list; the plain form (summary sentences only, one per
 * line, as ROUGE expects); and the clean text of each article. Renderers
 * only read the story.
 */
#include <string.h>

#include "story.h"

static void put_citations(const summary_item *it, buf *out)
{
    buf_putc(out, ' ');
    for (size_t k = 0; k < it->n_sources; k++)
        buf_printf(out, "[%zu]", it->sources[k] + 1);
}

static void put_source_line(const article *a, size_t index, buf *out)
{
    buf_printf(out, "[%zu] %s", index + 1, a->id);
    const article_meta *m = &a->meta;
    const char *sep = ": ";
    if (m->outlet[0]) {
        buf_printf(out, "%s%s", sep, m->outlet);
        if (m->agency[0] && strcmp(m->agency, m->outlet) != 0) buf_printf(out, " (%s)", m->agency);
        sep = ", ";
    }
    if (m->title[0]) buf_printf(out, "%s\"%s\"", sep, m->title), sep = ", ";
    if (m->date[0]) buf_printf(out, "%s%s", sep, m->date);
    buf_putc(out, '\n');
}

static void put_skipped(const chorus_story *st, buf *out)
{
    size_t n = VEC_COUNT(&st->skipped, chorus_error);
    if (!n) return;
    buf_puts(out, "\nSkipped:\n");
    for (size_t i = 0; i < n; i++) {
        const chorus_error *e = &VEC_AT(&st->skipped, chorus_error, i);
        buf_printf(out, "  %s: %s\n", e->where, e->message);
    }
}

void render_text(const chorus_story *st, buf *out)
{
    for (size_t i = 0; i < st->n_summary; i++) {
        const summary_item *it = &st->summary[i];
        buf_puts(out, it->text);
        put_citations(it, out);
        buf_putc(out, '\n');
    }
    if (st->n_summary == 0) buf_puts(out, "(no sentence fits the summary)\n");
    buf_puts(out, "\nSources:\n");
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++)
        put_source_line(STORY_ARTICLE(st, a), a, out);
    put_skipped(st, out);
}

void render_plain(const chorus_story *st, buf *out)
{
    for (size_t i = 0; i < st->n_summary; i++) {
        buf_puts(out, st->summary[i].text);
        buf_putc(out, '\n');
    }
}

void render_clean_text(const chorus_story *st, buf *out)
{
    for (size_t a = 0; a < STORY_ARTICLE_COUNT(st); a++) {
        const article *art = STORY_ARTICLE(st, a);
        const article_meta *m = &art->meta;
        if (a) buf_putc(out, '\n');
        buf_printf(out, "== %s ==\n", art->id);
        if (m->title[0]) buf_printf(out, "Title: %s\n", m->title);
        if (m->outlet[0]) buf_printf(out, "Outlet: %s\n", m->outlet);
        if (m->agency[0]) buf_printf(out, "Agency: %s\n", m->agency);
        if (m->byline[0]) buf_printf(out, "Byline: %s\n", m->byline);
        if (m->date[0]) buf_printf(out, "Date: %s\n", m->date);
        if (m->dateline[0]) buf_printf(out, "Dateline: %s\n", m->dateline);
        buf_putc(out, '\n');
        buf_put(out, art->text, art->text_len);
        buf_putc(out, '\n');
    }
    put_skipped(st, out);
}
