/* html.c - the HTML backend: a document as one self-contained page. The grid
 * is a table (thead with th scope, rowspan/colspan from the merges), lines of
 * text are rows of runs placed by their share of the width; print CSS gives
 * the PDF's A4 pages (named @page rules for the letter and the table, the
 * header repeated on every page through thead, page numbers in Bengali
 * digits). No script, no fonts or styles fetched: the font is named by
 * family and found on the reader's system. Also the index of a batch run. */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bn.h"
#include "util.h"
#include "value.h"

/* ---- escaping ---- */

/* s as HTML text or attribute value: & < > " ' escaped. */
static void esc(buf *b, const char *s)
{
	const char *p;

	for (p = s ? s : ""; *p; p++)
		switch (*p) {
		case '&': buf_add(b, "&amp;"); break;
		case '<': buf_add(b, "&lt;"); break;
		case '>': buf_add(b, "&gt;"); break;
		case '"': buf_add(b, "&quot;"); break;
		case '\'': buf_add(b, "&#39;"); break;
		default: buf_addn(b, p, 1);
		}
}

/* s as a CSS string: every ASCII character but letters, digits and spaces
 * hex-escaped, so nothing can end the string or the style element. */
static void css_string(buf *b, const char *s)
{
	const unsigned char *p;

	buf_add(b, "\"");
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || *p == ' ' || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			buf_addn(b, (const char *)p, 1);
		else
			buf_addf(b, "\\%x ", *p);
	}
	buf_add(b, "\"");
}

/* Only web addresses become links: a data file's evidence link could be
 * "javascript:", and the page runs no script. */
static int web_url(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

/* A relative path in an href: bytes other than unreserved ones and '/'
 * percent-encoded. */
static void esc_path(buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || strchr("-._~/", *p))
			buf_addn(b, (const char *)p, 1);
		else
			buf_addf(b, "%%%02X", *p);
	}
}

/* ---- the style sheet ---- */

/* Type size (points, as in the PDF) and weight of each text style. */
static const struct {
	double size;
	int bold;
} style[DOC_NSTYLES] = {
	[DOC_S_TITLE] = { 12, 1 },  [DOC_S_NOTE] = { 8, 0 },   [DOC_S_SIGN] = { 9, 0 },
	[DOC_S_HEAD] = { 12, 1 },   [DOC_S_LETTER] = { 11, 0 }, [DOC_S_LETTER_SMALL] = { 10, 0 },
	[DOC_S_LETTER_BOLD] = { 11, 1 },
};

/* Cells as in the PDF: 3 pt of padding inside borders drawn on the cell's
 * edge (a collapsed border takes half its width inside each cell), rows at
 * least 17 pt; a row is not split by a page break, but a merged region
 * may be (so that it is not pushed whole onto the next page). Page
 * geometry as in the PDF: A4, the letter and portrait tables with 56 pt
 * side margins and the text from 48 pt, landscape tables with 28 pt
 * margins; 32 pt at the foot for the page number. */
static const char sheet_css[] =
	":root{--pt:1.25pt}\n"
	"@media print{:root{--pt:1pt}}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0;padding:12px;color:#000;background:#fff}\n"
	"main>section{margin:0 auto 3em}\n"
	".letter{max-width:44em}\n"
	".ln{display:flex}\n"
	".ln+.ln{padding-top:1pt}\n"
	".ln>*{margin:0;flex:none;font-weight:normal;white-space:pre-line;overflow-wrap:break-word}\n"
	".k{break-after:avoid}\n"
	".l{text-align:left}.c{text-align:center}.r{text-align:right}\n"
	".titles{margin-bottom:9pt}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;table-layout:fixed;width:100%;font-size:calc(8*var(--pt))}\n"
	"@media screen{table{min-width:var(--w);table-layout:auto}th,td{overflow-wrap:normal}}\n"
	"th,td{border:0.5pt solid #000;padding:calc(3*var(--pt) - 0.25pt);height:calc(11*var(--pt));"
	"vertical-align:middle;font-weight:normal;white-space:pre-line;overflow-wrap:break-word}\n"
	"td,th{break-inside:avoid}td[rowspan],th[rowspan]{break-inside:auto}\n"
	"th.b,td.b{font-weight:bold}\n"
	"a{color:#009}\n"
	".letter{page:port}.port{page:port}.land{page:land}\n"
	"@page port{size:A4 portrait;margin:48pt 56pt 32pt}\n"
	"@page land{size:A4 landscape;margin:28pt 28pt 32pt}\n"
	"@media print{body{padding:0}main>section{margin:0;max-width:none}"
	".scroll{overflow:visible}main>section+section{break-before:page}}\n";

static void page_css(buf *b, const doc *d)
{
	int s;

	buf_add(b, "<style>\n");
	buf_add(b, "html{font-family:");
	css_string(b, d->font);
	buf_add(b, ",sans-serif}\n");
	buf_add(b, sheet_css);
	for (s = 0; s < DOC_NSTYLES; s++)
		buf_addf(b, ".s%d{font-size:calc(%g*var(--pt))%s}\n", s, style[s].size,
			 style[s].bold ? ";font-weight:bold" : "");
	buf_add(b, "@page{size:A4;@bottom-center{content:\"পৃষ্ঠা \" counter(page, bengali) "
		   "\"/\" counter(pages, bengali);font-size:8pt;font-family:");
	css_string(b, d->font);
	buf_add(b, ",sans-serif}}\n</style>\n");
}

/* ---- lines of text ---- */

static const char align_class[] = { [DOC_LEFT] = 'l', [DOC_CENTER] = 'c', [DOC_RIGHT] = 'r' };

/* One run: its share of the width, after the space left by the run before
 * it (which ended at *at, a share of the same whole). */
static void put_run(buf *b, const doc_run *r, double *at)
{
	const char *tag = r->style == DOC_S_TITLE ? "h1" : "p";
	double from = (double)r->from / r->of, to = (double)r->to / r->of;

	buf_addf(b, "<%s class=\"s%d %c\" style=\"", tag, (int)r->style, align_class[r->align]);
	if (from - *at > 1e-9)
		buf_addf(b, "margin-left:%.4g%%;", 100 * (from - *at));
	buf_addf(b, "width:%.4g%%\">", 100 * (to - from));
	esc(b, r->text);
	buf_addf(b, "</%s>", tag);
	*at = to;
}

/* Lines one under the other, each gap points below the line before; a kept
 * line is not parted from the next by a page break. */
static void put_lines(buf *b, const doc_lines *v)
{
	size_t i, k;

	for (i = 0; i < v->n; i++) {
		const doc_line *l = &v->v[i];
		double at = 0;

		buf_addf(b, "<div class=\"ln%s\"", l->keep ? " k" : "");
		if (l->gap > 0)
			buf_addf(b, " style=\"margin-top:%gpt\"", l->gap);
		buf_add(b, ">");
		for (k = 0; k < l->nrun; k++)
			put_run(b, &l->run[k], &at);
		buf_add(b, "</div>\n");
	}
}

/* ---- the grid ---- */

/* What a cell holds; a date also as an ISO date for machines. */
static void cell_content(buf *b, const doc_cell *x)
{
	if (x->kind == DOC_LINK && web_url(x->url)) {
		buf_add(b, "<a href=\"");
		esc(b, x->url);
		buf_add(b, "\">");
		esc(b, x->text);
		buf_add(b, "</a>");
	} else if (x->kind == DOC_DATE) {
		bn_date g = bn_from_days((long)x->value) /* a whole day number */;

		buf_addf(b, "<time datetime=\"%04d-%02d-%02d\">", g.y, g.m, g.d);
		esc(b, x->text);
		buf_add(b, "</time>");
	} else
		esc(b, x->text);
}

/* One cell at (r, c): th in the header rows (and for head cells in the
 * body), td elsewhere; spans kept inside the row group and the printed
 * columns. */
static void put_cell(buf *b, const doc *d, int r, int c, int last_row)
{
	const doc_cell *x = doc_at(d, r, c);
	int head = r < d->header_rows, th = head || x->role == DOC_HEAD;
	int rows = x->rowspan < last_row - r + 1 ? x->rowspan : last_row - r + 1;
	int cols = x->colspan < d->ncols - c ? x->colspan : d->ncols - c;
	long fill = doc_fill(x);

	buf_addf(b, "<%s", th ? "th" : "td");
	if (th)
		buf_addf(b, " scope=\"%s\"", !head ? "row" : cols > 1 ? "colgroup" : "col");
	if (rows > 1)
		buf_addf(b, " rowspan=\"%d\"", rows);
	if (cols > 1)
		buf_addf(b, " colspan=\"%d\"", cols);
	buf_addf(b, " class=\"%c%s\"", align_class[x->align], x->bold ? " b" : "");
	if (fill >= 0)
		buf_addf(b, " style=\"background:#%06lx\"", (unsigned long)fill);
	if (x->kind == DOC_NUMBER || x->kind == DOC_PERCENT) /* the number itself, for machines */
		buf_addf(b, " data-value=\"%.15g\"", x->value);
	buf_add(b, ">");
	cell_content(b, x);
	buf_addf(b, "</%s>", th ? "th" : "td");
}

/* Rows [first, last] of the grid, the printed columns only (never the
 * helper columns); a row kept with the next is not parted from it. */
static void put_rows(buf *b, const doc *d, int first, int last)
{
	int r, c;

	for (r = first; r <= last; r++) {
		buf_add(b, r < last && d->keep_with_next[r] != DOC_KEEP_NONE ? "<tr class=\"k\">" : "<tr>");
		for (c = 0; c < d->ncols; c++)
			if (!doc_at(d, r, c)->covered)
				put_cell(b, d, r, c, last);
		buf_add(b, "</tr>\n");
	}
}

/* The table: column widths as shares of the printed columns (on a screen
 * the table is at least as wide as their characters, and scrolls). */
static void put_grid(buf *b, const doc *d)
{
	double sum = 0;
	int c;

	for (c = 0; c < d->ncols; c++)
		sum += d->width[c];
	buf_addf(b, "<div class=\"scroll\"><table style=\"--w:%.4gch\">\n<colgroup>", sum);
	for (c = 0; c < d->ncols; c++)
		buf_addf(b, "<col style=\"width:%.4g%%\">", sum > 0 ? 100 * d->width[c] / sum : 0);
	buf_add(b, "</colgroup>\n");
	if (d->header_rows > 0) {
		buf_add(b, "<thead>\n");
		put_rows(b, d, 0, d->header_rows - 1);
		buf_add(b, "</thead>\n");
	}
	if (d->nrows > d->header_rows) {
		buf_add(b, "<tbody>\n");
		put_rows(b, d, d->header_rows, d->nrows - 1);
		buf_add(b, "</tbody>\n");
	}
	buf_add(b, "</table></div>\n");
}

/* ---- the page ---- */

/* A table with its titles above and its footnotes and signatures below. */
static void put_sheet(buf *b, const doc *d)
{
	buf_addf(b, "<section class=\"sheet %s\" aria-label=\"", d->landscape ? "land" : "port");
	esc(b, d->sheet_name);
	buf_add(b, "\">\n");
	if (d->titles.n) {
		buf_add(b, "<header class=\"titles\">\n");
		put_lines(b, &d->titles);
		buf_add(b, "</header>\n");
	}
	if (d->ncols > 0)
		put_grid(b, d);
	if (d->tail.n) {
		buf_add(b, "<footer>\n");
		put_lines(b, &d->tail);
		buf_add(b, "</footer>\n");
	}
	buf_add(b, "</section>\n");
}

static void put_meta(buf *b, const char *name, const char *content)
{
	if (content == NULL || content[0] == '\0')
		return;
	buf_addf(b, "<meta name=\"%s\" content=\"", name);
	esc(b, content);
	buf_add(b, "\">\n");
}

static void put_head(buf *b, const doc *d, long long created)
{
	time_t t = (time_t)created;
	struct tm tm;
	char date[32];

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_add(b, "<!DOCTYPE html>\n<html lang=\"bn\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(b, d->title);
	buf_add(b, "</title>\n");
	put_meta(b, "author", d->author);
	put_meta(b, "description", d->subject);
	put_meta(b, "generator", "annexc");
	put_meta(b, "dcterms.created", date);
	page_css(b, d);
	buf_add(b, "</head>\n");
}

/* Writes a finished page through the checked output path. */
static char *write_page(const char *path, buf *b)
{
	util_out out;
	char *err;

	if ((err = util_out_open(&out, path)) != NULL)
		return err;
	util_out_write(&out, b->s, b->len);
	return util_out_commit(&out, NULL);
}

char *html_write(const doc *d, const char *path, long long created)
{
	buf b = { 0 };
	const doc *s;
	char *err;

	put_head(&b, d, created);
	buf_add(&b, "<body>\n<main>\n");
	if (d->has_letter) {
		buf_add(&b, "<section class=\"letter\" aria-label=\"");
		esc(&b, d->letter_name);
		buf_add(&b, "\">\n");
		put_lines(&b, &d->letter);
		buf_add(&b, "</section>\n");
	}
	for (s = d; s; s = s->next)
		put_sheet(&b, s);
	buf_add(&b, "</main>\n</body>\n</html>\n");
	err = write_page(path, &b);
	buf_free(&b);
	return err;
}

/* ---- the index of a batch run ---- */

struct html_index {
	util_out out;
	char *outdir;
	size_t n;
};

static const char index_css[] =
	"body{margin:0;padding:12px;font-family:\"Noto Sans Bengali\",sans-serif}\n"
	"h1{font-size:1.3em}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse}\n"
	"th,td{border:1px solid #000;padding:4px 6px;vertical-align:top}\n"
	"th{background:#e6e6e6;text-align:center}\n"
	"td.n{text-align:right}\n"
	"thead{display:table-header-group}tr{break-inside:avoid}\n"
	"a{color:#009;margin-right:0.6em}\n"
	"@page{size:A4 landscape;margin:28pt}\n";

/* The column heads of the index. */
static const char *const index_head[] = { "ক্রম", "কার্যালয়", "অর্জিত মান", "সর্বোচ্চ মান", "শতাংশ", "গ্রেড",
					  "অবস্থা", "প্রতিবেদন" };

html_index *html_index_open(const char *path, const char *outdir, char **err)
{
	html_index *ix = util_alloc(sizeof *ix);
	buf b = { 0 };
	size_t i;

	if ((*err = util_out_open(&ix->out, path)) != NULL) {
		free(ix);
		return NULL;
	}
	ix->outdir = util_strdup(outdir);
	ix->n = 0;
	buf_add(&b, "<!DOCTYPE html>\n<html lang=\"bn\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>annexc: ");
	esc(&b, outdir);
	buf_addf(&b, "</title>\n<meta name=\"generator\" content=\"annexc\">\n<style>\n%s</style>\n</head>\n"
		     "<body>\n<main>\n<h1>", index_css);
	esc(&b, outdir);
	buf_add(&b, "</h1>\n<div class=\"scroll\"><table>\n<thead><tr>");
	for (i = 0; i < sizeof index_head / sizeof *index_head; i++)
		buf_addf(&b, "<th scope=\"col\">%s</th>", index_head[i]);
	buf_add(&b, "</tr></thead>\n<tbody>\n");
	util_out_write(&ix->out, b.s, b.len);
	buf_free(&b);
	return ix;
}

static const char *rec_str(const json_t *rec, const char *key)
{
	const char *s = json_string_value(json_object_get(rec, key));

	return s ? s : "";
}

/* A number in Bengali digits with at most two decimals, then suffix. */
static void bn_number(buf *b, double v, const char *suffix)
{
	char *d = value_decimals(v);

	buf_add(b, d);
	buf_add(b, suffix);
	free(d);
}

/* Links to an office's outputs, relative to the index (which is in OUTDIR). */
static void output_links(buf *b, const html_index *ix, const json_t *rec)
{
	const json_t *o;
	size_t i, n = strlen(ix->outdir);

	json_array_foreach(json_object_get(rec, "outputs"), i, o) {
		const char *p = json_string_value(o), *dot;

		if (p == NULL)
			continue;
		if (strncmp(p, ix->outdir, n) == 0)
			p += n;
		while (*p == '/')
			p++;
		dot = strrchr(p, '.');
		buf_add(b, "<a href=\"");
		esc_path(b, p);
		buf_add(b, "\">");
		esc(b, dot ? dot + 1 : p);
		buf_add(b, "</a>");
	}
}

void html_index_add(html_index *ix, const json_t *rec)
{
	buf b = { 0 };
	const json_t *score = json_object_get(rec, "score");
	double max = json_number_value(json_object_get(rec, "max")), pct;

	if (ix == NULL)
		return;
	ix->n++;
	buf_add(&b, "<tr><td class=\"n\">");
	bn_number(&b, (double)ix->n, "");
	buf_add(&b, "</td><th scope=\"row\">");
	esc(&b, json_object_get(rec, "office") ? rec_str(rec, "office") : rec_str(rec, "name"));
	buf_add(&b, "<br><small>");
	esc(&b, rec_str(rec, "input"));
	buf_add(&b, "</small></th>");
	if (json_is_number(score)) {
		pct = max > 0 ? 100 * json_number_value(score) / max : 0;
		buf_add(&b, "<td class=\"n\">");
		bn_number(&b, json_number_value(score), "</td><td class=\"n\">");
		bn_number(&b, max, "</td><td class=\"n\">");
		bn_number(&b, pct, "%</td><td>");
		esc(&b, json_is_string(json_object_get(rec, "grade")) ? rec_str(rec, "grade") : "—");
		buf_add(&b, "</td>");
	} else
		buf_add(&b, "<td></td><td></td><td></td><td></td>");
	buf_add(&b, "<td>");
	esc(&b, rec_str(rec, "status"));
	buf_add(&b, "</td><td>");
	output_links(&b, ix, rec);
	buf_add(&b, "</td></tr>\n");
	util_out_write(&ix->out, b.s, b.len);
	buf_free(&b);
}

char *html_index_close(html_index *ix)
{
	static const char end[] = "</tbody>\n</table></div>\n</main>\n</body>\n</html>\n";
	char *err;

	if (ix == NULL)
		return NULL;
	util_out_write(&ix->out, end, sizeof end - 1);
	err = util_out_commit(&ix->out, NULL);
	free(ix->outdir);
	free(ix);
	return err;
}
