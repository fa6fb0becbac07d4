/* replay.c - a main for the fuzz targets without libFuzzer: runs the target
 * once on every file given, and on every file in every directory given, and
 * exits non-zero when a file cannot be read or there is none. With no arguments it replays the
 * target's seed corpus and regressions (FUZZ_DIRS, set by the Makefile), so
 * the test suite can run it built with gcc and the sanitizers. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_addn(&b, chunk, n);
	fclose(fp);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.s ? b.s : ""), b.len);
	buf_free(&b);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order; a missing directory is empty. */
static int run_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			util_grow(&names, &cap, nn, sizeof *names);
			names[nn++] = util_printf("%s/%s", dir, e->d_name);
		}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof *names, cmp_name);
	for (i = 0; i < nn; i++) {
		rc |= run_file(names[i]);
		(*count)++;
	}
	util_free_strv(names, nn);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const dflt[] = { FUZZ_DIRS };
	int i, rc = 0, count = 0, n = argc > 1 ? argc - 1 : (int)(sizeof dflt / sizeof *dflt);

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 0; i < n; i++) {
		const char *p = argc > 1 ? argv[i + 1] : dflt[i];
		struct stat st;

		if (argc == 1 || (stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
			rc |= run_dir(p, &count);
		else
			rc |= run_file(p), count++;
	}
	printf("%d inputs replayed\n", count);
	if (count == 0) {
		fprintf(stderr, "no inputs to replay\n");
		rc = 1;
	}
	return rc;
}
