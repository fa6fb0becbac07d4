/* json.h - an office's scores as JSON (jansson): the document of
 * `annexc score --json`, and the record the run report and the summary
 * carry. Both are built from the same pieces here. */
#ifndef ANNEXC_JSON_H
#define ANNEXC_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "model.h"
#include "score.h"

/* The score --json document: file, office, quarter, and the plan with its
 * areas and indicators (id, activity, unit, weight, total, percent, score,
 * max, status, label); the caller owns it. */
json_t *json_scores(const model_template *t, const model_report *r, const score_report *s);
/* The run report's scores of one office (template, office, level, quarter,
 * date, score, max, weight, grades, indicators); the caller owns it. */
json_t *json_record(const model_template *t, const model_report *r, const score_report *s);
/* Writes json_scores and a newline; 0, or -1 when the write failed. */
int json_write_scores(FILE *fp, const model_template *t, const model_report *r, const score_report *s);

#endif
