/* stamps.h - what each office's outputs were built from. A fingerprint
 * hashes annexc's version, the options, the data file and every template
 * file; OUTDIR/.annexc/stamps holds one line "FINGERPRINT NAME" per office
 * built, appended as its outputs are renamed into place (so a killed run
 * keeps the stamps of what it finished) and compacted at the end of a run. */
#ifndef ANNEXC_STAMPS_H
#define ANNEXC_STAMPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "model.h"

struct stamp;

/* The stamps file as read, sorted by name; owner frees with stamps_free. */
typedef struct stamps {
	struct stamp *v;
	size_t n, cap;
} stamps;

/* OUTDIR/.annexc/stamps; malloc'd. */
char *stamps_path(const char *outdir);
/* Reads OUTDIR's stamps into s (replacing what it held); a later line for a
 * name replaces an earlier one, a line cut short by a kill is ignored. */
void stamps_load(stamps *s, const char *outdir);
/* The fingerprint last stamped for name, or NULL. */
const char *stamps_find(const stamps *s, const char *name);
/* Appends "fp name" to OUTDIR's stamps (one short write: whole or ignored). */
void stamps_append(const char *outdir, const char *name, const char *fp);
/* Closes the stamps file stamps_append keeps open (before a compaction
 * rewrites it, and when a worker ends). */
void stamps_close(void);
/* Rewrites OUTDIR's stamps with one line per name. */
void stamps_compact(const char *outdir);
void stamps_free(stamps *s);

/* The hash h continued over a file's bytes (a file that cannot be read
 * changes it too). */
uint64_t stamps_hash_file(uint64_t h, const char *file);
/* stamps_hash_file, and in *st the file's status as it was opened. */
uint64_t stamps_hash_input(uint64_t h, const char *file, struct stat *st);
/* Nonzero when file is still the one whose status before holds: the same
 * inode, size, modification and change times (any write changes those, so
 * a compile need not read the file again to know it is what was hashed). */
int stamps_unchanged(const char *file, const struct stat *before);
/* The fingerprint of outputs made from parts (options; NULL parts allowed),
 * a data file's hash and template t's files, as 16 hex digits; malloc'd. */
char *stamps_fingerprint(const char *const *parts, size_t n, uint64_t data_hash, const model_template *t);

#endif
