/* floor_pdf.c - the PDF floor of `make bench`: the least a careful C
 * program spends writing, with pango and cairo directly, the pages annexc
 * writes for a report (compiler/pdf.c): A4, the title lines, the grid with
 * its borders, each cell's text wrapped to its columns, the header rows on
 * every page, the tail lines and a page number on each page. It reads
 * `annexc dump` output, so it parses, scores and fits nothing: only the
 * write is timed, and annexc's time for the same reports over this time is
 * what annexc costs beyond writing.
 *
 *   floor_pdf OUTDIR DUMPFILE...
 *
 * Reads every dump first (not timed), then writes OUTDIR/<dump name>.pdf
 * for each in one process with one font map and context, shaped layouts
 * kept across reports, and prints "reports N seconds S", S the write
 * loop's time (CLOCK_MONOTONIC). Not part of annexc. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "floor_dump.h"

#ifndef FLOOR_FONTDIR
#define FLOOR_FONTDIR "fonts"
#endif

/* annexc's geometry and type (compiler/pdf.c, fit.h, fit.c). */
#define A4_W 595.276
#define A4_H 841.890
#define BODY 8.0
#define CPAD 3.0
#define FOOT 24.0
#define TOP 28.0
#define MIN_ROW (BODY + 2 * CPAD + 3)

static const struct {
	double size;
	int bold;
} style[S_NSTYLES] = {
	[S_TITLE] = { 12.0, 1 }, [S_NOTE] = { BODY, 0 }, [S_SIGN] = { BODY + 1, 0 },
	[S_HEAD] = { 12.0, 1 },  [S_LETTER] = { 11.0, 0 },
};

static PangoContext *ctx;
static PangoAttrList *no_hyphens;

/* ---- shaped layouts, by text, width, size, weight and alignment ---- */

#define SLOTS 16384
static struct shaped {
	uint64_t key;
	char *text;
	double width, size;
	int bold, align;
	PangoLayout *lay;
	double h;
} shaped[SLOTS];
static size_t nshaped;

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	for (const unsigned char *s = p; n--; s++)
		h = (h ^ *s) * 0x100000001b3ULL;
	return h;
}

/* A font description per family, size and weight, made once. */
static PangoFontDescription *font(const char *family, double size, int bold)
{
	static PangoFontDescription *fd[32];
	static int n;
	PangoFontDescription *f;
	int i;

	for (i = 0; i < n; i++)
		if (pango_font_description_get_size(fd[i]) == (gint)(size * PANGO_SCALE) &&
		    (pango_font_description_get_weight(fd[i]) == PANGO_WEIGHT_BOLD) == bold &&
		    strcmp(pango_font_description_get_family(fd[i]), family) == 0)
			return fd[i];
	f = pango_font_description_new();
	pango_font_description_set_family(f, family);
	pango_font_description_set_size(f, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return n < 32 ? (fd[n++] = f) : f; /* more than 32 never happens: the dump has a few sizes */
}

static void drop_layouts(void)
{
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (shaped[i].lay) {
			g_object_unref(shaped[i].lay);
			free(shaped[i].text);
		}
	memset(shaped, 0, sizeof shaped);
	nshaped = 0;
}

/* The layout of text set width wide (wrapped at words, else anywhere),
 * shaped once; *h its height. */
static PangoLayout *shape(const char *text, const char *family, double size, int bold, double width, int align,
			  double *h)
{
	long v[3] = { (long)(size * 100), (long)(width * 100), bold * 4 + align };
	uint64_t k = fnv(fnv(0xcbf29ce484222325ULL, text, strlen(text) + 1), v, sizeof v);
	size_t i;
	struct shaped *s;
	int pw, ph;

	k = k ? k : 1;
	for (i = k % SLOTS; shaped[i].key; i = (i + 1) % SLOTS)
		if (shaped[i].key == k && shaped[i].size == size && shaped[i].width == width &&
		    shaped[i].bold == bold && shaped[i].align == align && strcmp(shaped[i].text, text) == 0) {
			*h = shaped[i].h;
			return shaped[i].lay;
		}
	if (nshaped >= SLOTS * 3 / 4) { /* memory stays flat over any number of reports */
		drop_layouts();
		i = k % SLOTS;
	}
	s = &shaped[i];
	*s = (struct shaped){ k, strdup(text), width, size, bold, align, pango_layout_new(ctx), 0 };
	pango_layout_set_attributes(s->lay, no_hyphens);
	pango_layout_set_font_description(s->lay, font(family, size, bold));
	pango_layout_set_width(s->lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(s->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(s->lay, align == A_LEFT ? PANGO_ALIGN_LEFT :
					   align == A_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
	pango_layout_set_text(s->lay, text, -1);
	pango_layout_get_size(s->lay, &pw, &ph);
	s->h = (double)ph / PANGO_SCALE;
	nshaped++;
	*h = s->h;
	return s->lay;
}

/* ---- laying out one report ---- */

struct page { double w, h, margin; };
struct placed { int page; double y; }; /* a row's or a line's page and top */

struct report {
	const struct fd_doc *d;
	struct page table; /* the table's pages */
	double *colx, *rowh;
	struct placed *row, *title, *tail, *letter;
	double top0; /* the header's top on the table's first page */
	int first, npages;
};

static double line_height(const struct fd_doc *d, const struct fd_line *l, const struct page *p)
{
	double h = 0, th, full = p->w - 2 * p->margin;
	int k;

	for (k = 0; k < l->nrun; k++) {
		const struct fd_run *r = &l->run[k];

		shape(r->text, d->font, style[r->style].size, style[r->style].bold, full * (r->to - r->from) / r->of,
		      r->align, &th);
		h = th > h ? th : h;
	}
	return h;
}

/* Places lines one under the other from *y on page *pg, a line kept with
 * the next moving to a new page with it. */
static void place_lines(const struct fd_doc *d, const struct fd_lines *v, const struct page *p, double top,
			struct placed *out, int *pg, double *y)
{
	double bottom = p->h - FOOT - 8, h;
	int i, j;

	for (i = 0; i < v->n; i++) {
		for (j = i, h = line_height(d, &v->v[i], p); j < v->n - 1 && v->v[j].keep; j++)
			h += v->v[j + 1].gap + 1 + line_height(d, &v->v[j + 1], p);
		*y += v->v[i].gap;
		if (*y + h > bottom && (i == 0 || !v->v[i - 1].keep))
			(*pg)++, *y = top;
		out[i] = (struct placed){ *pg, *y };
		*y += line_height(d, &v->v[i], p) + 1;
	}
}

/* The last row of the group from r: rows joined by a region merged down,
 * and the closing rows (subtotals, totals) after them. */
static int group_end(const struct fd_doc *d, int r)
{
	int e = r, stride = d->ncols + d->nhelp, c, k;

	for (; r <= e; r++) {
		for (c = 0; c < d->ncols; c++)
			if ((k = d->at[r * stride + c]) >= 0 && r + d->cell[k].rowspan - 1 > e)
				e = r + d->cell[k].rowspan - 1;
		if (r == e && e + 1 < d->nrows && d->role[e + 1] == R_CLOSE)
			e++;
	}
	return e < d->nrows ? e : d->nrows - 1;
}

/* Row heights fitted to the text, then each body row's page and top. */
static void lay_out(struct report *w)
{
	const struct fd_doc *d = w->d;
	const struct page *p = &w->table;
	double y, head = 0, bottom = p->h - FOOT - 8, th;
	int r, i, pg = w->first, e;

	w->colx[0] = p->margin;
	for (i = 0, y = 0; i < d->ncols; i++)
		y += d->width[i];
	for (i = 0; i < d->ncols; i++)
		w->colx[i + 1] = w->colx[i] + d->width[i] / y * (p->w - 2 * p->margin);
	for (r = 0; r < d->nrows; r++)
		w->rowh[r] = MIN_ROW;
	for (i = 0; i < d->ncell; i++) {
		const struct fd_cell *x = &d->cell[i];
		double have = 0;

		if (x->col >= d->ncols)
			continue;
		shape(x->text, d->font, BODY, d->role[x->row] != R_BODY,
		      w->colx[x->col + x->colspan] - w->colx[x->col] - 2 * CPAD, x->align, &th);
		for (r = x->row; r < x->row + x->rowspan; r++)
			have += w->rowh[r];
		if (th + 2 * CPAD > have)
			w->rowh[x->row + x->rowspan - 1] += th + 2 * CPAD - have;
	}
	y = TOP;
	place_lines(d, &d->titles, p, TOP, w->title, &pg, &y);
	w->top0 = y + (d->titles.n ? 8 : 0);
	for (r = 0; r < d->header; r++)
		head += w->rowh[r];
	y = w->top0 + head;
	for (r = d->header; r < d->nrows; r = e + 1) {
		double gh = 0;

		e = group_end(d, r);
		for (i = r; i <= e; i++)
			gh += w->rowh[i];
		if (y + gh > bottom && y > TOP + head + 0.5 && gh <= bottom - TOP - head)
			pg++, y = TOP + head; /* the group moves to the next page whole */
		for (i = r; i <= e; i++) { /* a group taller than a page breaks between its rows */
			if (y + w->rowh[i] > bottom && y > TOP + head + 0.5)
				pg++, y = TOP + head;
			w->row[i] = (struct placed){ pg, y };
			y += w->rowh[i];
		}
	}
	place_lines(d, &d->tail, p, TOP, w->tail, &pg, &y);
	w->npages = pg + 1;
}

/* ---- drawing ---- */

struct pen {
	cairo_t *cr;
	double *frame; /* x y w h of each cell border on the page */
	size_t nframe, cap;
};

/* One path of the page's cell borders, stroked once, as annexc's flush_frames. */
static void flush_frames(struct pen *p)
{
	size_t i;

	cairo_new_path(p->cr);
	for (i = 0; i < p->nframe; i++)
		cairo_rectangle(p->cr, p->frame[4 * i], p->frame[4 * i + 1], p->frame[4 * i + 2], p->frame[4 * i + 3]);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.5);
	cairo_stroke(p->cr);
	p->nframe = 0;
}

static void draw_layout(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

static void draw_lines(struct pen *pen, const struct fd_doc *d, const struct fd_lines *v, const struct placed *at,
		       const struct page *p, int pg)
{
	double full = p->w - 2 * p->margin, h;
	int i, k;

	cairo_set_source_rgb(pen->cr, 0, 0, 0);
	for (i = 0; i < v->n; i++)
		for (k = 0; at[i].page == pg && k < v->v[i].nrun; k++) {
			const struct fd_run *r = &v->v[i].run[k];

			draw_layout(pen->cr,
				    shape(r->text, d->font, style[r->style].size, style[r->style].bold,
					  full * (r->to - r->from) / r->of, r->align, &h),
				    p->margin + full * r->from / r->of, at[i].y);
		}
}

/* A cell (k >= 0) or an empty cell (-1) of row r at column c, ch high at y. */
static void draw_cell(struct pen *pen, const struct report *w, int k, int r, int c, double y, double ch)
{
	const struct fd_doc *d = w->d;
	const struct fd_cell *x = k >= 0 ? &d->cell[k] : NULL;
	double cx = w->colx[c], cw = w->colx[c + (x ? x->colspan : 1)] - cx, th;
	PangoLayout *l;

	if (d->role[r] != R_BODY) {
		double grey = d->role[r] == R_HEAD ? 0xE6 / 255.0 : 0xF2 / 255.0;

		cairo_set_source_rgb(pen->cr, grey, grey, grey);
		cairo_rectangle(pen->cr, cx, y, cw, ch);
		cairo_fill(pen->cr);
	}
	if (pen->nframe * 4 + 4 > pen->cap)
		pen->frame = realloc(pen->frame, (pen->cap = pen->cap ? 2 * pen->cap : 1024) * sizeof *pen->frame);
	memcpy(pen->frame + 4 * pen->nframe++, (double[4]){ cx, y, cw, ch }, 4 * sizeof(double));
	if (x == NULL || x->text[0] == '\0')
		return;
	l = shape(x->text, d->font, BODY, d->role[r] != R_BODY, cw - 2 * CPAD, x->align, &th);
	cairo_save(pen->cr);
	if (th > ch) { /* a region parted by a page break */
		cairo_rectangle(pen->cr, cx, y, cw, ch);
		cairo_clip(pen->cr);
	}
	if (x->kind == K_LINK) {
		char attr[2048];

		snprintf(attr, sizeof attr, "uri='%s'", x->text); /* the dump's links have no quotes */
		cairo_set_source_rgb(pen->cr, 0, 0, 0.6);
		cairo_tag_begin(pen->cr, CAIRO_TAG_LINK, attr);
		draw_layout(pen->cr, l, cx + CPAD, y + (ch - th) / 2);
		cairo_tag_end(pen->cr, CAIRO_TAG_LINK);
	} else {
		cairo_set_source_rgb(pen->cr, 0, 0, 0);
		draw_layout(pen->cr, l, cx + CPAD, y + (th > ch ? 0 : (ch - th) / 2));
	}
	cairo_restore(pen->cr);
}

/* The part of the region of cell k (from row r0) on the page of row r. */
static double part_height(const struct report *w, int k, int r)
{
	const struct fd_cell *x = &w->d->cell[k];
	double h = 0;
	int i;

	for (i = r; i < x->row + x->rowspan; i++)
		if (x->row < w->d->header || w->row[i].page == w->row[r].page)
			h += w->rowh[i];
	return h;
}

/* The table page pg: the header, and the body rows placed on it; a region
 * merged down from the page before is drawn again, text and all. */
static void draw_table_page(struct pen *pen, const struct report *w, int pg)
{
	const struct fd_doc *d = w->d;
	int stride = d->ncols + d->nhelp, r, c, k, first = -1;
	double y = pg == w->first ? w->top0 : TOP;

	for (r = 0; r < d->header; y += w->rowh[r++])
		for (c = 0; c < d->ncols; c++)
			if ((k = d->at[r * stride + c]) >= -1)
				draw_cell(pen, w, k, r, c, y, k >= 0 ? part_height(w, k, r) : w->rowh[r]);
	for (r = d->header; r < d->nrows; r++) {
		if (w->row[r].page != pg)
			continue;
		first = first < 0 ? r : first;
		for (c = 0; c < d->ncols; c++) {
			k = d->at[r * stride + c];
			if (k >= -1)
				draw_cell(pen, w, k, r, c, w->row[r].y, k >= 0 ? part_height(w, k, r) : w->rowh[r]);
			else if (r == first && d->cell[-2 - k].col == c && d->cell[-2 - k].row < r)
				draw_cell(pen, w, -2 - k, r, c, w->row[r].y, part_height(w, -2 - k, r));
		}
	}
}

/* "পৃষ্ঠা ১/৩", Bengali digits (E0 A7 A6-AF). */
static void page_number(struct pen *pen, const struct fd_doc *d, const struct page *p, int page, int npages)
{
	char a[64], b[256] = "পৃষ্ঠা ", *o = b + strlen(b), *s;
	double h;

	snprintf(a, sizeof a, "%d/%d", page, npages);
	for (s = a; *s; s++)
		o += *s == '/' ? sprintf(o, "/") : sprintf(o, "\xe0\xa7%c", (char)(0xa6 + *s - '0'));
	draw_layout(pen->cr, shape(b, d->font, 8, 0, p->w - 2 * p->margin, A_CENTER, &h), p->margin,
		    p->h - FOOT + 6);
}

static cairo_status_t to_file(void *fp, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int write_pdf(const struct fd_doc *d, const char *outdir)
{
	struct page letter = { A4_W, A4_H, 56.0 };
	struct report w = { 0 };
	struct pen pen = { 0 };
	cairo_surface_t *s;
	char path[4096];
	FILE *fp;
	double y = 48;
	int pg = 0, ok;

	snprintf(path, sizeof path, "%s/%s.pdf", outdir, d->name);
	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	w.d = d;
	w.table = d->landscape ? (struct page){ A4_H, A4_W, 28.0 } : letter;
	w.colx = calloc((size_t)(d->ncols + d->nrows + 2), sizeof *w.colx);
	w.rowh = w.colx + d->ncols + 1;
	w.row = calloc((size_t)(d->nrows + d->titles.n + d->tail.n + d->letter.n + 1), sizeof *w.row);
	w.title = w.row + d->nrows;
	w.tail = w.title + d->titles.n;
	w.letter = w.tail + d->tail.n;
	place_lines(d, &d->letter, &letter, 48, w.letter, &pg, &y);
	w.first = d->letter.n ? pg + 1 : 0;
	lay_out(&w);
	s = cairo_pdf_surface_create_for_stream(to_file, fp, A4_W, A4_H);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
				       d->titles.n && d->titles.v[0].nrun ? d->titles.v[0].run[0].text : d->name);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, d->name);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "floor_pdf");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	pen.cr = cairo_create(s);
	for (pg = 0; pg < w.npages; pg++) {
		const struct page *p = pg < w.first ? &letter : &w.table;

		cairo_pdf_surface_set_size(s, p->w, p->h);
		if (pg < w.first)
			draw_lines(&pen, d, &d->letter, w.letter, p, pg);
		else {
			draw_lines(&pen, d, &d->titles, w.title, p, pg);
			draw_table_page(&pen, &w, pg);
			draw_lines(&pen, d, &d->tail, w.tail, p, pg);
		}
		flush_frames(&pen);
		page_number(&pen, d, p, pg + 1, w.npages);
		cairo_show_page(pen.cr);
	}
	cairo_destroy(pen.cr);
	cairo_surface_finish(s);
	ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	ok = fclose(fp) == 0 && ok;
	free(pen.frame);
	free(w.colx);
	free(w.row);
	return ok ? 0 : -1;
}

/* annexc's fonts: the repository's fonts.conf and fonts/ (measure_add_fonts),
 * and its context: 72 dpi, unhinted metrics, no hyphens. */
static void setup(void)
{
	FcConfig *cfg = FcConfigGetCurrent();
	cairo_font_options_t *o = cairo_font_options_create();

	FcConfigParseAndLoad(cfg, (const FcChar8 *)FLOOR_FONTDIR "/fonts.conf", FcFalse);
	FcConfigAppFontAddDir(cfg, (const FcChar8 *)FLOOR_FONTDIR);
	ctx = pango_font_map_create_context(pango_cairo_font_map_new());
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, o);
	cairo_font_options_destroy(o);
	pango_cairo_context_set_resolution(ctx, 72.0);
	no_hyphens = pango_attr_list_new();
	pango_attr_list_insert(no_hyphens, pango_attr_insert_hyphens_new(FALSE));
}

int main(int argc, char **argv)
{
	int rc = fd_main(argc, argv, "floor_pdf", setup, write_pdf);

	drop_layouts();
	return rc;
}
