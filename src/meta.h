/* meta.h — dates, outlets and bylines read off single lines. */
#ifndef CHORUS_META_H
#define CHORUS_META_H

#include <stddef.h>

/* Parses a calendar date written in one of the usual news forms
 * ("Tuesday 29 Sep 2015", "Sept. 28, 2015", "September 28, 2015",
 * "2015-09-28", "28/09/2015" is not read: it is ambiguous) anywhere in s.
 * Writes "YYYY-MM-DD" to out and returns 1, or returns 0. */
int meta_find_date(const char *s, size_t n, char out[11]);

/* Nonzero when every token of the line is part of a date or time stamp
 * ("Thursday, 26 November 2020", "09:07 pm", "Last Update 15:0"). */
int meta_is_date_line(const char *s, size_t n);

/* Nonzero when the line is an agency line "AFP , Tuesday 29 Sep 2015": a
 * short source name, a comma and a date. The name goes to out. */
int meta_agency_line(const char *s, size_t n, char *out, size_t cap);

/* The outlet named by a copyright line ("© 2024 Example Radio", "Copyright
 * 2021 XYZ. To see more…"), written to out; 0 when none. */
int meta_copyright_outlet(const char *s, size_t n, char *out, size_t cap);

/* Splits "Headline - Outlet" / "Headline | Outlet": when the suffix is a
 * short name, returns the headline's length and writes the outlet. Else 0. */
size_t meta_title_suffix(const char *s, size_t n, char *outlet, size_t cap);

/* A byline "By Jane Doe" or "Write to Jane Doe at jane@example.com": the
 * name goes to out. */
int meta_byline(const char *s, size_t n, char *out, size_t cap);

/* The outlet from an e-mail domain in the line ("x@example.com" gives
 * "EXAMPLE" when the name is at most four letters, else "Example"). */
int meta_email_outlet(const char *s, size_t n, char *out, size_t cap);

/* The dateline that opens a paragraph: "MOSCOW—", "DOI INTHANON, Thailand
 * (AP) _ ", "YANGON, March 1 (Xinhua) -- ". Returns the length of the
 * prefix to skip (0 when none) and writes the place to out. */
size_t meta_dateline(const char *s, size_t n, char *out, size_t cap);

#endif
