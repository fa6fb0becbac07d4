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

#include "text.h"
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
	int parse_line; /* line of the last well-formedness error, or 0 */
	int tag_broken; /* an end tag did not match: later ones follow from it */
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

/* e's first string parameter (an element, attribute or entity name), or "?". */
static const char *str1(const xmlError *e)
{
	return e->str1 ? e->str1 : "?";
}

/* A character-reference or invalid-character error in plain words. */
static char *plain_char_error(const xmlError *e, const char *msg)
{
	unsigned v;

	if (strncmp(msg, "Input is not proper UTF-8", 25) == 0) {
		char *b = util_squash(util_strdup(e->str1 ? e->str1 : "")), *r;
		const char *p = strncmp(b, "Bytes: ", 7) == 0 ? b + 7 : b;

		r = util_printf("the text is not UTF-8 (bytes %s): save the file as UTF-8", p);
		free(b);
		return r;
	}
	if (sscanf(msg, "PCDATA invalid Char value %u", &v) == 1)
		return util_printf("character U+%04X is not allowed in XML", v);
	if (sscanf(msg, "xmlParseCharRef: invalid xmlChar value %u", &v) == 1)
		return util_printf("character reference to U+%04X, which XML does not allow", v);
	return NULL;
}

/* libxml2's common well-formedness errors in plain words (malloc'd), or
 * NULL to keep its own text. */
static char *plain_parse_error(const xmlError *e, const char *msg)
{
	switch (e->code) {
	case XML_ERR_NAME_REQUIRED:
		if (strncmp(msg, "xmlParseEntityRef", 17) == 0)
			return util_strdup("a bare '&' must be written '&amp;'");
		if (strncmp(msg, "StartTag", 8) == 0)
			return util_strdup("a '<' in text must be written '&lt;' (or an element name "
					   "must follow it)");
		return NULL;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		return util_strdup("'&' must be written '&amp;' (an entity such as '&amp;' ends "
				   "with ';')");
	case XML_ERR_UNDECLARED_ENTITY:
		return util_printf("unknown entity '&%s;': XML has only &amp; &lt; &gt; &quot; "
				   "&apos; and character references such as &#2437;", str1(e));
	case XML_ERR_INVALID_HEX_CHARREF:
	case XML_ERR_INVALID_DEC_CHARREF:
	case XML_ERR_INVALID_CHARREF:
		return util_strdup("bad character reference (write &#2437; or &#x985;; '&' "
				   "itself is written '&amp;')");
	case XML_ERR_INVALID_CHAR:
		return plain_char_error(e, msg);
	case XML_ERR_LT_IN_ATTRIBUTE:
		return util_strdup("'<' in an attribute value must be written '&lt;' (or the "
				   "value's closing quote is missing)");
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		return util_strdup("an attribute value must be in quotes: name=\"value\"");
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return util_printf("attribute '%s' has no value: write %s=\"...\"", str1(e), str1(e));
	case XML_ERR_ATTRIBUTE_REDEFINED:
		return util_printf("attribute '%s' is given twice", str1(e));
	case XML_ERR_SPACE_REQUIRED:
		if (strncmp(msg, "attributes construct error", 26) == 0)
			return util_strdup("attributes must be written name=\"value\", separated by "
					   "spaces");
		return NULL;
	case XML_ERR_GT_REQUIRED:
		if (e->str1)
			return util_printf("start tag <%s> is not closed by '>'", e->str1);
		return util_strdup("a tag is not closed by '>'");
	case XML_ERR_TAG_NAME_MISMATCH:
		return util_printf("end tag </%s> does not match <%s> opened on line %d",
				   e->str2 ? e->str2 : "?", str1(e), e->int1);
	case XML_ERR_TAG_NOT_FINISHED:
		return util_printf("the file ends before <%s> (line %d) is closed", str1(e), e->int1);
	case XML_ERR_DOCUMENT_END:
		return util_strdup("text or elements after the end of the root element");
	case XML_ERR_DOCUMENT_EMPTY:
		return util_strdup("not an XML document: no root element");
	case XML_ERR_MISPLACED_CDATA_END:
		return util_strdup("']]>' in text must be written ']]&gt;'");
	case XML_ERR_HYPHEN_IN_COMMENT:
		return util_strdup("'--' is not allowed inside a comment <!-- -->");
	default:
		return NULL;
	}
}

/* A well-formedness error: in plain words, and only the first of a line
 * and the first unmatched end tag (libxml2 follows one mistake with others
 * it causes). */
static void on_parse_error(struct sink *k, const xmlError *e, const char *msg)
{
	int tag = e->code == XML_ERR_TAG_NAME_MISMATCH || e->code == XML_ERR_TAG_NOT_FINISHED;
	char *plain;

	if (e->level != XML_ERR_WARNING && ((e->line > 0 && e->line == k->parse_line) || (tag && k->tag_broken)))
		return; /* a knock-on error of the line's first */
	if (e->level != XML_ERR_WARNING)
		k->parse_line = e->line;
	k->tag_broken |= e->code == XML_ERR_TAG_NAME_MISMATCH;
	plain = plain_parse_error(e, msg);
	diag_add(k->dl, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR, k->kind, k->file,
		 e->line, "%s", plain ? plain : msg);
	free(plain);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct sink *k = ctx;
	char *msg;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	msg = clean_message(e->message);
	if (e->domain == XML_FROM_PARSER)
		on_parse_error(k, e, msg);
	else if (e->domain == XML_FROM_RELAXNGV && e->node != NULL)
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
	/* Nothing after the schema can read an invalid tree: say so, rather than
	 * let the next run show problems this one did not look for. */
	if (rc != 0)
		diag_add(k->dl, DIAG_ERROR, k->kind, k->file, 0,
			 "schema: further checks skipped until the schema errors in this file are fixed");
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

/* The parse of one file: the line of its DOCTYPE declaration, if any. */
struct guard {
	struct sink *k;
	int doctype; /* line, or 0 */
};

/* Called by the parser at a DOCTYPE, whatever the file's encoding and
 * before any of its declarations are read: the parse stops there, so no
 * entity is ever declared, let alone expanded or fetched. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr pc = ctx;
	struct guard *g = pc->_private;

	(void)name;
	(void)ext;
	(void)sys;
	g->doctype = pc->input ? pc->input->line : 1;
	xmlStopParser(pc);
}

/* Parses text with entities never substituted (XML_PARSE_NOENT is off, so
 * a reference to an undeclared entity is an error) and no DOCTYPE allowed. */
static xmlDocPtr parse(const char *text, size_t len, const char *file, struct sink *k)
{
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	struct guard g = { k, 0 };
	xmlDocPtr doc;

	if (pc == NULL)
		return NULL;
	pc->_private = &g;
	pc->sax->internalSubset = on_doctype;
	pc->sax->externalSubset = NULL;
	doc = xmlCtxtReadMemory(pc, text, (int)len, file, NULL, opts);
	xmlFreeParserCtxt(pc);
	if (g.doctype == 0 && doc && (doc->intSubset || doc->extSubset))
		g.doctype = 1;
	if (g.doctype > 0) {
		diag_add(k->dl, DIAG_ERROR, k->kind, file, g.doctype,
			 "DOCTYPE declarations are not allowed (entities are disabled)");
		k->count++;
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* ---- what the text may hold ---- */

/* What the walk over one document found. */
struct texts {
	struct sink *k;
	int bijoy_line; /* the first text that looks like Bijoy, 0 when none */
	int bijoy_more; /* how many more */
};

/* Checks the text s of owner: an attribute's value (attr names it) or,
 * with attr NULL, the element's text. */
static void check_one(struct texts *t, xmlNodePtr owner, const char *attr, const char *s, size_t max)
{
	size_t n = text_length(s);

	if (n > max) {
		diag_add(t->k->dl, DIAG_ERROR, t->k->kind, t->k->file, (int)xmlGetLineNo(owner),
			 "the %s of %s%s%s is %zu characters long; at most %zu are allowed (%s)",
			 attr ? "value" : "text", attr ? "" : "<", attr ? attr : (const char *)owner->name,
			 attr ? "=" : ">", n, max,
			 max == LINK_MAX ? "the longest link a spreadsheet keeps" : "what a spreadsheet cell holds");
		t->k->count++;
	}
	if (text_looks_bijoy(s)) {
		int line = (int)xmlGetLineNo(owner);

		if (t->bijoy_line == 0)
			t->bijoy_line = line > 0 ? line : 1;
		else
			t->bijoy_more++;
	}
}

static void check_texts(struct texts *t, xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);

			check_one(t, n, (const char *)a->name, v ? (const char *)v : "",
				  strcmp((const char *)a->name, "href") == 0 ? LINK_MAX : TEXT_MAX);
			xmlFree(v);
		}
		for (c = n->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content)
				check_one(t, n, NULL, (const char *)c->content, TEXT_MAX);
		check_texts(t, n->children);
	}
}

/* Text too long for a cell is an error; text that looks like Bijoy is
 * warned about once per file, at its first occurrence. */
static int check_doc_texts(xmlDocPtr doc, struct sink *k)
{
	struct texts t = { k, 0, 0 };
	int before = k->count;

	check_texts(&t, doc->children);
	if (t.bijoy_line > 0) {
		char *more = t.bijoy_more ? util_printf(" (and %d more texts in this file)", t.bijoy_more) : NULL;

		diag_add(k->dl, DIAG_WARNING, k->kind, k->file, t.bijoy_line,
			 "text looks like Bijoy (ANSI) Bengali, not Unicode, and would print as Latin letters%s: "
			 "convert the file with a Bijoy-to-Unicode converter",
			 more ? more : "");
		free(more);
	}
	return k->count > before ? -1 : 0;
}

xmlDocPtr xmlio_load(const char *file, enum xmlio_schema which, enum diag_kind kind, diag_list *dl)
{
	struct sink k = { NULL, dl, file, kind, 0, 0, 0 };
	xmlDocPtr doc;
	size_t len, errors = diag_errors(dl);
	char *text = slurp(file, &len, dl);

	if (text == NULL)
		return NULL;
	if (len > 64u * 1024 * 1024) {
		diag_add(dl, DIAG_ERROR, kind, file, 0, "file is larger than 64 MiB");
		free(text);
		return NULL;
	}
	xmlSetExternalEntityLoader(deny_entities);
	xmlSetStructuredErrorFunc(&k, on_error);
	doc = parse(text, len, file, &k);
	free(text);
	if (doc == NULL && diag_errors(dl) == errors) /* every document refused says why */
		diag_add(dl, DIAG_ERROR, kind, file, 0, "not a well-formed XML document");
	if (doc != NULL && (validate(doc, which, &k) != 0 || check_doc_texts(doc, &k) != 0)) {
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
