/* utf8.h — byte classification, repair and normalization of article text. */
#ifndef CHORUS_UTF8_H
#define CHORUS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Nonzero when the bytes are not text: a NUL byte, or more than 1 in 10
 * bytes being C0 control characters other than tab, newline, CR, FF. The
 * offset of the first offending byte goes to *where. */
int utf8_is_binary(const char *s, size_t n, size_t *where);

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length,
 * or 0 when the bytes there are not valid UTF-8 (overlong, surrogate, cut). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Appends the UTF-8 form of cp. */
void utf8_put(buf *out, uint32_t cp);

/* Whitespace-separated words of s[0..n), as ROUGE counts them. */
size_t text_count_words(const char *s, size_t n);

/* Nonzero when w[0..n) is one of the words of list (NULL-terminated), in
 * any ASCII case when any_case is set. */
int text_word_listed(const char *const *list, const char *w, size_t n, int any_case);

/* Appends the normalized text of s to out: invalid sequences read as
 * Windows-1252, UTF-8 that was decoded as Windows-1252 once (â€™) repaired,
 * CRLF and CR made LF, no-break and other Unicode spaces made a space,
 * zero-width characters and a byte-order mark dropped, C0 controls other
 * than tab and newline dropped. */
void utf8_normalize(buf *out, const char *s, size_t n);

#endif
