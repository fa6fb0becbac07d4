/* measure.h - text measurement with the real font metrics (pango), shared by
 * the backends so that rows are tall enough for wrapped Bengali text. Fonts,
 * the font map and the pango context are created once per process. */
#ifndef ANNEXC_MEASURE_H
#define ANNEXC_MEASURE_H

struct _PangoContext;
struct _PangoFontMap;
struct _PangoLayout;

/* Height in points of text set in family at size points (bold if asked),
 * wrapped to width points (0: no wrapping). */
double measure_height(const char *text, const char *family, double size, int bold, double width);
/* Width in points of text set on one line. */
double measure_width(const char *text, const char *family, double size, int bold);
/* Width in points of the widest word of text (a run between spaces or line
 * ends: a date, a number, a word), which no wrapping can make narrower. */
double measure_word_width(const char *text, const char *family, double size, int bold);
/* text with its lines broken at spaces (a '\n' in place of the spaces
 * where a line set at size in width points ends), so that a word breaks
 * only where it is wider than the line: a date after a '/', anything else
 * wherever pango must (the caller frees). */
char *measure_wrap(const char *text, const char *family, double size, int bold, double width);
/* Turns off pango's hyphen insertion on a layout: a word too wide for its
 * line breaks without a hyphen (a hyphen in a date reads as a range). Every
 * layout that measures or draws table text has it off. */
void measure_no_hyphens(struct _PangoLayout *l);
/* Nonzero when fontconfig knows family (exactly, not a fallback). */
int measure_has_family(const char *family);
/* Loads a fontconfig file and a directory of fonts before first use (either may be NULL). */
void measure_add_fonts(const char *conf_file, const char *dir);
/* The process's font map (created on first use); backends that draw take
 * their pango contexts from it so that drawing and measuring agree. */
struct _PangoFontMap *measure_font_map(void);
/* Gives a pango context the resolution and font options every annexc
 * context uses (72 dpi, unhinted metrics). */
void measure_setup_context(struct _PangoContext *c);
/* Releases the cached context at exit. */
void measure_cleanup(void);

#endif
