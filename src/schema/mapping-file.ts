// The mapping file (YAML): read it with line numbers, check it against a header and a schema, and write it.
import { OdfError } from '../errors.js';
import { foldLabel, similarity } from '../text/fold.js';
import type { ColumnMapping, MatchKind } from './mapping-types.js';
import type { TableSchema } from './types.js';
import { stringifyYaml } from './yaml.js';
import { documentError, readDocument, readDocumentText, type DocumentKind } from './document.js';

/** Where one field's values come from, according to a mapping file. */
export type MappingSource =
  | { kind: 'column'; label: string }
  /** `{ column: 3 }`: the 3rd input column (1-based), for headers that are blank or repeated. */
  | { kind: 'column-number'; number: number }
  | { kind: 'constant'; value: string }
  /** `{ compose: [Xlongitude, Ylatitude] }`: the field made of several columns (issue 11). */
  | { kind: 'compose'; labels: string[] }
  | { kind: 'none' };

/** One `fields:` entry of a mapping file, with the line it is written on. */
export interface MappingEntry {
  fieldName: string;
  source: MappingSource;
  line: number;
}

/** A mapping file once parsed (not yet checked against a header: see resolveMappingFile). */
export interface MappingFile {
  /** Where it was read (path or a display name), cited in errors. */
  source: string;
  /** The `schema:` key, when present (`scdl/budget@0.8.3`). */
  schema?: string;
  schemaLine?: number;
  entries: MappingEntry[];
}

/** A mapping file entry checked against the header and the schema. */
export interface ResolvedMappingEntry {
  fieldIndex: number;
  fieldName: string;
  /** 0-based input column, when the entry names one. */
  column?: number;
  constant?: string;
  /** 0-based input columns the field is composed of (`{ compose: [...] }`). */
  compose?: number[];
  line: number;
}

function invalid(
  source: string,
  line: number | undefined,
  fr: string,
  en: string,
  data: Record<string, unknown> = {},
): OdfError {
  return documentError(MAPPING_KIND, source, line, { fr, en }, data);
}

/** One field's source: a header (a number or boolean the YAML parser typed stays a header), null, or an object. */
const SOURCE_SCHEMA = {
  anyOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    {
      type: 'object',
      required: ['constant'],
      additionalProperties: false,
      properties: { constant: { type: ['string', 'number', 'boolean'] } },
    },
    {
      type: 'object',
      required: ['compose'],
      additionalProperties: false,
      properties: {
        compose: { type: 'array', minItems: 2, maxItems: 2, items: { type: ['string', 'number'] } },
      },
    },
    {
      type: 'object',
      required: ['column'],
      additionalProperties: false,
      properties: { column: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 1 }] } },
    },
  ],
};

/** A mapping file as a document kind: its shape and how its problems are worded. */
const MAPPING_KIND: DocumentKind = {
  code: 'mapping-invalid',
  name: { fr: 'Fichier de correspondance', en: 'Mapping file' },
  schema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      schema: { type: 'string' },
      fields: { type: 'object', additionalProperties: SOURCE_SCHEMA },
    },
  },
  explain(v) {
    const [top, fieldName] = v.at;
    if (v.at.length === 0 && v.keyword !== 'additionalProperties')
      return {
        fr: 'il faut une clé « fields » qui associe chaque champ à sa colonne.',
        en: 'expected a "fields" key mapping each field to its column.',
        line: 1,
      };
    if (v.keyword === 'additionalProperties' && v.at.length === 1)
      return {
        fr: `clé inconnue « ${String(top)} » (attendu : schema, fields).`,
        en: `unknown key "${String(top)}" (expected: schema, fields).`,
        data: { key: top },
      };
    if (top === 'schema')
      return { fr: '« schema » doit être un nom de schéma.', en: '"schema" must be a schema name.' };
    if (top === 'fields' && fieldName === undefined)
      return {
        fr: 'la clé « fields » doit associer chaque champ à sa colonne.',
        en: 'the "fields" key must map each field to its column.',
      };
    if (top !== 'fields') return undefined;
    return {
      fr: `valeur incomprise pour le champ « ${String(fieldName)} » (attendu : l'en-tête d'une colonne, null, { constant: "…" }, { column: N } ou { compose: [A, B] }).`,
      en: `cannot read the value of field "${String(fieldName)}" (expected: a column header, null, { constant: "…" }, { column: N } or { compose: [A, B] }).`,
      at: ['fields', fieldName!],
      data: { fieldName },
    };
  },
};

function sourceOf(value: unknown): MappingSource {
  if (value === null || value === undefined) return { kind: 'none' };
  if (typeof value !== 'object') return { kind: 'column', label: String(value) };
  const o = value as { constant?: unknown; column?: unknown; compose?: unknown };
  if ('constant' in o) return { kind: 'constant', value: String(o.constant) };
  if (Array.isArray(o.compose)) return { kind: 'compose', labels: o.compose.map(String) };
  return typeof o.column === 'number'
    ? { kind: 'column-number', number: o.column }
    : { kind: 'column', label: String(o.column) };
}

/**
 * Parse the text of a mapping file. Shape:
 * ```yaml
 * schema: scdl/budget@0.8.3        # optional
 * fields:
 *   BGT_ANNEE: Exercice            # the input column (its header) that feeds the field
 *   BGT_SIRET: { constant: "21350238800019" }
 *   BGT_ARTSPE: null               # no column
 *   BGT_NOM: { column: 4 }         # the 4th input column
 * ```
 * @throws OdfError('mapping-invalid') with the line for a YAML syntax error or a wrong shape.
 */
export function parseMappingFile(text: string, source: string): MappingFile {
  const doc = readDocument(text, source, MAPPING_KIND);
  const top = doc.value as { schema?: string; fields: Record<string, unknown> };
  const entries: MappingEntry[] = Object.entries(top.fields).map(([fieldName, v]) => ({
    fieldName,
    source: sourceOf(v),
    line: doc.lineOf(['fields', fieldName]) ?? 1,
  }));
  const schema = top.schema;
  return { source, schema, schemaLine: schema === undefined ? undefined : doc.lineOf(['schema']), entries };
}

/** Read and parse a mapping file. @throws OdfError('file-not-found' | 'mapping-invalid'). */
export function readMappingFile(file: string): MappingFile {
  // At most 1 MB, with the right sentence for a folder, a pipe, a loop of links… (src/net/read-file.ts).
  return parseMappingFile(readDocumentText(file, 'mapping'), file);
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const f = foldLabel(name);
  let best: string | undefined;
  let bestScore = 0.6;
  for (const c of candidates) {
    const s = similarity(f, foldLabel(c));
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Check a mapping file against the input header and the schema, and resolve its entries to field and
 * column indexes. When `schemaName` is given and the file names another schema, that is an error too.
 *
 * @throws OdfError('mapping-invalid') citing the file's line: a field the schema lacks, a column the
 * input lacks, a column number out of range, the same column feeding two fields, another schema.
 */
export function resolveMappingFile(
  file: MappingFile,
  labels: readonly string[],
  schema: TableSchema,
  schemaName?: string,
): ResolvedMappingEntry[] {
  if (file.schema && schemaName) {
    const a = file.schema.replace(/@.*$/, '').toLowerCase();
    const b = schemaName.replace(/@.*$/, '').toLowerCase();
    if (a !== b) {
      throw invalid(
        file.source,
        file.schemaLine,
        `il est écrit pour le schéma « ${file.schema} », pas pour « ${schemaName} ».`,
        `it is written for schema "${file.schema}", not "${schemaName}".`,
        { schema: file.schema, expected: schemaName },
      );
    }
  }
  const fieldNames = schema.fields.map((f) => f.name);
  const trimmed = labels.map((l) => l.trim());
  const usedBy = new Map<number, MappingEntry>();
  const out: ResolvedMappingEntry[] = [];
  for (const e of file.entries) {
    const fieldIndex = fieldNames.indexOf(e.fieldName);
    if (fieldIndex < 0) {
      const near = closest(e.fieldName, fieldNames);
      throw invalid(
        file.source,
        e.line,
        `le schéma n'a pas de champ « ${e.fieldName} »${near ? ` (vouliez-vous dire « ${near} » ?)` : ''}.`,
        `the schema has no field "${e.fieldName}"${near ? ` (did you mean "${near}"?)` : ''}.`,
        { fieldName: e.fieldName, suggestion: near },
      );
    }
    const r: ResolvedMappingEntry = { fieldIndex, fieldName: e.fieldName, line: e.line };
    const s = e.source;
    if (s.kind === 'constant') r.constant = s.value;
    else if (s.kind === 'compose') {
      r.compose = s.labels.map((label) => {
        const column = trimmed.indexOf(label.trim());
        if (column < 0) {
          const near = closest(label, labels);
          throw invalid(
            file.source,
            e.line,
            `le fichier d'entrée n'a pas de colonne « ${label} » (champ « ${e.fieldName} »)${near ? ` ; la plus proche : « ${near} »` : ''}.`,
            `the input has no column "${label}" (field "${e.fieldName}")${near ? `; closest: "${near}"` : ''}.`,
            { fieldName: e.fieldName, label, suggestion: near },
          );
        }
        return column;
      });
    } else if (s.kind === 'column-number') {
      if (s.number > labels.length) {
        throw invalid(
          file.source,
          e.line,
          `le fichier d'entrée n'a que ${labels.length} colonnes, pas de colonne ${s.number} pour le champ « ${e.fieldName} ».`,
          `the input has only ${labels.length} columns, no column ${s.number} for field "${e.fieldName}".`,
          { fieldName: e.fieldName, column: s.number },
        );
      }
      r.column = s.number - 1;
    } else if (s.kind === 'column') {
      const column = trimmed.indexOf(s.label.trim());
      if (column < 0) {
        const near = closest(s.label, labels);
        throw invalid(
          file.source,
          e.line,
          `le fichier d'entrée n'a pas de colonne « ${s.label} » (champ « ${e.fieldName} »)${near ? ` ; la plus proche : « ${near} »` : ''}.`,
          `the input has no column "${s.label}" (field "${e.fieldName}")${near ? `; closest: "${near}"` : ''}.`,
          { fieldName: e.fieldName, label: s.label, suggestion: near },
        );
      }
      r.column = column;
    }
    if (r.column !== undefined) {
      const prev = usedBy.get(r.column);
      if (prev) {
        throw invalid(
          file.source,
          e.line,
          `la colonne « ${labels[r.column]} » alimente déjà le champ « ${prev.fieldName} » (ligne ${prev.line}) : une colonne ne peut alimenter qu'un champ.`,
          `column "${labels[r.column]}" already feeds field "${prev.fieldName}" (line ${prev.line}): a column can feed only one field.`,
          { fieldName: e.fieldName, label: labels[r.column], otherField: prev.fieldName },
        );
      }
      usedBy.set(r.column, e);
    }
    out.push(r);
  }
  return out;
}

/** Render one scalar (a key or a label) as YAML on one line, quoted only when needed. */
function scalar(s: string): string {
  const out = stringifyYaml(s).trimEnd();
  return out.includes('\n') ? JSON.stringify(s) : out;
}

const KIND_NOTE: Record<MatchKind, string> = {
  exact: 'exact',
  folded: 'folded (casse, accents, séparateurs)',
  title: 'title (titre du champ)',
  synonym: 'synonym',
  mapping: 'mapping',
  suggestion: 'suggestion',
};

/** Options of formatMappingFile. */
export interface FormatMappingOptions {
  /** Catalogue reference written in the `schema:` key (`scdl/budget@0.8.3`). */
  schemaRef?: string;
  /** The input file's display name, for the opening comment. */
  input?: string;
}

/**
 * Write a mapping as the YAML file the user or an agent edits: every schema field with the input column
 * chosen (or null) and, as a comment, how it was matched (or why not: tie, suggestion, required); then the
 * input columns that feed no field, as comments. parseMappingFile reads it back.
 */
export function formatMappingFile(
  mapping: ColumnMapping,
  schema: TableSchema,
  labels: readonly string[],
  options: FormatMappingOptions = {},
): string {
  const lines: string[] = [];
  const about = options.input ? ` de ${options.input}` : '';
  lines.push(
    `# Correspondance des colonnes${about} avec le schéma${options.schemaRef ? ` ${options.schemaRef}` : ''} (odf map).`,
  );
  lines.push(
    "# Pour chaque champ : l'en-tête de la colonne qui l'alimente, null pour aucune, { column: N } pour la",
  );
  lines.push('# N-ième colonne, ou { constant: "valeur" } pour une même valeur sur toutes les lignes.');
  lines.push(
    '# Column mapping: for each field, the header of the input column that feeds it, null for none,',
  );
  lines.push('# { column: N } for the N-th column, or { constant: "value" } for one value on every row.');
  if (options.schemaRef) lines.push(`schema: ${scalar(options.schemaRef)}`);
  lines.push('fields:');
  const tiedFields = new Map<string, string[]>();
  for (const t of mapping.ties)
    for (const f of t.fieldNames) (tiedFields.get(f) ?? tiedFields.set(f, []).get(f)!).push(t.label);
  const rows: [string, string][] = [];
  for (const m of mapping.fields) {
    const field = schema.fields[m.fieldIndex];
    const required = field?.constraints?.required === true;
    let value: string;
    let note: string;
    if (m.constant !== undefined) {
      value = `{ constant: ${JSON.stringify(m.constant)} }`;
      note = 'mapping';
    } else if (m.composed?.fromMapping === true) {
      value = `{ compose: [${m.composed.labels.map((l) => JSON.stringify(l)).join(', ')}] }`;
      note = 'mapping';
    } else if (m.column !== undefined && m.label !== undefined) {
      const label = m.label;
      const unique =
        labels.indexOf(label) === m.column && labels.lastIndexOf(label) === m.column && label.trim() !== '';
      value = unique ? scalar(label) : `{ column: ${m.column + 1} }`;
      note = KIND_NOTE[m.kind ?? 'exact'];
    } else {
      value = 'null';
      const parts = [required ? 'aucune colonne, champ obligatoire' : 'aucune colonne'];
      const tied = tiedFields.get(m.fieldName);
      if (tied) parts.push(`ambigu entre ${tied.map((l) => JSON.stringify(l)).join(', ')}`);
      if (m.suggestion)
        parts.push(`suggestion : ${JSON.stringify(m.suggestion.label)} (${m.suggestion.score.toFixed(2)})`);
      if (m.composed)
        parts.push(
          `proposition : { compose: [${m.composed.labels.map((l) => JSON.stringify(l)).join(', ')}] }${m.composed.example !== undefined ? ` → ${JSON.stringify(m.composed.example)}` : ''}`,
        );
      note = parts.join(' ; ');
    }
    rows.push([`  ${scalar(m.fieldName)}: ${value}`, note]);
  }
  const width = Math.min(
    60,
    rows.reduce((w, [l]) => Math.max(w, l.length), 0),
  );
  for (const [l, note] of rows) lines.push(`${l.padEnd(width)}  # ${note}`);
  if (mapping.extra.length > 0) {
    lines.push('# Colonnes non utilisées / unused input columns:');
    for (const e of mapping.extra) lines.push(`#   - ${JSON.stringify(e.label)} (colonne ${e.column + 1})`);
  }
  return `${lines.join('\n')}\n`;
}
