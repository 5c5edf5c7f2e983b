// Read the first data rows for content-aware matching: from a second, short-lived reader when the input can be
// read again, else once and replayed to the validation pass.
import { statSync } from 'node:fs';
import { openTable } from '../io/open.js';
import type { OpenOptions, OpenTable, RawRow } from '../io/types.js';
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

/**
 * The sample of an opened table, and the rows the validation pass reads.
 *
 * A CSV file or bytes are read a second time for the sample, from a short-lived reader closed at once,
 * with what the first reading found (encoding, dialect, header row); the table's own rows are left
 * untouched. Holding the reader's live rows through the recognition that follows makes V8 move the
 * reader's allocations to old space for the rest of the run (allocation-site pretenuring): measured,
 * the validation pass then costs twice as much CPU. Standard input, pipes and workbooks are read once
 * and replayed (readSample).
 */
export async function sampleTable(
  input: string | Uint8Array,
  table: OpenTable,
  options: OpenOptions,
  count: number,
): Promise<{ sample: ColumnSample; rows: AsyncIterable<RawRow> }> {
  if (!rereadable(input) || table.meta.format !== 'csv') return readSample(table.rows, count);
  const { meta } = table;
  const again = await openTable(input, {
    ...options,
    labelScore: undefined,
    headerRow: meta.headerRow,
    ...(meta.encoding !== undefined ? { encoding: meta.encoding } : {}),
    ...(meta.delimiter !== undefined ? { delimiter: meta.delimiter } : {}),
    ...(meta.quoteChar !== undefined ? { quoteChar: meta.quoteChar } : {}),
    onProgress: undefined,
  });
  const rows: string[][] = [];
  for await (const r of again.rows) {
    // Copies (new strings, not slices of the reader's text): nothing of the second reader outlives this loop.
    rows.push(JSON.parse(JSON.stringify(r.cells)) as string[]);
    if (rows.length >= count) break;
  }
  return { sample: { rows }, rows: table.rows };
}

/** Bytes, or a regular file: what can be read a second time without consuming it. */
function rereadable(input: string | Uint8Array): boolean {
  if (typeof input !== 'string') return true;
  if (input === '-') return false;
  try {
    return statSync(input).isFile();
  } catch {
    return false;
  }
}
