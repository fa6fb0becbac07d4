/* inputs.c - a run's inputs: the data files among the paths given, and the
 * name of each one's outputs. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"
#include "xmlio.h"

/* Takes a .xml file found in a directory when its first element, as libxml2
 * parses it, is <report>, or when it cannot be parsed that far: then it is
 * compiled, and so reported invalid with the parser's own message. */
static int is_report(inputs *in, const char *file)
{
	char *root = xmlio_first_element(file);

	if (root == NULL || strcmp(root, "report") == 0) {
		free(root);
		return 1;
	}
	util_grow(&in->skip, &in->capskip, in->nskip, sizeof *in->skip);
	in->skip[in->nskip].file = util_strdup(file);
	in->skip[in->nskip++].root = root;
	return 0;
}

void inputs_free(inputs *in)
{
	size_t i;

	for (i = 0; i < in->nskip; i++) {
		free(in->skip[i].file);
		free(in->skip[i].root);
	}
	free(in->skip);
	for (i = 0; i < in->n; i++) {
		free(in->job[i].input);
		free(in->job[i].name);
	}
	free(in->job);
	memset(in, 0, sizeof *in);
}

static void add_job(inputs *in, const char *input)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (strcmp(in->job[i].input, input) == 0)
			return; /* given twice: compiled once */
	util_grow(&in->job, &in->cap, in->n, sizeof *in->job);
	memset(&in->job[in->n], 0, sizeof in->job[in->n]);
	in->job[in->n++].input = util_strdup(input);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the report files under dir, in sorted order, recursively. */
static void walk(inputs *in, const char *dir, diag_list *dl)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (d == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, dir, 0, "cannot read directory: %s", strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			util_grow(&names, &cap, n, sizeof *names);
			names[n++] = util_printf("%s/%s", dir, e->d_name);
		}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t len = strlen(names[i]);

		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(in, names[i], dl);
		else if (len > 4 && strcmp(names[i] + len - 4, ".xml") == 0 && is_report(in, names[i]))
			add_job(in, names[i]);
		free(names[i]);
	}
	free(names);
}

void inputs_collect(inputs *in, char **paths, int n, diag_list *dl)
{
	int i;

	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0)
			diag_add(dl, DIAG_ERROR, DIAG_IO, paths[i], 0, "cannot read: %s", strerror(errno));
		else if (S_ISDIR(st.st_mode)) {
			char *d = util_strdup(paths[i]);
			size_t len = strlen(d);

			while (len > 1 && d[len - 1] == '/')
				d[--len] = '\0';
			walk(in, d, dl);
			free(d);
		}
		else
			add_job(in, paths[i]);
	}
}

/* The last k components of path (without the file's extension), joined by '-'. */
static char *tail_name(const char *path, int k)
{
	const char *end = path + strlen(path), *p = end, *dot;
	int seen = 0;
	char *s, *q;

	while (p > path && seen < k) {
		p--;
		if (*p == '/' && p + 1 < end)
			seen++;
	}
	if (*p == '/')
		p++;
	dot = strrchr(p, '.');
	if (dot == NULL || strchr(dot, '/'))
		dot = end;
	s = util_alloc((size_t)(dot - p) + 1);
	memcpy(s, p, (size_t)(dot - p));
	for (q = s; *q; q++)
		if (*q == '/')
			*q = '-';
	return s;
}

/* Nonzero when another job has the same name as job i. */
static int clashes(const inputs *in, size_t i)
{
	size_t j;

	for (j = 0; j < in->n; j++)
		if (j != i && strcmp(in->job[i].name, in->job[j].name) == 0)
			return 1;
	return 0;
}

void inputs_name(inputs *in)
{
	char *clash = util_alloc(in->n + 1);
	size_t i;
	int k, again = 1;

	for (i = 0; i < in->n; i++)
		in->job[i].name = tail_name(in->job[i].input, 1);
	for (k = 2; again && k <= 16; k++) {
		again = 0;
		for (i = 0; i < in->n; i++)
			clash[i] = (char)clashes(in, i);
		for (i = 0; i < in->n; i++)
			if (clash[i]) {
				free(in->job[i].name);
				in->job[i].name = tail_name(in->job[i].input, k);
				again = 1;
			}
	}
	free(clash);
}
