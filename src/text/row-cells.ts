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
   * The index of the first cell at or after `from` that is not empty and whose first character's code
   * is below 128 and marked in `codes` (128 entries, 1 for a marked code), or -1 when there is none: what
   * scanners looking at every cell's start (formulas) read, one call per row for the common row where
   * no cell starts with a marked code. Optional: testing `source(i).charCodeAt(start(i))` for each cell
   * with `start(i) < end(i)` is the same.
   */
  nextStartingWith?(codes: Uint8Array, from: number): number;
  /** Every cell as an array (made for the row if the reader gave offsets). */
  all(): readonly string[];
}
