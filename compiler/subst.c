/* subst.c - {placeholders} in template text. */
#include "subst.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

static const char *const names[] = {
	"office", "fiscal-year", "fiscal-year-short", "quarter", "quarter-ordinal",
	"quarter-months", "quarter-period", "annex", "title", "total", NULL
};

static int known(const char *name, size_t n)
{
	size_t i;

	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == n && strncmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

char *subst_unknown(const char *s)
{
	const char *o, *c;

	for (o = strchr(s, '{'); o; o = strchr(c, '{')) {
		c = strchr(o, '}');
		if (c == NULL)
			return util_printf("unterminated placeholder %s", o);
		if (!known(o + 1, (size_t)(c - o - 1)))
			return util_printf("unknown placeholder %.*s", (int)(c - o + 1), o);
	}
	return NULL;
}

/* "২০২৩-২৪" from "2023-2024". */
static void add_fy_short(buf *b, const model_template *t)
{
	char *a = util_printf("%d-%02d", t->fy_start, (t->fy_start + 1) % 100);
	char *s = bn_bengali_digits(a);

	buf_add(b, s);
	free(a);
	free(s);
}

/* "অক্টোবর-ডিসেম্বর ২০২৩": the quarter's months and calendar year. */
static void add_period(buf *b, const model_template *t, int q)
{
	char *y = util_printf("%d", q <= 2 ? t->fy_start : t->fy_start + 1);
	char *s = bn_bengali_digits(y);

	buf_addf(b, "%s %s", bn_quarter_months(q), s);
	free(y);
	free(s);
}

/* The plan's total weight: its <total>, else the sum of its indicators' weights. */
static void add_total(buf *b, const model_template *t)
{
	rat sum = rat_int(0);
	size_t a, i, k;
	model_value v = { VAL_NUM, { 0, 1 } };
	char *s;

	for (a = 0; a < t->narea; a++)
		for (i = 0; i < t->area[a].nact; i++)
			for (k = 0; k < t->area[a].act[i].nind; k++)
				sum = rat_add(sum, t->area[a].act[i].ind[k].weight);
	v.num = t->has_total ? t->total : sum;
	s = value_display(v, UNIT_COUNT);
	buf_add(b, s);
	free(s);
}

static void add_value(buf *b, const char *name, size_t n, const model_template *t,
		      const model_report *r)
{
	int q = r ? r->quarter : 0;
	char *s;

#define IS(x) (strlen(x) == n && strncmp(name, x, n) == 0)
	if (IS("office"))
		buf_add(b, r && r->office ? r->office : "");
	else if (IS("fiscal-year")) {
		s = bn_bengali_digits(t->fiscal_year);
		buf_add(b, s);
		free(s);
	} else if (IS("fiscal-year-short"))
		add_fy_short(b, t);
	else if (IS("quarter"))
		buf_add(b, q ? bn_quarter_name(q) : "");
	else if (IS("quarter-ordinal"))
		buf_add(b, q ? bn_quarter_ordinal(q) : "");
	else if (IS("quarter-months"))
		buf_add(b, q ? bn_quarter_months(q) : "");
	else if (IS("quarter-period") && q)
		add_period(b, t, q);
	else if (IS("annex"))
		buf_add(b, t->annex ? t->annex : "");
	else if (IS("title"))
		buf_add(b, t->title ? t->title : "");
	else if (IS("total"))
		add_total(b, t);
#undef IS
}

char *subst_expand(const char *s, const model_template *t, const model_report *r)
{
	buf b = { 0 };
	const char *o, *c;

	while ((o = strchr(s, '{')) != NULL && (c = strchr(o, '}')) != NULL) {
		buf_addn(&b, s, (size_t)(o - s));
		add_value(&b, o + 1, (size_t)(c - o - 1), t, r);
		s = c + 1;
	}
	buf_add(&b, s);
	return buf_take(&b);
}
