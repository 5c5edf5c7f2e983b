// normalizeFile: the validation pass plus a writer — repair what can be repaired, write a conform CSV.
import { promises as fs, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Field } from '../schema/types.js';
import type { RawRow, RowCells, TableMeta } from '../io/types.js';
import type { CellResult } from '../fields/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import { OdfError } from '../errors.js';
import { openTable } from '../io/open.js';
import { alwaysFixedByNormalize, finding, fixedByNormalize } from '../findings/catalogue.js';
import type { Finding } from '../findings/types.js';
import type { FileResult, RowObserver, RowOutcome, UnacceptedList } from '../validate/types.js';
import {
  analyzeColumns,
  createColumnTally,
  sameDecisions,
  type ColumnDecision,
  type ColumnTally,
} from '../repair/analyze.js';
import { createRepairer, type RepairCount, type Repairer } from '../repair/policy.js';
import { UnacceptedFields } from '../repair/unaccepted.js';
import { openCsvWriter, type CsvWriter, type WriteCounts } from '../normalize/writer.js';
import {
  columnKindsOf,
  createPrivacyScanner,
  createRedactor,
  type PrivacyDecision,
  type PrivacyScanner,
  type RedactSpec,
  type RedactionStep,
  type Redactor,
} from '../privacy/index.js';
import type { ValidateOptions } from './options.js';
import { prepareFile, type PreparedFile } from './prepare.js';
import { runPrepared } from './validate-file.js';
import { ACCEPTED } from '../validate/loop.js';

export type { RepairCount, RepairKind } from '../repair/policy.js';

export interface NormalizeOptions extends ValidateOptions {
  /** Output CSV path, or '-' to write to `stdout`. */
  output: string;
  /** Where '-' writes. */
  stdout?: { write(s: string | Uint8Array): unknown };
  bom?: boolean;
  keepExtra?: boolean;
  dropInvalid?: boolean;
  /** Do not write the output when errors remain. */
  failOnError?: boolean;
  /** `--redact`: drop, mask or hash the columns (or kinds of personal data) named. Never on by default. */
  redact?: RedactSpec;
  /**
   * `--allow-missing-required`: write even when a required field has no source while input columns are
   * unused (issue 11). Without it (and without a mapping file), nothing is written in that case.
   */
  allowMissingRequired?: boolean;
  /**
   * `--allow-undecodable`: write even when bytes could not be decoded in the file's encoding (they
   * become U+FFFD). Without it, nothing is written and the report says why (exit 1).
   */
  allowUndecodable?: boolean;
  /** `--escape-formulas`: prefix cells a spreadsheet would run as formulas with `'` (OWASP). */
  escapeFormulas?: boolean;
}

/** The cells of one input column: non-empty cells read = written + dropped (issue 11). */
export interface ColumnCells {
  /** 1-based input column. */
  column: number;
  label: string;
  /** The schema field it feeds, when it feeds one. */
  field?: string;
  /** Non-empty cells read. */
  filled: number;
  /** Non-empty cells carried to the output (or to the rejected rows). */
  written: number;
  /** Non-empty cells left out: the column is unused (or redacted away). */
  dropped: number;
}

export interface NormalizeResult {
  file: FileResult;
  /** The output written (absent with --fail-on-error when errors remain). */
  output?: { path: string; bytes: number; sha256: string; rows: number; columns: string[] };
  rejected?: { path: string; rows: number };
  repairs: RepairCount[];
  /** Findings about the input that the output no longer has (renamed headers, encoding…), per code. */
  fixedFindings: Record<string, number>;
  counts: WriteCounts;
  /** Input columns left out of the output (extra columns, blank trailing columns). */
  droppedColumns: string[];
  /** What --redact did: each step (column or kind, action) and how many cells it changed. */
  redactions: (RedactionStep & { count: number })[];
  /** Every input column's non-empty cells, written or dropped; then the cells beyond the header. */
  cells: ColumnCells[];
  /** Non-empty cells of rows longer than the header (no column to write them in): dropped. */
  cellsBeyondHeader: number;
  /** Why nothing was written, when nothing was. */
  notWritten?: 'fail-on-error' | 'required-field-unsourced' | 'undecodable-bytes';
}

/** Spool standard input to a temporary file: a contradicted decision reads the table again. */
async function spool(stdin: NodeJS.ReadableStream): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'odf-'));
  const file = path.join(dir, 'stdin');
  await pipeline(stdin as Readable, createWriteStream(file));
  return { file, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Where --drop-invalid writes the rejected rows of `output`: `NAME.rejected.csv` beside it. */
export function rejectedPathFor(output: string): string {
  return output.replace(/(\.csv)?$/i, '.rejected.csv');
}

/**
 * Normalise one file: same pass as validate, with cells replaced by their canonical text and the
 * repairs the whole column agrees on. Every input row is written (or rejected with --drop-invalid).
 */
export async function normalizeFile(input: string, options: NormalizeOptions): Promise<NormalizeResult> {
  if (typeof options?.output !== 'string' || options.output === '') {
    throw new OdfError(
      'bad-option',
      'normalizeFile a besoin d’une sortie : options.output (un chemin, ou - pour la sortie standard).',
      {},
      'normalizeFile needs an output: options.output (a path, or - for standard output).',
    );
  }
  let spooled: { file: string; cleanup: () => Promise<void> } | undefined;
  let source = input;
  if (input === '-') {
    if (!options.stdin)
      throw new OdfError('bad-option', "Pas d'entrée standard à lire.", {}, 'No standard input to read.');
    spooled = await spool(options.stdin);
    source = spooled.file;
  }
  try {
    return await normalizeSource(input, source, options);
  } finally {
    await spooled?.cleanup();
  }
}

/** Neither the output nor the rejected rows may land on the input (re-running on X.rejected.csv). */
async function refuseInputTargets(
  input: string,
  source: string,
  targets: (string | undefined)[],
): Promise<void> {
  const real = (p: string): Promise<string | undefined> => fs.realpath(p).catch(() => undefined);
  const from = (await real(source)) ?? path.resolve(source);
  for (const target of targets) {
    if (target === undefined || (await real(target)) !== from) continue;
    throw new OdfError(
      'bad-option',
      `Le fichier ${target} est le fichier d'entrée (${input}) : odf ne modifie jamais l'original. Choisissez un autre nom avec -o.`,
      { path: input },
      `File ${target} is the input file (${input}): odf never modifies the original. Choose another name with -o.`,
    );
  }
}

/** What a prepared file is written as: its schema fields, then the kept extra columns. */
interface OutputPlan {
  prepared: PreparedFile;
  fields: readonly Field[];
  mapping: ColumnMapping;
  /** Schema fields fed by an input column (what the column analysis reads). */
  fed: { field: Field; column: number; fieldIndex: number }[];
  keptExtra: { column: number; label: string }[];
  droppedColumns: string[];
  header: string[];
}

function planOutput(prepared: PreparedFile, input: string, options: NormalizeOptions): OutputPlan {
  const { schema, mapping } = prepared;
  if (!schema || !mapping) {
    throw new OdfError(
      'schema-not-found',
      `Aucun schéma indiqué ni reconnu pour ${input} : odf ne sait pas quelles colonnes écrire. Indiquez-le avec --schema.`,
      { path: input },
      `No schema given or recognised for ${input}: odf does not know which columns to write. Give it with --schema.`,
    );
  }
  const fields = schema.schema.fields;
  const fed = mapping.fields
    .filter((m) => m.column !== undefined)
    .map((m) => ({ field: fields[m.fieldIndex]!, column: m.column!, fieldIndex: m.fieldIndex }));
  // Blank trailing header columns with no data are dropped like any other column outside the schema.
  const extra = mapping.extra;
  const keptExtra = options.keepExtra ? extra.filter((e) => e.label.trim() !== '') : [];
  const droppedColumns = extra.filter((e) => !keptExtra.includes(e)).map((e) => e.label);
  const header = [...fields.map((f) => f.name), ...keptExtra.map((e) => e.label)];
  refuseNothingMapped(prepared, fed.length, input);
  return { prepared, fields, mapping, fed, keptExtra, droppedColumns, header };
}

/** The schema as the user would name it in a command. */
function schemaRef(prepared: PreparedFile): string {
  const s = prepared.schema!;
  return s.name !== undefined ? `${s.name}${s.version ? `@${s.version}` : ''}` : s.source;
}

/**
 * No input column feeds any field (and no mapping file gives a constant): the output would be blank rows,
 * every value lost. Nothing is written (exit 2), and `odf map` is the way to see why (issue 11).
 */
function refuseNothingMapped(prepared: PreparedFile, fed: number, input: string): void {
  if (fed > 0 || prepared.mapping!.fields.some((m) => m.constant !== undefined)) return;
  const ref = schemaRef(prepared);
  throw new OdfError(
    'nothing-mapped',
    `Aucune colonne de ${input} ne correspond à un champ du schéma ${ref} : odf n'écrit rien, toutes les valeurs seraient perdues. Voyez les correspondances possibles avec odf map ${input} --schema ${ref}.`,
    { path: input, schema: ref, columns: prepared.labels },
    `No column of ${input} matches a field of schema ${ref}: odf writes nothing, every value would be lost. See the possible matches with odf map ${input} --schema ${ref}.`,
  );
}

/** Non-empty cells of each input column in the sample. */
function sampleFilled(prepared: PreparedFile): number[] {
  const filled = new Array<number>(prepared.labels.length).fill(0);
  for (const cells of prepared.sample.rows)
    for (let c = 0; c < filled.length; c++) if ((cells[c] ?? '').trim() !== '') filled[c]!++;
  return filled;
}

/**
 * A required field no column feeds while input columns go unused: one of them may be its source under a
 * name odf did not dare apply. Without a mapping file or --allow-missing-required, nothing is written and
 * this finding lists the unused columns, closest first (suggested for a field, then the fuller ones).
 */
function unsourcedRequired(plan: OutputPlan, input: string, options: NormalizeOptions): Finding | undefined {
  if (options.allowMissingRequired || options.mapping !== undefined) return undefined;
  const { prepared, fields, mapping } = plan;
  const missing = mapping.fields.filter(
    (m) =>
      m.column === undefined &&
      m.constant === undefined &&
      fields[m.fieldIndex]?.constraints?.required === true,
  );
  const unused = mapping.extra.filter((e) => e.label.trim() !== '');
  if (missing.length === 0 || unused.length === 0) return undefined;
  const filled = sampleFilled(prepared);
  // Suggested for a missing required field first, then for another field, then the fuller columns.
  const wanted = new Set(missing.map((m) => m.fieldIndex));
  const closeness = (column: number): number =>
    Math.max(
      0,
      ...mapping.fields.map((m) =>
        m.suggestion?.column === column ? m.suggestion.score + (wanted.has(m.fieldIndex) ? 2 : 1) : 0,
      ),
    );
  const ranked = [...unused].sort(
    (a, b) =>
      closeness(b.column) - closeness(a.column) ||
      filled[b.column]! - filled[a.column]! ||
      a.column - b.column,
  );
  const shown = input === '-' ? 'FICHIER' : input;
  return finding(
    'required-field-unsourced',
    {},
    {
      fields: missing.map((m) => m.fieldName),
      columns: ranked.slice(0, 10).map((e) => ({ label: e.label, filled: filled[e.column]! })),
      command: `odf map ${shown} --schema ${schemaRef(prepared)}`,
    },
  );
}

/**
 * The redaction of the output columns: targets name output columns (schema fields, kept extras) or kinds
 * of personal data, judged on the input columns (`decisions`) and carried to the output column they feed.
 * A target that names nothing is a failure: a typo must not let personal data through.
 */
function redactorFor(spec: RedactSpec, plan: OutputPlan, decided: readonly PrivacyDecision[]): Redactor {
  const { header, fields, mapping, keptExtra } = plan;
  const outputOf = new Map<number, number>();
  for (const m of mapping.fields) if (m.column !== undefined) outputOf.set(m.column, m.fieldIndex);
  keptExtra.forEach((e, k) => outputOf.set(e.column, fields.length + k));
  const decisions = decided
    .filter((d) => outputOf.has(d.column))
    .map((d) => ({ ...d, column: outputOf.get(d.column)! }));
  const columns = header.map((label, i) => (i < fields.length ? { label, field: fields[i] } : { label }));
  const redactor = createRedactor(columns, spec, columnKindsOf(decisions));
  if (redactor.unmatched.length > 0) {
    const list = redactor.unmatched.join(', ');
    throw new OdfError(
      'bad-option',
      `--redact : aucune colonne ni aucun type de données personnelles ne correspond à ${list} (colonnes : ${header.join(', ')}).`,
      { unmatched: redactor.unmatched },
      `--redact: no column and no kind of personal data matches ${list} (columns: ${header.join(', ')}).`,
    );
  }
  return redactor;
}

/** The scanner that judges which input columns hold personal data, for --redact KIND. */
function redactScanner(plan: OutputPlan): PrivacyScanner {
  return createPrivacyScanner(
    plan.prepared.labels.map((label) => ({ label })),
    { mode: 'warn', schemaName: plan.prepared.schema!.name },
  );
}

/** What the column-wide repairs and the redaction are decided on. */
interface Decisions {
  columns: Map<string, ColumnDecision>;
  /** Personal-data columns (only with --redact). */
  privacy?: PrivacyDecision[];
}

/** Decisions taken on the sample: the rows the pass will read first. */
function decideOnSample(plan: OutputPlan, redact: boolean): Decisions {
  const tally = createColumnTally(plan.fed);
  const scanner = redact ? redactScanner(plan) : undefined;
  plan.prepared.sample.rows.forEach((cells, i) => {
    tally.add(cells);
    scanner?.row(cells, i + 2, i + 2);
  });
  return { columns: tally.decisions(), ...(scanner ? { privacy: scanner.decisions() } : {}) };
}

/**
 * Decisions taken on every row before writing (the output is standard output, which cannot be taken
 * back): the table is read once more, on the dialect, header and sheet the first reading found.
 */
async function decideOnAllRows(
  plan: OutputPlan,
  source: string,
  input: string,
  options: NormalizeOptions,
): Promise<Decisions & { undecodable: boolean }> {
  const meta = plan.prepared.table.meta;
  const again = await openTable(source, {
    ...options,
    name: input === '-' ? '<stdin>' : input,
    headerRow: meta.headerRow,
    ...(meta.delimiter !== undefined ? { delimiter: meta.delimiter } : {}),
    ...(meta.quoteChar !== undefined ? { quoteChar: meta.quoteChar } : {}),
    ...(meta.sheet !== undefined ? { sheet: meta.sheet } : {}),
  });
  const scanner = options.redact ? redactScanner(plan) : undefined;
  const rows = scanner ? tee(again.rows, scanner) : again.rows;
  const columns = await analyzeColumns(rows, plan.fed);
  // Standard output cannot be taken back: undecodable bytes are known before a byte is written.
  return {
    columns,
    ...(scanner ? { privacy: scanner.decisions() } : {}),
    undecodable: refusesUndecodable(again.meta.findings, options),
  };
}

async function* tee(rows: AsyncIterable<RawRow>, scanner: PrivacyScanner): AsyncIterable<RawRow> {
  for await (const row of rows) {
    scanner.row(row.cells, row.rowNumber, row.line);
    yield row;
  }
}

/** One write pass: validate with repairs, write every row; with `verify`, also decide on every row. */
interface PassOutcome {
  file: FileResult;
  writer: CsvWriter;
  repairer: Repairer;
  redactor?: Redactor;
  /** Non-empty cells per input column, beyond the header, and the labels left out of the output. */
  cells: { filled: number[]; beyond: number; redacted: ReadonlySet<string> };
  /** With `verify`: what every row decides, when it contradicts the decisions the pass wrote with. */
  contradicted?: Decisions;
}

/** A non-empty cell: one whose first character is no space is, trim() only for the others. */
export function isFilled(v: string): boolean {
  if (v.length === 0) return false;
  const first = v.charCodeAt(0);
  return (first > 32 && first !== 0xa0 && first < 0x1680) || v.trim() !== '';
}

/** isFilled of a row's cell `c`, its string made only when its first character is a space. */
function isFilledAt(cells: RowCells, c: number): boolean {
  const start = cells.start(c);
  if (start >= cells.end(c)) return false;
  const first = cells.source(c).charCodeAt(start);
  return (first > 32 && first !== 0xa0 && first < 0x1680) || cells.cell(c).trim() !== '';
}

/** Types whose valid cells hold a digit or a named value (a number, a date, a year…): never blank. */
const NEVER_BLANK_WHEN_VALID = new Set([
  'integer',
  'number',
  'year',
  'date',
  'datetime',
  'time',
  'yearmonth',
]);

/**
 * True when a valid cell of `field` (its cast result `ok`) is a non-empty cell of its input column, so its
 * text need not be looked at again to count it: numbers, dates and years need a digit; a boolean or an
 * enum string is valid only as one of its values, none of them blank. A repair keeps this: what it makes
 * valid was not blank (a blank cell is trimmed to nothing, and nothing is none of these).
 */
export function validIsFilled(field: Field): boolean {
  const type = typeof field.type === 'string' && field.type !== '' ? field.type : 'string';
  if (NEVER_BLANK_WHEN_VALID.has(type)) return true;
  const filledTexts = (v: unknown): boolean =>
    Array.isArray(v) && v.every((t) => typeof t === 'string' && isFilled(t));
  if (type === 'boolean') {
    // The defaults of Table Schema are `true`, `True`, `TRUE`, `1` and their false counterparts.
    return (
      (field.trueValues === undefined || filledTexts(field.trueValues)) &&
      (field.falseValues === undefined || filledTexts(field.falseValues))
    );
  }
  return type === 'string' && filledTexts(field.constraints?.enum);
}

/**
 * The count of each input column's non-empty cells, taken once the row is cast: a column that feeds a
 * field whose valid cells are never blank (validIsFilled) is counted from its cast result, every other
 * cell by its text. A row given with its fields not accepted in place (UnacceptedFields) is counted from
 * that list: the cells accepted in place are counted all at once, at the end, as the rows given with a
 * list less the times the column's field was on it.
 */
export function createFilledCount(
  mapping: readonly { column?: number; fieldIndex: number }[],
  fields: readonly Field[],
  width: number,
): {
  /** Non-empty cells per input column. */
  filled(): number[];
  beyond(): number;
  row(cells: RowCells, results: readonly (CellResult | undefined)[], unaccepted?: UnacceptedList): void;
} {
  const filled = new Float64Array(width);
  // Per input column: the field it feeds, or -1; and whether that field's valid result proves a cell filled.
  const fed = new Int32Array(width).fill(-1);
  const proof = new Uint8Array(width);
  for (const m of mapping) {
    if (m.column === undefined || m.column >= width) continue;
    fed[m.column] = m.fieldIndex;
    proof[m.column] = validIsFilled(fields[m.fieldIndex]!) ? 1 : 0;
  }
  // Per schema field: the input column that counts it as its field (fed), or -1. Per input column: 1 when
  // it is that column (its cells accepted in place are counted from the lists), else 0; then the others.
  const columnOf = new Int32Array(fields.length).fill(-1);
  for (let c = 0; c < width; c++) if (fed[c]! >= 0 && fed[c]! < fields.length) columnOf[fed[c]!] = c;
  const listedColumn = Uint8Array.from({ length: width }, (_, c) =>
    fed[c]! >= 0 && columnOf[fed[c]!] === c ? 1 : 0,
  );
  const unfed = Int32Array.from({ length: width }, (_, c) => c).filter((c) => listedColumn[c] === 0);
  // Rows given with their list, and per column the times its field was on the list (not accepted in place).
  let listed = 0;
  const missed = new Float64Array(width);
  let beyond = 0;
  return {
    filled: () => Array.from(filled, (n, c) => (listedColumn[c] === 1 ? n + listed - missed[c]! : n)),
    beyond: () => beyond,
    row(cells, results, unaccepted) {
      const n = cells.count;
      const inHeader = n < width ? n : width;
      if (unaccepted === undefined) {
        for (let c = 0; c < inHeader; c++) {
          const f = fed[c]!;
          const r = f >= 0 ? results[f] : undefined;
          // A cell accepted in place (ACCEPTED) is never blank: no in-place test accepts an empty cell or
          // one that starts with a space (CellEvaluator.acceptsAt of the repairer).
          if (r === ACCEPTED || (proof[c] === 1 && r?.kind === 'ok')) filled[c]++;
          else if (isFilledAt(cells, c)) filled[c]++;
        }
      } else {
        // Every cell accepted in place is counted by `filled()` (see above); only the others are read.
        listed++;
        const list = unaccepted.fields;
        for (let k = 0; k < unaccepted.count; k++) {
          const f = list[k]!;
          const c = f < columnOf.length ? columnOf[f]! : -1;
          if (c < 0) continue;
          missed[c]++;
          if (c >= inHeader) continue;
          if ((proof[c] === 1 && results[f]?.kind === 'ok') || isFilledAt(cells, c)) filled[c]++;
        }
        for (let k = 0; k < unfed.length; k++) {
          const c = unfed[k]!;
          if (c < inHeader && isFilledAt(cells, c)) filled[c]++;
        }
      }
      for (let c = inHeader; c < n; c++) if (isFilledAt(cells, c)) beyond++;
    },
  };
}

/**
 * Tells the repairer when cells may hold C1 control characters: from the first `c1-control-characters`
 * finding of the reader, which reports every data cell holding one as it reads it, before the loop sees
 * the row. Until then string cells are not searched for them. Text odf adds to the rows (a mapping file's
 * constants, composed values) is not seen by the reader: with any, every cell is searched.
 */
function c1Watch(plan: OutputPlan, repairer: Repairer): { row(): void } {
  const { prepared } = plan;
  const findings = prepared.table.meta.findings;
  const added = prepared.mapping!.fields.some((m) => m.constant !== undefined) || !!prepared.composed?.length;
  let seen = 0;
  let possible = false;
  const look = (): void => {
    for (; seen < findings.length; seen++)
      if (findings[seen]!.code === 'c1-control-characters') possible = true;
    repairer.c1Controls(possible);
  };
  if (added) return { row: () => undefined };
  look();
  return {
    row() {
      if (!possible && seen !== findings.length) look();
    },
  };
}

/** True for a CSV read with the delimiter `,` and the quote `"`: its rows may be copied (WriterOptions). */
function commaInput(meta: TableMeta): boolean {
  return meta.format === 'csv' && meta.delimiter === ',' && meta.quoteChar === '"';
}

/** Per schema field, the input column feeding it, or -1 (a constant, or no source). */
function inputColumns(plan: OutputPlan): number[] {
  const columns = new Array<number>(plan.fields.length).fill(-1);
  for (const m of plan.mapping.fields) if (m.column !== undefined) columns[m.fieldIndex] = m.column;
  return columns;
}

/**
 * What the write pass does with each row once cast: count its non-empty cells, tally it (`tally`, when
 * verifying), count its repairs and write it. Each non-blank row's fields not accepted in place are
 * collected once, and all four look only at them.
 */
function rowWork(
  filled: ReturnType<typeof createFilledCount>,
  tally: ColumnTally | undefined,
  repairer: Repairer,
  writer: CsvWriter,
  fields: number,
): (row: RowOutcome) => Promise<void> | undefined {
  const unaccepted = new UnacceptedFields(fields);
  return (row) => {
    if (row.blank) {
      filled.row(row.view, row.results);
      tally?.addCells(row.view);
      return writer.onRow(row);
    }
    const rest = unaccepted.collect(row.results, row.accepted);
    filled.row(row.view, row.results, rest);
    tally?.addCells(row.view, row, rest);
    repairer.settle(row.cells, row.results, row.accepted, rest);
    return writer.onRow(row, rest);
  };
}

async function writePass(
  plan: OutputPlan,
  decisions: Decisions,
  options: NormalizeOptions,
  rejected: string | undefined,
  verify: boolean,
): Promise<PassOutcome> {
  const { prepared, fields, mapping, header, keptExtra } = plan;
  const repairer = createRepairer(prepared.schema!.schema, decisions.columns);
  const redactor = options.redact ? redactorFor(options.redact, plan, decisions.privacy ?? []) : undefined;
  const writer = await openCsvWriter({
    output: options.output,
    stdout: options.stdout,
    rejected,
    bom: options.bom,
    header,
    fields,
    columns: inputColumns(plan),
    keptExtra,
    redactor,
    escapeFormulas: options.escapeFormulas,
    commaInput: commaInput(prepared.table.meta),
  });
  // The repairer's in-place tests say which cells accepted in place the tally need not read.
  const tally = verify ? createColumnTally(plan.fed, repairer) : undefined;
  const scanner = verify && options.redact ? redactScanner(plan) : undefined;
  const filled = createFilledCount(mapping.fields, fields, prepared.labels.length);
  const c1 = c1Watch(plan, repairer);
  // Reads the row in place: its cells are made strings only for the scanner of --redact.
  const watch: RowObserver = {
    row(cells, rowNumber, line) {
      c1.row();
      scanner?.row(cells, rowNumber, line);
    },
    rowCells(cells, rowNumber, line) {
      c1.row();
      scanner?.row(cells.all(), rowNumber, line);
    },
    end: () => [],
  };
  const redactedAway = new Set(
    redactor?.steps.filter((st) => st.scope === 'column' && st.action === 'drop').map((st) => st.column!) ??
      [],
  );
  const gone = new Set([
    ...plan.droppedColumns,
    ...(redactor?.steps.filter((st) => st.scope === 'column').map((st) => st.column!) ?? []),
  ]);
  let file: FileResult;
  try {
    file = await runPrepared(prepared, {
      ...options,
      observers: (ctx) => [...(options.observers?.(ctx) ?? []), watch],
      evaluator: (i, evaluate, acceptsAt) => repairer.evaluator(i, evaluate, acceptsAt),
      onRow: rowWork(filled, tally, repairer, writer, fields.length),
      fixed: () => {
        const effects = {
          keepExtra: Boolean(options.keepExtra),
          acceptSuggestions: Boolean(options.acceptSuggestions),
          repairs: new Set(repairer.counts().map((r) => r.kind)),
          goneColumns: gone,
        };
        return { finding: (f) => fixedByNormalize(f, effects), code: alwaysFixedByNormalize };
      },
    });
    await writer.flush();
  } catch (e) {
    await writer.abort();
    throw e;
  }
  for (const m of mapping.fields) {
    if (m.kind && m.kind !== 'exact' && m.column !== undefined) repairer.label(m.fieldName, m.label ?? '');
  }
  const out: PassOutcome = {
    file,
    writer,
    repairer,
    cells: { filled: filled.filled(), beyond: filled.beyond(), redacted: redactedAway },
    ...(redactor ? { redactor } : {}),
  };
  if (tally) {
    const all: Decisions = {
      columns: tally.decisions(),
      ...(scanner ? { privacy: scanner.decisions() } : {}),
    };
    const kinds = (d: Decisions): string => JSON.stringify([...columnKindsOf(d.privacy ?? [])]);
    const samePrivacy = kinds(all) === kinds(decisions);
    if (!sameDecisions(all.columns, decisions.columns) || !samePrivacy) out.contradicted = all;
  }
  return out;
}

async function normalizeSource(
  input: string,
  source: string,
  options: NormalizeOptions,
): Promise<NormalizeResult> {
  const rejected =
    options.dropInvalid && options.output !== '-' ? rejectedPathFor(options.output) : undefined;
  if (options.output !== '-' && input !== '-')
    await refuseInputTargets(input, source, [options.output, rejected]);
  const open = async (): Promise<OutputPlan> => {
    // The lines the writer copies as read are copied from the input's bytes (RowCuts.lineBytes).
    const prepared = await prepareFile(source, {
      ...options,
      name: input === '-' ? '<stdin>' : options.name,
      lineBytes: true,
    });
    try {
      return await planOutput(prepared, input, options);
    } catch (e) {
      await prepared.table.close?.(); // e.g. nothing mapped: the rows are never read
      throw e;
    }
  };
  let plan = await open();
  const refusal = unsourcedRequired(plan, input, options);
  if (refusal) plan.prepared.initial.push(refusal);
  // Refused: the pass still runs (the report lists every finding) but writes nowhere.
  const nowhere: NormalizeOptions = { ...options, stdout: { write: () => true } };
  let pass: PassOutcome;
  let refused: NormalizeResult['notWritten'] = refusal ? 'required-field-unsourced' : undefined;
  if (options.output === '-') {
    const { undecodable, ...decisions } = await decideOnAllRows(plan, source, input, options);
    if (undecodable) refused ??= 'undecodable-bytes';
    pass = await writePass(plan, decisions, refused ? nowhere : options, rejected, false);
  } else {
    const passOptions = refusal ? nowhere : options;
    // One reading: the column-wide repairs are decided on the sample and checked against every row; a
    // later row that contradicts them (rare) discards the output and the file is written again.
    pass = await writePass(plan, decideOnSample(plan, Boolean(options.redact)), passOptions, rejected, true);
    if (pass.contradicted) {
      await pass.writer.abort();
      plan = await open();
      if (refusal) plan.prepared.initial.push(refusal);
      pass = await writePass(plan, pass.contradicted, passOptions, rejected, false);
    }
    if (refusesUndecodable(plan.prepared.table.meta.findings, options)) refused ??= 'undecodable-bytes';
  }
  return finish(pass, plan, options, rejected, refused);
}

/**
 * Bytes the file's encoding could not decode became U+FFFD: written, they would publish corrupted text as
 * conform. Unless --allow-undecodable, nothing is written; the report's `encoding-error` finding gives the
 * line and the summary says why nothing was written (exit 1, as for any data error).
 */
function refusesUndecodable(findings: readonly Finding[], options: NormalizeOptions): boolean {
  return !options.allowUndecodable && findings.some((f) => f.code === 'encoding-error');
}

/** Publish the outputs (or not, with --fail-on-error when errors remain) and say what was done. */
async function finish(
  pass: PassOutcome,
  plan: OutputPlan,
  options: NormalizeOptions,
  rejected: string | undefined,
  refused: NormalizeResult['notWritten'],
): Promise<NormalizeResult> {
  const { file, writer, repairer, redactor } = pass;
  let output: NormalizeResult['output'];
  let notWritten: NormalizeResult['notWritten'];
  if (refused) notWritten = refused;
  else if (options.failOnError && file.run.stats.errors > 0) notWritten = 'fail-on-error';
  if (notWritten) await writer.abort();
  else {
    const done = await writer.commit();
    output = { path: options.output, ...done, rows: writer.counts.written, columns: plan.header };
  }
  return {
    file,
    output,
    rejected: rejected && output ? { path: rejected, rows: writer.counts.rejected } : undefined,
    repairs: repairer.counts(),
    fixedFindings: file.run.fixed ?? {},
    counts: writer.counts,
    droppedColumns: plan.droppedColumns,
    redactions: redactor
      ? redactor.steps.map((step, i) => ({ ...step, count: redactor.counts()[i] ?? 0 }))
      : [],
    cells: annotateDropped(
      [...plan.prepared.initial, ...file.run.findings],
      plan,
      pass.cells,
      output !== undefined,
    ),
    cellsBeyondHeader: pass.cells.beyond,
    ...(notWritten ? { notWritten } : {}),
  };
}

/**
 * The `extra-label` findings of the columns left out get their count of non-empty cells (`filled`) and
 * whether normalize dropped them: every report format then says what was lost, not just the names.
 */
function annotateDropped(
  findings: readonly Finding[],
  plan: OutputPlan,
  counts: PassOutcome['cells'],
  published: boolean,
): ColumnCells[] {
  const carried = carriedColumns(plan, counts);
  const cells = columnCells(plan, counts, carried, published);
  for (const f of findings) {
    if (f.code !== 'extra-label') continue;
    const col = cells[Number(f.params.columnNumber) - 1];
    if (!col) continue;
    f.params.filled = col.filled;
    f.params.dropped = !carried.has(col.column - 1);
  }
  return cells;
}

/** Input columns carried to the output: they feed a field or are kept, and are not redacted away. */
function carriedColumns(plan: OutputPlan, counts: PassOutcome['cells']): Set<number> {
  const out = new Set<number>();
  for (const m of plan.mapping.fields)
    if (m.column !== undefined && !counts.redacted.has(m.fieldName)) out.add(m.column);
  for (const e of plan.keptExtra) if (!counts.redacted.has(e.label)) out.add(e.column);
  // The sources of a composed field are written inside it.
  for (const a of plan.prepared.composed ?? [])
    if (!counts.redacted.has(a.fieldName)) for (const c of a.columns) out.add(c);
  // A split column is written through its parts (its cells that could not be split are dropped).
  for (const a of plan.prepared.split ?? [])
    if (a.parts.some((p) => !counts.redacted.has(p.fieldName))) out.add(a.column);
  return out;
}

/**
 * Each input column's non-empty cells, written or dropped. A column is written when it feeds a field or
 * is kept (--keep-extra), unless redacted away; when nothing is published, every cell counts as dropped.
 */
function columnCells(
  plan: OutputPlan,
  cells: PassOutcome['cells'],
  carried: ReadonlySet<number>,
  published: boolean,
): ColumnCells[] {
  const feeds = new Map<number, string>();
  for (const m of plan.mapping.fields) if (m.column !== undefined) feeds.set(m.column, m.fieldName);
  const kept = new Set(plan.keptExtra.map((e) => e.column));
  // Cells of a split column that could not be split reach no part: dropped, unless the column is also written whole.
  const unsplit = new Map<number, number>();
  for (const a of plan.prepared.split ?? [])
    if (!feeds.has(a.column) && !kept.has(a.column)) unsplit.set(a.column, a.failed);
  return plan.prepared.labels.map((label, c) => {
    const field = feeds.get(c);
    const written = published && carried.has(c) ? cells.filled[c]! - (unsplit.get(c) ?? 0) : 0;
    const out: ColumnCells = { column: c + 1, label, filled: cells.filled[c]!, written, dropped: 0 };
    out.dropped = out.filled - written;
    if (field !== undefined) out.field = field;
    return out;
  });
}
