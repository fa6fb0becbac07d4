/* util.c - memory helpers and a growable string buffer. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
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

void buf_addf(buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vprintf(fmt, ap);
	va_end(ap);
	buf_add(b, s);
	free(s);
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

char *util_finish_temp(char *tmp, const char *path, char *err)
{
	if (err == NULL && rename(tmp, path) != 0)
		err = util_printf("%s: %s", path, strerror(errno));
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
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
