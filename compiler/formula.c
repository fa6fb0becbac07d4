/* formula.c - the scoring rules of docs/scoring.md as spreadsheet formulas. */
#include "formula.h"

#include "util.h"

static void add_ref(buf *f, int row, int col)
{
	buf_add(f, "{R");
	buf_addint(f, row);
	buf_add(f, "C");
	buf_addint(f, col);
	buf_add(f, "}");
}

/* fn(cells of row in columns cols[1..q]), e.g. SUM({R3C7},{R3C8}). */
static void add_call(buf *f, const char *fn, int row, const int *cols, int q)
{
	int i;

	buf_addf(f, "%s(", fn);
	for (i = 1; i <= q; i++) {
		buf_add(f, i > 1 ? "," : "");
		add_ref(f, row, cols[i]);
	}
	buf_add(f, ")");
}

/* The sum of the quarter-target cells of quarters [1, q]. */
static void add_qt_sum(buf *f, const formula_cells *c, int q)
{
	add_call(f, "SUM", c->row, c->qtarget, q);
}

/* Grade g's target; scaled to the quarter targets due by the report's
 * quarter when the indicator's targets are to date. */
static void add_target(buf *f, const formula_cells *c, int g)
{
	if (!c->to_date) {
		add_ref(f, c->row, c->grade[g]);
		return;
	}
	buf_add(f, "(");
	add_ref(f, c->row, c->grade[g]);
	buf_add(f, "*IF(SUM(");
	add_qt_sum(f, c, MODEL_QUARTERS);
	buf_add(f, ")=0,1,");
	add_qt_sum(f, c, c->q);
	buf_add(f, "/");
	add_qt_sum(f, c, MODEL_QUARTERS);
	buf_add(f, "))");
}

static void add_x(buf *f, const formula_cells *c)
{
	add_ref(f, c->x_row, c->total);
}

/* The grade-percent expression from given grade j on (nested IFs). */
static void add_pct(buf *f, const model_template *t, const model_indicator *ind,
		    const formula_cells *c, const int *g, int k, int j)
{
	const char *ge = ind->unit == UNIT_DATE ? "<=" : ">=";

	if (j == k) {
		buf_add(f, "0");
		return;
	}
	buf_add(f, "IF(");
	add_x(f, c);
	buf_add(f, ge);
	add_target(f, c, g[j]);
	buf_add(f, ",");
	if (j == 0 || ind->method == METHOD_STEP)
		buf_addf(f, "%d", t->grade[g[j]].percent);
	else {
		buf_addf(f, "%d+%d*(", t->grade[g[j]].percent,
			 t->grade[g[j - 1]].percent - t->grade[g[j]].percent);
		add_x(f, c);
		buf_add(f, "-");
		add_target(f, c, g[j]);
		buf_add(f, ")/(");
		add_target(f, c, g[j - 1]);
		buf_add(f, "-");
		add_target(f, c, g[j]);
		buf_add(f, ")");
	}
	buf_add(f, ",");
	add_pct(f, t, ind, c, g, k, j + 1);
	buf_add(f, ")");
}

static void add_weight(buf *f, const formula_cells *c)
{
	add_ref(f, c->row, c->weight);
}

/* Quarter i's share of its target: IF(both numbers, share, 0). */
static void add_quarter_share(buf *f, const model_indicator *ind, const formula_cells *c, int i)
{
	buf_add(f, "IF(AND(ISNUMBER(");
	add_ref(f, c->x_row, c->quarter[i]);
	buf_add(f, "),ISNUMBER(");
	add_ref(f, c->row, c->qtarget[i]);
	buf_add(f, ")),");
	if (ind->unit == UNIT_DATE) {
		buf_add(f, "IF(");
		add_ref(f, c->x_row, c->quarter[i]);
		buf_add(f, "<=");
		add_ref(f, c->row, c->qtarget[i]);
		buf_add(f, ",1,0)");
	} else {
		buf_add(f, "IF(");
		add_ref(f, c->row, c->qtarget[i]);
		buf_add(f, "=0,1,MIN(1,");
		add_ref(f, c->x_row, c->quarter[i]);
		buf_add(f, "/");
		add_ref(f, c->row, c->qtarget[i]);
		buf_add(f, "))");
	}
	buf_add(f, ",0)");
}

/* W × (the quarters' shares) / (the year's quarters with a target). */
static void add_quarterly(buf *f, const model_indicator *ind, const formula_cells *c)
{
	int i;

	buf_add(f, "IF(");
	add_call(f, "COUNT", c->row, c->qtarget, MODEL_QUARTERS);
	buf_add(f, "=0,0,");
	add_weight(f, c);
	buf_add(f, "*(");
	for (i = 1; i <= c->q; i++) {
		buf_add(f, i > 1 ? "+" : "");
		add_quarter_share(f, ind, c, i);
	}
	buf_add(f, ")/");
	add_call(f, "COUNT", c->row, c->qtarget, MODEL_QUARTERS);
	buf_add(f, ")");
}

/* Full marks by the deadline T, W less d per period of e days late, none after U. */
static void add_deadline(buf *f, const model_indicator *ind, const formula_cells *c)
{
	if (ind->late_until.kind == VAL_NUM) {
		bn_date u = bn_from_days((long)ind->late_until.num.n);

		buf_add(f, "IF(");
		add_x(f, c);
		buf_addf(f, ">DATE(%d,%d,%d),0,", u.y, u.m, u.d);
	}
	buf_add(f, "IF(");
	add_x(f, c);
	buf_add(f, "<=");
	add_ref(f, c->row, c->grade[0]);
	buf_add(f, ",");
	add_weight(f, c);
	buf_add(f, ",MAX(0,");
	add_weight(f, c);
	buf_addf(f, "-%.10g*CEILING((", rat_double(ind->late_deduct));
	add_x(f, c);
	buf_add(f, "-");
	add_ref(f, c->row, c->grade[0]);
	buf_addf(f, ")/%d,1)))", ind->late_every);
	if (ind->late_until.kind == VAL_NUM)
		buf_add(f, ")");
}

char *formula_score(const model_template *t, const model_indicator *ind, const formula_cells *c)
{
	buf f = { 0 };
	int g[MODEL_MAX_GRADES], k = 0, i;

	for (i = 0; i < t->ngrade; i++)
		if (ind->target[i].kind == VAL_NUM)
			g[k++] = i;
	buf_add(&f, "IF(ISNUMBER(");
	add_x(&f, c);
	buf_add(&f, "),");
	if (ind->method == METHOD_QUARTERLY)
		add_quarterly(&f, ind, c);
	else if (ind->method == METHOD_DEADLINE)
		add_deadline(&f, ind, c);
	else if (k == 0) {
		buf_add(&f, "MIN(");
		add_x(&f, c);
		buf_add(&f, ",");
		add_weight(&f, c);
		buf_add(&f, ")");
	} else if (ind->method == METHOD_PROPORTIONAL && ind->target[0].kind == VAL_NUM) {
		add_weight(&f, c);
		buf_add(&f, "*IF(");
		add_target(&f, c, 0);
		buf_add(&f, "=0,1,MIN(1,");
		add_x(&f, c);
		buf_add(&f, "/");
		add_target(&f, c, 0);
		buf_addf(&f, "))*%d/100", t->grade[0].percent);
	} else {
		add_weight(&f, c);
		buf_add(&f, "*");
		add_pct(&f, t, ind, c, g, k, 0);
		buf_add(&f, "/100");
	}
	buf_add(&f, ",0)");
	return buf_take(&f);
}

char *formula_total(const model_indicator *ind, const formula_cells *c, int q)
{
	static const char *const fn[] = { "SUM", "SUM", "", "MIN", "MAX", "AVERAGE" };
	buf f = { 0 };
	int i;

	if (ind->agg == AGG_LATEST) {
		for (i = q; i >= 1; i--) {
			buf_add(&f, "IF(ISNUMBER(");
			add_ref(&f, c->x_row, c->quarter[i]);
			buf_add(&f, "),");
			add_ref(&f, c->x_row, c->quarter[i]);
			buf_add(&f, ",");
		}
		buf_add(&f, "\"\"");
		for (i = q; i >= 1; i--)
			buf_add(&f, ")");
		return buf_take(&f);
	}
	buf_add(&f, "IF(");
	add_call(&f, "COUNT", c->x_row, c->quarter, q);
	buf_add(&f, "=0,\"\",");
	add_call(&f, fn[ind->agg], c->x_row, c->quarter, q);
	buf_add(&f, ")");
	return buf_take(&f);
}

char *formula_sum(int col, const int *first, const int *last, size_t n)
{
	buf f = { 0 };
	size_t i;

	buf_add(&f, "SUM(");
	for (i = 0; i < n; i++) {
		buf_addf(&f, "%s{R%dC%d}", i ? "," : "", first[i], col);
		if (last[i] != first[i])
			buf_addf(&f, ":{R%dC%d}", last[i], col);
	}
	buf_add(&f, ")");
	return buf_take(&f);
}
