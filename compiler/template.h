/* template.h - loads a template XML file (resolving extends) into the model
 * and validates it: ids, weights, targets, layout. */
#ifndef ANNEXC_TEMPLATE_H
#define ANNEXC_TEMPLATE_H

#include "diag.h"
#include "model.h"

/* Directories searched for a template id, in order; owner frees with tpl_path_free. */
typedef struct tpl_path {
	char **dir;
	size_t n, cap;
} tpl_path;

/* Builds the search path: first (may be NULL), then every directory in
 * $ANNEXC_TEMPLATE_PATH (colon-separated), then the installed templates. */
void tpl_path_init(tpl_path *p, const char *first);
void tpl_path_free(tpl_path *p);
/* Nonzero when id can name a template: names separated by '/', none empty,
 * "." or "..", and no leading '/', so that it never leaves the search path. */
int tpl_id_ok(const char *id);
/* The file for template id (DIR/ID.xml), malloc'd, or NULL when none exists. */
char *tpl_find(const tpl_path *p, const char *id);
/* Loads and validates file. Problems go to dl as template errors; NULL when
 * the template cannot be used. The caller frees with model_template_free. */
model_template *tpl_load(const char *file, const tpl_path *p, diag_list *dl);

#endif
