/* html.h — HTML articles: the main content as lines of text, and the page's
 * metadata with the source of each value. */
#ifndef CHORUS_HTML_H
#define CHORUS_HTML_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "story.h"

/* Nonzero when the bytes look like an HTML document or fragment. */
int html_detect(const char *s, size_t n);

/* Metadata read from the markup; each value (arena copy) or NULL, with the
 * name of where it was found ("json-ld", "open graph", "meta author", ...). */
typedef struct html_meta {
    const char *title, *title_source;
    const char *site, *site_source; /* the outlet */
    const char *byline, *byline_source;
    const char *date, *date_source; /* YYYY-MM-DD, as the page states it */
    removed_line *removed;          /* blocks left out of the main content, in page order */
    size_t n_removed;
} html_meta;

/* Appends the page's main content to out, one line per block (headings,
 * paragraphs, list items in document order), and fills *meta (with the
 * blocks left out and why). Pages where
 * no main content stands out give their whole visible body, chrome elements
 * left out. Never fails: unparsable bytes give no lines. */
void html_extract(const char *s, size_t n, buf *out, arena *a, html_meta *meta);

#endif
