/* template.c - reads template XML (resolving extends) into the model. The
 * checks that need the whole resolved plan live in validate.c. */
#include "template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subst.h"
#include "config.h"
#include "util.h"
#include "validate.h"
#include "value.h"
#include "xmlio.h"

#define MAX_DEPTH 8

/* What one reading pass needs: the template being built and where we are. */
struct reader {
	model_template *t;
	const char *file; /* owned by t->files */
	diag_list *dl;
	const tpl_path *path;
	int depth;
};

static void err(struct reader *r, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void err(struct reader *r, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	diag_add(r->dl, DIAG_ERROR, DIAG_TEMPLATE, r->file, n ? xmlio_line(n) : 0, "%s", m);
	free(m);
}

void tpl_path_init(tpl_path *p, const char *first)
{
	const char *env = getenv("ANNEXC_TEMPLATE_PATH");

	memset(p, 0, sizeof *p);
	if (first) {
		util_grow(&p->dir, &p->cap, p->n, sizeof *p->dir);
		p->dir[p->n++] = util_strdup(first);
	}
	while (env && *env) {
		const char *c = strchr(env, ':');
		size_t n = c ? (size_t)(c - env) : strlen(env);

		if (n > 0) {
			util_grow(&p->dir, &p->cap, p->n, sizeof *p->dir);
			p->dir[p->n] = util_alloc(n + 1);
			memcpy(p->dir[p->n++], env, n);
		}
		env = c ? c + 1 : NULL;
	}
	util_grow(&p->dir, &p->cap, p->n, sizeof *p->dir);
	p->dir[p->n++] = util_strdup(ANNEXC_TEMPLATEDIR);
}

void tpl_path_free(tpl_path *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->dir[i]);
	free(p->dir);
	memset(p, 0, sizeof *p);
}

int tpl_id_ok(const char *id)
{
	const char *p = id;

	if (p == NULL || *p == '\0')
		return 0;
	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (p[n] == '\0')
			return 1;
		p += n + 1;
	}
}

char *tpl_find(const tpl_path *p, const char *id)
{
	size_t i;

	if (!tpl_id_ok(id))
		return NULL;
	for (i = 0; i < p->n; i++) {
		char *f = strcmp(p->dir[i], ".") == 0 ? util_printf("%s.xml", id) :
			  util_printf("%s/%s.xml", p->dir[i], id);

		if (access(f, R_OK) == 0)
			return f;
		free(f);
	}
	return NULL;
}

static model_loc loc(struct reader *r, xmlNodePtr n)
{
	model_loc l = { r->file, xmlio_line(n) };
	return l;
}

/* The id attribute named attr in ASCII form; malloc'd, NULL when absent. */
static char *id_attr(xmlNodePtr n, const char *attr)
{
	char *raw = xmlio_attr(n, attr), *id;

	if (raw == NULL)
		return NULL;
	id = model_ascii_id(raw);
	free(raw);
	return id;
}

static void weight_attr(struct reader *r, xmlNodePtr n, rat *w)
{
	char *s = xmlio_attr(n, "weight");

	if (s && (value_number(s, w) != 0 || w->n <= 0))
		err(r, n, "weight '%s' is not a positive number", s);
	free(s);
}

/* The built-in units, by enum model_unit, with their printed labels. */
static const char *const unit_kind_name[] = { "date", "count", "percent", "score" };
static const char *const unit_kind_label[] = { "তারিখ", "সংখ্যা", "%", "প্রাপ্ত নম্বর" };

static int find_unit(const model_template *t, const char *id)
{
	size_t i;

	for (i = 0; id && i < t->nunitdef; i++)
		if (strcmp(t->unitdef[i].id, id) == 0)
			return (int)i;
	return -1;
}

static void add_unit(model_template *t, const char *id, char *label, enum model_unit kind, int decimals)
{
	model_unitdef *u;

	util_grow(&t->unitdef, &t->capunitdef, t->nunitdef, sizeof *t->unitdef);
	u = &t->unitdef[t->nunitdef++];
	u->id = util_strdup(id);
	u->label = label;
	u->kind = kind;
	u->decimals = decimals;
}

static enum model_unit parse_kind(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (s && strcmp(s, unit_kind_name[i]) == 0)
			return (enum model_unit)i;
	return UNIT_COUNT;
}

static int decimals_attr(xmlNodePtr n)
{
	char *s = xmlio_attr(n, "decimals");
	int d = s ? atoi(s) : -1;

	free(s);
	return d > 6 ? 6 : d;
}

/* Whether a child of n before c has attribute id equal to id. */
static int declared_before(xmlNodePtr n, xmlNodePtr c, const char *id)
{
	xmlNodePtr p;
	int found = 0;

	for (p = xmlio_elem(n->children); p && p != c && !found; p = xmlio_elem(p->next)) {
		char *o = xmlio_attr(p, "id");

		found = o && id && strcmp(o, id) == 0;
		free(o);
	}
	return found;
}

/* <units>: each <unit id kind decimals>label</unit>; a declared id may not
 * be used twice (a built-in one may be declared again, to print it otherwise). */
static void read_units(struct reader *r, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next)) {
		char *id = xmlio_attr(c, "id"), *kind = xmlio_attr(c, "kind");
		int i = find_unit(r->t, id);

		if (declared_before(n, c, id))
			err(r, c, "unit '%s' declared twice", id);
		else if (i < 0)
			add_unit(r->t, id, xmlio_text(c), parse_kind(kind), decimals_attr(c));
		else if (i < 4 && parse_kind(kind) != r->t->unitdef[i].kind)
			err(r, c, "unit '%s' is built in as a %s", id, unit_kind_name[i]);
		else {
			free(r->t->unitdef[i].label);
			r->t->unitdef[i].label = xmlio_text(c);
			r->t->unitdef[i].kind = parse_kind(kind);
			r->t->unitdef[i].decimals = decimals_attr(c);
		}
		free(id);
		free(kind);
	}
}

static const char *const ftype_name[] = { "text", "number", "percent", "date", "date-range", "link", "yes-no", NULL };
static const char *const fsource_name[] = { "plan", "office", "quarter", NULL };

static int name_index(const char *const *names, const char *s, int dflt)
{
	int i;

	for (i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return dflt;
}

/* align="left|center|right" as 0, 1, 2; dflt when absent. */
static int align_attr(xmlNodePtr n, int dflt)
{
	static const char *const names[] = { "left", "center", "right", NULL };
	char *s = xmlio_attr(n, "align");
	int a = name_index(names, s, dflt);

	free(s);
	return a;
}

/* <fields>: each <field id type source decimals align>label</field>. */
static void read_fields(struct reader *r, xmlNodePtr n)
{
	model_template *t = r->t;
	xmlNodePtr c;

	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next)) {
		char *id = xmlio_attr(c, "id"), *type = xmlio_attr(c, "type"), *src = xmlio_attr(c, "source");
		model_fielddef *f;

		if (declared_before(n, c, id) || model_find_field(t, id) >= 0) {
			err(r, c, "field '%s' declared twice", id);
			free(id);
		} else {
			util_grow(&t->fielddef, &t->capfielddef, t->nfielddef, sizeof *t->fielddef);
			f = &t->fielddef[t->nfielddef++];
			f->id = id;
			f->label = xmlio_text(c);
			f->type = (enum model_ftype)name_index(ftype_name, type, FT_TEXT);
			f->source = (enum model_fsource)name_index(fsource_name, src, FS_OFFICE);
			f->decimals = decimals_attr(c);
			f->align = align_attr(c, f->type == FT_TEXT ? 0 : 1);
			f->loc = loc(r, c);
		}
		free(type);
		free(src);
	}
}

/* The indicator's unit: a built-in or declared id. */
static void unit_attr(struct reader *r, xmlNodePtr n, model_indicator *ind)
{
	char *s = xmlio_attr(n, "unit");
	int i = find_unit(r->t, s);

	if (i < 0) {
		err(r, n, "unknown unit '%s' (built in: date, count, percent, score; declare others in <units>)",
		    s ? s : "");
		i = UNIT_COUNT;
	}
	ind->unitdef = i;
	ind->unit = r->t->unitdef[i].kind;
	free(s);
}

/* By enum model_agg and enum model_method (the schema allows no others). */
static const char *const agg_name[] = { "default", "sum", "latest", "earliest", "max", "mean", NULL };
static const char *const method_name[] = { "interpolate", "step", "proportional", "quarterly", "deadline", NULL };

static enum model_agg parse_agg(const char *s)
{
	return (enum model_agg)name_index(agg_name, s, AGG_DEFAULT);
}

static enum model_method parse_method(const char *s, enum model_method dflt)
{
	return (enum model_method)name_index(method_name, s, (int)dflt);
}

/* Splits a white-space separated list of values into out[0..want-1]. */
static void read_values(struct reader *r, xmlNodePtr n, enum model_unit u, model_value *out,
			int want, const char *what)
{
	char *text = xmlio_text(n), *save = NULL, *tok;
	int i = 0;

	for (tok = strtok_r(text, " ", &save); tok; tok = strtok_r(NULL, " ", &save), i++) {
		char *e;

		if (i >= want)
			continue;
		e = value_parse(tok, u, &out[i]);
		if (e) {
			err(r, n, "%s: %s", what, e);
			free(e);
		}
	}
	if (i != want)
		err(r, n, "%s: %d values given, %d expected (write - for an empty one)", what, i, want);
	free(text);
}

/* Parses v's text by its field's type; errors at n. */
static void field_parse(struct reader *r, xmlNodePtr n, const model_fielddef *f, model_fvalue *v)
{
	char *e = value_field_parse(v->text, f->type, &v->v, &v->v2);

	if (e) {
		err(r, n, "field '%s': %s", f->id, e);
		free(e);
	}
}

/* A plan's value of a declared field: <value field="id">text</value>. */
static void read_plan_value(struct reader *r, xmlNodePtr n, model_indicator *ind)
{
	char *id = xmlio_attr(n, "field");
	int d = model_find_field(r->t, id);
	model_fvalue *v;
	size_t i;

	if (d < 0 || r->t->fielddef[d].source != FS_PLAN) {
		err(r, n, d < 0 ? "unknown field '%s' (declare it in <fields>)" :
				  "field '%s' is not given by the plan (its source is not plan)", id);
		free(id);
		return;
	}
	for (i = 0; i < ind->nfv && ind->fv[i].decl != d; i++)
		;
	if (i == ind->nfv) {
		util_grow(&ind->fv, &ind->capfv, ind->nfv, sizeof *ind->fv);
		memset(&ind->fv[ind->nfv++], 0, sizeof *ind->fv);
	}
	v = &ind->fv[i];
	free(v->field);
	free(v->text);
	v->field = id;
	v->text = xmlio_text(n);
	v->decl = d;
	v->loc = loc(r, n);
	field_parse(r, n, &r->t->fielddef[d], v);
}

/* Reads targets, quarter targets and responsible post into ind. */
static void read_indicator_body(struct reader *r, xmlNodePtr n, model_indicator *ind)
{
	xmlNodePtr c;

	if ((c = xmlio_child(n, "targets")) != NULL) {
		if (r->t->ngrade == 0)
			err(r, c, "targets given before any grades are declared");
		else
			read_values(r, c, ind->unit, ind->target, r->t->ngrade, "targets");
	}
	if ((c = xmlio_child(n, "quarter-targets")) != NULL)
		read_values(r, c, ind->unit, ind->qtarget, MODEL_QUARTERS, "quarter-targets");
	if ((c = xmlio_child(n, "responsible")) != NULL) {
		free(ind->responsible);
		ind->responsible = xmlio_text(c);
	}
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, "value"))
			read_plan_value(r, c, ind);
}

static int yes(xmlNodePtr n, const char *attr, int dflt);

/* aggregate, method and the rules' parameters, where given. */
static void scoring_attrs(struct reader *r, xmlNodePtr n, model_indicator *ind)
{
	char *s;

	if ((s = xmlio_attr(n, "aggregate")) != NULL)
		ind->agg = parse_agg(s);
	free(s);
	if ((s = xmlio_attr(n, "method")) != NULL)
		ind->method = parse_method(s, ind->method);
	free(s);
	ind->to_date = yes(n, "targets-to-date", ind->to_date);
	if ((s = xmlio_attr(n, "late-deduct")) != NULL && value_number(s, &ind->late_deduct) != 0)
		err(r, n, "late-deduct '%s' is not a number", s);
	free(s);
	if ((s = xmlio_attr(n, "late-every")) != NULL) {
		rat d;
		if (value_number(s, &d) != 0 || d.d != 1 || d.n < 1)
			err(r, n, "late-every '%s' is not a whole number of days", s);
		else
			ind->late_every = (int)d.n;
	}
	free(s);
	if ((s = xmlio_attr(n, "late-until")) != NULL) {
		char *e = value_parse(s, UNIT_DATE, &ind->late_until);
		if (e)
			err(r, n, "late-until: %s", e);
		free(e);
	}
	free(s);
}

static void read_indicator(struct reader *r, xmlNodePtr n, model_activity *a)
{
	model_indicator *ind;

	util_grow(&a->ind, &a->capind, a->nind, sizeof *a->ind);
	ind = &a->ind[a->nind++];
	memset(ind, 0, sizeof *ind);
	ind->id = id_attr(n, "id");
	ind->number = xmlio_attr(n, "number");
	ind->label = xmlio_text(xmlio_child(n, "label"));
	unit_attr(r, n, ind);
	ind->weight = rat_int(0);
	weight_attr(r, n, &ind->weight);
	ind->method = r->t->method;
	ind->late_every = 1;
	scoring_attrs(r, n, ind);
	ind->loc = loc(r, n);
	read_indicator_body(r, n, ind);
}

static void read_activity(struct reader *r, xmlNodePtr n, model_area *ar)
{
	model_activity *a;
	xmlNodePtr c;

	util_grow(&ar->act, &ar->capact, ar->nact, sizeof *ar->act);
	a = &ar->act[ar->nact++];
	memset(a, 0, sizeof *a);
	a->id = id_attr(n, "id");
	a->number = xmlio_attr(n, "number");
	a->label = xmlio_text(xmlio_child(n, "label"));
	a->loc = loc(r, n);
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, "indicator"))
			read_indicator(r, c, a);
}

static model_area *new_area(model_template *t)
{
	model_area *a;

	util_grow(&t->area, &t->caparea, t->narea, sizeof *t->area);
	a = &t->area[t->narea++];
	memset(a, 0, sizeof *a);
	return a;
}

static void read_area(struct reader *r, xmlNodePtr n)
{
	model_area *a = new_area(r->t);
	xmlNodePtr c;

	a->id = id_attr(n, "id");
	a->number = xmlio_attr(n, "number");
	a->label = xmlio_text(xmlio_child(n, "label"));
	a->has_weight = 1;
	weight_attr(r, n, &a->weight);
	a->loc = loc(r, n);
	r->t->has_areas = 1;
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, "activity"))
			read_activity(r, c, a);
}

/* The implicit area of a plan without areas. */
static model_area *plain_area(struct reader *r, xmlNodePtr n)
{
	if (r->t->narea == 0) {
		model_area *a = new_area(r->t);
		a->loc = loc(r, n);
	}
	return &r->t->area[0];
}

static void free_plan(model_template *t)
{
	model_free_areas(t->area, t->narea);
	t->area = NULL;
	t->narea = t->caparea = 0;
	t->has_areas = 0;
}

static void read_plan(struct reader *r, xmlNodePtr n)
{
	xmlNodePtr c;

	free_plan(r->t);
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next)) {
		if (xmlio_is(c, "area"))
			read_area(r, c);
		else if (xmlio_is(c, "activity"))
			read_activity(r, c, plain_area(r, c));
	}
}

static void read_grades(struct reader *r, xmlNodePtr n, int inherited)
{
	model_template *t = r->t;
	xmlNodePtr c;
	int i, old[MODEL_MAX_GRADES], nold = t->ngrade;

	for (i = 0; i < nold; i++)
		old[i] = t->grade[i].percent;

	for (i = 0; i < t->ngrade; i++)
		free(t->grade[i].label);
	t->ngrade = 0;
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next)) {
		char *p = xmlio_attr(c, "percent");
		rat pct;

		if (t->ngrade == MODEL_MAX_GRADES) {
			err(r, c, "more than %d grades", MODEL_MAX_GRADES);
			free(p);
			break;
		}
		if (value_number(p, &pct) != 0 || pct.d != 1 || pct.n > 100) {
			err(r, c, "grade percent '%s' is not a whole number from 0 to 100", p);
			pct = rat_int(-1);
		}
		t->grade[t->ngrade].percent = (int)pct.n;
		t->grade[t->ngrade++].label = xmlio_text(c);
		free(p);
	}
	for (i = 0; inherited && i < (nold > t->ngrade ? nold : t->ngrade); i++)
		if (i >= nold || i >= t->ngrade || old[i] != t->grade[i].percent) {
			err(r, n, "a template that extends another may rename its grades but not change their percents");
			break;
		}
}

/* A grade attribute ("100", "১০০") to its index in the scale, or -1. */
static int grade_index(const model_template *t, const char *s)
{
	rat p;
	int i;

	if (s == NULL || value_number(s, &p) != 0)
		return -1;
	for (i = 0; i < t->ngrade; i++)
		if (p.d == 1 && t->grade[i].percent == p.n)
			return i;
	return -1;
}

static const struct {
	const char *name;
	enum model_field field;
} field_names[] = {
	{ "serial", FIELD_SERIAL }, { "area", FIELD_AREA }, { "area-weight", FIELD_AREA_WEIGHT },
	{ "activity", FIELD_ACTIVITY }, { "indicator", FIELD_INDICATOR }, { "unit", FIELD_UNIT },
	{ "weight", FIELD_WEIGHT }, { "grade", FIELD_GRADE }, { "annual-target", FIELD_ANNUAL_TARGET },
	{ "row-kind", FIELD_ROW_KIND }, { "quarter", FIELD_QUARTER }, { "achievement", FIELD_ACHIEVEMENT },
	{ "total", FIELD_TOTAL }, { "score", FIELD_SCORE }, { "responsible", FIELD_RESPONSIBLE },
	{ "comment", FIELD_COMMENT }, { "evidence", FIELD_EVIDENCE }, { "remarks", FIELD_REMARKS },
	{ "quarter-target", FIELD_QUARTER_TARGET },
};

static enum model_field parse_field(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof field_names / sizeof *field_names; i++)
		if (strcmp(field_names[i].name, s) == 0)
			return field_names[i].field;
	return FIELD_COMMENT;
}

/* Checks a piece of template text for unknown placeholders. */
static void check_text(struct reader *r, xmlNodePtr n, const char *s)
{
	char *bad = subst_unknown(s);

	if (bad)
		err(r, n, "%s", bad);
	free(bad);
}

/* Checks the placeholders of every child element named name. */
static void check_children(struct reader *r, xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = xmlio_elem(n ? n->children : NULL); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, name)) {
			char *s = xmlio_text(c);
			check_text(r, c, s);
			free(s);
		}
}

/* A header text: its words, each <br/> a line break. */
static char *head_text(xmlNodePtr n)
{
	buf b = { 0 };
	xmlNodePtr k;
	char *s;

	for (k = n->children; k; k = k->next) {
		if (xmlio_is(k, "br"))
			buf_add(&b, "\n");
		else if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			s = xmlio_text(k);
			if (b.len && b.s[b.len - 1] != '\n' && s[0])
				buf_add(&b, " ");
			buf_add(&b, s);
			free(s);
		}
	}
	return b.s ? buf_take(&b) : util_strdup("");
}

static void read_column(struct reader *r, xmlNodePtr n, model_layout *l, int group)
{
	model_column *c;
	char *s;

	util_grow(&l->col, &l->capcol, l->ncol, sizeof *l->col);
	c = &l->col[l->ncol++];
	memset(c, 0, sizeof *c);
	c->group = group;
	c->loc = loc(r, n);
	s = xmlio_attr(n, "field");
	c->field = parse_field(s);
	if (s && c->field == FIELD_COMMENT && strcmp(s, "comment") != 0) /* the schema lets none through */
		err(r, n, "unknown column field '%s'", s);
	free(s);
	c->decl = -1;
	if ((s = xmlio_attr(n, "value")) != NULL) {
		c->field = FIELD_VALUE;
		if ((c->decl = model_find_field(r->t, s)) < 0)
			err(r, n, "column value='%s': no such field (declare it in <fields>)", s);
	}
	free(s);
	s = xmlio_attr(n, "width");
	c->width = s ? strtod(s, NULL) : 0;
	free(s);
	c->grade = -1;
	s = xmlio_attr(n, "grade");
	if (c->field == FIELD_GRADE && (c->grade = grade_index(r->t, s)) < 0)
		err(r, n, "grade column needs grade= one of the declared grade percents");
	free(s);
	s = xmlio_attr(n, "quarter");
	if (s && (c->quarter = bn_parse_quarter(s)) == 0)
		err(r, n, "quarter '%s' is not 1 to 4", s);
	else if (s == NULL && c->field == FIELD_QUARTER_TARGET)
		err(r, n, "a quarter-target column needs quarter= 1 to 4");
	free(s);
	if (xmlio_child(n, "line")) {
		xmlNodePtr k;

		for (k = xmlio_elem(n->children); k; k = xmlio_elem(k->next))
			if (xmlio_is(k, "line")) {
				c->head = util_realloc(c->head, (c->nhead + 1) * sizeof *c->head);
				c->head[c->nhead++] = head_text(k);
			}
	} else {
		s = head_text(n);
		if (s[0]) {
			c->head = util_alloc(sizeof *c->head);
			c->head[c->nhead++] = s;
		} else
			free(s);
	}
	for (size_t i = 0; i < c->nhead; i++)
		check_text(r, n, c->head[i]);
}

static void read_columns(struct reader *r, xmlNodePtr n, model_layout *l, int group)
{
	xmlNodePtr c;

	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next)) {
		if (xmlio_is(c, "column"))
			read_column(r, c, l, group);
		else if (xmlio_is(c, "group")) {
			model_group *g;

			util_grow(&l->grp, &l->capgrp, l->ngrp, sizeof *l->grp);
			g = &l->grp[l->ngrp];
			g->label = xmlio_attr(c, "label");
			g->parent = group;
			check_text(r, c, g->label);
			read_columns(r, c, l, (int)l->ngrp++);
		}
	}
}

static int yes(xmlNodePtr n, const char *attr, int dflt)
{
	char *s = xmlio_attr(n, attr);
	int v = s ? strcmp(s, "yes") == 0 : dflt;

	free(s);
	return v;
}

/* A label attribute of the layout, or its default (the official wording). */
static char *label_attr(xmlNodePtr n, const char *name, const char *dflt)
{
	char *s = xmlio_attr(n, name);

	return s ? s : util_strdup(dflt);
}

/* The layout's label attributes, each with the official wording as its
 * default; n NULL (a template without a layout) gives the defaults. */
static void layout_labels(model_layout *l, xmlNodePtr n)
{
	struct {
		char **dst;
		const char *attr, *dflt;
	} v[] = {
		{ &l->subtotal_label, "subtotal-label", "উপমোট" },
		{ &l->total_label, "total-label", "মোট (অর্জনযোগ্য সর্বোচ্চ মান: {max})" },
		{ &l->target_label, "target-label", "লক্ষ্যমাত্রা" },
		{ &l->achievement_label, "achievement-label", "অর্জন" },
		{ &l->weight_label, "weight-label", "সূচকের মান" },
		{ &l->quarter_label, "quarter-achievement-label", "{quarter} অর্জন" },
		{ &l->quarter_target_label, "quarter-target-label", "{quarter} লক্ষ্যমাত্রা" },
		{ &l->total_achievement_label, "total-achievement-label", "মোট অর্জন" },
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof *v; i++) {
		free(*v[i].dst);
		*v[i].dst = n ? label_attr(n, v[i].attr, v[i].dflt) : util_strdup(v[i].dflt);
	}
}

static void read_layout(struct reader *r, xmlNodePtr n)
{
	model_layout *l = &r->t->layout;
	char *s;

	model_free_layout(l);
	l->loc = loc(r, n);
	s = xmlio_attr(n, "orientation");
	l->landscape = s == NULL || strcmp(s, "landscape") == 0;
	free(s);
	s = xmlio_attr(n, "rows");
	l->paired_rows = s && strcmp(s, "paired") == 0;
	free(s);
	l->column_numbers = yes(n, "column-numbers", 0);
	l->grade_percents = yes(n, "grade-percents", 0);
	l->subtotals = yes(n, "subtotals", 0);
	l->total_row = yes(n, "total-row", 0);
	l->font = xmlio_attr(n, "font");
	layout_labels(l, n);
	s = xmlio_attr(n, "areas");
	l->area_rows = s && strcmp(s, "rows") == 0;
	free(s);
	l->brackets = yes(n, "brackets", 1);
	s = xmlio_attr(n, "label-span");
	l->label_span = s ? atoi(s) : 0;
	free(s);
	s = xmlio_attr(n, "weight-decimals");
	l->weight_decimals = s ? atoi(s) : -1;
	free(s);
	check_text(r, n, l->weight_label);
	check_text(r, n, l->quarter_label);
	check_text(r, n, l->quarter_target_label);
	check_text(r, n, l->total_achievement_label);
	l->title = xmlio_lines(n, "title", &l->ntitle);
	l->footnote = xmlio_lines(n, "footnote", &l->nfootnote);
	check_children(r, n, "title");
	check_children(r, n, "footnote");
	read_columns(r, xmlio_child(n, "columns"), l, -1);
}

/* The letter's label attributes and their defaults, by enum model_letter_label. */
static const char *const letter_label_attr[] = { "subject-label", "reference-label", "date-label",
						 "attachment-label", "copies-label", "email-label", "sheet-label",
						 "phone-label" };
static const char *const letter_label_default[] = { "বিষয়:", "সূত্র:", "তারিখ:", "সংযুক্তি:", "অনুলিপি:",
						    "ই-মেইল:", "পত্র", "ফোন:" };

static void read_letter(struct reader *r, xmlNodePtr n)
{
	model_letter_text *lt = &r->t->letter;
	xmlNodePtr c;
	size_t i;

	free(lt->subject);
	for (i = 0; i < lt->nbody; i++)
		free(lt->body[i]);
	free(lt->body);
	lt->subject = (c = xmlio_child(n, "subject")) ? xmlio_text(c) : NULL;
	for (i = 0; i < LABEL_COUNT; i++) {
		char *v = xmlio_attr(n, letter_label_attr[i]);

		if (v) {
			free(lt->label[i]);
			lt->label[i] = v;
		}
	}
	lt->body = xmlio_lines(xmlio_child(n, "body"), "p", &lt->nbody);
	check_children(r, n, "subject");
	check_children(r, xmlio_child(n, "body"), "p");
}

/* Replaces *dst with the trimmed text of child name of n, when present. */
static void set_text(xmlNodePtr n, const char *name, char **dst)
{
	xmlNodePtr c = xmlio_child(n, name);

	if (c == NULL)
		return;
	free(*dst);
	*dst = xmlio_text(c);
}

/* Finds activity id; *area gets its area. */
static model_activity *find_activity(model_template *t, const char *id, model_area **area)
{
	size_t a, b;

	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			if (strcmp(t->area[a].act[b].id, id) == 0) {
				*area = &t->area[a];
				return &t->area[a].act[b];
			}
	return NULL;
}

static model_area *find_area(model_template *t, const char *id)
{
	size_t a;

	for (a = 0; a < t->narea; a++)
		if (t->area[a].id && strcmp(t->area[a].id, id) == 0)
			return &t->area[a];
	return NULL;
}

static void apply_modify(struct reader *r, xmlNodePtr n)
{
	char *id = id_attr(n, "indicator");
	model_indicator *ind = model_find_indicator(r->t, id);

	if (ind == NULL) {
		err(r, n, "modify: no indicator [%s] in the base template", id);
		free(id);
		return;
	}
	free(id);
	weight_attr(r, n, &ind->weight);
	scoring_attrs(r, n, ind);
	set_text(n, "label", &ind->label);
	ind->loc = loc(r, n);
	read_indicator_body(r, n, ind);
}

/* Removes element i of an array of n elements of size sz. */
static void remove_at(void *arr, size_t *n, size_t i, size_t sz)
{
	char *p = arr;

	memmove(p + i * sz, p + (i + 1) * sz, (*n - i - 1) * sz);
	(*n)--;
}

static void drop_activity(model_area *ar, model_activity *a)
{
	model_free_activity(a);
	remove_at(ar->act, &ar->nact, (size_t)(a - ar->act), sizeof *a);
}

static void drop_indicator(struct reader *r, xmlNodePtr n, const char *id)
{
	size_t a, b, c;

	for (a = 0; a < r->t->narea; a++)
		for (b = 0; b < r->t->area[a].nact; b++) {
			model_activity *act = &r->t->area[a].act[b];

			for (c = 0; c < act->nind; c++) {
				if (strcmp(act->ind[c].id, id) != 0)
					continue;
				free(act->ind[c].id);
				free(act->ind[c].label);
				free(act->ind[c].responsible);
				remove_at(act->ind, &act->nind, c, sizeof *act->ind);
				if (act->nind == 0)
					drop_activity(&r->t->area[a], act);
				return;
			}
		}
	err(r, n, "drop: no indicator [%s] in the base template", id);
}

static void apply_drop(struct reader *r, xmlNodePtr n)
{
	char *ind = id_attr(n, "indicator"), *act = id_attr(n, "activity");
	model_area *ar = NULL;
	model_activity *a;

	if (ind)
		drop_indicator(r, n, ind);
	else if ((a = find_activity(r->t, act, &ar)) != NULL)
		drop_activity(ar, a);
	else
		err(r, n, "drop: no activity [%s] in the base template", act);
	free(ind);
	free(act);
}

static void apply_add(struct reader *r, xmlNodePtr n)
{
	char *act = id_attr(n, "activity"), *area = id_attr(n, "area");
	model_area *ar = NULL;
	model_activity *a = NULL;
	xmlNodePtr c;

	if (act && (a = find_activity(r->t, act, &ar)) == NULL)
		err(r, n, "add: no activity [%s] in the base template", act);
	else if (area && (ar = find_area(r->t, area)) == NULL)
		err(r, n, "add: no area [%s] in the base template", area);
	for (c = xmlio_elem(n->children); c && (a || !act); c = xmlio_elem(c->next)) {
		if (xmlio_is(c, "indicator"))
			read_indicator(r, c, a);
		else if (xmlio_is(c, "area"))
			read_area(r, c);
		else if (xmlio_is(c, "activity") && (ar || !area))
			read_activity(r, c, ar ? ar : r->t->has_areas ? &r->t->area[r->t->narea - 1] : plain_area(r, c));
	}
	free(act);
	free(area);
}

/* "2023-2024", "২০২৩-২৪" -> "2023-2024" and its first year; 0 when malformed. */
static int parse_fiscal_year(const char *s, char **out)
{
	char *a = bn_ascii_digits(s);
	int y1 = 0, y2 = 0, n = 0;

	if (sscanf(a, "%4d-%4d%n", &y1, &y2, &n) != 2 || a[n] != '\0')
		y1 = 0;
	else if (y2 < 100)
		y2 += y1 / 100 * 100;
	free(a);
	if (y1 < 1900 || y2 != y1 + 1)
		return 0;
	*out = util_printf("%d-%d", y1, y2);
	return y1;
}

static void read_scalars(struct reader *r, xmlNodePtr root)
{
	model_template *t = r->t;
	xmlNodePtr c;
	char *s;

	set_text(root, "title", &t->title);
	set_text(root, "level", &t->level);
	set_text(root, "annex", &t->annex);
	if ((s = xmlio_attr(root, "method")) != NULL)
		t->method = parse_method(s, t->method);
	free(s);
	if ((c = xmlio_child(root, "fiscal-year")) != NULL) {
		s = xmlio_text(c);
		free(t->fiscal_year);
		t->fiscal_year = NULL;
		if ((t->fy_start = parse_fiscal_year(s, &t->fiscal_year)) == 0)
			err(r, c, "fiscal year '%s' is not like 2023-2024", s);
		free(s);
	}
	if ((c = xmlio_child(root, "total")) != NULL) {
		s = xmlio_text(c);
		t->has_total = 1;
		if (value_number(s, &t->total) != 0)
			err(r, c, "total '%s' is not a number", s);
		free(s);
	}
}

/* Applies one template file's content on top of what r->t holds already. */
static void read_body(struct reader *r, xmlNodePtr root)
{
	xmlNodePtr c;

	read_scalars(r, root);
	if ((c = xmlio_child(root, "grades")) != NULL)
		read_grades(r, c, r->t->ngrade > 0);
	if ((c = xmlio_child(root, "units")) != NULL)
		read_units(r, c);
	if ((c = xmlio_child(root, "fields")) != NULL)
		read_fields(r, c);
	for (c = xmlio_elem(root->children); c; c = xmlio_elem(c->next)) {
		if (xmlio_is(c, "plan"))
			read_plan(r, c);
		else if (xmlio_is(c, "modify"))
			apply_modify(r, c);
		else if (xmlio_is(c, "drop"))
			apply_drop(r, c);
		else if (xmlio_is(c, "add"))
			apply_add(r, c);
		else if (xmlio_is(c, "layout"))
			read_layout(r, c);
		else if (xmlio_is(c, "letter"))
			read_letter(r, c);
	}
}

static const char *remember_file(model_template *t, const char *file)
{
	t->files = util_realloc(t->files, (t->nfiles + 1) * sizeof *t->files);
	t->files[t->nfiles] = util_strdup(file);
	return t->files[t->nfiles++];
}

static int load_into(struct reader *r, const char *file);

/* The remembered copy of file (files are remembered once per read). */
static const char *find_file(const model_template *t, const char *file)
{
	size_t i = t->nfiles;

	while (i-- > 0)
		if (strcmp(t->files[i], file) == 0)
			return t->files[i];
	return file;
}

/* Loads the template that root extends into r->t first. */
static int load_base(struct reader *r, xmlNodePtr root, const char *file)
{
	char *base = xmlio_attr(root, "extends"), *dir, *bfile;
	tpl_path p;
	size_t i;
	int rc = 0;

	if (base == NULL)
		return 0;
	dir = util_dir_of(file);
	memset(&p, 0, sizeof p);
	util_grow(&p.dir, &p.cap, 0, sizeof *p.dir);
	p.dir[p.n++] = dir;
	for (i = 0; r->path && i < r->path->n; i++) {
		util_grow(&p.dir, &p.cap, p.n, sizeof *p.dir);
		p.dir[p.n++] = util_strdup(r->path->dir[i]);
	}
	if (!tpl_id_ok(base))
		err(r, root, "extends: '%s' is not a template id (a relative name without '.' or '..' parts)", base),
			rc = -1;
	else if (r->depth >= MAX_DEPTH)
		err(r, root, "extends: more than %d levels (a cycle?)", MAX_DEPTH), rc = -1;
	else if ((bfile = tpl_find(&p, base)) == NULL)
		err(r, root, "extends: template '%s' not found", base), rc = -1;
	else {
		rc = load_into(r, bfile);
		free(bfile);
	}
	tpl_path_free(&p);
	free(base);
	return rc;
}

static int load_into(struct reader *r, const char *file)
{
	xmlDocPtr doc = xmlio_load(file, XMLIO_TEMPLATE, DIAG_TEMPLATE, r->dl);
	xmlNodePtr root;
	const char *saved = r->file;
	int rc;

	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	r->file = remember_file(r->t, file);
	r->depth++;
	rc = load_base(r, root, file);
	r->depth--;
	if (rc == 0) {
		r->file = find_file(r->t, file);
		read_body(r, root);
		if (r->depth == 0) {
			free(r->t->id);
			r->t->id = xmlio_attr(root, "id");
			r->t->loc = loc(r, root);
		}
		r->file = saved;
	}
	xmlFreeDoc(doc);
	return rc;
}

/* Fills what the template left to defaults. */
static void resolve_defaults(model_template *t)
{
	static const enum model_agg dflt[] = { AGG_EARLIEST, AGG_SUM, AGG_LATEST, AGG_SUM };
	size_t a, b, c;

	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			for (c = 0; c < t->area[a].act[b].nind; c++) {
				model_indicator *ind = &t->area[a].act[b].ind[c];

				if (ind->agg == AGG_DEFAULT)
					ind->agg = dflt[ind->unit];
			}
	for (a = 0; a < LABEL_COUNT; a++)
		if (t->letter.label[a] == NULL)
			t->letter.label[a] = util_strdup(letter_label_default[a]);
	if (t->layout.total_label == NULL) { /* no <layout> anywhere */
		layout_labels(&t->layout, NULL);
		t->layout.brackets = 1;
		t->layout.weight_decimals = -1;
	}
}

model_template *tpl_load(const char *file, const tpl_path *p, diag_list *dl)
{
	struct reader r;
	size_t before = diag_errors(dl);
	int i;

	memset(&r, 0, sizeof r);
	r.t = util_alloc(sizeof *r.t);
	r.t->method = METHOD_INTERPOLATE;
	for (i = 0; i < 4; i++)
		add_unit(r.t, unit_kind_name[i], util_strdup(unit_kind_label[i]), (enum model_unit)i, -1);
	r.dl = dl;
	r.path = p;
	r.file = file;
	if (load_into(&r, file) == 0) {
		resolve_defaults(r.t);
		model_index_template(r.t);
		validate_template(r.t, dl);
	} else if (diag_errors(dl) == before)
		diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, file, 0, "the template could not be read");
	if (diag_errors(dl) > before) {
		model_template_free(r.t);
		return NULL;
	}
	return r.t;
}
