/* compress.h — deleting what carries no facts from a summary sentence. */
#ifndef CHORUS_COMPRESS_H
#define CHORUS_COMPRESS_H

#include <stddef.h>

/* Writes the compressed form of s[0..n) to out (room for n bytes) and
 * returns its length; out may equal neither s nor overlap it. The result is
 * never longer than the input. */
size_t compress_sentence(const char *s, size_t n, char *out);

#endif
