/* rat.h - exact rational arithmetic for weights, targets and scores. */
#ifndef ANNEXC_RAT_H
#define ANNEXC_RAT_H

#include <stdint.h>

/* n/d in lowest terms with d > 0. Plain value type, nothing to free. */
typedef struct rat {
	int64_t n, d;
} rat;

rat rat_int(int64_t n);
rat rat_make(int64_t n, int64_t d);
rat rat_add(rat a, rat b);
rat rat_sub(rat a, rat b);
rat rat_mul(rat a, rat b);
/* a / b; b must not be zero. */
rat rat_div(rat a, rat b);
/* Negative, zero or positive as a < b, a == b, a > b. */
int rat_cmp(rat a, rat b);
double rat_double(rat a);
/* Parses an ASCII decimal such as "94.63" or "-5"; 0 on success, -1 otherwise. */
int rat_parse(const char *s, rat *out);
/* Nonzero when an operation overflowed since the last rat_clear_overflow. */
int rat_overflowed(void);
void rat_clear_overflow(void);

#endif
