/*
 * cmd_analyze.c — `chorus quotes` and `chorus entities`: one analysis of a
 * story. Text output is for reading; -f json is the story JSON's section
 * (docs/json-schema.md) with the articles it names.
 */
#include <string.h>

#include "cli.h"

static void analyze_usage(FILE *f, const char *name)
{
    if (strcmp(name, "quotes") == 0)
        fprintf(f, "usage: chorus quotes [-f text|json] PATH...\n\n"
                   "Prints who said what: one entry per statement, its speaker, the reporting\n"
                   "verb and every article that quotes it; with -f json, every quotation's span\n"
                   "in its article's clean text, the speaker as written and its entity.\n");
    else
        fprintf(f, "usage: chorus entities [-f text|json] PATH...\n\n"
                   "Prints the people (PER), organizations (ORG), places (LOC) and other names\n"
                   "(MISC) of the story, each with its aliases and the articles naming it;\n"
                   "with -f json, every mention's span in its article's clean text.\n");
}

static const char *article_id(const chorus_story *st, size_t a)
{
    chorus_article_info info;
    return chorus_story_article(st, a, &info) ? info.id : "";
}

static void put_articles(FILE *f, const chorus_story *st, const size_t *arts, size_t n)
{
    for (size_t k = 0; k < n; k++)
        fprintf(f, "%s%s", k ? ", " : "", article_id(st, arts[k]));
}

static void write_quotes(FILE *f, const chorus_story *st)
{
    for (size_t i = 0; i < chorus_story_quote_count(st); i++) {
        chorus_quote_info q;
        chorus_story_quote(st, i, &q);
        fprintf(f, "%zu. \"%s\"\n   speaker: %s", i + 1, q.text, q.speaker[0] ? q.speaker : "?");
        if (q.cue[0]) fprintf(f, " (%s)", q.cue);
        fprintf(f, "\n   %zu quotation%s in %zu article%s: ", q.mention_count,
                q.mention_count == 1 ? "" : "s", q.article_count, q.article_count == 1 ? "" : "s");
        put_articles(f, st, q.articles, q.article_count);
        fputc('\n', f);
    }
}

static void write_entities(FILE *f, const chorus_story *st)
{
    for (size_t i = 0; i < chorus_story_entity_count(st); i++) {
        chorus_entity_info e;
        chorus_story_entity(st, i, &e);
        fprintf(f, "%-4s %s (%zu mention%s; ", e.type, e.name, e.mention_count,
                e.mention_count == 1 ? "" : "s");
        put_articles(f, st, e.articles, e.article_count);
        fputs(")\n", f);
        if (e.alias_count > 1) {
            fputs("     aliases:", f);
            for (size_t k = 0; k < e.alias_count; k++)
                fprintf(f, "%s %s", k ? ";" : "", e.aliases[k]);
            fputc('\n', f);
        }
    }
}

static int run_analysis(const char *name, chorus_story *st, int json)
{
    int quotes = strcmp(name, "quotes") == 0;
    if (json) {
        size_t len = 0;
        const char *out = chorus_story_render(
            st, quotes ? CHORUS_FORMAT_QUOTES_JSON : CHORUS_FORMAT_ENTITIES_JSON, &len);
        if (!out) {
            cli_error("%s: out of memory", name);
            return EXIT_INTERNAL;
        }
        return cli_write(out, len);
    }
    if (quotes)
        write_quotes(stdout, st);
    else
        write_entities(stdout, st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* `chorus quotes` and `chorus entities` share their options. */
static int cmd_analyze(int argc, char **argv)
{
    chorus_story *st;
    int json;
    int rc = cli_format_story(argc, argv, analyze_usage, &json, &st);
    if (!st) return rc;
    rc = run_analysis(argv[0], st, json);
    chorus_story_free(st);
    return rc;
}

int cmd_quotes(int argc, char **argv)
{
    return cmd_analyze(argc, argv);
}

int cmd_entities(int argc, char **argv)
{
    return cmd_analyze(argc, argv);
}
