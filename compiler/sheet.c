/* sheet.c - a filled data-entry workbook read back: the package with libzip
 * (sizes checked before anything is inflated), the workbook, its relations,
 * shared strings and sheets with libxml2's streaming reader, then the cells
 * of the form (form.h) turned into a data document that data.c reads like
 * any data file. Every problem names FILE.xlsx:SHEET!CELL. */
#include "sheet.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "bn.h"
#include "form.h"
#include "util.h"

/* Bounds: the file, any one part inflated, all parts together, the rows
 * and columns of a sheet that may hold values, the shared strings. */
#define MAX_FILE (32L << 20)
#define MAX_PART (48UL << 20)
#define MAX_TOTAL (128UL << 20)
#define MAX_ROWS 20000
#define MAX_COLS 512
#define MAX_STRINGS 1000000

/* One cell with a value: its text as stored, and whether it is a number. */
struct cell {
	int row, col;
	char *text;
	char type; /* 'n' number, 's' text, 'b' boolean, 'e' error */
};

struct sheet {
	char *name;
	char *part; /* "xl/worksheets/sheet1.xml" */
	struct cell *c;
	size_t n, cap;
};

struct sheet_book {
	char *file;
	zip_t *zip;
	zip_source_t *src;
	char *data;
	struct sheet *sh;
	size_t nsh, capsh;
	char **str;
	size_t nstr, capstr;
	char *meta[5]; /* format, template, version, quarter, checksum */
	diag_list *dl;
	int failed;
};

static void berr(sheet_book *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void berr(sheet_book *b, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(b->dl, DIAG_ERROR, DIAG_DATA, b->file, 0, "%s", m);
	free(m);
	b->failed = 1;
}

/* "F7" for 0-based row 6, column 5. */
static void cell_ref(char *out, int row, int col)
{
	char letters[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = letters[n - 1 - i];
	sprintf(out + n, "%d", row + 1);
}

/* "FILE.xlsx:SHEET!F7"; malloc'd. */
static char *cell_name(const sheet_book *b, const char *sheet, int row, int col)
{
	char ref[32];

	cell_ref(ref, row, col);
	return util_printf("%s:%s!%s", b->file, sheet, ref);
}

static void cerr(sheet_book *b, const char *sheet, int row, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void cerr(sheet_book *b, const char *sheet, int row, int col, const char *fmt, ...)
{
	va_list ap;
	char *m, *at = cell_name(b, sheet, row, col);

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(b->dl, DIAG_ERROR, DIAG_DATA, at, 0, "%s", m);
	free(m);
	free(at);
	b->failed = 1;
}

/* ---- the package ---- */

/* Part name's bytes, inflated after its size was checked; NULL when absent
 * (*len 0) or with an error. */
static char *read_part(sheet_book *b, const char *name, size_t *len, size_t *total)
{
	zip_int64_t i = zip_name_locate(b->zip, name, 0);
	zip_stat_t st;
	zip_file_t *f;
	char *s, extra;
	zip_int64_t got = 0, r;

	*len = 0;
	if (i < 0)
		return NULL;
	zip_stat_init(&st);
	if (zip_stat_index(b->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		berr(b, "part %s of the workbook cannot be read", name);
		return NULL;
	}
	if (st.size > MAX_PART || *total + st.size > MAX_TOTAL) {
		berr(b, "part %s of the workbook is too large (%llu bytes unpacked; at most %lu MiB a part, %lu MiB in all)",
		     name, (unsigned long long)st.size, MAX_PART >> 20, MAX_TOTAL >> 20);
		return NULL;
	}
	if ((f = zip_fopen_index(b->zip, (zip_uint64_t)i, 0)) == NULL) {
		berr(b, "part %s of the workbook cannot be read (damaged or encrypted)", name);
		return NULL;
	}
	s = util_alloc((size_t)st.size + 1);
	while ((zip_uint64_t)got < st.size && (r = zip_fread(f, s + got, st.size - (zip_uint64_t)got)) > 0)
		got += r;
	if ((zip_uint64_t)got != st.size || zip_fread(f, &extra, 1) != 0) {
		berr(b, "part %s of the workbook is damaged (its size is not the one recorded)", name);
		zip_fclose(f);
		free(s);
		return NULL;
	}
	zip_fclose(f);
	s[got] = '\0';
	*len = (size_t)got;
	*total += st.size;
	return s;
}

/* libxml2's own messages are not shown: a broken part is reported as ours. */
static void quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static xmlTextReaderPtr reader_for(const char *s, size_t len)
{
	xmlTextReaderPtr r = xmlReaderForMemory(s, (int)len, NULL, "UTF-8",
						XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (r)
		xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
	return r;
}

static int is_elem(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       xmlStrcmp(xmlTextReaderConstLocalName(r), BAD_CAST local) == 0;
}

static int is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       xmlStrcmp(xmlTextReaderConstLocalName(r), BAD_CAST local) == 0;
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
	char *s = v ? util_strdup((char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* An attribute in a namespace by local name (r:id). */
static char *attr_local(xmlTextReaderPtr r, const char *local)
{
	char *s = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) == 1)
		do {
			if (xmlStrcmp(xmlTextReaderConstLocalName(r), BAD_CAST local) == 0 &&
			    xmlTextReaderConstPrefix(r) != NULL)
				s = util_strdup((const char *)xmlTextReaderConstValue(r));
		} while (s == NULL && xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return s;
}

/* Finishes a reader: nonzero when the XML was broken. */
static int reader_done(xmlTextReaderPtr r, int rc)
{
	xmlFreeTextReader(r);
	return rc < 0;
}

/* The sheets named in xl/workbook.xml, with their parts from the relations. */
static void read_workbook(sheet_book *b, size_t *total)
{
	size_t len, rlen, i;
	char *wb = read_part(b, "xl/workbook.xml", &len, total), *rels;
	char **rid = NULL;
	size_t caprid = 0;
	xmlTextReaderPtr r;
	int rc;

	if (wb == NULL) {
		if (!b->failed)
			berr(b, "not a workbook: it has no xl/workbook.xml");
		return;
	}
	r = reader_for(wb, len);
	while (r && (rc = xmlTextReaderRead(r)) == 1)
		if (is_elem(r, "sheet") && b->nsh < 64) {
			util_grow(&b->sh, &b->capsh, b->nsh, sizeof *b->sh);
			util_grow(&rid, &caprid, b->nsh, sizeof *rid);
			memset(&b->sh[b->nsh], 0, sizeof *b->sh);
			b->sh[b->nsh].name = attr(r, "name");
			rid[b->nsh++] = attr_local(r, "id");
		}
	if (r == NULL || reader_done(r, rc))
		berr(b, "xl/workbook.xml is not well-formed XML");
	free(wb);
	rels = read_part(b, "xl/_rels/workbook.xml.rels", &rlen, total);
	r = rels ? reader_for(rels, rlen) : NULL;
	while (r && (rc = xmlTextReaderRead(r)) == 1)
		if (is_elem(r, "Relationship")) {
			char *id = attr(r, "Id"), *target = attr(r, "Target");

			for (i = 0; id && target && i < b->nsh; i++)
				if (rid[i] && strcmp(rid[i], id) == 0 && b->sh[i].part == NULL)
					b->sh[i].part = target[0] == '/' ? util_strdup(target + 1) :
									   util_printf("xl/%s", target);
			free(id);
			free(target);
		}
	if (r)
		reader_done(r, 0);
	free(rels);
	for (i = 0; i < b->nsh; i++)
		free(rid[i]);
	free(rid);
}

/* The text of the element the reader is on (its <t> descendants, not phonetic runs). */
static char *string_item(xmlTextReaderPtr r, const char *end)
{
	buf t = { 0 };
	int in_t = 0, in_ph = 0;

	if (xmlTextReaderIsEmptyElement(r))
		return util_strdup("");
	while (xmlTextReaderRead(r) == 1 && !is_end(r, end)) {
		if (is_elem(r, "rPh"))
			in_ph = !xmlTextReaderIsEmptyElement(r);
		else if (is_end(r, "rPh"))
			in_ph = 0;
		else if (is_elem(r, "t"))
			in_t = !xmlTextReaderIsEmptyElement(r);
		else if (is_end(r, "t"))
			in_t = 0;
		else if (in_t && !in_ph && (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT ||
					     xmlTextReaderNodeType(r) == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
			buf_add(&t, (const char *)xmlTextReaderConstValue(r));
	}
	return t.s ? buf_take(&t) : util_strdup("");
}

static void read_strings(sheet_book *b, size_t *total)
{
	size_t len;
	char *s = read_part(b, "xl/sharedStrings.xml", &len, total);
	xmlTextReaderPtr r;
	int rc = 0;

	if (s == NULL)
		return;
	r = reader_for(s, len);
	while (r && (rc = xmlTextReaderRead(r)) == 1)
		if (is_elem(r, "si")) {
			if (b->nstr >= MAX_STRINGS) {
				berr(b, "the workbook has more than %d shared strings", MAX_STRINGS);
				break;
			}
			util_grow(&b->str, &b->capstr, b->nstr, sizeof *b->str);
			b->str[b->nstr++] = string_item(r, "si");
		}
	if (r == NULL || reader_done(r, rc))
		berr(b, "xl/sharedStrings.xml is not well-formed XML");
	free(s);
}

/* The text inside <v>…</v>. */
static char *string_item_v(xmlTextReaderPtr r)
{
	buf t = { 0 };

	if (xmlTextReaderIsEmptyElement(r))
		return util_strdup("");
	while (xmlTextReaderRead(r) == 1 && !is_end(r, "v"))
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT ||
		    xmlTextReaderNodeType(r) == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			buf_add(&t, (const char *)xmlTextReaderConstValue(r));
	return t.s ? buf_take(&t) : util_strdup("");
}

/* "F7" into 0-based row and column; 0 on success. */
static int parse_ref(const char *s, int *row, int *col)
{
	long c = 0, rw = 0;

	if (s == NULL)
		return -1;
	for (; *s >= 'A' && *s <= 'Z' && c < 100000; s++)
		c = c * 26 + (*s - 'A' + 1);
	for (; *s >= '0' && *s <= '9' && rw < 10000000; s++)
		rw = rw * 10 + (*s - '0');
	if (*s || c == 0 || rw == 0)
		return -1;
	*row = (int)(rw - 1);
	*col = (int)(c - 1);
	return 0;
}

/* One <c>: its value from <v> (a shared-string index for t="s") or <is>. */
static void read_cell(sheet_book *b, struct sheet *sh, xmlTextReaderPtr r, int row, int col)
{
	char *t = attr(r, "t"), *v = NULL;
	struct cell *c;

	if (!xmlTextReaderIsEmptyElement(r))
		while (xmlTextReaderRead(r) == 1 && !is_end(r, "c")) {
			if (is_elem(r, "v") && v == NULL)
				v = string_item_v(r);
			else if (is_elem(r, "is") && v == NULL)
				v = string_item(r, "is");
		}
	if (v == NULL) {
		free(t);
		return;
	}
	if (row >= MAX_ROWS || col >= MAX_COLS) {
		if (!b->failed)
			cerr(b, sh->name, row, col, "a value outside the form (a sheet may have %d rows and %d columns)",
			     MAX_ROWS, MAX_COLS);
		free(v);
		free(t);
		return;
	}
	util_grow(&sh->c, &sh->cap, sh->n, sizeof *sh->c);
	c = &sh->c[sh->n++];
	c->row = row;
	c->col = col;
	c->type = 'n';
	if (t && strcmp(t, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);

		c->type = 's';
		c->text = util_strdup(*end == '\0' && i >= 0 && (size_t)i < b->nstr ? b->str[i] : "");
		if (!(*end == '\0' && i >= 0 && (size_t)i < b->nstr))
			cerr(b, sh->name, row, col, "refers to shared string %s, which the workbook lacks", v);
		free(v);
	} else {
		if (t && (strcmp(t, "str") == 0 || strcmp(t, "inlineStr") == 0 || strcmp(t, "d") == 0))
			c->type = 's';
		else if (t && strcmp(t, "b") == 0)
			c->type = 'b';
		else if (t && strcmp(t, "e") == 0)
			c->type = 'e';
		c->text = v;
		if (t && strcmp(t, "d") == 0)
			v[strcspn(v, "T")] = '\0';
	}
	free(t);
}

/* Every cell with a value of one sheet; rows and cells without r= follow the one before. */
static void read_sheet(sheet_book *b, struct sheet *sh, size_t *total)
{
	size_t len;
	char *s = read_part(b, sh->part, &len, total), *ref;
	xmlTextReaderPtr r;
	int rc = 0, row = -1, col = -1;

	if (s == NULL) {
		if (!b->failed)
			berr(b, "sheet '%s' has no part %s", sh->name, sh->part);
		return;
	}
	r = reader_for(s, len);
	while (r && !b->failed && (rc = xmlTextReaderRead(r)) == 1) {
		if (is_elem(r, "row")) {
			char *rs = attr(r, "r");
			long n = rs ? strtol(rs, NULL, 10) : row + 2;

			row = n >= 1 && n <= 1048576 ? (int)n - 1 : row + 1;
			col = -1;
			free(rs);
		} else if (is_elem(r, "c")) {
			ref = attr(r, "r");
			if (ref == NULL || parse_ref(ref, &row, &col) != 0)
				col++;
			free(ref);
			read_cell(b, sh, r, row < 0 ? 0 : row, col);
		}
	}
	if (r == NULL || reader_done(r, rc))
		berr(b, "sheet '%s' is not well-formed XML", sh->name);
	free(s);
}

static struct sheet *find_sheet(sheet_book *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nsh; i++)
		if (b->sh[i].name && strcmp(b->sh[i].name, name) == 0)
			return &b->sh[i];
	return NULL;
}

/* Cells are looked up by position: sort them once. */
static int cmp_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	return x->row != y->row ? (x->row < y->row ? -1 : 1) : (x->col > y->col) - (x->col < y->col);
}

static const struct cell *cell_at(const struct sheet *sh, int row, int col)
{
	struct cell key;

	if (sh == NULL || sh->n == 0)
		return NULL;
	key.row = row;
	key.col = col;
	return bsearch(&key, sh->c, sh->n, sizeof *sh->c, cmp_cell);
}

static const char *text_at(const struct sheet *sh, int row, int col)
{
	const struct cell *c = cell_at(sh, row, col);

	return c ? c->text : "";
}

static void read_meta(sheet_book *b)
{
	static const char *keys[] = { "format", "template", "version", "quarter", "checksum" };
	struct sheet *m = find_sheet(b, FORM_SHEET_META);
	int i;

	if (m == NULL) {
		berr(b, "not a form made by annexc form: it has no sheet '%s'", FORM_SHEET_META);
		return;
	}
	for (i = 0; i < 5; i++) {
		if (strcmp(text_at(m, i, 0), keys[i]) != 0 || *text_at(m, i, 1) == '\0') {
			cerr(b, m->name, i, 1, "the form's %s is missing (the sheet '%s' was changed)", keys[i],
			     FORM_SHEET_META);
			return;
		}
		b->meta[i] = util_strdup(text_at(m, i, 1));
	}
	if (strcmp(b->meta[0], FORM_FORMAT) != 0)
		cerr(b, m->name, 0, 1, "a form of another kind ('%s'; this annexc reads '%s')", b->meta[0], FORM_FORMAT);
}

/* Every part's recorded size, before anything is inflated. */
static int sizes_ok(sheet_book *b)
{
	zip_int64_t n = zip_get_num_entries(b->zip, 0), i;
	zip_uint64_t sum = 0;
	zip_stat_t st;

	if (n > 10000) {
		berr(b, "the workbook has %lld parts (at most 10000)", (long long)n);
		return 0;
	}
	for (i = 0; i < n; i++) {
		zip_stat_init(&st);
		if (zip_stat_index(b->zip, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
			sum += st.size;
		if (sum > (zip_uint64_t)MAX_TOTAL * 4) {
			berr(b, "the workbook unpacks to more than %lu MiB", (MAX_TOTAL * 4) >> 20);
			return 0;
		}
	}
	return 1;
}

static sheet_book *open_zip(sheet_book *b, const void *data, size_t len)
{
	zip_error_t ze;
	size_t total = 0, i;

	zip_error_init(&ze);
	if ((b->src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (b->zip = zip_open_from_source(b->src, ZIP_RDONLY, &ze)) == NULL) {
		berr(b, "not a workbook (not a readable zip package)");
		zip_error_fini(&ze);
		return b;
	}
	zip_error_fini(&ze);
	if (!sizes_ok(b))
		return b;
	read_workbook(b, &total);
	read_strings(b, &total);
	for (i = 0; !b->failed && i < b->nsh; i++)
		if (b->sh[i].part)
			read_sheet(b, &b->sh[i], &total);
	for (i = 0; i < b->nsh; i++)
		if (b->sh[i].n > 1)
			qsort(b->sh[i].c, b->sh[i].n, sizeof *b->sh[i].c, cmp_cell);
	if (!b->failed)
		read_meta(b);
	return b;
}

sheet_book *sheet_open_mem(const char *name, const void *data, size_t len, diag_list *dl)
{
	sheet_book *b = util_alloc(sizeof *b);

	memset(b, 0, sizeof *b);
	b->file = util_strdup(name);
	b->dl = dl;
	open_zip(b, data, len);
	if (b->failed) {
		sheet_close(b);
		return NULL;
	}
	return b;
}

int sheet_is_workbook(const char *file)
{
	FILE *fp = fopen(file, "rb");
	char head[4] = { 0 };
	size_t n;

	if (fp == NULL)
		return 0;
	n = fread(head, 1, 4, fp);
	fclose(fp);
	return n == 4 && memcmp(head, "PK\003\004", 4) == 0;
}

sheet_book *sheet_open(const char *file, diag_list *dl)
{
	FILE *fp = fopen(file, "rb");
	sheet_book *b;
	char *data;
	long n;

	if (fp == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || n > MAX_FILE || fseek(fp, 0, SEEK_SET) != 0) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, 0, "the workbook is larger than %ld MiB", MAX_FILE >> 20);
		fclose(fp);
		return NULL;
	}
	data = util_alloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, fp) != (size_t)n) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read: %s", strerror(errno));
		fclose(fp);
		free(data);
		return NULL;
	}
	fclose(fp);
	b = util_alloc(sizeof *b);
	memset(b, 0, sizeof *b);
	b->file = util_strdup(file);
	b->dl = dl;
	b->data = data;
	open_zip(b, data, (size_t)n);
	if (b->failed) {
		sheet_close(b);
		return NULL;
	}
	return b;
}

const char *sheet_template_id(const sheet_book *b)
{
	return b->meta[1];
}

void sheet_close(sheet_book *b)
{
	size_t i, k;

	if (b == NULL)
		return;
	if (b->zip)
		zip_discard(b->zip);
	else if (b->src)
		zip_source_free(b->src);
	for (i = 0; i < b->nsh; i++) {
		for (k = 0; k < b->sh[i].n; k++)
			free(b->sh[i].c[k].text);
		free(b->sh[i].c);
		free(b->sh[i].name);
		free(b->sh[i].part);
	}
	free(b->sh);
	util_free_strv(b->str, b->nstr);
	for (i = 0; i < 5; i++)
		free(b->meta[i]);
	free(b->file);
	free(b->data);
	free(b);
}

/* ---- the form's cells as a data document ---- */

struct fr {
	sheet_book *b;
	const model_template *t;
	struct sheet *main, *info;
	form_layout f;
	data_build d;
	diag_list *dl;
};

/* A number as stored ("94.63", "1E-3") as plain decimal text. */
static char *plain_number(const char *s)
{
	char *end, *out;
	double v = strtod(s, &end);
	size_t n;

	if (end == s || *end != '\0' || !isfinite(v))
		return util_strdup(s);
	out = util_printf("%.15g", v);
	if (strchr(out, 'e')) {
		free(out);
		out = util_printf("%.12f", v);
		for (n = strlen(out); n > 1 && out[n - 1] == '0'; n--)
			out[n - 1] = '\0';
		if (out[strlen(out) - 1] == '.')
			out[strlen(out) - 1] = '\0';
	}
	return out;
}

/* The text a cell gives for the data language: dates (serials) as
 * dd/mm/yyyy where is_date, other numbers as decimals, booleans as yes/no;
 * NULL when empty. */
static char *cell_text(struct fr *r, const struct sheet *sh, int row, int col, int is_date)
{
	const struct cell *c = cell_at(sh, row, col);
	char *s;

	if (c == NULL)
		return NULL;
	if (c->type == 'e') {
		cerr(r->b, sh->name, row, col, "the cell shows an error (%s), not a value", c->text);
		return NULL;
	}
	if (c->type == 'b')
		return util_strdup(strcmp(c->text, "1") == 0 ? "yes" : "no");
	if (c->type == 'n' && is_date) {
		double v = strtod(c->text, NULL);
		bn_date d;

		if (!isfinite(v) || v < 1 || v > 2958465) {
			cerr(r->b, sh->name, row, col, "'%s' is not a date", c->text);
			return NULL;
		}
		d = bn_from_days(form_days(v));
		return util_printf("%02d/%02d/%04d", d.d, d.m, d.y);
	}
	s = c->type == 'n' ? plain_number(c->text) : util_strdup(c->text);
	util_trim(s);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Finds or makes the child of p named seg ("signatory#2": the second). */
static xmlNodePtr child_of(xmlNodePtr p, const char *seg, size_t len, int append)
{
	const char *hash = memchr(seg, '#', len);
	char *name = util_printf("%.*s", (int)(hash ? (size_t)(hash - seg) : len), seg);
	int want = hash ? atoi(hash + 1) : 1, k = 0;
	xmlNodePtr c, last = NULL;

	for (c = p->children; c && !append; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0 && ++k == want) {
			free(name);
			return c;
		}
	do
		last = xmlNewChild(p, NULL, BAD_CAST name, NULL);
	while (!append && ++k < want);
	free(name);
	return last;
}

/* Puts text at an info key's place: "letter/reference@date", "office/letterhead/line" (list). */
static xmlNodePtr put_path(xmlNodePtr root, const char *key, const char *text, int list)
{
	const char *at = strchr(key, '@'), *end = at ? at : key + strlen(key), *p = key, *slash;
	xmlNodePtr n = root;

	while (p < end) {
		slash = memchr(p, '/', (size_t)(end - p));
		if (slash == NULL)
			slash = end;
		n = child_of(n, p, (size_t)(slash - p), list && slash == end && !at);
		p = slash < end ? slash + 1 : end;
	}
	if (at)
		xmlSetProp(n, BAD_CAST(at + 1), BAD_CAST text);
	else
		xmlNodeAddContent(n, BAD_CAST text);
	return n;
}

static void read_info(struct fr *r, int signatures)
{
	size_t n, i;
	const form_info *info = form_info_rows(&n);

	for (i = 0; i < n; i++) {
		int row = (int)i + 1, list;
		char *v, *at;

		if ((strncmp(info[i].key, "signatures/", 11) == 0) != signatures)
			continue;
		if (strcmp(text_at(r->info, row, 0), info[i].key) != 0) {
			cerr(r->b, r->info->name, row, 0, "the form's row was changed (it should be '%s')", info[i].key);
			continue;
		}
		if ((v = cell_text(r, r->info, row, FORM_INFO_COL, info[i].type == FI_DATE)) == NULL)
			continue;
		list = (i > 0 && strcmp(info[i - 1].key, info[i].key) == 0) ||
		       (i + 1 < n && strcmp(info[i + 1].key, info[i].key) == 0);
		at = cell_name(r->b, r->info->name, row, FORM_INFO_COL);
		data_build_at(&r->d, put_path(r->d.root, info[i].key, v, list), at);
		free(at);
		free(v);
	}
}

/* The plan's cells of row i must be the template's. */
static void check_locked(struct fr *r, int row, const model_indicator *ind)
{
	size_t c;

	for (c = 0; c < r->f.ncol; c++) {
		char *want;
		const char *got;

		if (form_is_input(r->f.col[c].kind))
			continue;
		want = form_locked_text(r->t, ind, &r->f.col[c]);
		got = text_at(r->main, row, (int)c);
		if (strcmp(want, got) != 0)
			cerr(r->b, r->main->name, row, (int)c,
			     "a cell of the plan was changed: it shows '%s', the template '%s' has '%s'", got,
			     r->t->id, want);
		free(want);
	}
}

static void add_value(struct fr *r, xmlNodePtr ind, const form_col *c, const char *text, int row, int col)
{
	char q[16], *at = cell_name(r->b, r->main->name, row, col);
	xmlNodePtr n = NULL;

	snprintf(q, sizeof q, "%d", c->n);
	switch (c->kind) {
	case FC_ACH:
	case FC_QTARGET:
		n = xmlNewTextChild(ind, NULL, BAD_CAST(c->kind == FC_ACH ? "achieved" : "target"), BAD_CAST text);
		xmlNewProp(n, BAD_CAST "quarter", BAD_CAST q);
		break;
	case FC_FIELD:
		n = xmlNewTextChild(ind, NULL, BAD_CAST "value", BAD_CAST text);
		xmlNewProp(n, BAD_CAST "field", BAD_CAST r->t->fielddef[c->decl].id);
		if (c->n)
			xmlNewProp(n, BAD_CAST "quarter", BAD_CAST q);
		break;
	case FC_COMMENT: n = xmlNewTextChild(ind, NULL, BAD_CAST "comment", BAD_CAST text); break;
	case FC_RESPONSIBLE: n = xmlNewTextChild(ind, NULL, BAD_CAST "responsible", BAD_CAST text); break;
	case FC_EVIDENCE:
		n = put_path(ind, "evidence@href", text, 0);
		break;
	case FC_EVIDENCE_LABEL: n = put_path(ind, "evidence", text, 0); break;
	default: break;
	}
	if (n)
		data_build_at(&r->d, n, at);
	free(at);
}

/* Whether column c of an indicator with unit u holds dates. */
static int date_col(const struct fr *r, const form_col *c, enum model_unit u)
{
	if (c->kind == FC_ACH || c->kind == FC_QTARGET)
		return u == UNIT_DATE;
	return c->kind == FC_FIELD && (r->t->fielddef[c->decl].type == FT_DATE);
}

static void read_row(struct fr *r, xmlNodePtr results, int row, const model_indicator *ind)
{
	xmlNodePtr n;
	size_t c;
	char *at;

	if (strcmp(text_at(r->main, row, 0), ind->id) != 0) {
		cerr(r->b, r->main->name, row, 0, "the row of indicator [%s] was changed (it shows '%s')", ind->id,
		     text_at(r->main, row, 0));
		return;
	}
	check_locked(r, row, ind);
	n = xmlNewChild(results, NULL, BAD_CAST "indicator", NULL);
	xmlNewProp(n, BAD_CAST "ref", BAD_CAST ind->id);
	at = cell_name(r->b, r->main->name, row, 0);
	data_build_at(&r->d, n, at);
	free(at);
	for (c = 0; c < r->f.ncol; c++) {
		char *v;

		if (!form_is_input(r->f.col[c].kind) ||
		    (v = cell_text(r, r->main, row, (int)c, date_col(r, &r->f.col[c], ind->unit))) == NULL)
			continue;
		add_value(r, n, &r->f.col[c], v, row, (int)c);
		free(v);
	}
}

/* The form's columns and the row after the last indicator. */
static void check_shape(struct fr *r, size_t nind)
{
	size_t c;

	for (c = 0; c < r->f.ncol; c++)
		if (strcmp(text_at(r->main, FORM_KEY_ROW, (int)c), r->f.col[c].key) != 0)
			cerr(r->b, r->main->name, FORM_KEY_ROW, (int)c,
			     "the form's columns were changed (column key '%s', expected '%s')",
			     text_at(r->main, FORM_KEY_ROW, (int)c), r->f.col[c].key);
	if (*text_at(r->main, FORM_FIRST_ROW + (int)nind, 0))
		cerr(r->b, r->main->name, FORM_FIRST_ROW + (int)nind, 0,
		     "a row after the plan's last indicator ('%s'): rows cannot be added",
		     text_at(r->main, FORM_FIRST_ROW + (int)nind, 0));
}

/* The meta sheet against the template: its id, version and checksum. */
static int check_meta(struct fr *r, int *quarter)
{
	char *ver = form_template_version(r->t), *sum;
	int ok = 1;

	*quarter = bn_parse_quarter(r->b->meta[3]);
	if (strcmp(r->b->meta[1], r->t->id) != 0) {
		cerr(r->b, FORM_SHEET_META, 1, 1, "the form was made for template '%s', not '%s'", r->b->meta[1], r->t->id);
		ok = 0;
	} else if (ver == NULL || strcmp(ver, r->b->meta[2]) != 0) {
		cerr(r->b, FORM_SHEET_META, 2, 1,
		     "the form was made for another version of template '%s' (form %s, template %s): make the form again with annexc form",
		     r->t->id, r->b->meta[2], ver ? ver : "unreadable");
		ok = 0;
	} else if (*quarter == 0) {
		cerr(r->b, FORM_SHEET_META, 3, 1, "the form's quarter '%s' is not 1 to 4", r->b->meta[3]);
		ok = 0;
	} else {
		sum = form_checksum(r->t, *quarter);
		if (strcmp(sum, r->b->meta[4]) != 0) {
			cerr(r->b, FORM_SHEET_META, 4, 1, "the form's checksum %s is not the template's %s (the form was changed)",
			     r->b->meta[4], sum);
			ok = 0;
		}
		free(sum);
	}
	free(ver);
	return ok;
}

data_doc *sheet_data(sheet_book *b, const model_template *t, diag_list *dl)
{
	struct fr r;
	size_t n, i, before = diag_errors(dl);
	const model_indicator **ind;
	xmlNodePtr results;
	int quarter;

	memset(&r, 0, sizeof r);
	r.b = b;
	r.t = t;
	r.dl = dl;
	b->dl = dl;
	r.main = find_sheet(b, FORM_SHEET_MAIN);
	r.info = find_sheet(b, FORM_SHEET_INFO);
	if (r.main == NULL || r.info == NULL) {
		berr(b, "the form has no sheet '%s'", r.main ? FORM_SHEET_INFO : FORM_SHEET_MAIN);
		return NULL;
	}
	if (!check_meta(&r, &quarter))
		return NULL;
	form_layout_make(&r.f, t, quarter);
	ind = form_indicators(t, &n);
	check_shape(&r, n);
	data_build_init(&r.d, t->id, quarter, t->fiscal_year);
	xmlNewChild(xmlNewChild(r.d.root, NULL, BAD_CAST "office", NULL), NULL, BAD_CAST "name", BAD_CAST "");
	read_info(&r, 0);
	results = xmlNewChild(r.d.root, NULL, BAD_CAST "results", NULL);
	for (i = 0; i < n; i++)
		read_row(&r, results, FORM_FIRST_ROW + (int)i, ind[i]);
	read_info(&r, 1);
	free(ind);
	form_layout_free(&r.f);
	if (diag_errors(dl) > before) {
		xmlFreeDoc(r.d.doc);
		util_free_strv(r.d.names, r.d.nnames);
		return NULL;
	}
	return data_build_done(&r.d, b->file);
}
