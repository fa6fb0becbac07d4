/* xlsx.h - the XLSX backend: draws a document as a workbook with live
 * formulas, Bengali-digit number formats, fitted rows and print setup. */
#ifndef ANNEXC_XLSX_H
#define ANNEXC_XLSX_H

#include "document.h"

/* Writes d to path (through a temporary file beside it, renamed into place).
 * created is the document date (seconds since 1970) for the properties.
 * Returns NULL on success, else a malloc'd message. */
char *xlsx_write(const doc *d, const char *path, long long created);

#endif
