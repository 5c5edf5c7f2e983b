// validateFile: open a file, find its schema, map its columns, run the checks and build its report.
import type { Finding } from '../findings/types.js';
import { OdfError } from '../errors.js';
import type { OpenOptions, OpenTable, TableMeta } from '../io/types.js';
import type { LoadedSchema, TableSchema } from '../schema/types.js';
import type { ColumnMapping, SchemaCandidate } from '../schema/mapping-types.js';
import { openTable } from '../io/open.js';
import { loadSchema } from '../schema/load.js';
import { matchColumns, mappingFindings } from '../schema/match.js';
import { readMappingFile, type MappingFile } from '../schema/mapping-file.js';
import type { SynonymTable } from '../schema/synonyms.js';
import { recognizeCandidates } from './recognize-schema.js';
import { recognizeSchema } from '../schema/recognize.js';
import { labelFindings, runValidation } from './run.js';
import {
  createPrivacyScanner,
  maskValue,
  type PrivacyDecision,
  type PrivacyMode,
  type PrivacyScanner,
} from '../privacy/index.js';
import { createFormulaScanner } from '../normalize/formula.js';
import type { RowObserver, RunOptions, RunResult } from './run.js';

/** Options of a validation run (the reading options of openTable included). */
export interface ValidateOptions extends OpenOptions {
  /** Catalogue name (`scdl/budget@0.8.3`), path, URL, a schema object or an already loaded schema. */
  schema?: string | TableSchema | LoadedSchema;
  /** A mapping file (parsed, or its path) applied on top of automatic matching. */
  mapping?: MappingFile | string;
  /** Extra synonyms (field → aliases), on top of the bundled ones (`--synonyms FILE`). */
  synonyms?: SynonymTable;
  /** Apply similarity suggestions too (normalize --accept-suggestions). */
  acceptSuggestions?: boolean;
  limitErrors?: number;
  /** Run custom checks (default true). */
  customChecks?: boolean;
  /** Extra row observers (column profile, personal data…). */
  observers?: (ctx: { labels: string[]; schema?: TableSchema; mapping?: ColumnMapping }) => RowObserver[];
  onRow?: RunOptions['onRow'];
  /** Personal-data guard: 'warn' (default), 'error' (its findings are errors), 'off'. */
  privacy?: PrivacyMode;
  /** fetch implementation for schema URLs (tests). */
  fetch?: typeof fetch;
}

/** Everything known about one validated file, before it is turned into a report. */
export interface FileResult {
  path: string;
  meta: TableMeta;
  schema?: LoadedSchema;
  recognized?: { chosen?: SchemaCandidate; candidates: SchemaCandidate[] };
  mapping?: ColumnMapping;
  run: RunResult;
  /** Columns the personal-data guard judged personal (input column index, kind). */
  privacy?: PrivacyDecision[];
}

function isLoaded(s: unknown): s is LoadedSchema {
  return typeof s === 'object' && s !== null && 'schema' in s && 'source' in s && 'findings' in s;
}

/** Resolve the schema option into a loaded schema (catalogue name, path, URL or object). */
export async function resolveSchema(
  schema: ValidateOptions['schema'],
  fetchImpl?: typeof fetch,
): Promise<LoadedSchema | undefined> {
  if (schema === undefined) return undefined;
  if (isLoaded(schema)) return schema;
  return loadSchema(schema, { fetch: fetchImpl });
}

/** True when a schema lists its fields, each with a name: the least odf needs to use it. */
function listsFields(schema: TableSchema): boolean {
  return Array.isArray(schema.fields) && schema.fields.every((f) => typeof f?.name === 'string');
}

/** A file opened, its schema found and its columns mapped: ready for the validation pass. */
export interface PreparedFile {
  table: OpenTable;
  labels: string[];
  schema?: LoadedSchema;
  recognized?: FileResult['recognized'];
  mapping?: ColumnMapping;
  /** Findings known before the rows are read (labels, schema, mapping). */
  initial: Finding[];
}

/** Open a file, find its schema (given or recognised) and map its columns onto the schema's fields. */
export async function prepareFile(
  input: string | Uint8Array,
  options: ValidateOptions = {},
): Promise<PreparedFile> {
  const limit = options.limitErrors;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new OdfError(
      'bad-option',
      `limitErrors attend un entier positif, pas ${String(limit)}.`,
      {},
      `limitErrors expects a positive integer, not ${String(limit)}.`,
    );
  }
  const mappingFile =
    typeof options.mapping === 'string' ? readMappingFile(options.mapping) : options.mapping;
  // Without --schema, a mapping file that names its schema (`schema: scdl/budget@0.8.3`) says which one.
  const loaded = await resolveSchema(options.schema ?? mappingFile?.schema, options.fetch);
  // A workbook is read on the sheet, and any table from the header row, whose labels best fit the schema
  // (or the best catalogue schema). A schema that does not list its fields cannot guide anything.
  const guided = loaded === undefined || listsFields(loaded.schema);
  const labelScore =
    options.headerRow !== undefined || !guided
      ? undefined
      : loaded
        ? (labels: string[]) =>
            recognizeSchema(labels, [
              { name: loaded.name ?? '', version: loaded.version ?? '', schema: loaded.schema },
            ])[0]?.score ?? 0
        : (labels: string[]) => recognizeCandidates(labels).candidates[0]?.score ?? 0;
  const table = await openTable(input, { ...options, labelScore });
  const labels = table.meta.columns;
  let schema = loaded;
  let recognized: FileResult['recognized'];
  const initial: Finding[] = [...labelFindings(labels)];

  if (!schema) {
    const found = recognizeCandidates(labels);
    recognized = { chosen: found.chosen, candidates: found.candidates };
    if (found.chosen) schema = await loadSchema(`${found.chosen.name}@${found.chosen.version}`);
    initial.push(found.finding);
  }
  if (schema) for (const f of schema.findings) initial.push(f);
  // A schema too broken to say which fields it has stops the run (exit 2), rather than crashing or
  // blaming the data.
  const usable = schema && listsFields(schema.schema);
  if (schema && !usable) {
    const first = schema.findings.find((f) => f.code === 'schema-error');
    const where = first?.params.path ? ` (${String(first.params.path)})` : '';
    throw new OdfError(
      'schema-invalid',
      `Le schéma ${schema.source} est inutilisable : il ne donne pas la liste de ses champs${where}.`,
      { source: schema.source, findings: schema.findings },
      `Schema ${schema.source} is unusable: it does not list its fields${where}.`,
    );
  }

  let mapping: ColumnMapping | undefined;
  if (schema) {
    mapping = matchColumns(labels, schema.schema, {
      schemaName: schema.name,
      mapping: mappingFile,
      synonyms: options.synonyms,
      acceptSuggestions: options.acceptSuggestions,
    });
    // A loop, not push(...): one finding per extra column, and a header may have 200,000.
    for (const f of mappingFindings(mapping, schema.schema, labels)) initial.push(f);
  }
  return { table, labels, schema, recognized, mapping, initial };
}

/** Run the validation pass over a prepared file and gather the result. */
export async function runPrepared(
  prepared: PreparedFile,
  options: ValidateOptions & Pick<RunOptions, 'repair' | 'rewrite'> = {},
): Promise<FileResult> {
  const { table, labels, schema, mapping, initial, recognized } = prepared;
  const meta = table.meta;
  const observers = options.observers?.({ labels, schema: schema?.schema, mapping }) ?? [];
  const privacy =
    options.privacy === 'off'
      ? undefined
      : privacyScanner(labels, schema, mapping, options.privacy ?? 'warn');
  if (privacy) observers.push(privacy);
  observers.push(createFormulaScanner(labels));
  const run = await runValidation(labels, table.rows, schema?.schema, mapping, initial, {
    limitErrors: options.limitErrors,
    customChecks: options.customChecks,
    observers,
    onRow: options.onRow,
    repair: options.repair,
    rewrite: options.rewrite,
  });
  // Findings met while reading (encoding, format) arrive during iteration: count and merge them.
  for (const f of meta.findings) {
    if (f.level === 'error') run.stats.errors++;
    else if (f.level === 'warning') run.stats.warnings++;
    else run.stats.infos++;
  }
  run.findings = [...meta.findings, ...run.findings];
  if (privacy) maskPersonalValues(run.findings, labels, privacy.decisions());
  return { path: meta.path, meta, schema, recognized, mapping, run, privacy: privacy?.decisions() };
}

/**
 * Validate one file (path, '-' for stdin, or bytes). Failures (missing file, not a table, unreadable
 * schema) throw OdfError; every problem in the data is a finding in the result.
 */
export async function validateFile(
  input: string | Uint8Array,
  options: ValidateOptions = {},
): Promise<FileResult> {
  return runPrepared(await prepareFile(input, options), options);
}

/** The personal-data guard over the input columns, each with the schema field it feeds (if any). */
function privacyScanner(
  labels: readonly string[],
  schema: LoadedSchema | undefined,
  mapping: ColumnMapping | undefined,
  mode: PrivacyMode,
): PrivacyScanner & RowObserver {
  const fieldOf = new Map<number, number>();
  for (const m of mapping?.fields ?? []) if (m.column !== undefined) fieldOf.set(m.column, m.fieldIndex);
  const columns = labels.map((label, i) => {
    const fi = fieldOf.get(i);
    return fi === undefined ? { label } : { label, field: schema!.schema.fields[fi] };
  });
  return createPrivacyScanner(columns, { mode, schemaName: schema?.name });
}

/**
 * The report must never leak what the guard warns about: in a column judged personal, every finding's
 * value is masked, and params that repeat it are dropped.
 */
function maskPersonalValues(
  findings: Finding[],
  labels: readonly string[],
  decisions: readonly PrivacyDecision[],
): void {
  const personal = decisions.filter((d) => d.reason === undefined);
  if (personal.length === 0) return;
  const kindOf = new Map<string, PrivacyDecision['kind']>();
  for (const d of personal) if (labels[d.column] !== undefined) kindOf.set(labels[d.column]!, d.kind);
  for (const f of findings) {
    if (f.value === undefined || f.code === 'personal-data-suspected') continue;
    const kind = kindOf.get(f.loc.column ?? f.loc.fieldName ?? '');
    if (!kind) continue;
    const raw = f.value;
    f.value = maskValue(kind, raw);
    for (const [k, v] of Object.entries(f.params)) {
      if (typeof v === 'string' && raw !== '' && (v.includes(raw) || raw.includes(v))) delete f.params[k];
    }
  }
}
