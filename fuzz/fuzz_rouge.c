/*
 * fuzz_rouge.c — libFuzzer target for the ROUGE scorer's text input: the
 * line reader, the -l/-b cuts, the tokenizer, stopwords, the stemmer and
 * every measure.
 *
 * Input: byte 0 picks the options (bit 0 -m, 1 -s, 2 -l, 3 -b, 4 -2 with
 * -u, 5 -w, 6 -f B, 7 -j), byte 1 the length limit; the rest is the peer
 * and then the models, separated by form feeds (at most 8 models).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void options_of(uint8_t bits, uint8_t limit, chorus_rouge_options *o)
{
    chorus_rouge_options_init(o);
    o->max_n = 3;
    o->resamples = 20;
    o->per_eval = 1;
    o->stem = bits & 1;
    o->stopwords = (bits >> 1) & 1;
    if (bits & 4)
        o->word_limit = limit;
    else if (bits & 8)
        o->byte_limit = limit;
    if (bits & 16) {
        o->skip_bigrams = 1;
        o->skip_unigrams = 1;
        o->skip_distance = (int)(limit % 7) - 1;
        strcpy(o->skip_label, "4");
    }
    if (bits & 32) {
        o->wlcs_weight = 1.2;
        strcpy(o->weight_label, "1.2");
    }
    o->formula = bits & 64 ? 'B' : 'A';
    o->jackknife = bits >> 7;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    chorus_rouge_options o;
    options_of(data[0], data[1], &o);
    const char *text = (const char *)data + 2, *end = text + (size - 2);
    const char *parts[9];
    size_t lens[9], n = 0;
    while (n < 9) {
        const char *ff = memchr(text, '\f', (size_t)(end - text));
        parts[n] = text;
        lens[n] = (size_t)((ff ? ff : end) - text);
        n++;
        if (!ff) break;
        text = ff + 1;
    }
    size_t out_len = 0;
    char *tokens = chorus_rouge_tokens(&o, parts[0], lens[0], &out_len);
    if (tokens && strlen(tokens) != out_len) abort();
    chorus_free(tokens);
    if (n < 2) return 0;
    chorus_rouge *r = chorus_rouge_new(&o);
    if (!r) return 0;
    chorus_rouge_eval ev = {"E", "P", parts[0], lens[0], parts + 1, lens + 1, n - 1, -1};
    chorus_error err;
    if (chorus_rouge_add(r, &ev, &err) == CHORUS_OK) {
        for (size_t m = 0; m < chorus_rouge_measure_count(r); m++) {
            chorus_rouge_score sc;
            if (chorus_rouge_average(r, 0, m, &sc, &err) != CHORUS_OK) abort();
            if (!(sc.r >= 0 && sc.r <= 1 && sc.p >= 0 && sc.p <= 1 && sc.f >= 0 && sc.f <= 1))
                abort();
        }
        char *report = chorus_rouge_report(r, &out_len);
        chorus_free(report);
    }
    chorus_rouge_free(r);
    return 0;
}
