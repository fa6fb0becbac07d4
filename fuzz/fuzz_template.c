/* fuzz_template.c - libFuzzer target: the template loader (XML, schema,
 * extends from the shipped templates, validation), then, for a template that
 * loads, scoring an empty report and laying out its document. */
#include <stdlib.h>

#include "document.h"
#include "fuzz.h"
#include "score.h"
#include "template.h"
#include "util.h"

static tpl_path path;

static void cleanup(void)
{
	tpl_path_free(&path);
}

void fuzz_init(void)
{
	tpl_path_init(&path, NULL);
	fuzz_on_exit(cleanup);
}

/* A report that gives nothing, for quarter q: every indicator not reported. */
static void lay_out(const model_template *t, int q)
{
	model_report *r = util_alloc(sizeof *r);
	score_report *s;
	doc *d;

	r->file = util_strdup("fuzz");
	r->template_id = util_strdup(t->id);
	r->quarter = q;
	s = score_compute(t, r);
	d = doc_build(t, r, s, NULL);
	doc_dump(d, fuzz_null());
	doc_free(d);
	score_free(s);
	model_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *file = fuzz_write("template.xml", data, size);
	diag_list dl = { 0 };
	model_template *t = tpl_load(file, &path, &dl);

	if (t != NULL)
		lay_out(t, 1 + (int)(size % 4));
	model_template_free(t);
	diag_list_free(&dl);
	free(file);
	return 0;
}
