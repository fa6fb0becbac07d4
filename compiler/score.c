/* score.c - APA scoring in exact rational arithmetic. */
#include "score.h"

#include <stdlib.h>

#include "util.h"

int score_at_least(const model_indicator *ind, rat a, rat b)
{
	return ind->unit == UNIT_DATE ? rat_cmp(a, b) <= 0 : rat_cmp(a, b) >= 0;
}

model_value score_aggregate(const model_indicator *ind, const model_value *v, int q)
{
	model_value out = { VAL_EMPTY, { 0, 1 } };
	int i, n = 0;

	for (i = 0; i < q; i++) {
		if (v[i].kind != VAL_NUM)
			continue;
		n++;
		if (out.kind != VAL_NUM)
			out = v[i];
		else if (ind->agg == AGG_SUM)
			out.num = rat_add(out.num, v[i].num);
		else if (ind->agg == AGG_LATEST)
			out = v[i];
		else if (ind->agg == AGG_EARLIEST && rat_cmp(v[i].num, out.num) < 0)
			out = v[i];
		else if (ind->agg == AGG_MAX && rat_cmp(v[i].num, out.num) > 0)
			out = v[i];
		else if (ind->agg == AGG_MEAN)
			out.num = rat_add(out.num, v[i].num);
	}
	if (ind->agg == AGG_MEAN && n > 1)
		out.num = rat_div(out.num, rat_int(n));
	if (out.kind != VAL_NUM && q >= 1 && v[q - 1].kind == VAL_NA)
		out.kind = VAL_NA;
	return out;
}

/* Linear interpolation between grade hi (better) and lo at achievement x. */
static rat between(const model_template *t, const model_indicator *ind, int hi, int lo, rat x)
{
	rat span = rat_sub(ind->target[hi].num, ind->target[lo].num);
	rat frac = rat_div(rat_sub(x, ind->target[lo].num), span);
	rat pspan = rat_int(t->grade[hi].percent - t->grade[lo].percent);

	return rat_add(rat_int(t->grade[lo].percent), rat_mul(pspan, frac));
}

static rat percent_graded(const model_template *t, const model_indicator *ind, rat x)
{
	int i, prev = -1;

	for (i = 0; i < t->ngrade; i++) {
		if (ind->target[i].kind != VAL_NUM)
			continue;
		if (score_at_least(ind, x, ind->target[i].num)) {
			if (prev < 0 || ind->method == METHOD_STEP)
				return rat_int(t->grade[i].percent);
			return between(t, ind, prev, i, x);
		}
		prev = i;
	}
	return rat_int(0);
}

rat score_percent(const model_template *t, const model_indicator *ind, rat x)
{
	rat p;

	if (ind->method == METHOD_PROPORTIONAL && ind->target[0].kind == VAL_NUM) {
		if (ind->target[0].num.n == 0)
			return rat_int(t->grade[0].percent);
		p = rat_mul(rat_int(t->grade[0].percent), rat_div(x, ind->target[0].num));
		return rat_cmp(p, rat_int(t->grade[0].percent)) > 0 ? rat_int(t->grade[0].percent) : p;
	}
	return percent_graded(t, ind, x);
}

/* A score-unit indicator without targets: the marks obtained, capped at the weight. */
static int has_targets(const model_template *t, const model_indicator *ind)
{
	int i;

	for (i = 0; i < t->ngrade; i++)
		if (ind->target[i].kind == VAL_NUM)
			return 1;
	return 0;
}

model_value score_quarter_target(const model_indicator *ind, const model_result *res, int q)
{
	if (res && res->has_qtarget[q - 1])
		return res->qtarget[q - 1];
	return ind->qtarget[q - 1];
}

/* Nonzero when quarter targets say nothing was due up to quarter q ("-" in each). */
static int nothing_due(const model_indicator *ind, const model_result *res, int q)
{
	int i;

	for (i = 1; i <= q; i++)
		if (score_quarter_target(ind, res, i).kind != VAL_NA)
			return 0;
	return q >= 1;
}

/* The share of the year's quarter targets due by quarter q (1 when none are numbers). */
static rat to_date_share(const model_indicator *ind, const model_result *res, int q)
{
	rat due = rat_int(0), year = rat_int(0);
	int i;

	for (i = 1; i <= MODEL_QUARTERS; i++) {
		model_value v = score_quarter_target(ind, res, i);

		if (v.kind != VAL_NUM)
			continue;
		year = rat_add(year, v.num);
		if (i <= q)
			due = rat_add(due, v.num);
	}
	return year.n > 0 ? rat_div(due, year) : rat_int(1);
}

/* Marks per quarter: each quarter up to q with a target gives W/n (n the
 * quarters of the year with one) times the share of the target reached
 * (for dates: all if on time, else nothing). */
static rat quarterly_marks(const model_indicator *ind, const model_result *res, int q)
{
	rat sum = rat_int(0);
	int i, n = 0;

	for (i = 1; i <= MODEL_QUARTERS; i++)
		n += score_quarter_target(ind, res, i).kind == VAL_NUM;
	for (i = 1; n && i <= q; i++) {
		model_value t = score_quarter_target(ind, res, i), a = res ? res->ach[i - 1] : t;
		rat frac;

		if (t.kind != VAL_NUM || a.kind != VAL_NUM)
			continue;
		if (ind->unit == UNIT_DATE)
			frac = rat_int(rat_cmp(a.num, t.num) <= 0);
		else if (t.num.n == 0 || rat_cmp(a.num, t.num) >= 0)
			frac = rat_int(1);
		else
			frac = rat_div(a.num, t.num);
		sum = rat_add(sum, frac);
	}
	return n ? rat_div(rat_mul(ind->weight, sum), rat_int(n)) : rat_int(0);
}

/* Full marks by the deadline (the first grade's date), less the deduction
 * for each period (or part of one) late; nothing after late-until. */
static rat deadline_marks(const model_indicator *ind, rat x)
{
	rat late, periods, left;
	long days;

	if (ind->late_until.kind == VAL_NUM && rat_cmp(x, ind->late_until.num) > 0)
		return rat_int(0);
	if (ind->target[0].kind != VAL_NUM || rat_cmp(x, ind->target[0].num) <= 0)
		return ind->weight;
	late = rat_sub(x, ind->target[0].num);
	days = (long)late.n / (long)late.d;
	periods = rat_int((days + ind->late_every - 1) / ind->late_every);
	left = rat_sub(ind->weight, rat_mul(ind->late_deduct, periods));
	return left.n < 0 ? rat_int(0) : left;
}

/* Score and percent of a scored indicator with total achievement x. */
static void score_rule(const model_template *t, const model_report *r, score_indicator *s, rat x)
{
	const model_indicator *ind = s->ind;
	model_indicator scaled;
	int g;

	if (ind->method == METHOD_QUARTERLY || ind->method == METHOD_DEADLINE) {
		s->score = ind->method == METHOD_QUARTERLY ? quarterly_marks(ind, s->res, r->quarter) :
							      deadline_marks(ind, x);
		s->percent = rat_mul(rat_int(100), rat_div(s->score, ind->weight));
		return;
	}
	if (ind->to_date) {
		rat f = to_date_share(ind, s->res, r->quarter);

		scaled = *ind;
		for (g = 0; g < t->ngrade; g++)
			if (scaled.target[g].kind == VAL_NUM)
				scaled.target[g].num = rat_mul(scaled.target[g].num, f);
		ind = &scaled;
	}
	s->percent = score_percent(t, ind, x);
	s->score = rat_div(rat_mul(ind->weight, s->percent), rat_int(100));
}

static void score_one(const model_template *t, const model_report *r, score_indicator *s)
{
	static const model_value none[MODEL_QUARTERS];
	const model_indicator *ind = s->ind;

	s->res = model_find_result(r, ind->id);
	s->total = score_aggregate(ind, s->res ? s->res->ach : none, r->quarter);
	s->max = ind->weight;
	s->score = rat_int(0);
	s->percent = rat_int(0);
	if (s->total.kind == VAL_NA ||
	    (s->total.kind == VAL_EMPTY && nothing_due(ind, s->res, r->quarter))) {
		s->status = SCORE_NOT_APPLICABLE;
		s->max = rat_int(0);
		return;
	}
	if (s->total.kind == VAL_EMPTY) {
		s->status = SCORE_NOT_REPORTED;
		return;
	}
	s->status = SCORE_SCORED;
	if (ind->unit == UNIT_SCORE && !has_targets(t, ind) && ind->method != METHOD_QUARTERLY) {
		s->score = rat_cmp(s->total.num, ind->weight) > 0 ? ind->weight : s->total.num;
		s->percent = rat_mul(rat_int(100), rat_div(s->score, ind->weight));
		return;
	}
	score_rule(t, r, s, s->total.num);
}

static void score_area_fill(const model_template *t, const model_report *r, const model_area *a,
			    score_area *sa)
{
	size_t b, c, n = 0;

	for (b = 0; b < a->nact; b++)
		n += a->act[b].nind;
	sa->area = a;
	sa->ind = util_alloc(n * sizeof *sa->ind);
	sa->score = sa->max = sa->weight = rat_int(0);
	for (b = 0; b < a->nact; b++)
		for (c = 0; c < a->act[b].nind; c++) {
			score_indicator *s = &sa->ind[sa->nind++];

			s->ind = &a->act[b].ind[c];
			s->act = &a->act[b];
			score_one(t, r, s);
			sa->score = rat_add(sa->score, s->score);
			sa->max = rat_add(sa->max, s->max);
			sa->weight = rat_add(sa->weight, s->ind->weight);
		}
}

score_report *score_compute(const model_template *t, const model_report *r)
{
	score_report *s = util_alloc(sizeof *s);
	size_t a, i;

	rat_clear_overflow();
	s->area = util_alloc(t->narea * sizeof *s->area);
	s->narea = t->narea;
	s->score = s->max = s->weight = rat_int(0);
	for (a = 0; a < t->narea; a++) {
		score_area *sa = &s->area[a];

		score_area_fill(t, r, &t->area[a], sa);
		s->score = rat_add(s->score, sa->score);
		s->max = rat_add(s->max, sa->max);
		s->weight = rat_add(s->weight, sa->weight);
		for (i = 0; i < sa->nind; i++)
			s->not_reported += sa->ind[i].status == SCORE_NOT_REPORTED;
	}
	s->overflow = rat_overflowed();
	return s;
}

void score_free(score_report *s)
{
	size_t a;

	if (s == NULL)
		return;
	for (a = 0; a < s->narea; a++)
		free(s->area[a].ind);
	free(s->area);
	free(s);
}

int score_grade(const model_template *t, const score_report *s)
{
	rat pct;
	int g;

	if (s->max.n <= 0)
		return -1;
	pct = rat_div(rat_mul(rat_int(100), s->score), s->max);
	for (g = 0; g < t->ngrade; g++)
		if (rat_cmp(pct, rat_int(t->grade[g].percent)) >= 0)
			return g;
	return -1;
}
