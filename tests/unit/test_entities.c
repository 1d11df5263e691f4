/* Tests of the entity layer: spotting, typing and alias merging, through
 * the public API, on invented sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chorus.h"
#include "entities.h"

/* A story of the given articles (NULL-terminated), run. */
static chorus_story *story_of(const char *const *texts)
{
    chorus_story *st = chorus_story_new();
    chorus_error err;
    for (size_t i = 0; texts[i]; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu.txt", i + 1);
        assert_int_equal(chorus_story_add_text(st, id, texts[i], strlen(texts[i]), &err),
                         CHORUS_OK);
    }
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    return st;
}

static int has_alias(const chorus_entity_info *e, const char *alias)
{
    for (size_t k = 0; k < e->alias_count; k++)
        if (strcmp(e->aliases[k], alias) == 0) return 1;
    return 0;
}

/* The index of the entity with this alias, or -1. */
static long find(const chorus_story *st, const char *alias, chorus_entity_info *out)
{
    for (size_t i = 0; i < chorus_story_entity_count(st); i++) {
        chorus_story_entity(st, i, out);
        if (has_alias(out, alias)) return (long)i;
    }
    return -1;
}

static void expect(const chorus_story *st, const char *alias, const char *type, const char *name)
{
    chorus_entity_info e;
    long i = find(st, alias, &e);
    if (i < 0) fail_msg("no entity has the alias '%s'", alias);
    if (type) assert_string_equal(e.type, type);
    if (name) assert_string_equal(e.name, name);
}

static void same(const chorus_story *st, const char *a, const char *b)
{
    chorus_entity_info e;
    long i = find(st, a, &e), j = find(st, b, &e);
    if (i < 0 || j < 0 || i != j) fail_msg("'%s' and '%s' are not one entity", a, b);
}

static void different(const chorus_story *st, const char *a, const char *b)
{
    chorus_entity_info e;
    long i = find(st, a, &e), j = find(st, b, &e);
    if (i < 0 || j < 0 || i == j) fail_msg("'%s' and '%s' are merged or missing", a, b);
}

static void test_titles_and_surnames(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Port Chief Peter Okafor met the board on Monday. Mr. Okafor said repairs would start "
        "soon, and Okafor's deputy agreed.\n",
        "The talks in Lisbon went well, Okafor told reporters afterwards.\n", NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    expect(st, "Peter Okafor", "PER", "Peter Okafor");
    same(st, "Peter Okafor", "Okafor");
    expect(st, "Lisbon", "LOC", NULL);
    chorus_entity_info e;
    find(st, "Okafor", &e);
    assert_int_equal(e.article_count, 2);
    chorus_story_free(st);
}

static void test_shared_surname_never_merged(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Anna Lindqvist, the mayor, opened the hearing. Her brother Erik Lindqvist runs the "
        "shipyard. Lindqvist said the yard would stay open.\n",
        "Anna Lindqvist spoke first at the hearing.\n", NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    different(st, "Anna Lindqvist", "Erik Lindqvist");
    same(st, "Erik Lindqvist", "Lindqvist"); /* the nearest full name before it */
    chorus_story_free(st);
}

static void test_acronyms_and_lists(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "The Northern Alliance for Reform (NAR) won the vote. The Blue Crescent Movement, also "
        "known as BCM, Crescent Front or Al-Hilal, lost ground.\n",
        "Leaders of the Group of 8 met in Lisbon. The G-8 summit ended early, and NAR "
        "officials left. G8 ministers will meet again. Al Hilal denied any role.\n",
        "The Union of Harbor Workers met on Friday. Later the UHW voted to strike.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    same(st, "Northern Alliance for Reform", "NAR");
    same(st, "Group of 8", "G-8");
    same(st, "G-8", "G8");
    same(st, "Blue Crescent Movement", "BCM");
    same(st, "BCM", "Crescent Front");
    same(st, "Crescent Front", "Al-Hilal");
    same(st, "Al-Hilal", "Al Hilal");
    same(st, "Union of Harbor Workers", "UHW"); /* initials, no explicit link */
    expect(st, "Blue Crescent Movement", "ORG", "Blue Crescent Movement");
    chorus_story_free(st);
}

/* A wire dateline's agency in parentheses is no acronym of its city: the
 * cities of several datelines stay apart. */
static void test_dateline_agency_is_no_acronym(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "LISBON (WN) _ The harbor reopened on Monday after the storm.\n",
        "OPORTO (WN) _ Fishing boats returned to the harbor.\n",
        "The Western Harbor Authority (WHA) said repairs would take a month.\n", NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    different(st, "LISBON", "OPORTO");
    different(st, "LISBON", "WN");
    same(st, "Western Harbor Authority", "WHA");
    chorus_story_free(st);
}

/* Bare surnames with no evidence of their own do not outvote the mentions
 * that show a person. */
static void test_bare_surnames_keep_a_person(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Governor Tomas Brandt opened the bridge. Brandt thanked the crews. Later Brandt "
        "visited the harbor, and Brandt met the mayor. Brandt left at noon.\n",
        "Brandt praised the workers. The crowd cheered Brandt. Brandt waved.\n", NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    expect(st, "Brandt", "PER", "Tomas Brandt");
    chorus_story_free(st);
}

static void test_spelling_variants_and_particles(void **state)
{
    /* clang-format off */
    const char *texts[] = {"Omar al-Rashid arrived in Lisbon on Tuesday.\n",
                           "Omar al Rashid met officials. Rashid's visit ended Friday, and "
                           "officials said al-Rashid would return.\n",
                           "The Da'wa Party and the Dawa Party are one party.\n", NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    same(st, "Omar al-Rashid", "Omar al Rashid");
    same(st, "Omar al-Rashid", "Rashid");
    expect(st, "Rashid", "PER", NULL);
    same(st, "Da'wa Party", "Dawa Party");
    expect(st, "Dawa Party", "ORG", NULL);
    chorus_story_free(st);
}

static void test_roles_by_apposition(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Ilse Brenner, Austria's top diplomat, arrived on Sunday. The Austrian foreign minister "
        "then met Portuguese officials.\n",
        "Austrian President Karl Weiss stayed home. The Austrian president sent a letter.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    expect(st, "Ilse Brenner", "PER", NULL);
    same(st, "Ilse Brenner", "Austrian foreign minister");
    same(st, "Karl Weiss", "Austrian president");
    different(st, "Karl Weiss", "Ilse Brenner");
    expect(st, "Portuguese", "MISC", NULL);
    chorus_story_free(st);
}

static void test_types_and_sentence_capitals(void **state)
{
    /* clang-format off */
    const char *texts[] = {
        "Yesterday the board of Norvex Corp met at the University of Calderport. Officials "
        "said the Harbor Authority would pay.\n",
        "Despite the rain, officials of Norvex Corp came. Despite everything, yesterday went "
        "well.\n",
        NULL};
    /* clang-format on */
    chorus_story *st = story_of(texts);
    expect(st, "Norvex Corp", "ORG", NULL);
    expect(st, "University of Calderport", "ORG", NULL);
    expect(st, "Harbor Authority", "ORG", NULL);
    chorus_entity_info e;
    assert_int_equal(find(st, "Yesterday", &e), -1);
    assert_int_equal(find(st, "Despite", &e), -1);
    assert_int_equal(find(st, "Officials", &e), -1);
    chorus_story_free(st);
}

/* A two-word name opened by "Port", "Fort", "Mount", "Lake" or "Cape" is
 * a place, even when its second word is a first name or a surname (which
 * would otherwise make it a person, later shortened to "Elizabeth"). */
static void test_place_leads(void **state)
{
    const char *texts[] = {"Flood waters rose in Port Elizabeth and Mount Vernon on Monday. "
                           "Residents of Fort Myers left before dawn.\n",
                           NULL};
    chorus_story *st = story_of(texts);
    expect(st, "Port Elizabeth", "LOC", NULL);
    expect(st, "Mount Vernon", "LOC", NULL);
    expect(st, "Fort Myers", "LOC", NULL);
    chorus_story_free(st);
}

static void test_mentions_have_spans(void **state)
{
    const char *texts[] = {"Mr. Okafor left. Peter Okafor returned.\n", NULL};
    chorus_story *st = story_of(texts);
    chorus_entity_info e;
    long i = find(st, "Okafor", &e);
    assert_true(i >= 0);
    chorus_article_info art;
    chorus_story_article(st, 0, &art);
    assert_int_equal(e.mention_count, 2);
    for (size_t k = 0; k < e.mention_count; k++) {
        chorus_mention_info m;
        assert_true(chorus_story_entity_mention(st, (size_t)i, k, &m));
        assert_true(m.end <= art.text_len && m.start < m.end);
        assert_true(strncmp(art.text + m.start, "Okafor", 6) == 0 ||
                    strncmp(art.text + m.start, "Peter Okafor", 12) == 0);
    }
    assert_false(chorus_story_entity_mention(st, (size_t)i, e.mention_count, NULL));
    chorus_story_free(st);
}

static void test_word_tables_sorted(void **state)
{
    assert_true(entity_lists_sorted());
    assert_true(entity_word_flags("lisbon", 6) & WORD_PLACE);
    assert_int_equal(entity_word_flags("zzzz", 4), 0);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_tables_sorted),
        cmocka_unit_test(test_titles_and_surnames),
        cmocka_unit_test(test_shared_surname_never_merged),
        cmocka_unit_test(test_acronyms_and_lists),
        cmocka_unit_test(test_dateline_agency_is_no_acronym),
        cmocka_unit_test(test_bare_surnames_keep_a_person),
        cmocka_unit_test(test_spelling_variants_and_particles),
        cmocka_unit_test(test_roles_by_apposition),
        cmocka_unit_test(test_types_and_sentence_capitals),
        cmocka_unit_test(test_place_leads),
        cmocka_unit_test(test_mentions_have_spans),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
