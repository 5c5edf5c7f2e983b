// The bundled catalogue as a run reads it, prebuilt with odf: no schema file or YAML read at start.
//
// Recognising a file's schema scores every version of every catalogue schema (issue 11): reading the 160
// schema files (4 MB of JSON), the synonyms YAML (the YAML library and ajv) and checking the custom
// checks' params (ajv again) cost more than the rest of a small validation. `npm run build` writes
// dist/prebuilt-catalogue/ (scripts/build-prebuilt-catalogue.js): every bundled version without its
// documentation (descriptions, authors, sources), one file per schema, each field definition of its
// versions once, read when recognition first looks at the schema; in index.json, the bundled synonym
// tables as parsed; the custom check declarations of the bundled schemas whose params passed their
// check; the table of every version's names, titles and aliases (recognition then indexes only the
// versions a header names). It is used only while it matches what it was built from: the fingerprint
// of schemas/index.json for the schemas, each synonyms file's own text for its table (all of them for
// the name table). Versions of another catalogue folder (odf schemas update's cache, --catalogue DIR)
// are read from their files, and so is everything when the file is missing (under vitest, which runs
// src/) or stale.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledCatalogueFingerprint, schemasDir } from './catalogue.js';
import type { SynonymTable } from './synonyms.js';
import type { Field, TableSchema } from './types.js';
import { fingerprint } from '../text/fingerprint.js';

/** The format of the files; files of another format are ignored. */
export const PREBUILT_FORMAT = 3;

/**
 * What recognition's content matching answers about a field from fixed probes alone (src/match/
 * content.ts, fieldFacts): the kinds of values it accepts (bits in the order of its KINDS), its
 * specificity, and its type as odf reads it.
 */
export type PrebuiltFieldFacts = readonly [kinds: number, specificity: number, type: string];

/** A schema version in the file: its keys that a run reads, its fields as indexes into `fields`. */
export type PrebuiltSchema = Omit<TableSchema, 'fields'> & {
  fields: number[];
  /** The facts of its fields that may be specific, by field index. */
  facts?: Record<string, PrebuiltFieldFacts>;
};

/** The index of the prebuilt catalogue (dist/prebuilt-catalogue/index.json). */
export interface PrebuiltCatalogue {
  format: number;
  /** The fingerprint of the schemas/index.json it was built from (src/text/fingerprint.ts). */
  catalogue: string;
  /** Per schema file (its path in schemas/index.json, relative to schemas/): the family file holding it. */
  versions: Record<string, number>;
  /** Per bundled synonyms file (its name in schemas/synonyms/): the fingerprint of its text, and its table. */
  synonyms: Record<string, { text: string; schema?: string; fields: SynonymTable }>;
  /** The custom check declarations of the bundled schemas whose params pass their check (checkParamsKey). */
  validCheckParams: string[];
  /**
   * The name table of the bundled versions, in catalogue order, with the bundled synonyms (NameTable of
   * src/match/recognize.ts): per level, each name, folded name, title or alias with its `version,field…`
   * pairs as one comma-separated text, decoded only for the names a header looks up (a run parses a
   * few thousand short texts instead of as many arrays: issue 13).
   */
  names: [string, string][][];
}

/**
 * The versions of one catalogue schema (dist/prebuilt-catalogue/N.json, N its place in the catalogue),
 * read when recognition first looks at one: a header names few schemas.
 */
export interface PrebuiltFamily {
  /** The fingerprint of the schemas/index.json it was built from, as the index records it. */
  catalogue: string;
  /** Every distinct field definition of the schema's versions, without its description. */
  fields: Field[];
  /** Per schema file: the version, slimmed. */
  schemas: Record<string, PrebuiltSchema>;
}

/** Where odf looks for the files: beside the compiled modules (dist/prebuilt-catalogue/). */
export function prebuiltCatalogueDir(): string {
  return fileURLToPath(new URL('../prebuilt-catalogue/', import.meta.url));
}

interface Loaded {
  dir: string;
  file: PrebuiltCatalogue;
  /** The family files read so far (null: unreadable or stale). */
  families: Map<number, PrebuiltFamily | null>;
  /** Slim schemas built so far, by relative path. */
  schemas: Map<string, TableSchema>;
  validCheckParams: ReadonlySet<string>;
  /** True when schemas/synonyms/ holds the files the name table was built with; undefined: not looked. */
  synonymsCurrent?: boolean;
}

/** The folder to read (undefined: prebuiltCatalogueDir()); null: none. */
let wanted: string | null | undefined;
/** The index read (null: absent, unreadable or stale); undefined: not read yet. */
let loaded: Loaded | null | undefined;

/**
 * Read the prebuilt catalogue from folder `dir` from now on (null: use none; no argument: the default
 * place). For tests and tools; odf itself never calls it.
 */
export function usePrebuiltCatalogue(dir?: string | null): void {
  wanted = dir;
  loaded = undefined;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function prebuilt(): Loaded | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (wanted === null) return loaded;
  const dir = wanted ?? prebuiltCatalogueDir();
  // No file (a run from src/, a package built without it): the catalogue's own files are read instead.
  const file = readJson<PrebuiltCatalogue>(path.join(dir, 'index.json'));
  if (file?.format === PREBUILT_FORMAT && file.catalogue === bundledCatalogueFingerprint()) {
    const validCheckParams = new Set(file.validCheckParams);
    loaded = { dir, file, families: new Map(), schemas: new Map(), validCheckParams };
  }
  return loaded;
}

/** True when a prebuilt catalogue is in use (found, and built from the bundled catalogue as it is). */
export function prebuiltCatalogueInUse(): boolean {
  return prebuilt() !== null;
}

/** The path of a bundled schema file relative to schemas/, with `/` (as schemas/index.json writes it). */
function bundledPath(file: string): string | undefined {
  const rel = path.relative(schemasDir(), file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The family file `n`, read once; null when it is missing or from another build. */
function family(p: Loaded, n: number): PrebuiltFamily | null {
  let f = p.families.get(n);
  if (f === undefined) {
    f = readJson<PrebuiltFamily>(path.join(p.dir, `${n}.json`)) ?? null;
    if (f?.catalogue !== p.file.catalogue) f = null;
    p.families.set(n, f);
  }
  return f;
}

/**
 * A catalogue schema file as recognition reads it: prebuilt when the file is a bundled one (without its
 * documentation: descriptions, authors, sources…), else parsed from the file. Recognition and version
 * comparison read the same keys either way (test/schema/prebuilt-catalogue.test.ts).
 */
export function recognitionSchema(file: string): TableSchema {
  const p = prebuilt();
  const rel = p ? bundledPath(file) : undefined;
  const n = rel !== undefined ? p!.file.versions[rel] : undefined;
  const f = n !== undefined ? family(p!, n) : null;
  const entry = f?.schemas[rel!];
  if (!p || !f || !entry) return JSON.parse(readFileSync(file, 'utf8')) as TableSchema;
  let schema = p.schemas.get(rel!);
  if (!schema) {
    const { facts, ...rest } = entry;
    schema = { ...rest, fields: entry.fields.map((i) => f.fields[i]!) };
    if (facts) factsOf.set(schema, facts);
    p.schemas.set(rel!, schema);
  }
  return schema;
}

/** The field facts of the schemas recognitionSchema built from the prebuilt catalogue. */
const factsOf = new WeakMap<TableSchema, Record<string, PrebuiltFieldFacts>>();

/** The facts of field `fieldIndex` of a schema served by the prebuilt catalogue; undefined otherwise. */
export function prebuiltFieldFacts(schema: TableSchema, fieldIndex: number): PrebuiltFieldFacts | undefined {
  return factsOf.get(schema)?.[fieldIndex];
}

/**
 * A bundled synonyms file (`scdl-budget.yaml`) as parsed when the catalogue was prebuilt, if its text is
 * still the same; undefined otherwise (the caller parses it).
 */
export function prebuiltSynonyms(
  name: string,
  text: string,
): { schema?: string; fields: SynonymTable } | undefined {
  const entry = prebuilt()?.file.synonyms[name];
  if (!entry || entry.text !== fingerprint(text)) return undefined;
  return entry.schema === undefined
    ? { fields: entry.fields }
    : { schema: entry.schema, fields: entry.fields };
}

/** How a custom check declaration (its name as written, its params) is keyed in `validCheckParams`. */
export function checkParamsKey(name: string, params: unknown): string {
  return `${name} ${JSON.stringify(params)}`;
}

/**
 * True when a custom check declaration is one of the bundled schemas' whose params passed their check
 * when odf was built (so checking them again would find nothing); false when unknown.
 */
export function knownValidCheckParams(name: string, params: unknown): boolean {
  const p = prebuilt();
  return p !== null && p.validCheckParams.has(checkParamsKey(name, params));
}

/** True when schemas/synonyms/ holds exactly the files recorded, each with the same text. */
function synonymsUnchanged(recorded: PrebuiltCatalogue['synonyms']): boolean {
  const dir = path.join(schemasDir(), 'synonyms');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  } catch {
    files = [];
  }
  if (files.length !== Object.keys(recorded).length) return false;
  return files.every(
    (f) =>
      recorded[f] !== undefined && recorded[f].text === fingerprint(readFileSync(path.join(dir, f), 'utf8')),
  );
}

/**
 * The name table of the bundled versions (src/match/recognize.ts), when the bundled synonyms are the
 * ones it was built with; undefined otherwise (recognition then indexes every version itself).
 */
export function prebuiltNameTable(): PrebuiltCatalogue['names'] | undefined {
  const p = prebuilt();
  if (!p || !Array.isArray(p.file.names)) return undefined;
  p.synonymsCurrent ??= synonymsUnchanged(p.file.synonyms);
  return p.synonymsCurrent ? p.file.names : undefined;
}
