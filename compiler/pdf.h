/* pdf.h - the PDF backend: the forwarding letter (A4 portrait) and the annex
 * table (A4 landscape) set with pango on cairo, fonts embedded and subset. */
#ifndef ANNEXC_PDF_H
#define ANNEXC_PDF_H

#include "document.h"

/* NULL when d can be set in PDF, else why not (its font family is missing); malloc'd. */
char *pdf_check(const doc *d);
/* Writes d to path (through a temporary file renamed into place); created is
 * the document date in seconds since 1970. NULL on success, else a malloc'd
 * message. */
char *pdf_write(const doc *d, const char *path, long long created);

/* Releases the shaped layouts and the pango context kept between documents. */
void pdf_cleanup(void);

#endif
