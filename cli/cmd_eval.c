/*
 * cmd_eval.c — `chorus eval FILE.jsonl`: summarize every story of a data set
 * and score the summaries with ROUGE-1.5.5.
 *
 * Data set lines follow ../shared/data/summarization/LAYOUT.md: "articles",
 * "references", "budget_words". Each story is summarized in its budget
 * (chorus_options.max_words), rendered as plain sentences (one per line,
 * the SPL form ROUGE reads) and scored against its references as peer
 * "chorus". A story that cannot be summarized scores as an empty summary,
 * with a warning. The ROUGE flags default by budget (DESIGN.md "Evaluation
 * settings"): up to 250 words the DUC recall setting, above it Multi-News's
 * F1 setting; both add -2 4 -u and keep ROUGE-L so that the table always
 * has, R-L and R-SU4 (extra measures never change the others).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_FLAGS 64

static void eval_usage(FILE *f)
{
    fprintf(
        f,
        "usage: chorus eval [OPTIONS] FILE.jsonl\n\n"
        "Summarizes every story of a data set (one JSON object per line with\n"
        "\"articles\", \"references\" and \"budget_words\") and prints the ROUGE-1.5.5\n"
        "averages of the summaries against the references, with 95%% intervals,\n"
        "and the time per story.\n\n"
        "options:\n"
        "  --rouge \"FLAGS\"     ROUGE-1.5.5 flags; default by budget B:\n"
        "                      B <= 250: -n 4 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -l B\n"
        "                                (DUC recall setting; headline R)\n"
        "                      B > 250:  -n 2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -l B\n"
        "                                (Multi-News setting; headline F)\n"
        "  -w, --words N       summary budget in words (default: each story's budget_words)\n"
        "  -b, --bytes N       at most N bytes per summary\n"
        "  -n, --sentences N   at most N sentences per summary\n"
        "      --stories N     only the first N stories\n"
        "      --no-compress   whole sentences only\n"
        "      --method M      score only method M (repeatable; default: every method,\n"
        "                      coverage beside the classics lead, centroid, lexrank, textrank)\n"
        "  -h, --help          this help\n\n"
        "exit codes: 0 ok, 1 bad input, 2 usage, 3 I/O, 4 internal\n");
}

typedef struct eval_cfg {
    const char *path, *rouge_flags;
    chorus_options opts;
    int words_given;
    unsigned max_stories;
    int methods[CHORUS_METHOD_COUNT]; /* nonzero: scored */
    chorus_lexicon *lexicon;          /* shared by every story of the run */
} eval_cfg;

typedef struct eval_run {
    chorus_rouge *rouge;
    char flags[512];
    int headline_f; /* the set's convention reports F rather than R */
    unsigned budget;
    size_t stories, references;
    size_t empty[CHORUS_METHOD_COUNT];
    double summarize_s[CHORUS_METHOD_COUNT], score_s;
} eval_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Builds the scorer from --rouge or from the first story's budget. */
static int start_rouge(const eval_cfg *cfg, eval_run *run, unsigned budget)
{
    if (cfg->rouge_flags) {
        snprintf(run->flags, sizeof run->flags, "%s", cfg->rouge_flags);
    } else {
        unsigned b = budget ? budget : 100;
        run->headline_f = b > 250;
        snprintf(run->flags, sizeof run->flags,
                 "-n %d -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -l %u", b > 250 ? 2 : 4, b);
    }
    char copy[512], *argv[MAX_FLAGS];
    int argc = 0;
    snprintf(copy, sizeof copy, "%s", run->flags);
    for (char *t = strtok(copy, " \t"); t && argc < MAX_FLAGS; t = strtok(NULL, " \t"))
        argv[argc++] = t;
    chorus_rouge_options ro;
    chorus_rouge_options_init(&ro);
    chorus_error err;
    int next = 0;
    if (chorus_rouge_parse_flags(&ro, argc, argv, &next, &err) != CHORUS_OK) {
        cli_report(&err);
        return EXIT_USAGE;
    }
    if (next < argc) {
        cli_error("--rouge: '%s' is not a ROUGE flag", argv[next]);
        return EXIT_USAGE;
    }
    run->rouge = chorus_rouge_new(&ro);
    if (!run->rouge) cli_error("out of memory");
    return run->rouge ? EXIT_OK : EXIT_INTERNAL;
}

/* Summarizes one story; the summary is "" when the story fails. */
static char *summarize(const eval_cfg *cfg, chorus_method method, const char *line, size_t len,
                       long lineno, unsigned budget, size_t *out_len)
{
    chorus_options opts = cfg->opts;
    opts.method = method;
    if (!cfg->words_given) opts.max_words = budget;
    chorus_story *st = chorus_story_new_with_lexicon(cfg->lexicon);
    if (!st) return NULL;
    chorus_error err;
    chorus_status s = chorus_story_add_json(st, line, len, &err);
    if (s == CHORUS_OK) s = chorus_story_run(st, &opts, &err);
    const char *text = "";
    size_t n = 0;
    if (s == CHORUS_OK) {
        text = chorus_story_render(st, CHORUS_FORMAT_PLAIN, &n);
        if (!text) text = "", n = 0;
    } else {
        char msg[700];
        chorus_error_format(&err, msg, sizeof msg);
        cli_error("%s:%ld: %s (scored as an empty summary)", cfg->path, lineno, msg);
    }
    char *copy = malloc(n + 1);
    if (copy) {
        memcpy(copy, text, n);
        copy[n] = '\0';
        *out_len = n;
    }
    chorus_story_free(st);
    return copy;
}

static void progress(size_t done, size_t total)
{
    int width = 40, filled = total ? (int)(done * (size_t)width / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu stories", filled,
            "========================================", width - filled, "", done, total);
    if (done == total) fputc('\n', stderr);
    fflush(stderr);
}

/* Summarizes one story by one method and scores it as peer "METHOD". */
static int eval_method(const eval_cfg *cfg, eval_run *run, chorus_method m, const char *line,
                       size_t len, long lineno, unsigned budget)
{
    double t0 = now();
    size_t n = 0;
    char *summary = summarize(cfg, m, line, len, lineno, budget, &n);
    if (!summary) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    double t1 = now();
    chorus_error err;
    chorus_status s =
        chorus_rouge_add_json(run->rouge, line, len, chorus_method_name(m), summary, n, &err);
    run->score_s += now() - t1;
    run->summarize_s[m] += t1 - t0;
    run->empty[m] += strspn(summary, " \t\r\n") == n;
    free(summary);
    if (s != CHORUS_OK) {
        char msg[700];
        chorus_error_format(&err, msg, sizeof msg);
        cli_error("%s:%ld: %s", cfg->path, lineno, msg);
        return chorus_status_exit_code(s);
    }
    return EXIT_OK;
}

static int eval_story(const eval_cfg *cfg, eval_run *run, const char *line, size_t len, long lineno)
{
    chorus_error err;
    unsigned budget = 0;
    chorus_status s = chorus_rouge_json_budget(line, len, &budget, &err);
    if (s != CHORUS_OK) {
        char msg[700];
        chorus_error_format(&err, msg, sizeof msg);
        cli_error("%s:%ld: %s", cfg->path, lineno, msg);
        return chorus_status_exit_code(s);
    }
    if (!run->rouge) {
        int rc = start_rouge(cfg, run, budget);
        if (rc != EXIT_OK) return rc;
        run->budget = budget;
    }
    for (int m = 0; m < CHORUS_METHOD_COUNT; m++) {
        if (!cfg->methods[m]) continue;
        int rc = eval_method(cfg, run, (chorus_method)m, line, len, lineno, budget);
        if (rc != EXIT_OK) return rc;
    }
    run->stories++;
    return EXIT_OK;
}

static void print_row(const char *name, const chorus_rouge_score *sc)
{
    printf("%-11s %7.5f (%7.5f - %7.5f)  %7.5f (%7.5f - %7.5f)  %7.5f (%7.5f - %7.5f)\n", name,
           sc->r, sc->r_low, sc->r_high, sc->p, sc->p_low, sc->p_high, sc->f, sc->f_low,
           sc->f_high);
}

static int method_of_peer(const chorus_rouge *r, size_t peer)
{
    chorus_method m;
    return chorus_method_from_name(chorus_rouge_peer_id(r, peer), &m) ? (int)m : -1;
}

/* One line per method: the headline figure of ROUGE-1, ROUGE-2, ROUGE-SU4
 * and ROUGE-L, the best method marked. */
static int print_comparison(const eval_run *run)
{
    const chorus_rouge *r = run->rouge;
    static const char *wanted[] = {"ROUGE-1", "ROUGE-2", "ROUGE-SU4", "ROUGE-L"};
    printf("\n%-11s", "method");
    for (size_t w = 0; w < 4; w++)
        printf(" %-10s", wanted[w]);
    printf("   (Average_%c)\n", run->headline_f ? 'F' : 'R');
    double best = -1;
    size_t best_peer = 0;
    for (size_t p = 0; p < chorus_rouge_peer_count(r); p++) {
        printf("%-11s", chorus_rouge_peer_id(r, p));
        for (size_t w = 0; w < 4; w++) {
            double v = -1;
            for (size_t m = 0; m < chorus_rouge_measure_count(r); m++) {
                if (strcmp(chorus_rouge_measure_name(r, m), wanted[w]) != 0) continue;
                chorus_rouge_score sc;
                chorus_error err;
                if (chorus_rouge_average(r, p, m, &sc, &err) != CHORUS_OK) {
                    cli_report(&err);
                    return EXIT_INTERNAL;
                }
                v = run->headline_f ? sc.f : sc.r;
            }
            if (v < 0)
                printf(" %-10s", "-");
            else
                printf(" %-10.5f", v);
            if (w == 0 && v > best) best = v, best_peer = p;
        }
        printf("\n");
    }
    if (chorus_rouge_peer_count(r) > 1)
        printf("best        %s (by ROUGE-1)\n", chorus_rouge_peer_id(r, best_peer));
    return EXIT_OK;
}

static int print_method(const eval_run *run, size_t peer)
{
    const chorus_rouge *r = run->rouge;
    int m = method_of_peer(r, peer);
    printf("\nmethod      %s\n", chorus_rouge_peer_id(r, peer));
    printf("%-11s %-27s  %-27s  %s\n", "measure", "Average_R (95% interval)",
           "Average_P (95% interval)", "Average_F (95% interval)");
    for (size_t k = 0; k < chorus_rouge_measure_count(r); k++) {
        chorus_rouge_score sc;
        chorus_error err;
        if (chorus_rouge_average(r, peer, k, &sc, &err) != CHORUS_OK) {
            cli_report(&err);
            return EXIT_INTERNAL;
        }
        print_row(chorus_rouge_measure_name(r, k), &sc);
    }
    double n = run->stories ? (double)run->stories : 1;
    if (m >= 0) {
        printf("time        %.2f ms per story to summarize (%zu stories)\n",
               1000 * run->summarize_s[m] / n, run->stories);
        if (run->empty[m])
            printf("empty       %zu summaries were empty (they score 0)\n", run->empty[m]);
    }
    return EXIT_OK;
}

static int print_table(const eval_cfg *cfg, const eval_run *run)
{
    const char *base = strrchr(cfg->path, '/');
    printf("data set    %s: %zu stories, budget %u words\n", base ? base + 1 : cfg->path,
           run->stories, run->budget);
    printf("rouge       %s%s\n", run->flags,
           cfg->rouge_flags  ? ""
           : run->headline_f ? "  (headline: F)"
                             : "  (headline: R)");
    int rc = print_comparison(run);
    for (size_t p = 0; rc == EXIT_OK && p < chorus_rouge_peer_count(run->rouge); p++)
        rc = print_method(run, p);
    double n = run->stories ? (double)run->stories : 1;
    printf("\nscoring     %.2f ms per story, every method\n", 1000 * run->score_s / n);
    if (rc == EXIT_OK && fflush(stdout) != 0) {
        cli_error("cannot write the output");
        return EXIT_IO;
    }
    return rc;
}

typedef struct line_list {
    char **lines;
    size_t count, cap;
    const char *path;
} line_list;

static int keep_line(void *vlist, char *line, size_t len, long lineno)
{
    line_list *l = vlist;
    (void)lineno;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        char **more = realloc(l->lines, cap * sizeof *more);
        if (!more) {
            cli_error("%s: out of memory reading the data set", l->path);
            return EXIT_INTERNAL;
        }
        l->lines = more;
        l->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        cli_error("%s: out of memory reading the data set", l->path);
        return EXIT_INTERNAL;
    }
    memcpy(copy, line, len + 1);
    l->lines[l->count++] = copy;
    return EXIT_OK;
}

/* Reads every line of the data set (line endings stripped). */
static char **read_lines(const char *path, size_t *count, int *rc)
{
    line_list l = {.path = path};
    *rc = cli_each_line(path, keep_line, &l);
    *count = l.count;
    return l.lines;
}

static int run_eval(const eval_cfg *cfg)
{
    int rc = EXIT_OK;
    size_t count = 0;
    char **lines = read_lines(cfg->path, &count, &rc);
    eval_run run;
    memset(&run, 0, sizeof run);
    size_t total = count, done = 0;
    if (cfg->max_stories && cfg->max_stories < total) total = cfg->max_stories;
    int bar = isatty(STDERR_FILENO);
    for (size_t i = 0; rc == EXIT_OK && i < count && done < total; i++) {
        size_t len = strlen(lines[i]);
        if (len == 0) continue;
        rc = eval_story(cfg, &run, lines[i], len, (long)i + 1);
        done++;
        if (bar) progress(done, total);
    }
    if (rc == EXIT_OK && run.stories == 0) {
        cli_error("%s: no story in the data set", cfg->path);
        rc = EXIT_INPUT;
    }
    if (rc == EXIT_OK) rc = print_table(cfg, &run);
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
    chorus_rouge_free(run.rouge);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    /* clang-format off */
    static const struct option longopts[] = {{"rouge", required_argument, 0, 'R'},
                                             {"words", required_argument, 0, 'w'},
                                             {"bytes", required_argument, 0, 'b'},
                                             {"sentences", required_argument, 0, 'n'},
                                             {"stories", required_argument, 0, 'S'},
                                             {"method", required_argument, 0, 'M'}, {"no-compress", no_argument, 0, 'C'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    /* clang-format on */
    eval_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    chorus_options_init(&cfg.opts);
    int c, methods_given = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+w:b:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'R':
            cfg.rouge_flags = optarg;
            break;
        case 'w':
            if (cli_budget_option(c, optarg, &cfg.opts) < 0) return EXIT_USAGE;
            cfg.words_given = 1;
            break;
        case 'b':
        case 'n':
        case 'C':
            if (cli_budget_option(c, optarg, &cfg.opts) < 0) return EXIT_USAGE;
            break;
        case 'M': {
            chorus_method m;
            if (!cli_parse_method(optarg, &m)) return EXIT_USAGE;
            cfg.methods[m] = 1;
            methods_given = 1;
            break;
        }
        case 'S':
            if (!cli_parse_uint("--stories", optarg, 100000000, &cfg.max_stories))
                return EXIT_USAGE;
            break;
        case 'h':
            eval_usage(stdout);
            return EXIT_OK;
        default:
            cli_error("eval: unknown option or missing value: %s (see --help)", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        cli_error("eval: give one data set file (see --help)");
        return EXIT_USAGE;
    }
    cfg.path = argv[optind];
    if (!methods_given)
        for (int m = 0; m < CHORUS_METHOD_COUNT; m++)
            cfg.methods[m] = 1;
    cfg.lexicon = chorus_lexicon_new(0);
    if (!cfg.lexicon) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = run_eval(&cfg);
    chorus_lexicon_free(cfg.lexicon);
    return rc;
}
