/* value.h - cell values (targets, achievements) and numbers as written by
 * people: Bengali or ASCII digits, "-" for not applicable, empty for not given. */
#ifndef ANNEXC_VALUE_H
#define ANNEXC_VALUE_H

#include "model.h"

/* Parses s as a value of unit u into *out. Returns NULL on success, else a
 * malloc'd message saying what is wrong (the caller frees it). */
char *value_parse(const char *s, enum model_unit u, model_value *out);
/* Parses a plain non-negative number ("১০", "12.5"); 0 on success. */
int value_number(const char *s, rat *out);
/* Formats a value for display with Bengali digits (dates dd/mm/yyyy, percents
 * with %, decimals trimmed to at most two places); "-" for not applicable and
 * "" for empty. malloc'd. */
char *value_display(model_value v, enum model_unit u);
/* v with at most two decimals, trailing zeros dropped, in Bengali digits:
 * "৯৪.৬৩", "৫"; malloc'd. */
char *value_decimals(double v);
/* The same with exactly decimals digits after the point (decimals < 0: as
 * value_display); dates and percents keep their forms. */
char *value_display_fixed(model_value v, enum model_unit u, int decimals);
/* Parses the text of a declared field of type t: numbers, percents and
 * dates into *v, a date range into *v and *v2, yes-no as 1 or 0; "-" is
 * not applicable and empty is not given. Returns NULL or a malloc'd message. */
char *value_field_parse(const char *s, enum model_ftype t, model_value *v, model_value *v2);

#endif
