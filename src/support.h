/* support.h — which articles say what a sentence says. */
#ifndef CHORUS_SUPPORT_H
#define CHORUS_SUPPORT_H

#include "story.h"

/* A number a sentence states: digits x 10^exp, the digits without
 * trailing zeros ("4,200" = 42 x 10^2); year is set for a four-digit year. */
typedef struct support_number {
    uint64_t digits;
    int32_t exp;
    int year;
    uint32_t token; /* id in story->tokens */
} support_number;

/* The sorted, distinct content stems of sentence i (after support_story). */
const uint32_t *support_stems(const chorus_story *st, size_t i, size_t *n);

/* Binary cosine of two sentences' content stems, 0..1. */
double support_similarity(const chorus_story *st, size_t a, size_t b);

/* Appends to out (size_t items) every article whose text reports what
 * sentence i, printed as `printed` (NULL: as it stands), reports: its own
 * article, and each other article holding a sentence close enough in words
 * that states every number the printed form states. Ascending article
 * order. */
void support_sources(const chorus_story *st, size_t i, const char *printed, buf *out);

#endif
