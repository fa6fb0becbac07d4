/* fit.h - the printed table's geometry, decided once for every backend:
 * the page's table width, each column's width (every column at least as
 * wide as its widest word, the template's relative widths shared out over
 * the rest), the cells whose type must shrink because the page cannot give
 * that width, and row heights that fit the text. */
#ifndef ANNEXC_FIT_H
#define ANNEXC_FIT_H

#include "diag.h"
#include "document.h"
#include "model.h"
#include "score.h"

#define FIT_BODY 8.0   /* the table's type size in print, points */
#define FIT_FLOOR 6.5  /* the smallest a cell's type shrinks to before a word breaks */
#define FIT_PAD 3.0    /* padding inside every cell, on each side, points */

/* The left and right page margin of an A4 page, points. */
double fit_margin(int landscape);
/* The printed table's width, points: A4 less its margins. */
double fit_table_width(int landscape);
/* Widens every printed column of d to its widest word at FIT_BODY (with
 * the padding), taking the width from the other columns in proportion to
 * their template widths, and holds a column no wider than its widest body
 * cell on one line while other columns wrap; where the page cannot give every column its
 * widest word, the columns get what there is and the cells whose words
 * still do not fit get a smaller type (doc_cell.scale, FIT_FLOOR at the
 * least). The sum of the widths is kept. */
void fit_columns(doc *d);
/* A cell's type size as a fraction of the table's. */
double fit_scale(const doc_cell *x);
/* Column c's width in points when the table is printed table_width wide. */
double fit_col_points(const doc *d, int c, double table_width);
/* Warns, at the layout column in template t, for each column of report r's
 * table whose words need a smaller type than FIT_BODY. */
void fit_warn(const model_template *t, const model_report *r, const score_report *s, diag_list *dl);

/* Fills h[0..nrows) in points, given each column's width in points
 * (width[c]), the text size and the padding inside a cell; rows are at least
 * min high; link cells count one line when links_one_line (a backend that
 * shows a link shortened). A cell merged over several rows grows the last of
 * them when they are together too short. */
void fit_rows(const doc *d, const double *width, double size, double pad, double min, int links_one_line,
	      double *h);

#endif
