// Prepare one file for the validation pass: open it, sample its head, find its schema, map its columns.
import type { Finding } from '../findings/types.js';
import { OdfError } from '../errors.js';
import type { OpenTable, RawRow } from '../io/types.js';
import type { LoadedSchema, TableSchema } from '../schema/types.js';
import type { ColumnMapping, ColumnSample } from '../schema/mapping-types.js';
import { openTable } from '../io/open.js';
import { loadSchema } from '../schema/load.js';
import { resolveCatalogueName } from '../schema/catalogue.js';
import { matchColumns, mappingFindings } from '../match/match.js';
import { readMappingFile } from '../schema/mapping-file.js';
import {
  catalogueLabelScore,
  decideVersion,
  recognizeCandidates,
  versionOutdatedFinding,
  versionsLabelScore,
} from '../match/recognize-schema.js';
import { recognizeSchema } from '../match/recognize.js';
import type { FileResult } from '../validate/types.js';
import type { ValidateOptions } from './options.js';
import { sampleTable } from './sample.js';
import { applyCompositions, type AppliedComposition } from './compose.js';
import { applySplits, type AppliedSplit } from './split.js';

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
export function listsFields(schema: TableSchema): boolean {
  return Array.isArray(schema.fields) && schema.fields.every((f) => typeof f?.name === 'string');
}

/** Catalogue schemas recognised in this thread, loaded once each (a batch recognises the same few). */
const recognizedSchemas = new Map<string, Promise<LoadedSchema>>();

/**
 * A catalogue schema by `name@version`, loaded once per thread and file (the catalogue in use, bundled or
 * updated, decides which file a name stands for).
 */
export function catalogueSchema(ref: string): Promise<LoadedSchema> {
  const key = resolveCatalogueName(ref).path;
  let loaded = recognizedSchemas.get(key);
  if (!loaded) {
    loaded = loadSchema(ref);
    recognizedSchemas.set(key, loaded);
    loaded.catch(() => recognizedSchemas.delete(key));
  }
  return loaded;
}

/** A file opened, its schema found and its columns mapped: ready for the validation pass. */
export interface PreparedFile {
  table: OpenTable;
  labels: string[];
  /** The first data rows, read before matching (they are in `rows` again). */
  sample: ColumnSample;
  /** Every data row, the sampled ones first: read these, not `table.rows`. */
  rows: AsyncIterable<RawRow>;
  schema?: LoadedSchema;
  recognized?: FileResult['recognized'];
  mapping?: ColumnMapping;
  /** Findings known before the rows are read (schema recognition, schema, mapping; labels are the structure check's). */
  initial: Finding[];
  /** Fields composed from several columns (--accept-suggestions), each read from a column added to `labels`. */
  composed?: AppliedComposition[];
  /** Columns split into several fields (a mapping file, or --accept-suggestions), each part a column added to `labels`. */
  split?: AppliedSplit[];
}

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new OdfError(
      'bad-option',
      `limitErrors attend un entier positif, pas ${String(limit)}.`,
      {},
      `limitErrors expects a positive integer, not ${String(limit)}.`,
    );
  }
}

/**
 * How well a sheet's (or a header row's) labels fit: the schema given, or the best catalogue schema.
 * Undefined when the header row is given or the schema cannot guide anything.
 */
function labelScoreFor(
  loaded: LoadedSchema | undefined,
  byFit: boolean,
  options: ValidateOptions,
): ((labels: string[]) => number) | undefined {
  const guided = loaded === undefined || listsFields(loaded.schema);
  if (options.headerRow !== undefined || !guided) return undefined;
  if (!loaded) return catalogueLabelScore;
  // A catalogue schema named without its version: the sheet that fits any of its versions best.
  if (byFit) return versionsLabelScore(loaded.name!);
  const candidate = { name: loaded.name ?? '', version: loaded.version ?? '', schema: loaded.schema };
  return (labels) => recognizeSchema(labels, [candidate])[0]?.score ?? 0;
}

/** The schema of a file, given or recognised, and the version it was read at when odf chose one. */
interface SchemaChoice {
  schema?: LoadedSchema;
  recognized?: FileResult['recognized'];
  /** Set when the file fits an older version than the latest (schema-version-outdated). */
  outdated?: { name: string; version: string };
  findings: Finding[];
}

/**
 * Find the schema of a file: recognised among every catalogue version without a schema; with a
 * catalogue schema named without `@version` (`byFit`), the version the header and content fit best
 * (issue 11); else the schema given, at its version.
 */
async function chooseSchema(
  loaded: LoadedSchema | undefined,
  byFit: boolean,
  labels: readonly string[],
  sample: ColumnSample,
): Promise<SchemaChoice> {
  if (!loaded) {
    const found = recognizeCandidates(labels, sample);
    const choice: SchemaChoice = {
      recognized: { chosen: found.chosen, candidates: found.candidates },
      findings: [found.finding],
    };
    if (found.chosen) {
      choice.schema = await catalogueSchema(`${found.chosen.name}@${found.chosen.version}`);
      if (found.chosen.latestVersion !== undefined)
        choice.outdated = { name: found.chosen.name, version: found.chosen.version };
    }
    return choice;
  }
  if (!byFit) return { schema: loaded, findings: [] };
  const fit = decideVersion(loaded.name!, labels, sample);
  const choice: SchemaChoice = { schema: loaded, findings: [] };
  if (fit.version !== loaded.version) choice.schema = await catalogueSchema(`${fit.name}@${fit.version}`);
  if (Number(fit.finding.params.versions) > 1) choice.findings.push(fit.finding);
  if (fit.version !== fit.latest) choice.outdated = { name: fit.name, version: fit.version };
  return choice;
}

/** A schema too broken to say which fields it has stops the run (exit 2), rather than blaming the data. */
function refuseUnusable(schema: LoadedSchema): void {
  if (listsFields(schema.schema)) return;
  const first = schema.findings.find((f) => f.code === 'schema-error');
  const where = first?.params.path ? ` (${String(first.params.path)})` : '';
  throw new OdfError(
    'schema-invalid',
    `Le schéma ${schema.source} est inutilisable : il ne donne pas la liste de ses champs${where}.`,
    { source: schema.source, findings: schema.findings },
    `Schema ${schema.source} is unusable: it does not list its fields${where}.`,
  );
}

/**
 * Open a file, read the head of its rows (the sample), find its schema (given or recognised, from the
 * labels and the sample) and map its columns onto the schema's fields.
 */
export async function prepareFile(
  input: string | Uint8Array,
  options: ValidateOptions = {},
): Promise<PreparedFile> {
  checkLimit(options.limitErrors);
  const mappingFile =
    typeof options.mapping === 'string' ? readMappingFile(options.mapping) : options.mapping;
  // Without --schema, a mapping file that names its schema (`schema: scdl/budget@0.8.3`) says which one.
  const loaded = await resolveSchema(options.schema ?? mappingFile?.schema, options.fetch);
  // A catalogue schema named without `@version` is read at the version the file fits best (issue 11).
  const byFit = loaded?.versionByFit === true && loaded.name !== undefined;
  // A workbook is read on the sheet, and any table from the header row, whose labels best fit the schema
  // (or the best catalogue schema).
  const table = await openTable(input, { ...options, labelScore: labelScoreFor(loaded, byFit, options) });
  try {
    let labels = table.meta.columns;
    let { sample, rows } = await sampleTable(input, table, options);
    const { schema, recognized, outdated, findings } = await chooseSchema(loaded, byFit, labels, sample);
    const initial: Finding[] = [...findings];
    if (schema) {
      for (const f of schema.findings) initial.push(f);
      refuseUnusable(schema);
    }

    let mapping: ColumnMapping | undefined;
    let composed: AppliedComposition[] | undefined;
    let split: AppliedSplit[] | undefined;
    if (schema) {
      mapping = matchColumns(labels, schema.schema, {
        schemaName: schema.name,
        mapping: mappingFile,
        synonyms: options.synonyms,
        acceptSuggestions: options.acceptSuggestions,
        sample,
      });
      // Fields composed from several columns: a mapping file's are applied; proposals only when accepted.
      const c = applyCompositions(labels, mapping, sample, rows, options.acceptSuggestions === true);
      if (c.applied.length > 0) ({ labels, sample, rows, applied: composed } = c);
      // Columns split into several fields, the same way, their parts added after the composed columns.
      const sp = applySplits(labels, mapping, sample, rows, options.acceptSuggestions === true);
      if (sp.applied.length > 0) ({ labels, sample, rows, applied: split } = sp);
      if (outdated) {
        const f = versionOutdatedFinding(outdated.name, outdated.version, mapping);
        if (f) initial.push(f);
      }
      // A loop, not push(...): one finding per extra column, and a header may have 200,000.
      for (const f of mappingFindings(mapping, schema.schema, labels)) initial.push(f);
    }
    return {
      table,
      labels,
      sample,
      rows,
      schema,
      recognized,
      mapping,
      initial,
      ...(composed ? { composed } : {}),
      ...(split ? { split } : {}),
    };
  } catch (e) {
    // Whatever stopped the preparation, the file the reader holds open is released now, not by the GC.
    await table.close?.();
    throw e;
  }
}
