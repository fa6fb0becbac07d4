/* fuzz_values.c - libFuzzer target: the small parsers every loader calls on
 * text from the XML: dates in every accepted form (compiler/bn.c), quarters,
 * digits, numbers and cell values of every unit (compiler/value.c), ids and
 * {placeholders}; and what is printed from what they parse. The checks that
 * must hold (a date that parses is valid, formats and parses back to the same
 * day; a quarter is 1 to 4) abort when they do not, so the fuzzer reports it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bn.h"
#include "fuzz.h"
#include "model.h"
#include "subst.h"
#include "value.h"

/* Stops with a message naming the input when a check does not hold. */
static void check(int ok, const char *what, const char *input)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_values: %s, for input '%s'\n", what, input);
	abort();
}

static void same_day(const char *s, const char *printed, long days)
{
	bn_date back;

	check(printed != NULL && bn_parse_date(printed, &back) == BN_DATE_OK && bn_days(back) == days,
	      "a date does not print and parse back to the same day", s);
}

static void dates(const char *s)
{
	bn_date d;
	char *a, *b, *c;
	int by, bm, bd;

	if (bn_parse_date(s, &d) != BN_DATE_OK)
		return;
	check(bn_date_valid(d), "a date that parses is not valid", s);
	check(bn_from_days(bn_days(d)).d == d.d, "day numbers do not convert back", s);
	a = bn_format_date(d);
	b = bn_format_date_long(d);
	c = bn_format_bangla_date(d);
	same_day(s, a, bn_days(d));
	bn_bangla_date(d, &by, &bm, &bd);
	check(bn_bangla_month_name(bm) != NULL && bd >= 1 && bd <= 31, "no such Bangla calendar date", s);
	free(a);
	free(b);
	free(c);
}

static void quarters(const char *s)
{
	int q = bn_parse_quarter(s);

	check(q >= 0 && q <= 4, "a quarter out of 0 to 4", s);
	check(q == 0 || (bn_quarter_name(q) != NULL && bn_quarter_ordinal(q) != NULL), "a quarter without a name", s);
}

static void numbers(const char *s)
{
	rat r;
	enum model_unit u;

	if (value_number(s, &r) == 0 && r.d == 1) {
		free(bn_words(r.n));
		free(bn_count_phrase(r.n, 2));
	}
	for (u = UNIT_DATE; u <= UNIT_SCORE; u++) {
		model_value v;
		char *e = value_parse(s, u, &v);

		free(e == NULL ? value_display(v, u) : e);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char *a = bn_ascii_digits(s), *b = bn_bengali_digits(s);
	char *id = model_ascii_id(s), *shown = model_display_id(id);

	free(subst_unknown(s));
	dates(s);
	quarters(s);
	numbers(s);
	free(a);
	free(b);
	free(id);
	free(shown);
	free(s);
	return 0;
}
