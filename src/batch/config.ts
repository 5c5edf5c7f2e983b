// odf.config.yaml: which schema, mapping file and reading options apply to which files (docs/config.schema.json).
import { readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../schema/catalogue.js';
import { documentError, readDocument, readDocumentText, type DocumentKind } from '../schema/document.js';
import { globToRegExp } from './glob.js';
import type { BoundedRegex } from '../text/pattern.js';

/** The file name odf looks for in the current directory. */
export const CONFIG_FILE = 'odf.config.yaml';

/** Reading and checking options a rule may set (the names of the CLI options, camel-cased). */
export interface RuleOptions {
  encoding?: string;
  delimiter?: string;
  quote?: string;
  headerRow?: number;
  sheet?: string | number;
  limitErrors?: number;
  customChecks?: boolean;
}

/** One rule: file patterns and what applies to the files they match. */
export interface ConfigRule {
  files: string[];
  /** Catalogue name or URL as written, or a schema file made absolute. */
  schema?: string;
  /** Mapping file, absolute. */
  map?: string;
  options: RuleOptions;
  /** Line of the rule in the configuration file. */
  line: number;
}

/** A configuration file once read and checked. */
export interface OdfConfig {
  /** Path of the file (as found or given). */
  path: string;
  /** Folder the patterns and relative paths are resolved from. */
  dir: string;
  rules: ConfigRule[];
  privacy?: 'warn' | 'error' | 'off';
}

let configSchema: object | undefined;

/** docs/config.schema.json, read once. */
export function configJsonSchema(): object {
  configSchema ??= JSON.parse(
    readFileSync(path.join(packageRoot(), 'docs', 'config.schema.json'), 'utf8'),
  ) as object;
  return configSchema;
}

/** odf.config.yaml as a document kind: its JSON Schema and how its problems are named. */
function configKind(): DocumentKind {
  return {
    code: 'config-invalid',
    name: { fr: 'Configuration', en: 'Configuration' },
    schema: configJsonSchema(),
  };
}

/**
 * A schema reference made usable from anywhere: a schema file (an explicit path, or a name ending in
 * .json/.yaml/.yml) is resolved from `dir`; catalogue names and URLs are kept as written.
 */
export function resolveSchemaRef(ref: string, dir: string): string {
  if (/^https?:\/\//i.test(ref)) return ref;
  // Catalogue names (scdl/budget@0.8.3) contain a slash too: only explicit paths and schema files are paths.
  if (/^\.{1,2}\//.test(ref) || path.isAbsolute(ref) || /\.(json|ya?ml)$/i.test(ref))
    return path.resolve(dir, ref);
  return ref;
}

/**
 * Parse and check a configuration text against docs/config.schema.json. `file` is where it was read (cited
 * in errors, and whose folder relative paths start from).
 * @throws OdfError('config-invalid') with the line of the problem.
 */
export function parseConfig(text: string, file: string): OdfConfig {
  const kind = configKind();
  const doc = readDocument(text, file, kind);
  const value = doc.value ?? {};
  const raw = value as { rules: Record<string, unknown>[]; privacy?: OdfConfig['privacy'] };
  const dir = path.dirname(path.resolve(file));
  const rules = raw.rules.map((r, i): ConfigRule => {
    const files = typeof r.files === 'string' ? [r.files] : (r.files as string[]);
    const line = doc.lineOf(['rules', i]) ?? 1;
    for (const [j, pattern] of files.entries()) {
      try {
        globToRegExp(pattern);
      } catch {
        const at = typeof r.files === 'string' ? ['rules', i, 'files'] : ['rules', i, 'files', j];
        throw documentError(kind, file, doc.lineOf(at) ?? line, {
          fr: `motif de fichiers illisible : « ${pattern} ».`,
          en: `unreadable file pattern: "${pattern}".`,
        });
      }
    }
    const options: RuleOptions = {};
    for (const k of [
      'encoding',
      'delimiter',
      'quote',
      'headerRow',
      'sheet',
      'limitErrors',
      'customChecks',
    ] as const) {
      if (r[k] !== undefined) (options as Record<string, unknown>)[k] = r[k];
    }
    const rule: ConfigRule = { files, options, line };
    if (typeof r.schema === 'string') rule.schema = resolveSchemaRef(r.schema, dir);
    if (typeof r.map === 'string') rule.map = path.resolve(dir, r.map);
    return rule;
  });
  const config: OdfConfig = { path: file, dir, rules };
  if (raw.privacy) config.privacy = raw.privacy;
  return config;
}

/** Read and check a configuration file. @throws OdfError('file-not-found' | 'config-invalid'). */
export async function loadConfig(file: string): Promise<OdfConfig> {
  // At most 1 MB, with the right sentence for a folder, a pipe, a loop of links… (src/net/read-file.ts).
  return parseConfig(readDocumentText(file, 'config'), file);
}

/** The configuration to use: `explicit` when given, else odf.config.yaml in `cwd` when present, else undefined. */
export async function findConfig(cwd: string, explicit?: string): Promise<OdfConfig | undefined> {
  if (explicit) return loadConfig(path.resolve(cwd, explicit));
  const candidate = path.join(cwd, CONFIG_FILE);
  const exists = await fs.stat(candidate).then(
    (s) => s.isFile(),
    () => false,
  );
  return exists ? loadConfig(candidate) : undefined;
}

const compiled = new WeakMap<ConfigRule, BoundedRegex[]>();

/** True when a pattern matches a path relative to the configuration folder (`/`-separated). */
function matches(rule: ConfigRule, rel: string): boolean {
  let res = compiled.get(rule);
  if (!res) {
    res = rule.files.map((f) => globToRegExp(f.replace(/^\.\//, '')));
    compiled.set(rule, res);
  }
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return res.some((re, i) => re.test(rule.files[i]!.includes('/') ? rel : base));
}

/** The first rule matching a file (an absolute path), or undefined. Files outside the config folder match nothing. */
export function ruleFor(config: OdfConfig, file: string): ConfigRule | undefined {
  const rel = path.relative(config.dir, file).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
  return config.rules.find((r) => matches(r, rel));
}
