// Publication metadata for normalised files: Frictionless datapackage.json, data.gouv.fr (udata) and DCAT-AP 3.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { nestsDeeperThan, parseJsonText } from '../text/json-text.js';
import type { LoadedSchema } from '../schema/types.js';
import { foldAccents } from '../text/fold.js';

/** An existing datapackage.json larger than this is not read (nor replaced): a package is a few KB. */
export const MAX_DATAPACKAGE_BYTES = 16 * 1024 * 1024;

/** One CSV written by normalize, as the metadata describes it. */
export interface WrittenResource {
  /** Path of the CSV, relative to the folder holding datapackage.json when there is one. */
  path: string;
  bytes: number;
  sha256: string;
  rows: number;
  columns: string[];
  bom: boolean;
  schema: LoadedSchema;
}

/** A Frictionless resource name: lower case, digits, `-` `_` `.` only. */
export function resourceName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const folded = foldAccents(base)
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded || 'resource';
}

function schemaRef(s: LoadedSchema): string {
  return s.source;
}

/** The Frictionless Data Package describing every resource written (v1 profile, tabular-data-resource). */
export function dataPackage(
  resources: readonly WrittenResource[],
  name = 'odf-normalise',
): Record<string, unknown> {
  const used = new Set<string>();
  return {
    profile: 'tabular-data-package',
    name,
    resources: resources.map((r) => {
      let rn = resourceName(r.path);
      for (let i = 2; used.has(rn); i++) rn = `${resourceName(r.path)}-${i}`;
      used.add(rn);
      const res: Record<string, unknown> = {
        profile: 'tabular-data-resource',
        name: rn,
        path: r.path.split(path.sep).join('/'),
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: r.bytes,
        hash: `sha256:${r.sha256}`,
        rows: r.rows,
        dialect: { delimiter: ',', quoteChar: '"', doubleQuote: true, lineTerminator: '\r\n', header: true },
        schema: schemaRef(r.schema),
      };
      if (r.schema.name)
        res.sources = [
          {
            title: `${r.schema.name}${r.schema.version ? `@${r.schema.version}` : ''}`,
            path: r.schema.source,
          },
        ];
      return res;
    }),
  };
}

/** A data.gouv.fr resource payload (API `POST /datasets/{id}/resources/`) for one written file. */
export function udataResource(r: WrittenResource): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    title: path.basename(r.path),
    type: 'main',
    format: 'csv',
    filesize: r.bytes,
    mime: 'text/csv',
    checksum: { type: 'sha256', value: r.sha256 },
  };
  if (r.schema.name) payload.schema = { name: r.schema.name, version: r.schema.version };
  else payload.schema = { url: r.schema.source };
  return payload;
}

/**
 * A DCAT-AP 3 distribution in JSON-LD. DCAT-AP 3 makes `dcat:accessURL` mandatory for a distribution;
 * the download and access URLs are `baseUrl` + the file name (`--base-url`), a placeholder until then.
 */
export function dcatDistribution(
  r: WrittenResource,
  baseUrl = 'https://example.invalid/',
): Record<string, unknown> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = `${base}${encodeURIComponent(path.basename(r.path))}`;
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      spdx: 'http://spdx.org/rdf/terms#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@type': 'dcat:Distribution',
    'dct:title': path.basename(r.path),
    'dcat:accessURL': { '@id': url },
    'dcat:downloadURL': { '@id': url },
    'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/text/csv' },
    'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' },
    'dcat:byteSize': { '@value': String(r.bytes), '@type': 'xsd:nonNegativeInteger' },
    'spdx:checksum': {
      '@type': 'spdx:Checksum',
      'spdx:algorithm': { '@id': 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256' },
      'spdx:checksumValue': { '@value': r.sha256, '@type': 'xsd:hexBinary' },
    },
    'dct:conformsTo': { '@id': r.schema.source },
  };
}

function refuse(file: string, fr: string, en: string, data: Record<string, unknown> = {}): OdfError {
  return new OdfError(
    'output-error',
    `${file} existe mais ${fr} : odf ne le remplace pas, pour n’en perdre ni le titre, ni la licence, ni les autres ressources. Corrigez-le ou déplacez-le, puis relancez.`,
    { path: file, ...data },
    `${file} exists but ${en}: odf does not replace it, so as to lose neither its title, its licence nor its other resources. Fix or move it, then run again.`,
  );
}

/**
 * The existing datapackage.json odf would update, or undefined when there is none. Anything odf could
 * not merge without losing what it holds (not JSON, one trailing comma, not an object, `resources` not a
 * list, unreadable, huge) is refused, and the file is left untouched (issue 12, row 8).
 * @throws OdfError('output-error') with the place of a JSON syntax error.
 */
export async function readExistingDataPackage(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw refuse(file, 'c’est un dossier', 'it is a folder');
    if (st.size > MAX_DATAPACKAGE_BYTES)
      throw refuse(file, 'il dépasse 16 Mo', 'it exceeds 16 MB', { bytes: st.size });
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof OdfError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw refuse(
      file,
      code === 'EACCES' || code === 'EPERM'
        ? 'il ne peut pas être lu (permission refusée)'
        : 'il ne peut pas être lu',
      code === 'EACCES' || code === 'EPERM' ? 'it cannot be read (permission denied)' : 'it cannot be read',
      code ? { code } : {},
    );
  }
  const parsed = parseJsonText(text);
  if ('error' in parsed) {
    const { line, column, message } = parsed.error;
    throw refuse(
      file,
      `n’est pas du JSON valide (ligne ${line}, colonne ${column})`,
      `is not valid JSON (line ${line}, column ${column})`,
      { line, column, reason: message },
    );
  }
  const v = parsed.value;
  if (nestsDeeperThan(v))
    throw refuse(
      file,
      'il imbrique trop de niveaux de listes ou d’objets',
      'it nests too many levels of lists or objects',
    );
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw refuse(
      file,
      'n’est pas un objet JSON (un Data Package en est un)',
      'is not a JSON object (a Data Package is one)',
    );
  const resources = (v as { resources?: unknown }).resources;
  if (resources !== undefined && !Array.isArray(resources))
    throw refuse(file, 'sa clé « resources » n’est pas une liste', 'its "resources" key is not a list');
  return v as Record<string, unknown>;
}

/**
 * Merge odf's data package into an existing one: its own keys (title, licences…) and resources are kept,
 * resources with the same path are replaced by odf's, new ones are added.
 */
export function mergeDataPackage(
  existing: unknown,
  ours: Record<string, unknown>,
): { pkg: Record<string, unknown>; updated: boolean; resources: number } {
  const oursResources = ours.resources as Record<string, unknown>[];
  if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
    return { pkg: ours, updated: false, resources: oursResources.length };
  }
  const found = (existing as { resources?: unknown }).resources;
  const old = {
    ...(existing as Record<string, unknown>),
    resources: Array.isArray(found) ? (found as Record<string, unknown>[]) : [],
  };
  const paths = new Set(oursResources.map((r) => r.path));
  const names = new Set(oursResources.map((r) => r.name));
  const kept = old.resources.filter((r) => !paths.has(r.path));
  // Resource names must stay unique: a kept resource never shares a name with one of ours.
  const resources = [
    ...kept.map((r) => (names.has(r.name) ? { ...r, name: `${String(r.name)}-0` } : r)),
    ...oursResources,
  ];
  return { pkg: { ...ours, ...old, resources }, updated: true, resources: resources.length };
}
