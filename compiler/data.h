/* data.h - reads one office's report data (XML) against its template. */
#ifndef ANNEXC_DATA_H
#define ANNEXC_DATA_H

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"

/* A parsed, schema-valid data file not yet read into the model. */
typedef struct data_doc data_doc;

/* Parses and schema-validates file; NULL (with diagnostics) when unusable.
 * The caller frees with data_close. */
data_doc *data_open(const char *file, diag_list *dl);
/* A data document built in memory (from a workbook or CSV) instead of
 * parsed; takes doc and names (node line L stands for location names[L - 1],
 * named in diagnostics as it is). */
data_doc *data_from_doc(const char *file, xmlDocPtr doc, char **names, size_t nnames);
/* A data document being built (by the workbook and CSV readers): the
 * <report> root and the location each node stands for. */
typedef struct data_build {
	xmlDocPtr doc;
	xmlNodePtr root;
	char **names;
	size_t nnames, cap;
} data_build;

/* Starts <report template= quarter= fiscal-year=> (fiscal_year may be NULL). */
void data_build_init(data_build *b, const char *template_id, int quarter, const char *fiscal_year);
/* Records that node n comes from location name ("F.xlsx:SHEET!C4", "F.csv:12"). */
void data_build_at(data_build *b, xmlNodePtr n, const char *name);
/* The finished document, for file; b is emptied. */
data_doc *data_build_done(data_build *b, const char *file);
/* The file a document was read from, owned by d. */
const char *data_file(const data_doc *d);
/* The XML of a document (for annexc convert), owned by d. */
xmlDocPtr data_xml(const data_doc *d);
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
