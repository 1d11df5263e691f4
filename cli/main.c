/*
 * main.c — the chorus command: dispatches to a subcommand. "summarize" is
 * the default when the first argument is not a command name.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *help;
} commands[] = {
    {"summarize", cmd_summarize, "one story from article files or a directory (default)"},
    {"batch", cmd_batch, "JSON Lines: one story per line in, one result per line out"},
    {"clean", cmd_clean, "cleaned text and metadata of each article"},
    {"sentences", cmd_sentences, "the sentences of each article, one per line (-f json: spans)"},
    {"quotes", cmd_quotes, "who said what: each statement, its speaker, its articles"},
    {"entities", cmd_entities, "the people, organizations and places, with their aliases"},
    {"rouge", cmd_rouge, "score summaries against references (ROUGE-1.5.5)"},
    {"eval", cmd_eval, "summarize every story of a data set and score it"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus [COMMAND] [OPTIONS] PATH...\n\n"
               "Many news reports of one story, one cited summary.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n  chorus COMMAND --help   options of one command\n"
               "  chorus --version        the version\n");
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("chorus: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_report(const chorus_error *err)
{
    char line[700];
    chorus_error_format(err, line, sizeof line);
    cli_error("%s", line);
}

int cli_write(const char *data, size_t n)
{
    if (n && fwrite(data, 1, n, stdout) != n) {
        cli_error("cannot write the output");
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* Reads every PATH into one story, reports skipped articles, runs it. */
int cli_load_story(chorus_story *st, char **paths, int n, const chorus_options *opts)
{
    chorus_error err;
    for (int i = 0; i < n; i++) {
        chorus_status s = chorus_story_add_path(st, paths[i], &err);
        if (s != CHORUS_OK) {
            cli_report(&err);
            return chorus_status_exit_code(s);
        }
    }
    for (size_t i = 0; i < chorus_story_skipped_count(st); i++) {
        const chorus_error *e = chorus_story_skipped(st, i);
        char line[700];
        chorus_error_format(e, line, sizeof line);
        cli_error("skipped %s", line);
    }
    chorus_status s = chorus_story_run(st, opts, &err);
    if (s != CHORUS_OK) {
        cli_report(&err);
        return chorus_status_exit_code(s);
    }
    return EXIT_OK;
}

int cli_each_line(const char *path, cli_line_fn fn, void *ctx)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = EXIT_OK;
    while (rc == EXIT_OK && (n = getline(&line, &cap, f)) != -1) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        line[len] = '\0';
        rc = fn(ctx, line, len, ++lineno);
    }
    if (rc == EXIT_OK && ferror(f)) {
        cli_error("%s: read error", path);
        rc = EXIT_IO;
    }
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}

int cli_parse_method(const char *value, chorus_method *out)
{
    if (chorus_method_from_name(value, out)) return 1;
    cli_error("--method: unknown method '%s' (coverage, lead, centroid, lexrank, textrank)", value);
    return 0;
}

int cli_parse_uint(const char *opt, const char *value, unsigned max, unsigned *out)
{
    char *end = NULL;
    if (!value || !*value || *value == '-') goto bad;
    unsigned long v = strtoul(value, &end, 10);
    if (*end || v > max) goto bad;
    *out = (unsigned)v;
    return 1;
bad:
    cli_error("%s: expected a whole number from 0 to %u, got '%s'", opt, max, value ? value : "");
    return 0;
}

int cli_budget_option(int c, const char *value, chorus_options *opts)
{
    switch (c) {
    case 'w':
        return cli_parse_uint("-w", value, 1000000, &opts->max_words) ? 1 : -1;
    case 'b':
        return cli_parse_uint("-b", value, 100000000, &opts->max_bytes) ? 1 : -1;
    case 'n':
        return cli_parse_uint("-n", value, 100000, &opts->max_sentences) ? 1 : -1;
    case 'C':
        opts->compress = 0;
        return 1;
    default:
        return 0;
    }
}

int cli_parse_text_or_json(const char *value, int *json)
{
    if (strcmp(value, "json") != 0 && strcmp(value, "text") != 0) {
        cli_error("-f: unknown format '%s' (expected text or json)", value);
        return 0;
    }
    *json = strcmp(value, "json") == 0;
    return 1;
}

int cli_format_story(int argc, char **argv, cli_usage_fn print_usage, int *json,
                     chorus_story **story)
{
    /* clang-format off */
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    /* clang-format on */
    const char *name = argv[0];
    int c;
    *story = NULL;
    *json = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_text_or_json(optarg, json)) return EXIT_USAGE;
            break;
        case 'h':
            print_usage(stdout, name);
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
    if (rc == EXIT_OK)
        *story = st;
    else
        chorus_story_free(st);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("chorus %s\n", CHORUS_VERSION);
        return EXIT_OK;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    /* no command name: summarize is the default */
    argv[0] = "summarize";
    return cmd_summarize(argc, argv);
}
