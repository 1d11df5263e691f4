/* Tests of segment.c and token.c: sentence boundaries and tokens in news
 * text. Every case is written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lexicon.h"
#include "segment.h"

#define MAX_SENTENCES 24

typedef struct collected {
    char out[MAX_SENTENCES][512];
    int n;
    const char *text;
    size_t last_end;
    int overlap;
} collected;

static void collect(void *ctx, size_t start, size_t end)
{
    collected *c = ctx;
    if (start < c->last_end || end <= start) c->overlap = 1;
    c->last_end = end;
    if (c->n < MAX_SENTENCES)
        snprintf(c->out[c->n++], sizeof c->out[0], "%.*s", (int)(end - start), c->text + start);
}

static collected split(const char *text)
{
    collected c = {.n = 0, .text = text};
    segment_paragraph(text, strlen(text), collect, &c);
    assert_false(c.overlap);
    return c;
}

/* Asserts that text splits into exactly the sentences given. */
static void expect(const char *text, ...)
{
    collected c = split(text);
    va_list ap;
    va_start(ap, text);
    int i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        if (i >= c.n) fail_msg("missing sentence %d \"%s\" in \"%s\"", i, want, text);
        if (strcmp(c.out[i], want) != 0)
            fail_msg("sentence %d is \"%s\", expected \"%s\"", i, c.out[i], want);
    }
    va_end(ap);
    if (c.n != i) fail_msg("%d sentences in \"%s\", expected %d", c.n, text, i);
}

static void test_titles_and_initials(void **state)
{
    expect("Mr. Lee met Gen. Ward in St. Louis. George W. Bush was not there.",
           "Mr. Lee met Gen. Ward in St. Louis.", "George W. Bush was not there.", NULL);
    expect("Dr. Okafor and Prof. Lind spoke after Sen. Mara Diaz left.",
           "Dr. Okafor and Prof. Lind spoke after Sen. Mara Diaz left.", NULL);
    expect("The memo was signed by Anna K. Berg and Paul T. Moss.",
           "The memo was signed by Anna K. Berg and Paul T. Moss.", NULL);
}

static void test_abbreviation_at_sentence_end(void **state)
{
    expect("The company moved to the U.S. The move cost $3.5 million.",
           "The company moved to the U.S.", "The move cost $3.5 million.", NULL);
    expect("Officials from the U.S. Embassy declined to comment.",
           "Officials from the U.S. Embassy declined to comment.", NULL);
    expect("It starts Jan. 1 at 9 a.m. in the hall.", "It starts Jan. 1 at 9 a.m. in the hall.",
           NULL);
    expect("The deal went to Harlow & Co. It closed on Friday.", "The deal went to Harlow & Co.",
           "It closed on Friday.", NULL);
    expect("Shares of Brightline Inc. rose, and Varda Corp. fell.",
           "Shares of Brightline Inc. rose, and Varda Corp. fell.", NULL);
    expect("Ask the staff, the guards, etc. They know the building.",
           "Ask the staff, the guards, etc.", "They know the building.", NULL);
}

static void test_times(void **state)
{
    expect("The vote closed at 8 p.m. Turnout was low.", "The vote closed at 8 p.m.",
           "Turnout was low.", NULL);
    expect("The vote closed at 8 p.m. Tuesday in most districts.",
           "The vote closed at 8 p.m. Tuesday in most districts.", NULL);
    expect("Before 7 a.m. Ms. Ortiz opened the office. She left at noon.",
           "Before 7 a.m. Ms. Ortiz opened the office.", "She left at noon.", NULL);
}

static void test_numbers(void **state)
{
    expect("The budget rose to 4.25 billion. That is 1,200 more jobs.",
           "The budget rose to 4.25 billion.", "That is 1,200 more jobs.", NULL);
    expect("See item no. 4 in the list.", "See item no. 4 in the list.", NULL);
    expect("The fee was reduced by 2. the other fees stayed.",
           "The fee was reduced by 2. the other fees stayed.", NULL);
}

static void test_quotes_after_period(void **state)
{
    expect("\"We will rebuild.\" She said it twice. \xE2\x80\x9CNever again.\xE2\x80\x9D He left.",
           "\"We will rebuild.\"", "She said it twice.", "\xE2\x80\x9CNever again.\xE2\x80\x9D",
           "He left.", NULL);
    expect("She smiled, 'That went well.' he said.", "She smiled, 'That went well.' he said.",
           NULL);
}

static void test_quotation_stays_whole(void **state)
{
    /* a quotation that closes later on the line is not split inside */
    expect("\"Keep calm. Help is coming,\" the captain said. Nobody moved.",
           "\"Keep calm. Help is coming,\" the captain said.", "Nobody moved.", NULL);
    /* an unclosed quotation does not hide later sentence ends */
    expect("\"We waited all night. Then the water came.", "\"We waited all night.",
           "Then the water came.", NULL);
}

static void test_lower_case_continuations(void **state)
{
    expect("\"Is it safe?\" he asked. Nobody knew... and nobody said.", "\"Is it safe?\" he asked.",
           "Nobody knew... and nobody said.", NULL);
    expect("Stop the car! she shouted.", "Stop the car! she shouted.", NULL);
    expect("He joined Zillo! in May.", "He joined Zillo! in May.", NULL);
    expect("we got there late. the doors were shut.", "we got there late.", "the doors were shut.",
           NULL);
    expect("where were you? we looked everywhere.", "where were you?", "we looked everywhere.",
           NULL);
}

static void test_exclamations_and_questions(void **state)
{
    expect("Wow!! That was close. Really?! Yes.", "Wow!!", "That was close.", "Really?!", "Yes.",
           NULL);
    expect("Move it -- now! -- before the tide turns.", "Move it -- now! -- before the tide turns.",
           NULL);
}

static void test_ellipses(void **state)
{
    expect("He paused... Then he spoke.", "He paused...", "Then he spoke.", NULL);
    expect("It was . . . I cannot say.", "It was . . . I cannot say.", NULL);
    expect("The end came . . . . Nobody noticed.", "The end came . . . .", "Nobody noticed.", NULL);
    expect("\"Quiet [...] the boats are out\" (Log 12).",
           "\"Quiet [...] the boats are out\" (Log 12).", NULL);
    expect("She waited\xE2\x80\xA6 Nothing happened.", "She waited\xE2\x80\xA6",
           "Nothing happened.", NULL);
}

static void test_lists_and_bullets(void **state)
{
    expect("1. Close the gate 2. Call the office 3. Wait", "1. Close the gate",
           "2. Call the office", "3. Wait", NULL);
    expect("a) bread b) milk c) rice", "a) bread", "b) milk", "c) rice", NULL);
    expect("(i) First point. (ii) Second point.", "(i) First point.", "(ii) Second point.", NULL);
    expect("\xE2\x80\xA2 Roads closed \xE2\x80\xA2 Schools open", "\xE2\x80\xA2 Roads closed",
           "\xE2\x80\xA2 Schools open", NULL);
    expect("Pay 1. before noon and 2. after lunch.", "Pay 1. before noon and 2. after lunch.",
           NULL);
    expect("1. This line is one item.", "1. This line is one item.", NULL);
}

static void test_urls_and_addresses(void **state)
{
    expect("Write to desk.news@example.org. We answer daily.", "Write to desk.news@example.org.",
           "We answer daily.", NULL);
    expect("The page is at https://example.net/a.b/c.html. Read it.",
           "The page is at https://example.net/a.b/c.html.", "Read it.", NULL);
    expect("Visit www.sample.Site.com today", "Visit www.sample.Site.com today", NULL);
}

static void test_glued_and_citations(void **state)
{
    expect("The port reopened.Ships came back.", "The port reopened.", "Ships came back.", NULL);
    expect("The tower fell in 1902.[3] It was rebuilt.", "The tower fell in 1902.[3]",
           "It was rebuilt.", NULL);
    expect("The river flooded twice. [12] Farmers left.", "The river flooded twice. [12]",
           "Farmers left.", NULL);
}

static void test_lines_and_fragments(void **state)
{
    expect("Storm Warning\nThe coast is closed. Stay home.", "Storm Warning",
           "The coast is closed.", "Stay home.", NULL);
    expect("  A headline with no final stop  ", "A headline with no final stop", NULL);
    expect("", NULL);
    expect("   \n  \n", NULL);
    assert_int_equal(segment_ends_sentence("It ended.\xE2\x80\x9D", 12), 1);
    assert_int_equal(segment_ends_sentence("Section heading", 15), 0);
    assert_int_equal(segment_ends_sentence("Why?)", 5), 1);
}

static void test_text_paragraphs(void **state)
{
    const char *text = "First part. Second part.\n\nThird part\n \nFourth.";
    collected c = {.n = 0, .text = text};
    segment_text(text, strlen(text), collect, &c);
    assert_false(c.overlap);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.out[2], "Third part");
    assert_string_equal(c.out[3], "Fourth.");
}

/* n bytes drawn from alphabet by a fixed sequence from seed; with a
 * filler, two bytes in three are the filler instead (long plain runs). */
static void random_text(char *t, size_t n, unsigned seed, const char *alphabet, char filler)
{
    size_t k = strlen(alphabet);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        t[i] = alphabet[(seed >> 16) % k];
        if (filler && (seed >> 8) % 3) t[i] = filler;
    }
}

/* Every byte classifier the processor runs (SSE2, AVX2, AVX-512) gives the
 * same classes and word counts, over every length up to 200 and each
 * byte value in every position of a 64-byte block. */
static void test_byte_classifiers_agree(void **state)
{
    (void)state;
    char t[512];
    random_text(t, sizeof t, 12345, " aZ09@:wW.\t\n\xc3\xa9-'", 0);
    for (size_t n = 0; n <= 200; n++)
        assert_true(token_classify_agrees(t, n));
    for (unsigned c = 0; c < 256; c++) {
        char u[130];
        memset(u, 'a', sizeof u);
        for (size_t at = 1; at < 130; at += 13) {
            u[at] = (char)c;
            assert_true(token_classify_agrees(u + 1, 129));
            u[at] = 'a';
        }
    }
    assert_true(token_classify_agrees(t, 512));
    assert_false(token_classify_agrees(t, 513));
}

/* The tokenizer's fast reader and its byte-wise reader find the same
 * tokens and keys: in random text over the bytes that join tokens or end
 * them, with words of every length around the 16-byte keys, and in news
 * phrases with compounds, numbers, contractions and possessives. */
/* token_readers_agree() on a copy of t[0, n) with no byte after it, so
 * that a read past the end is caught (ASan). */
static int readers_agree_exactly(const char *t, size_t n)
{
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, t, n);
    int agree = token_readers_agree(copy, n);
    free(copy);
    return agree;
}

static void test_token_readers_agree(void **state)
{
    (void)state;
    static const char *const alphabets[] = {
        "ab -'.,&0", "aB1 -.,", "xy' s-", "a\xe2\x80\x99s -", "aZ9\xc3\xa9 -'&.,;:()\"", "e "};
    char t[600];
    for (size_t a = 0; a < sizeof alphabets / sizeof *alphabets; a++)
        for (unsigned seed = 1; seed <= 60; seed++) {
            size_t n = 20 + seed * 9;
            random_text(t, n, seed * 7919u + (unsigned)a, alphabets[a], seed % 2 ? 'q' : 0);
            assert_true(readers_agree_exactly(t, n));
        }
    static const char *const phrases[] = {
        "The long-term plan's cost rose 3.5% to $1,200.50 in the U.S. and AT&T's shares fell.",
        "Don't say it's over: O'Brien's rock'n'roll - 2,000,000 fans, 10.5.6 - ended.",
        "A well-known-but-rarely-seen twenty-five-year-old co-worker's x-ray-like view.",
        "Numbers 1,2 and 3.4.5, words a-, -b, c'-d, e&-f and 'g' or ''h'' end here.",
        "Café-owner's crème-brûlée costs 3,50 euros; naïve re-entry.",
        "abcdefghijklmnop-qrstuvwxyz abcdefghijklmnopq's 123456789012345,678 x",
        "ends in a byte from 0x80 up: word\xc3"};
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        assert_true(readers_agree_exactly(phrases[i], strlen(phrases[i])));
}

/* Every stop-byte and line-break scanner the processor runs finds the
 * first stop byte and line break from every offset, in random text and
 * with each byte value placed at several offsets of a long run. */
static void test_stop_scanners_agree(void **state)
{
    (void)state;
    char t[300];
    random_text(t, sizeof t, 777, "ab .!?\"'`([\xc2\xe2\xe3\xef\xc3\x80\n\r", 'q');
    assert_true(segment_stops_agree(t, sizeof t));
    for (unsigned c = 0; c < 256; c++) {
        char u[140];
        memset(u, 'z', sizeof u);
        for (size_t at = 0; at < sizeof u; at += 31)
            u[at] = (char)c;
        assert_true(segment_stops_agree(u, sizeof u));
    }
}

static void test_word_table(void **state)
{
    assert_true(segment_words_sorted());
    assert_true(segment_word_roles("Mr", 2) & W_TITLE);
    assert_true(segment_word_roles("THE", 3) & W_OPENER);
    assert_int_equal(segment_word_roles("harbor", 6), 0);
}

static void test_stopwords(void **state)
{
    (void)state;
    assert_true(stopwords_hashed());
    assert_true(is_stopword("themselves", 10));
    assert_true(is_stopword("a", 1));
    assert_true(is_stopword("theirs", 6));
    assert_false(is_stopword("thei", 4)); /* a prefix of a stop word */
    assert_false(is_stopword("hersx", 5));
    assert_false(is_stopword("themselvesx", 11));
    assert_false(is_stopword("The", 3)); /* lower case only */
    assert_false(is_stopword("harbor", 6));
    assert_false(is_stopword("", 0));
    uint64_t a, b = 0;
    memcpy(&a, "because\0", 8);
    assert_true(is_stopword_key(a, b, 7));
    assert_false(is_stopword_key(a, b, 6));
    /* every word of up to three letters: many fall in the slot of a shorter
     * stop word, whose bytes must not be read past its end (ASan) */
    size_t found = 0;
    for (int len = 1, count = 26; len <= 3; len++, count *= 26)
        for (int i = 0; i < count; i++) {
            char w[3] = {(char)('a' + i % 26), (char)('a' + i / 26 % 26), (char)('a' + i / 676)};
            found += (size_t)is_stopword(w, (size_t)len);
        }
    assert_int_equal(found, 65); /* the stop words of up to three letters */
}

/* ------------------------------------------------------------- tokens */

typedef struct scanned {
    chorus_story *st;
    buf tokens;
    long n;
    size_t words;
} scanned;

static scanned tokenize(const char *text)
{
    scanned s = {.st = chorus_story_new()};
    assert_non_null(s.st);
    buf_init(&s.tokens, 0);
    chorus_lexicon *lx = chorus_lexicon_new(0);
    assert_non_null(lx);
    s.st->lexicon = lx;
    s.st->own_lexicon = 1;
    lexicon_begin(lx, s.st);
    s.n = token_scan(lx, text, strlen(text), 0, strlen(text), &s.tokens, &s.words);
    assert_true(token_resolve(lx, &s.tokens));
    assert_int_equal(token_pending(lx), 0);
    return s;
}

static const char *token_text(const scanned *s, long i, const char *text, char *out)
{
    const token *t = &VEC_AT(&s->tokens, token, i);
    snprintf(out, 64, "%.*s", (int)(t->span.end - t->span.start), text + t->span.start);
    return out;
}

static void release(scanned *s)
{
    buf_free(&s->tokens);
    chorus_story_free(s->st);
}

static void test_tokens(void **state)
{
    const char *text = "The Mayor's well-known plan won't cost $3.5 billion, or 1,200 jobs.";
    scanned s = tokenize(text);
    char buf1[64];
    assert_int_equal(s.n, 11);
    assert_int_equal(s.words, 11);
    assert_string_equal(token_text(&s, 1, text, buf1), "Mayor");
    assert_string_equal(token_text(&s, 2, text, buf1), "well-known");
    assert_string_equal(token_text(&s, 4, text, buf1), "won't");
    assert_string_equal(token_text(&s, 6, text, buf1), "3.5");
    assert_string_equal(token_text(&s, 9, text, buf1), "1,200");
    const token *t = &VEC_AT(&s.tokens, token, 1);
    assert_string_equal(STORY_TERM(s.st, t->term)->lower, "mayor");
    release(&s);
}

static void test_terms_are_shared(void **state)
{
    const char *text = "Ports port PORTS \xC3\x89"
                       "cole \xC3\xA9"
                       "cole an-extremely-long-hyphenated-term "
                       "an-extremely-long-hyphenated-term";
    scanned s = tokenize(text);
    assert_int_equal(s.n, 7);
    const token *tok = (const token *)(void *)s.tokens.data;
    assert_int_equal(tok[0].term, tok[2].term);
    assert_int_not_equal(tok[0].term, tok[1].term);
    /* "ports" and "port" share a stem */
    assert_int_equal(STORY_TERM(s.st, tok[0].term)->stem, STORY_TERM(s.st, tok[1].term)->stem);
    assert_int_equal(tok[3].term, tok[4].term);
    assert_int_equal(tok[5].term, tok[6].term);
    release(&s);
}

static void test_token_edges(void **state)
{
    const char *text = "\xE2\x80\x9CYes,\xE2\x80\x9D \xE2\x80\x94 the crews\xE2\x80\x99 AT&T 'tis";
    scanned s = tokenize(text);
    char b[64];
    assert_int_equal(s.n, 5);
    assert_string_equal(token_text(&s, 0, text, b), "Yes");
    assert_string_equal(token_text(&s, 2, text, b), "crews");
    assert_string_equal(token_text(&s, 3, text, b), "AT&T");
    assert_string_equal(token_text(&s, 4, text, b), "tis");
    assert_int_equal(s.words, 6); /* the dash counts as a word, as ROUGE counts */
    release(&s);
}

static void test_address_tokens(void **state)
{
    const char *text =
        "Mail Desk.News@example.org, see https://example.net/a-b.html. Or www.Example.com!";
    scanned s = tokenize(text);
    char b[64];
    assert_int_equal(s.n, 6);
    assert_string_equal(token_text(&s, 1, text, b), "Desk.News@example.org");
    assert_string_equal(token_text(&s, 3, text, b), "https://example.net/a-b.html");
    assert_string_equal(token_text(&s, 5, text, b), "www.Example.com");
    const token *t = &VEC_AT(&s.tokens, token, 1);
    assert_string_equal(STORY_TERM(s.st, t->term)->lower, "desk.news@example.org");
    release(&s);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles_and_initials),
        cmocka_unit_test(test_abbreviation_at_sentence_end),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_quotes_after_period),
        cmocka_unit_test(test_quotation_stays_whole),
        cmocka_unit_test(test_lower_case_continuations),
        cmocka_unit_test(test_exclamations_and_questions),
        cmocka_unit_test(test_ellipses),
        cmocka_unit_test(test_lists_and_bullets),
        cmocka_unit_test(test_urls_and_addresses),
        cmocka_unit_test(test_glued_and_citations),
        cmocka_unit_test(test_lines_and_fragments),
        cmocka_unit_test(test_text_paragraphs),
        cmocka_unit_test(test_word_table),
        cmocka_unit_test(test_token_readers_agree),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_byte_classifiers_agree),
        cmocka_unit_test(test_stop_scanners_agree),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_terms_are_shared),
        cmocka_unit_test(test_token_edges),
        cmocka_unit_test(test_address_tokens),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
