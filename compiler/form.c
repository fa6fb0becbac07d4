/* form.c - annexc form: the data-entry workbook of a template, one per office
 * (libxlsxwriter), or a skeleton data file. The plan's part is locked; the
 * cells an office fills in are unlocked and validated by their type. The
 * texts here are annexc's own (the form's heads, prompts, instructions);
 * everything about the plan comes from the template. */
#include "form.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <xlsxwriter.h>

#include "batch.h"
#include "bn.h"
#include "csvin.h"
#include "pipeline.h"
#include "template.h"
#include "subst.h"
#include "util.h"
#include "value.h"

/* ---- the layout both the writer and the reader use ---- */

static void add_col(form_layout *f, enum form_ckind k, int n, int decl, char *key, char *head)
{
	form_col *c;

	util_grow(&f->col, &f->cap, f->ncol, sizeof *f->col);
	c = &f->col[f->ncol++];
	c->kind = k;
	c->n = n;
	c->decl = decl;
	c->key = key;
	c->head = head;
}

static int has_plan_qtargets(const model_template *t)
{
	size_t a, b, i;
	int q;

	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			for (i = 0; i < t->area[a].act[b].nind; i++)
				for (q = 0; q < MODEL_QUARTERS; q++)
					if (t->area[a].act[b].ind[i].qtarget[q].kind != VAL_EMPTY)
						return 1;
	return 0;
}

/* Offices give quarter targets where the layout prints them. */
static int office_qtargets(const model_template *t)
{
	size_t i;

	if (t->layout.paired_rows)
		return 1;
	for (i = 0; i < t->layout.ncol; i++)
		if (t->layout.col[i].field == FIELD_QUARTER_TARGET)
			return 1;
	return 0;
}

static char *quarter_head(const char *what, int q)
{
	return util_printf("%s (%s)", what, bn_quarter_name(q));
}

/* A layout label naming quarter q ({quarter}), as the workbook's helper
 * columns are headed. */
static char *quarter_label(const model_template *t, const char *label, int q)
{
	model_report r;

	memset(&r, 0, sizeof r);
	r.quarter = q;
	return subst_expand(label, t, &r);
}

static void plan_cols(form_layout *f, const model_template *t)
{
	size_t i;
	int g, q;

	add_col(f, FC_ID, 0, -1, util_strdup("id"), util_strdup("আইডি"));
	add_col(f, FC_NUMBER, 0, -1, util_strdup("number"), util_strdup("ক্রমিক"));
	add_col(f, FC_LABEL, 0, -1, util_strdup("label"), util_strdup("কর্মসম্পাদন সূচক"));
	add_col(f, FC_UNIT, 0, -1, util_strdup("unit"), util_strdup("একক"));
	add_col(f, FC_WEIGHT, 0, -1, util_strdup("weight"), quarter_label(t, t->layout.weight_label, 0));
	for (g = 0; g < t->ngrade; g++)
		add_col(f, FC_GRADE, g, -1, util_printf("grade-%d", g + 1),
			util_printf("%s (%s)", t->layout.target_label, t->grade[g].label));
	if (has_plan_qtargets(t))
		for (q = 1; q <= MODEL_QUARTERS; q++)
			add_col(f, FC_PLAN_QTARGET, q, -1, util_printf("plan-target-%d", q),
				quarter_label(t, t->layout.quarter_target_label, q));
	for (i = 0; i < t->nfielddef; i++)
		if (t->fielddef[i].source == FS_PLAN)
			add_col(f, FC_PLAN_FIELD, 0, (int)i, util_printf("plan-field:%s", t->fielddef[i].id),
				util_strdup(t->fielddef[i].label));
}

static void input_cols(form_layout *f, const model_template *t, int quarter)
{
	size_t i;
	int q;

	for (q = 1; q <= quarter; q++)
		add_col(f, FC_ACH, q, -1, util_printf("achieved-%d", q), quarter_label(t, t->layout.quarter_label, q));
	if (office_qtargets(t))
		for (q = 1; q <= MODEL_QUARTERS; q++)
			add_col(f, FC_QTARGET, q, -1, util_printf("target-%d", q),
				quarter_head("অফিসের লক্ষ্যমাত্রা", q));
	for (i = 0; i < t->nfielddef; i++) {
		const model_fielddef *d = &t->fielddef[i];

		if (d->source == FS_OFFICE)
			add_col(f, FC_FIELD, 0, (int)i, util_printf("field:%s", d->id), util_strdup(d->label));
		for (q = 1; d->source == FS_QUARTER && q <= quarter; q++)
			add_col(f, FC_FIELD, q, (int)i, util_printf("field:%s:%d", d->id, q),
				quarter_head(d->label, q));
	}
	add_col(f, FC_COMMENT, 0, -1, util_strdup("comment"), util_strdup("মন্তব্য"));
	add_col(f, FC_EVIDENCE, 0, -1, util_strdup("evidence"), util_strdup("প্রমাণকের লিংক"));
	add_col(f, FC_EVIDENCE_LABEL, 0, -1, util_strdup("evidence-label"), util_strdup("প্রমাণকের নাম"));
	add_col(f, FC_RESPONSIBLE, 0, -1, util_strdup("responsible"),
		util_strdup("দায়িত্বপ্রাপ্ত কর্মকর্তা"));
}

void form_layout_make(form_layout *f, const model_template *t, int quarter)
{
	memset(f, 0, sizeof *f);
	f->quarter = quarter;
	plan_cols(f, t);
	input_cols(f, t, quarter);
}

void form_layout_free(form_layout *f)
{
	size_t i;

	for (i = 0; f && i < f->ncol; i++) {
		free(f->col[i].key);
		free(f->col[i].head);
	}
	if (f)
		free(f->col);
}

int form_is_input(enum form_ckind k)
{
	return k >= FC_ACH;
}

char *form_locked_text(const model_template *t, const model_indicator *ind, const form_col *c)
{
	model_value w = { VAL_NUM, ind->weight };
	const model_fvalue *v;

	switch (c->kind) {
	case FC_ID: return util_strdup(ind->id);
	case FC_NUMBER: return ind->number ? util_strdup(ind->number) : model_display_id(ind->id);
	case FC_LABEL: return util_strdup(ind->label ? ind->label : "");
	case FC_UNIT: return util_strdup(t->unitdef[ind->unitdef].label);
	case FC_WEIGHT: return value_display(w, UNIT_COUNT);
	case FC_GRADE:
		return value_display_fixed(ind->target[c->n], ind->unit, t->unitdef[ind->unitdef].decimals);
	case FC_PLAN_QTARGET: return value_display(ind->qtarget[c->n - 1], ind->unit);
	case FC_PLAN_FIELD:
		v = model_field_value(ind->fv, ind->nfv, c->decl, 0);
		return util_strdup(v && v->text ? v->text : "");
	default: return util_strdup("");
	}
}

const model_indicator **form_indicators(const model_template *t, size_t *n)
{
	const model_indicator **v = NULL;
	size_t a, b, i, cap = 0;

	*n = 0;
	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			for (i = 0; i < t->area[a].act[b].nind; i++) {
				util_grow(&v, &cap, *n, sizeof *v);
				v[(*n)++] = &t->area[a].act[b].ind[i];
			}
	return v;
}

/* ---- the info sheet: office, titles, letter, signatories ---- */

#define L1(k, l, t) { (char *)(k), (char *)(l), t }
#define L3(k, l) L1(k, l, FI_TEXT), L1(k, l, FI_TEXT), L1(k, l, FI_TEXT)
#define L6(k, l) L3(k, l), L3(k, l)
#define SIG(p) L1(p "/name", "স্বাক্ষরকারীর নাম", FI_TEXT), \
	L1(p "/designation", "পদবি", FI_TEXT), L1(p "/office", "দপ্তর", FI_TEXT), \
	L1(p "/phone", "ফোন", FI_TEXT), L1(p "/email", "ই-মেইল", FI_TEXT), \
	L1(p "/date", "স্বাক্ষরের তারিখ", FI_DATE)

static const form_info info_rows[] = {
	L1("office/name", "অফিসের নাম", FI_TEXT),
	L6("office/letterhead/line", "পত্রের শিরোনামের লাইন"),
	L1("office/website", "ওয়েবসাইট", FI_TEXT),
	L3("office/slogan/line", "স্লোগান"),
	L3("titles/line", "প্রতিবেদনের শিরোনাম"),
	L1("letter/memo", "পত্রের স্মারক নম্বর", FI_TEXT),
	L1("letter/date", "পত্রের তারিখ", FI_DATE),
	L1("letter/reference@memo", "সূত্র: স্মারক নম্বর", FI_TEXT),
	L1("letter/reference@date", "সূত্র: তারিখ", FI_DATE),
	L6("letter/recipient/line", "প্রাপক, লাইন"),
	L1("letter/attention", "দৃষ্টি আকর্ষণ", FI_TEXT),
	L1("letter/subject", "বিষয়", FI_TEXT),
	L6("letter/body/p", "পত্রের অনুচ্ছেদ"),
	L1("letter/attachment", "সংযুক্তি", FI_TEXT),
	L1("letter/attachment@count", "সংযুক্তির পাতা", FI_COUNT),
	SIG("letter/signatory"),
	L6("letter/copies/copy", "অনুলিপি"),
	L6("letter/copies/copy", "অনুলিপি"),
	SIG("signatures/signatory#1"),
	SIG("signatures/signatory#2"),
	SIG("signatures/signatory#3"),
};

const form_info *form_info_rows(size_t *n)
{
	*n = sizeof info_rows / sizeof *info_rows;
	return info_rows;
}

/* ---- versions and checksums ---- */

/* The start of the form's hashes (kept as the first forms were made with it). */
#define FORM_HASH_INIT 1469598103934665603ULL

/* util_fnv over n bytes, then a unit separator. */
static uint64_t form_hash_n(uint64_t h, const void *p, size_t n)
{
	return util_fnv(util_fnv(h, p, n), "\x1f", 1);
}

static uint64_t form_hash(uint64_t h, const char *s)
{
	return form_hash_n(h, s, strlen(s));
}

char *form_template_version(const model_template *t)
{
	uint64_t h = FORM_HASH_INIT;
	char chunk[8191];
	size_t i, n;

	for (i = 0; i < t->nfiles; i++) {
		FILE *fp = fopen(t->files[i], "rb");

		if (fp == NULL)
			return NULL;
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			h = form_hash_n(h, chunk, n); /* every byte, a NUL too */
		fclose(fp);
	}
	return util_printf("%016llx", (unsigned long long)h);
}

char *form_checksum(const model_template *t, int quarter)
{
	uint64_t h = FORM_HASH_INIT;
	form_layout f;
	size_t n, i, c, ninfo;
	const model_indicator **ind = form_indicators(t, &n);
	const form_info *info = form_info_rows(&ninfo);

	form_layout_make(&f, t, quarter);
	for (c = 0; c < f.ncol; c++)
		h = form_hash(h, f.col[c].key);
	for (i = 0; i < n; i++)
		for (c = 0; c < f.ncol; c++)
			if (!form_is_input(f.col[c].kind)) {
				char *s = form_locked_text(t, ind[i], &f.col[c]);

				h = form_hash(h, s);
				free(s);
			}
	for (i = 0; i < ninfo; i++)
		h = form_hash(h, info[i].key);
	form_layout_free(&f);
	free(ind);
	return util_printf("%016llx", (unsigned long long)h);
}

double form_serial(long days)
{
	return (double)days + 25569.0;
}

long form_days(double serial)
{
	return (long)floor(serial) - 25569;
}

/* ---- writing the workbook ---- */

struct fw {
	lxw_workbook *wb;
	const model_template *t;
	const model_report *r;  /* prefills, or NULL */
	char **office;          /* info values from an offices CSV row, by info row, or NULL */
	form_layout f;
	lxw_format *locked, *head, *input, *input_date, *input_num, *wrap;
	lxw_error err;
	long fy_first, fy_last; /* the dates inputs may take */
};

static void ck(struct fw *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
		w->err = e;
}

static void make_formats(struct fw *w)
{
	w->locked = workbook_add_format(w->wb);
	format_set_text_wrap(w->locked);
	format_set_align(w->locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->locked, 0xF2F2F2);
	format_set_border(w->locked, LXW_BORDER_THIN);
	w->head = workbook_add_format(w->wb);
	format_set_bold(w->head);
	format_set_text_wrap(w->head);
	format_set_bg_color(w->head, 0xD9E1F2);
	format_set_border(w->head, LXW_BORDER_THIN);
	w->wrap = workbook_add_format(w->wb);
	format_set_text_wrap(w->wrap);
	w->input = workbook_add_format(w->wb);
	format_set_unlocked(w->input);
	format_set_text_wrap(w->input);
	format_set_border(w->input, LXW_BORDER_THIN);
	format_set_align(w->input, LXW_ALIGN_VERTICAL_TOP);
	w->input_date = workbook_add_format(w->wb);
	format_set_unlocked(w->input_date);
	format_set_border(w->input_date, LXW_BORDER_THIN);
	format_set_num_format(w->input_date, "dd/mm/yyyy");
	w->input_num = workbook_add_format(w->wb);
	format_set_unlocked(w->input_num);
	format_set_border(w->input_num, LXW_BORDER_THIN);
	format_set_num_format(w->input_num, "General");
}

/* The data validation of one input column, rows first..last. */
struct check {
	const char *formula; /* with %s for the first cell, or NULL */
	const char *prompt, *error;
	int list;            /* yes / no / - */
	int date;            /* inside the fiscal year (or -) */
};

static struct check unit_check(enum model_unit u)
{
	struct check c = { 0 };

	c.formula = "OR(%1$s=\"-\",AND(ISNUMBER(%1$s),%1$s>=0))";
	c.prompt = "শূন্য বা তার বেশি একটি সংখ্যা লিখুন; প্রযোজ্য না হলে - লিখুন।";
	c.error = "এখানে শূন্য বা তার বেশি সংখ্যা, অথবা - (প্রযোজ্য নয়) লিখতে হবে।";
	if (u == UNIT_PERCENT) {
		c.formula = "OR(%1$s=\"-\",AND(ISNUMBER(%1$s),%1$s>=0,%1$s<=100))";
		c.prompt = "০ থেকে ১০০ এর মধ্যে শতকরা হার লিখুন (% চিহ্ন ছাড়া); প্রযোজ্য না হলে - লিখুন।";
		c.error = "শতকরা হার ০ থেকে ১০০ এর মধ্যে হতে হবে, অথবা - (প্রযোজ্য নয়)।";
	} else if (u == UNIT_DATE) {
		c.date = 1;
		c.prompt = "অর্থবছরের মধ্যে একটি তারিখ লিখুন (দিন/মাস/বছর); প্রযোজ্য না হলে - লিখুন।";
		c.error = "তারিখটি অর্থবছরের মধ্যে হতে হবে (দিন/মাস/বছর), অথবা - (প্রযোজ্য নয়)।";
	}
	return c;
}

static struct check field_check(enum model_ftype t)
{
	struct check c = { 0 };

	switch (t) {
	case FT_NUMBER: return unit_check(UNIT_COUNT);
	case FT_PERCENT: return unit_check(UNIT_PERCENT);
	case FT_DATE: return unit_check(UNIT_DATE);
	case FT_YESNO:
		c.list = 1;
		c.prompt = "তালিকা থেকে হ্যাঁ বা না বাছাই করুন; প্রযোজ্য না হলে -।";
		c.error = "হ্যাঁ, না অথবা - (প্রযোজ্য নয়) লিখতে হবে।";
		return c;
	case FT_LINK:
		c.formula = "OR(%1$s=\"-\",LEFT(%1$s,7)=\"http://\",LEFT(%1$s,8)=\"https://\")";
		c.prompt = "https:// বা http:// দিয়ে শুরু একটি লিংক লিখুন।";
		c.error = "লিংকটি https:// বা http:// দিয়ে শুরু হতে হবে।";
		return c;
	default: return c;
	}
}

static void validate_range(struct fw *w, lxw_worksheet *ws, int first, int last, int col, struct check c)
{
	static const char *yesno[] = { "হ্যাঁ", "না", "-", NULL };
	lxw_data_validation dv;
	char cell[16], formula[256];

	if (c.prompt == NULL || last < first)
		return;
	memset(&dv, 0, sizeof dv);
	lxw_rowcol_to_cell(cell, (lxw_row_t)first, (lxw_col_t)col);
	if (c.list) {
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)yesno;
	} else if (c.date) {
		bn_date a = bn_from_days(w->fy_first), b = bn_from_days(w->fy_last);

		snprintf(formula, sizeof formula,
			 "=OR(%1$s=\"-\",AND(ISNUMBER(%1$s),%1$s>=DATE(%2$d,%3$d,%4$d),%1$s<=DATE(%5$d,%6$d,%7$d)))",
			 cell, a.y, a.m, a.d, b.y, b.m, b.d);
		dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		dv.value_formula = formula;
	} else {
		formula[0] = '=';
		snprintf(formula + 1, sizeof formula - 1, c.formula, cell);
		dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		dv.value_formula = formula;
	}
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.input_title = "annexc";
	dv.input_message = (char *)c.prompt;
	dv.error_title = "ভুল মান";
	dv.error_message = (char *)c.error;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	ck(w, worksheet_data_validation_range(ws, (lxw_row_t)first, (lxw_col_t)col, (lxw_row_t)last,
					      (lxw_col_t)col, &dv));
}

/* Writes an input value as the cell type its column takes: numbers and dates
 * as numbers, everything else as text. */
static void put_input(struct fw *w, lxw_worksheet *ws, int row, int col, const char *text, model_value v,
		      int is_date, int is_num)
{
	lxw_row_t r = (lxw_row_t)row;
	lxw_col_t c = (lxw_col_t)col;

	if (v.kind == VAL_NUM && is_date)
		ck(w, worksheet_write_number(ws, r, c, form_serial((long)v.num.n), w->input_date));
	else if (v.kind == VAL_NUM && is_num)
		ck(w, worksheet_write_number(ws, r, c, rat_double(v.num), w->input_num));
	else if (v.kind == VAL_NA)
		ck(w, worksheet_write_string(ws, r, c, "-", w->input));
	else if (text && *text)
		ck(w, worksheet_write_string(ws, r, c, text, w->input));
	else
		ck(w, worksheet_write_blank(ws, r, c, is_date ? w->input_date : is_num ? w->input_num : w->input));
}

static void put_field(struct fw *w, lxw_worksheet *ws, int row, int col, const form_col *c,
		      const model_result *res)
{
	const model_fielddef *d = &w->t->fielddef[c->decl];
	const model_fvalue *v = res ? model_field_value(res->fv, res->nfv, c->decl, c->n) : NULL;
	model_value none = { VAL_EMPTY, { 0, 1 } };
	int num = d->type == FT_NUMBER || d->type == FT_PERCENT;

	put_input(w, ws, row, col, v ? v->text : NULL, v && (num || d->type == FT_DATE) ? v->v : none,
		  d->type == FT_DATE, num);
}

static void put_input_cell(struct fw *w, lxw_worksheet *ws, int row, int col, const form_col *c,
			   const model_indicator *ind)
{
	const model_result *res = w->r ? model_find_result(w->r, ind->id) : NULL;
	model_value none = { VAL_EMPTY, { 0, 1 } };
	int date = ind->unit == UNIT_DATE;

	switch (c->kind) {
	case FC_ACH:
		put_input(w, ws, row, col, NULL, res ? res->ach[c->n - 1] : none, date, !date);
		break;
	case FC_QTARGET:
		put_input(w, ws, row, col, NULL, res && res->has_qtarget[c->n - 1] ? res->qtarget[c->n - 1] : none,
			  date, !date);
		break;
	case FC_FIELD: put_field(w, ws, row, col, c, res); break;
	case FC_COMMENT: put_input(w, ws, row, col, res ? res->comment : NULL, none, 0, 0); break;
	case FC_EVIDENCE: put_input(w, ws, row, col, res ? res->evidence : NULL, none, 0, 0); break;
	case FC_EVIDENCE_LABEL: put_input(w, ws, row, col, res ? res->evidence_label : NULL, none, 0, 0); break;
	case FC_RESPONSIBLE: put_input(w, ws, row, col, res ? res->responsible : NULL, none, 0, 0); break;
	default: break;
	}
}

static double col_width(enum form_ckind k)
{
	switch (k) {
	case FC_ID: case FC_NUMBER: case FC_WEIGHT: return 8;
	case FC_LABEL: return 48;
	case FC_COMMENT: case FC_EVIDENCE: case FC_RESPONSIBLE: return 30;
	default: return 14;
	}
}

/* The validation of input column c for rows whose indicators have unit u. */
static struct check col_check(const struct fw *w, const form_col *c, enum model_unit u)
{
	struct check none = { 0 };

	if (c->kind == FC_ACH || c->kind == FC_QTARGET)
		return unit_check(u);
	if (c->kind == FC_FIELD)
		return field_check(w->t->fielddef[c->decl].type);
	if (c->kind == FC_EVIDENCE)
		return field_check(FT_LINK);
	return none;
}

/* Validations by runs of rows with the same unit kind. */
static void validate_main(struct fw *w, lxw_worksheet *ws, const model_indicator **ind, size_t n)
{
	size_t c, i, j;

	for (c = 0; c < w->f.ncol; c++) {
		if (!form_is_input(w->f.col[c].kind))
			continue;
		for (i = 0; i < n; i = j) {
			for (j = i + 1; j < n && ind[j]->unit == ind[i]->unit; j++)
				;
			validate_range(w, ws, FORM_FIRST_ROW + (int)i, FORM_FIRST_ROW + (int)j - 1, (int)c,
				       col_check(w, &w->f.col[c], ind[i]->unit));
		}
	}
}

static void protect(struct fw *w, lxw_worksheet *ws)
{
	lxw_protection p;

	memset(&p, 0, sizeof p);
	p.format_columns = 1;
	p.format_rows = 1;
	worksheet_protect(ws, NULL, &p);
	(void)w;
}

static void write_main(struct fw *w)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, FORM_SHEET_MAIN);
	size_t n, i, c;
	const model_indicator **ind = form_indicators(w->t, &n);
	char *title;

	if (ws == NULL) {
		w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		free(ind);
		return;
	}
	title = util_printf("%s — %s", w->t->title ? w->t->title : w->t->id, bn_quarter_name(w->f.quarter));
	ck(w, worksheet_write_string(ws, 0, 0, title, NULL));
	free(title);
	worksheet_set_row_opt(ws, FORM_KEY_ROW, LXW_DEF_ROW_HEIGHT, NULL, &(lxw_row_col_options){ 1, 0, 0 });
	worksheet_set_row(ws, FORM_HEAD_ROW, 45, NULL);
	for (c = 0; c < w->f.ncol; c++) {
		ck(w, worksheet_write_string(ws, FORM_KEY_ROW, (lxw_col_t)c, w->f.col[c].key, NULL));
		ck(w, worksheet_write_string(ws, FORM_HEAD_ROW, (lxw_col_t)c, w->f.col[c].head, w->head));
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width(w->f.col[c].kind), NULL);
	}
	for (i = 0; i < n; i++)
		for (c = 0; c < w->f.ncol; c++) {
			int row = FORM_FIRST_ROW + (int)i;

			if (form_is_input(w->f.col[c].kind)) {
				put_input_cell(w, ws, row, (int)c, &w->f.col[c], ind[i]);
			} else {
				char *s = form_locked_text(w->t, ind[i], &w->f.col[c]);

				ck(w, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, s, w->locked));
				free(s);
			}
		}
	validate_main(w, ws, ind, n);
	worksheet_freeze_panes(ws, FORM_FIRST_ROW, 3);
	protect(w, ws);
	free(ind);
}

/* The value the data (or the offices CSV) gives for info row i, k-th of its key; malloc'd or NULL. */
static char *sig_value(const model_signatory *s, const char *part)
{
	if (strcmp(part, "name") == 0) return util_strdup(s->name);
	if (strcmp(part, "designation") == 0) return util_strdup(s->designation);
	if (strcmp(part, "office") == 0) return util_strdup(s->office);
	if (strcmp(part, "phone") == 0) return util_strdup(s->phone);
	if (strcmp(part, "email") == 0) return util_strdup(s->email);
	if (strcmp(part, "date") == 0 && s->has_date) return bn_format_date(s->date);
	return NULL;
}

static char *nth(char **v, size_t n, int k)
{
	return (size_t)k < n ? util_strdup(v[k]) : NULL;
}

/* The report's value of an info key (its k-th slot); malloc'd or NULL. */
static char *report_value(const model_report *r, const char *key, int k)
{
	const model_letter *l = &r->letter;

	if (strncmp(key, "letter/", 7) == 0 && !l->present)
		return NULL;
	if (strcmp(key, "office/name") == 0) return util_strdup(r->office);
	if (strcmp(key, "office/letterhead/line") == 0) return nth(r->letterhead, r->nletterhead, k);
	if (strcmp(key, "office/website") == 0) return util_strdup(r->website);
	if (strcmp(key, "office/slogan/line") == 0) return nth(r->slogan, r->nslogan, k);
	if (strcmp(key, "titles/line") == 0) return nth(r->title, r->ntitle, k);
	if (strcmp(key, "letter/memo") == 0) return util_strdup(l->memo);
	if (strcmp(key, "letter/date") == 0) return l->has_date ? bn_format_date(l->date) : NULL;
	if (strcmp(key, "letter/reference@memo") == 0) return util_strdup(l->ref_memo);
	if (strcmp(key, "letter/reference@date") == 0) return l->has_ref_date ? bn_format_date(l->ref_date) : NULL;
	if (strcmp(key, "letter/recipient/line") == 0) return nth(l->recipient, l->nrecipient, k);
	if (strcmp(key, "letter/attention") == 0) return util_strdup(l->attention);
	if (strcmp(key, "letter/subject") == 0) return util_strdup(l->subject);
	if (strcmp(key, "letter/body/p") == 0) return nth(l->body, l->nbody, k);
	if (strcmp(key, "letter/attachment") == 0) return util_strdup(l->attachment);
	if (strcmp(key, "letter/copies/copy") == 0) return nth(l->copies, l->ncopies, k);
	if (strcmp(key, "letter/attachment@count") == 0)
		return l->attachment_count >= 0 ? util_printf("%ld", l->attachment_count) : NULL;
	if (strncmp(key, "letter/signatory/", 17) == 0)
		return l->has_signatory ? sig_value(&l->signatory, key + 17) : NULL;
	if (strncmp(key, "signatures/signatory#", 21) == 0) {
		size_t i = (size_t)(key[21] - '1');

		return i < r->nsig ? sig_value(&r->sig[i], key + 23) : NULL;
	}
	return NULL;
}

/* How many of a list's items a report has that the form has no room for. */
static const char *overflow(const model_report *r)
{
	if (r->nletterhead > 6) return "letterhead lines";
	if (r->nslogan > 3) return "slogan lines";
	if (r->ntitle > 3) return "title lines";
	if (r->letter.nrecipient > 6) return "recipient lines";
	if (r->letter.nbody > 6) return "letter paragraphs";
	if (r->letter.ncopies > 12) return "copies";
	if (r->nsig > 3) return "signatories";
	return NULL;
}

static void put_info_value(struct fw *w, lxw_worksheet *ws, int row, const form_info *x, const char *s)
{
	bn_date d;
	rat n;

	if (s && x->type == FI_DATE && bn_parse_date(s, &d) == BN_DATE_OK)
		ck(w, worksheet_write_number(ws, (lxw_row_t)row, FORM_INFO_COL, form_serial(bn_days(d)), w->input_date));
	else if (s && x->type == FI_COUNT && value_number(s, &n) == 0)
		ck(w, worksheet_write_number(ws, (lxw_row_t)row, FORM_INFO_COL, rat_double(n), w->input_num));
	else if (s && *s)
		ck(w, worksheet_write_string(ws, (lxw_row_t)row, FORM_INFO_COL, s, w->input));
	else
		ck(w, worksheet_write_blank(ws, (lxw_row_t)row, FORM_INFO_COL,
					    x->type == FI_DATE ? w->input_date : w->input));
}

static void validate_info(struct fw *w, lxw_worksheet *ws, int row, const form_info *x)
{
	struct check c = { 0 };

	if (x->type == FI_DATE) {
		c.formula = "AND(ISNUMBER(%1$s),%1$s>=DATE(2000,1,1),%1$s<=DATE(2099,12,31))";
		c.prompt = "তারিখ লিখুন (দিন/মাস/বছর)।";
		c.error = "এখানে একটি তারিখ লিখতে হবে (দিন/মাস/বছর)।";
	} else if (x->type == FI_COUNT) {
		c.formula = "AND(ISNUMBER(%1$s),%1$s>=0,%1$s=INT(%1$s))";
		c.prompt = "পূর্ণ সংখ্যা লিখুন।";
		c.error = "এখানে শূন্য বা তার বেশি পূর্ণ সংখ্যা লিখতে হবে।";
	}
	validate_range(w, ws, row, row, FORM_INFO_COL, c);
}

static void write_info(struct fw *w)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, FORM_SHEET_INFO);
	size_t n, i, slot;
	const form_info *info = form_info_rows(&n);

	if (ws == NULL) {
		w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	ck(w, worksheet_write_string(ws, 0, 0, "key", w->head));
	ck(w, worksheet_write_string(ws, 0, 1, "বিষয়", w->head));
	ck(w, worksheet_write_string(ws, 0, 2, "তথ্য", w->head));
	worksheet_set_column_opt(ws, 0, 0, 28, NULL, &(lxw_row_col_options){ 1, 0, 0 });
	worksheet_set_column(ws, 1, 1, 30, NULL);
	worksheet_set_column(ws, 2, 2, 70, NULL);
	for (i = 0, slot = 0; i < n; i++) {
		int row = (int)i + 1;
		char *s = NULL, *label;

		slot = i > 0 && strcmp(info[i].key, info[i - 1].key) == 0 ? slot + 1 : 0;
		if (w->office)
			s = util_strdup(w->office[i]);
		else if (w->r)
			s = report_value(w->r, info[i].key, (int)slot);
		label = slot || (i + 1 < n && strcmp(info[i].key, info[i + 1].key) == 0) ?
			util_printf("%s %d", info[i].label, (int)slot + 1) : util_strdup(info[i].label);
		{
			char *bl = bn_bengali_digits(label);

			free(label);
			label = bl;
		}
		ck(w, worksheet_write_string(ws, (lxw_row_t)row, 0, info[i].key, w->locked));
		ck(w, worksheet_write_string(ws, (lxw_row_t)row, 1, label, w->locked));
		put_info_value(w, ws, row, &info[i], s);
		validate_info(w, ws, row, &info[i]);
		free(label);
		free(s);
	}
	protect(w, ws);
}

static const char *help_lines[] = {
	"এই ফরমে কীভাবে তথ্য দেবেন",
	"১. 'ফরম' শিটের ধূসর ঘরগুলো কর্মপরিকল্পনার অংশ; এগুলো বদলানো যায় না।",
	"২. সাদা ঘরগুলোতে প্রতিটি ত্রৈমাসিকের অর্জন লিখুন: সংখ্যা, শতকরা হার (০–১০০, % ছাড়া) বা তারিখ (দিন/মাস/বছর)।",
	"৩. কোনো সূচক এই ত্রৈমাসিকে প্রযোজ্য না হলে - (হাইফেন) লিখুন; অর্জন না হলে ঘর খালি রাখুন।",
	"৪. মন্তব্য, প্রমাণকের লিংক (https:// দিয়ে শুরু) ও অন্যান্য ঘর প্রয়োজনমতো পূরণ করুন।",
	"৫. 'অফিস' শিটে অফিসের নাম, পত্রের তথ্য ও স্বাক্ষরকারীর তথ্য দিন।",
	"৬. ঘরে ভুল মান দিলে স্প্রেডশিট সতর্ক করবে; ঠিক মান লিখুন।",
	"৭. পূরণ শেষে ফাইলটি একই নামে .xlsx হিসেবে সংরক্ষণ করে ফেরত পাঠান।",
	"৮. যাচাই: annexc check FILE.xlsx; প্রতিবেদন: annexc build -o OUTDIR FILE.xlsx",
	NULL
};

static void write_help(struct fw *w)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, FORM_SHEET_HELP);
	int i;

	if (ws == NULL) {
		w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	worksheet_set_column(ws, 0, 0, 110, NULL);
	for (i = 0; help_lines[i]; i++)
		ck(w, worksheet_write_string(ws, (lxw_row_t)i, 0, help_lines[i], i ? w->wrap : w->head));
	protect(w, ws);
}

static void write_meta(struct fw *w, const char *version)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, FORM_SHEET_META);
	char *sum = form_checksum(w->t, w->f.quarter), q[16];
	const char *k[] = { "format", "template", "version", "quarter", "checksum" };
	const char *v[5];
	int i;

	snprintf(q, sizeof q, "%d", w->f.quarter);
	v[0] = FORM_FORMAT, v[1] = w->t->id, v[2] = version, v[3] = q, v[4] = sum;
	for (i = 0; ws && i < 5; i++) {
		ck(w, worksheet_write_string(ws, (lxw_row_t)i, 0, k[i], NULL));
		ck(w, worksheet_write_string(ws, (lxw_row_t)i, 1, v[i], NULL));
	}
	if (ws == NULL)
		w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	else {
		worksheet_hide(ws);
		protect(w, ws);
	}
	free(sum);
}

/* Writes one form to path; NULL or a message the caller frees. */
static char *write_form(struct fw *w, const char *path, const char *version)
{
	lxw_workbook_options opt = { 0 };
	util_out out;
	char *err;
	lxw_error rc;
	lxw_doc_properties props = { 0 };

	if ((err = util_out_open(&out, path)) != NULL)
		return err;
	w->wb = workbook_new_opt(out.tmp, &opt);
	if (w->wb == NULL)
		return util_out_commit(&out, util_printf("%s: cannot create workbook", path));
	props.title = (char *)"annexc";
	props.created = 0;
	workbook_set_properties(w->wb, &props);
	make_formats(w);
	w->err = LXW_NO_ERROR;
	write_main(w);
	write_info(w);
	write_help(w);
	write_meta(w, version);
	if (w->err != LXW_NO_ERROR) {
		err = util_printf("%s: cannot write the form: %s", path, lxw_strerror(w->err));
		lxw_workbook_free(w->wb);
	} else if ((rc = workbook_close(w->wb)) != LXW_NO_ERROR)
		err = util_printf("%s: cannot write the form: %s", path, lxw_strerror(rc));
	w->wb = NULL;
	return util_out_commit(&out, err);
}

/* ---- the skeleton data file ---- */

static char *write_skeleton(const model_template *t, int quarter, const char *office, const char *path)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "report"), n, res;
	size_t i, ni;
	const model_indicator **ind = form_indicators(t, &ni);
	char q[16], *err;
	xmlChar *mem = NULL;
	int len = 0, k;
	util_out out;

	snprintf(q, sizeof q, "%d", quarter);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "template", BAD_CAST t->id);
	xmlNewProp(root, BAD_CAST "quarter", BAD_CAST q);
	if (t->fiscal_year)
		xmlNewProp(root, BAD_CAST "fiscal-year", BAD_CAST t->fiscal_year);
	n = xmlNewChild(root, NULL, BAD_CAST "office", NULL);
	xmlNewTextChild(n, NULL, BAD_CAST "name", BAD_CAST(office ? office : ""));
	res = xmlNewChild(root, NULL, BAD_CAST "results", NULL);
	for (i = 0; i < ni; i++) {
		char *c = util_printf(" [%s] %s (%s) ", ind[i]->id, ind[i]->label ? ind[i]->label : "",
				      t->unitdef[ind[i]->unitdef].label);

		xmlAddChild(res, xmlNewComment(BAD_CAST c));
		free(c);
		n = xmlNewChild(res, NULL, BAD_CAST "indicator", NULL);
		xmlNewProp(n, BAD_CAST "ref", BAD_CAST ind[i]->id);
		for (k = 1; k <= quarter; k++) {
			xmlNodePtr a = xmlNewChild(n, NULL, BAD_CAST "achieved", BAD_CAST "");

			snprintf(q, sizeof q, "%d", k);
			xmlNewProp(a, BAD_CAST "quarter", BAD_CAST q);
		}
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	err = util_out_open(&out, path);
	if (err == NULL && mem)
		util_out_write(&out, mem, (size_t)len);
	if (err == NULL)
		err = util_out_commit(&out, mem ? NULL : util_printf("%s: out of memory", path));
	xmlFree(mem);
	xmlFreeDoc(doc);
	free(ind);
	return err;
}

/* ---- the command ---- */

struct run {
	const form_opts *o;
	pipe_cache cache;
	diag_list dl;
	model_template *t;  /* -t, loaded */
	const model_template *vt; /* the template version is of */
	char *version;      /* its files' hash, read once per template */
};

/* t's version, hashed once per template of the run; NULL when unreadable. */
static const char *version_of(struct run *r, const model_template *t)
{
	if (r->vt != t) {
		free(r->version);
		r->version = form_template_version(t);
		r->vt = t;
	}
	return r->version;
}

static model_template *load_tmpl(struct run *r, const char *tmpl)
{
	tpl_path p;
	char *f;

	if (tmpl == NULL) {
		diag_add(&r->dl, DIAG_ERROR, DIAG_TEMPLATE, NULL, 0, "give the template with -t TEMPLATE");
		return NULL;
	}
	tpl_path_init(&p, ".");
	f = access(tmpl, F_OK) == 0 ? util_strdup(tmpl) : tpl_find(&p, tmpl);
	tpl_path_free(&p);
	if (f == NULL) {
		diag_add(&r->dl, DIAG_ERROR, DIAG_TEMPLATE, NULL, 0, "template '%s' not found", tmpl);
		return NULL;
	}
	tpl_path_init(&p, NULL);
	r->t = tpl_load(f, &p, &r->dl);
	tpl_path_free(&p);
	free(f);
	return r->t;
}

/* Writes OUTDIR/name.xlsx (or .xml) for one office. */
static void emit(struct run *r, const model_template *t, const model_report *rep, char **office,
		 const char *name)
{
	struct fw w;
	char *path = util_printf("%s/%s.%s", r->o->outdir, name, r->o->xml ? "xml" : "xlsx"), *err;
	const char *ver;
	const char *of;
	int q = r->o->quarter ? r->o->quarter : rep ? rep->quarter : MODEL_QUARTERS;

	if (rep && (of = overflow(rep)) != NULL) {
		diag_add(&r->dl, DIAG_ERROR, DIAG_DATA, rep->file, 0, "the form has no room for this many %s", of);
		free(path);
		return;
	}
	if (r->o->xml) {
		err = write_skeleton(t, q, office ? office[0] : rep ? rep->office : NULL, path);
	} else if ((ver = version_of(r, t)) == NULL) {
		err = util_printf("%s: cannot read the template's files", t->file);
	} else {
		memset(&w, 0, sizeof w);
		w.t = t;
		w.r = rep;
		w.office = office;
		w.fy_first = bn_days((bn_date){ t->fy_start, 7, 1 });
		w.fy_last = bn_days((bn_date){ t->fy_start + 1, 9, 30 });
		form_layout_make(&w.f, t, q);
		err = write_form(&w, path, ver);
		form_layout_free(&w.f);
	}
	if (err)
		diag_add(&r->dl, DIAG_ERROR, DIAG_IO, NULL, 0, "%s", err);
	free(err);
	free(path);
}

/* A file's stem: "dir/office.xml" -> "office". */
static char *stem(const char *file)
{
	const char *b = strrchr(file, '/'), *dot;

	b = b ? b + 1 : file;
	dot = strrchr(b, '.');
	return dot && dot != b ? util_printf("%.*s", (int)(dot - b), b) : util_strdup(b);
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* One form per row of an offices CSV: columns named by info keys. */
static void from_offices(struct run *r, const char *file)
{
	size_t n, i, k;
	const form_info *info = form_info_rows(&n);
	csv_table tb;
	char **vals, *name;

	if (load_tmpl(r, r->o->tmpl) == NULL)
		return;
	if (csvin_table(file, &tb, &r->dl) != 0)
		return;
	for (k = 0; k < tb.ncol; k++) {
		for (i = 0; i < n && strcmp(tb.head[k], info[i].key) != 0; i++)
			;
		if (i == n)
			diag_add(&r->dl, DIAG_ERROR, DIAG_DATA, file, 1,
				 "column '%s' is not a field of the form (office/name, letter/subject, …)",
				 tb.head[k]);
	}
	for (k = 0; diag_errors(&r->dl) == 0 && k < tb.nrow; k++) {
		vals = util_alloc(n * sizeof *vals);
		for (i = 0; i < n; i++) {
			size_t c, slot = 0, j;

			for (j = 0; j < i; j++)
				slot += strcmp(info[j].key, info[i].key) == 0;
			vals[i] = NULL;
			for (c = 0; c < tb.ncol; c++)
				if (strcmp(tb.head[c], info[i].key) == 0 && slot-- == 0) {
					vals[i] = tb.cell[k * tb.ncol + c];
					break;
				}
		}
		name = util_printf("form-%03zu", k + 1);
		emit(r, r->t, NULL, vals, name);
		free(name);
		free(vals);
	}
	csvin_table_free(&tb);
}

/* The name of input i's form: its stem, with its directory's name before it
 * when another input has the same stem. */
static char *form_name(char **files, int nfiles, int i)
{
	char *s = stem(files[i]), *o, *dir, *base, *n;
	int k, clash = 0;

	for (k = 0; k < nfiles && !clash; k++) {
		o = stem(files[k]);
		clash = k != i && strcmp(o, s) == 0;
		free(o);
	}
	if (!clash)
		return s;
	dir = util_dir_of(files[i]);
	base = strrchr(dir, '/');
	n = util_printf("%s-%s", base ? base + 1 : dir, s);
	free(dir);
	free(s);
	return n;
}

static void from_data(struct run *r, char **files, int nfiles)
{
	int i;

	for (i = 0; i < nfiles; i++) {
		model_template *t;
		model_report *rep = pipe_load(r->o->tmpl, &r->cache, files[i], &t, NULL, &r->dl);
		char *name = form_name(files, nfiles, i);

		if (rep)
			emit(r, t, rep, NULL, name);
		model_report_free(rep);
		free(name);
	}
}

int form_run(const form_opts *o, char **files, int nfiles)
{
	struct run r;
	int rc;

	memset(&r, 0, sizeof r);
	r.o = o;
	if (batch_make_dirs(o->outdir) != 0) {
		diag_add(&r.dl, DIAG_ERROR, DIAG_IO, o->outdir, 0, "cannot create the directory: %s", strerror(errno));
	} else if (nfiles == 1 && ends_with(files[0], ".csv")) {
		from_offices(&r, files[0]);
	} else if (nfiles > 0) {
		from_data(&r, files, nfiles);
	} else if (load_tmpl(&r, o->tmpl) != NULL) {
		char *name = stem(r.t->id);

		emit(&r, r.t, NULL, NULL, name);
		free(name);
	}
	diag_print(&r.dl, stderr);
	rc = diag_exit_code(&r.dl);
	diag_list_free(&r.dl);
	free(r.version);
	model_template_free(r.t);
	pipe_cache_free(&r.cache);
	return rc;
}
