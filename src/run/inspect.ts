// What odf detects in a file (`odf detect`) and how its columns map onto a schema (`odf map`), on the engine's reading.
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import type { TableMeta } from '../io/types.js';
import type { LoadedSchema } from '../schema/types.js';
import type { ColumnMapping, SchemaCandidate } from '../schema/mapping-types.js';
import { openTable } from '../io/open.js';
import { loadSchema } from '../schema/load.js';
import { mappingFindings, matchColumns } from '../schema/match.js';
import { readMappingFile } from '../schema/mapping-file.js';
import { loadSynonymsFile } from '../schema/synonyms.js';
import { recognizeCandidates } from '../validate/recognize-schema.js';
import { readOptions, type ReadRequest } from './batch.js';
import { sampleRows } from './sample.js';
import { catalogueSchema } from './prepare.js';

/** Options of inspect() and mapTable(). */
export interface InspectOptions extends ReadRequest {
  /** Folder relative paths are read from (default: the current folder). */
  cwd?: string;
  /** Standard input, for '-'. */
  stdin?: NodeJS.ReadableStream;
}

/** What detection found in a file, and (when asked) the catalogue schemas its header fits best. */
export interface Inspection {
  meta: TableMeta;
  /** The five closest catalogue schemas, best first (with `schemas: true`). */
  candidates?: SchemaCandidate[];
}

/**
 * Read a whole file (streaming: memory stays flat) and say what it is: format, encoding, dialect,
 * header, sheets, rows and every reading finding; with `schemas`, the catalogue schemas its header and
 * first rows fit best.
 */
export async function inspect(
  input: string,
  options: InspectOptions & { schemas?: boolean } = {},
): Promise<Inspection> {
  const table = await openTable(input, { ...readOptions(options), stdin: options.stdin });
  const { sample, rows } = await sampleRows(table.rows);
  let count = 0;
  for await (const _row of rows) count++;
  const meta = table.meta;
  meta.rowCount ??= count;
  if (!options.schemas) return { meta };
  return { meta, candidates: recognizeCandidates(meta.columns, sample).candidates.slice(0, 5) };
}

/** Options of mapTable(). */
export interface MapOptions extends InspectOptions {
  /** Catalogue name, path or URL (recognised from the header and first rows when absent). */
  schema?: string;
  /** A mapping file to start from (its path). */
  mapping?: string;
  /** Extra synonyms (a synonyms file's path). */
  synonyms?: string;
  acceptSuggestions?: boolean;
}

/** How a file's columns feed a schema's fields. */
export interface TableMapping {
  labels: string[];
  schema: LoadedSchema;
  mapping: ColumnMapping;
  /** The header findings of the mapping (incorrect, missing, extra, ambiguous labels…). */
  findings: Finding[];
  /** Set when the schema was recognised rather than given. */
  recognized?: { score: number };
}

/** The schema recognised from a header (and first rows), or a failure naming the closest ones. */
async function recognized(
  labels: string[],
  sample: Parameters<typeof recognizeCandidates>[1],
): Promise<{
  schema: LoadedSchema;
  score: number;
}> {
  const { chosen, candidates } = recognizeCandidates(labels, sample);
  if (!chosen) {
    const closest = candidates
      .slice(0, 3)
      .map((c) => `${c.name} (${Math.round(c.score * 100)} %)`)
      .join(', ');
    throw new OdfError(
      'bad-option',
      `Aucun schéma reconnu d'après les en-têtes : indiquez-le avec --schema.${closest ? ` Les plus proches : ${closest}.` : ''}`,
      { closest: candidates.slice(0, 3).map((c) => c.name) },
      `No schema recognised from the headers: give one with --schema.${closest ? ` Closest: ${closest}.` : ''}`,
    );
  }
  return { schema: await catalogueSchema(`${chosen.name}@${chosen.version}`), score: chosen.score };
}

/**
 * Propose how a file's columns feed a schema's fields (given, or recognised from the header and the
 * first rows), on top of a mapping file when one is given. Only the head of the file is read.
 */
export async function mapTable(input: string, options: MapOptions = {}): Promise<TableMapping> {
  const cwd = options.cwd ?? '.';
  const table = await openTable(input, { ...readOptions(options), stdin: options.stdin });
  const labels = table.meta.columns;
  const { sample, rows } = await sampleRows(table.rows);
  await rows[Symbol.asyncIterator]().return?.();
  let schema: LoadedSchema;
  let found: { score: number } | undefined;
  if (options.schema !== undefined) schema = await loadSchema(options.schema, { cwd });
  else {
    const r = await recognized(labels, sample);
    schema = r.schema;
    found = { score: r.score };
  }
  const synonyms = options.synonyms
    ? loadSynonymsFile(path.resolve(cwd, options.synonyms)).fields
    : undefined;
  const mappingFile = options.mapping ? readMappingFile(path.resolve(cwd, options.mapping)) : undefined;
  const mapping = matchColumns(labels, schema.schema, {
    schemaName: schema.name,
    synonyms,
    mapping: mappingFile,
    acceptSuggestions: options.acceptSuggestions === true,
    sample,
  });
  const out: TableMapping = {
    labels,
    schema,
    mapping,
    findings: mappingFindings(mapping, schema.schema, labels),
  };
  if (found) out.recognized = found;
  return out;
}
