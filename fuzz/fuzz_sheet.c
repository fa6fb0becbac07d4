/* fuzz_sheet.c - libFuzzer target: a filled form (.xlsx) as `annexc score`
 * reads it: the zip package and its size checks, the workbook, relations,
 * shared strings and sheets through libxml2's streaming reader, the form's
 * version, checksum and locked cells against the template it names (found
 * among the shipped templates and the examples' own, loaded once and kept),
 * then the data document it stands for, read, validated and scored. */
#include <stdlib.h>

#include "fuzz.h"
#include "json.h"
#include "pipeline.h"

static pipe_cache cache;

static void cleanup(void)
{
	pipe_cache_free(&cache);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *file = fuzz_write("book.xlsx", data, size);
	diag_list dl = { 0 };
	model_template *t;
	score_report *s;
	model_report *r = pipe_load(NULL, &cache, file, &t, &s, &dl);

	if (r != NULL) {
		json_write_scores(fuzz_null(), t, r, s);
		score_free(s);
	}
	model_report_free(r);
	diag_list_free(&dl);
	free(file);
	return 0;
}
