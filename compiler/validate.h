/* validate.h - checks that need a whole resolved template, or a report
 * together with its template: ids, weights, targets, data references. */
#ifndef ANNEXC_VALIDATE_H
#define ANNEXC_VALIDATE_H

#include "diag.h"
#include "model.h"

/* Reports every problem of t to dl as template errors. */
void validate_template(const model_template *t, diag_list *dl);
/* Reports every problem of r against t to dl as data errors or warnings. */
void validate_report(const model_template *t, const model_report *r, diag_list *dl);

#endif
