/* score.h - APA scoring: aggregates quarterly achievements and computes the
 * achieved score of every indicator, area and the plan, exactly. */
#ifndef ANNEXC_SCORE_H
#define ANNEXC_SCORE_H

#include "model.h"

enum score_status { SCORE_SCORED, SCORE_NOT_REPORTED, SCORE_NOT_APPLICABLE };

/* One indicator's result; points into the template and report. */
typedef struct score_indicator {
	const model_indicator *ind;
	const model_activity *act;
	const model_result *res; /* NULL when the data gives nothing */
	enum score_status status;
	model_value total;       /* aggregated achievement up to the report's quarter */
	rat percent;             /* grade percent reached, 0..100 */
	rat score;               /* achieved score */
	rat max;                 /* weight, or 0 when not applicable */
} score_indicator;

typedef struct score_area {
	const model_area *area;
	score_indicator *ind;
	size_t nind;
	rat score, max, weight;
} score_area;

/* The scored report; owner frees with score_free. */
typedef struct score_report {
	score_area *area;
	size_t narea;
	rat score, max, weight;
	int not_reported; /* how many indicators were not reported */
	int overflow;     /* exact arithmetic ran out of 64 bits: the numbers are wrong */
} score_report;

/* The target of ind for quarter q (1-based): the office's, else the template's. */
model_value score_quarter_target(const model_indicator *ind, const model_result *res, int q);
/* Aggregates the quarters 1..q of the values v for unit/aggregation of ind. */
/* The grade the report reaches: the best whose percent the score is of
 * the attainable maximum; -1 below the lowest (or with no maximum). */
int score_grade(const model_template *t, const score_report *s);
/* Nonzero when a is at least as good as b (earlier for dates, larger otherwise). */
int score_at_least(const model_indicator *ind, rat a, rat b);
model_value score_aggregate(const model_indicator *ind, const model_value *v, int q);
/* The grade percent achievement x reaches under ind's method (0..100). */
rat score_percent(const model_template *t, const model_indicator *ind, rat x);
/* Scores report r against template t. */
score_report *score_compute(const model_template *t, const model_report *r);
void score_free(score_report *s);

#endif
