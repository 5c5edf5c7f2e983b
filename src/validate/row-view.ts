// The validation loop's view of the current row: its cells read one by one, as strings only when asked.
import type { RawRow, RowCells } from '../io/types.js';

const NO_BOUNDS = new Int32Array(0);

/**
 * One view reused for every row of a pass (`reset` points it at the next row): no allocation per row.
 * A row the reader gave as offsets (RawRow.cuts) is read in place, each cell's string made at most once
 * per row when `cell(i)` asks for it; any other row is read from its `cells`.
 */
export class RowView implements RowCells {
  count = 0;
  private raw: RawRow | undefined;
  private cells: readonly string[] = [];
  private cut = false;
  private text = '';
  private bounds: Int32Array = NO_BOUNDS;
  private at = 0;
  /** Strings made for the current row: `made[i]` is valid when `stamp[i] === gen`. */
  private made: string[] = [];
  private stamp = new Int32Array(64);
  private gen = 0;

  /** Point the view at `raw`. */
  reset(raw: RawRow): void {
    this.raw = raw;
    const cuts = raw.cuts;
    if (cuts === undefined) {
      this.cut = false;
      this.cells = raw.cells;
      this.count = this.cells.length;
      return;
    }
    this.cut = true;
    this.text = cuts.text;
    this.bounds = cuts.bounds;
    this.at = cuts.at;
    this.count = cuts.count;
    if (this.count > this.stamp.length)
      this.stamp = new Int32Array(Math.max(this.count, 2 * this.stamp.length));
    if (++this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  cell(i: number): string {
    if (!this.cut) return this.cells[i]!;
    if (this.stamp[i] === this.gen) return this.made[i]!;
    const at = this.at + 2 * i;
    const s = this.text.slice(this.bounds[at]!, this.bounds[at + 1]!);
    this.made[i] = s;
    this.stamp[i] = this.gen;
    return s;
  }

  source(i: number): string {
    return this.cut ? this.text : this.cells[i]!;
  }

  start(i: number): number {
    return this.cut ? this.bounds[this.at + 2 * i]! : 0;
  }

  end(i: number): number {
    return this.cut ? this.bounds[this.at + 2 * i + 1]! : this.cells[i]!.length;
  }

  nextStartingWith(codes: Uint8Array, from: number): number {
    const count = this.count;
    if (!this.cut) {
      const cells = this.cells;
      for (let i = from; i < count; i++) {
        // charCodeAt(0) of an empty cell is NaN, never below 128.
        const c = cells[i]!.charCodeAt(0);
        if (c < 128 && codes[c] === 1) return i;
      }
      return -1;
    }
    const text = this.text;
    const bounds = this.bounds;
    for (let i = from, k = this.at + 2 * from; i < count; i++, k += 2) {
      const start = bounds[k]!;
      // The code at an empty cell's start is the next cell's or the delimiter's: told apart by its end.
      const c = text.charCodeAt(start);
      if (c < 128 && codes[c] === 1 && start !== bounds[k + 1]) return i;
    }
    return -1;
  }

  /**
   * Every cell as an array. For a row read in place, the strings already made for it are reused (a
   * cell is never sliced twice) and handed to the row, which from then on holds its strings; the view
   * reads the row from them too.
   */
  all(): readonly string[] {
    if (!this.cut) return this.cells;
    const cells = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) cells[i] = this.cell(i);
    this.raw!.cells = cells;
    this.cells = cells;
    this.cut = false;
    return cells;
  }
}
