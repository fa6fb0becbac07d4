/* document.h - the report document every backend renders: title lines, the
 * table as a grid of cells with merged regions, footnotes, signature blocks,
 * and the forwarding letter. Built from the template's layout and one scored
 * report; backends only draw it and never see the template or the data. */
#ifndef ANNEXC_DOCUMENT_H
#define ANNEXC_DOCUMENT_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "score.h"

enum doc_kind { DOC_EMPTY, DOC_TEXT, DOC_NUMBER, DOC_PERCENT, DOC_DATE, DOC_LINK };
enum doc_align { DOC_LEFT, DOC_CENTER, DOC_RIGHT };
enum doc_role { DOC_BODY, DOC_HEAD, DOC_SUBTOTAL, DOC_TOTAL, DOC_SECTION /* an area's heading row */ };

/* Whether a page may break after a row: freely; better not (inside a short
 * merged group); never (between an indicator's target and achievement rows). */
enum { DOC_KEEP_NONE, DOC_KEEP_PREFER, DOC_KEEP_MUST };

/* One cell of the grid. A merged region is described by its top-left cell
 * (rowspan/colspan > 1); the cells it covers have covered set. */
typedef struct doc_cell {
	enum doc_kind kind;
	char *text;     /* what is displayed, Bengali digits; never NULL after building */
	double value;   /* numbers as such, percents as fractions (0.8), dates as days since 1970 */
	int decimals;   /* decimals to display for numbers and percents */
	char *formula;  /* spreadsheet formula over cells of the grid, cells written
			   {R<row>C<col>} in grid coordinates; NULL when none */
	char *url;      /* DOC_LINK */
	int rowspan, colspan;
	int covered;
	enum doc_role role;
	enum doc_align align;
	int bold;
	int band;       /* grade band colour: 0 none, 1 (best) … 6 */
	double scale;   /* type size as a share of the table's, where the cell's widest
			   word is shrunk to fit its column (fit_columns); 0 means 1 */
} doc_cell;

/* A bar chart of one column's values against another column's labels, over
 * grid rows [first, last]. */
typedef struct doc_chart {
	char *title;
	int label_col, value_col;
	int first, last;
	double axis_max; /* the value axis's maximum; 0: the largest value */
} doc_chart;

/* Text styles, by purpose; each backend gives each style its type size and
 * weight, and places nothing by itself. */
enum doc_style {
	DOC_S_TITLE,        /* a title above the table */
	DOC_S_NOTE,         /* a footnote under it */
	DOC_S_SIGN,         /* a signature line under it */
	DOC_S_HEAD,         /* the letterhead's first line */
	DOC_S_LETTER,       /* the letter's text */
	DOC_S_LETTER_SMALL, /* its slogan and website */
	DOC_S_LETTER_BOLD,  /* its subject */
	DOC_NSTYLES
};

/* A piece of text across the share [from/of, to/of) of the width it is set
 * in: the page between its margins, or the table's columns. */
typedef struct doc_run {
	char *text;
	int from, to, of;
	enum doc_align align;
	enum doc_style style;
} doc_run;

/* A line of runs side by side, gap points below the line above it; keep:
 * never parted from the next line by a page break. */
typedef struct doc_line {
	doc_run *run;
	size_t nrun;
	double gap;
	int keep;
} doc_line;

/* Lines, top to bottom; owned by the document. */
typedef struct doc_lines {
	doc_line *v;
	size_t n, cap;
	double pending; /* while building: the gap the next line gets */
} doc_lines;

/* The whole document; owner frees with doc_free. */
typedef struct doc {
	char *title;        /* document property */
	char *author;       /* the office */
	char *subject;
	long date;          /* report date as days since 1970 (letter, signature or quarter end) */
	char *sheet_name;
	char *font;
	int landscape;
	doc_lines titles;   /* above the table, on its first page */
	int nrows, ncols;   /* ncols: the printed columns */
	/* Helper columns, after the printed ones: figures the formulas need that
	 * the printed table does not show (weights, targets, each quarter's
	 * achievement, the total achievement), with a head in the header's top
	 * row. Spreadsheets keep them beside the table, grouped and hidden; print
	 * never shows them. Formulas may refer to them like any grid cell. */
	int nhelp;
	int header_rows;    /* rows repeated on every page */
	doc_cell *cells;    /* nrows × (ncols + nhelp), row-major */
	double *width;      /* column widths in character units, ncols + nhelp of them */
	int fitted;         /* the widths are fitted to the printed page (fit_columns):
			       spreadsheets print the table in the PDF's geometry */
	int *keep_with_next; /* per row: DOC_KEEP_* for the break after this row */
	doc_lines tail;     /* after the table: footnotes, then signature blocks side by side */
	int has_letter;
	doc_lines letter;   /* the forwarding letter, a page (a sheet) of its own before the table */
	char *letter_name;  /* the letter sheet's name */
	int autofilter;     /* spreadsheet filter buttons on the last header row */
	doc_chart *chart;   /* NULL when none */
	struct doc *next;   /* further sheets (tables) of the same document, owned */
} doc;

/* The report's date as days since 1970: the letter's, a signatory's, or the
 * last day of the report's quarter. */
long doc_report_date(const model_template *t, const model_report *r);
/* Builds the document for report r (template t, scores s), in font (NULL:
 * the layout's, else Noto Sans Bengali): the columns are fitted to it. */
doc *doc_build(const model_template *t, const model_report *r, const score_report *s, const char *font);
/* An empty document of rows × cols cells (every cell 1×1, centred, text ""),
 * for builders other than doc_build (the ministry summary). */
doc *doc_new(int rows, int cols);
/* Adds report r's forwarding letter (template t's labels and wording) to
 * d, and its signature blocks after d's tail, laid out as doc_build lays
 * an office's: for a document built with doc_new. */
void doc_add_letter(doc *d, const model_template *t, const model_report *r);
/* The cell at row, col (col < ncols + nhelp). */
doc_cell *doc_at(const doc *d, int row, int col);
void doc_free(doc *d);
/* Appends a line of one run across the whole width (taking text). */
void doc_lines_add(doc_lines *v, char *text, enum doc_style style, enum doc_align align);
/* Fill colour of a cell as 0xRRGGBB, or -1 for none: its grade band's, else
 * its role's (header rows grey, subtotals and totals lighter). */
long doc_fill(const doc_cell *x);
/* Sets a cell's text (taking ownership) and kind; merges rows×cols from it. */
void doc_set_text(doc *d, int row, int col, char *text);
void doc_merge(doc *d, int row, int col, int rows, int cols);
/* Writes a plain-text dump of the document (for tests and --dump). */
void doc_dump(const doc *d, FILE *fp);

#endif
