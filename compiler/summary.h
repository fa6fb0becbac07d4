/* summary.h - annexc summary: the ministry's consolidated workbook (and PDF)
 * from run reports of one or several shards, or from data files. */
#ifndef ANNEXC_SUMMARY_H
#define ANNEXC_SUMMARY_H

/* What summary was asked to do. */
typedef struct summary_opts {
	const char *tmpl;   /* -t, for data files given directly */
	const char *out;    /* -o NAME.xlsx (or NAME.pdf, NAME): NAME.xlsx and NAME.pdf */
	const char *format; /* xlsx, pdf or both (NULL) */
	const char *font;
	const char *font_dir; /* --font-dir, or NULL */
	const char *letter; /* --letter: the summary data file (the ministry's letter and signatories), or NULL */
	const char *reg;    /* --register: the CSV of expected offices and their places, or NULL */
	int quarter;        /* --quarter: only offices of this quarter (1..4); 0: every quarter */
} summary_opts;

/* Reads every run report (*.json) and data file or directory in inputs and
 * writes the summary; returns the exit code. */
int summary_run(const summary_opts *o, char **inputs, int ninputs);

#endif
