/* lexicon.h — words and their stems, kept across stories (lexicon.c). */
#ifndef CHORUS_LEXICON_H
#define CHORUS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

struct sb_stemmer;

#define LEX_KEY_BYTES 16 /* words up to this long are looked up by value */
#define LEX_TERM_MAX_BYTES 128

/* A short word, lower-cased and zero-padded, with its hash; or, with len
 * LEX_LONG, a longer one: a is its offset among the pending bytes, b its
 * length. */
typedef struct lex_key {
    uint64_t a, b, hash;
    uint32_t len;
} lex_key;

#define LEX_LONG UINT32_MAX

/* Tokens whose terms are not looked up yet (token.c): their keys, the
 * bytes of the long ones, and where each sentence's keys end. */
typedef struct lex_pending {
    buf keys;       /* lex_key, one per token from first_token on */
    buf long_bytes; /* the lower-cased bytes of long words */
    buf ends;       /* size_t: the key count at the end of each sentence */
    size_t first_token;
} lex_pending;

/* One slot of the index of short words: the word's bytes inline, its
 * stem, classes and text, and the term the current run gave it, so that a
 * word seen before costs one probe of one cache line. */
typedef struct lex_slot {
    uint64_t a, b;      /* the word's bytes, zero-padded; a == 0: an empty slot
                           (a word's first byte is never NUL) */
    uint32_t stamp;     /* the run that last gave it a term */
    uint32_t term;      /* that run's term id */
    uint32_t stem : 24; /* id in stems (fewer than CHORUS_LEXICON_MAX_WORDS) */
    uint32_t len : 5;
    uint32_t is_word : 1, is_stop : 1, unused : 1;
    uint32_t text; /* the word, NUL-terminated, in the text pool */
} lex_slot;

/* The text pool grows by chunks of 64 KiB, or of one 2 MiB huge page in a
 * lexicon made for many stories (a fresh 4 KiB page per 4 KiB of new words
 * costs a fault each). A word's handle: (chunk << chunk bits) | offset. */
#define LEX_POOL_CHUNK_BITS 16
#define LEX_POOL_HUGE_CHUNK_BITS 21

/* A word longer than a key. */
typedef struct lex_word {
    const char *lower;    /* in the lexicon's arena */
    uint32_t stem;        /* id in stems */
    uint32_t stamp, term; /* as in lex_slot */
    uint8_t is_word, is_stop;
} lex_word;

/* A stem of up to LEX_KEY_BYTES bytes in the stems' index: its bytes
 * inline, as a short word's (id_plus_one 0: an empty slot). */
typedef struct lex_stem_slot {
    uint64_t a, b;
    uint32_t id_plus_one; /* 1 + its id in stems */
    uint32_t len;
} lex_stem_slot;

typedef struct lex_stem {
    uint32_t stamp; /* the run that last gave it an id */
    uint32_t id;    /* that run's stem id */
} lex_stem;

#define LEX_SPARES 3 /* a story's tokens, sentences and terms */

struct chorus_lexicon {
    size_t max_words;
    int full;        /* max_words reached: nothing is added any more */
    int many;        /* sized for many words: new words are added a run at a time */
    arena arena;     /* the bytes of words and stems */
    lex_slot *slots; /* short words, open addressing */
    char **chunks;   /* the text pool of short words: handle (chunk << 16) | offset */
    size_t n_chunks, chunk_used;
    unsigned chunk_bits; /* LEX_POOL_CHUNK_BITS or LEX_POOL_HUGE_CHUNK_BITS */
    unsigned bits;
    size_t n_short;
    map long_words;            /* words longer than a key -> id in words */
    buf words;                 /* lex_word */
    size_t n_words;            /* short and long */
    lex_stem_slot *stem_slots; /* short stems, open addressing */
    unsigned stem_bits;
    size_t n_short_stems;
    map stem_ids;                     /* longer stems -> id in stems */
    buf stems;                        /* lex_stem */
    struct sb_stemmer *stemmer;       /* UTF-8 */
    struct sb_stemmer *ascii_stemmer; /* the same algorithm on Latin-1, for ASCII words */
    char stem[LEX_TERM_MAX_BYTES];    /* stem_english's output */
    size_t stemmed;                   /* calls of the stemmer */
    uint32_t stamp;                   /* the current run */
    chorus_story *story;              /* the story of the current run */
    lex_pending pending;
    uint64_t *classes; /* scratch for token_scan's byte classes */
    size_t classes_cap;
    buf spare[LEX_SPARES]; /* finished stories' vectors, for the next story */
};

/* A lexicon whose index starts sized for text_bytes of text. */
chorus_lexicon *lexicon_new(size_t max_words, size_t text_bytes);
/* Starts the segment stage of a story: terms given from now on belong to
 * st (its term and stem ids count from zero). Returns 0 when out of
 * memory. */
int lexicon_begin(chorus_lexicon *lx, chorus_story *st);
/* A story run with a shared lexicon takes the memory of the vectors a
 * finished story gave back (lexicon_lend, before the segment stage), and
 * gives its own back when freed (lexicon_keep): the lexicon keeps the
 * largest of each, so that a batch does not take fresh pages from the
 * system for every story. */
void lexicon_lend(chorus_lexicon *lx, chorus_story *st);
void lexicon_keep(chorus_lexicon *lx, chorus_story *st);
/* The term id in the current story of the lower-cased word lower[0..n),
 * interning it; -1 when out of memory or past a limit. */
long lexicon_term(chorus_lexicon *lx, const char *lower, size_t n);
/* The same for a short word. */
long lexicon_short_term(chorus_lexicon *lx, const lex_key *k);
/* Room for n 64-bit words (a scratch array owned by the lexicon), or NULL. */
uint64_t *lexicon_bits(chorus_lexicon *lx, size_t n);

/* The index slot where a key hash starts its probe. */
static inline const lex_slot *lexicon_home(const chorus_lexicon *lx, uint64_t hash)
{
    return &lx->slots[hash >> (64 - lx->bits)];
}

/* Sets the terms of the tokens out[a, b) from their keys (the short ones;
 * LEX_LONG keys are skipped). Returns 0 when out of memory or past a
 * limit. */
int lexicon_resolve(chorus_lexicon *lx, token *out, const lex_key *keys, size_t a, size_t b);

/* The hash of a short word's key; its length is implied by the zero
 * padding (a word never holds NUL). */
static inline uint64_t lex_hash(uint64_t a, uint64_t b, size_t n)
{
    (void)n;
    return (a ^ (b * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
}

#endif
