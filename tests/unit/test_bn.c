/* test_bn.c - unit tests for compiler/bn.c */
#include "bn.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_pass, n_fail;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        n_pass++;
        return;
    }
    n_fail++;
    printf("FAIL line %d: %s\n", line, what);
}

/* Compares a string result with want; frees got when owned is set. */
static void check_str(char *got, const char *want, int owned, const char *what,
                      int line)
{
    int ok = (got == NULL && want == NULL) ||
             (got && want && strcmp(got, want) == 0);
    if (ok) {
        n_pass++;
    } else {
        n_fail++;
        printf("FAIL line %d: %s: got \"%s\", want \"%s\"\n", line, what,
               got ? got : "(null)", want ? want : "(null)");
    }
    if (owned)
        free(got);
}

#define CHECK(c) check((c), #c, __LINE__)
#define CHECK_EQ(a, b) check((a) == (b), #a " == " #b, __LINE__)
/* For malloc'd results (freed here) and for static results. */
#define CHECK_OWN(expr, want) check_str((expr), (want), 1, #expr, __LINE__)
#define CHECK_STATIC(expr, want) \
    check_str((char *)(expr), (want), 0, #expr, __LINE__)

static bn_date mk(int y, int m, int d)
{
    bn_date r = {y, m, d};
    return r;
}

/* True if s contains the precomposed U+09DF, U+09DC or U+09DD. */
static int has_precomposed(const char *s)
{
    for (; s && s[0] && s[1] && s[2]; s++) {
        const unsigned char *u = (const unsigned char *)s;
        if (u[0] == 0xE0 && u[1] == 0xA7 &&
            (u[2] == 0x9C || u[2] == 0x9D || u[2] == 0x9F))
            return 1;
    }
    return 0;
}

static void test_digits(void)
{
    int v = -1;
    CHECK_OWN(bn_ascii_digits("১৬/০৩/২০২৪"), "16/03/2024");
    CHECK_OWN(bn_bengali_digits("16/03/2024"), "১৬/০৩/২০২৪");
    CHECK_OWN(bn_ascii_digits("মোট ১২৩৪৫৬৭৮৯০ টাকা, 42 জন"),
              "মোট 1234567890 টাকা, 42 জন");
    CHECK_OWN(bn_bengali_digits("মোট 1234567890 টাকা, ৪২ জন"),
              "মোট ১২৩৪৫৬৭৮৯০ টাকা, ৪২ জন");
    CHECK_OWN(bn_ascii_digits(""), "");
    CHECK_OWN(bn_bengali_digits("abc"), "abc");
    CHECK_OWN(bn_ascii_digits(NULL), NULL);
    CHECK_EQ(bn_digit_at("৭x", &v), 3);
    CHECK_EQ(v, 7);
    CHECK_EQ(bn_digit_at("0", &v), 1);
    CHECK_EQ(v, 0);
    CHECK_EQ(bn_digit_at("ক", &v), 0);
    CHECK_EQ(bn_digit_at("", &v), 0);
    CHECK_EQ(bn_digit_at("৯", NULL), 3);
}

/* Round trip and continuity of day numbers for every day of 1900-2100. */
static void test_day_numbers(void)
{
    int bad = 0;
    long prev = bn_days(mk(1899, 12, 31));
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= bn_month_days(y, m); d++) {
                bn_date g = mk(y, m, d), b;
                long n = bn_days(g);
                b = bn_from_days(n);
                if (n != prev + 1 || b.y != y || b.m != m || b.d != d)
                    bad++;
                prev = n;
            }
    CHECK_EQ(bad, 0);
    CHECK_EQ(bn_days(mk(1970, 1, 1)), 0L);
    CHECK_EQ(bn_days(mk(2000, 3, 1)), 11017L);
    CHECK_EQ(bn_days(mk(1900, 1, 1)), -25567L);
    CHECK_EQ(bn_days(mk(2100, 12, 31)), 47846L);
    CHECK_EQ(bn_from_days(-1).y, 1969);
    CHECK_EQ(bn_from_days(-1).d, 31);
    CHECK(bn_is_leap(2000) && bn_is_leap(2024) && !bn_is_leap(1900));
    CHECK_EQ(bn_month_days(2023, 2), 28);
    CHECK_EQ(bn_month_days(2024, 2), 29);
    CHECK_EQ(bn_month_days(2024, 13), 0);
}

static void expect_date(const char *s, int y, int m, int d, int line)
{
    bn_date g = {0, 0, 0};
    int rc = bn_parse_date(s, &g);
    int ok = rc == BN_DATE_OK && g.y == y && g.m == m && g.d == d;
    check(ok, s, line);
    if (!ok)
        printf("  rc=%d got %d-%d-%d\n", rc, g.y, g.m, g.d);
}

static void expect_rc(const char *s, int want, int line)
{
    bn_date g;
    int rc = bn_parse_date(s, &g);
    check(rc == want, s, line);
    if (rc != want)
        printf("  rc=%d want %d\n", rc, want);
}

#define DATE(s, y, m, d) expect_date((s), (y), (m), (d), __LINE__)
#define DATE_RC(s, rc) expect_rc((s), (rc), __LINE__)

static void test_parse_date(void)
{
    DATE("১৬/০৩/২০২৪", 2024, 3, 16);
    DATE("16/03/24", 2024, 3, 16);
    DATE("০২.০১.২০২৪খ্রি.", 2024, 1, 2);
    DATE("2024-03-16", 2024, 3, 16);
    DATE("০৮/০২/২৪ই", 2024, 2, 8);
    DATE("৩১/১২/২০২৩ খ্রিঃ।", 2023, 12, 31);
    DATE("  ৫/৭/২০২৩  ", 2023, 7, 5);
    DATE("16-03-2024", 2024, 3, 16);
    DATE("16.03.24", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪ ইং", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪ইং।", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪ খ্রি:", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪ খ্রি", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪ খ্রিস্টাব্দ।", 2024, 3, 16);
    DATE("১৬/০৩/২০২৪।", 2024, 3, 16);
    DATE("1৬/0৩/২0২৪", 2024, 3, 16);
    DATE("29/02/2024", 2024, 2, 29);
    DATE_RC("31/02/2024", BN_DATE_INVALID);
    DATE_RC("29/02/2023", BN_DATE_INVALID);
    DATE_RC("32/01/2024", BN_DATE_INVALID);
    DATE_RC("01/13/2024", BN_DATE_INVALID);
    DATE_RC("00/01/2024", BN_DATE_INVALID);
    DATE_RC("2023-02-29", BN_DATE_INVALID);
    DATE_RC("abc", BN_DATE_SYNTAX);
    DATE_RC("", BN_DATE_SYNTAX);
    DATE_RC("16/03", BN_DATE_SYNTAX);
    DATE_RC("16/03-2024", BN_DATE_SYNTAX);
    DATE_RC("16/03/202", BN_DATE_SYNTAX);
    DATE_RC("2024/03/16", BN_DATE_SYNTAX);
    DATE_RC("16/03/2024 সাল", BN_DATE_SYNTAX);
    DATE_RC("১৬/০৩/২০২৪ খ্রিঃ। x", BN_DATE_SYNTAX);
    DATE_RC("123/03/2024", BN_DATE_SYNTAX);
    DATE_RC(NULL, BN_DATE_SYNTAX);
}

static void test_format(void)
{
    CHECK_OWN(bn_format_date(mk(2024, 1, 15)), "১৫/০১/২০২৪");
    CHECK_OWN(bn_format_date_long(mk(2024, 1, 14)), "১৪ জানুয়ারি ২০২৪");
    CHECK_OWN(bn_format_date_long(mk(2023, 12, 31)), "৩১ ডিসেম্বর ২০২৩");
    CHECK_OWN(bn_format_date_long(mk(2024, 2, 1)), "১ ফেব্রুয়ারি ২০২৪");
    CHECK_OWN(bn_format_date_long(mk(2024, 13, 1)), NULL);
    CHECK_STATIC(bn_month_name(9), "সেপ্টেম্বর");
    CHECK_STATIC(bn_month_name(0), NULL);
}

#define BANGLA(y, m, d, want) CHECK_OWN(bn_format_bangla_date(mk(y, m, d)), want)

static void test_bangla_fixed(void)
{
    BANGLA(2024, 1, 14, "৩০ পৌষ ১৪৩০");
    BANGLA(2023, 12, 16, "১ পৌষ ১৪৩০");
    BANGLA(2024, 2, 21, "৮ ফাল্গুন ১৪৩০");
    BANGLA(2024, 3, 26, "১২ চৈত্র ১৪৩০");
    BANGLA(2024, 4, 14, "১ বৈশাখ ১৪৩১");
    BANGLA(2024, 4, 13, "৩০ চৈত্র ১৪৩০");
    BANGLA(2024, 2, 14, "১ ফাল্গুন ১৪৩০");
    BANGLA(2024, 3, 14, "৩০ ফাল্গুন ১৪৩০");   /* leap: ফাল্গুন has 30 */
    BANGLA(2024, 3, 15, "১ চৈত্র ১৪৩০");
    BANGLA(2023, 3, 14, "২৯ ফাল্গুন ১৪২৯");   /* non-leap: 29 days */
    BANGLA(2023, 3, 15, "১ চৈত্র ১৪২৯");
    BANGLA(2023, 4, 13, "৩০ চৈত্র ১৪২৯");
    BANGLA(2023, 4, 14, "১ বৈশাখ ১৪৩০");
    BANGLA(2023, 6, 15, "১ আষাঢ় ১৪৩০");
    BANGLA(2023, 5, 15, "১ জ্যৈষ্ঠ ১৪৩০");
    BANGLA(2023, 11, 16, "১ অগ্রহায়ণ ১৪৩০");
    BANGLA(2024, 1, 15, "১ মাঘ ১৪৩০");
    BANGLA(2025, 7, 16, "১ শ্রাবণ ১৪৩২");
    BANGLA(2025, 10, 16, "৩১ আশ্বিন ১৪৩২");
    BANGLA(2025, 10, 17, "১ কার্তিক ১৪৩২");
}

/* Either side of the change of rules on 1 বৈশাখ 1426 = 14 April 2019. */
static void test_bangla_change(void)
{
    BANGLA(2019, 1, 14, "১ মাঘ ১৪২৫");      /* 1987 rules: পৌষ ends on 13 Jan */
    BANGLA(2019, 1, 13, "৩০ পৌষ ১৪২৫");
    BANGLA(2019, 2, 13, "১ ফাল্গুন ১৪২৫");
    BANGLA(2019, 3, 14, "৩০ ফাল্গুন ১৪২৫");
    BANGLA(2019, 4, 13, "৩০ চৈত্র ১৪২৫");
    BANGLA(2019, 4, 14, "১ বৈশাখ ১৪২৬");
    BANGLA(2019, 9, 16, "১ আশ্বিন ১৪২৬");   /* revised: আশ্বিন has 31 days */
    BANGLA(2019, 10, 16, "৩১ আশ্বিন ১৪২৬");
    BANGLA(2019, 10, 17, "১ কার্তিক ১৪২৬");
    BANGLA(2018, 10, 16, "১ কার্তিক ১৪২৫"); /* 1987: আশ্বিন has 30 days */
    BANGLA(2018, 10, 15, "৩০ আশ্বিন ১৪২৫");
    BANGLA(2016, 3, 14, "৩১ ফাল্গুন ১৪২২"); /* 1987, leap: ফাল্গুন has 31 */
    BANGLA(2016, 3, 15, "১ চৈত্র ১৪২২");
    BANGLA(2017, 3, 14, "৩০ ফাল্গুন ১৪২৩"); /* 1987, not leap: 30 */
    BANGLA(2020, 3, 14, "৩০ ফাল্গুন ১৪২৬"); /* revised, leap: 30 */
    BANGLA(2021, 3, 14, "২৯ ফাল্গুন ১৪২৭"); /* revised, not leap: 29 */
}

/* The Gregorian date of the 1st of every month of 1424-1427, worked out by
 * hand from the month lengths: 1424 and 1425 under the 1987 rules, 1426 and
 * 1427 under the revised ones. */
static const struct { int by, bm, y, m, d; } month_starts[] = {
    {1424, 1, 2017, 4, 14}, {1424, 2, 2017, 5, 15}, {1424, 3, 2017, 6, 15},
    {1424, 4, 2017, 7, 16}, {1424, 5, 2017, 8, 16}, {1424, 6, 2017, 9, 16},
    {1424, 7, 2017, 10, 16}, {1424, 8, 2017, 11, 15}, {1424, 9, 2017, 12, 15},
    {1424, 10, 2018, 1, 14}, {1424, 11, 2018, 2, 13}, {1424, 12, 2018, 3, 15},
    {1425, 1, 2018, 4, 14}, {1425, 2, 2018, 5, 15}, {1425, 3, 2018, 6, 15},
    {1425, 4, 2018, 7, 16}, {1425, 5, 2018, 8, 16}, {1425, 6, 2018, 9, 16},
    {1425, 7, 2018, 10, 16}, {1425, 8, 2018, 11, 15}, {1425, 9, 2018, 12, 15},
    {1425, 10, 2019, 1, 14}, {1425, 11, 2019, 2, 13}, {1425, 12, 2019, 3, 15},
    {1426, 1, 2019, 4, 14}, {1426, 2, 2019, 5, 15}, {1426, 3, 2019, 6, 15},
    {1426, 4, 2019, 7, 16}, {1426, 5, 2019, 8, 16}, {1426, 6, 2019, 9, 16},
    {1426, 7, 2019, 10, 17}, {1426, 8, 2019, 11, 16}, {1426, 9, 2019, 12, 16},
    {1426, 10, 2020, 1, 15}, {1426, 11, 2020, 2, 14}, {1426, 12, 2020, 3, 15},
    {1427, 1, 2020, 4, 14}, {1427, 2, 2020, 5, 15}, {1427, 3, 2020, 6, 15},
    {1427, 4, 2020, 7, 16}, {1427, 5, 2020, 8, 16}, {1427, 6, 2020, 9, 16},
    {1427, 7, 2020, 10, 17}, {1427, 8, 2020, 11, 16}, {1427, 9, 2020, 12, 16},
    {1427, 10, 2021, 1, 15}, {1427, 11, 2021, 2, 14}, {1427, 12, 2021, 3, 15},
    {1428, 1, 2021, 4, 14},
};

/* Each listed day is the 1st of its month, and the day before it is the
 * last day of the month before (so the table also pins every length). */
static void test_bangla_month_starts(void)
{
    size_t n = sizeof month_starts / sizeof *month_starts;
    for (size_t i = 0; i < n; i++) {
        bn_date g = mk(month_starts[i].y, month_starts[i].m, month_starts[i].d);
        int y, m, d, ok;
        bn_bangla_date(g, &y, &m, &d);
        ok = y == month_starts[i].by && m == month_starts[i].bm && d == 1;
        if (i > 0) {
            long len = bn_days(g) - bn_days(mk(month_starts[i - 1].y,
                                               month_starts[i - 1].m,
                                               month_starts[i - 1].d));
            bn_bangla_date(bn_from_days(bn_days(g) - 1), &y, &m, &d);
            ok = ok && y == month_starts[i - 1].by &&
                 m == month_starts[i - 1].bm && d == len;
        }
        check(ok, "month start", __LINE__);
        if (!ok)
            printf("  %d-%02d-%02d should be 1/%d/%d\n", g.y, g.m, g.d,
                   month_starts[i].bm, month_starts[i].by);
    }
}

/* 1 বৈশাখ is 14 April in every year, under both sets of rules. */
static void test_bangla_new_year(void)
{
    int bad = 0;
    for (int gy = 1900; gy <= 2100; gy++) {
        int y, m, d, y0, m0, d0;
        bn_bangla_date(mk(gy, 4, 14), &y, &m, &d);
        bn_bangla_date(mk(gy, 4, 13), &y0, &m0, &d0);
        if (y != gy - 593 || m != 1 || d != 1 || y0 != gy - 594 || m0 != 12 ||
            d0 != 30)
            bad++;
    }
    CHECK_EQ(bad, 0);
}

/* Length of Bangla month m of year by under the rules of that year; its
 * ফাল্গুন is in February of Gregorian feb_year. */
static int want_month_len(int by, int m, int feb_year)
{
    int leap = bn_is_leap(feb_year);
    if (by < 1426)
        return m <= 5 ? 31 : m == 11 ? 30 + leap : 30;
    return m <= 6 ? 31 : m == 11 ? 29 + leap : 30;
}

/* Nonzero if the Bangla date advances correctly from g to the next day. */
static int bangla_step_ok(bn_date g, bn_date next)
{
    int y0, m0, d0, y1, m1, d1;
    bn_bangla_date(g, &y0, &m0, &d0);
    bn_bangla_date(next, &y1, &m1, &d1);
    if (y1 == y0 && m1 == m0)
        return d1 == d0 + 1;
    if (d0 != want_month_len(y0, m0, y0 + 594) || d1 != 1)
        return 0;
    if (m0 == 12)
        return m1 == 1 && y1 == y0 + 1 && next.m == 4 && next.d == 14;
    return m1 == m0 + 1 && y1 == y0;
}

static void test_bangla_sweep(void)
{
    int bad = 0;
    for (long n = bn_days(mk(1900, 1, 1)); n < bn_days(mk(2100, 12, 31)); n++)
        if (!bangla_step_ok(bn_from_days(n), bn_from_days(n + 1)))
            bad++;
    CHECK_EQ(bad, 0);
}

#define WORDS(n, want) CHECK_OWN(bn_words(n), want)

static void test_words(void)
{
    WORDS(0, "শূন্য");
    WORDS(1, "এক");
    WORDS(10, "দশ");
    WORDS(11, "এগারো");
    WORDS(19, "উনিশ");
    WORDS(20, "বিশ");
    WORDS(21, "একুশ");
    WORDS(25, "পঁচিশ");
    WORDS(29, "ঊনত্রিশ");
    WORDS(42, "বিয়াল্লিশ");
    WORDS(52, "বায়ান্ন");
    WORDS(55, "পঞ্চান্ন");
    WORDS(78, "আটাত্তর");
    WORDS(87, "সাতাশি");
    WORDS(99, "নিরানব্বই");
    WORDS(100, "একশত");
    WORDS(101, "একশত এক");
    WORDS(105, "একশত পাঁচ");
    WORDS(115, "একশত পনেরো");
    WORDS(999, "নয়শত নিরানব্বই");
    WORDS(1000, "এক হাজার");
    WORDS(1001, "এক হাজার এক");
    WORDS(2500, "দুই হাজার পাঁচশত");
    WORDS(99999, "নিরানব্বই হাজার নয়শত নিরানব্বই");
    WORDS(100000, "এক লক্ষ");
    WORDS(250000, "দুই লক্ষ পঞ্চাশ হাজার");
    WORDS(10000000, "এক কোটি");
    WORDS(12345678, "এক কোটি তেইশ লক্ষ পঁয়তাল্লিশ হাজার ছয়শত আটাত্তর");
    WORDS(1000000000, "একশত কোটি");
    WORDS(100000001, "দশ কোটি এক");
    WORDS(999999999999LL, "নিরানব্বই হাজার নয়শত নিরানব্বই কোটি "
                          "নিরানব্বই লক্ষ নিরানব্বই হাজার নয়শত নিরানব্বই");
    WORDS(-5, "ঋণাত্মক পাঁচ");
    WORDS(-100000, "ঋণাত্মক এক লক্ষ");
    WORDS(1000000000000LL, NULL);
    WORDS(LLONG_MIN, NULL);
}

/* All 0..99 words are present, distinct and free of precomposed nukta letters. */
static void test_words_table(void)
{
    char *w[100];
    int bad = 0;
    for (int i = 0; i < 100; i++) {
        w[i] = bn_words(i);
        if (!w[i] || !*w[i] || strchr(w[i], ' ') || has_precomposed(w[i]))
            bad++;
        for (int j = 0; j < i && w[i]; j++)
            if (w[j] && strcmp(w[i], w[j]) == 0)
                bad++;
    }
    for (int i = 0; i < 100; i++)
        free(w[i]);
    CHECK_EQ(bad, 0);
}

static void test_count_phrase(void)
{
    CHECK_OWN(bn_count_phrase(1, 2), "০১ (এক)");
    CHECK_OWN(bn_count_phrase(12, 2), "১২ (বারো)");
    CHECK_OWN(bn_count_phrase(7, 0), "৭ (সাত)");
    CHECK_OWN(bn_count_phrase(125, 2), "১২৫ (একশত পঁচিশ)");
}

static void test_quarters(void)
{
    CHECK_STATIC(bn_quarter_ordinal(1), "১ম");
    CHECK_STATIC(bn_quarter_ordinal(2), "২য়");
    CHECK_STATIC(bn_quarter_ordinal(3), "৩য়");
    CHECK_STATIC(bn_quarter_ordinal(4), "৪র্থ");
    CHECK_STATIC(bn_quarter_ordinal(5), NULL);
    CHECK_STATIC(bn_quarter_ordinal(0), NULL);
    CHECK_STATIC(bn_quarter_name(1), "১ম ত্রৈমাসিক");
    CHECK_STATIC(bn_quarter_name(4), "৪র্থ ত্রৈমাসিক");
    CHECK_STATIC(bn_quarter_months(1), "জুলাই-সেপ্টেম্বর");
    CHECK_STATIC(bn_quarter_months(2), "অক্টোবর-ডিসেম্বর");
    CHECK_STATIC(bn_quarter_months(3), "জানুয়ারি-মার্চ");
    CHECK_STATIC(bn_quarter_months(4), "এপ্রিল-জুন");
    CHECK_STATIC(bn_quarter_months(-1), NULL);
    CHECK(!has_precomposed(bn_quarter_ordinal(2)));
    CHECK(!has_precomposed(bn_quarter_months(3)));
    CHECK(strcmp(bn_quarter_ordinal(2), "২\xE0\xA6\xAF\xE0\xA6\xBC") == 0);
    CHECK_EQ(bn_parse_quarter("১ম"), 1);
    CHECK_EQ(bn_parse_quarter("২য়"), 2);
    CHECK_EQ(bn_parse_quarter("২\xE0\xA7\x9F"), 2);   /* precomposed য় */
    CHECK_EQ(bn_parse_quarter("৩য়"), 3);
    CHECK_EQ(bn_parse_quarter("৩\xE0\xA7\x9F"), 3);
    CHECK_EQ(bn_parse_quarter("৪র্থ"), 4);
    CHECK_EQ(bn_parse_quarter("1"), 1);
    CHECK_EQ(bn_parse_quarter("১"), 1);
    CHECK_EQ(bn_parse_quarter("Q1"), 1);
    CHECK_EQ(bn_parse_quarter("q2"), 2);
    CHECK_EQ(bn_parse_quarter(" Q4 "), 4);
    CHECK_EQ(bn_parse_quarter("3rd"), 3);
    CHECK_EQ(bn_parse_quarter("২য় ত্রৈমাসিক"), 2);
    CHECK_EQ(bn_parse_quarter("5"), 0);
    CHECK_EQ(bn_parse_quarter("0"), 0);
    CHECK_EQ(bn_parse_quarter("12"), 0);
    CHECK_EQ(bn_parse_quarter("১ম২"), 0);
    CHECK_EQ(bn_parse_quarter("২ম"), 0);
    CHECK_EQ(bn_parse_quarter(""), 0);
    CHECK_EQ(bn_parse_quarter("Q"), 0);
    CHECK_EQ(bn_parse_quarter(NULL), 0);
}

/* Every Bengali output string uses য + nukta, never the precomposed form. */
static void test_no_precomposed(void)
{
    int bad = 0;
    for (int m = 1; m <= 12; m++) {
        char *s = bn_format_date_long(mk(2024, m, 1));
        bad += !s || has_precomposed(s);
        free(s);
        bad += has_precomposed(bn_bangla_month_name(m));
    }
    CHECK_EQ(bad, 0);
    CHECK(strstr(bn_month_name(1), "\xE0\xA6\xAF\xE0\xA6\xBC") != NULL);
    CHECK(strstr(bn_bangla_month_name(3), "\xE0\xA6\xA2\xE0\xA6\xBC") != NULL);
}

int main(void)
{
    test_digits();
    test_day_numbers();
    test_parse_date();
    test_format();
    test_bangla_fixed();
    test_bangla_change();
    test_bangla_month_starts();
    test_bangla_new_year();
    test_bangla_sweep();
    test_words();
    test_words_table();
    test_count_phrase();
    test_quarters();
    test_no_precomposed();
    printf("test_bn: %d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}
