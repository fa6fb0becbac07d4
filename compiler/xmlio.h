/* xmlio.h - safe XML loading with RELAX NG validation, and small DOM helpers.
 * Only the template and data loaders use this; nothing after them sees XML. */
#ifndef ANNEXC_XMLIO_H
#define ANNEXC_XMLIO_H

#include <libxml/tree.h>

#include "diag.h"

enum xmlio_schema { XMLIO_TEMPLATE, XMLIO_DATA };

/* Parses file with network and external entities disabled, rejects a DOCTYPE,
 * and validates it against the built-in schema. Every problem goes to dl as
 * kind k (I/O problems as DIAG_IO). NULL on any error; the caller frees the
 * document with xmlFreeDoc. */
xmlDocPtr xmlio_load(const char *file, enum xmlio_schema which, enum diag_kind k, diag_list *dl);
/* The white-space-squashed text of node; malloc'd, never NULL. */
char *xmlio_text(xmlNodePtr node);
/* Attribute value with white space trimmed; malloc'd, NULL when absent. */
char *xmlio_attr(xmlNodePtr node, const char *name);
/* First element child named name, or NULL. */
xmlNodePtr xmlio_child(xmlNodePtr node, const char *name);
/* Next element sibling at or after node (NULL ends). */
xmlNodePtr xmlio_elem(xmlNodePtr node);
/* Nonzero when node is an element named name. */
int xmlio_is(xmlNodePtr node, const char *name);
/* The text of every child element named name, as a malloc'd vector. */
char **xmlio_lines(xmlNodePtr parent, const char *name, size_t *n);
int xmlio_line(xmlNodePtr node);
/* The local name of file's first element, as libxml2 parses it (no network,
 * no entities; the rest of the file is not read); malloc'd, NULL when the
 * file cannot be read or is not well-formed before that element. */
char *xmlio_first_element(const char *file);
/* Releases libxml2's global state at exit. */
void xmlio_cleanup(void);

#endif
