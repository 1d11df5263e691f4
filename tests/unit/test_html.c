/* Tests of html.c, extract.c and html_meta.c on invented pages: the main
 * content, the metadata with its sources, encodings, hostile markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "html.h"

typedef struct result {
    buf text;
    arena a;
    html_meta meta;
} result;

static void run(result *r, const char *page, size_t n)
{
    buf_init(&r->text, (size_t)1 << 26);
    arena_init(&r->a, 0);
    html_extract(page, n, &r->text, &r->a, &r->meta);
}

static void done(result *r)
{
    buf_free(&r->text);
    arena_free(&r->a);
}

static const char *text_of(const result *r)
{
    return r->text.data ? r->text.data : "";
}

#define PARA(x) "<p>" x " It went on for a while, with commas, clauses and a full stop.</p>"

static const char story_page[] =
    "<html><head><title>Canal Locks Reopen After Repairs - The Harbour Post</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
    "<div class='sidebar'><ul><li><a href='/1'>Most read one</a></li>"
    "<li><a href='/2'>Most read two</a></li></ul></div>"
    "<div id='main'><div class='article-body'>"
    "<h2>Work finished early</h2>" PARA(
        "The three locks on the old canal reopened to boats on "
        "Friday.") "<div class='social-share'><a "
                   "href='#'>Share</a><a "
                   "href='#'>Tweet</a></div>" PARA(
                       "Engineers replaced the gates, which had "
                       "leaked since the winter floods.") "<figure>"
                                                          "<img "
                                                          "src='x."
                                                          "jpg'><"
                                                          "figcapti"
                                                          "on>The "
                                                          "upper "
                                                          "lock in "
                                                          "March.</"
                                                          "figcapti"
                                                          "on></"
                                                          "figure>"
                                                          "<ul "
                                                          "class='"
                                                          "related'"
                                                          "><li><a "
                                                          "href='/"
                                                          "r1'>"
                                                          "Bridge "
                                                          "study</"
                                                          "a></"
                                                          "li><li><"
                                                          "a "
                                                          "href='/"
                                                          "r2'>"
                                                          "Ferry "
                                                          "fares</"
                                                          "a>"
                                                          "</li></"
                                                          "ul"
                                                          ">" PARA("Boat"
                                                                   " own"
                                                                   "ers "
                                                                   "said"
                                                                   " the"
                                                                   " sea"
                                                                   "son "
                                                                   "coul"
                                                                   "d "
                                                                   "now "
                                                                   "star"
                                                                   "t "
                                                                   "on "
                                                                   "time"
                                                                   ".") "</div></div>"
                                                                        "<div "
                                                                        "class='comments'><p>First!"
                                                                        " This comment is long "
                                                                        "enough to be a paragraph, "
                                                                        "surely, yes.</p></div>"
                                                                        "<footer><p>Contact the "
                                                                        "newsroom at any time of "
                                                                        "the day or night, we "
                                                                        "answer.</p></footer>"
                                                                        "</body></html>";

static void test_main_content(void **state)
{
    result r;
    run(&r, story_page, strlen(story_page));
    const char *t = text_of(&r);
    const char *a = strstr(t, "Work finished early\n");
    const char *b = strstr(t, "The three locks");
    const char *c = strstr(t, "Engineers replaced");
    const char *d = strstr(t, "Boat owners");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_non_null(d);
    assert_true(a < b && b < c && c < d); /* headings and paragraphs in order */
    assert_null(strstr(t, "Home"));
    assert_null(strstr(t, "Most read"));
    assert_null(strstr(t, "Tweet"));
    assert_null(strstr(t, "upper lock"));
    assert_null(strstr(t, "Bridge study"));
    assert_null(strstr(t, "First!"));
    assert_null(strstr(t, "newsroom"));
    assert_string_equal(r.meta.title, "Canal Locks Reopen After Repairs");
    assert_string_equal(r.meta.title_source, "html <title>");
    assert_string_equal(r.meta.site, "The Harbour Post");
    assert_string_equal(r.meta.site_source, "title suffix");
    done(&r);
}

static void test_split_story(void **state)
{
    /* a story in several sibling steps, each its own block */
    static const char page[] =
        "<html><body><div class='menu'><a href='/'>Start</a></div><article>"
        "<span><div class='step'><div class='txt'>" PARA(
            "Step one: mix the flour and water.") "</div></div></span>"
                                                  "<span><div class='step'><div class='txt'>" PARA(
                                                      "Step two: knead the dough well.") "</div></"
                                                                                         "div></"
                                                                                         "span>"
                                                                                         "<span><"
                                                                                         "div "
                                                                                         "class='"
                                                                                         "step'><"
                                                                                         "div "
                                                                                         "class='"
                                                                                         "txt'"
                                                                                         ">" PARA(
                                                                                             "Step "
                                                                                             "three"
                                                                                             ": "
                                                                                             "let "
                                                                                             "it "
                                                                                             "rest "
                                                                                             "overn"
                                                                                             "ight"
                                                                                             ".") "</div></div></span>"
                                                                                                  "</article></body></html>";
    result r;
    run(&r, page, strlen(page));
    const char *t = text_of(&r);
    assert_non_null(strstr(t, "Step one"));
    assert_non_null(strstr(t, "Step two"));
    assert_non_null(strstr(t, "Step three"));
    assert_null(strstr(t, "Start"));
    done(&r);
}

static void test_json_ld(void **state)
{
    static const char page[] =
        "<html><head><title>Wrong title | Site</title>"
        "<meta property='article:published_time' content='2029-01-02T10:00:00Z'>"
        "<script type='application/ld+json'>[{\"@type\": \"BreadcrumbList\"}, {\"@context\": "
        "\"https://schema.org\", \"@graph\": [{\"@type\": \"ReportageNewsArticle\", \"headline\": "
        "\"Glacier Retreat Measured From Orbit\", \"datePublished\": "
        "\"2029-01-03T23:30:00-08:00\", "
        "\"author\": [{\"name\": \"Ines Varga\"}, \"Paul Okafor\"], \"publisher\": {\"name\": "
        "\"Polar Review\"}}]}]</script></head><body>" PARA(
            "Satellites measured the ice.") "</body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_string_equal(r.meta.title, "Glacier Retreat Measured From Orbit");
    assert_string_equal(r.meta.title_source, "json-ld");
    assert_string_equal(r.meta.date, "2029-01-03"); /* the day as the page states it */
    assert_string_equal(r.meta.date_source, "json-ld");
    assert_string_equal(r.meta.byline, "Ines Varga, Paul Okafor");
    assert_string_equal(r.meta.site, "Polar Review");
    done(&r);
}

static void test_meta_tags_and_bylines(void **state)
{
    static const char page[] =
        "<html><head><meta property='og:title' content='Night Trains Return | Rail Weekly'>"
        "<meta property='og:site_name' content='Rail Weekly'>"
        "<meta name='author' content='Email The Author'>"
        "<meta name='parsely-pub-date' content='2027-06-05T08:00:00Z'></head><body>"
        "<p class='byline'>By Amara Lindgren</p>" PARA(
            "The night train ran again.") "</body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_string_equal(r.meta.title, "Night Trains Return");
    assert_string_equal(r.meta.title_source, "open graph");
    assert_string_equal(r.meta.date, "2027-06-05");
    assert_string_equal(r.meta.date_source, "meta date");
    assert_string_equal(r.meta.byline, "Amara Lindgren"); /* the junk meta author is refused */
    assert_string_equal(r.meta.byline_source, "visible byline");
    done(&r);
}

static void test_junk_bylines_and_unix_dates(void **state)
{
    static const char page[] =
        "<html><head><meta name='author' content='4 Minute Read'>"
        "<meta name='pubdate' content='1676551869'></head><body>"
        "<span class='author'>Follow Author</span>" PARA("A short report.") "</body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_null(r.meta.byline);
    assert_string_equal(r.meta.date, "2023-02-16");
    done(&r);
}

static void test_json_ld_unix_date(void **state)
{
    static const char page[] =
        "<html><head><script type='application/ld+json'>{\"@type\": \"Article\", "
        "\"datePublished\": 1676551869}</script></head><body>" PARA(
            "A dated page.") "</body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_string_equal(r.meta.date, "2023-02-16");
    done(&r);
}

static void test_time_element(void **state)
{
    static const char page[] =
        "<html><body><article><time datetime='2026-03-09T07:00'>9 March</time>" PARA(
            "The market opened early.") "</article></body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_string_equal(r.meta.date, "2026-03-09");
    assert_string_equal(r.meta.date_source, "html <time>");
    done(&r);
}

static void test_windows_1252(void **state)
{
    /* declared, and not declared: 0x92 is a right single quote, 0xE9 é */
    static const char declared[] =
        "<html><head><meta charset='windows-1252'></head><body><p>The caf\xE9's owner "
        "said it\x92s open, with coffee, cake and a long queue outside.</p></body></html>";
    static const char bare[] =
        "<html><body><p>The caf\xE9's owner said it\x92s open, with coffee, cake and a queue.</p>"
        "</body></html>";
    result r;
    run(&r, declared, strlen(declared));
    assert_non_null(strstr(text_of(&r), "caf\xC3\xA9's owner said it\xE2\x80\x99s open"));
    done(&r);
    run(&r, bare, strlen(bare));
    assert_non_null(strstr(text_of(&r), "caf\xC3\xA9's owner said it\xE2\x80\x99s open"));
    done(&r);
}

static void test_entities_and_spaces(void **state)
{
    static const char page[] =
        "<html><body><p>Fish &amp; chips&nbsp;&nbsp;cost &pound;5 at the caf&eacute; "
        "on the pier, they said.</p></body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_non_null(strstr(text_of(&r), "Fish & chips cost \xC2\xA3"
                                        "5 at the caf\xC3\xA9 on"));
    done(&r);
}

static void test_hostile_markup(void **state)
{
    size_t depth = 20000, n = 0;
    char *deep = malloc(depth * 11 + 64);
    assert_non_null(deep);
    n += (size_t)sprintf(deep, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + n, "<div>", 5), n += 5;
    n += (size_t)sprintf(deep + n, "<p>Deep, deep down.</p>");
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + n, "</div>", 6), n += 6;
    result r;
    run(&r, deep, n); /* an empty result or a best effort, never a crash */
    done(&r);
    free(deep);
    static const char cut[] = "<html><body><p>A truncated page still has its words, commas and";
    run(&r, cut, strlen(cut));
    assert_non_null(strstr(text_of(&r), "A truncated page still has its words"));
    done(&r);
    static const char unclosed[] = "<html><body><p>Before the script.</p><script>var a = '<p>";
    run(&r, unclosed, strlen(unclosed));
    assert_null(strstr(text_of(&r), "var a"));
    done(&r);
    static const char binary[] = "<html>\x01\x02\xFF\xFE<body>\x80\x81<p>\xC0\xC1 x</p>";
    run(&r, binary, sizeof binary - 1);
    done(&r);
    run(&r, "", 0);
    assert_int_equal(r.text.len, 0);
    done(&r);
}

static void test_page_chrome_regions(void **state)
{
    /* navigation, asides and footers are read as text only; what metadata
     * needs inside them (JSON-LD, a byline) is still read */
    static const char page[] =
        "<html><body><nav class='top'><ul><li><a href='/a'>World</a></li><li><a href='/b'>Sport"
        "</a></li></ul></nav><article>" PARA(
            "The harbour crane was replaced overnight.") "</article><aside><p class='author'>By "
                                                         "Lena Hartwig</p></aside>"
                                                         "<footer><script "
                                                         "type='application/ld+json'>{\"@type\": "
                                                         "\"NewsArticle\", "
                                                         "\"datePublished\": "
                                                         "\"2030-08-01\"}</script><a "
                                                         "href='/c'>Contact</a></footer>"
                                                         "</body></html>";
    result r;
    run(&r, page, strlen(page));
    assert_non_null(strstr(text_of(&r), "harbour crane"));
    assert_null(strstr(text_of(&r), "World"));
    assert_string_equal(r.meta.date, "2030-08-01");
    assert_string_equal(r.meta.byline, "Lena Hartwig");
    int nav = 0;
    for (size_t i = 0; i < r.meta.n_removed; i++)
        nav += r.meta.removed[i].reason == REMOVED_NAVIGATION &&
               strstr(r.meta.removed[i].text, "World") && strstr(r.meta.removed[i].text, "Sport");
    assert_int_equal(nav, 1);
    done(&r);
}

static void test_deep_page_best_effort(void **state)
{
    /* a page nested 1500 deep still gives its text */
    size_t depth = 1500, n = 0;
    char *deep = malloc(depth * 11 + 256);
    assert_non_null(deep);
    n += (size_t)sprintf(deep, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + n, "<div>", 5), n += 5;
    n += (size_t)sprintf(deep + n, PARA("Far down the tree, the story."));
    for (size_t i = 0; i < depth; i++)
        memcpy(deep + n, "</div>", 6), n += 6;
    result r;
    run(&r, deep, n);
    assert_non_null(strstr(text_of(&r), "Far down the tree"));
    done(&r);
    free(deep);
}

static void test_detect(void **state)
{
    assert_true(html_detect("<!DOCTYPE html><html>", 21));
    assert_true(html_detect("\n  <div>hi</div>", 16));
    assert_false(html_detect("Plain text about <b>", 20));
    assert_false(html_detect("", 0));
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_main_content),
        cmocka_unit_test(test_split_story),
        cmocka_unit_test(test_json_ld),
        cmocka_unit_test(test_meta_tags_and_bylines),
        cmocka_unit_test(test_junk_bylines_and_unix_dates),
        cmocka_unit_test(test_json_ld_unix_date),
        cmocka_unit_test(test_time_element),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_entities_and_spaces),
        cmocka_unit_test(test_hostile_markup),
        cmocka_unit_test(test_page_chrome_regions),
        cmocka_unit_test(test_deep_page_best_effort),
        cmocka_unit_test(test_detect),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
