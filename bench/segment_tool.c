/*
 * segment_tool.c — drives the segment stage for bench/sbd.sh and the data
 * test, outside the pipeline (no cleaning).
 *
 *   segment_tool split        reads records "<byte count>\n<bytes>" on stdin
 *                             and prints, per record, one line of sentence
 *                             spans "start end start end ..." (byte offsets;
 *                             paragraphs are separated by blank lines)
 *   segment_tool speed FILE [--per-story | --per-story-alone | --split-only]
 *                             times segmentation, tokenization and term
 *                             interning (stemming included) of FILE, one
 *                             story whose paragraphs are its blank-line
 *                             separated blocks; with --per-story every
 *                             record "<byte count>\n<bytes>" of FILE is its
 *                             own story, as `chorus batch` runs them (one
 *                             lexicon shared by the stories); with
 *                             --per-story-alone each story has a lexicon
 *                             of its own; with --split-only only the
 *                             sentence splitter runs
 *
 * Limits: records above 64 MB are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_clock.h"
#include "segment.h"

#define RECORD_MAX ((size_t)64 << 20)

typedef struct spans {
    buf out;
    int first;
} spans;

static void print_span(void *ctx, size_t start, size_t end)
{
    spans *s = ctx;
    buf_printf(&s->out, "%s%zu %zu", s->first ? "" : " ", start, end);
    s->first = 0;
}

/* Reads one record "<n>\n<n bytes>"; returns its malloc'd bytes or NULL at
 * the end of input. */
static char *read_record(FILE *f, size_t *n)
{
    if (fscanf(f, "%zu", n) != 1 || fgetc(f) != '\n' || *n > RECORD_MAX) return NULL;
    char *text = malloc(*n + 1);
    if (!text || fread(text, 1, *n, f) != *n) {
        free(text);
        return NULL;
    }
    text[*n] = 0;
    return text;
}

static int run_split(void)
{
    size_t n;
    char *text;
    spans s;
    buf_init(&s.out, 0);
    while ((text = read_record(stdin, &n)) != NULL) {
        buf_reset(&s.out);
        s.first = 1;
        segment_text(text, n, print_span, &s);
        buf_putc(&s.out, '\n');
        fwrite(s.out.data, 1, s.out.len, stdout);
        free(text);
    }
    buf_free(&s.out);
    return 0;
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    text[len] = 0;
    *n = (size_t)len;
    return text;
}

/* The first "\n\n" in text[a, n), or n. */
static size_t blank_line(const char *text, size_t a, size_t n)
{
    for (const char *p = text + a; (p = memchr(p, '\n', (size_t)(text + n - p))) != NULL; p++)
        if (p + 1 < text + n && p[1] == '\n') return (size_t)(p - text);
    return n;
}

/* Paragraph spans of text: blocks separated by blank lines. */
static span *paragraphs_of(const char *text, size_t n, size_t *count)
{
    size_t cap = 1024, k = 0, a = 0;
    span *p = malloc(cap * sizeof *p);
    while (p && a < n) {
        while (a < n && (text[a] == '\n' || text[a] == ' '))
            a++;
        if (a >= n) break;
        size_t b = blank_line(text, a, n);
        if (k == cap) {
            span *q = realloc(p, (cap *= 2) * sizeof *p);
            if (!q) break;
            p = q;
        }
        p[k++] = (span){(uint32_t)a, (uint32_t)b};
        a = b;
    }
    *count = k;
    return p;
}

/* Runs the segment stage over text as one story of one article, with the
 * lexicon when it is not NULL. */
static int segment_one(chorus_lexicon *lx, char *text, size_t n, size_t *sentences, size_t *tokens,
                       size_t *terms)
{
    chorus_story *st = lx ? chorus_story_new_with_lexicon(lx) : chorus_story_new();
    if (!st) return 0;
    article *art = vec_push(&st->articles, sizeof *art);
    size_t count = 0;
    span *paras = paragraphs_of(text, n, &count);
    if (!art || !paras) {
        free(paras);
        chorus_story_free(st);
        return 0;
    }
    art->id = "bench";
    art->text = text;
    art->text_len = n;
    art->paragraphs = paras;
    art->n_paragraphs = count;
    chorus_error err;
    int ok = segment_story(st, &err) == CHORUS_OK;
    *sentences += st->n_sentences;
    *tokens += st->n_tokens;
    *terms += VEC_COUNT(&st->terms, term);
    free(paras);
    chorus_story_free(st);
    return ok;
}

static void count_span(void *ctx, size_t start, size_t end)
{
    (void)start;
    (void)end;
    ++*(size_t *)ctx;
}

static int run_speed(const char *path, const char *mode)
{
    int alone = mode && strcmp(mode, "--per-story-alone") == 0;
    int per_story = alone || (mode && strcmp(mode, "--per-story") == 0);
    int split_only = mode && strcmp(mode, "--split-only") == 0;
    size_t n = 0, sentences = 0, tokens = 0, terms = 0, bytes = 0;
    char *text = read_file(path, &n);
    if (!text) {
        fprintf(stderr, "segment_tool: cannot read %s\n", path);
        return 3;
    }
    (void)touch_pages(text, n);
    double t0 = now();
    int ok = 1;
    if (split_only) {
        segment_text(text, n, count_span, &sentences);
        bytes = n;
    } else if (!per_story) {
        ok = segment_one(NULL, text, n, &sentences, &tokens, &terms);
        bytes = n;
    } else {
        chorus_lexicon *lx = alone ? NULL : chorus_lexicon_new(0);
        /* records read in place, as icu_sbd reads them */
        for (char *p = text, *stop = text + n; ok && p < stop;) {
            char *q;
            long len = strtol(p, &q, 10);
            if (q == p || *q != '\n' || len < 0 || len > stop - q - 1) break;
            ok = segment_one(lx, q + 1, (size_t)len, &sentences, &tokens, &terms);
            bytes += (size_t)len;
            p = q + 1 + len;
        }
        chorus_lexicon_free(lx);
    }
    double secs = now() - t0;
    free(text);
    if (!ok) {
        fprintf(stderr, "segment_tool: the segment stage failed\n");
        return 4;
    }
    printf("bytes %zu seconds %.4f mb_per_s %.1f sentences %zu tokens %zu terms %zu\n", bytes, secs,
           bytes / secs / 1e6, sentences, tokens, terms);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "split") == 0) return run_split();
    if (argc >= 3 && strcmp(argv[1], "speed") == 0)
        return run_speed(argv[2], argc >= 4 ? argv[3] : NULL);
    fprintf(stderr,
            "usage: segment_tool split < RECORDS\n"
            "       segment_tool speed FILE [--per-story | --per-story-alone | --split-only]\n");
    return 2;
}
