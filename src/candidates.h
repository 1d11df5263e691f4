/* candidates.h — which sentences may stand in a summary (candidates.c). */
#ifndef CHORUS_CANDIDATES_H
#define CHORUS_CANDIDATES_H

#include "story.h"

/* Nonzero when s may be a summary sentence: complete, of min_words to
 * max_words words, no label, and a quotation only with its speaker. */
int candidate_eligible(const chorus_story *st, const sentence *s, uint32_t min_words,
                       uint32_t max_words);

/* Nonzero when the page speaks to its reader in s ("Sign up for our
 * newsletter."): never a summary sentence. */
int candidate_speaks_to_reader(const chorus_story *st, const sentence *s);

/* Nonzero when text[0..n) ends in a question mark (closing quotes and
 * brackets aside): a question asks, where a summary reports. */
int candidate_asks(const char *text, size_t n);

/* Nonzero when s, printed as `printed` of `words` words, points back to
 * what the sentence before it in its article says. */
int candidate_points_back(const chorus_story *st, const sentence *s, const char *printed,
                          uint32_t words);

#endif
