/* register.c - reads the register of expected offices: CSV (RFC 4180, UTF-8,
 * an optional byte-order mark), a header row naming the key column and the
 * levels, then one row per office. */
#include "register.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "util.h"

/* Parser state: the fields of the record being read and where it began. */
struct reader {
	reg_list *r;
	diag_list *dl;
	char **field;
	size_t nfield, cap;
	int line;       /* the line being fed to the parser */
	int start;      /* the line the current record began on */
	int header;     /* the header row has been read */
	int bad;
};

static void error(struct reader *rd, int line, const char *msg)
{
	diag_add(rd->dl, DIAG_ERROR, DIAG_DATA, rd->r->file, line, "%s", msg);
	rd->bad = 1;
}

/* libcsv: one field of the current record. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *rd = data;
	char *f = util_alloc(len + 1);

	if (rd->nfield == 0)
		rd->start = rd->line;
	memcpy(f, s, len);
	f[len] = '\0';
	util_grow(&rd->field, &rd->cap, rd->nfield, sizeof *rd->field);
	rd->field[rd->nfield++] = f;
}

static void take_header(struct reader *rd)
{
	reg_list *r = rd->r;
	size_t i;

	rd->header = 1;
	if (rd->nfield - 1 > REG_MAX_LEVELS) {
		char *m = util_printf("%zu levels in the header; a register has at most %d (office, then the levels, "
				      "outermost first)", rd->nfield - 1, REG_MAX_LEVELS);
		error(rd, rd->start, m);
		free(m);
		return;
	}
	r->nlevel = rd->nfield - 1;
	r->level = util_alloc((r->nlevel + 1) * sizeof *r->level);
	for (i = 0; i < r->nlevel; i++)
		r->level[i] = util_strdup(rd->field[i + 1]);
}

static void take_row(struct reader *rd)
{
	reg_list *r = rd->r;
	reg_row *row;
	size_t i;

	if (rd->nfield != r->nlevel + 1) {
		char *m = util_printf("%zu fields where the header has %zu", rd->nfield, r->nlevel + 1);
		error(rd, rd->start, m);
		free(m);
		return;
	}
	if (util_trim(rd->field[0])[0] == '\0') {
		error(rd, rd->start, "the office (first field) is empty");
		return;
	}
	util_grow(&r->row, &r->cap, r->n, sizeof *r->row);
	row = &r->row[r->n++];
	row->key = util_strdup(rd->field[0]);
	row->line = rd->start;
	row->place = util_alloc((r->nlevel + 1) * sizeof *row->place);
	for (i = 0; i < r->nlevel; i++)
		row->place[i] = util_strdup(util_trim(rd->field[i + 1]));
}

/* libcsv: the end of a record. */
static void on_record(int c, void *data)
{
	struct reader *rd = data;

	(void)c;
	if (rd->nfield == 1 && rd->field[0][0] == '\0')
		; /* a blank line */
	else if (!rd->header)
		take_header(rd);
	else if (rd->r->level)
		take_row(rd);
	util_free_strv(rd->field, rd->nfield);
	rd->field = NULL;
	rd->nfield = rd->cap = 0;
}

/* qsort_r is not C11: the rows being indexed, for by_key. */
static const reg_row *sorting;

static int by_key(const void *a, const void *b)
{
	return strcmp(sorting[*(const size_t *)a].key, sorting[*(const size_t *)b].key);
}

/* The index by key; an office named twice is an error at its later line. */
static void index_rows(struct reader *rd)
{
	reg_list *r = rd->r;
	size_t i;

	r->index = util_alloc((r->n + 1) * sizeof *r->index);
	for (i = 0; i < r->n; i++)
		r->index[i] = i;
	sorting = r->row;
	qsort(r->index, r->n, sizeof *r->index, by_key);
	for (i = 1; i < r->n; i++) {
		const reg_row *x = &r->row[r->index[i - 1]], *y = &r->row[r->index[i]];

		if (strcmp(x->key, y->key) == 0) {
			char *m = util_printf("office '%s' is listed twice (first on line %d)", x->key,
					      x->line < y->line ? x->line : y->line);

			error(rd, x->line > y->line ? x->line : y->line, m);
			free(m);
		}
	}
}

/* Feeds the file to libcsv a line at a time, so that records know their line. */
static void parse(struct reader *rd, FILE *fp)
{
	struct csv_parser p;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while (!rd->bad && (n = getline(&line, &cap, fp)) > 0) {
		const char *s = line;

		rd->line++;
		if (rd->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3; /* a byte-order mark */
			n -= 3;
		}
		if (csv_parse(&p, s, (size_t)n, on_field, on_record, rd) != (size_t)n)
			error(rd, rd->line, "not CSV: a quote inside an unquoted field, or text after a closing quote "
					    "(quote a field that holds quotes, and double each quote inside it)");
	}
	if (!rd->bad && csv_fini(&p, on_field, on_record, rd) != 0)
		error(rd, rd->start, "not CSV: a quoted field is not closed");
	csv_free(&p);
	free(line);
	util_free_strv(rd->field, rd->nfield);
}

int reg_load(const char *file, reg_list *r, diag_list *dl)
{
	struct reader rd;
	FILE *fp = fopen(file, "r");

	memset(r, 0, sizeof *r);
	r->file = util_strdup(file);
	if (fp == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read the register: %s", strerror(errno));
		return -1;
	}
	memset(&rd, 0, sizeof rd);
	rd.r = r;
	rd.dl = dl;
	parse(&rd, fp);
	if (ferror(fp)) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read the register: %s", strerror(EIO));
		rd.bad = 1;
	}
	fclose(fp);
	if (!rd.bad && !rd.header)
		error(&rd, 0, "the register is empty (a header row and one row per office are expected)");
	if (!rd.bad)
		index_rows(&rd);
	return rd.bad ? -1 : 0;
}

const reg_row *reg_find(const reg_list *r, const char *key)
{
	size_t lo = 0, hi = r ? r->n : 0;

	while (key && r->index && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, r->row[r->index[mid]].key);

		if (c == 0)
			return &r->row[r->index[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void reg_free(reg_list *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->row[i].key);
		util_free_strv(r->row[i].place, r->nlevel);
	}
	free(r->row);
	free(r->index);
	util_free_strv(r->level, r->nlevel);
	free(r->file);
	memset(r, 0, sizeof *r);
}
