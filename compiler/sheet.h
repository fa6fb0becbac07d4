/* sheet.h - reads a filled data-entry workbook (annexc form) back as a data
 * document: libzip for the package, libxml2's streaming reader for its parts. */
#ifndef ANNEXC_SHEET_H
#define ANNEXC_SHEET_H

#include <stddef.h>

#include "data.h"
#include "diag.h"
#include "model.h"

/* An opened workbook: its cells, not yet read against a template. */
typedef struct sheet_book sheet_book;

/* Nonzero when file is a zip package (a workbook) by its first bytes. */
int sheet_is_workbook(const char *file);
/* Opens file; NULL with diagnostics when it is not a readable annexc form. */
sheet_book *sheet_open(const char *file, diag_list *dl);
/* The same from memory (the fuzz target); name is used in messages. */
sheet_book *sheet_open_mem(const char *name, const void *data, size_t len, diag_list *dl);
/* The template id the form was made for, owned by b. */
const char *sheet_template_id(const sheet_book *b);
/* Reads the form against t (its version, its locked part, every input
 * cell) into a data document; NULL with diagnostics. The caller closes it. */
data_doc *sheet_data(sheet_book *b, const model_template *t, diag_list *dl);
void sheet_close(sheet_book *b);

#endif
