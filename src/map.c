/*
 * map.c — open-addressing hash map from byte strings to uint32 values.
 *
 * Linear probing over a power-of-two table kept at most half full; xxHash3
 * hashes the keys. Keys are copied into the caller's arena on insert, so the
 * map itself only owns its slot array. No deletion: a story only adds.
 */
#include "map.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

uint64_t map_hash(const char *key, size_t len)
{
    return XXH3_64bits(key, len);
}

void map_init(map *m, arena *keys)
{
    m->slots = NULL;
    m->cap = m->count = 0;
    m->keys = keys;
    m->failed = 0;
}

void map_free(map *m)
{
    table_free(m->slots, m->cap * sizeof *m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

static map_slot *map_find(const map *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        map_slot *s = &m->slots[i];
        if (!s->key) return s;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) return s;
    }
}

/* Moves the entries to a table of cap slots (a power of two). */
static int map_resize(map *m, size_t cap)
{
    map_slot *slots = table_zalloc(cap * sizeof *slots);
    if (!slots) return 0;
    map old = *m;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.slots[i].key) continue;
        *map_find(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
    }
    table_free(old.slots, old.cap * sizeof *old.slots);
    return 1;
}

static int map_grow(map *m)
{
    return map_resize(m, m->cap ? m->cap * 2 : 256);
}

int map_reserve(map *m, size_t count)
{
    if (count > MAP_MAX_ENTRIES) return 0;
    size_t cap = m->cap ? m->cap : 256;
    while (cap < 2 * count)
        cap *= 2;
    return cap == m->cap || map_resize(m, cap);
}

uint32_t *map_get(const map *m, const char *key, size_t len)
{
    if (!m->cap) return NULL;
    map_slot *s = map_find(m, key, len, map_hash(key, len));
    return s->key ? &s->value : NULL;
}

uint64_t map_prefetch(const map *m, const char *key, size_t len)
{
    uint64_t h = map_hash(key, len);
    if (m->cap) __builtin_prefetch(&m->slots[(size_t)h & (m->cap - 1)]);
    return h;
}

map_slot *map_upsert(map *m, const char *key, size_t len, uint32_t value, int *inserted)
{
    return map_upsert_hashed(m, key, len, map_hash(key, len), value, inserted);
}

map_slot *map_upsert_hashed(map *m, const char *key, size_t len, uint64_t h, uint32_t value,
                            int *inserted)
{
    if (inserted) *inserted = 0;
    if ((m->count + 1) * 2 > m->cap) {
        if (m->count >= MAP_MAX_ENTRIES || !map_grow(m)) {
            m->failed = 1;
            return NULL;
        }
    }
    map_slot *s = map_find(m, key, len, h);
    if (s->key) return s;
    char *copy = arena_strndup(m->keys, key, len);
    if (!copy) {
        m->failed = 1;
        return NULL;
    }
    s->key = copy;
    s->len = (uint32_t)len;
    s->hash = h;
    s->value = value;
    m->count++;
    if (inserted) *inserted = 1;
    return s;
}
