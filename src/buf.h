/* buf.h — growable byte buffers and typed vectors with a hard size limit. */
#ifndef CHORUS_BUF_H
#define CHORUS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_DEFAULT_LIMIT ((size_t)1 << 30) /* 1 GiB */

typedef struct buf {
    char *data; /* NUL-terminated while failed == 0 */
    size_t len, cap, limit;
    int failed; /* set once a write did not fit; later writes are dropped */
} buf;

void buf_init(buf *b, size_t limit);
void buf_free(buf *b);
void buf_reset(buf *b);
int buf_reserve(buf *b, size_t extra);
/* buf_reserve, with the common case (room enough already) inline. */
static inline int buf_room(buf *b, size_t extra)
{
    return (!b->failed && b->cap - b->len > extra) || buf_reserve(b, extra);
}
/* Asks the system to back the buffer's reserved memory with huge pages
 * where it can (a hint for buffers of many megabytes written once, which
 * would otherwise take a page fault every 4 KiB). */
void buf_prefer_huge_pages(buf *b);
/* size zeroed bytes for a hash table, freed with table_free(table, size);
 * NULL when out of memory. From TABLE_HUGE_MIN up the table is mapped
 * from the system (zero already), rounded up to whole 2 MiB pages,
 * aligned, and the system is asked for huge pages: a table written all
 * over would otherwise take a page fault every 4 KiB. */
#define TABLE_HUGE_MIN ((size_t)256 << 10)
void *table_zalloc(size_t size);
void table_free(void *table, size_t size);
/* *size bytes or more (*size is rounded up to whole 2 MiB pages and set),
 * aligned, not zeroed, with huge pages asked for; freed with free(). */
void *huge_alloc(size_t *size);
/* Gives the buffer a capacity of size bytes at once (huge pages from
 * TABLE_HUGE_MIN up): for a vector known to grow that large. 0 when out
 * of memory. */
int buf_reserve_table(buf *b, size_t size);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (malloc'd, NUL-terminated). */
char *buf_detach(buf *b, size_t *len);

/* A vector of fixed-size items in a buf: vec_push returns the new zeroed
 * item or NULL when the limit is reached. */
void *vec_push(buf *b, size_t item_size);
#define VEC_COUNT(b, type) ((b)->len / sizeof(type))
#define VEC_AT(b, type, i) (((type *)(void *)(b)->data)[i])

#endif
