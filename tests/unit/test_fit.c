/* test_fit.c - line breaking and column fitting: lines break only at
 * spaces; a date too wide for its line breaks after a '/'; layouts have
 * pango's hyphen insertion off; every column gets its widest word; where the
 * page is too narrow the type shrinks, never below the floor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "fit.h"
#include "measure.h"
#include "util.h"

#define FONT "Noto Sans Bengali"
#define DATE "\xe0\xa7\xa7\xe0\xa7\xac/\xe0\xa7\xa6\xe0\xa7\xa9/\xe0\xa7\xa8\xe0\xa7\xa6\xe0\xa7\xa8\xe0\xa7\xaa" /* ১৬/০৩/২০২৪ */
#define WORD "\xe0\xa6\x95\xe0\xa6\xb0\xe0\xa7\x8d\xe0\xa6\xae\xe0\xa6\xb8\xe0\xa6\xae\xe0\xa7\x8d\xe0\xa6\xaa\xe0\xa6\xbe\xe0\xa6\xa6\xe0\xa6\xa8" /* কর্মসম্পাদন */

static int passed, failed;

static void check(int cond, const char *what)
{
	if (cond)
		passed++;
	else {
		failed++;
		printf("FAIL %s\n", what);
	}
}

static void wrapping(void)
{
	double w = measure_width("aaa bbb", FONT, 8, 0);
	char *s = measure_wrap("aaa bbb ccc", FONT, 8, 0, w + 0.5);
	double d = measure_width(DATE, FONT, 8, 0), part = measure_width("\xe0\xa7\xa7\xe0\xa7\xac/\xe0\xa7\xa6\xe0\xa7\xa9/", FONT, 8, 0);

	check(strcmp(s, "aaa bbb\nccc") == 0, "a line breaks at the last space that fits");
	free(s);
	s = measure_wrap(WORD " " WORD, FONT, 8, 0, measure_width(WORD, FONT, 8, 0) + 1);
	check(strcmp(s, WORD "\n" WORD) == 0, "a word is never broken where it fits a line");
	free(s);
	s = measure_wrap(DATE, FONT, 8, 0, (d + part) / 2);
	check(strstr(s, "/\n") != NULL && strstr(s, "/\n")[2] != '\0', "a date too wide breaks after a '/'");
	free(s);
	s = measure_wrap(DATE, FONT, 8, 0, d + 0.5);
	check(strcmp(s, DATE) == 0, "a date that fits is not broken");
	free(s);
	s = measure_wrap(WORD, FONT, 8, 0, 5);
	check(strcmp(s, WORD) == 0, "a word without a '/' is left to pango");
	free(s);
}

/* Whether a layout has pango's hyphen insertion turned off. */
static int hyphens_off(PangoLayout *l)
{
	PangoAttrList *a = pango_layout_get_attributes(l);
	PangoAttrIterator *it;
	PangoAttribute *h;
	int off = 0;

	if (a == NULL)
		return 0;
	it = pango_attr_list_get_iterator(a);
	h = pango_attr_iterator_get(it, PANGO_ATTR_INSERT_HYPHENS);
	off = h && !((PangoAttrInt *)h)->value;
	pango_attr_iterator_destroy(it);
	return off;
}

static void hyphens(void)
{
	PangoContext *c = pango_font_map_create_context(measure_font_map());
	PangoLayout *l = pango_layout_new(c);

	check(!hyphens_off(l), "a new layout inserts hyphens (pango's default)");
	measure_no_hyphens(l);
	check(hyphens_off(l), "measure_no_hyphens turns hyphen insertion off");
	g_object_unref(l);
	g_object_unref(c);
}

static doc *table(int cols, const char *text)
{
	doc *d = doc_new(1, cols);
	int c;

	free(d->font);
	d->font = util_strdup(FONT);
	for (c = 0; c < cols; c++) {
		free(doc_at(d, 0, c)->text);
		doc_at(d, 0, c)->text = util_strdup(text);
	}
	return d;
}

static void columns(void)
{
	doc *d = table(3, DATE);
	double need = measure_word_width(DATE, FONT, FIT_BODY, 0) + 2 * FIT_PAD, sum = 0;
	int c;

	d->width[0] = 1; /* far too narrow for the date */
	d->width[1] = 50;
	d->width[2] = 50;
	fit_columns(d);
	check(fit_col_points(d, 0, fit_table_width(0)) >= need, "a column gets its widest word");
	check(d->width[1] == d->width[2], "the others share the rest in proportion");
	for (c = 0; c < 3; c++)
		sum += d->width[c];
	check(sum > 100.99 && sum < 101.01, "the sum of the widths is kept");
	check(fit_scale(doc_at(d, 0, 0)) == 1, "no shrinking where the page has the width");
	doc_free(d);
	d = table(2, "ab");
	free(doc_at(d, 0, 1)->text);
	doc_at(d, 0, 1)->text = util_strdup(WORD " " WORD " " WORD " " WORD " " WORD " " WORD " " WORD " " WORD " " WORD
					    " " WORD " " WORD " " WORD " " WORD " " WORD " " WORD " " WORD);
	d->width[0] = d->width[1] = 50;
	fit_columns(d);
	check(fit_col_points(d, 0, fit_table_width(0)) < measure_width("ab", FONT, FIT_BODY, 0) + 2 * FIT_PAD + 1,
	      "a column of short values gives its room to one that wraps");
	doc_free(d);
	d = table(40, WORD); /* forty columns of a long word: no page is that wide */
	fit_columns(d);
	check(fit_scale(doc_at(d, 0, 0)) < 1, "the type shrinks where the page is too narrow");
	check(fit_scale(doc_at(d, 0, 0)) >= FIT_FLOOR / FIT_BODY - 1e-9, "never below the floor");
	doc_free(d);
}

int main(void)
{
	wrapping();
	hyphens();
	columns();
	measure_cleanup();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
