/* test_score.c - the APA scoring rules on hand-built indicators: interpolate,
 * step and proportional; dates earlier-is-better; empty grades; aggregation. */
#include <stdio.h>
#include <string.h>

#include "score.h"

static int passed, failed;

#define CHECK_RAT(got, num, den, what)                                                   \
	do {                                                                             \
		rat g_ = (got);                                                          \
		if (rat_cmp(g_, rat_make((num), (den))) == 0)                            \
			passed++;                                                        \
		else {                                                                   \
			failed++;                                                        \
			printf("FAIL %s: got %lld/%lld, want %lld/%lld\n", (what),         \
			       (long long)g_.n, (long long)g_.d, (long long)(num),         \
			       (long long)(den));                                        \
		}                                                                        \
	} while (0)

#define CHECK(cond, what)                                                                \
	do {                                                                             \
		if (cond)                                                                \
			passed++;                                                        \
		else {                                                                   \
			failed++;                                                        \
			printf("FAIL %s\n", (what));                                     \
		}                                                                        \
	} while (0)

static model_template tpl;

static void setup_grades(void)
{
	static char *labels[] = { "a", "b", "c", "d", "e" };
	int i;

	for (i = 0; i < 5; i++) {
		tpl.grade[i].label = labels[i];
		tpl.grade[i].percent = 100 - 10 * i;
	}
	tpl.ngrade = 5;
}

static model_value num(long n)
{
	model_value v = { VAL_NUM, { n, 1 } };
	return v;
}

static model_value none(void)
{
	model_value v = { VAL_EMPTY, { 0, 1 } };
	return v;
}

static model_value na(void)
{
	model_value v = { VAL_NA, { 0, 1 } };
	return v;
}

static model_indicator count_ind(long t0, long t1, long t2, long t3, long t4)
{
	model_indicator ind;

	memset(&ind, 0, sizeof ind);
	ind.unit = UNIT_COUNT;
	ind.weight = rat_int(5);
	ind.agg = AGG_SUM;
	ind.target[0] = num(t0);
	ind.target[1] = num(t1);
	ind.target[2] = num(t2);
	ind.target[3] = num(t3);
	ind.target[4] = num(t4);
	return ind;
}

static void test_interpolate(void)
{
	model_indicator ind = count_ind(400, 350, 300, 250, 200);

	CHECK_RAT(score_percent(&tpl, &ind, rat_int(400)), 100, 1, "at the 100% target");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(900)), 100, 1, "beyond the 100% target");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(386)), 486, 5, "386 between 400 and 350 = 97.2");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(200)), 60, 1, "at the lowest target");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(199)), 0, 1, "below the lowest target is 0");
	CHECK_RAT(score_percent(&tpl, &ind, rat_make(2251, 10)), 6502, 100, "225.1 -> 65.02");
}

static void test_step(void)
{
	model_indicator ind = count_ind(400, 350, 300, 250, 200);

	ind.method = METHOD_STEP;
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(386)), 90, 1, "step: 386 reaches the 90% grade");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(250)), 70, 1, "step: at the 70% target");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(100)), 0, 1, "step: below all grades");
}

static void test_proportional(void)
{
	model_indicator ind = count_ind(400, 350, 300, 250, 200);

	ind.method = METHOD_PROPORTIONAL;
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(100)), 25, 1, "proportional: 100/400");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(800)), 100, 1, "proportional: capped");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(0)), 0, 1, "proportional: nothing");
}

static void test_empty_grades(void)
{
	model_indicator ind = count_ind(2, 0, 1, 0, 0);

	ind.target[1] = na();
	ind.target[3] = na();
	ind.target[4] = na();
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(2)), 100, 1, "empty grades: top");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(1)), 80, 1, "empty grades: 1 is the 80% target");
	CHECK_RAT(score_percent(&tpl, &ind, rat_make(3, 2)), 90, 1,
		  "empty grades: 1.5 interpolates between 80% and 100%");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(0)), 0, 1, "empty grades: below");
}

static void test_dates(void)
{
	model_indicator ind;
	long d = 19798; /* 2024-03-16 */

	memset(&ind, 0, sizeof ind);
	ind.unit = UNIT_DATE;
	ind.weight = rat_int(10);
	ind.agg = AGG_EARLIEST;
	ind.target[0] = num(d);
	ind.target[1] = num(d + 7);
	ind.target[2] = num(d + 14);
	ind.target[3] = num(d + 21);
	ind.target[4] = num(d + 28);
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(d - 30)), 100, 1, "date: earlier than the 100% date");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(d)), 100, 1, "date: on the 100% date");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(d + 3)), 670, 7, "date: 3 days late = 100 - 30/7");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(d + 28)), 60, 1, "date: on the last date");
	CHECK_RAT(score_percent(&tpl, &ind, rat_int(d + 29)), 0, 1, "date: after the last date");
}

static void test_aggregate(void)
{
	model_indicator ind = count_ind(4, 3, 2, 1, 0);
	model_value q[4] = { num(1), none(), num(2), num(5) };
	model_value v;

	v = score_aggregate(&ind, q, 3);
	CHECK(v.kind == VAL_NUM, "sum: a number");
	CHECK_RAT(v.num, 3, 1, "sum of quarters 1-3 skips the empty one and the 4th");
	ind.agg = AGG_LATEST;
	CHECK_RAT(score_aggregate(&ind, q, 2).num, 1, 1, "latest up to quarter 2");
	ind.agg = AGG_EARLIEST;
	CHECK_RAT(score_aggregate(&ind, q, 4).num, 1, 1, "earliest");
	ind.agg = AGG_MAX;
	CHECK_RAT(score_aggregate(&ind, q, 4).num, 5, 1, "max");
	q[0] = na();
	q[2] = none();
	CHECK(score_aggregate(&ind, q, 1).kind == VAL_NA, "only - up to the quarter: not applicable");
	CHECK(score_aggregate(&ind, q, 3).kind == VAL_EMPTY, "- then empty: not reported");
}

int main(void)
{
	setup_grades();
	test_interpolate();
	test_step();
	test_proportional();
	test_empty_grades();
	test_dates();
	test_aggregate();
	printf("test_score: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
