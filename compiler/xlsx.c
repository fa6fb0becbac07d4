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

#define FONT_SIZE 10.0
#define TITLE_SIZE 12.0
#define PAD 4.0        /* points of vertical padding in a cell */
#define MAX_ROW 409.0  /* Excel's tallest row */
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
		if (*f == '{' && sscanf(f, "{R%dC%d}%n", &r, &c, &n) == 2) {
			col_name(&b, c);
			buf_addf(&b, "%d", w->top + r + 1);
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

/* The width text may use in a cell that wide: PAD / 2 kept on each side. */
static double text_width(double chars)
{
	return col_points(chars) - PAD;
}

static double span_width(const doc *d, int col, int span)
{
	double w = 0;
	int i;

	for (i = 0; i < span && col + i < d->ncols; i++)
		w += d->width[col + i];
	return w;
}

/* Heights of the grid rows, fitted to the text at the sheet's column widths. */
static void grid_heights(struct writer *w)
{
	const doc *d = w->d;
	double *cw = util_alloc((size_t)d->ncols * sizeof *cw);
	int c, r;

	for (c = 0; c < d->ncols; c++)
		cw[c] = col_points(d->width[c]);
	fit_rows(d, cw, FONT_SIZE, PAD / 2, FONT_SIZE + 2 * PAD + 2, 1, w->row_h);
	for (r = 0; r < d->nrows; r++)
		if (w->row_h[r] > MAX_ROW)
			w->row_h[r] = MAX_ROW;
	free(cw);
}

/* What a link cell shows: the address itself when it fits the cell on one
 * line, else its host and an ellipsis ("drive.google.com/…"). LibreOffice
 * never wraps a hyperlink, so a long address would print cut off; the link
 * itself keeps the whole address. */
static char *link_text(const doc *d, const doc_cell *x, int col)
{
	const char *s = x->text, *host, *slash;

	if (measure_width(s, d->font, FONT_SIZE, 0) <= text_width(span_width(d, col, x->colspan)))
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
		char *shown = link_text(w->d, x, col);
		check(w, worksheet_write_url_opt(w->ws, row, col, x->url, f, shown, NULL), row, col);
		free(shown);
	}
	else if (x->text[0])
		check(w, worksheet_write_string(w->ws, row, col, x->text, f), row, col);
	else
		check(w, worksheet_write_blank(w->ws, row, col, f), row, col);
	free(fm);
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
				check(w, worksheet_merge_range(w->ws, w->top + r, c, w->top + r + x->rowspan - 1,
							       c + x->colspan - 1, "", f), w->top + r, c);
			write_value(w, w->top + r, c, x, f);
		}
	}
}

/* Type size and weight of each text style. */
static const struct {
	double size;
	int bold;
} style[DOC_NSTYLES] = {
	[DOC_S_TITLE] = { TITLE_SIZE, 1 },  [DOC_S_NOTE] = { FONT_SIZE, 0 },
	[DOC_S_SIGN] = { FONT_SIZE, 0 },    [DOC_S_HEAD] = { TITLE_SIZE, 1 },
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
			row++;
		for (k = 0; k < l->nrun; k++) {
			const doc_run *r = &l->run[k];
			int c0 = r->from * ncols / r->of, c1 = r->to * ncols / r->of - 1, c;
			double cw = 0, size = style[r->style].size, th;
			lxw_format *f = plain_format(w, r->align, style[r->style].bold, size);

			c1 = c1 < c0 ? c0 : c1;
			for (c = c0; c <= c1; c++)
				cw += col_points(width[c]);
			th = measure_height(r->text, w->d->font, size, style[r->style].bold, cw - PAD) + PAD;
			h = th > h ? th : h;
			if (c1 > c0)
				check(w, worksheet_merge_range(w->ws, row, c0, row, c1, r->text, f), row, c0);
			else
				check(w, worksheet_write_string(w->ws, row, c0, r->text, f), row, c0);
		}
		check(w, worksheet_set_row(w->ws, row, h > MAX_ROW ? MAX_ROW : h, NULL), row, 0);
		row++;
	}
	return row;
}

static void page_setup(struct writer *w, int landscape, int repeat_first, int repeat_last)
{
	worksheet_set_paper(w->ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(w->ws);
	else
		worksheet_set_portrait(w->ws);
	worksheet_set_margins(w->ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_fit_to_pages(w->ws, 1, 0);
	worksheet_center_horizontally(w->ws);
	worksheet_set_footer(w->ws, "&C\xe0\xa6\xaa\xe0\xa7\x83\xe0\xa6\xb7\xe0\xa7\x8d\xe0\xa6\xa0\xe0\xa6\xbe &P / &N");
	if (repeat_last >= repeat_first)
		worksheet_repeat_rows(w->ws, repeat_first, repeat_last);
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
	for (c = 0; c < d->ncols; c++)
		worksheet_set_column(w->ws, c, c, d->width[c], NULL);
	set_helper_columns(w);
	row = write_lines(w, row, &d->titles, d->width, d->ncols);
	w->top = d->titles.n ? row + 1 : 0;
	w->row_h = util_alloc((size_t)(d->nrows + 1) * sizeof *w->row_h);
	grid_heights(w);
	write_grid(w);
	row = write_lines(w, w->top + d->nrows, &d->tail, d->width, d->ncols);
	if (d->autofilter && d->header_rows > 0)
		worksheet_autofilter(w->ws, w->top + d->header_rows - 1, 0, w->top + last_body_row(d), d->ncols - 1);
	if (d->chart)
		write_chart(w, row + 1);
	if (d->nhelp)
		worksheet_print_area(w->ws, 0, 0, row, d->ncols - 1);
	page_setup(w, d->landscape, w->top, w->top + d->header_rows - 1);
	free(w->row_h);
	w->row_h = NULL;
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
	page_setup(w, 0, 0, -1);
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
	int saved, null, sys = 0;
	lxw_error rc;

	fflush(stderr);
	saved = dup(2);
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
	if (null >= 0)
		close(null);
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
	write_table_sheet(&w);
	for (w.d = d->next; w.d; w.d = w.d->next)
		write_table_sheet(&w);
	w.d = d;
	if (d->has_letter)
		write_letter_sheet(&w);
	err = w.err != LXW_NO_ERROR ? write_error(&w, path) : NULL;
	if (err == NULL)
		err = close_workbook(w.wb, path);
	else
		lxw_workbook_free(w.wb);
	if (err == NULL)
		err = check_zip(out.fd, path);
	return util_out_commit(&out, err);
}
