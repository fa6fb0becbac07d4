/* data.c - reads one office's report data (XML) into the model. */
#include "data.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "util.h"
#include "value.h"
#include "xmlio.h"

struct data_doc {
	char *file;
	xmlDocPtr doc;
	char *template_id;
	char **names; /* a built document's locations: node line L is names[L - 1] */
	size_t nnames;
};

/* What one reading pass needs. */
struct reader {
	model_report *r;
	const model_template *t;
	diag_list *dl;
	model_index seen; /* refs read so far */
};

/* Where node n came from: a line of the file, or (a document built from a
 * workbook or CSV) the cell or line its line number stands for. */
static model_loc loc_of(struct reader *rd, xmlNodePtr n)
{
	model_loc l = { rd->r->file, n ? xmlio_line(n) : 0 };

	if (rd->r->names && l.line > 0 && (size_t)l.line <= rd->r->nnames) {
		l.file = rd->r->names[l.line - 1];
		l.line = 0;
	}
	return l;
}

static void derr(struct reader *rd, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void derr(struct reader *rd, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;
	model_loc l;
	char *m;

	va_start(ap, fmt);
	m = util_vprintf(fmt, ap);
	va_end(ap);
	l = loc_of(rd, n);
	diag_add(rd->dl, DIAG_ERROR, DIAG_DATA, l.file, l.line, "%s", m);
	free(m);
}

data_doc *data_open(const char *file, diag_list *dl)
{
	xmlDocPtr doc = xmlio_load(file, XMLIO_DATA, DIAG_DATA, dl);
	data_doc *d;

	if (doc == NULL)
		return NULL;
	d = util_alloc(sizeof *d);
	d->file = util_strdup(file);
	d->doc = doc;
	d->template_id = xmlio_attr(xmlDocGetRootElement(doc), "template");
	if (!tpl_id_ok(d->template_id)) {
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, data_template_line(d),
			 "template '%s' is not a template id (a relative name without '.' or '..' parts)",
			 d->template_id);
		data_close(d);
		return NULL;
	}
	return d;
}

data_doc *data_from_doc(const char *file, xmlDocPtr doc, char **names, size_t nnames)
{
	data_doc *d = util_alloc(sizeof *d);

	d->file = util_strdup(file);
	d->doc = doc;
	d->template_id = xmlio_attr(xmlDocGetRootElement(doc), "template");
	if (d->template_id == NULL)
		d->template_id = util_strdup("");
	d->names = names;
	d->nnames = nnames;
	return d;
}

void data_build_init(data_build *b, const char *template_id, int quarter, const char *fiscal_year)
{
	char q[16];

	memset(b, 0, sizeof *b);
	b->doc = xmlNewDoc(BAD_CAST "1.0");
	b->root = xmlNewNode(NULL, BAD_CAST "report");
	xmlDocSetRootElement(b->doc, b->root);
	snprintf(q, sizeof q, "%d", quarter);
	xmlNewProp(b->root, BAD_CAST "template", BAD_CAST template_id);
	xmlNewProp(b->root, BAD_CAST "quarter", BAD_CAST q);
	if (fiscal_year)
		xmlNewProp(b->root, BAD_CAST "fiscal-year", BAD_CAST fiscal_year);
}

/* Node lines are 16 bits: locations past that many are the file's alone. */
#define MAX_NAMES 65000

void data_build_at(data_build *b, xmlNodePtr n, const char *name)
{
	if (b->nnames >= MAX_NAMES)
		return;
	util_grow(&b->names, &b->cap, b->nnames, sizeof *b->names);
	b->names[b->nnames++] = util_strdup(name);
	n->line = (unsigned short)b->nnames;
}

data_doc *data_build_done(data_build *b, const char *file)
{
	data_doc *d = data_from_doc(file, b->doc, b->names, b->nnames);

	memset(b, 0, sizeof *b);
	return d;
}

const char *data_file(const data_doc *d)
{
	return d->file;
}

xmlDocPtr data_xml(const data_doc *d)
{
	return d->doc;
}

const char *data_template_id(const data_doc *d)
{
	return d->template_id;
}

int data_template_line(const data_doc *d)
{
	if (d->names)
		return 0;
	return xmlio_line(xmlDocGetRootElement(d->doc));
}

void data_close(data_doc *d)
{
	if (d == NULL)
		return;
	xmlFreeDoc(d->doc);
	util_free_strv(d->names, d->nnames);
	free(d->file);
	free(d->template_id);
	free(d);
}

static char *opt_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = xmlio_child(n, name);

	return c ? xmlio_text(c) : NULL;
}

/* Parses the date text of n into *d; returns 1 when a date was given. */
static int read_date(struct reader *rd, xmlNodePtr n, const char *text, bn_date *d)
{
	int rc;

	if (text == NULL || text[0] == '\0')
		return 0;
	rc = bn_parse_date(text, d);
	if (rc == BN_DATE_SYNTAX)
		derr(rd, n, "'%s' is not a date (write dd/mm/yyyy)", text);
	else if (rc == BN_DATE_INVALID)
		derr(rd, n, "impossible date '%s'", text);
	return rc == BN_DATE_OK;
}

static void read_signatory(struct reader *rd, xmlNodePtr n, model_signatory *s)
{
	xmlNodePtr c;

	memset(s, 0, sizeof *s);
	s->name = opt_text(n, "name");
	s->designation = opt_text(n, "designation");
	s->office = opt_text(n, "office");
	s->phone = opt_text(n, "phone");
	s->email = opt_text(n, "email");
	s->loc = loc_of(rd, n);
	if ((c = xmlio_child(n, "date")) != NULL) {
		char *t = xmlio_text(c);
		s->has_date = read_date(rd, c, t, &s->date);
		free(t);
	}
}

static void read_office(struct reader *rd, xmlNodePtr n)
{
	model_report *r = rd->r;

	r->office = opt_text(n, "name");
	r->letterhead = xmlio_lines(xmlio_child(n, "letterhead"), "line", &r->nletterhead);
	r->website = opt_text(n, "website");
	r->slogan = xmlio_lines(xmlio_child(n, "slogan"), "line", &r->nslogan);
}

static void read_attachment(struct reader *rd, xmlNodePtr n, model_letter *l)
{
	char *count = xmlio_attr(n, "count");
	rat c;

	l->attachment = xmlio_text(n);
	l->attachment_count = -1;
	if (count == NULL)
		return;
	if (value_number(count, &c) != 0 || c.d != 1 || c.n > 999999999)
		derr(rd, n, "attachment count '%s' is not a whole number", count);
	else
		l->attachment_count = (long)c.n;
	free(count);
}

static void read_letter(struct reader *rd, xmlNodePtr n)
{
	model_letter *l = &rd->r->letter;
	xmlNodePtr c;
	char *s;

	l->present = 1;
	l->memo = opt_text(n, "memo");
	l->subject = opt_text(n, "subject");
	l->attention = opt_text(n, "attention");
	l->body = xmlio_lines(xmlio_child(n, "body"), "p", &l->nbody);
	l->recipient = xmlio_lines(xmlio_child(n, "recipient"), "line", &l->nrecipient);
	l->copies = xmlio_lines(xmlio_child(n, "copies"), "copy", &l->ncopies);
	l->attachment_count = -1;
	if ((c = xmlio_child(n, "date")) != NULL) {
		s = xmlio_text(c);
		l->has_date = read_date(rd, c, s, &l->date);
		free(s);
	}
	if ((c = xmlio_child(n, "reference")) != NULL) {
		l->ref_memo = xmlio_attr(c, "memo");
		s = xmlio_attr(c, "date");
		l->has_ref_date = read_date(rd, c, s, &l->ref_date);
		free(s);
	}
	if ((c = xmlio_child(n, "attachment")) != NULL)
		read_attachment(rd, c, l);
	if ((c = xmlio_child(n, "signatory")) != NULL) {
		read_signatory(rd, c, &l->signatory);
		l->has_signatory = 1;
	}
}

/* Reads one <achieved> or <target> into its quarter slot. */
static void read_quarter_value(struct reader *rd, xmlNodePtr n, const model_indicator *ind,
			       model_result *res, int is_target)
{
	char *qs = xmlio_attr(n, "quarter"), *text = xmlio_text(n), *e;
	int q = bn_parse_quarter(qs);
	model_value *slot;

	if (q == 0) {
		derr(rd, n, "quarter '%s' is not 1 to 4", qs);
		goto out;
	}
	slot = is_target ? &res->qtarget[q - 1] : &res->ach[q - 1];
	if (is_target ? res->has_qtarget[q - 1] : res->qgiven[q - 1]) {
		derr(rd, n, "[%s]: %s for quarter %d given twice", res->ref,
		     is_target ? "target" : "achievement", q);
		goto out;
	}
	if ((e = value_parse(text, ind->unit, slot)) != NULL) {
		derr(rd, n, "[%s] quarter %d: %s", res->ref, q, e);
		free(e);
	}
	if (is_target)
		res->has_qtarget[q - 1] = 1;
	else {
		res->qloc[q - 1] = loc_of(rd, n);
		res->qgiven[q - 1] = 1;
	}
out:
	free(qs);
	free(text);
}

/* An office's value of a declared field: <value field="id" quarter="q">text</value>. */
static void read_field_value(struct reader *rd, xmlNodePtr n, model_result *res)
{
	char *id = xmlio_attr(n, "field"), *qs = xmlio_attr(n, "quarter"), *e;
	int d = model_find_field(rd->t, id), q = qs ? bn_parse_quarter(qs) : 0;
	const model_fielddef *f = d >= 0 ? &rd->t->fielddef[d] : NULL;
	model_fvalue *v;

	if (f == NULL || f->source == FS_PLAN)
		derr(rd, n, f ? "[%s]: field '%s' is the plan's, not the office's" :
				"[%s]: unknown field '%s' (not declared in template '%s')", res->ref, id, rd->t->id);
	else if (qs && q == 0)
		derr(rd, n, "quarter '%s' is not 1 to 4", qs);
	else if ((f->source == FS_QUARTER) != (q != 0))
		derr(rd, n, q ? "[%s]: field '%s' is given once, not per quarter" :
				"[%s]: field '%s' is given per quarter: say which with quarter=", res->ref, id);
	else if (model_field_value(res->fv, res->nfv, d, q))
		derr(rd, n, "[%s]: field '%s' given twice", res->ref, id);
	else {
		util_grow(&res->fv, &res->capfv, res->nfv, sizeof *res->fv);
		v = &res->fv[res->nfv++];
		memset(v, 0, sizeof *v);
		v->field = id;
		id = NULL;
		v->quarter = q;
		v->decl = d;
		v->text = xmlio_text(n);
		v->loc = loc_of(rd, n);
		if ((e = value_field_parse(v->text, f->type, &v->v, &v->v2)) != NULL) {
			derr(rd, n, "[%s] %s: %s", res->ref, f->id, e);
			free(e);
		}
	}
	free(id);
	free(qs);
}

static void read_result(struct reader *rd, xmlNodePtr n)
{
	model_report *r = rd->r;
	char *raw = xmlio_attr(n, "ref");
	char *id = model_ascii_id(raw);
	const model_indicator *ind = model_find_indicator(rd->t, id);
	model_result *res;
	xmlNodePtr c;

	free(raw);
	if (ind == NULL || model_index_get(&rd->seen, id) != NULL) {
		derr(rd, n, ind ? "indicator [%s] given twice" : "unknown indicator [%s] (not in template '%s')",
		     id, rd->t->id);
		free(id);
		return;
	}
	util_grow(&r->res, &r->capres, r->nres, sizeof *r->res);
	res = &r->res[r->nres++];
	memset(res, 0, sizeof *res);
	res->ref = id;
	model_index_put(&rd->seen, res->ref, res->ref);
	res->loc = loc_of(rd, n);
	res->comment = opt_text(n, "comment");
	res->responsible = opt_text(n, "responsible");
	if ((c = xmlio_child(n, "evidence")) != NULL) {
		res->evidence = xmlio_attr(c, "href");
		res->evidence_label = xmlio_text(c);
	}
	for (c = xmlio_elem(n->children); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, "achieved") || xmlio_is(c, "target"))
			read_quarter_value(rd, c, ind, res, xmlio_is(c, "target"));
		else if (xmlio_is(c, "value"))
			read_field_value(rd, c, res);
}

static void read_header(struct reader *rd, xmlNodePtr root, const char *tid)
{
	model_report *r = rd->r;
	char *s = xmlio_attr(root, "quarter");

	r->template_id = util_strdup(tid);
	r->loc = loc_of(rd, root);
	if ((r->quarter = bn_parse_quarter(s)) == 0)
		derr(rd, root, "quarter '%s' is not 1 to 4 (or ১ম … ৪র্থ)", s);
	free(s);
	r->fiscal_year = xmlio_attr(root, "fiscal-year");
	if (r->fiscal_year && rd->t->fiscal_year) {
		char *a = bn_ascii_digits(r->fiscal_year);
		char *want = util_printf("%d-%02d", rd->t->fy_start, (rd->t->fy_start + 1) % 100);

		if (strcmp(a, rd->t->fiscal_year) != 0 && strcmp(a, want) != 0)
			derr(rd, root, "data is for fiscal year %s, template '%s' for %s",
			     r->fiscal_year, rd->t->id, rd->t->fiscal_year);
		free(a);
		free(want);
	}
}

model_report *data_read(data_doc *d, const model_template *t, diag_list *dl)
{
	struct reader rd = { NULL, t, dl, { 0 } };
	xmlNodePtr root = xmlDocGetRootElement(d->doc), c;
	size_t before = diag_errors(dl);

	rd.r = util_alloc(sizeof *rd.r);
	rd.r->file = util_strdup(d->file);
	rd.r->names = d->names;
	rd.r->nnames = d->nnames;
	d->names = NULL;
	d->nnames = 0;
	read_header(&rd, root, d->template_id);
	read_office(&rd, xmlio_child(root, "office"));
	rd.r->title = xmlio_lines(xmlio_child(root, "titles"), "line", &rd.r->ntitle);
	if ((c = xmlio_child(root, "letter")) != NULL)
		read_letter(&rd, c);
	for (c = xmlio_elem(xmlio_child(root, "results")->children); c; c = xmlio_elem(c->next))
		read_result(&rd, c);
	if ((c = xmlio_child(root, "signatures")) != NULL)
		for (c = xmlio_elem(c->children); c; c = xmlio_elem(c->next)) {
			util_grow(&rd.r->sig, &rd.r->capsig, rd.r->nsig, sizeof *rd.r->sig);
			read_signatory(&rd, c, &rd.r->sig[rd.r->nsig++]);
		}
	model_index_free(&rd.seen);
	if (diag_errors(dl) > before) {
		model_report_free(rd.r);
		return NULL;
	}
	model_index_report(rd.r);
	return rd.r;
}

/* ---- for the ministry summary ---- */

char *data_office_name(const data_doc *d)
{
	xmlNodePtr office = xmlio_child(xmlDocGetRootElement(d->doc), "office");
	xmlNodePtr name = office ? xmlio_child(office, "name") : NULL;

	return name ? xmlio_text(name) : NULL;
}
