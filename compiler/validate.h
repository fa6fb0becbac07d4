/* validate.h - checks that need a whole resolved template, or a report
 * together with its template: ids, weights, targets, data references. */
#ifndef ANNEXC_VALIDATE_H
#define ANNEXC_VALIDATE_H

#include "diag.h"
#include "model.h"
#include "score.h"

/* Reports every problem of t to dl as template errors. */
void validate_template(const model_template *t, diag_list *dl);
/* Reports every problem of report r, scored as s, to dl as data errors or
 * warnings (nothing reported, links, exact arithmetic running out). */
void validate_report(const model_report *r, const score_report *s, diag_list *dl);
/* Warns about every kind of value r supplies (a comment, an evidence link
 * or its label, a responsible post) that t's layout has no column to print,
 * once per kind, at its first occurrence. */
void validate_printed(const model_template *t, const model_report *r, diag_list *dl);

#endif
