/* csvin.c - CSV input with libcsv: tables of named columns, and a ministry's
 * achievements as one data document per office (read by data.c like any
 * data file, so every check is the same; messages name FILE.csv:LINE). */
#include "csvin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "bn.h"
#include "util.h"

/* Bounds on what a CSV may hold: its size, its columns. */
#define MAX_CSV_BYTES (64L << 20)
#define MAX_COLS 256

struct pstate {
	csv_table *tb;
	char **row;    /* the record being read */
	size_t nrow, caprow;
	int line;      /* line the next record starts on */
	int rec_line;  /* line the current record started on */
	int nl;        /* newlines inside the current record's fields */
	int too_wide;
};

static void on_field(void *s, size_t len, void *data)
{
	struct pstate *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		p->nl += ((char *)s)[i] == '\n';
	if (p->nrow >= MAX_COLS) {
		p->too_wide = 1;
		return;
	}
	util_grow(&p->row, &p->caprow, p->nrow, sizeof *p->row);
	p->row[p->nrow++] = util_printf("%.*s", (int)len, (char *)s);
}

static void add_row(struct pstate *p)
{
	csv_table *tb = p->tb;
	size_t i;

	util_grow(&tb->cell, &tb->cap, (tb->nrow + 1) * tb->ncol, sizeof *tb->cell);
	util_grow(&tb->line, &tb->capline, tb->nrow, sizeof *tb->line);
	for (i = 0; i < tb->ncol; i++)
		tb->cell[tb->nrow * tb->ncol + i] = i < p->nrow ? p->row[i] : NULL;
	for (; i < p->nrow; i++)
		free(p->row[i]);
	tb->line[tb->nrow++] = p->rec_line;
}

static void on_record(int c, void *data)
{
	struct pstate *p = data;

	(void)c;
	p->rec_line = p->line;
	p->line += 1 + p->nl;
	p->nl = 0;
	if (p->tb->head == NULL) {
		p->tb->head = p->row;
		p->tb->ncol = p->nrow;
		p->row = NULL;
		p->caprow = 0;
	} else if (!(p->nrow == 1 && p->row[0][0] == '\0')) {
		add_row(p);
	} else {
		free(p->row[0]);
	}
	p->nrow = 0;
}

static char *slurp(const char *file, size_t *len, diag_list *dl)
{
	FILE *fp = fopen(file, "rb");
	char *s;
	long n;

	if (fp == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || n > MAX_CSV_BYTES || fseek(fp, 0, SEEK_SET) != 0) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read (larger than %ld MiB, or not a file)",
			 MAX_CSV_BYTES >> 20);
		fclose(fp);
		return NULL;
	}
	s = util_alloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, fp);
	fclose(fp);
	return s;
}

int csvin_table(const char *file, csv_table *tb, diag_list *dl)
{
	struct csv_parser cp;
	struct pstate p;
	size_t len = 0, i;
	char *s = slurp(file, &len, dl), *body;
	int rc = 0;

	memset(tb, 0, sizeof *tb);
	if (s == NULL)
		return -1;
	memset(&p, 0, sizeof p);
	p.tb = tb;
	p.line = 1;
	body = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? s + 3 : s;
	csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
	if (csv_parse(&cp, body, len - (size_t)(body - s), on_field, on_record, &p) != len - (size_t)(body - s) ||
	    csv_fini(&cp, on_field, on_record, &p) != 0) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, p.line, "not valid CSV: %s", csv_strerror(csv_error(&cp)));
		rc = -1;
	} else if (p.too_wide) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, 0, "more than %d columns", MAX_COLS);
		rc = -1;
	} else if (tb->head == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, 0, "empty: the first line names the columns");
		rc = -1;
	}
	csv_free(&cp);
	for (i = 0; i < p.nrow; i++)
		free(p.row[i]);
	free(p.row);
	for (i = 0; i < tb->ncol; i++)
		if (tb->head[i] == NULL)
			tb->head[i] = util_strdup("");
		else
			util_trim(tb->head[i]);
	free(s);
	if (rc != 0)
		csvin_table_free(tb);
	return rc;
}

void csvin_table_free(csv_table *tb)
{
	size_t i;

	util_free_strv(tb->head, tb->ncol);
	for (i = 0; tb->cell && i < tb->nrow * tb->ncol; i++)
		free(tb->cell[i]);
	free(tb->cell);
	free(tb->line);
	memset(tb, 0, sizeof *tb);
}

/* An error at file:line, named as the rows' nodes are ("FILE:LINE"), so that
 * every message of a CSV sorts by line. */
static void lerr(diag_list *dl, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void lerr(diag_list *dl, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *m, *at = line > 0 ? util_printf("%s:%d", file, line) : util_strdup(file);

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(dl, DIAG_ERROR, DIAG_DATA, at, 0, "%s", m);
	free(m);
	free(at);
}

/* ---- achievements ---- */

static const char *const cols[] = { "office", "indicator", "quarter", "value", "comment", "evidence" };
enum { C_OFFICE, C_IND, C_QUARTER, C_VALUE, C_COMMENT, C_EVIDENCE, NCOLS };

struct office {
	char *name;
	data_build b;
	xmlNodePtr results;
};

struct creader {
	const char *file;
	const model_template *t;
	csv_table tb;
	int col[NCOLS];
	struct office *of;
	size_t nof, capof;
	diag_list *dl;
	int quarter;
};

static const char *cell(struct creader *c, size_t row, int which)
{
	const char *s = c->col[which] >= 0 ? c->tb.cell[row * c->tb.ncol + (size_t)c->col[which]] : NULL;

	return s ? s : "";
}

static int find_columns(struct creader *c)
{
	size_t i;
	int k, ok = 1;

	for (k = 0; k < NCOLS; k++) {
		c->col[k] = -1;
		for (i = 0; i < c->tb.ncol; i++)
			if (strcmp(c->tb.head[i], cols[k]) == 0)
				c->col[k] = (int)i;
		if (c->col[k] < 0 && k <= C_VALUE) {
			lerr(c->dl, c->file, 1,
				 "no column '%s' (the columns are office, indicator, quarter, value, comment, evidence)",
				 cols[k]);
			ok = 0;
		}
	}
	for (i = 0; i < c->tb.ncol; i++) {
		for (k = 0; k < NCOLS && strcmp(c->tb.head[i], cols[k]) != 0; k++)
			;
		if (k == NCOLS) {
			lerr(c->dl, c->file, 1, "unknown column '%s'", c->tb.head[i]);
			ok = 0;
		}
	}
	return ok;
}

static struct office *office_of(struct creader *c, const char *name)
{
	struct office *o;
	size_t i;

	for (i = 0; i < c->nof; i++)
		if (strcmp(c->of[i].name, name) == 0)
			return &c->of[i];
	util_grow(&c->of, &c->capof, c->nof, sizeof *c->of);
	o = &c->of[c->nof++];
	o->name = util_strdup(name);
	data_build_init(&o->b, c->t->id, c->quarter, c->t->fiscal_year);
	xmlNewTextChild(xmlNewChild(o->b.root, NULL, BAD_CAST "office", NULL), NULL, BAD_CAST "name",
			BAD_CAST name);
	o->results = xmlNewChild(o->b.root, NULL, BAD_CAST "results", NULL);
	return o;
}

static xmlNodePtr indicator_of(struct office *o, const char *id)
{
	xmlNodePtr n;
	char *ref;

	for (n = o->results->children; n; n = n->next) {
		ref = (char *)xmlGetProp(n, BAD_CAST "ref");
		if (strcmp(ref, id) == 0) {
			xmlFree(ref);
			return n;
		}
		xmlFree(ref);
	}
	n = xmlNewChild(o->results, NULL, BAD_CAST "indicator", NULL);
	xmlNewProp(n, BAD_CAST "ref", BAD_CAST id);
	return n;
}

/* Adds <name>text</name> to ind once; a second, different one is an error. */
static void once(struct creader *c, struct office *o, xmlNodePtr ind, const char *name, const char *text,
		 const char *loc, int line)
{
	xmlNodePtr n;

	if (*text == '\0')
		return;
	for (n = ind->children; n; n = n->next)
		if (xmlStrcmp(n->name, BAD_CAST name) == 0) {
			lerr(c->dl, c->file, line, "a second %s for this indicator", name);
			return;
		}
	if (strcmp(name, "evidence") == 0) {
		n = xmlNewChild(ind, NULL, BAD_CAST "evidence", NULL);
		xmlNewProp(n, BAD_CAST "href", BAD_CAST text);
	} else
		n = xmlNewTextChild(ind, NULL, BAD_CAST name, BAD_CAST text);
	data_build_at(&o->b, n, loc); /* its problems are reported at its line */
}

static void read_row(struct creader *c, size_t row)
{
	int line = c->tb.line[row], q = bn_parse_quarter(cell(c, row, C_QUARTER));
	char *loc = util_printf("%s:%d", c->file, line), *id = model_ascii_id(cell(c, row, C_IND)), qs[16];
	struct office *o;
	xmlNodePtr ind, a;

	if (*cell(c, row, C_OFFICE) == '\0')
		lerr(c->dl, c->file, line, "no office named");
	else if (*cell(c, row, C_QUARTER) && q == 0)
		lerr(c->dl, c->file, line, "quarter '%s' is not 1 to 4",
			 cell(c, row, C_QUARTER));
	else if (q > c->quarter)
		lerr(c->dl, c->file, line,
			 "quarter %d is after the report's quarter %d", q, c->quarter);
	else {
		o = office_of(c, cell(c, row, C_OFFICE));
		ind = indicator_of(o, id);
		data_build_at(&o->b, ind, loc);
		if (q > 0) {
			snprintf(qs, sizeof qs, "%d", q);
			a = xmlNewTextChild(ind, NULL, BAD_CAST "achieved", BAD_CAST cell(c, row, C_VALUE));
			xmlNewProp(a, BAD_CAST "quarter", BAD_CAST qs);
			data_build_at(&o->b, a, loc);
		} else if (*cell(c, row, C_VALUE))
			lerr(c->dl, c->file, line, "a value without a quarter");
		once(c, o, ind, "comment", cell(c, row, C_COMMENT), loc, line);
		once(c, o, ind, "evidence", cell(c, row, C_EVIDENCE), loc, line);
	}
	free(loc);
	free(id);
}

/* The last quarter the file gives, for a report quarter not given. */
static int last_quarter(struct creader *c)
{
	size_t r;
	int q, best = 1;

	for (r = 0; r < c->tb.nrow; r++)
		if ((q = bn_parse_quarter(cell(c, r, C_QUARTER))) > best)
			best = q;
	return best;
}

data_doc **csvin_reports(const char *file, const model_template *t, int quarter, size_t *n, diag_list *dl)
{
	struct creader c;
	data_doc **v = NULL;
	size_t r;

	memset(&c, 0, sizeof c);
	c.file = file;
	c.t = t;
	c.dl = dl;
	*n = 0;
	if (csvin_table(file, &c.tb, dl) != 0)
		return NULL;
	if (find_columns(&c)) {
		c.quarter = quarter ? quarter : last_quarter(&c);
		for (r = 0; r < c.tb.nrow; r++)
			read_row(&c, r);
		if (c.tb.nrow == 0)
			lerr(dl, file, 0, "no rows after the column names");
	}
	if (c.nof > 0)
		v = util_alloc(c.nof * sizeof *v);
	for (r = 0; r < c.nof; r++) {
		if (v)
			v[r] = data_build_done(&c.of[r].b, file);
		else
			xmlFreeDoc(c.of[r].b.doc), util_free_strv(c.of[r].b.names, c.of[r].b.nnames);
		free(c.of[r].name);
	}
	if (v)
		*n = c.nof;
	free(c.of);
	csvin_table_free(&c.tb);
	return v;
}
