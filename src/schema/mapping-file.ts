// The mapping file (YAML): read it with line numbers, check it against a header and a schema, and write it.
import { OdfError } from '../errors.js';
import { foldLabel, similarity } from '../text/fold.js';
import type { ColumnMapping, CoordinateOrder, FieldMatch, MatchKind, SplitPart } from './mapping-types.js';
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
  /** `{ split: geo_point_2d, part: lon }`: a part of a column that holds two values (issue 11). */
  | { kind: 'split'; label: string; part: SplitPart; order?: CoordinateOrder }
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
  /** The column the field is a part of (`{ split: A, part: lon }`). */
  split?: ResolvedSplit;
  line: number;
}

/** A `{ split: A, part: … }` entry of a mapping file, checked against the header and the schema. */
export interface ResolvedSplit {
  column: number;
  part: SplitPart;
  /** The `order:` the file gives for the column (on any of its entries), if any. */
  order?: CoordinateOrder;
  /** The mapping file and the entry's line, cited when the order cannot be decided from the data. */
  source: string;
  line: number;
}

/**
 * The failure of a mapping file that does not fit the data, with the file's line (`mapping-invalid`):
 * for the checks that need the data, made where it is read.
 */
export function mappingFileError(
  source: string,
  line: number | undefined,
  fr: string,
  en: string,
  data: Record<string, unknown> = {},
): OdfError {
  return invalid(source, line, fr, en, data);
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
      required: ['split', 'part'],
      additionalProperties: false,
      properties: {
        split: { type: ['string', 'number'] },
        part: { type: 'string' },
        order: { type: 'string' },
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
      fr: `valeur incomprise pour le champ « ${String(fieldName)} » (attendu : l'en-tête d'une colonne, null, { constant: "…" }, { column: N }, { compose: [A, B] } ou { split: A, part: lon }).`,
      en: `cannot read the value of field "${String(fieldName)}" (expected: a column header, null, { constant: "…" }, { column: N }, { compose: [A, B] } or { split: A, part: lon }).`,
      at: ['fields', fieldName!],
      data: { fieldName },
    };
  },
};

/** The parts a `{ split: … }` entry may name, and their other spellings. */
const PART_NAMES: Readonly<Record<string, SplitPart>> = {
  lon: 'lon',
  lng: 'lon',
  long: 'lon',
  longitude: 'lon',
  lat: 'lat',
  latitude: 'lat',
  date: 'date',
  time: 'time',
  heure: 'time',
};

/** The orders an `order:` may give, letters only (`lat-lon`, `lat, lon`, `latitude longitude`…). */
const ORDER_NAMES: Readonly<Record<string, CoordinateOrder>> = {
  latlon: 'lat-lon',
  latlng: 'lat-lon',
  latlong: 'lat-lon',
  latitudelongitude: 'lat-lon',
  lonlat: 'lon-lat',
  lnglat: 'lon-lat',
  longlat: 'lon-lat',
  longitudelatitude: 'lon-lat',
};

/** A `{ split: A, part: P, order: O }` entry read, its part and order checked (with the entry's line). */
function splitSource(
  o: { split?: unknown; part?: unknown; order?: unknown },
  fieldName: string,
  source: string,
  line: number,
): MappingSource {
  const part = PART_NAMES[String(o.part).trim().toLowerCase()];
  if (part === undefined) {
    throw invalid(
      source,
      line,
      `partie inconnue « ${String(o.part)} » pour le champ « ${fieldName} » (attendu : lon, lat, date ou time).`,
      `unknown part "${String(o.part)}" for field "${fieldName}" (expected: lon, lat, date or time).`,
      { fieldName, part: o.part },
    );
  }
  if (o.order === undefined) return { kind: 'split', label: String(o.split), part };
  const order =
    ORDER_NAMES[
      String(o.order)
        .toLowerCase()
        .replace(/[^a-z]/g, '')
    ];
  if (order === undefined || (part !== 'lon' && part !== 'lat')) {
    throw invalid(
      source,
      line,
      order === undefined
        ? `ordre inconnu « ${String(o.order)} » pour le champ « ${fieldName} » (attendu : lat-lon ou lon-lat).`
        : `« order » ne vaut que pour des coordonnées (part: lon ou lat), pas pour le champ « ${fieldName} » (part: ${part}).`,
      order === undefined
        ? `unknown order "${String(o.order)}" for field "${fieldName}" (expected: lat-lon or lon-lat).`
        : `"order" only applies to coordinates (part: lon or lat), not to field "${fieldName}" (part: ${part}).`,
      { fieldName, order: o.order },
    );
  }
  return { kind: 'split', label: String(o.split), part, order };
}

function sourceOf(value: unknown, fieldName: string, source: string, line: number): MappingSource {
  if (value === null || value === undefined) return { kind: 'none' };
  if (typeof value !== 'object') return { kind: 'column', label: String(value) };
  const o = value as { constant?: unknown; column?: unknown; compose?: unknown; split?: unknown };
  if ('constant' in o) return { kind: 'constant', value: String(o.constant) };
  if (Array.isArray(o.compose)) return { kind: 'compose', labels: o.compose.map(String) };
  if ('split' in o) return splitSource(o, fieldName, source, line);
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
 *   EQUIP_LONG: { split: geo_point_2d, part: lon }   # a part of a column holding two values
 * ```
 * @throws OdfError('mapping-invalid') with the line for a YAML syntax error or a wrong shape.
 */
export function parseMappingFile(text: string, source: string): MappingFile {
  const doc = readDocument(text, source, MAPPING_KIND);
  const top = doc.value as { schema?: string; fields: Record<string, unknown> };
  const entries: MappingEntry[] = Object.entries(top.fields).map(([fieldName, v]) => {
    const line = doc.lineOf(['fields', fieldName]) ?? 1;
    return { fieldName, source: sourceOf(v, fieldName, source, line), line };
  });
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
  /** The input column a label names. @throws mapping-invalid with the entry's line and the closest label. */
  const columnOf = (label: string, e: MappingEntry): number => {
    const column = trimmed.indexOf(label.trim());
    if (column >= 0) return column;
    const near = closest(label, labels);
    throw invalid(
      file.source,
      e.line,
      `le fichier d'entrée n'a pas de colonne « ${label} » (champ « ${e.fieldName} »)${near ? ` ; la plus proche : « ${near} »` : ''}.`,
      `the input has no column "${label}" (field "${e.fieldName}")${near ? `; closest: "${near}"` : ''}.`,
      { fieldName: e.fieldName, label, suggestion: near },
    );
  };
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
    else if (s.kind === 'compose') r.compose = s.labels.map((label) => columnOf(label, e));
    else if (s.kind === 'split') {
      r.split = resolveSplit(file.source, e, s, columnOf(s.label, e), schema.fields[fieldIndex]?.type);
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
    } else if (s.kind === 'column') r.column = columnOf(s.label, e);
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
  checkSplits(file, labels, out);
  return out;
}

/** A split entry whose column exists, checked against the field's type. @throws mapping-invalid. */
function resolveSplit(
  source: string,
  e: MappingEntry,
  s: Extract<MappingSource, { kind: 'split' }>,
  column: number,
  fieldType: string | undefined,
): ResolvedSplit {
  const type = fieldType ?? 'string';
  if (!PART_TYPES[s.part].includes(type)) {
    throw invalid(
      source,
      e.line,
      `la partie « ${s.part} » (${PART_FR[s.part]}) de la colonne « ${s.label} » ne convient pas au champ « ${e.fieldName} », de type ${type}.`,
      `part "${s.part}" (${PART_EN[s.part]}) of column "${s.label}" does not fit field "${e.fieldName}", of type ${type}.`,
      { fieldName: e.fieldName, label: s.label, part: s.part, type },
    );
  }
  const out: ResolvedSplit = { column, part: s.part, source, line: e.line };
  if (s.order) out.order = s.order;
  return out;
}

/** The field types each part may feed (a field without a type is a string). */
const PART_TYPES: Readonly<Record<SplitPart, readonly string[]>> = {
  lon: ['number', 'string', 'any'],
  lat: ['number', 'string', 'any'],
  date: ['date', 'string', 'any'],
  time: ['time', 'string', 'any'],
};
const PART_FR: Readonly<Record<SplitPart, string>> = {
  lon: 'une longitude',
  lat: 'une latitude',
  date: 'une date',
  time: 'une heure',
};
const PART_EN: Readonly<Record<SplitPart, string>> = {
  lon: 'a longitude',
  lat: 'a latitude',
  date: 'a date',
  time: 'a time',
};

/**
 * The split entries of one column agree: each part once, coordinates or a date and time (not both),
 * one order; the order given on one entry holds for the column's other entries.
 */
function checkSplits(file: MappingFile, labels: readonly string[], entries: ResolvedMappingEntry[]): void {
  const byColumn = new Map<number, ResolvedMappingEntry[]>();
  for (const r of entries)
    if (r.split)
      (byColumn.get(r.split.column) ?? byColumn.set(r.split.column, []).get(r.split.column)!).push(r);
  for (const [column, list] of byColumn) {
    const label = labels[column];
    const seen = new Map<SplitPart, ResolvedMappingEntry>();
    let order: ResolvedMappingEntry | undefined;
    for (const r of list) {
      const s = r.split!;
      const prev = seen.get(s.part);
      if (prev) {
        throw invalid(
          file.source,
          r.line,
          `la partie « ${s.part} » de la colonne « ${label} » alimente déjà le champ « ${prev.fieldName} » (ligne ${prev.line}).`,
          `part "${s.part}" of column "${label}" already feeds field "${prev.fieldName}" (line ${prev.line}).`,
          { fieldName: r.fieldName, label, part: s.part, otherField: prev.fieldName },
        );
      }
      const mixed = [...seen.keys()].find(
        (p) => (p === 'lon' || p === 'lat') !== (s.part === 'lon' || s.part === 'lat'),
      );
      if (mixed) {
        throw invalid(
          file.source,
          r.line,
          `la colonne « ${label} » ne peut pas donner à la fois des coordonnées et une date avec son heure (parties « ${mixed} » et « ${s.part} »).`,
          `column "${label}" cannot give both coordinates and a date with its time (parts "${mixed}" and "${s.part}").`,
          { fieldName: r.fieldName, label, part: s.part },
        );
      }
      seen.set(s.part, r);
      if (s.order === undefined) continue;
      if (order && order.split!.order !== s.order) {
        throw invalid(
          file.source,
          r.line,
          `l'ordre « ${s.order} » contredit l'ordre « ${order.split!.order} » donné pour la même colonne « ${label} » (ligne ${order.line}).`,
          `order "${s.order}" contradicts order "${order.split!.order}" given for the same column "${label}" (line ${order.line}).`,
          { fieldName: r.fieldName, label, order: s.order },
        );
      }
      order ??= r;
    }
    if (order) for (const r of list) r.split!.order = order.split!.order;
  }
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

/** A split as a mapping file writes it: `{ split: "geo_point_2d", part: lon, order: lat-lon }`. */
function splitEntry(p: NonNullable<FieldMatch['split']>): string {
  return `{ split: ${JSON.stringify(p.label)}, part: ${p.part}${p.order ? `, order: ${p.order}` : ''} }`;
}

/** The comment of a proposed split: the entry to copy and its first value, or what is left to say. */
function splitNote(p: NonNullable<FieldMatch['split']>): string {
  if (p.order === undefined && (p.part === 'lon' || p.part === 'lat')) {
    const why =
      p.undecided === 'conflict'
        ? 'les premières lignes donnent les deux ordres'
        : 'les premières lignes ne disent pas laquelle vient en premier';
    return `proposition : { split: ${JSON.stringify(p.label)}, part: ${p.part}, order: lat-lon ou lon-lat } (ordre à préciser : ${why})`;
  }
  return `proposition : ${splitEntry(p)}${p.example !== undefined ? ` → ${JSON.stringify(p.example)}` : ''}`;
}

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
    } else if (m.composed && (m.composed.fromMapping === true || m.column !== undefined)) {
      // Asked for by a mapping file, or accepted (its column is then one odf added, not the input's).
      value = `{ compose: [${m.composed.labels.map((l) => JSON.stringify(l)).join(', ')}] }`;
      note = 'mapping';
    } else if (m.split && (m.split.fromMapping === true || m.column !== undefined)) {
      value = splitEntry(m.split);
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
      if (m.split) parts.push(splitNote(m.split));
      note = parts.join(' ; ');
    }
    rows.push([`  ${scalar(m.fieldName)}: ${value}`, note]);
  }
  const width = Math.min(
    60,
    rows.reduce((w, [l]) => Math.max(w, l.length), 0),
  );
  for (const [l, note] of rows) lines.push(`${l.padEnd(width)}  # ${note}`);
  // Columns a mapping file composes or splits are used, though no field reads them whole.
  const used = new Set<number>();
  for (const m of mapping.fields) {
    if (m.split?.fromMapping === true) used.add(m.split.column);
    if (m.composed?.fromMapping === true) for (const c of m.composed.columns) used.add(c);
  }
  const unused = mapping.extra.filter((e) => !used.has(e.column));
  if (unused.length > 0) {
    lines.push('# Colonnes non utilisées / unused input columns:');
    for (const e of unused) lines.push(`#   - ${JSON.stringify(e.label)} (colonne ${e.column + 1})`);
  }
  return `${lines.join('\n')}\n`;
}
