/* measure.c - text measurement with pango; one cached context per process. */
#include "measure.h"

#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

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

double measure_height(const char *text, const char *family, double size, int bold, double width)
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

int measure_has_family(const char *family)
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
