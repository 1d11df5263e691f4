/* Fuzz target: arbitrary bytes as one batch line (JSON story). */
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_story *st = chorus_story_new();
    if (!st) return 0;
    chorus_error err;
    if (chorus_story_add_json(st, (const char *)data, size, &err) == CHORUS_OK &&
        chorus_story_run(st, NULL, &err) == CHORUS_OK)
        chorus_story_render(st, CHORUS_FORMAT_JSON, NULL);
    char *record = chorus_error_record(chorus_story_id(st), 1, &err);
    chorus_free(record);
    chorus_story_free(st);
    return 0;
}
