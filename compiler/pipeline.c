/* pipeline.c - one data file and its template, loaded and validated. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "template.h"
#include "validate.h"
#include "util.h"

/* The template file to use for data d: -t as a file or an id, else the data's id. */
static char *template_file(const char *tmpl, const char *datafile, const data_doc *d, diag_list *dl)
{
	char *dir = util_dir_of(datafile), *f;
	const char *id = tmpl ? tmpl : data_template_id(d);
	tpl_path p;

	if (tmpl && access(tmpl, F_OK) == 0) {
		free(dir);
		return util_strdup(tmpl);
	}
	tpl_path_init(&p, dir);
	f = tpl_find(&p, id);
	if (f == NULL)
		diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, datafile, tmpl ? 0 : data_template_line(d),
			 "template '%s' not found (looked in %s, $ANNEXC_TEMPLATE_PATH and %s)", id, dir,
			 p.dir[p.n - 1]);
	tpl_path_free(&p);
	free(dir);
	return f;
}

static model_template *cached_template(pipe_cache *c, const char *file, const char *datafile, diag_list *dl)
{
	size_t i;
	tpl_path p;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->file[i], file) == 0) {
			if (c->t[i] == NULL)
				diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, datafile, 0,
					 "template %s is invalid (see its own errors)", file);
			return c->t[i];
		}
	tpl_path_init(&p, NULL);
	util_grow(&c->file, &c->cap, c->n, sizeof *c->file);
	util_grow(&c->t, &c->capt, c->n, sizeof *c->t);
	c->file[c->n] = util_strdup(file);
	c->t[c->n] = tpl_load(file, &p, dl);
	tpl_path_free(&p);
	return c->t[c->n++];
}

void pipe_cache_free(pipe_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->file[i]);
		model_template_free(c->t[i]);
	}
	free(c->file);
	free(c->t);
}

/* Scores r once, for validation and for the caller; drops both on errors. */
static model_report *score_and_check(model_report *r, const model_template *t, score_report **sp,
				     diag_list *dl)
{
	size_t before = diag_errors(dl);
	score_report *s = score_compute(t, r);

	validate_report(r, s, dl);
	validate_printed(t, r, dl);
	if (diag_errors(dl) > before) {
		score_free(s);
		model_report_free(r);
		return NULL;
	}
	if (sp)
		*sp = s;
	else
		score_free(s);
	return r;
}

model_report *pipe_load(const char *tmpl, pipe_cache *c, const char *file, model_template **tp,
			score_report **sp, diag_list *dl)
{
	data_doc *d = data_open(file, dl);
	model_report *r = NULL;
	model_template *t;
	char *tf;

	*tp = NULL;
	if (sp)
		*sp = NULL;
	if (d == NULL)
		return NULL;
	if ((tf = template_file(tmpl, file, d, dl)) == NULL)
		goto out;
	t = cached_template(c, tf, file, dl);
	free(tf);
	if (t == NULL)
		goto out;
	if (strcmp(t->id, data_template_id(d)) != 0)
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, data_template_line(d),
			 "data names template '%s', but the template used is '%s'",
			 data_template_id(d), t->id);
	else if ((r = data_read(d, t, dl)) != NULL && (r = score_and_check(r, t, sp, dl)) != NULL)
		*tp = t;
out:
	data_close(d);
	return r;
}

