/* diag.c - collected diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void diag_add(diag_list *l, enum diag_level lv, enum diag_kind k, const char *file, int line,
	      const char *fmt, ...)
{
	va_list ap;
	int n;
	diag *d;

	util_grow(&l->v, &l->cap, l->n, sizeof *l->v);
	d = &l->v[l->n++];
	d->file = util_strdup(file ? file : "annexc");
	d->line = line;
	d->level = lv;
	d->kind = k;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->msg = util_alloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(d->msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
}

size_t diag_errors(const diag_list *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		n += l->v[i].level == DIAG_ERROR;
	return n;
}

/* Compares names with runs of digits taken as numbers, so that a workbook's
 * cell F9 comes before F10. */
static int name_cmp(const char *a, const char *b)
{
	while (*a && *a == *b && !(*a >= '0' && *a <= '9'))
		a++, b++;
	if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
		size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
		int c = na != nb ? (na < nb ? -1 : 1) : strncmp(a, b, na);

		return c ? c : name_cmp(a + na, b + nb);
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Stable order: by file, then line; equal keys keep insertion order. */
static int cmp_diag(const void *a, const void *b)
{
	const diag *x = a, *y = b;
	int c = name_cmp(x->file, y->file);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

void diag_print(diag_list *l, FILE *fp)
{
	size_t i;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_diag);
	for (i = 0; i < l->n; i++) {
		const diag *d = &l->v[i];
		const char *lv = d->level == DIAG_ERROR ? "error" : "warning";

		if (d->line > 0)
			fprintf(fp, "%s:%d: %s: %s\n", d->file, d->line, lv, d->msg);
		else
			fprintf(fp, "%s: %s: %s\n", d->file, lv, d->msg);
	}
}

int diag_exit_code(const diag_list *l)
{
	size_t i;
	int code = EXIT_OK;

	for (i = 0; i < l->n; i++) {
		const diag *d = &l->v[i];
		int c;

		if (d->level != DIAG_ERROR)
			continue;
		c = d->kind == DIAG_IO ? EXIT_IO : d->kind == DIAG_TEMPLATE ? EXIT_USAGE : EXIT_INVALID;
		if (c > code)
			code = c;
	}
	return code;
}

void diag_list_free(diag_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].msg);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

