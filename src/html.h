/* html.h — HTML articles flattened to lines of text. */
#ifndef CHORUS_HTML_H
#define CHORUS_HTML_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Nonzero when the bytes look like an HTML document or fragment. */
int html_detect(const char *s, size_t n);

/* Appends the document's text to out: one line per block element, script,
 * style, navigation, header, footer, aside, form and similar chrome left
 * out. *title receives the <title> text (arena copy) or NULL. */
void html_flatten(const char *s, size_t n, buf *out, arena *a, const char **title);

#endif
