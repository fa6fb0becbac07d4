/* document.c - lays out one scored report as a document: the layout in the
 * template decides the grid; this file only follows it. */
#include "document.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "formula.h"
#include "subst.h"
#include "util.h"
#include "value.h"

#define MAX_HELP (1 + MODEL_MAX_GRADES + MODEL_QUARTERS + 1)

/* Builder state: the document and what it is built from. */
struct builder {
	doc *d;
	const model_template *t;
	const model_report *r;
	const score_report *s;
	size_t caprows;
	/* The grid column of each figure the formulas use, the same in every
	 * row: a column of the layout, or a helper column after them. A grade
	 * no indicator targets has none (-1); the total achievement is the
	 * first quarter's cell in Q1 without a total column. */
	formula_cells fig;
	model_column help[MAX_HELP]; /* what each helper column holds */
	const char *font;            /* --font, or NULL for the layout's */
};

/* Cells per grid row: the printed columns and the helper columns. */
static size_t stride(const doc *d)
{
	return (size_t)d->ncols + (size_t)d->nhelp;
}

doc_cell *doc_at(const doc *d, int row, int col)
{
	return &d->cells[(size_t)row * stride(d) + (size_t)col];
}

/* Appends n empty rows; returns the index of the first. */
static int add_rows(struct builder *b, int n)
{
	doc *d = b->d;
	int first = d->nrows, i;
	size_t need = (size_t)(d->nrows + n) * stride(d);

	if (need > b->caprows) {
		size_t old = b->caprows;
		b->caprows = need * 2;
		d->cells = util_realloc(d->cells, b->caprows * sizeof *d->cells);
		memset(d->cells + old, 0, (b->caprows - old) * sizeof *d->cells);
		d->keep_with_next = util_realloc(d->keep_with_next, b->caprows / stride(d) * sizeof(int));
	}
	for (i = 0; i < n; i++) {
		int c;

		for (c = 0; c < (int)stride(d); c++) {
			doc_cell *x = doc_at(d, first + i, c);

			memset(x, 0, sizeof *x);
			x->rowspan = x->colspan = 1;
			x->align = DOC_CENTER;
		}
		d->keep_with_next[first + i] = 0;
	}
	d->nrows += n;
	return first;
}

/* Sets a text cell; takes ownership of text. */
static doc_cell *put_text(struct builder *b, int row, int col, char *text, enum doc_role role)
{
	doc_cell *x = doc_at(b->d, row, col);

	doc_set_text(b->d, row, col, text);
	x->role = role;
	x->bold = role != DOC_BODY;
	return x;
}

/* Merges rows×cols from row, col: the top-left cell spans, the others are covered. */
static void merge(struct builder *b, int row, int col, int rows, int cols)
{
	if (rows > 1 || cols > 1)
		doc_merge(b->d, row, col, rows, cols);
}

/* Writes a model value of unit u into cell x with the given decimals (-1:
 * none for whole numbers, else two). */
static void put_value_d(doc_cell *x, model_value v, enum model_unit u, int decimals)
{
	free(x->text);
	x->text = value_display(v, u);
	x->kind = DOC_TEXT;
	if (v.kind == VAL_EMPTY)
		x->kind = DOC_EMPTY;
	if (v.kind != VAL_NUM)
		return;
	x->value = rat_double(v.num);
	if (u == UNIT_DATE)
		x->kind = DOC_DATE;
	else if (u == UNIT_PERCENT) {
		x->kind = DOC_PERCENT;
		x->value /= 100;
		x->decimals = v.num.d == 1 ? 0 : 2;
	} else {
		x->kind = DOC_NUMBER;
		x->decimals = v.num.d == 1 ? 0 : 2;
	}
	if (decimals >= 0)
		x->decimals = decimals;
	if (x->decimals || decimals >= 0) { /* the text shows what the number format shows */
		char *a = util_printf("%.*f%s", x->decimals, x->kind == DOC_PERCENT ? x->value * 100 : x->value,
				      x->kind == DOC_PERCENT ? "%" : "");
		free(x->text);
		x->text = bn_bengali_digits(a);
		free(a);
	}
}

static void put_value(doc_cell *x, model_value v, enum model_unit u)
{
	put_value_d(x, v, u, -1);
}

/* A value of an indicator, printed with its unit's decimals. */
static void put_ind_value(struct builder *b, doc_cell *x, const model_indicator *ind, model_value v)
{
	put_value_d(x, v, ind->unit, b->t->unitdef[ind->unitdef].decimals);
}

/* A weight, printed with the layout's weight decimals. */
static void put_weight(struct builder *b, doc_cell *x, rat w)
{
	model_value v = { VAL_NUM, w };

	put_value_d(x, v, UNIT_COUNT, b->t->layout.weight_decimals);
}

static void put_number(doc_cell *x, rat r)
{
	model_value v = { VAL_NUM, r };

	put_value(x, v, UNIT_COUNT);
}

/* A number shown with exactly two decimals (scores): "৩.৫০". */
static void put_fixed2(doc_cell *x, rat r)
{
	char *a = util_printf("%.2f", rat_double(r));

	put_number(x, r);
	free(x->text);
	x->text = bn_bengali_digits(a);
	x->decimals = 2;
	free(a);
}

/* ---- header ---- */

/* The header lines of column c (malloc'd vector, expanded). */
static char **column_head(struct builder *b, const model_column *c, size_t *n)
{
	char **v;
	size_t i;

	if (c->nhead == 0 && c->field == FIELD_GRADE) {
		const model_grade *g = &b->t->grade[c->grade];

		v = util_alloc(2 * sizeof *v);
		*n = 0;
		v[(*n)++] = util_strdup(g->label);
		if (b->t->layout.grade_percents) {
			char *a = util_printf("%d%%", g->percent);
			v[(*n)++] = bn_bengali_digits(a);
			free(a);
		}
		return v;
	}
	v = util_alloc((c->nhead + 1) * sizeof *v);
	for (i = 0; i < c->nhead; i++)
		v[i] = subst_expand(c->head[i], b->t, b->r);
	*n = c->nhead;
	return v;
}

/* Groups of column c, outermost first; returns how many. */
static int column_groups(const model_layout *l, const model_column *c, int *out, int max)
{
	int g, n = 0, tmp[16];

	for (g = c->group; g >= 0 && n < 16; g = l->grp[g].parent)
		tmp[n++] = g;
	for (g = 0; g < n && g < max; g++)
		out[g] = tmp[n - 1 - g];
	return n;
}

static int header_depth(struct builder *b)
{
	const model_layout *l = &b->t->layout;
	int depth = 1, gs[16];
	size_t i, n;

	for (i = 0; i < l->ncol; i++) {
		char **h = column_head(b, &l->col[i], &n);
		int dd = column_groups(l, &l->col[i], gs, 16) + (int)(n ? n : 1);

		if (dd > depth)
			depth = dd;
		while (n)
			free(h[--n]);
		free(h);
	}
	return depth;
}

/* Group label cells, merged across neighbouring columns of the same group. */
static void header_groups(struct builder *b, int top)
{
	const model_layout *l = &b->t->layout;
	int c, level;

	for (level = 0; level < 16; level++) {
		for (c = 0; c < (int)l->ncol;) {
			int gs[16], ng = column_groups(l, &l->col[c], gs, 16), e = c + 1;

			if (ng <= level) {
				c++;
				continue;
			}
			while (e < (int)l->ncol) {
				int gs2[16];

				if (column_groups(l, &l->col[e], gs2, 16) <= level || gs2[level] != gs[level])
					break;
				e++;
			}
			put_text(b, top + level, c, subst_expand(l->grp[gs[level]].label, b->t, b->r), DOC_HEAD);
			merge(b, top + level, c, 1, e - c);
			c = e;
		}
	}
}

/* The head of a helper column. */
static char *helper_head(struct builder *b, const model_column *c)
{
	const model_layout *l = &b->t->layout;
	model_report q;

	if (c->field == FIELD_WEIGHT)
		return subst_expand(l->weight_label, b->t, b->r);
	if (c->field == FIELD_GRADE)
		return util_printf("%s (%s)", l->target_label, b->t->grade[c->grade].label);
	if (c->field == FIELD_TOTAL)
		return subst_expand(l->total_achievement_label, b->t, b->r);
	q = *b->r;
	q.quarter = c->quarter;
	return subst_expand(c->field == FIELD_QUARTER_TARGET ? l->quarter_target_label : l->quarter_label, b->t, &q);
}

static void build_header(struct builder *b)
{
	const model_layout *l = &b->t->layout;
	int depth = header_depth(b), top = add_rows(b, depth), c, gs[16];

	header_groups(b, top);
	for (c = 0; c < (int)l->ncol; c++) {
		size_t n, i;
		char **h = column_head(b, &l->col[c], &n);
		int row = top + column_groups(l, &l->col[c], gs, 16);

		if (n == 0)
			put_text(b, row, c, util_strdup(""), DOC_HEAD);
		for (i = 0; i < n; i++)
			put_text(b, row + (int)i, c, h[i], DOC_HEAD);
		free(h);
		row += n ? (int)n - 1 : 0;
		merge(b, row, c, depth - (row - top), 1);
	}
	for (c = 0; c < b->d->nhelp; c++) {
		put_text(b, top, b->d->ncols + c, helper_head(b, &b->help[c]), DOC_HEAD);
		merge(b, top, b->d->ncols + c, depth, 1);
	}
	if (l->column_numbers) {
		int r = add_rows(b, 1);

		for (c = 0; c < (int)l->ncol; c++) {
			char *a = util_printf("%d", c + 1);
			put_text(b, r, c, bn_bengali_digits(a), DOC_HEAD);
			free(a);
		}
	}
	b->d->header_rows = b->d->nrows;
}

/* ---- where the formulas find their figures ---- */

static int find_col(const model_layout *l, enum model_field f, int arg)
{
	size_t i;

	for (i = 0; i < l->ncol; i++) {
		const model_column *c = &l->col[i];

		if (c->field != f)
			continue;
		if (f == FIELD_GRADE && c->grade != arg)
			continue;
		if (f == FIELD_QUARTER && c->quarter != arg)
			continue;
		return (int)i;
	}
	return -1;
}

/* A helper column holding field (of grade or quarter arg); returns its grid column. */
static int add_helper(struct builder *b, enum model_field field, int arg)
{
	model_column *c = &b->help[b->d->nhelp];

	memset(c, 0, sizeof *c);
	c->field = field;
	c->grade = field == FIELD_GRADE ? arg : 0;
	c->quarter = field == FIELD_QUARTER || field == FIELD_QUARTER_TARGET ? arg : 0;
	return b->d->ncols + b->d->nhelp++;
}

/* What the plan's indicators need a cell for: each grade some indicator
 * targets (bit g), and quarter targets (bit MODEL_MAX_GRADES) when a rule
 * uses them. */
static unsigned figures_used(const model_template *t)
{
	unsigned used = 0;
	size_t a, i, k;
	int g;

	for (a = 0; a < t->narea; a++)
		for (i = 0; i < t->area[a].nact; i++)
			for (k = 0; k < t->area[a].act[i].nind; k++) {
				const model_indicator *ind = &t->area[a].act[i].ind[k];

				for (g = 0; g < t->ngrade; g++)
					used |= (unsigned)(ind->target[g].kind == VAL_NUM) << g;
				if (ind->method == METHOD_QUARTERLY || ind->to_date)
					used |= 1u << MODEL_MAX_GRADES;
			}
	return used;
}

/* Decides the cell of every figure the formulas use: the layout's column
 * where it has one, else a helper column (the same for every row). */
static void plan_figures(struct builder *b)
{
	const model_layout *l = &b->t->layout;
	formula_cells *fig = &b->fig;
	int q = b->r->quarter, i;
	unsigned used = figures_used(b->t);

	if ((fig->weight = find_col(l, FIELD_WEIGHT, 0)) < 0)
		fig->weight = add_helper(b, FIELD_WEIGHT, 0);
	for (i = 0; i < b->t->ngrade; i++) {
		fig->grade[i] = find_col(l, FIELD_GRADE, i);
		if (fig->grade[i] < 0 && i == 0)
			fig->grade[i] = find_col(l, FIELD_ANNUAL_TARGET, 0);
		if (fig->grade[i] < 0 && (used >> i & 1))
			fig->grade[i] = add_helper(b, FIELD_GRADE, i);
	}
	for (i = 1; i <= q; i++) {
		fig->quarter[i] = find_col(l, FIELD_QUARTER, i);
		if (fig->quarter[i] < 0 && i == q)
			fig->quarter[i] = find_col(l, FIELD_ACHIEVEMENT, 0);
		if (fig->quarter[i] < 0)
			fig->quarter[i] = add_helper(b, FIELD_QUARTER, i);
	}
	if ((fig->total = find_col(l, FIELD_TOTAL, 0)) < 0)
		fig->total = q == 1 ? fig->quarter[1] : add_helper(b, FIELD_TOTAL, 0);
	for (i = 1; i <= MODEL_QUARTERS; i++) {
		fig->qtarget[i] = l->paired_rows ? find_col(l, FIELD_QUARTER, i) : -1;
		if (fig->qtarget[i] < 0)
			fig->qtarget[i] = find_col(l, FIELD_QUARTER_TARGET, i);
		if (fig->qtarget[i] < 0 && (used >> MODEL_MAX_GRADES & 1))
			fig->qtarget[i] = add_helper(b, FIELD_QUARTER_TARGET, i);
	}
	fig->q = q;
}

/* ---- body ---- */

static model_value achieved(const model_result *res, int q)
{
	model_value none = { VAL_EMPTY, { 0, 1 } };

	return res ? res->ach[q - 1] : none;
}

/* "[১.১.১] label": the number as the plan prints it (its number, else its
 * id), in brackets unless the layout says otherwise. */
static char *numbered_label(const struct builder *b, const char *id, const char *number, const char *label)
{
	char *d = number ? bn_bengali_digits(number) : model_display_id(id);
	char *s = util_printf(b->t->layout.brackets ? "[%s] %s" : "%s %s", d, label ? label : "");

	free(d);
	return s;
}

/* The value a column shows in the target row (tr) or achievement row of a pair. */
static model_value row_value(const struct builder *b, const score_indicator *si, int field,
			     int quarter, int target_row)
{
	int q = quarter ? quarter : b->r->quarter;

	if (field == FIELD_QUARTER || field == FIELD_ACHIEVEMENT)
		return target_row ? score_quarter_target(si->ind, si->res, q) : achieved(si->res, q);
	return si->total;
}

static void put_remarks(struct builder *b, int row, int col, const model_result *res)
{
	doc_cell *x;

	if (res == NULL)
		return;
	if (res->evidence && !res->comment) {
		x = put_text(b, row, col, util_strdup(res->evidence_label && res->evidence_label[0] ?
						     res->evidence_label : res->evidence), DOC_BODY);
		x->kind = DOC_LINK;
		x->url = util_strdup(res->evidence);
	} else if (res->comment && res->evidence)
		put_text(b, row, col, util_printf("%s\n%s", res->comment, res->evidence), DOC_BODY);
	else if (res->comment)
		put_text(b, row, col, util_strdup(res->comment), DOC_BODY);
	doc_at(b->d, row, col)->align = DOC_LEFT;
}

static void put_score(struct builder *b, const score_indicator *si, int row, int col, int arow)
{
	doc_cell *x = doc_at(b->d, row, col);
	formula_cells fc = b->fig;

	if (si->status == SCORE_NOT_APPLICABLE) {
		put_text(b, row, col, util_strdup("-"), DOC_BODY);
		return;
	}
	put_fixed2(x, si->score);
	fc.row = row;
	fc.x_row = arow;
	fc.to_date = si->ind->to_date;
	x->formula = formula_score(b->t, si->ind, &fc);
}

/* The office's text in a comment, evidence or remarks column. */
static void put_office_text(struct builder *b, const model_result *res, enum model_field f, int row, int col)
{
	model_result tmp;

	if (res == NULL)
		return;
	if (f == FIELD_COMMENT) {
		if (res->comment)
			put_text(b, row, col, util_strdup(res->comment), DOC_BODY)->align = DOC_LEFT;
		return;
	}
	if (f == FIELD_EVIDENCE && !res->evidence)
		return;
	tmp = *res;
	if (f == FIELD_EVIDENCE)
		tmp.comment = NULL;
	put_remarks(b, row, col, &tmp);
}

/* A declared field's value: the plan's, the office's, or the office's for
 * the column's quarter (else the report's), shown by the field's type. */
static void put_field_value(struct builder *b, const score_indicator *si, const model_column *c, int row, int col)
{
	const model_fielddef *f = &b->t->fielddef[c->decl];
	const model_fvalue *v;
	doc_cell *x = doc_at(b->d, row, col);
	int q = f->source == FS_QUARTER ? (c->quarter ? c->quarter : b->r->quarter) : 0;

	if (f->source == FS_PLAN)
		v = model_field_value(si->ind->fv, si->ind->nfv, c->decl, 0);
	else
		v = si->res ? model_field_value(si->res->fv, si->res->nfv, c->decl, q) : NULL;
	if (v == NULL || v->text == NULL || v->text[0] == '\0')
		return;
	if (f->type == FT_NUMBER || f->type == FT_PERCENT) /* a number is in the indicator's unit */
		put_value_d(x, v->v, f->type == FT_PERCENT ? UNIT_PERCENT : UNIT_COUNT,
			    f->decimals >= 0 || f->type == FT_PERCENT ? f->decimals :
			    b->t->unitdef[si->ind->unitdef].decimals);
	else if (f->type == FT_DATE)
		put_value(x, v->v, UNIT_DATE);
	else if (f->type == FT_LINK) {
		put_text(b, row, col, util_strdup(v->text), DOC_BODY);
		x->kind = DOC_LINK;
		x->url = util_strdup(v->text);
	} else
		put_text(b, row, col, bn_bengali_digits(v->text), DOC_BODY);
	x->align = (enum doc_align)f->align;
}

/* A field with one value per indicator (in the first of its rows); returns
 * 0 when the field is not one of those. */
static int put_indicator_field(struct builder *b, const score_indicator *si, const model_column *c, int col,
			       int row, int arow)
{
	const model_indicator *ind = si->ind;
	doc_cell *x = doc_at(b->d, row, col);

	switch (c->field) {
	case FIELD_INDICATOR:
		put_text(b, row, col, numbered_label(b, ind->id, ind->number, ind->label), DOC_BODY)->align = DOC_LEFT;
		return 1;
	case FIELD_UNIT:
		put_text(b, row, col, util_strdup(b->t->unitdef[ind->unitdef].label), DOC_BODY);
		return 1;
	case FIELD_WEIGHT:
		put_weight(b, x, ind->weight);
		return 1;
	case FIELD_GRADE:
	case FIELD_ANNUAL_TARGET:
		put_ind_value(b, x, ind, ind->target[c->field == FIELD_GRADE ? c->grade : 0]);
		return 1;
	case FIELD_SCORE:
		put_score(b, si, row, col, arow);
		return 1;
	case FIELD_RESPONSIBLE:
		put_text(b, row, col, util_strdup(si->res && si->res->responsible ? si->res->responsible :
						  ind->responsible ? ind->responsible : ""), DOC_BODY);
		return 1;
	case FIELD_COMMENT:
	case FIELD_EVIDENCE:
	case FIELD_REMARKS:
		put_office_text(b, si->res, c->field, row, col);
		return 1;
	case FIELD_VALUE:
		put_field_value(b, si, c, row, col);
		return 1;
	case FIELD_QUARTER_TARGET:
		put_ind_value(b, x, ind, score_quarter_target(ind, si->res, c->quarter));
		return 1;
	default:
		return 0;
	}
}

/* The total achievement, in the achievement row, with its formula. */
/* In a pair's target row, the year's target: the quarter targets combined
 * as the achievements are, over the target row's quarter cells. */
static void put_year_target(struct builder *b, const score_indicator *si, int col, int row)
{
	model_value qt[MODEL_QUARTERS], y;
	formula_cells fc = b->fig;
	int i;

	for (i = 1; i <= MODEL_QUARTERS; i++) {
		qt[i - 1] = score_quarter_target(si->ind, si->res, i);
		if ((fc.quarter[i] = fc.qtarget[i]) < 0)
			return;
	}
	y = score_aggregate(si->ind, qt, MODEL_QUARTERS);
	put_ind_value(b, doc_at(b->d, row, col), si->ind, y);
	if (y.kind != VAL_NUM)
		return;
	fc.x_row = fc.row = row;
	doc_at(b->d, row, col)->formula = formula_total(si->ind, &fc, MODEL_QUARTERS);
}

static void put_total(struct builder *b, const score_indicator *si, int col, int row, int arow)
{
	doc_cell *x = doc_at(b->d, arow, col);
	formula_cells fc = b->fig;

	if (row != arow)
		put_year_target(b, si, col, row);
	put_ind_value(b, x, si->ind, si->total);
	if (si->total.kind == VAL_NA)
		return;
	fc.row = row;
	fc.x_row = arow;
	x->formula = formula_total(si->ind, &fc, b->r->quarter);
}

/* A field with a value in each row of a pair (row kind, quarters, total). */
static void put_row_field(struct builder *b, const score_indicator *si, const model_column *c, int col,
			  int row, int nrows)
{
	int arow = row + nrows - 1;

	switch (c->field) {
	case FIELD_ROW_KIND:
		put_text(b, row, col, util_strdup(b->t->layout.target_label), DOC_BODY);
		put_text(b, arow, col, util_strdup(b->t->layout.achievement_label), DOC_BODY);
		break;
	case FIELD_QUARTER:
	case FIELD_ACHIEVEMENT:
		if (nrows == 2)
			put_ind_value(b, doc_at(b->d, row, col), si->ind, row_value(b, si, c->field, c->quarter, 1));
		put_ind_value(b, doc_at(b->d, arow, col), si->ind, row_value(b, si, c->field, c->quarter, 0));
		break;
	case FIELD_TOTAL:
		put_total(b, si, col, row, arow);
		break;
	default:
		break; /* serial, area, activity: placed by their group */
	}
}

/* One column of one indicator's row(s). A value per indicator is merged over
 * its rows, except in a helper column (single cells are easier to edit). */
static void put_field(struct builder *b, const score_indicator *si, const model_column *c, int col,
		      int row, int nrows)
{
	if (!put_indicator_field(b, si, c, col, row, row + nrows - 1))
		put_row_field(b, si, c, col, row, nrows);
	else if (nrows > 1 && col < b->d->ncols)
		merge(b, row, col, nrows, 1);
}

/* Places a group cell (serial, area, activity) over rows [first, first+n). */
static void put_group_cells(struct builder *b, int first, int n, const model_area *ar,
			    const model_activity *act, int serial)
{
	const model_layout *l = &b->t->layout;
	size_t c;

	for (c = 0; c < l->ncol; c++) {
		enum model_field f = l->col[c].field;
		doc_cell *x = doc_at(b->d, first, (int)c);

		if (act && f == FIELD_ACTIVITY)
			put_text(b, first, (int)c, numbered_label(b, act->id, act->number, act->label),
				 DOC_BODY)->align = DOC_LEFT;
		else if (act && f == FIELD_SERIAL && !b->t->has_areas) {
			char *a = util_printf("%02d", serial);
			put_text(b, first, (int)c, bn_bengali_digits(a), DOC_BODY);
			free(a);
		} else if (!act && f == FIELD_SERIAL && b->t->has_areas)
			put_text(b, first, (int)c, ar->number ? bn_bengali_digits(ar->number) : model_display_id(ar->id),
				 DOC_BODY);
		else if (!act && f == FIELD_AREA)
			put_text(b, first, (int)c, util_strdup(ar->label), DOC_BODY)->align = DOC_LEFT;
		else if (!act && f == FIELD_AREA_WEIGHT)
			put_weight(b, x, ar->weight);
		else
			continue;
		merge(b, first, (int)c, n, 1);
	}
}

/* ---- subtotal and total rows ---- */

/* A SUM over column col of rows [first, last] whose role is want: runs of
 * body rows as ranges, subtotal rows one by one. */
static char *sum_formula(const doc *d, int col, int first, int last, enum doc_role want)
{
	int *from = util_alloc((size_t)(last - first + 2) * sizeof *from);
	int *to = util_alloc((size_t)(last - first + 2) * sizeof *to);
	int r, e;
	size_t n = 0;
	char *f;

	for (r = first; r <= last; r = e + 1) {
		e = r;
		if (doc_at(d, r, col)->role != want || doc_at(d, r, col)->covered)
			continue;
		while (want == DOC_BODY && e + 1 <= last && doc_at(d, e + 1, col)->role == DOC_BODY)
			e++;
		from[n] = r;
		to[n++] = e;
	}
	f = formula_sum(col, from, to, n);
	free(from);
	free(to);
	return f;
}

/* A subtotal or total row over rows [first, last]. */
static void sum_row(struct builder *b, int first, int last, enum doc_role role, rat score, rat weight,
		    char *label)
{
	const model_layout *l = &b->t->layout;
	int row = add_rows(b, 1), c, labelled = 0, stop = (int)l->ncol;
	enum doc_role over = role == DOC_TOTAL && l->subtotals && b->t->has_areas ? DOC_SUBTOTAL : DOC_BODY;

	for (c = 0; c < (int)l->ncol; c++) {
		enum model_field f = l->col[c].field;

		if (f == FIELD_WEIGHT || f == FIELD_SCORE || f == FIELD_AREA_WEIGHT) {
			stop = c < stop ? c : stop;
			doc_at(b->d, row, c)->role = role;
		}
	}
	if (l->label_span > 0 && l->label_span < (int)l->ncol)
		stop = l->label_span;
	for (c = 0; c < (int)l->ncol; c++) {
		doc_cell *x = doc_at(b->d, row, c);
		enum model_field f = l->col[c].field;

		x->role = role;
		x->bold = 1;
		if (c < stop) {
			if (!labelled++)
				put_text(b, row, c, label, role)->align = DOC_RIGHT;
			continue;
		}
		if (f == FIELD_WEIGHT || f == FIELD_SCORE) {
			if (f == FIELD_SCORE)
				put_fixed2(x, score);
			else
				put_weight(b, x, weight);
			x->formula = sum_formula(b->d, c, first, last, over);
		}
		x->text = x->text ? x->text : util_strdup("");
	}
	if (!labelled)
		free(label);
	else if (stop > 1)
		merge(b, row, 0, 1, stop);
}

/* The layout's total label with {max}, the attainable maximum, filled in. */
static char *total_label(const model_layout *l, const score_report *s)
{
	char *a = util_printf("%g", rat_double(s->max)), *bn = bn_bengali_digits(a), *out;
	const char *p = strstr(l->total_label, "{max}");

	out = p ? util_printf("%.*s%s%s", (int)(p - l->total_label), l->total_label, bn, p + 5) :
		  util_strdup(l->total_label);
	free(a);
	free(bn);
	return out;
}

/* An area as a full-width row before its activities: "১. label"; kept
 * with the row after it. Returns its row. */
static int section_row(struct builder *b, const model_area *ar)
{
	int row = add_rows(b, 1), c;
	char *num = ar->number ? bn_bengali_digits(ar->number) : model_display_id(ar->id);
	size_t n = strlen(num);

	put_text(b, row, 0, util_printf("%s%s %s", num, n && num[n - 1] == '.' ? "" : ".", ar->label), DOC_SECTION)
		->align = DOC_LEFT;
	for (c = 0; c < b->d->ncols; c++)
		doc_at(b->d, row, c)->role = DOC_SECTION;
	merge(b, row, 0, 1, b->d->ncols);
	b->d->keep_with_next[row] = DOC_KEEP_MUST;
	free(num);
	return row;
}

static void build_body(struct builder *b)
{
	const model_template *t = b->t;
	int per = t->layout.paired_rows ? 2 : 1, serial = 0, body_first = b->d->nrows;
	size_t a, i;

	for (a = 0; a < b->s->narea; a++) {
		const score_area *sa = &b->s->area[a];
		int area_first = b->d->nrows, act_first = area_first;
		const model_activity *act = NULL;

		if (t->layout.area_rows && sa->area->id)
			area_first = section_row(b, sa->area) + 1;
		act_first = area_first;
		for (i = 0; i < sa->nind; i++) {
			const score_indicator *si = &sa->ind[i];
			int row = add_rows(b, per);
			size_t c;

			if (si->act != act) {
				if (act)
					put_group_cells(b, act_first, row - act_first, NULL, act, serial);
				act = si->act;
				act_first = row;
				serial++;
			}
			for (c = 0; c < t->layout.ncol; c++)
				put_field(b, si, &t->layout.col[c], (int)c, row, per);
			for (c = 0; c < (size_t)b->d->nhelp; c++)
				put_field(b, si, &b->help[c], b->d->ncols + (int)c, row, per);
			if (per == 2)
				b->d->keep_with_next[row] = DOC_KEEP_MUST;
		}
		if (act)
			put_group_cells(b, act_first, b->d->nrows - act_first, NULL, act, serial);
		if (sa->area->id)
			put_group_cells(b, area_first, b->d->nrows - area_first, sa->area, NULL, 0);
		if (t->layout.subtotals && t->has_areas)
			sum_row(b, area_first, b->d->nrows - 1, DOC_SUBTOTAL, sa->score, sa->weight,
				util_strdup(t->layout.subtotal_label));
	}
	if (t->layout.total_row)
		sum_row(b, body_first, b->d->nrows - 1, DOC_TOTAL, b->s->score, b->s->weight,
			total_label(&t->layout, b->s));
}

/* Rows inside a short vertical merge (an indicator's pair, an activity's
 * few indicators) are better kept on one page; a longer one (a whole area)
 * may break between rows, and backends repeat its text on the next page.
 * An indicator's target and achievement rows are never parted. */
#define KEEP_ROWS 6
static void mark_keeps(doc *d)
{
	int r, c, k;

	for (r = d->header_rows; r < d->nrows; r++)
		for (c = 0; c < d->ncols; c++) {
			const doc_cell *x = doc_at(d, r, c);

			if (x->covered || x->rowspan > KEEP_ROWS)
				continue;
			for (k = 0; k < x->rowspan - 1; k++)
				if (d->keep_with_next[r + k] == DOC_KEEP_NONE)
					d->keep_with_next[r + k] = DOC_KEEP_PREFER;
		}
}

/* Fills every cell without text with an empty string, so backends need not check. */
static void fill_text(doc *d)
{
	size_t i, n = (size_t)d->nrows * stride(d);

	for (i = 0; i < n; i++)
		if (d->cells[i].text == NULL)
			d->cells[i].text = util_strdup("");
}

/* ---- text lines: titles, footnotes, signatures, letter ---- */

/* Space asked for below the last line, given to the next one. */
static void gap(doc_lines *v, double points)
{
	v->pending += points;
}

static doc_line *new_line(doc_lines *v)
{
	doc_line *l;

	util_grow(&v->v, &v->cap, v->n, sizeof *v->v);
	l = &v->v[v->n++];
	memset(l, 0, sizeof *l);
	l->gap = v->pending;
	v->pending = 0;
	return l;
}

/* Adds a run to line l (taking text). */
static void add_run(doc_line *l, char *text, int from, int to, int of, enum doc_align align, enum doc_style style)
{
	doc_run *r;

	l->run = util_realloc(l->run, (l->nrun + 1) * sizeof *l->run);
	r = &l->run[l->nrun++];
	r->text = text;
	r->from = from;
	r->to = to;
	r->of = of;
	r->align = align;
	r->style = style;
}

void doc_lines_add(doc_lines *v, char *text, enum doc_style style, enum doc_align align)
{
	add_run(new_line(v), text, 0, 1, 1, align, style);
}

/* Lines in a share of the width; NULL text adds nothing. */
static void add_part(doc_lines *v, const char *text, int from, int to, int of, enum doc_align align,
		     enum doc_style style)
{
	if (text)
		add_run(new_line(v), util_strdup(text), from, to, of, align, style);
}

static void free_lines(doc_lines *v)
{
	size_t i, k;

	for (i = 0; i < v->n; i++) {
		for (k = 0; k < v->v[i].nrun; k++)
			free(v->v[i].run[k].text);
		free(v->v[i].run);
	}
	free(v->v);
}

/* Whether s starts with a digit (ASCII or Bengali), '+' or '('. */
static int starts_number(const char *s)
{
	return bn_digit_at(s, NULL) || *s == '+' || *s == '(';
}

/* One signatory's lines, top to bottom (malloc'd vector, n set). */
static char **signature_lines(const model_signatory *s, const char *const *label, size_t *n)
{
	char *cand[6];
	char **v = util_alloc(7 * sizeof *v);
	size_t i;

	cand[0] = s->has_date ? bn_format_date(s->date) : NULL;
	cand[1] = s->name ? util_printf("(%s)", s->name) : NULL;
	cand[2] = util_strdup(s->designation);
	cand[3] = util_strdup(s->office);
	cand[4] = s->phone && starts_number(s->phone) ? util_printf("%s %s", label[LABEL_PHONE], s->phone) :
		util_strdup(s->phone); /* a phone the data labels itself stays as it is */
	cand[5] = s->email ? util_printf("%s %s", label[LABEL_EMAIL], s->email) : NULL;
	*n = 0;
	for (i = 0; i < 6; i++) {
		if (cand[i] && cand[i][0])
			v[(*n)++] = cand[i];
		else
			free(cand[i]);
	}
	return v;
}

/* Signature blocks side by side, each in an equal share of the width; a
 * single signatory signs in the last third. Lines of a block are kept
 * together on one page. */
static void add_signatures(struct builder *b, doc_lines *v, double above)
{
	const model_report *r = b->r;
	size_t nsig = r->nsig, k, i, most = 0;
	size_t *n = util_alloc((nsig + 1) * sizeof *n);
	char ***lines = util_alloc((nsig + 1) * sizeof *lines);

	for (k = 0; k < nsig; k++) {
		lines[k] = signature_lines(&r->sig[k], (const char *const *)b->t->letter.label, &n[k]);
		most = n[k] > most ? n[k] : most;
	}
	if (most)
		gap(v, above);
	for (i = 0; i < most; i++) {
		doc_line *l = new_line(v);

		l->keep = i + 1 < most;
		for (k = 0; k < nsig; k++)
			if (i < n[k])
				add_run(l, lines[k][i], nsig == 1 ? 2 : (int)k, nsig == 1 ? 3 : (int)k + 1,
					nsig == 1 ? 3 : (int)nsig, DOC_CENTER, DOC_S_SIGN);
	}
	for (k = 0; k < nsig; k++)
		free(lines[k]);
	free(lines);
	free(n);
}

/* "সংযুক্তি: প্রতিবেদন ০১ (এক) সেট।" with {count} filled in. */
static char *attachment_text(const model_letter *l, const char *label)
{
	char *count, *text, *out;
	const char *p;

	if (l->attachment == NULL)
		return NULL;
	count = l->attachment_count >= 0 ? bn_count_phrase(l->attachment_count, 2) : util_strdup("");
	if ((p = strstr(l->attachment, "{count}")) != NULL)
		text = util_printf("%.*s%s%s", (int)(p - l->attachment), l->attachment, count, p + 7);
	else if (l->attachment_count >= 0)
		text = util_printf("%s %s", l->attachment, count);
	else
		text = util_strdup(l->attachment);
	out = util_printf("%s %s", label, util_squash(text));
	free(count);
	free(text);
	return out;
}

static char *numbered(size_t i, const char *text)
{
	char *a = util_printf("%zu", i), *n = bn_bengali_digits(a), *s = util_printf("%s। %s", n, text);

	free(a);
	free(n);
	return s;
}

/* The memo number on the left and the date, in both calendars, on the right. */
static void letter_memo_date(struct builder *b, doc_lines *v)
{
	const model_letter *l = &b->r->letter;
	const char *label = b->t->letter.label[LABEL_DATE];
	doc_line *first = new_line(v);
	char *bangla, *greg;

	add_run(first, util_strdup(l->memo ? l->memo : ""), 0, 1, 2, DOC_LEFT, DOC_S_LETTER);
	if (!l->has_date)
		return;
	bangla = bn_format_bangla_date(l->date);
	greg = bn_format_date_long(l->date);
	add_run(first, util_printf("%s %s বঙ্গাব্দ", label, bangla), 1, 2, 2, DOC_RIGHT, DOC_S_LETTER);
	add_run(new_line(v), util_printf("%s খ্রিস্টাব্দ", greg), 1, 2, 2, DOC_RIGHT, DOC_S_LETTER);
	free(bangla);
	free(greg);
}

static void letter_head(struct builder *b, doc_lines *v)
{
	const model_report *r = b->r;
	size_t i;

	for (i = 0; i < r->nslogan; i++)
		add_part(v, r->slogan[i], 1, 2, 2, DOC_RIGHT, DOC_S_LETTER_SMALL);
	for (i = 0; i < r->nletterhead; i++)
		add_part(v, r->letterhead[i], 0, 1, 1, DOC_CENTER, i == 0 ? DOC_S_HEAD : DOC_S_LETTER);
	add_part(v, r->website, 0, 1, 1, DOC_CENTER, DOC_S_LETTER_SMALL);
	gap(v, 14);
	letter_memo_date(b, v);
	gap(v, 4);
}

static void letter_reference(struct builder *b, doc_lines *v)
{
	const model_letter *l = &b->r->letter;
	char *const *label = b->t->letter.label;
	char *d;

	if (l->ref_memo == NULL)
		return;
	d = l->has_ref_date ? bn_format_date(l->ref_date) : NULL;
	doc_lines_add(v, d ? util_printf("%s %s, %s %s", label[LABEL_REFERENCE], l->ref_memo, label[LABEL_DATE], d) :
			     util_printf("%s %s", label[LABEL_REFERENCE], l->ref_memo), DOC_S_LETTER, DOC_LEFT);
	free(d);
}

static void letter_subject_body(struct builder *b, doc_lines *v)
{
	const model_letter *l = &b->r->letter;
	char *const *body = l->nbody ? l->body : b->t->letter.body;
	size_t nbody = l->nbody ? l->nbody : b->t->letter.nbody, i;
	char *subject = l->subject ? util_strdup(l->subject) :
			b->t->letter.subject ? subst_expand(b->t->letter.subject, b->t, b->r) : NULL;

	if (subject)
		doc_lines_add(v, util_printf("%s %s", b->t->letter.label[LABEL_SUBJECT], subject), DOC_S_LETTER_BOLD,
			      DOC_LEFT);
	free(subject);
	gap(v, 8);
	for (i = 0; i < nbody; i++) {
		char *p = l->nbody ? util_strdup(body[i]) : subst_expand(body[i], b->t, b->r);

		doc_lines_add(v, i == 0 ? p : numbered(i + 1, p), DOC_S_LETTER, DOC_LEFT);
		if (i > 0)
			free(p);
		gap(v, 6);
	}
}

static void letter_tail(struct builder *b, doc_lines *v)
{
	const model_letter *l = &b->r->letter;
	char *const *label = b->t->letter.label;
	size_t i, n;

	if (l->attachment)
		doc_lines_add(v, attachment_text(l, label[LABEL_ATTACHMENT]), DOC_S_LETTER, DOC_LEFT);
	gap(v, 24);
	if (l->has_signatory) {
		char **sig = signature_lines(&l->signatory, (const char *const *)label, &n);

		for (i = 0; i < n; i++)
			add_run(new_line(v), sig[i], 1, 2, 2, DOC_CENTER, DOC_S_LETTER);
		free(sig);
	}
	gap(v, 10);
	if (l->attention)
		doc_lines_add(v, util_printf("(%s)", l->attention), DOC_S_LETTER, DOC_LEFT);
	gap(v, 6);
	if (l->ncopies)
		add_part(v, label[LABEL_COPIES], 0, 1, 1, DOC_LEFT, DOC_S_LETTER);
	for (i = 0; i < l->ncopies; i++)
		doc_lines_add(v, numbered(i + 1, l->copies[i]), DOC_S_LETTER, DOC_LEFT);
}

/* The forwarding letter, as the official form sets it out. */
static void build_letter(struct builder *b)
{
	const model_letter *l = &b->r->letter;
	doc_lines *v = &b->d->letter;
	size_t i;

	b->d->has_letter = l->present;
	b->d->letter_name = util_strdup(b->t->letter.label[LABEL_SHEET]);
	if (!l->present)
		return;
	letter_head(b, v);
	letter_reference(b, v);
	gap(v, 10);
	for (i = 0; i < l->nrecipient; i++)
		add_part(v, l->recipient[i], 0, 1, 1, DOC_LEFT, DOC_S_LETTER);
	gap(v, 10);
	letter_subject_body(b, v);
	letter_tail(b, v);
}

/* ---- for other builders (the ministry summary) ---- */

void doc_add_letter(doc *d, const model_template *t, const model_report *r)
{
	struct builder b;

	memset(&b, 0, sizeof b);
	b.d = d;
	b.t = t;
	b.r = r;
	build_letter(&b);
	add_signatures(&b, &d->tail, 30);
}

/* The report's date: the letter's, a signatory's, or the quarter's last day. */
long doc_report_date(const model_template *t, const model_report *r)
{
	static const int end_month[] = { 9, 12, 3, 6 }, end_day[] = { 30, 31, 31, 30 };
	bn_date d;
	size_t i;

	if (r->letter.has_date)
		return bn_days(r->letter.date);
	for (i = 0; i < r->nsig; i++)
		if (r->sig[i].has_date)
			return bn_days(r->sig[i].date);
	d.y = r->quarter <= 2 ? t->fy_start : t->fy_start + 1;
	d.m = end_month[r->quarter - 1];
	d.d = end_day[r->quarter - 1];
	return bn_days(d);
}

/* Titles (the data's, else the layout's), footnotes and signatures. */
static void build_lines(struct builder *b)
{
	const model_layout *l = &b->t->layout;
	doc *d = b->d;
	size_t i;

	for (i = 0; i < b->r->ntitle; i++)
		doc_lines_add(&d->titles, util_strdup(b->r->title[i]), DOC_S_TITLE, DOC_CENTER);
	for (i = 0; b->r->ntitle == 0 && i < l->ntitle; i++)
		doc_lines_add(&d->titles, subst_expand(l->title[i], b->t, b->r), DOC_S_TITLE, DOC_CENTER);
	gap(&d->tail, 6);
	for (i = 0; i < l->nfootnote; i++)
		doc_lines_add(&d->tail, subst_expand(l->footnote[i], b->t, b->r), DOC_S_NOTE, DOC_LEFT);
	add_signatures(b, &d->tail, 30);
}

static void build_meta(struct builder *b)
{
	doc *d = b->d;
	const model_layout *l = &b->t->layout;
	size_t i;

	build_lines(b);
	d->title = util_strdup(d->titles.n ? d->titles.v[0].run[0].text : b->t->title);
	d->author = util_strdup(b->r->office ? b->r->office : "");
	{
		char *fy = bn_bengali_digits(b->t->fiscal_year);
		d->subject = util_printf("%s %s, %s", b->t->title, fy, bn_quarter_name(b->r->quarter));
		free(fy);
	}
	d->date = doc_report_date(b->t, b->r);
	d->sheet_name = util_strdup(b->t->annex ? b->t->annex : "প্রতিবেদন");
	d->font = util_strdup(b->font ? b->font : l->font ? l->font : "Noto Sans Bengali");
	d->landscape = l->landscape;
	d->width = util_alloc(stride(d) * sizeof *d->width);
	for (i = 0; i < l->ncol; i++)
		d->width[i] = l->col[i].width > 0 ? l->col[i].width : 10;
	for (i = l->ncol; i < stride(d); i++)
		d->width[i] = 12;
}

doc *doc_new(int rows, int cols)
{
	doc *d = util_alloc(sizeof *d);
	int i;

	d->nrows = rows;
	d->ncols = cols;
	d->cells = util_alloc((size_t)rows * (size_t)cols * sizeof *d->cells);
	d->keep_with_next = util_alloc(((size_t)rows + 1) * sizeof *d->keep_with_next);
	d->width = util_alloc(((size_t)cols + 1) * sizeof *d->width);
	for (i = 0; i < rows * cols; i++) {
		d->cells[i].rowspan = d->cells[i].colspan = 1;
		d->cells[i].align = DOC_CENTER;
		d->cells[i].text = util_strdup("");
	}
	for (i = 0; i < cols; i++)
		d->width[i] = 10;
	return d;
}

/* Grade band fills, best first; header and total greys. */
static const long band_fill[] = { -1, 0x63BE7B, 0xC6EFCE, 0xFFEB9C, 0xFCE4D6, 0xF8CBAD, 0xFFC7CE };

long doc_fill(const doc_cell *x)
{
	if (x->band > 0 && x->band < (int)(sizeof band_fill / sizeof *band_fill))
		return band_fill[x->band];
	if (x->role == DOC_HEAD)
		return 0xE6E6E6;
	if (x->role == DOC_SUBTOTAL || x->role == DOC_TOTAL || x->role == DOC_SECTION)
		return 0xF2F2F2;
	return -1;
}

void doc_set_text(doc *d, int row, int col, char *text)
{
	doc_cell *x = doc_at(d, row, col);

	free(x->text);
	x->text = text;
	x->kind = text[0] ? DOC_TEXT : DOC_EMPTY;
}

void doc_merge(doc *d, int row, int col, int rows, int cols)
{
	int i, j;

	doc_at(d, row, col)->rowspan = rows;
	doc_at(d, row, col)->colspan = cols;
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
			if (i || j)
				doc_at(d, row + i, col + j)->covered = 1;
}

doc *doc_build(const model_template *t, const model_report *r, const score_report *s, const char *font)
{
	struct builder b;

	memset(&b, 0, sizeof b);
	b.d = util_alloc(sizeof *b.d);
	b.t = t;
	b.r = r;
	b.s = s;
	b.font = font;
	b.d->ncols = (int)t->layout.ncol;
	plan_figures(&b);
	build_meta(&b);
	build_header(&b);
	build_body(&b);
	mark_keeps(b.d);
	fill_text(b.d);
	build_letter(&b);
	fit_columns(b.d);
	return b.d;
}

void doc_free(doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	doc_free(d->next);
	if (d->chart)
		free(d->chart->title);
	free(d->chart);
	for (i = 0; i < (size_t)d->nrows * stride(d); i++) {
		free(d->cells[i].text);
		free(d->cells[i].formula);
		free(d->cells[i].url);
	}
	free(d->cells);
	free(d->keep_with_next);
	free(d->width);
	free_lines(&d->titles);
	free_lines(&d->tail);
	free_lines(&d->letter);
	free(d->letter_name);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->sheet_name);
	free(d->font);
	free(d);
}

/* Each run of each line as "TAG text"; the tag names the style. */
static void dump_lines(FILE *fp, const doc_lines *v)
{
	static const char *const tag[] = { "title", "footnote", "signature", "letter-head", "letter-line",
					   "letter-line", "letter-line" };

	static const char *const align[] = { "left", "center", "right" };
	size_t i, k;

	for (i = 0; i < v->n; i++) {
		const doc_line *l = &v->v[i];

		fprintf(fp, "line gap %g%s:", l->gap, l->keep ? " keep" : "");
		for (k = 0; k < l->nrun; k++)
			fprintf(fp, " %d-%d/%d %s", l->run[k].from, l->run[k].to, l->run[k].of, align[l->run[k].align]);
		fputc('\n', fp);
		for (k = 0; k < l->nrun; k++)
			if (l->run[k].text[0])
				fprintf(fp, "%s %s\n", tag[l->run[k].style], l->run[k].text);
	}
}

void doc_dump(const doc *d, FILE *fp)
{
	static const char *const kinds[] = { "empty", "text", "number", "percent", "date", "link" };
	int r, c;

	fprintf(fp, "document %d×%d header %d font %s", d->nrows, d->ncols, d->header_rows, d->font);
	if (d->nhelp)
		fprintf(fp, " helpers %d", d->nhelp);
	fputs(d->landscape ? " landscape\nwidths" : "\nwidths", fp);
	for (c = 0; c < (int)stride(d); c++)
		fprintf(fp, " %.2f", d->width[c]);
	fputc('\n', fp);
	dump_lines(fp, &d->titles);
	for (r = 0; r < d->nrows; r++)
		for (c = 0; c < (int)stride(d); c++) {
			const doc_cell *x = doc_at(d, r, c);

			if (x->covered || (x->kind == DOC_EMPTY && x->formula == NULL))
				continue;
			fprintf(fp, "%s %d,%d %s span %dx%d: %s", c < d->ncols ? "cell" : "helper", r, c,
				kinds[x->kind], x->rowspan, x->colspan, x->text);
			if (x->formula)
				fprintf(fp, " = %s", x->formula);
			fputc('\n', fp);
		}
	dump_lines(fp, &d->tail);
	if (d->has_letter)
		dump_lines(fp, &d->letter);
}
