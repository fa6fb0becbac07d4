/* fuzz_data.c - libFuzzer target: the data loader and scoring, as `annexc
 * score --json` runs them: XML, schema, the template the data names (found
 * by id among the shipped templates and the examples' own, loaded once and
 * kept), reading against it, scoring, validation and the JSON scores. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_score("data.in", data, size);
	return 0;
}
