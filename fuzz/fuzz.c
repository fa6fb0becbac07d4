/* fuzz.c - scratch directory, input files and process setup for the targets. */
#include "fuzz.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "json.h"
#include "measure.h"
#include "pdf.h"
#include "util.h"
#include "xmlio.h"

static char *scratch;
static FILE *devnull;
static void (*target_cleanup)(void);
static pipe_cache cache;

/* Removes every file in the scratch directory and the directory. */
static void remove_scratch(void)
{
	static const char *const names[] = { "template.xml", "data.in", "out.xlsx", "out.pdf", "out.html",
					     "annexc-run.json", "summary.xlsx", "summary.pdf", "book.xlsx",
					     "rows.csv" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		char *p = fuzz_path(names[i]);
		unlink(p);
		free(p);
	}
	rmdir(scratch);
}

static void at_exit(void)
{
	if (target_cleanup)
		target_cleanup();
	pipe_cache_free(&cache);
	remove_scratch();
	free(scratch);
	scratch = NULL;
	if (devnull)
		fclose(devnull);
	xmlio_cleanup();
	pdf_cleanup();
	measure_cleanup();
}

void fuzz_on_exit(void (*cleanup)(void))
{
	target_cleanup = cleanup;
}

/* Most targets need nothing more than fuzz_setup; the others define their
 * own fuzz_init. */
__attribute__((weak)) void fuzz_init(void)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fuzz_init();
	return 0;
}

void fuzz_setup(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = util_printf("%s/annexc-fuzz-XXXXXX", base ? base : "/tmp");

	if (mkdtemp(tmpl) == NULL) {
		perror(tmpl);
		exit(1);
	}
	scratch = tmpl;
	/* Templates are found by id as in a real run: the shipped ones, then the
	 * examples' own (which extend the shipped ones). */
	setenv("ANNEXC_TEMPLATE_PATH", FUZZ_TOP "/examples/khulna-info-q2:" FUZZ_TOP "/examples/lged-sirajganj-q2", 1);
	unsetenv("SOURCE_DATE_EPOCH");
	atexit(at_exit);
}

char *fuzz_path(const char *name)
{
	return util_printf("%s/%s", scratch, name);
}

char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	char *path = fuzz_path(name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t done = 0;

	while (fd >= 0 && done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (fd < 0 || done < size || close(fd) != 0) {
		perror(path);
		abort();
	}
	return path;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = util_alloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

FILE *fuzz_null(void)
{
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL) {
		perror("/dev/null");
		abort();
	}
	return devnull;
}

pipe_cache *fuzz_cache(void)
{
	return &cache;
}

void fuzz_score(const char *name, const uint8_t *data, size_t size)
{
	char *file = fuzz_write(name, data, size);
	diag_list dl = { 0 };
	model_template *t;
	score_report *s;
	model_report *r = pipe_load(NULL, &cache, file, &t, &s, &dl);

	if (r != NULL) {
		json_write_scores(fuzz_null(), t, r, s);
		score_free(s);
	}
	model_report_free(r);
	diag_list_free(&dl);
	free(file);
}
