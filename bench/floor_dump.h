/* floor_dump.h - the benchmark floors' reader of `annexc dump` output: one
 * report's document (column widths, title lines, grid cells with their
 * values and formulas, tail and letter lines) in memory, for floor_xlsx.c
 * and floor_pdf.c, which write it with the libraries directly. Not part of
 * annexc. */
#ifndef FLOOR_DUMP_H
#define FLOOR_DUMP_H

enum { K_TEXT, K_NUMBER, K_PERCENT, K_DATE, K_LINK };
enum { A_LEFT, A_CENTER, A_RIGHT };
enum { R_BODY, R_HEAD, R_CLOSE };
/* The dump's tags: title, footnote, signature, letter-head, letter-line. */
enum { S_TITLE, S_NOTE, S_SIGN, S_HEAD, S_LETTER, S_NSTYLES };

struct fd_run {
	int from, to, of, align, style;
	char *text; /* "" when the dump printed no text for the run */
};

struct fd_line {
	double gap;
	int keep, nrun;
	struct fd_run *run;
};

struct fd_lines {
	struct fd_line *v;
	int n;
};

struct fd_cell {
	int row, col, kind, rowspan, colspan;
	int decimals; /* digits after the point in the displayed number */
	int align;    /* A_*: guessed as annexc sets them (long labels left, a closing
			 row's label right, the rest centred) */
	double value; /* numbers as such, percents as fractions, dates as Excel serials */
	char *text, *formula;
};

struct fd_doc {
	char *name; /* the dump file's name without directory and extension */
	int nrows, ncols, nhelp, header, landscape;
	char *font;
	double *width; /* ncols + nhelp */
	struct fd_lines titles, tail, letter;
	struct fd_cell *cell;
	int ncell;
	int *role; /* per row: R_BODY, R_HEAD (the header rows), R_CLOSE (a row whose
		      first cell spans columns: a subtotal or total, bold and shaded) */
	int *at; /* nrows × (ncols + nhelp): the cell index there, -1 for an empty
		    cell, -2 - i for a cell covered by cell i's merged region */
};

/* Reads a dump; exits with a message on stderr when it cannot. */
struct fd_doc *fd_read(const char *path);
void fd_free(struct fd_doc *d);
/* A floor's main: reads the dumps argv[2..] (not timed), calls setup, then
 * write(doc, argv[1]) for each, timed (CLOCK_MONOTONIC), and prints
 * "reports N seconds S". Returns the exit status (1 when a write failed). */
int fd_main(int argc, char **argv, const char *prog, void (*setup)(void),
	    int (*write)(const struct fd_doc *, const char *outdir));

#endif
