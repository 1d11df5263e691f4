/* Fuzz target: arbitrary bytes as an HTML page, through the extractor
 * (parsing, scoring, metadata) and, as an article, the whole pipeline. */
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf text;
    arena a;
    html_meta meta;
    buf_init(&text, (size_t)1 << 26);
    arena_init(&a, 0);
    html_extract((const char *)data, size, &text, &a, &meta);
    buf_free(&text);
    arena_free(&a);

    chorus_story *st = chorus_story_new();
    if (!st) return 0;
    chorus_error err;
    chorus_story_add_text(st, "page.html", (const char *)data, size, &err);
    if (chorus_story_run(st, NULL, &err) == CHORUS_OK) {
        chorus_story_render(st, CHORUS_FORMAT_CLEAN_JSON, NULL);
        chorus_story_render(st, CHORUS_FORMAT_JSON, NULL);
    }
    chorus_story_free(st);
    return 0;
}
