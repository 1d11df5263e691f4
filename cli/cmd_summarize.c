/*
 * cmd_summarize.c — `chorus summarize` (the default command) and `chorus
 * clean`: one story from article files or directories.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static void summarize_usage(FILE *f)
{
    fprintf(f, "usage: chorus [summarize] [OPTIONS] PATH...\n\n"
               "Summarizes one story told by several articles. PATH is an article file\n"
               "(plain text or HTML) or a directory of them.\n\n"
               "options:\n"
               "  -w, --words N       at most N words (default 100; 0: no word limit)\n"
               "  -b, --bytes N       at most N bytes\n"
               "  -n, --sentences N   at most N sentences\n"
               "      --method M      coverage (default), lead, centroid, lexrank, textrank\n"
               "      --no-compress   print whole sentences (no compression)\n"
               "  -f, --format F      text (default), json, markdown is not yet available\n"
               "      --plain         summary sentences only, one per line, no citations\n"
               "  -h, --help          this help\n\n"
               "exit codes: 0 ok, 1 bad input, 2 usage, 3 I/O, 4 internal\n");
}

static void clean_usage(FILE *f)
{
    fprintf(f, "usage: chorus clean [-f text|json] [--each] PATH...\n\n"
               "Prints each article's cleaned text and metadata; with -f json also the\n"
               "spans' reference text and every removed line with its reason.\n\n"
               "options:\n"
               "  -f, --format F   text (default) or json\n"
               "  -e, --each       every PATH is a story of its own (no evidence across\n"
               "                   articles); with -f json one line per PATH, and a PATH\n"
               "                   that fails gives {\"id\": PATH, \"error\": {...}}\n"
               "  -h, --help       this help\n");
}

static int render(chorus_story *st, chorus_format format)
{
    size_t len = 0;
    const char *out = chorus_story_render(st, format, &len);
    if (!out) {
        cli_error("out of memory rendering the result");
        return EXIT_INTERNAL;
    }
    return cli_write(out, len);
}

static int parse_format(const char *value, int clean, chorus_format *format)
{
    if (strcmp(value, "text") == 0) {
        *format = clean ? CHORUS_FORMAT_CLEAN : CHORUS_FORMAT_TEXT;
    } else if (strcmp(value, "json") == 0) {
        *format = clean ? CHORUS_FORMAT_CLEAN_JSON : CHORUS_FORMAT_JSON;
    } else {
        cli_error("-f: unknown format '%s' (expected text or json)", value);
        return 0;
    }
    return 1;
}

/* chorus clean --each: one story per path, one result per path, in order. */
static int clean_each(char **paths, int n, const chorus_options *opts, chorus_format format)
{
    chorus_lexicon *lexicon = chorus_lexicon_new(0); /* shared by every story */
    if (!lexicon) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int worst = EXIT_OK, stop = 0; /* stop: the output cannot be written */
    for (int i = 0; i < n && !stop; i++) {
        chorus_story *st = chorus_story_new_with_lexicon(lexicon);
        if (!st) {
            cli_error("out of memory");
            worst = EXIT_INTERNAL;
            break;
        }
        chorus_error err;
        chorus_status s = chorus_story_add_path(st, paths[i], &err);
        if (s == CHORUS_OK) s = chorus_story_run(st, opts, &err);
        int rc = s == CHORUS_OK ? render(st, format) : chorus_status_exit_code(s);
        stop = s == CHORUS_OK && rc != EXIT_OK;
        if (s != CHORUS_OK) {
            for (size_t k = 0; k < chorus_story_skipped_count(st); k++)
                cli_report(chorus_story_skipped(st, k));
            if (format == CHORUS_FORMAT_CLEAN_JSON) {
                snprintf(err.where, sizeof err.where, "%s", paths[i]);
                char *record = chorus_error_record(paths[i], 0, &err);
                stop = !record || cli_write(record, strlen(record)) != EXIT_OK ||
                       cli_write("\n", 1) != EXIT_OK;
                if (stop) rc = EXIT_IO;
                chorus_free(record);
            } else {
                cli_report(&err);
            }
        }
        chorus_story_free(st);
        if (rc > worst) worst = rc;
    }
    chorus_lexicon_free(lexicon);
    return worst;
}

static int run_story_command(int argc, char **argv, int clean)
{
    /* clang-format off */
    static const struct option longopts[] = {
        {"words", required_argument, 0, 'w'}, {"bytes", required_argument, 0, 'b'},
        {"sentences", required_argument, 0, 'n'}, {"method", required_argument, 0, 'M'}, {"no-compress", no_argument, 0, 'C'}, {"format", required_argument, 0, 'f'},
        {"plain", no_argument, 0, 'P'},         {"help", no_argument, 0, 'h'},
        {"each", no_argument, 0, 'e'},          {0, 0, 0, 0}};
    /* clang-format on */
    chorus_options opts;
    chorus_options_init(&opts);
    chorus_format format = clean ? CHORUS_FORMAT_CLEAN : CHORUS_FORMAT_TEXT;
    int plain = 0, each = 0, c;
    optind = 1;
    opterr = 0;
    const char *shortopts = clean ? "+f:eh" : "+w:b:n:f:h";
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'w':
        case 'b':
        case 'n':
        case 'C':
            if (cli_budget_option(c, optarg, &opts) < 0) return EXIT_USAGE;
            break;
        case 'M':
            if (!cli_parse_method(optarg, &opts.method)) return EXIT_USAGE;
            break;
        case 'f':
            if (!parse_format(optarg, clean, &format)) return EXIT_USAGE;
            break;
        case 'P':
            plain = 1;
            break;
        case 'e':
            if (!clean) {
                cli_error("%s: --each belongs to chorus clean", argv[0]);
                return EXIT_USAGE;
            }
            each = 1;
            break;
        case 'h':
            clean ? clean_usage(stdout) : summarize_usage(stdout);
            return EXIT_OK;
        default:
            cli_error("%s: unknown option or missing value: %s (see --help)", argv[0],
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (plain) format = CHORUS_FORMAT_PLAIN;
    opts.clean_only = clean;
    if (optind >= argc) {
        cli_error("%s: no article given (see --help)", argv[0]);
        return EXIT_USAGE;
    }
    if (each) return clean_each(argv + optind, argc - optind, &opts, format);
    chorus_story *st = chorus_story_new();
    if (!st) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = cli_load_story(st, argv + optind, argc - optind, &opts);
    if (rc == EXIT_OK) rc = render(st, format);
    chorus_story_free(st);
    return rc;
}

int cmd_summarize(int argc, char **argv)
{
    return run_story_command(argc, argv, 0);
}

int cmd_clean(int argc, char **argv)
{
    return run_story_command(argc, argv, 1);
}
