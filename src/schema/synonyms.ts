// Synonym tables: known aliases of schema fields (bundled in schemas/synonyms/, or a user's YAML file).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { schemasDir } from './catalogue.js';
import { parseYamlDocument } from './yaml.js';
import { readSmallFile } from '../io/read-error.js';

/** Aliases per field name: `{ BGT_ANNEE: ['Exercice', 'Année'] }`. */
export type SynonymTable = Readonly<Record<string, readonly string[]>>;

/** A synonyms file once read: the schema it is for (when it says) and its table. */
export interface SynonymsFile {
  /** Catalogue name without version (`scdl/budget`); absent in a user file meant for any schema. */
  schema?: string;
  fields: SynonymTable;
  /** Where it was read. */
  source: string;
}

function invalid(source: string, line: number | undefined, fr: string, en: string): OdfError {
  const at = line === undefined ? '' : ` (ligne ${line})`;
  const atEn = line === undefined ? '' : ` (line ${line})`;
  return new OdfError(
    'config-invalid',
    `Fichier de synonymes ${source}${at} : ${fr}`,
    { path: source, line },
    `Synonyms file ${source}${atEn}: ${en}`,
  );
}

/**
 * Parse the text of a synonyms file:
 * `schema: scdl/budget` (optional) and `fields:` mapping each field name to a list of aliases
 * (a single string is accepted for one alias).
 *
 * @throws OdfError('config-invalid') with the line for a YAML syntax error or a wrong shape.
 */
export function parseSynonyms(text: string, source: string): SynonymsFile {
  const doc = parseYamlDocument(text);
  const err = doc.errors[0];
  if (err)
    throw invalid(source, err.line, `YAML illisible (${err.fr}).`, `unreadable YAML (${err.message}).`);
  const value = doc.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(
      source,
      1,
      'il faut un objet avec une clé « fields ».',
      'expected a mapping with a "fields" key.',
    );
  }
  const schema = value.schema;
  if (schema !== undefined && typeof schema !== 'string') {
    throw invalid(
      source,
      doc.lineOf(['schema']),
      '« schema » doit être un nom de schéma.',
      '"schema" must be a schema name.',
    );
  }
  const raw = value.fields;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(
      source,
      doc.lineOf(['fields']) ?? 1,
      'la clé « fields » doit associer chaque champ à ses synonymes.',
      'the "fields" key must map each field to its aliases.',
    );
  }
  const fields: Record<string, string[]> = {};
  for (const [name, aliases] of Object.entries(raw as Record<string, unknown>)) {
    const list = typeof aliases === 'string' ? [aliases] : aliases;
    if (!Array.isArray(list) || !list.every((a) => typeof a === 'string' || typeof a === 'number')) {
      throw invalid(
        source,
        doc.lineOf(['fields', name]),
        `les synonymes du champ « ${name} » doivent être une liste de textes.`,
        `the aliases of field "${name}" must be a list of strings.`,
      );
    }
    fields[name] = list.map(String);
  }
  return { schema: schema?.replace(/@.*$/, ''), fields, source };
}

/** Read a user's synonyms file (YAML). @throws OdfError('file-not-found' | 'config-invalid'). */
export function loadSynonymsFile(file: string): SynonymsFile {
  // At most 4 MB, with the right sentence for a folder, a pipe, a loop of links… (src/io/read-error.ts).
  return parseSynonyms(readSmallFile(file, file, 'synonyms'), file);
}

let bundled: ReadonlyMap<string, SynonymTable> | undefined;

/** Every bundled table (schemas/synonyms/*.yaml), by schema name; read once. */
export function bundledSynonymTables(): ReadonlyMap<string, SynonymTable> {
  if (bundled) return bundled;
  const dir = path.join(schemasDir(), 'synonyms');
  const map = new Map<string, SynonymTable>();
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  } catch {
    files = [];
  }
  for (const f of files) {
    const file = parseSynonyms(readFileSync(path.join(dir, f), 'utf8'), `schemas/synonyms/${f}`);
    if (file.schema) map.set(file.schema.toLowerCase(), file.fields);
  }
  bundled = map;
  return map;
}

/** The bundled aliases of a schema (`scdl/budget` or `scdl/budget@0.8.3`), if odf ships any. */
export function bundledSynonyms(schemaName: string): SynonymTable | undefined {
  return bundledSynonymTables().get(schemaName.replace(/@.*$/, '').toLowerCase());
}

/** Merge tables: aliases of the same field are concatenated (duplicates removed), in argument order. */
export function mergeSynonyms(...tables: (SynonymTable | undefined)[]): SynonymTable {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    if (!t) continue;
    for (const [field, aliases] of Object.entries(t)) {
      const list = (out[field] ??= []);
      for (const a of aliases) if (!list.includes(a)) list.push(a);
    }
  }
  return out;
}
