/* summary.c - the consolidated workbook for a ministry: one row per office
 * with each indicator's achieved score, the total, percent of maximum, grade
 * band and rank (live formulas), averages, a distribution sheet per
 * indicator and a chart of totals. Built as a document, so the XLSX and PDF
 * backends draw it like any report. */
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
#include "diag.h"
#include "document.h"
#include "pdf.h"
#include "pipeline.h"
#include "score.h"
#include "util.h"
#include "xlsx.h"

/* A grade band: an office (or an indicator) reaching min percent of its
 * maximum. The bands are the plan's own grade scale, from the run report,
 * and one more for what falls below the lowest grade. */
struct band {
	int min;
	const char *label;
};
#define NBANDS_MAX (MODEL_MAX_GRADES + 1)
#define BELOW "অপর্যাপ্ত"
/* The APA scale, for run reports written before they carried the plan's grades. */
static const struct band apa_bands[] = { { 100, "অসাধারণ" }, { 90, "অতি উত্তম" }, { 80, "উত্তম" },
					 { 70, "চলতি মান" }, { 60, "চলতি মানের নিম্নে" } };

/* The offices and the indicator columns. */
struct sum {
	json_t **rec;
	size_t n, cap;
	json_t **ind; /* indicator objects, by first appearance of (template, id) */
	const char **ind_tpl; /* the template each column's indicator belongs to */
	size_t nind, capind, capind_tpl;
	size_t skipped; /* records without scores (invalid or failed offices) */
	struct band band[NBANDS_MAX];
	int nband;
	diag_list dl;
};

/* The bands: the first office's grade scale, then the band below it. */
static void set_bands(struct sum *s)
{
	json_t *g, *grades = s->n ? json_object_get(s->rec[0], "grades") : NULL;
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
	s->band[s->nband++].label = BELOW;
}

static int band_of(const struct sum *s, double percent)
{
	int i;

	for (i = 0; i < s->nband - 1; i++)
		if (percent >= s->band[i].min - 1e-9)
			return i;
	return s->nband - 1;
}

static void add_record(struct sum *s, json_t *rec)
{
	size_t i;

	if (!json_is_number(json_object_get(rec, "score"))) {
		s->skipped++;
		return;
	}
	for (i = 0; i < s->n; i++)
		if (strcmp(json_string_value(json_object_get(s->rec[i], "input")),
			   json_string_value(json_object_get(rec, "input"))) == 0)
			return; /* the same office from two reports */
	util_grow(&s->rec, &s->cap, s->n, sizeof *s->rec);
	s->rec[s->n++] = json_incref(rec);
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
			json_t *rec = batch_scores_json(t, r, sc);

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

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "input")),
		      json_string_value(json_object_get(*(json_t *const *)b, "input")));
}

static const char *str(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
}

/* The indicator columns: every (template, id) in order of first appearance;
 * offices of different plans share a column only when both agree. */
static void collect_indicators(struct sum *s)
{
	size_t r, i, k;
	json_t *ind;

	for (r = 0; r < s->n; r++)
		json_array_foreach(json_object_get(s->rec[r], "indicators"), i, ind) {
			const char *tpl = str(s->rec[r], "template");

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

/* ---- cells ---- */

static char *bn_fixed(double v, int decimals)
{
	char *a = util_printf("%.*f", decimals, v), *b = bn_bengali_digits(a);

	free(a);
	return b;
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

static void head(doc *d, int r, int c, const char *text)
{
	doc_set_text(d, r, c, util_strdup(text));
	doc_at(d, r, c)->role = DOC_HEAD;
	doc_at(d, r, c)->bold = 1;
}

/* Columns of the summary table. */
enum { C_SERIAL, C_OFFICE, C_LEVEL, C_IND0 };
#define C_TOTAL(s) (C_IND0 + (int)(s)->nind)
#define C_MAX(s) (C_TOTAL(s) + 1)
#define C_PCT(s) (C_TOTAL(s) + 2)
#define C_BAND(s) (C_TOTAL(s) + 3)
#define C_RANK(s) (C_TOTAL(s) + 4)
#define HEAD_ROWS 2

static void summary_header(const struct sum *s, doc *d)
{
	static const char *const tail[] = { "মোট অর্জিত মান", "অর্জনযোগ্য সর্বোচ্চ মান", "শতাংশ", "গ্রেড", "অবস্থান" };
	size_t i;

	head(d, 0, C_SERIAL, "ক্রম");
	head(d, 0, C_OFFICE, "কার্যালয়");
	head(d, 0, C_LEVEL, "পর্যায়");
	for (i = 0; i < 3; i++)
		doc_merge(d, 0, (int)i, 2, 1);
	head(d, 0, C_IND0, "সূচকভিত্তিক অর্জিত মান");
	if (s->nind > 1)
		doc_merge(d, 0, C_IND0, 1, (int)s->nind);
	for (i = 0; i < s->nind; i++) {
		char *id = model_display_id(json_string_value(json_object_get(s->ind[i], "id")));
		char *w = bn_fixed(json_number_value(json_object_get(s->ind[i], "weight")), 0);

		doc_set_text(d, 1, C_IND0 + (int)i, util_printf("[%s] (%s)", id, w));
		doc_at(d, 1, C_IND0 + (int)i)->role = DOC_HEAD;
		doc_at(d, 1, C_IND0 + (int)i)->bold = 1;
		free(id);
		free(w);
	}
	for (i = 0; i < 5; i++) {
		head(d, 0, C_TOTAL(s) + (int)i, tail[i]);
		doc_merge(d, 0, C_TOTAL(s) + (int)i, 2, 1);
	}
	d->header_rows = HEAD_ROWS;
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

static int rank_of(const struct sum *s, size_t r)
{
	double v = json_number_value(json_object_get(s->rec[r], "score"));
	size_t i;
	int rank = 1;

	for (i = 0; i < s->n; i++)
		rank += json_number_value(json_object_get(s->rec[i], "score")) > v + 1e-9;
	return rank;
}

static void office_row(const struct sum *s, doc *d, size_t k)
{
	const json_t *rec = s->rec[k];
	int r = HEAD_ROWS + (int)k, last = HEAD_ROWS + (int)s->n - 1;
	double score = json_number_value(json_object_get(rec, "score"));
	double max = json_number_value(json_object_get(rec, "max")), p = max > 0 ? score / max : 0;
	const char *office = json_string_value(json_object_get(rec, "office"));
	const char *level = json_string_value(json_object_get(rec, "level"));
	doc_cell *x;
	size_t i;

	num(d, r, C_SERIAL, (double)(k + 1), 0);
	doc_set_text(d, r, C_OFFICE, util_strdup(office ? office : json_string_value(json_object_get(rec, "input"))));
	doc_at(d, r, C_OFFICE)->align = DOC_LEFT;
	doc_set_text(d, r, C_LEVEL, util_strdup(level ? level : ""));
	for (i = 0; i < s->nind; i++) {
		const json_t *ind = find_ind(s, rec, i);
		const char *st = ind ? json_string_value(json_object_get(ind, "status")) : "not-applicable";

		if (st == NULL || strcmp(st, "not-applicable") == 0)
			doc_set_text(d, r, C_IND0 + (int)i, util_strdup("-"));
		else
			num(d, r, C_IND0 + (int)i, json_number_value(json_object_get(ind, "score")), 2);
	}
	x = num(d, r, C_TOTAL(s), score, 2);
	x->formula = util_printf("SUM({R%dC%d}:{R%dC%d})", r, C_IND0, r, C_TOTAL(s) - 1);
	num(d, r, C_MAX(s), max, 2);
	x = pct(d, r, C_PCT(s), p);
	x->formula = util_printf("IF({R%dC%d}>0,{R%dC%d}/{R%dC%d},0)", r, C_MAX(s), r, C_TOTAL(s), r, C_MAX(s));
	doc_set_text(d, r, C_BAND(s), util_strdup(s->band[band_of(s, p * 100)].label));
	x = doc_at(d, r, C_BAND(s));
	x->formula = band_formula(s, r, C_PCT(s));
	x->band = band_of(s, p * 100) + 1;
	x = num(d, r, C_RANK(s), rank_of(s, k), 0);
	x->formula = util_printf("RANK({R%dC%d},{R%dC%d}:{R%dC%d})", r, C_TOTAL(s), HEAD_ROWS, C_TOTAL(s), last,
				 C_TOTAL(s));
}

/* The averages row under the offices. */
static void average_row(const struct sum *s, doc *d)
{
	int r = HEAD_ROWS + (int)s->n, first = HEAD_ROWS, last = r - 1, c;

	doc_set_text(d, r, C_SERIAL, util_strdup("গড়"));
	doc_merge(d, r, C_SERIAL, 1, 3);
	for (c = 0; c < d->ncols; c++) {
		doc_at(d, r, c)->role = DOC_TOTAL;
		doc_at(d, r, c)->bold = 1;
	}
	for (c = C_IND0; c <= C_PCT(s); c++) {
		double sum = 0;
		int n = 0, k;
		doc_cell *x;

		for (k = first; k <= last; k++)
			if (doc_at(d, k, c)->kind == DOC_NUMBER || doc_at(d, k, c)->kind == DOC_PERCENT) {
				sum += doc_at(d, k, c)->value;
				n++;
			}
		if (n == 0)
			continue;
		x = c == C_PCT(s) ? pct(d, r, c, sum / n) : num(d, r, c, sum / n, 2);
		x->role = DOC_TOTAL;
		x->bold = 1;
		x->formula = util_printf("AVERAGE({R%dC%d}:{R%dC%d})", first, c, last, c);
	}
}

static const char *template_title(const struct sum *s)
{
	return s->n ? json_string_value(json_object_get(s->rec[0], "template")) : "";
}

/* "গ্রেড (সর্বোচ্চ মানের শতাংশ): ১০০% অসাধারণ, … এর কম অপর্যাপ্ত।" */
static char *band_legend(const struct sum *s)
{
	buf b = { 0 };
	char *out;
	int i;

	buf_add(&b, "গ্রেড (অর্জনযোগ্য সর্বোচ্চ মানের শতাংশ): ");
	for (i = 0; i < s->nband - 1; i++)
		buf_addf(&b, "%d%% %s, ", s->band[i].min, s->band[i].label);
	buf_addf(&b, "এর কম %s।", s->band[s->nband - 1].label);
	out = bn_bengali_digits(b.s);
	buf_free(&b);
	return out;
}

static doc *summary_doc(const struct sum *s)
{
	int cols = C_RANK(s) + 1, c;
	doc *d = doc_new(HEAD_ROWS + (int)s->n + 1, cols);
	size_t k;
	char *n = bn_fixed((double)s->n, 0);

	d->font = util_strdup("Noto Sans Bengali");
	d->sheet_name = util_strdup("সারসংক্ষেপ");
	d->landscape = 1;
	d->autofilter = 1;
	d->title = util_printf("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা: কার্যালয়ভিত্তিক সারসংক্ষেপ");
	d->author = util_strdup("annexc");
	d->subject = util_printf("%s, %s টি কার্যালয়", template_title(s), n);
	doc_lines_add(&d->titles, util_strdup(d->title), DOC_S_TITLE, DOC_CENTER);
	doc_lines_add(&d->titles, util_printf("পরিকল্পনা: %s; মোট কার্যালয়: %s", template_title(s), n), DOC_S_TITLE,
		      DOC_CENTER);
	d->tail.pending = 6;
	doc_lines_add(&d->tail, band_legend(s), DOC_S_NOTE, DOC_LEFT);
	free(n);
	d->width[C_SERIAL] = 5;
	d->width[C_OFFICE] = 28;
	d->width[C_LEVEL] = 14;
	for (c = C_IND0; c < cols; c++)
		d->width[c] = 9;
	d->width[C_BAND(s)] = 13;
	summary_header(s, d);
	for (k = 0; k < s->n; k++)
		office_row(s, d, k);
	average_row(s, d);
	if (s->n > 0) {
		d->chart = util_alloc(sizeof *d->chart);
		d->chart->title = util_strdup("কার্যালয়ভিত্তিক মোট অর্জিত মান");
		d->chart->label_col = C_OFFICE;
		d->chart->value_col = C_TOTAL(s);
		d->chart->first = HEAD_ROWS;
		d->chart->last = HEAD_ROWS + (int)s->n - 1;
	}
	return d;
}

/* How many offices reached each band on indicator k (then not applicable, not reported). */
static void distribution(const struct sum *s, size_t k, int *count)
{
	size_t r;

	memset(count, 0, (NBANDS_MAX + 2) * sizeof *count);
	for (r = 0; r < s->n; r++) {
		const json_t *ind = find_ind(s, s->rec[r], k);
		const char *st = ind ? str(ind, "status") : "not-applicable";
		double w = ind ? json_number_value(json_object_get(ind, "weight")) : 0;

		if (strcmp(st, "not-applicable") == 0)
			count[s->nband]++;
		else if (strcmp(st, "not-reported") == 0)
			count[s->nband + 1]++;
		else
			count[band_of(s, w > 0 ? 100 * json_number_value(json_object_get(ind, "score")) / w : 0)]++;
	}
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

/* One sheet per indicator: offices by grade band. */
static doc *distribution_doc(const struct sum *s, size_t k)
{
	int count[NBANDS_MAX + 2], i, rows = s->nband + 2;
	doc *d = doc_new(1 + rows + 1, 4);
	const char *idr = json_string_value(json_object_get(s->ind[k], "id"));
	char *id = model_display_id(idr);
	doc_cell *x;

	distribution(s, k, count);
	d->font = util_strdup("Noto Sans Bengali");
	d->sheet_name = s->nind > 0 && count_plans(s) > 1 ? util_printf("সূচক %s (%zu)", id, k + 1) :
			util_printf("সূচক %s", id);
	d->landscape = 0;
	d->title = util_printf("[%s] %s", id, json_string_value(json_object_get(s->ind[k], "label")));
	d->author = util_strdup("annexc");
	d->subject = util_strdup("অর্জিত মানের বণ্টন");
	doc_lines_add(&d->titles, util_printf("%s: অর্জিত মানের বণ্টন", d->title), DOC_S_TITLE, DOC_CENTER);
	head(d, 0, 0, "গ্রেড");
	head(d, 0, 1, "সূচকের মানের অংশ");
	head(d, 0, 2, "কার্যালয়ের সংখ্যা");
	head(d, 0, 3, "শতাংশ");
	d->header_rows = 1;
	d->width[0] = 22;
	d->width[1] = 22;
	d->width[2] = 14;
	d->width[3] = 12;
	for (i = 0; i < rows; i++) {
		int r = 1 + i;

		if (i < s->nband) {
			char *a = i == 0 ? util_printf("%d%% বা বেশি", s->band[0].min) :
				  util_printf("%d%% থেকে %d%% এর কম", s->band[i].min, s->band[i - 1].min);
			doc_set_text(d, r, 0, util_strdup(s->band[i].label));
			doc_set_text(d, r, 1, bn_bengali_digits(a));
			doc_at(d, r, 0)->band = i + 1;
			free(a);
		} else
			doc_set_text(d, r, 0, util_strdup(i == s->nband ? "প্রযোজ্য নয়" : "প্রতিবেদন নেই"));
		num(d, r, 2, count[i], 0);
		x = pct(d, r, 3, s->n ? (double)count[i] / (double)s->n : 0);
		x->formula = util_printf("IF({R%dC2}>0,{R%dC2}/{R%dC2},0)", rows + 1, r, rows + 1);
	}
	doc_set_text(d, rows + 1, 0, util_strdup("মোট"));
	doc_merge(d, rows + 1, 0, 1, 2);
	x = num(d, rows + 1, 2, (double)s->n, 0);
	x->formula = util_printf("SUM({R1C2}:{R%dC2})", rows);
	for (i = 0; i < 4; i++) {
		doc_at(d, rows + 1, i)->role = DOC_TOTAL;
		doc_at(d, rows + 1, i)->bold = 1;
	}
	free(id);
	return d;
}

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

/* The summary's date in seconds: SOURCE_DATE_EPOCH, else the latest report date. */
static long long summary_date(const struct sum *s)
{
	long long best = 0;
	size_t i;

	for (i = 0; i < s->n; i++) {
		bn_date d;

		if (bn_parse_date(str(s->rec[i], "date"), &d) == BN_DATE_OK && bn_days(d) * 86400LL > best)
			best = bn_days(d) * 86400LL;
	}
	return util_source_date(best ? best : 86400);
}

int summary_run(const summary_opts *o, char **inputs, int ninputs)
{
	struct sum s;
	doc *d, **tail;
	size_t k;
	int i, rc;
	char *err = NULL, *xlsx, *pdf;

	if ((rc = output_dir(o->out)) != 0)
		return rc;
	memset(&s, 0, sizeof s);
	batch_setup_fonts(o->font_dir);
	for (i = 0; i < ninputs; i++) {
		size_t n = strlen(inputs[i]);

		if (n > 5 && strcmp(inputs[i] + n - 5, ".json") == 0)
			read_report(&s, inputs[i]);
		else
			read_data(&s, o, &inputs[i], 1);
	}
	if (s.n > 1)
		qsort(s.rec, s.n, sizeof *s.rec, cmp_rec);
	collect_indicators(&s);
	set_bands(&s);
	d = summary_doc(&s);
	if (o->font) {
		free(d->font);
		d->font = util_strdup(o->font);
	}
	for (tail = &d->next, k = 0; k < s.nind; k++, tail = &(*tail)->next) {
		*tail = distribution_doc(&s, k);
		free((*tail)->font);
		(*tail)->font = util_strdup(d->font);
	}
	if (s.skipped)
		diag_add(&s.dl, DIAG_WARNING, DIAG_DATA, o->out, 0,
			 "%zu office(s) without scores (invalid or failed in their run) left out", s.skipped);
	xlsx = output_name(o->out, "xlsx");
	if (want(o, "xlsx") && (err = xlsx_write(d, xlsx, summary_date(&s))) != NULL)
		diag_add(&s.dl, DIAG_ERROR, DIAG_IO, xlsx, 0, "%s", err);
	free(err);
	free(xlsx);
	err = NULL;
	pdf = output_name(o->out, "pdf");
	if (want(o, "pdf") && (err = pdf_write(d, pdf, summary_date(&s))) != NULL)
		diag_add(&s.dl, DIAG_ERROR, DIAG_IO, pdf, 0, "%s", err);
	free(err);
	free(pdf);
	diag_print(&s.dl, stderr);
	rc = diag_exit_code(&s.dl);
	if (s.n == 0 && rc == 0) {
		fprintf(stderr, "annexc: summary: no scored offices found\n");
		rc = EXIT_INVALID;
	}
	doc_free(d);
	for (k = 0; k < s.n; k++)
		json_decref(s.rec[k]);
	free(s.rec);
	free(s.ind);
	free(s.ind_tpl);
	diag_list_free(&s.dl);
	return rc;
}
