/* text.c - what a text may hold: its printed length, and whether it looks
 * like legacy Bijoy (ANSI) Bengali. */
#include "text.h"

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t text_length(const char *s)
{
	size_t n = 0;
	int sp = 0;

	for (; *s; s++) {
		int here = is_space((unsigned char)*s);

		if ((*s & 0xC0) != 0x80 && !(here && sp))
			n++;
		sp = here;
	}
	return n;
}

/* Bengali typed for a Bijoy font is stored as the Latin-1 and cp1252
 * characters that the font draws as Bengali letters ("‡Rjv Z_¨ Awdm" for
 * জেলা তথ্য অফিস). Bijoy writes the commonest signs with characters that
 * ordinary text hardly ever holds, and always beside a letter: ‡ and †
 * (e-kar) before the consonant, ¨ (ya-phala) and ¯ (the s-conjunct) after
 * one. A text is taken for Bijoy when it has no Bengali letter
 * (U+0980-U+09FF) and
 *  - two such pairs ("‡R", "_¨"), or
 *  - one, with Bijoy signs (those, ¡-¿ except ° and ·, Ö-ß, ‰ Š ˆ) making at
 *    least one in eight of its characters.
 * "© 2024", "25°C", "½ km", "Smith†", a URL or a number are not. */
struct bijoy {
	int pairs, signs, chars, bengali;
	unsigned prev;
};

static int is_letter(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static void count(struct bijoy *b, unsigned cp)
{
	if ((b->prev == 0x2021 || b->prev == 0x2020) && is_letter(cp))
		b->pairs++;
	if ((cp == 0xA8 || cp == 0xAF) && is_letter(b->prev))
		b->pairs++;
	b->prev = cp;
	if (is_space(cp))
		return;
	b->chars++;
	if (cp >= 0x980 && cp <= 0x9FF)
		b->bengali++;
	if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xB0 && cp != 0xB7) || (cp >= 0xD6 && cp <= 0xDF) || cp == 0x2021 ||
	    cp == 0x2020 || cp == 0x2030 || cp == 0x160 || cp == 0x2C6)
		b->signs++;
}

/* The code point starting at *p (valid UTF-8, as libxml2 hands it over);
 * advances *p past it. */
static unsigned next_cp(const unsigned char **p)
{
	unsigned cp = *(*p)++;
	int more;

	if (cp < 0xC0)
		return cp;
	more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
	cp &= 0x3Fu >> more;
	for (; more > 0 && **p; more--)
		cp = cp << 6 | (*(*p)++ & 0x3Fu);
	return cp;
}

int text_looks_bijoy(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct bijoy b = { 0, 0, 0, 0, 0 };

	while (*p)
		count(&b, next_cp(&p));
	return b.bengali == 0 && (b.pairs >= 2 || (b.pairs == 1 && b.signs >= 2 && b.signs * 8 >= b.chars));
}
