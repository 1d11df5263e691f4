/* arena.h — one bump allocator per story; everything is freed at once. */
#ifndef CHORUS_ARENA_H
#define CHORUS_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t used_total; /* bytes handed out, for the hard limit */
    size_t limit;      /* hard limit on used_total; 0 means the default */
    int failed;        /* set once an allocation failed */
    size_t block;      /* the least size of a block; 0: 64 KiB */
} arena;

#define ARENA_DEFAULT_LIMIT ((size_t)1 << 31) /* 2 GiB per story */

void arena_init(arena *a, size_t limit);
void arena_free(arena *a);
/* Zeroed memory aligned for any type; NULL past the limit or out of memory. */
void *arena_alloc(arena *a, size_t size);
void *arena_alloc_array(arena *a, size_t count, size_t size);
void *arena_memdup(arena *a, const void *p, size_t n);
/* A NUL-terminated copy of n bytes. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);

#endif
