/*
 * cmd_rouge.c — `chorus rouge`: ROUGE-1.5.5 scores of summaries.
 *
 * Three input forms: a peer file and its model files on the command line;
 * --batch FILE.jsonl, one evaluation per line (chorus_rouge_add_json); and
 * ROUGE-1.5.5's own -z SPL file list ("peer model..." per line, evaluations
 * numbered from 1, one system id). The report is the Perl script's. chorus
 * options start with "--" and may stand anywhere before the files; every
 * other flag is ROUGE's and goes to chorus_rouge_parse_flags.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FILE_BYTES ((size_t)64 << 20)
#define MAX_ARGS 4096

static void rouge_usage(FILE *f)
{
    fprintf(f,
            "usage: chorus rouge [FLAGS] PEER MODEL...      one peer against its models\n"
            "       chorus rouge [FLAGS] --batch FILE.jsonl  one evaluation per line\n"
            "       chorus rouge [FLAGS] -z SPL LIST [ID]    \"peer model...\" per line of LIST\n"
            "       chorus rouge [FLAGS] --tokens FILE...    the tokens ROUGE counts\n\n"
            "Scores summaries (one sentence per line) as ROUGE-1.5.5 does and prints its\n"
            "report: per peer and measure, Average_R/P/F with the confidence interval.\n\n"
            "ROUGE-1.5.5 flags:\n"
            "  -n N        ROUGE-1 ... ROUGE-N          -x          no ROUGE-L\n"
            "  -l WORDS    first WORDS words only       -b BYTES    first BYTES bytes only\n"
            "  -m          Porter stemming (+ WordNet)  -s          remove SMART stopwords\n"
            "  -2 SKIP -u  ROUGE-SU<SKIP>               -U          ROUGE-S and ROUGE-SU\n"
            "  -w WEIGHT   ROUGE-W                      -f A|B      average or best model\n"
            "  -p ALPHA    F weight (0.5: F1)           -c CONF     interval, percent (95)\n"
            "  -r N        bootstrap resamples (1000)   -t 0|1|2    average, pooled, counts\n"
            "  -d          per-evaluation lines too     -a, -e DIR  accepted, no effect\n"
            "chorus additions:\n"
            "  -j, --jackknife  M leave-one-out evaluations per peer with M models\n"
            "  --id ID          peer id of the PEER MODEL... form (default: PEER's name)\n"
            "  -h, --help       this help\n\n"
            "--batch lines: {\"id\": \"D1\", \"peers\": {\"sys1\": \"text\", ...},\n"
            "                \"models\": [\"text\", ...], \"model_ids\": [\"A\", ...]}\n"
            "(\"references\" may stand for \"models\"; a peer whose id is a model id is\n"
            "never scored against its own summary.)\n\n"
            "exit codes: 0 ok, 1 bad input, 2 usage, 3 I/O, 4 internal\n");
}

/* Reads a whole file ("-": standard input); NULL after reporting. */
static char *read_file(const char *path, size_t *len, int *rc)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        *rc = EXIT_IO;
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    while (data) {
        if (n == cap) {
            char *bigger = cap > MAX_FILE_BYTES ? NULL : realloc(data, cap * 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            cap *= 2;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int failed = !data || ferror(f), saved = errno;
    if (f != stdin) fclose(f);
    if (failed) {
        if (data)
            cli_error("%s: cannot read: %s", path, strerror(saved));
        else
            cli_error("%s: larger than 64 MiB or out of memory", path);
        *rc = data ? EXIT_IO : EXIT_INPUT;
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

/* ROUGE-1.5.5 warns "empty text"; the peer still scores 0. */
static void warn_if_empty(const char *path, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n\f\v", data[i])) return;
    cli_error("%s: empty summary (it scores 0)", path);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static int report_status(chorus_status s, const chorus_error *err, const char *file, long line)
{
    if (s == CHORUS_OK) return EXIT_OK;
    char msg[700];
    chorus_error_format(err, msg, sizeof msg);
    if (file && line > 0)
        cli_error("%s:%ld: %s", file, line, msg);
    else if (file)
        cli_error("%s: %s", file, msg);
    else
        cli_error("%s", msg);
    return chorus_status_exit_code(s);
}

/* Scores one peer file against model files. */
static int add_files(chorus_rouge *r, const char *eval_id, const char *peer_id,
                     const char *peer_path, char **model_paths, size_t n, const char *where,
                     long line)
{
    int rc = EXIT_OK;
    char **texts = calloc(n + 1, sizeof *texts);
    size_t *lens = calloc(n + 1, sizeof *lens);
    if (!texts || !lens) rc = EXIT_INTERNAL;
    for (size_t i = 0; rc == EXIT_OK && i <= n; i++) {
        const char *path = i == 0 ? peer_path : model_paths[i - 1];
        texts[i] = read_file(path, &lens[i], &rc);
        if (texts[i]) warn_if_empty(path, texts[i], lens[i]);
    }
    if (rc == EXIT_OK) {
        chorus_rouge_eval ev = {
            eval_id, peer_id, texts[0], lens[0], (const char *const *)texts + 1, lens + 1, n, -1};
        chorus_error err;
        rc = report_status(chorus_rouge_add(r, &ev, &err), &err, where, line);
    }
    for (size_t i = 0; texts && i <= n; i++)
        free(texts[i]);
    free(texts);
    free(lens);
    return rc;
}

static int split_words(char *s, char **out, int cap)
{
    int n = 0;
    for (char *tok = strtok(s, " \t\r\n\f\v"); tok && n < cap; tok = strtok(NULL, " \t\r\n\f\v"))
        out[n++] = tok;
    return n;
}

typedef struct list_ctx {
    chorus_rouge *rouge;
    const char *list, *system;
    long evals;
} list_ctx;

static int add_list_line(void *vctx, char *line, size_t len, long lineno)
{
    list_ctx *c = vctx;
    char *words[MAX_ARGS];
    (void)len;
    if (line[0] == '#') return EXIT_OK;
    int n = split_words(line, words, MAX_ARGS);
    if (n == 0) return EXIT_OK;
    if (n < 2) {
        cli_error("%s:%ld: expected a peer file and at least one model file", c->list, lineno);
        return EXIT_INPUT;
    }
    char id[32];
    snprintf(id, sizeof id, "%ld", ++c->evals);
    return add_files(c->rouge, id, c->system, words[0], words + 1, (size_t)n - 1, c->list, lineno);
}

/* ROUGE-1.5.5's -z list: "peer model1 model2 ..." per line, '#' comments. */
static int add_file_list(chorus_rouge *r, const char *list, const char *system)
{
    list_ctx c = {r, list, system, 0};
    return cli_each_line(list, add_list_line, &c);
}

typedef struct batch_ctx {
    chorus_rouge *rouge;
    const char *path;
} batch_ctx;

static int add_batch_line(void *vctx, char *line, size_t len, long lineno)
{
    batch_ctx *c = vctx;
    if (len == 0) return EXIT_OK;
    chorus_error err;
    return report_status(chorus_rouge_add_json(c->rouge, line, len, NULL, NULL, 0, &err), &err,
                         c->path, lineno);
}

static int add_batch(chorus_rouge *r, const char *path)
{
    batch_ctx c = {r, path};
    return cli_each_line(path, add_batch_line, &c);
}

static int print_tokens(const chorus_rouge_options *opts, char **paths, int n)
{
    int rc = EXIT_OK;
    for (int i = 0; rc == EXIT_OK && i < n; i++) {
        size_t len = 0, out_len = 0;
        char *data = read_file(paths[i], &len, &rc);
        if (!data) break;
        char *out = chorus_rouge_tokens(opts, data, len, &out_len);
        free(data);
        if (!out) {
            cli_error("%s: too large to tokenize or out of memory", paths[i]);
            return EXIT_INPUT;
        }
        rc = cli_write(out, out_len);
        chorus_free(out);
    }
    return rc;
}

/* The command line, split into chorus's own options and ROUGE's flags. */
typedef struct rouge_cli {
    const char *batch, *peer_id;
    int tokens, help;
    int argc;
    char *argv[MAX_ARGS];
} rouge_cli;

static int split_args(int argc, char **argv, rouge_cli *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--batch") == 0 || strcmp(a, "--id") == 0) {
            if (i + 1 >= argc) {
                cli_error("rouge: %s needs a value", a);
                return 0;
            }
            *(a[2] == 'b' ? &c->batch : &c->peer_id) = argv[++i];
        } else if (strcmp(a, "--tokens") == 0) {
            c->tokens = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->help = 1;
        } else if (c->argc < MAX_ARGS) {
            c->argv[c->argc++] = argv[i];
        } else {
            cli_error("rouge: too many arguments");
            return 0;
        }
    }
    return 1;
}

static int run(chorus_rouge *r, const chorus_rouge_options *opts, const rouge_cli *c, char **files,
               int n)
{
    if (c->batch) {
        if (n > 0) {
            cli_error("rouge: --batch takes no other files (got '%s')", files[0]);
            return EXIT_USAGE;
        }
        return add_batch(r, c->batch);
    }
    if (opts->file_list) {
        if (n < 1 || n > 2) {
            cli_error("rouge: -z SPL takes a list file and an optional system id");
            return EXIT_USAGE;
        }
        return add_file_list(r, files[0], n == 2 ? files[1] : "X");
    }
    if (n < 2) {
        cli_error("rouge: give a peer file and at least one model file (see --help)");
        return EXIT_USAGE;
    }
    const char *id = c->peer_id ? c->peer_id : base_name(files[0]);
    return add_files(r, "1", id, files[0], files + 1, (size_t)n - 1, NULL, 0);
}

int cmd_rouge(int argc, char **argv)
{
    rouge_cli c;
    if (!split_args(argc, argv, &c)) return EXIT_USAGE;
    if (c.help) {
        rouge_usage(stdout);
        return EXIT_OK;
    }
    chorus_rouge_options opts;
    chorus_rouge_options_init(&opts);
    chorus_error err;
    int next = 0;
    if (chorus_rouge_parse_flags(&opts, c.argc, c.argv, &next, &err) != CHORUS_OK) {
        cli_report(&err);
        return EXIT_USAGE;
    }
    char **files = c.argv + next;
    int n = c.argc - next;
    if (c.tokens) return print_tokens(&opts, files, n);
    chorus_rouge *r = chorus_rouge_new(&opts);
    if (!r) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = run(r, &opts, &c, files, n);
    if (rc == EXIT_OK) {
        size_t len = 0;
        char *report = chorus_rouge_report(r, &len);
        rc = report ? cli_write(report, len) : EXIT_INTERNAL;
        if (!report) cli_error("out of memory writing the report");
        chorus_free(report);
    }
    chorus_rouge_free(r);
    if (rc == EXIT_OK && fflush(stdout) != 0) {
        cli_error("cannot write the output");
        rc = EXIT_IO;
    }
    return rc;
}
