/* batch.c - annexc build: expands inputs, names outputs, runs workers (one
 * process each, so fonts and templates are cached per worker and one bad
 * office cannot take the others down), merges their results into
 * OUTDIR/annexc-run.json, and skips offices whose outputs are up to date. */
#include "batch.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "diag.h"
#include "document.h"
#include "html.h"
#include "inputs.h"
#include "json.h"
#include "measure.h"
#include "pdf.h"
#include "pipeline.h"
#include "score.h"
#include "stamps.h"
#include "config.h"
#include "util.h"
#include "xlsx.h"
#include "xmlio.h"

#define STAMPS ".annexc"

struct run {
	const batch_opts *o;
	inputs in;    /* the data files, named */
	diag_list dl; /* problems with the inputs themselves */
	FILE **res;     /* the workers' results files, while they are written */
	int nres;
	char **why;     /* by worker: what stopped it early, or NULL */
	pipe_cache cache; /* for what the run compiles itself after a worker died */
	util_out out;   /* the run report, open from the start of the run */
	int lock[2];    /* OUTDIR/.annexc/lock, and lock-K-of-N for a shard */
	stamps st;      /* of earlier builds, loaded before the workers fork */
};

char **batch_collect(char **paths, int npaths, size_t *nfiles, diag_list *dl)
{
	inputs in = { 0 };
	char **files;
	size_t i;

	inputs_collect(&in, paths, npaths, dl);
	files = util_alloc((in.n + 1) * sizeof *files);
	for (i = 0; i < in.n; i++) {
		files[i] = in.job[i].input;
		in.job[i].input = NULL;
	}
	*nfiles = in.n;
	inputs_free(&in);
	return files;
}

/* ---- one office ---- */

static int want_format(const batch_opts *o, const char *fmt)
{
	const char *list = o->format ? o->format : "xlsx,pdf", *p = list;
	size_t n = strlen(fmt);

	while ((p = strstr(p, fmt)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

/* What the outputs depend on: annexc's version, the options, the data and
 * every template file. */
static char *fingerprint(const batch_opts *o, uint64_t data_hash, const model_template *t)
{
	const char *parts[6];
	size_t n = 0;

	parts[n++] = ANNEXC_VERSION;
	parts[n++] = want_format(o, "xlsx") ? "xlsx" : "-";
	parts[n++] = want_format(o, "pdf") ? "pdf" : "-";
	if (want_format(o, "html")) /* only when asked: earlier stamps stay valid */
		parts[n++] = "html";
	parts[n++] = o->font;
	parts[n++] = getenv("SOURCE_DATE_EPOCH");
	return stamps_fingerprint(parts, n, data_hash, t);
}

static json_t *diag_json(const diag_list *dl, size_t from)
{
	static const char *const kinds[] = { "data", "template", "io" };
	json_t *a = json_array();
	size_t i;

	for (i = from; i < dl->n; i++) {
		const diag *d = &dl->v[i];

		json_array_append_new(a, json_pack("{s:s, s:i, s:s, s:s, s:s}", "file", d->file, "line", d->line,
						   "level", d->level == DIAG_ERROR ? "error" : "warning", "kind",
						   kinds[d->kind], "message", d->msg));
	}
	return a;
}

/* The backends, in the order their outputs are listed. check (may be NULL)
 * finds what would stop a backend before it starts (a template-kind problem);
 * write reports I/O problems. */
static const struct backend {
	const char *ext;
	char *(*check)(const doc *d);
	char *(*write)(const doc *d, const char *path, long long created);
} backends[] = { { "xlsx", NULL, xlsx_write }, { "pdf", pdf_check, pdf_write }, { "html", NULL, html_write } };

/* Writes the outputs of one office; appends their paths to outs. */
static void render(const batch_opts *o, const inputs_job *j, const model_template *t, const model_report *r,
		   const score_report *s, json_t *outs, diag_list *dl)
{
	doc *d = doc_build(t, r, s, o->font);
	size_t i;

	for (i = 0; i < sizeof backends / sizeof *backends; i++) {
		const struct backend *be = &backends[i];
		char *path, *err;

		if (!want_format(o, be->ext))
			continue;
		if (be->check && (err = be->check(d)) != NULL) {
			diag_add(dl, DIAG_ERROR, DIAG_TEMPLATE, j->input, 0, "%s", err);
			free(err);
			continue;
		}
		path = util_printf("%s/%s.%s", o->outdir, j->name, be->ext);
		if ((err = be->write(d, path, util_source_date((long long)d->date * 86400))) != NULL)
			diag_add(dl, DIAG_ERROR, DIAG_IO, j->input, 0, "%s", err);
		else
			json_array_append_new(outs, json_string(path));
		free(err);
		free(path);
	}
	doc_free(d);
}

/* Nonzero when job j was built before with fingerprint fp and all its
 * outputs exist; fills outs with them. */
static int fresh(const batch_opts *o, const stamps *st, const inputs_job *j, const char *fp, json_t *outs)
{
	static const char *const ext[] = { "xlsx", "pdf", "html" };
	const char *old = stamps_find(st, j->name);
	size_t i;
	int ok = !o->force && old && strcmp(old, fp) == 0;

	for (i = 0; ok && i < sizeof ext / sizeof *ext; i++)
		if (want_format(o, ext[i])) {
			char *p = util_printf("%s/%s.%s", o->outdir, j->name, ext[i]);
			struct stat st;

			ok = lstat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, R_OK) == 0;
			if (ok)
				json_array_append_new(outs, json_string(p));
			free(p);
		}
	if (!ok)
		json_array_clear(outs);
	return ok;
}

static const char *status_of(const diag_list *dl, int have_report)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		if (dl->v[i].level == DIAG_ERROR && dl->v[i].kind != DIAG_DATA && have_report)
			return "failed";
	return diag_errors(dl) ? "invalid" : "built";
}

/* Compiles one office (unless its outputs are up to date) and returns its
 * record. With stopped (a message: why it was not compiled), an office that
 * is not up to date is recorded as failed with that message instead. The
 * outputs' stamp is appended, or with stamp given, handed back in it (for
 * the caller to append once the outputs are published; NULL when none). */
static json_t *build_one(const batch_opts *o, const stamps *st, pipe_cache *c, const inputs_job *j,
			 const char *stopped, char **stamp)
{
	diag_list dl = { 0 };
	model_template *t;
	score_report *s;
	struct stat input;
	uint64_t data_hash = stamps_hash_input(UTIL_FNV_BASIS, j->input, &input); /* before it is read: what the outputs are of */
	model_report *r = pipe_load(o->tmpl, c, j->input, &t, &s, &dl);
	json_t *rec = json_pack("{s:s, s:s}", "input", j->input, "name", j->name), *outs = json_array();
	const char *status = NULL;

	if (r) {
		json_t *sj = json_record(t, r, s);
		char *fp = fingerprint(o, data_hash, t);

		json_object_update(rec, sj);
		json_decref(sj);
		if (fresh(o, st, j, fp, outs))
			status = "up-to-date";
		else if (stopped)
			diag_add(&dl, DIAG_ERROR, DIAG_IO, j->input, 0, "%s", stopped);
		else {
			render(o, j, t, r, s, outs, &dl);
			if (diag_errors(&dl) == 0 && !stamps_unchanged(j->input, &input))
				diag_add(&dl, DIAG_WARNING, DIAG_IO, j->input, 0,
					 "changed or removed while it was compiled: its outputs are of what was read "
					 "first, and are not stamped, so the next run builds it again");
			else if (diag_errors(&dl) == 0 && stamp)
				*stamp = util_strdup(fp);
			else if (diag_errors(&dl) == 0)
				stamps_append(o->outdir, j->name, fp);
		}
		free(fp);
		score_free(s);
	}
	json_object_set(rec, "outputs", outs);
	json_object_set_new(rec, "diagnostics", diag_json(&dl, 0));
	json_object_set_new(rec, "status", json_string(status ? status : status_of(&dl, r != NULL)));
	json_decref(outs);
	model_report_free(r);
	diag_list_free(&dl);
	return rec;
}

/* ---- workers ---- */

void batch_setup_fonts(const char *font_dir)
{
	static int done;
	char *conf;

	if (done++) /* once per process: a worker and the run in one process share it */
		return;
	conf = util_printf("%s/fonts.conf", ANNEXC_FONTDIR);
	measure_add_fonts(access(conf, R_OK) == 0 ? conf : NULL, ANNEXC_FONTDIR);
	if (font_dir)
		measure_add_fonts(NULL, font_dir);
	free(conf);
}

/* The process id of the run (set before workers fork), which names its
 * workers' results files so that runs sharing a directory keep apart. */
static long run_pid;

static char *results_path(const batch_opts *o, int k)
{
	return util_printf("%s/" STAMPS "/.worker-%ld-%d.tmp", o->outdir, run_pid, k);
}

/* Creates the n workers' results files before any worker starts, so that a
 * directory that cannot be written is one message, not one per office.
 * Returns 0, or -1 with errno. */
static int open_results(struct run *r, int n)
{
	int k;

	r->res = util_alloc((size_t)n * sizeof *r->res);
	r->nres = n;
	for (k = 0; k < n; k++) {
		char *rp = results_path(r->o, k);

		r->res[k] = util_fopen_nofollow(rp, "x");
		free(rp);
		if (r->res[k] == NULL)
			return -1;
	}
	return 0;
}

/* Closes the results files this process does not write (all of them with mine < 0). */
static void close_results(struct run *r, int mine)
{
	int k;

	for (k = 0; k < r->nres; k++)
		if (k != mine && r->res[k]) {
			fclose(r->res[k]);
			r->res[k] = NULL;
		}
}

/* A worker's offices compiled but not yet published: their records and
 * stamps wait for their outputs' group commit. */
#define GROUP_MAX 64        /* offices */
#define GROUP_SECONDS 0.25  /* the longest an output waits for its commit */
struct group {
	json_t *rec[GROUP_MAX];
	char *stamp[GROUP_MAX];
	size_t idx[GROUP_MAX];
	size_t n;
	double since;
};

static double now_seconds(void);

/* Fails rec's office when one of its outputs could not be published (an
 * I/O error, as status_of counts it); returns nonzero when it did. */
static int unpublished(json_t *rec, char **paths, char **errs, size_t nfail)
{
	json_t *outs = json_object_get(rec, "outputs");
	diag_list dl = { 0 };
	size_t i, k;

	for (k = 0; k < json_array_size(outs); k++)
		for (i = 0; i < nfail; i++)
			if (strcmp(json_string_value(json_array_get(outs, k)), paths[i]) == 0) {
				diag_add(&dl, DIAG_ERROR, DIAG_IO, json_string_value(json_object_get(rec, "input")), 0,
					 "%s", errs[i]);
				json_array_remove(outs, k--);
				break;
			}
	if (dl.n) {
		json_t *more = diag_json(&dl, 0);

		json_array_extend(json_object_get(rec, "diagnostics"), more);
		json_decref(more);
		json_object_set_new(rec, "status", json_string("failed"));
	}
	k = dl.n;
	diag_list_free(&dl);
	return k > 0;
}

/* Publishes the group's outputs (one sync for all), then writes their
 * records, stamps what was published whole and reports progress. */
static void publish(struct run *r, struct group *g, FILE *fp, int *progress)
{
	char **paths, **errs;
	size_t nfail = util_out_publish(&paths, &errs), i;

	for (i = 0; i < g->n; i++) {
		json_t *rec = g->rec[i];
		int failed = nfail && unpublished(rec, paths, errs, nfail);
		char *text;

		/* the office being finished, should the worker be killed here: it is
		 * then up to date (stamped) or failed, and the rest built again */
		fprintf(fp, "S %zu\n", g->idx[i]);
		fflush(fp);
		if (g->stamp[i] && !failed)
			stamps_append(r->o->outdir, json_string_value(json_object_get(rec, "name")), g->stamp[i]);
		text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
		/* "INDEX STATUS DIAGNOSTICS\tRECORD": the merge copies the record
		 * as it is unless it has diagnostics to print */
		fprintf(fp, "%zu %s %zu\t%s\n", g->idx[i], json_string_value(json_object_get(rec, "status")),
			json_array_size(json_object_get(rec, "diagnostics")), text);
		fflush(fp);
		free(text);
		free(g->stamp[i]);
		json_decref(rec);
		if (*progress >= 0 && write(*progress, "x", 1) < 0)
			*progress = -1;
	}
	util_free_strv(paths, nfail);
	util_free_strv(errs, nfail);
	g->n = 0;
}

/* Worker k of n: compiles jobs sel[i] for i ≡ k (mod n) and commits their
 * outputs in groups. Its results file gets "S INDEX" as each office starts
 * and again as its stamp and record are written once its group is
 * published (so that a killed worker's office is known), then the record
 * line; the progress pipe one byte per office. */
static int work(struct run *r, const size_t *sel, size_t nsel, int k, int n, int progress)
{
	pipe_cache c = { 0 };
	FILE *fp = r->res[k];
	struct group g = { 0 };
	size_t i;

	batch_setup_fonts(r->o->font_dir);
	util_out_defer(1);
	for (i = (size_t)k; i < nsel; i += (size_t)n) {
		fprintf(fp, "S %zu\n", sel[i]);
		fflush(fp);
		if (g.n == 0)
			g.since = now_seconds();
		g.idx[g.n] = sel[i];
		g.stamp[g.n] = NULL;
		g.rec[g.n] = build_one(r->o, &r->st, &c, &r->in.job[sel[i]], NULL, &g.stamp[g.n]);
		if (++g.n == GROUP_MAX || now_seconds() - g.since >= GROUP_SECONDS)
			publish(r, &g, fp, &progress);
	}
	publish(r, &g, fp, &progress);
	util_out_defer(0);
	pipe_cache_free(&c);
	stamps_close();
	r->res[k] = NULL;
	return fclose(fp) == 0 ? EXIT_OK : EXIT_IO;
}

/* Progress on a terminal: done/total, offices per second, time left. */
static void show_progress(size_t done, size_t total, double t0)
{
	struct timespec ts;
	double now, rate, left;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	rate = now > t0 ? (double)done / (now - t0) : 0;
	left = rate > 0 ? (double)(total - done) / rate : 0;
	fprintf(stderr, "\rannexc: %zu/%zu offices, %.1f/s, %d:%02d left  ", done, total, rate, (int)left / 60,
		(int)left % 60);
	if (done == total)
		fputc('\n', stderr);
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits for a worker; NULL when it finished, else what stopped it. */
static char *reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return util_printf("annexc lost its worker: %s", strerror(errno));
	if (WIFSIGNALED(st))
		return util_printf("annexc's worker was killed by signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
	if (WEXITSTATUS(st) != 0)
		return util_printf("annexc's worker stopped with exit status %d", WEXITSTATUS(st));
	return NULL;
}

/* Runs n workers (in this process when n is 1); their records are left in their results files. */
static void run_workers(struct run *r, const size_t *sel, size_t nsel, int n)
{
	int fds[2], k, show = !r->o->quiet && isatty(2);
	pid_t *pid = util_alloc((size_t)n * sizeof *pid);
	size_t done = 0;
	double t0 = now_seconds();
	char b[256];
	ssize_t got;

	r->why = util_alloc((size_t)n * sizeof *r->why);
	if (n == 1) {
		if (work(r, sel, nsel, 0, 1, -1) != EXIT_OK)
			r->why[0] = util_printf("cannot write annexc's results file: %s", strerror(errno));
		free(pid);
		return;
	}
	if (pipe(fds) != 0)
		fds[0] = fds[1] = -1;
	fflush(NULL);
	for (k = 0; k < n; k++) {
		pid[k] = fork();
		if (pid[k] == 0) {
			close(fds[0]);
			close_results(r, k);
			_exit(work(r, sel, nsel, k, n, fds[1]));
		}
	}
	close(fds[1]);
	close_results(r, -1);
	while (fds[0] >= 0 && (got = read(fds[0], b, sizeof b)) > 0) {
		done += (size_t)got;
		if (show)
			show_progress(done, nsel, t0);
	}
	if (fds[0] >= 0)
		close(fds[0]);
	for (k = 0; k < n; k++)
		r->why[k] = pid[k] > 0 ? reap(pid[k]) : NULL;
	free(pid);
}

/* ---- the run ---- */

/* Parses "K/N" (1 <= K <= N). */
static int parse_shard(const char *s, size_t *k, size_t *n)
{
	unsigned long a, b;
	int used = 0;

	if (s == NULL) {
		*k = *n = 1;
		return 0;
	}
	if (sscanf(s, "%lu/%lu%n", &a, &b, &used) != 2 || s[used] != '\0' || a < 1 || b < 1 || a > b)
		return -1;
	*k = a;
	*n = b;
	return 0;
}

/* Adds a record's diagnostics to dl (for printing and the exit code). */
static void collect_diags(diag_list *dl, const json_t *rec)
{
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(rec, "diagnostics"), i, d) {
		const char *kind = json_string_value(json_object_get(d, "kind"));
		enum diag_kind k = kind && strcmp(kind, "io") == 0 ? DIAG_IO :
				   kind && strcmp(kind, "template") == 0 ? DIAG_TEMPLATE : DIAG_DATA;
		const char *lv = json_string_value(json_object_get(d, "level"));

		diag_add(dl, lv && strcmp(lv, "error") == 0 ? DIAG_ERROR : DIAG_WARNING, k,
			 json_string_value(json_object_get(d, "file")),
			 (int)json_integer_value(json_object_get(d, "line")), "%s",
			 json_string_value(json_object_get(d, "message")));
	}
}

int batch_make_dirs(const char *dir)
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

/* Nonzero when process pid has died but not been reaped yet (a killed worker). */
static int zombie(long pid)
{
	char *path = util_printf("/proc/%ld/stat", pid), buf[256], *paren;
	FILE *fp = fopen(path, "r");
	int z = 0;

	free(path);
	if (fp == NULL)
		return 0;
	if (fgets(buf, sizeof buf, fp) && (paren = strrchr(buf, ')')) != NULL)
		z = paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
	fclose(fp);
	return z;
}

/* Nonzero when the process whose id a temporary name carries (".x.PID.tmp",
 * ".worker-PID-K.tmp") still runs: another run's file, not ours to remove. */
static int owner_alive(const char *name)
{
	const char *end = name + strlen(name) - 4, *p = end;
	long pid;

	while (p > name && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p > name && p[-1] == '-') { /* .worker-PID-K.tmp: the PID is before the dash */
		end = p - 1;
		p = end;
		while (p > name && p[-1] >= '0' && p[-1] <= '9')
			p--;
	}
	if (p == end)
		return 0;
	pid = strtol(p, NULL, 10);
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) == 0 && !zombie(pid);
}

/* Removes temporary files a killed run left in dir. */
static void clean_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.' && n > 4 && strcmp(e->d_name + n - 4, ".tmp") == 0 &&
		    !owner_alive(e->d_name)) {
			char *p = util_printf("%s/%s", dir, e->d_name);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
}

static int cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

static void count_status(json_t *counts, const char *s)
{
	json_t *v = json_object_get(counts, s ? s : "failed");

	json_object_set_new(counts, s ? s : "failed", json_integer(v ? json_integer_value(v) + 1 : 1));
}

/* One worker's results file, read a record at a time (they are in input
 * order): the head record's index, status, number of diagnostics and text. */
struct stream {
	FILE *fp;
	long long started; /* the last office the worker said it started */
	long long idx;
	char status[32];
	size_t ndiag;
	const char *text;
	char *line;
	size_t cap;
};

/* Reads the next whole line (one a killed worker cut short has no newline). */
static void advance(struct stream *st)
{
	ssize_t len;
	int used;

	st->idx = -1;
	while (st->fp && (len = getline(&st->line, &st->cap, st->fp)) > 0)
		if (st->line[0] == 'S' && st->line[len - 1] == '\n')
			st->started = strtoll(st->line + 1, NULL, 10);
		else if (st->line[len - 1] == '\n' &&
		    sscanf(st->line, "%lld %31s %zu\t%n", &st->idx, st->status, &st->ndiag, &used) == 3 && used > 0) {
			st->line[len - 1] = '\0';
			st->text = st->line + used;
			return;
		} else
			st->idx = -1;
}

/* A merged record: parsed when the run needs what is in it, else its text. */
struct merged {
	json_t *rec;
	const char *text;
	const char *status;
};

/* The record of the job at position i of the selection: its worker's; or,
 * when the worker stopped before writing it, this process's own: the office
 * the worker stopped at is only checked (up to date, or failed with the
 * cause), and the ones after it are compiled here. */
static json_t *take(struct run *r, const struct stream *st, int n, size_t i, const size_t *sel)
{
	int k = (int)(i % (size_t)n);
	const inputs_job *j = &r->in.job[sel[i]];
	json_t *rec;
	char *msg;

	batch_setup_fonts(r->o->font_dir);
	if (r->why[k] == NULL || st[k].started != (long long)sel[i]) /* compiled, not published: again */
		return build_one(r->o, &r->st, &r->cache, j, NULL, NULL);
	msg = util_printf("not compiled: %s while compiling this file", r->why[k]);
	rec = build_one(r->o, &r->st, &r->cache, j, msg, NULL);
	free(msg);
	free(r->why[k]);
	r->why[k] = NULL;
	return rec;
}

/* The record of position i, from its worker's stream when the worker wrote
 * it (parsed only when it has diagnostics, or the run lists or indexes its
 * offices), else compiled here (take). Release with done(). */
static struct merged next_record(struct run *r, struct stream *st, int n, size_t i, const size_t *sel, int parse)
{
	struct stream *s = &st[i % (size_t)n];
	struct merged m = { NULL, NULL, NULL };

	if (s->idx == (long long)sel[i]) {
		if (parse || s->ndiag > 0)
			m.rec = json_loads(s->text, 0, NULL);
		if (m.rec == NULL) {
			m.text = s->text;
			m.status = s->status;
			return m;
		}
	} else
		m.rec = take(r, st, n, i, sel);
	m.status = json_string_value(json_object_get(m.rec, "status"));
	return m;
}

/* Moves the stream of record i on, once the record has been written. */
static void done(struct merged *m, struct stream *st, int n, size_t i, const size_t *sel)
{
	struct stream *s = &st[i % (size_t)n];

	json_decref(m->rec);
	if (s->idx == (long long)sel[i])
		advance(s);
}

/* The run's index page, OUTDIR/index.html (index-K-of-N.html for a shard),
 * when HTML is written; else NULL. */
static html_index *open_index(struct run *r)
{
	size_t k, n;
	char *path, *err = NULL;
	html_index *ix;

	if (!want_format(r->o, "html") || parse_shard(r->o->shard, &k, &n) != 0)
		return NULL;
	path = r->o->shard ? util_printf("%s/index-%zu-of-%zu.html", r->o->outdir, k, n) :
			     util_printf("%s/index.html", r->o->outdir);
	if ((ix = html_index_open(path, r->o->outdir, &err)) == NULL)
		diag_add(&r->dl, DIAG_ERROR, DIAG_IO, path, 0, "cannot write the index: %s", err);
	free(err);
	free(path);
	return ix;
}

static void close_index(struct run *r, html_index *ix)
{
	char *err = html_index_close(ix);

	if (err)
		diag_add(&r->dl, DIAG_ERROR, DIAG_IO, r->o->outdir, 0, "cannot write the index: %s", err);
	free(err);
}

/* Merges the workers' results into the run report (its temporary file is
 * r->out, opened when the run started), a record at a time so that memory
 * does not grow with the number of offices; gathers every diagnostic into
 * dl. Returns 0 when the report was written. */
static int merge(struct run *r, const size_t *sel, size_t nsel, int n, const char *report)
{
	struct stream *st = util_alloc((size_t)n * sizeof *st);
	json_t *counts = json_object(), *head;
	char *rp, *err = NULL, *h;
	FILE *out = r->out.fp;
	html_index *ix = open_index(r);
	size_t i;
	int k;

	for (k = 0; k < n; k++) {
		rp = results_path(r->o, k);
		st[k].fp = util_fopen_nofollow(rp, "r");
		st[k].started = -1;
		advance(&st[k]);
		free(rp);
	}
	head = json_pack("{s:s, s:s?, s:s, s:s, s:s?}", "annexc", ANNEXC_VERSION, "template", r->o->tmpl, "outdir",
			 r->o->outdir, "formats", r->o->format ? r->o->format : "xlsx,pdf", "shard", r->o->shard);
	h = json_dumps(head, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	fprintf(out, "%.*s,\n \"inputs\": [\n", (int)strlen(h) - 2, h);
	free(h);
	for (i = 0; i < nsel; i++) {
		struct merged m = next_record(r, st, n, i, sel, r->o->verbose || ix);

		count_status(counts, m.status);
		if (m.rec) {
			collect_diags(&r->dl, m.rec);
			html_index_add(ix, m.rec);
			if (r->o->verbose)
				fprintf(stderr, "%s: %s\n", json_string_value(json_object_get(m.rec, "input")),
					m.status);
			json_dumpf(m.rec, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		} else
			fputs(m.text, out);
		fputs(i + 1 < nsel ? ",\n" : "\n", out);
		done(&m, st, n, i, sel);
	}
	json_object_set_new(counts, "inputs", json_integer((json_int_t)nsel));
	if (r->in.nskip)
		json_object_set_new(counts, "skipped", json_integer((json_int_t)r->in.nskip));
	for (i = 0; r->o->verbose && i < r->in.nskip; i++)
		fprintf(stderr, "%s: skipped (its first element is <%s>, not <report>)\n", r->in.skip[i].file,
			r->in.skip[i].root);
	fputs(" ],\n \"counts\": ", out);
	json_dumpf(counts, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputs("\n}\n", out);
	err = util_out_commit(&r->out, NULL);
	close_index(r, ix);
	for (k = 0; k < n; k++) {
		free(st[k].line);
		if (st[k].fp)
			fclose(st[k].fp);
		rp = results_path(r->o, k);
		unlink(rp);
		free(rp);
	}
	free(st);
	json_decref(counts);
	json_decref(head);
	if (err)
		diag_add(&r->dl, DIAG_ERROR, DIAG_IO, report, 0, "cannot write the run report: %s", err);
	free(err);
	return err ? -1 : 0;
}

/* OUTDIR/.annexc must be a directory of this run's own: a symbolic link
 * there is replaced by a directory (its target is left alone). */
static int own_dir(struct run *r, const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (unlink(dir) != 0 || mkdir(dir, 0777) != 0)
			return -1;
		diag_add(&r->dl, DIAG_WARNING, DIAG_IO, dir, 0,
			 "was a symbolic link: replaced by a directory (its target is left alone)");
	}
	return 0;
}

/* The stamps file is read and appended to, never through a link: a link
 * there is removed (its target is left alone) and the stamps start afresh. */
static void own_stamps(struct run *r)
{
	char *path = stamps_path(r->o->outdir);
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && unlink(path) == 0)
		diag_add(&r->dl, DIAG_WARNING, DIAG_IO, path, 0,
			 "was not a regular file (a symbolic link?): removed, its target is left alone; "
			 "every office is built again");
	free(path);
}

/* Takes OUTDIR/.annexc/lock: exclusively for a whole run, shared for a shard,
 * which also takes lock-K-of-N exclusively (shards of one run may share
 * OUTDIR, two runs of the same inputs may not). 0, or -1 when another run
 * holds it (errno EWOULDBLOCK) or it cannot be made. */
static int lock_outdir(struct run *r, size_t k, size_t n)
{
	char *p = util_printf("%s/" STAMPS "/lock", r->o->outdir);
	int rc;

	r->lock[0] = open(p, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	free(p);
	rc = r->lock[0] < 0 ? -1 : flock(r->lock[0], (r->o->shard ? LOCK_SH : LOCK_EX) | LOCK_NB);
	if (rc == 0 && r->o->shard) {
		p = util_printf("%s/" STAMPS "/lock-%zu-of-%zu", r->o->outdir, k, n);
		r->lock[1] = open(p, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
		free(p);
		rc = r->lock[1] < 0 ? -1 : flock(r->lock[1], LOCK_EX | LOCK_NB);
	}
	return rc;
}

/* Nonzero when no other run uses OUTDIR now, so that the stamps file may be
 * rewritten without losing another run's appends. */
static int alone(const struct run *r)
{
	return !r->o->shard || flock(r->lock[0], LOCK_EX | LOCK_NB) == 0;
}

/* Everything that must hold before any office is compiled: OUTDIR and
 * OUTDIR/.annexc exist and can be written (the run report's temporary file
 * is opened here), no other run of the same inputs is writing there. Prints
 * one message and returns the exit status when something does not hold. */
static int prepare(struct run *r, const char *report, size_t k, size_t n)
{
	const batch_opts *o = r->o;
	char *dir = util_printf("%s/" STAMPS, o->outdir);
	int rc = EXIT_OK;

	if (batch_make_dirs(dir) != 0)
		fprintf(stderr, "%s: cannot create directory: %s\n", o->outdir, strerror(errno)), rc = EXIT_IO;
	else if (own_dir(r, dir) != 0)
		fprintf(stderr, "%s: cannot create directory: %s\n", dir, strerror(errno)), rc = EXIT_IO;
	else if (lock_outdir(r, k, n) != 0 && errno == EWOULDBLOCK)
		fprintf(stderr, "%s: another annexc build is writing here%s; wait for it to finish, or use "
			"another OUTDIR\n", o->outdir, o->shard ? " (the same shard, or an unsharded run)" : ""),
			rc = EXIT_IO;
	else if (r->lock[0] < 0 || (o->shard && r->lock[1] < 0))
		fprintf(stderr, "%s: cannot write here: %s\n", dir, strerror(errno)), rc = EXIT_IO;
	else {
		clean_temps(o->outdir);
		clean_temps(dir);
		char *err = util_out_open(&r->out, report);

		if (err) /* "REPORT: reason" */
			fprintf(stderr, "%s: cannot write here: %s\n", o->outdir, err + strlen(report) + 2), rc = EXIT_IO;
		else
			own_stamps(r);
		free(err);
	}
	free(dir);
	return rc;
}

static void free_run(struct run *r)
{
	size_t i;

	free(util_out_commit(&r->out, util_strdup("not finished"))); /* removes what is left */
	for (i = 0; i < 2; i++)
		if (r->lock[i] >= 0)
			close(r->lock[i]);
	for (i = 0; r->why && i < (size_t)r->nres; i++)
		free(r->why[i]);
	free(r->why);
	close_results(r, -1);
	free(r->res);
	pipe_cache_free(&r->cache);
	inputs_free(&r->in);
	diag_list_free(&r->dl);
}

int batch_build(const batch_opts *o, char **inputs, int ninputs)
{
	struct run r;
	size_t k, n, i, nsel = 0, *sel = NULL;
	int jobs = o->jobs > 0 ? o->jobs : cpu_count(), rc;
	char *report = NULL, *dir;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.lock[0] = r.lock[1] = -1;
	run_pid = (long)getpid();
	if (parse_shard(o->shard, &k, &n) != 0) {
		fprintf(stderr, "annexc: --shard takes K/N with 1 <= K <= N\n");
		return EXIT_USAGE;
	}
	report = o->shard ? util_printf("%s/annexc-run-%zu-of-%zu.json", o->outdir, k, n) :
			    util_printf("%s/annexc-run.json", o->outdir);
	if ((rc = prepare(&r, report, k, n)) != EXIT_OK)
		goto out;
	inputs_collect(&r.in, inputs, ninputs, &r.dl);
	inputs_name(&r.in);
	sel = util_alloc((r.in.n + 1) * sizeof *sel);
	for (i = 0; i < r.in.n; i++)
		if (i % n == k - 1)
			sel[nsel++] = i;
	if ((size_t)jobs > nsel)
		jobs = nsel ? (int)nsel : 1;
	if (open_results(&r, jobs) != 0) {
		dir = util_printf("%s/" STAMPS, o->outdir);
		fprintf(stderr, "%s: cannot write here: %s\n", dir, strerror(errno));
		free(dir);
		rc = EXIT_IO;
		goto out;
	}
	stamps_load(&r.st, o->outdir);
	run_workers(&r, sel, nsel, jobs);
	stamps_load(&r.st, o->outdir); /* with the workers' stamps, for what a dead worker left */
	merge(&r, sel, nsel, jobs, report);
	stamps_close();
	stamps_free(&r.st);
	if (alone(&r))
		stamps_compact(o->outdir);
	dir = util_printf("%s/" STAMPS, o->outdir);
	clean_temps(o->outdir); /* what a killed worker was writing */
	clean_temps(dir);
	free(dir);
	rc = diag_exit_code(&r.dl);
out:
	diag_print(&r.dl, stderr);
	if (nsel == 0 && rc == EXIT_OK) {
		fprintf(stderr, "annexc: no data files found\n");
		rc = EXIT_INVALID;
	}
	free(report);
	free(sel);
	free_run(&r);
	return rc;
}
