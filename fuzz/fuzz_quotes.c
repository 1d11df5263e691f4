/* Fuzz target: arbitrary bytes as three articles of one story, read back
 * through every accessor of the quote and entity layers and their JSON. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "chorus.h"

static void read_layers(chorus_story *st)
{
    for (size_t i = 0; i < chorus_story_quote_count(st); i++) {
        chorus_quote_info q;
        chorus_story_quote(st, i, &q);
        for (size_t k = 0; k < q.mention_count; k++) {
            chorus_quote_mention m;
            chorus_story_quote_mention(st, i, k, &m);
            chorus_article_info a;
            if (!chorus_story_article(st, m.article, &a) || m.end > a.text_len ||
                m.speaker_end > a.text_len || strlen(m.text) > a.text_len + 1)
                __builtin_trap();
        }
    }
    for (size_t i = 0; i < chorus_story_entity_count(st); i++) {
        chorus_entity_info e;
        chorus_story_entity(st, i, &e);
        for (size_t k = 0; k < e.mention_count; k++) {
            chorus_mention_info m;
            chorus_article_info a;
            if (!chorus_story_entity_mention(st, i, k, &m) ||
                !chorus_story_article(st, m.article, &a) || m.start >= m.end || m.end > a.text_len)
                __builtin_trap();
        }
    }
    chorus_story_render(st, CHORUS_FORMAT_QUOTES_JSON, NULL);
    chorus_story_render(st, CHORUS_FORMAT_ENTITIES_JSON, NULL);
    chorus_story_render(st, CHORUS_FORMAT_JSON, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t third = size / 3;
    chorus_story *st = chorus_story_new();
    if (!st) return 0;
    chorus_error err;
    chorus_story_add_text(st, "a", (const char *)data, third, &err);
    chorus_story_add_text(st, "b", (const char *)data + third, third, &err);
    chorus_story_add_text(st, "c", (const char *)data + 2 * third, size - 2 * third, &err);
    if (chorus_story_run(st, NULL, &err) == CHORUS_OK) read_layers(st);
    chorus_story_free(st);
    return 0;
}
