/* floor_dump.c - reads `annexc dump` output for the benchmark floors (see
 * floor_dump.h). The grammar is compiler/document.c's doc_dump: a keyword
 * starts each record, and a line without one continues the text before.
 * And the floors' common main: read every dump, then time the writes. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "floor_dump.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *xalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL) {
		fputs("floor: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void *xgrow(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fputs("floor: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void die(const char *path, int line, const char *what)
{
	fprintf(stderr, "floor: %s:%d: %s\n", path, line, what);
	exit(1);
}

static const char *const keyword[] = { "document ", "widths", "line gap ", "title ", "footnote ", "signature ",
				       "letter-head ", "letter-line ", "cell ", "helper ", NULL };

static int starts_record(const char *s)
{
	int i;

	for (i = 0; keyword[i]; i++)
		if (strncmp(s, keyword[i], strlen(keyword[i])) == 0)
			return 1;
	return 0;
}

/* The text as ASCII digits (Bengali ০-৯ are E0 A7 A6-AF in UTF-8). */
static void ascii_digits(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 1 < cap; s++) {
		if ((unsigned char)s[0] == 0xE0 && (unsigned char)s[1] == 0xA7 && (unsigned char)s[2] >= 0xA6 &&
		    (unsigned char)s[2] <= 0xAF) {
			out[n++] = (char)('0' + (unsigned char)s[2] - 0xA6);
			s += 2;
		} else
			out[n++] = *s;
	}
	out[n] = '\0';
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The cell's value from its displayed text; a text that is no number
 * leaves the cell text. */
static void cell_value(struct fd_cell *x)
{
	char a[128], *end, *dot;
	int d, m, y;

	if (x->kind == K_TEXT || x->kind == K_LINK)
		return;
	ascii_digits(x->text, a, sizeof a);
	if (x->kind == K_DATE && sscanf(a, "%d/%d/%d", &d, &m, &y) == 3) {
		x->value = (double)days_from_civil(y, m, d) + 25569.0;
		return;
	}
	x->value = strtod(a, &end);
	if (end == a || (*end && !(x->kind == K_PERCENT && *end == '%'))) {
		x->kind = K_TEXT;
		return;
	}
	dot = strchr(a, '.');
	x->decimals = dot ? (int)(end - dot - 1) : 0;
	if (x->kind == K_PERCENT)
		x->value /= 100.0;
}

/* "cell R,C KIND span RxC: TEXT[ = FORMULA]" */
static void parse_cell(struct fd_doc *d, char *s, const char *path, int line)
{
	static const char *const kinds[] = { "text", "number", "percent", "date", "link" };
	struct fd_cell *x;
	char kind[16], *text, *eq;
	int n = 0, k;

	d->cell = xgrow(d->cell, (size_t)(d->ncell + 1) * sizeof *d->cell);
	x = &d->cell[d->ncell];
	memset(x, 0, sizeof *x);
	if (sscanf(s, "%*s %d,%d %15s span %dx%d:%n", &x->row, &x->col, kind, &x->rowspan, &x->colspan, &n) != 5 ||
	    n == 0 || x->row < 0 || x->row >= d->nrows || x->col < 0 || x->col >= d->ncols + d->nhelp)
		die(path, line, "not a cell");
	for (k = 0; k < 5 && strcmp(kind, kinds[k]) != 0; k++)
		;
	x->kind = k < 5 ? k : K_TEXT;
	text = s + n + (s[n] == ' ');
	for (eq = strstr(text, " = "); eq && strstr(eq + 1, " = "); eq = strstr(eq + 1, " = "))
		; /* the last " = ": formulas have no spaces around their comparisons */
	if (eq && eq[3] != '\0' && strchr(eq + 3, '\n') == NULL) {
		*eq = '\0';
		x->formula = strdup(eq + 3);
	}
	x->text = strdup(text);
	cell_value(x);
	d->ncell++;
}

/* "line gap G[ keep]: FROM-TO/OF ALIGN ..." */
static struct fd_line *parse_line(struct fd_lines *v, const char *s, const char *path, int ln)
{
	struct fd_line *l;
	const char *p = strchr(s, ':');
	char align[16];
	int n;

	v->v = xgrow(v->v, (size_t)(v->n + 1) * sizeof *v->v);
	l = &v->v[v->n++];
	memset(l, 0, sizeof *l);
	if (p == NULL || sscanf(s, "line gap %lf", &l->gap) != 1)
		die(path, ln, "not a line");
	l->keep = strstr(s, " keep:") != NULL;
	for (p++;; p += n) {
		struct fd_run r = { 0 };

		n = 0;
		if (sscanf(p, " %d-%d/%d %15s%n", &r.from, &r.to, &r.of, align, &n) != 4 || n == 0)
			break;
		if (r.of <= 0)
			die(path, ln, "a run's share has no denominator");
		r.align = strcmp(align, "left") == 0 ? A_LEFT : strcmp(align, "right") == 0 ? A_RIGHT : A_CENTER;
		r.text = strdup("");
		l->run = xgrow(l->run, (size_t)(l->nrun + 1) * sizeof *l->run);
		l->run[l->nrun++] = r;
	}
	return l;
}

/* The whole file, each record's continuation lines joined to it with '\n'. */
static char **records(const char *path, int **lineno, int *n)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, **rec = NULL;
	size_t cap = 0;
	ssize_t len;
	int ln = 0;

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	*n = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		ln++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (starts_record(line) || *n == 0) {
			rec = xgrow(rec, (size_t)(*n + 1) * sizeof *rec);
			*lineno = xgrow(*lineno, (size_t)(*n + 1) * sizeof **lineno);
			rec[*n] = strdup(line);
			(*lineno)[(*n)++] = ln;
		} else {
			size_t have = strlen(rec[*n - 1]);

			rec[*n - 1] = xgrow(rec[*n - 1], have + (size_t)len + 2);
			rec[*n - 1][have] = '\n';
			memcpy(rec[*n - 1] + have + 1, line, (size_t)len + 1);
		}
	}
	free(line);
	fclose(fp);
	return rec;
}

static void widths(struct fd_doc *d, const char *s, const char *path, int ln)
{
	int c, n;

	d->width = xalloc((size_t)(d->ncols + d->nhelp + 1) * sizeof *d->width);
	s += strlen("widths");
	for (c = 0; c < d->ncols + d->nhelp; c++, s += n)
		if (sscanf(s, " %lf%n", &d->width[c], &n) != 1)
			die(path, ln, "fewer widths than columns");
}

static void header(struct fd_doc *d, const char *s, const char *path, int ln)
{
	const char *font = strstr(s, " font "), *end;

	if (sscanf(s, "document %d×%d header %d", &d->nrows, &d->ncols, &d->header) != 3 || font == NULL ||
	    d->nrows < 0 || d->ncols <= 0)
		die(path, ln, "not a document line");
	font += 6;
	end = strstr(font, " helpers ");
	if (end)
		sscanf(end, " helpers %d", &d->nhelp);
	else
		end = strstr(font, " landscape");
	d->landscape = strstr(s, " landscape") != NULL;
	d->font = strndup(font, end ? (size_t)(end - font) : strlen(font));
}

/* Which rows are header, body and closing rows, and where each cell lies. */
static void grid_map(struct fd_doc *d)
{
	int stride = d->ncols + d->nhelp, i, r, c;

	d->at = xalloc((size_t)d->nrows * (size_t)stride * sizeof *d->at);
	d->role = xalloc((size_t)(d->nrows + 1) * sizeof *d->role);
	for (i = 0; i < d->nrows * stride; i++)
		d->at[i] = -1;
	for (i = 0; i < d->ncell; i++) {
		const struct fd_cell *x = &d->cell[i];

		for (r = x->row; r < x->row + x->rowspan && r < d->nrows; r++)
			for (c = x->col; c < x->col + x->colspan && c < stride; c++)
				d->at[r * stride + c] = r == x->row && c == x->col ? i : -2 - i;
		if (x->row >= d->header && x->col == 0 && x->colspan > 1)
			d->role[x->row] = R_CLOSE;
	}
	for (r = 0; r < d->header && r < d->nrows; r++)
		d->role[r] = R_HEAD;
	for (i = 0; i < d->ncell; i++) {
		struct fd_cell *x = &d->cell[i];
		int role = d->role[x->row];

		x->align = x->kind == K_LINK ? A_LEFT : x->kind != K_TEXT || role == R_HEAD ? A_CENTER : role == R_CLOSE ? A_RIGHT :
			   strlen(x->text) > 40 ? A_LEFT : A_CENTER;
	}
}

struct fd_doc *fd_read(const char *path)
{
	struct fd_doc *d = xalloc(sizeof *d);
	struct fd_lines *lines = &d->titles;
	struct fd_line *cur = NULL;
	const char *base = strrchr(path, '/'), *dot;
	int n, i, *ln = NULL, nextrun = 0;
	char **rec = records(path, &ln, &n);

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	d->name = strndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
	if (n < 2 || strncmp(rec[0], "document ", 9) != 0 || strncmp(rec[1], "widths", 6) != 0)
		die(path, 1, "not an annexc dump");
	header(d, rec[0], path, ln[0]);
	widths(d, rec[1], path, ln[1]);
	for (i = 2; i < n; i++) {
		char *s = rec[i], *sp = strchr(s, ' ');

		if (strncmp(s, "cell ", 5) == 0 || strncmp(s, "helper ", 7) == 0) {
			parse_cell(d, s, path, ln[i]);
			lines = &d->tail;
		} else if (strncmp(s, "line gap ", 9) == 0) {
			cur = parse_line(lines, s, path, ln[i]);
			nextrun = 0;
		} else if (cur && sp) {
			if (strncmp(s, "letter-", 7) == 0 && lines != &d->letter) {
				/* the letter's first line went into the tail: move it */
				lines->n--;
				lines = &d->letter;
				lines->v = xgrow(lines->v, (size_t)(lines->n + 1) * sizeof *lines->v);
				lines->v[lines->n++] = *cur;
				cur = &lines->v[lines->n - 1];
			}
			if (nextrun < cur->nrun) {
				struct fd_run *r = &cur->run[nextrun++];

				r->style = s[0] == 't' ? S_TITLE : s[0] == 'f' ? S_NOTE : s[0] == 's' ? S_SIGN :
					   strncmp(s, "letter-head", 11) == 0 ? S_HEAD : S_LETTER;
				free(r->text);
				r->text = strdup(sp + 1);
			}
		}
		free(s);
	}
	free(rec[0]);
	free(rec[1]);
	free(rec);
	free(ln);
	grid_map(d);
	return d;
}

static void free_lines(struct fd_lines *v)
{
	int i, k;

	for (i = 0; i < v->n; i++) {
		for (k = 0; k < v->v[i].nrun; k++)
			free(v->v[i].run[k].text);
		free(v->v[i].run);
	}
	free(v->v);
}

void fd_free(struct fd_doc *d)
{
	int i;

	for (i = 0; i < d->ncell; i++) {
		free(d->cell[i].text);
		free(d->cell[i].formula);
	}
	free(d->cell);
	free_lines(&d->titles);
	free_lines(&d->tail);
	free_lines(&d->letter);
	free(d->at);
	free(d->role);
	free(d->width);
	free(d->font);
	free(d->name);
	free(d);
}

int fd_main(int argc, char **argv, const char *prog, void (*setup)(void),
	    int (*write)(const struct fd_doc *, const char *outdir))
{
	struct fd_doc **doc;
	struct timespec t0, t1;
	int i, n = argc - 2, bad = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUTDIR DUMPFILE...\n", prog);
		return 2;
	}
	doc = xalloc((size_t)n * sizeof *doc);
	for (i = 0; i < n; i++)
		doc[i] = fd_read(argv[i + 2]);
	if (setup)
		setup();
	/* The dumps sit below the heap's top, so glibc would give the memory of
	 * each workbook back to the system and take it again for the next one
	 * (two brk calls and their page faults per buffer): kept instead, so
	 * that the floor times the libraries, not the allocator. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		if (write(doc[i], argv[1]) != 0) {
			fprintf(stderr, "%s: %s: %s could not be written\n", prog, argv[1], doc[i]->name);
			bad = 1;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("reports %d seconds %.6f\n", n, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (i = 0; i < n; i++)
		fd_free(doc[i]);
	free(doc);
	return bad;
}
