/* xlsx.c - the XLSX backend (libxlsxwriter). Knows nothing of templates or
 * data: it draws the document grid, titles, footnotes, signatures and letter. */
#include "xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "fit.h"
#include "measure.h"
#include "util.h"

/* The table sheet prints at SCALE percent, its columns together as wide as
 * the PDF's table (a little less: SLACK, for the spreadsheet's own rounding
 * of column widths), so that its type, FONT_SIZE at SCALE, is the PDF's. */
#define SCALE 80
#define SLACK 0.99
#define UP (100.0 / SCALE)       /* PDF points to sheet points */
#define FONT_SIZE (FIT_BODY * UP)
#define TITLE_SIZE 12.0
#define PAD (FIT_PAD * UP)       /* padding inside a cell, each side, as in the PDF */
#define MAX_ROW 409.0            /* Excel's tallest row */
#define MARGIN_TB 0.5            /* top and bottom page margins, inches */
#define A4_SHORT 595.276
#define A4_LONG 841.890
#define MAX_BREAKS 1023          /* Excel's limit of row breaks */
#define MAX_EMPTY 0.25           /* the emptiest a page may be left, as in the PDF */
/* Bengali digits in Excel and LibreOffice number formats. */
#define BN "[$-5000845]"

/* Per-workbook format cache: libxlsxwriter formats belong to one workbook. */
struct fmt_key {
	int align, kind, decimals, bold, wrap, border;
	double size;
	long fill;
};

struct writer {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const doc *d;
	struct fmt_key key[128];
	lxw_format *fmt[128];
	int nfmt;
	int top; /* sheet row of the grid's first row */
	double *row_h;
	double *cw;     /* each column's width on the sheet, character units */
	struct srow {   /* each sheet row of the table sheet: its height, and how
			   strongly it is held to the row before (enum glue) */
		double h;
		int glue;
	} *rows;
	size_t nrows, caprows;
	lxw_row_t brk[1024]; /* row breaks: the first sheet row of each page after the first; 0 ends */
	int nbrk;
	int unnamed;
	lxw_error err; /* the first call that failed, at sheet row err_row, column err_col */
	int err_row, err_col;
};

/* Keeps the first libxlsxwriter error and its cell, so that a write that
 * fails fails the workbook instead of leaving the cell empty. */
static void check(struct writer *w, lxw_error rc, int row, int col)
{
	if (rc != LXW_NO_ERROR && w->err == LXW_NO_ERROR) {
		w->err = rc;
		w->err_row = row;
		w->err_col = col;
	}
}

static const char *num_format(int kind, int decimals)
{
	if (kind == DOC_PERCENT)
		return decimals ? BN "0.00%" : BN "0%";
	if (kind == DOC_DATE)
		return BN "dd\\/mm\\/yyyy";
	if (kind == DOC_NUMBER)
		return decimals ? BN "0.00" : BN "0";
	return NULL;
}

static lxw_format *get_format(struct writer *w, struct fmt_key k)
{
	lxw_format *f;
	const char *nf;
	int i;

	for (i = 0; i < w->nfmt; i++)
		if (memcmp(&w->key[i], &k, sizeof k) == 0)
			return w->fmt[i];
	f = workbook_add_format(w->wb);
	format_set_font_name(f, w->d->font);
	format_set_font_size(f, k.size ? k.size : FONT_SIZE);
	if (k.bold)
		format_set_bold(f);
	if (k.wrap)
		format_set_text_wrap(f);
	format_set_align(f, k.align == DOC_LEFT ? LXW_ALIGN_LEFT : k.align == DOC_RIGHT ? LXW_ALIGN_RIGHT :
			 LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (k.border)
		format_set_border(f, LXW_BORDER_THIN);
	if (k.fill >= 0)
		format_set_bg_color(f, (lxw_color_t)k.fill);
	if ((nf = num_format(k.kind, k.decimals)) != NULL)
		format_set_num_format(f, nf);
	if (k.kind == DOC_LINK) {
		format_set_font_color(f, LXW_COLOR_BLUE);
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
	}
	if (w->nfmt < 128) {
		w->key[w->nfmt] = k;
		w->fmt[w->nfmt++] = f;
	}
	return f;
}

static lxw_format *cell_format(struct writer *w, const doc_cell *x)
{
	struct fmt_key k;

	memset(&k, 0, sizeof k);
	k.align = x->align;
	k.kind = x->kind;
	k.decimals = x->decimals;
	k.bold = x->bold;
	k.wrap = 1;
	k.border = 1;
	k.fill = doc_fill(x);
	k.size = FONT_SIZE * fit_scale(x);
	return get_format(w, k);
}

static lxw_format *plain_format(struct writer *w, int align, int bold, double size)
{
	struct fmt_key k;

	memset(&k, 0, sizeof k);
	k.fill = -1;
	k.align = align;
	k.bold = bold;
	k.wrap = 1;
	k.size = size;
	return get_format(w, k);
}

/* "A", "Z", "AA" … for column c (0-based). */
static void col_name(buf *b, int c)
{
	char tmp[8];
	int n = 0;

	c++;
	while (c > 0 && n < 7) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	while (n > 0)
		buf_addn(b, &tmp[--n], 1);
}

/* Rewrites {R<row>C<col>} grid references as A1 references on the sheet. */
static char *sheet_formula(const struct writer *w, const char *f)
{
	buf b = { 0 };
	int r, c, n;

	buf_add(&b, "=");
	while (*f) {
		size_t plain = strcspn(f, "{");

		buf_addn(&b, f, plain);
		f += plain;
		if (*f == '\0')
			break;
		if (sscanf(f, "{R%dC%d}%n", &r, &c, &n) == 2) {
			col_name(&b, c);
			buf_addint(&b, w->top + r + 1);
			f += n;
		} else
			buf_addn(&b, f++, 1);
	}
	return buf_take(&b);
}

/* Column width in Excel character units (of the default 11-point font,
 * 7 pixels each plus 5 of padding) to points. */
static double col_points(double chars)
{
	return (chars * 7.0 + 5.0) * 0.75;
}

/* Points to character units, so that a column is at most points wide
 * wherever it is printed: Excel counts a character unit as 7 pixels of
 * Calibri 11 (col_points), LibreOffice as the digit's unrounded advance
 * (1038/2048 em, 5.575 pt, a little wider), and both add the 5 pixels
 * (5/7 of a unit) that libxlsxwriter writes into the width. Rows are fitted
 * to the narrower of the two, so text fits either way. */
static double col_chars(double points)
{
	double c = points / (11.0 * 1038.0 / 2048.0) - 5.0 / 7.0;

	return c > 0.5 ? c : 0.5;
}

/* The width text may use in a cell that wide: PAD kept on each side. */
static double text_width(double chars)
{
	return col_points(chars) - 2 * PAD;
}

static double span_width(const struct writer *w, int col, int span)
{
	double x = 0;
	int i;

	for (i = 0; i < span && col + i < w->d->ncols; i++)
		x += w->cw[col + i];
	return x;
}

/* The sheet's column widths: the document's printed widths at the print
 * scale when the document fitted them to the page, else the widths it
 * gives (a sheet then fitted to the page's width); helper columns as the
 * document gives them. */
static void sheet_columns(struct writer *w)
{
	const doc *d = w->d;
	double table = fit_table_width(d->landscape) * SLACK * UP;
	int c;

	w->cw = util_alloc((size_t)(d->ncols + d->nhelp + 1) * sizeof *w->cw);
	for (c = 0; c < d->ncols; c++)
		w->cw[c] = d->fitted ? col_chars(fit_col_points(d, c, table)) : d->width[c];
	for (c = d->ncols; c < d->ncols + d->nhelp; c++)
		w->cw[c] = d->width[c];
}

/* How strongly a row is held to the row before it: not at all; inside a
 * merged region (parted, when the region is taller than a page, with its
 * text repeated); never parted (a target/achievement pair, a subtotal and
 * the rows it sums, the titles and the header). */
enum glue { GLUE_NONE, GLUE_MERGED, GLUE_MUST };

/* Records a table sheet row's height and glue, for the row breaks. */
static void note_row(struct writer *w, int row, double h, int glue)
{
	size_t i;

	util_grow(&w->rows, &w->caprows, (size_t)row, sizeof *w->rows);
	for (i = w->nrows; i <= (size_t)row; i++) {
		w->rows[i].h = 15.0; /* the default height of a row not set */
		w->rows[i].glue = 0;
	}
	if ((size_t)row >= w->nrows)
		w->nrows = (size_t)row + 1;
	w->rows[row].h = h;
	w->rows[row].glue = glue;
}

/* Sets a row's height and notes it (on a table sheet). */
static void set_row(struct writer *w, int row, double h, int glue)
{
	check(w, worksheet_set_row(w->ws, row, h, NULL), row, 0);
	if (w->cw) /* the letter sheet is not paginated here */
		note_row(w, row, h, glue);
}

/* Heights of the grid rows, fitted to the text at the sheet's column widths. */
static void grid_heights(struct writer *w)
{
	const doc *d = w->d;
	double *cw = util_alloc((size_t)d->ncols * sizeof *cw);
	int c, r;

	for (c = 0; c < d->ncols; c++)
		cw[c] = col_points(w->cw[c]);
	fit_rows(d, cw, FONT_SIZE, PAD, (FIT_BODY + 2 * FIT_PAD + 3) * UP, 1, w->row_h);
	for (r = 0; r < d->nrows; r++)
		if (w->row_h[r] > MAX_ROW)
			w->row_h[r] = MAX_ROW;
	free(cw);
}

/* What a link cell shows: the address itself when it fits the cell on one
 * line, else its host and an ellipsis ("drive.google.com/…"). LibreOffice
 * never wraps a hyperlink, so a long address would print cut off; the link
 * itself keeps the whole address. */
static char *link_text(const struct writer *w, const doc_cell *x, int col)
{
	const char *s = x->text, *host, *slash;

	if (measure_width(s, w->d->font, FONT_SIZE, 0) <= text_width(span_width(w, col, x->colspan)))
		return util_strdup(s);
	host = strstr(s, "://");
	host = host ? host + 3 : s;
	slash = strchr(host, '/');
	return util_printf("%.*s/\xe2\x80\xa6", (int)(slash ? slash - host : (long)strlen(host)), host);
}

static void write_value(struct writer *w, int row, int col, const doc_cell *x, lxw_format *f)
{
	char *fm = x->formula ? sheet_formula(w, x->formula) : NULL;
	double v = x->kind == DOC_DATE ? x->value + 25569.0 : x->value;

	if (fm && (x->kind == DOC_NUMBER || x->kind == DOC_PERCENT || x->kind == DOC_DATE))
		check(w, worksheet_write_formula_num(w->ws, row, col, fm, f, v), row, col);
	else if (fm)
		check(w, worksheet_write_formula_str(w->ws, row, col, fm, f, x->text), row, col);
	else if (x->kind == DOC_NUMBER || x->kind == DOC_PERCENT || x->kind == DOC_DATE)
		check(w, worksheet_write_number(w->ws, row, col, v, f), row, col);
	else if (x->kind == DOC_LINK) {
		char *shown = link_text(w, x, col);
		check(w, worksheet_write_url_opt(w->ws, row, col, x->url, f, shown, NULL), row, col);
		free(shown);
	}
	else if (x->text[0])
		check(w, worksheet_write_string(w->ws, row, col, x->text, f), row, col);
	else
		check(w, worksheet_write_blank(w->ws, row, col, f), row, col);
	free(fm);
}

/* Whether a page may not break before grid row r: inside the header, in
 * a merged region, between an indicator's target and achievement rows, or
 * before a subtotal or total row (which stays with the rows it sums). */
static int glued(const doc *d, int r)
{
	int c, a;

	if (r <= d->header_rows)
		return r > 0 || d->titles.n > 0 ? GLUE_MUST : GLUE_NONE;
	if (d->keep_with_next[r - 1] == DOC_KEEP_MUST || doc_at(d, r, 0)->role == DOC_SUBTOTAL ||
	    doc_at(d, r, 0)->role == DOC_TOTAL)
		return GLUE_MUST;
	for (c = 0; c < d->ncols; c++) {
		if (!doc_at(d, r, c)->covered)
			continue;
		for (a = r - 1; a >= 0 && doc_at(d, a, c)->covered; a--)
			;
		if (a >= 0 && a + doc_at(d, a, c)->rowspan > r && doc_at(d, a, c)->rowspan > 1)
			return GLUE_MERGED;
	}
	return GLUE_NONE;
}

/* The first row break in sheet rows (from, to], or 0. */
static int break_in(const struct writer *w, int from, int to)
{
	int i;

	for (i = 0; i < w->nbrk; i++)
		if ((int)w->brk[i] > from && (int)w->brk[i] <= to)
			return (int)w->brk[i];
	return 0;
}

/* A merged region parted by row breaks: merged again on each page from the
 * break to its end, with its text repeated as text, so that every page
 * reads on its own (as in the PDF); the value and formula stay in the first
 * part, so sums count them once. */
static void merge_parts(struct writer *w, int first, int col, const doc_cell *x, lxw_format *f)
{
	int last = first + x->rowspan - 1, row = first, end, b;

	while (row <= last) {
		b = break_in(w, row, last);
		end = b ? b - 1 : last;
		if (end > row || x->colspan > 1)
			check(w, worksheet_merge_range(w->ws, row, col, end, col + x->colspan - 1, "", f), row, col);
		if (row > first && x->text[0])
			check(w, worksheet_write_string(w->ws, row, col, x->text, f), row, col);
		row = end + 1;
	}
}

static void write_grid(struct writer *w)
{
	const doc *d = w->d;
	int r, c;

	for (r = 0; r < d->nrows; r++) {
		check(w, worksheet_set_row(w->ws, w->top + r, w->row_h[r], NULL), w->top + r, 0);
		for (c = 0; c < d->ncols + d->nhelp; c++) {
			const doc_cell *x = doc_at(d, r, c);
			lxw_format *f = cell_format(w, x);

			if (x->covered)
				continue;
			if (x->rowspan > 1 || x->colspan > 1)
				merge_parts(w, w->top + r, c, x, f);
			write_value(w, w->top + r, c, x, f);
		}
	}
}

/* Type size and weight of each text style. */
static const struct {
	double size;
	int bold;
} style[DOC_NSTYLES] = {
	[DOC_S_TITLE] = { 12.0 * UP, 1 },   [DOC_S_NOTE] = { FONT_SIZE, 0 },
	[DOC_S_SIGN] = { 9.0 * UP, 0 },     [DOC_S_HEAD] = { TITLE_SIZE, 1 },
	[DOC_S_LETTER] = { FONT_SIZE, 0 },  [DOC_S_LETTER_SMALL] = { FONT_SIZE - 1, 0 },
	[DOC_S_LETTER_BOLD] = { FONT_SIZE, 1 },
};

/* Lines of text from row, each run merged across the columns of its share
 * of the ncols columns of widths width; a gap of 8 points or more is an
 * empty row. Returns the next row. */
static int write_lines(struct writer *w, int row, const doc_lines *v, const double *width, int ncols)
{
	size_t i, k;

	for (i = 0; i < v->n; i++) {
		const doc_line *l = &v->v[i];
		double h = 0;

		if (l->gap >= 8)
			set_row(w, row++, l->gap * UP, GLUE_NONE);
		for (k = 0; k < l->nrun; k++) {
			const doc_run *r = &l->run[k];
			int c0 = r->from * ncols / r->of, c1 = r->to * ncols / r->of - 1, c;
			double cw = 0, size = style[r->style].size, th;
			lxw_format *f = plain_format(w, r->align, style[r->style].bold, size);

			c1 = c1 < c0 ? c0 : c1;
			for (c = c0; c <= c1; c++)
				cw += col_points(width[c]);
			th = measure_height(r->text, w->d->font, size, style[r->style].bold, cw - 2 * PAD) + 2 * PAD;
			h = th > h ? th : h;
			if (c1 > c0)
				check(w, worksheet_merge_range(w->ws, row, c0, row, c1, r->text, f), row, c0);
			else
				check(w, worksheet_write_string(w->ws, row, c0, r->text, f), row, c0);
		}
		set_row(w, row, h > MAX_ROW ? MAX_ROW : h, i > 0 && v->v[i - 1].keep ? GLUE_MUST : GLUE_NONE);
		row++;
	}
	return row;
}

/* A4 in the orientation, the PDF's side margins, centred. No page number:
 * spreadsheets print a footer's page number in ASCII digits whatever the
 * locale, and a Bengali page with "পৃষ্ঠা 1 / 3" mixes scripts. */
static void page_setup(struct writer *w, int landscape, int repeat_first, int repeat_last, int scale)
{
	worksheet_set_paper(w->ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(w->ws);
	else
		worksheet_set_portrait(w->ws);
	worksheet_set_margins(w->ws, fit_margin(landscape) / 72.0, fit_margin(landscape) / 72.0, MARGIN_TB, MARGIN_TB);
	if (scale)
		worksheet_set_print_scale(w->ws, (uint16_t)scale);
	else
		worksheet_fit_to_pages(w->ws, 1, 0);
	worksheet_center_horizontally(w->ws);
	if (repeat_last >= repeat_first)
		worksheet_repeat_rows(w->ws, repeat_first, repeat_last);
}

/* Row breaks, so that the sheet prints as the PDF pages do: each page as
 * full as its rows allow, a break never before a glued row (inside a merged
 * region, a target/achievement pair, before a subtotal) unless a glued run
 * is taller than a page; the header rows [head0, head1] repeat on every
 * page. The page's room is in sheet points, at the print scale. */
static void page_breaks(struct writer *w, int landscape, int head0, int head1)
{
	double room = ((landscape ? A4_SHORT : A4_LONG) - 2 * 72.0 * MARGIN_TB - 8.0) * UP * SLACK;
	double head = 0, y = 0, *top;
	int start = 0, r, ok[GLUE_MUST] = { -1, -1 }, g;

	w->nbrk = 0;
	if (!w->d->fitted) { /* printed fitted to the page's width: its breaks are the spreadsheet's */
		w->brk[0] = 0;
		return;
	}
	top = util_alloc((w->nrows + 1) * sizeof *top);
	for (r = head0; r <= head1 && r < (int)w->nrows; r++)
		head += w->rows[r].h;
	for (r = 0; r < (int)w->nrows && w->nbrk < MAX_BREAKS; r++) {
		top[r] = y;
		for (g = w->rows[r].glue; r > start && g < GLUE_MUST; g++)
			ok[g] = r; /* the last row a page may start with, by glue */
		if (y + w->rows[r].h > room && r > start) {
			int b = ok[GLUE_NONE] > start ? ok[GLUE_NONE] : ok[GLUE_MERGED] > start ? ok[GLUE_MERGED] : r;

			/* as in the PDF: rather than leave the page more than a
			 * quarter empty, a merged region continues on the next */
			if (ok[GLUE_MERGED] > b && room - top[b] > MAX_EMPTY * room)
				b = ok[GLUE_MERGED];

			w->brk[w->nbrk++] = (lxw_row_t)b;
			start = b;
			ok[0] = ok[1] = -1;
			y = b > head1 ? head : 0;
			r = b - 1; /* lay the page out again from b */
			continue;
		}
		y += w->rows[r].h;
	}
	w->brk[w->nbrk] = 0;
	free(top);
}

/* The last grid row before any total rows at the bottom (filters leave them out). */
static int last_body_row(const doc *d)
{
	int r = d->nrows - 1;

	while (r >= d->header_rows && doc_at(d, r, 0)->role == DOC_TOTAL)
		r--;
	return r;
}

/* A sheet-qualified absolute range of column col over grid rows [first, last]. */
static char *sheet_range(const struct writer *w, int col, int first, int last)
{
	buf b = { 0 };

	buf_addf(&b, "='%s'!$", w->d->sheet_name);
	col_name(&b, col);
	buf_addf(&b, "$%d:$", w->top + first + 1);
	col_name(&b, col);
	buf_addf(&b, "$%d", w->top + last + 1);
	return buf_take(&b);
}

/* A native bar chart of the document's chart column, below the table. */
static void write_chart(struct writer *w, int row)
{
	const doc_chart *c = w->d->chart;
	lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_BAR);
	lxw_chart_series *s;
	lxw_chart_font font = { 0 };
	lxw_chart_options opt = { 0 };
	char *cats = sheet_range(w, c->label_col, c->first, c->last);
	char *vals = sheet_range(w, c->value_col, c->first, c->last);
	int n = c->last - c->first + 1;

	s = chart_add_series(ch, cats, vals);
	chart_series_set_name(s, c->title);
	chart_title_set_name(ch, c->title);
	font.name = w->d->font;
	chart_title_set_name_font(ch, &font);
	chart_axis_set_num_font(ch->x_axis, &font);
	chart_axis_set_num_font(ch->y_axis, &font);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	/* a bar chart's y axis holds the categories, its x axis the values */
	chart_axis_set_reverse(ch->y_axis); /* the first row on top, as the table and the PDF have it */
	chart_axis_set_min(ch->x_axis, 0);
	if (c->axis_max > 0)
		chart_axis_set_max(ch->x_axis, c->axis_max);
	chart_axis_set_num_format(ch->x_axis, BN "0");
	chart_series_set_labels(s);
	chart_series_set_labels_num_format(s, doc_at(w->d, c->first, c->value_col)->decimals ? BN "0.00" : BN "0");
	chart_series_set_labels_font(s, &font);
	opt.x_scale = 2.0;
	opt.y_scale = n > 12 ? (double)n / 12.0 : 1.0;
	worksheet_insert_chart_opt(w->ws, row, 1, ch, &opt);
	free(cats);
	free(vals);
}

/* The helper columns: one outline group beside the table, outside the
 * print area, so the sheet prints as the table does. (Hidden, LibreOffice
 * prints their numbers as ### over the table's edge.) */
static void set_helper_columns(struct writer *w)
{
	const doc *d = w->d;
	lxw_row_col_options grouped = { 0 };
	int c;

	grouped.level = 1;
	for (c = d->ncols; c < d->ncols + d->nhelp; c++)
		worksheet_set_column_opt(w->ws, c, c, d->width[c], NULL, &grouped);
}

static void write_table_sheet(struct writer *w)
{
	const doc *d = w->d;
	int row = 0, c;

	w->ws = workbook_add_worksheet(w->wb, d->sheet_name);
	if (w->ws == NULL) { /* a name already used or not allowed: number it */
		char *n = util_printf("%d", ++w->unnamed);
		w->ws = workbook_add_worksheet(w->wb, n);
		free(n);
	}
	if (w->ws == NULL) {
		check(w, LXW_ERROR_SHEETNAME_ALREADY_USED, -1, -1);
		return;
	}
	sheet_columns(w);
	w->nrows = 0;
	for (c = 0; c < d->ncols; c++)
		worksheet_set_column(w->ws, c, c, w->cw[c], NULL);
	set_helper_columns(w);
	row = write_lines(w, row, &d->titles, w->cw, d->ncols);
	w->top = d->titles.n ? row + 1 : 0;
	if (d->titles.n)
		set_row(w, row, 9.0 * UP, GLUE_MUST);
	w->row_h = util_alloc((size_t)(d->nrows + 1) * sizeof *w->row_h);
	grid_heights(w);
	for (c = 0; c < d->nrows; c++)
		note_row(w, w->top + c, w->row_h[c], glued(d, c));
	page_breaks(w, d->landscape, w->top, w->top + d->header_rows - 1); /* the grid's, for merge_parts */
	write_grid(w);
	row = write_lines(w, w->top + d->nrows, &d->tail, w->cw, d->ncols);
	if (d->autofilter && d->header_rows > 0)
		worksheet_autofilter(w->ws, w->top + d->header_rows - 1, 0, w->top + last_body_row(d), d->ncols - 1);
	if (d->chart)
		write_chart(w, row + 1);
	if (d->nhelp)
		worksheet_print_area(w->ws, 0, 0, row, d->ncols - 1);
	page_setup(w, d->landscape, w->top, w->top + d->header_rows - 1, d->fitted ? SCALE : 0);
	page_breaks(w, d->landscape, w->top, w->top + d->header_rows - 1); /* the same, and the tail's */
	if (w->nbrk)
		check(w, worksheet_set_h_pagebreaks(w->ws, w->brk), (int)w->brk[0], 0);
	free(w->row_h);
	free(w->cw);
	w->row_h = w->cw = NULL;
}

#define LETTER_COLS 7
#define LETTER_WIDTH 13.0

static void write_letter_sheet(struct writer *w)
{
	double width[LETTER_COLS];
	int c;

	for (c = 0; c < LETTER_COLS; c++)
		width[c] = LETTER_WIDTH;
	w->ws = workbook_add_worksheet(w->wb, w->d->letter_name);
	if (w->ws == NULL) {
		check(w, LXW_ERROR_SHEETNAME_ALREADY_USED, -1, -1);
		return;
	}
	worksheet_set_column(w->ws, 0, LETTER_COLS - 1, LETTER_WIDTH, NULL);
	write_lines(w, 0, &w->d->letter, width, LETTER_COLS);
	page_setup(w, 0, 0, -1, 0);
}

static void set_properties(struct writer *w, long long created)
{
	lxw_doc_properties p;

	memset(&p, 0, sizeof p);
	p.title = w->d->title;
	p.author = w->d->author;
	p.company = w->d->author;
	p.subject = w->d->subject;
	p.created = (time_t)created;
	workbook_set_properties(w->wb, &p);
}

/* Where libxlsxwriter keeps its parts while it zips them: $TMPDIR, else a
 * memory file system when there is one (it halves the time per workbook),
 * else the system's default. */
static const char *scratch_dir(void)
{
	const char *t = getenv("TMPDIR");

	if (t && *t)
		return t;
	return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NULL;
}

/* What went wrong in w, as "cell B12 of sheet 'NAME': reason". */
static char *write_error(const struct writer *w, const char *path)
{
	buf b = { 0 };

	buf_addf(&b, "%s: ", path);
	if (w->err_row >= 0) {
		buf_add(&b, "cell ");
		col_name(&b, w->err_col);
		buf_addf(&b, "%d could not be written: ", w->err_row + 1);
	} else
		buf_add(&b, "a sheet could not be added: ");
	buf_add(&b, lxw_strerror(w->err));
	return buf_take(&b);
}

/* Closes the workbook, which zips it into the temporary. libxlsxwriter
 * prints its own "[ERROR]" lines on stderr; they are kept from the user,
 * who gets one message naming the file and the cause. */
static char *close_workbook(lxw_workbook *wb, const char *path)
{
	static int null = -1; /* opened once per process */
	int saved, sys = 0;
	lxw_error rc;

	fflush(stderr);
	saved = dup(2);
	if (null < 0)
		null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null >= 0)
		dup2(null, 2);
	errno = 0;
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR && (errno == ENOSPC || errno == EDQUOT || errno == EIO || errno == EFBIG ||
				   errno == EROFS || errno == EACCES || errno == EPERM))
		sys = errno; /* the system's reason says more than the zip library's */
	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(saved, 2);
	if (saved >= 0)
		close(saved);
	if (sys)
		return util_printf("%s: %s", path, strerror(sys));
	if (rc != LXW_NO_ERROR)
		return util_printf("%s: %s", path, lxw_strerror(rc));
	return NULL;
}

/* A finished zip ends with its end-of-central-directory record ("PK\5\6"
 * and 18 more bytes, no comment): checks that the file is whole. */
static char *check_zip(int fd, const char *path)
{
	unsigned char end[22];
	off_t size = lseek(fd, 0, SEEK_END);

	if (size >= (off_t)sizeof end && pread(fd, end, sizeof end, size - (off_t)sizeof end) == (ssize_t)sizeof end &&
	    memcmp(end, "PK\5\6", 4) == 0)
		return NULL;
	return util_printf("%s: the workbook was not written whole", path);
}

char *xlsx_write(const doc *d, const char *path, long long created)
{
	struct writer w;
	lxw_workbook_options opt = { 0 };
	util_out out;
	char *err;

	if ((err = util_out_open(&out, path)) != NULL)
		return err;
	memset(&w, 0, sizeof w);
	w.d = d;
	opt.tmpdir = (char *)scratch_dir();
	w.wb = workbook_new_opt(out.tmp, &opt);
	if (w.wb == NULL)
		return util_out_commit(&out, util_printf("%s: cannot create workbook", path));
	set_properties(&w, created);
	if (d->has_letter) /* first, as in the PDF */
		write_letter_sheet(&w);
	write_table_sheet(&w);
	for (w.d = d->next; w.d; w.d = w.d->next)
		write_table_sheet(&w);
	w.d = d;
	free(w.rows);
	err = w.err != LXW_NO_ERROR ? write_error(&w, path) : NULL;
	if (err == NULL)
		err = close_workbook(w.wb, path);
	else
		lxw_workbook_free(w.wb);
	if (err == NULL)
		err = check_zip(out.fd, path);
	return util_out_commit(&out, err);
}
