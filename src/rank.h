/* rank.h — classic sentence rankers (lead, centroid, LexRank, TextRank). */
#ifndef CHORUS_RANK_H
#define CHORUS_RANK_H

#include "story.h"

#define RANK_MAX_SENTENCES 1500

/* Scores the n sentences ids[] of the story by method m into score[]
 * (higher is better). Working memory comes from scratch. Returns 0 when
 * memory ran out. */
int rank_sentences(const chorus_story *st, chorus_method m, const uint32_t *ids, size_t n,
                   double *score, arena *scratch);

#endif
