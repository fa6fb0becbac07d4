/* xmlio.c - safe XML loading with RELAX NG validation. */
#include "xmlio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "util.h"

/* The schemas, compiled in from templates/schema/ (see schemas.c). */
extern const unsigned char schema_template_rng[];
extern const size_t schema_template_rng_len;
extern const unsigned char schema_data_rng[];
extern const size_t schema_data_rng_len;

/* Where libxml2's structured errors are sent while one file is read. */
struct sink {
	xmlDocPtr doc; /* set while validating */
	diag_list *dl;
	const char *file;
	enum diag_kind kind;
	int count;
};

/* Strips the newline libxml2 ends its messages with. */
static char *clean_message(const char *m)
{
	char *s = util_strdup(m ? m : "invalid XML");

	return util_squash(s);
}

static int find_line(xmlNodePtr n, const char *name)
{
	int l;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			return (int)xmlGetLineNo(n);
		if ((l = find_line(n->children, name)) > 0)
			return l;
	}
	return 0;
}

/* libxml2 gives some schema errors no location; "Element NAME …" names the
 * element, so point at its first occurrence. */
static int named_line(xmlDocPtr doc, const char *msg)
{
	char name[64];

	if (doc == NULL || sscanf(msg, "Element %63[A-Za-z0-9_-]", name) != 1)
		return 0;
	return find_line(doc->children, name);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct sink *k = ctx;
	char *msg;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	msg = clean_message(e->message);
	if (e->domain == XML_FROM_RELAXNGV && e->node != NULL)
		diag_add(k->dl, DIAG_ERROR, k->kind, k->file, xmlGetLineNo(e->node),
			 "schema: %s", msg);
	else if (e->domain == XML_FROM_RELAXNGV)
		diag_add(k->dl, DIAG_ERROR, k->kind, k->file, e->line ? e->line : named_line(k->doc, msg),
			 "schema: %s", msg);
	else
		diag_add(k->dl, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR, k->kind,
			 k->file, e->line, "%s", msg);
	k->count += e->level != XML_ERR_WARNING;
	free(msg);
}

/* External entities and DTDs are never fetched. */
static xmlParserInputPtr deny_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	(void)url;
	return NULL;
}

static xmlRelaxNGPtr compile_schema(enum xmlio_schema which)
{
	const unsigned char *p = which == XMLIO_TEMPLATE ? schema_template_rng : schema_data_rng;
	size_t n = which == XMLIO_TEMPLATE ? schema_template_rng_len : schema_data_rng_len;
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt((const char *)p, (int)n);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);

	xmlRelaxNGFreeParserCtxt(pc);
	return rng;
}

/* Compiled once per process, freed by xmlio_cleanup. */
static xmlRelaxNGPtr cache[2];

static xmlRelaxNGPtr schema(enum xmlio_schema which)
{
	if (cache[which] == NULL)
		cache[which] = compile_schema(which);
	return cache[which];
}

static int validate(xmlDocPtr doc, enum xmlio_schema which, struct sink *k)
{
	xmlRelaxNGPtr rng = schema(which);
	xmlRelaxNGValidCtxtPtr vc;
	int rc;

	if (rng == NULL) {
		diag_add(k->dl, DIAG_ERROR, DIAG_TEMPLATE, k->file, 0,
			 "internal error: built-in schema does not compile");
		return -1;
	}
	k->doc = doc;
	vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, on_error, k);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc != 0 && k->count == 0)
		diag_add(k->dl, DIAG_ERROR, k->kind, k->file, 0, "schema: document is not valid");
	return rc == 0 ? 0 : -1;
}

#define XMLIO_MAX_BYTES (64u * 1024 * 1024)

/* Reads the whole file; NULL (with an I/O diagnostic) when it cannot. A file
 * over XMLIO_MAX_BYTES is not read: its size is checked first (and reading
 * stops past the limit, for files whose size fstat cannot tell), and *len
 * then says how large it is, for xmlio_load to refuse. */
static char *slurp(const char *file, size_t *len, diag_list *dl)
{
	FILE *fp = fopen(file, "rb");
	buf b = { 0 };
	char chunk[65536];
	struct stat st;
	size_t n;

	if (fp == NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > XMLIO_MAX_BYTES) {
		fclose(fp);
		*len = (size_t)st.st_size;
		return util_strdup("");
	}
	while (b.len <= XMLIO_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_addn(&b, chunk, n);
	if (ferror(fp)) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "cannot read: %s", strerror(errno));
		buf_free(&b);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*len = b.len;
	return buf_take(&b);
}

/* The line of a DOCTYPE declaration, or 0. Checked on the raw text so that no
 * entity is ever declared, let alone expanded. */
static int doctype_line(const char *text)
{
	const char *p = strstr(text, "<!DOCTYPE"), *q;
	int line = 1;

	if (p == NULL)
		return 0;
	for (q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

xmlDocPtr xmlio_load(const char *file, enum xmlio_schema which, enum diag_kind kind, diag_list *dl)
{
	struct sink k = { NULL, dl, file, kind, 0 };
	xmlDocPtr doc;
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
	size_t len;
	char *text = slurp(file, &len, dl);

	if (text == NULL)
		return NULL;
	if (len > 64u * 1024 * 1024) {
		diag_add(dl, DIAG_ERROR, kind, file, 0, "file is larger than 64 MiB");
		free(text);
		return NULL;
	}
	if (doctype_line(text) > 0) {
		diag_add(dl, DIAG_ERROR, kind, file, doctype_line(text),
			 "DOCTYPE declarations are not allowed (entities are disabled)");
		free(text);
		return NULL;
	}
	xmlSetExternalEntityLoader(deny_entities);
	xmlSetStructuredErrorFunc(&k, on_error);
	doc = xmlReadMemory(text, (int)len, file, NULL, opts);
	free(text);
	if (doc == NULL && k.count == 0)
		diag_add(dl, DIAG_ERROR, kind, file, 0, "not a well-formed XML document");
	if (doc != NULL && validate(doc, which, &k) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

char *xmlio_text(xmlNodePtr node)
{
	xmlChar *c = node ? xmlNodeGetContent(node) : NULL;
	char *s = util_strdup(c ? (const char *)c : "");

	xmlFree(c);
	return util_squash(s);
}

char *xmlio_attr(xmlNodePtr node, const char *name)
{
	xmlChar *c = xmlGetProp(node, (const xmlChar *)name);
	char *s;

	if (c == NULL)
		return NULL;
	s = util_strdup((const char *)c);
	xmlFree(c);
	return util_trim(s);
}

int xmlio_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr xmlio_elem(xmlNodePtr node)
{
	while (node && node->type != XML_ELEMENT_NODE)
		node = node->next;
	return node;
}

xmlNodePtr xmlio_child(xmlNodePtr node, const char *name)
{
	xmlNodePtr c;

	for (c = xmlio_elem(node->children); c; c = xmlio_elem(c->next))
		if (xmlio_is(c, name))
			return c;
	return NULL;
}

char **xmlio_lines(xmlNodePtr parent, const char *name, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	xmlNodePtr c;

	*n = 0;
	if (parent == NULL)
		return NULL;
	for (c = xmlio_elem(parent->children); c; c = xmlio_elem(c->next)) {
		if (!xmlio_is(c, name))
			continue;
		util_grow(&v, &cap, *n, sizeof *v);
		v[(*n)++] = xmlio_text(c);
	}
	return v;
}

int xmlio_line(xmlNodePtr node)
{
	return (int)xmlGetLineNo(node);
}

void xmlio_cleanup(void)
{
	xmlRelaxNGFree(cache[0]);
	xmlRelaxNGFree(cache[1]);
	cache[0] = cache[1] = NULL;
	xmlRelaxNGCleanupTypes();
	xmlCleanupParser();
}

/* ---- the first element, for telling data from templates ---- */

/* What the SAX pass below keeps: the first element's local name. */
struct first {
	char *name;
};

static void on_first_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			     int nns, const xmlChar **ns, int nattr, int ndef, const xmlChar **attr)
{
	xmlParserCtxtPtr pc = ctx;
	struct first *f = pc->_private;

	(void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr, (void)ndef, (void)attr;
	if (f->name == NULL)
		f->name = util_strdup((const char *)local);
	xmlStopParser(pc);
}

/* Errors are the full load's to report; this pass only looks. */
static void ignore_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx, (void)e;
}

char *xmlio_first_element(const char *file)
{
	FILE *fp = fopen(file, "rb");
	xmlSAXHandler sax;
	xmlParserCtxtPtr pc;
	struct first f = { NULL };
	char chunk[16384];
	size_t n;

	if (fp == NULL)
		return NULL;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_first_element;
	sax.serror = ignore_error;
	n = fread(chunk, 1, sizeof chunk, fp);
	xmlSetExternalEntityLoader(deny_entities);
	pc = xmlCreatePushParserCtxt(&sax, NULL, chunk, (int)n, file);
	if (pc == NULL) {
		fclose(fp);
		return NULL;
	}
	pc->_private = &f;
	xmlCtxtUseOptions(pc, XML_PARSE_NONET);
	while (f.name == NULL && pc->disableSAX == 0 && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (xmlParseChunk(pc, chunk, (int)n, 0) != 0)
			break;
	if (f.name == NULL && pc->disableSAX == 0)
		xmlParseChunk(pc, NULL, 0, 1);
	xmlFreeParserCtxt(pc);
	fclose(fp);
	return f.name;
}
