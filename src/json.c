/*
 * json.c — JSON output.
 *
 * chorus writes its JSON by hand so that keys come in the documented order
 * and the same story always gives the same bytes. Strings are escaped per
 * RFC 8259: quote, backslash and control characters; everything else is
 * copied as UTF-8 (the pipeline guarantees valid UTF-8 by then).
 */
#include "json.h"

#include <string.h>

void json_string(buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        buf_put(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            buf_puts(out, "\\\"");
            break;
        case '\\':
            buf_puts(out, "\\\\");
            break;
        case '\n':
            buf_puts(out, "\\n");
            break;
        case '\t':
            buf_puts(out, "\\t");
            break;
        case '\r':
            buf_puts(out, "\\r");
            break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_put(out, esc, 6);
        }
        }
    }
    buf_put(out, s + run, n - run);
    buf_putc(out, '"');
}

void json_cstr(buf *out, const char *s)
{
    if (s)
        json_string(out, s, strlen(s));
    else
        buf_puts(out, "null");
}

void json_key(buf *out, const char *key, int *first)
{
    if (*first)
        *first = 0;
    else
        buf_puts(out, ", ");
    json_cstr(out, key);
    buf_puts(out, ": ");
}
