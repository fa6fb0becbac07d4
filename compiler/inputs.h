/* inputs.h - a run's inputs: files as given and, in directories, the files
 * whose first element (as libxml2 parses it) is <report>, or that cannot be
 * parsed that far, in sorted order, each once; and each one's output base
 * name: its file's stem, with as many of the directories above it as it
 * takes to tell it from the others. */
#ifndef ANNEXC_INPUTS_H
#define ANNEXC_INPUTS_H

#include <stddef.h>

#include "diag.h"

/* One data file of the run. */
typedef struct inputs_job {
	char *input;
	char *name; /* output base name, unique in the run; NULL until inputs_name */
} inputs_job;

/* A file found in a directory that is not a report (a template beside its
 * data): listed with --verbose and counted in the run report. */
typedef struct inputs_skip {
	char *file, *root;
} inputs_skip;

/* Owner frees with inputs_free. */
typedef struct inputs {
	inputs_job *job;
	size_t n, cap;
	inputs_skip *skip;
	size_t nskip, capskip;
} inputs;

/* Adds the data files among paths; a path that cannot be read goes to dl. */
void inputs_collect(inputs *in, char **paths, int n, diag_list *dl);
/* Names every job's outputs. */
void inputs_name(inputs *in);
void inputs_free(inputs *in);

#endif
