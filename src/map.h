/* map.h — a string-keyed hash map to 32-bit values (keys live in an arena). */
#ifndef CHORUS_MAP_H
#define CHORUS_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct map_slot {
    const char *key; /* NULL: empty slot */
    uint32_t len;
    uint32_t value;
    uint64_t hash;
} map_slot;

typedef struct map {
    map_slot *slots;
    size_t cap, count;
    arena *keys; /* where inserted keys are copied */
    int failed;
} map;

#define MAP_MAX_ENTRIES ((size_t)1 << 26)

void map_init(map *m, arena *keys);
void map_free(map *m);
/* Room for count entries in all, so that the map does not grow before
 * then; 0 when out of memory or past MAP_MAX_ENTRIES. */
int map_reserve(map *m, size_t count);
/* The value stored under key, or NULL. */
uint32_t *map_get(const map *m, const char *key, size_t len);
/* The slot for key, inserted with value when absent (*inserted set to 1).
 * NULL on allocation failure or past MAP_MAX_ENTRIES. */
map_slot *map_upsert(map *m, const char *key, size_t len, uint32_t value, int *inserted);

uint64_t map_hash(const char *key, size_t len);
/* map_hash(key, len), with the slot where key's probe starts prefetched:
 * for map_upsert_hashed a little later. */
uint64_t map_prefetch(const map *m, const char *key, size_t len);
/* map_upsert with the key's hash (map_hash) given. */
map_slot *map_upsert_hashed(map *m, const char *key, size_t len, uint64_t hash, uint32_t value,
                            int *inserted);

#endif
