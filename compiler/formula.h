/* formula.h - the scoring rules in the spreadsheet's terms: an indicator's
 * achieved-score and total-achievement formulas, and sums, over grid cells
 * written {R<row>C<col>}. The layout tells where each figure sits; this
 * stage knows nothing of columns, headings or backends. */
#ifndef ANNEXC_FORMULA_H
#define ANNEXC_FORMULA_H

#include <stddef.h>

#include "model.h"

/* Where one indicator's figures are: the row of its weight and targets
 * (row), the row of its achievements (x_row), and their columns. */
typedef struct formula_cells {
	int row, x_row;
	int weight;
	int grade[MODEL_MAX_GRADES];     /* each targeted grade's target */
	int quarter[MODEL_QUARTERS + 1]; /* each quarter's achievement, 1 … the report's */
	int qtarget[MODEL_QUARTERS + 1]; /* each quarter's target (in row), 1 … 4; -1 when the rules need none */
	int total;                       /* the total achievement */
	int q;                           /* the report's quarter */
	int to_date;                     /* grade targets scaled to the quarter targets due by q */
} formula_cells;

/* IF(ISNUMBER(total), weight × grade percent / 100, 0) by the indicator's
 * method; malloc'd. */
char *formula_score(const model_template *t, const model_indicator *ind, const formula_cells *c);
/* The total achievement of quarters 1 … q by the indicator's aggregation,
 * "" when none is reported; malloc'd. */
char *formula_total(const model_indicator *ind, const formula_cells *c, int q);

/* SUM over column col of the rows [first[i], last[i]], i < n (a single cell
 * where first[i] == last[i]); malloc'd. */
char *formula_sum(int col, const int *first, const int *last, size_t n);

#endif
