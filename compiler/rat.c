/* rat.c - exact rational arithmetic; 128-bit intermediates, reduced results. */
#include "rat.h"

#include <stdlib.h>

static _Thread_local int overflow;

static __int128 gcd128(__int128 a, __int128 b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b != 0) {
		__int128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Reduces n/d and narrows to 64 bits, flagging overflow. */
static rat reduce(__int128 n, __int128 d)
{
	__int128 g;
	rat r;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = gcd128(n, d);
	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX || d == 0) {
		overflow = 1;
		r.n = 0;
		r.d = 1;
		return r;
	}
	r.n = (int64_t)n;
	r.d = (int64_t)d;
	return r;
}

rat rat_int(int64_t n)
{
	rat r = { n, 1 };
	return r;
}

rat rat_make(int64_t n, int64_t d)
{
	return reduce(n, d);
}

rat rat_add(rat a, rat b)
{
	return reduce((__int128)a.n * b.d + (__int128)b.n * a.d, (__int128)a.d * b.d);
}

rat rat_sub(rat a, rat b)
{
	return reduce((__int128)a.n * b.d - (__int128)b.n * a.d, (__int128)a.d * b.d);
}

rat rat_mul(rat a, rat b)
{
	return reduce((__int128)a.n * b.n, (__int128)a.d * b.d);
}

rat rat_div(rat a, rat b)
{
	if (b.n == 0) {
		overflow = 1;
		return rat_int(0);
	}
	return reduce((__int128)a.n * b.d, (__int128)a.d * b.n);
}

int rat_cmp(rat a, rat b)
{
	__int128 l = (__int128)a.n * b.d, r = (__int128)b.n * a.d;

	return (l > r) - (l < r);
}

double rat_double(rat a)
{
	return (double)a.n / (double)a.d;
}

int rat_parse(const char *s, rat *out)
{
	__int128 n = 0, d = 1;
	int neg = 0, digits = 0, frac = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '.' && !frac) {
			frac = 1;
			continue;
		}
		if (*s < '0' || *s > '9' || digits >= 18)
			return -1;
		n = n * 10 + (*s - '0');
		if (frac)
			d *= 10;
		digits++;
	}
	if (digits == 0)
		return -1;
	*out = reduce(neg ? -n : n, d);
	return 0;
}

int rat_overflowed(void)
{
	return overflow;
}

void rat_clear_overflow(void)
{
	overflow = 0;
}
