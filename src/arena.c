/*
 * arena.c — the story's memory.
 *
 * A singly linked list of blocks, each at least 64 KiB (or the arena's
 * block size; blocks of that size from TABLE_HUGE_MIN up are whole huge
 * pages); allocations are bumped from the newest block and never freed one
 * by one. A request larger than a block gets a block of its own. A hard limit on the bytes handed
 * out turns runaway input into CHORUS_E_LIMIT instead of exhausting the machine.
 */
#include "arena.h"

#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN ((size_t)16)

struct arena_block {
    arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void arena_init(arena *a, size_t limit)
{
    a->head = NULL;
    a->used_total = 0;
    a->limit = limit ? limit : ARENA_DEFAULT_LIMIT;
    a->failed = 0;
    a->block = 0;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

static arena_block *arena_new_block(arena *a, size_t need)
{
    size_t least = a->block ? a->block : ARENA_BLOCK_MIN;
    size_t size = need > least ? need : least, bytes = sizeof(arena_block) + size;
    /* a block of the arena's own size from TABLE_HUGE_MIN up: huge pages */
    arena_block *b = size == least && size >= TABLE_HUGE_MIN ? huge_alloc(&bytes) : malloc(bytes);
    if (!b) return NULL;
    b->size = bytes - sizeof *b;
    b->used = 0;
    if (a->head && need > least) {
        /* a large block goes behind the head so the head keeps filling */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

/* size bytes from the newest block, not zeroed. */
static void *arena_bump(arena *a, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (rounded < size || a->used_total + rounded > a->limit) {
        a->failed = 1;
        return NULL;
    }
    arena_block *b = a->head;
    if (!b || b->size - b->used < rounded) {
        b = arena_new_block(a, rounded);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
    }
    void *p = b->data + b->used;
    b->used += rounded;
    a->used_total += rounded;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_bump(a, size);
    if (p) memset(p, 0, size);
    return p;
}

void *arena_alloc_array(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed = 1;
        return NULL;
    }
    size_t total = count * size;
    return arena_alloc(a, total ? total : 1);
}

void *arena_memdup(arena *a, const void *p, size_t n)
{
    void *q = arena_bump(a, n ? n : 1);
    if (!q) return NULL;
    if (n)
        memcpy(q, p, n);
    else
        *(char *)q = 0;
    return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *q = arena_bump(a, n + 1);
    if (!q) return NULL;
    memcpy(q, s, n);
    q[n] = '\0';
    return q;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
