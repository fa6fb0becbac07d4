/* html.h - the HTML backend: one self-contained page per report (a semantic
 * table, the letter and signature blocks, print CSS for A4 pages), and the
 * index page of a batch run. No script, nothing fetched from the network. */
#ifndef ANNEXC_HTML_H
#define ANNEXC_HTML_H

#include <jansson.h>

#include "document.h"

/* Writes d to path (through a temporary file renamed into place); created is
 * the document date in seconds since 1970. NULL on success, else a malloc'd
 * message. */
char *html_write(const doc *d, const char *path, long long created);

/* The index of a batch run, written a record at a time; owned by the
 * caller from html_index_open until html_index_close. */
typedef struct html_index html_index;

/* Starts the index page at path; outputs under outdir are linked relative
 * to it. NULL with a malloc'd message in *err when it cannot be created. */
html_index *html_index_open(const char *path, const char *outdir, char **err);
/* Adds one office: a run-report record (input, name, office, score, max,
 * grades, outputs, status). ix may be NULL (then nothing happens). */
void html_index_add(html_index *ix, const json_t *rec);
/* Finishes and renames the page into place; frees ix (NULL is fine).
 * NULL on success, else a malloc'd message. */
char *html_index_close(html_index *ix);

#endif
