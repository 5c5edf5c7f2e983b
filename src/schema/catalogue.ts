// The bundled schema catalogue (schemas/index.json): listing, searching and resolving `org/name@version`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OdfError } from '../errors.js';
import { editDistance, foldAccents } from '../text/fold.js';
import { fingerprint } from '../text/fingerprint.js';

/** One version of a catalogue schema, as written by scripts/vendor-schemas.js. */
export interface CatalogueVersion {
  version: string;
  latest: boolean;
  /** Path of the schema file, relative to the schemas/ folder. */
  path: string;
  /** Where the portal publishes it (schema.data.gouv.fr), or the upstream file it was copied from. */
  url: string;
  origin: string;
  title: string | null;
  /** Licence names from the schema's own `licenses` key. */
  licence: string | null;
  licenceNote: string | null;
  /** Number of fields. */
  fields: number;
  /** Names of the custom checks the schema declares (`french-siret-value` …), sorted. */
  customChecks: string[];
}

/** One schema of the catalogue with all its versions (sorted, oldest first). */
export interface CatalogueEntry {
  /** `org/name`, as on schema.data.gouv.fr. */
  name: string;
  org: string;
  shortName: string;
  title: string;
  description: string | null;
  homepage: string | null;
  labels: string[];
  latest: string;
  versions: CatalogueVersion[];
}

/** A catalogue reference resolved to one file. */
export interface ResolvedSchema {
  name: string;
  version: string;
  /** Absolute path of the schema file. */
  path: string;
  /** schema.data.gouv.fr URL (or upstream URL) of that version. */
  url: string;
  entry: CatalogueEntry;
}

let root: string | undefined;

/**
 * The package root (the folder holding package.json and schemas/), found from this module's location,
 * so it works from dist/schema/ once built and from src/schema/ under vitest.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schemas', 'index.json'))) {
      root = dir;
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error('odf: cannot find the package root (schemas/index.json) above this module');
    dir = up;
  }
}

/** Absolute path of the bundled schemas/ folder. */
export function schemasDir(): string {
  return path.join(packageRoot(), 'schemas');
}

let index: readonly CatalogueEntry[] | undefined;
let bundledSnapshot: BundledSnapshot | undefined;
let bundledFingerprint: string | undefined;

/** The portal snapshot the bundled catalogue was built from (schemas/index.json `snapshot`). */
export interface BundledSnapshot {
  source: string;
  commit: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** The bundled catalogue index, read once on first use. */
export function bundledCatalogueIndex(): readonly CatalogueEntry[] {
  if (index === undefined) {
    const text = readFileSync(path.join(schemasDir(), 'index.json'), 'utf8');
    const doc = JSON.parse(text) as { snapshot: BundledSnapshot; schemas: CatalogueEntry[] };
    index = doc.schemas;
    bundledSnapshot = doc.snapshot;
    bundledFingerprint = fingerprint(text);
  }
  return index;
}

/**
 * The fingerprint of schemas/index.json (src/text/fingerprint.ts): what the prebuilt catalogue built
 * from the bundled catalogue records, to be ignored once the catalogue changed.
 */
export function bundledCatalogueFingerprint(): string {
  bundledCatalogueIndex();
  return bundledFingerprint!;
}

/** The date and source of the bundled catalogue. */
export function bundledCatalogueSnapshot(): BundledSnapshot {
  bundledCatalogueIndex();
  return bundledSnapshot!;
}

/**
 * The catalogue in use: the bundled one, or the bundled one merged with another catalogue folder
 * (`odf schemas update`'s cache or `--catalogue DIR`) once `useCatalogue` has been called.
 */
export function catalogueIndex(): readonly CatalogueEntry[] {
  return other?.entries ?? bundledCatalogueIndex();
}

/**
 * The catalogue's schemas, sorted by name. With `search`, only those whose name, title, description or
 * labels contain every word of it (case and accents ignored).
 */
export function listSchemas(
  search?: string,
  entries: readonly CatalogueEntry[] = catalogueIndex(),
): CatalogueEntry[] {
  const words = foldAccents(search ?? '')
    .split(/\s+/)
    .filter((w) => w !== '');
  return entries.filter((e) => {
    const text = foldAccents([e.name, e.title, e.description ?? '', ...e.labels].join(' '));
    return words.every((w) => text.includes(w));
  });
}

let latestMemo: { of: readonly CatalogueEntry[]; latest: ResolvedSchema[] } | undefined;

/**
 * The latest version of every catalogue schema, for schema auto-detection. For the catalogue in use,
 * the same array is returned until the catalogue changes, so callers may key their own caches on it.
 */
export function latestSchemas(entries: readonly CatalogueEntry[] = catalogueIndex()): ResolvedSchema[] {
  if (latestMemo?.of === entries) return latestMemo.latest;
  const latest = entries.map((e) =>
    resolved(e, e.versions.find((v) => v.latest) ?? e.versions[e.versions.length - 1]!),
  );
  if (entries === catalogueIndex()) latestMemo = { of: entries, latest };
  return latest;
}

function resolved(entry: CatalogueEntry, v: CatalogueVersion): ResolvedSchema {
  // A version of another catalogue folder has an absolute path; a bundled one is relative to schemas/.
  return {
    name: entry.name,
    version: v.version,
    path: path.resolve(schemasDir(), v.path),
    url: v.url,
    entry,
  };
}

/** The names a user may type for an entry: `org/name`, `name`, and both without a `schema-` prefix. */
function aliases(e: CatalogueEntry): { full: string[]; short: string[] } {
  const stripped = e.shortName.replace(/^schema-/, '');
  return {
    full: [...new Set([e.name, `${e.org}/${stripped}`])].map((s) => s.toLowerCase()),
    short: [...new Set([e.shortName, stripped])].map((s) => s.toLowerCase()),
  };
}

/** Catalogue names close to `query` (edit distance on full and short names, then substrings), best first. */
export function suggestSchemaNames(
  query: string,
  entries: readonly CatalogueEntry[] = catalogueIndex(),
): string[] {
  const q = query.toLowerCase();
  const scored: { name: string; d: number }[] = [];
  for (const e of entries) {
    const { full, short } = aliases(e);
    const names = q.includes('/') ? full : short;
    let best = Math.min(...names.map((n) => editDistance(q, n)));
    const limit = Math.max(2, Math.floor(q.length / 3));
    if (best > limit && q.length >= 3 && [...full, ...short].some((n) => n.includes(q))) best = limit;
    if (best <= limit) scored.push({ name: e.name, d: best });
  }
  scored.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  return scored.slice(0, 5).map((s) => s.name);
}

/** True when `ref` has the shape of a catalogue reference (`budget`, `scdl/budget`, `scdl/budget@0.8.1`). */
export function looksLikeCatalogueName(ref: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?(@[\w.-]+)?$/.test(ref) && !/\.(json|ya?ml)(@|$)/i.test(ref);
}

function notFound(query: string, entries: readonly CatalogueEntry[]): OdfError {
  const suggestions = suggestSchemaNames(query, entries);
  const list = suggestions.join(', ');
  return new OdfError(
    'schema-not-found',
    suggestions.length > 0
      ? `Schéma inconnu : « ${query} ». Vouliez-vous dire : ${list} ?`
      : `Schéma inconnu : « ${query} ». La liste des schémas connus : odf schemas list.`,
    { name: query, suggestions },
    suggestions.length > 0
      ? `Unknown schema: "${query}". Did you mean: ${list}?`
      : `Unknown schema: "${query}". See the known schemas with: odf schemas list.`,
  );
}

/**
 * Resolve a catalogue reference: `org/name`, or `name` alone when only one organisation has it (a
 * `schema-` prefix may be left out: `bal`, `etalab/bal`), optionally followed by `@version` (default:
 * the latest; a leading `v` is ignored; `@latest` is accepted).
 *
 * @throws OdfError('schema-not-found') for an unknown or ambiguous name (with suggestions) or an unknown
 * version (with the available ones).
 */
export function resolveCatalogueName(
  ref: string,
  entries: readonly CatalogueEntry[] = catalogueIndex(),
): ResolvedSchema {
  const at = ref.lastIndexOf('@');
  const query = (at >= 0 ? ref.slice(0, at) : ref).trim();
  const wanted = at >= 0 ? ref.slice(at + 1).trim() : undefined;
  const q = query.toLowerCase();
  const matches = entries.filter((e) => {
    const { full, short } = aliases(e);
    return q.includes('/') ? full.includes(q) : short.includes(q);
  });
  if (matches.length === 0) throw notFound(query, entries);
  if (matches.length > 1) {
    const names = matches.map((e) => e.name).join(', ');
    throw new OdfError(
      'schema-not-found',
      `Nom de schéma ambigu : « ${query} » désigne plusieurs schémas (${names}). Précisez l'organisation.`,
      { name: query, candidates: matches.map((e) => e.name) },
      `Ambiguous schema name: "${query}" matches several schemas (${names}). Give the organisation.`,
    );
  }
  const entry = matches[0]!;
  if (wanted === undefined || wanted === '' || wanted.toLowerCase() === 'latest') {
    return resolved(
      entry,
      entry.versions.find((v) => v.latest) ?? entry.versions[entry.versions.length - 1]!,
    );
  }
  const version = wanted.replace(/^v/i, '');
  const found = entry.versions.find((v) => v.version === version);
  if (!found) {
    const available = entry.versions.map((v) => v.version);
    throw new OdfError(
      'schema-not-found',
      `Version inconnue pour ${entry.name} : « ${wanted} ». Versions disponibles : ${available.join(', ')}.`,
      { name: entry.name, version: wanted, available },
      `Unknown version of ${entry.name}: "${wanted}". Available versions: ${available.join(', ')}.`,
    );
  }
  return resolved(entry, found);
}

// --- Another catalogue folder (odf schemas update's cache, --catalogue DIR): src/schema/catalogue-cache.ts
// reads and merges it; these two hooks make it the catalogue every lookup above uses.

/** Where the catalogue in use comes from, for `odf schemas list` and the worker threads of a batch. */
export interface CatalogueSource {
  /** `bundled`: the copy shipped with odf alone; `cache`: plus the user cache; `dir`: plus `--catalogue DIR`. */
  kind: 'bundled' | 'cache' | 'dir';
  /** The catalogue folder (cache or DIR), absolute; absent for `bundled`. */
  dir?: string;
  /** The snapshot folder read in it, absolute (what a worker thread reads again). */
  snapshot?: string;
  /** When that folder was last updated (ISO 8601), and from where. */
  updatedAt?: string;
  from?: string;
}

let other: { entries: readonly CatalogueEntry[]; source: CatalogueSource } | undefined;

/**
 * Use these entries (the bundled ones merged with another catalogue folder's) for every lookup, or go
 * back to the bundled catalogue alone with no argument. Process-wide: the CLI calls it once per run.
 */
export function useCatalogue(catalogue?: {
  entries: readonly CatalogueEntry[];
  source: CatalogueSource;
}): void {
  other = catalogue;
}

/** Where the catalogue in use comes from. */
export function catalogueSource(): CatalogueSource {
  return other?.source ?? { kind: 'bundled' };
}

// --- Every version, for choosing a version by fit (issue 11) ---

/** Every version of every catalogue schema (oldest first within a schema), for recognition by fit. */
export function allSchemaVersions(entries: readonly CatalogueEntry[] = catalogueIndex()): ResolvedSchema[] {
  return entries.flatMap((e) => e.versions.map((v) => resolved(e, v)));
}

/** Compare two version strings the semver way (numeric parts; a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): { nums: number[]; pre: string | undefined } => {
    const [core = '', pre] = v.replace(/^v/, '').split('-', 2);
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
