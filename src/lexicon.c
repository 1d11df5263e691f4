/*
 * lexicon.c — the lexicon: every distinct lower-cased word seen so far,
 * with its Snowball English stem (stem_english.c for ASCII words,
 * libstemmer for the others) and its classes (has a letter, is a
 * function word), kept across the stories that share it so that each word
 * is classified and stemmed once, not once per story.
 *
 * A story numbers its terms and stems from zero in order of first use,
 * with or without a lexicon: each word and stem carries a stamp naming the
 * run (one segment stage) that last numbered it, and that run's id, so a
 * new run starts by incrementing the stamp instead of clearing anything.
 * Words of up to 16 bytes (nearly all) live in an open-addressing index
 * whose slots hold the word's bytes inline, so a lookup is one hash and
 * one probe; longer ones go through a map. Stems likewise: those of up to
 * 16 bytes in an index of their own, longer ones in a map. Batches of
 * keys are looked up in runs of PROBE_RUN, their slots prefetched when the
 * keys were made: each word found is numbered at once, without branching
 * on whether the story used it before (as good as random), and the
 * records of the new terms are written after the run, their stems'
 * entries prefetched together. From a word the lexicon lacks on, the run
 * gives each word it lacks the next term id where it first comes, then
 * stems those words and adds them together (so that their misses in the
 * stems' index overlap); a lexicon that cannot be sure to take them all
 * (near full, or not made for many stories) finds the slots of the run
 * first and numbers it in a second pass.
 *
 * Function words, numbers, addresses and words of two bytes are their own
 * stem.
 *
 * Memory: a lexicon made for many stories (chorus_lexicon_new) starts
 * with its indexes and stem vector sized for a batch, in huge pages (a
 * fresh 4 KiB page costs a fault, and on some virtual machines far more),
 * and lends the vectors of freed stories to the next ones.
 *
 * Limits: at most max_words words. Once full, the lexicon stops growing and
 * a word it lacks is stemmed by the story itself (its own maps, freed with
 * it), giving the same term and stem ids as an unlimited lexicon would.
 * One thread at a time: a run writes the stamps.
 */
#include "lexicon.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "stem_english.h"

#define INDEX_MIN_BITS 8
#define INDEX_START_BITS 16 /* the most an index starts with: one huge page */
#define INDEX_MAX_BITS 26

/* A zeroed index of 2^bits slots (from TABLE_HUGE_MIN up in huge pages,
 * so that a lookup rarely misses the TLB). */
static int index_alloc(chorus_lexicon *lx, unsigned bits)
{
    lx->bits = bits;
    lx->slots = table_zalloc(((size_t)1 << bits) * sizeof *lx->slots);
    return lx->slots != NULL;
}

/* A zeroed stems' index of 2^bits slots. */
static int stem_index_alloc(chorus_lexicon *lx, unsigned bits)
{
    lx->stem_bits = bits;
    lx->stem_slots = table_zalloc(((size_t)1 << bits) * sizeof *lx->stem_slots);
    return lx->stem_slots != NULL;
}

chorus_lexicon *lexicon_new(size_t max_words, size_t text_bytes)
{
    if (max_words > CHORUS_LEXICON_MAX_WORDS) return NULL;
    chorus_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) return NULL;
    lx->max_words = max_words ? max_words : CHORUS_LEXICON_DEFAULT_WORDS;
    arena_init(&lx->arena, lx->max_words * 2 * (LEX_TERM_MAX_BYTES + 16));
    map_init(&lx->long_words, &lx->arena);
    map_init(&lx->stem_ids, &lx->arena);
    buf_init(&lx->words, 0);
    buf_init(&lx->stems, 0);
    buf_init(&lx->pending.keys, (size_t)1 << 31); /* a sentence of 64 MiB */
    buf_init(&lx->pending.long_bytes, 0);
    buf_init(&lx->pending.ends, 0);
    for (size_t i = 0; i < LEX_SPARES; i++)
        buf_init(&lx->spare[i], 0);
    unsigned bits = INDEX_MIN_BITS;
    /* a slot per 8 bytes of text, no more than max_words fill to 70% */
    while (bits < INDEX_START_BITS && ((size_t)1 << bits) * 8 < text_bytes &&
           ((size_t)7 << bits) / 10 < lx->max_words)
        bits++;
    /* sized for many words: the stems' map and vector are sized at once too,
     * the arena of stems takes huge pages */
    int many = lx->many = bits == INDEX_START_BITS;
    lx->stemmer = sb_stemmer_new("english", "UTF_8");
    lx->ascii_stemmer = sb_stemmer_new("english", "ISO_8859_1");
    if (many) lx->arena.block = ((size_t)2 << 20) - 64; /* one huge page a block */
    lx->chunk_bits = many ? LEX_POOL_HUGE_CHUNK_BITS : LEX_POOL_CHUNK_BITS;
    if (!index_alloc(lx, bits) || !stem_index_alloc(lx, bits) || !lx->stemmer ||
        !lx->ascii_stemmer || (many && !buf_reserve_table(&lx->stems, (size_t)2 << 20))) {
        chorus_lexicon_free(lx);
        return NULL;
    }
    return lx;
}

chorus_lexicon *chorus_lexicon_new(size_t max_words)
{
    return lexicon_new(max_words, SIZE_MAX); /* for many stories: as for a large text */
}

void chorus_lexicon_free(chorus_lexicon *lx)
{
    if (!lx) return;
    if (lx->stemmer) sb_stemmer_delete(lx->stemmer);
    if (lx->ascii_stemmer) sb_stemmer_delete(lx->ascii_stemmer);
    table_free(lx->slots, ((size_t)1 << lx->bits) * sizeof *lx->slots);
    table_free(lx->stem_slots, ((size_t)1 << lx->stem_bits) * sizeof *lx->stem_slots);
    for (size_t i = 0; i < lx->n_chunks; i++)
        free(lx->chunks[i]);
    free(lx->chunks);
    buf_free(&lx->pending.keys);
    buf_free(&lx->pending.long_bytes);
    buf_free(&lx->pending.ends);
    free(lx->classes);
    map_free(&lx->long_words);
    map_free(&lx->stem_ids);
    buf_free(&lx->words);
    buf_free(&lx->stems);
    for (size_t i = 0; i < LEX_SPARES; i++)
        buf_free(&lx->spare[i]);
    arena_free(&lx->arena);
    free(lx);
}

void chorus_lexicon_stats(const chorus_lexicon *lx, chorus_lexicon_info *out)
{
    *out = (chorus_lexicon_info){
        .words = lx->n_words,
        .stems = VEC_COUNT(&lx->stems, lex_stem),
        .max_words = lx->max_words,
        .stemmed = lx->stemmed,
        .full = lx->full,
    };
}

/* Forgets every run's numbering (when the stamp wraps around). */
static void clear_stamps(chorus_lexicon *lx)
{
    for (size_t i = 0; i < ((size_t)1 << lx->bits); i++)
        lx->slots[i].stamp = 0;
    for (size_t i = 0; i < VEC_COUNT(&lx->words, lex_word); i++)
        VEC_AT(&lx->words, lex_word, i).stamp = 0;
    for (size_t i = 0; i < VEC_COUNT(&lx->stems, lex_stem); i++)
        VEC_AT(&lx->stems, lex_stem, i).stamp = 0;
}

int lexicon_begin(chorus_lexicon *lx, chorus_story *st)
{
    if (++lx->stamp == 0) {
        clear_stamps(lx);
        lx->stamp = 1;
    }
    lx->story = st;
    buf_reset(&lx->pending.keys);
    buf_reset(&lx->pending.long_bytes);
    buf_reset(&lx->pending.ends);
    lx->pending.first_token = 0;
    return 1;
}

/* The story's vectors, in the order of lx->spare. */
static void story_vectors(chorus_story *st, buf *v[LEX_SPARES])
{
    v[0] = &st->token_store;
    v[1] = &st->sentence_store;
    v[2] = &st->terms;
}

void lexicon_lend(chorus_lexicon *lx, chorus_story *st)
{
    buf *v[LEX_SPARES];
    story_vectors(st, v);
    for (size_t i = 0; i < LEX_SPARES; i++) {
        buf *spare = &lx->spare[i];
        if (v[i]->cap || !spare->cap) continue;
        size_t limit = v[i]->limit;
        *v[i] = *spare;
        buf_init(spare, spare->limit);
        v[i]->limit = limit;
        buf_reset(v[i]);
    }
}

void lexicon_keep(chorus_lexicon *lx, chorus_story *st)
{
    buf *v[LEX_SPARES];
    story_vectors(st, v);
    for (size_t i = 0; i < LEX_SPARES; i++) {
        buf *spare = &lx->spare[i];
        if (v[i]->cap > spare->cap) { /* keep the larger, free the other */
            buf t = *spare;
            *spare = *v[i];
            *v[i] = t;
        }
        buf_free(v[i]);
    }
}

uint64_t *lexicon_bits(chorus_lexicon *lx, size_t n)
{
    if (n <= lx->classes_cap) return lx->classes;
    size_t cap = lx->classes_cap ? lx->classes_cap : 64;
    while (cap < n)
        cap *= 2;
    uint64_t *b = realloc(lx->classes, cap * sizeof *b);
    if (!b) return NULL;
    lx->classes = b;
    lx->classes_cap = cap;
    return b;
}

/* ------------------------------------------------------------ stemming */

/* What a word's bytes say of it, one bit each (byte_shape[c] for byte c):
 * it has a letter (ASCII, or any byte from 0x80 up); it holds a byte that
 * keeps it from stemming (of an address or an abbreviation). */
enum { SHAPE_LETTER = 1, SHAPE_UNSTEMMED = 2 };
/* clang-format off */
static const unsigned char byte_shape[256] = {
    ['.'] = SHAPE_UNSTEMMED, ['@'] = SHAPE_UNSTEMMED, ['/'] = SHAPE_UNSTEMMED,
    ['a' ... 'z'] = SHAPE_LETTER, ['A' ... 'Z'] = SHAPE_LETTER, [0x80 ... 0xFF] = SHAPE_LETTER};
/* clang-format on */

static unsigned shape_of(const char *s, size_t n)
{
    unsigned shape = 0;
    for (size_t i = 0; i < n; i++)
        shape |= byte_shape[(unsigned char)s[i]];
    return shape;
}

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] & 0x80) return 0;
    return 1;
}

/* The stem of lower[0..n) in lx->stem or the stemmer's buffer (valid
 * until the next call), its length in *len; NULL when out of memory. A
 * word of printable ASCII without capitals is stemmed by stem_english.c,
 * another ASCII word by the Latin-1 build of libstemmer's algorithm (the
 * same stem without decoding UTF-8), the others by its UTF-8 build. */
static const char *stem_of(chorus_lexicon *lx, const char *lower, size_t n, size_t *len)
{
    lx->stemmed++;
    if ((*len = stem_english(lower, n, lx->stem)) != 0) return lx->stem;
    struct sb_stemmer *sb = is_ascii(lower, n) ? lx->ascii_stemmer : lx->stemmer;
    const sb_symbol *stem = sb_stemmer_stem(sb, (const sb_symbol *)lower, (int)n);
    *len = stem ? (size_t)sb_stemmer_length(sb) : 0;
    return (const char *)stem;
}

/* The classes of a word and its stem (the word itself, or the stemmer's
 * buffer, valid until its next call). */
typedef struct word_facts {
    const char *stem;
    size_t stem_len;
    uint8_t is_word, is_stop;
} word_facts;

static word_facts facts_with_stop(chorus_lexicon *lx, const char *lower, size_t n, int is_stop)
{
    unsigned shape = shape_of(lower, n);
    word_facts f = {lower, n, (uint8_t)(shape & SHAPE_LETTER), (uint8_t)is_stop};
    if (shape == SHAPE_LETTER && !is_stop && n > 2) {
        size_t len;
        const char *stem = stem_of(lx, lower, n, &len);
        if (stem) {
            f.stem = stem;
            f.stem_len = len;
        }
    }
    return f;
}

static word_facts facts_of(chorus_lexicon *lx, const char *lower, size_t n)
{
    return facts_with_stop(lx, lower, n, is_stopword(lower, n));
}

/* facts_of() for the short word of a key, lower its bytes. */
static word_facts key_facts(chorus_lexicon *lx, const lex_key *k, const char *lower)
{
    return facts_with_stop(lx, lower, k->len, is_stopword_key(k->a, k->b, k->len));
}

/* --------------------------------------------------- the story's terms */

/* The current story's id of lexicon stem s. */
static uint32_t story_stem(chorus_lexicon *lx, uint32_t s)
{
    lex_stem *e = &VEC_AT(&lx->stems, lex_stem, s);
    if (e->stamp != lx->stamp) {
        e->stamp = lx->stamp;
        e->id = (uint32_t)lx->story->n_stems++;
    }
    return e->id;
}

/* A new term of the current story; lower stays valid while the story
 * lives. */
static long new_term(chorus_lexicon *lx, const char *lower, uint32_t stem, uint8_t is_word,
                     uint8_t is_stop)
{
    buf *terms = &lx->story->terms;
    if (terms->len + sizeof(term) >= terms->cap && !buf_reserve(terms, sizeof(term))) return -1;
    uint32_t next = (uint32_t)VEC_COUNT(terms, term);
    VEC_AT(terms, term, next) = (term){lower, stem, is_word, is_stop};
    terms->len += sizeof(term);
    return next;
}

/* ------------------------------------------------------- adding words */

/* A short stem as a key: its bytes zero-padded, and their hash. */
typedef struct stem_key {
    uint64_t a, b, hash;
    uint32_t len;
} stem_key;

static stem_key stem_key_of(const char *stem, size_t n)
{
    char bytes[LEX_KEY_BYTES] = {0};
    memcpy(bytes, stem, n);
    stem_key k = {0, 0, 0, (uint32_t)n};
    memcpy(&k.a, bytes, 8);
    memcpy(&k.b, bytes + 8, 8);
    k.hash = lex_hash(k.a, k.b, n);
    return k;
}

/* The slot of a short stem: its own or the empty one where it belongs. */
static lex_stem_slot *stem_find(const chorus_lexicon *lx, const stem_key *k)
{
    size_t mask = ((size_t)1 << lx->stem_bits) - 1;
    for (size_t i = (size_t)(k->hash >> (64 - lx->stem_bits));; i = (i + 1) & mask) {
        lex_stem_slot *s = &lx->stem_slots[i];
        if (!s->id_plus_one || (s->a == k->a && s->b == k->b && s->len == k->len)) return s;
    }
}

/* Doubles the stems' index when one more stem would fill it past 70%. */
static int stem_index_room(chorus_lexicon *lx)
{
    if ((lx->n_short_stems + 1) * 10 <= ((size_t)7 << lx->stem_bits)) return 1;
    if (lx->stem_bits >= INDEX_MAX_BITS) return 0;
    lex_stem_slot *old = lx->stem_slots;
    unsigned old_bits = lx->stem_bits;
    if (!stem_index_alloc(lx, old_bits + 1)) {
        lx->stem_slots = old;
        lx->stem_bits = old_bits;
        return 0;
    }
    for (size_t i = 0; i < ((size_t)1 << old_bits); i++) {
        const lex_stem_slot *o = &old[i];
        if (!o->id_plus_one) continue;
        stem_key k = {o->a, o->b, lex_hash(o->a, o->b, o->len), o->len};
        *stem_find(lx, &k) = *o;
    }
    table_free(old, ((size_t)1 << old_bits) * sizeof *old);
    return 1;
}

/* The lexicon's stem id of a short stem, added when new; -1 when out of
 * memory. */
static long short_stem_id(chorus_lexicon *lx, const stem_key *k)
{
    if (!stem_index_room(lx) || !buf_reserve(&lx->stems, sizeof(lex_stem))) return -1;
    lex_stem_slot *s = stem_find(lx, k);
    if (!s->id_plus_one) {
        *s = (lex_stem_slot){k->a, k->b, (uint32_t)VEC_COUNT(&lx->stems, lex_stem) + 1, k->len};
        vec_push(&lx->stems, sizeof(lex_stem)); /* reserved above */
        lx->n_short_stems++;
    }
    return s->id_plus_one - 1;
}

/* The lexicon's stem id of a word's stem, added when new; -1 when out of
 * memory. */
static long stem_id(chorus_lexicon *lx, const word_facts *f)
{
    if (f->stem_len <= LEX_KEY_BYTES) {
        stem_key k = stem_key_of(f->stem, f->stem_len);
        return short_stem_id(lx, &k);
    }
    if (!buf_reserve(&lx->stems, sizeof(lex_stem))) return -1;
    int inserted;
    map_slot *s = map_upsert(&lx->stem_ids, f->stem, f->stem_len,
                             (uint32_t)VEC_COUNT(&lx->stems, lex_stem), &inserted);
    if (!s) return -1;
    if (inserted) vec_push(&lx->stems, sizeof(lex_stem)); /* reserved above */
    return s->value;
}

/* The lexicon's stem id of a stem, or -1 when it has none. */
static long known_stem(const chorus_lexicon *lx, const char *stem, size_t n)
{
    if (n <= LEX_KEY_BYTES) {
        stem_key k = stem_key_of(stem, n);
        const lex_stem_slot *s = stem_find(lx, &k);
        return s->id_plus_one ? (long)s->id_plus_one - 1 : -1;
    }
    const uint32_t *id = map_get(&lx->stem_ids, stem, n);
    return id ? (long)*id : -1;
}

/* A word the full lexicon lacks, as a term of the story alone: its stem
 * keeps the lexicon's numbering when the lexicon has it. */
static long story_only_term(chorus_lexicon *lx, const char *lower, size_t n)
{
    chorus_story *st = lx->story;
    uint32_t next = (uint32_t)VEC_COUNT(&st->terms, term);
    int inserted;
    map_slot *slot = map_upsert(&st->extra_terms, lower, n, next, &inserted);
    if (!slot) return -1;
    if (!inserted) return slot->value;
    word_facts f = facts_of(lx, lower, n);
    long known = known_stem(lx, f.stem, f.stem_len);
    uint32_t stem;
    lower = slot->key;
    if (known >= 0) {
        stem = story_stem(lx, (uint32_t)known);
    } else {
        map_slot *s =
            map_upsert(&st->extra_stems, f.stem, f.stem_len, (uint32_t)st->n_stems, &inserted);
        if (!s) return -1;
        if (inserted) st->n_stems++;
        stem = s->value;
    }
    return new_term(lx, lower, stem, f.is_word, f.is_stop);
}

static void count_word(chorus_lexicon *lx)
{
    if (++lx->n_words >= lx->max_words) lx->full = 1;
}

/* The slot of a short key: its own or the empty one where it belongs. */
static lex_slot *index_find(const chorus_lexicon *lx, uint64_t a, uint64_t b, uint64_t h)
{
    size_t mask = ((size_t)1 << lx->bits) - 1;
    for (size_t i = (size_t)(h >> (64 - lx->bits));; i = (i + 1) & mask) {
        lex_slot *slot = &lx->slots[i];
        if (slot->a == 0 || (slot->a == a && slot->b == b)) return slot;
    }
}

/* Doubles the index when more words would fill it past 70%. */
static int index_room(chorus_lexicon *lx, size_t more)
{
    if ((lx->n_short + more) * 10 <= ((size_t)7 << lx->bits)) return 1;
    if (lx->bits >= INDEX_MAX_BITS) return 0;
    lex_slot *old = lx->slots;
    unsigned old_bits = lx->bits;
    if (!index_alloc(lx, old_bits + 1)) {
        lx->slots = old;
        lx->bits = old_bits;
        return 0;
    }
    for (size_t i = 0; i < ((size_t)1 << old_bits); i++) {
        const lex_slot *o = &old[i];
        if (o->a) *index_find(lx, o->a, o->b, lex_hash(o->a, o->b, o->len)) = *o;
    }
    table_free(old, ((size_t)1 << old_bits) * sizeof *old);
    return index_room(lx, more);
}

static int index_grow(chorus_lexicon *lx)
{
    return index_room(lx, 1);
}

/* The text of a short word in the pool. */
static const char *pool_text(char *const *chunks, unsigned bits, uint32_t handle)
{
    return chunks[handle >> bits] + (handle & ((1u << bits) - 1));
}

/* Copies a short word into the pool; returns its handle, or -1. */
static long pool_add(chorus_lexicon *lx, const char *lower, size_t n)
{
    size_t chunk = (size_t)1 << lx->chunk_bits;
    if (!lx->n_chunks || lx->chunk_used + n + 1 > chunk) {
        if (lx->n_chunks >= ((size_t)1 << (32 - lx->chunk_bits))) return -1;
        char **more = realloc(lx->chunks, (lx->n_chunks + 1) * sizeof *more);
        if (!more) return -1;
        lx->chunks = more;
        more[lx->n_chunks] = lx->many ? huge_alloc(&chunk) : malloc(chunk);
        if (!more[lx->n_chunks]) return -1;
        lx->n_chunks++;
        lx->chunk_used = 0;
    }
    char *p = lx->chunks[lx->n_chunks - 1] + lx->chunk_used;
    memcpy(p, lower, n);
    p[n] = '\0';
    long handle = (long)(((lx->n_chunks - 1) << lx->chunk_bits) | lx->chunk_used);
    lx->chunk_used += n + 1;
    return handle;
}

/* The term of the word in slot, which the current story has not used yet. */
static long new_story_term(chorus_lexicon *lx, lex_slot *slot)
{
    long id = new_term(lx, pool_text(lx->chunks, lx->chunk_bits, slot->text),
                       story_stem(lx, slot->stem), slot->is_word, slot->is_stop);
    if (id < 0) return -1;
    slot->stamp = lx->stamp;
    slot->term = (uint32_t)id;
    return id;
}

#define PROBE_RUN 256 /* keys looked up in one run, whose new terms are then written */

/* The story state lexicon_resolve keeps in registers, and the slots of
 * the terms numbered but not yet written (terms [built, n_terms)). */
typedef struct resolver {
    term *terms;
    size_t n_terms, built;
    lex_stem *stems;
    size_t n_stems;
    uint32_t stamp;
    lex_slot *fresh[PROBE_RUN];
} resolver;

static void resolver_load(resolver *r, chorus_lexicon *lx)
{
    chorus_story *st = lx->story;
    r->terms = (term *)(void *)st->terms.data;
    r->n_terms = r->built = VEC_COUNT(&st->terms, term);
    r->stems = (lex_stem *)(void *)lx->stems.data;
    r->n_stems = st->n_stems;
    r->stamp = lx->stamp;
}

/* a when c is 1, b when it is 0, without a branch. */
static inline uint32_t pick(uint32_t c, uint32_t a, uint32_t b)
{
    return b ^ ((a ^ b) & (0u - c));
}

/* Writes the terms numbered since the last call, numbering their stems at
 * their first use in the story: a stem new to the story is only ever met
 * through a term new to it, so the order is the tokens' order. */
static void resolver_build(resolver *r, char *const *chunks, unsigned bits)
{
    for (size_t j = r->built; j < r->n_terms; j++) /* their misses overlap */
        __builtin_prefetch(&r->stems[r->fresh[j - r->built]->stem], 1);
    for (size_t j = r->built; j < r->n_terms; j++) {
        const lex_slot *s = r->fresh[j - r->built];
        lex_stem *e = &r->stems[s->stem];
        uint32_t new_stem = e->stamp != r->stamp;
        uint32_t stem = pick(new_stem, (uint32_t)r->n_stems, e->id);
        e->stamp = r->stamp;
        e->id = stem;
        r->n_stems += new_stem;
        r->terms[j] = (term){pool_text(chunks, bits, s->text), stem, s->is_word, s->is_stop};
    }
    r->built = r->n_terms;
}

static void resolver_store(resolver *r, chorus_lexicon *lx)
{
    resolver_build(r, lx->chunks, lx->chunk_bits);
    lx->story->terms.len = r->n_terms * sizeof(term);
    lx->story->n_stems = r->n_stems;
}

/* The current story's term of the word in slot s, numbered at the word's
 * first use in the story (its record written later, by resolver_build).
 * Whether the story used the word before is as good as random, so there is
 * no branch on it: the slot is noted either way (kept only when new) and
 * the ids are selected. At most PROBE_RUN calls between two builds. */
static inline uint32_t story_term(resolver *r, lex_slot *s)
{
    uint32_t fresh = s->stamp != r->stamp;
    r->fresh[r->n_terms - r->built] = s;
    uint32_t id = pick(fresh, (uint32_t)r->n_terms, s->term);
    s->stamp = r->stamp;
    s->term = id;
    r->n_terms += fresh;
    return id;
}

/* A word new to the lexicon, stemmed before it is added. */
typedef struct new_word {
    const lex_key *key;
    uint8_t is_word, is_stop;
    stem_key stem; /* a short word's stem is short */
} new_word;

static void key_bytes(const lex_key *k, char lower[LEX_KEY_BYTES])
{
    memcpy(lower, &k->a, 8);
    memcpy(lower + 8, &k->b, 8);
}

/* Stems the words keys[fresh[0..n)] once each (a run's repeats found in a
 * small hash set), at most as many as the lexicon has room for,
 * prefetching their stems' slots in the map; returns how many went to
 * words. */
static size_t stem_new_words(chorus_lexicon *lx, const lex_key *keys, const size_t *fresh, size_t n,
                             new_word *words)
{
    size_t count = 0, room = lx->max_words - lx->n_words;
    uint16_t seen[2 * PROBE_RUN] = {0}; /* 1 + the word's index, by key hash */
    for (size_t i = 0; i < n && count < room; i++) {
        const lex_key *k = &keys[fresh[i]];
        size_t h = (size_t)(k->hash >> 32) % (2 * PROBE_RUN);
        while (seen[h] && (words[seen[h] - 1].key->a != k->a || words[seen[h] - 1].key->b != k->b))
            h = (h + 1) % (2 * PROBE_RUN);
        if (seen[h]) continue; /* met earlier in the run */
        seen[h] = (uint16_t)(count + 1);
        char lower[LEX_KEY_BYTES];
        key_bytes(k, lower);
        word_facts f = key_facts(lx, k, lower);
        new_word *w = &words[count++];
        *w = (new_word){k, f.is_word, f.is_stop, stem_key_of(f.stem, f.stem_len)};
        __builtin_prefetch(&lx->stem_slots[w->stem.hash >> (64 - lx->stem_bits)]);
    }
    return count;
}

/* Adds the stemmed words to the lexicon, in order; 0 when out of memory.
 * Stops when the index cannot grow (the words left are the stories' own). */
static int add_new_words(chorus_lexicon *lx, const new_word *words, size_t n)
{
    for (size_t i = 0; i < n && !lx->full && index_grow(lx); i++) {
        const new_word *w = &words[i];
        const lex_key *k = w->key;
        char lower[LEX_KEY_BYTES];
        key_bytes(k, lower);
        long stem = short_stem_id(lx, &w->stem);
        long text = stem < 0 ? -1 : pool_add(lx, lower, k->len);
        if (text < 0) return 0;
        *index_find(lx, k->a, k->b, k->hash) = (lex_slot){.a = k->a,
                                                          .b = k->b,
                                                          .stem = (uint32_t)stem,
                                                          .len = k->len,
                                                          .is_word = w->is_word,
                                                          .is_stop = w->is_stop,
                                                          .text = (uint32_t)text};
        lx->n_short++;
        count_word(lx);
    }
    return 1;
}

/* The slot of a short key, or NULL when the lexicon lacks the word. */
static inline lex_slot *slot_of(lex_slot *slots, const lex_slot *end, unsigned shift,
                                const lex_key *key)
{
    lex_slot *s = &slots[key->hash >> shift];
    while (s->a && (s->a != key->a || s->b != key->b))
        s = s + 1 < end ? s + 1 : slots; /* linear probing */
    return s->a ? s : NULL;
}

/* The slots of the short keys[a, b) into found (NULL for a long key and
 * for a word the lexicon lacks, whose offsets go to lacking); returns the
 * number of those words. */
static size_t find_slots(const chorus_lexicon *lx, const lex_key *keys, size_t a, size_t b,
                         lex_slot **found, size_t *lacking)
{
    const lex_slot *end = lx->slots + ((size_t)1 << lx->bits);
    size_t n = 0;
    for (size_t k = a; k < b; k++) {
        found[k - a] = NULL;
        if (keys[k].len == LEX_LONG) continue;
        if (!(found[k - a] = slot_of(lx->slots, end, 64 - lx->bits, &keys[k]))) lacking[n++] = k;
    }
    return n;
}

/* Adds the words keys[lacking[0..n)] to a lexicon made for many stories,
 * all stemmed before any is added, so that their misses in the stems' map
 * overlap, and sets their slots in found (NULL for one it could not take);
 * 0 when out of memory. */
static int add_lacking(chorus_lexicon *lx, const lex_key *keys, size_t a, size_t b,
                       lex_slot **found, const size_t *lacking, size_t n)
{
    new_word words[PROBE_RUN];
    unsigned bits = lx->bits;
    size_t count = stem_new_words(lx, keys, lacking, n, words);
    if (!add_new_words(lx, words, count)) return 0;
    size_t again[PROBE_RUN];
    if (lx->bits != bits) return find_slots(lx, keys, a, b, found, again), 1; /* it moved */
    for (size_t i = 0; i < n; i++) {
        const lex_key *k = &keys[lacking[i]];
        lex_slot *s = index_find(lx, k->a, k->b, k->hash);
        found[lacking[i] - a] = s->a ? s : NULL;
    }
    return 1;
}

/* The first keys of a run that the lexicon lacks, each numbered as a new
 * term of the story where it first comes, its slot found once it is added. */
typedef struct run_news {
    size_t n;
    size_t key[PROBE_RUN];        /* offset of its first key */
    uint32_t term[PROBE_RUN];     /* its term id */
    uint16_t seen[2 * PROBE_RUN]; /* 1 + its index, by key hash */
} run_news;

/* The term of keys[k], a word the lexicon lacks: a new term of the story,
 * or the one given to the same word earlier in the run. */
static uint32_t news_term(run_news *nw, resolver *r, const lex_key *keys, size_t k)
{
    const lex_key *key = &keys[k];
    size_t h = (size_t)(key->hash >> 32) % (2 * PROBE_RUN);
    for (; nw->seen[h]; h = (h + 1) % (2 * PROBE_RUN)) {
        const lex_key *met = &keys[nw->key[nw->seen[h] - 1]];
        if (met->a == key->a && met->b == key->b) return nw->term[nw->seen[h] - 1];
    }
    nw->seen[h] = (uint16_t)(nw->n + 1);
    nw->key[nw->n] = k;
    nw->term[nw->n++] = (uint32_t)r->n_terms;
    r->fresh[r->n_terms - r->built] = NULL; /* set once the word is added */
    return (uint32_t)r->n_terms++;
}

/* Numbers keys[a, b), a run that holds words the lexicon lacks, in one
 * pass, when a lexicon made for many stories is sure to take them all
 * (its index has room for a run's words, so that no slot moves): each
 * word it has is numbered at once, each word it lacks is given the next
 * term id; then those are stemmed and added together (their misses in the
 * stems' map overlapping) and their slots stamped with their terms.
 * Returns -1 when it cannot be sure, 0 when out of memory, 1 when done. */
static int resolve_run_at_once(chorus_lexicon *lx, token *out, const lex_key *keys, size_t a,
                               size_t b)
{
    if (!lx->many || lx->full || lx->max_words - lx->n_words < PROBE_RUN ||
        !index_room(lx, PROBE_RUN))
        return -1;
    lex_slot *slots = lx->slots, *end = slots + ((size_t)1 << lx->bits);
    unsigned shift = 64 - lx->bits;
    run_news nw;
    nw.n = 0;
    memset(nw.seen, 0, sizeof nw.seen);
    resolver r;
    resolver_load(&r, lx);
    for (size_t k = a; k < b; k++) {
        if (keys[k].len == LEX_LONG) continue;
        lex_slot *s = slot_of(slots, end, shift, &keys[k]);
        out[k].term = s ? story_term(&r, s) : news_term(&nw, &r, keys, k);
    }
    new_word words[PROBE_RUN];
    size_t count = stem_new_words(lx, keys, nw.key, nw.n, words);
    if (count != nw.n || !add_new_words(lx, words, count)) return 0;
    for (size_t j = 0; j < nw.n; j++) {
        const lex_key *k = &keys[nw.key[j]];
        lex_slot *s = index_find(lx, k->a, k->b, k->hash);
        s->stamp = r.stamp;
        s->term = nw.term[j];
        r.fresh[nw.term[j] - r.built] = s;
    }
    resolver_store(&r, lx);
    return 1;
}

/* Numbers keys[a, b), a run (b - a <= PROBE_RUN) that holds words the
 * lexicon lacks: one pass finds the slots of all, the words lacking are
 * added (a lexicon made for many stories takes them at once; otherwise,
 * or when it could not take one, lexicon_short_term adds it alone or keeps
 * it the story's own), and a second pass numbers them in order. 0 when out
 * of memory. */
static int resolve_lacking_run(chorus_lexicon *lx, token *out, const lex_key *keys, size_t a,
                               size_t b)
{
    lex_slot *found[PROBE_RUN];
    size_t lacking[PROBE_RUN];
    size_t n = find_slots(lx, keys, a, b, found, lacking);
    if (lx->many && !lx->full && !add_lacking(lx, keys, a, b, found, lacking, n)) return 0;
    resolver r;
    resolver_load(&r, lx);
    for (size_t k = a; k < b; k++) {
        if (found[k - a]) {
            out[k].term = story_term(&r, found[k - a]);
        } else if (keys[k].len != LEX_LONG) {
            const lex_slot *slots = lx->slots;
            resolver_store(&r, lx);
            long id = lexicon_short_term(lx, &keys[k]);
            if (id < 0) return 0;
            out[k].term = (uint32_t)id;
            resolver_load(&r, lx);
            if (lx->slots != slots) find_slots(lx, keys, a, b, found, lacking); /* it moved */
        }
    }
    resolver_store(&r, lx);
    return 1;
}

int lexicon_resolve(chorus_lexicon *lx, token *out, const lex_key *keys, size_t a, size_t b)
{
    /* room for a new term per key, so that the loop never grows the array */
    if (!buf_room(&lx->story->terms, (b - a) * sizeof(term))) return 0;
    resolver r;
    for (size_t i = a; i < b;) {
        size_t stop = b - i > PROBE_RUN ? i + PROBE_RUN : b;
        lex_slot *slots = lx->slots, *end = slots + ((size_t)1 << lx->bits);
        unsigned shift = 64 - lx->bits;
        resolver_load(&r, lx);
        for (; i < stop; i++) { /* long words have their terms already */
            if (keys[i].len == LEX_LONG) continue;
            lex_slot *s = slot_of(slots, end, shift, &keys[i]);
            if (!s) break;
            out[i].term = story_term(&r, s);
        }
        resolver_store(&r, lx);
        if (i < stop) { /* keys[i] is a word the lexicon lacks */
            int done = resolve_run_at_once(lx, out, keys, i, stop);
            if (done < 0) done = resolve_lacking_run(lx, out, keys, i, stop);
            if (!done) return 0;
            i = stop;
        }
    }
    return 1;
}

long lexicon_short_term(chorus_lexicon *lx, const lex_key *k)
{
    lex_slot *slot = index_find(lx, k->a, k->b, k->hash);
    if (slot->a) return slot->stamp == lx->stamp ? slot->term : new_story_term(lx, slot);
    char lower[LEX_KEY_BYTES];
    memcpy(lower, &k->a, 8);
    memcpy(lower + 8, &k->b, 8);
    if (lx->full || !index_grow(lx)) return story_only_term(lx, lower, k->len);
    word_facts f = key_facts(lx, k, lower);
    long stem = stem_id(lx, &f);
    long text = stem < 0 ? -1 : pool_add(lx, lower, k->len);
    if (text < 0) return -1;
    slot = index_find(lx, k->a, k->b, k->hash);
    *slot = (lex_slot){.a = k->a,
                       .b = k->b,
                       .stem = (uint32_t)stem,
                       .len = k->len,
                       .is_word = f.is_word,
                       .is_stop = f.is_stop,
                       .text = (uint32_t)text};
    lx->n_short++;
    count_word(lx);
    return new_story_term(lx, slot);
}

static long long_term(chorus_lexicon *lx, const char *lower, size_t n)
{
    uint32_t *found = map_get(&lx->long_words, lower, n), word;
    if (found) {
        word = *found;
    } else {
        if (lx->full) return story_only_term(lx, lower, n);
        if (!buf_reserve(&lx->words, sizeof(lex_word))) return -1;
        word_facts f = facts_of(lx, lower, n);
        long stem = stem_id(lx, &f);
        word = (uint32_t)VEC_COUNT(&lx->words, lex_word);
        map_slot *s = stem < 0 ? NULL : map_upsert(&lx->long_words, lower, n, word, NULL);
        if (!s) return -1;
        lex_word *w = vec_push(&lx->words, sizeof *w); /* reserved above */
        *w = (lex_word){s->key, (uint32_t)stem, 0, 0, f.is_word, f.is_stop};
        count_word(lx);
    }
    lex_word *w = &VEC_AT(&lx->words, lex_word, word);
    if (w->stamp == lx->stamp) return w->term;
    long id = new_term(lx, w->lower, story_stem(lx, w->stem), w->is_word, w->is_stop);
    if (id < 0) return -1;
    w->stamp = lx->stamp;
    w->term = (uint32_t)id;
    return id;
}

long lexicon_term(chorus_lexicon *lx, const char *lower, size_t n)
{
    if (n > LEX_KEY_BYTES) return long_term(lx, lower, n);
    lex_key k = {0, 0, 0, (uint32_t)n};
    memcpy(&k.a, lower, n < 8 ? n : 8);
    if (n > 8) memcpy(&k.b, lower + 8, n - 8);
    k.hash = lex_hash(k.a, k.b, n);
    return lexicon_short_term(lx, &k);
}
