/* data.h - reads one office's report data (XML) against its template. */
#ifndef ANNEXC_DATA_H
#define ANNEXC_DATA_H

#include "diag.h"
#include "model.h"

/* A parsed, schema-valid data file not yet read into the model. */
typedef struct data_doc data_doc;

/* Parses and schema-validates file; NULL (with diagnostics) when unusable.
 * The caller frees with data_close. */
data_doc *data_open(const char *file, diag_list *dl);
/* The template id the data names (ASCII), owned by d. */
const char *data_template_id(const data_doc *d);
/* Line of the element that names the template. */
int data_template_line(const data_doc *d);
/* Reads the report against t (the checks that need its scores are
 * validate_report's); problems go to dl. NULL when it has errors.
 * The caller frees with model_report_free. */
model_report *data_read(data_doc *d, const model_template *t, diag_list *dl);
void data_close(data_doc *d);
/* The office's name as the data gives it (malloc'd), or NULL: the summary
 * names an office whose data is invalid by it. */
char *data_office_name(const data_doc *d);

#endif
