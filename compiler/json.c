/* json.c - an office's scores as JSON, with jansson: the score --json
 * document and the run report's record, from the same pieces. */
#include "json.h"

#include <stdio.h>

#include "document.h"

static const char *const status_name[] = { "scored", "not-reported", "not-applicable" };

/* A number as annexc prints exact values: at most 10 significant digits. */
static json_t *num(rat r)
{
	char tmp[40];
	double d;

	snprintf(tmp, sizeof tmp, "%.10g", rat_double(r));
	d = strtod(tmp, NULL);
	return d == (double)(json_int_t)d && d > -1e15 && d < 1e15 ? json_integer((json_int_t)d) : json_real(d);
}

static json_t *date_string(long days)
{
	bn_date d = bn_from_days(days);
	char tmp[16];

	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.y, d.m, d.d);
	return json_string(tmp);
}

/* A total achievement: a number, an ISO date, or null. */
static json_t *value(model_value v, enum model_unit u)
{
	if (v.kind != VAL_NUM)
		return json_null();
	return u == UNIT_DATE ? date_string((long)v.num.n) : num(v.num);
}

static json_t *opt_string(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *indicator(const score_indicator *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(s->ind->id));
	json_object_set_new(o, "activity", json_string(s->act->id));
	json_object_set_new(o, "unit", json_string(model_unit_name(s->ind->unit)));
	json_object_set_new(o, "weight", num(s->ind->weight));
	json_object_set_new(o, "total", value(s->total, s->ind->unit));
	json_object_set_new(o, "percent", num(s->percent));
	json_object_set_new(o, "score", num(s->score));
	json_object_set_new(o, "max", num(s->max));
	json_object_set_new(o, "status", json_string(status_name[s->status]));
	json_object_set_new(o, "label", opt_string(s->ind->label));
	return o;
}

static json_t *area(const score_area *a)
{
	json_t *o = json_object(), *inds = json_array();
	size_t i;

	json_object_set_new(o, "id", opt_string(a->area->id));
	json_object_set_new(o, "label", opt_string(a->area->label));
	json_object_set_new(o, "weight", num(a->weight));
	json_object_set_new(o, "score", num(a->score));
	json_object_set_new(o, "max", num(a->max));
	for (i = 0; i < a->nind; i++)
		json_array_append_new(inds, indicator(&a->ind[i]));
	json_object_set_new(o, "indicators", inds);
	return o;
}

static json_t *grades(const model_template *t)
{
	json_t *a = json_array();
	int g;

	for (g = 0; g < t->ngrade; g++)
		json_array_append_new(a, json_pack("{s:s, s:i}", "label", t->grade[g].label, "percent",
						   t->grade[g].percent));
	return a;
}

json_t *json_scores(const model_template *t, const model_report *r, const score_report *s)
{
	json_t *o = json_object(), *plan = json_object(), *areas = json_array();
	size_t i;

	json_object_set_new(o, "file", opt_string(r->file));
	json_object_set_new(o, "office", opt_string(r->office));
	json_object_set_new(o, "quarter", json_integer(r->quarter));
	json_object_set_new(plan, "template", json_string(t->id));
	json_object_set_new(plan, "fiscal_year", opt_string(t->fiscal_year));
	json_object_set_new(plan, "weight", num(s->weight));
	json_object_set_new(plan, "score", num(s->score));
	json_object_set_new(plan, "max", num(s->max));
	json_object_set_new(plan, "percent", s->max.n > 0 ? num(rat_mul(rat_int(100), rat_div(s->score, s->max))) :
							    json_null());
	json_object_set_new(plan, "not_reported", json_integer(s->not_reported));
	for (i = 0; i < s->narea; i++)
		json_array_append_new(areas, area(&s->area[i]));
	json_object_set_new(plan, "areas", areas);
	json_object_set_new(o, "plan", plan);
	return o;
}

json_t *json_record(const model_template *t, const model_report *r, const score_report *s)
{
	json_t *o = json_object(), *inds = json_array();
	size_t a, i;
	int g;

	for (a = 0; a < s->narea; a++)
		for (i = 0; i < s->area[a].nind; i++) {
			const score_indicator *x = &s->area[a].ind[i];

			json_array_append_new(inds, json_pack("{s:s, s:o, s:o, s:o, s:o, s:s}", "id", x->ind->id,
							      "label", opt_string(x->ind->label), "weight",
							      num(x->ind->weight), "score", num(x->score), "max",
							      num(x->max), "status", status_name[x->status]));
		}
	json_object_set_new(o, "template", json_string(t->id));
	json_object_set_new(o, "office", opt_string(r->office));
	json_object_set_new(o, "level", opt_string(t->level));
	json_object_set_new(o, "quarter", json_integer(r->quarter));
	json_object_set_new(o, "date", date_string(doc_report_date(t, r)));
	json_object_set_new(o, "score", num(s->score));
	json_object_set_new(o, "max", num(s->max));
	json_object_set_new(o, "weight", num(s->weight));
	json_object_set_new(o, "grades", grades(t));
	g = score_grade(t, s);
	json_object_set_new(o, "grade", g >= 0 ? json_string(t->grade[g].label) : json_null());
	json_object_set_new(o, "indicators", inds);
	return o;
}

int json_write_scores(FILE *fp, const model_template *t, const model_report *r, const score_report *s)
{
	json_t *o = json_scores(t, r, s);
	int rc = json_dumpf(o, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));

	json_decref(o);
	if (rc == 0)
		fputc('\n', fp);
	return rc;
}
