/* fuzz_csv.c - libFuzzer target: a CSV of achievements as `annexc convert
 * -t egov-innovation/2023-24/field` reads it: libcsv, the columns, one data
 * document per office, each read, validated and scored against the shipped
 * field template (loaded once and kept). */
#include <stdlib.h>

#include "csvin.h"
#include "fuzz.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *file = fuzz_write("rows.csv", data, size);
	diag_list dl = { 0 };
	model_template *t = pipe_template("egov-innovation/2023-24/field", fuzz_cache(), file, &dl);
	data_doc **v = NULL;
	size_t n = 0, i;

	if (t != NULL)
		v = csvin_reports(file, t, 0, &n, &dl);
	for (i = 0; i < n; i++) {
		model_report_free(pipe_read(v[i], t, NULL, &dl));
		data_close(v[i]);
	}
	free(v);
	diag_list_free(&dl);
	free(file);
	return 0;
}
