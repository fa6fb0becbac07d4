/* main.c - the annexc command line: check, score. The library parts never
 * print; this file prints diagnostics and results. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data.h"
#include "diag.h"
#include "document.h"
#include "json.h"
#include "pdf.h"
#include "measure.h"
#include "score.h"
#include "template.h"
#include "util.h"
#include "xlsx.h"
#include "xmlio.h"

#ifndef ANNEXC_FONTDIR
#define ANNEXC_FONTDIR "/usr/local/share/annexc/fonts"
#endif

#ifndef ANNEXC_VERSION
#define ANNEXC_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: annexc check [-t TEMPLATE] DATA...\n"
	"       annexc score [-t TEMPLATE] [--json] DATA\n"
	"       annexc build [-t TEMPLATE] -o OUTDIR [--format xlsx,pdf] [--font FAMILY]\n"
	"                    [--font-dir DIR] DATA...\n"
	"       annexc dump [-t TEMPLATE] DATA\n"
	"       annexc --help | --version\n"
	"\n"
	"  check   validate office data (and its template); print every problem\n"
	"  score   compute total achievements and achieved scores\n"
	"  build   write OUTDIR/<data file stem>.xlsx and .pdf for each data file\n"
	"  dump    print the laid-out document (titles, grid cells, formulas) as text\n"
	"\n"
	"  -t, --template FILE|ID   the template to use (default: the one the data names,\n"
	"                           found beside the data, in $ANNEXC_TEMPLATE_PATH or the\n"
	"                           installed templates)\n"
	"  --json                   print scores as JSON\n"
	"  -o, --output DIR         where build writes (created when missing)\n"
	"  --format LIST            what build writes: xlsx, pdf or xlsx,pdf (default)\n"
	"  --font FAMILY            font family for the documents (default: the template's,\n"
	"                           else Noto Sans Bengali)\n"
	"  --font-dir DIR           a directory of extra font files\n"
	"\n"
	"Exit status: 0 success, 1 invalid input data, 2 usage or template error, 3 I/O error.\n";

/* Options shared by the commands. */
struct opts {
	const char *cmd;
	const char *tmpl;
	const char *outdir;
	const char *format;
	const char *font;
	const char *font_dir;
	int json;
	char **files;
	int nfiles;
};

/* Templates already loaded in this run, by file. */
struct cache {
	char **file;
	model_template **t;
	size_t n, cap, capt;
};

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "annexc: %s\n", msg);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	o->files = util_alloc((size_t)argc * sizeof *o->files);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-t") == 0 || strcmp(a, "--template") == 0) {
			if (++i == argc)
				return -1;
			o->tmpl = argv[i];
		} else if (strncmp(a, "--template=", 11) == 0)
			o->tmpl = a + 11;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (++i == argc)
				return -1;
			o->outdir = argv[i];
		} else if (strcmp(a, "--format") == 0) {
			if (++i == argc)
				return -1;
			o->format = argv[i];
		} else if (strcmp(a, "--font") == 0) {
			if (++i == argc)
				return -1;
			o->font = argv[i];
		} else if (strcmp(a, "--font-dir") == 0) {
			if (++i == argc)
				return -1;
			o->font_dir = argv[i];
		}
		else if (strcmp(a, "--json") == 0)
			o->json = 1;
		else if (a[0] == '-' && a[1] != '\0')
			return -1;
		else if (o->cmd == NULL)
			o->cmd = a;
		else
			o->files[o->nfiles++] = argv[i];
	}
	return 0;
}

static char *dir_of(const char *file)
{
	const char *s = strrchr(file, '/');
	char *d;

	if (s == NULL)
		return util_strdup(".");
	d = util_alloc((size_t)(s - file) + 1);
	memcpy(d, file, (size_t)(s - file));
	return d;
}

/* The template file to use for data d: -t as a file or an id, else the data's id. */
static char *template_file(const struct opts *o, const char *datafile, const data_doc *d,
			   diag_list *dl)
{
	char *dir = dir_of(datafile), *f;
	const char *id = o->tmpl ? o->tmpl : data_template_id(d);
	tpl_path p;

	if (o->tmpl && access(o->tmpl, F_OK) == 0) {
		free(dir);
		return util_strdup(o->tmpl);
	}
	tpl_path_init(&p, dir);
	f = tpl_find(&p, id);
	if (f == NULL)
		diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, datafile, o->tmpl ? 0 : data_template_line(d),
			 "template '%s' not found (looked in %s, $ANNEXC_TEMPLATE_PATH and %s)", id, dir,
			 p.dir[p.n - 1]);
	tpl_path_free(&p);
	free(dir);
	return f;
}

static model_template *cached_template(struct cache *c, const char *file, diag_list *dl)
{
	size_t i;
	tpl_path p;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->file[i], file) == 0)
			return c->t[i];
	tpl_path_init(&p, NULL);
	util_grow(&c->file, &c->cap, c->n, sizeof *c->file);
	util_grow(&c->t, &c->capt, c->n, sizeof *c->t);
	c->file[c->n] = util_strdup(file);
	c->t[c->n] = tpl_load(file, &p, dl);
	tpl_path_free(&p);
	return c->t[c->n++];
}

static void cache_free(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->file[i]);
		model_template_free(c->t[i]);
	}
	free(c->file);
	free(c->t);
}

/* Reads one data file with its template; NULL report when anything failed. */
static model_report *load(const struct opts *o, struct cache *c, const char *file,
			  model_template **tp, diag_list *dl)
{
	data_doc *d = data_open(file, dl);
	model_report *r = NULL;
	model_template *t;
	char *tf;

	*tp = NULL;
	if (d == NULL)
		return NULL;
	if ((tf = template_file(o, file, d, dl)) == NULL)
		goto out;
	t = cached_template(c, tf, dl);
	free(tf);
	if (t == NULL)
		goto out;
	if (strcmp(t->id, data_template_id(d)) != 0)
		diag_add(dl, DIAG_ERROR, DIAG_DATA, file, data_template_line(d),
			 "data names template '%s', but the template used is '%s'",
			 data_template_id(d), t->id);
	else if ((r = data_read(d, t, dl)) != NULL)
		*tp = t;
out:
	data_close(d);
	return r;
}

static int cmd_check(const struct opts *o)
{
	struct cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	int i, rc;

	if (o->nfiles == 0)
		return usage("check: no data files given");
	for (i = 0; i < o->nfiles; i++)
		model_report_free(load(o, &c, o->files[i], &t, &dl));
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	diag_list_free(&dl);
	cache_free(&c);
	return rc;
}

static void print_text(const score_report *s)
{
	size_t a, i;

	for (a = 0; a < s->narea; a++)
		for (i = 0; i < s->area[a].nind; i++) {
			const score_indicator *x = &s->area[a].ind[i];

			printf("%-10s %-8s weight %-5g score %-8.4g max %-5g %s\n", x->ind->id,
			       model_unit_name(x->ind->unit), rat_double(x->ind->weight),
			       rat_double(x->score), rat_double(x->max),
			       x->status == SCORE_SCORED ? "" :
			       x->status == SCORE_NOT_REPORTED ? "(not reported)" : "(not applicable)");
		}
	printf("total: %.4g of %g (weight %g)\n", rat_double(s->score), rat_double(s->max),
	       rat_double(s->weight));
}

static int cmd_score(const struct opts *o)
{
	struct cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	model_report *r;
	int rc;

	if (o->nfiles != 1)
		return usage("score: give exactly one data file");
	r = load(o, &c, o->files[0], &t, &dl);
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	if (r != NULL) {
		score_report *s = score_compute(t, r);

		if (o->json)
			json_write_scores(stdout, t, r, s);
		else
			print_text(s);
		score_free(s);
		if (fflush(stdout) != 0)
			rc = EXIT_IO;
	}
	model_report_free(r);
	diag_list_free(&dl);
	cache_free(&c);
	return rc;
}

/* The document date in seconds: SOURCE_DATE_EPOCH when set, else the report's date. */
static long long created_time(const doc *d)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			return v;
	}
	return (long long)d->date * 86400;
}

/* Creates dir and its parents; 0 on success. */
static int make_dirs(const char *dir)
{
	char *p = util_strdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* OUTDIR/<stem of file>.ext */
static char *output_path(const char *outdir, const char *file, const char *ext)
{
	const char *base = strrchr(file, '/'), *dot;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	return util_printf("%s/%.*s.%s", outdir, (int)(dot && dot != base ? dot - base : (long)strlen(base)),
			   base, ext);
}

/* Nonzero when --format names fmt (or is not given). */
static int want_format(const struct opts *o, const char *fmt)
{
	const char *p = o->format;
	size_t n = strlen(fmt);

	if (p == NULL)
		return 1;
	while ((p = strstr(p, fmt)) != NULL) {
		if ((p == o->format || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

/* Loads fonts/fonts.conf and the font files beside it, and --font-dir. */
static void setup_fonts(const struct opts *o)
{
	char *conf = util_printf("%s/fonts.conf", ANNEXC_FONTDIR);

	measure_add_fonts(access(conf, R_OK) == 0 ? conf : NULL, ANNEXC_FONTDIR);
	if (o->font_dir)
		measure_add_fonts(NULL, o->font_dir);
	free(conf);
}

static int build_one(const struct opts *o, struct cache *c, const char *file, diag_list *dl)
{
	model_template *t;
	model_report *r = load(o, c, file, &t, dl);
	score_report *s;
	doc *d;
	char *path, *err;

	if (r == NULL)
		return -1;
	s = score_compute(t, r);
	d = doc_build(t, r, s);
	if (o->font) {
		free(d->font);
		d->font = util_strdup(o->font);
	}
	if (want_format(o, "xlsx")) {
		path = output_path(o->outdir, file, "xlsx");
		if ((err = xlsx_write(d, path, created_time(d))) != NULL) {
			diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "%s", err);
			free(err);
		}
		free(path);
	}
	if (want_format(o, "pdf")) {
		path = output_path(o->outdir, file, "pdf");
		if ((err = pdf_write(d, path, created_time(d))) != NULL) {
			diag_add(dl, DIAG_ERROR, DIAG_IO, file, 0, "%s", err);
			free(err);
		}
		free(path);
	}
	doc_free(d);
	score_free(s);
	model_report_free(r);
	return 0;
}

static int cmd_build(const struct opts *o)
{
	struct cache c = { 0 };
	diag_list dl = { 0 };
	int i, rc;

	if (o->nfiles == 0)
		return usage("build: no data files given");
	if (o->outdir == NULL)
		return usage("build: give the output directory with -o OUTDIR");
	if (o->format && strspn(o->format, "xlsxpdf,") != strlen(o->format))
		return usage("build: --format takes xlsx, pdf or xlsx,pdf");
	if (o->font_dir && access(o->font_dir, R_OK) != 0) {
		fprintf(stderr, "%s: cannot read font directory: %s\n", o->font_dir, strerror(errno));
		return EXIT_IO;
	}
	setup_fonts(o);
	if (make_dirs(o->outdir) != 0) {
		fprintf(stderr, "%s: cannot create directory: %s\n", o->outdir, strerror(errno));
		return EXIT_IO;
	}
	for (i = 0; i < o->nfiles; i++)
		build_one(o, &c, o->files[i], &dl);
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	diag_list_free(&dl);
	cache_free(&c);
	return rc;
}

static int cmd_dump(const struct opts *o)
{
	struct cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	model_report *r;
	int rc;

	if (o->nfiles != 1)
		return usage("dump: give exactly one data file");
	r = load(o, &c, o->files[0], &t, &dl);
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	if (r != NULL) {
		score_report *s = score_compute(t, r);
		doc *d = doc_build(t, r, s);

		doc_dump(d, stdout);
		doc_free(d);
		score_free(s);
	}
	model_report_free(r);
	diag_list_free(&dl);
	cache_free(&c);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	int rc;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("annexc %s\n", ANNEXC_VERSION);
		return EXIT_OK;
	}
	if (parse_args(argc, argv, &o) != 0)
		rc = usage("bad option");
	else if (o.cmd == NULL)
		rc = usage(NULL);
	else if (strcmp(o.cmd, "check") == 0)
		rc = cmd_check(&o);
	else if (strcmp(o.cmd, "score") == 0)
		rc = cmd_score(&o);
	else if (strcmp(o.cmd, "build") == 0)
		rc = cmd_build(&o);
	else if (strcmp(o.cmd, "dump") == 0)
		rc = cmd_dump(&o);
	else {
		char *m = util_printf("unknown command '%s'", o.cmd);
		rc = usage(m);
		free(m);
	}
	free(o.files);
	xmlio_cleanup();
	measure_cleanup();
	return rc;
}
