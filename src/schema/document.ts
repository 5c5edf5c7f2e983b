// odf's own documents (odf.config.yaml, mapping files, synonyms files): one loader, YAML or JSON, checked by a JSON Schema.
import type { OdfErrorCode } from '../errors.js';
import { OdfError } from '../errors.js';
import { validateAgainst, type SchemaViolation } from './check-schema.js';
import { parseYamlDocument } from './yaml.js';
import { readSmallFile } from '../net/read-file.js';

/** One problem of a document against its JSON Schema, with the path of the value it is about. */
export interface DocumentViolation extends SchemaViolation {
  /** The path of the value at fault (an unknown key's own path for `additionalProperties`). */
  at: (string | number)[];
}

/** A sentence in both languages. */
export interface Sentence {
  fr: string;
  en: string;
}

/** A kind's own wording of a violation: the sentence, the path (or line) to cite, data for the failure. */
export type Explained = Sentence & {
  at?: (string | number)[];
  line?: number;
  data?: Record<string, unknown>;
};

/** What kind of document, and how its problems are worded. */
export interface DocumentKind {
  /** The failure code of a bad document. */
  code: OdfErrorCode;
  /** How messages name the document, before its path: `Configuration`, `Fichier de correspondance`. */
  name: Sentence;
  /** Where the line is cited: `…, ligne 3 : …` (default) or `… (ligne 3) : …`. */
  lineStyle?: 'comma' | 'parens';
  /** The JSON Schema the document must satisfy. */
  schema: object;
  /**
   * The sentence for a violation this kind words itself (undefined: the generic one), with the path whose
   * line to cite (default: the value at fault) and data for the failure.
   */
  explain?(v: DocumentViolation): Explained | undefined;
}

/** A document once read and checked: its value, and the line where each value is written. */
export interface CheckedDocument {
  value: unknown;
  /** The 1-based line of the value at `path` (of its key, for a map entry); undefined when absent. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** The failure for a document: `Configuration odf.config.yaml, ligne 3 : la clé « x » n'est pas reconnue.` */
export function documentError(
  kind: DocumentKind,
  source: string,
  line: number | undefined,
  sentence: Sentence,
  data: Record<string, unknown> = {},
): OdfError {
  const parens = kind.lineStyle === 'parens';
  const at = line === undefined ? '' : parens ? ` (ligne ${line})` : `, ligne ${line}`;
  const atEn = line === undefined ? '' : parens ? ` (line ${line})` : `, line ${line}`;
  return new OdfError(
    kind.code,
    `${kind.name.fr} ${source}${at} : ${sentence.fr}`,
    { path: source, line, ...data },
    `${kind.name.en} ${source}${atEn}: ${sentence.en}`,
  );
}

/** The path segments of a JSON pointer (`/rules/0/files` → ['rules', 0, 'files']). */
function segments(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The generic sentence of a violation (the key at fault named, as a reader of the file sees it). */
export function explainViolation(v: DocumentViolation): Sentence {
  const key = v.at.length ? String(v.at[v.at.length - 1]) : '';
  const p = v.params;
  switch (v.keyword) {
    case 'additionalProperties':
      return { fr: `la clé « ${key} » n'est pas reconnue.`, en: `key "${key}" is not recognised.` };
    case 'required':
      return {
        fr: `la clé « ${String(p.missingProperty)} » est obligatoire.`,
        en: `key "${String(p.missingProperty)}" is required.`,
      };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ');
      return { fr: `« ${key} » doit valoir l'une de ${allowed}.`, en: `"${key}" must be one of ${allowed}.` };
    }
    case 'type':
      return {
        fr: `« ${key} » doit être de type ${String(p.type)}.`,
        en: `"${key}" must be of type ${String(p.type)}.`,
      };
    case 'minItems':
      return { fr: `« ${key} » ne peut pas être une liste vide.`, en: `"${key}" cannot be an empty list.` };
    default:
      return {
        fr: `« ${key || 'document'} » est invalide (${v.message}).`,
        en: `"${key || 'document'}" is invalid (${v.message}).`,
      };
  }
}

/**
 * Among problems at the same depth: an unknown key first (a misspelt key also makes a required one
 * missing), the branches of `oneOf`/`anyOf` last (each branch reports its own error).
 */
function rank(v: SchemaViolation): number {
  if (v.keyword === 'additionalProperties') return 0;
  return v.keyword === 'oneOf' || v.keyword === 'anyOf' ? 2 : 1;
}

/**
 * Read a YAML (or JSON) document and check it against its kind's JSON Schema. Of several problems, the
 * deepest is reported (a `oneOf` reports one error per branch: the deepest says what is really wrong),
 * with the line where the value at fault is written. `bundled`: odf's own data, already checked.
 * @throws OdfError(kind.code) for a syntax error or a violation, citing the line.
 */
export function readDocument(
  text: string,
  source: string,
  kind: DocumentKind,
  options: { bundled?: boolean } = {},
): CheckedDocument {
  const doc = parseYamlDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw documentError(kind, source, e.line, {
      fr: `YAML illisible (${e.fr}).`,
      en: `unreadable YAML (${e.message}).`,
    });
  }
  // Bundled documents are data the test suite checks against their schema: no ajv at every run.
  const violations = options.bundled ? [] : validateAgainst(kind.schema, doc.value ?? {});
  if (violations.length) {
    const best = [...violations].sort((a, b) => b.path.length - a.path.length || rank(a) - rank(b))[0]!;
    const at = segments(best.path);
    if (best.keyword === 'additionalProperties') at.push(String(best.params.additionalProperty));
    const v: DocumentViolation = { ...best, at };
    const own = kind.explain?.(v);
    const where = own?.at ?? at;
    let line = own?.line;
    for (let n = where.length; n >= 0 && line === undefined; n--) line = doc.lineOf(where.slice(0, n));
    throw documentError(kind, source, line, own ?? explainViolation(v), own?.data);
  }
  return { value: doc.value, lineOf: (path) => doc.lineOf(path) };
}

/**
 * The text of a user's configuration, mapping or synonyms file, read within its size limit
 * (net/read-file.ts): a folder, a pipe, a loop of links or a huge file gives one sentence.
 * @throws OdfError('file-not-found' | 'file-unreadable').
 */
export function readDocumentText(file: string, role: 'config' | 'mapping' | 'synonyms'): string {
  return readSmallFile(file, file, role);
}
