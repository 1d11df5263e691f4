/* introduce.h — people in a summary: by full name first, then by surname. */
#ifndef CHORUS_INTRODUCE_H
#define CHORUS_INTRODUCE_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

/* What the summary's budget still allows (SIZE_MAX: no limit). */
typedef struct name_room {
    size_t words, bytes;
} name_room;

/* The printed text of summary sentence sent (a story sentence id), with the first mention
 * of each person not yet introduced (one byte per entity in introduced)
 * written as the person's full name when room allows; room shrinks by what
 * is added. Returns text itself when nothing changes, an arena copy
 * otherwise, NULL when out of memory. */
const char *introduce_people(chorus_story *st, uint32_t sent, const char *text, uint8_t *introduced,
                             name_room *room);

/* The printed text of summary sentence sent with each mention of a person
 * already introduced (their byte in introduced set) written as the
 * surname alone, where that reads right (introduce.c says when). Returns
 * text itself when nothing changes, an arena copy otherwise, NULL when out
 * of memory. */
const char *name_people_again(chorus_story *st, uint32_t sent, const char *text,
                              const uint8_t *introduced);

#endif
