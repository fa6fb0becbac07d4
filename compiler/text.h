/* text.h - what a text may hold: its printed length and the limits on it,
 * and whether it looks like legacy Bijoy (ANSI) Bengali. */
#ifndef ANNEXC_TEXT_H
#define ANNEXC_TEXT_H

#include <stddef.h>

/* The most characters of any text (a label, a comment, an office name, any
 * element's text or attribute value): a spreadsheet cell's own limit, so
 * that nothing is cut from the workbook. */
#define TEXT_MAX 32767
/* The longest link address (href) a spreadsheet keeps. */
#define LINK_MAX 2079

/* Characters in the UTF-8 text s as it will be printed: runs of white space
 * count once. */
size_t text_length(const char *s);
/* Nonzero when the UTF-8 text s looks like Bengali typed for a Bijoy font
 * (see text.c for the rule). */
int text_looks_bijoy(const char *s);

#endif
