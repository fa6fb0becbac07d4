/* validate.c - whole-template and report-against-template checks. */
#include "validate.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "util.h"

static void terr(diag_list *dl, model_loc l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void terr(diag_list *dl, model_loc l, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, l.file, l.line, "%s", m);
	free(m);
}

static size_t count_indicators(const model_template *t)
{
	size_t a, b, n = 0;

	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			n += t->area[a].act[b].nind;
	return n;
}

static void check_header(const model_template *t, diag_list *dl)
{
	int i;

	if (t->title == NULL)
		terr(dl, t->loc, "template has no <title>");
	if (t->fiscal_year == NULL)
		terr(dl, t->loc, "template has no <fiscal-year>");
	if (t->ngrade == 0)
		terr(dl, t->loc, "template has no <grades>");
	if (count_indicators(t) == 0)
		terr(dl, t->loc, "template has no <plan> (or every indicator was dropped)");
	if (t->layout.ncol == 0)
		terr(dl, t->loc, "template has no <layout>");
	for (i = 1; i < t->ngrade; i++)
		if (t->grade[i].percent >= 0 && t->grade[i - 1].percent >= 0 &&
		    t->grade[i].percent >= t->grade[i - 1].percent)
			terr(dl, t->loc, "grade percents must fall from left to right (%d after %d)",
			     t->grade[i].percent, t->grade[i - 1].percent);
}

/* Nonzero when target a may precede b in grade order (a is the better grade). */
/* Whether any quarter target is a number. */
static int has_quarter_targets(const model_indicator *ind)
{
	int i;

	for (i = 0; i < MODEL_QUARTERS; i++)
		if (ind->qtarget[i].kind == VAL_NUM)
			return 1;
	return 0;
}

/* The parameters each scoring rule needs (docs/scoring.md). */
static void check_rules(const model_indicator *ind, diag_list *dl)
{
	int late = ind->late_deduct.n != 0 || ind->late_every != 1 || ind->late_until.kind != VAL_EMPTY;

	if (ind->method == METHOD_QUARTERLY && !has_quarter_targets(ind))
		terr(dl, ind->loc, "indicator [%s] is scored per quarter but has no <quarter-targets>", ind->id);
	if (ind->method == METHOD_DEADLINE && (ind->unit != UNIT_DATE || ind->target[0].kind != VAL_NUM))
		terr(dl, ind->loc, "indicator [%s]: deadline scoring needs a date unit and a first-grade target date",
		     ind->id);
	if (late && ind->method != METHOD_DEADLINE)
		terr(dl, ind->loc, "indicator [%s]: late-deduct, late-every and late-until need method=\"deadline\"",
		     ind->id);
	if (ind->to_date && (ind->unit == UNIT_DATE || ind->unit == UNIT_PERCENT || !has_quarter_targets(ind)))
		terr(dl, ind->loc, "indicator [%s]: targets-to-date needs a count or score unit and <quarter-targets>",
		     ind->id);
	if (ind->agg == AGG_MEAN && ind->unit == UNIT_DATE)
		terr(dl, ind->loc, "indicator [%s]: the mean of dates is not defined", ind->id);
}

static void check_targets(const model_template *t, const model_indicator *ind, diag_list *dl)
{
	const model_value *prev = NULL;
	int i, given = 0, pi = 0;

	for (i = 0; i < t->ngrade; i++) {
		const model_value *v = &ind->target[i];

		if (v->kind != VAL_NUM)
			continue;
		given++;
		if (prev && !score_at_least(ind, prev->num, v->num))
			terr(dl, ind->loc, "targets of [%s] are not monotone: the %d%% target is %s the %d%% target",
			     ind->id, t->grade[i].percent, ind->unit == UNIT_DATE ? "earlier than" : "more than",
			     t->grade[pi].percent);
		prev = v;
		pi = i;
	}
	if (ind->method == METHOD_PROPORTIONAL && ind->unit == UNIT_DATE)
		terr(dl, ind->loc, "indicator [%s]: proportional scoring is not defined for dates", ind->id);
	if (given == 0 && ind->unit != UNIT_SCORE && ind->method != METHOD_QUARTERLY)
		terr(dl, ind->loc, "indicator [%s] has no targets", ind->id);
	check_rules(ind, dl);
	if (ind->method == METHOD_PROPORTIONAL && ind->target[0].kind != VAL_NUM && ind->unit != UNIT_SCORE)
		terr(dl, ind->loc, "indicator [%s] is scored proportionally but has no %d%% target",
		     ind->id, t->grade[0].percent);
}

/* Nonzero when child (e.g. "1.1.1") lies under parent ("1.1"). */
static int under(const char *parent, const char *child)
{
	size_t n;

	if (parent == NULL)
		return 1;
	n = strlen(parent);
	return strncmp(parent, child, n) == 0 && child[n] == '.';
}

static int valid_id(const char *id)
{
	const char *p = id;

	if (*p == 'M')
		p++, p += *p == '.';
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
			return 0;
	return 1;
}

/* The ids seen so far (areas, activities and indicators share one space). */
struct seen {
	model_index ids;
};

static void see(struct seen *s, diag_list *dl, model_loc l, const char *what, const char *id)
{
	if (!valid_id(id))
		terr(dl, l, "%s id '%s' is not like 1.2 or এম.১.২", what, id);
	if (model_index_put(&s->ids, id, (void *)id) != NULL)
		terr(dl, l, "duplicate %s id [%s]", what, id);
}

static rat check_activity(const model_template *t, const model_area *ar, const model_activity *a,
			  struct seen *ids, diag_list *dl)
{
	rat sum = rat_int(0);
	size_t k;

	see(ids, dl, a->loc, "activity", a->id);
	if (!under(ar->id, a->id))
		terr(dl, a->loc, "activity [%s] is not numbered under its area [%s]", a->id, ar->id);
	for (k = 0; k < a->nind; k++) {
		const model_indicator *ind = &a->ind[k];

		see(ids, dl, ind->loc, "indicator", ind->id);
		if (!under(a->id, ind->id))
			terr(dl, ind->loc, "indicator [%s] is not numbered under its activity [%s]",
			     ind->id, a->id);
		check_targets(t, ind, dl);
		sum = rat_add(sum, ind->weight);
	}
	return sum;
}

static char *fmt_rat(rat r)
{
	return util_printf("%g", rat_double(r));
}

static void check_plan(const model_template *t, diag_list *dl)
{
	struct seen ids = { 0 };
	rat total = rat_int(0);
	size_t a, b;

	for (a = 0; a < t->narea; a++) {
		const model_area *ar = &t->area[a];
		rat sum = rat_int(0);

		if (ar->id)
			see(&ids, dl, ar->loc, "area", ar->id);
		for (b = 0; b < ar->nact; b++)
			sum = rat_add(sum, check_activity(t, ar, &ar->act[b], &ids, dl));
		if (ar->has_weight && rat_cmp(sum, ar->weight) != 0) {
			char *x = fmt_rat(sum), *y = fmt_rat(ar->weight);
			terr(dl, ar->loc, "weights of area [%s] add up to %s, but its weight is %s", ar->id, x, y);
			free(x);
			free(y);
		}
		total = rat_add(total, sum);
	}
	if (t->has_total && rat_cmp(total, t->total) != 0) {
		char *x = fmt_rat(total), *y = fmt_rat(t->total);
		terr(dl, t->loc, "indicator weights add up to %s, but the declared <total> is %s", x, y);
		free(x);
		free(y);
	}
	model_index_free(&ids.ids);
}

static void check_layout(const model_template *t, diag_list *dl)
{
	const model_layout *l = &t->layout;
	size_t i;

	for (i = 0; i < l->ncol; i++) {
		const model_column *c = &l->col[i];

		if ((c->field == FIELD_AREA || c->field == FIELD_AREA_WEIGHT) && !t->has_areas)
			terr(dl, c->loc, "column shows areas, but the plan has none");
		if (c->field == FIELD_QUARTER && c->quarter == 0)
			terr(dl, c->loc, "a quarter column needs quarter=\"1\" to \"4\"");
		if (c->field == FIELD_ROW_KIND && !l->paired_rows)
			terr(dl, c->loc, "a row-kind column needs rows=\"paired\"");
	}
}

void validate_template(const model_template *t, diag_list *dl)
{
	check_header(t, dl);
	check_plan(t, dl);
	check_layout(t, dl);
}

static void dwarn(diag_list *dl, model_loc l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void dwarn(diag_list *dl, model_loc l, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(dl, DIAG_WARNING, DIAG_DATA, l.file, l.line, "%s", m);
	free(m);
}

static void check_result(const model_report *r, const model_result *res, diag_list *dl)
{
	int q;

	for (q = r->quarter + 1; q <= MODEL_QUARTERS; q++)
		if (res->qgiven[q - 1] && res->ach[q - 1].kind != VAL_EMPTY)
			dwarn(dl, res->qloc[q - 1], "[%s]: achievement for quarter %d is after the report's quarter %d; ignored",
			      res->ref, q, r->quarter);
	if (res->evidence && strncmp(res->evidence, "https://", 8) != 0 &&
	    strncmp(res->evidence, "http://", 7) != 0)
		dwarn(dl, res->loc, "[%s]: evidence link '%s' is not an http(s) address", res->ref,
		      res->evidence);
}

/* Warns about indicators with nothing reported up to the report's quarter. */
static void check_reported(const model_report *r, const score_report *s, diag_list *dl)
{
	size_t a, i;

	if (s->overflow)
		diag_add(dl, DIAG_ERROR, DIAG_DATA, r->file, r->loc.line,
			 "the scores cannot be computed exactly (numbers with too many decimal places)");
	for (a = 0; a < s->narea; a++)
		for (i = 0; i < s->area[a].nind; i++) {
			const score_indicator *x = &s->area[a].ind[i];

			if (x->status == SCORE_NOT_REPORTED)
				dwarn(dl, x->res ? x->res->loc : r->loc,
				      "[%s] not reported up to quarter %d: scored 0 (write - if not applicable)",
				      x->ind->id, r->quarter);
		}
}

void validate_report(const model_report *r, const score_report *s, diag_list *dl)
{
	size_t i;

	for (i = 0; i < r->nres; i++)
		check_result(r, &r->res[i], dl);
	check_reported(r, s, dl);
	if (r->letter.present && !r->letter.has_date)
		dwarn(dl, r->loc, "the letter has no date");
}

/* ---- data the layout does not print ---- */

/* Nonzero when the layout has a column of one of the fields (a list ending
 * with -1). */
static int has_column(const model_layout *l, const int *fields)
{
	size_t i;
	int k;

	for (i = 0; i < l->ncol; i++)
		for (k = 0; fields[k] >= 0; k++)
			if ((int)l->col[i].field == fields[k])
				return 1;
	return 0;
}

/* One kind of value the office supplies: where it is printed, and the
 * first result that carries it. */
struct unprinted {
	const char *what;
	int fields[3];
	const model_result *first;
	int more;
};

static int carries(const model_result *res, int kind, const model_layout *l)
{
	static const int remarks[] = { FIELD_REMARKS, -1 }, evidence[] = { FIELD_EVIDENCE, -1 };

	switch (kind) {
	case 0:
		return res->comment && res->comment[0];
	case 1:
		return res->evidence && res->evidence[0];
	case 2: /* the label of a printed link: lost only in remarks beside a comment */
		return res->evidence_label && res->evidence_label[0] && res->evidence && res->comment &&
		       res->comment[0] && has_column(l, remarks) && !has_column(l, evidence);
	default:
		return res->responsible && res->responsible[0];
	}
}

/* Whether the layout prints declared field decl for quarter q (0: once). */
static int prints_field(const model_template *t, const model_report *r, int decl, int q)
{
	size_t i;

	for (i = 0; i < t->layout.ncol; i++) {
		const model_column *c = &t->layout.col[i];

		if (c->field == FIELD_VALUE && c->decl == decl &&
		    (q == 0 || c->quarter == q || (c->quarter == 0 && q == r->quarter)))
			return 1;
	}
	return 0;
}

/* Values of declared fields that no column prints: one warning per field. */
static void check_printed_fields(const model_template *t, const model_report *r, diag_list *dl)
{
	size_t f, i, k;

	for (f = 0; f < t->nfielddef; f++) {
		const model_fvalue *first = NULL;
		const model_result *at = NULL;
		int more = 0;

		for (i = 0; i < r->nres; i++)
			for (k = 0; k < r->res[i].nfv; k++) {
				const model_fvalue *v = &r->res[i].fv[k];

				if (v->decl != (int)f || !v->text || !v->text[0] || prints_field(t, r, (int)f, v->quarter))
					continue;
				more += first != NULL;
				if (first == NULL)
					first = v, at = &r->res[i];
			}
		if (first == NULL)
			continue;
		{
			char *what = first->quarter ? util_printf("field '%s' of quarter %d", t->fielddef[f].id, first->quarter) :
						      util_printf("field '%s'", t->fielddef[f].id);
			char *tail = more ? util_printf(" (and %d more in this file)", more) : util_strdup("");

			dwarn(dl, first->loc, "[%s]: %s is not printed: the layout of template '%s' has no column for it%s",
			      at->ref, what, t->id, tail);
			free(what);
			free(tail);
		}
	}
}

void validate_printed(const model_template *t, const model_report *r, diag_list *dl)
{
	struct unprinted u[] = {
		{ "a <comment>", { FIELD_COMMENT, FIELD_REMARKS, -1 }, NULL, 0 },
		{ "an <evidence> link", { FIELD_EVIDENCE, FIELD_REMARKS, -1 }, NULL, 0 },
		{ "the label of an <evidence> link", { -1, -1, -1 }, NULL, 0 },
		{ "a <responsible>", { FIELD_RESPONSIBLE, -1, -1 }, NULL, 0 },
	};
	size_t i, k;

	check_printed_fields(t, r, dl);
	for (k = 0; k < sizeof u / sizeof *u; k++) {
		if (k != 2 && has_column(&t->layout, u[k].fields))
			continue;
		for (i = 0; i < r->nres; i++)
			if (carries(&r->res[i], (int)k, &t->layout)) {
				u[k].more += u[k].first != NULL;
				if (u[k].first == NULL)
					u[k].first = &r->res[i];
			}
		if (u[k].first == NULL)
			continue;
		if (u[k].more)
			dwarn(dl, u[k].first->loc, "[%s]: %s is not printed: the layout of template '%s' has no column "
			      "for it (and %d more in this file)", u[k].first->ref, u[k].what, t->id, u[k].more);
		else
			dwarn(dl, u[k].first->loc, "[%s]: %s is not printed: the layout of template '%s' has no column "
			      "for it", u[k].first->ref, u[k].what, t->id);
	}
}
