/*
 * swar.h — eight bytes at a time (SIMD within a register) for the text
 * scanners of segment.c and token.c: every byte of a 64-bit word is tested
 * at once, and the first hit is found with one count of trailing zeros.
 * SWAR is 1 on little-endian machines, where that count names the first
 * byte; elsewhere the scanners take their byte-by-byte paths.
 */
#ifndef CHORUS_SWAR_H
#define CHORUS_SWAR_H

#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#else
#define SWAR 0
#endif
#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGHS 0x8080808080808080ULL

static inline uint64_t swar_load8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* The high bit of the first byte of x equal to c is exact (later bytes may
 * be marked by a borrow, which never matters: only the first is used). */
static inline uint64_t swar_bytes_equal(uint64_t x, unsigned char c)
{
    uint64_t v = x ^ (SWAR_ONES * c);
    return (v - SWAR_ONES) & ~v & SWAR_HIGHS;
}

/* The high bit of every byte of x (all below 0x80) in lo..hi. */
static inline uint64_t swar_bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
    return (x + SWAR_ONES * (0x80 - lo)) & ~(x + SWAR_ONES * (0x7F - hi)) & SWAR_HIGHS;
}

#endif
