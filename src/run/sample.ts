// The row sample: the first data rows, read before the columns are matched and replayed to the validation pass.
import { statSync } from 'node:fs';
import { openTable } from '../io/open.js';
import type { OpenOptions, OpenTable, RawRow, RowIterator } from '../io/types.js';
import type { ColumnSample } from '../schema/mapping-types.js';

/** At most this many data rows are sampled. */
export const SAMPLE_MAX_ROWS = 1000;
/** At most this many characters of cells are sampled (about 1 MiB of text): wide rows give fewer rows. */
export const SAMPLE_MAX_CHARS = 1 << 20;
/** Files up to this size are read once for both the sample and the validation pass (sampleTable). */
const SMALL_FILE_BYTES = SAMPLE_MAX_CHARS;

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
  return { sample: { rows: head.map((r) => r.cells) }, rows: new Replay(head, done, it) };
}

/**
 * The sampled rows again, then the rest of the table. A class, not an object of closures: its methods
 * are the same functions for every file, so the validation loop optimised on one file's rows does not
 * deoptimise on the next one's (a call site that saw one closure is compiled for that closure alone).
 */
class Replay implements AsyncIterableIterator<RawRow>, RowIterator {
  private i = 0;

  constructor(
    private readonly head: readonly RawRow[],
    private done: boolean,
    private readonly it: RowIterator,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  nextReady(): RawRow | undefined {
    if (this.i < this.head.length) return this.head[this.i++];
    return this.done ? undefined : this.it.nextReady?.();
  }

  next(): Promise<IteratorResult<RawRow>> {
    if (this.i < this.head.length) return Promise.resolve({ value: this.head[this.i++]!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return this.it.next();
  }

  async return(): Promise<IteratorResult<RawRow>> {
    this.i = this.head.length;
    this.done = true;
    await this.it.return?.();
    return { value: undefined, done: true };
  }
}

/**
 * The sample of an opened table, and the rows the validation pass reads. A CSV file (or bytes) is read a
 * second time for the sample, by a short-lived reader closed at once, with what the first reading found
 * (encoding, dialect, header row); its cells are copied and the table's own rows are left untouched.
 * Holding the first reader's rows alive through recognition (content probes allocate a lot) makes V8
 * move that reader's allocations to old space for the rest of the run (allocation-site pretenuring):
 * measured on a 1M-row file, +30 % CPU. Standard input, pipes and workbooks are read once and replayed
 * (sampleRows).
 */
export async function sampleTable(
  input: string | Uint8Array,
  table: OpenTable,
  options: OpenOptions,
): Promise<SampledRows> {
  const size = rereadableSize(input);
  // A small file is read once and replayed: it is wholly in the sample anyway, so a second reader would
  // only double its opening, sniffing, scanning and a deep copy of its cells (a large share of a batch of
  // small files' time), and a run this short leaves pretenuring no time to cost anything.
  if (size === undefined || size <= SMALL_FILE_BYTES || table.meta.format !== 'csv')
    return sampleRows(table.rows);
  const { meta } = table;
  const again = await openTable(input, {
    ...options,
    labelScore: undefined,
    onProgress: undefined,
    headerRow: meta.headerRow,
    ...(meta.encoding !== undefined ? { encoding: meta.encoding } : {}),
    ...(meta.delimiter !== undefined ? { delimiter: meta.delimiter } : {}),
    ...(meta.quoteChar !== undefined ? { quoteChar: meta.quoteChar } : {}),
  });
  const rows: string[][] = [];
  let chars = 0;
  for await (const r of again.rows) {
    if (rows.length >= SAMPLE_MAX_ROWS || chars >= SAMPLE_MAX_CHARS) break;
    // Copies (new strings, not slices of the reader's text): nothing of the second reader outlives this loop.
    rows.push(JSON.parse(JSON.stringify(r.cells)) as string[]);
    for (const c of r.cells) chars += c.length;
  }
  return { sample: { rows }, rows: table.rows };
}

/** The size in bytes of bytes or of a regular file (what can be read a second time), else undefined. */
function rereadableSize(input: string | Uint8Array): number | undefined {
  if (typeof input !== 'string') return input.byteLength;
  if (input === '-') return undefined;
  try {
    const stat = statSync(input);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}
