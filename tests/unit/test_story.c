/* Tests of the story API: ingest, bad input, JSON lines, budgets,
 * citations and determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chorus.h"

static const char *art1 =
    "Ferry Service Resumes After Storm\n\n"
    "The island ferry resumed service on Monday after a storm kept boats in port for three "
    "days.\n\n"
    "Operators said the first crossing left at dawn with more than 200 passengers on board.\n\n"
    "The storm damaged two piers on the island, and repairs will take about a month.\n";
static const char *art2 =
    "Island boats sail again\n\n"
    "Ferries to the island sailed again on Monday after three days in port because of the "
    "storm.\n\n"
    "Repairs to the two damaged piers will take about a month, the harbor office said.\n\n"
    "Local shops reported strong sales as visitors returned over the weekend.\n";

static chorus_story *story_of(const char *a, const char *b, const chorus_options *o)
{
    chorus_story *st = chorus_story_new();
    chorus_error err;
    assert_int_equal(chorus_story_add_text(st, "one.txt", a, strlen(a), &err), CHORUS_OK);
    if (b) assert_int_equal(chorus_story_add_text(st, "two.txt", b, strlen(b), &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, o, &err), CHORUS_OK);
    return st;
}

/* Summarizes stories a and b at budgets of 10 to 60 words and fails when a
 * summary sentence holds any of the strings of absent (NULL-terminated). */
static void assert_never_printed(const char *a, const char *b, const char *const *absent)
{
    for (unsigned w = 10; w <= 60; w += 5) {
        chorus_options o;
        chorus_options_init(&o);
        o.max_words = w;
        chorus_story *st = story_of(a, b, &o);
        for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
            chorus_summary_sentence s;
            assert_true(chorus_story_summary(st, i, &s));
            for (const char *const *x = absent; *x; x++)
                assert_null(strstr(s.text, *x));
        }
        chorus_story_free(st);
    }
}

/* Summarizes stories a and b at budgets of 10 to 60 words and fails when a
 * summary sentence that opens with one of openers (NULL-terminated) is not
 * printed right after a sentence of its article that opens with referent. */
static void assert_printed_after(const char *a, const char *b, const char *const *openers,
                                 const char *referent)
{
    for (unsigned w = 10; w <= 60; w += 5) {
        chorus_options o;
        chorus_options_init(&o);
        o.max_words = w;
        chorus_story *st = story_of(a, b, &o);
        for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
            chorus_summary_sentence s, prev;
            assert_true(chorus_story_summary(st, i, &s));
            const char *const *x = openers;
            while (*x && strncmp(s.text, *x, strlen(*x)))
                x++;
            if (!*x) continue;
            assert_true(i > 0);
            assert_true(chorus_story_summary(st, i - 1, &prev));
            assert_int_equal(prev.article, s.article);
            assert_true(strncmp(prev.text, referent, strlen(referent)) == 0);
        }
        chorus_story_free(st);
    }
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++)
        if (s[i] != ' ' && s[i] != '\n' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n')) n++;
    return n;
}

static void test_budgets_never_exceeded(void **state)
{
    for (unsigned w = 5; w <= 60; w += 5) {
        chorus_options o;
        chorus_options_init(&o);
        o.max_words = w;
        chorus_story *st = story_of(art1, art2, &o);
        const char *plain = chorus_story_render(st, CHORUS_FORMAT_PLAIN, NULL);
        assert_true(count_words(plain) <= w);
        chorus_story_free(st);
    }
    chorus_options o;
    chorus_options_init(&o);
    o.max_words = 0;
    o.max_bytes = 120;
    chorus_story *st = story_of(art1, art2, &o);
    size_t len;
    chorus_story_render(st, CHORUS_FORMAT_PLAIN, &len);
    assert_true(len <= 121); /* bytes of the sentences and their separators + final newline */
    chorus_story_free(st);
    o.max_bytes = 0;
    o.max_sentences = 1;
    st = story_of(art1, art2, &o);
    assert_int_equal(chorus_story_summary_count(st), 1);
    chorus_story_free(st);
}

static void test_citations_name_every_source(void **state)
{
    chorus_options o;
    chorus_options_init(&o);
    o.compress = 0; /* then the printed text is the span's text */
    chorus_story *st = story_of(art1, art2, &o);
    int cited_both = 0;
    for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
        chorus_summary_sentence s;
        assert_true(chorus_story_summary(st, i, &s));
        assert_true(s.source_count >= 1);
        chorus_article_info a;
        chorus_story_article(st, s.article, &a);
        assert_memory_equal(a.text + s.start, s.text, strlen(s.text));
        if (s.source_count == 2) cited_both = 1;
    }
    assert_true(cited_both);
    chorus_story_free(st);
}

/* The number of sources the one-sentence summary of articles a and b cites. */
static size_t sources_of_first(const char *a, const char *b)
{
    chorus_options o;
    chorus_options_init(&o);
    o.max_sentences = 1;
    chorus_story *st = story_of(a, b, &o);
    chorus_summary_sentence s;
    assert_true(chorus_story_summary(st, 0, &s));
    size_t n = s.source_count;
    chorus_story_free(st);
    return n;
}

static void test_citations_need_the_same_numbers(void **state)
{
    /* "The storm flooded <a> homes ..." in one article, <b> in the other */
    static const struct {
        const char *a, *b;
        size_t sources;
    } counts[] = {
        {"40 ", "12 ", 1},          {"12 ", "40 ", 1},
        {"40 ", "40 ", 2},          {"", "40 ", 2}, /* the summary sentence states no number */
        {"296 ", "nearly 300 ", 2}, {"nearly 300 ", "296 ", 2}, /* rounded */
        {"4,250 ", "4250 ", 2},
    };
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        char a[128], b[128];
        const char *form = "The storm flooded %shomes along the river on Sunday, officials said.";
        snprintf(a, sizeof a, form, counts[k].a);
        snprintf(b, sizeof b, form, counts[k].b);
        assert_int_equal(sources_of_first(a, b), counts[k].sources);
    }
    /* years never round; decimals count */
    assert_int_equal(
        sources_of_first("The county built the old river bridge in 1998, officials said.",
                         "The county built the old river bridge in 2000, officials said."),
        1);
    assert_int_equal(
        sources_of_first("Repairs to the river bridge will cost $3.1 million, officials said.",
                         "Repairs to the river bridge will cost $3.5 million, officials said."),
        1);
    /* a number in a parenthesis that compression leaves out is not asked */
    const char *aside =
        "The storm flooded homes along the river (at least 40 of them) on Sunday, officials said.";
    const char *plain = "The storm flooded homes along the river on Sunday, officials said.";
    assert_int_equal(sources_of_first(aside, plain), 2);
    assert_int_equal(sources_of_first(plain, aside), 2);
}

static void test_compressed_text_never_longer(void **state)
{
    chorus_story *st = story_of(art1, art2, NULL);
    for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
        chorus_summary_sentence s;
        chorus_story_summary(st, i, &s);
        assert_true(strlen(s.text) <= s.end - s.start);
    }
    chorus_story_free(st);
}

static void test_deterministic(void **state)
{
    chorus_story *a = story_of(art1, art2, NULL), *b = story_of(art1, art2, NULL);
    char *ja = strdup(chorus_story_render(a, CHORUS_FORMAT_JSON, NULL));
    assert_string_equal(ja, chorus_story_render(b, CHORUS_FORMAT_JSON, NULL));
    free(ja);
    chorus_story_free(a);
    chorus_story_free(b);
}

static void test_edge_articles(void **state)
{
    chorus_story *st = story_of("Water levels keep rising in the north of the country", NULL, NULL);
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_int_equal(a.sentences, 1);
    chorus_story_free(st);

    st = chorus_story_new();
    chorus_error err;
    assert_int_equal(chorus_story_add_text(st, "e", "  \n\n ", 5, &err), CHORUS_OK);
    assert_int_equal(err.status, CHORUS_E_EMPTY);
    assert_int_equal(chorus_story_add_text(st, "b", "ab\0cd", 5, &err), CHORUS_OK);
    assert_int_equal(err.status, CHORUS_E_NOT_TEXT);
    assert_int_equal(err.position, 2);
    assert_int_equal(chorus_story_skipped_count(st), 2);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_E_NO_ARTICLES);
    assert_int_equal(chorus_status_exit_code(err.status), 1);
    chorus_story_free(st);

    st = chorus_story_new();
    assert_int_equal(chorus_story_add_path(st, "/nonexistent/chorus/file.txt", &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_E_IO);
    assert_int_equal(chorus_status_exit_code(err.status), 3);
    chorus_story_free(st);
}

static void test_json_lines(void **state)
{
    chorus_error err;
    chorus_story *st = chorus_story_new();
    const char *bad = "{\"id\": \"s1\", \"articles\": [";
    assert_int_equal(chorus_story_add_json(st, bad, strlen(bad), &err), CHORUS_E_JSON);
    assert_true(err.position >= 0);
    chorus_story_free(st);

    st = chorus_story_new();
    assert_int_equal(chorus_story_add_json(st, "[1, 2]", 6, &err), CHORUS_E_SCHEMA);
    chorus_story_free(st);

    st = chorus_story_new();
    const char *none = "{\"id\": \"s2\", \"articles\": []}";
    assert_int_equal(chorus_story_add_json(st, none, strlen(none), &err), CHORUS_E_NO_ARTICLES);
    assert_string_equal(chorus_story_id(st), "s2");
    char *record = chorus_error_record(chorus_story_id(st), 3, &err);
    assert_non_null(strstr(record, "\"id\": \"s2\""));
    assert_non_null(strstr(record, "\"code\": \"no_articles\""));
    chorus_free(record);
    chorus_story_free(st);

    st = chorus_story_new();
    const char *good = "{\"id\": \"s3\", \"extra\": 1, \"articles\": [{\"text\": \"The bridge "
                       "reopened on Friday after repairs.\", \"date\": \"2030-05-01\"}, "
                       "{\"id\": \"x\", \"html\": \"<p>The bridge reopened Friday.</p>\"}, 7]}";
    assert_int_equal(chorus_story_add_json(st, good, strlen(good), &err), CHORUS_OK);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    assert_int_equal(chorus_story_article_count(st), 2);
    assert_int_equal(chorus_story_skipped_count(st), 1); /* the 7 */
    chorus_article_info a;
    chorus_story_article(st, 0, &a);
    assert_string_equal(a.id, "1");
    assert_string_equal(a.date, "2030-05-01");
    chorus_story_article(st, 1, &a);
    assert_string_equal(a.text, "The bridge reopened Friday.");
    const char *json = chorus_story_render(st, CHORUS_FORMAT_JSON, NULL);
    assert_true(strncmp(json, "{\"id\": \"s3\", \"articles\": [", 26) == 0);
    chorus_story_free(st);
}

static void test_summary_when_articles_share_nothing(void **state)
{
    const char *a = "The museum reopened its east wing on Sunday after a renovation.";
    const char *b = "Farmers expect a smaller wheat harvest because of the dry spring.";
    const char *c = "A new bakery on the main square sold out of bread by noon.";
    chorus_story *st = chorus_story_new();
    chorus_error err;
    chorus_story_add_text(st, "a", a, strlen(a), &err);
    chorus_story_add_text(st, "b", b, strlen(b), &err);
    chorus_story_add_text(st, "c", c, strlen(c), &err);
    assert_int_equal(chorus_story_run(st, NULL, &err), CHORUS_OK);
    assert_true(chorus_story_summary_count(st) >= 1);
    chorus_story_free(st);
}

/* A story whose every sentence points back or asks still gets a summary:
 * the last attempt takes a sentence rather than none. */
static void test_summary_when_every_sentence_points_back(void **state)
{
    const char *a = "He told the radio station that the harbor would reopen within a week.";
    const char *b = "She said the harbor would reopen within a week of the storm.";
    const char *c = "Will the harbor reopen within a week of the storm?";
    const char *d = "When will the harbor reopen after the storm passes the coast?";
    chorus_story *st = story_of(a, b, NULL);
    assert_true(chorus_story_summary_count(st) >= 1);
    chorus_story_free(st);
    st = story_of(c, d, NULL);
    assert_true(chorus_story_summary_count(st) >= 1);
    chorus_story_free(st);
}

/* A sentence that opens with a pronoun is printed only right after the
 * sentence before it in its article, which says who or what it means. */
static void test_pronoun_sentences_keep_their_referent(void **state)
{
    const char *a =
        "Council approves new library\n\n"
        "The city council approved a new public library for the north district on Tuesday.\n\n"
        "Planner Ana Lutz presented the design to the council.\n\n"
        "She said the library would have a rooftop garden, a cafe and a music room.\n";
    const char *b =
        "It opens with a pronoun but nothing came before it in this article.\n\n"
        "The library will have a rooftop garden, a cafe and a music room, the council said.\n\n"
        "The council approved the new public library in the north district.\n";
    static const char *const openers[] = {"She ", "It ", NULL};
    assert_printed_after(a, b, openers, "Planner");
}

/* "The company", "The move" after an article's first sentence name again
 * what it introduced: such a sentence is printed only right after the one
 * before it. */
static void test_definite_references_keep_their_referent(void **state)
{
    const char *a = "Harbor Freight Lines, founded by two brothers in a small town in 1931, posted "
                    "a notice on its website late in the evening.\n\n"
                    "The company will close the river terminal after the spring floods.\n";
    const char *b = "Farmers who ship grain and cattle every autumn from the valley rely on the "
                    "river terminal for their trade.\n\n"
                    "Several towns downstream were damaged during the spring floods of the last "
                    "decade, residents recall.\n";
    static const char *const openers[] = {"The company", NULL};
    assert_printed_after(a, b, openers, "Harbor Freight");
}

/* A short sentence that opens with "The" and names nobody states a fact
 * about what its article said before: it too is printed only after it. */
static void test_short_unnamed_sentences_keep_their_referent(void **state)
{
    const char *a = "Harbor Freight Lines raised the fee it charges for each container at the "
                    "river terminal, the firm told shippers.\n\n"
                    "The old fee was forty dollars per container.\n";
    const char *b = "Shippers at the river terminal said the container fee had been forty "
                    "dollars.\n\n"
                    "Farmers who ship grain every autumn rely on the terminal.\n";
    static const char *const openers[] = {"The old fee", NULL};
    assert_printed_after(a, b, openers, "Harbor Freight");
}

/* A very short sentence that names nobody, whatever its first word, says
 * something of what its article named before it. */
static void test_very_short_unnamed_sentences_keep_their_referent(void **state)
{
    const char *a = "Harbor Freight Lines said the spring floods hit its river terminal and the "
                    "town around it.\n\n"
                    "Every pier was damaged by the water.\n";
    const char *b = "Each of the river piers was damaged by the spring floods, shippers said.\n\n"
                    "Farmers who ship grain every autumn rely on the piers.\n";
    static const char *const openers[] = {"Every pier", NULL};
    assert_printed_after(a, b, openers, "Harbor Freight");
}

/* A short sentence with a demonstrative before a noun ("that meeting")
 * points back to what its article named before it. */
static void test_demonstratives_keep_their_referent(void **state)
{
    const char *a = "Mayor Ana Lutz spoke at the harbor board meeting about the damaged river "
                    "piers and the cost of repairs.\n\n"
                    "Officials left that meeting early after a shouting match.\n";
    const char *b = "Several officials walked out early after a shouting match over the river "
                    "piers.\n\n"
                    "Farmers who ship grain every autumn rely on the piers.\n";
    static const char *const openers[] = {"Officials left that", NULL};
    assert_printed_after(a, b, openers, "Mayor Ana Lutz");
}

/* "As a result, ...", "Similarly, ..." relate a sentence to the one
 * before it, which is printed first. */
static void test_relating_connectives_keep_their_referent(void **state)
{
    const char *a = "Harbor Freight Lines shut the river terminal when the spring floods damaged "
                    "its piers and cranes.\n\n"
                    "As a result, grain must go by truck to the coast this autumn.\n";
    const char *b = "Valley farmers said grain must go by truck to the coast this autumn, at "
                    "twice the cost.\n\n"
                    "Cattle ranchers in the hills have used the roads for years.\n";
    static const char *const openers[] = {"As a result", NULL};
    assert_printed_after(a, b, openers, "Harbor Freight");
}

/* A pronoun after a short opening phrase points back as one at the start
 * does (here to nothing that can be taken: the line before it is a
 * transcript line, which is never a summary sentence). */
static void test_referents_after_an_opening_phrase_and_labels(void **state)
{
    const char *a = "The weather in the city stayed warm and dry for most of the week.\n\n"
                    "MORALES: Yes, the crash at the port was the worst thing I ever saw.\n\n"
                    "If convicted, he faces twenty years in prison for the crash at the port.\n";
    const char *b = "The driver charged in the crash at the port went on trial in the city.\n\n"
                    "Prosecutors described the crash at the port to the jury in detail.\n";
    static const char *const absent[] = {"MORALES", "If convicted", NULL};
    assert_never_printed(a, b, absent);
}

/* A sentence in which the page speaks to its reader about the page is no
 * summary sentence, even inside a paragraph of the story. */
static void test_page_sentences_never_printed(void **state)
{
    const char *a = "The city council approved a new public library for the north district. "
                    "We've detected that JavaScript is disabled in your browser. The new "
                    "library will open in the spring, the mayor said.\n";
    const char *b = "The north district will get a new public library, the council decided. "
                    "Sign up for our newsletter to get the latest news from the council. "
                    "The library opens in the spring.\n";
    static const char *const absent[] = {"JavaScript", "newsletter", NULL};
    assert_never_printed(a, b, absent);
}

/* Undated articles print their leads first; dated ones in date order. */
static void test_printing_order(void **state)
{
    /* clang-format off */
    static const char *const lines[] = {
        "{\"articles\":[{\"text\":\"The port reopened after the storm passed the coast.\\n\\nHarbor "
        "crews in Port Ellis cleared the fallen trees from the piers.\"},{\"text\":\"Ferries sailed again to "
        "the islands after the long storm.\\n\\nForecasters in Port Ellis lifted their warning for the "
        "coast.\"}]}",
        "{\"articles\":[{\"date\":\"2031-05-02\",\"text\":\"The port reopened after the storm passed "
        "the coast.\\n\\nHarbor crews in Port Ellis cleared the fallen trees from the piers.\"},{\"date\":"
        "\"2031-05-01\",\"text\":\"Ferries sailed again to the islands after the long storm.\\n\\n"
        "Forecasters in Port Ellis lifted their warning for the coast.\"}]}",
    };
    /* clang-format on */
    static const struct {
        uint32_t article, start_is_zero;
    } expect[2][4] = {{{0, 1}, {1, 1}, {0, 0}, {1, 0}}, {{1, 1}, {1, 0}, {0, 1}, {0, 0}}};
    for (size_t k = 0; k < 2; k++) {
        chorus_story *st = chorus_story_new();
        chorus_error err;
        assert_int_equal(chorus_story_add_json(st, lines[k], strlen(lines[k]), &err), CHORUS_OK);
        chorus_options o;
        chorus_options_init(&o);
        o.method = CHORUS_METHOD_LEAD;
        o.max_sentences = 4;
        assert_int_equal(chorus_story_run(st, &o, &err), CHORUS_OK);
        assert_int_equal(chorus_story_summary_count(st), 4);
        for (size_t i = 0; i < 4; i++) {
            chorus_summary_sentence s;
            assert_true(chorus_story_summary(st, i, &s));
            assert_int_equal(s.article, expect[k][i].article);
            assert_int_equal(s.start == 0, expect[k][i].start_is_zero);
        }
        chorus_story_free(st);
    }
}

/* A section label opening an article is no dateline; a place is. */
static void test_labels_and_datelines_in_first_sentences(void **state)
{
    const char *a = "THE AUTHOR: Meet the writer whose novel about the harbor town sold well.\n";
    const char *b = "NEW DELHI: The harbor town of the novel drew many readers to the coast.\n";
    chorus_options o;
    chorus_options_init(&o);
    chorus_story *st = story_of(a, b, &o);
    int dateline = 0;
    for (size_t i = 0; i < chorus_story_summary_count(st); i++) {
        chorus_summary_sentence s;
        assert_true(chorus_story_summary(st, i, &s));
        assert_null(strstr(s.text, "AUTHOR"));
        dateline |= s.article == 1;
    }
    assert_true(dateline);
    chorus_story_free(st);
}

/* A quotation whose speaker is a pronoun points back to the sentence
 * before it (here too short to be taken). */
static void test_pronoun_speakers_point_back(void **state)
{
    const char *a = "Lutz spoke first.\n\n"
                    "\"We will rebuild the old pier before the winter storms come,\" she added.\n";
    const char *b = "The city council voted to rebuild the old pier this year.\n\n"
                    "The winter storms come early to this part of the coast.\n";
    static const char *const absent[] = {"she added", NULL};
    assert_never_printed(a, b, absent);
}

/* The summary's first mention of a person gives the full name, when the
 * budget has room for it; --no-analyses prints the same summary. */
static void test_people_introduced_by_full_name(void **state)
{
    const char *a = "Ms. Lutz said the new library would open its doors to readers next spring.\n\n"
                    "The council met in the old hall.\n";
    const char *b = "The new library will open next spring, officials said.\n\n"
                    "The design came from the planner Ana Lutz, who also drew the old museum.\n";
    const char *bare = "Lutz said the new library would open its doors to readers next spring.\n";
    const char *quoted = "\"Lutz will open the new library to readers next spring,\" the mayor "
                         "said.\n";
    struct {
        const char *first;
        unsigned words;
        int skip;
        const char *expect;
    } cases[] = {
        {a, 100, 0, "Ana Lutz said the new library"},
        {a, 100, 1, "Ana Lutz said the new library"},
        {bare, 14, 0, "Ana Lutz said the new library"},
        {bare, 13, 0, "Lutz said the new library"}, /* no room for the first name */
        {quoted, 100, 0, "\"Lutz will open"},       /* a quotation is left as spoken */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chorus_options o;
        chorus_options_init(&o);
        o.method = CHORUS_METHOD_LEAD;
        o.max_sentences = 1;
        o.max_words = cases[i].words;
        o.skip_analyses = cases[i].skip;
        chorus_story *st = story_of(cases[i].first, b, &o);
        chorus_summary_sentence s;
        assert_true(chorus_story_summary(st, 0, &s));
        assert_true(strncmp(s.text, cases[i].expect, strlen(cases[i].expect)) == 0);
        if (cases[i].skip)
            assert_int_equal(chorus_story_entity_count(st), 0); /* the section stays empty */
        else
            assert_true(chorus_story_entity_count(st) > 0);
        chorus_story_free(st);
    }
}

/* At every budget, a summary of two or more sentences names each person
 * in full before it names them by surname alone: a summary that has no
 * room left for the first name gives a sentence back instead. */
static void test_no_surname_before_the_full_name(void **state)
{
    const char *a = "Officials opened the new harbor library on Monday after two years of work "
                    "on the old pier.\n\n"
                    "The design came from the planner Ana Lutz, who also drew the old museum and "
                    "the town hall.\n\n"
                    "The library will stay open late on weekdays in the summer.\n";
    const char *b = "The new harbor library opened on Monday after two years of work, officials "
                    "said.\n\n"
                    "Lutz said the library would stay open late on weekdays in the summer.\n";
    for (unsigned w = 10; w <= 60; w++) {
        chorus_options o;
        chorus_options_init(&o);
        o.max_words = w;
        chorus_story *st = story_of(a, b, &o);
        size_t n = chorus_story_summary_count(st);
        int named_in_full = 0;
        for (size_t i = 0; i < n && n > 1; i++) {
            chorus_summary_sentence s;
            assert_true(chorus_story_summary(st, i, &s));
            const char *full = strstr(s.text, "Ana Lutz"), *any = strstr(s.text, "Lutz");
            if (any && !named_in_full) assert_true(full && full + 4 == any);
            named_in_full |= full != NULL;
        }
        chorus_story_free(st);
    }
}

/* Once a person is introduced, later mentions give the surname alone,
 * unless a modifier before the name would be left describing it, another
 * person shares the surname, or the mention is quoted. */
static void test_people_named_by_surname_once_introduced(void **state)
{
    const char *a = "Mayor Ana Lutz said the new library would open its doors next spring.\n";
    struct {
        const char *second;
        const char *expect;
    } cases[] = {
        {"Ms. Lutz said the design keeps the facade of the old hall.\n", "Lutz said the design"},
        {"Mayor Ana Lutz said the design keeps the facade of the old hall.\n",
         "Lutz said the design"},
        {"The design by former mayor Ana Lutz keeps the facade of the old hall.\n",
         "The design by former mayor Ana Lutz keeps"},
        {"Ana Lutz and Ben Lutz said the design keeps the facade of the old hall.\n",
         "Ana Lutz and Ben Lutz said"},
        {"\"The design of Ana Lutz keeps the old facade,\" the mayor said.\n",
         "\"The design of Ana Lutz keeps"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chorus_options o;
        chorus_options_init(&o);
        o.method = CHORUS_METHOD_LEAD;
        o.max_sentences = 2;
        chorus_story *st = story_of(a, cases[i].second, &o);
        chorus_summary_sentence s;
        assert_int_equal(chorus_story_summary_count(st), 2);
        assert_true(chorus_story_summary(st, 0, &s));
        assert_true(strncmp(s.text, "Mayor Ana Lutz said", 19) == 0);
        assert_true(chorus_story_summary(st, 1, &s));
        assert_true(strncmp(s.text, cases[i].expect, strlen(cases[i].expect)) == 0);
        chorus_story_free(st);
    }
    /* within one sentence, and the budget as printed */
    const char *both = "Ana Lutz opened the new library on the hill, and Ms. Lutz thanked the "
                       "council for the funds.\n\nThe library has a hall for readers.\n";
    const char *other = "Ms. Lutz said the library would open its doors to readers.\n";
    for (unsigned w = 10; w <= 40; w += 2) {
        chorus_options o;
        chorus_options_init(&o);
        o.max_words = w;
        chorus_story *st = story_of(both, other, &o);
        const char *plain = chorus_story_render(st, CHORUS_FORMAT_PLAIN, NULL);
        assert_true(count_words(plain) <= w);
        assert_null(strstr(plain, "and Ms. Lutz thanked"));
        chorus_story_free(st);
    }
}

/* A question asks where a summary reports: no summary sentence is one,
 * even when it shares the most with the other articles. */
static void test_questions_never_chosen(void **state)
{
    const char *a = "Will the harbor bridge reopen before the winter storms arrive?\n\n"
                    "Crews began repairs on the harbor bridge on Monday.\n";
    const char *b = "Will the harbor bridge reopen before the winter storms arrive?\n\n"
                    "The city expects the harbor bridge to reopen in March.\n";
    static const char *const absent[] = {"?", NULL};
    assert_never_printed(a, b, absent);
}

/* Of two sentences that cover the story equally, the one that says what a
 * title says is chosen. */
static void test_title_words_weigh_more(void **state)
{
    /* clang-format off */
    static const char *const lines[] = {
        "{\"articles\":[{\"title\":\"Dam repairs to begin\",\"text\":\"The harbor festival will start "
        "next week with music near the old mill.\"},{\"text\":\"The dam repairs will start next week with "
        "crews near the old mill.\"}]}",
        "{\"articles\":[{\"title\":\"Harbor festival returns\",\"text\":\"The harbor festival will start "
        "next week with music near the old mill.\"},{\"text\":\"The dam repairs will start next week with "
        "crews near the old mill.\"}]}"};
    /* clang-format on */
    static const char *const expected[] = {"The dam", "The harbor"};
    for (int k = 0; k < 2; k++) {
        chorus_story *st = chorus_story_new();
        chorus_error err;
        assert_int_equal(chorus_story_add_json(st, lines[k], strlen(lines[k]), &err), CHORUS_OK);
        chorus_options o;
        chorus_options_init(&o);
        o.max_sentences = 1;
        assert_int_equal(chorus_story_run(st, &o, &err), CHORUS_OK);
        chorus_summary_sentence s;
        assert_true(chorus_story_summary(st, 0, &s));
        assert_true(strncmp(s.text, expected[k], strlen(expected[k])) == 0);
        chorus_story_free(st);
    }
}

static void test_status_texts(void **state)
{
    for (int s = 0; s < CHORUS_STATUS_COUNT; s++) {
        assert_true(strlen(chorus_status_message((chorus_status)s)) > 0);
        assert_true(strlen(chorus_status_code((chorus_status)s)) > 0);
    }
    assert_int_equal(chorus_status_exit_code(CHORUS_E_USAGE), 2);
    assert_int_equal(chorus_status_exit_code(CHORUS_E_INTERNAL), 4);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budgets_never_exceeded),
        cmocka_unit_test(test_citations_name_every_source),
        cmocka_unit_test(test_citations_need_the_same_numbers),
        cmocka_unit_test(test_compressed_text_never_longer),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_edge_articles),
        cmocka_unit_test(test_json_lines),
        cmocka_unit_test(test_summary_when_articles_share_nothing),
        cmocka_unit_test(test_pronoun_sentences_keep_their_referent),
        cmocka_unit_test(test_definite_references_keep_their_referent),
        cmocka_unit_test(test_short_unnamed_sentences_keep_their_referent),
        cmocka_unit_test(test_relating_connectives_keep_their_referent),
        cmocka_unit_test(test_demonstratives_keep_their_referent),
        cmocka_unit_test(test_very_short_unnamed_sentences_keep_their_referent),
        cmocka_unit_test(test_page_sentences_never_printed),
        cmocka_unit_test(test_summary_when_every_sentence_points_back),
        cmocka_unit_test(test_referents_after_an_opening_phrase_and_labels),
        cmocka_unit_test(test_printing_order),
        cmocka_unit_test(test_labels_and_datelines_in_first_sentences),
        cmocka_unit_test(test_pronoun_speakers_point_back),
        cmocka_unit_test(test_people_introduced_by_full_name),
        cmocka_unit_test(test_no_surname_before_the_full_name),
        cmocka_unit_test(test_people_named_by_surname_once_introduced),
        cmocka_unit_test(test_questions_never_chosen),
        cmocka_unit_test(test_title_words_weigh_more),
        cmocka_unit_test(test_status_texts),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
