/* fit.h - row heights that fit the document's text, for any backend: each
 * row fits its tallest cell, and a cell merged over several rows grows the
 * last of them when they are together too short. */
#ifndef ANNEXC_FIT_H
#define ANNEXC_FIT_H

#include "document.h"

/* Fills h[0..nrows) in points, given each column's usable text width in
 * points (width[c]), the text size and padding; rows are at least min high. */
void fit_rows(const doc *d, const double *width, double size, double pad, double min, double *h);

#endif
