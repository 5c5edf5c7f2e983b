// normalizeFile: the validation pass plus a writer — repair what can be repaired, write a conform CSV.
import { createHash } from 'node:crypto';
import { promises as fs, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { CellResult } from '../fields/types.js';
import type { Finding } from '../findings/types.js';
import type { Field } from '../schema/types.js';
import { OdfError } from '../errors.js';
import { openTable } from '../io/open.js';
import { repairDoubleEncoding } from '../io/encoding.js';
import { prepareFile, runPrepared, type FileResult, type ValidateOptions } from '../validate/validate.js';
import type { RowOutcome } from '../validate/run.js';
import { analyzeColumns, frenchToPlainNumber, serialToIsoDate, type ColumnDecision } from './analyze.js';
import { formatRow, UTF8_BOM } from './csv-writer.js';
import { createsFormula } from './formula.js';
import { openAtomicStream, writeToSink, type AtomicStream } from './atomic.js';
import { siretProblem } from '../checks/siret.js';
import { sirenProblem } from '../checks/siren.js';
import type { RawRow } from '../io/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import {
  columnKindsOf,
  createPrivacyScanner,
  createRedactor,
  type PrivacyScanner,
  type RedactSpec,
  type RedactionStep,
  type Redactor,
} from '../privacy/index.js';

/** Kinds of repair odf makes, each counted per column. */
export type RepairKind =
  | 'label'
  | 'whitespace'
  | 'french-number'
  | 'date-format'
  | 'serial-date'
  | 'boolean'
  | 'enum'
  | 'leading-zeros'
  | 'double-encoding'
  | 'float-artefact'
  | 'canonical'
  | 'other';

/** How many cells of one column got one kind of repair. */
export interface RepairCount {
  field: string;
  kind: RepairKind;
  count: number;
  /** One example, before → after. */
  example?: { from: string; to: string };
}

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
  /** `--escape-formulas`: prefix cells a spreadsheet would run as formulas with `'` (OWASP). */
  escapeFormulas?: boolean;
}

export interface NormalizeResult {
  file: FileResult;
  /** The output written (absent with --fail-on-error when errors remain). */
  output?: { path: string; bytes: number; sha256: string; rows: number; columns: string[] };
  rejected?: { path: string; rows: number };
  repairs: RepairCount[];
  counts: { read: number; written: number; rejected: number; blankDropped: number };
  /** Input columns left out of the output (extra columns, blank trailing columns). */
  droppedColumns: string[];
  /** What --redact did: each step (column or kind, action) and how many cells it changed. */
  redactions: (RedactionStep & { count: number })[];
}

function typeOf(field: Field): string {
  return String(field.type ?? 'string');
}

const SURROUNDING_SPACE = /^[\s\u00a0\u202f]|[\s\u00a0\u202f]$/;

function classify(
  field: Field,
  from: string,
  to: string,
  r: Extract<CellResult, { kind: 'error' }>,
): RepairKind {
  if (to === from.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, '')) return 'whitespace';
  const type = typeOf(field);
  if (type === 'boolean') return 'boolean';
  if (type === 'date' || type === 'datetime' || type === 'time' || type === 'yearmonth') return 'date-format';
  if (r.params.constraint === 'enum') return 'enum';
  if (/^\d+$/.test(to) && to.length > from.trim().length && to.endsWith(from.trim())) return 'leading-zeros';
  if (/^\d+$/.test(to)) return 'leading-zeros';
  return 'other';
}

/** Spool standard input to a temporary file, since normalising reads the table twice. */
async function spool(stdin: NodeJS.ReadableStream): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'odf-'));
  const file = path.join(dir, 'stdin');
  await pipeline(stdin as Readable, createWriteStream(file));
  return { file, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
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

async function normalizeSource(
  input: string,
  source: string,
  options: NormalizeOptions,
): Promise<NormalizeResult> {
  const rejectedPath =
    options.dropInvalid && options.output !== '-' ? rejectedPathFor(options.output) : undefined;
  if (options.output !== '-' && input !== '-') {
    // Neither the output nor the rejected rows may land on the input (re-running on X.rejected.csv).
    const real = (p: string): Promise<string | undefined> => fs.realpath(p).catch(() => undefined);
    const from = (await real(source)) ?? path.resolve(source);
    for (const target of [options.output, rejectedPath]) {
      if (target === undefined || (await real(target)) !== from) continue;
      throw new OdfError(
        'bad-option',
        `Le fichier ${target} est le fichier d'entrée (${input}) : odf ne modifie jamais l'original. Choisissez un autre nom avec -o.`,
        { path: input },
        `File ${target} is the input file (${input}): odf never modifies the original. Choose another name with -o.`,
      );
    }
  }
  const prepared = await prepareFile(source, { ...options, name: input === '-' ? '<stdin>' : options.name });
  const { schema, mapping, labels } = prepared;
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
    .map((m) => ({ field: fields[m.fieldIndex]!, column: m.column! }));

  // Pass 1: what the whole column agrees on (French numbers, serial dates, double encoding), and, when
  // redacting by kind, which columns hold personal data.
  const second = await openTable(source, { ...options, name: input === '-' ? '<stdin>' : options.name });
  const scanner = options.redact
    ? createPrivacyScanner(
        labels.map((label) => ({ label })),
        { mode: 'warn', schemaName: schema.name },
      )
    : undefined;
  const decisions = await analyzeColumns(scanner ? tee(second.rows, scanner) : second.rows, fed);

  // Blank trailing header columns with no data are dropped like any other column outside the schema.
  const extra = mapping.extra;
  const keptExtra = options.keepExtra ? extra.filter((e) => e.label.trim() !== '') : [];
  const droppedColumns = extra.filter((e) => !keptExtra.includes(e)).map((e) => e.label);
  const header = [...fields.map((f) => f.name), ...keptExtra.map((e) => e.label)];
  const redactor = options.redact
    ? redactorFor(options.redact, header, fields, mapping, keptExtra, scanner!)
    : undefined;

  const repairs = new Map<string, RepairCount>();
  const count = (field: string, kind: RepairKind, from: string, to: string): void => {
    const key = `${field}\u0000${kind}`;
    const r = repairs.get(key);
    if (r) r.count++;
    else repairs.set(key, { field, kind, count: 1, example: { from, to } });
  };
  const decisionOf = (f: Field): ColumnDecision | undefined => decisions.get(f.name);

  // Repairs offered to the run, per field of the current row; counted once the cell came back valid.
  const attempts: ({ kind: RepairKind; from: string; to: string; by: 'rewrite' | 'repair' } | undefined)[] =
    new Array(fields.length);
  // Columns a SIRET or SIREN check reads: a number that went through a float (`38047555800058.0`,
  // `3.8047555800058E+13`) gets its digits back even when the field itself has no pattern.
  const codeCheck = new Map<string, (text: string) => boolean>();
  for (const c of schema.schema.custom_checks ?? []) {
    const valid = CODE_CHECKS.get(c.name);
    if (valid) codeCheck.set(String(c.params?.column ?? ''), valid);
  }
  const codeFields = new Set(codeCheck.keys());
  const rewrite = (fieldIndex: number): ((text: string) => string | undefined) | undefined => {
    const field = fields[fieldIndex]!;
    if (typeOf(field) !== 'string') return undefined;
    const doubleEncoded = decisionOf(field)?.doubleEncoded;
    const isCode = codeFields.has(field.name);
    return (text: string) => {
      let t = text;
      let kind: RepairKind | undefined;
      if (doubleEncoded) {
        const de = repairDoubleEncoding(t);
        if (de !== undefined) {
          t = de;
          kind = 'double-encoding';
        }
      }
      if (SURROUNDING_SPACE.test(t)) {
        t = t.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, '');
        kind ??= 'whitespace';
      }
      if (isCode) {
        const digits = floatArtefactDigits(t);
        if (digits !== undefined) {
          t = digits;
          kind ??= 'float-artefact';
        }
      }
      if (t === text || !kind || createsFormula(text, t)) return undefined;
      attempts[fieldIndex] = { kind, from: text, to: t, by: 'rewrite' };
      return t;
    };
  };
  const repair = (
    fieldIndex: number,
    text: string,
    r: Extract<CellResult, { kind: 'error' }>,
  ): string | undefined => {
    const field = fields[fieldIndex]!;
    const type = typeOf(field);
    const d = decisionOf(field);
    const numeric = type === 'number' || type === 'integer';
    let fixed: string | undefined;
    let kind: RepairKind | undefined;
    if (numeric) {
      const trimmed = text.trim();
      if (d?.frenchNumbers) {
        fixed = frenchToPlainNumber(trimmed);
        kind = 'french-number';
      }
      if (fixed === undefined && trimmed !== text) {
        fixed = trimmed;
        kind = 'whitespace';
      }
    } else if ((type === 'date' || type === 'datetime') && d?.serialDates) {
      const iso = serialToIsoDate(text);
      if (iso !== undefined && (!field.format || field.format === 'default')) {
        fixed = type === 'date' ? iso : `${iso}T00:00:00`;
        kind = 'serial-date';
      }
    } else if (d?.doubleEncoded) {
      const de = repairDoubleEncoding(text);
      if (de !== undefined) {
        fixed = de;
        kind = 'double-encoding';
      }
    }
    // The field's own lenient reading (day-first dates, Oui/Non, enum case, lost zeros); numbers only
    // through the column-wide decision above; never a serial number among real dates, never a day-first
    // reading in a column that shows month-first dates, never a code its SIRET/SIREN check refuses.
    if (
      fixed === undefined &&
      r.repaired !== undefined &&
      !numeric &&
      !(d?.strayDates && SERIAL_LIKE.test(text.trim())) &&
      !(d?.monthFirstDates && readsBothWays(text.trim())) &&
      codeCheck.get(field.name)?.(r.repaired) !== false
    ) {
      fixed = r.repaired;
      kind = classify(field, text, fixed, r);
    }
    // A repair never turns an inert cell into a spreadsheet formula (`"\t=1+1"` trimmed to `=1+1`).
    if (fixed !== undefined && createsFormula(text, fixed)) return undefined;
    if (fixed !== undefined && kind) attempts[fieldIndex] = { kind, from: text, to: fixed, by: 'repair' };
    return fixed;
  };

  const toStdout = options.output === '-';
  const out: AtomicStream | undefined = toStdout ? undefined : openAtomicStream(options.output);
  const rej: AtomicStream | undefined = rejectedPath ? openAtomicStream(rejectedPath) : undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  let buffered = '';
  // Rows are gathered into chunks of about 64 KiB: hashing, counting bytes and writing per chunk, not per row.
  const emit = (s: string): void => {
    buffered += s;
  };
  const flush = async (): Promise<void> => {
    if (buffered === '') return;
    const chunk = Buffer.from(buffered, 'utf8');
    buffered = '';
    hash.update(chunk);
    bytes += chunk.byteLength;
    if (toStdout) {
      if (options.stdout) await writeToSink(options.stdout, chunk);
    } else await out!.write(chunk);
  };
  const counts = { read: 0, written: 0, rejected: 0, blankDropped: 0 };

  const escape = { escapeFormulas: Boolean(options.escapeFormulas) };
  emit((options.bom ? UTF8_BOM : '') + formatRow(redactor ? redactor.header : header, escape));
  if (rej)
    await rej.write(formatRow(['_ligne', '_erreurs', ...(redactor ? redactor.header : header)], escape));

  const onRow = (row: RowOutcome): Promise<void> | undefined => {
    counts.read++;
    if (row.blank) {
      counts.blankDropped++;
      return undefined;
    }
    for (let i = 0; i < fields.length; i++) {
      const a = attempts[i];
      if (a === undefined) continue;
      attempts[i] = undefined;
      // A rewrite is kept when the cell now holds it; a repair when the cell came back valid.
      const kept = a.by === 'rewrite' ? row.cells[i] === a.to : row.results[i]?.kind === 'ok';
      if (kept) count(fields[i]!.name, a.kind, a.from, a.to);
    }
    const cells: string[] = new Array(header.length);
    for (let i = 0; i < fields.length; i++) {
      const r = row.results[i];
      const text = row.cells[i] ?? '';
      if (!r || r.kind !== 'ok') {
        cells[i] = text;
        continue;
      }
      // A valid value written in its canonical form (`1` → `true`, `1/9/2020` → `01/09/2020`) is a change too.
      if (r.canonical !== text) count(fields[i]!.name, 'canonical', text, r.canonical);
      cells[i] = r.canonical;
    }
    for (let k = 0; k < keptExtra.length; k++)
      cells[fields.length + k] = row.raw.cells[keptExtra[k]!.column] ?? '';
    const out = redactor ? redactor.row(cells) : cells;
    // Rejected rows keep the output's shape (and its redaction), with their row number and error codes.
    if (rej && row.errors > 0) {
      counts.rejected++;
      return rej.write(formatRow([String(row.raw.rowNumber), row.errorCodes.join(' '), ...out], escape));
    }
    counts.written++;
    emit(formatRow(out, escape));
    return buffered.length >= 1 << 16 ? flush() : undefined;
  };

  let file: FileResult;
  try {
    file = await runPrepared(prepared, { ...options, repair, rewrite, onRow });
    await flush();
  } catch (e) {
    await out?.abort();
    await rej?.abort();
    throw e;
  }
  for (const m of mapping.fields) {
    if (m.kind && m.kind !== 'exact' && m.column !== undefined)
      count(m.fieldName, 'label', m.label ?? '', m.fieldName);
  }

  dropFixedFindings(file, {
    keepExtra: Boolean(options.keepExtra),
    acceptSuggestions: Boolean(options.acceptSuggestions),
    doubleEncodingRepaired: [...repairs.values()].some((r) => r.kind === 'double-encoding'),
    goneColumns: new Set([
      ...droppedColumns,
      ...(redactor?.steps.filter((st) => st.scope === 'column').map((st) => st.column!) ?? []),
    ]),
  });
  const remainingErrors = file.run.stats.errors;
  let output: NormalizeResult['output'];
  if (options.failOnError && remainingErrors > 0) {
    await out?.abort();
    await rej?.abort();
  } else {
    await out?.commit();
    await rej?.commit();
    output = {
      path: options.output,
      bytes,
      sha256: hash.digest('hex'),
      rows: counts.written,
      columns: header,
    };
  }
  return {
    file,
    output,
    rejected: rejectedPath && output ? { path: rejectedPath, rows: counts.rejected } : undefined,
    repairs: [...repairs.values()],
    counts,
    droppedColumns,
    redactions: redactor
      ? redactor.steps.map((step, i) => ({ ...step, count: redactor.counts()[i] ?? 0 }))
      : [],
  };
}

async function* tee(rows: AsyncIterable<RawRow>, scanner: PrivacyScanner): AsyncIterable<RawRow> {
  for await (const row of rows) {
    scanner.row(row.cells, row.rowNumber, row.line);
    yield row;
  }
}

/**
 * The redaction of the output columns: targets name output columns (schema fields, kept extras) or kinds
 * of personal data, judged on the input columns in pass 1 and carried to the output column they feed.
 * A target that names nothing is a failure: a typo must not let personal data through.
 */
function redactorFor(
  spec: RedactSpec,
  header: readonly string[],
  fields: readonly Field[],
  mapping: ColumnMapping,
  keptExtra: readonly { column: number }[],
  scanner: PrivacyScanner,
): Redactor {
  const outputOf = new Map<number, number>();
  for (const m of mapping.fields) if (m.column !== undefined) outputOf.set(m.column, m.fieldIndex);
  keptExtra.forEach((e, k) => outputOf.set(e.column, fields.length + k));
  const decisions = scanner
    .decisions()
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

/** Where --drop-invalid writes the rejected rows of `output`: `NAME.rejected.csv` beside it. */
export function rejectedPathFor(output: string): string {
  return output.replace(/(\.csv)?$/i, '.rejected.csv');
}

const SERIAL_LIKE = /^\d{4,5}(?:\.0+)?$/;
const DAY_MONTH_LIKE = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/;
/** `01/02/2020`: day-first or month-first, both readings are dates (unlike `15/09/2020` or `09/15/2020`). */
function readsBothWays(text: string): boolean {
  const m = DAY_MONTH_LIKE.exec(text);
  return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12;
}
const validSiret = (t: string): boolean => siretProblem(t) === undefined;
const validSiren = (t: string): boolean => sirenProblem(t) === undefined;
/** The identifier checks whose columns get float artefacts undone, and whose repairs must pass them. */
const CODE_CHECKS = new Map<string, (text: string) => boolean>([
  ['french-siret-value', validSiret],
  ['siret', validSiret],
  ['french-siren-value', validSiren],
  ['siren', validSiren],
]);

/** The digits of an integer code written as a float (`38047555800058.0`, `2.1860194600013E+13`), if exact. */
export function floatArtefactDigits(text: string): string | undefined {
  const m = /^(\d+)\.0+$/.exec(text);
  if (m) return m[1];
  if (!/^\d(?:\.\d+)?[eE]\+?\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? String(n) : undefined;
}

/**
 * Findings the normalised output no longer has: renamed or reordered headers, added optional columns,
 * dropped blank rows and columns, skipped title rows, and the input's encoding. What remains is what
 * the user must still fix.
 */
function dropFixedFindings(
  file: FileResult,
  o: {
    keepExtra: boolean;
    acceptSuggestions: boolean;
    doubleEncodingRepaired: boolean;
    goneColumns: Set<string>;
  },
): void {
  const fixed = (f: Finding): boolean => {
    switch (f.code) {
      case 'incorrect-label':
      case 'label-order':
      case 'missing-optional-label':
      case 'blank-row':
      case 'blank-label':
      case 'header-rows-skipped':
      case 'encoding-not-utf8':
      case 'encoding-guessed':
        return true;
      case 'missing-label':
        // A required field filled by a constant of the mapping file.
        return f.params.constant !== undefined;
      case 'extra-label':
        return !o.keepExtra;
      case 'label-suggestion':
        return o.acceptSuggestions;
      case 'double-encoded-text':
        return o.doubleEncodingRepaired;
      case 'personal-data-suspected':
        // Personal data in a column the output leaves out, or that --redact dropped, masked or hashed.
        return (
          o.goneColumns.has(f.loc.column ?? f.loc.fieldName ?? '') || o.goneColumns.has(f.loc.fieldName ?? '')
        );
      default:
        return false;
    }
  };
  const stats = file.run.stats;
  file.run.findings = file.run.findings.filter((f) => {
    if (!fixed(f)) return true;
    if (f.level === 'error') stats.errors--;
    else if (f.level === 'warning') stats.warnings--;
    else stats.infos--;
    return false;
  });
}
