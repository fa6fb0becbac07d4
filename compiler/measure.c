/* measure.c - text measurement with pango; one cached context per process. */
#include "measure.h"

#include <stdint.h>
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
	}
	return layout;
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

/* Heights already measured, by a 64-bit hash of everything that decides
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

	h = util_fnv(h, text, strlen(text) + 1);
	h = util_fnv(h, family, strlen(family) + 1);
	h = util_fnv(h, &w, sizeof w);
	h = util_fnv(h, &sz, sizeof sz);
	h = util_fnv(h, &bold, sizeof bold);
	return h ? h : 1;
}

static double measure_shaped(const char *text, const char *family, double size, int bold, double width);

double measure_height(const char *text, const char *family, double size, int bold, double width)
{
	uint64_t k = cache_key(text, family, size, bold, width);
	size_t i = (size_t)(k % CACHE_SLOTS);

	while (cache[i].key != 0 && cache[i].key != k)
		i = (i + 1) % CACHE_SLOTS;
	if (cache[i].key == k)
		return cache[i].h;
	if (cache_used >= CACHE_SLOTS * 3 / 4) {
		memset(cache, 0, sizeof cache);
		cache_used = 0;
		i = (size_t)(k % CACHE_SLOTS);
	}
	cache[i].key = k;
	cache[i].h = measure_shaped(text, family, size, bold, width);
	cache_used++;
	return cache[i].h;
}

static double measure_shaped(const char *text, const char *family, double size, int bold, double width)
{
	PangoLayout *l = get_layout();
	int w, h;

	set_font(l, family, size, bold);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text[0] ? text : " ", -1);
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

double measure_width(const char *text, const char *family, double size, int bold)
{
	PangoLayout *l = get_layout();
	int w, h;

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
