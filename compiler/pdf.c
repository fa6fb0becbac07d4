/* pdf.c - the PDF backend. Two passes over the same layout code: the first
 * only counts pages, the second draws, so every page can say "পৃষ্ঠা ১/৩". */
#include "pdf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "fit.h"
#include "measure.h"
#include "util.h"

#define A4_W 595.276
#define A4_H 841.890
#define BODY FIT_BODY  /* table text size */
#define LETTER 11.0    /* letter text size */
#define TITLE 12.0
#define CPAD FIT_PAD   /* cell padding */
#define FOOT 24.0      /* space kept for the page number */

/* Drawing state. In the counting pass cr is NULL and nothing is drawn. */
struct pdfw {
	const doc *d;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *ctx;
	PangoLayout *lay;
	int page, npages;
	int landscape;
	double pw, ph, margin, y;
	double *colx;   /* left edge of each table column, and the right edge */
	double *rowh;   /* height of each grid row */
	double *frame;  /* cell borders of the page, x y w h each, stroked as one path */
	size_t nframe, capframe;
	char *err;      /* why the PDF cannot be printed whole (the first reason) */
};

/* Strokes the page's cell borders at once: one path, one stroke, instead of
 * one per cell (a much shorter content stream). */
static void flush_frames(struct pdfw *w)
{
	size_t i;

	if (w->cr && w->nframe) {
		cairo_new_path(w->cr);
		for (i = 0; i < w->nframe; i++)
			cairo_rectangle(w->cr, w->frame[4 * i], w->frame[4 * i + 1], w->frame[4 * i + 2],
					w->frame[4 * i + 3]);
		cairo_set_source_rgb(w->cr, 0, 0, 0);
		cairo_set_line_width(w->cr, 0.5);
		cairo_stroke(w->cr);
	}
	w->nframe = 0;
}

/* Sets text on the shared layout: font, size, weight, wrap width and alignment. */
static PangoLayout *set_text(struct pdfw *w, const char *text, double size, int bold, double width,
			     int align)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, w->d->font);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(w->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(w->lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(w->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(w->lay, align == DOC_CENTER ? PANGO_ALIGN_CENTER :
					   align == DOC_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (width > 0) { /* broken at spaces as measure.c measures it */
		char *lines = measure_wrap(text, w->d->font, size, bold, width);
		pango_layout_set_text(w->lay, lines, -1);
		free(lines);
	} else
		pango_layout_set_text(w->lay, text, -1);
	return w->lay;
}

/* Shares measure.c's cache: the same text, font and width always measure the same. */
static double text_height(struct pdfw *w, const char *text, double size, int bold, double width)
{
	return measure_height(text, w->d->font, size, bold, width);
}

/* Layouts already shaped, by a hash of text, font, size, weight, width and
 * alignment: labels and headers recur in every office of a batch, and a
 * shaped layout can be drawn again without shaping. When the table is
 * three quarters full, the layouts not used since the last time it was are
 * dropped (an office's own values and names) and the rest kept (what every
 * office prints); all are dropped when that would not free half of it. */
#define LAYOUTS 2048
struct shaped {
	uint64_t key;
	PangoLayout *lay;
	double h;
	int used; /* since the last sweep */
};
static struct shaped shaped[LAYOUTS];
static size_t nshaped;

static uint64_t layout_key(const struct pdfw *w, const char *text, double size, int bold, double width, int align)
{
	long v[4] = { (long)(size * 100), bold, (long)(width * 100), align };
	uint64_t h = util_hash(UTIL_FNV_BASIS, text, strlen(text) + 1); /* with its NUL: "ab"+"c" is not "a"+"bc" */

	h = util_hash(h, w->d->font, strlen(w->d->font) + 1);
	h = util_hash(h, v, sizeof v);
	return h ? h : 1;
}

/* The slot of key k: its own, or the empty one where it goes. */
static size_t layout_slot(uint64_t k)
{
	size_t i = (size_t)(k % LAYOUTS);

	while (shaped[i].key && shaped[i].key != k)
		i = (i + 1) % LAYOUTS;
	return i;
}

static void drop_layouts(void)
{
	size_t i;

	for (i = 0; i < LAYOUTS; i++)
		if (shaped[i].lay)
			g_object_unref(shaped[i].lay);
	memset(shaped, 0, sizeof shaped);
	nshaped = 0;
}

/* Drops the layouts not used since the last sweep; the others are kept,
 * marked unused. */
static void sweep_layouts(void)
{
	static struct shaped keep[LAYOUTS];
	size_t i, n = 0;

	for (i = 0; i < LAYOUTS; i++)
		if (shaped[i].key && shaped[i].used)
			keep[n++] = shaped[i];
		else if (shaped[i].lay)
			g_object_unref(shaped[i].lay);
	memset(shaped, 0, sizeof shaped);
	for (i = 0; i < n; i++) {
		keep[i].used = 0;
		shaped[layout_slot(keep[i].key)] = keep[i];
	}
	nshaped = n;
	if (nshaped >= LAYOUTS / 2)
		drop_layouts();
}

/* A shaped layout for text (from the cache when it was shaped before). */
static PangoLayout *shape(struct pdfw *w, const char *text, double size, int bold, double width, int align,
			  double *height)
{
	uint64_t k = layout_key(w, text, size, bold, width, align);
	size_t i = layout_slot(k);
	int pw, ph;

	if (shaped[i].key == k) {
		shaped[i].used = 1;
		*height = shaped[i].h;
		return shaped[i].lay;
	}
	if (nshaped >= LAYOUTS * 3 / 4) {
		sweep_layouts();
		i = layout_slot(k);
	}
	set_text(w, text, size, bold, width, align);
	pango_layout_get_size(w->lay, &pw, &ph);
	shaped[i].key = k;
	shaped[i].lay = pango_layout_copy(w->lay);
	shaped[i].h = (double)ph / PANGO_SCALE;
	shaped[i].used = 1;
	nshaped++;
	*height = shaped[i].h;
	return shaped[i].lay;
}

/* Draws text in a box of the given width at x, y (top); returns its height. */
static double draw_text(struct pdfw *w, const char *text, double x, double y, double width, double size,
			int bold, int align)
{
	double h;

	if (w->cr == NULL)
		return text_height(w, text, size, bold, width);
	{
		PangoLayout *l = shape(w, text, size, bold, width, align, &h);

		cairo_move_to(w->cr, x, y);
		pango_cairo_show_layout(w->cr, l);
	}
	return h;
}

static void page_number(struct pdfw *w)
{
	char *a, *b;

	flush_frames(w);
	if (w->cr == NULL)
		return;
	a = util_printf("পৃষ্ঠা %d/%d", w->page, w->npages);
	b = bn_bengali_digits(a);
	draw_text(w, b, w->margin, w->ph - FOOT + 6, w->pw - 2 * w->margin, 8, 0, DOC_CENTER);
	free(a);
	free(b);
}

/* Ends the current page (if any) and starts a new one. */
static void new_page(struct pdfw *w, int landscape)
{
	if (w->page > 0) {
		page_number(w);
		if (w->cr)
			cairo_show_page(w->cr);
	}
	w->page++;
	w->landscape = landscape;
	w->pw = landscape ? A4_H : A4_W;
	w->ph = landscape ? A4_W : A4_H;
	w->margin = fit_margin(landscape);
	w->y = landscape ? 28 : 48;
	if (w->surface)
		cairo_pdf_surface_set_size(w->surface, w->pw, w->ph);
}

static double bottom(const struct pdfw *w)
{
	return w->ph - FOOT - 8;
}

/* Starts a new page of the same orientation when h does not fit. */
static void need(struct pdfw *w, double h)
{
	if (w->y + h > bottom(w))
		new_page(w, w->landscape);
}

/* ---- lines of text ---- */

/* Type size and weight of each text style. */
static const struct {
	double size;
	int bold;
} style[DOC_NSTYLES] = {
	[DOC_S_TITLE] = { TITLE, 1 },       [DOC_S_NOTE] = { BODY, 0 },
	[DOC_S_SIGN] = { BODY + 1, 0 },     [DOC_S_HEAD] = { LETTER + 1, 1 },
	[DOC_S_LETTER] = { LETTER, 0 },     [DOC_S_LETTER_SMALL] = { LETTER - 1, 0 },
	[DOC_S_LETTER_BOLD] = { LETTER, 1 },
};

/* Left edge and width of a run's share of the width between the margins. */
static double run_x(const struct pdfw *w, const doc_run *r, double *width)
{
	double full = w->pw - 2 * w->margin;

	*width = full * (r->to - r->from) / r->of;
	return w->margin + full * r->from / r->of;
}

/* Height of a line: its tallest run. */
static double line_height(struct pdfw *w, const doc_line *l)
{
	double h = 0, width, th;
	size_t k;

	for (k = 0; k < l->nrun; k++) {
		run_x(w, &l->run[k], &width);
		th = text_height(w, l->run[k].text, style[l->run[k].style].size, style[l->run[k].style].bold, width);
		h = th > h ? th : h;
	}
	return h;
}

/* Draws a line at y; returns its height. */
static double draw_line(struct pdfw *w, const doc_line *l, double y)
{
	double width, x;
	size_t k;

	for (k = 0; k < l->nrun; k++) {
		const doc_run *r = &l->run[k];

		x = run_x(w, r, &width);
		draw_text(w, r->text, x, y, width, style[r->style].size, style[r->style].bold, r->align);
	}
	return line_height(w, l);
}

/* Height of lines [i, j) set one under the other (a point apart), the gaps
 * between them included. */
static double lines_height(struct pdfw *w, const doc_lines *v, size_t i, size_t j)
{
	double h = 0;
	size_t k;

	for (k = i; k < j; k++)
		h += (k > i ? v->v[k].gap + 1 : 0) + line_height(w, &v->v[k]);
	return h;
}

/* The least gap above a block of lines (the signatures under the table)
 * that fits at the foot of a page, rather than on a page of its own. */
#define MIN_GAP 6.0

/* Draws lines from w->y on, starting a page where the next line, with the
 * lines kept with it, does not fit; moves y down. */
static void draw_lines(struct pdfw *w, const doc_lines *v)
{
	size_t i, j;

	for (i = 0; i < v->n; i++) {
		double h, gap = v->v[i].gap;

		for (j = i; j < v->n && v->v[j].keep; j++)
			;
		h = lines_height(w, v, i, j + (j < v->n));
		if (w->y + gap + h > bottom(w) && w->y + MIN_GAP + h <= bottom(w))
			gap = MIN_GAP; /* the block fits at the page's foot with a smaller gap */
		w->y += gap;
		need(w, h);
		w->y += draw_line(w, &v->v[i], w->y) + 1;
	}
}

/* ---- the table ---- */

/* Where each grid row is placed: its table page (0-based) and top. */
struct place {
	int *page;
	double *y;
	int npages;
	double top0; /* top of the header on the first table page (below titles) */
};

static double titles_height(struct pdfw *w)
{
	const doc_lines *v = &w->d->titles;

	return v->n ? lines_height(w, v, 0, v->n) + 9 : 0;
}

static double rows_height(const struct pdfw *w, int from, int to)
{
	double h = 0;
	int r;

	for (r = from; r < to; r++)
		h += w->rowh[r];
	return h;
}

/* Whether row r is a subtotal or total row, which a page does not start with:
 * it stays with the rows it sums. */
static int closes(const doc *d, int r)
{
	enum doc_role role = doc_at(d, r, 0)->role;

	return role == DOC_SUBTOTAL || role == DOC_TOTAL;
}

/* The last row of the group that starts at r (with the subtotal rows after it): rows joined by a keep of at least level. */
static int group_end(const doc *d, int r, int level)
{
	while (r + 1 < d->nrows && (d->keep_with_next[r] >= level || closes(d, r + 1)))
		r++;
	return r;
}

/* A page may not be left more than a quarter empty (of the room between
 * the top margin and the foot) while the next rows could continue on it. */
#define MAX_EMPTY 0.25

static int too_empty(const struct pdfw *w, double y)
{
	return bottom(w) - y > MAX_EMPTY * (bottom(w) - 28);
}

/* Places rows [r, e] from *y on *page, starting a new page (with the header
 * repeated) where a group does not fit: first whole groups kept together,
 * then, for a group taller than a page, its unbreakable parts. */
static void place_group(struct pdfw *w, struct place *p, int r, int e, int level, int *page, double *y)
{
	double top = 28 + rows_height(w, 0, w->d->header_rows), first = *page ? top : p->top0 + top - 28;

	while (r <= e) {
		int g = level > DOC_KEEP_MUST ? r : group_end(w->d, r, level);
		double h;

		if (g > e)
			g = e;
		h = rows_height(w, r, g + 1);
		if (*y + h > bottom(w) && level == DOC_KEEP_PREFER && g > r && too_empty(w, *y)) {
			/* moved whole, the group would leave this page too empty: it
			 * continues on the next page, its merged text repeated */
			place_group(w, p, r, g, level + 1, page, y);
			first = *page ? top : first;
			r = g + 1;
			continue;
		}
		if (*y + h > bottom(w) && *y > first + 0.5) {
			(*page)++;
			*y = top;
			first = top;
		}
		if (*y + h > bottom(w) && level <= DOC_KEEP_MUST && g > r) {
			place_group(w, p, r, g, level + 1, page, y); /* still too tall: finer */
			first = *page ? top : first;
		} else
			for (; r <= g; r++) {
				p->page[r] = *page;
				p->y[r] = *y;
				*y += w->rowh[r];
			}
		r = g + 1;
	}
}

/* Assigns every body row a page and a top, keeping row groups together and
 * repeating the header rows at the top of each page. */
static void place_rows(struct pdfw *w, struct place *p)
{
	const doc *d = w->d;
	double y;
	int page = 0;

	p->top0 = 28 + titles_height(w);
	y = p->top0 + rows_height(w, 0, d->header_rows);
	place_group(w, p, d->header_rows, d->nrows - 1, DOC_KEEP_PREFER, &page, &y);
	p->npages = page + 1;
	w->y = y;

}

static void fill(struct pdfw *w, double x, double y, double cw, double ch, long rgb)
{
	if (w->cr == NULL)
		return;
	if (rgb >= 0) {
		cairo_set_source_rgb(w->cr, (double)(rgb >> 16) / 255.0, (double)((rgb >> 8) & 0xff) / 255.0,
				     (double)(rgb & 0xff) / 255.0);
		cairo_rectangle(w->cr, x, y, cw, ch);
		cairo_fill(w->cr);
	}
	cairo_set_source_rgb(w->cr, 0, 0, 0);
	util_grow(&w->frame, &w->capframe, 4 * w->nframe + 3, sizeof *w->frame);
	w->frame[4 * w->nframe] = x;
	w->frame[4 * w->nframe + 1] = y;
	w->frame[4 * w->nframe + 2] = cw;
	w->frame[4 * w->nframe + 3] = ch;
	w->nframe++;
}

/* A URI for a cairo link tag, with quotes and backslashes escaped. */
static char *link_attr(const char *url)
{
	buf b = { 0 };

	buf_add(&b, "uri='");
	for (; *url; url++) {
		if (*url == '\'' || *url == '\\')
			buf_add(&b, "\\");
		buf_addn(&b, url, 1);
	}
	buf_add(&b, "'");
	return buf_take(&b);
}

static void cell(struct pdfw *w, const doc_cell *x, int col, double y, double ch)
{
	double cx = w->colx[col], cw = w->colx[col + x->colspan] - cx, th, size = BODY * fit_scale(x);

	fill(w, cx, y, cw, ch, doc_fill(x));
	if (w->cr == NULL || x->text[0] == '\0')
		return;
	th = text_height(w, x->text, size, x->bold, cw - 2 * CPAD);
	cairo_save(w->cr);
	if (th > ch) { /* only a region cut by a page break can be too short */
		cairo_rectangle(w->cr, cx, y, cw, ch);
		cairo_clip(w->cr);
	}
	if (x->kind == DOC_LINK) {
		char *attr = link_attr(x->url);
		cairo_set_source_rgb(w->cr, 0, 0, 0.6);
		cairo_tag_begin(w->cr, CAIRO_TAG_LINK, attr);
		draw_text(w, x->text, cx + CPAD, y + (ch - th) / 2, cw - 2 * CPAD, size, x->bold, x->align);
		cairo_tag_end(w->cr, CAIRO_TAG_LINK);
		cairo_set_source_rgb(w->cr, 0, 0, 0);
		free(attr);
	} else
		draw_text(w, x->text, cx + CPAD, y + (th > ch ? 0 : (ch - th) / 2), cw - 2 * CPAD, size, x->bold,
			  x->align);
	cairo_restore(w->cr);
}

/* Height of the part of rows [r, r+span) that lies on page pg. */
static double span_on_page(const struct pdfw *w, const struct place *p, int r, int span, int pg)
{
	double h = 0;
	int i;

	for (i = 0; i < span && r + i < w->d->nrows; i++)
		if (r < w->d->header_rows || p->page[r + i] == pg)
			h += w->rowh[r + i];
	return h;
}

/* The top-left row of the merged region covering (r, c). */
static int anchor_row(const doc *d, int r, int c)
{
	while (r > 0 && doc_at(d, r, c)->covered) {
		const doc_cell *up = doc_at(d, r - 1, c);
		if (!up->covered && up->rowspan > 1)
			return r - 1;
		r--;
	}
	return r;
}

/* On the first row of a page, the rest of a region merged down from the
 * page before: drawn again, text and all, so the page reads on its own. */
static void continued(struct pdfw *w, const struct place *p, int r, int c, int pg)
{
	int ar = anchor_row(w->d, r, c);
	const doc_cell *a = doc_at(w->d, ar, c);

	if (ar == r || a->covered)
		return;
	cell(w, a, c, p->y[r], span_on_page(w, p, r, a->rowspan - (r - ar), pg));
}

static void draw_header(struct pdfw *w, const struct place *p, double y)
{
	int r, c;

	for (r = 0; r < w->d->header_rows; r++) {
		for (c = 0; c < w->d->ncols; c++) {
			const doc_cell *x = doc_at(w->d, r, c);

			if (!x->covered)
				cell(w, x, c, y, span_on_page(w, p, r, x->rowspan, -1));
		}
		y += w->rowh[r];
	}
}

/* Draws the body rows that were placed on table page pg. */
static void draw_body(struct pdfw *w, const struct place *p, int pg)
{
	const doc *d = w->d;
	int r, c, first = -1;

	for (r = d->header_rows; r < d->nrows; r++) {
		if (p->page[r] != pg)
			continue;
		if (first < 0)
			first = r;
		for (c = 0; c < d->ncols; c++) {
			const doc_cell *x = doc_at(d, r, c);

			if (!x->covered)
				cell(w, x, c, p->y[r], span_on_page(w, p, r, x->rowspan, pg));
			else if (r == first)
				continued(w, p, r, c, pg);
		}
	}
}

static void draw_titles(struct pdfw *w)
{
	w->y = 28;
	draw_lines(w, &w->d->titles);
}

/* A horizontal bar chart of the document's chart column, after the table. */
static void chart(struct pdfw *w)
{
	const doc *d = w->d;
	const doc_chart *c = d->chart;
	double full = w->pw - 2 * w->margin, lw = full * 0.3, bw = full * 0.6, most = 0, bar = 12;
	int r;

	for (r = c->first; r <= c->last; r++)
		if (doc_at(d, r, c->value_col)->value > most)
			most = doc_at(d, r, c->value_col)->value;
	if (c->axis_max > most)
		most = c->axis_max;
	need(w, 40 + bar * 3);
	w->y += 16;
	w->y += draw_text(w, c->title, w->margin, w->y, full, TITLE - 1, 1, DOC_CENTER) + 1;
	w->y += 6;
	for (r = c->first; r <= c->last; r++) {
		const doc_cell *lab = doc_at(d, r, c->label_col), *val = doc_at(d, r, c->value_col);
		double len = most > 0 ? bw * val->value / most : 0;

		need(w, bar + 2);
		draw_text(w, lab->text, w->margin, w->y, lw - 6, BODY - 1, 0, DOC_RIGHT);
		if (w->cr) {
			cairo_set_source_rgb(w->cr, 0.27, 0.45, 0.77);
			cairo_rectangle(w->cr, w->margin + lw, w->y + 1, len, bar - 3);
			cairo_fill(w->cr);
			cairo_set_source_rgb(w->cr, 0, 0, 0);
		}
		draw_text(w, val->text, w->margin + lw + len + 4, w->y, full - lw - len - 4, BODY - 1, 0, DOC_LEFT);
		w->y += bar + 2;
	}
}

/* A row taller than a page under the repeated header would be cut at the
 * page's foot: the document is refused instead, naming the longest text of
 * the row (text is limited to what a spreadsheet cell holds, not to what
 * fits a page). */
static void check_heights(struct pdfw *w)
{
	const doc *d = w->d;
	double room = bottom(w) - 28 - rows_height(w, 0, d->header_rows);
	int r, c, most;
	size_t n;

	for (r = d->header_rows; r < d->nrows && w->err == NULL; r++) {
		if (w->rowh[r] <= room)
			continue;
		for (c = 0, most = 0; c < d->ncols; c++)
			if (strlen(doc_at(d, r, c)->text) > strlen(doc_at(d, r, most)->text))
				most = c;
		for (n = 0; doc_at(d, r, most)->text[n] && n < 60; n++)
			;
		while (n > 0 && doc_at(d, r, most)->text[n] && doc_at(d, r, most)->text[n] != ' ')
			n--; /* end on a whole word */
		w->err = util_printf("a table row is taller than a page (%.0f pt, the page has room for %.0f): its text "
				     "would be cut; shorten the text \"%.*s…\"", w->rowh[r], room, (int)n,
				     doc_at(d, r, most)->text);
	}
}

static void table(struct pdfw *w)
{
	const doc *d = w->d;
	struct place p;
	double avail, *tw;
	int c, pg;

	new_page(w, d->landscape);
	avail = w->pw - 2 * w->margin;
	w->colx = util_alloc((size_t)(d->ncols + 1) * sizeof *w->colx);
	tw = util_alloc((size_t)d->ncols * sizeof *tw);
	w->colx[0] = w->margin;
	for (c = 0; c < d->ncols; c++) {
		tw[c] = fit_col_points(d, c, avail);
		w->colx[c + 1] = w->colx[c] + tw[c];
	}
	w->rowh = util_alloc((size_t)(d->nrows + 1) * sizeof *w->rowh);
	fit_rows(d, tw, BODY, CPAD, BODY + 2 * CPAD + 3, 0, w->rowh);
	check_heights(w);
	p.page = util_alloc((size_t)(d->nrows + 1) * sizeof *p.page);
	p.y = util_alloc((size_t)(d->nrows + 1) * sizeof *p.y);
	place_rows(w, &p);
	for (pg = 0; pg < p.npages; pg++) {
		if (pg > 0)
			new_page(w, d->landscape);
		if (pg == 0)
			draw_titles(w);
		draw_header(w, &p, pg == 0 ? p.top0 : 28);
		draw_body(w, &p, pg);
	}
	w->y = d->nrows > d->header_rows ? p.y[d->nrows - 1] + w->rowh[d->nrows - 1] : w->y;
	draw_lines(w, &d->tail);
	if (d->chart)
		chart(w);
	free(p.page);
	free(p.y);
	free(tw);
	free(w->colx);
	free(w->rowh);
	w->colx = w->rowh = NULL;
}

/* ---- the document ---- */

static void render(struct pdfw *w)
{
	const doc *top = w->d;

	w->page = 0;
	if (w->d->has_letter) {
		new_page(w, 0);
		draw_lines(w, &w->d->letter);
	}
	for (; w->d; w->d = w->d->next)
		table(w);
	w->d = top;
	page_number(w);
	if (w->cr)
		cairo_show_page(w->cr);
}

static void set_metadata(struct pdfw *w, long long created)
{
	time_t t = (time_t)created;
	struct tm tm;
	char date[32];

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_TITLE, w->d->title);
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_AUTHOR, w->d->author);
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_SUBJECT, w->d->subject);
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_CREATOR, "annexc");
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* One pango context for every PDF of the process: its settings (72 dpi,
 * unhinted metrics, identity matrix) never change, so layouts shaped for one
 * document draw in the next. */
static PangoContext *context;

static PangoContext *shared_context(void)
{
	if (context == NULL) {
		context = pango_font_map_create_context(measure_font_map());
		measure_setup_context(context);
	}
	return context;
}

void pdf_cleanup(void)
{
	drop_layouts();
	if (context)
		g_object_unref(context);
	context = NULL;
}

char *pdf_check(const doc *d)
{
	if (measure_has_family(d->font))
		return NULL;
	return util_printf("font family '%s' is not installed: no PDF written (put the font in fonts/, pass "
			   "--font-dir, or name another family with --font)", d->font);
}

/* cairo's stream: every chunk through the checked output, so a write that
 * fails (a full disk) fails the surface instead of leaving a short file. */
static cairo_status_t pdf_out(void *closure, const unsigned char *data, unsigned int len)
{
	return util_out_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

char *pdf_write(const doc *d, const char *path, long long created)
{
	struct pdfw w;
	util_out out;
	char *err = NULL;
	cairo_status_t st;

	if ((err = pdf_check(d)) != NULL) {
		char *m = util_printf("%s: %s", path, err);
		free(err);
		return m;
	}
	if ((err = util_out_open(&out, path)) != NULL)
		return err;
	memset(&w, 0, sizeof w);
	w.d = d;
	w.ctx = shared_context();
	w.lay = pango_layout_new(w.ctx);
	measure_no_hyphens(w.lay);
	render(&w); /* counting pass */
	w.npages = w.page;
	if (w.err) {
		err = util_printf("%s: %s", path, w.err);
		free(w.err);
		free(w.frame);
		g_object_unref(w.lay);
		return util_out_commit(&out, err);
	}
	w.surface = cairo_pdf_surface_create_for_stream(pdf_out, &out, A4_W, A4_H);
	cairo_pdf_surface_restrict_to_version(w.surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(&w, created);
	w.cr = cairo_create(w.surface);
	render(&w);
	cairo_destroy(w.cr);
	free(w.frame);
	cairo_surface_finish(w.surface);
	st = cairo_surface_status(w.surface);
	cairo_surface_destroy(w.surface);
	g_object_unref(w.lay);
	if (st != CAIRO_STATUS_SUCCESS && out.err == 0)
		err = util_printf("%s: %s", path, cairo_status_to_string(st));
	return util_out_commit(&out, err);
}
