/*
 * bn.h - Bengali (Bangladesh) helpers: digits, dates, Bangla calendar,
 * number words and fiscal-year quarters.
 *
 * All strings are UTF-8.  Output text always writes "য়" as U+09AF U+09BC
 * and "ঢ়" as U+09A2 U+09BC (i.e. NFC); input accepts either form of "য়".
 *
 * Ownership: every function returning `char *` returns a malloc'd string
 * the caller must free(); it returns NULL on bad input (a NULL string, a
 * number out of range); like the rest of annexc it aborts when out of memory.
 * Functions returning `const char *` (bn_quarter_ordinal, bn_quarter_name,
 * bn_quarter_months) return static strings that must NOT be freed.
 *
 * Dates accepted by bn_parse_date (Bengali or ASCII digits, may be mixed;
 * surrounding white space ignored):
 *   d/m/yyyy  d/m/yy  d.m.yyyy  d.m.yy  d-m-yyyy  d-m-yy  yyyy-mm-dd
 * (d and m one or two digits, yy means 20yy), optionally followed, with or
 * without a space, by an era suffix "খ্রি.", "খ্রিঃ", "খ্রি:", "খ্রি",
 * "খ্রীঃ", "খ্রী.", "খ্রী", "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "ইং", "ই",
 * and then optionally by "।" or ".".
 *
 * Bangla calendar (বঙ্গাব্দ), with the rules in force on the date; every
 * year starts on 1 বৈশাখ = 14 April.  From 1 বৈশাখ 1426 (14 April 2019), the
 * revised calendar: months 1-6 have 31 days, 7-10 have 30, ফাল্গুন (11) has
 * 29 (30 when its February is in a Gregorian leap year), চৈত্র has 30.
 * Before it (applied to every earlier date), the 1987 Bangla Academy rules:
 * months 1-5 have 31 days, 6-12 have 30, and ফাল্গুন 31 when its February
 * is in a Gregorian leap year.
 */
#ifndef BN_H
#define BN_H

typedef struct bn_date { int y, m, d; } bn_date;   /* Gregorian */

enum { BN_DATE_OK = 0, BN_DATE_SYNTAX = 1, BN_DATE_INVALID = 2 };

/* Copy of s with Bengali digits ০-৯ replaced by ASCII 0-9; caller frees. */
char *bn_ascii_digits(const char *s);
/* Copy of s with ASCII digits 0-9 replaced by Bengali ০-৯; caller frees. */
char *bn_bengali_digits(const char *s);
/* Parses a date (forms above) into *out; returns a BN_DATE_* code, no allocation. */
int bn_parse_date(const char *s, bn_date *out);
/* Days since 1970-01-01 in the proleptic Gregorian calendar (may be negative). */
long bn_days(bn_date d);
/* Inverse of bn_days: the Gregorian date of a day number. */
bn_date bn_from_days(long days);
/* Nonzero if y is a Gregorian leap year. */
int bn_is_leap(int y);
/* Days in month m (1..12) of year y, or 0 if m is out of range. */
int bn_month_days(int y, int m);
/* Nonzero if d is a real Gregorian date with 1 <= year <= 9999. */
int bn_date_valid(bn_date d);
/* "১৫/০১/২০২৪" (dd/mm/yyyy, Bengali digits); caller frees. */
char *bn_format_date(bn_date d);
/* "১৪ জানুয়ারি ২০২৪"; NULL if the month is out of range; caller frees. */
char *bn_format_date_long(bn_date d);
/* Static Bengali Gregorian month name for m = 1..12 ("জানুয়ারি"), else NULL. */
const char *bn_month_name(int m);
/* Converts g to the Bangla calendar (the rules of its date): year *by, month *bm (1..12), day *bd. */
void bn_bangla_date(bn_date g, int *by, int *bm, int *bd);
/* Static Bangla month name for m = 1..12 ("বৈশাখ"), else NULL. */
const char *bn_bangla_month_name(int m);
/* "৩০ পৌষ ১৪৩০" for a Gregorian date; caller frees. */
char *bn_format_bangla_date(bn_date g);
/* Bengali words for |n| <= 999999999999 (negatives "ঋণাত্মক ..."); NULL if out of range; caller frees. */
char *bn_words(long long n);
/* "০১ (এক)": n in Bengali digits zero-padded to width, then words; caller frees. */
char *bn_count_phrase(long long n, int width);
/* Static ordinal of fiscal quarter q = 1..4: "১ম", "২য়", "৩য়", "৪র্থ"; else NULL. */
const char *bn_quarter_ordinal(int q);
/* Static quarter name for q = 1..4: "১ম ত্রৈমাসিক" etc.; else NULL. */
const char *bn_quarter_name(int q);
/* Static month span of fiscal quarter q (July-June year), "জুলাই-সেপ্টেম্বর" etc.; else NULL. */
const char *bn_quarter_months(int q);
/* Parses "১ম", "২য়", "1", "১", "Q1", "q2", "3rd", "৪র্থ ত্রৈমাসিক" etc. to 1..4; 0 if not a quarter. */
int bn_parse_quarter(const char *s);
/* Byte length (1 or 3) of a leading ASCII or Bengali digit, value in *v (may be NULL); 0 if none. */
int bn_digit_at(const char *s, int *v);

#endif /* BN_H */
