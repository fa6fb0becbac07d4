/* subst.h - {placeholders} in template text (titles, headers, letter). */
#ifndef ANNEXC_SUBST_H
#define ANNEXC_SUBST_H

#include "model.h"

/* NULL when every {name} in s is known and closed, else a malloc'd message. */
char *subst_unknown(const char *s);
/* Expands the placeholders of s for report r of template t; malloc'd. */
char *subst_expand(const char *s, const model_template *t, const model_report *r);

#endif
