/* test_fit.c - line breaking and column fitting: lines break only at
 * spaces; a date too wide for its line breaks after a '/'; layouts have
 * pango's hyphen insertion off; every column gets its widest word; where the
 * page is too narrow the type shrinks, never below the floor; heights are
 * pango's for every kind of text, however they are worked out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "check.h"
#include "fit.h"
#include "measure.h"
#include "util.h"

#define FONT "Noto Sans Bengali"
#define DATE "\xe0\xa7\xa7\xe0\xa7\xac/\xe0\xa7\xa6\xe0\xa7\xa9/\xe0\xa7\xa8\xe0\xa7\xa6\xe0\xa7\xa8\xe0\xa7\xaa" /* ১৬/০৩/২০২৪ */
#define WORD "\xe0\xa6\x95\xe0\xa6\xb0\xe0\xa7\x8d\xe0\xa6\xae\xe0\xa6\xb8\xe0\xa6\xae\xe0\xa7\x8d\xe0\xa6\xaa\xe0\xa6\xbe\xe0\xa6\xa6\xe0\xa6\xa8" /* কর্মসম্পাদন */

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

/* The height pango gives text broken as measure_wrap breaks it, laid out
 * whole at width: what measure_height must equal, however it gets there. */
static double layout_height(const char *text, double size, int bold, double width)
{
	PangoContext *c = pango_font_map_create_context(measure_font_map());
	PangoLayout *l;
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	char *lines = measure_wrap(text, FONT, size, bold, width);
	int w, h;

	measure_setup_context(c);
	l = pango_layout_new(c);
	measure_no_hyphens(l);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, lines[0] ? lines : " ", -1);
	pango_layout_get_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	g_object_unref(c);
	free(lines);
	return (double)h / PANGO_SCALE;
}

/* measure_height counts lines where it can; it must still agree with
 * pango on every kind of text: one line, several, a word wider than the
 * line, a line just narrower than it, empty lines, characters the font
 * does not have (set in a fallback font of other metrics), bold. */
static void heights(void)
{
	static const char *const texts[] = {
		WORD, WORD " " WORD " " WORD " " WORD, DATE, DATE " " DATE, "a\n\nb", "\n" WORD, WORD "\n",
		"Latin text " WORD, "\xe6\xbc\xa2\xe5\xad\x97 " WORD, "\xf0\x9f\x98\x80 " WORD, "", " ",
		"(" WORD ") " DATE ", " WORD,
	};
	static const double widths[] = { 20, 45, 60, 90, 300 };
	double one = measure_width(WORD " " WORD, FONT, 8, 0);
	char what[160];
	size_t i, j;
	int b;

	for (i = 0; i < sizeof texts / sizeof *texts; i++)
		for (j = 0; j < sizeof widths / sizeof *widths; j++)
			for (b = 0; b < 2; b++) {
				snprintf(what, sizeof what, "the height of text %zu at width %g%s is pango's", i,
					 widths[j], b ? " (bold)" : "");
				check(measure_height(texts[i], FONT, 8, b, widths[j]) ==
					      layout_height(texts[i], 8, b, widths[j]),
				      what);
			}
	for (j = 0; j < 8; j++) { /* widths about that of the line itself */
		double w = one - 0.4 + 0.3 * (double)j;

		snprintf(what, sizeof what, "the height at width %.2f, about the line's own %.2f, is pango's", w, one);
		check(measure_height(WORD " " WORD, FONT, 8, 0, w) == layout_height(WORD " " WORD, 8, 0, w), what);
	}
	for (j = 0; j < 8; j++) { /* a word about as wide as the line: pango breaks it if it is wider */
		double w = measure_width(WORD, FONT, 8, 0) - 0.9 + 0.25 * (double)j;

		snprintf(what, sizeof what, "the height of a word at width %.2f, about its own, is pango's", w);
		check(measure_height(WORD, FONT, 8, 0, w) == layout_height(WORD, 8, 0, w), what);
	}
	check(measure_height(WORD " " WORD, FONT, 8, 0, one + 2) * 2 ==
		      measure_height(WORD " " WORD, FONT, 8, 0, one - 2),
	      "two lines are twice as high as one");
	check(util_hash(UTIL_FNV_BASIS, "a", 1) != util_hash(UTIL_FNV_BASIS, "a", 2) &&
		      util_hash(UTIL_FNV_BASIS, "abcdefgh1", 9) != util_hash(UTIL_FNV_BASIS, "abcdefgh2", 9),
	      "the cache hash tells a tail's bytes and length apart");
}

int main(void)
{
	wrapping();
	heights();
	hyphens();
	columns();
	measure_cleanup();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
