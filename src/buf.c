/*
 * buf.c — growable buffers.
 *
 * Doubling growth with a hard limit per buffer. A write past the limit or a
 * failed allocation marks the buffer failed; callers check once at the end
 * instead of after every write.
 */
#define _DEFAULT_SOURCE /* madvise */
#include "buf.h"

#include <stdint.h>
#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit ? limit : BUF_DEFAULT_LIMIT;
    b->failed = 0;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reset(buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data) b->data[0] = '\0';
}

int buf_reserve(buf *b, size_t extra)
{
    if (b->failed) return 0;
    if (extra > b->limit || b->len + extra + 1 > b->limit) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (cap > b->limit) cap = b->limit;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0';
    return 1;
}

void buf_prefer_huge_pages(buf *b)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)b->data + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)b->data + b->cap) & ~(huge - 1);
    if (b->data && to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)b;
#endif
}

void *huge_alloc(size_t *size)
{
    const size_t huge = (size_t)2 << 20;
    if (*size > SIZE_MAX - huge) return NULL;
    size_t n = (*size + huge - 1) & ~(huge - 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, n ? n : huge)) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, n ? n : huge, MADV_HUGEPAGE);
#endif
    *size = n ? n : huge;
    return p;
}

/* size rounded up to whole huge pages; 0 when that overflows. */
static size_t huge_round(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    return size > SIZE_MAX - 2 * huge ? 0 : (size + huge - 1) & ~(huge - 1);
}

void *table_zalloc(size_t size)
{
    if (size < TABLE_HUGE_MIN) return calloc(1, size ? size : 1);
    /* fresh pages from the system are zero already: no second pass */
    const size_t huge = (size_t)2 << 20;
    size_t n = huge_round(size);
    if (!n) return NULL;
    char *p = mmap(NULL, n + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    char *at = (char *)(((uintptr_t)p + huge - 1) & ~((uintptr_t)huge - 1));
    if (at > p) munmap(p, (size_t)(at - p));
    if (p + huge > at) munmap(at + n, (size_t)(p + huge - at));
#ifdef MADV_HUGEPAGE
    madvise(at, n, MADV_HUGEPAGE);
#endif
    return at;
}

void table_free(void *table, size_t size)
{
    if (!table) return;
    if (size < TABLE_HUGE_MIN)
        free(table);
    else
        munmap(table, huge_round(size));
}

int buf_reserve_table(buf *b, size_t size)
{
    if (b->failed || size <= b->cap) return !b->failed;
    if (size > b->limit) size = b->limit;
    char *p = size < TABLE_HUGE_MIN ? malloc(size) : huge_alloc(&size);
    if (!p) return 0;
    memcpy(p, b->data ? b->data : "", b->data ? b->len + 1 : 1);
    free(b->data);
    b->data = p;
    b->cap = size;
    return 1;
}

void buf_put(buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    buf_put(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        buf_put(b, small, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *buf_detach(buf *b, size_t *len)
{
    if (!buf_reserve(b, 0)) return NULL;
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void *vec_push(buf *b, size_t item_size)
{
    if (!buf_reserve(b, item_size)) return NULL;
    void *p = b->data + b->len;
    memset(p, 0, item_size);
    b->len += item_size;
    return p;
}
