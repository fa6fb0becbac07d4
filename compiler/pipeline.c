/* pipeline.c - one data file and its template, loaded and validated. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "sheet.h"
#include "template.h"
#include "validate.h"
#include "util.h"

/* The template file to use for data naming template did at line: -t as a
 * file or an id, else the data's id. */
static char *template_file(const char *tmpl, const char *datafile, const char *did, int line, diag_list *dl)
{
	char *dir = util_dir_of(datafile), *f;
	const char *id = tmpl ? tmpl : did;
	tpl_path p;

	if (tmpl && access(tmpl, F_OK) == 0) {
		free(dir);
		return util_strdup(tmpl);
	}
	tpl_path_init(&p, dir);
	f = tpl_find(&p, id);
	if (f == NULL)
		diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, datafile, tmpl ? 0 : line,
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

/* The template for id (or -t), from the cache. */
static model_template *template_for(const char *tmpl, pipe_cache *c, const char *file, const char *id, int line,
				    diag_list *dl)
{
	char *tf = template_file(tmpl, file, id, line, dl);
	model_template *t;

	if (tf == NULL)
		return NULL;
	t = cached_template(c, tf, file, dl);
	free(tf);
	return t;
}

model_template *pipe_template(const char *tmpl, pipe_cache *c, const char *file, diag_list *dl)
{
	return template_for(tmpl, c, file, tmpl, 0, dl);
}

/* A filled form: its cells read against the template it names. */
static data_doc *open_workbook(const char *tmpl, pipe_cache *c, const char *file, model_template **tp,
			       diag_list *dl)
{
	sheet_book *b = sheet_open(file, dl);
	data_doc *d = NULL;

	if (b == NULL)
		return NULL;
	if ((*tp = template_for(tmpl, c, file, sheet_template_id(b), 0, dl)) != NULL)
		d = sheet_data(b, *tp, dl);
	sheet_close(b);
	return d;
}

data_doc *pipe_open(const char *tmpl, pipe_cache *c, const char *file, model_template **tp, diag_list *dl)
{
	data_doc *d;

	*tp = NULL;
	if (sheet_is_workbook(file))
		return open_workbook(tmpl, c, file, tp, dl);
	if ((d = data_open(file, dl)) == NULL)
		return NULL;
	*tp = template_for(tmpl, c, file, data_template_id(d), data_template_line(d), dl);
	return d;
}

model_report *pipe_read(data_doc *d, const model_template *t, score_report **sp, diag_list *dl)
{
	model_report *r;

	if (strcmp(t->id, data_template_id(d)) != 0) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, data_file(d), data_template_line(d),
			 "data names template '%s', but the template used is '%s'",
			 data_template_id(d), t->id);
		return NULL;
	}
	if ((r = data_read(d, t, dl)) != NULL)
		r = score_and_check(r, t, sp, dl);
	return r;
}

model_report *pipe_load(const char *tmpl, pipe_cache *c, const char *file, model_template **tp,
			score_report **sp, diag_list *dl)
{
	model_template *t;
	data_doc *d = pipe_open(tmpl, c, file, &t, dl);
	model_report *r = NULL;

	*tp = NULL;
	if (sp)
		*sp = NULL;
	if (d && t && (r = pipe_read(d, t, sp, dl)) != NULL)
		*tp = t;
	data_close(d);
	return r;
}

