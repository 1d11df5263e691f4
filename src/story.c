/*
 * story.c — the public story object: lifetime, status texts, pipeline
 * driver, and the accessors the CLI and other callers read results with.
 */
#include "story.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "lexicon.h"

static const struct {
    const char *code, *message;
    int exit_code;
} status_table[CHORUS_STATUS_COUNT] = {
    /* clang-format off */
    [CHORUS_OK] = {"ok", "success", 0},
    [CHORUS_E_USAGE] = {"usage", "invalid argument or option value", 2},
    [CHORUS_E_IO] = {"io", "cannot read or write the file", 3},
    [CHORUS_E_NOT_TEXT] = {"not_text", "the bytes are not text", 1},
    [CHORUS_E_EMPTY] = {"empty", "the article holds no text", 1},
    [CHORUS_E_JSON] = {"json", "invalid JSON", 1},
    [CHORUS_E_SCHEMA] = {"schema", "JSON of the wrong shape", 1},
    [CHORUS_E_NO_ARTICLES] = {"no_articles", "the story has no usable article", 1},
    [CHORUS_E_LIMIT] = {"limit", "input beyond a size limit", 1},
    [CHORUS_E_NOMEM] = {"no_memory", "out of memory", 4},
    [CHORUS_E_INTERNAL] = {"internal", "internal error", 4},
};
/* clang-format on */

const char *chorus_status_message(chorus_status s)
{
    return (unsigned)s < CHORUS_STATUS_COUNT ? status_table[s].message : "unknown status";
}

const char *chorus_status_code(chorus_status s)
{
    return (unsigned)s < CHORUS_STATUS_COUNT ? status_table[s].code : "internal";
}

int chorus_status_exit_code(chorus_status s)
{
    return (unsigned)s < CHORUS_STATUS_COUNT ? status_table[s].exit_code : 4;
}

void chorus_free(void *p)
{
    free(p);
}

chorus_status story_error(chorus_error *err, chorus_status status, const char *where,
                          long long position, const char *fmt, ...)
{
    if (!err) return status;
    err->status = status;
    err->position = position;
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void chorus_error_format(const chorus_error *err, char *out, size_t cap)
{
    if (!cap) return;
    const char *msg = err->message[0] ? err->message : chorus_status_message(err->status);
    if (err->position >= 0)
        snprintf(out, cap, "%s%s%s at byte %lld", err->where, err->where[0] ? ": " : "", msg,
                 err->position);
    else
        snprintf(out, cap, "%s%s%s", err->where, err->where[0] ? ": " : "", msg);
}

/* clang-format off */
static const char *const method_names[CHORUS_METHOD_COUNT] = {
    [CHORUS_METHOD_COVERAGE] = "coverage", [CHORUS_METHOD_LEAD] = "lead",
    [CHORUS_METHOD_CENTROID] = "centroid", [CHORUS_METHOD_LEXRANK] = "lexrank",
    [CHORUS_METHOD_TEXTRANK] = "textrank",
};
/* clang-format on */

const char *chorus_method_name(chorus_method m)
{
    return (unsigned)m < CHORUS_METHOD_COUNT ? method_names[m] : "unknown";
}

int chorus_method_from_name(const char *name, chorus_method *out)
{
    for (int m = 0; m < CHORUS_METHOD_COUNT; m++)
        if (strcmp(name, method_names[m]) == 0) {
            *out = (chorus_method)m;
            return 1;
        }
    return 0;
}

void chorus_options_init(chorus_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_words = 100;
    opts->compress = 1;
}

chorus_story *chorus_story_new(void)
{
    chorus_story *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    arena_init(&st->arena, 0);
    buf_init(&st->articles, STORY_MAX_ARTICLES * sizeof(article) + 1);
    buf_init(&st->skipped, 0);
    buf_init(&st->terms, 0);
    buf_init(&st->sentence_store, 0);
    buf_init(&st->token_store, 0);
    buf_init(&st->rendered, 0);
    map_init(&st->extra_terms, &st->arena);
    map_init(&st->extra_stems, &st->arena);
    chorus_options_init(&st->opts);
    return st;
}

chorus_story *chorus_story_new_with_lexicon(chorus_lexicon *lexicon)
{
    if (!lexicon) return NULL;
    chorus_story *st = chorus_story_new();
    if (st) st->lexicon = lexicon;
    return st;
}

void chorus_story_free(chorus_story *st)
{
    if (!st) return;
    buf_free(&st->articles);
    buf_free(&st->skipped);
    if (st->lexicon && !st->own_lexicon) lexicon_keep(st->lexicon, st); /* for the next story */
    buf_free(&st->terms);
    buf_free(&st->sentence_store);
    buf_free(&st->token_store);
    buf_free(&st->rendered);
    map_free(&st->extra_terms);
    map_free(&st->extra_stems);
    if (st->own_lexicon) chorus_lexicon_free(st->lexicon);
    arena_free(&st->arena);
    free(st);
}

const char *chorus_story_id(const chorus_story *st)
{
    return st->id;
}

chorus_status chorus_story_add_text(chorus_story *st, const char *id, const char *bytes, size_t len,
                                    chorus_error *err)
{
    if (st->ran) return story_error(err, CHORUS_E_USAGE, id, -1, "the story already ran");
    return ingest_text(st, id, bytes, len, NULL, err);
}

static chorus_status run_stages(chorus_story *st, chorus_error *err)
{
    chorus_status s;
    if ((s = clean_story(st, err)) != CHORUS_OK) return s;
    if ((s = segment_story(st, err)) != CHORUS_OK) return s;
    if (st->opts.clean_only) return CHORUS_OK;
    if ((s = support_story(st, err)) != CHORUS_OK) return s;
    /* the summary reads the entities; skip_analyses leaves out the quotes
     * and hides both sections */
    if ((s = analyze_story(st, !st->opts.skip_analyses, err)) != CHORUS_OK) return s;
    return summarize_story(st, err);
}

chorus_status chorus_story_run(chorus_story *st, const chorus_options *opts, chorus_error *err)
{
    const char *where = st->id ? st->id : "story";
    if (st->ran) return story_error(err, CHORUS_E_USAGE, where, -1, "the story already ran");
    if (opts) st->opts = *opts;
    if ((unsigned)st->opts.method >= CHORUS_METHOD_COUNT)
        return story_error(err, CHORUS_E_USAGE, where, -1, "unknown summary method");
    if (STORY_ARTICLE_COUNT(st) == 0) {
        size_t skipped = chorus_story_skipped_count(st);
        if (skipped && st->io_failures == skipped)
            return story_error(err, CHORUS_E_IO, where, -1, "no article could be read");
        return story_error(err, CHORUS_E_NO_ARTICLES, where, -1, "no usable article%s",
                           skipped ? " (every article was skipped)" : "");
    }
    st->ran = 1;
    chorus_status s = run_stages(st, err);
    if (s == CHORUS_OK && st->arena.failed)
        return story_error(err, CHORUS_E_LIMIT, where, -1, "the story exceeds the memory limit");
    return s;
}

const char *chorus_story_render(chorus_story *st, chorus_format format, size_t *len)
{
    buf_reset(&st->rendered);
    switch (format) {
    case CHORUS_FORMAT_TEXT:
        render_text(st, &st->rendered);
        break;
    case CHORUS_FORMAT_JSON:
        render_json(st, &st->rendered);
        break;
    case CHORUS_FORMAT_PLAIN:
        render_plain(st, &st->rendered);
        break;
    case CHORUS_FORMAT_CLEAN:
        render_clean_text(st, &st->rendered);
        break;
    case CHORUS_FORMAT_CLEAN_JSON:
        render_clean_json(st, &st->rendered);
        break;
    case CHORUS_FORMAT_PLAIN_JSON:
        render_plain_json(st, &st->rendered);
        break;
    case CHORUS_FORMAT_QUOTES_JSON:
        render_layer_json(st, &st->rendered, 0);
        break;
    case CHORUS_FORMAT_ENTITIES_JSON:
        render_layer_json(st, &st->rendered, 1);
        break;
    }
    if (st->rendered.failed || !buf_reserve(&st->rendered, 0)) return NULL;
    if (len) *len = st->rendered.len;
    return st->rendered.data;
}

size_t chorus_story_article_count(const chorus_story *st)
{
    return STORY_ARTICLE_COUNT(st);
}

int chorus_story_article(const chorus_story *st, size_t i, chorus_article_info *out)
{
    if (i >= STORY_ARTICLE_COUNT(st)) return 0;
    const article *a = STORY_ARTICLE(st, i);
    *out = (chorus_article_info){
        .id = a->id,
        .title = a->meta.title,
        .outlet = a->meta.outlet,
        .byline = a->meta.byline,
        .date = a->meta.date,
        .dateline = a->meta.dateline,
        .text = a->text ? a->text : "",
        .text_len = a->text_len,
        .words = a->words,
        .sentences = a->n_sentences,
        .removed = a->n_removed,
    };
    return 1;
}

size_t chorus_story_skipped_count(const chorus_story *st)
{
    return VEC_COUNT(&st->skipped, chorus_error);
}

const chorus_error *chorus_story_skipped(const chorus_story *st, size_t i)
{
    if (i >= chorus_story_skipped_count(st)) return NULL;
    return &VEC_AT(&st->skipped, chorus_error, i);
}

size_t chorus_story_summary_count(const chorus_story *st)
{
    return st->n_summary;
}

int chorus_story_summary(const chorus_story *st, size_t i, chorus_summary_sentence *out)
{
    if (i >= st->n_summary) return 0;
    const summary_item *it = &st->summary[i];
    const sentence *s = &st->sentences[it->sentence];
    *out = (chorus_summary_sentence){
        .text = it->text,
        .article = s->article,
        .start = s->span.start,
        .end = s->span.end,
        .sources = it->sources,
        .source_count = it->n_sources,
    };
    return 1;
}

_Static_assert(SENT_FRAGMENT == CHORUS_SENTENCE_FRAGMENT && SENT_QUOTE == CHORUS_SENTENCE_QUOTE,
               "sentence flags match the public ones");

size_t chorus_story_sentence_count(const chorus_story *st)
{
    return st->n_sentences;
}

int chorus_story_sentence(const chorus_story *st, size_t i, chorus_sentence_info *out)
{
    if (i >= st->n_sentences) return 0;
    const sentence *s = &st->sentences[i];
    *out = (chorus_sentence_info){
        .article = s->article,
        .paragraph = s->paragraph,
        .start = s->span.start,
        .end = s->span.end,
        .tokens = s->n_tokens,
        .words = s->words,
        .flags = s->flags & (CHORUS_SENTENCE_FRAGMENT | CHORUS_SENTENCE_QUOTE),
    };
    return 1;
}

char *chorus_error_record(const char *id, long line, const chorus_error *err)
{
    buf b;
    buf_init(&b, 1 << 20);
    int first = 1;
    buf_putc(&b, '{');
    json_key(&b, "id", &first);
    json_cstr(&b, id);
    if (!id && line > 0) {
        json_key(&b, "line", &first);
        buf_printf(&b, "%ld", line);
    }
    json_key(&b, "error", &first);
    int inner = 1;
    buf_putc(&b, '{');
    json_key(&b, "code", &inner);
    json_cstr(&b, chorus_status_code(err->status));
    json_key(&b, "message", &inner);
    char msg[600];
    chorus_error_format(err, msg, sizeof msg);
    json_cstr(&b, msg);
    buf_puts(&b, "}}");
    return buf_detach(&b, NULL);
}
