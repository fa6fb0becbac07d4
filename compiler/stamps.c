/* stamps.c - fingerprints of what outputs were built from, and the stamps
 * file that remembers them per office (see stamps.h). */
#include "stamps.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* One line of the stamps file. */
struct stamp {
	char *name, *fp;
	size_t seq; /* line number: the later line wins */
};
char *stamps_path(const char *outdir)
{
	return util_printf("%s/.annexc/stamps", outdir);
}

static int cmp_stamp(const void *a, const void *b)
{
	return strcmp(((const struct stamp *)a)->name, ((const struct stamp *)b)->name);
}

/* By name, the newest line first. */
static int cmp_stamp_seq(const void *a, const void *b)
{
	const struct stamp *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq < y->seq) - (x->seq > y->seq);
}

void stamps_free(stamps *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].fp);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void stamps_load(stamps *s, const char *outdir)
{
	char *path = stamps_path(outdir), *line = NULL;
	FILE *fp = util_fopen_nofollow(path, "r");
	size_t cap = 0, i, w;

	free(path);
	stamps_free(s);
	while (fp && getline(&line, &cap, fp) > 0) {
		char fpr[32], name[512];

		if (sscanf(line, "%31s %511s", fpr, name) != 2 || strchr(line, '\n') == NULL)
			continue; /* a line cut short by a kill */
		util_grow(&s->v, &s->cap, s->n, sizeof *s->v);
		s->v[s->n].name = util_strdup(name);
		s->v[s->n].seq = s->n;
		s->v[s->n++].fp = util_strdup(fpr);
	}
	free(line);
	if (fp)
		fclose(fp);
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_stamp_seq);
	for (i = 0, w = 0; i < s->n; i++) {
		if (w > 0 && strcmp(s->v[w - 1].name, s->v[i].name) == 0) {
			free(s->v[i].name);
			free(s->v[i].fp);
			continue;
		}
		s->v[w++] = s->v[i];
	}
	s->n = w;
}

const char *stamps_find(const stamps *s, const char *name)
{
	struct stamp key = { (char *)name, NULL, 0 }, *hit;

	hit = s->n ? bsearch(&key, s->v, s->n, sizeof *s->v, cmp_stamp) : NULL;
	return hit ? hit->fp : NULL;
}

/* The stamps file this process appends to, open from its first stamp to
 * stamps_close (one open per run, not one per office). */
static int append_fd = -1;
static char *append_path;

void stamps_append(const char *outdir, const char *name, const char *fp)
{
	char *path = stamps_path(outdir), *line = util_printf("%s %s\n", fp, name);

	if (append_fd >= 0 && strcmp(append_path, path) != 0)
		stamps_close();
	if (append_fd < 0) {
		append_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
		append_path = path;
		path = NULL;
	}
	if (append_fd >= 0 && write(append_fd, line, strlen(line)) < 0) /* one short append: whole or, if killed, ignored */
		stamps_close();
	free(line);
	free(path);
}

void stamps_close(void)
{
	if (append_fd >= 0)
		close(append_fd);
	append_fd = -1;
	free(append_path);
	append_path = NULL;
}

void stamps_compact(const char *outdir)
{
	char *path = stamps_path(outdir), *err;
	stamps s = { 0 };
	util_out f;
	size_t i;

	stamps_load(&s, outdir);
	if ((err = util_out_open(&f, path)) == NULL) /* when it cannot be rewritten, the appended one stays */
		for (i = 0; i < s.n; i++)
			fprintf(f.fp, "%s %s\n", s.v[i].fp, s.v[i].name);
	free(util_out_commit(&f, err));
	free(path);
	stamps_free(&s);
}

/* The hash continued over a file's bytes. */
uint64_t stamps_hash_file(uint64_t h, const char *file)
{
	struct stat st;

	return stamps_hash_input(h, file, &st);
}

uint64_t stamps_hash_input(uint64_t h, const char *file, struct stat *st)
{
	FILE *fp = fopen(file, "rb");
	unsigned char b[8192];
	size_t n;

	memset(st, 0, sizeof *st);
	if (fp == NULL)
		return h ^ 0x9e3779b97f4a7c15u;
	if (fstat(fileno(fp), st) != 0)
		memset(st, 0, sizeof *st);
	while ((n = fread(b, 1, sizeof b, fp)) > 0)
		h = util_fnv(h, b, n);
	fclose(fp);
	return h;
}

int stamps_unchanged(const char *file, const struct stat *before)
{
	struct stat st;

	return before->st_ino != 0 && stat(file, &st) == 0 && st.st_ino == before->st_ino &&
	       st.st_dev == before->st_dev && st.st_size == before->st_size &&
	       st.st_mtim.tv_sec == before->st_mtim.tv_sec && st.st_mtim.tv_nsec == before->st_mtim.tv_nsec &&
	       st.st_ctim.tv_sec == before->st_ctim.tv_sec && st.st_ctim.tv_nsec == before->st_ctim.tv_nsec;
}

/* The hash continued over a string and a terminator (NULL: just the terminator). */
static uint64_t hash_str(uint64_t h, const char *s)
{
	static const unsigned char end = 0xff;

	return util_fnv(s ? util_fnv(h, s, strlen(s)) : h, &end, 1);
}

/* The hash of a template's files (its own and those it extends), read once
 * per template and process: templates stay loaded for the whole run. */
static uint64_t template_hash(const model_template *t)
{
	static struct {
		const model_template *t;
		uint64_t h;
	} memo[32];
	static size_t next;
	uint64_t h = UTIL_FNV_BASIS;
	size_t i;

	for (i = 0; i < sizeof memo / sizeof *memo; i++)
		if (memo[i].t == t)
			return memo[i].h;
	for (i = 0; i < t->nfiles; i++)
		h = stamps_hash_file(hash_str(h, t->files[i]), t->files[i]);
	memo[next].t = t;
	memo[next].h = h;
	next = (next + 1) % (sizeof memo / sizeof *memo);
	return h;
}

char *stamps_fingerprint(const char *const *parts, size_t n, uint64_t data_hash, const model_template *t)
{
	uint64_t h = UTIL_FNV_BASIS, th = template_hash(t);
	size_t i;

	for (i = 0; i < n; i++)
		h = hash_str(h, parts[i]);
	h = util_fnv(h, &data_hash, sizeof data_hash);
	h = util_fnv(h, &th, sizeof th);
	return util_printf("%016llx", (unsigned long long)h);
}
