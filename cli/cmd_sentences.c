/*
 * cmd_sentences.c — `chorus sentences`: the sentences chorus finds in each
 * article's clean text, one per line, or with -f json their spans (byte
 * offsets into the clean text that `chorus clean -f json` prints), token
 * and word counts and flags. For inspecting and benchmarking the segment
 * stage; it runs the whole pipeline, as every command does.
 */
#include <string.h>

#include "cli.h"

static void sentences_usage(FILE *f, const char *name)
{
    fprintf(f, "usage: chorus sentences [-f text|json] PATH...\n\n"
               "Prints every sentence of the articles' clean text, one per line (line\n"
               "breaks inside a sentence become spaces); with -f json, per article, each\n"
               "sentence's span in the clean text, paragraph, token and word counts,\n"
               "flags and text.\n");
}

static void put_json_string(FILE *f, const char *s, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void put_text_line(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        putc(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], f);
    putc('\n', f);
}

static void put_json_sentence(FILE *f, const chorus_sentence_info *s, const char *text)
{
    fprintf(f,
            "{\"start\": %zu, \"end\": %zu, \"paragraph\": %zu, \"tokens\": %zu, \"words\": %zu, "
            "\"fragment\": %s, \"quote\": %s, \"text\": ",
            s->start, s->end, s->paragraph, s->tokens, s->words,
            s->flags & CHORUS_SENTENCE_FRAGMENT ? "true" : "false",
            s->flags & CHORUS_SENTENCE_QUOTE ? "true" : "false");
    put_json_string(f, text + s->start, s->end - s->start);
    putc('}', f);
}

/* Writes every sentence, grouped by article for JSON. */
static void write_sentences(const chorus_story *st, int json, FILE *f)
{
    size_t count = chorus_story_sentence_count(st), next = 0;
    if (json) fputs("{\"articles\": [", f);
    for (size_t a = 0; a < chorus_story_article_count(st); a++) {
        chorus_article_info art;
        chorus_story_article(st, a, &art);
        if (json) {
            fputs(a ? ", {\"id\": " : "{\"id\": ", f);
            put_json_string(f, art.id, strlen(art.id));
            fputs(", \"sentences\": [", f);
        }
        chorus_sentence_info s;
        for (int first = 1; next < count && chorus_story_sentence(st, next, &s) && s.article == a;
             next++, first = 0) {
            if (!json) {
                put_text_line(f, art.text + s.start, s.end - s.start);
                continue;
            }
            if (!first) fputs(", ", f);
            put_json_sentence(f, &s, art.text);
        }
        if (json) fputs("]}", f);
    }
    if (json) fputs("]}\n", f);
}

int cmd_sentences(int argc, char **argv)
{
    chorus_story *st;
    int json;
    int rc = cli_format_story(argc, argv, sentences_usage, &json, &st);
    if (!st) return rc;
    write_sentences(st, json, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        rc = EXIT_IO;
    }
    chorus_story_free(st);
    return rc;
}
