/* json.h - the scored report as JSON (annexc score --json). */
#ifndef ANNEXC_JSON_H
#define ANNEXC_JSON_H

#include <stdio.h>

#include "model.h"
#include "score.h"

/* Writes the scores of r (template t) as one JSON object followed by a newline. */
void json_write_scores(FILE *fp, const model_template *t, const model_report *r,
		       const score_report *s);

#endif
