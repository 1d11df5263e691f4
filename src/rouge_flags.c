/*
 * rouge_flags.c — the command-line flags of ROUGE-1.5.5 and the measures
 * they select.
 *
 * Parsing follows Perl's Getopt::Std as the script uses it: single-letter
 * flags, a value attached (-n2) or in the next argument, flags without a
 * value grouped (-ma), the first non-flag argument or "--" ending the list.
 * Values are checked where the script checks them (-c in 0..100, -p in
 * 0..1, -w > 0, -l and -b not both) and, where the script would run into an
 * error or a meaningless result, here too (-r 0, -f other than A or B).
 * Labels keep the value as typed, since the script prints it that way
 * ("ROUGE-W-1.2", "ROUGE-SU4", "95%-conf.int.").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rouge.h"
#include "story.h"

void chorus_rouge_options_init(chorus_rouge_options *o)
{
    memset(o, 0, sizeof *o);
    o->lcs = 1;
    o->formula = 'A';
    o->alpha = 0.5;
    o->confidence = 95;
    o->resamples = 1000;
    snprintf(o->confidence_label, sizeof o->confidence_label, "95");
}

static chorus_status bad(chorus_error *err, char flag, const char *fmt, const char *value)
{
    char where[8];
    snprintf(where, sizeof where, "-%c", flag);
    return story_error(err, CHORUS_E_USAGE, where, -1, fmt, value);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v) || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int copy_label(char *dst, size_t cap, const char *value)
{
    if (strlen(value) >= cap) return 0;
    memcpy(dst, value, strlen(value) + 1);
    return 1;
}

/* Applies one flag that takes a value. */
static chorus_status set_value(chorus_rouge_options *o, char flag, const char *v, chorus_error *err)
{
    long n = 0;
    switch (flag) {
    case 'n':
        if (!parse_long(v, 0, CHORUS_ROUGE_MAX_N, &n))
            return bad(err, flag, "expected a whole number from 0 to 16, got '%s'", v);
        o->max_n = (unsigned)n;
        return CHORUS_OK;
    case 'l':
    case 'b':
        if (!parse_long(v, 0, 1000000000L, &n))
            return bad(err, flag, "expected a whole number from 0 to 1000000000, got '%s'", v);
        *(flag == 'l' ? &o->word_limit : &o->byte_limit) = (unsigned)n;
        return CHORUS_OK;
    case '2':
        if (!parse_long(v, -1000000L, 1000000L, &n) ||
            !copy_label(o->skip_label, sizeof o->skip_label, v))
            return bad(err, flag, "expected a whole number (negative: no limit), got '%s'", v);
        o->skip_bigrams = 1;
        o->skip_distance = (int)n;
        return CHORUS_OK;
    case 'w':
        if (!parse_double(v, 1e-9, 1e6, &o->wlcs_weight) ||
            !copy_label(o->weight_label, sizeof o->weight_label, v))
            return bad(err, flag, "expected a weight greater than 0 (e.g. 1.2), got '%s'", v);
        return CHORUS_OK;
    case 'f':
        if (strcmp(v, "A") != 0 && strcmp(v, "B") != 0)
            return bad(err, flag, "expected A (model average) or B (best model), got '%s'", v);
        o->formula = v[0];
        return CHORUS_OK;
    case 'p':
        if (!parse_double(v, 0, 1, &o->alpha))
            return bad(err, flag, "expected an alpha from 0 to 1, got '%s'", v);
        return CHORUS_OK;
    case 'c':
        if (!parse_double(v, 0, 100, &o->confidence) ||
            !copy_label(o->confidence_label, sizeof o->confidence_label, v))
            return bad(err, flag, "expected a confidence from 0 to 100, got '%s'", v);
        return CHORUS_OK;
    case 'r':
        if (!parse_long(v, 1, 1000000L, &n))
            return bad(err, flag, "expected a number of resamples from 1 to 1000000, got '%s'", v);
        o->resamples = (unsigned)n;
        return CHORUS_OK;
    case 't':
        if (!parse_long(v, 0, 2, &n)) return bad(err, flag, "expected 0, 1 or 2, got '%s'", v);
        o->counting = (int)n;
        return CHORUS_OK;
    case 'z':
        if (strcmp(v, "SPL") != 0 && strcmp(v, "spl") != 0)
            return bad(err, flag, "only SPL input (one sentence per line) is read, got '%s'", v);
        o->file_list = 1;
        return CHORUS_OK;
    default: /* -e DIR: the word tables are built in */
        return CHORUS_OK;
    }
}

/* Applies one flag without a value; 0 when unknown. */
static int set_switch(chorus_rouge_options *o, char flag)
{
    switch (flag) {
    case 'a':
        return 1; /* every peer is evaluated anyway */
    case 'd':
        o->per_eval = 1;
        return 1;
    case 'm':
        o->stem = 1;
        return 1;
    case 's':
        o->stopwords = 1;
        return 1;
    case 'u':
        o->skip_unigrams = 1;
        return 1;
    case 'U':
        o->skip_both = 1;
        return 1;
    case 'x':
        o->lcs = 0;
        return 1;
    case 'j':
        o->jackknife = 1;
        return 1;
    default:
        return 0;
    }
}

static chorus_status parse_group(chorus_rouge_options *o, int argc, char *const *argv, int *i,
                                 chorus_error *err)
{
    const char *arg = argv[*i];
    for (size_t k = 1; arg[k]; k++) {
        char flag = arg[k];
        if (strchr("nlb2wfpcrtze", flag)) {
            const char *v = arg[k + 1] ? arg + k + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
            if (!v) return bad(err, flag, "%s", "the flag needs a value");
            return set_value(o, flag, v, err);
        }
        if (!set_switch(o, flag)) {
            const char *why = strchr("3MvHh", flag) ? "not supported by chorus rouge"
                                                    : "unknown ROUGE-1.5.5 flag";
            return bad(err, flag, "%s", why);
        }
    }
    return CHORUS_OK;
}

chorus_status chorus_rouge_parse_flags(chorus_rouge_options *o, int argc, char *const *argv,
                                       int *next, chorus_error *err)
{
    int i = 0;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(arg, "--jackknife") == 0) {
            o->jackknife = 1;
            continue;
        }
        if (arg[0] != '-' || arg[1] == '\0') break;
        if (arg[1] == '-') return story_error(err, CHORUS_E_USAGE, arg, -1, "unknown option");
        chorus_status s = parse_group(o, argc, argv, &i, err);
        if (s != CHORUS_OK) return s;
    }
    if (next) *next = i;
    if (o->word_limit && o->byte_limit)
        return story_error(err, CHORUS_E_USAGE, "-l/-b", -1,
                           "give a length limit in words or in bytes, not both");
    return CHORUS_OK;
}

/* --------------------------------------------------------------- measures */

static rouge_measure *add_measure(rouge_measure *out, size_t *n, size_t cap, rouge_kind kind)
{
    if (*n >= cap) return NULL;
    rouge_measure *m = &out[(*n)++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    return m;
}

static void add_skip(rouge_measure *out, size_t *n, size_t cap, const chorus_rouge_options *o,
                     int unigrams)
{
    rouge_measure *m = add_measure(out, n, cap, ROUGE_S);
    if (!m) return;
    m->with_unigrams = unigrams;
    if (o->skip_distance >= 0)
        snprintf(m->name, sizeof m->name, "ROUGE-S%s%s", unigrams ? "U" : "", o->skip_label);
    else
        snprintf(m->name, sizeof m->name, "ROUGE-S%s*", unigrams ? "U" : "");
}

size_t rouge_measures(const chorus_rouge_options *o, rouge_measure *out, size_t cap)
{
    size_t n = 0;
    rouge_measure *m;
    for (unsigned k = 1; k <= o->max_n; k++)
        if ((m = add_measure(out, &n, cap, ROUGE_N))) {
            m->n = k;
            snprintf(m->name, sizeof m->name, "ROUGE-%u", k);
        }
    if (o->lcs && (m = add_measure(out, &n, cap, ROUGE_L)))
        snprintf(m->name, sizeof m->name, "ROUGE-L");
    if (o->wlcs_weight > 0 && (m = add_measure(out, &n, cap, ROUGE_W)))
        snprintf(m->name, sizeof m->name, "ROUGE-W-%s", o->weight_label);
    if (o->skip_bigrams) {
        if (o->skip_unigrams) {
            add_skip(out, &n, cap, o, 1);
        } else {
            add_skip(out, &n, cap, o, 0);
            if (o->skip_both) add_skip(out, &n, cap, o, 1);
        }
    }
    return n;
}
