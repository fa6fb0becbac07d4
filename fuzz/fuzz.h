/* fuzz.h - what the libFuzzer targets share: a private scratch directory
 * (under $TMPDIR, else /tmp), the fuzz input written there as a file for
 * the loaders, which read by path, and the process's setup and cleanup. */
#ifndef ANNEXC_FUZZ_H
#define ANNEXC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pipeline.h"

/* libFuzzer's entry points, defined by each target. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Creates the scratch directory, fixes the template search path (the
 * shipped templates, then the examples' own) and registers the cleanup that
 * removes the directory and frees the library's caches at exit. fuzz.c's
 * LLVMFuzzerInitialize calls it, then fuzz_init. */
void fuzz_setup(void);
/* A target's own setup (fuzz.c has an empty default). */
void fuzz_init(void);
/* Registers what the target itself keeps, freed first at exit. */
void fuzz_on_exit(void (*cleanup)(void));
/* SCRATCH/name, malloc'd. */
char *fuzz_path(const char *name);
/* Writes the input to SCRATCH/name; returns that path (malloc'd), or aborts. */
char *fuzz_write(const char *name, const uint8_t *data, size_t size);
/* The input as a NUL-terminated string (malloc'd; cut at its first NUL). */
char *fuzz_string(const uint8_t *data, size_t size);
/* An open /dev/null for output that is produced only to be thrown away. */
FILE *fuzz_null(void);
/* The pipeline's cache of templates, kept for the whole process. */
pipe_cache *fuzz_cache(void);
/* Writes the input to SCRATCH/name and loads it as `annexc score --json`
 * does (XML data, a filled workbook: whatever the loader takes), the scores
 * written to /dev/null. */
void fuzz_score(const char *name, const uint8_t *data, size_t size);

#endif
