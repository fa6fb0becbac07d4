/* fuzz_summary.c - libFuzzer target: the run report reader of `annexc
 * summary` (JSON written by `annexc build`, read back by the ministry), and
 * the consolidated workbook and PDF written from it into the scratch
 * directory. */
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *file = fuzz_write("annexc-run.json", data, size);
	char *xlsx = fuzz_path("summary.xlsx"), *pdf = fuzz_path("summary.pdf");
	summary_opts o = { .out = xlsx };

	summary_run(&o, &file, 1);
	unlink(xlsx);
	unlink(pdf);
	free(xlsx);
	free(pdf);
	free(file);
	return 0;
}
