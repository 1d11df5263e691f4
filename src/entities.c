/*
 * entities.c — the entity layer: proper-name mentions, their types, and
 * the aliases of one entity merged across the story's articles.
 *
 * Spotting. A mention is a run of capitalized tokens separated by single
 * spaces (or the period of an initial, "U.S.", "John F. Kennedy"), which
 * may hold lower-case particles and connectors between capitals ("Omar
 * al Rashid", "Bank of England", "Group of 8", "Alliance for Reform",
 * "Bosnia and Herzegovina" after an "of"). A capital that opens a sentence
 * or a quotation, or any word of a headline-case sentence, counts only when
 * the story never writes that word in lower case (and, when the story has
 * it nowhere else, only when another capital follows). Leading titles and
 * honorifics ("Mr.", "President", "Prime Minister") are left out of the
 * name and mark a person; words before a title ("Austrian President ...",
 * "African Union President ...") are a mention of their own and, when a
 * country or demonym, with the title a role of the person. A possessive
 * "'s" is never part of a name; "U.S." keeps its last period.
 *
 * Typing. Each mention votes person / organization / place / other from
 * its cues: titles, a following speech verb, corporate and institutional
 * head words, place and event head words, a place's leading word ("Port",
 * "Fort", "Mount", "Lake", "Cape" before one more word), a preceding
 * preposition of place, a dateline, demonyms (listed, or a listed
 * country's stem with -an, -ian, -ese, -ish, -i: "Rwandan"), the country,
 * capital and state names and the first names of entity_words.c
 * (generated from Debian and npm packages). A name of unknown words is a
 * person's when it has two or three words the story never writes in lower
 * case, else an organization's.
 * An entity takes the type with the most votes over its mentions.
 *
 * Aliases. Mentions are merged by their compact key (letters and digits,
 * lower case: "al-Rashid" = "al Rashid", "Da'wa" = "Dawa", "G-8" =
 * "G8", "Nato" = "NATO"), by the key without particles ("Omar Rashid"),
 * by initials against an acronym ("Group of 8" = "G8"), by explicit
 * lists ("X, also known as Y, Z or W"; "X (Y)"). A one-word mention that
 * is the surname of a full name joins the nearest full name before it in
 * its article, else the only full name of the story with that surname, so
 * two people sharing a surname are never merged. Role phrases ("the
 * Austrian president", "Austria's top diplomat") join the person the story
 * described with the same country and role, by a title or an apposition.
 * An entity's aliases are its distinct surface forms, titled forms ("Mr.
 * Okafor") and role phrases included; its name is its fullest form.
 *
 * Speed: word-list bits are computed once per term and capital shapes once
 * per token of the story; the lists are one sorted table searched by
 * bisection.
 * Limits: English; capitalization is the only evidence of a name; no
 * coreference beyond surnames, acronyms, lists and roles.
 */
#include "entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "segment.h"
#include "utf8.h"
#include "table.h"

#define MAX_RUN 12 /* tokens of one mention */
#define KEY_MAX 96 /* bytes of a compact key */
#define MAX_MENTIONS ((size_t)1 << 22)

const char *entity_type_name(entity_type t)
{
    static const char *const names[ENT_TYPE_COUNT] = {"PER", "ORG", "LOC", "MISC"};
    return (unsigned)t < ENT_TYPE_COUNT ? names[t] : "MISC";
}

unsigned entity_word_flags(const char *w, size_t n)
{
    long i = table_find(entity_words, entity_word_count, sizeof *entity_words, w, n);
    return i >= 0 ? entity_words[i].flags : 0;
}

/* ------------------------------------------------------------ word lists */

/* The words of chorus's own lists, sorted by byte for bisection, with the
 * lists each belongs to (facts of English usage, not of any story). */
enum {
    L_TITLE = 1u << 0,
    L_PTITLE = 1u << 1,
    L_HONOR = 1u << 2,
    L_ORG = 1u << 3,
    L_PREP = 1u << 4,
    L_PARTICLE = 1u << 5,
    L_REGION = 1u << 6,
    L_PLACE_HEAD = 1u << 7,
    L_MISC_HEAD = 1u << 8,
    L_COMPOUND = 1u << 9,
    L_ROLE_MOD = 1u << 10,
    L_ROLE_HEAD = 1u << 11,
    L_PLACE_LEAD = 1u << 12, /* opens a place's name: "Port Ellis", "Mount Ayr" */
};

typedef struct list_word {
    const char *word;
    unsigned lists;
} list_word;

/* clang-format off */
static const list_word list_words[] = {
    {"abu", L_PARTICLE},
    {"accord", L_MISC_HEAD},
    {"accords", L_MISC_HEAD},
    {"across", L_PREP},
    {"act", L_MISC_HEAD},
    {"adm", L_TITLE},
    {"administration", L_ORG},
    {"admiral", L_TITLE},
    {"adviser", L_ROLE_HEAD},
    {"advisor", L_ROLE_HEAD},
    {"africa", L_REGION},
    {"ag", L_ORG},
    {"agency", L_ORG},
    {"agreement", L_MISC_HEAD},
    {"aide", L_ROLE_HEAD},
    {"airlines", L_ORG},
    {"airport", L_PLACE_HEAD},
    {"airways", L_ORG},
    {"al", L_PARTICLE},
    {"alliance", L_ORG},
    {"allied", L_COMPOUND},
    {"ambassador", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"antarctica", L_REGION},
    {"arctic", L_REGION},
    {"army", L_ORG},
    {"asia", L_REGION},
    {"assembly", L_ORG},
    {"association", L_ORG},
    {"at", L_PREP},
    {"atlantic", L_REGION},
    {"authority", L_ORG},
    {"award", L_MISC_HEAD},
    {"backed", L_COMPOUND},
    {"balkans", L_REGION},
    {"bank", L_ORG},
    {"based", L_COMPOUND},
    {"bay", L_PLACE_HEAD},
    {"ben", L_PARTICLE},
    {"bin", L_PARTICLE},
    {"board", L_ORG},
    {"born", L_COMPOUND},
    {"bound", L_COMPOUND},
    {"brigade", L_ORG},
    {"brokered", L_COMPOUND},
    {"bureau", L_ORG},
    {"cabinet", L_ORG},
    {"campaign", L_ORG},
    {"cape", L_PLACE_LEAD},
    {"capt", L_TITLE},
    {"captain", L_TITLE},
    {"caribbean", L_REGION},
    {"caucasus", L_REGION},
    {"center", L_ORG},
    {"centre", L_ORG},
    {"chairman", L_TITLE | L_PTITLE},
    {"chairwoman", L_TITLE},
    {"championship", L_MISC_HEAD},
    {"chancellor", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"channel", L_ORG},
    {"chechnya", L_REGION},
    {"chief", L_TITLE | L_ROLE_MOD},
    {"church", L_ORG},
    {"city", L_PLACE_HEAD},
    {"club", L_ORG},
    {"cmdr", L_TITLE},
    {"co", L_ORG},
    {"coalition", L_ORG},
    {"coast", L_PLACE_HEAD},
    {"col", L_TITLE},
    {"college", L_ORG},
    {"colonel", L_TITLE},
    {"commission", L_ORG},
    {"commissioner", L_TITLE | L_PTITLE},
    {"committee", L_ORG},
    {"company", L_ORG},
    {"conference", L_MISC_HEAD},
    {"congress", L_ORG},
    {"congressman", L_TITLE},
    {"congresswoman", L_TITLE},
    {"controlled", L_COMPOUND},
    {"corp", L_ORG},
    {"corporation", L_ORG},
    {"council", L_ORG},
    {"county", L_PLACE_HEAD},
    {"court", L_ORG},
    {"cup", L_MISC_HEAD},
    {"da", L_PARTICLE},
    {"darfur", L_REGION},
    {"das", L_PARTICLE},
    {"day", L_MISC_HEAD},
    {"de", L_PARTICLE},
    {"defence", L_TITLE | L_ROLE_MOD},
    {"defense", L_TITLE | L_ROLE_MOD},
    {"del", L_PARTICLE},
    {"den", L_PARTICLE},
    {"department", L_ORG},
    {"deputy", L_TITLE | L_ROLE_MOD},
    {"der", L_PARTICLE},
    {"desert", L_PLACE_HEAD},
    {"di", L_PARTICLE},
    {"diplomat", L_ROLE_HEAD},
    {"director", L_TITLE | L_PTITLE},
    {"district", L_PLACE_HEAD},
    {"dominated", L_COMPOUND},
    {"dos", L_PARTICLE},
    {"dr", L_TITLE | L_PTITLE},
    {"du", L_PARTICLE},
    {"east", L_REGION},
    {"el", L_PARTICLE},
    {"envoy", L_ROLE_HEAD},
    {"era", L_COMPOUND},
    {"europe", L_REGION},
    {"exchange", L_ORG},
    {"father", L_TITLE},
    {"federation", L_ORG},
    {"finance", L_TITLE | L_ROLE_MOD},
    {"force", L_ORG},
    {"forces", L_ORG},
    {"foreign", L_TITLE | L_PTITLE | L_ROLE_MOD},
    {"fort", L_PLACE_LEAD},
    {"foundation", L_ORG},
    {"friendly", L_COMPOUND},
    {"from", L_PREP},
    {"front", L_ORG},
    {"fund", L_ORG},
    {"funded", L_COMPOUND},
    {"games", L_MISC_HEAD},
    {"gaza", L_REGION},
    {"gen", L_TITLE},
    {"general", L_TITLE},
    {"gmbh", L_ORG},
    {"gov", L_TITLE},
    {"governor", L_TITLE | L_PTITLE},
    {"group", L_ORG},
    {"guardian", L_ORG},
    {"gulf", L_REGION | L_PLACE_HEAD},
    {"held", L_COMPOUND},
    {"herald", L_ORG},
    {"holdings", L_ORG},
    {"ibn", L_PARTICLE},
    {"in", L_PREP},
    {"inc", L_ORG},
    {"industries", L_ORG},
    {"inside", L_PREP},
    {"institute", L_ORG},
    {"interior", L_TITLE | L_ROLE_MOD},
    {"into", L_PREP},
    {"island", L_PLACE_HEAD},
    {"islands", L_PLACE_HEAD},
    {"journal", L_ORG},
    {"judge", L_TITLE},
    {"justice", L_TITLE},
    {"kashmir", L_REGION},
    {"king", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"kurdistan", L_REGION},
    {"la", L_PARTICLE},
    {"lady", L_TITLE},
    {"lake", L_PLACE_HEAD | L_PLACE_LEAD},
    {"latin america", L_REGION},
    {"le", L_PARTICLE},
    {"leader", L_TITLE | L_ROLE_HEAD},
    {"league", L_ORG},
    {"led", L_COMPOUND},
    {"like", L_COMPOUND},
    {"linked", L_COMPOUND},
    {"llc", L_ORG},
    {"lord", L_TITLE},
    {"lt", L_TITLE},
    {"ltd", L_ORG},
    {"madam", L_HONOR},
    {"made", L_COMPOUND},
    {"magazine", L_ORG},
    {"mayor", L_TITLE | L_PTITLE},
    {"media", L_ORG},
    {"mediated", L_COMPOUND},
    {"mediterranean", L_REGION},
    {"middle east", L_REGION},
    {"minister", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"ministry", L_ORG},
    {"miss", L_HONOR},
    {"mister", L_HONOR},
    {"motors", L_ORG},
    {"mount", L_PLACE_LEAD},
    {"mountain", L_PLACE_HEAD},
    {"mountains", L_PLACE_HEAD},
    {"movement", L_ORG},
    {"mr", L_TITLE | L_PTITLE | L_HONOR},
    {"mrs", L_TITLE | L_PTITLE | L_HONOR},
    {"ms", L_TITLE | L_PTITLE | L_HONOR},
    {"national", L_ROLE_MOD},
    {"navy", L_ORG},
    {"near", L_PREP},
    {"network", L_ORG},
    {"news", L_ORG},
    {"north", L_REGION},
    {"north america", L_REGION},
    {"occupied", L_COMPOUND},
    {"ocean", L_PLACE_HEAD},
    {"oceania", L_REGION},
    {"office", L_ORG},
    {"olympics", L_MISC_HEAD},
    {"open", L_MISC_HEAD},
    {"organisation", L_ORG},
    {"organization", L_ORG},
    {"outside", L_PREP},
    {"owned", L_COMPOUND},
    {"pacific", L_REGION},
    {"parliament", L_ORG},
    {"party", L_ORG},
    {"peninsula", L_PLACE_HEAD},
    {"plc", L_ORG},
    {"police", L_ORG},
    {"policy", L_ROLE_MOD},
    {"pope", L_TITLE},
    {"port", L_PLACE_LEAD},
    {"post", L_ORG},
    {"premier", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"president", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"president-elect", L_TITLE},
    {"press", L_ORG},
    {"prime", L_TITLE | L_PTITLE | L_ROLE_MOD},
    {"prince", L_TITLE},
    {"princess", L_TITLE},
    {"prize", L_MISC_HEAD},
    {"prof", L_TITLE},
    {"professor", L_TITLE},
    {"province", L_PLACE_HEAD},
    {"queen", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"radio", L_ORG},
    {"region", L_PLACE_HEAD},
    {"rep", L_TITLE},
    {"representative", L_TITLE},
    {"reuters", L_ORG},
    {"rev", L_TITLE},
    {"revolution", L_MISC_HEAD},
    {"river", L_PLACE_HEAD},
    {"ruler", L_ROLE_HEAD},
    {"run", L_COMPOUND},
    {"sa", L_ORG},
    {"sahara", L_REGION},
    {"scandinavia", L_REGION},
    {"school", L_ORG},
    {"sea", L_PLACE_HEAD},
    {"secretary", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"secretary-general", L_TITLE | L_PTITLE},
    {"security", L_ROLE_MOD},
    {"sen", L_TITLE},
    {"senate", L_ORG},
    {"senator", L_TITLE | L_PTITLE},
    {"senior", L_ROLE_MOD},
    {"series", L_MISC_HEAD},
    {"service", L_ORG},
    {"sgt", L_TITLE},
    {"sheikh", L_TITLE},
    {"siberia", L_REGION},
    {"sir", L_TITLE},
    {"society", L_ORG},
    {"south", L_REGION},
    {"south america", L_REGION},
    {"speaker", L_TITLE},
    {"speaking", L_COMPOUND},
    {"spokesman", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"spokeswoman", L_TITLE | L_PTITLE | L_ROLE_HEAD},
    {"sponsored", L_COMPOUND},
    {"square", L_PLACE_HEAD},
    {"stadium", L_ORG},
    {"strait", L_PLACE_HEAD},
    {"street", L_PLACE_HEAD},
    {"style", L_COMPOUND},
    {"summit", L_MISC_HEAD},
    {"supt", L_TITLE},
    {"systems", L_ORG},
    {"telegraph", L_ORG},
    {"television", L_ORG},
    {"times", L_ORG},
    {"to", L_PREP},
    {"top", L_ROLE_MOD},
    {"treaty", L_MISC_HEAD},
    {"tribune", L_ORG},
    {"tv", L_ORG},
    {"type", L_COMPOUND},
    {"union", L_ORG},
    {"university", L_ORG},
    {"valley", L_PLACE_HEAD},
    {"van", L_PARTICLE},
    {"vice", L_TITLE | L_ROLE_MOD},
    {"von", L_PARTICLE},
    {"war", L_MISC_HEAD},
    {"west", L_REGION},
    {"west bank", L_REGION},
    {"wide", L_COMPOUND},
};
/* clang-format on */

/* The L_* lists a lower-case word belongs to. */
static unsigned word_lists(const char *w)
{
    long i = table_find(list_words, TABLE_COUNT(list_words), sizeof *list_words, w, strlen(w));
    return i >= 0 ? list_words[i].lists : 0;
}

/* Demonyms and the country they belong to (facts of English usage). */
static const struct {
    const char *demonym, *country;
} demonyms[] = {
    {"afghan", "afghanistan"},
    {"african", "africa"},
    {"american", "united states"},
    {"arab", "arab"},
    {"arabic", ""},
    {"australian", "australia"},
    {"austrian", "austria"},
    {"belgian", "belgium"},
    {"brazilian", "brazil"},
    {"britain", "united kingdom"},
    {"british", "united kingdom"},
    {"canadian", "canada"},
    {"catholic", ""},
    {"chinese", "china"},
    {"christian", ""},
    {"czech", "czechia"},
    {"danish", "denmark"},
    {"dutch", "netherlands"},
    {"egyptian", "egypt"},
    {"english", "england"},
    {"eu", "europe"},
    {"european", "europe"},
    {"finnish", "finland"},
    {"french", "france"},
    {"german", "germany"},
    {"greek", "greece"},
    {"indian", "india"},
    {"indonesian", "indonesia"},
    {"iranian", "iran"},
    {"iraqi", "iraq"},
    {"irish", "ireland"},
    {"israeli", "israel"},
    {"italian", "italy"},
    {"japanese", "japan"},
    {"jewish", ""},
    {"jordanian", "jordan"},
    {"korean", "korea"},
    {"kurdish", "kurdistan"},
    {"latino", ""},
    {"lebanese", "lebanon"},
    {"libyan", "libya"},
    {"mexican", "mexico"},
    {"muslim", ""},
    {"nigerian", "nigeria"},
    {"norwegian", "norway"},
    {"pakistani", "pakistan"},
    {"palestinian", "palestine"},
    {"polish", "poland"},
    {"portuguese", "portugal"},
    {"qatari", "qatar"},
    {"russian", "russia"},
    {"saudi", "saudi arabia"},
    {"scottish", "scotland"},
    {"serbian", "serbia"},
    {"shia", ""},
    {"shiite", ""},
    {"soviet", "soviet union"},
    {"spanish", "spain"},
    {"sunni", ""},
    {"swedish", "sweden"},
    {"swiss", "switzerland"},
    {"syrian", "syria"},
    {"turkish", "turkey"},
    {"u.k", "united kingdom"},
    {"u.n", "united nations"},
    {"u.s", "united states"},
    {"uk", "united kingdom"},
    {"ukrainian", "ukraine"},
    {"un", "united nations"},
    {"us", "united states"},
    {"usa", "united states"},
    {"venezuelan", "venezuela"},
    {"vietnamese", "vietnam"},
    {"western", "west"},
    {"yemeni", "yemen"},
};

static const char *demonym_lookup(const char *w, size_t n)
{
    long i = table_find(demonyms, TABLE_COUNT(demonyms), sizeof *demonyms, w, n);
    return i >= 0 ? demonyms[i].country : NULL;
}

/* A listed country whose name starts with the stem of w (len n), or NULL:
 * "rwandan" -> "rwanda". */
static const char *country_by_stem(const char *w, size_t n)
{
    static const char *const suffixes[] = {"ian", "ean", "an", "ese", "ish", "i", NULL};
    for (const char *const *sfx = suffixes; *sfx; sfx++) {
        size_t m = strlen(*sfx);
        if (n < m + 4 || strncmp(w + n - m, *sfx, m)) continue;
        size_t stem = n - m, lo = 0, hi = entity_word_count;
        while (lo < hi) { /* the first word not below the stem */
            size_t mid = (lo + hi) / 2;
            if (strncmp(entity_words[mid].word, w, stem) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < entity_word_count && i < lo + 4; i++) {
            const entity_word *e = &entity_words[i];
            if (strncmp(e->word, w, stem)) break;
            if ((e->flags & WORD_PLACE) && strlen(e->word) <= stem + 2 && !strchr(e->word, ' '))
                return e->word;
        }
    }
    return NULL;
}

/* The country of a demonym ("russians", "rwandan" too), or NULL. */
static const char *demonym_country(const char *w)
{
    size_t n = strlen(w);
    const char *c = demonym_lookup(w, n);
    if (!c && n > 2 && w[n - 1] == 's' && w[n - 2] == 'n') c = demonym_lookup(w, n - 1);
    if (!c) c = country_by_stem(w, n);
    if (!c && n > 2 && w[n - 1] == 's') c = country_by_stem(w, n - 1);
    return c;
}

int entity_lists_sorted(void)
{
    for (size_t i = 1; i < sizeof list_words / sizeof *list_words; i++)
        if (strcmp(list_words[i - 1].word, list_words[i].word) >= 0) return 0;
    for (size_t i = 1; i < sizeof demonyms / sizeof *demonyms; i++)
        if (strcmp(demonyms[i - 1].demonym, demonyms[i].demonym) >= 0) return 0;
    for (size_t i = 1; i < entity_word_count; i++)
        if (strcmp(entity_words[i - 1].word, entity_words[i].word) >= 0) return 0;
    return 1;
}

static int is_demonym(const char *w)
{
    const char *c = demonym_country(w);
    return c && strcmp(w, "us") && strcmp(w, "u.s") && strcmp(w, "uk") && strcmp(w, "un") &&
           strcmp(w, "eu") && strcmp(w, "usa") && strcmp(w, "britain") && strcmp(w, "u.k") &&
           strcmp(w, "u.n");
}

static int cap_shape(const char *s, size_t n);

/* Upper-case letters only, with two letters or a digit: "NATO", "G-8". */
static int acronym_like(const char *s, size_t n)
{
    if (cap_shape(s, n) == 2) return 1;
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') return 0;
        digits |= c >= '0' && c <= '9';
    }
    return digits && s[0] >= 'A' && s[0] <= 'Z';
}

/* ----------------------------------------------------------- token facts */

typedef struct spot {
    chorus_story *st;
    analysis *an;
    uint8_t *lower_seen, *cap_mid; /* per term */
    buf mentions;                  /* mention */
    buf links;                     /* uint32_t pairs of mentions said to be one */
    map keys;                      /* scratch */
} spot;

static const char *tok_lower(const chorus_story *st, uint32_t k)
{
    return STORY_TERM(st, st->tokens[k].term)->lower;
}

static const char *art_text(const chorus_story *st, uint32_t a)
{
    return STORY_ARTICLE(st, a)->text;
}

/* 1: first letter upper case, 2: every letter upper case (two or more) */
static int cap_shape(const char *s, size_t n)
{
    unsigned char c0 = n ? (unsigned char)s[0] : 0;
    if (c0 < 0x80) { /* ASCII first letter: decided without decoding */
        if (!(c0 >= 'A' && c0 <= 'Z')) return 0;
        int letters = 0, upper = 0, ascii = 1;
        for (size_t i = 0; i < n && ascii; i++) {
            unsigned char c = (unsigned char)s[i];
            ascii = c < 0x80;
            if (c >= 'A' && c <= 'Z')
                letters++, upper++;
            else if (c >= 'a' && c <= 'z')
                letters++;
        }
        if (ascii) return letters >= 2 && upper == letters ? 2 : 1;
    }
    int letters = 0, upper = 0, first = -1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!l) break;
        utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
        int is_up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        int is_letter = is_up || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO;
        if (is_letter) {
            if (first < 0) first = is_up;
            letters++, upper += is_up;
        }
        i += l;
    }
    if (first <= 0) return 0;
    return letters >= 2 && upper == letters ? 2 : 1;
}

static int tok_cap_raw(const chorus_story *st, uint32_t a, uint32_t k)
{
    const span *sp = &st->tokens[k].span;
    const char *s = art_text(st, a) + sp->start;
    size_t n = sp->end - sp->start;
    const char *dash = memchr(s, '-', n);
    if (dash && dash > s && dash - s <= 3 && s[0] >= 'a' && s[0] <= 'z') { /* al-Rashid */
        char p[4] = {0};
        memcpy(p, s, (size_t)(dash - s));
        if ((word_lists(p) & L_PARTICLE))
            return cap_shape(dash + 1, n - (size_t)(dash + 1 - s)) ? 1 : 0;
    }
    return cap_shape(s, n);
}

static int tok_cap(const chorus_story *st, uint32_t a, uint32_t k)
{
    uint8_t *cache = st->analysis ? st->analysis->token_shape : NULL;
    if (cache && cache[k]) return cache[k] - 1;
    int v = tok_cap_raw(st, a, k);
    if (cache) cache[k] = (uint8_t)(v + 1);
    return v;
}

/* Word-list bits of a term, computed once per story. */
enum {
    TB_DONE = 1u << 0,
    TB_TITLE = 1u << 1,
    TB_PTITLE = 1u << 2,
    TB_HONOR = 1u << 3,
    TB_ORG_HEAD = 1u << 4,
    TB_PARTICLE = 1u << 5,
    TB_COUNTRY = 1u << 6,
    TB_LISTED = 1u << 7,
    TB_NAME = 1u << 8,
    TB_STOP = 1u << 9,
    TB_SKIP = 1u << 10,
    TB_OPENER = 1u << 11,
    TB_ENDING = 1u << 12,
    TB_ROLE_MOD = 1u << 13,
    TB_ROLE_HEAD = 1u << 14,
    TB_OF = 1u << 15,
    TB_AND = 1u << 16,
    TB_FOR = 1u << 17,
    TB_THE = 1u << 18,
    TB_NUMBER = 1u << 19,
    TB_WORD = 1u << 20,
};

static int ends_with(const char *w, const char *suffix);

static const char *country_of(const char *w);

static uint32_t compute_bits(const term *t)
{
    const char *w = t->lower;
    size_t n = strlen(w);
    uint32_t b = TB_DONE;
    unsigned roles = segment_word_roles(w, n);
    unsigned lists = word_lists(w);
    if (lists & L_TITLE) b |= TB_TITLE;
    if (lists & L_PTITLE) b |= TB_PTITLE;
    if (lists & L_HONOR) b |= TB_HONOR;
    if (lists & L_ORG) b |= TB_ORG_HEAD;
    if (lists & L_PARTICLE) b |= TB_PARTICLE;
    if (country_of(w)) b |= TB_COUNTRY;
    unsigned f = entity_word_flags(w, n);
    if (f || demonym_country(w)) b |= TB_LISTED;
    if ((f & (WORD_MALE | WORD_FEMALE)) && !(f & WORD_PLACE) && !demonym_country(w)) b |= TB_NAME;
    if (t->is_stop || is_stopword(w, n)) b |= TB_STOP;
    const char *apos = strstr(w, "\xe2\x80\x99");
    if (!apos) apos = strchr(w, '\'');
    const char *dash = strrchr(w, '-');
    if ((roles & (W_TIME | W_PRONOUN)) || strcmp(w, "i") == 0 || !t->is_word ||
        (apos && is_stopword(w, (size_t)(apos - w))) ||
        (dash && (word_lists(dash + 1) & L_COMPOUND)))
        b |= TB_SKIP;
    if (roles & (W_OPENER | W_PREP | W_SPEECH | W_RELATIVE)) b |= TB_OPENER;
    if (ends_with(w, "ing") || ends_with(w, "ly") || ends_with(w, "ed")) b |= TB_ENDING;
    if (lists & L_ROLE_MOD) b |= TB_ROLE_MOD;
    if (lists & L_ROLE_HEAD) b |= TB_ROLE_HEAD;
    if (!strcmp(w, "of")) b |= TB_OF;
    if (!strcmp(w, "and")) b |= TB_AND;
    if (!strcmp(w, "for")) b |= TB_FOR;
    if (!strcmp(w, "the")) b |= TB_THE;
    if (!t->is_word && w[0] >= '0' && w[0] <= '9') b |= TB_NUMBER;
    if (t->is_word) b |= TB_WORD;
    return b;
}

static uint32_t tbits(const chorus_story *st, uint32_t k)
{
    uint32_t id = st->tokens[k].term;
    uint32_t *cache = st->analysis ? st->analysis->term_bits : NULL;
    if (cache && cache[id]) return cache[id];
    uint32_t b = compute_bits(STORY_TERM(st, id));
    if (cache) cache[id] = b;
    return b;
}

/* The bytes between tokens j and j+1 are one space, or an initial's period
 * ("U.S.", "F. Kennedy", "Mr. Okafor"). */
static int joined(const chorus_story *st, uint32_t a, uint32_t j)
{
    const char *t = art_text(st, a);
    uint32_t e = st->tokens[j].span.end, s = st->tokens[j + 1].span.start;
    if (s == e + 1 && t[e] == ' ') return 1;
    if (t[e] == '.' && (s == e + 1 || (s == e + 2 && t[e + 1] == ' '))) {
        size_t len = e - st->tokens[j].span.start;
        return len <= 3 || (tbits(st, j) & TB_TITLE);
    }
    return 0;
}

/* The token opens its sentence, a quotation or a clause after a colon. */
static int initial(const chorus_story *st, const sentence *s, uint32_t k)
{
    if (k == s->first_token) return 1;
    const char *t = art_text(st, s->article);
    uint32_t from = st->tokens[k - 1].span.end, to = st->tokens[k].span.start;
    for (uint32_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"' || c == ':' || c == '(' || c == '[' || c == 0xE2) return 1;
    }
    if (to - from >= 2 && (t[from] == '.' || t[from] == '!' || t[from] == '?')) {
        const token *p = &st->tokens[k - 1];
        return p->span.end - p->span.start > 3 && !(tbits(st, k - 1) & TB_TITLE);
    }
    return 0;
}

static void collect_evidence(spot *sp)
{
    chorus_story *st = sp->st;
    for (size_t i = 0; i < st->n_sentences; i++) {
        const sentence *s = &st->sentences[i];
        for (uint32_t k = s->first_token; k < s->first_token + s->n_tokens; k++) {
            int cap = tok_cap(st, s->article, k);
            uint32_t tid = st->tokens[k].term;
            unsigned char c = (unsigned char)art_text(st, s->article)[st->tokens[k].span.start];
            if (!cap && c >= 'a' && c <= 'z') sp->lower_seen[tid] = 1;
            if (cap == 1 && !initial(st, s, k)) sp->cap_mid[tid] = 1;
        }
    }
}

/* Most word tokens of the sentence are capitalized: a headline. */
static int headline_case(const chorus_story *st, const sentence *s)
{
    unsigned words = 0, caps = 0, upper = 0;
    for (uint32_t k = s->first_token; k < s->first_token + s->n_tokens; k++) {
        const term *t = STORY_TERM(st, st->tokens[k].term);
        if (!t->is_word || t->is_stop) continue;
        words++;
        int c = tok_cap(st, s->article, k);
        caps += c != 0, upper += c == 2;
    }
    if (words < 3) return 0;
    if (upper * 10 >= words * 8) return 1;
    return (s->flags & (SENT_FRAGMENT | SENT_TITLE)) && caps * 10 >= words * 8;
}

static int ends_with(const char *w, const char *suffix)
{
    size_t n = strlen(w), m = strlen(suffix);
    return n > m + 2 && strcmp(w + n - m, suffix) == 0;
}

/* May token k be part of a name? */
static int name_token(const spot *sp, const sentence *s, uint32_t k, int headline)
{
    const chorus_story *st = sp->st;
    int cap = tok_cap(st, s->article, k);
    if (!cap) return 0;
    uint32_t b = tbits(st, k), id = st->tokens[k].term;
    if (b & TB_SKIP) return 0;
    int listed = (b & TB_LISTED) != 0;
    if (headline) {
        if (sp->lower_seen[id] && !listed) return 0;
        return cap == 2 || sp->cap_mid[id] || listed || !(b & TB_STOP);
    }
    if (!initial(st, s, k)) return 1;
    const span *ts = &st->tokens[k].span;
    if (acronym_like(art_text(st, s->article) + ts->start, ts->end - ts->start)) return 1;
    if (cap == 2 || (listed && !(b & TB_NAME))) return 1;
    if (b & (TB_STOP | TB_OPENER)) return 0;
    if (sp->lower_seen[id] || (b & TB_ENDING)) return 0;
    if (sp->cap_mid[id]) return 1;
    /* unseen elsewhere: a name only when another capital follows */
    uint32_t end = s->first_token + s->n_tokens;
    if (k + 1 >= end || !joined(st, s->article, k)) return 0;
    if (tok_cap(st, s->article, k + 1)) return 1;
    return k + 2 < end && (tbits(st, k + 1) & TB_PARTICLE) && joined(st, s->article, k + 1) &&
           tok_cap(st, s->article, k + 2);
}

static int is_connector(const char *w)
{
    return (word_lists(w) & L_PARTICLE) || strcmp(w, "of") == 0;
}

static int is_number(const chorus_story *st, uint32_t k)
{
    const term *t = STORY_TERM(st, st->tokens[k].term);
    return !t->is_word && t->lower[0] >= '0' && t->lower[0] <= '9';
}

/* The end (exclusive) of the name run that starts at token k. */
static uint32_t run_end(const spot *sp, const sentence *s, uint32_t k, int headline)
{
    const chorus_story *st = sp->st;
    uint32_t end = s->first_token + s->n_tokens, last = k, j = k + 1;
    int has_of = 0;
    while (j < end && j - k < MAX_RUN && joined(st, s->article, j - 1)) {
        if (name_token(sp, s, j, headline)) {
            last = j++;
            continue;
        }
        uint32_t b = tbits(st, j);
        int conn = (b & (TB_PARTICLE | TB_OF)) || (has_of && (b & TB_AND)) ||
                   ((b & TB_FOR) && (tbits(st, j - 1) & TB_ORG_HEAD));
        if (!conn || j + 1 >= end || !joined(st, s->article, j)) break;
        if (b & TB_OF) has_of = 1;
        uint32_t n = j + 1;
        if ((b & TB_AND) && (tbits(st, n) & TB_THE) && n + 1 < end && joined(st, s->article, n))
            n++;
        if (name_token(sp, s, n, headline) && tok_cap(st, s->article, n)) {
            last = n, j = n + 1;
        } else if ((b & TB_OF) && (tbits(st, n) & TB_NUMBER)) {
            last = n, j = n + 1;
            break;
        } else {
            break;
        }
    }
    return last + 1;
}

/* --------------------------------------------------------------- roles */

/* The country of a demonym or a listed country name, or NULL. */
static const char *country_of(const char *w)
{
    const char *c = demonym_country(w);
    if (c) return c[0] ? c : NULL;
    return (entity_word_flags(w, strlen(w)) & WORD_PLACE) ? w : NULL;
}

/* Parses "Austrian president", "Austria's top diplomat", "US secretary of
 * state" at tokens [k, end): writes "country|class" to out and returns the
 * token after the phrase, or 0. */
static uint32_t parse_role(const chorus_story *st, uint32_t k, uint32_t end, char *out, size_t cap)
{
    if (k >= end || !(tbits(st, k) & TB_COUNTRY)) return 0;
    const char *country = country_of(tok_lower(st, k));
    if (!country) return 0;
    uint32_t j = k + 1;
    int foreign = 0;
    while (j < end && (tbits(st, j) & TB_ROLE_MOD) && j - k < 4)
        foreign |= strcmp(tok_lower(st, j), "foreign") == 0 || strcmp(tok_lower(st, j), "top") == 0,
            j++;
    if (j >= end || !(tbits(st, j) & TB_ROLE_HEAD)) return 0;
    const char *head = tok_lower(st, j++);
    const char *cls = head;
    if (j + 1 < end && strcmp(tok_lower(st, j), "of") == 0 &&
        strcmp(tok_lower(st, j + 1), "state") == 0 && strcmp(head, "secretary") == 0)
        cls = "diplomat", j += 2;
    else if (strcmp(head, "diplomat") == 0 || (foreign && strcmp(head, "minister") == 0))
        cls = "diplomat";
    else if (strcmp(head, "president") == 0 || strcmp(head, "leader") == 0 ||
             strcmp(head, "premier") == 0 || strcmp(head, "chancellor") == 0 ||
             strcmp(head, "king") == 0 || strcmp(head, "ruler") == 0 ||
             (strcmp(head, "minister") == 0 && strcmp(tok_lower(st, j - 2), "prime") == 0))
        cls = "leader";
    snprintf(out, cap, "%s|%s", country, cls);
    return j;
}

/* ------------------------------------------------------------ mentions */

static void compact_key(const char *s, size_t n, char *out, int drop_particles)
{
    size_t o = 0, word = 0;
    for (size_t i = 0; i <= n && o + 8 < KEY_MAX; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : ' ';
        if (c == ' ' || c == '-') {
            if (drop_particles && o > word) {
                out[o] = '\0';
                if ((word_lists(out + word) & L_PARTICLE)) o = word;
            }
            word = o;
            continue;
        }
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (c >= 0x80 && i + 2 < n && c == 0xE2) { /* ’ and other marks: skip */
                i += 2;
                continue;
            }
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

static mention *add_mention(spot *sp, const sentence *s, uint32_t k, uint32_t e, int kind)
{
    if (VEC_COUNT(&sp->mentions, mention) >= MAX_MENTIONS) return NULL;
    mention *m = vec_push(&sp->mentions, sizeof *m);
    if (!m) return NULL;
    const chorus_story *st = sp->st;
    m->article = s->article;
    m->sentence = (uint32_t)(s - st->sentences);
    m->first_token = k, m->n_tokens = e - k;
    m->span.start = st->tokens[k].span.start;
    m->span.end = st->tokens[e - 1].span.end;
    const char *text = art_text(st, s->article);
    if (text[m->span.end] == '.' && m->span.end - m->span.start <= 8 &&
        memchr(text + m->span.start, '.', m->span.end - m->span.start))
        m->span.end++; /* "U.S." keeps its last period */
    m->title_start = m->span.start;
    m->kind = (uint8_t)kind;
    char key[KEY_MAX];
    compact_key(art_text(st, s->article) + m->span.start, m->span.end - m->span.start, key, 0);
    m->key = arena_strdup(&sp->st->arena, key);
    return m;
}

/* The mention's text in lower case (ASCII), cut to cap bytes. */
static void lower_phrase(const chorus_story *st, const mention *m, char *out, size_t cap)
{
    size_t n = m->span.end - m->span.start;
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = art_text(st, m->article)[m->span.start + i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
}

/* Type votes of a name from its own words. */
static void vote_words(spot *sp, mention *m, int titled)
{
    const chorus_story *st = sp->st;
    const char *first = tok_lower(st, m->first_token);
    const char *last = tok_lower(st, m->first_token + m->n_tokens - 1);
    char phrase[KEY_MAX * 2];
    lower_phrase(st, m, phrase, sizeof phrase);
    size_t n = strlen(phrase);
    if (n > 1 && phrase[n - 1] == '.') phrase[--n] = '\0'; /* "u.s." */
    int shape = tok_cap(st, m->article, m->first_token);
    if (titled) m->votes[ENT_PER] += 3;
    int of_head = m->n_tokens > 2 && strcmp(tok_lower(st, m->first_token + 1), "of") == 0;
    if ((word_lists(last) & L_ORG) || (of_head && (word_lists(first) & L_ORG)))
        m->votes[ENT_ORG] += 4;
    if (m->n_tokens > 1 &&
        ((word_lists(last) & L_PLACE_HEAD) || (of_head && (word_lists(first) & L_PLACE_HEAD)) ||
         (m->n_tokens == 2 && (word_lists(first) & L_PLACE_LEAD))))
        m->votes[ENT_LOC] += 3;
    if (m->n_tokens > 1 && (word_lists(last) & L_MISC_HEAD)) m->votes[ENT_MISC] += 3;
    if ((entity_word_flags(phrase, n) & WORD_PLACE) || (word_lists(phrase) & L_REGION))
        m->votes[ENT_LOC] += 3;
    else if (demonym_country(phrase) && !is_demonym(phrase) && demonym_country(phrase)[0])
        m->votes[ENT_LOC] += 3;
    if (m->n_tokens == 1 && is_demonym(first))
        m->votes[ENT_MISC] += 3;
    else if (is_demonym(first))
        m->votes[ENT_MISC] += 1;
    unsigned f = entity_word_flags(first, strlen(first));
    if ((f & (WORD_MALE | WORD_FEMALE)) && m->n_tokens >= 2 && !(f & WORD_PLACE))
        m->votes[ENT_PER] += 2;
    if (m->n_tokens == 1 && shape == 2 && !m->votes[ENT_LOC]) m->votes[ENT_ORG] += 1;
}

static int has_common_word(const spot *sp, const mention *m)
{
    for (uint32_t k = m->first_token; k < m->first_token + m->n_tokens; k++)
        if (sp->lower_seen[sp->st->tokens[k].term]) return 1;
    return 0;
}

/* Votes from the words around the name. */
static void vote_context(spot *sp, const sentence *s, mention *m)
{
    const chorus_story *st = sp->st;
    const char *t = art_text(st, m->article);
    uint32_t e = m->first_token + m->n_tokens, end = s->first_token + s->n_tokens;
    if (e < end && st->tokens[e].span.start == m->span.end + 1) {
        const char *w = tok_lower(st, e);
        if (segment_word_roles(w, strlen(w)) & W_SPEECH) m->votes[ENT_PER] += 1;
    }
    if (e < end && t[m->span.end] == ',' && st->tokens[e].span.start == m->span.end + 2 &&
        (entity_word_flags(tok_lower(st, e), strlen(tok_lower(st, e))) & WORD_PLACE) &&
        tok_cap(st, m->article, e))
        m->votes[ENT_LOC] += 2; /* "Coimbra, Portugal" */
    if (m->first_token == s->first_token && s->paragraph <= 1 && e < end &&
        acronym_like(t + m->span.start, m->span.end - m->span.start) &&
        (t[m->span.end] == ',' || (unsigned char)t[m->span.end + 1] == 0xE2))
        m->votes[ENT_LOC] += 5; /* a dateline: "CITY — ..." */
    if (m->first_token > s->first_token) {
        const char *w = tok_lower(st, m->first_token - 1);
        if ((word_lists(w) & L_PREP)) m->votes[ENT_LOC] += m->n_tokens == 1 ? 2 : 1;
        if (strcmp(w, "the") == 0) m->votes[ENT_ORG] += 1;
    }
    int any = 0;
    for (int k = 0; k < ENT_TYPE_COUNT; k++)
        any |= m->votes[k];
    if (!any) { /* unknown words: a person's name when two or three, else an organization */
        m->votes[m->n_tokens >= 2 && m->n_tokens <= 3 && !has_common_word(sp, m) ? ENT_PER
                                                                                 : ENT_ORG] += 1;
        m->guessed = 1;
    }
}

/* Strips titles from the run [k, e): returns the first name token. Words
 * before the title ("Austrian", "African Union") are a mention of their
 * own and, when a country, the person's role. */
static uint32_t strip_titles(spot *sp, const sentence *s, uint32_t k, uint32_t e, int *titled,
                             char *role, size_t role_cap)
{
    const chorus_story *st = sp->st;
    uint32_t t = k;
    for (uint32_t j = k + 1; j + 1 < e && j < k + 4; j++) {
        if (!(word_lists(tok_lower(st, j)) & L_TITLE) ||
            (word_lists(tok_lower(st, j - 1)) & L_TITLE))
            continue;
        uint32_t after = j;
        while (after < e && (word_lists(tok_lower(st, after)) & L_TITLE))
            after++;
        if (after >= e) break;
        const char *next = tok_lower(st, after);
        if (!(word_lists(tok_lower(st, j)) & L_PTITLE) &&
            !(entity_word_flags(next, strlen(next)) & (WORD_MALE | WORD_FEMALE)))
            continue;
        parse_role(st, k, e, role, role_cap);
        mention *m = add_mention(sp, s, k, j, MENTION_NAME);
        if (m) {
            vote_words(sp, m, 0);
            int cued = 0;
            for (int v = 0; v < ENT_TYPE_COUNT; v++)
                cued |= m->votes[v];
            if (cued)
                vote_context(sp, s, m);
            else
                sp->mentions.len -= sizeof *m; /* "Port Chief ...": no name of its own */
        }
        t = j;
        break;
    }
    while (t < e && (word_lists(tok_lower(st, t)) & L_TITLE)) {
        *titled |= (word_lists(tok_lower(st, t)) & L_HONOR) ? 2 : 1;
        t++;
        if (t + 1 < e && strcmp(tok_lower(st, t), "of") == 0) t += 2; /* Minister of Finance */
    }
    return t;
}

/* A role phrase just before the name: "Austrian president Karl Weiss". */
static void role_before(const chorus_story *st, const sentence *s, uint32_t k, char *role,
                        size_t cap)
{
    for (uint32_t back = 2; back <= 5 && back <= k - s->first_token; back++)
        if (parse_role(st, k - back, k, role, cap) == k) return;
}

/* A role phrase after a comma: "Ilse Brenner, Austria's top diplomat". */
static void role_after(const chorus_story *st, const sentence *s, const mention *m, char *role,
                       size_t cap)
{
    uint32_t e = m->first_token + m->n_tokens, end = s->first_token + s->n_tokens;
    if (e >= end || art_text(st, s->article)[m->span.end] != ',') return;
    if (e + 1 < end && strcmp(tok_lower(st, e), "the") == 0) e++;
    char found[KEY_MAX];
    uint32_t r = parse_role(st, e, end, found, sizeof found);
    if (!r) return;
    const char *t = art_text(st, s->article);
    uint32_t after = st->tokens[r - 1].span.end;
    if (r < end && t[after] != ',' && t[after] != '.' && strcmp(tok_lower(st, r), "and")) return;
    snprintf(role, cap, "%s", found);
}

/* The title written right before token k ("president Karl", "Ms. Lutz",
 * "Ms Lutz"), or UINT32_MAX. */
static uint32_t title_before(const chorus_story *st, const sentence *s, uint32_t k)
{
    if (k == s->first_token || !(word_lists(tok_lower(st, k - 1)) & L_TITLE)) return UINT32_MAX;
    const char *text = art_text(st, s->article);
    uint32_t end = st->tokens[k - 1].span.end, next = st->tokens[k].span.start;
    if (end < next && text[end] == '.') end++; /* the abbreviation's period */
    return end + 1 == next && text[end] == ' ' ? k - 1 : UINT32_MAX;
}

static void spot_run(spot *sp, const sentence *s, uint32_t k, uint32_t e)
{
    const chorus_story *st = sp->st;
    char role[KEY_MAX] = "";
    int titled = 0;
    uint32_t t = strip_titles(sp, s, k, e, &titled, role, sizeof role);
    if (t >= e) return;
    while (e > t + 1 && is_connector(tok_lower(st, e - 1)))
        e--;
    if (!role[0]) role_before(st, s, k, role, sizeof role);
    uint32_t from = t, before = t == k ? title_before(st, s, k) : UINT32_MAX;
    if (before != UINT32_MAX) { /* "president Karl Weiss", "Ms. Lutz" */
        titled = (word_lists(tok_lower(st, before)) & L_HONOR) ? 2 : 1;
        if (titled == 2) from = before; /* the titled form is an alias */
    }
    mention *m = add_mention(sp, s, t, e, MENTION_NAME);
    if (!m) return;
    m->titled = (uint8_t)titled;
    while (from > k && (word_lists(tok_lower(st, from - 1)) & L_TITLE) &&
           joined(st, s->article, from - 1))
        from--;
    m->title_start = st->tokens[from].span.start; /* "Mr. Okafor", "President Weiss" */
    vote_words(sp, m, titled);
    if (!role[0] && !m->votes[ENT_LOC] && !m->votes[ENT_ORG])
        role_after(st, s, m, role, sizeof role);
    if (role[0]) m->role = arena_strdup(&sp->st->arena, role), m->votes[ENT_PER] += 2;
    if (titled & 2) m->votes[ENT_PER] += 3;
    vote_context(sp, s, m);
}

/* "the Austrian president", "Austria's top diplomat" not followed by a name. */
static uint32_t spot_role(spot *sp, const sentence *s, uint32_t k)
{
    const chorus_story *st = sp->st;
    uint32_t end = s->first_token + s->n_tokens;
    int the = k > s->first_token && strcmp(tok_lower(st, k - 1), "the") == 0;
    char role[KEY_MAX];
    uint32_t e = parse_role(st, k, end, role, sizeof role);
    if (!e) return 0;
    if (!the && art_text(st, s->article)[st->tokens[k].span.end] == ' ') return 0;
    if (e < end && tok_cap(st, s->article, e) && joined(st, s->article, e - 1)) return 0;
    mention *m = add_mention(sp, s, k, e, MENTION_ROLE);
    if (m) m->role = arena_strdup(&sp->st->arena, role);
    return e;
}

static void spot_sentence(spot *sp, const sentence *s)
{
    const chorus_story *st = sp->st;
    int headline = headline_case(st, s);
    uint32_t end = s->first_token + s->n_tokens;
    for (uint32_t k = s->first_token; k < end;) {
        if (!name_token(sp, s, k, headline)) {
            uint32_t r = headline || !tok_cap(st, s->article, k) ? 0 : spot_role(sp, s, k);
            k = r ? r : k + 1;
            continue;
        }
        uint32_t e = run_end(sp, s, k, headline);
        uint32_t r = headline ? 0 : spot_role(sp, s, k);
        if (r && r > e) {
            k = r;
            continue;
        }
        spot_run(sp, s, k, e);
        k = e;
    }
}

/* ------------------------------------------------------------ merging */

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

static void uf_union(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = uf_find(parent, a), b = uf_find(parent, b);
    if (a == b) return;
    if (a < b)
        parent[b] = a;
    else
        parent[a] = b;
}

/* Links mentions the text says are one: "X, also known as Y, Z or W",
 * "X (Y)". Runs per sentence over consecutive mentions. */
static void link_lists(spot *sp)
{
    const chorus_story *st = sp->st;
    mention *ms = (mention *)(void *)sp->mentions.data;
    size_t n = VEC_COUNT(&sp->mentions, mention);
    int chain = 0;
    for (size_t i = 1; i < n; i++) {
        mention *a = &ms[i - 1], *b = &ms[i];
        if (a->sentence != b->sentence || a->kind || b->kind) {
            chain = 0;
            continue;
        }
        int known = 0, other = 0, ors = 0;
        for (uint32_t k = a->first_token + a->n_tokens; k < b->first_token; k++) {
            const char *w = tok_lower(st, k);
            if (!strcmp(w, "known") || !strcmp(w, "called") || !strcmp(w, "aka"))
                known = 1;
            else if (!strcmp(w, "or"))
                ors = 1;
            else if (strcmp(w, "also") && strcmp(w, "as") && strcmp(w, "or") && strcmp(w, "and"))
                other = 1;
        }
        const char *t = art_text(st, a->article);
        /* "World Health Organization (WHO)": an acronym of a name of two or
         * more words that starts with its initial ("NEW YORK (AP)" does not) */
        int paren = b->span.start >= a->span.end + 2 && t[a->span.end + 1] == '(' &&
                    b->first_token == a->first_token + a->n_tokens && t[b->span.end] == ')' &&
                    cap_shape(t + b->span.start, b->span.end - b->span.start) == 2 &&
                    a->n_tokens >= 2 && (t[a->span.start] | 0x20) == (t[b->span.start] | 0x20);
        int or_acr = !other && ors && !a->votes[ENT_LOC] && !b->votes[ENT_LOC] &&
                     (cap_shape(t + a->span.start, a->span.end - a->span.start) == 2 ||
                      cap_shape(t + b->span.start, b->span.end - b->span.start) == 2);
        if (!other && (known || chain || paren || or_acr)) {
            uint32_t *p = vec_push(&sp->links, 2 * sizeof *p);
            if (p) p[0] = (uint32_t)(i - 1), p[1] = (uint32_t)i;
            chain = known || chain;
        } else {
            chain = 0;
        }
        if (paren) chain = 0;
    }
}

/* Unions every mention with the first one of the same key. */
static void union_by_key(spot *sp, uint32_t *parent, uint32_t i, const char *key)
{
    if (!key[0]) return;
    int inserted = 0;
    map_slot *slot = map_upsert(&sp->keys, key, strlen(key), i, &inserted);
    if (slot && !inserted) uf_union(parent, slot->value, i);
}

/* The initials of a multi-word name: "Group of 8" -> "g8". */
static void initials(const chorus_story *st, const mention *m, char *out)
{
    size_t o = 0;
    for (uint32_t k = m->first_token; k < m->first_token + m->n_tokens && o + 8 < KEY_MAX; k++) {
        const char *w = tok_lower(st, k);
        if (is_number(st, k)) {
            for (; *w && o + 2 < KEY_MAX; w++)
                if (*w >= '0' && *w <= '9') out[o++] = *w;
        } else if (tok_cap(st, m->article, k) && (unsigned char)w[0] < 0x80) {
            out[o++] = w[0];
        }
    }
    out[o] = '\0';
}

static int single(const mention *m)
{
    return m->n_tokens == 1;
}

/* A surname key of a full name: its last word, with and without "al-". */
static void surname_keys(const chorus_story *st, const mention *m, char *a, char *b)
{
    const token *t = &st->tokens[m->first_token + m->n_tokens - 1];
    const char *text = art_text(st, m->article);
    compact_key(text + t->span.start, t->span.end - t->span.start, a, 0);
    compact_key(text + t->span.start, t->span.end - t->span.start, b, 1);
}

static int is_full_person(const mention *m)
{
    int per = m->votes[ENT_PER];
    return m->kind == MENTION_NAME && m->n_tokens >= 2 && m->n_tokens <= 4 &&
           per >= m->votes[ENT_ORG] && per >= m->votes[ENT_LOC] && per > 0;
}

/* The full-name mention a one-word mention i is the surname of: the
 * nearest before it in its article, else the only one in the story. */
static int64_t surname_target(spot *sp, uint32_t *parent, size_t i)
{
    const chorus_story *st = sp->st;
    mention *ms = (mention *)(void *)sp->mentions.data;
    size_t n = VEC_COUNT(&sp->mentions, mention);
    int64_t near = -1, only = -1;
    int several = 0;
    char a[KEY_MAX], b[KEY_MAX];
    for (size_t j = 0; j < n; j++) {
        if (!is_full_person(&ms[j])) continue;
        surname_keys(st, &ms[j], a, b);
        if (strcmp(a, ms[i].key) && strcmp(b, ms[i].key)) continue;
        if (ms[j].article == ms[i].article && j < i) near = (int64_t)j;
        if (only >= 0 && uf_find(parent, (uint32_t)only) != uf_find(parent, (uint32_t)j))
            several = 1;
        if (only < 0) only = (int64_t)j;
    }
    return near >= 0 ? near : several ? -1 : only;
}

static void merge_mentions(spot *sp, uint32_t *parent)
{
    const chorus_story *st = sp->st;
    mention *ms = (mention *)(void *)sp->mentions.data;
    size_t n = VEC_COUNT(&sp->mentions, mention);
    char key[KEY_MAX];
    for (size_t i = 0; i < n; i++)
        parent[i] = (uint32_t)i;
    for (size_t i = 0; i < n; i++) { /* full names and acronyms by key */
        if (ms[i].kind || single(&ms[i])) continue;
        union_by_key(sp, parent, (uint32_t)i, ms[i].key);
        const char *t = art_text(st, ms[i].article);
        compact_key(t + ms[i].span.start, ms[i].span.end - ms[i].span.start, key, 1);
        char tagged[KEY_MAX + 2];
        snprintf(tagged, sizeof tagged, "~%s", key);
        union_by_key(sp, parent, (uint32_t)i, tagged);
    }
    for (size_t l = 0; l + 1 < VEC_COUNT(&sp->links, uint32_t); l += 2)
        uf_union(parent, VEC_AT(&sp->links, uint32_t, l), VEC_AT(&sp->links, uint32_t, l + 1));
    for (size_t i = 0; i < n; i++) { /* one-word mentions: surnames, then keys */
        if (ms[i].kind || !single(&ms[i])) continue;
        int64_t target = surname_target(sp, parent, i);
        if (target >= 0)
            uf_union(parent, (uint32_t)target, (uint32_t)i);
        else
            union_by_key(sp, parent, (uint32_t)i, ms[i].key);
    }
    for (size_t i = 0; i < n; i++) { /* expansions of acronyms */
        if (ms[i].kind || single(&ms[i])) continue;
        initials(st, &ms[i], key);
        if (strlen(key) < 2) continue;
        uint32_t *v = map_get(&sp->keys, key, strlen(key));
        if (v && acronym_like(art_text(st, ms[*v].article) + ms[*v].span.start,
                              ms[*v].span.end - ms[*v].span.start))
            uf_union(parent, *v, (uint32_t)i);
    }
}

/* ------------------------------------------------------------ entities */

static int name_better(const chorus_story *st, const mention *a, const mention *b)
{
    if (a->n_tokens != b->n_tokens) return a->n_tokens > b->n_tokens;
    if (a->span.end - a->span.start != b->span.end - b->span.start)
        return (a->span.end - a->span.start) > (b->span.end - b->span.start);
    const char *ta = art_text(st, a->article), *tb = art_text(st, b->article);
    return cap_shape(ta + a->span.start, a->span.end - a->span.start) <
           cap_shape(tb + b->span.start, b->span.end - b->span.start);
}

static chorus_status build_entities(spot *sp, uint32_t *parent, chorus_error *err)
{
    chorus_story *st = sp->st;
    analysis *an = sp->an;
    mention *ms = (mention *)(void *)sp->mentions.data;
    size_t n = VEC_COUNT(&sp->mentions, mention);
    uint32_t *ent_of = arena_alloc_array(&st->arena, n + 1, sizeof *ent_of);
    uint32_t *count = arena_alloc_array(&st->arena, n + 1, sizeof *count);
    if (!ent_of || !count) return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    size_t ne = 0;
    for (size_t i = 0; i < n; i++) {
        if (ms[i].kind) continue;
        uint32_t r = uf_find(parent, (uint32_t)i);
        if (r == i) ent_of[i] = (uint32_t)ne++;
        ms[i].entity = ent_of[r];
        count[ms[i].entity]++;
    }
    an->entities = arena_alloc_array(&st->arena, ne + 1, sizeof *an->entities);
    if (!an->entities) return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    an->n_entities = ne;
    for (size_t e = 0; e < ne; e++) {
        an->entities[e].mentions = arena_alloc_array(&st->arena, count[e] + 4, sizeof(uint32_t));
        if (!an->entities[e].mentions)
            return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    }
    return CHORUS_OK;
}

/* Binds role mentions to the person described with the same role: the
 * nearest before it in the article, else the one with most mentions. */
static void bind_roles(analysis *an)
{
    for (size_t i = 0; i < an->n_mentions; i++) {
        mention *m = &an->mentions[i];
        if (m->kind != MENTION_ROLE) continue;
        int64_t near = -1, best = -1;
        size_t best_count = 0;
        for (size_t j = 0; j < an->n_mentions; j++) {
            const mention *o = &an->mentions[j];
            if (o->kind || !o->role || strcmp(o->role, m->role)) continue;
            if (an->entities[o->entity].type != ENT_PER) continue;
            if (o->article == m->article && j < i) near = o->entity;
            size_t c = an->entities[o->entity].n_mentions;
            if (c > best_count) best_count = c, best = o->entity;
        }
        if (near < 0) near = best;
        m->entity = near >= 0 ? (uint32_t)near : UINT32_MAX;
    }
}

static int add_alias(chorus_story *st, entity *e, const char *s, size_t n, map *seen, size_t id)
{
    char key[300];
    int len = snprintf(key, sizeof key, "%zu\x01%.*s", id, (int)(n > 200 ? 200 : n), s);
    int inserted = 0;
    if (!map_upsert(seen, key, (size_t)len, 0, &inserted)) return 0;
    if (!inserted) return 1;
    const char **grown = arena_alloc_array(&st->arena, e->n_aliases + 1, sizeof *grown);
    if (!grown) return 0;
    if (e->n_aliases) memcpy(grown, e->aliases, e->n_aliases * sizeof *grown);
    grown[e->n_aliases++] = arena_strndup(&st->arena, s, n);
    e->aliases = grown;
    return 1;
}

/* Fills each entity's mentions, aliases, articles, name, type, gender. */
static chorus_status fill_entities(chorus_story *st, analysis *an, map *seen, chorus_error *err)
{
    for (size_t i = 0; i < an->n_mentions; i++) {
        mention *m = &an->mentions[i];
        if (m->entity == UINT32_MAX) continue;
        entity *e = &an->entities[m->entity];
        const mention *best = e->n_mentions ? &an->mentions[e->mentions[0]] : NULL;
        e->mentions[e->n_mentions++] = (uint32_t)i;
        if (m->kind == MENTION_NAME && (!e->name || name_better(st, m, best)))
            e->name = arena_strndup(&st->arena, art_text(st, m->article) + m->span.start,
                                    m->span.end - m->span.start);
        if (m->kind == MENTION_NAME && best && name_better(st, m, best)) {
            uint32_t tmp = e->mentions[0];
            e->mentions[0] = e->mentions[e->n_mentions - 1];
            e->mentions[e->n_mentions - 1] = tmp;
        }
        if (!add_alias(st, e, art_text(st, m->article) + m->span.start, m->span.end - m->span.start,
                       seen, m->entity) ||
            (m->title_start < m->span.start &&
             !add_alias(st, e, art_text(st, m->article) + m->title_start,
                        m->span.end - m->title_start, seen, m->entity)))
            return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    }
    return CHORUS_OK;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static chorus_status finish_entity(chorus_story *st, analysis *an, entity *e, chorus_error *err)
{
    qsort(e->mentions, e->n_mentions, sizeof *e->mentions, compare_u32);
    /* the mentions with evidence decide; the guesses only when none has any */
    unsigned votes[ENT_TYPE_COUNT] = {0}, guesses[ENT_TYPE_COUNT] = {0}, evidence = 0;
    e->articles = arena_alloc_array(&st->arena, e->n_mentions + 1, sizeof *e->articles);
    if (!e->articles) return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    for (size_t k = 0; k < e->n_mentions; k++) {
        const mention *m = &an->mentions[e->mentions[k]];
        for (int t = 0; t < ENT_TYPE_COUNT; t++)
            (m->guessed ? guesses : votes)[t] += m->votes[t];
        size_t a = m->article, j = e->n_articles;
        while (j > 0 && e->articles[j - 1] > a)
            j--;
        if (j > 0 && e->articles[j - 1] == a) continue;
        memmove(e->articles + j + 1, e->articles + j, (e->n_articles - j) * sizeof *e->articles);
        e->articles[j] = a, e->n_articles++;
    }
    for (int t = 0; t < ENT_TYPE_COUNT; t++)
        evidence += votes[t];
    if (!evidence) memcpy(votes, guesses, sizeof votes);
    e->type = ENT_PER;
    for (int t = 1; t < ENT_TYPE_COUNT; t++)
        if (votes[t] > votes[e->type]) e->type = (entity_type)t;
    if (!e->name) e->name = "";
    char first[64];
    size_t l = strcspn(e->name, " ");
    if (l < sizeof first) {
        for (size_t i = 0; i < l; i++)
            first[i] =
                (char)(e->name[i] >= 'A' && e->name[i] <= 'Z' ? e->name[i] + 32 : e->name[i]);
        first[l] = '\0';
        unsigned f = entity_word_flags(first, l) & (WORD_MALE | WORD_FEMALE);
        if (e->type == ENT_PER && strchr(e->name, ' ') && f != (WORD_MALE | WORD_FEMALE))
            e->gender = (uint8_t)f;
    }
    return CHORUS_OK;
}

static chorus_status assemble(spot *sp, uint32_t *parent, chorus_error *err)
{
    chorus_story *st = sp->st;
    analysis *an = sp->an;
    chorus_status s = build_entities(sp, parent, err);
    if (s != CHORUS_OK) return s;
    an->mentions = (mention *)(void *)sp->mentions.data;
    an->n_mentions = VEC_COUNT(&sp->mentions, mention);
    map seen;
    map_init(&seen, &st->arena);
    /* names first (types), then roles bound to typed persons */
    for (size_t i = 0; i < an->n_mentions; i++)
        if (an->mentions[i].kind) an->mentions[i].entity = UINT32_MAX;
    s = fill_entities(st, an, &seen, err);
    for (size_t e = 0; s == CHORUS_OK && e < an->n_entities; e++)
        s = finish_entity(st, an, &an->entities[e], err);
    if (s == CHORUS_OK) bind_roles(an);
    for (size_t i = 0; s == CHORUS_OK && i < an->n_mentions; i++) {
        mention *m = &an->mentions[i];
        if (!m->kind || m->entity == UINT32_MAX) continue;
        entity *e = &an->entities[m->entity];
        uint32_t *grown = arena_alloc_array(&st->arena, e->n_mentions + 1, sizeof *grown);
        if (!grown) {
            s = story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
            break;
        }
        memcpy(grown, e->mentions, e->n_mentions * sizeof *grown);
        grown[e->n_mentions++] = (uint32_t)i;
        e->mentions = grown;
        if (!add_alias(st, e, art_text(st, m->article) + m->span.start, m->span.end - m->span.start,
                       &seen, m->entity))
            s = story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    }
    map_free(&seen);
    return s;
}

chorus_status entities_story(chorus_story *st, chorus_error *err)
{
    size_t n_terms = VEC_COUNT(&st->terms, term);
    spot sp = {.st = st, .an = st->analysis};
    sp.lower_seen = arena_alloc_array(&st->arena, n_terms + 1, 1);
    sp.cap_mid = arena_alloc_array(&st->arena, n_terms + 1, 1);
    if (!sp.lower_seen || !sp.cap_mid)
        return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    st->analysis->token_shape = arena_alloc_array(&st->arena, st->n_tokens + 1, 1);
    st->analysis->term_bits = arena_alloc_array(&st->arena, n_terms + 1, sizeof(uint32_t));
    if (!st->analysis->token_shape || !st->analysis->term_bits)
        return story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    buf_init(&sp.mentions, MAX_MENTIONS * sizeof(mention));
    buf_init(&sp.links, 0);
    map_init(&sp.keys, &st->arena);
    collect_evidence(&sp);
    for (size_t i = 0; i < st->n_sentences; i++)
        spot_sentence(&sp, &st->sentences[i]);
    link_lists(&sp);
    chorus_status s = CHORUS_OK;
    size_t n = VEC_COUNT(&sp.mentions, mention);
    uint32_t *parent = arena_alloc_array(&st->arena, n + 1, sizeof *parent);
    if (!parent || sp.mentions.failed || sp.links.failed || sp.keys.failed)
        s = story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
    if (s == CHORUS_OK) {
        merge_mentions(&sp, parent);
        mention *copy = arena_alloc_array(&st->arena, n + 1, sizeof(mention));
        if (copy && n) memcpy(copy, sp.mentions.data, n * sizeof(mention));
        buf_free(&sp.mentions);
        if (!copy) s = story_error(err, CHORUS_E_NOMEM, "entities", -1, "out of memory");
        sp.mentions.data = (char *)copy, sp.mentions.len = n * sizeof(mention);
        if (s == CHORUS_OK) s = assemble(&sp, parent, err);
    } else {
        buf_free(&sp.mentions);
    }
    buf_free(&sp.links);
    map_free(&sp.keys);
    return s;
}

int32_t entity_at(const chorus_story *st, uint32_t ai, uint32_t start, uint32_t end)
{
    const analysis *an = st->analysis;
    int32_t best = -1;
    for (size_t i = 0; i < an->n_mentions; i++) {
        const mention *m = &an->mentions[i];
        if (m->article != ai || m->entity == UINT32_MAX) continue;
        if (m->span.start < start || m->span.end > end) continue;
        if (m->span.end == end) return (int32_t)m->entity; /* the head of the phrase */
        if (an->entities[m->entity].type == ENT_PER) best = (int32_t)m->entity;
    }
    return best;
}
