/* model.h - the validated model every later stage reads: a template (the
 * action plan and its printed layout) and one office's report data.
 * Parsers fill it; scoring and backends only read it. */
#ifndef ANNEXC_MODEL_H
#define ANNEXC_MODEL_H

#include <stddef.h>

#include "bn.h"
#include "rat.h"

#define MODEL_MAX_GRADES 5
#define MODEL_QUARTERS 4

/* An index from ids to elements (open addressing on an FNV-1a hash), built
 * once a template or report is complete so that look-ups do not scan. The
 * keys are the elements' own id strings. Owner frees with model_index_free;
 * an all-zero index is empty and valid. */
typedef struct model_index {
	const char **key;
	void **val;
	size_t cap, n; /* cap is 0 or a power of two */
} model_index;

/* Adds key -> val unless key is there already; returns the value already
 * there (nothing is added), else NULL. val must not be NULL. */
void *model_index_put(model_index *x, const char *key, void *val);
/* The value for key, or NULL. */
void *model_index_get(const model_index *x, const char *key);
void model_index_free(model_index *x);

/* Where an element came from; file is shared, owned by the template or report. */
typedef struct model_loc {
	const char *file;
	int line;
} model_loc;

/* What kind of quantity a unit measures: how values are written and compared. */
enum model_unit { UNIT_DATE, UNIT_COUNT, UNIT_PERCENT, UNIT_SCORE };
enum model_agg { AGG_DEFAULT, AGG_SUM, AGG_LATEST, AGG_EARLIEST, AGG_MAX, AGG_MEAN };
enum model_method {
	METHOD_INTERPOLATE, METHOD_STEP, METHOD_PROPORTIONAL,
	METHOD_QUARTERLY, /* marks per quarter against that quarter's target, added up */
	METHOD_DEADLINE   /* full marks by the first grade's date, less a deduction per period late */
};

/* A cell value: not given (empty: not reported), "-" (not applicable) or a
 * number; dates are day numbers (bn_days), percents 0..100. */
enum model_vkind { VAL_EMPTY, VAL_NA, VAL_NUM };
typedef struct model_value {
	enum model_vkind kind;
	rat num;
} model_value;

/* A unit of measure: built in (date, count, percent, score) or declared by
 * the template in <units>. */
typedef struct model_unitdef {
	char *id;     /* "count", "lakh" */
	char *label;  /* printed in the unit column: "সংখ্যা", "লক্ষ" */
	enum model_unit kind;
	int decimals; /* digits printed after the point; -1: as needed, up to two */
} model_unitdef;

/* The type of a declared field, where its value comes from. */
enum model_ftype { FT_TEXT, FT_NUMBER, FT_PERCENT, FT_DATE, FT_RANGE, FT_LINK, FT_YESNO };
enum model_fsource { FS_PLAN, FS_OFFICE, FS_QUARTER };

/* A per-indicator field the template declares in <fields>. */
typedef struct model_fielddef {
	char *id;
	char *label;
	enum model_ftype type;
	enum model_fsource source;
	int decimals; /* numbers: digits after the point, -1 as needed */
	int align;    /* enum doc_align values: 0 left, 1 centre, 2 right */
	model_loc loc;
} model_fielddef;

/* A field's value as written, and parsed: numbers, percents and dates in v
 * (a range's end in v2), yes-no as 1 or 0 in v. */
typedef struct model_fvalue {
	char *field;  /* the field's id, as written */
	int quarter;  /* 1..4 for a per-quarter value, else 0 */
	char *text;
	model_value v, v2;
	int decl;     /* index of the field's declaration, -1 until resolved */
	model_loc loc;
} model_fvalue;

/* One grade of the scale, e.g. অসাধারণ at 100 %. */
typedef struct model_grade {
	char *label;
	int percent;
} model_grade;

/* One indicator [১.১.১]; owned by its activity. */
typedef struct model_indicator {
	char *id; /* ASCII form: "1.1.1", "M.1.1.1" */
	char *number; /* printed instead of the id when given, as written */
	char *label;
	enum model_unit unit; /* the kind of its unit */
	int unitdef;          /* index of its unit in the template's units */
	rat weight;
	model_value target[MODEL_MAX_GRADES]; /* by grade index */
	model_value qtarget[MODEL_QUARTERS];
	char *responsible;
	enum model_agg agg; /* resolved, never AGG_DEFAULT after loading */
	enum model_method method;
	int to_date;        /* grade targets scaled to the quarter targets due so far */
	rat late_deduct;    /* METHOD_DEADLINE: marks deducted per period late */
	int late_every;     /* the period, in days (default 1) */
	model_value late_until; /* no marks after this date (VAL_EMPTY: none) */
	model_fvalue *fv;   /* the plan's values of declared fields */
	size_t nfv, capfv;
	model_loc loc;
} model_indicator;

/* An activity [১.১]; owns its indicators. */
typedef struct model_activity {
	char *id;
	char *number;
	char *label;
	model_indicator *ind;
	size_t nind, capind;
	model_loc loc;
} model_activity;

/* A performance area or strategic objective; a plan without areas has one
 * implicit area with id NULL. Owns its activities. */
typedef struct model_area {
	char *id;
	char *number;
	char *label;
	rat weight;
	int has_weight;
	model_activity *act;
	size_t nact, capact;
	model_loc loc;
} model_area;

/* What a table column shows. */
enum model_field {
	FIELD_SERIAL, FIELD_AREA, FIELD_AREA_WEIGHT, FIELD_ACTIVITY, FIELD_INDICATOR,
	FIELD_UNIT, FIELD_WEIGHT, FIELD_GRADE, FIELD_ANNUAL_TARGET, FIELD_ROW_KIND,
	FIELD_QUARTER, FIELD_ACHIEVEMENT, FIELD_TOTAL, FIELD_SCORE, FIELD_RESPONSIBLE,
	FIELD_COMMENT, FIELD_EVIDENCE, FIELD_REMARKS,
	FIELD_VALUE, /* a declared field */
	FIELD_QUARTER_TARGET
};

/* A header cell spanning the columns below it. */
typedef struct model_group {
	char *label;
	int parent; /* index into groups, -1 at the top */
} model_group;

/* One column of the official table. */
typedef struct model_column {
	enum model_field field;
	int grade;   /* grade index for FIELD_GRADE */
	int quarter; /* 1..4 for FIELD_QUARTER (and a per-quarter FIELD_VALUE); 0 means the report's quarter */
	int decl;    /* FIELD_VALUE: index of the declared field */
	char **head; /* header lines of this column, below its groups */
	size_t nhead;
	int group;   /* innermost group, -1 for none */
	double width; /* in character widths; 0 = automatic */
	model_loc loc;
} model_column;

/* How the table is printed; owned by the template. */
typedef struct model_layout {
	int landscape;
	int paired_rows;     /* a target row and an achievement row per indicator */
	int column_numbers;  /* a ১ ২ ৩ … row under the header */
	int grade_percents;  /* a ১০০% … ৬০% row under the grade labels */
	int subtotals;       /* a subtotal row after each area */
	int total_row;
	char **title;
	size_t ntitle;
	model_column *col;
	size_t ncol, capcol;
	model_group *grp;
	size_t ngrp, capgrp;
	char **footnote;
	size_t nfootnote;
	char *font;
	char *subtotal_label;    /* "উপমোট" */
	char *total_label;       /* "মোট (অর্জনযোগ্য সর্বোচ্চ মান: {max})" */
	char *target_label;      /* row kind of a pair's first row: "লক্ষ্যমাত্রা" */
	char *achievement_label; /* and of its second: "অর্জন" */
	/* Heads of the workbook's helper columns (figures a formula needs that
	 * the printed table does not show): an indicator's weight, one quarter's
	 * achievement ({quarter} is that quarter), the total achievement. */
	char *weight_label;
	char *quarter_label;
	char *quarter_target_label;
	char *total_achievement_label;
	int area_rows;       /* each area as a full-width row before its activities */
	int brackets;        /* numbers printed in brackets: [১.১.১] */
	int weight_decimals; /* digits after the point of printed weights, -1 as needed */
	int label_span;      /* columns the subtotal and total labels span; 0: up to the first weight or score */
	model_loc loc;
} model_layout;

/* The words a forwarding letter puts before its parts. */
enum model_letter_label {
	LABEL_SUBJECT, LABEL_REFERENCE, LABEL_DATE, LABEL_ATTACHMENT, LABEL_COPIES, LABEL_EMAIL, LABEL_SHEET, LABEL_PHONE, LABEL_COUNT
};

/* Forwarding-letter text with placeholders, and its labels, from the template. */
typedef struct model_letter_text {
	char *subject;
	char **body;
	size_t nbody;
	char *label[LABEL_COUNT]; /* never NULL after loading: the official words by default */
} model_letter_text;

/* A resolved template (after extends); owner frees with model_template_free. */
typedef struct model_template {
	char *id;
	char *file; /* the file it was loaded from; shared by every model_loc */
	char **files; /* every file read (this one and the ones it extends) */
	size_t nfiles;
	char *title;
	char *fiscal_year; /* "2023-2024" */
	int fy_start;      /* 2023 */
	char *level;
	char *annex;
	rat total;
	int has_total;
	enum model_method method;
	model_grade grade[MODEL_MAX_GRADES];
	int ngrade;
	model_unitdef *unitdef; /* the built-in units first */
	size_t nunitdef, capunitdef;
	model_fielddef *fielddef;
	size_t nfielddef, capfielddef;
	model_area *area;
	size_t narea, caparea;
	int has_areas;
	model_layout layout;
	model_letter_text letter;
	model_loc loc;
	model_index ind_index; /* indicators by id (the first of a repeated id), once loaded */
} model_template;

/* One signatory. */
typedef struct model_signatory {
	char *name, *designation, *office, *phone, *email;
	bn_date date;
	int has_date;
	model_loc loc;
} model_signatory;

/* One office's figures for one indicator. */
typedef struct model_result {
	char *ref; /* ASCII indicator id */
	model_value ach[MODEL_QUARTERS];
	model_value qtarget[MODEL_QUARTERS];
	int has_qtarget[MODEL_QUARTERS];
	char *comment;
	char *evidence;       /* URL */
	char *evidence_label;
	char *responsible;
	model_fvalue *fv;     /* values of declared fields */
	size_t nfv, capfv;
	model_loc loc;
	model_loc qloc[MODEL_QUARTERS];
	int qgiven[MODEL_QUARTERS]; /* an achievement was written for the quarter */
} model_result;

/* The forwarding letter's particulars from the data. */
typedef struct model_letter {
	int present;
	char *memo;
	bn_date date;
	int has_date;
	char *ref_memo;
	bn_date ref_date;
	int has_ref_date;
	char *subject;
	char **body;
	size_t nbody;
	char **recipient;
	size_t nrecipient;
	char *attachment;
	long attachment_count; /* -1 when none */
	char *attention;
	char **copies;
	size_t ncopies;
	model_signatory signatory;
	int has_signatory;
} model_letter;

/* One office's report; owner frees with model_report_free. */
typedef struct model_report {
	char *file;
	char *template_id;
	int quarter; /* 1..4 */
	char *fiscal_year; /* optional cross-check */
	char *office;
	char **letterhead;
	size_t nletterhead;
	char *website;
	char **slogan;
	size_t nslogan;
	char **title; /* replaces the layout's title lines when given */
	size_t ntitle;
	model_letter letter;
	model_result *res;
	size_t nres, capres;
	model_signatory *sig;
	size_t nsig, capsig;
	char **names; /* locations (workbook cells, CSV lines) model_locs point at */
	size_t nnames;
	model_loc loc;
	model_index res_index; /* results by ref, once read */
} model_report;

/* Looks an indicator up by ASCII id; NULL when the template has none. Uses
 * the index once model_index_template has built it, else scans. */
model_indicator *model_find_indicator(const model_template *t, const char *id);
/* The result for indicator id, or NULL when the data gives none (indexed
 * likewise after model_index_report). */
const model_result *model_find_result(const model_report *r, const char *id);
/* Build the indexes; call after the last indicator or result is added. */
void model_index_template(model_template *t);
void model_index_report(model_report *r);
/* "date", "count", "percent", "score". */
const char *model_unit_name(enum model_unit u);
/* The declared field named id, or -1. */
int model_find_field(const model_template *t, const char *id);
/* The value of declared field decl for quarter q (0: once) in v[0..n), or NULL. */
const model_fvalue *model_field_value(const model_fvalue *v, size_t n, int decl, int q);
/* Frees n field values and the array. */
void model_free_fvalues(model_fvalue *v, size_t n);
/* Bengali display id: "1.1.1" -> "১.১.১", "M.1" -> "এম.১"; malloc'd. */
char *model_display_id(const char *ascii_id);
/* Normalises an id written with Bengali digits or the এম prefix to ASCII; malloc'd. */
char *model_ascii_id(const char *id);
/* Frees a layout's contents and zeroes it. */
void model_free_layout(model_layout *l);
/* Frees n areas with everything in them, and the array. */
void model_free_areas(model_area *a, size_t n);
/* Frees one activity's contents (not the struct itself). */
void model_free_activity(model_activity *a);
void model_template_free(model_template *t);
void model_report_free(model_report *r);

#endif
