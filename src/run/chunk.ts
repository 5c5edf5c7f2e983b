// One chunk of a big CSV file's data rows validated in any thread, and what it leaves for the merge (issue 14).
import type { Finding } from '../findings/types.js';
import type { OpenOptions, TextReading } from '../io/types.js';
import type { ChunkRange } from '../io/split-points.js';
import { readTextRange } from '../io/open.js';
import type { LoadedSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import { createPrivacyChunkScanner, type PrivacyChunk, type PrivacyMode } from '../privacy/index.js';
import { createFormulaScanner, type FormulaChunk } from '../checks/formula-like-text.js';
import { codeFilter } from '../findings/filter.js';
import { runValidation } from '../validate/loop.js';
import { FindingSink } from '../validate/sink.js';
import type { RowObserver } from '../validate/types.js';
import { privacyColumns } from './privacy-columns.js';

/** One chunk to validate: plain data, posted to a worker thread. */
export interface ChunkTask {
  text: TextReading;
  range: ChunkRange;
  /** Reading limits (cell and line lengths, columns). */
  read: Omit<OpenOptions, 'stdin' | 'onProgress' | 'labelScore'>;
  labels: string[];
  schema?: LoadedSchema;
  mapping?: ColumnMapping;
  limitErrors: number;
  pickErrors?: string[];
  skipErrors?: string[];
  customChecks?: boolean;
  privacy: PrivacyMode;
}

/** What a chunk found, for the merge in row order (src/run/chunked.ts). */
export interface ChunkOutcome {
  rows: number;
  cells: number;
  invalidRows: number;
  /** The first row read: its number, line and cells (the first chunk's is compared with the sample's). */
  first?: { rowNumber: number; line: number; cells: string[] };
  /** Findings of data rows kept, in order (up to the error limit, counted as a whole file would be). */
  rowFindings: Finding[];
  /** `number-spaces` findings (one per column: its first cell and a count). */
  numberSpaces: Finding[];
  unkept: ReturnType<FindingSink['unkeptCounts']>;
  /** What the reader met (encoding, format, damage): any of it makes the caller read the file at once. */
  reading: Finding[];
  privacy?: PrivacyChunk;
  formulas: FormulaChunk;
}

/** Validate one chunk of rows as the whole-file pass would, keeping what spans chunks apart. */
export async function runChunk(task: ChunkTask): Promise<ChunkOutcome> {
  const keepCode = codeFilter({ pick: task.pickErrors, skip: task.skipErrors });
  const table = readTextRange(task.text, task.range, task.read);
  const sink = new FindingSink(task.limitErrors, keepCode);
  let first: ChunkOutcome['first'];
  const firstRow: RowObserver = {
    row(cells, rowNumber, line) {
      first ??= { rowNumber, line, cells: [...cells] };
    },
    end: () => [],
  };
  const privacy =
    task.privacy === 'off'
      ? undefined
      : createPrivacyChunkScanner(privacyColumns(task.labels, task.schema, task.mapping), {
          mode: task.privacy,
          schemaName: task.schema?.name,
        });
  const formulas = createFormulaScanner(task.labels);
  const observers: RowObserver[] = [firstRow];
  if (privacy) observers.push(privacy);
  observers.push({ row: (cells, rowNumber, line) => formulas.row(cells, rowNumber, line), end: () => [] });
  const run = await runValidation(task.labels, table.rows, task.schema?.schema, task.mapping, [], {
    sink,
    limitErrors: task.limitErrors,
    keepCode,
    customChecks: task.customChecks,
    observers,
  });
  const rowFindings: Finding[] = [];
  const numberSpaces: Finding[] = [];
  for (const f of run.findings) {
    if (f.loc.rowNumber !== undefined && f.loc.rowNumber > 1) rowFindings.push(f);
    else if (f.code === 'number-spaces') numberSpaces.push(f);
  }
  const out: ChunkOutcome = {
    rows: run.stats.rows,
    cells: run.stats.cells,
    invalidRows: run.stats.invalidRows,
    rowFindings,
    numberSpaces,
    unkept: sink.unkeptCounts(),
    reading: table.meta.findings,
    formulas: formulas.chunk(),
  };
  if (first) out.first = first;
  if (privacy) out.privacy = privacy.chunk();
  return out;
}
