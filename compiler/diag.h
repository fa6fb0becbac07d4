/* diag.h - collected diagnostics: every problem in a pass, not only the first. */
#ifndef ANNEXC_DIAG_H
#define ANNEXC_DIAG_H

#include <stdio.h>

/* Severity, lowest first; the exit status follows the worst one seen. */
enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* What kind of input a problem is in; decides the exit code. */
enum diag_kind { DIAG_DATA, DIAG_TEMPLATE, DIAG_IO };

/* Exit codes, documented in docs/annexc.1 and README.md. */
enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1, /* some input (office data) is invalid */
	EXIT_USAGE = 2,   /* bad command line or template error */
	EXIT_IO = 3       /* a file could not be read or written */
};

/* One message; file is owned by the list. */
typedef struct diag {
	char *file;
	int line;
	enum diag_level level;
	enum diag_kind kind;
	char *msg;
} diag;

/* A list of diagnostics; owner frees with diag_list_free. */
typedef struct diag_list {
	diag *v;
	size_t n, cap;
} diag_list;

/* Records a message for file:line (line 0 when there is none). */
void diag_add(diag_list *l, enum diag_level lv, enum diag_kind k, const char *file, int line,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Number of errors recorded. */
size_t diag_errors(const diag_list *l);
/* Prints every message as FILE:LINE: error|warning: text, in order of file and line. */
void diag_print(diag_list *l, FILE *fp);
/* The exit code the recorded diagnostics call for. */
int diag_exit_code(const diag_list *l);
void diag_list_free(diag_list *l);

#endif
