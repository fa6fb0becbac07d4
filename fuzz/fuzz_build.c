/* fuzz_build.c - libFuzzer target: one office end to end, as `annexc build`
 * compiles it: the data loaded and scored against the template it names,
 * the document laid out, dumped, and written by every backend (XLSX, PDF, HTML)
 * into the scratch directory. */
#include <stdlib.h>
#include <unistd.h>

#include "batch.h"
#include "document.h"
#include "fuzz.h"
#include "html.h"
#include "pdf.h"
#include "pipeline.h"
#include "xlsx.h"

void fuzz_init(void)
{
	batch_setup_fonts(NULL);
}

/* Writes d through one backend to SCRATCH/name and removes the file again. */
static void write_out(const doc *d, const char *name, char *(*write)(const doc *, const char *, long long))
{
	char *path = fuzz_path(name);

	free(write(d, path, (long long)d->date * 86400));
	unlink(path);
	free(path);
}

static void render(const model_template *t, const model_report *r, const score_report *s)
{
	doc *d = doc_build(t, r, s, NULL);
	char *err;

	doc_dump(d, fuzz_null());
	write_out(d, "out.xlsx", xlsx_write);
	write_out(d, "out.html", html_write);
	if ((err = pdf_check(d)) == NULL)
		write_out(d, "out.pdf", pdf_write);
	free(err);
	doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *file = fuzz_write("data.in", data, size);
	diag_list dl = { 0 };
	model_template *t;
	score_report *s;
	model_report *r = pipe_load(NULL, fuzz_cache(), file, &t, &s, &dl);

	if (r != NULL) {
		render(t, r, s);
		score_free(s);
	}
	model_report_free(r);
	diag_list_free(&dl);
	free(file);
	return 0;
}
