/*
 * table.h — lookups in the library's constant, sorted word tables.
 *
 * Stop words, reporting verbs, name lists, demonyms, HTML tag names and
 * ROUGE's tables are each a constant array sorted by byte order whose
 * entries start with their key, a NUL-terminated string: a plain array of
 * strings, or an array of {key, value} structs. table_find looks a counted
 * word (not NUL-terminated) up in such a table by binary search.
 */
#ifndef CHORUS_TABLE_H
#define CHORUS_TABLE_H

#include <stddef.h>
#include <string.h>

/* Byte-order comparison of a NUL-terminated key with the n bytes at w, as
 * strcmp would order the key and w terminated after n bytes. */
static inline int table_compare(const char *key, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)key[i], b = (unsigned char)w[i];
        if (a != b) return a < b ? -1 : 1;
        if (a == 0) return -1; /* w holds a NUL where the key ends */
    }
    return key[n] != 0;
}

/* Index of the entry whose key equals the n bytes at w, or -1. The table
 * has count entries of stride bytes, each starting with a const char *. */
static inline long table_find(const void *table, size_t count, size_t stride, const char *w,
                              size_t n)
{
    const char *base = table;
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *key;
        memcpy(&key, base + mid * stride, sizeof key);
        int c = table_compare(key, w, n);
        if (c == 0) return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The number of entries of a table that is a C array. */
#define TABLE_COUNT(t) (sizeof(t) / sizeof *(t))

#endif
