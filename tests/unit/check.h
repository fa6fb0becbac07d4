/* check.h - the counting every unit test shares: check() records one
 * assertion, printing "FAIL what" when it does not hold. */
#ifndef ANNEXC_TEST_CHECK_H
#define ANNEXC_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

static void check(int cond, const char *what)
{
	if (cond)
		passed++;
	else {
		failed++;
		printf("FAIL %s\n", what);
	}
}

#endif
