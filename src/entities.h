/* entities.h — the entity and quote layers of the analyze stage. */
#ifndef CHORUS_ENTITIES_H
#define CHORUS_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

typedef enum entity_type { ENT_PER, ENT_ORG, ENT_LOC, ENT_MISC, ENT_TYPE_COUNT } entity_type;

const char *entity_type_name(entity_type t);

/* A word of the generated lists (entity_words.c), lower case. */
enum { WORD_MALE = 1, WORD_FEMALE = 2, WORD_PLACE = 4 };
typedef struct entity_word {
    const char *word;
    unsigned char flags;
} entity_word;
extern const entity_word entity_words[];
extern const size_t entity_word_count;
/* The WORD_* flags of a lower-case word or phrase, 0 when unlisted. */
unsigned entity_word_flags(const char *w, size_t n);
/* Nonzero when every word table of entities.c is in strict byte order. */
int entity_lists_sorted(void);

enum mention_kind { MENTION_NAME, MENTION_ROLE };

typedef struct mention {
    uint32_t article, sentence;
    span span;            /* the name, titles and possessive left out */
    uint32_t title_start; /* where a title right before it starts ("Mr. X"), else span.start */
    uint32_t first_token, n_tokens;
    uint32_t entity; /* id in story->entities */
    uint16_t votes[ENT_TYPE_COUNT];
    uint8_t kind;     /* mention_kind */
    uint8_t titled;   /* a title or honorific came before it */
    uint8_t guessed;  /* its votes are the no-evidence default (vote_context) */
    const char *key;  /* compact lower-case key (letters and digits) */
    const char *role; /* "country|role" it was described with, or NULL */
} mention;

typedef struct entity {
    const char *name; /* the fullest form */
    entity_type type;
    const char **aliases; /* distinct surface forms, in order of first mention */
    size_t n_aliases;
    uint32_t *mentions; /* ids in story->mentions, in text order */
    size_t n_mentions;
    size_t *articles; /* article indices, ascending */
    size_t n_articles;
    uint8_t gender; /* WORD_MALE, WORD_FEMALE or 0 */
} entity;

typedef struct quote {
    uint32_t article;
    span span;                /* the content, marks excluded (may cross paragraphs) */
    const char *text;         /* the content as printed: marks of continued paragraphs dropped */
    span speaker;             /* in the same article; start == end when unknown */
    const char *speaker_text; /* the speaker as written, or "" */
    int32_t entity;           /* the speaker's entity, or -1 */
    const char *cue;          /* the reporting verb as written, or "" */
    const char *how;          /* the attribution pattern */
    uint32_t depth;           /* 0, or 1 for a quote inside another quote */
    uint32_t entry;           /* its ledger entry */
} quote;

typedef struct quote_entry {
    uint32_t *quotes; /* ids in story->quotes, in story order */
    size_t n_quotes;
    uint32_t best;  /* the quote whose text stands for the entry */
    int32_t entity; /* the speaker entity, or -1 */
    size_t *articles;
    size_t n_articles;
} quote_entry;

typedef struct analysis {
    mention *mentions;
    size_t n_mentions;
    entity *entities;
    size_t n_entities;
    quote *quotes;
    size_t n_quotes;
    quote_entry *entries;
    size_t n_entries;
    /* caches of the entity stage: per token its capital shape + 1, per term
     * its word-list bits (entities.c); 0 when not yet computed */
    uint8_t *token_shape;
    uint32_t *term_bits;
} analysis;

/* Stages: entities first, quotes read them. */
chorus_status entities_story(chorus_story *st, chorus_error *err);
chorus_status quotes_story(chorus_story *st, chorus_error *err);

/* The entity a mention of [start, end) in article a belongs to, or -1. */
int32_t entity_at(const chorus_story *st, uint32_t ai, uint32_t start, uint32_t end);
#endif
