/* stem_english.h — the Snowball English stemmer for ASCII words
 * (stem_english.c). */
#ifndef CHORUS_STEM_ENGLISH_H
#define CHORUS_STEM_ENGLISH_H

#include <stddef.h>

#define STEM_MAX_BYTES 64

/* Writes the stem of s[0..n) to out (room for n bytes) and returns its
 * length, which libstemmer's English stemmer gives too; 0 when s holds a
 * capital, a space or control byte or a byte beyond ASCII, or is empty or
 * longer than STEM_MAX_BYTES (libstemmer's case). */
size_t stem_english(const char *s, size_t n, char *out);

/* Whether the letter sets and length bounds the steps test first match
 * their suffix lists, for the tests. */
int stem_english_lists_ok(void);

#endif
