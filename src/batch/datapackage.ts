// A Data Package given as input (`odf validate datapackage.json`): its tabular resources, each with its schema and dialect.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { TableSchema } from '../schema/types.js';

/** One resource of a package to validate, or the reason it cannot be. */
export interface PackageResource {
  name: string;
  /** Absolute path of the data file. */
  path: string;
  /** The path as the user would write it: the package's folder as written, then the resource's path. */
  display: string;
  /** The resource's schema: an inline object, or a reference (catalogue name, local path, URL). */
  schema?: TableSchema | string;
  /** Reading options from the resource's dialect and encoding. */
  read: { encoding?: string; delimiter?: string; quoteChar?: string };
  /** Set when the resource cannot be read; the sentence says why (French, English). */
  refused?: { message: string; messageEn: string };
}

/** The resources of a package (what odf reads) and what it was. */
export interface DataPackageInput {
  path: string;
  display: string;
  resources: PackageResource[];
}

// schema.data.gouv.fr's URL of a catalogue version: read from the bundled catalogue, never fetched.
const CATALOGUE_URL = /^https:\/\/schema\.data\.gouv\.fr\/schemas\/([^/]+)\/([^/]+)\/([^/]+)\/schema\.json$/;

/** A JSON file whose top level is an object with a `resources` array is a Data Package. */
export async function readDataPackageIfAny(abs: string): Promise<Record<string, unknown> | undefined> {
  if (!/\.json$/i.test(abs)) return undefined;
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  // A descriptor is small; a big JSON file is data, not a package.
  if (stat.size > 16 * 1024 * 1024) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(await fs.readFile(abs, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  return Array.isArray((doc as { resources?: unknown }).resources)
    ? (doc as Record<string, unknown>)
    : undefined;
}

function joinDisplay(dir: string, rel: string): string {
  const d = dir.split(path.sep).join('/');
  return d === '' || d === '.' ? rel : `${d.replace(/\/+$/, '')}/${rel}`;
}

/**
 * The tabular resources of a Data Package, as Frictionless reads them: `path` relative to the package's
 * folder (absolute paths and `..` refused, as Frictionless does for untrusted descriptors; URLs refused:
 * odf goes to the network only for a URL the user types), `schema` inline or by reference (a
 * schema.data.gouv.fr catalogue URL is read from the bundled catalogue), `dialect` and `encoding` as
 * reading options. Resources without a path (inline `data`) are refused with a sentence.
 * @throws OdfError when the package lists no resource.
 */
export function packageResources(
  doc: Record<string, unknown>,
  abs: string,
  display: string,
): DataPackageInput {
  const dir = path.dirname(abs);
  const shownDir = path.dirname(display);
  const list = doc.resources as unknown[];
  if (list.length === 0) {
    throw new OdfError(
      'file-not-found',
      `Le Data Package ${display} ne liste aucune ressource.`,
      { path: display },
      `The Data Package ${display} lists no resource.`,
    );
  }
  const out: PackageResource[] = [];
  list.forEach((item, i) => {
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const name = typeof r.name === 'string' ? r.name : `ressource ${i + 1}`;
    const paths = typeof r.path === 'string' ? [r.path] : Array.isArray(r.path) ? r.path.map(String) : [];
    const dialect = (typeof r.dialect === 'object' && r.dialect !== null ? r.dialect : {}) as Record<
      string,
      unknown
    >;
    const read: PackageResource['read'] = {};
    if (typeof r.encoding === 'string') read.encoding = r.encoding;
    if (typeof dialect.delimiter === 'string') read.delimiter = dialect.delimiter;
    if (typeof dialect.quoteChar === 'string') read.quoteChar = dialect.quoteChar;
    let schema: PackageResource['schema'];
    if (typeof r.schema === 'object' && r.schema !== null) schema = r.schema as TableSchema;
    else if (typeof r.schema === 'string') {
      const m = CATALOGUE_URL.exec(r.schema);
      schema = m
        ? `${m[1]}/${m[2]}@${m[3]}`
        : /^https?:\/\//i.test(r.schema)
          ? r.schema
          : path.resolve(dir, r.schema);
    }
    const base = { name, schema, read };
    if (paths.length === 0) {
      out.push({
        ...base,
        path: abs,
        display: `${display}#${name}`,
        refused: {
          message: `La ressource « ${name} » de ${display} n'a pas de fichier (path) : odf ne lit pas les données incluses dans le descripteur.`,
          messageEn: `Resource "${name}" of ${display} has no file (path): odf does not read data inlined in the descriptor.`,
        },
      });
      return;
    }
    for (const p of paths) {
      const shown = joinDisplay(shownDir, p);
      const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(p);
      const unsafe = path.isAbsolute(p) || p.split(/[\\/]/).includes('..');
      const refused = remote
        ? {
            message: `La ressource « ${name} » est à une adresse distante (${p}) : odf ne la télécharge pas ; validez-la en donnant l’adresse elle-même.`,
            messageEn: `Resource "${name}" is at a remote address (${p}): odf does not download it; validate it by giving the address itself.`,
          }
        : unsafe
          ? {
              message: `La ressource « ${name} » désigne un fichier hors du dossier du Data Package (${p}) : odf ne le lit pas, comme Frictionless.`,
              messageEn: `Resource "${name}" names a file outside the Data Package's folder (${p}): odf does not read it, like Frictionless.`,
            }
          : undefined;
      out.push({ ...base, path: path.resolve(dir, p), display: shown, ...(refused ? { refused } : {}) });
    }
  });
  return { path: abs, display, resources: out };
}
