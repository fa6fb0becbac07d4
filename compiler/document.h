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
enum doc_role { DOC_BODY, DOC_HEAD, DOC_SUBTOTAL, DOC_TOTAL };

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
} doc_cell;

/* A bar chart of one column's values against another column's labels, over
 * grid rows [first, last]. */
typedef struct doc_chart {
	char *title;
	int label_col, value_col;
	int first, last;
} doc_chart;

/* One signatory's lines, top to bottom. */
typedef struct doc_block {
	char **line;
	size_t nline;
} doc_block;

/* The forwarding letter, ready to print. */
typedef struct doc_letter {
	char **head;        /* centred government header lines */
	size_t nhead;
	char *website;
	char **slogan;
	size_t nslogan;
	char *memo;         /* left */
	char **date;        /* right: Bangla calendar line, Gregorian line */
	size_t ndate;
	char *reference;    /* "সূত্র: …" or NULL */
	char **recipient;
	size_t nrecipient;
	char *subject;
	char **body;        /* numbered from the second paragraph: "২। …" */
	size_t nbody;
	char *attachment;   /* "সংযুক্তি: …" or NULL */
	doc_block signature;
	char *attention;
	char *copies_label; /* "অনুলিপি:" when there are copies */
	char **copies;      /* "১। …" */
	size_t ncopies;
} doc_letter;

/* The whole document; owner frees with doc_free. */
typedef struct doc {
	char *title;        /* document property */
	char *author;       /* the office */
	char *subject;
	long date;          /* report date as days since 1970 (letter, signature or quarter end) */
	char *sheet_name;
	char *font;
	int landscape;
	char **titles;
	size_t ntitles;
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
	int *keep_with_next; /* per row: DOC_KEEP_* for the break after this row */
	char **footnotes;
	size_t nfootnotes;
	doc_block *sig;
	size_t nsig;
	int has_letter;
	doc_letter letter;
	int autofilter;     /* spreadsheet filter buttons on the last header row */
	doc_chart *chart;   /* NULL when none */
	struct doc *next;   /* further sheets (tables) of the same document, owned */
} doc;

/* The report's date as days since 1970: the letter's, a signatory's, or the
 * last day of the report's quarter. */
long doc_report_date(const model_template *t, const model_report *r);
/* Builds the document for report r (template t, scores s). */
doc *doc_build(const model_template *t, const model_report *r, const score_report *s);
/* An empty document of rows × cols cells (every cell 1×1, centred, text ""),
 * for builders other than doc_build (the ministry summary). */
doc *doc_new(int rows, int cols);
/* The cell at row, col (col < ncols + nhelp). */
doc_cell *doc_at(const doc *d, int row, int col);
void doc_free(doc *d);
/* Sets a cell's text (taking ownership) and kind; merges rows×cols from it. */
void doc_set_text(doc *d, int row, int col, char *text);
void doc_merge(doc *d, int row, int col, int rows, int cols);
/* Writes a plain-text dump of the document (for tests and --dump). */
void doc_dump(const doc *d, FILE *fp);

#endif
