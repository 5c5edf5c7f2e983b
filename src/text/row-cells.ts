// The cells of a row read in place: the one interface the readers' rows, the loop and the scanners share.

/**
 * The cells of the current row, read one by one (the validation loop's row view): `cell(i)` makes the
 * string of a cell (once per row), `source(i)`, `start(i)` and `end(i)` say where its characters are
 * without making it (`source(i).slice(start(i), end(i))` is its text). Valid until the next row.
 */
export interface RowCells {
  /** Number of cells of the row. */
  readonly count: number;
  cell(i: number): string;
  source(i: number): string;
  start(i: number): number;
  end(i: number): number;
  /**
   * The char code of cell i's first character, or -1 when the cell is empty: what scanners that look
   * at every cell's start (formulas) read, in one call. Optional: `source(i).charCodeAt(start(i))`
   * when `start(i) < end(i)` is the same.
   */
  firstCode?(i: number): number;
  /** Every cell as an array (made for the row if the reader gave offsets). */
  all(): readonly string[];
}
