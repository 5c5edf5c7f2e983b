// The physical line of an earlier data row, for messages that point back at it (« apparaît déjà ligne 7 »).

/**
 * Lines of the rows a check remembers, kept as the few rows where `line − rowNumber` changes (a
 * multi-line cell, a skipped line), not one number per row. Rows must be seen in increasing order;
 * `lineOf` answers for the rows seen.
 */
export class RowLines {
  private readonly rows: number[] = [];
  private readonly offsets: number[] = [];

  see(rowNumber: number, line: number): void {
    const offset = line - rowNumber;
    if (this.offsets.length === 0 || this.offsets[this.offsets.length - 1] !== offset) {
      this.rows.push(rowNumber);
      this.offsets.push(offset);
    }
  }

  lineOf(rowNumber: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows[mid]! <= rowNumber) lo = mid;
      else hi = mid - 1;
    }
    return rowNumber + (this.offsets[lo] ?? 0);
  }
}
