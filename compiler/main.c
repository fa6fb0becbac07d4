/* main.c - the annexc command line: check, score. The library parts never
 * print; this file prints diagnostics and results. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "batch.h"
#include "diag.h"
#include "pipeline.h"
#include "document.h"
#include "json.h"
#include "pdf.h"
#include "measure.h"
#include "score.h"
#include "summary.h"
#include "template.h"
#include "config.h"
#include "util.h"
#include "xmlio.h"

static const char usage_text[] =
	"usage: annexc check [-t TEMPLATE] DATA...\n"
	"       annexc score [-t TEMPLATE] [--json] DATA\n"
	"       annexc build [-t TEMPLATE] -o OUTDIR [-j N] [--format xlsx,pdf] [--font FAMILY]\n"
	"                    [--font-dir DIR] [--shard K/N] [--force] [--quiet|--verbose]\n"
	"                    DATA_FILE_OR_DIR...\n"
	"       annexc summary [-t TEMPLATE] -o SUMMARY.xlsx [--format xlsx,pdf] RUN_REPORT_OR_DATA...\n"
	"       annexc dump [-t TEMPLATE] DATA\n"
	"       annexc --help | --version\n"
	"\n"
	"  check   validate office data (and its template); print every problem\n"
	"  score   compute total achievements and achieved scores\n"
	"  build   write OUTDIR/<name>.xlsx and .pdf for each data file (directories are\n"
	"          searched for report files), and OUTDIR/annexc-run.json\n"
	"  summary the ministry's consolidated workbook (and PDF beside it) from run reports\n"
	"          (annexc-run.json of one run or several shards) or data files\n"
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
	"  -j N                     compile N offices at a time (default: the number of cores)\n"
	"  --shard K/N              compile only the K-th of N deterministic slices of the inputs\n"
	"  --force                  rebuild outputs that are up to date\n"
	"  -q, --quiet              no progress display; -v, --verbose: one line per office\n"
	"\n"
	"Exit status: 0 success, 1 invalid input data, 2 usage or template error, 3 I/O error.\n";

/* Options shared by the commands: build's are the batch options themselves. */
struct opts {
	const char *cmd;
	batch_opts b;
	int json;
	char **files;
	int nfiles;
};

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "annexc: %s\n", msg);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

enum { OPT_FORMAT = 256, OPT_FONT, OPT_FONT_DIR, OPT_SHARD, OPT_FORCE, OPT_JSON };

static const struct option long_opts[] = {
	{ "template", required_argument, NULL, 't' }, { "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },     { "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },        { "format", required_argument, NULL, OPT_FORMAT },
	{ "font", required_argument, NULL, OPT_FONT }, { "font-dir", required_argument, NULL, OPT_FONT_DIR },
	{ "shard", required_argument, NULL, OPT_SHARD }, { "force", no_argument, NULL, OPT_FORCE },
	{ "json", no_argument, NULL, OPT_JSON },      { NULL, 0, NULL, 0 }
};

/* Options anywhere on the line (getopt_long); the first other word is the
 * command, the rest are its files. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	int c, i;

	memset(o, 0, sizeof *o);
	o->files = util_alloc((size_t)argc * sizeof *o->files);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "t:o:j:qv", long_opts, NULL)) != -1) {
		switch (c) {
		case 't': o->b.tmpl = optarg; break;
		case 'o': o->b.outdir = optarg; break;
		case 'j':
			if ((o->b.jobs = atoi(optarg)) < 1)
				return -1;
			break;
		case 'q': o->b.quiet = 1; break;
		case 'v': o->b.verbose = 1; break;
		case OPT_FORMAT: o->b.format = optarg; break;
		case OPT_FONT: o->b.font = optarg; break;
		case OPT_FONT_DIR: o->b.font_dir = optarg; break;
		case OPT_SHARD: o->b.shard = optarg; break;
		case OPT_FORCE: o->b.force = 1; break;
		case OPT_JSON: o->json = 1; break;
		default: return -1;
		}
	}
	for (i = optind; i < argc; i++) {
		if (o->cmd == NULL)
			o->cmd = argv[i];
		else
			o->files[o->nfiles++] = argv[i];
	}
	return 0;
}

static int cmd_check(const struct opts *o)
{
	pipe_cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	int i, rc;

	if (o->nfiles == 0)
		return usage("check: no data files given");
	for (i = 0; i < o->nfiles; i++)
		model_report_free(pipe_load(o->b.tmpl, &c, o->files[i], &t, NULL, &dl));
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	diag_list_free(&dl);
	pipe_cache_free(&c);
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

/* What score and dump do with one loaded, scored report. */
typedef void (*emit_fn)(const struct opts *o, const model_template *t, const model_report *r,
			const score_report *s);

static void emit_score(const struct opts *o, const model_template *t, const model_report *r,
		       const score_report *s)
{
	if (o->json)
		json_write_scores(stdout, t, r, s);
	else
		print_text(s);
}

static void emit_dump(const struct opts *o, const model_template *t, const model_report *r,
		      const score_report *s)
{
	doc *d = doc_build(t, r, s);

	(void)o;
	doc_dump(d, stdout);
	doc_free(d);
}

/* Loads and scores the one data file of score or dump, and emits it. */
static int one_report(const struct opts *o, const char *cmd, emit_fn emit)
{
	pipe_cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	model_report *r;
	score_report *s;
	int rc;

	if (o->nfiles != 1) {
		char *m = util_printf("%s: give exactly one data file", cmd);
		rc = usage(m);
		free(m);
		return rc;
	}
	r = pipe_load(o->b.tmpl, &c, o->files[0], &t, &s, &dl);
	diag_print(&dl, stderr);
	rc = diag_exit_code(&dl);
	if (r != NULL) {
		emit(o, t, r, s);
		score_free(s);
		if (fflush(stdout) != 0)
			rc = EXIT_IO;
	}
	model_report_free(r);
	diag_list_free(&dl);
	pipe_cache_free(&c);
	return rc;
}

/* Nonzero when list is a comma-separated list of xlsx and pdf. */
static int valid_formats(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!((n == 4 && strncmp(p, "xlsx", 4) == 0) || (n == 3 && strncmp(p, "pdf", 3) == 0)))
			return 0;
		p += n;
		if (*p == ',' && *++p == '\0')
			return 0;
	}
	return list[0] != '\0';
}

static int cmd_build(const struct opts *o)
{
	if (o->nfiles == 0)
		return usage("build: no data files or directories given");
	if (o->b.outdir == NULL)
		return usage("build: give the output directory with -o OUTDIR");
	if (o->b.format && !valid_formats(o->b.format))
		return usage("build: --format takes xlsx, pdf or xlsx,pdf");
	if (o->b.font_dir && access(o->b.font_dir, R_OK) != 0) {
		fprintf(stderr, "%s: cannot read font directory: %s\n", o->b.font_dir, strerror(errno));
		return EXIT_IO;
	}
	return batch_build(&o->b, o->files, o->nfiles);
}

static int cmd_summary(const struct opts *o)
{
	summary_opts so;

	if (o->nfiles == 0)
		return usage("summary: no run reports or data files given");
	if (o->b.outdir == NULL)
		return usage("summary: give the workbook to write with -o SUMMARY.xlsx");
	if (o->b.format && !valid_formats(o->b.format))
		return usage("summary: --format takes xlsx, pdf or xlsx,pdf");
	memset(&so, 0, sizeof so);
	so.tmpl = o->b.tmpl;
	so.out = o->b.outdir;
	so.format = o->b.format;
	so.font = o->b.font;
	return summary_run(&so, o->files, o->nfiles);
}

int main(int argc, char **argv)
{
	struct opts o;
	int rc;

#ifdef __GLIBC__
	/* Every office allocates and frees the same few megabytes: keep them
	 * instead of handing them back to the kernel after each one. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 8 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif

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
		rc = one_report(&o, "score", emit_score);
	else if (strcmp(o.cmd, "build") == 0)
		rc = cmd_build(&o);
	else if (strcmp(o.cmd, "summary") == 0)
		rc = cmd_summary(&o);
	else if (strcmp(o.cmd, "dump") == 0)
		rc = one_report(&o, "dump", emit_dump);
	else {
		char *m = util_printf("unknown command '%s'", o.cmd);
		rc = usage(m);
		free(m);
	}
	free(o.files);
	xmlio_cleanup();
	pdf_cleanup();
	measure_cleanup();
	return rc;
}
