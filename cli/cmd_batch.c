/*
 * cmd_batch.c — `chorus batch`: JSON Lines in, one result line out per input
 * line, in input order. A bad line becomes one error record and the rest go
 * on; the exit code is 0 whenever the input was read to its end, so that
 * streaming engines treat chorus as a healthy stage.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void batch_usage(FILE *f)
{
    fprintf(f, "usage: chorus batch [OPTIONS] [FILE]\n\n"
               "Reads one story per line (JSON, DESIGN.md schema) from FILE or standard\n"
               "input and writes one JSON result per line, in the same order. A line\n"
               "that fails becomes {\"id\": ..., \"error\": {\"code\": ..., \"message\": ...}}.\n\n"
               "options:\n"
               "  -w, --words N       at most N words per summary (default 100)\n"
               "  -b, --bytes N       at most N bytes\n"
               "  -n, --sentences N   at most N sentences\n"
               "      --method M      coverage (default), lead, centroid, lexrank, textrank\n"
               "      --no-compress   print whole sentences (no compression)\n"
               "      --no-analyses   no quote layer, no quote and entity sections (for timing)\n"
               "      --plain         write {\"id\": ..., \"summary\": [\"sentence\", ...]}\n"
               "      --clean         write each story's clean articles (as chorus clean -f json)\n"
               "  -h, --help          this help\n");
}

typedef struct batch_cfg {
    const chorus_options *opts;
    chorus_format format;
    chorus_lexicon *lexicon; /* shared by every story of the batch */
} batch_cfg;

/* One line in, one line out. Returns 0, or EXIT_IO on a write error. */
static int process_line(const char *line, size_t len, long lineno, const batch_cfg *cfg)
{
    const chorus_options *opts = cfg->opts;
    chorus_format format = cfg->format;
    chorus_story *st = chorus_story_new_with_lexicon(cfg->lexicon);
    if (!st) return EXIT_INTERNAL;
    chorus_error err;
    chorus_status s = chorus_story_add_json(st, line, len, &err);
    if (s == CHORUS_OK) s = chorus_story_run(st, opts, &err);
    int rc = EXIT_OK;
    if (s == CHORUS_OK) {
        size_t n = 0;
        const char *out = chorus_story_render(st, format, &n);
        if (out) {
            rc = cli_write(out, n);
        } else {
            s = CHORUS_E_NOMEM;
            snprintf(err.message, sizeof err.message, "out of memory rendering the result");
        }
    }
    if (s != CHORUS_OK) {
        const char *id = chorus_story_id(st);
        if (strcmp(err.where, "line") == 0)
            snprintf(err.where, sizeof err.where, "line %ld", lineno);
        char *record = chorus_error_record(id, lineno, &err);
        if (record) {
            rc = cli_write(record, strlen(record));
            if (rc == EXIT_OK) rc = cli_write("\n", 1);
        }
        chorus_free(record);
    }
    chorus_story_free(st);
    return rc;
}

static int batch_line(void *vcfg, char *line, size_t len, long lineno)
{
    const batch_cfg *cfg = vcfg;
    return process_line(line, len, lineno, cfg);
}

int cmd_batch(int argc, char **argv)
{
    /* clang-format off */
    static const struct option longopts[] = {
        {"words", required_argument, 0, 'w'}, {"bytes", required_argument, 0, 'b'},
        {"sentences", required_argument, 0, 'n'}, {"method", required_argument, 0, 'M'}, {"no-compress", no_argument, 0, 'C'}, {"plain", no_argument, 0, 'P'},
        {"no-analyses", no_argument, 0, 'A'},
        {"clean", no_argument, 0, 'c'}, {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    /* clang-format on */
    chorus_options opts;
    chorus_options_init(&opts);
    chorus_format format = CHORUS_FORMAT_JSON;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+w:b:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'w':
        case 'b':
        case 'n':
        case 'C':
            if (cli_budget_option(c, optarg, &opts) < 0) return EXIT_USAGE;
            break;
        case 'A':
            opts.skip_analyses = 1;
            break;
        case 'M':
            if (!cli_parse_method(optarg, &opts.method)) return EXIT_USAGE;
            break;
        case 'P':
            format = CHORUS_FORMAT_PLAIN_JSON;
            break;
        case 'c':
            format = CHORUS_FORMAT_CLEAN_JSON;
            opts.clean_only = 1;
            break;
        case 'h':
            batch_usage(stdout);
            return EXIT_OK;
        default:
            cli_error("batch: unknown option or missing value: %s (see --help)", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        cli_error("batch: at most one input file");
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    batch_cfg cfg = {&opts, format, chorus_lexicon_new(0)};
    if (!cfg.lexicon) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = cli_each_line(path, batch_line, &cfg);
    chorus_lexicon_free(cfg.lexicon);
    if (rc == EXIT_OK && fflush(stdout) != 0) {
        cli_error("cannot write the output");
        rc = EXIT_IO;
    }
    return rc;
}
