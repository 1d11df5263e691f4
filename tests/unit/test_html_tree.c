/* Tests of html_tree.c: the arena tree equals the tree libxml2's own
 * builder makes (htmlReadMemory) on invented pages that exercise its rules:
 * content after the root, top-level comments and doctypes, prefixed names,
 * misplaced tags, script and style content, entities, long texts, line
 * numbers past 65535, boolean attributes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "html_dom.h"

#define OPTIONS                                                                                    \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |           \
     HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

static int same_str(const xmlChar *a, const xmlChar *b)
{
    return a && b ? strcmp((const char *)a, (const char *)b) == 0 : a == b;
}

static const xmlNode *skip_doctype(const xmlNode *n)
{
    while (n && n->type == XML_DTD_NODE)
        n = n->next; /* libxml2 adds a default one */
    return n;
}

static void same_list(const xmlNode *a, const xmlNode *b, int top);

static void same_attributes(const xmlAttr *x, const xmlAttr *y, const xmlNode *owner)
{
    for (; x && y; x = x->next, y = y->next) {
        assert_string_equal(x->name, y->name);
        assert_ptr_equal(y->parent, owner);
        assert_int_equal(x->children != NULL, y->children != NULL);
        if (x->children) assert_string_equal(x->children->content, y->children->content);
    }
    assert_null(x);
    assert_null(y);
}

static void same_node(const xmlNode *a, const xmlNode *b)
{
    assert_int_equal(a->type, b->type);
    if (a->type == XML_ELEMENT_NODE || a->type == XML_PI_NODE)
        assert_true(same_str(a->name, b->name));
    if (a->type != XML_ELEMENT_NODE) assert_true(same_str(a->content, b->content));
    assert_int_equal(a->line, b->line);
    assert_int_equal(xmlGetLineNo(a), xmlGetLineNo(b));
    if (a->type != XML_ELEMENT_NODE) return;
    same_attributes(a->properties, b->properties, b);
    same_list(a->children, b->children, 0);
}

static void same_list(const xmlNode *a, const xmlNode *b, int top)
{
    const xmlNode *prev = NULL;
    for (a = top ? skip_doctype(a) : a, b = top ? skip_doctype(b) : b; a && b;) {
        same_node(a, b);
        if (!top) assert_ptr_equal(b->prev, prev);
        prev = b;
        a = top ? skip_doctype(a->next) : a->next;
        b = top ? skip_doctype(b->next) : b->next;
    }
    assert_null(a);
    assert_null(b);
}

static void check(const char *page)
{
    size_t n = strlen(page);
    htmlDocPtr want = htmlReadMemory(page, (int)n, NULL, "UTF-8", OPTIONS);
    html_tree t;
    htmlDocPtr got = html_tree_parse(&t, page, n, OPTIONS);
    assert_int_equal(want != NULL, got != NULL);
    if (want) same_list(want->children, got->children, 1);
    xmlFreeDoc(want);
    html_tree_free(&t);
}

static void test_document_level(void **state)
{
    (void)state;
    check("<html><body><p>a</p></body></html><p>after</p><div class=\"x\">more</div>");
    check("<!-- first --><html><body><p>a</p></body></html><p>after</p>");
    check("<?xml version=\"1.0\"?><html><body>x</body></html><b>y</b>");
    check("<!DOCTYPE html><html><body><p>a</p></body></html></html><p>after</p><!-- z -->");
    check("stray text <b>bold</b> &amp; more");
    check(
        "<html><head>text in the head<meta name=\"a\" content=\"b\"></head><body>x</body></html>");
    check(
        "<html class=\"a\"><head><title>t</title></head><body><html class=\"b\"><body class=\"d\">"
        "<head>h</head><p>p</p></body></html>");
    check("");
    check("   \n  ");
}

static void test_names_and_attributes(void **state)
{
    (void)state;
    check("<p><fb:like a=\"1\">x</fb:like><o:p></o:p><a:>q</a:><:b>r</:b><x:y:z>s</x:y:z></p>");
    check("<div class=\"a\" class=\"b\" id=x data-y='q' hidden checked=\"\" selected "
          "aria-hidden=true>"
          "x</div><input disabled readonly><td nowrap><script defer async></script>");
    check("<div class=\"a>b</div><p>c</p>");
    check("<div>a</ div></div x=\"y\">b</3><p>c</p>");
}

static void test_text_and_cdata(void **state)
{
    (void)state;
    check("<html><head><script>var a = \"<p>\"; // </scr + ipt></script><style>p{}</style></head>"
          "<body><script type=\"application/ld+json\">{\"a\":1}</script><p>x</p><style>a</style>"
          "</body></html>");
    check("<p>a<!--c-->b<?pi x?>c</p><div>d<![CDATA[e]]>f</div>");
    check("<pre>\n  x\n</pre><textarea>\n a</textarea><title>\n t</title>");
    check("<table><tr><td>a<td>b<tr><td>c</table><p>x<p>y<li>z<li>w<dl><dt>a<dd>b</dl>");
    check("<svg><g><text>x</text></g></svg><math><mi>x</mi></math>");
    char *long_text = malloc(64 * 1024);
    assert_non_null(long_text);
    size_t k = (size_t)sprintf(long_text, "<div>");
    for (int i = 0; i < 1500; i++)
        k += (size_t)sprintf(long_text + k, "word &amp; &#169; &bogus; ");
    sprintf(long_text + k, "<b>x</b>tail</div>");
    check(long_text);
    free(long_text);
}

static void test_lines_past_65535(void **state)
{
    (void)state;
    size_t cap = (size_t)70000 * 32;
    char *page = malloc(cap);
    assert_non_null(page);
    size_t k = (size_t)sprintf(page, "<html><body>");
    for (int i = 0; i < 70000; i++)
        k += (size_t)sprintf(page + k, "<p class=c%d>line</p>\n", i % 10);
    sprintf(page + k, "</body></html>");
    check(page);
    free(page);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_level),
        cmocka_unit_test(test_names_and_attributes),
        cmocka_unit_test(test_text_and_cdata),
        cmocka_unit_test(test_lines_past_65535),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
