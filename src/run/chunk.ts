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
import { fieldPlan, runValidation } from '../validate/loop.js';
import { keyFields } from '../checks/keys.js';
import { valueKey } from '../checks/unique.js';
import { hash53 } from '../checks/hash.js';
import type { TableSchema } from '../schema/types.js';
import { FindingSink } from '../validate/sink.js';
import type { RowObserver } from '../validate/types.js';
import { privacyColumns } from './privacy-columns.js';
import type { ProfileChunk, ProfileLimits } from '../profile/profile.js';

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
  /** The column profile's bounds, when the report has a profile. */
  profile?: ProfileLimits;
  /** Columns of the profile frozen by the chunks before this one: only counted (see createProfiler). */
  profileFrozen?: number[];
  /** The ids of values the chunk's profile may hold at once for the merge (see IdBudget). */
  profileIds?: number;
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
  /** The column profile's counts and the values in row order (when the task asks for a profile). */
  profile?: ProfileChunk;
  /**
   * Per key (each `unique` field, then the primary key): the hashes of the keys the chunk holds, as
   * the key checks hash them. A key also held by an earlier chunk is a duplicate the chunk could not
   * see: the caller then reads the file at once.
   */
  keys: Float64Array[];
}

/** A key field fed by the input: by a column, or a constant (as the loop's field slots). */
interface KeyColumn {
  fieldIndex: number;
  column: number;
  constant?: string;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/**
 * An observer keeping the hashes of the keys the unique and primary-key checks compare (src/checks/
 * unique.ts, keys.ts): the typed value's text, the text when not of its type, blank rows left out as
 * the structure check leaves them. Undefined when the schema has no such key.
 */
function keyHashes(
  schema: TableSchema | undefined,
  mapping: ColumnMapping | undefined,
): { observer: RowObserver; hashes: () => Float64Array[] } | undefined {
  if (!schema || !mapping) return undefined;
  const fed: KeyColumn[] = [];
  for (const m of mapping.fields) {
    if (m.column === undefined && m.constant === undefined) continue;
    fed.push({ fieldIndex: m.fieldIndex, column: m.column ?? -1, constant: m.constant });
  }
  const unique = fed.filter((k) => fieldPlan(schema, k.fieldIndex).unique);
  const names = keyFields(schema.primaryKey);
  const primary = names.map((n) => fed.find((k) => schema.fields[k.fieldIndex]!.name === n));
  const pk = names.length > 0 && primary.every((k) => k !== undefined) ? (primary as KeyColumn[]) : [];
  if (unique.length === 0 && pk.length === 0) return undefined;
  const sets = [...unique.map(() => new Set<number>()), ...(pk.length ? [new Set<number>()] : [])];
  const keyText = (k: KeyColumn, cells: readonly string[]): string | undefined => {
    const text = k.column >= 0 ? cells[k.column] : k.constant;
    if (text === undefined) return undefined;
    const r = fieldPlan(schema, k.fieldIndex).evaluate(text);
    if (r.kind === 'missing') return undefined;
    return r.kind === 'ok' ? valueKey(r.value) : text;
  };
  const observer: RowObserver = {
    row(cells) {
      if (isBlank(cells)) return;
      unique.forEach((k, i) => {
        const text = k.column >= 0 ? cells[k.column] : k.constant;
        if (text === undefined) return;
        const r = fieldPlan(schema, k.fieldIndex).evaluate(text);
        if (r.kind === 'ok') sets[i]!.add(hash53(valueKey(r.value)));
      });
      if (pk.length === 0) return;
      let key = '';
      let filled = 0;
      for (const k of pk) {
        const t = keyText(k, cells);
        if (t !== undefined) filled++;
        key += `${t ?? '\u0001'}\u0000`;
      }
      if (filled > 0) sets[unique.length]!.add(hash53(key));
    },
    end: () => [],
  };
  return { observer, hashes: () => sets.map((set) => Float64Array.from(set)) };
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
    rowCells(cells, rowNumber, line) {
      first ??= { rowNumber, line, cells: [...cells.all()] };
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
  const keys = keyHashes(task.schema?.schema, task.mapping);
  // Loaded on use, as for one reading: a run of text reports does without it.
  const profiler = task.profile
    ? (await import('../profile/profile.js')).createProfiler(
        { labels: task.labels, schema: task.schema?.schema, mapping: task.mapping },
        task.profile,
        { frozen: task.profileFrozen, ids: task.profileIds },
      )
    : undefined;
  const observers: RowObserver[] = [firstRow];
  if (profiler) observers.push(profiler.observer);
  if (keys) observers.push(keys.observer);
  if (privacy) observers.push(privacy);
  observers.push({
    row: (cells, rowNumber, line) => formulas.row(cells, rowNumber, line),
    rowCells: (cells, rowNumber, line) => formulas.rowCells(cells, rowNumber, line),
    end: () => [],
  });
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
    keys: keys?.hashes() ?? [],
  };
  if (first) out.first = first;
  if (privacy) out.privacy = privacy.chunk();
  if (profiler) out.profile = profiler.chunk();
  return out;
}
