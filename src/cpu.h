/* cpu.h — the wide byte scans the processor runs, chosen at run time.
 * segment.c and token.c have a scan 64 bytes at a time for AVX-512 with
 * VBMI (table lookups of 64 bytes), one 32 at a time for AVX2, and a
 * portable one for the rest; unit tests hold each to the portable one. */
#ifndef CHORUS_CPU_H
#define CHORUS_CPU_H

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CPU_WIDE_SCANS 1

static inline int cpu_avx512_vbmi(void)
{
    return __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw");
}

static inline int cpu_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#endif

#endif
