// Rows with their cells rewritten on the way (columns added by compositions and splits), without a promise per row.
import type { RawRow, RowIterator } from '../io/types.js';

/**
 * `rows` with each row's cells replaced by `cells(row.cells)`. Rows the reader already holds are handed
 * over without a promise (`nextReady`), as the reader and the sample replay do: an async generator here
 * would cost one promise per row, a third of a simple validation pass.
 */
export function mapRows(
  rows: AsyncIterable<RawRow>,
  cells: (cells: readonly string[]) => string[],
): AsyncIterable<RawRow> {
  return {
    [Symbol.asyncIterator](): RowIterator {
      const it: RowIterator = rows[Symbol.asyncIterator]();
      const map = (row: RawRow): RawRow => ({ ...row, cells: cells(row.cells) });
      return {
        nextReady(): RawRow | undefined {
          const row = it.nextReady?.();
          return row === undefined ? undefined : map(row);
        },
        async next(): Promise<IteratorResult<RawRow, undefined>> {
          const r = await it.next();
          return r.done ? r : { value: map(r.value), done: false };
        },
        async return(): Promise<IteratorResult<RawRow, undefined>> {
          await it.return?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
