/* fit.c - column widths, type shrinking and row heights of the printed table. */
#include "fit.h"

#include <stdlib.h>
#include <string.h>

#include "measure.h"
#include "util.h"

#define A4_SHORT 595.276
#define A4_LONG 841.890

double fit_margin(int landscape)
{
	return landscape ? 28.0 : 56.0;
}

double fit_table_width(int landscape)
{
	return (landscape ? A4_LONG : A4_SHORT) - 2 * fit_margin(landscape);
}

double fit_scale(const doc_cell *x)
{
	return x->scale > 0 ? x->scale : 1.0;
}

static double width_sum(const doc *d)
{
	double s = 0;
	int c;

	for (c = 0; c < d->ncols; c++)
		s += d->width[c];
	return s > 0 ? s : 1;
}

double fit_col_points(const doc *d, int c, double table_width)
{
	return d->width[c] / width_sum(d) * table_width;
}

/* Room kept beside a cell's widest word, as a share of it: spreadsheets set
 * type a little wider than pango's unhinted metrics (LibreOffice hints
 * glyph widths at screen resolution), and a word that just fits in the PDF
 * would break in the workbook's print. */
#define WORD_ROOM 1.04

/* What a cell needs at size: its widest word and the padding (links
 * break after a '/', so they ask for nothing). */
static double cell_need(const doc *d, const doc_cell *x, double size)
{
	if (x->covered || x->kind == DOC_LINK || x->text[0] == '\0')
		return 0;
	return measure_word_width(x->text, d->font, size, x->bold) * WORD_ROOM + 2 * FIT_PAD + 0.5;
}

/* need[c]: the widest single-column cell of column c at size. */
static void column_needs(const doc *d, double size, double *need)
{
	int r, c;

	for (c = 0; c < d->ncols; c++) {
		need[c] = 0;
		for (r = 0; r < d->nrows; r++) {
			const doc_cell *x = doc_at(d, r, c);
			double n = x->colspan == 1 ? cell_need(d, x, size) : 0;

			need[c] = n > need[c] ? n : need[c];
		}
	}
}

/* cap[c]: the widest body cell of column c set on one line, with the
 * padding (no less than need[c]); a column wider would only be empty. A
 * column without body cells of its own has no cap. */
static void column_caps(const doc *d, const double *need, double *cap)
{
	int r, c;

	for (c = 0; c < d->ncols; c++) {
		int any = 0;

		cap[c] = need[c];
		for (r = d->header_rows; r < d->nrows; r++) {
			const doc_cell *x = doc_at(d, r, c);
			double w;

			if (x->covered || x->colspan != 1 || x->kind == DOC_LINK)
				continue;
			any |= x->text[0] != '\0';
			w = measure_width(x->text, d->font, FIT_BODY, x->bold) * WORD_ROOM + 2 * FIT_PAD + 0.5;
			cap[c] = w > cap[c] ? w : cap[c];
		}
		if (!any)
			cap[c] = 1e9;
	}
}

/* Shares avail out in proportion to the template widths, every column held
 * at need[c] at the least (sum of need at most avail) and, while others wrap,
 * at cap[c] at the most. */
static void share(const doc *d, const double *need, const double *cap, double avail, double *p)
{
	int *held = util_alloc((size_t)d->ncols * sizeof *held), c, changed = 1, low;
	double sum = 0, sumw = 0;

	while (changed) {
		double rest = avail, free_w = 0;

		changed = 0;
		for (c = 0; c < d->ncols; c++) {
			if (held[c])
				rest -= held[c] == 1 ? need[c] : cap[c];
			else
				free_w += d->width[c];
		}
		for (c = 0, low = 0; c < d->ncols; c++) {
			p[c] = held[c] ? (held[c] == 1 ? need[c] : cap[c]) : free_w > 0 ? d->width[c] / free_w * rest : 0;
			if (!held[c] && p[c] < need[c])
				held[c] = low = changed = 1; /* the columns too narrow first */
		}
		for (c = 0; !low && c < d->ncols; c++)
			if (!held[c] && p[c] > cap[c])
				held[c] = 2, changed = 1;
	}
	for (c = 0; c < d->ncols; c++) {
		sum += p[c];
		sumw += d->width[c];
	}
	for (c = 0; c < d->ncols && sum < avail && sumw > 0; c++)
		p[c] += (avail - sum) * d->width[c] / sumw; /* every column at its cap: the rest for all */
	free(held);
}

/* Where the page is too narrow for every widest word: the columns whose
 * words are widest are cut down to one width, so that the others keep
 * theirs, and only the fewest cells shrink — none below what its words need
 * at the floor size, unless even that does not fit the page. */
static double capped(double need, double low, double cap)
{
	return need < cap ? need : low > cap ? low : cap;
}

static void squeeze(const doc *d, const double *need, const double *low, double avail, double *p)
{
	double lo = 0, hi = 0, cap = 0, sum;
	int c, k;

	for (c = 0; c < d->ncols; c++)
		hi = need[c] > hi ? need[c] : hi;
	for (k = 0; k < 50; k++) { /* the cap at which the columns just fill the page */
		cap = (lo + hi) / 2;
		for (c = 0, sum = 0; c < d->ncols; c++)
			sum += capped(need[c], low[c], cap); /* none below its floor-size words while it can */
		if (sum > avail)
			hi = cap;
		else
			lo = cap;
	}
	for (c = 0, sum = 0; c < d->ncols; c++)
		sum += p[c] = capped(need[c], low[c], lo);
	for (c = 0; c < d->ncols && sum > 0; c++)
		p[c] *= avail / sum;
}

/* Gives each cell whose widest word is wider than its columns a smaller type. */
static void shrink_cells(doc *d, const double *p)
{
	int r, c, i;

	for (r = 0; r < d->nrows; r++)
		for (c = 0; c < d->ncols; c++) {
			doc_cell *x = doc_at(d, r, c);
			double have = 0, need = cell_need(d, x, FIT_BODY), word;

			for (i = 0; i < x->colspan && c + i < d->ncols; i++)
				have += p[c + i];
			if (need <= have)
				continue;
			word = need - 2 * FIT_PAD - 0.5;
			x->scale = (have - 2 * FIT_PAD - 0.5) / word;
			/* type does not scale quite linearly: measured again, smaller while it does not fit */
			while (x->scale > FIT_FLOOR / FIT_BODY &&
			       cell_need(d, x, FIT_BODY * x->scale) > have)
				x->scale -= 0.01;
			if (x->scale < FIT_FLOOR / FIT_BODY)
				x->scale = FIT_FLOOR / FIT_BODY;
		}
}

void fit_columns(doc *d)
{
	double avail = fit_table_width(d->landscape), sum = width_sum(d), sn = 0;
	double *need = util_alloc((size_t)(d->ncols + 1) * 3 * sizeof *need), *p = need + d->ncols + 1,
	       *cap = p + d->ncols + 1;
	int c;

	if (d->ncols == 0) {
		free(need);
		return;
	}
	column_needs(d, FIT_BODY, need);
	for (c = 0; c < d->ncols; c++)
		sn += need[c];
	if (sn <= avail) {
		column_caps(d, need, cap);
		share(d, need, cap, avail, p);
	}
	else {
		double sl = 0;

		column_needs(d, FIT_FLOOR, cap); /* what each column needs at the floor size */
		for (c = 0; c < d->ncols; c++)
			sl += cap[c];
		for (c = 0; c < d->ncols && sl > avail; c++)
			cap[c] = 0; /* not even that fits: the widest are cut, whatever they need */
		squeeze(d, need, cap, avail, p);
	}
	for (c = 0; c < d->ncols; c++)
		d->width[c] = p[c] / avail * sum;
	shrink_cells(d, p);
	d->fitted = 1;
	free(need);
}

/* The widest word of text (the caller frees it). */
static char *widest(const char *text, const char *font, int bold)
{
	char *copy = util_strdup(text), *w, *save = NULL, *best = NULL;
	double most = -1, x;

	for (w = strtok_r(copy, " \n\t", &save); w; w = strtok_r(NULL, " \n\t", &save))
		if ((x = measure_width(w, font, FIT_BODY, bold)) > most) {
			most = x;
			best = w;
		}
	best = util_strdup(best ? best : "");
	free(copy);
	return best;
}

void fit_warn(const model_template *t, const model_report *r, const score_report *s, diag_list *dl)
{
	doc *d = doc_build(t, r, s, NULL);
	int row, c;

	for (c = 0; c < d->ncols && (size_t)c < t->layout.ncol; c++) {
		const model_column *col = &t->layout.col[c];
		const doc_cell *least = NULL;
		char *word;

		for (row = 0; row < d->nrows; row++) {
			const doc_cell *x = doc_at(d, row, c);

			if (!x->covered && fit_scale(x) < 1 && (least == NULL || fit_scale(x) < fit_scale(least)))
				least = x;
		}
		if (least == NULL)
			continue;
		word = widest(least->text, d->font, least->bold);
		diag_add(dl, DIAG_WARNING, DIAG_TEMPLATE, col->loc.file, col->loc.line,
			 "layout column %d (%s) is too narrow for the page: \"%s\" is printed at %.1f pt instead of "
			 "%.0f%s (print the layout landscape, or use shorter words)", c + 1,
			 col->nhead ? col->head[col->nhead - 1] : "", word, FIT_BODY * fit_scale(least), FIT_BODY,
			 fit_scale(least) <= FIT_FLOOR / FIT_BODY ? ", and broken where it is still too wide" : "");
		free(word);
	}
	doc_free(d);
}

static double span(const double *width, int col, int n, int ncols)
{
	double w = 0;
	int i;

	for (i = 0; i < n && col + i < ncols; i++)
		w += width[col + i];
	return w;
}

void fit_rows(const doc *d, const double *width, double size, double pad, double min, int links_one_line,
	      double *h)
{
	int r, c, i;

	for (r = 0; r < d->nrows; r++)
		h[r] = min;
	for (r = 0; r < d->nrows; r++)
		for (c = 0; c < d->ncols; c++) {
			const doc_cell *x = doc_at(d, r, c);
			double need, have = 0, sz = size * fit_scale(x);

			if (x->covered || x->text[0] == '\0')
				continue;
			if (x->kind == DOC_LINK && links_one_line)
				need = measure_height("x", d->font, sz, x->bold, 0) + 2 * pad;
			else
				need = measure_height(x->text, d->font, sz, x->bold,
						      span(width, c, x->colspan, d->ncols) - 2 * pad) + 2 * pad;
			for (i = 0; i < x->rowspan; i++)
				have += h[r + i];
			if (need > have)
				h[r + x->rowspan - 1] += need - have;
		}
}
