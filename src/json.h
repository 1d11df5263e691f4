/* json.h — a small JSON writer with a fixed key order (the caller's). */
#ifndef CHORUS_JSON_H
#define CHORUS_JSON_H

#include <stddef.h>

#include "buf.h"

/* Appends s (n bytes of UTF-8) as a JSON string literal, quotes included. */
void json_string(buf *out, const char *s, size_t n);
void json_cstr(buf *out, const char *s); /* NULL prints null */
/* Appends `"key": ` preceded by ", " unless first is set (then clears it). */
void json_key(buf *out, const char *key, int *first);

#endif
