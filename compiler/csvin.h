/* csvin.h - CSV input (libcsv): a table of named columns, and a ministry's
 * achievements (office, indicator, quarter, value, comment, evidence) as one
 * data document per office. */
#ifndef ANNEXC_CSVIN_H
#define ANNEXC_CSVIN_H

#include <stddef.h>

#include "data.h"
#include "diag.h"
#include "model.h"

/* A CSV file: the first row's names, then rows of cells (row-major,
 * ncol per row, NULL where a row is short) and each row's line; owner frees
 * with csvin_table_free. */
typedef struct csv_table {
	char **head;
	size_t ncol;
	char **cell;
	int *line;
	size_t nrow, cap, capline;
} csv_table;

/* Reads file; 0, or -1 with diagnostics (FILE:LINE). */
int csvin_table(const char *file, csv_table *tb, diag_list *dl);
void csvin_table_free(csv_table *tb);
/* The offices of an achievements CSV against t, one data document each (in
 * the order they first appear) for the report quarter (0: the last quarter
 * the file gives); NULL with diagnostics. *n set; the caller closes each
 * document and frees the array. */
data_doc **csvin_reports(const char *file, const model_template *t, int quarter, size_t *n, diag_list *dl);

#endif
