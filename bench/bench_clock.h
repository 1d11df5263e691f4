/* bench_clock.h — what segment_tool.c and icu_sbd.c time with: a monotonic
 * clock, and a first touch of the input before the clock starts. */
#ifndef CHORUS_BENCH_CLOCK_H
#define CHORUS_BENCH_CLOCK_H

#include <stddef.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Reads one byte of every page of s[0..n). On virtual machines the first
 * access to each page of a freshly read file costs microseconds (a page
 * table fault the kernel's copy did not take), which is no part of either
 * breaker's work and which a batch reusing its buffers never pays. */
static size_t touch_pages(const char *s, size_t n)
{
    size_t sum = 0;
    for (size_t i = 0; i < n; i += 4096)
        sum += (unsigned char)((volatile const char *)s)[i];
    return sum;
}

#endif
