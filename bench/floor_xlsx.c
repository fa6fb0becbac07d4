/* floor_xlsx.c - the XLSX floor of `make bench`: the least a careful C
 * program spends writing, with libxlsxwriter directly, the workbook annexc
 * writes for a report (compiler/xlsx.c). It reads `annexc dump` output, so
 * it parses, validates, scores and lays out nothing: only the write is
 * timed, and annexc's time for the same reports over this time is what
 * annexc costs beyond writing.
 *
 *   floor_xlsx OUTDIR DUMPFILE...
 *
 * Reads every dump first (not timed), then writes OUTDIR/<dump name>.xlsx
 * for each in one process and prints "reports N seconds S", S the write
 * loop's time (CLOCK_MONOTONIC). Not part of annexc. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "floor_dump.h"

/* annexc's sheet geometry (compiler/xlsx.c, fit.c): printed at SCALE
 * percent, columns as wide as the PDF's table (less SLACK), type FIT_BODY
 * (8 pt) at that scale. */
#define SCALE 80
#define SLACK 0.99
#define UP (100.0 / SCALE)
#define FONT_SIZE (8.0 * UP)
#define PAD (3.0 * UP)
#define MIN_ROW ((8.0 + 2 * 3.0 + 3) * UP)
#define MAX_ROW 409.0
#define A4_SHORT 595.276
#define A4_LONG 841.890
#define BN "[$-5000845]"
#define CREATED 1704067200 /* a fixed date, as a reproducible build has */

static const struct {
	double size;
	int bold;
} style[S_NSTYLES] = {
	[S_TITLE] = { 12.0 * UP, 1 }, [S_NOTE] = { FONT_SIZE, 0 }, [S_SIGN] = { 9.0 * UP, 0 },
	[S_HEAD] = { 12.0, 1 },       [S_LETTER] = { FONT_SIZE, 0 },
};

/* Formats, made once per workbook when first used: cells by row role,
 * kind, two decimals or none, and alignment; lines by style and alignment. */
struct fmts {
	lxw_format *cell[3][5][2][3];
	lxw_format *line[S_NSTYLES][3];
};

static lxw_format *new_format(lxw_workbook *wb, const char *font, double size, int bold, int align)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, font);
	format_set_font_size(f, size);
	if (bold)
		format_set_bold(f);
	format_set_text_wrap(f);
	format_set_align(f, align == A_LEFT ? LXW_ALIGN_LEFT : align == A_RIGHT ? LXW_ALIGN_RIGHT : LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static lxw_format *cell_format(lxw_workbook *wb, struct fmts *m, const struct fd_doc *d, int role, int kind,
			       int decimals, int align)
{
	static const char *const num[5][2] = { [K_NUMBER] = { BN "0", BN "0.00" }, [K_PERCENT] = { BN "0%", BN "0.00%" },
					       [K_DATE] = { BN "dd\\/mm\\/yyyy", BN "dd\\/mm\\/yyyy" } };
	lxw_format **f = &m->cell[role][kind][decimals > 0][align];

	if (*f)
		return *f;
	*f = new_format(wb, d->font, FONT_SIZE, role != R_BODY, align);
	format_set_border(*f, LXW_BORDER_THIN);
	if (role != R_BODY)
		format_set_bg_color(*f, role == R_HEAD ? 0xE6E6E6 : 0xF2F2F2);
	if (num[kind][decimals > 0])
		format_set_num_format(*f, num[kind][decimals > 0]);
	if (kind == K_LINK) {
		format_set_font_color(*f, LXW_COLOR_BLUE);
		format_set_underline(*f, LXW_UNDERLINE_SINGLE);
	}
	return *f;
}

/* "=" and the formula with each {R<row>C<col>} as an A1 reference, the grid
 * starting at sheet row top. */
static void sheet_formula(const char *f, int top, char *out, size_t cap)
{
	size_t n = 1;
	int r, c, k;

	out[0] = '=';
	while (*f && n + 16 < cap) {
		if (*f == '{' && sscanf(f, "{R%dC%d}%n", &r, &c, &k) == 2) {
			lxw_rowcol_to_cell(out + n, (lxw_row_t)(top + r), (lxw_col_t)c);
			n += strlen(out + n);
			f += k;
		} else
			out[n++] = *f++;
	}
	out[n] = '\0';
}

/* What a link cell shows, as annexc's link_text: the address when it fits
 * on one line of the cell (here guessed from its length, half an em a
 * letter), else its host and an ellipsis. */
static void link_text(const struct fd_cell *x, const double *cw, char *out, size_t cap)
{
	const char *host = strstr(x->text, "://"), *slash;
	double room = -2 * PAD;
	int c;

	for (c = x->col; c < x->col + x->colspan; c++)
		room += (cw[c] * 7.0 + 5.0) * 0.75;
	if (strlen(x->text) * FONT_SIZE * 0.5 <= room) {
		snprintf(out, cap, "%s", x->text);
		return;
	}
	host = host ? host + 3 : x->text;
	slash = strchr(host, '/');
	snprintf(out, cap, "%.*s/\xe2\x80\xa6", (int)(slash ? slash - host : (long)strlen(host)), host);
}

static void write_cell(lxw_worksheet *ws, lxw_format *f, int row, const struct fd_cell *x, int top,
		       const double *cw)
{
	static char fm[16384];

	if (x->formula) {
		sheet_formula(x->formula, top, fm, sizeof fm);
		if (x->kind == K_TEXT || x->kind == K_LINK)
			worksheet_write_formula_str(ws, row, x->col, fm, f, x->text);
		else
			worksheet_write_formula_num(ws, row, x->col, fm, f, x->value);
	} else if (x->kind == K_TEXT)
		worksheet_write_string(ws, row, x->col, x->text, f);
	else if (x->kind == K_LINK) {
		link_text(x, cw, fm, sizeof fm);
		worksheet_write_url_opt(ws, row, x->col, x->text, f, fm, NULL);
	}
	else
		worksheet_write_number(ws, row, x->col, x->value, f);
}

/* The floor does not measure text: a row's height is the floor's own
 * guess from the length of its longest text against its column's width
 * (set_row costs the same whatever the height), where annexc shapes every
 * cell's text with pango to fit the row to it. */
static double guess_height(const struct fd_cell *x, const double *cw, int ncols)
{
	double chars = 0, w = 0;
	const unsigned char *s;
	int c;

	for (c = x->col; c < x->col + x->colspan && c < ncols; c++)
		w += cw[c];
	for (s = (const unsigned char *)x->text; *s; s++)
		chars += (*s & 0xC0) != 0x80 ? 0.5 : 0; /* Bengali: about two code points a character width */
	return ((int)(chars / (w > 1 ? w : 1)) + 1) * FONT_SIZE * 1.5 + 2 * PAD;
}

/* Lines of runs from row on, each run merged across its share of ncols
 * columns; a gap of 8 points or more is an empty row. Returns the next row. */
static int write_lines(lxw_workbook *wb, lxw_worksheet *ws, struct fmts *m, const struct fd_doc *d, int row,
		       const struct fd_lines *v, int ncols)
{
	int i, k;

	for (i = 0; i < v->n; i++) {
		const struct fd_line *l = &v->v[i];
		double h = 0;

		if (l->gap >= 8)
			worksheet_set_row(ws, (lxw_row_t)row++, l->gap * UP, NULL);
		for (k = 0; k < l->nrun; k++) {
			const struct fd_run *r = &l->run[k];
			int c0 = r->from * ncols / r->of, c1 = r->to * ncols / r->of - 1;
			lxw_format **f = &m->line[r->style][r->align];

			if (*f == NULL)
				*f = new_format(wb, d->font, style[r->style].size, style[r->style].bold, r->align);
			if (c1 > c0)
				worksheet_merge_range(ws, row, c0, row, c1, r->text, *f);
			else
				worksheet_write_string(ws, row, c0, r->text, *f);
			h = style[r->style].size * 1.6 + 2 * PAD > h ? style[r->style].size * 1.6 + 2 * PAD : h;
		}
		worksheet_set_row(ws, (lxw_row_t)row++, h, NULL);
	}
	return row;
}

/* Column widths as annexc's sheet_columns sets them for a fitted document:
 * the table's share of the page at the print scale, in character units. */
static void sheet_columns(const struct fd_doc *d, double *cw)
{
	double table = ((d->landscape ? A4_LONG : A4_SHORT) - 2 * (d->landscape ? 28.0 : 56.0)) * SLACK * UP, sum = 0;
	int c;

	for (c = 0; c < d->ncols; c++)
		sum += d->width[c];
	for (c = 0; c < d->ncols; c++) {
		cw[c] = d->width[c] / sum * table / (11.0 * 1038.0 / 2048.0) - 5.0 / 7.0;
		cw[c] = cw[c] > 0.5 ? cw[c] : 0.5;
	}
	for (; c < d->ncols + d->nhelp; c++)
		cw[c] = d->width[c];
}

/* Row breaks where the next row no longer fits the page, the header rows
 * [head0, head1] repeated (annexc also keeps glued rows together). */
static void page_breaks(lxw_worksheet *ws, const double *h, int nrows, int landscape, int head0, int head1)
{
	static lxw_row_t brk[1024];
	double room = ((landscape ? A4_SHORT : A4_LONG) - 72.0 - 8.0) * UP * SLACK, head = 0, y = 0;
	int r, n = 0;

	for (r = head0; r <= head1; r++)
		head += h[r];
	for (r = 0; r < nrows && n < 1023; r++) {
		if (y + h[r] > room && r > head1 + 1) {
			brk[n++] = (lxw_row_t)r;
			y = head;
		}
		y += h[r];
	}
	brk[n] = 0;
	if (n)
		worksheet_set_h_pagebreaks(ws, brk);
}

static void page_setup(lxw_worksheet *ws, int landscape, int first, int last, int scale)
{
	double side = (landscape ? 28.0 : 56.0) / 72.0;

	worksheet_set_paper(ws, 9);
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_margins(ws, side, side, 0.5, 0.5);
	if (scale)
		worksheet_set_print_scale(ws, (uint16_t)scale);
	else
		worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	if (last >= first)
		worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last);
}

static void table_sheet(lxw_workbook *wb, struct fmts *m, const struct fd_doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Report");
	lxw_row_col_options grouped = { 0 };
	int stride = d->ncols + d->nhelp, row, top, r, c, i;
	double *cw = calloc((size_t)stride + 1, sizeof *cw), *h = calloc((size_t)(d->nrows + 1), sizeof *h),
	       *sh = calloc((size_t)(d->titles.n * 2 + d->nrows + 2), sizeof *sh);

	sheet_columns(d, cw);
	for (c = 0; c < d->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cw[c], NULL);
	grouped.level = 1;
	for (; c < stride; c++)
		worksheet_set_column_opt(ws, (lxw_col_t)c, (lxw_col_t)c, cw[c], NULL, &grouped);
	row = write_lines(wb, ws, m, d, 0, &d->titles, d->ncols);
	top = d->titles.n ? row + 1 : 0;
	if (d->titles.n)
		worksheet_set_row(ws, (lxw_row_t)row, 9.0 * UP, NULL);
	for (r = 0; r < top; r++)
		sh[r] = 2 * FONT_SIZE; /* near enough for the page breaks */
	for (r = 0; r < d->nrows; r++)
		h[r] = MIN_ROW;
	for (i = 0; i < d->ncell; i++) {
		const struct fd_cell *x = &d->cell[i];
		double g = x->col < d->ncols ? guess_height(x, cw, d->ncols) : 0;

		h[x->row] = g > h[x->row] ? (g < MAX_ROW ? g : MAX_ROW) : h[x->row];
	}
	for (r = 0; r < d->nrows; r++) {
		worksheet_set_row(ws, (lxw_row_t)(top + r), h[r], NULL);
		sh[top + r] = h[r];
		for (c = 0; c < stride; c++) {
			int k = d->at[r * stride + c];
			const struct fd_cell *x = k >= 0 ? &d->cell[k] : NULL;
			lxw_format *f;

			if (k < -1)
				continue; /* covered by a merged region */
			f = cell_format(wb, m, d, d->role[r], x ? x->kind : K_TEXT, x ? x->decimals : 0, x ? x->align : A_CENTER);
			if (x == NULL) {
				worksheet_write_blank(ws, (lxw_row_t)(top + r), (lxw_col_t)c, f);
				continue;
			}
			if (x->rowspan > 1 || x->colspan > 1)
				worksheet_merge_range(ws, top + r, c, top + r + x->rowspan - 1, c + x->colspan - 1, "", f);
			write_cell(ws, f, top + r, x, top, cw);
		}
	}
	row = write_lines(wb, ws, m, d, top + d->nrows, &d->tail, d->ncols);
	if (d->nhelp)
		worksheet_print_area(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)(d->ncols - 1));
	page_setup(ws, d->landscape, top, top + d->header - 1, SCALE);
	page_breaks(ws, sh, top + d->nrows, d->landscape, top, top + d->header - 1);
	free(cw);
	free(h);
	free(sh);
}

static void letter_sheet(lxw_workbook *wb, struct fmts *m, const struct fd_doc *d)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Letter");

	worksheet_set_column(ws, 0, 6, 13.0, NULL);
	write_lines(wb, ws, m, d, 0, &d->letter, 7);
	page_setup(ws, 0, 0, -1, 0);
}

/* annexc's scratch_dir: $TMPDIR, else /dev/shm when writable. */
static char *scratch_dir(void)
{
	char *t = getenv("TMPDIR");

	if (t && *t)
		return t;
	return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NULL;
}

static int write_workbook(const struct fd_doc *d, const char *outdir)
{
	lxw_workbook_options opt = { 0 };
	lxw_doc_properties p = { 0 };
	struct fmts m;
	lxw_workbook *wb;
	char path[4096];

	snprintf(path, sizeof path, "%s/%s.xlsx", outdir, d->name);
	opt.tmpdir = scratch_dir();
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		return -1;
	memset(&m, 0, sizeof m);
	p.title = d->titles.n && d->titles.v[0].nrun ? d->titles.v[0].run[0].text : d->name;
	p.author = p.company = d->name;
	p.subject = "report";
	p.created = CREATED;
	workbook_set_properties(wb, &p);
	if (d->letter.n)
		letter_sheet(wb, &m, d);
	table_sheet(wb, &m, d);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int main(int argc, char **argv)
{
	return fd_main(argc, argv, "floor_xlsx", NULL, write_workbook);
}
