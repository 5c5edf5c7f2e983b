// Loads a Table Schema from the catalogue (name@version), a local JSON/YAML file or an http(s) URL, and checks it.
import { lstat, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { download } from '../net/download.js';
import { MAX_SMALL_FILE_BYTES, readError, readSmallFile } from '../net/read-file.js';
import { looksLikeCatalogueName, resolveCatalogueName, schemasDir } from './catalogue.js';
import { checkSchema } from './check-schema.js';
import { parseYamlDocument } from './yaml.js';
import { MAX_NESTING, nestsDeeperThan, parseJsonText } from '../text/json-text.js';
import type { LoadedSchema, TableSchema } from './types.js';

/** Options of loadSchema. */
export interface LoadSchemaOptions {
  /** The fetch to use for URLs (default: the global fetch). Only called for http(s) references. */
  fetch?: typeof fetch;
  /** Timeout of a download in milliseconds (default 20 000). */
  timeoutMs?: number;
  /** Folder relative paths are read from (default: the current directory). */
  cwd?: string;
}

type Syntax = 'json' | 'yaml';

function unreadable(
  source: string,
  reason: { fr: string; en: string },
  where?: { line: number; column: number },
): OdfError {
  const at = where ? ` (ligne ${where.line}, colonne ${where.column})` : '';
  const atEn = where ? ` (line ${where.line}, column ${where.column})` : '';
  return new OdfError(
    'schema-unreadable',
    `Schéma illisible : ${source}${at} : ${reason.fr}.`,
    { source, reason: reason.en, ...(where ?? {}) },
    `Unreadable schema: ${source}${atEn}: ${reason.en}.`,
  );
}

/** Parse schema text as JSON or YAML; a syntax error becomes OdfError('schema-unreadable') with its line/column. */
export function parseSchemaText(text: string, source: string, syntax?: Syntax): TableSchema {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const kind = syntax ?? (/^\s*[{[]/.test(body) ? 'json' : 'yaml');
  let doc: unknown;
  if (kind === 'json') {
    const parsed = parseJsonText(body);
    if ('error' in parsed) {
      const { message, line, column } = parsed.error;
      throw unreadable(
        source,
        { fr: `JSON invalide (${message})`, en: `invalid JSON (${message})` },
        { line, column },
      );
    }
    doc = parsed.value;
  } else {
    const parsed = parseYamlDocument(body);
    const first = parsed.errors[0];
    if (first) {
      throw unreadable(
        source,
        { fr: `YAML invalide (${first.fr})`, en: `invalid YAML (${first.message})` },
        { line: first.line, column: first.col },
      );
    }
    doc = parsed.value;
  }
  if (nestsDeeperThan(doc)) {
    throw unreadable(source, {
      fr: `imbrication trop profonde (plus de ${MAX_NESTING} niveaux de listes ou d’objets les uns dans les autres)`,
      en: `nesting too deep (more than ${MAX_NESTING} levels of lists or objects inside each other)`,
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw unreadable(source, {
      fr: 'ce n’est pas un objet JSON (un schéma est un objet avec « fields »)',
      en: 'not a JSON object (a schema is an object with "fields")',
    });
  }
  return doc as TableSchema;
}

function syntaxOf(name: string): Syntax | undefined {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return undefined;
}

function loaded(
  schema: TableSchema,
  source: string,
  name?: string,
  version?: string,
  bundled = false,
): LoadedSchema {
  const v = version ?? (typeof schema.version === 'string' ? schema.version : undefined);
  return {
    schema,
    ...(name !== undefined ? { name } : {}),
    ...(v !== undefined ? { version: v } : {}),
    source,
    findings: checkSchema(schema, { bundled }),
  };
}

/** The largest schema odf downloads or reads (a schema is a few KB; a long enum, a few hundred). */
export const MAX_SCHEMA_BYTES = MAX_SMALL_FILE_BYTES.schema;

async function loadUrl(url: string, options: LoadSchemaOptions): Promise<LoadedSchema> {
  // src/net/download.ts: size, time and redirect limits, one sentence on every failure.
  const r = await download(url, {
    maxBytes: MAX_SCHEMA_BYTES,
    timeoutMs: options.timeoutMs ?? 20_000,
    accept: 'application/json, application/yaml, text/yaml;q=0.9, */*;q=0.5',
    what: { fr: 'le schéma', en: 'the schema' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (r.status !== 'ok') throw new Error('unreachable: no validators were sent');
  const text = new TextDecoder('utf-8').decode(r.body);
  const syntax: Syntax | undefined = /json/i.test(r.contentType)
    ? 'json'
    : /yaml/i.test(r.contentType)
      ? 'yaml'
      : syntaxOf(new URL(url).pathname);
  return loaded(parseSchemaText(text, url, syntax), url);
}

/** What is at a path: nothing, a folder, or something to read (a file, a pipe, a link, even a broken one). */
async function pathKind(p: string): Promise<'none' | 'folder' | 'other'> {
  try {
    await lstat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'none' : 'other';
  }
  try {
    return (await stat(p)).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * Load a schema and check it. `ref` is one of:
 * - a catalogue name: `scdl/budget`, `budget`, `scdl/budget@0.8.1` (source: its schema.data.gouv.fr URL);
 * - a local `.json`, `.yaml` or `.yml` file (other names: JSON or YAML sniffed from the content);
 * - an `http://` or `https://` URL (fetched only then; JSON or YAML from the content type or the content);
 * - an already parsed schema object (source `<inline>`).
 * A local file wins over a catalogue name of the same spelling.
 *
 * Problems in the schema itself come back as `findings`; failures are thrown as OdfError:
 * `schema-not-found` (no such file or catalogue name, with suggestions), `schema-unreadable` (JSON/YAML
 * syntax, with line and column; a folder, a file over MAX_SCHEMA_BYTES, a file the system refuses),
 * `network-error` (src/net/download.ts: failed, timed out, over MAX_SCHEMA_BYTES, too many redirects).
 */
export async function loadSchema(
  ref: string | TableSchema,
  options: LoadSchemaOptions = {},
): Promise<LoadedSchema> {
  if (typeof ref !== 'string') return loaded(ref, '<inline>');
  if (/^https?:\/\//i.test(ref)) return loadUrl(ref, options);
  const file = path.resolve(options.cwd ?? '.', ref);
  const kind = await pathKind(file);
  // A folder that happens to bear a catalogue name (a `budget/` folder, `-s budget`) is not the schema.
  if (kind === 'other' || (kind === 'folder' && !looksLikeCatalogueName(ref))) {
    const text = readSmallFile(file, ref, 'schema');
    return loaded(parseSchemaText(text, ref, syntaxOf(ref)), ref);
  }
  if (!looksLikeCatalogueName(ref)) {
    throw readError(ref, file, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), 'schema');
  }
  let hit: ReturnType<typeof resolveCatalogueName>;
  try {
    hit = resolveCatalogueName(ref);
  } catch (e) {
    // Neither a catalogue name nor a file: a folder of that name gets the sentence about folders.
    if (kind === 'folder')
      throw readError(ref, file, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), 'schema');
    throw e;
  }
  const text = await readFile(hit.path, 'utf8');
  // A schema shipped in schemas/ is data the test suite checks against the profile (not a cache's).
  const bundled = hit.path.startsWith(schemasDir() + path.sep);
  const schema = loaded(parseSchemaText(text, hit.url, 'json'), hit.url, hit.name, hit.version, bundled);
  return ref.includes('@') ? schema : { ...schema, versionByFit: true };
}
