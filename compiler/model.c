/* model.c - lookups and ownership of the model. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t hash_id(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of key, or of the empty slot where it would go. */
static size_t slot_of(const model_index *x, const char *key)
{
	size_t i = hash_id(key) & (x->cap - 1);

	while (x->key[i] && strcmp(x->key[i], key) != 0)
		i = (i + 1) & (x->cap - 1);
	return i;
}

static void index_grow(model_index *x)
{
	model_index big = { NULL, NULL, x->cap ? x->cap * 2 : 64, 0 };
	size_t i;

	big.key = util_alloc(big.cap * sizeof *big.key);
	big.val = util_alloc(big.cap * sizeof *big.val);
	for (i = 0; i < x->cap; i++)
		if (x->key[i])
			model_index_put(&big, x->key[i], x->val[i]);
	model_index_free(x);
	*x = big;
}

void *model_index_put(model_index *x, const char *key, void *val)
{
	size_t i;

	if (2 * (x->n + 1) > x->cap)
		index_grow(x);
	i = slot_of(x, key);
	if (x->key[i])
		return x->val[i];
	x->key[i] = key;
	x->val[i] = val;
	x->n++;
	return NULL;
}

void *model_index_get(const model_index *x, const char *key)
{
	size_t i;

	if (x->cap == 0)
		return NULL;
	i = slot_of(x, key);
	return x->key[i] ? x->val[i] : NULL;
}

void model_index_free(model_index *x)
{
	free(x->key);
	free(x->val);
	memset(x, 0, sizeof *x);
}

void model_index_template(model_template *t)
{
	size_t a, b, c;

	model_index_free(&t->ind_index);
	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			for (c = 0; c < t->area[a].act[b].nind; c++)
				model_index_put(&t->ind_index, t->area[a].act[b].ind[c].id, &t->area[a].act[b].ind[c]);
}

void model_index_report(model_report *r)
{
	size_t i;

	model_index_free(&r->res_index);
	for (i = 0; i < r->nres; i++)
		model_index_put(&r->res_index, r->res[i].ref, &r->res[i]);
}

model_indicator *model_find_indicator(const model_template *t, const char *id)
{
	size_t a, b, c;

	if (t->ind_index.n)
		return model_index_get(&t->ind_index, id);
	for (a = 0; a < t->narea; a++)
		for (b = 0; b < t->area[a].nact; b++)
			for (c = 0; c < t->area[a].act[b].nind; c++)
				if (strcmp(t->area[a].act[b].ind[c].id, id) == 0)
					return &t->area[a].act[b].ind[c];
	return NULL;
}

const model_result *model_find_result(const model_report *r, const char *id)
{
	size_t i;

	if (r->res_index.n)
		return model_index_get(&r->res_index, id);
	for (i = 0; i < r->nres; i++)
		if (strcmp(r->res[i].ref, id) == 0)
			return &r->res[i];
	return NULL;
}

const char *model_unit_name(enum model_unit u)
{
	static const char *const names[] = { "date", "count", "percent", "score" };

	return names[u];
}

int model_find_field(const model_template *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->nfielddef; i++)
		if (strcmp(t->fielddef[i].id, id) == 0)
			return (int)i;
	return -1;
}

const model_fvalue *model_field_value(const model_fvalue *v, size_t n, int decl, int q)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].decl == decl && v[i].quarter == q)
			return &v[i];
	return NULL;
}

void model_free_fvalues(model_fvalue *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].field);
		free(v[i].text);
	}
	free(v);
}

#define MEM_PREFIX "\xe0\xa6\x8f\xe0\xa6\xae" /* এম */

char *model_display_id(const char *id)
{
	buf b = { 0 };
	char *s;

	if (id[0] == 'M') {
		buf_add(&b, MEM_PREFIX);
		id++;
	}
	buf_add(&b, id);
	s = bn_bengali_digits(b.s);
	buf_free(&b);
	return s;
}

char *model_ascii_id(const char *id)
{
	buf b = { 0 };
	char *s;

	if (strncmp(id, MEM_PREFIX, strlen(MEM_PREFIX)) == 0) {
		buf_add(&b, "M");
		id += strlen(MEM_PREFIX);
	}
	buf_add(&b, id);
	s = bn_ascii_digits(b.s);
	buf_free(&b);
	return s;
}

void model_free_layout(model_layout *l)
{
	size_t i;

	util_free_strv(l->title, l->ntitle);
	for (i = 0; i < l->ncol; i++)
		util_free_strv(l->col[i].head, l->col[i].nhead);
	free(l->col);
	for (i = 0; i < l->ngrp; i++)
		free(l->grp[i].label);
	free(l->grp);
	util_free_strv(l->footnote, l->nfootnote);
	free(l->font);
	free(l->subtotal_label);
	free(l->total_label);
	free(l->target_label);
	free(l->achievement_label);
	free(l->weight_label);
	free(l->quarter_label);
	free(l->quarter_target_label);
	free(l->total_achievement_label);
	memset(l, 0, sizeof *l);
}

void model_free_activity(model_activity *a)
{
	size_t i;

	for (i = 0; i < a->nind; i++) {
		free(a->ind[i].id);
		free(a->ind[i].number);
		free(a->ind[i].label);
		free(a->ind[i].responsible);
		model_free_fvalues(a->ind[i].fv, a->ind[i].nfv);
	}
	free(a->ind);
	free(a->id);
	free(a->number);
	free(a->label);
}

void model_free_areas(model_area *area, size_t n)
{
	size_t a, b;

	for (a = 0; a < n; a++) {
		for (b = 0; b < area[a].nact; b++)
			model_free_activity(&area[a].act[b]);
		free(area[a].act);
		free(area[a].id);
		free(area[a].number);
		free(area[a].label);
	}
	free(area);
}

void model_template_free(model_template *t)
{
	size_t a;

	if (t == NULL)
		return;
	model_free_areas(t->area, t->narea);
	for (a = 0; a < (size_t)t->ngrade; a++)
		free(t->grade[a].label);
	model_free_layout(&t->layout);
	for (a = 0; a < t->nunitdef; a++) {
		free(t->unitdef[a].id);
		free(t->unitdef[a].label);
	}
	free(t->unitdef);
	for (a = 0; a < t->nfielddef; a++) {
		free(t->fielddef[a].id);
		free(t->fielddef[a].label);
	}
	free(t->fielddef);
	free(t->letter.subject);
	for (a = 0; a < LABEL_COUNT; a++)
		free(t->letter.label[a]);
	util_free_strv(t->letter.body, t->letter.nbody);
	free(t->id);
	free(t->title);
	free(t->fiscal_year);
	free(t->level);
	free(t->annex);
	util_free_strv(t->files, t->nfiles);
	model_index_free(&t->ind_index);
	free(t);
}

static void free_signatory(model_signatory *s)
{
	free(s->name);
	free(s->designation);
	free(s->office);
	free(s->phone);
	free(s->email);
}

static void free_letter(model_letter *l)
{
	free(l->memo);
	free(l->ref_memo);
	free(l->subject);
	util_free_strv(l->body, l->nbody);
	util_free_strv(l->recipient, l->nrecipient);
	free(l->attachment);
	free(l->attention);
	util_free_strv(l->copies, l->ncopies);
	free_signatory(&l->signatory);
}

void model_report_free(model_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nres; i++) {
		free(r->res[i].ref);
		free(r->res[i].comment);
		free(r->res[i].evidence);
		free(r->res[i].evidence_label);
		free(r->res[i].responsible);
		model_free_fvalues(r->res[i].fv, r->res[i].nfv);
	}
	free(r->res);
	for (i = 0; i < r->nsig; i++)
		free_signatory(&r->sig[i]);
	free(r->sig);
	util_free_strv(r->names, r->nnames);
	free_letter(&r->letter);
	free(r->file);
	free(r->template_id);
	free(r->fiscal_year);
	free(r->office);
	util_free_strv(r->letterhead, r->nletterhead);
	free(r->website);
	util_free_strv(r->slogan, r->nslogan);
	util_free_strv(r->title, r->ntitle);
	model_index_free(&r->res_index);
	free(r);
}
