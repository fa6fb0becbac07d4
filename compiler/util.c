/* util.c - memory helpers, a growable string buffer and checked output files. */
#define _GNU_SOURCE /* fopencookie: a stdio stream whose write errors are kept */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *util_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL) {
		fputs("annexc: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *util_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fputs("annexc: out of memory\n", stderr);
		abort();
	}
	return q;
}

char *util_strdup(const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = util_alloc(n);
	memcpy(d, s, n);
	return d;
}

char *util_vprintf(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *s;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	s = util_alloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *util_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

void util_grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void **p = arr;

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 8;
	if (*cap <= n)
		*cap = n + 1;
	*p = util_realloc(*p, *cap * sz);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *util_trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	while (is_space(s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
	return s;
}

char *util_squash(char *s)
{
	char *r = s, *w = s;
	int sp = 0;

	for (; *r; r++) {
		if (is_space(*r)) {
			sp = 1;
			continue;
		}
		if (sp && w != s)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

void buf_addn(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = util_realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_add(buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

/* Formats straight into the buffer's free space: one vsnprintf, a second
 * only when the buffer had to grow. */
void buf_addf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->cap - b->len < 64) {
		b->cap = b->cap * 2 + 64;
		b->s = util_realloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= b->cap - b->len) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = util_realloc(b->s, b->cap);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
	b->s[b->len] = '\0';
}

void buf_addint(buf *b, long v)
{
	char t[24], *p = t + sizeof t;
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	buf_addn(b, p, (size_t)(t + sizeof t - p));
}

char *buf_take(buf *b)
{
	char *s = b->s ? b->s : util_strdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(buf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *util_temp_path(const char *path)
{
	const char *base = strrchr(path, '/');

	if (base == NULL)
		return util_printf(".%s.%ld.tmp", path, (long)getpid());
	return util_printf("%.*s/.%s.%ld.tmp", (int)(base - path), path, base + 1, (long)getpid());
}

char *util_dir_of(const char *file)
{
	const char *s = strrchr(file, '/');
	char *d;

	if (s == NULL)
		return util_strdup(".");
	d = util_alloc((size_t)(s - file) + 1);
	memcpy(d, file, (size_t)(s - file));
	return d;
}

/* Syncs the file open on fd; errno values that mean "cannot be synced"
 * (a pipe, a file system without it) are not failures. */
static int sync_fd(int fd)
{
	if (fsync(fd) == 0 || errno == EINVAL || errno == EROFS)
		return 0;
	return -1;
}

/* The stream's write function: every byte or the first errno kept. */
static ssize_t out_cookie_write(void *cookie, const char *p, size_t n)
{
	util_out *o = cookie;
	size_t done = 0;
	ssize_t k;

	if (o->err)
		return 0;
	while (done < n) {
		k = write(o->fd, p + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			o->err = k < 0 ? errno : ENOSPC;
			errno = o->err;
			return 0;
		}
		done += (size_t)k;
	}
	return (ssize_t)n;
}

char *util_out_open(util_out *o, const char *path)
{
	cookie_io_functions_t io = { NULL, out_cookie_write, NULL, NULL };
	char *err;

	memset(o, 0, sizeof *o);
	o->tmp = util_temp_path(path);
	o->fd = open(o->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (o->fd < 0 && errno == EEXIST && unlink(o->tmp) == 0) /* left by a killed run of this pid */
		o->fd = open(o->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (o->fd < 0) {
		err = util_printf("%s: %s", path, strerror(errno));
		free(o->tmp);
		memset(o, 0, sizeof *o);
		o->fd = -1;
		return err;
	}
	o->path = util_strdup(path);
	o->fp = fopencookie(o, "w", io);
	if (o->fp == NULL) {
		err = util_printf("%s: %s", path, strerror(errno));
		free(util_out_commit(o, util_strdup("")));
		return err;
	}
	return NULL;
}

int util_out_write(util_out *o, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, o->fp) != n && o->err == 0)
		o->err = errno ? errno : EIO;
	return o->err ? -1 : 0;
}

static int deferring;

/* Flushes, syncs and closes o's temporary, keeping the first errno. A
 * deferred commit's temporary is not synced here: its writing back is
 * started (not waited for), and util_out_publish syncs it. */
static void out_close(util_out *o)
{
	if (o->fp && fflush(o->fp) != 0 && o->err == 0)
		o->err = errno ? errno : EIO;
	if (o->fp && ferror(o->fp) && o->err == 0)
		o->err = EIO;
	if (o->fp)
		fclose(o->fp); /* the cookie has no close: fd stays open */
	o->fp = NULL;
	if (o->err == 0 && deferring)
		sync_file_range(o->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	else if (o->err == 0 && sync_fd(o->fd) != 0)
		o->err = errno;
	if (close(o->fd) != 0 && o->err == 0)
		o->err = errno;
	o->fd = -1;
}

/* Commits left for util_out_publish: each temporary, and its final name. */
static struct deferred {
	char *tmp, *path;
} *deferred;
static size_t ndeferred, capdeferred;

void util_out_defer(int on)
{
	deferring = on;
}

char *util_out_commit(util_out *o, char *err)
{
	if (o->tmp == NULL)
		return err;
	out_close(o);
	if (err == NULL && o->err)
		err = util_printf("%s: %s", o->path, strerror(o->err));
	if (err == NULL && deferring) { /* complete and closed: synced and renamed by util_out_publish */
		util_grow(&deferred, &capdeferred, ndeferred, sizeof *deferred);
		deferred[ndeferred].tmp = o->tmp;
		deferred[ndeferred++].path = o->path;
		memset(o, 0, sizeof *o);
		o->fd = -1;
		return NULL;
	}
	if (err == NULL && rename(o->tmp, o->path) != 0)
		err = util_printf("%s: %s", o->path, strerror(errno));
	if (err)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return err;
}

/* Syncs the file system that holds file (through its directory). */
static int sync_fs_of(const char *file)
{
	char *dir = util_dir_of(file);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;

	if (fd >= 0) {
		rc = syncfs(fd);
		close(fd);
	}
	free(dir);
	return rc;
}

/* Syncs one temporary on its own (when its file system's sync failed). */
static int sync_file(const char *tmp)
{
	int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = sync_fd(fd);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

size_t util_out_publish(char ***paths, char ***errs)
{
	char *last = NULL;
	size_t i, n = 0;
	int whole = 1;

	*paths = *errs = NULL;
	for (i = 0; i < ndeferred; i++) { /* one sync per file system, not per file */
		char *dir = util_dir_of(deferred[i].path);

		if (last == NULL || strcmp(last, dir) != 0) {
			if (sync_fs_of(deferred[i].path) != 0)
				whole = 0;
			free(last);
			last = dir;
		} else
			free(dir);
	}
	free(last);
	for (i = 0; i < ndeferred; i++) {
		int rc = whole ? 0 : sync_file(deferred[i].tmp);

		if (rc == 0 && rename(deferred[i].tmp, deferred[i].path) != 0)
			rc = -1;
		if (rc != 0) {
			*paths = util_realloc(*paths, (n + 1) * sizeof **paths);
			*errs = util_realloc(*errs, (n + 1) * sizeof **errs);
			(*errs)[n] = util_printf("%s: %s", deferred[i].path, strerror(errno));
			(*paths)[n++] = util_strdup(deferred[i].path);
			unlink(deferred[i].tmp);
		}
		free(deferred[i].tmp);
		free(deferred[i].path);
	}
	ndeferred = 0;
	return n;
}

void util_free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

long long util_source_date(long long fallback)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e == NULL || *e == '\0')
		return fallback;
	errno = 0;
	v = strtoll(e, &end, 10);
	return errno == 0 && *end == '\0' && v >= 0 ? v : fallback;
}

FILE *util_fopen_nofollow(const char *path, const char *mode)
{
	int flags = O_NOFOLLOW | O_CLOEXEC, fd, saved;
	FILE *fp;

	if (strcmp(mode, "r") == 0)
		flags |= O_RDONLY;
	else if (strcmp(mode, "a") == 0)
		flags |= O_WRONLY | O_APPEND | O_CREAT;
	else
		flags |= O_WRONLY | O_CREAT | O_EXCL;
	if ((fd = open(path, flags, 0666)) < 0)
		return NULL;
	if ((fp = fdopen(fd, mode[0] == 'x' ? "w" : mode)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return fp;
}

uint64_t util_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t w;

	for (; n >= 8; n -= 8, b += 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, b, n);
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0xbf58476d1ce4e5b9u; /* with the tail's length: "a" is not "a\0" */
	return h ^ (h >> 31);
}

uint64_t util_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3u;
	return h;
}
