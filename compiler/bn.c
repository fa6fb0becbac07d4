/* bn.c - Bengali (Bangladesh) digits, dates, calendar and number words. */
#include "bn.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Adds s as a new word, with a separating space unless b is empty. */
static void sb_word(buf *b, const char *s)
{
	if (b->len)
		buf_add(b, " ");
	buf_add(b, s);
}

/* ------------------------------------------------------------------ */
/* Digits                                                              */
/* ------------------------------------------------------------------ */

/* UTF-8 of U+09E6 BENGALI DIGIT ZERO is E0 A7 A6; digits run to E0 A7 AF. */
#define BN_DIGIT_B0 0xE0
#define BN_DIGIT_B1 0xA7
#define BN_DIGIT_B2 0xA6

int bn_digit_at(const char *s, int *v)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!u)
		return 0;
	if (u[0] >= '0' && u[0] <= '9') {
		if (v)
			*v = u[0] - '0';
		return 1;
	}
	if (u[0] == BN_DIGIT_B0 && u[1] == BN_DIGIT_B1 &&
		u[2] >= BN_DIGIT_B2 && u[2] <= BN_DIGIT_B2 + 9) {
		if (v)
			*v = u[2] - BN_DIGIT_B2;
		return 3;
	}
	return 0;
}

char *bn_ascii_digits(const char *s)
{
	if (!s)
		return NULL;
	char *out = util_alloc(strlen(s) + 1);
	char *o = out;
	while (*s) {
		int v, n = bn_digit_at(s, &v);
		if (n == 3) {
			*o++ = (char)('0' + v);
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

char *bn_bengali_digits(const char *s)
{
	if (!s)
		return NULL;
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += (*p >= '0' && *p <= '9') ? 3 : 1;
	char *out = util_alloc(n + 1);
	char *o = out;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			*o++ = (char)BN_DIGIT_B0;
			*o++ = (char)BN_DIGIT_B1;
			*o++ = (char)(BN_DIGIT_B2 + (*s - '0'));
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* printf-style formatting, then ASCII digits turned Bengali. */
static char *bn_printf(const char *fmt, ...)
{
	va_list ap;
	char *a, *s;

	va_start(ap, fmt);
	a = util_vprintf(fmt, ap);
	va_end(ap);
	s = bn_bengali_digits(a);
	free(a);
	return s;
}

/* ------------------------------------------------------------------ */
/* Gregorian calendar                                                  */
/* ------------------------------------------------------------------ */

int bn_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int bn_month_days(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && bn_is_leap(y));
}

int bn_date_valid(bn_date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
		   d.d >= 1 && d.d <= bn_month_days(d.y, d.m);
}

static long floor_div(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days in a 400-year Gregorian cycle, and day number of 0000-03-01. */
#define DAYS_PER_400Y 146097L
#define EPOCH_SHIFT 719468L

long bn_days(bn_date d)
{
	/* Count years from March so the leap day is the last day of a year. */
	long y = d.y - (d.m <= 2);
	long mar = d.m > 2 ? d.m - 3 : d.m + 9;          /* 0 = March */
	long cycle = floor_div(y, 400);
	long yic = y - cycle * 400;                       /* 0..399 */
	long doy = (153 * mar + 2) / 5 + d.d - 1;         /* 0..365 */
	long dic = yic * 365 + yic / 4 - yic / 100 + doy; /* 0..146096 */
	return cycle * DAYS_PER_400Y + dic - EPOCH_SHIFT;
}

bn_date bn_from_days(long days)
{
	long z = days + EPOCH_SHIFT;
	long cycle = floor_div(z, DAYS_PER_400Y);
	long dic = z - cycle * DAYS_PER_400Y;
	long yic = (dic - dic / 1460 + dic / 36524 - dic / 146096) / 365;
	long doy = dic - (yic * 365 + yic / 4 - yic / 100);
	long mar = (5 * doy + 2) / 153;
	bn_date r;
	r.d = (int)(doy - (153 * mar + 2) / 5 + 1);
	r.m = (int)(mar < 10 ? mar + 3 : mar - 9);
	r.y = (int)(yic + cycle * 400 + (r.m <= 2));
	return r;
}

static const char *const greg_months[12] = {
	"জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন",
	"জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর",
};

const char *bn_month_name(int m)
{
	return (m >= 1 && m <= 12) ? greg_months[m - 1] : NULL;
}

char *bn_format_date(bn_date d)
{
	return bn_printf("%02d/%02d/%04d", d.d, d.m, d.y);
}

char *bn_format_date_long(bn_date d)
{
	const char *name = bn_month_name(d.m);
	return name ? bn_printf("%d %s %d", d.d, name, d.y) : NULL;
}

/* ------------------------------------------------------------------ */
/* Date parsing                                                        */
/* ------------------------------------------------------------------ */

/* Skips ASCII white space and NO-BREAK SPACE (C2 A0). */
static const char *skip_ws(const char *p)
{
	for (;;) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			p += 2;
		else
			return p;
	}
}

/* Advances *pp past lit if it starts there; returns 1 if so. */
static int eat(const char **pp, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*pp, lit, n) != 0)
		return 0;
	*pp += n;
	return 1;
}

/* Reads a run of digits; returns how many (value kept only for <= 9). */
static int read_num(const char **pp, int *val)
{
	int count = 0, v, n;
	*val = 0;
	while ((n = bn_digit_at(*pp, &v)) > 0) {
		if (count < 9)
			*val = *val * 10 + v;
		count++;
		*pp += n;
	}
	return count;
}

/* Longest first, so that e.g. "ইং" wins over "ই". */
static const char *const era_suffixes[] = {
	"খ্রিস্টাব্দ", "খ্রিষ্টাব্দ",
	"খ্রিঃ", "খ্রি:", "খ্রি.", "খ্রীঃ", "খ্রী:", "খ্রী.",
	"খ্রি", "খ্রী", "ইং", "ই",
};

/* Skips an optional era suffix and an optional final "।" or ".". */
static const char *skip_suffix(const char *p)
{
	p = skip_ws(p);
	for (size_t i = 0; i < sizeof era_suffixes / sizeof *era_suffixes; i++)
		if (eat(&p, era_suffixes[i]))
			break;
	if (!eat(&p, "।"))
		eat(&p, ".");
	return skip_ws(p);
}

/* Reads "a<sep>b<sep>c"; fills digit counts and values; 0 on bad form. */
static int read_triple(const char **pp, int cnt[3], int val[3])
{
	char sep;
	cnt[0] = read_num(pp, &val[0]);
	sep = **pp;
	if (!cnt[0] || (sep != '/' && sep != '.' && sep != '-'))
		return 0;
	(*pp)++;
	cnt[1] = read_num(pp, &val[1]);
	if (!cnt[1] || **pp != sep)
		return 0;
	(*pp)++;
	cnt[2] = read_num(pp, &val[2]);
	if (!cnt[2])
		return 0;
	return sep;
}

int bn_parse_date(const char *s, bn_date *out)
{
	int cnt[3], val[3], sep;
	bn_date d;
	if (!s)
		return BN_DATE_SYNTAX;
	const char *p = skip_ws(s);
	sep = read_triple(&p, cnt, val);
	if (!sep || cnt[1] > 2)
		return BN_DATE_SYNTAX;
	if (cnt[0] == 4 && sep == '-' && cnt[2] <= 2) {
		d.y = val[0], d.m = val[1], d.d = val[2];
	} else if (cnt[0] <= 2 && (cnt[2] == 2 || cnt[2] == 4)) {
		d.d = val[0], d.m = val[1];
		d.y = cnt[2] == 2 ? 2000 + val[2] : val[2];
	} else {
		return BN_DATE_SYNTAX;
	}
	if (*skip_suffix(p) != '\0')
		return BN_DATE_SYNTAX;
	if (!bn_date_valid(d))
		return BN_DATE_INVALID;
	if (out)
		*out = d;
	return BN_DATE_OK;
}

/* ------------------------------------------------------------------ */
/* Bangla calendar: the 1987 rules before 14 April 2019, the revised after */
/* ------------------------------------------------------------------ */

static const char *const bangla_months[12] = {
	"বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন",
	"কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র",
};

/* The Gregorian year in which 1 বৈশাখ 1426, the first day of the revised
 * calendar, falls (on 14 April, as every 1 বৈশাখ does). */
#define BN_REVISED_FROM 2019

const char *bn_bangla_month_name(int m)
{
	return (m >= 1 && m <= 12) ? bangla_months[m - 1] : NULL;
}

/* Length of month m of the Bangla year that starts on 14 April of year
 * start (its ফাল্গুন is in February of start + 1). */
static int bangla_month_len(int m, int start)
{
	int leap = bn_is_leap(start + 1);

	if (start < BN_REVISED_FROM)            /* 1987 Bangla Academy rules */
		return m <= 5 ? 31 : m == 11 && leap ? 31 : 30;
	if (m <= 6)
		return 31;
	if (m == 11)
		return leap ? 30 : 29;
	return 30;
}

void bn_bangla_date(bn_date g, int *by, int *bm, int *bd)
{
	int start = (g.m > 4 || (g.m == 4 && g.d >= 14)) ? g.y : g.y - 1;
	bn_date new_year = {start, 4, 14};
	long off = bn_days(g) - bn_days(new_year);   /* 0..365 */
	int m = 1;
	while (m < 12 && off >= bangla_month_len(m, start)) {
		off -= bangla_month_len(m, start);
		m++;
	}
	if (by)
		*by = start - 593;
	if (bm)
		*bm = m;
	if (bd)
		*bd = (int)off + 1;
}

char *bn_format_bangla_date(bn_date g)
{
	int y, m, d;
	bn_bangla_date(g, &y, &m, &d);
	return bn_printf("%d %s %d", d, bangla_months[m - 1], y);
}

/* ------------------------------------------------------------------ */
/* Number words                                                        */
/* ------------------------------------------------------------------ */

static const char *const words_0_99[100] = {
	"শূন্য", "এক", "দুই", "তিন", "চার",
	"পাঁচ", "ছয়", "সাত", "আট", "নয়",
	"দশ", "এগারো", "বারো", "তেরো", "চৌদ্দ",
	"পনেরো", "ষোলো", "সতেরো", "আঠারো", "উনিশ",
	"বিশ", "একুশ", "বাইশ", "তেইশ", "চব্বিশ",
	"পঁচিশ", "ছাব্বিশ", "সাতাশ", "আটাশ", "ঊনত্রিশ",
	"ত্রিশ", "একত্রিশ", "বত্রিশ", "তেত্রিশ", "চৌত্রিশ",
	"পঁয়ত্রিশ", "ছত্রিশ", "সাঁইত্রিশ", "আটত্রিশ", "ঊনচল্লিশ",
	"চল্লিশ", "একচল্লিশ", "বিয়াল্লিশ", "তেতাল্লিশ", "চুয়াল্লিশ",
	"পঁয়তাল্লিশ", "ছেচল্লিশ", "সাতচল্লিশ", "আটচল্লিশ", "ঊনপঞ্চাশ",
	"পঞ্চাশ", "একান্ন", "বায়ান্ন", "তিপ্পান্ন", "চুয়ান্ন",
	"পঞ্চান্ন", "ছাপ্পান্ন", "সাতান্ন", "আটান্ন", "ঊনষাট",
	"ষাট", "একষট্টি", "বাষট্টি", "তেষট্টি", "চৌষট্টি",
	"পঁয়ষট্টি", "ছেষট্টি", "সাতষট্টি", "আটষট্টি", "ঊনসত্তর",
	"সত্তর", "একাত্তর", "বাহাত্তর", "তিয়াত্তর", "চুয়াত্তর",
	"পঁচাত্তর", "ছিয়াত্তর", "সাতাত্তর", "আটাত্তর", "ঊনআশি",
	"আশি", "একাশি", "বিরাশি", "তিরাশি", "চুরাশি",
	"পঁচাশি", "ছিয়াশি", "সাতাশি", "আটাশি", "ঊননব্বই",
	"নব্বই", "একানব্বই", "বিরানব্বই", "তিরানব্বই", "চুরানব্বই",
	"পঁচানব্বই", "ছিয়ানব্বই", "সাতানব্বই", "আটানব্বই", "নিরানব্বই",
};

static const char *const words_hundreds[10] = {
	"", "একশত", "দুইশত", "তিনশত", "চারশত",
	"পাঁচশত", "ছয়শত", "সাতশত", "আটশত", "নয়শত",
};

#define BN_WORDS_MAX 999999999999LL
#define CRORE 10000000LL
#define LAKH 100000LL

/* Appends "<count> <unit>" when count (0..99) is nonzero. */
static void add_unit(buf *b, long long count, const char *unit)
{
	if (count) {
		sb_word(b, words_0_99[count]);
		buf_add(b, " ");
		buf_add(b, unit);
	}
}

/* Appends words for 1 <= n < 1 crore. */
static void words_below_crore(buf *b, long long n)
{
	add_unit(b, n / LAKH, "লক্ষ");
	add_unit(b, n / 1000 % 100, "হাজার");
	if (n / 100 % 10)
		sb_word(b, words_hundreds[n / 100 % 10]);
	if (n % 100)
		sb_word(b, words_0_99[n % 100]);
}

/* Appends words for n >= 1; counts of কোটি are spelled recursively. */
static void words_positive(buf *b, long long n)
{
	if (n >= CRORE) {
		words_positive(b, n / CRORE);
		buf_add(b, " কোটি");
	}
	if (n % CRORE)
		words_below_crore(b, n % CRORE);
}

char *bn_words(long long n)
{
	buf b = { 0 };
	if (n < -BN_WORDS_MAX || n > BN_WORDS_MAX)
		return NULL;
	if (n == 0)
		buf_add(&b, words_0_99[0]);
	if (n < 0)
		buf_add(&b, "ঋণাত্মক");
	words_positive(&b, n < 0 ? -n : n);
	return buf_take(&b);
}

char *bn_count_phrase(long long n, int width)
{
	char *words = bn_words(n);
	if (!words)
		return NULL;
	if (width < 0)
		width = 0;
	if (width > 32)
		width = 32;
	char *r = bn_printf("%0*lld (%s)", width, n, words);
	free(words);
	return r;
}

/* ------------------------------------------------------------------ */
/* Fiscal-year quarters (July-June)                                    */
/* ------------------------------------------------------------------ */

static const char *const quarter_ordinals[4] = {"১ম", "২য়", "৩য়", "৪র্থ"};
static const char *const quarter_names[4] = {
	"১ম ত্রৈমাসিক", "২য় ত্রৈমাসিক", "৩য় ত্রৈমাসিক", "৪র্থ ত্রৈমাসিক",
};
static const char *const quarter_months[4] = {
	"জুলাই-সেপ্টেম্বর", "অক্টোবর-ডিসেম্বর", "জানুয়ারি-মার্চ", "এপ্রিল-জুন",
};

const char *bn_quarter_ordinal(int q)
{
	return (q >= 1 && q <= 4) ? quarter_ordinals[q - 1] : NULL;
}

const char *bn_quarter_name(int q)
{
	return (q >= 1 && q <= 4) ? quarter_names[q - 1] : NULL;
}

const char *bn_quarter_months(int q)
{
	return (q >= 1 && q <= 4) ? quarter_months[q - 1] : NULL;
}

/* Like eat(), but ASCII letters compare case-insensitively. */
static int eat_ci(const char **pp, const char *lit)
{
	size_t i = 0;
	for (; lit[i]; i++) {
		char c = (*pp)[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	*pp += i;
	return 1;
}

/* Skips the ordinal ending that belongs to quarter q, if present. */
static void skip_ordinal_suffix(const char **pp, int q)
{
	static const char *const bn_suffix[4] = {"ম", "য়", "য়", "র্থ"};
	static const char *const en_suffix[4] = {"st", "nd", "rd", "th"};
	if (eat(pp, bn_suffix[q - 1]) || eat_ci(pp, en_suffix[q - 1]))
		return;
	if (q == 2 || q == 3)
		eat(pp, "\xE0\xA7\x9F");    /* precomposed U+09DF "য়" */
}

int bn_parse_quarter(const char *s)
{
	int q, n;
	if (!s)
		return 0;
	const char *p = skip_ws(s);
	if (*p == 'Q' || *p == 'q')
		p++;
	n = bn_digit_at(p, &q);
	if (!n || q < 1 || q > 4)
		return 0;
	p += n;
	skip_ordinal_suffix(&p, q);
	p = skip_ws(p);
	eat(&p, "ত্রৈমাসিক");
	return *skip_ws(p) == '\0' ? q : 0;
}
