/* main.c - the annexc command line: check, score, build, summary, dump. The
 * library parts never print; this file prints diagnostics and results. */
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
#include "bn.h"
#include "csvin.h"
#include "form.h"
#include "sheet.h"
#include "diag.h"
#include "pipeline.h"
#include "document.h"
#include "fit.h"
#include "json.h"
#include "pdf.h"
#include "measure.h"
#include "score.h"
#include "summary.h"
#include "template.h"
#include "config.h"
#include "util.h"
#include "xmlio.h"

/* The options; each command accepts the ones in its mask. */
enum opt_id {
	O_TEMPLATE, O_JSON, O_OUTPUT, O_JOBS, O_FORMAT, O_FONT, O_FONT_DIR, O_SHARD, O_FORCE,
	O_LETTER, O_REGISTER, O_QUARTER,
	O_QUIET, O_VERBOSE, O_HELP, O_VERSION, O_COUNT
};
#define BIT(o) (1u << (o))

/* The most worker processes -j may ask for. */
#define MAX_JOBS 1024

/* One option: getopt_long's long name and short letter, and --help's text. */
static const struct opt_doc {
	const char *name; /* long name */
	char letter;      /* short letter, or 0 */
	const char *arg;  /* the value's name, or NULL when it takes none */
	const char *help; /* lines after the first indented to HELP_COL */
} opt_doc[O_COUNT] = {
	[O_TEMPLATE] = { "template", 't', "FILE|ID",
			 "the template to use (default: the one the data names,\n"
			 "found beside the data, in $ANNEXC_TEMPLATE_PATH or the\n"
			 "installed templates)" },
	[O_JSON] = { "json", 0, NULL, "print scores as JSON" },
	[O_OUTPUT] = { "output", 'o', "DIR|FILE",
		       "build, form: the directory to write (created when\n"
		       "missing); summary: the workbook, SUMMARY.xlsx (the PDF\n"
		       "is SUMMARY.pdf beside it; its directory is created);\n"
		       "convert: the data file to write (a directory for CSV)" },
	[O_JOBS] = { "jobs", 'j', "N",
		     "compile N offices at a time, 1 to 1024 (default: the\n"
		     "number of cores)" },
	[O_FORMAT] = { "format", 0, "LIST",
		       "what to write, a comma-separated list of xlsx, pdf and\n"
		       "html (default: xlsx,pdf; summary: xlsx and pdf only;\n"
		       "form: xlsx (default) or xml)" },
	[O_FONT] = { "font", 0, "FAMILY",
		     "font family for the documents (default: the template's,\n"
		     "else Noto Sans Bengali)" },
	[O_FONT_DIR] = { "font-dir", 0, "DIR", "a directory of extra font files" },
	[O_SHARD] = { "shard", 0, "K/N",
		      "compile only the K-th of N deterministic slices of the\n"
		      "inputs" },
	[O_FORCE] = { "force", 0, NULL, "rebuild outputs that are up to date" },
	[O_LETTER] = { "letter", 0, "FILE",
		       "the summary data file: the ministry's office, letter\n"
		       "and signatories" },
	[O_REGISTER] = { "register", 0, "FILE",
			 "the offices expected to report and their places in\n"
			 "the hierarchy (CSV)" },
	[O_QUARTER] = { "quarter", 0, "N",
			"summary: only the offices of quarter N, 1 to 4; form: the\n"
			"reporting quarter (default the data's, else 4); convert\n"
			"of a CSV: the report quarter (default the last it gives)" },
	[O_QUIET] = { "quiet", 'q', NULL, "no progress display" },
	[O_VERBOSE] = { "verbose", 'v', NULL, "one line per office when the run ends" },
	[O_HELP] = { "help", 'h', NULL, "print this help and exit" },
	[O_VERSION] = { "version", 0, NULL, "print the version and exit" },
};

/* The column where --help's option texts start. */
#define HELP_COL 27

/* Options every command takes. */
#define COMMON_OPTS (BIT(O_HELP) | BIT(O_VERSION))

/* Parsed command line; build's options are the batch options themselves. */
struct opts {
	const char *cmd;
	batch_opts b;
	int json;
	char **files;
	int nfiles;
	unsigned given;          /* BIT(O_...) of every option given */
	char spelled[O_COUNT][40]; /* how each was written, for messages */
	char *err;               /* the first problem with the options, or NULL */
	const char *letter, *reg; /* summary's --letter and --register */
	int quarter;             /* summary's --quarter, 0 when not given */
};

typedef int (*cmd_fn)(const struct opts *o);

/* One command: its synopsis (as in the man page), what it does, its options. */
struct command {
	const char *name;
	const char *synopsis;
	const char *what;
	unsigned opts;
	cmd_fn run;
};

static int cmd_check(const struct opts *o);
static int cmd_score(const struct opts *o);
static int cmd_build(const struct opts *o);
static int cmd_summary(const struct opts *o);
static int cmd_dump(const struct opts *o);
static int cmd_form(const struct opts *o);
static int cmd_convert(const struct opts *o);

static const struct command commands[] = {
	{ "check", "annexc check [-t TEMPLATE] DATA...\n",
	  "validate office data (and its template); print every problem\n", BIT(O_TEMPLATE),
	  cmd_check },
	{ "score", "annexc score [-t TEMPLATE] [--json] DATA\n",
	  "compute total achievements and achieved scores\n", BIT(O_TEMPLATE) | BIT(O_JSON),
	  cmd_score },
	{ "build",
	  "annexc build [-t TEMPLATE] -o OUTDIR [-j N] [--format LIST] [--font FAMILY]\n"
	  "                    [--font-dir DIR] [--shard K/N] [--force] [-q|-v]\n"
	  "                    DATA_FILE_OR_DIR...\n",
	  "write OUTDIR/<name>.xlsx and .pdf (and .html) for each data file\n"
	  "          (directories are searched for report files), and\n"
	  "          OUTDIR/annexc-run.json (and index.html)\n",
	  BIT(O_TEMPLATE) | BIT(O_OUTPUT) | BIT(O_JOBS) | BIT(O_FORMAT) | BIT(O_FONT) |
		  BIT(O_FONT_DIR) | BIT(O_SHARD) | BIT(O_FORCE) | BIT(O_QUIET) | BIT(O_VERBOSE),
	  cmd_build },
	{ "summary",
	  "annexc summary [-t TEMPLATE] -o SUMMARY.xlsx [--format LIST] [--font FAMILY]\n"
	  "                    [--font-dir DIR] [--letter FILE] [--register FILE]\n"
	  "                    [--quarter N] RUN_REPORT_OR_DATA...\n",
	  "the ministry's consolidated workbook (and PDF beside it) from run reports\n"
	  "          (annexc-run.json of one run or several shards) or data files\n",
	  BIT(O_TEMPLATE) | BIT(O_OUTPUT) | BIT(O_FORMAT) | BIT(O_FONT) | BIT(O_FONT_DIR) | BIT(O_LETTER) |
		  BIT(O_REGISTER) | BIT(O_QUARTER),
	  cmd_summary },
	{ "dump", "annexc dump [-t TEMPLATE] DATA\n",
	  "print the laid-out document (titles, grid cells, formulas) as text\n", BIT(O_TEMPLATE),
	  cmd_dump },
	{ "form",
	  "annexc form [-t TEMPLATE] -o OUTDIR [--quarter N] [--format xlsx|xml]\n"
	  "                    [OFFICES.csv | DATA...]\n",
	  "write a data-entry workbook per office (or one blank one) into OUTDIR\n",
	  BIT(O_TEMPLATE) | BIT(O_OUTPUT) | BIT(O_QUARTER) | BIT(O_FORMAT), cmd_form },
	{ "convert", "annexc convert [-t TEMPLATE] [--quarter N] -o OUT FILLED.xlsx|ACHIEVEMENTS.csv\n",
	  "write a filled form as a data file, or a CSV as one data file per office\n",
	  BIT(O_TEMPLATE) | BIT(O_OUTPUT) | BIT(O_QUARTER), cmd_convert },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const char exit_text[] =
	"Exit status: 0 success, 1 invalid input data, 2 usage or template error, 3 I/O error.\n";

/* One option as --help lists it: "  -t, --template FILE|ID   text". */
static void put_option(const struct opt_doc *d, FILE *fp)
{
	char head[64];
	const char *p;
	int n;

	if (d->letter)
		n = snprintf(head, sizeof head, "-%c, --%s", d->letter, d->name);
	else
		n = snprintf(head, sizeof head, "--%s", d->name);
	if (d->arg)
		snprintf(head + n, sizeof head - (size_t)n, " %s", d->arg);
	fprintf(fp, "  %-*s", HELP_COL - 2, head);
	for (p = d->help; *p; p++) {
		fputc(*p, fp);
		if (*p == '\n')
			fprintf(fp, "%*s", HELP_COL, "");
	}
	fputc('\n', fp);
}

static void put_options(unsigned mask, FILE *fp)
{
	int i;

	for (i = 0; i < O_COUNT; i++)
		if (mask & BIT(i))
			put_option(&opt_doc[i], fp);
}

/* annexc --help: every command and every option. */
static void full_usage(FILE *fp)
{
	size_t i;
	unsigned all = COMMON_OPTS;

	for (i = 0; i < NCOMMANDS; i++) {
		fprintf(fp, "%s%s", i ? "       " : "usage: ", commands[i].synopsis);
		all |= commands[i].opts;
	}
	fputs("       annexc [COMMAND] --help | --version\n\n", fp);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-7s %s", commands[i].name, commands[i].what);
	fputc('\n', fp);
	put_options(all, fp);
	fprintf(fp, "\nannexc COMMAND --help shows one command's options.\n%s", exit_text);
}

/* annexc COMMAND --help: that command and its options. */
static void command_usage(const struct command *c, FILE *fp)
{
	fprintf(fp, "usage: %s\n  %-7s %s\n", c->synopsis, c->name, c->what);
	put_options(c->opts | COMMON_OPTS, fp);
	fprintf(fp, "\n%s", exit_text);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; name && i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* A usage error: one line naming the command and the problem, and where to
 * look for the right usage. */
static int usage_error(const char *cmd, const char *msg)
{
	if (cmd)
		fprintf(stderr, "annexc %s: %s (see annexc %s --help)\n", cmd, msg, cmd);
	else
		fprintf(stderr, "annexc: %s (see annexc --help)\n", msg);
	return EXIT_USAGE;
}

static int usage(const struct opts *o, const char *msg)
{
	return usage_error(o->cmd, msg);
}

/* getopt_long reports a long option's id as LONG_BASE + id. */
#define LONG_BASE 256

static struct option long_opts[O_COUNT + 1];

static void init_long_opts(void)
{
	int i;

	for (i = 0; i < O_COUNT; i++) {
		long_opts[i].name = opt_doc[i].name;
		long_opts[i].has_arg = opt_doc[i].arg ? required_argument : no_argument;
		long_opts[i].flag = NULL;
		long_opts[i].val = LONG_BASE + i;
	}
}

static int letter_id(int c)
{
	int i;

	for (i = 0; i < O_COUNT; i++)
		if (opt_doc[i].letter && opt_doc[i].letter == c)
			return i;
	return -1;
}

/* The option word argv[optind - 1] as written, without "=value". */
static void word_of(char *out, size_t n, const char *arg)
{
	snprintf(out, n, "%.*s", (int)strcspn(arg, "="), arg);
}

static void set_err(struct opts *o, char *msg)
{
	if (o->err == NULL)
		o->err = msg;
	else
		free(msg);
}

/* The long options word (e.g. "--fo") abbreviates, as "--font, --force", or NULL. */
static char *candidates(const char *word)
{
	size_t n = strlen(word + 2);
	char *list = NULL, *t;
	int i, k = 0;

	for (i = 0; i < O_COUNT; i++) {
		if (strncmp(opt_doc[i].name, word + 2, n) != 0)
			continue;
		t = util_printf("%s%s--%s", list ? list : "", list ? ", " : "", opt_doc[i].name);
		free(list);
		list = t;
		k++;
	}
	if (k < 2) {
		free(list);
		return NULL;
	}
	return list;
}

/* Explains the option getopt_long rejected with '?' or ':'. */
static void bad_option(struct opts *o, int c, char **argv)
{
	char word[64];
	const char *arg = argv[optind - 1];
	char *cand;

	if (optopt > 0 && optopt < LONG_BASE)
		snprintf(word, sizeof word, "-%c", optopt);
	else
		word_of(word, sizeof word, arg);
	if (c == ':') {
		set_err(o, util_printf("option '%s' needs a value", word));
	} else if (optopt >= LONG_BASE) {
		set_err(o, util_printf("option '%s' takes no value", word));
	} else if (optopt == 0 && strncmp(word, "--", 2) == 0 && (cand = candidates(word)) != NULL) {
		set_err(o, util_printf("option '%s' is ambiguous: %s", word, cand));
		free(cand);
	} else {
		set_err(o, util_printf("unknown option '%s'", word));
	}
}

/* -j N: a whole number of worker processes from 1 to MAX_JOBS. */
static void read_jobs(struct opts *o, const char *word, const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 || n < 1 || n > MAX_JOBS)
		set_err(o, util_printf("%s needs a number of worker processes from 1 to %d, not '%s'",
				       word, MAX_JOBS, arg));
	else
		o->b.jobs = (int)n;
}

static void take_option(struct opts *o, int id, const char *arg)
{
	switch (id) {
	case O_TEMPLATE: o->b.tmpl = arg; break;
	case O_OUTPUT: o->b.outdir = arg; break;
	case O_JOBS: read_jobs(o, o->spelled[id], arg); break;
	case O_QUIET: o->b.quiet = 1; break;
	case O_VERBOSE: o->b.verbose = 1; break;
	case O_FORMAT: o->b.format = arg; break;
	case O_FONT: o->b.font = arg; break;
	case O_FONT_DIR: o->b.font_dir = arg; break;
	case O_SHARD: o->b.shard = arg; break;
	case O_FORCE: o->b.force = 1; break;
	case O_JSON: o->json = 1; break;
	case O_LETTER: o->letter = arg; break;
	case O_REGISTER: o->reg = arg; break;
	case O_QUARTER:
		if (strlen(arg) == 1 && arg[0] >= '1' && arg[0] <= '4')
			o->quarter = arg[0] - '0';
		else
			set_err(o, util_printf("%s needs a quarter from 1 to 4, not '%s'", o->spelled[id], arg));
		break;
	default: break;
	}
}

/* Options anywhere on the line (getopt_long); the first other word is the
 * command, the rest are its files. Problems are kept in o->err. */
static void parse_args(int argc, char **argv, struct opts *o)
{
	int c, id, i;

	memset(o, 0, sizeof *o);
	o->files = util_alloc((size_t)argc * sizeof *o->files);
	init_long_opts();
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:o:j:qvh", long_opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			bad_option(o, c, argv);
			continue;
		}
		id = c >= LONG_BASE ? c - LONG_BASE : letter_id(c);
		if (c >= LONG_BASE)
			snprintf(o->spelled[id], sizeof o->spelled[id], "--%s", opt_doc[id].name);
		else
			snprintf(o->spelled[id], sizeof o->spelled[id], "-%c", c);
		o->given |= BIT(id);
		take_option(o, id, optarg);
	}
	for (i = optind; i < argc; i++) {
		if (o->cmd == NULL)
			o->cmd = argv[i];
		else
			o->files[o->nfiles++] = argv[i];
	}
}

/* The first option given that command c does not take, as an error. */
static char *unused_option(const struct opts *o, const struct command *c)
{
	int i;

	for (i = 0; i < O_COUNT; i++)
		if ((o->given & BIT(i)) && !((c->opts | COMMON_OPTS) & BIT(i)))
			return util_printf("option '%s' does not apply to %s", o->spelled[i], c->name);
	return NULL;
}

static int cmd_check(const struct opts *o)
{
	pipe_cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	int i, rc;

	if (o->nfiles == 0)
		return usage(o, "no data files given");
	for (i = 0; i < o->nfiles; i++) {
		score_report *s = NULL;
		model_report *r = pipe_load(o->b.tmpl, &c, o->files[i], &t, &s, &dl);

		if (r)
			fit_warn(t, r, s, &dl); /* a layout too narrow for its words */
		score_free(s);
		model_report_free(r);
	}
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
	doc *d = doc_build(t, r, s, NULL);

	(void)o;
	doc_dump(d, stdout);
	doc_free(d);
}

/* Loads and scores the one data file of score or dump, and emits it. */
static int one_report(const struct opts *o, emit_fn emit)
{
	pipe_cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	model_report *r;
	score_report *s;
	int rc;

	if (o->nfiles != 1)
		return usage(o, o->nfiles ? "give exactly one data file" : "no data file given");
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

/* Nonzero when list is a comma-separated list of xlsx, pdf and (html nonzero) html. */
static int valid_formats(const char *list, int html)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!((n == 4 && strncmp(p, "xlsx", 4) == 0) || (n == 3 && strncmp(p, "pdf", 3) == 0) ||
		      (html && n == 4 && strncmp(p, "html", 4) == 0)))
			return 0;
		p += n;
		if (*p == ',' && *++p == '\0')
			return 0;
	}
	return list[0] != '\0';
}

/* --format and --font-dir, as build and summary (no html) take them. */
static int check_format_and_fonts(const struct opts *o, int html)
{
	if (o->b.format && !valid_formats(o->b.format, html)) {
		char *m = util_printf("--format takes a comma-separated list of xlsx, pdf%s, not '%s'",
				      html ? " and html" : " (summary writes no html)", o->b.format);
		int rc = usage(o, m);

		free(m);
		return rc;
	}
	if (o->b.font_dir && access(o->b.font_dir, R_OK) != 0) {
		fprintf(stderr, "%s: cannot read font directory: %s\n", o->b.font_dir, strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

static int cmd_build(const struct opts *o)
{
	int rc;

	if ((rc = check_format_and_fonts(o, 1)) != EXIT_OK)
		return rc;
	if (o->nfiles == 0)
		return usage(o, "no data files or directories given");
	if (o->b.outdir == NULL)
		return usage(o, "give the output directory with -o OUTDIR");
	return batch_build(&o->b, o->files, o->nfiles);
}

static int cmd_summary(const struct opts *o)
{
	summary_opts so;
	int rc;

	if ((rc = check_format_and_fonts(o, 0)) != EXIT_OK)
		return rc;
	if (o->nfiles == 0)
		return usage(o, "no run reports or data files given");
	if (o->b.outdir == NULL)
		return usage(o, "give the workbook to write with -o SUMMARY.xlsx");
	memset(&so, 0, sizeof so);
	so.tmpl = o->b.tmpl;
	so.out = o->b.outdir;
	so.format = o->b.format;
	so.font = o->b.font;
	so.font_dir = o->b.font_dir;
	so.letter = o->letter;
	so.reg = o->reg;
	so.quarter = o->quarter;
	return summary_run(&so, o->files, o->nfiles);
}

static int cmd_score(const struct opts *o)
{
	return one_report(o, emit_score);
}

static int cmd_dump(const struct opts *o)
{
	return one_report(o, emit_dump);
}

static int cmd_form(const struct opts *o)
{
	form_opts fo;

	if (o->b.outdir == NULL)
		return usage(o, "give the output directory with -o OUTDIR");
	if (o->b.format && strcmp(o->b.format, "xlsx") != 0 && strcmp(o->b.format, "xml") != 0) {
		char *m = util_printf("--format takes xlsx or xml, not '%s'", o->b.format);
		int rc = usage(o, m);

		free(m);
		return rc;
	}
	if (o->nfiles == 0 && o->b.tmpl == NULL)
		return usage(o, "give the template with -t TEMPLATE (or data files)");
	memset(&fo, 0, sizeof fo);
	fo.tmpl = o->b.tmpl;
	fo.outdir = o->b.outdir;
	fo.quarter = o->quarter;
	fo.xml = o->b.format && strcmp(o->b.format, "xml") == 0;
	return form_run(&fo, o->files, o->nfiles);
}

/* Writes the XML of d to path through the checked output path. */
static char *write_xml(const data_doc *d, const char *path)
{
	xmlChar *mem = NULL;
	int len = 0;
	util_out out;
	char *dir = util_dir_of(path), *err;

	if (batch_make_dirs(dir) != 0) {
		err = util_printf("%s: cannot create the directory: %s", dir, strerror(errno));
		free(dir);
		return err;
	}
	free(dir);
	if ((err = util_out_open(&out, path)) != NULL)
		return err;
	xmlDocDumpFormatMemoryEnc(data_xml(d), &mem, &len, "UTF-8", 1);
	if (mem)
		util_out_write(&out, mem, (size_t)len);
	err = util_out_commit(&out, mem ? NULL : util_printf("%s: out of memory", path));
	xmlFree(mem);
	return err;
}

/* Checks d as build would and writes it to path; adds to dl. */
static void convert_one(data_doc *d, const model_template *t, const char *path, diag_list *dl)
{
	size_t before = diag_errors(dl);
	model_report *r = pipe_read(d, t, NULL, dl);
	char *err;

	if (r && diag_errors(dl) == before && (err = write_xml(d, path)) != NULL) {
		diag_add(dl, DIAG_ERROR, DIAG_IO, NULL, 0, "%s", err);
		free(err);
	}
	model_report_free(r);
}

static int convert_csv(const struct opts *o, pipe_cache *c, diag_list *dl)
{
	model_template *t;
	data_doc **v;
	size_t n = 0, i;

	if (o->b.tmpl == NULL)
		return usage(o, "a CSV names no template: give it with -t TEMPLATE");
	if ((t = pipe_template(o->b.tmpl, c, o->files[0], dl)) == NULL)
		return EXIT_OK;
	if ((v = csvin_reports(o->files[0], t, o->quarter, &n, dl)) == NULL)
		return EXIT_OK;
	for (i = 0; i < n; i++)
		model_report_free(pipe_read(v[i], t, NULL, dl));
	if (diag_errors(dl) == 0 && batch_make_dirs(o->b.outdir) != 0)
		diag_add(dl, DIAG_ERROR, DIAG_IO, o->b.outdir, 0, "cannot create the directory: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		char *path = util_printf("%s/office-%03zu.xml", o->b.outdir, i + 1), *err;

		if (diag_errors(dl) == 0 && (err = write_xml(v[i], path)) != NULL) {
			diag_add(dl, DIAG_ERROR, DIAG_IO, NULL, 0, "%s", err);
			free(err);
		}
		free(path);
		data_close(v[i]);
	}
	free(v);
	return EXIT_OK;
}

static int cmd_convert(const struct opts *o)
{
	pipe_cache c = { 0 };
	diag_list dl = { 0 };
	model_template *t;
	data_doc *d;
	size_t len;
	int rc = EXIT_OK;

	if (o->nfiles != 1)
		return usage(o, o->nfiles ? "give exactly one filled form or CSV" : "no filled form or CSV given");
	if (o->b.outdir == NULL)
		return usage(o, "give the file to write with -o OUT");
	len = strlen(o->files[0]);
	if (len > 4 && strcmp(o->files[0] + len - 4, ".csv") == 0) {
		rc = convert_csv(o, &c, &dl);
	} else if (!sheet_is_workbook(o->files[0]) && access(o->files[0], R_OK) == 0) {
		diag_add(&dl, DIAG_ERROR, DIAG_DATA, o->files[0], 0, "not a workbook (.xlsx) or a CSV file");
	} else if ((d = pipe_open(o->b.tmpl, &c, o->files[0], &t, &dl)) != NULL) {
		if (t)
			convert_one(d, t, o->b.outdir, &dl);
		data_close(d);
	}
	diag_print(&dl, stderr);
	if (rc == EXIT_OK)
		rc = diag_exit_code(&dl);
	diag_list_free(&dl);
	pipe_cache_free(&c);
	return rc;
}

/* Runs the command line: --help and --version first, then the command. */
static int run(struct opts *o)
{
	const struct command *c = find_command(o->cmd);
	char *m;
	int rc;

	if (o->given & BIT(O_HELP)) {
		if (c)
			command_usage(c, stdout);
		else
			full_usage(stdout);
		return EXIT_OK;
	}
	if (o->given & BIT(O_VERSION)) {
		printf("annexc %s\n", ANNEXC_VERSION);
		return EXIT_OK;
	}
	if (o->cmd == NULL && o->err == NULL) {
		full_usage(stderr);
		return EXIT_USAGE;
	}
	if (o->cmd && c == NULL) {
		m = util_printf("unknown command '%s'; the commands are check, score, build, summary, "
				"dump, form and convert", o->cmd);
		rc = usage_error(NULL, m);
		free(m);
		return rc;
	}
	if (o->err)
		return usage(o, o->err);
	if ((m = unused_option(o, c)) != NULL) {
		rc = usage(o, m);
		free(m);
		return rc;
	}
	return c->run(o);
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

	parse_args(argc, argv, &o);
	rc = run(&o);
	if ((o.given & (BIT(O_HELP) | BIT(O_VERSION))) && fflush(stdout) != 0)
		rc = EXIT_IO;
	free(o.err);
	free(o.files);
	xmlio_cleanup();
	pdf_cleanup();
	measure_cleanup();
	return rc;
}
