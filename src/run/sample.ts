// The row sample: the first data rows, read before the columns are matched and replayed to the validation pass.
import type { RawRow, RowIterator } from '../io/types.js';
import type { ColumnSample } from '../schema/mapping-types.js';

/** At most this many data rows are sampled. */
export const SAMPLE_MAX_ROWS = 1000;
/** At most this many characters of cells are sampled (about 1 MiB of text): wide rows give fewer rows. */
export const SAMPLE_MAX_CHARS = 1 << 20;

/** The sampled rows, and the table's rows from the first one again (the sample, then the rest). */
export interface SampledRows {
  sample: ColumnSample;
  rows: AsyncIterable<RawRow>;
}

/**
 * Read the head of `rows` (up to SAMPLE_MAX_ROWS rows or SAMPLE_MAX_CHARS characters of cells, whichever
 * comes first) and return it with an iterable that yields those rows again, then the rest of the table:
 * the file is read once. The replay adds one comparison per row, no promise of its own, and hands
 * over the rows the reader holds without a promise (`nextReady`).
 */
export async function sampleRows(rows: AsyncIterable<RawRow>): Promise<SampledRows> {
  const it: RowIterator = rows[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  let chars = 0;
  let done = false;
  while (head.length < SAMPLE_MAX_ROWS && chars < SAMPLE_MAX_CHARS) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    for (const c of r.value.cells) chars += c.length;
  }
  let i = 0;
  const replay: AsyncIterableIterator<RawRow> & RowIterator = {
    [Symbol.asyncIterator]() {
      return this;
    },
    nextReady(): RawRow | undefined {
      if (i < head.length) return head[i++];
      return done ? undefined : it.nextReady?.();
    },
    next(): Promise<IteratorResult<RawRow>> {
      if (i < head.length) return Promise.resolve({ value: head[i++]!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return it.next();
    },
    async return(): Promise<IteratorResult<RawRow>> {
      i = head.length;
      done = true;
      await it.return?.();
      return { value: undefined, done: true };
    },
  };
  return { sample: { rows: head.map((r) => r.cells) }, rows: replay };
}
