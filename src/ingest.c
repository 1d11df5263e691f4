/*
 * ingest.c — the first stage: bytes in, articles out.
 *
 * Sources: one file per article, a directory of such files (sorted by name,
 * hidden files skipped, not recursive), or one JSON line holding a whole
 * story (DESIGN.md batch format, read with json-c). Each article's bytes are
 * checked for being text, HTML is flattened (html.c), and the result is
 * normalized to clean UTF-8 (utf8.c). An article that cannot be used is
 * recorded in the story's skipped list; it never fails the story by itself.
 */
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "html.h"
#include "story.h"
#include "utf8.h"

static void record_skip(chorus_story *st, const chorus_error *e)
{
    chorus_error *slot = vec_push(&st->skipped, sizeof *slot);
    if (slot) *slot = *e;
    if (e->status == CHORUS_E_IO) st->io_failures++;
}

static chorus_status skip(chorus_story *st, chorus_error *err, chorus_status status, const char *id,
                          long long pos, const char *msg)
{
    chorus_error e;
    story_error(&e, status, id, pos, "%s", msg);
    record_skip(st, &e);
    if (err) *err = e;
    return CHORUS_OK;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

static void take(const char **value, const char **source, const char *v, const char *src)
{
    if (v && !(*value && **value)) *value = v, *source = src;
}

/* Metadata read from the markup, under any value given with the input. */
static void take_html_meta(article_meta *g, const html_meta *hm)
{
    take(&g->title, &g->title_source, hm->title, hm->title_source);
    take(&g->outlet, &g->outlet_source, hm->site, hm->site_source);
    take(&g->byline, &g->byline_source, hm->byline, hm->byline_source);
    take(&g->date, &g->date_source, hm->date, hm->date_source);
}

chorus_status ingest_text(chorus_story *st, const char *id, const char *bytes, size_t len,
                          const article_meta *given, chorus_error *err)
{
    if (!id) id = "";
    if (STORY_ARTICLE_COUNT(st) >= STORY_MAX_ARTICLES)
        return story_error(err, CHORUS_E_LIMIT, id, -1, "more than %d articles in one story",
                           STORY_MAX_ARTICLES);
    if (len > ARTICLE_MAX_BYTES)
        return skip(st, err, CHORUS_E_LIMIT, id, -1, "the article is larger than 64 MiB");
    size_t where = 0;
    if (utf8_is_binary(bytes, len, &where))
        return skip(st, err, CHORUS_E_NOT_TEXT, id, (long long)where,
                    "not a text file (binary bytes)");

    buf text;
    buf_init(&text, ARTICLE_MAX_BYTES * 2);
    html_meta hm;
    int is_html = html_detect(bytes, len);
    if (is_html) {
        buf flat;
        buf_init(&flat, ARTICLE_MAX_BYTES * 2);
        html_extract(bytes, len, &flat, &st->arena, &hm);
        buf_reserve(&text, flat.len); /* one allocation for the usual case */
        utf8_normalize(&text, flat.data ? flat.data : "", flat.len);
        buf_free(&flat);
    } else {
        buf_reserve(&text, len);
        utf8_normalize(&text, bytes, len);
    }
    if (text.failed) {
        buf_free(&text);
        return story_error(err, CHORUS_E_NOMEM, id, -1, "out of memory reading the article");
    }
    if (only_space(text.data ? text.data : "", text.len)) {
        buf_free(&text);
        return skip(st, err, CHORUS_E_EMPTY, id, -1, "empty article (no text)");
    }

    article *a = vec_push(&st->articles, sizeof *a);
    if (!a) {
        buf_free(&text);
        return story_error(err, CHORUS_E_LIMIT, id, -1, "too many articles");
    }
    a->id = arena_strdup(&st->arena, id);
    a->raw = arena_strndup(&st->arena, text.data, text.len);
    a->raw_len = text.len;
    buf_free(&text);
    if (given) a->given = *given;
    if (is_html) {
        a->from_html = 1;
        take_html_meta(&a->given, &hm);
        a->html_removed = hm.removed;
        a->n_html_removed = hm.n_removed;
    }
    if (!a->id || !a->raw) return story_error(err, CHORUS_E_NOMEM, id, -1, "out of memory");
    return CHORUS_OK;
}

/* ------------------------------------------------------------------ files */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Reads a whole file into a malloc'd buffer, at most `limit` bytes. */
static chorus_status read_file(const char *path, size_t limit, char **out, size_t *len,
                               chorus_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return story_error(err, CHORUS_E_IO, path, -1, "cannot open: %s", strerror(errno));
    buf b;
    buf_init(&b, limit + 2);
    struct stat sb; /* a regular file's size: one allocation, read in place */
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size < limit) {
        size_t size = (size_t)sb.st_size;
        if (buf_reserve(&b, size + 1)) {
            b.len = fread(b.data, 1, size + 1, f);
            b.data[b.len] = '\0';
        }
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !b.failed)
        buf_put(&b, chunk, n);
    int read_error = ferror(f);
    fclose(f);
    if (read_error) {
        buf_free(&b);
        return story_error(err, CHORUS_E_IO, path, -1, "read error");
    }
    if (b.failed) {
        buf_free(&b);
        return story_error(err, CHORUS_E_LIMIT, path, -1, "the file is larger than %zu bytes",
                           limit);
    }
    *out = buf_detach(&b, len);
    if (!*out) return story_error(err, CHORUS_E_NOMEM, path, -1, "out of memory");
    return CHORUS_OK;
}

static chorus_status add_file(chorus_story *st, const char *path, chorus_error *err)
{
    char *data = NULL;
    size_t len = 0;
    chorus_error e;
    chorus_status s = read_file(path, ARTICLE_MAX_BYTES, &data, &len, &e);
    if (s != CHORUS_OK) {
        if (s == CHORUS_E_NOMEM) {
            if (err) *err = e;
            return s;
        }
        record_skip(st, &e);
        if (err) *err = e;
        return CHORUS_OK;
    }
    s = ingest_text(st, base_name(path), data, len, NULL, err);
    free(data);
    return s;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static chorus_status add_directory(chorus_story *st, const char *path, chorus_error *err)
{
    DIR *d = opendir(path);
    if (!d) {
        chorus_error e;
        story_error(&e, CHORUS_E_IO, path, -1, "cannot open directory: %s", strerror(errno));
        record_skip(st, &e);
        if (err) *err = e;
        return CHORUS_OK;
    }
    buf names;
    buf_init(&names, STORY_MAX_ARTICLES * sizeof(char *) * 4);
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.') continue;
        char **slot = vec_push(&names, sizeof *slot);
        if (!slot) break;
        *slot = strdup(ent->d_name);
    }
    closedir(d);
    size_t n = VEC_COUNT(&names, char *);
    char **list = (char **)(void *)names.data;
    if (n) qsort(list, n, sizeof *list, compare_names);
    chorus_status s = CHORUS_OK;
    size_t files = 0;
    for (size_t i = 0; i < n && s == CHORUS_OK; i++) {
        if (!list[i]) continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, list[i]);
        struct stat sb;
        if (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        files++;
        s = add_file(st, full, err);
    }
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    buf_free(&names);
    if (s == CHORUS_OK && files == 0)
        return story_error(err, CHORUS_E_NO_ARTICLES, path, -1,
                           "no article files in the directory");
    return s;
}

chorus_status chorus_story_add_path(chorus_story *st, const char *path, chorus_error *err)
{
    if (st->ran) return story_error(err, CHORUS_E_USAGE, path, -1, "the story already ran");
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) return add_directory(st, path, err);
    return add_file(st, path, err);
}

/* ------------------------------------------------------------- JSON lines */

/* A string member, copied into the arena, or NULL when absent or not a
 * string. */
static const char *member_string(chorus_story *st, json_object *obj, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return arena_strndup(&st->arena, json_object_get_string(v),
                         (size_t)json_object_get_string_len(v));
}

static chorus_status add_json_article(chorus_story *st, json_object *obj, size_t position,
                                      chorus_error *err)
{
    char fallback[32];
    snprintf(fallback, sizeof fallback, "%zu", position);
    const char *id = fallback;
    json_object *v;
    if (json_object_is_type(obj, json_type_object) && json_object_object_get_ex(obj, "id", &v) &&
        (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int)))
        id = json_object_get_string(v);
    if (!json_object_is_type(obj, json_type_object))
        return skip(st, err, CHORUS_E_SCHEMA, id, -1, "the article is not a JSON object");

    article_meta given = {0};
    given.title = member_string(st, obj, "title");
    given.date = member_string(st, obj, "date");
    given.outlet = member_string(st, obj, "source");
    given.title_source = given.date_source = given.outlet_source = "input";
    json_object *text;
    if ((json_object_object_get_ex(obj, "text", &text) ||
         json_object_object_get_ex(obj, "html", &text)) &&
        json_object_is_type(text, json_type_string))
        return ingest_text(st, id, json_object_get_string(text),
                           (size_t)json_object_get_string_len(text), &given, err);
    return skip(st, err, CHORUS_E_SCHEMA, id, -1, "the article has no \"text\" or \"html\" string");
}

static chorus_status add_json_story(chorus_story *st, json_object *root, chorus_error *err)
{
    json_object *v;
    if (json_object_object_get_ex(root, "id", &v) && !json_object_is_type(v, json_type_null))
        st->id = arena_strdup(&st->arena, json_object_get_string(v));
    const char *where = st->id ? st->id : "story";
    json_object *articles;
    if (!json_object_object_get_ex(root, "articles", &articles) ||
        !json_object_is_type(articles, json_type_array))
        return story_error(err, CHORUS_E_SCHEMA, where, -1, "no \"articles\" array");
    size_t n = json_object_array_length(articles);
    if (n == 0) return story_error(err, CHORUS_E_NO_ARTICLES, where, -1, "\"articles\" is empty");
    for (size_t i = 0; i < n; i++) {
        chorus_status s = add_json_article(st, json_object_array_get_idx(articles, i), i + 1, NULL);
        if (s != CHORUS_OK) return story_error(err, s, where, -1, "%s", chorus_status_message(s));
    }
    return CHORUS_OK;
}

chorus_status chorus_story_add_json(chorus_story *st, const char *line, size_t len,
                                    chorus_error *err)
{
    if (st->ran) return story_error(err, CHORUS_E_USAGE, "line", -1, "the story already ran");
    if (len > (size_t)1 << 30)
        return story_error(err, CHORUS_E_LIMIT, "line", -1, "the line is larger than 1 GiB");
    json_tokener *tok = json_tokener_new_ex(64);
    if (!tok) return story_error(err, CHORUS_E_NOMEM, "line", -1, "out of memory");
    json_object *root = json_tokener_parse_ex(tok, line, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    chorus_status s = CHORUS_OK;
    if (!root || jerr != json_tokener_success) {
        const char *why = jerr == json_tokener_continue ? "unexpected end of input"
                                                        : json_tokener_error_desc(jerr);
        s = story_error(err, CHORUS_E_JSON, "line", (long long)end, "invalid JSON: %s", why);
    } else if (only_space(line + end, len - end) == 0) {
        s = story_error(err, CHORUS_E_JSON, "line", (long long)end,
                        "invalid JSON: text after the value");
    } else if (!json_object_is_type(root, json_type_object)) {
        s = story_error(err, CHORUS_E_SCHEMA, "line", -1, "the line is not a JSON object");
    } else {
        s = add_json_story(st, root, err);
    }
    json_object_put(root);
    return s;
}
