/* register.h - a ministry's register of expected offices (CSV): who should
 * report, and where each office sits in the hierarchy (division, district,
 * …). Read with libcsv; knows nothing of the summary that uses it. */
#ifndef ANNEXC_REGISTER_H
#define ANNEXC_REGISTER_H

#include <stddef.h>

#include "diag.h"

/* One expected office: its key (the office's name as its data writes it,
 * or its data file's name), its place at each level, the line it is on. */
typedef struct reg_row {
	char *key;
	char **place; /* nlevel of them, outermost first */
	int line;
} reg_row;

/* The register; owner frees with reg_free. */
typedef struct reg_list {
	char *file;
	char **level;  /* the levels' names, from the header row after its first column */
	size_t nlevel;
	reg_row *row;  /* in the file's order */
	size_t n, cap;
	size_t *index; /* rows by key */
} reg_list;

/* The most levels a register may have. */
#define REG_MAX_LEVELS 4

/* Reads file into r. Returns 0, or nonzero with diagnostics in dl (file and
 * line): unreadable (an I/O error), not CSV, rows of the wrong width, empty
 * or repeated keys, more than REG_MAX_LEVELS levels. */
int reg_load(const char *file, reg_list *r, diag_list *dl);
/* The row whose key is key, or NULL. */
const reg_row *reg_find(const reg_list *r, const char *key);
void reg_free(reg_list *r);

#endif
