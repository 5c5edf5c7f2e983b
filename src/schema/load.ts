// Loads a Table Schema from the catalogue (name@version), a local JSON/YAML file or an http(s) URL, and checks it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { looksLikeCatalogueName, resolveCatalogueName } from './catalogue.js';
import { checkSchema } from './check-schema.js';
import { parseYamlDocument } from './yaml.js';
import { parseJsonText } from './json-text.js';
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
        { fr: `YAML invalide (${first.message})`, en: `invalid YAML (${first.message})` },
        { line: first.line, column: first.col },
      );
    }
    doc = parsed.value;
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

function loaded(schema: TableSchema, source: string, name?: string, version?: string): LoadedSchema {
  const v = version ?? (typeof schema.version === 'string' ? schema.version : undefined);
  return {
    schema,
    ...(name !== undefined ? { name } : {}),
    ...(v !== undefined ? { version: v } : {}),
    source,
    findings: checkSchema(schema),
  };
}

async function loadUrl(url: string, options: LoadSchemaOptions): Promise<LoadedSchema> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const fail = (reason: string, reasonEn: string): OdfError =>
    new OdfError(
      'network-error',
      `Impossible de télécharger le schéma ${url} : ${reason}.`,
      { url, reason: reasonEn },
      `Cannot download the schema ${url}: ${reasonEn}.`,
    );
  let text: string;
  let contentType: string;
  try {
    const res = await doFetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json, application/yaml, text/yaml;q=0.9, */*;q=0.5' },
    });
    if (!res.ok)
      throw fail(
        `HTTP ${res.status} ${res.statusText}`.trim(),
        `HTTP ${res.status} ${res.statusText}`.trim(),
      );
    contentType = res.headers.get('content-type') ?? '';
    text = await res.text();
  } catch (e) {
    if (e instanceof OdfError) throw e;
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw fail(`pas de réponse en ${timeoutMs / 1000} s`, `no answer within ${timeoutMs / 1000} s`);
    }
    const detail = err.cause?.code ?? err.cause?.message ?? err.message;
    throw fail(detail, detail);
  }
  const syntax: Syntax | undefined = /json/i.test(contentType)
    ? 'json'
    : /yaml/i.test(contentType)
      ? 'yaml'
      : syntaxOf(new URL(url).pathname);
  return loaded(parseSchemaText(text, url, syntax), url);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
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
 * syntax, with line and column), `network-error` (download failed or timed out).
 */
export async function loadSchema(
  ref: string | TableSchema,
  options: LoadSchemaOptions = {},
): Promise<LoadedSchema> {
  if (typeof ref !== 'string') return loaded(ref, '<inline>');
  if (/^https?:\/\//i.test(ref)) return loadUrl(ref, options);
  const file = path.resolve(options.cwd ?? '.', ref);
  if (await isFile(file)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const msg = (e as Error).message;
      throw unreadable(ref, { fr: msg, en: msg });
    }
    return loaded(parseSchemaText(text, ref, syntaxOf(ref)), ref);
  }
  if (!looksLikeCatalogueName(ref)) {
    throw new OdfError(
      'schema-not-found',
      `Schéma introuvable : le fichier « ${ref} » n'existe pas.`,
      { path: ref },
      `Schema not found: the file "${ref}" does not exist.`,
    );
  }
  const hit = resolveCatalogueName(ref);
  const text = await readFile(hit.path, 'utf8');
  return loaded(parseSchemaText(text, hit.url, 'json'), hit.url, hit.name, hit.version);
}
