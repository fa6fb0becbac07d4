/* form.h - the data-entry workbook (annexc form): which columns and rows a
 * template's form has, written by form.c and read back by sheet.c. Both
 * sides derive the same layout from the template, so nothing about a form
 * is hard-coded per template. */
#ifndef ANNEXC_FORM_H
#define ANNEXC_FORM_H

#include <stdint.h>

#include "diag.h"
#include "model.h"

/* Sheet names and fixed rows (0-based) of the main sheet. */
#define FORM_SHEET_MAIN "ফরম"
#define FORM_SHEET_INFO "অফিস"
#define FORM_SHEET_HELP "নির্দেশনা"
#define FORM_SHEET_META "annexc"
#define FORM_FORMAT "annexc-form 1"
#define FORM_KEY_ROW 1   /* hidden: each column's key */
#define FORM_HEAD_ROW 2  /* the Bengali column heads */
#define FORM_FIRST_ROW 3 /* the first indicator */
#define FORM_INFO_COL 2  /* the info sheet's value column (A key, B label) */

/* What a column of the main sheet holds; the ones from FC_ACH on are filled in. */
enum form_ckind {
	FC_ID, FC_NUMBER, FC_LABEL, FC_UNIT, FC_WEIGHT, FC_GRADE, FC_PLAN_QTARGET, FC_PLAN_FIELD,
	FC_ACH, FC_QTARGET, FC_FIELD, FC_COMMENT, FC_EVIDENCE, FC_EVIDENCE_LABEL, FC_RESPONSIBLE
};

/* One column: its kind, grade index or quarter (1..4), declared field,
 * its key (row FORM_KEY_ROW) and head. */
typedef struct form_col {
	enum form_ckind kind;
	int n;
	int decl;
	char *key;
	char *head;
} form_col;

/* The main sheet's columns for a template and reporting quarter; owner
 * frees with form_layout_free. */
typedef struct form_layout {
	form_col *col;
	size_t ncol, cap;
	int quarter;
} form_layout;

/* The value type of an info-sheet row. */
enum form_itype { FI_TEXT, FI_DATE, FI_COUNT };

/* One row of the info sheet: a path into the data language
 * ("letter/reference@date", "signatures/signatory#2/name") and its label. */
typedef struct form_info {
	char *key;
	char *label;
	enum form_itype type;
} form_info;

void form_layout_make(form_layout *f, const model_template *t, int quarter);
void form_layout_free(form_layout *f);
/* Nonzero when columns of kind k are filled in by the office. */
int form_is_input(enum form_ckind k);
/* The text a locked column shows for ind; malloc'd. */
char *form_locked_text(const model_template *t, const model_indicator *ind, const form_col *c);
/* The info sheet's rows, in order; *n set. Static. */
const form_info *form_info_rows(size_t *n);
/* The template's version: a hash of every file it was read from, as 16 hex
 * digits (malloc'd), or NULL when one cannot be read. */
char *form_template_version(const model_template *t);
/* The checksum of the locked part a form of t for quarter q must have,
 * as 16 hex digits (malloc'd). */
char *form_checksum(const model_template *t, int quarter);
/* The indicators of t in plan order; malloc'd array of *n pointers. */
const model_indicator **form_indicators(const model_template *t, size_t *n);
/* An Excel date serial of day number days (bn_days), and back. */
double form_serial(long days);
long form_days(double serial);

/* annexc form: writes one workbook (or skeleton data XML when xml) per
 * office into outdir: blank, per row of an offices CSV, or per data file. */
typedef struct form_opts {
	const char *tmpl;
	const char *outdir;
	int quarter; /* 0: the data's, else 4 */
	int xml;
} form_opts;
int form_run(const form_opts *o, char **files, int nfiles);

#endif
