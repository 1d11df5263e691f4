/* cli.h — the chorus command's subcommands and their shared helpers. */
#ifndef CHORUS_CLI_H
#define CHORUS_CLI_H

#include <stdio.h>

#include "chorus.h"

/* Each subcommand takes argv with argv[0] being its own name and returns the
 * process exit code. */
int cmd_summarize(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_rouge(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_sentences(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_entities(int argc, char **argv);

/* Prints "chorus: " + a formatted message + newline to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints an error from the library as one line on stderr. */
void cli_report(const chorus_error *err);
/* Writes n bytes to stdout; returns 0 or exit code 3 on a write error. */
int cli_write(const char *data, size_t n);
/* Adds every PATH to the story, reports skipped articles on stderr and
 * runs the pipeline with opts (NULL: defaults). Returns the exit code. */
int cli_load_story(chorus_story *st, char **paths, int n, const chorus_options *opts);
/* Calls fn for each line of the file at path ("-": standard input), the
 * line ending stripped and NUL-terminated, with its 1-based number, until fn
 * returns nonzero; fn may modify the line. Returns that code, or EXIT_IO
 * when the file cannot be opened or read. */
typedef int (*cli_line_fn)(void *ctx, char *line, size_t len, long lineno);
int cli_each_line(const char *path, cli_line_fn fn, void *ctx);
/* Parses a --method value; reports an unknown name. */
int cli_parse_method(const char *value, chorus_method *out);
/* Parses a non-negative integer option value no larger than max. */
int cli_parse_uint(const char *opt, const char *value, unsigned max, unsigned *out);
/* Applies a budget option (-w, -b, -n or --no-compress, as getopt's c) to
 * opts. Returns 1 when c was one and its value is good, 0 when c is not a
 * budget option, -1 on a bad value (already reported). */
int cli_budget_option(int c, const char *value, chorus_options *opts);
/* Parses -f text|json into *json; reports anything else. */
int cli_parse_text_or_json(const char *value, int *json);
/* The front of a command that takes [-f text|json] PATH...: parses its
 * options (--help prints usage(stdout, argv[0])) and loads the story.
 * Returns EXIT_OK with *story set (the caller frees it), or the exit code
 * to return with *story NULL (help printed, or an error reported). */
typedef void (*cli_usage_fn)(FILE *f, const char *name);
int cli_format_story(int argc, char **argv, cli_usage_fn usage, int *json, chorus_story **story);

#define EXIT_OK 0
#define EXIT_INPUT 1
#define EXIT_USAGE 2
#define EXIT_IO 3
#define EXIT_INTERNAL 4

#endif
