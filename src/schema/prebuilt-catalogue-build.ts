// Builds the prebuilt catalogue (src/schema/prebuilt-catalogue.ts) from schemas/, for `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  bundledCatalogueFingerprint,
  bundledCatalogueIndex,
  schemasDir,
  type CatalogueEntry,
} from './catalogue.js';
import {
  PREBUILT_FORMAT,
  type PrebuiltCatalogue,
  type PrebuiltFamily,
  type PrebuiltFieldFacts,
  type PrebuiltSchema,
} from './prebuilt-catalogue.js';
import { parseSynonyms } from './synonyms.js';
import type { Field, TableSchema } from './types.js';
import { fingerprint } from '../text/fingerprint.js';

/**
 * The keys of a schema that recognition, content matching and version comparison read (besides
 * `fields`); the others document the schema (title, description, authors, sources, licences…).
 */
const SCHEMA_KEYS = ['missingValues', 'custom_checks', 'primaryKey', 'foreignKeys'] as const;

/** A field without its description: the longest text of a schema, which no matching reads. */
function slimField(field: Field): Field {
  const { description: _description, ...rest } = field;
  return rest;
}

/** The prebuilt catalogue: its index and its family files (the Nth holding the Nth schema's versions). */
export interface BuiltCatalogue {
  index: PrebuiltCatalogue;
  families: PrebuiltFamily[];
}

/** What src/match/ computes for the prebuilt catalogue, which schema/ does not import. */
export interface MatchFacts {
  /** The name table of the bundled versions (src/match/recognize-schema.ts, bundledNameTable). */
  nameTable(): [key: string, pairs: number[]][][];
  /** The facts of a version's fields that may be specific (src/match/content.ts, specificFieldFacts). */
  fieldFacts(schema: TableSchema): Record<number, PrebuiltFieldFacts>;
}

/** One schema's versions, slimmed, each distinct field definition once; their custom checks to `declarations`. */
function buildFamily(
  entry: CatalogueEntry,
  catalogue: string,
  declarations: unknown[],
  match: MatchFacts,
): PrebuiltFamily {
  const family: PrebuiltFamily = { catalogue, fields: [], schemas: {} };
  const fieldIds = new Map<string, number>();
  for (const version of entry.versions) {
    const schema = JSON.parse(readFileSync(path.resolve(schemasDir(), version.path), 'utf8')) as TableSchema;
    const slim: PrebuiltSchema = { fields: [] };
    if (Array.isArray(schema.custom_checks)) declarations.push(...schema.custom_checks);
    for (const key of SCHEMA_KEYS) if (schema[key] !== undefined) slim[key] = schema[key] as never;
    for (const field of schema.fields) {
      const f = slimField(field);
      const key = JSON.stringify(f);
      let id = fieldIds.get(key);
      if (id === undefined) {
        id = family.fields.push(f) - 1;
        fieldIds.set(key, id);
      }
      slim.fields.push(id);
    }
    const facts = match.fieldFacts({ ...slim, fields: slim.fields.map((i) => family.fields[i]!) });
    if (Object.keys(facts).length > 0) slim.facts = facts;
    family.schemas[version.path] = slim;
  }
  return family;
}

/** Every synonyms file of schemas/synonyms/, as parseSynonyms reads it, with the fingerprint of its text. */
function buildSynonyms(): PrebuiltCatalogue['synonyms'] {
  const synonyms: PrebuiltCatalogue['synonyms'] = {};
  const dir = path.join(schemasDir(), 'synonyms');
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const parsed = parseSynonyms(text, `schemas/synonyms/${name}`, { bundled: true });
    synonyms[name] = {
      text: fingerprint(text),
      ...(parsed.schema !== undefined ? { schema: parsed.schema } : {}),
      fields: parsed.fields,
    };
  }
  return synonyms;
}

/**
 * The prebuilt catalogue: every version of every schema of schemas/index.json, every synonyms file of
 * schemas/synonyms/ as parseSynonyms reads it (a bad bundled file throws: the build fails rather than
 * ship it), the keys of the custom check declarations whose params pass (`validCheckParams`, given
 * by src/checks/, which schema/ does not import: every declaration of the catalogue, it returns those
 * that pass), the name table of the versions and the facts of their fields that may be specific
 * (`match`, from src/match/, on the catalogue read without any prebuilt file).
 */
export function buildPrebuiltCatalogue(
  validCheckParams: (declarations: readonly unknown[]) => string[],
  match: MatchFacts,
): BuiltCatalogue {
  const catalogue = bundledCatalogueFingerprint();
  const declarations: unknown[] = [];
  const versions: Record<string, number> = {};
  const families = bundledCatalogueIndex().map((entry, n) => {
    for (const v of entry.versions) versions[v.path] = n;
    return buildFamily(entry, catalogue, declarations, match);
  });
  const index: PrebuiltCatalogue = {
    format: PREBUILT_FORMAT,
    catalogue,
    versions,
    synonyms: buildSynonyms(),
    validCheckParams: [...new Set(validCheckParams(declarations))].sort(),
    names: match.nameTable().map((level) => level.map(([key, pairs]) => [key, pairs.join(',')])),
  };
  return { index, families };
}
