/* stages_wip.c — placeholder bodies while the stages are written. */
#include "story.h"
chorus_status clean_story(chorus_story *st, chorus_error *err) { (void)st; (void)err; return CHORUS_OK; }
chorus_status segment_story(chorus_story *st, chorus_error *err) { (void)st; (void)err; return CHORUS_OK; }
chorus_status support_story(chorus_story *st, chorus_error *err) { (void)st; (void)err; return CHORUS_OK; }
chorus_status summarize_story(chorus_story *st, chorus_error *err) { (void)st; (void)err; return CHORUS_OK; }
void render_text(const chorus_story *st, buf *out) { (void)st; (void)out; }
void render_plain(const chorus_story *st, buf *out) { (void)st; (void)out; }
void render_json(const chorus_story *st, buf *out) { (void)st; (void)out; }
void render_clean_text(const chorus_story *st, buf *out) { (void)st; (void)out; }
void render_clean_json(const chorus_story *st, buf *out) { (void)st; (void)out; }
const char *removal_reason_name(removal_reason r) { (void)r; return ""; }
