// Synonym tables: known aliases of schema fields (bundled in schemas/synonyms/, or a user's YAML file).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from './catalogue.js';
import { readDocument, readDocumentText, type DocumentKind } from './document.js';
import { prebuiltSynonyms } from './prebuilt-catalogue.js';

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

/** A synonyms file as a document kind: its shape and how its problems are worded. */
const SYNONYMS_KIND: DocumentKind = {
  code: 'config-invalid',
  name: { fr: 'Fichier de synonymes', en: 'Synonyms file' },
  lineStyle: 'parens',
  schema: {
    type: 'object',
    required: ['fields'],
    properties: {
      schema: { type: 'string' },
      fields: {
        type: 'object',
        additionalProperties: {
          anyOf: [{ type: 'string' }, { type: 'array', items: { type: ['string', 'number'] } }],
        },
      },
    },
  },
  explain(v) {
    const [top, name] = v.at;
    if (v.at.length === 0)
      return {
        fr: 'il faut un objet avec une clé « fields ».',
        en: 'expected a mapping with a "fields" key.',
        line: 1,
      };
    if (top === 'schema')
      return { fr: '« schema » doit être un nom de schéma.', en: '"schema" must be a schema name.' };
    if (top !== 'fields') return undefined;
    if (name === undefined)
      return {
        fr: 'la clé « fields » doit associer chaque champ à ses synonymes.',
        en: 'the "fields" key must map each field to its aliases.',
      };
    return {
      fr: `les synonymes du champ « ${String(name)} » doivent être une liste de textes.`,
      en: `the aliases of field "${String(name)}" must be a list of strings.`,
      at: ['fields', name],
    };
  },
};

/**
 * Parse the text of a synonyms file:
 * `schema: scdl/budget` (optional) and `fields:` mapping each field name to a list of aliases
 * (a single string is accepted for one alias).
 *
 * @throws OdfError('config-invalid') with the line for a YAML syntax error or a wrong shape.
 */
export function parseSynonyms(
  text: string,
  source: string,
  options: { bundled?: boolean } = {},
): SynonymsFile {
  const value = readDocument(text, source, SYNONYMS_KIND, options).value as {
    schema?: string;
    fields: Record<string, string | (string | number)[]>;
  };
  const fields: Record<string, string[]> = {};
  for (const [name, aliases] of Object.entries(value.fields))
    fields[name] = (typeof aliases === 'string' ? [aliases] : aliases).map(String);
  return { schema: value.schema?.replace(/@.*$/, ''), fields, source };
}

/** Read a user's synonyms file (YAML). @throws OdfError('file-not-found' | 'config-invalid'). */
export function loadSynonymsFile(file: string): SynonymsFile {
  // At most 4 MB, with the right sentence for a folder, a pipe, a loop of links… (src/net/read-file.ts).
  return parseSynonyms(readDocumentText(file, 'synonyms'), file);
}

/**
 * A bundled synonyms file (its name in schemas/synonyms/ and its text): as the prebuilt catalogue holds it
 * when the text is the one it was built from (no YAML parsed), else parsed.
 */
function bundledFile(name: string, text: string): SynonymsFile {
  const source = `schemas/synonyms/${name}`;
  const prebuilt = prebuiltSynonyms(name, text);
  return prebuilt ? { ...prebuilt, source } : parseSynonyms(text, source, { bundled: true });
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
    const file = bundledFile(f, readFileSync(path.join(dir, f), 'utf8'));
    if (file.schema) map.set(file.schema.toLowerCase(), file.fields);
  }
  bundled = map;
  return map;
}

const byName = new Map<string, SynonymTable>();

/**
 * The bundled aliases of a schema (`scdl/budget` or `scdl/budget@0.8.3`), if odf ships any. The file
 * named after the schema (`scdl-budget.yaml`, as every bundled file is: see test/schema/check-schema.test.ts)
 * is read alone when it declares that schema; otherwise every file is.
 */
export function bundledSynonyms(schemaName: string): SynonymTable | undefined {
  const name = schemaName.replace(/@.*$/, '').toLowerCase();
  if (bundled) return bundled.get(name);
  const cached = byName.get(name);
  if (cached) return cached;
  const file = `${name.replace(/\//g, '-')}.yaml`;
  let text: string | undefined;
  try {
    text = readFileSync(path.join(schemasDir(), 'synonyms', file), 'utf8');
  } catch {
    text = undefined;
  }
  const own = text === undefined ? undefined : bundledFile(file, text);
  if (own?.schema?.toLowerCase() !== name) return bundledSynonymTables().get(name);
  byName.set(name, own.fields);
  return own.fields;
}

/** Merge tables: aliases of the same field are concatenated (duplicates removed), in argument order. */
export function mergeSynonyms(...tables: (SynonymTable | undefined)[]): SynonymTable {
  const out: Record<string, string[]> = {};
  // A Set per field: a user's file may list 100,000 aliases (a list's includes() made it quadratic).
  const seen = new Map<string, Set<string>>();
  for (const t of tables) {
    if (!t) continue;
    for (const [field, aliases] of Object.entries(t)) {
      const list = (out[field] ??= []);
      let known = seen.get(field);
      if (!known) seen.set(field, (known = new Set(list)));
      for (const a of aliases) {
        if (known.has(a)) continue;
        known.add(a);
        list.push(a);
      }
    }
  }
  return out;
}
