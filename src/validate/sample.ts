// Read the first data rows once for content-aware matching, then replay them to the validation pass.
import type { RawRow } from '../io/types.js';
import type { ColumnSample } from '../schema/mapping-types.js';

/** Rows read for the sample, at most. */
export const SAMPLE_ROWS = 100;
/** Cells held for the sample, at most: a very wide table gets fewer rows (never fewer than 5). */
export const SAMPLE_CELLS = 200_000;

/** How many rows to sample for a table of `columns` columns. */
export function sampleRowCount(columns: number): number {
  return Math.max(5, Math.min(SAMPLE_ROWS, Math.floor(SAMPLE_CELLS / Math.max(1, columns))));
}

/**
 * Read up to `count` rows of `rows` into a sample, and return an iterable that yields those rows again
 * and then the rest, from the same iterator: the table is still read once. A reading error met while
 * sampling is thrown where the replay reaches it, as it would have been.
 */
export async function readSample(
  rows: AsyncIterable<RawRow>,
  count: number,
): Promise<{ sample: ColumnSample; rows: AsyncIterable<RawRow> }> {
  const it = rows[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  try {
    while (head.length < count) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      head.push(r.value);
    }
  } catch (error) {
    failure = { error };
  }
  async function* replay(): AsyncGenerator<RawRow> {
    yield* head;
    if (failure) throw failure.error;
    // Delegating to the iterator (not looping on next()) passes an early stop on to the reader.
    if (!done) yield* { [Symbol.asyncIterator]: () => it };
  }
  return { sample: { rows: head.map((r) => r.cells) }, rows: replay() };
}
