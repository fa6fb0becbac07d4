/* pipeline.h - the front of the pipeline shared by every command: one data
 * file and its template (found by id or given), loaded and validated, with
 * templates cached across the files of a run. */
#ifndef ANNEXC_PIPELINE_H
#define ANNEXC_PIPELINE_H

#include "data.h"
#include "diag.h"
#include "model.h"
#include "score.h"

/* Templates already loaded in this run, by file; owner frees with pipe_cache_free. */
typedef struct pipe_cache {
	char **file;
	model_template **t;
	size_t n, cap, capt;
} pipe_cache;

/* Reads file with its template: tmpl (a file or an id) when given, else the
 * one the data names, validates and scores it. Returns the report (the
 * caller frees it), its template in *tp (owned by the cache) and, when sp is
 * not NULL, its scores in *sp (the caller frees them); or NULL with
 * diagnostics in dl. */
model_report *pipe_load(const char *tmpl, pipe_cache *c, const char *file, model_template **tp,
			score_report **sp, diag_list *dl);
/* The first half of pipe_load: file (data XML or a filled form) as a data
 * document, and its template in *tp (owned by the cache; NULL on errors).
 * The caller closes the document. */
data_doc *pipe_open(const char *tmpl, pipe_cache *c, const char *file, model_template **tp, diag_list *dl);
/* The second half: reads d against t, validates and scores it. */
model_report *pipe_read(data_doc *d, const model_template *t, score_report **sp, diag_list *dl);
/* The template -t names (a file or an id), for inputs that name none (CSV). */
model_template *pipe_template(const char *tmpl, pipe_cache *c, const char *file, diag_list *dl);
void pipe_cache_free(pipe_cache *c);

#endif
