/* fit.c - row heights that fit the document's text. */
#include "fit.h"

#include "measure.h"

static double span(const double *width, int col, int n, int ncols)
{
	double w = 0;
	int i;

	for (i = 0; i < n && col + i < ncols; i++)
		w += width[col + i];
	return w;
}

void fit_rows(const doc *d, const double *width, double size, double pad, double min, double *h)
{
	int r, c, i;

	for (r = 0; r < d->nrows; r++)
		h[r] = min;
	for (r = 0; r < d->nrows; r++)
		for (c = 0; c < d->ncols; c++) {
			const doc_cell *x = doc_at(d, r, c);
			double need, have = 0;

			if (x->covered || x->text[0] == '\0')
				continue;
			need = measure_height(x->text, d->font, size, x->bold,
					      span(width, c, x->colspan, d->ncols) - 2 * pad) + 2 * pad;
			for (i = 0; i < x->rowspan; i++)
				have += h[r + i];
			if (need > have)
				h[r + x->rowspan - 1] += need - have;
		}
}
