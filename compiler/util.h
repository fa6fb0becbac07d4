/* util.h - memory helpers and a growable string buffer. */
#ifndef ANNEXC_UTIL_H
#define ANNEXC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation that never returns NULL: out of memory aborts with a message. */
void *util_alloc(size_t n);
void *util_realloc(void *p, size_t n);
/* A malloc'd copy of s (NULL stays NULL); the caller frees. */
char *util_strdup(const char *s);
/* A malloc'd printf result; the caller frees. */
char *util_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same from a va_list. */
char *util_vprintf(const char *fmt, va_list ap);
/* Grows *arr (elements of size sz) so that index n fits; *cap tracks capacity. */
void util_grow(void *arr, size_t *cap, size_t n, size_t sz);
/* Frees n strings and the vector holding them (NULL is fine). */
void util_free_strv(char **v, size_t n);
/* The time documents are dated: $SOURCE_DATE_EPOCH when it is a valid
 * number of seconds, else fallback. */
long long util_source_date(long long fallback);
/* The directory part of a file name ("." when it has none); malloc'd. */
char *util_dir_of(const char *file);
/* An output file being written: its bytes go to a hidden temporary beside
 * the final name, created new (never through a link), and util_out_commit
 * renames it into place only when every write, the flush, fsync and close
 * succeeded, so a full disk or a failed write leaves no file at all. The
 * caller owns it from util_out_open until util_out_commit. */
typedef struct util_out {
	char *path, *tmp;
	FILE *fp;  /* a stream over the temporary whose every write is checked */
	int fd;
	int err;   /* errno of the first write, flush, sync or close that failed */
} util_out;

/* Creates path's temporary. Returns NULL, or a message ("PATH: reason")
 * that the caller frees; o then holds nothing to commit. */
char *util_out_open(util_out *o, const char *path);
/* Writes n bytes to the temporary: 0, or -1 once a write has failed. */
int util_out_write(util_out *o, const void *p, size_t n);
/* Finishes o: when err is NULL and every write succeeded, flushes, syncs,
 * closes and renames the temporary to the final name; else removes it.
 * Returns err, or a new message naming the path and the first failure. */
char *util_out_commit(util_out *o, char *err);
/* Group commit, for a batch's outputs: while on, a commit whose writes all
 * succeeded leaves its temporary complete and closed, but neither synced
 * nor renamed, for util_out_publish. A sync per file costs more than the
 * file's writing on many disks; one sync of the file system serves them
 * all. */
void util_out_defer(int on);
/* Syncs the deferred temporaries (their file system at once, each on its
 * own only if that fails) and renames them into place. Returns how many
 * failed, with their final names and messages in *paths and *errs (the
 * caller frees both with util_free_strv); those temporaries are removed. */
size_t util_out_publish(char ***paths, char ***errs);
/* A hidden temporary name beside path ("dir/.name.PID.tmp"), so that the
 * final rename is atomic and a crash leaves no file that looks finished. */
char *util_temp_path(const char *path);
/* fopen without ever following a symbolic link at path (O_NOFOLLOW): mode
 * "r" reads, "a" appends (creating the file), "x" creates a new file for
 * writing (O_EXCL: fails when anything, a link included, is there). NULL with
 * errno set when it cannot; a link at path gives ELOOP or EEXIST. */
FILE *util_fopen_nofollow(const char *path, const char *mode);
/* Strips leading and trailing ASCII white space in place; returns s. */
char *util_trim(char *s);
/* Collapses runs of white space (including newlines) to one space and trims. */
char *util_squash(char *s);

/* FNV-1a: the hash h (start with UTIL_FNV_BASIS) continued over n bytes at p. */
#define UTIL_FNV_BASIS 0xcbf29ce484222325u
uint64_t util_fnv(uint64_t h, const void *p, size_t n);
/* A faster hash, eight bytes at a step, for keys of in-memory caches only
 * (util_fnv's values are stored in files and must never change). */
uint64_t util_hash(uint64_t h, const void *p, size_t n);

/* A growable NUL-terminated string. Owner frees with buf_free. */
typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

void buf_add(buf *b, const char *s);
void buf_addn(buf *b, const char *s, size_t n);
void buf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds v in decimal (buf_addf's "%ld" without its cost, for hot loops). */
void buf_addint(buf *b, long v);
/* Hands the string to the caller (who frees it) and resets the buffer. */
char *buf_take(buf *b);
void buf_free(buf *b);

#endif
