/* measure.c - text measurement with pango; one cached context per process. */
#include "measure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "util.h"

static PangoFontMap *map;
static PangoContext *ctx;
static PangoLayout *layout;

void measure_setup_context(struct _PangoContext *c)
{
	cairo_font_options_t *o = cairo_font_options_create();

	/* Unhinted metrics: the same widths on every surface, so that the
	 * counting and drawing passes and the workbook agree. */
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(c, o);
	cairo_font_options_destroy(o);
	pango_cairo_context_set_resolution(c, 72.0); /* pango units are points */
}

static PangoLayout *get_layout(void)
{
	if (layout == NULL) {
		map = pango_cairo_font_map_new();
		ctx = pango_font_map_create_context(map);
		measure_setup_context(ctx);
		layout = pango_layout_new(ctx);
		measure_no_hyphens(layout);
	}
	return layout;
}

void measure_no_hyphens(struct _PangoLayout *l)
{
	PangoAttrList *a = pango_attr_list_new();

	pango_attr_list_insert(a, pango_attr_insert_hyphens_new(FALSE));
	pango_layout_set_attributes(l, a);
	pango_attr_list_unref(a);
}

/* Sets the layout's font; the description is rebuilt only when it changes. */
static void set_font(PangoLayout *l, const char *family, double size, int bold)
{
	static char last_family[128];
	static double last_size;
	static int last_bold = -1;
	PangoFontDescription *fd;

	if (last_bold == bold && last_size == size && strcmp(last_family, family) == 0)
		return;
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	strncpy(last_family, family, sizeof last_family - 1);
	last_size = size;
	last_bold = bold;
}

struct _PangoFontMap *measure_font_map(void)
{
	get_layout();
	return map;
}

/* Heights (and widest words) already measured, by a 64-bit hash of everything that decides
 * them: a batch of offices repeats the same labels and headers, so most
 * lookups hit. Cleared when three quarters full, so memory stays flat. */
#define CACHE_SLOTS 16384
static struct {
	uint64_t key;
	double h;
} cache[CACHE_SLOTS];
static size_t cache_used;

static uint64_t cache_key(const char *text, const char *family, double size, int bold, double width)
{
	uint64_t h = UTIL_FNV_BASIS;
	long w = (long)(width * 100), sz = (long)(size * 100);

	h = util_hash(h, text, strlen(text) + 1);
	h = util_hash(h, family, strlen(family) + 1);
	h = util_hash(h, &w, sizeof w);
	h = util_hash(h, &sz, sizeof sz);
	h = util_hash(h, &bold, sizeof bold);
	return h ? h : 1;
}

static double measure_shaped(const char *text, const char *family, double size, int bold, double width);

/* The cache slot for key k: its own, or an empty one (*hit 0). */
static size_t slot(uint64_t k, int *hit)
{
	size_t i = (size_t)(k % CACHE_SLOTS);

	while (cache[i].key != 0 && cache[i].key != k)
		i = (i + 1) % CACHE_SLOTS;
	*hit = cache[i].key == k;
	if (!*hit && cache_used >= CACHE_SLOTS * 3 / 4) {
		memset(cache, 0, sizeof cache);
		cache_used = 0;
		i = (size_t)(k % CACHE_SLOTS);
	}
	return i;
}

/* Remembers v under key k in slot i. */
static double remember(size_t i, uint64_t k, double v)
{
	cache[i].key = k;
	cache[i].h = v;
	cache_used++;
	return v;
}


/* f's value for these arguments, from the cache or computed and cached;
 * width is also part of the key (a negative one names what f measures). */
static double cached(const char *text, const char *family, double size, int bold, double width,
		     double (*f)(const char *, const char *, double, int, double))
{
	uint64_t k = cache_key(text, family, size, bold, width);
	int hit;
	size_t i = slot(k, &hit);
	double v;

	if (hit)
		return cache[i].h;
	v = f(text, family, size, bold, width); /* may fill the cache itself */
	return remember(slot(k, &hit), k, v);
}

double measure_height(const char *text, const char *family, double size, int bold, double width)
{
	return cached(text, family, size, bold, width, measure_shaped);
}

/* The font pango sets text of family at size in when the font has the
 * characters, and the height of a line of it: an entry per family, size
 * and weight (a run uses a few). */
#define FACES 16
static struct face {
	char family[128];
	double size;
	int bold;
	PangoFont *font;
	double line;
	unsigned char has[0x3000]; /* characters below U+3000: 0 not asked yet, 1 in the font, 2 not */
} faces[FACES];
static size_t nfaces;

/* Nonzero when f's font has character c (asked of pango once per character). */
static int face_has(struct face *f, gunichar c)
{
	if (c >= sizeof f->has)
		return pango_font_has_char(f->font, c);
	if (f->has[c] == 0)
		f->has[c] = pango_font_has_char(f->font, c) ? 1 : 2;
	return f->has[c] == 1;
}

static struct face *face_of(const char *family, double size, int bold)
{
	PangoLayout *l = get_layout();
	PangoFontDescription *fd;
	struct face *f;
	size_t i;

	for (i = 0; i < nfaces; i++)
		if (faces[i].size == size && faces[i].bold == bold && strcmp(faces[i].family, family) == 0)
			return &faces[i];
	if (nfaces == FACES || strlen(family) >= sizeof f->family)
		return NULL;
	f = &faces[nfaces++];
	memset(f, 0, sizeof *f);
	strcpy(f->family, family);
	f->size = size;
	f->bold = bold;
	set_font(l, family, size, bold);
	fd = pango_font_description_copy(pango_layout_get_font_description(l));
	f->font = pango_context_load_font(ctx, fd);
	pango_font_description_free(fd);
	f->line = -1; /* measured on first use, from a character the font has */
	return f;
}

/* The height of text, laid out as lines (measure_wrap's breaks) that are at
 * most widest points wide, when it can be known without shaping: every
 * character is in f's font, so every line is as high as one line of that
 * font, and no line is near the width, so pango breaks none of them
 * further. Otherwise -1. */
static double known_height(struct face *f, const char *lines, double widest, double width)
{
	const char *p;
	int n = 1;

	if (f == NULL || f->font == NULL || lines[0] == '\0' || lines[0] == '\n' || widest > width - 1.0)
		return -1;
	for (p = lines; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n') {
			if (p[1] == '\n' || p[1] == '\0')
				return -1; /* an empty line: its height is the font's metrics' */
			n++;
		} else if (c != ' ' && !face_has(f, c))
			return -1;
	}
	if (f->line < 0) { /* one character of the text, set alone */
		PangoLayout *l = get_layout();
		int w, h;

		set_font(l, f->family, f->size, f->bold);
		pango_layout_set_width(l, -1);
		pango_layout_set_text(l, lines, (int)(g_utf8_next_char(lines) - lines));
		pango_layout_get_size(l, &w, &h);
		f->line = (double)h / PANGO_SCALE;
	}
	return n * f->line;
}

static char *wrap(const char *text, const char *family, double size, int bold, double width, double *widest);

static double measure_shaped(const char *text, const char *family, double size, int bold, double width)
{
	PangoLayout *l = get_layout();
	double widest = 0, known;
	char *lines = width > 0 ? wrap(text, family, size, bold, width, &widest) : NULL;
	int w, h;

	if (lines && (known = known_height(face_of(family, size, bold), lines, widest, width)) >= 0) {
		free(lines);
		return known;
	}
	set_font(l, family, size, bold);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, lines ? (lines[0] ? lines : " ") : text[0] ? text : " ", -1);
	pango_layout_get_size(l, &w, &h);
	free(lines);
	return (double)h / PANGO_SCALE;
}

/* The longest prefix of word (n bytes) that ends with a '/' and fits width,
 * or 0: where a date too wide for its line may break. */
static size_t slash_prefix(const char *word, size_t n, const char *family, double size, int bold, double width)
{
	char piece[256];
	size_t i, best = 0;

	for (i = 1; i < n && i < sizeof piece; i++)
		if (word[i - 1] == '/') {
			memcpy(piece, word, i);
			piece[i] = '\0';
			if (measure_width(piece, family, size, bold) > width)
				break;
			best = i;
		}
	return best;
}

static double width_of(const char *s, size_t n, const char *family, double size, int bold)
{
	char *t = util_alloc(n + 1);
	double w;

	memcpy(t, s, n);
	w = measure_width(t, family, size, bold);
	free(t);
	return w;
}

char *measure_wrap(const char *text, const char *family, double size, int bold, double width)
{
	double widest;

	return wrap(text, family, size, bold, width, &widest);
}

/* measure_wrap's lines, and in *widest the width of the widest of them
 * (from its words' widths) or, when a word is wider than width, more than
 * width. */
static char *wrap(const char *text, const char *family, double size, int bold, double width, double *widest)
{
	buf b = { 0 };
	const char *p = text;
	double x = 0, space = measure_width(" ", family, size, bold);

	*widest = 0;
	buf_add(&b, "");
	while (*p) {
		size_t sp = strspn(p, " "), n = strcspn(p + sp, " \n"), cut;
		double ww;

		if (p[sp] == '\n' || p[sp] == '\0') { /* spaces at a line end stay as they are */
			buf_addn(&b, p, sp + (p[sp] == '\n'));
			if (x + (double)sp * space > *widest)
				*widest = x + (double)sp * space;
			x = 0;
			p += sp + (p[sp] == '\n');
			continue;
		}
		ww = width_of(p + sp, n, family, size, bold);
		if (x > 0 && x + (double)sp * space + ww > width) {
			buf_add(&b, "\n"); /* the spaces where the line breaks go */
			x = 0;
		} else {
			buf_addn(&b, p, sp);
			x += (double)sp * space;
		}
		p += sp;
		while (ww > width && (cut = slash_prefix(p, n, family, size, bold, width - x)) > 0) {
			buf_addn(&b, p, cut); /* last resort: a date breaks after a '/' */
			buf_add(&b, "\n");
			p += cut;
			n -= cut;
			x = 0;
			ww = width_of(p, n, family, size, bold);
			*widest = 2 * width + 1; /* more than width: the broken word is pango's to set */
		}
		buf_addn(&b, p, n);
		x += ww;
		if (x > *widest)
			*widest = x;
		p += n;
	}
	return buf_take(&b);
}

/* The widest run of text between spaces (or line ends), set on one line. */
static double widest_word(const char *text, const char *family, double size, int bold)
{
	double most = 0, w;
	char *copy = strdup(text), *p, *save = NULL;

	if (copy == NULL)
		return 0;
	for (p = strtok_r(copy, " \n\t", &save); p; p = strtok_r(NULL, " \n\t", &save))
		if ((w = measure_width(p, family, size, bold)) > most)
			most = w;
	free(copy);
	return most;
}

static double word_width_of(const char *text, const char *family, double size, int bold, double unused)
{
	(void)unused;
	return widest_word(text, family, size, bold);
}

double measure_word_width(const char *text, const char *family, double size, int bold)
{
	return cached(text, family, size, bold, -2.0, word_width_of);
}

static double shaped_width(const char *text, const char *family, double size, int bold, double unused);

double measure_width(const char *text, const char *family, double size, int bold)
{
	return cached(text, family, size, bold, -3.0, shaped_width);
}

static double shaped_width(const char *text, const char *family, double size, int bold, double unused)
{
	PangoLayout *l = get_layout();
	int w, h;

	(void)unused; /* the signature cached() calls */
	set_font(l, family, size, bold);
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Whether family is installed, asked of fontconfig once per family. */
static int family_known(const char *family);

int measure_has_family(const char *family)
{
	static char last[128];
	static int answer;

	if (strcmp(last, family) != 0) {
		answer = family_known(family);
		strncpy(last, family, sizeof last - 1);
	}
	return answer;
}

static int family_known(const char *family)
{
	FcPattern *p = FcNameParse((const FcChar8 *)family), *m;
	FcChar8 *got = NULL;
	FcResult res;
	int ok = 0;

	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(NULL, p, &res);
	if (m && FcPatternGetString(m, FC_FAMILY, 0, &got) == FcResultMatch)
		ok = strcasecmp((const char *)got, family) == 0;
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
	return ok;
}

void measure_add_fonts(const char *conf_file, const char *dir)
{
	FcConfig *cfg = FcConfigGetCurrent();

	if (conf_file)
		FcConfigParseAndLoad(cfg, (const FcChar8 *)conf_file, FcFalse);
	if (dir)
		FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir);
}

void measure_cleanup(void)
{
	size_t i;

	for (i = 0; i < nfaces; i++)
		if (faces[i].font)
			g_object_unref(faces[i].font);
	nfaces = 0;
	if (layout)
		g_object_unref(layout);
	if (ctx)
		g_object_unref(ctx);
	if (map)
		g_object_unref(map);
	layout = NULL;
	ctx = NULL;
	map = NULL;
}
