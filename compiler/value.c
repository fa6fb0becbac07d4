/* value.c - parsing and displaying cell values. */
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* "-", en dash, em dash: all mean not applicable. */
static int is_dash(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "\xe2\x80\x93") == 0 || strcmp(s, "\xe2\x80\x94") == 0;
}

int value_number(const char *s, rat *out)
{
	char *a = bn_ascii_digits(s);
	int rc;

	util_trim(a);
	rc = (a[0] == '-' || a[0] == '+') ? -1 : rat_parse(a, out);
	free(a);
	return rc;
}

static char *parse_date(const char *s, model_value *out)
{
	bn_date d;
	int rc = bn_parse_date(s, &d);

	if (rc == BN_DATE_SYNTAX)
		return util_printf("'%s' is not a date (write dd/mm/yyyy)", s);
	if (rc == BN_DATE_INVALID)
		return util_printf("impossible date '%s'", s);
	out->kind = VAL_NUM;
	out->num = rat_int(bn_days(d));
	return NULL;
}

/* Removes one trailing percent sign (ASCII or full width) in place. */
static void strip_percent(char *a)
{
	size_t n = strlen(a);

	if (n >= 1 && a[n - 1] == '%')
		a[n - 1] = '\0';
	else if (n >= 3 && strcmp(a + n - 3, "\xef\xbc\x85") == 0)
		a[n - 3] = '\0';
	util_trim(a);
}

static char *parse_number(const char *s, enum model_unit u, model_value *out)
{
	char *a = bn_ascii_digits(s);
	char *err = NULL;
	rat r;

	util_trim(a);
	if (u == UNIT_PERCENT)
		strip_percent(a);
	if (a[0] == '-' && a[1] != '\0')
		err = util_printf("'%s' is negative", s);
	else if (rat_parse(a, &r) != 0)
		err = util_printf("'%s' is not a number", s);
	else if (u == UNIT_PERCENT && rat_cmp(r, rat_int(100)) > 0)
		err = util_printf("percent '%s' is over 100", s);
	if (err == NULL) {
		out->kind = VAL_NUM;
		out->num = r;
	}
	free(a);
	return err;
}

char *value_parse(const char *s, enum model_unit u, model_value *out)
{
	char *t = util_trim(util_strdup(s));
	char *err = NULL;

	out->kind = VAL_EMPTY;
	out->num = rat_int(0);
	if (t[0] == '\0')
		;
	else if (is_dash(t))
		out->kind = VAL_NA;
	else if (u == UNIT_DATE)
		err = parse_date(t, out);
	else
		err = parse_number(t, u, out);
	free(t);
	return err;
}

/* Up to two decimals, trailing zeros dropped: 94.63, 4.9, 5. */
static char *decimal_ascii(double v)
{
	char tmp[64];
	size_t n;

	snprintf(tmp, sizeof tmp, "%.2f", v);
	n = strlen(tmp);
	while (n > 0 && tmp[n - 1] == '0')
		tmp[--n] = '\0';
	if (n > 0 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	return util_strdup(tmp);
}

char *value_display_fixed(model_value v, enum model_unit u, int decimals)
{
	char *a, *s;

	if (decimals < 0 || v.kind != VAL_NUM || u == UNIT_DATE)
		return value_display(v, u);
	a = util_printf("%.*f%s", decimals, rat_double(v.num), u == UNIT_PERCENT ? "%" : "");
	s = bn_bengali_digits(a);
	free(a);
	return s;
}

/* Words for yes and no, in either script. */
static int yes_no(const char *s)
{
	static const char *const yes[] = { "হ্যাঁ", "হ্যা", "yes", "Yes", "YES", "y", NULL };
	static const char *const no[] = { "না", "no", "No", "NO", "n", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* A date range: two dates joined by "থেকে", "to" or an en dash. */
static char *parse_range(const char *s, model_value *v, model_value *v2)
{
	static const char *const sep[] = { " থেকে ", " to ", " – ", " - ", NULL };
	const char *p = NULL;
	char *a, *e;
	int i;

	for (i = 0; sep[i] && p == NULL; i++)
		p = strstr(s, sep[i]);
	if (p == NULL)
		return util_printf("'%s' is not a date range (write dd/mm/yyyy থেকে dd/mm/yyyy)", s);
	i--;
	a = util_printf("%.*s", (int)(p - s), s);
	e = value_parse(a, UNIT_DATE, v);
	free(a);
	if (e == NULL)
		e = value_parse(p + strlen(sep[i]), UNIT_DATE, v2);
	if (e == NULL && (v->kind != VAL_NUM || v2->kind != VAL_NUM))
		e = util_printf("'%s' is not a date range (write dd/mm/yyyy থেকে dd/mm/yyyy)", s);
	if (e == NULL && rat_cmp(v2->num, v->num) < 0)
		e = util_printf("date range '%s' ends before it starts", s);
	return e;
}

char *value_field_parse(const char *s, enum model_ftype t, model_value *v, model_value *v2)
{
	char *x = util_trim(util_strdup(s ? s : "")), *e = NULL;
	int yn;

	v->kind = v2->kind = VAL_EMPTY;
	v->num = v2->num = rat_int(0);
	if (x[0] == '\0' || t == FT_TEXT)
		;
	else if (is_dash(x))
		v->kind = VAL_NA;
	else if (t == FT_NUMBER)
		e = value_parse(x, UNIT_COUNT, v);
	else if (t == FT_PERCENT)
		e = value_parse(x, UNIT_PERCENT, v);
	else if (t == FT_DATE)
		e = value_parse(x, UNIT_DATE, v);
	else if (t == FT_RANGE)
		e = parse_range(x, v, v2);
	else if (t == FT_LINK && strncmp(x, "https://", 8) != 0 && strncmp(x, "http://", 7) != 0)
		e = util_printf("'%s' is not a link (write https://…)", x);
	else if (t == FT_YESNO && (yn = yes_no(x)) < 0)
		e = util_printf("'%s' is not yes or no (write হ্যাঁ or না)", x);
	else if (t == FT_YESNO) {
		v->kind = VAL_NUM;
		v->num = rat_int(yn);
	}
	free(x);
	return e;
}

char *value_display(model_value v, enum model_unit u)
{
	char *a, *s;

	if (v.kind == VAL_EMPTY)
		return util_strdup("");
	if (v.kind == VAL_NA)
		return util_strdup("-");
	if (u == UNIT_DATE)
		return bn_format_date(bn_from_days((long)v.num.n));
	a = decimal_ascii(rat_double(v.num));
	if (u == UNIT_PERCENT) {
		s = util_printf("%s%%", a);
		free(a);
		a = s;
	}
	s = bn_bengali_digits(a);
	free(a);
	return s;
}

char *value_decimals(double v)
{
	char *a = decimal_ascii(v), *s = bn_bengali_digits(a);

	free(a);
	return s;
}
