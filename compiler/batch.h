/* batch.h - annexc build: compiles many offices' data into XLSX and PDF,
 * N at a time, resumably, with a run report. */
#ifndef ANNEXC_BATCH_H
#define ANNEXC_BATCH_H

#include <stddef.h>

#include <jansson.h>

#include "diag.h"
#include "model.h"
#include "score.h"

/* What build was asked to do. */
typedef struct batch_opts {
	const char *tmpl;     /* -t, or NULL */
	const char *outdir;   /* -o */
	const char *format;   /* "xlsx", "pdf", "xlsx,pdf" or NULL for both */
	const char *font;     /* --font */
	const char *font_dir; /* --font-dir */
	const char *shard;    /* "K/N" or NULL */
	int jobs;             /* -j; 0 = the number of cores */
	int force, quiet, verbose;
} batch_opts;

/* The data files among inputs (files as given, directories searched for
 * report files in sorted order), malloc'd; problems reading them go to dl. */
char **batch_collect(char **inputs, int ninputs, size_t *nfiles, diag_list *dl);

/* Loads fonts/fonts.conf and the font files beside it, and font_dir (may be
 * NULL), before any text is measured; once per process (later calls do nothing). */
void batch_setup_fonts(const char *font_dir);

/* Creates dir and its missing parents, as mkdir -p; -1 (errno set) on failure. */
int batch_make_dirs(const char *dir);

/* Compiles every data file among inputs (files, or directories searched for
 * report files); returns the exit code. */
int batch_build(const batch_opts *o, char **inputs, int ninputs);

#endif
