// The downloaded schema catalogue: `odf schemas update` into a user cache (atomic swap), read beside the bundled one.
//
// A catalogue folder (the user cache, or any folder given with --catalogue) holds:
//   current.json                     {"snapshot": "snapshot-…"}: the complete snapshot in use
//   snapshot-YYYYMMDDTHHMMSSmmmZ-xxxx/ index.json (odf's index, same entries as schemas/index.json, plus
//                                    where and when it came from, each file's sha256 and HTTP validators),
//                                    schemas.json (the portal's catalogue, bytes unchanged),
//                                    <org>/<name>/<version>/schema.json (each Table Schema, bytes unchanged)
//   .partial-xxxx/                   an update in progress (or interrupted: removed by the next one)
// An update writes a new snapshot, checks it, then renames a new current.json over the old one: a reader
// sees the old snapshot or the new one, never half of one. The previous snapshot is kept for readers
// that opened it just before the swap; older ones are removed.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { download, type DownloadResult, type Validators } from '../net/download.js';
import {
  bundledCatalogueIndex,
  catalogueSource,
  compareVersions,
  schemasDir,
  useCatalogue,
  type CatalogueEntry,
  type CatalogueSource,
  type CatalogueVersion,
} from './catalogue.js';
import { checkSchema } from './check-schema.js';
import { parseSchemaText } from './load.js';
import type { TableSchema } from './types.js';

/** The national portal: its catalogue is `${PORTAL}/schemas.json`, its schemas under `${PORTAL}/schemas/`. */
export const PORTAL = 'https://schema.data.gouv.fr';

/** Limits of one update. */
export interface UpdateLimits {
  /** Bytes of schemas.json (today about 180 KB). */
  catalogueBytes: number;
  /** Bytes of one schema file (today 450 KB at most). */
  schemaBytes: number;
  /** Bytes downloaded in all (today about 6 MB). */
  totalBytes: number;
  /** Time allowed for one request, in milliseconds. */
  requestTimeoutMs: number;
  /** Time allowed for the whole update, in milliseconds. */
  totalTimeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  catalogueBytes: 10 * 1024 * 1024,
  schemaBytes: 5 * 1024 * 1024,
  totalBytes: 200 * 1024 * 1024,
  requestTimeoutMs: 60_000,
  totalTimeoutMs: 10 * 60_000,
  concurrency: 6,
};

const INDEX_FORMAT = 1;
const CURRENT = 'current.json';
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** The folder of odf's user cache: XDG on Linux and macOS, %LOCALAPPDATA% on Windows; undefined without a home. */
export function userCacheDir(env: Record<string, string | undefined>, platform: string): string | undefined {
  if (platform === 'win32') {
    const base =
      env.LOCALAPPDATA || (env.USERPROFILE ? path.win32.join(env.USERPROFILE, 'AppData', 'Local') : '');
    return base ? path.win32.join(base, 'odf', 'cache') : undefined;
  }
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'odf');
  return env.HOME ? path.join(env.HOME, '.cache', 'odf') : undefined;
}

/** The catalogue folder inside the user cache. */
export function userCatalogueDir(
  env: Record<string, string | undefined>,
  platform: string,
): string | undefined {
  const cache = userCacheDir(env, platform);
  return cache === undefined ? undefined : path.join(cache, 'catalogue');
}

/** Compare two version strings the semver way (defined beside the catalogue, which orders versions too). */
export { compareVersions };

// ---------------------------------------------------------------------------------------------------
// Reading a catalogue folder

/** What index.json of a snapshot records besides the entries. */
interface SnapshotIndex {
  description: string;
  format: number;
  /** Where it was downloaded from (the portal, a mirror URL or a mirror folder). */
  from: string;
  /** When the update ended (ISO 8601). */
  updatedAt: string;
  /** The Last-Modified date the server gave schemas.json, when it gave one. */
  catalogueLastModified?: string;
  counts: { schemas: number; versions: number; listed: number; skipped: number };
  /** Per file (relative path): the URL it stands for, its sha256 and the validators of its answer. */
  files: Record<string, { url: string; sha256: string } & Validators>;
  skipped: SkippedVersion[];
  /** Entries with paths relative to the snapshot folder. */
  schemas: CatalogueEntry[];
}

/** A catalogue version an update left out, and why (one sentence per language). */
export interface SkippedVersion {
  name: string;
  version: string;
  url: string;
  reason: { fr: string; en: string };
}

/** A catalogue folder as read: its snapshot's entries (absolute paths) and what its index says. */
export interface CatalogueFolder {
  /** The folder given (cache or --catalogue DIR). */
  dir: string;
  /** The snapshot folder in use. */
  snapshot: string;
  from: string;
  updatedAt: string;
  catalogueLastModified?: string;
  entries: CatalogueEntry[];
  files: SnapshotIndex['files'];
  skipped: SkippedVersion[];
}

function invalid(dir: string, fr: string, en: string): OdfError {
  return new OdfError(
    'catalogue-invalid',
    `Le dossier ${dir} n’est pas un catalogue de schémas utilisable : ${fr}.`,
    { dir },
    `The folder ${dir} is not a usable schema catalogue: ${en}.`,
  );
}

/** True when `rel` is a relative path made of safe segments (nothing above its folder). */
function safeRelative(rel: unknown): rel is string {
  return typeof rel === 'string' && rel.split('/').every((s) => SAFE_SEGMENT.test(s));
}

/** Read and check one snapshot folder's index.json; the entries get absolute paths. */
function readSnapshot(dir: string, snapshot: string): CatalogueFolder {
  let doc: SnapshotIndex;
  try {
    doc = JSON.parse(readFileSync(path.join(snapshot, 'index.json'), 'utf8')) as SnapshotIndex;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'index.json manque' : 'index.json illisible';
    const whyEn =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'index.json is missing' : 'index.json is unreadable';
    throw invalid(dir, why, whyEn);
  }
  if (
    typeof doc !== 'object' ||
    doc === null ||
    doc.format !== INDEX_FORMAT ||
    !Array.isArray(doc.schemas) ||
    typeof doc.files !== 'object' ||
    doc.files === null
  ) {
    throw invalid(
      dir,
      `index.json n’est pas au format ${INDEX_FORMAT} d’odf`,
      `index.json is not in odf's format ${INDEX_FORMAT}`,
    );
  }
  const entries: CatalogueEntry[] = [];
  for (const e of doc.schemas) {
    if (typeof e?.name !== 'string' || !Array.isArray(e.versions) || e.versions.length === 0) {
      throw invalid(dir, 'une entrée de index.json est incomplète', 'an entry of index.json is incomplete');
    }
    const versions: CatalogueVersion[] = [];
    for (const v of e.versions) {
      if (typeof v?.version !== 'string' || !safeRelative(v.path)) {
        throw invalid(
          dir,
          `une version de ${e.name} est mal décrite`,
          `a version of ${e.name} is badly described`,
        );
      }
      versions.push({ ...v, path: path.join(snapshot, ...v.path.split('/')) });
    }
    entries.push({ ...e, versions });
  }
  return {
    dir,
    snapshot,
    from: String(doc.from),
    updatedAt: String(doc.updatedAt),
    ...(doc.catalogueLastModified ? { catalogueLastModified: doc.catalogueLastModified } : {}),
    entries,
    files: doc.files,
    skipped: Array.isArray(doc.skipped) ? doc.skipped : [],
  };
}

/** True when `dir` holds a catalogue (a current.json, or a snapshot's index.json copied on its own). */
export function isCatalogueFolder(dir: string): boolean {
  return existsSync(path.join(dir, CURRENT)) || existsSync(path.join(dir, 'index.json'));
}

/**
 * Read a catalogue folder: the snapshot its current.json names, or the folder itself when it is a
 * snapshot copied on its own (it holds index.json).
 * @throws OdfError `catalogue-invalid` with the reason.
 */
export function readCatalogueFolder(dir: string): CatalogueFolder {
  const pointer = path.join(dir, CURRENT);
  if (existsSync(pointer)) {
    let name: unknown;
    try {
      name = (JSON.parse(readFileSync(pointer, 'utf8')) as { snapshot?: unknown }).snapshot;
    } catch {
      throw invalid(dir, `${CURRENT} illisible`, `${CURRENT} is unreadable`);
    }
    if (typeof name !== 'string' || !SAFE_SEGMENT.test(name)) {
      throw invalid(dir, `${CURRENT} ne nomme pas un dossier`, `${CURRENT} does not name a folder`);
    }
    return readSnapshot(dir, path.join(dir, name));
  }
  if (existsSync(path.join(dir, 'index.json'))) return readSnapshot(dir, dir);
  if (!existsSync(dir)) throw invalid(dir, 'il n’existe pas', 'it does not exist');
  throw invalid(
    dir,
    `il ne contient ni ${CURRENT} ni index.json (créez-le avec odf schemas update --catalogue ${dir})`,
    `it holds neither ${CURRENT} nor index.json (create it with odf schemas update --catalogue ${dir})`,
  );
}

/**
 * The bundled catalogue with another one's additions. A version odf ships keeps its bundled copy, so a
 * pinned reference (`scdl/budget@0.8.1`) gives the same result on every machine running the same odf,
 * whatever its cache holds; the other catalogue adds the versions and schemas the bundled one lacks and
 * brings the newer titles and descriptions. `latest` is the highest version of the union.
 */
export function mergeCatalogues(
  bundled: readonly CatalogueEntry[],
  other: readonly CatalogueEntry[],
): CatalogueEntry[] {
  const byName = new Map<string, CatalogueEntry>(bundled.map((e) => [e.name, e]));
  for (const e of other) {
    const base = byName.get(e.name);
    if (!base) {
      byName.set(e.name, e);
      continue;
    }
    const known = new Set(base.versions.map((v) => v.version));
    const versions = [...base.versions, ...e.versions.filter((v) => !known.has(v.version))];
    versions.sort((a, b) => compareVersions(a.version, b.version));
    const latest = versions[versions.length - 1]!.version;
    byName.set(e.name, {
      ...base,
      title: e.title || base.title,
      description: e.description ?? base.description,
      homepage: e.homepage ?? base.homepage,
      labels: e.labels.length > 0 ? e.labels : base.labels,
      latest,
      versions: versions.map((v) =>
        v.latest === (v.version === latest) ? v : { ...v, latest: v.version === latest },
      ),
    });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The catalogue to use for a folder: its entries merged with the bundled ones, and where they come from. */
export function catalogueFrom(
  folder: CatalogueFolder,
  kind: 'cache' | 'dir',
): { entries: CatalogueEntry[]; source: CatalogueSource } {
  return {
    entries: mergeCatalogues(bundledCatalogueIndex(), folder.entries),
    source: {
      kind,
      dir: folder.dir,
      snapshot: folder.snapshot,
      updatedAt: folder.updatedAt,
      from: folder.from,
    },
  };
}

/**
 * Make `source` the catalogue in use in this thread, reading its snapshot again when it is not already
 * the one in use: a batch's worker threads use the catalogue the main thread chose, even if an update
 * swapped the folder's snapshot since.
 * @throws OdfError `catalogue-invalid` when the snapshot cannot be read any more.
 */
export function applyCatalogueSource(source: CatalogueSource): void {
  const current = catalogueSource();
  if (current.kind === source.kind && current.snapshot === source.snapshot) return;
  if (source.kind === 'bundled' || !source.dir || !source.snapshot) {
    useCatalogue();
    return;
  }
  useCatalogue(catalogueFrom(readSnapshot(source.dir, source.snapshot), source.kind));
}

// ---------------------------------------------------------------------------------------------------
// Updating

/** Options of updateCatalogue. */
export interface UpdateOptions {
  /** The catalogue folder to update (created when missing): the user cache or --catalogue DIR. */
  dir: string;
  /** The portal or a mirror of it: an http(s) base URL, or a local folder laid out as the portal's site
   * (schemas.json, schemas/<org>/<name>/<version>/…). Default: https://schema.data.gouv.fr. */
  from?: string;
  limits?: Partial<UpdateLimits>;
  /** fetch implementation (tests); default the global fetch. */
  fetch?: typeof fetch;
  /** The clock (tests). */
  now?: () => Date;
  /** Called as each schema version is done. */
  onProgress?: (done: number, total: number) => void;
}

/** What an update did. */
export interface UpdateResult {
  dir: string;
  snapshot: string;
  from: string;
  updatedAt: string;
  /** Schemas and versions in the new snapshot. */
  schemas: number;
  versions: number;
  /** Versions the catalogue lists (Table Schemas only). */
  listed: number;
  /** Answered with new bytes, answered "not modified", kept from the previous update after a failure. */
  downloaded: number;
  notModified: number;
  kept: string[];
  skipped: SkippedVersion[];
  /** `name@version` in the new snapshot that the catalogue in use before (bundled + previous) lacked. */
  added: string[];
  /** `name@version` odf ships whose published bytes now differ: the bundled copy stays in use. */
  republished: string[];
}

type Fetched = { status: 'ok'; body: Uint8Array; validators: Validators } | { status: 'not-modified' };

/** Where bytes come from: the portal over HTTP, or a mirror folder. */
interface Source {
  label: string;
  get(url: string, maxBytes: number, validators: Validators | undefined, timeoutMs: number): Promise<Fetched>;
}

function httpSource(
  base: string,
  fetchImpl: typeof fetch | undefined,
  what: { fr: string; en: string },
): Source {
  const root = base.replace(/\/+$/, '');
  return {
    label: root,
    async get(url, maxBytes, validators, timeoutMs) {
      // Portal URLs are fetched from the mirror when one is given; others as they are.
      const target = url.startsWith(`${PORTAL}/`) ? root + url.slice(PORTAL.length) : url;
      const r: DownloadResult = await download(target, {
        maxBytes,
        timeoutMs,
        accept: 'application/json, */*;q=0.5',
        what,
        ...(validators ? { validators } : {}),
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      });
      return r.status === 'ok'
        ? { status: 'ok', body: r.body, validators: r.validators }
        : { status: 'not-modified' };
    },
  };
}

function folderSource(dir: string): Source {
  return {
    label: dir,
    async get(url, maxBytes) {
      if (!url.startsWith(`${PORTAL}/`)) {
        throw new OdfError(
          'network-error',
          `${url} n’est pas une adresse de ${PORTAL} : elle n’est pas dans le miroir.`,
          { url, kind: 'not-in-mirror' },
          `${url} is not a ${PORTAL} address: it is not in the mirror.`,
        );
      }
      const rel = decodeURIComponent(new URL(url).pathname)
        .split('/')
        .filter((s) => s !== '');
      if (!rel.every((s) => s !== '..' && s !== '.')) throw new Error(`unsafe mirror path ${url}`);
      const file = path.join(dir, ...rel);
      let body: Buffer;
      try {
        const stat = await fs.stat(file);
        if (stat.size > maxBytes) {
          throw new OdfError(
            'network-error',
            `${file} est trop gros.`,
            { url, kind: 'too-large', maxBytes },
            `${file} is too large.`,
          );
        }
        body = await fs.readFile(file);
      } catch (e) {
        if (e instanceof OdfError) throw e;
        throw new OdfError(
          'network-error',
          `${file} est absent du miroir.`,
          { url, kind: 'http', status: 404 },
          `${file} is missing from the mirror.`,
        );
      }
      return { status: 'ok', body, validators: {} };
    },
  };
}

/** One Table Schema version the portal lists. */
interface Listed {
  name: string;
  version: string;
  url: string;
  /** Path of its copy, relative to the snapshot: `<org>/<name>/<version>/schema.json`. */
  rel: string;
}

/** The portal's catalogue entry (schemas.json), only what odf reads. */
interface PortalEntry {
  name: string;
  title?: string;
  description?: string;
  homepage?: string;
  labels?: string[];
  schema_type?: string;
  versions?: { version_name?: unknown; schema_url?: unknown }[];
}

/** Read schemas.json: the Table Schema versions it lists, and those it lists in a way odf cannot use. */
function readPortalCatalogue(
  body: Uint8Array,
  from: string,
): { entries: Map<string, PortalEntry>; listed: Listed[]; skipped: SkippedVersion[] } {
  const garbage = (fr: string, en: string): OdfError =>
    new OdfError(
      'catalogue-invalid',
      `Le catalogue reçu de ${from} est inutilisable : ${fr}. Le catalogue en place reste utilisé.`,
      { from },
      `The catalogue received from ${from} is unusable: ${en}. The catalogue in place stays in use.`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\uFEFF/, ''));
  } catch {
    throw garbage('ce n’est pas du JSON', 'it is not JSON');
  }
  const list = (doc as { schemas?: unknown } | null)?.schemas;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(list)) {
    throw garbage('il n’a pas de liste « schemas »', 'it has no "schemas" list');
  }
  const entries = new Map<string, PortalEntry>();
  const listed: Listed[] = [];
  const skipped: SkippedVersion[] = [];
  for (const raw of list as PortalEntry[]) {
    if (typeof raw !== 'object' || raw === null || raw.schema_type !== 'tableschema') continue;
    const name = typeof raw.name === 'string' ? raw.name : '';
    const parts = name.split('/');
    const versions = Array.isArray(raw.versions) ? raw.versions : [];
    const nameOk = parts.length === 2 && parts.every((p) => SAFE_SEGMENT.test(p)) && !entries.has(name);
    for (const v of versions) {
      const version = typeof v?.version_name === 'string' ? v.version_name : '';
      const url = typeof v?.schema_url === 'string' ? v.schema_url : '';
      const reason = !nameOk
        ? { fr: 'nom de schéma inutilisable ou en double', en: 'unusable or duplicate schema name' }
        : !SAFE_SEGMENT.test(version)
          ? { fr: 'numéro de version inutilisable', en: 'unusable version number' }
          : !/^https?:\/\//.test(url)
            ? { fr: 'adresse du schéma absente ou invalide', en: 'missing or invalid schema address' }
            : listed.some((l) => l.name === name && l.version === version)
              ? { fr: 'version en double', en: 'duplicate version' }
              : undefined;
      if (reason) {
        skipped.push({ name: name || '?', version: version || '?', url, reason });
        continue;
      }
      listed.push({ name, version, url, rel: `${name}/${version}/schema.json` });
    }
    if (nameOk) entries.set(name, raw);
  }
  if (listed.length === 0) throw garbage('il ne liste aucun schéma Table Schema', 'it lists no Table Schema');
  return { entries, listed, skipped };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The licence names a schema declares in its `licenses` key, or null. */
function declaredLicence(schema: TableSchema): string | null {
  if (!Array.isArray(schema.licenses) || schema.licenses.length === 0) return null;
  return schema.licenses
    .map((l) => {
      const o = (l ?? {}) as Record<string, unknown>;
      return String(o.title ?? o.name ?? o.path ?? '?');
    })
    .join(' / ');
}

/** Parse and check a downloaded schema as odf checks the bundled ones: JSON, no error-level finding. */
function checkedSchema(body: Uint8Array, url: string): TableSchema | { fr: string; en: string } {
  let schema: TableSchema;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    schema = parseSchemaText(text, url, /\.json$/i.test(new URL(url).pathname) ? 'json' : undefined);
  } catch {
    return { fr: 'ce n’est pas un schéma JSON ou YAML lisible', en: 'not a readable JSON or YAML schema' };
  }
  const errors = checkSchema(schema).filter((f) => f.level === 'error');
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((f) => f.code))].join(', ');
    return { fr: `schéma invalide (${codes})`, en: `invalid schema (${codes})` };
  }
  return schema;
}

/** Run `work` over `items`, `lanes` at a time; the first error stops the others from starting new items. */
async function eachLimited<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, lanes) }, lane));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/**
 * A snapshot's name: its creation time to the millisecond, then a random tag. Names sort in creation order,
 * which is what `removeOldSnapshots` relies on: a name is never below a snapshot already in the folder, even
 * when two updates end within the same millisecond or the clock went back.
 */
async function snapshotName(dir: string, now: Date): Promise<string> {
  const stampOf = (d: Date) => d.toISOString().replace(/[-:.]/g, '');
  let stamp = stampOf(now);
  for (const entry of await fs.readdir(dir)) {
    const m = /^snapshot-(\d{8}T\d{6,9}Z)-/.exec(entry);
    if (m && m[1]! >= stamp) stamp = stampOf(new Date(Math.max(now.getTime(), parseStamp(m[1]!) + 1)));
  }
  return `snapshot-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The time of a snapshot stamp (`20261205T161546Z` or with milliseconds `20261205T161546123Z`). */
function parseStamp(stamp: string): number {
  const [, y, mo, d, h, mi, sec, ms] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})?Z$/.exec(stamp) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(ms ?? 0));
}

function writeError(dir: string, e: unknown): OdfError {
  const err = e as NodeJS.ErrnoException;
  const full = err.code === 'ENOSPC';
  return new OdfError(
    'output-error',
    `Impossible d’écrire le catalogue dans ${dir} : ${full ? 'disque plein' : (err.code ?? err.message)}. Le catalogue en place reste utilisé.`,
    { dir, code: err.code },
    `Cannot write the catalogue into ${dir}: ${full ? 'disk full' : (err.code ?? err.message)}. The catalogue in place stays in use.`,
  );
}

/** A downloaded version: what the portal lists, and the schema as parsed and checked. */
interface Got {
  listed: Listed;
  schema: TableSchema;
}

/** The index entries of a snapshot (versions semver-sorted, the highest `latest`), as the bundled index has them. */
function indexEntries(
  portal: Map<string, PortalEntry>,
  got: Map<string, Got>,
  origin: string,
): CatalogueEntry[] {
  const schemas: CatalogueEntry[] = [];
  for (const [name, p] of [...portal].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const mine = [...got.values()]
      .filter((g) => g.listed.name === name)
      .sort((a, b) => compareVersions(a.listed.version, b.listed.version));
    if (mine.length === 0) continue;
    const latest = mine[mine.length - 1]!;
    const [org = '', shortName = ''] = name.split('/');
    schemas.push({
      name,
      org,
      shortName,
      title: (typeof p.title === 'string' && p.title) || latest.schema.title || name,
      description: typeof p.description === 'string' ? p.description : (latest.schema.description ?? null),
      homepage: typeof p.homepage === 'string' ? p.homepage : (latest.schema.homepage ?? null),
      labels: Array.isArray(p.labels) ? p.labels.filter((x): x is string => typeof x === 'string') : [],
      latest: latest.listed.version,
      versions: mine.map(({ listed, schema }) => ({
        version: listed.version,
        latest: listed === latest.listed,
        path: listed.rel,
        url: listed.url,
        origin,
        title: schema.title ?? null,
        licence: declaredLicence(schema),
        licenceNote: null,
        fields: Array.isArray(schema.fields) ? schema.fields.length : 0,
        customChecks: [...new Set((schema.custom_checks ?? []).map((c) => c.name))].sort(),
      })),
    });
  }
  return schemas;
}

/**
 * What an update brings: the versions the catalogue in use before (bundled + previous snapshot) lacked,
 * and the bundled versions whose published bytes now differ (the bundled copy stays in use).
 */
function changes(
  previous: CatalogueFolder | undefined,
  got: Map<string, Got>,
  files: SnapshotIndex['files'],
): { added: string[]; republished: string[] } {
  const before = previous
    ? mergeCatalogues(bundledCatalogueIndex(), previous.entries)
    : bundledCatalogueIndex();
  const had = new Set(before.flatMap((e) => e.versions.map((v) => `${e.name}@${v.version}`)));
  const added = [...got.values()]
    .map((g) => `${g.listed.name}@${g.listed.version}`)
    .filter((k) => !had.has(k));
  const republished: string[] = [];
  for (const e of bundledCatalogueIndex()) {
    for (const v of e.versions) {
      const g = got.get(`${e.name}/${v.version}/schema.json`);
      if (!g) continue;
      const bundledSha = sha256(readFileSync(path.resolve(schemasDir(), v.path)));
      if (bundledSha !== files[g.listed.rel]!.sha256) republished.push(`${e.name}@${v.version}`);
    }
  }
  return { added: added.sort(), republished: republished.sort() };
}

/** The time and bytes an update may spend: each a failure (`network-error`, kind `limit`) once spent. */
class UpdateBudget {
  private total = 0;
  private readonly started = Date.now();

  constructor(private readonly limits: UpdateLimits) {}

  /** The time the next request may take: its own time-out, or less when the update's time runs out. */
  remaining(): number {
    const limits = this.limits;
    const left = limits.totalTimeoutMs - (Date.now() - this.started);
    if (left <= 0) {
      throw new OdfError(
        'network-error',
        `La mise à jour du catalogue dépasse le temps permis (${Math.round(limits.totalTimeoutMs / 1000)} s). Le catalogue en place reste utilisé.`,
        { kind: 'limit' },
        `Updating the catalogue takes longer than allowed (${Math.round(limits.totalTimeoutMs / 1000)} s). The catalogue in place stays in use.`,
      );
    }
    return Math.min(limits.requestTimeoutMs, left);
  }

  /** Count downloaded bytes against the update's total. */
  count(bytes: number): void {
    const limits = this.limits;
    this.total += bytes;
    if (this.total > limits.totalBytes) {
      throw new OdfError(
        'network-error',
        `La mise à jour du catalogue dépasse la taille permise (${Math.round(limits.totalBytes / 1024 / 1024)} Mo). Le catalogue en place reste utilisé.`,
        { kind: 'limit' },
        `Updating the catalogue exceeds the allowed size (${Math.round(limits.totalBytes / 1024 / 1024)} MB). The catalogue in place stays in use.`,
      );
    }
  }
}

/** A file fetched for a snapshot: its bytes and HTTP validators; `fresh` when downloaded, not kept. */
interface FetchedFile {
  body: Uint8Array;
  validators: Validators;
  fresh: boolean;
}

/** Fetches the files of a new snapshot, conditionally when the previous snapshot holds an intact copy. */
class SnapshotFetcher {
  constructor(
    private readonly source: Source,
    private readonly previous: CatalogueFolder | undefined,
    private readonly budget: UpdateBudget,
  ) {}

  /** The bytes of a previous file, when they are still what its index recorded. */
  async previousBytes(rel: string, url: string): Promise<Uint8Array | undefined> {
    const previous = this.previous;
    const meta = previous?.files[rel];
    if (!previous || !meta || meta.url !== url) return undefined;
    try {
      const bytes = await fs.readFile(path.join(previous.snapshot, ...rel.split('/')));
      return sha256(bytes) === meta.sha256 ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /** Fetch a file, conditionally when the previous snapshot holds an intact copy of it. */
  async fetchFile(rel: string, url: string, maxBytes: number): Promise<FetchedFile> {
    const old = await this.previousBytes(rel, url);
    const meta = this.previous?.files[rel];
    const validators: Validators | undefined =
      old && meta && (meta.etag || meta.lastModified)
        ? {
            ...(meta.etag ? { etag: meta.etag } : {}),
            ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
          }
        : undefined;
    const r = await this.source.get(url, maxBytes, validators, this.budget.remaining());
    if (r.status === 'not-modified') {
      if (!old) {
        // "Not modified" to a request that was not conditional: a broken server.
        throw new OdfError(
          'network-error',
          `${url} : HTTP 304.`,
          { url, kind: 'http', status: 304 },
          `${url}: HTTP 304.`,
        );
      }
      return { body: old, validators: validators ?? {}, fresh: false };
    }
    this.budget.count(r.body.byteLength);
    return { body: r.body, validators: r.validators, fresh: true };
  }
}

/** The catalogue folder `dir` holds before the update (none when it is broken: it is replaced). */
function previousCatalogue(dir: string): CatalogueFolder | undefined {
  let previous: CatalogueFolder | undefined;
  if (isCatalogueFolder(dir)) {
    try {
      previous = readCatalogueFolder(dir);
    } catch {
      previous = undefined; // a broken catalogue is replaced, not a reason to stop
    }
  }
  // A snapshot copied on its own (index.json at the top) is not ours to rewrite.
  if (previous && previous.snapshot === dir) {
    throw invalid(
      dir,
      'c’est une copie d’un catalogue, pas un dossier qu’odf met à jour (il lui faut current.json)',
      'it is a copy of a catalogue, not a folder odf updates (that needs current.json)',
    );
  }
  return previous;
}

type PortalCatalogue = ReturnType<typeof readPortalCatalogue>;

/** Step 1: the portal's catalogue, read and written into the new snapshot. */
async function fetchPortal(
  fetcher: SnapshotFetcher,
  partial: string,
  limits: UpdateLimits,
  label: string,
): Promise<{ cat: FetchedFile; portal: PortalCatalogue; files: SnapshotIndex['files'] }> {
  const catalogueUrl = `${PORTAL}/schemas.json`;
  const cat = await fetcher.fetchFile('schemas.json', catalogueUrl, limits.catalogueBytes);
  const portal = readPortalCatalogue(cat.body, label);
  await fs.mkdir(partial, { recursive: true });
  await fs.writeFile(path.join(partial, 'schemas.json'), cat.body);
  const files: SnapshotIndex['files'] = {
    'schemas.json': { url: catalogueUrl, sha256: sha256(cat.body), ...cat.validators },
  };
  return { cat, portal, files };
}

/** What became of the versions the portal lists. */
interface VersionsOutcome {
  got: Map<string, Got>;
  skipped: SkippedVersion[];
  kept: string[];
  downloaded: number;
  notModified: number;
  /** Versions whose answer could not be used today (kept from the previous snapshot or left out). */
  unusable: number;
  done: number;
}

/** What the fetch of each version shares. */
interface VersionFetch {
  fetcher: SnapshotFetcher;
  partial: string;
  files: SnapshotIndex['files'];
  maxBytes: number;
  total: number;
  onProgress: UpdateOptions['onProgress'];
  out: VersionsOutcome;
}

/**
 * Why a version's answer cannot be used (an HTTP error, a file too large, an address outside the
 * mirror); any other failure (a failing connection, a limit, a time-out) stops the update, the catalogue
 * in place stays.
 */
function unusableAnswer(e: unknown): { fr: string; en: string } {
  const kind = (e as OdfError).data?.kind;
  if (
    !(e instanceof OdfError) ||
    !['http', 'too-large', 'bad-url', 'redirects', 'not-in-mirror'].includes(String(kind))
  )
    throw e;
  const status = e.data.status;
  return kind === 'http'
    ? { fr: `HTTP ${String(status)}`, en: `HTTP ${String(status)}` }
    : kind === 'too-large'
      ? { fr: 'fichier trop gros', en: 'file too large' }
      : kind === 'not-in-mirror'
        ? { fr: 'absent du miroir', en: 'not in the mirror' }
        : { fr: 'adresse inutilisable', en: 'unusable address' };
}

/** Fetch and check one version into the snapshot; an unusable one is kept from the previous or left out. */
async function fetchVersion(l: Listed, v: VersionFetch): Promise<void> {
  const out = v.out;
  let outcome: FetchedFile | { fr: string; en: string };
  try {
    outcome = await v.fetcher.fetchFile(l.rel, l.url, v.maxBytes);
  } catch (e) {
    outcome = unusableAnswer(e);
  }
  let schema: TableSchema | { fr: string; en: string } =
    'body' in outcome ? checkedSchema(outcome.body, l.url) : outcome;
  let bytes = 'body' in outcome ? outcome.body : undefined;
  let validators = 'body' in outcome ? outcome.validators : {};
  if (!('fields' in schema)) {
    out.unusable++;
    // Unusable now: keep the previous update's copy when there is one.
    const old = await v.fetcher.previousBytes(l.rel, l.url);
    const oldSchema = old ? checkedSchema(old, l.url) : undefined;
    if (old && oldSchema && 'fields' in oldSchema) {
      out.kept.push(`${l.name}@${l.version}`);
      bytes = old;
      validators = {};
      schema = oldSchema;
    } else {
      out.skipped.push({ name: l.name, version: l.version, url: l.url, reason: schema });
      v.onProgress?.(++out.done, v.total);
      return;
    }
  } else if ('fresh' in outcome) {
    if (outcome.fresh) out.downloaded++;
    else out.notModified++;
  }
  const target = path.join(v.partial, ...l.rel.split('/'));
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, bytes!);
  v.files[l.rel] = { url: l.url, sha256: sha256(bytes!), ...validators };
  out.got.set(l.rel, { listed: l, schema: schema as TableSchema });
  v.onProgress?.(++out.done, v.total);
}

/** Step 2: every Table Schema version, `concurrency` at a time; too many unusable ones fail the update. */
async function fetchVersions(
  portal: PortalCatalogue,
  v: Omit<VersionFetch, 'total' | 'out'>,
  concurrency: number,
  label: string,
): Promise<VersionsOutcome> {
  const out: VersionsOutcome = {
    got: new Map(),
    skipped: [...portal.skipped],
    kept: [],
    downloaded: 0,
    notModified: 0,
    unusable: 0,
    done: 0,
  };
  const shared: VersionFetch = { ...v, total: portal.listed.length, out };
  await eachLimited(portal.listed, concurrency, (l) => fetchVersion(l, shared));
  const { got, unusable } = out;
  if (got.size === 0 || unusable * 4 > portal.listed.length) {
    throw new OdfError(
      'catalogue-invalid',
      `Le catalogue reçu de ${label} est inutilisable : ${unusable} version${unusable > 1 ? 's' : ''} sur ${portal.listed.length} ne sont pas des schémas valides. Le catalogue en place reste utilisé.`,
      { from: label, unusable, listed: portal.listed.length },
      `The catalogue received from ${label} is unusable: ${unusable} of ${portal.listed.length} versions are not valid schemas. The catalogue in place stays in use.`,
    );
  }
  return out;
}

/** Step 3: the snapshot's index, as scripts/vendor-schemas.js writes the bundled one. */
function snapshotIndex(
  portal: PortalCatalogue,
  versions: VersionsOutcome,
  files: SnapshotIndex['files'],
  cat: FetchedFile,
  label: string,
  updatedAt: string,
): SnapshotIndex {
  const schemas = indexEntries(portal.entries, versions.got, `${label} (odf schemas update)`);
  return {
    description: 'Schema catalogue downloaded by odf schemas update. Do not edit by hand.',
    format: INDEX_FORMAT,
    from: label,
    updatedAt,
    ...(cat.validators.lastModified ? { catalogueLastModified: cat.validators.lastModified } : {}),
    counts: {
      schemas: schemas.length,
      versions: versions.got.size,
      listed: portal.listed.length + portal.skipped.length,
      skipped: versions.skipped.length,
    },
    files,
    skipped: versions.skipped,
    schemas,
  };
}

/** Step 4: check what is on disk before it goes live: the index reads back, counts match, bytes match. */
async function verifySnapshot(
  dir: string,
  partial: string,
  index: SnapshotIndex,
  portal: PortalCatalogue,
): Promise<void> {
  const check = readSnapshot(dir, partial);
  const versions = check.entries.reduce((n, e) => n + e.versions.length, 0);
  const { versions: fetched, skipped } = index.counts;
  if (versions !== fetched || versions + skipped !== portal.listed.length + portal.skipped.length) {
    throw new Error(`catalogue counts differ: ${versions} written, ${fetched} fetched, ${skipped} skipped`);
  }
  for (const [rel, meta] of Object.entries(index.files)) {
    if (sha256(await fs.readFile(path.join(partial, ...rel.split('/')))) !== meta.sha256) {
      throw new Error(`catalogue file ${rel} differs from what was downloaded`);
    }
  }
}

/** Step 5: the swap: the new snapshot gets its name, then current.json is replaced in one rename. */
async function swapSnapshot(
  dir: string,
  partial: string,
  now: Date,
  previous: CatalogueFolder | undefined,
): Promise<string> {
  const name = await snapshotName(dir, now);
  const snapshot = path.join(dir, name);
  await fs.rename(partial, snapshot);
  const pointerTemp = path.join(dir, `.current-${randomBytes(4).toString('hex')}.json`);
  await fs.writeFile(pointerTemp, `${JSON.stringify({ snapshot: name })}\n`);
  await fs.rename(pointerTemp, path.join(dir, CURRENT));
  await removeOldSnapshots(dir, name, previous?.snapshot);
  return snapshot;
}

/**
 * Download the portal's catalogue (schemas.json and every Table Schema version it lists) into a new
 * snapshot of `dir`, check it, and make it the one in use by renaming a new current.json over the old.
 * Requests are conditional (ETag / Last-Modified of the previous snapshot); an unchanged file is copied
 * from it. A version that cannot be used (HTTP error, not a schema, a schema with errors) is left out and
 * listed, or kept from the previous snapshot when it had it; the update fails, leaving the catalogue in
 * place untouched, when the catalogue itself is unusable, the connection fails, a limit is reached, or more
 * than a quarter of the versions cannot be used (a server answering garbage).
 * @throws OdfError `network-error`, `catalogue-invalid` or `output-error`.
 */
export async function updateCatalogue(options: UpdateOptions): Promise<UpdateResult> {
  const limits = { ...DEFAULT_UPDATE_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const budget = new UpdateBudget(limits);
  const from = options.from ?? PORTAL;
  const source = /^https?:\/\//i.test(from)
    ? httpSource(from, options.fetch, { fr: 'le catalogue des schémas', en: 'the schema catalogue' })
    : folderSource(path.resolve(from));
  const dir = path.resolve(options.dir);
  const previous = previousCatalogue(dir);
  const fetcher = new SnapshotFetcher(source, previous, budget);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw writeError(dir, e);
  }
  const partial = path.join(dir, `.partial-${randomBytes(4).toString('hex')}`);
  try {
    const { cat, portal, files } = await fetchPortal(fetcher, partial, limits, source.label);
    const perVersion = {
      fetcher,
      partial,
      files,
      maxBytes: limits.schemaBytes,
      onProgress: options.onProgress,
    };
    const versions = await fetchVersions(portal, perVersion, limits.concurrency, source.label);
    const updatedAt = now().toISOString();
    const index = snapshotIndex(portal, versions, files, cat, source.label, updatedAt);
    await fs.writeFile(path.join(partial, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    await verifySnapshot(dir, partial, index, portal);
    const snapshot = await swapSnapshot(dir, partial, now(), previous);
    // What changed, for the user.
    const { added, republished } = changes(previous, versions.got, files);
    return {
      dir,
      snapshot,
      from: source.label,
      updatedAt,
      schemas: index.schemas.length,
      versions: versions.got.size,
      listed: portal.listed.length + portal.skipped.length,
      downloaded: versions.downloaded,
      notModified: versions.notModified,
      kept: versions.kept.sort(),
      skipped: versions.skipped,
      added,
      republished,
    };
  } catch (e) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof OdfError) throw e;
    if ((e as NodeJS.ErrnoException).syscall) throw writeError(dir, e);
    throw e;
  }
}

/**
 * Remove the snapshots older than the new one except the previous one, and updates interrupted more than a
 * day ago. A newer snapshot (another update that ended meanwhile) is left alone: it may be the one in use.
 */
async function removeOldSnapshots(dir: string, current: string, previous: string | undefined): Promise<void> {
  const keep = new Set([current, previous ? path.basename(previous) : '']);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || keep.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('snapshot-') && entry.name < current) {
      await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
    } else if (entry.name.startsWith('.partial-')) {
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > 24 * 3600 * 1000) {
        await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
      }
    }
  }
}
