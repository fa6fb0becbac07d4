/* summary.c - the consolidated report a ministry sends upward: one row per
 * office with each indicator's achieved score, the total, percent of
 * maximum, grade band and rank (live formulas), grouped by quarter; a sheet
 * per level of the hierarchy (from the register of expected offices) with
 * subtotal and average rows per group and ranking within the group; charts
 * of offices per grade band, the top and bottom ten and group averages;
 * the offices left out (invalid, failed, another quarter, not reported);
 * a distribution sheet per indicator; and the ministry's own letter and
 * signatories from a summary data file. Built as documents, so the XLSX and
 * PDF backends draw it like any report. */
#include "summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "batch.h"
#include "json.h"
#include "data.h"
#include "diag.h"
#include "document.h"
#include "pdf.h"
#include "pipeline.h"
#include "register.h"
#include "score.h"
#include "template.h"
#include "util.h"
#include "xlsx.h"

/* The summary's words, in one place: the official wording by default. */
enum label {
	L_SUMMARY, L_SHEET, L_SERIAL, L_OFFICE, L_LEVEL, L_QUARTER, L_BY_INDICATOR, L_TOTAL, L_MAX, L_PERCENT,
	L_GRADE, L_RANK, L_AVERAGE, L_SUBTOTAL, L_BELOW, L_OFFICES, L_REGISTERED, L_LEFT_OUT, L_LEGEND,
	L_BAND_TOP, L_BAND_RANGE, L_BAND_LESS, L_NA, L_NOT_REPORTED, L_SHARE, L_COUNT, L_DISTRIBUTION,
	L_INDICATOR, L_OUT_SHEET, L_OUT_TITLE, L_STATUS, L_DETAIL, L_INVALID, L_FAILED, L_OTHER_QUARTER,
	L_NO_REPORT, L_NOT_IN_REGISTER, L_BANDS_SHEET, L_BANDS_TITLE, L_TOP_SHEET, L_TOP_TITLE, L_BOTTOM_SHEET,
	L_BOTTOM_TITLE, L_GROUP_SHEET, L_GROUP_TITLE, L_AVERAGE_TOTAL, L_AVERAGE_PERCENT, L_LEVEL_TITLE, L_NLABELS
};
static const char *const label[L_NLABELS] = {
	[L_SUMMARY] = "কার্যালয়ভিত্তিক সারসংক্ষেপ",
	[L_SHEET] = "সারসংক্ষেপ",
	[L_SERIAL] = "ক্রম",
	[L_OFFICE] = "কার্যালয়",
	[L_LEVEL] = "পর্যায়",
	[L_QUARTER] = "ত্রৈমাসিক",
	[L_BY_INDICATOR] = "সূচকভিত্তিক অর্জিত মান",
	[L_TOTAL] = "মোট অর্জিত মান",
	[L_MAX] = "অর্জনযোগ্য সর্বোচ্চ মান",
	[L_PERCENT] = "শতাংশ",
	[L_GRADE] = "গ্রেড",
	[L_RANK] = "অবস্থান",
	[L_AVERAGE] = "গড়",
	[L_SUBTOTAL] = "উপমোট",
	[L_BELOW] = "অপর্যাপ্ত",
	[L_OFFICES] = "মোট কার্যালয়",
	[L_REGISTERED] = "নিবন্ধিত কার্যালয়",
	[L_LEFT_OUT] = "অন্তর্ভুক্ত নয়",
	[L_LEGEND] = "গ্রেড (অর্জনযোগ্য সর্বোচ্চ মানের শতাংশ)",
	[L_BAND_TOP] = "বা বেশি",
	[L_BAND_RANGE] = "থেকে",
	[L_BAND_LESS] = "এর কম",
	[L_NA] = "প্রযোজ্য নয়",
	[L_NOT_REPORTED] = "প্রতিবেদন নেই",
	[L_SHARE] = "সূচকের মানের অংশ",
	[L_COUNT] = "কার্যালয়ের সংখ্যা",
	[L_DISTRIBUTION] = "অর্জিত মানের বণ্টন",
	[L_INDICATOR] = "সূচক",
	[L_OUT_SHEET] = "বাদ পড়া কার্যালয়",
	[L_OUT_TITLE] = "সারসংক্ষেপে অন্তর্ভুক্ত নয় এমন কার্যালয়",
	[L_STATUS] = "অবস্থা",
	[L_DETAIL] = "বিবরণ",
	[L_INVALID] = "উপাত্ত অশুদ্ধ",
	[L_FAILED] = "প্রস্তুত করা যায়নি",
	[L_OTHER_QUARTER] = "অন্য ত্রৈমাসিকের প্রতিবেদন",
	[L_NO_REPORT] = "প্রতিবেদন পাওয়া যায়নি",
	[L_NOT_IN_REGISTER] = "নিবন্ধনে নেই",
	[L_BANDS_SHEET] = "গ্রেড বণ্টন",
	[L_BANDS_TITLE] = "গ্রেডভিত্তিক কার্যালয়ের সংখ্যা",
	[L_TOP_SHEET] = "শীর্ষ দশ",
	[L_TOP_TITLE] = "সর্বোচ্চ অর্জিত মানের দশ কার্যালয়",
	[L_BOTTOM_SHEET] = "নিম্ন দশ",
	[L_BOTTOM_TITLE] = "সর্বনিম্ন অর্জিত মানের দশ কার্যালয়",
	[L_GROUP_SHEET] = "গড়",
	[L_GROUP_TITLE] = "ভিত্তিক গড় অর্জিত মান",
	[L_AVERAGE_TOTAL] = "গড় অর্জিত মান",
	[L_AVERAGE_PERCENT] = "গড় শতাংশ",
	[L_LEVEL_TITLE] = "ভিত্তিক সারসংক্ষেপ: উপমোট, গড় ও দলে অবস্থান",
};
#define L(k) (label[L_##k])

/* A grade band: an office (or an indicator) reaching min percent of its
 * maximum. The bands are the plan's own grade scale, from the run report,
 * and one more for what falls below the lowest grade. */
struct band {
	int min;
	const char *label;
};
#define NBANDS_MAX (MODEL_MAX_GRADES + 1)
/* The APA scale, for run reports written before they carried the plan's grades. */
static const struct band apa_bands[] = { { 100, "অসাধারণ" }, { 90, "অতি উত্তম" }, { 80, "উত্তম" },
					 { 70, "চলতি মান" }, { 60, "চলতি মানের নিম্নে" } };

/* Why an office is not in the summary. */
enum out_why { OUT_INVALID, OUT_FAILED, OUT_OTHER_QUARTER, OUT_NO_REPORT };

/* One office of the run: a scored one (in the summary) or one left out. */
struct office {
	json_t *rec;          /* its run-report record; NULL for one that did not report */
	const char *office;   /* its name, else its data file */
	const reg_row *reg;   /* its row in the register, or NULL */
	int quarter;
	double score, max, weight;
	enum out_why why;     /* for one left out */
	char *detail;         /* for one left out: its first error, or the quarter it reported */
	char *name;           /* for an invalid one: the name its data gives, or NULL */
};

/* A plan (template) the offices report against, loaded for its title. */
struct plan {
	char *id;
	model_template *t; /* NULL when it cannot be found */
};

/* A run of rows of a table that belong together (a quarter, a district). */
struct group {
	size_t from, to; /* indices into the table's order, [from, to) */
	char *name;      /* NULL: the whole table, no subtotal row */
};

/* Everything the summary is built from. */
struct sum {
	struct office *off;  /* scored, in the summary */
	size_t n, cap;
	struct office *out;  /* left out */
	size_t nout, capout;
	json_t **ind; /* indicator objects, by first appearance of (template, id) */
	const char **ind_tpl; /* the template each column's indicator belongs to */
	size_t nind, capind, capind_tpl;
	struct band band[NBANDS_MAX];
	int nband;
	int quarters[MODEL_QUARTERS + 1]; /* offices per quarter */
	int nquarters;                    /* how many quarters have offices */
	double axis_max;                  /* the plans' maximum */
	struct plan *plan;
	size_t nplan, capplan;
	reg_list reg;
	int has_reg;
	model_template *cover_t; /* the summary data file's template and report */
	model_report *cover;
	diag_list dl;
};

/* The summary's columns: serial, office, the register's levels (or the
 * office level when there is no register), quarter, one per indicator,
 * total, maximum, percent, grade, rank. */
struct cols {
	int serial, office, lev, nlev, quarter, ind0, total, max, pct, band, rank, n;
};
#define HEAD_ROWS 2

static const char *str(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
}

static double number(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* ---- reading ---- */

/* The bands: the first office's grade scale, then the band below it. */
static void set_bands(struct sum *s)
{
	json_t *g, *grades = s->n ? json_object_get(s->off[0].rec, "grades") : NULL;
	size_t i;

	s->nband = 0;
	json_array_foreach(grades, i, g)
		if (s->nband < NBANDS_MAX - 1) {
			s->band[s->nband].min = (int)json_integer_value(json_object_get(g, "percent"));
			s->band[s->nband++].label = json_string_value(json_object_get(g, "label"));
		}
	if (s->nband == 0)
		for (i = 0; i < sizeof apa_bands / sizeof *apa_bands; i++)
			s->band[s->nband++] = apa_bands[i];
	s->band[s->nband].min = 0;
	s->band[s->nband++].label = L(BELOW);
}

static int band_of(const struct sum *s, double percent)
{
	int i;

	for (i = 0; i < s->nband - 1; i++)
		if (percent >= s->band[i].min - 1e-9)
			return i;
	return s->nband - 1;
}

/* The first error an office's record carries. */
static char *first_error(const json_t *rec)
{
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(rec, "diagnostics"), i, d)
		if (strcmp(str(d, "level"), "error") == 0)
			return json_integer_value(json_object_get(d, "line")) > 0 ?
				       util_printf("%s:%lld: %s", str(d, "file"),
						   (long long)json_integer_value(json_object_get(d, "line")), str(d, "message")) :
				       util_printf("%s: %s", str(d, "file"), str(d, "message"));
	return util_strdup("");
}

static int seen(const struct sum *s, const char *input)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(str(s->off[i].rec, "input"), input) == 0)
			return 1;
	for (i = 0; i < s->nout; i++)
		if (s->out[i].rec && strcmp(str(s->out[i].rec, "input"), input) == 0)
			return 1;
	return 0;
}

/* The office name an invalid office's data gives, when it can still be
 * parsed; NULL when not. */
static char *name_from_data(const char *input)
{
	diag_list dl = { 0 };
	data_doc *d = input[0] ? data_open(input, &dl) : NULL;
	char *name = d ? data_office_name(d) : NULL;

	data_close(d);
	diag_list_free(&dl);
	return name;
}

static void add_record(struct sum *s, json_t *rec)
{
	struct office *o;

	if (seen(s, str(rec, "input")))
		return; /* the same office from two reports */
	if (json_is_number(json_object_get(rec, "score"))) {
		util_grow(&s->off, &s->cap, s->n, sizeof *s->off);
		o = &s->off[s->n++];
	} else {
		util_grow(&s->out, &s->capout, s->nout, sizeof *s->out);
		o = &s->out[s->nout++];
	}
	memset(o, 0, sizeof *o);
	o->rec = json_incref(rec);
	o->office = json_string_value(json_object_get(rec, "office"));
	o->office = o->office ? o->office : str(rec, "input");
	o->quarter = (int)json_integer_value(json_object_get(rec, "quarter"));
	o->score = number(rec, "score");
	o->max = number(rec, "max");
	o->weight = number(rec, "weight");
	if (!json_is_number(json_object_get(rec, "score"))) {
		o->why = strcmp(str(rec, "status"), "invalid") == 0 ? OUT_INVALID : OUT_FAILED;
		o->detail = first_error(rec);
		o->name = name_from_data(str(rec, "input"));
		o->office = o->name ? o->name : o->office;
	}
}

static void read_report(struct sum *s, const char *file)
{
	json_error_t e;
	json_t *rep = json_load_file(file, 0, &e), *rec;
	size_t i;

	if (rep == NULL || !json_is_array(json_object_get(rep, "inputs"))) {
		diag_add(&s->dl, DIAG_ERROR, rep ? DIAG_DATA : DIAG_IO, file, rep ? 0 : e.line,
			 "%s", rep ? "not an annexc run report (no \"inputs\")" : e.text);
		json_decref(rep);
		return;
	}
	json_array_foreach(json_object_get(rep, "inputs"), i, rec)
		add_record(s, rec);
	json_decref(rep);
}

static void read_data(struct sum *s, const summary_opts *o, char **inputs, int n)
{
	pipe_cache c = { 0 };
	size_t nf, i;
	char **files = batch_collect(inputs, n, &nf, &s->dl);

	for (i = 0; i < nf; i++) {
		model_template *t;
		score_report *sc;
		model_report *r = pipe_load(o->tmpl, &c, files[i], &t, &sc, &s->dl);

		if (r) {
			json_t *rec = json_record(t, r, sc);

			json_object_set_new(rec, "input", json_string(files[i]));
			add_record(s, rec);
			json_decref(rec);
			score_free(sc);
		}
		model_report_free(r);
		free(files[i]);
	}
	free(files);
	pipe_cache_free(&c);
}

/* The file name without directory and ".xml": how a register may name an office. */
static char *stem(const char *input)
{
	const char *b = strrchr(input, '/');
	size_t n;

	b = b ? b + 1 : input;
	n = strlen(b);
	if (n > 4 && strcasecmp(b + n - 4, ".xml") == 0)
		n -= 4;
	return util_printf("%.*s", (int)n, b);
}

/* An office's register row: by its name, its run's name, or its file's stem. */
static const reg_row *find_in_register(const struct sum *s, const struct office *o)
{
	const reg_row *r;
	char *st;

	if (!s->has_reg || o->rec == NULL)
		return NULL;
	if ((r = reg_find(&s->reg, json_string_value(json_object_get(o->rec, "office")))) != NULL ||
	    (r = reg_find(&s->reg, o->name)) != NULL ||
	    (r = reg_find(&s->reg, json_string_value(json_object_get(o->rec, "name")))) != NULL)
		return r;
	st = stem(str(o->rec, "input"));
	r = reg_find(&s->reg, st);
	free(st);
	return r;
}

/* Matches offices with the register; registered offices that did not
 * report are left out as not reported, offices not registered are named. */
static void match_register(struct sum *s)
{
	char *found;
	size_t i, k;

	if (!s->has_reg)
		return;
	found = util_alloc(s->reg.n + 1);
	for (k = 0; k < 2; k++)
		for (i = 0; i < (k ? s->nout : s->n); i++) {
			struct office *o = k ? &s->out[i] : &s->off[i];

			if ((o->reg = find_in_register(s, o)) != NULL)
				found[o->reg - s->reg.row] = 1;
			else
				diag_add(&s->dl, DIAG_WARNING, DIAG_DATA, s->reg.file, 0,
					 "office '%s' (%s) is not in the register", o->office, str(o->rec, "input"));
		}
	for (i = 0; i < s->reg.n; i++)
		if (!found[i]) {
			struct office *o;

			util_grow(&s->out, &s->capout, s->nout, sizeof *s->out);
			o = &s->out[s->nout++];
			memset(o, 0, sizeof *o);
			o->office = s->reg.row[i].key;
			o->reg = &s->reg.row[i];
			o->why = OUT_NO_REPORT;
			o->detail = util_strdup("");
		}
	free(found);
}

/* Counts offices per quarter; with --quarter, moves the others out. */
static void select_quarter(struct sum *s, int want)
{
	size_t i, k = 0;

	for (i = 0; i < s->n; i++) {
		struct office *o = &s->off[i];

		if (want && o->quarter != want) {
			util_grow(&s->out, &s->capout, s->nout, sizeof *s->out);
			s->out[s->nout] = *o;
			s->out[s->nout].why = OUT_OTHER_QUARTER;
			s->out[s->nout++].detail = util_strdup(bn_quarter_name(o->quarter));
			continue;
		}
		s->off[k++] = *o;
		if (o->quarter >= 1 && o->quarter <= MODEL_QUARTERS)
			s->quarters[o->quarter]++;
	}
	s->n = k;
	for (i = 1; i <= MODEL_QUARTERS; i++)
		s->nquarters += s->quarters[i] > 0;
}

/* The plan a record reports against, loaded once for its title. */
static const model_template *plan_of(struct sum *s, const char *id)
{
	diag_list dl = { 0 };
	tpl_path p;
	char *f;
	size_t i;

	for (i = 0; i < s->nplan; i++)
		if (strcmp(s->plan[i].id, id) == 0)
			return s->plan[i].t;
	util_grow(&s->plan, &s->capplan, s->nplan, sizeof *s->plan);
	s->plan[s->nplan].id = util_strdup(id);
	tpl_path_init(&p, NULL);
	f = tpl_find(&p, id);
	s->plan[s->nplan].t = f ? tpl_load(f, &p, &dl) : NULL;
	free(f);
	tpl_path_free(&p);
	diag_list_free(&dl); /* a plan that cannot be loaded is shown by its id */
	return s->plan[s->nplan++].t;
}

/* The summary data file: the ministry's office, letter and signatories, a
 * report of the summary's plan and quarter (its results are not read). */
static void read_cover(struct sum *s, const char *file)
{
	data_doc *d = data_open(file, &s->dl);
	char *dir, *f;
	tpl_path p;

	if (d == NULL)
		return;
	dir = util_dir_of(file);
	tpl_path_init(&p, dir);
	if ((f = tpl_find(&p, data_template_id(d))) == NULL)
		diag_add(&s->dl, DIAG_ERROR, DIAG_TEMPLATE, file, data_template_line(d),
			 "template '%s' not found (looked in %s, $ANNEXC_TEMPLATE_PATH and %s)", data_template_id(d),
			 dir, p.dir[p.n - 1]);
	else if ((s->cover_t = tpl_load(f, &p, &s->dl)) != NULL)
		s->cover = data_read(d, s->cover_t, &s->dl);
	if (s->cover && s->n && strcmp(s->cover_t->id, str(s->off[0].rec, "template")) != 0)
		diag_add(&s->dl, DIAG_ERROR, DIAG_DATA, file, data_template_line(d),
			 "the summary names template '%s', but the offices report against '%s'", s->cover_t->id,
			 str(s->off[0].rec, "template"));
	else if (s->cover && s->nquarters == 1 && s->n && s->cover->quarter != s->off[0].quarter)
		diag_add(&s->dl, DIAG_ERROR, DIAG_DATA, file, data_template_line(d),
			 "the summary is for quarter %d, but the offices report quarter %d (give --quarter %d to "
			 "summarise those of quarter %d)", s->cover->quarter, s->off[0].quarter, s->cover->quarter,
			 s->cover->quarter);
	free(f);
	free(dir);
	tpl_path_free(&p);
	data_close(d);
}

/* Orders offices by quarter, then by input file. */
static int by_quarter(const void *a, const void *b)
{
	const struct office *x = a, *y = b;

	if (x->quarter != y->quarter)
		return x->quarter - y->quarter;
	return strcmp(str(x->rec, "input"), str(y->rec, "input"));
}

/* The indicator columns: every (template, id) in order of first appearance;
 * offices of different plans share a column only when both agree. */
static void collect_indicators(struct sum *s)
{
	size_t r, i, k;
	json_t *ind;

	for (r = 0; r < s->n; r++)
		json_array_foreach(json_object_get(s->off[r].rec, "indicators"), i, ind) {
			const char *tpl = str(s->off[r].rec, "template");

			for (k = 0; k < s->nind; k++)
				if (strcmp(str(s->ind[k], "id"), str(ind, "id")) == 0 && strcmp(s->ind_tpl[k], tpl) == 0)
					break;
			if (k == s->nind) {
				util_grow(&s->ind, &s->capind, s->nind, sizeof *s->ind);
				util_grow(&s->ind_tpl, &s->capind_tpl, s->nind, sizeof *s->ind_tpl);
				s->ind_tpl[s->nind] = tpl;
				s->ind[s->nind++] = ind;
			}
		}
	for (r = 0; r < s->n; r++)
		if (s->off[r].weight > s->axis_max)
			s->axis_max = s->off[r].weight;
}

/* Office rec's indicator for column k, or NULL when its plan has none. */
static json_t *find_ind(const struct sum *s, const json_t *rec, size_t k)
{
	json_t *ind;
	size_t i;

	if (strcmp(str(rec, "template"), s->ind_tpl[k]) != 0)
		return NULL;
	json_array_foreach(json_object_get(rec, "indicators"), i, ind)
		if (strcmp(str(ind, "id"), str(s->ind[k], "id")) == 0)
			return ind;
	return NULL;
}

/* How many plans (templates) the offices report against. */
static size_t count_plans(const struct sum *s)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->nind; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(s->ind_tpl[i], s->ind_tpl[j]) == 0)
				break;
		n += j == i;
	}
	return n;
}

/* ---- cells ---- */

static char *bn_fixed(double v, int decimals)
{
	char *a = util_printf("%.*f", decimals, v), *b = bn_bengali_digits(a);

	free(a);
	return b;
}

static doc_cell *text(doc *d, int r, int c, const char *t)
{
	doc_set_text(d, r, c, util_strdup(t ? t : ""));
	return doc_at(d, r, c);
}

static doc_cell *num(doc *d, int r, int c, double v, int decimals)
{
	doc_cell *x = doc_at(d, r, c);

	doc_set_text(d, r, c, bn_fixed(v, decimals));
	x->kind = DOC_NUMBER;
	x->value = v;
	x->decimals = decimals;
	return x;
}

static doc_cell *pct(doc *d, int r, int c, double fraction)
{
	doc_cell *x = doc_at(d, r, c);
	char *a = util_printf("%.2f%%", fraction * 100), *b = bn_bengali_digits(a);

	doc_set_text(d, r, c, b);
	x->kind = DOC_PERCENT;
	x->value = fraction;
	x->decimals = 2;
	free(a);
	return x;
}

static void head(doc *d, int r, int c, const char *t)
{
	text(d, r, c, t);
	doc_at(d, r, c)->role = DOC_HEAD;
	doc_at(d, r, c)->bold = 1;
}

/* A summary-style row (subtotal, average, total): role and bold across. */
static void mark_row(doc *d, int r, enum doc_role role)
{
	int c;

	for (c = 0; c < d->ncols; c++) {
		doc_at(d, r, c)->role = role;
		doc_at(d, r, c)->bold = 1;
	}
}

static doc *new_doc(const struct sum *s, int rows, int cols, const char *sheet, char *title)
{
	doc *d = doc_new(rows, cols);

	d->font = util_strdup("Noto Sans Bengali");
	d->sheet_name = util_strdup(sheet);
	d->title = title;
	d->author = util_strdup(s->cover && s->cover->office ? s->cover->office : "annexc");
	d->subject = util_strdup(L(SUMMARY));
	if (title)
		doc_lines_add(&d->titles, util_strdup(title), DOC_S_TITLE, DOC_CENTER);
	else
		d->title = util_strdup("");
	return d;
}

/* ---- the office tables ---- */

static struct cols columns(const struct sum *s)
{
	struct cols c;

	c.serial = 0;
	c.office = 1;
	c.lev = 2;
	c.nlev = s->has_reg ? (int)s->reg.nlevel : 1;
	c.quarter = s->nquarters > 1 ? c.lev + c.nlev : -1; /* one quarter: the title says which */
	c.ind0 = c.lev + c.nlev + (c.quarter >= 0);
	c.total = c.ind0 + (int)s->nind;
	c.max = c.total + 1;
	c.pct = c.total + 2;
	c.band = c.total + 3;
	c.rank = c.total + 4;
	c.n = c.rank + 1;
	return c;
}

static void table_header(const struct sum *s, const struct cols *k, doc *d)
{
	const int tail[] = { L_TOTAL, L_MAX, L_PERCENT, L_GRADE, L_RANK };
	int i;

	head(d, 0, k->serial, L(SERIAL));
	head(d, 0, k->office, L(OFFICE));
	for (i = 0; i < k->nlev; i++)
		head(d, 0, k->lev + i, s->has_reg ? s->reg.level[i] : L(LEVEL));
	if (k->quarter >= 0)
		head(d, 0, k->quarter, L(QUARTER));
	for (i = 0; i < k->ind0; i++)
		doc_merge(d, 0, i, 2, 1);
	head(d, 0, k->ind0, L(BY_INDICATOR));
	if (s->nind > 1)
		doc_merge(d, 0, k->ind0, 1, (int)s->nind);
	for (i = 0; i < (int)s->nind; i++) {
		char *id = model_display_id(str(s->ind[i], "id"));
		char *w = bn_fixed(number(s->ind[i], "weight"), 0);

		head(d, 1, k->ind0 + i, "");
		doc_set_text(d, 1, k->ind0 + i, util_printf("[%s] (%s)", id, w));
		free(id);
		free(w);
	}
	for (i = 0; i < 5; i++) {
		head(d, 0, k->total + i, label[tail[i]]);
		doc_merge(d, 0, k->total + i, 2, 1);
	}
	d->header_rows = HEAD_ROWS;
	d->width[k->serial] = 5;
	d->width[k->office] = 30;
	for (i = 0; i < k->nlev; i++)
		d->width[k->lev + i] = 11;
	if (k->quarter >= 0)
		d->width[k->quarter] = 10;
	for (i = k->ind0; i < k->n; i++)
		d->width[i] = 8;
	d->width[k->band] = 15;
}

/* The grade formula over a percent cell: nested IFs down the bands. */
static char *band_formula(const struct sum *s, int r, int c)
{
	buf b = { 0 };
	int i;

	for (i = 0; i < s->nband - 1; i++)
		buf_addf(&b, "IF({R%dC%d}>=%g,\"%s\",", r, c, s->band[i].min / 100.0, s->band[i].label);
	buf_addf(&b, "\"%s\"", s->band[s->nband - 1].label);
	for (i = 0; i < s->nband - 1; i++)
		buf_add(&b, ")");
	return buf_take(&b);
}

/* The grade cell of row r: its label, band colour and formula. */
static void band_cell(const struct sum *s, const struct cols *k, doc *d, int r, double p)
{
	doc_cell *x = text(d, r, k->band, s->band[band_of(s, p * 100)].label);

	x->formula = band_formula(s, r, k->pct);
	x->band = band_of(s, p * 100) + 1;
}

/* An office's place at level i, or its plan's office level without a register. */
static const char *place(const struct sum *s, const struct office *o, int i)
{
	if (!s->has_reg)
		return str(o->rec, "level");
	return o->reg ? o->reg->place[i] : L(NOT_IN_REGISTER);
}

/* One office's row r; its group's office rows are [first, last]. */
static void office_row(const struct sum *s, const struct cols *k, doc *d, const struct office *o, int r,
		       int serial, int first, int last, int rank)
{
	double p = o->max > 0 ? o->score / o->max : 0;
	doc_cell *x;
	int i;

	num(d, r, k->serial, serial, 0);
	text(d, r, k->office, o->office)->align = DOC_LEFT;
	for (i = 0; i < k->nlev; i++)
		text(d, r, k->lev + i, place(s, o, i));
	if (k->quarter >= 0)
		text(d, r, k->quarter, bn_quarter_name(o->quarter));
	for (i = 0; i < (int)s->nind; i++) {
		const json_t *ind = find_ind(s, o->rec, (size_t)i);
		const char *st = ind ? str(ind, "status") : "not-applicable";

		if (strcmp(st, "not-applicable") == 0)
			text(d, r, k->ind0 + i, "-");
		else
			num(d, r, k->ind0 + i, number(ind, "score"), 2);
	}
	x = num(d, r, k->total, o->score, 2);
	x->formula = util_printf("SUM({R%dC%d}:{R%dC%d})", r, k->ind0, r, k->total - 1);
	num(d, r, k->max, o->max, 2);
	x = pct(d, r, k->pct, p);
	x->formula = util_printf("IF({R%dC%d}>0,{R%dC%d}/{R%dC%d},0)", r, k->max, r, k->total, r, k->max);
	band_cell(s, k, d, r, p);
	x = num(d, r, k->rank, rank, 0);
	x->formula = util_printf("RANK({R%dC%d},{R%dC%d}:{R%dC%d})", r, k->total, first, k->total, last, k->total);
}

/* A subtotal (SUM) or average (AVERAGE) row r over office rows [first, last]. */
static void sum_row(const struct sum *s, const struct cols *k, doc *d, int r, int first, int last, int average,
		    const char *name)
{
	int c;

	mark_row(d, r, average ? DOC_TOTAL : DOC_SUBTOTAL);
	doc_set_text(d, r, k->serial, name ? util_printf("%s: %s", average ? L(AVERAGE) : L(SUBTOTAL), name) :
					    util_strdup(average ? L(AVERAGE) : L(SUBTOTAL)));
	doc_at(d, r, k->serial)->align = DOC_RIGHT;
	doc_merge(d, r, k->serial, 1, k->ind0);
	for (c = k->ind0; c <= (average ? k->pct : k->max); c++) {
		double sum = 0;
		int n = 0, i;
		doc_cell *x;

		for (i = first; i <= last; i++)
			if (doc_at(d, i, c)->kind == DOC_NUMBER || doc_at(d, i, c)->kind == DOC_PERCENT) {
				sum += doc_at(d, i, c)->value;
				n++;
			}
		if (n == 0)
			continue;
		if (c == k->pct)
			x = pct(d, r, c, sum / n);
		else
			x = num(d, r, c, average ? sum / n : sum, 2);
		x->formula = util_printf("%s({R%dC%d}:{R%dC%d})", average ? "AVERAGE" : "SUM", first, c, last, c);
	}
	if (!average) {
		double t = doc_at(d, r, k->total)->value, m = doc_at(d, r, k->max)->value;
		doc_cell *x = pct(d, r, k->pct, m > 0 ? t / m : 0);

		x->formula = util_printf("IF({R%dC%d}>0,{R%dC%d}/{R%dC%d},0)", r, k->max, r, k->total, r, k->max);
		band_cell(s, k, d, r, m > 0 ? t / m : 0);
	}
}

/* The rank of office o among offices order[from, to). */
static int rank_in(const struct sum *s, const size_t *order, size_t from, size_t to, const struct office *o)
{
	int rank = 1;
	size_t i;

	for (i = from; i < to; i++)
		rank += s->off[order[i]].score > o->score + 1e-9;
	return rank;
}

/* A table of offices order[0, n) in groups g[0, ng): each group's offices,
 * then (named groups) its subtotal row, then its average row. */
static doc *office_table(const struct sum *s, const size_t *order, const struct group *g, size_t ng,
			 const char *sheet, char *title)
{
	struct cols k = columns(s);
	size_t i, j;
	int rows = HEAD_ROWS, r = HEAD_ROWS, serial = 0;
	doc *d;

	for (i = 0; i < ng; i++)
		rows += (int)(g[i].to - g[i].from) + (g[i].name ? 2 : 1);
	d = new_doc(s, rows, k.n, sheet, title);
	d->landscape = 1;
	table_header(s, &k, d);
	for (i = 0; i < ng; i++) {
		int first = r, last = r + (int)(g[i].to - g[i].from) - 1;

		for (j = g[i].from; j < g[i].to; j++, r++)
			office_row(s, &k, d, &s->off[order[j]], r, ++serial, first, last,
				   rank_in(s, order, g[i].from, g[i].to, &s->off[order[j]]));
		if (g[i].name)
			sum_row(s, &k, d, r++, first, last, 0, g[i].name);
		sum_row(s, &k, d, r++, first, last, 1, g[i].name);
	}
	return d;
}

/* "গ্রেড (সর্বোচ্চ মানের শতাংশ): ১০০% অসাধারণ, … এর কম অপর্যাপ্ত।" */
static char *band_legend(const struct sum *s)
{
	buf b = { 0 };
	char *out;
	int i;

	buf_addf(&b, "%s: ", L(LEGEND));
	for (i = 0; i < s->nband - 1; i++)
		buf_addf(&b, "%d%% %s, ", s->band[i].min, s->band[i].label);
	buf_addf(&b, "%s %s।", L(BAND_LESS), s->band[s->nband - 1].label);
	out = bn_bengali_digits(b.s);
	buf_free(&b);
	return out;
}

/* ---- the main sheet ---- */

/* "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৩-২০২৪" for each plan of the offices. */
static char *plan_titles(struct sum *s)
{
	buf b = { 0 };
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		const char *id = str(s->off[i].rec, "template");
		const model_template *t;

		for (j = 0; j < i; j++)
			if (strcmp(str(s->off[j].rec, "template"), id) == 0)
				break;
		if (j < i)
			continue;
		if (b.len)
			buf_add(&b, "; ");
		if ((t = plan_of(s, id)) != NULL) {
			char *fy = bn_bengali_digits(t->fiscal_year);

			buf_addf(&b, "%s %s", t->title, fy);
			free(fy);
		} else
			buf_add(&b, id);
	}
	return b.s ? buf_take(&b) : util_strdup("");
}

/* "২য় ত্রৈমাসিক (অক্টোবর-ডিসেম্বর)", or the quarters the offices report. */
static char *quarter_text(const struct sum *s)
{
	buf b = { 0 };
	int q;

	for (q = 1; q <= MODEL_QUARTERS; q++)
		if (s->quarters[q]) {
			if (s->nquarters == 1)
				buf_addf(&b, "%s (%s)", bn_quarter_name(q), bn_quarter_months(q));
			else
				buf_addf(&b, "%s%s", b.len ? ", " : "", bn_quarter_name(q));
		}
	return b.s ? buf_take(&b) : util_strdup("");
}

/* "মোট কার্যালয়: ৩০০; নিবন্ধিত কার্যালয়: ৩০৪; অন্তর্ভুক্ত নয়: ৪" */
static char *count_line(const struct sum *s)
{
	char *a = s->has_reg ? util_printf("%s: %zu; %s: %zu; %s: %zu", L(OFFICES), s->n, L(REGISTERED), s->reg.n,
					   L(LEFT_OUT), s->nout) :
		  s->nout ? util_printf("%s: %zu; %s: %zu", L(OFFICES), s->n, L(LEFT_OUT), s->nout) :
			    util_printf("%s: %zu", L(OFFICES), s->n);
	char *b = bn_bengali_digits(a);

	free(a);
	return b;
}

/* The main sheet's title lines: the summary data file's, else the plan's
 * title and fiscal year and the quarter; then the counts. */
static void main_titles(struct sum *s, doc *d)
{
	char *plan = plan_titles(s), *q = quarter_text(s);
	size_t i;

	free(d->title);
	free(d->subject);
	d->title = util_printf("%s, %s: %s", plan, q, L(SUMMARY));
	d->subject = util_printf("%s, %s", plan, q);
	if (s->cover && s->cover->ntitle)
		for (i = 0; i < s->cover->ntitle; i++)
			doc_lines_add(&d->titles, util_strdup(s->cover->title[i]), DOC_S_TITLE, DOC_CENTER);
	else {
		doc_lines_add(&d->titles, util_strdup(plan), DOC_S_TITLE, DOC_CENTER);
		doc_lines_add(&d->titles, util_printf("%s: %s", q, L(SUMMARY)), DOC_S_TITLE, DOC_CENTER);
	}
	doc_lines_add(&d->titles, count_line(s), DOC_S_TITLE, DOC_CENTER);
	free(plan);
	free(q);
}

/* Every office, by quarter (offices are sorted so), ranked within their quarter. */
static doc *main_doc(struct sum *s)
{
	size_t *order = util_alloc((s->n + 1) * sizeof *order), i, ng = 0;
	struct group g[MODEL_QUARTERS];
	doc *d;

	for (i = 0; i < s->n; i++) {
		order[i] = i;
		if (i == 0 || s->off[i].quarter != s->off[i - 1].quarter) {
			g[ng].from = i;
			g[ng++].name = s->nquarters > 1 ? (char *)bn_quarter_name(s->off[i].quarter) : NULL;
		}
		g[ng - 1].to = i + 1;
	}
	d = office_table(s, order, g, ng, L(SHEET), NULL);
	free(order);
	main_titles(s, d);
	d->autofilter = 1;
	d->tail.pending = 6;
	doc_lines_add(&d->tail, band_legend(s), DOC_S_NOTE, DOC_LEFT);
	if (s->cover) {
		doc_add_letter(d, s->cover_t, s->cover);
		d->date = doc_report_date(s->cover_t, s->cover);
	}
	return d;
}

/* ---- a sheet per level of the hierarchy ---- */

/* For sorting with a context (qsort_r is not C11). */
static const struct sum *sort_sum;
static const size_t *sort_first;

/* The register row that opens the group of register row i at level lev:
 * groups are ordered as the register first names them. */
static size_t *group_firsts(const struct sum *s, int lev)
{
	size_t n = s->reg.n, *first = util_alloc((n + 1) * sizeof *first), i, j;

	for (i = 0; i < n; i++) {
		first[i] = i;
		for (j = 0; j < i; j++) {
			int l;

			for (l = 0; l <= lev; l++)
				if (strcmp(s->reg.row[i].place[l], s->reg.row[j].place[l]) != 0)
					break;
			if (l > lev) {
				first[i] = first[j];
				break;
			}
		}
	}
	return first;
}

static size_t group_key(const struct office *o)
{
	return o->reg ? sort_first[o->reg - sort_sum->reg.row] : (size_t)-1;
}

/* By group (register order, unregistered last), then score, highest first. */
static int by_group(const void *a, const void *b)
{
	const struct office *x = &sort_sum->off[*(const size_t *)a], *y = &sort_sum->off[*(const size_t *)b];
	size_t gx = group_key(x), gy = group_key(y);

	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(str(x->rec, "input"), str(y->rec, "input"));
}

/* The offices in order of their groups at level lev; the groups in *g. */
static size_t *level_order(const struct sum *s, int lev, struct group **gp, size_t *ngp)
{
	size_t *order = util_alloc((s->n + 1) * sizeof *order), i, ng = 0;
	size_t *first = group_firsts(s, lev);
	struct group *g = util_alloc((s->n + 1) * sizeof *g);

	for (i = 0; i < s->n; i++)
		order[i] = i;
	sort_sum = s;
	sort_first = first;
	qsort(order, s->n, sizeof *order, by_group);
	for (i = 0; i < s->n; i++) {
		if (i == 0 || group_key(&s->off[order[i]]) != group_key(&s->off[order[i - 1]])) {
			g[ng].from = i;
			g[ng++].name = (char *)place(s, &s->off[order[i]], lev);
		}
		g[ng - 1].to = i + 1;
	}
	free(first);
	*gp = g;
	*ngp = ng;
	return order;
}

static doc *level_doc(const struct sum *s, int lev)
{
	struct group *g;
	size_t ng, *order = level_order(s, lev, &g, &ng);
	doc *d = office_table(s, order, g, ng, s->reg.level[lev],
			      util_printf("%s%s", s->reg.level[lev], L(LEVEL_TITLE)));

	free(order);
	free(g);
	return d;
}

/* Each group's offices and average total at level lev, highest first, with a chart. */
static doc *group_average_doc(const struct sum *s, int lev)
{
	struct group *g;
	size_t ng, *order = level_order(s, lev, &g, &ng), i, j, *by = util_alloc((ng + 1) * sizeof *by);
	double *avg = util_alloc((ng + 1) * sizeof *avg), *avgp = util_alloc((ng + 1) * sizeof *avgp);
	char *sheet = util_printf("%s %s", s->reg.level[lev], L(GROUP_SHEET));
	doc *d = new_doc(s, 1 + (int)ng, 4, sheet, util_printf("%s%s", s->reg.level[lev], L(GROUP_TITLE)));

	for (i = 0; i < ng; i++) {
		double t = 0, p = 0;

		for (j = g[i].from; j < g[i].to; j++) {
			const struct office *o = &s->off[order[j]];

			t += o->score;
			p += o->max > 0 ? o->score / o->max : 0;
		}
		avg[i] = t / (double)(g[i].to - g[i].from);
		avgp[i] = p / (double)(g[i].to - g[i].from);
		by[i] = i;
	}
	for (i = 1; i < ng; i++) /* highest average first; ties keep the register's order */
		for (j = i; j > 0 && avg[by[j]] > avg[by[j - 1]] + 1e-12; j--) {
			size_t t = by[j];

			by[j] = by[j - 1];
			by[j - 1] = t;
		}
	head(d, 0, 0, s->reg.level[lev]);
	head(d, 0, 1, L(COUNT));
	head(d, 0, 2, L(AVERAGE_TOTAL));
	head(d, 0, 3, L(AVERAGE_PERCENT));
	d->header_rows = 1;
	d->width[0] = 24;
	d->width[1] = d->width[2] = d->width[3] = 14;
	for (i = 0; i < ng; i++) {
		text(d, 1 + (int)i, 0, g[by[i]].name)->align = DOC_LEFT;
		num(d, 1 + (int)i, 1, (double)(g[by[i]].to - g[by[i]].from), 0);
		num(d, 1 + (int)i, 2, avg[by[i]], 2);
		pct(d, 1 + (int)i, 3, avgp[by[i]]);
	}
	if (ng) {
		d->chart = util_alloc(sizeof *d->chart);
		d->chart->title = util_strdup(d->title);
		d->chart->label_col = 0;
		d->chart->value_col = 2;
		d->chart->first = 1;
		d->chart->last = (int)ng;
		d->chart->axis_max = s->axis_max;
	}
	free(sheet);
	free(order);
	free(g);
	free(by);
	free(avg);
	free(avgp);
	return d;
}

/* ---- charts ---- */

static doc_chart *chart(const char *title, int label_col, int value_col, int first, int last, double max)
{
	doc_chart *c = util_alloc(sizeof *c);

	c->title = util_strdup(title);
	c->label_col = label_col;
	c->value_col = value_col;
	c->first = first;
	c->last = last;
	c->axis_max = max;
	return c;
}

/* Offices per grade band. */
static doc *bands_doc(const struct sum *s)
{
	int count[NBANDS_MAX] = { 0 }, i;
	size_t k;
	doc *d = new_doc(s, 1 + s->nband + 1, 4, L(BANDS_SHEET), util_strdup(L(BANDS_TITLE)));
	doc_cell *x;

	for (k = 0; k < s->n; k++)
		count[band_of(s, s->off[k].max > 0 ? 100 * s->off[k].score / s->off[k].max : 0)]++;
	head(d, 0, 0, L(GRADE));
	head(d, 0, 1, L(PERCENT));
	head(d, 0, 2, L(COUNT));
	head(d, 0, 3, L(PERCENT));
	d->header_rows = 1;
	d->width[0] = 22;
	d->width[1] = 22;
	d->width[2] = d->width[3] = 14;
	for (i = 0; i < s->nband; i++) {
		char *a = i == 0 ? util_printf("%d%% %s", s->band[0].min, L(BAND_TOP)) :
			  util_printf("%d%% %s %d%% %s", s->band[i].min, L(BAND_RANGE), s->band[i - 1].min, L(BAND_LESS));

		text(d, 1 + i, 0, s->band[i].label)->band = i + 1;
		doc_set_text(d, 1 + i, 1, bn_bengali_digits(a));
		free(a);
		num(d, 1 + i, 2, count[i], 0);
		x = pct(d, 1 + i, 3, s->n ? (double)count[i] / (double)s->n : 0);
		x->formula = util_printf("IF({R%dC2}>0,{R%dC2}/{R%dC2},0)", s->nband + 1, 1 + i, s->nband + 1);
	}
	text(d, s->nband + 1, 0, L(OFFICES));
	doc_merge(d, s->nband + 1, 0, 1, 2);
	x = num(d, s->nband + 1, 2, (double)s->n, 0);
	x->formula = util_printf("SUM({R1C2}:{R%dC2})", s->nband);
	mark_row(d, s->nband + 1, DOC_TOTAL);
	d->chart = chart(L(BANDS_TITLE), 0, 2, 1, s->nband, 0);
	return d;
}

static int by_score(const void *a, const void *b)
{
	const struct office *x = &sort_sum->off[*(const size_t *)a], *y = &sort_sum->off[*(const size_t *)b];

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(str(x->rec, "input"), str(y->rec, "input"));
}

/* The ten offices with the highest (top) or lowest totals, best first or worst first. */
static doc *ten_doc(const struct sum *s, int top)
{
	size_t *order = util_alloc((s->n + 1) * sizeof *order), i, n = s->n < 10 ? s->n : 10;
	int c, lev = s->has_reg ? (int)s->reg.nlevel : 0;
	doc *d = new_doc(s, 1 + (int)n, 4 + lev, top ? L(TOP_SHEET) : L(BOTTOM_SHEET),
			 util_strdup(top ? L(TOP_TITLE) : L(BOTTOM_TITLE)));

	for (i = 0; i < s->n; i++)
		order[i] = i;
	sort_sum = s;
	qsort(order, s->n, sizeof *order, by_score);
	head(d, 0, 0, L(RANK));
	head(d, 0, 1, L(OFFICE));
	for (c = 0; c < lev; c++)
		head(d, 0, 2 + c, s->reg.level[c]);
	head(d, 0, 2 + lev, L(TOTAL));
	head(d, 0, 3 + lev, L(PERCENT));
	d->header_rows = 1;
	d->width[0] = 8;
	d->width[1] = 30;
	for (c = 2; c < 4 + lev; c++)
		d->width[c] = 13;
	for (i = 0; i < n; i++) {
		size_t at = top ? i : s->n - 1 - i;
		const struct office *o = &s->off[order[at]];

		num(d, 1 + (int)i, 0, rank_in(s, order, 0, s->n, o), 0);
		text(d, 1 + (int)i, 1, o->office)->align = DOC_LEFT;
		for (c = 0; c < lev; c++)
			text(d, 1 + (int)i, 2 + c, place(s, o, c));
		num(d, 1 + (int)i, 2 + lev, o->score, 2);
		pct(d, 1 + (int)i, 3 + lev, o->max > 0 ? o->score / o->max : 0);
	}
	if (n)
		d->chart = chart(d->title, 1, 2 + lev, 1, (int)n, s->axis_max);
	free(order);
	return d;
}

/* ---- offices left out ---- */

static int by_why(const void *a, const void *b)
{
	const struct office *x = a, *y = b;

	if (x->why != y->why)
		return (int)x->why - (int)y->why;
	return strcmp(x->office, y->office);
}

static doc *left_out_doc(struct sum *s)
{
	static const int why[] = { L_INVALID, L_FAILED, L_OTHER_QUARTER, L_NO_REPORT };
	int lev = s->has_reg ? (int)s->reg.nlevel : 0, c;
	doc *d = new_doc(s, 1 + (int)s->nout, 4 + lev, L(OUT_SHEET), util_strdup(L(OUT_TITLE)));
	size_t i;

	qsort(s->out, s->nout, sizeof *s->out, by_why);
	head(d, 0, 0, L(SERIAL));
	head(d, 0, 1, L(OFFICE));
	for (c = 0; c < lev; c++)
		head(d, 0, 2 + c, s->reg.level[c]);
	head(d, 0, 2 + lev, L(STATUS));
	head(d, 0, 3 + lev, L(DETAIL));
	d->header_rows = 1;
	d->width[0] = 5;
	d->width[1] = 30;
	for (c = 2; c < 2 + lev; c++)
		d->width[c] = 12;
	d->width[2 + lev] = 18;
	d->width[3 + lev] = 50;
	for (i = 0; i < s->nout; i++) {
		const struct office *o = &s->out[i];

		num(d, 1 + (int)i, 0, (double)(i + 1), 0);
		text(d, 1 + (int)i, 1, o->office)->align = DOC_LEFT;
		for (c = 0; c < lev; c++)
			text(d, 1 + (int)i, 2 + c, o->reg ? o->reg->place[c] : L(NOT_IN_REGISTER));
		text(d, 1 + (int)i, 2 + lev, label[why[o->why]]);
		text(d, 1 + (int)i, 3 + lev, o->detail)->align = DOC_LEFT;
	}
	return d;
}

/* ---- a distribution sheet per indicator ---- */

/* How many offices reached each band on indicator k (then not applicable, not reported). */
static void distribution(const struct sum *s, size_t k, int *count)
{
	size_t r;

	memset(count, 0, (NBANDS_MAX + 2) * sizeof *count);
	for (r = 0; r < s->n; r++) {
		const json_t *ind = find_ind(s, s->off[r].rec, k);
		const char *st = ind ? str(ind, "status") : "not-applicable";
		double w = ind ? number(ind, "weight") : 0;

		if (strcmp(st, "not-applicable") == 0)
			count[s->nband]++;
		else if (strcmp(st, "not-reported") == 0)
			count[s->nband + 1]++;
		else
			count[band_of(s, w > 0 ? 100 * number(ind, "score") / w : 0)]++;
	}
}

/* One sheet per indicator: offices by grade band. */
static doc *distribution_doc(const struct sum *s, size_t k)
{
	int count[NBANDS_MAX + 2], i, rows = s->nband + 2;
	char *id = model_display_id(str(s->ind[k], "id"));
	char *sheet = count_plans(s) > 1 ? util_printf("%s %s (%zu)", L(INDICATOR), id, k + 1) :
			util_printf("%s %s", L(INDICATOR), id);
	char *name = util_printf("[%s] %s", id, str(s->ind[k], "label"));
	doc *d = new_doc(s, 1 + rows + 1, 4, sheet, util_printf("%s: %s", name, L(DISTRIBUTION)));
	doc_cell *x;

	distribution(s, k, count);
	d->landscape = 0;
	head(d, 0, 0, L(GRADE));
	head(d, 0, 1, L(SHARE));
	head(d, 0, 2, L(COUNT));
	head(d, 0, 3, L(PERCENT));
	d->header_rows = 1;
	d->width[0] = 22;
	d->width[1] = 22;
	d->width[2] = 14;
	d->width[3] = 12;
	for (i = 0; i < rows; i++) {
		int r = 1 + i;

		if (i < s->nband) {
			char *a = i == 0 ? util_printf("%d%% %s", s->band[0].min, L(BAND_TOP)) :
				  util_printf("%d%% %s %d%% %s", s->band[i].min, L(BAND_RANGE), s->band[i - 1].min,
					      L(BAND_LESS));

			text(d, r, 0, s->band[i].label)->band = i + 1;
			doc_set_text(d, r, 1, bn_bengali_digits(a));
			free(a);
		} else
			text(d, r, 0, i == s->nband ? L(NA) : L(NOT_REPORTED));
		num(d, r, 2, count[i], 0);
		x = pct(d, r, 3, s->n ? (double)count[i] / (double)s->n : 0);
		x->formula = util_printf("IF({R%dC2}>0,{R%dC2}/{R%dC2},0)", rows + 1, r, rows + 1);
	}
	text(d, rows + 1, 0, L(OFFICES));
	doc_merge(d, rows + 1, 0, 1, 2);
	x = num(d, rows + 1, 2, (double)s->n, 0);
	x->formula = util_printf("SUM({R1C2}:{R%dC2})", rows);
	mark_row(d, rows + 1, DOC_TOTAL);
	free(id);
	free(sheet);
	free(name);
	return d;
}

/* ---- output ---- */

/* path with a final ".xlsx" or ".pdf" (any case) replaced by ".ext", or
 * with ".ext" added: -o names the workbook and the PDF together. */
static char *output_name(const char *path, const char *ext)
{
	size_t n = strlen(path);

	if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0)
		n -= 5;
	else if (n > 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		n -= 4;
	return util_printf("%.*s.%s", (int)n, path, ext);
}

/* Creates the directory the outputs go to, as build does; 0 when it is
 * there and writable, else EXIT_IO with one message. */
static int output_dir(const char *out)
{
	char *dir = util_dir_of(out);
	struct stat st;
	int rc = 0;

	if (batch_make_dirs(dir) != 0) {
		fprintf(stderr, "%s: cannot create directory: %s\n", dir, strerror(errno));
		rc = EXIT_IO;
	} else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: cannot create directory: %s\n", dir, strerror(ENOTDIR));
		rc = EXIT_IO;
	} else if (access(dir, W_OK) != 0) {
		fprintf(stderr, "%s: cannot write in directory: %s\n", dir, strerror(errno));
		rc = EXIT_IO;
	}
	free(dir);
	return rc;
}

static int want(const summary_opts *o, const char *fmt)
{
	return o->format == NULL || strstr(o->format, fmt) != NULL;
}

/* The summary's date in seconds: SOURCE_DATE_EPOCH, else the summary data
 * file's date, else the latest report date. */
static long long summary_date(const struct sum *s, const doc *d)
{
	long long best = 0;
	size_t i;

	if (s->cover)
		best = d->date * 86400LL;
	for (i = 0; i < s->n && !s->cover; i++) {
		bn_date b;

		if (bn_parse_date(str(s->off[i].rec, "date"), &b) == BN_DATE_OK && bn_days(b) * 86400LL > best)
			best = bn_days(b) * 86400LL;
	}
	return util_source_date(best ? best : 86400);
}

/* Every sheet of the summary, chained after the main one. */
static doc *build_docs(struct sum *s, const summary_opts *o)
{
	doc *d = main_doc(s), **tail = &d->next, *x;
	size_t k;
	int lev;

	for (lev = 0; s->has_reg && lev < (int)s->reg.nlevel; lev++) {
		*tail = level_doc(s, lev);
		tail = &(*tail)->next;
	}
	*tail = bands_doc(s);
	tail = &(*tail)->next;
	*tail = ten_doc(s, 1);
	tail = &(*tail)->next;
	*tail = ten_doc(s, 0);
	tail = &(*tail)->next;
	for (lev = 0; s->has_reg && lev < (int)s->reg.nlevel; lev++) {
		*tail = group_average_doc(s, lev);
		tail = &(*tail)->next;
	}
	if (s->nout) {
		*tail = left_out_doc(s);
		tail = &(*tail)->next;
	}
	for (k = 0; k < s->nind; k++) {
		*tail = distribution_doc(s, k);
		tail = &(*tail)->next;
	}
	for (x = d; x; x = x->next) {
		free(x->font);
		x->font = util_strdup(o->font ? o->font : "Noto Sans Bengali");
	}
	return d;
}

/* Reads every input; returns nonzero when the summary cannot be made. */
static int gather(struct sum *s, const summary_opts *o, char **inputs, int ninputs)
{
	int i;

	for (i = 0; i < ninputs; i++) {
		size_t n = strlen(inputs[i]);

		if (n > 5 && strcmp(inputs[i] + n - 5, ".json") == 0)
			read_report(s, inputs[i]);
		else
			read_data(s, o, &inputs[i], 1);
	}
	select_quarter(s, o->quarter);
	if (s->n > 1)
		qsort(s->off, s->n, sizeof *s->off, by_quarter);
	if (o->reg && reg_load(o->reg, &s->reg, &s->dl) == 0)
		s->has_reg = 1;
	match_register(s);
	if (o->letter)
		read_cover(s, o->letter);
	collect_indicators(s);
	set_bands(s);
	if (s->nquarters > 1)
		diag_add(&s->dl, DIAG_WARNING, DIAG_DATA, o->out, 0,
			 "the offices report %d different quarters: each quarter is ranked on its own (give --quarter N "
			 "to summarise one)", s->nquarters);
	return diag_errors(&s->dl) > 0 || s->n == 0;
}

static void free_sum(struct sum *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		json_decref(s->off[k].rec);
	for (k = 0; k < s->nout; k++) {
		json_decref(s->out[k].rec);
		free(s->out[k].detail);
		free(s->out[k].name);
	}
	for (k = 0; k < s->nplan; k++) {
		free(s->plan[k].id);
		model_template_free(s->plan[k].t);
	}
	free(s->plan);
	free(s->off);
	free(s->out);
	free(s->ind);
	free(s->ind_tpl);
	reg_free(&s->reg);
	model_report_free(s->cover);
	model_template_free(s->cover_t);
	diag_list_free(&s->dl);
}

/* Writes the workbook and the PDF of d. */
static void write_outputs(struct sum *s, const summary_opts *o, const doc *d)
{
	char *err = NULL, *xlsx = output_name(o->out, "xlsx"), *pdf = output_name(o->out, "pdf");

	if (want(o, "xlsx") && (err = xlsx_write(d, xlsx, summary_date(s, d))) != NULL)
		diag_add(&s->dl, DIAG_ERROR, DIAG_IO, xlsx, 0, "%s", err);
	free(err);
	err = NULL;
	if (want(o, "pdf") && (err = pdf_write(d, pdf, summary_date(s, d))) != NULL)
		diag_add(&s->dl, DIAG_ERROR, DIAG_IO, pdf, 0, "%s", err);
	free(err);
	free(xlsx);
	free(pdf);
}

int summary_run(const summary_opts *o, char **inputs, int ninputs)
{
	struct sum s;
	doc *d = NULL;
	int rc;
	size_t bad, k;

	if ((rc = output_dir(o->out)) != 0)
		return rc;
	memset(&s, 0, sizeof s);
	batch_setup_fonts(o->font_dir);
	if (gather(&s, o, inputs, ninputs) == 0) {
		d = build_docs(&s, o);
		write_outputs(&s, o, d);
	}
	for (k = bad = 0; k < s.nout; k++)
		bad += s.out[k].why <= OUT_FAILED;
	if (bad)
		diag_add(&s.dl, DIAG_WARNING, DIAG_DATA, o->out, 0,
			 "%zu office(s) without scores (invalid or failed in their run) left out%s", bad,
			 d ? ", listed on the sheet of offices left out" : "");
	diag_print(&s.dl, stderr);
	rc = diag_exit_code(&s.dl);
	if (s.n == 0 && rc == 0) {
		fprintf(stderr, "annexc: summary: no scored offices found\n");
		rc = EXIT_INVALID;
	}
	doc_free(d);
	free_sum(&s);
	return rc;
}
