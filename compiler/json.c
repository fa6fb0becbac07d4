/* json.c - the scored report as JSON. */
#include "json.h"

#include <string.h>

static void str(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/* Exact values print exactly when they have at most 10 significant digits. */
static void num(FILE *fp, rat r)
{
	fprintf(fp, "%.10g", rat_double(r));
}

static void value(FILE *fp, model_value v, enum model_unit u)
{
	if (v.kind != VAL_NUM)
		fputs("null", fp);
	else if (u == UNIT_DATE) {
		bn_date d = bn_from_days((long)v.num.n);
		fprintf(fp, "\"%04d-%02d-%02d\"", d.y, d.m, d.d);
	} else
		num(fp, v.num);
}

static const char *status_name(enum score_status s)
{
	return s == SCORE_SCORED ? "scored" : s == SCORE_NOT_REPORTED ? "not-reported" : "not-applicable";
}

static void indicator(FILE *fp, const score_indicator *s)
{
	fputs("        {\"id\": ", fp);
	str(fp, s->ind->id);
	fputs(", \"activity\": ", fp);
	str(fp, s->act->id);
	fputs(", \"unit\": ", fp);
	str(fp, model_unit_name(s->ind->unit));
	fputs(", \"weight\": ", fp);
	num(fp, s->ind->weight);
	fputs(", \"total\": ", fp);
	value(fp, s->total, s->ind->unit);
	fputs(", \"percent\": ", fp);
	num(fp, s->percent);
	fputs(", \"score\": ", fp);
	num(fp, s->score);
	fputs(", \"max\": ", fp);
	num(fp, s->max);
	fputs(", \"status\": ", fp);
	str(fp, status_name(s->status));
	fputs(", \"label\": ", fp);
	str(fp, s->ind->label);
	fputs("}", fp);
}

static void area(FILE *fp, const score_area *a)
{
	size_t i;

	fputs("    {\"id\": ", fp);
	str(fp, a->area->id);
	fputs(", \"label\": ", fp);
	str(fp, a->area->label);
	fputs(", \"weight\": ", fp);
	num(fp, a->weight);
	fputs(", \"score\": ", fp);
	num(fp, a->score);
	fputs(", \"max\": ", fp);
	num(fp, a->max);
	fputs(",\n      \"indicators\": [\n", fp);
	for (i = 0; i < a->nind; i++) {
		indicator(fp, &a->ind[i]);
		fputs(i + 1 < a->nind ? ",\n" : "\n", fp);
	}
	fputs("      ]}", fp);
}

void json_write_scores(FILE *fp, const model_template *t, const model_report *r,
		       const score_report *s)
{
	size_t i;

	fputs("{\"file\": ", fp);
	str(fp, r->file);
	fputs(", \"office\": ", fp);
	str(fp, r->office);
	fprintf(fp, ", \"quarter\": %d,\n \"plan\": {\"template\": ", r->quarter);
	str(fp, t->id);
	fputs(", \"fiscal_year\": ", fp);
	str(fp, t->fiscal_year);
	fputs(", \"weight\": ", fp);
	num(fp, s->weight);
	fputs(", \"score\": ", fp);
	num(fp, s->score);
	fputs(", \"max\": ", fp);
	num(fp, s->max);
	fputs(", \"percent\": ", fp);
	if (s->max.n > 0)
		num(fp, rat_mul(rat_int(100), rat_div(s->score, s->max)));
	else
		fputs("null", fp);
	fprintf(fp, ", \"not_reported\": %d,\n  \"areas\": [\n", s->not_reported);
	for (i = 0; i < s->narea; i++) {
		area(fp, &s->area[i]);
		fputs(i + 1 < s->narea ? ",\n" : "\n", fp);
	}
	fputs("  ]}}\n", fp);
}
