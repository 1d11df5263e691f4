/* Fuzz target: arbitrary bytes as two articles of one story, through the
 * whole pipeline (ingest, clean, segment, summarize) and every renderer. */
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t half = size / 2;
    chorus_story *st = chorus_story_new();
    if (!st) return 0;
    chorus_error err;
    chorus_story_add_text(st, "a", (const char *)data, half, &err);
    chorus_story_add_text(st, "b", (const char *)data + half, size - half, &err);
    chorus_options opts;
    chorus_options_init(&opts);
    opts.max_words = size % 7 == 0 ? 0 : 20 + (unsigned)(size % 80);
    if (chorus_story_run(st, &opts, &err) == CHORUS_OK) {
        for (int f = CHORUS_FORMAT_TEXT; f <= CHORUS_FORMAT_ENTITIES_JSON; f++)
            chorus_story_render(st, (chorus_format)f, NULL);
    }
    chorus_story_free(st);
    return 0;
}
