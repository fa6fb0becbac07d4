/* test_text.c - text lengths as printed, and the Bijoy (ANSI) Bengali rule:
 * it fires on Bijoy samples and not on English, URLs, numbers or Unicode
 * Bengali with an occasional symbol. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "text.h"

int main(void)
{
	static const char *const bijoy[] = {
		"\xe2\x80\xa1Rjv Z_\xc2\xa8 Awdm",                 /* ‡Rjv Z_¨ Awdm: জেলা তথ্য অফিস */
		"\xe2\x80\xa1Rjv Z_\xc2\xa8 Awdm, Lyjbv",          /* জেলা তথ্য অফিস, খুলনা */
		"\xe2\x80\xa1Rjv cÖkvmK",                            /* জেলা প্রশাসক: one pair, many signs */
		"Z_\xc2\xa8 I \xe2\x80\xa0hvMv\xe2\x80\xa1hvM cÖhyw\xc2\xb3 wefvM", /* তথ্য ও যোগাযোগ প্রযুক্তি বিভাগ */
		"B-dvBj\xe2\x80\xa1 \xe2\x80\xa1" "bvU wb\xc2\xae\xc3\xbawX\xc3\x8bK\xe2\x80\xa6Z",    /* ই-ফাইলে নোট নিষ্পত্তিকৃত */
	};
	static const char *const plain[] = {
		"District Information Office, Khulna",
		"\xc2\xa9 2024 Ministry of Information \xe2\x80\x94 all rights reserved",
		"25\xc2\xb0" "C to 30\xc2\xb0" "C, \xc2\xbd km",
		"https://drive.google.com/file/d/1a2B3c/view?usp=sharing&x=%C2%A8",
		"12,345.67 \xc2\xb1 0.5",
		"\xc2\xab Report \xc2\xbb \xc2\xa1Hola!",
		"Smith\xe2\x80\xa0 (deceased), see note\xe2\x80\xa1",
		"Smith\xe2\x80\xa0 and Jones\xe2\x80\xa1 (both retired)",
		"\xe0\xa6\x9c\xe0\xa7\x87\xe0\xa6\xb2\xe0\xa6\xbe \xe2\x80\xa1Rj Z_\xc2\xa8", /* জেলা: Unicode Bengali beside Bijoy-like pairs */
		"\xc2\xaf\\_(\xe3\x83\x84)_/\xc2\xaf",          /* ¯\_(ツ)_/¯ */
		"see \xe2\x80\xa1note and the \xc2\xa9 2024 \xc2\xae mark on the long front page", /* one pair, few signs */
		"",
	};
	size_t i;

	for (i = 0; i < sizeof bijoy / sizeof *bijoy; i++)
		check(text_looks_bijoy(bijoy[i]), bijoy[i]);
	for (i = 0; i < sizeof plain / sizeof *plain; i++)
		check(!text_looks_bijoy(plain[i]), plain[i]);
	check(text_length("") == 0, "length of empty text");
	check(text_length("a  \n\t b") == 3, "white space runs count once");
	check(text_length("\xe0\xa6\x9c\xe0\xa7\x87\xe0\xa6\xb2\xe0\xa6\xbe") == 4, "Bengali counts code points");
	printf("text: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
