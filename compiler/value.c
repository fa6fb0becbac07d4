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
static char *decimal_ascii(rat r)
{
	char tmp[64];
	size_t n;

	snprintf(tmp, sizeof tmp, "%.2f", rat_double(r));
	n = strlen(tmp);
	while (n > 0 && tmp[n - 1] == '0')
		tmp[--n] = '\0';
	if (n > 0 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	return util_strdup(tmp);
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
	a = decimal_ascii(v.num);
	if (u == UNIT_PERCENT) {
		s = util_printf("%s%%", a);
		free(a);
		a = s;
	}
	s = bn_bengali_digits(a);
	free(a);
	return s;
}
