/* fuzz_sheet.c - libFuzzer target: a filled form (.xlsx) as `annexc score`
 * reads it: the zip package and its size checks, the workbook, relations,
 * shared strings and sheets through libxml2's streaming reader, the form's
 * version, checksum and locked cells against the template it names (found
 * among the shipped templates and the examples' own, loaded once and kept),
 * then the data document it stands for, read, validated and scored. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_score("book.xlsx", data, size);
	return 0;
}
