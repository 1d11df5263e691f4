/*
 * cmd_analyze.c — `chorus quotes` and `chorus entities`: one analysis of a
 * story. Text output is for reading; -f json is the story JSON's section
 * (docs/json-schema.md) with the articles it names.
 */
#include <getopt.h>
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
    /* clang-format off */
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    /* clang-format on */
    const char *name = argv[0];
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_text_or_json(optarg, &json)) return EXIT_USAGE;
            break;
        case 'h':
            analyze_usage(stdout, name);
            return EXIT_OK;
        default:
            cli_error("%s: unknown option or missing value: %s (see --help)", name,
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("%s: no article given (see --help)", name);
        return EXIT_USAGE;
    }
    chorus_story *st = chorus_story_new();
    if (!st) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = cli_load_story(st, argv + optind, argc - optind, NULL);
    if (rc == EXIT_OK) rc = run_analysis(name, st, json);
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
