// Header → field mapping: match each input column to a schema field (exact, folded, title, synonym, suggestion).
import type { Finding } from '../findings/types.js';
import { foldLabel, similarity } from '../text/fold.js';
import type { MappingFile } from './mapping-file.js';
import { resolveMappingFile } from './mapping-file.js';
import type { ColumnMapping, ColumnSample, FieldMatch, MatchKind } from './mapping-types.js';
import type { SynonymTable } from './synonyms.js';
import { bundledSynonyms, mergeSynonyms } from './synonyms.js';
import type { TableSchema } from './types.js';

/**
 * Minimum similarity (1 − edit distance / longer length, on folded text) for a suggestion. 0.8 lets one
 * typo in every five letters through (`nomBeneficiare` for `nomBeneficiaire`: 0.93) and keeps short
 * unrelated names apart (`lat`/`long`: 0.25).
 */
export const SUGGESTION_MIN_SIMILARITY = 0.8;

/** The automatic levels, in the order they are tried. */
const LEVELS = ['exact', 'folded', 'title', 'synonym'] as const;
type Level = (typeof LEVELS)[number];

/** A schema's names, folded names, titles and aliases, indexed once so a header is matched in O(labels). */
export interface SchemaIndex {
  readonly fieldCount: number;
  readonly fieldNames: readonly string[];
  readonly required: readonly boolean[];
  /** Per level: key (raw name for `exact`, folded text otherwise) → field indexes. */
  readonly keys: Readonly<Record<Level, ReadonlyMap<string, readonly number[]>>>;
  /** Folded name, title and aliases of every field, for similarity. */
  readonly similarityKeys: readonly (readonly string[])[];
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  if (key === '') return;
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (!list.includes(i)) list.push(i);
}

/** Index a schema for matching (names, folded names, folded titles, folded aliases). */
export function indexSchema(schema: TableSchema, synonyms: SynonymTable = {}): SchemaIndex {
  const exact = new Map<string, number[]>();
  const folded = new Map<string, number[]>();
  const title = new Map<string, number[]>();
  const synonym = new Map<string, number[]>();
  const similarityKeys: string[][] = [];
  schema.fields.forEach((f, i) => {
    const keys = new Set<string>();
    push(exact, f.name, i);
    const fn = foldLabel(f.name);
    push(folded, fn, i);
    keys.add(fn);
    if (typeof f.title === 'string') {
      const ft = foldLabel(f.title);
      push(title, ft, i);
      keys.add(ft);
    }
    for (const alias of synonyms[f.name] ?? []) {
      const fa = foldLabel(alias);
      push(synonym, fa, i);
      keys.add(fa);
    }
    keys.delete('');
    similarityKeys.push([...keys]);
  });
  return {
    fieldCount: schema.fields.length,
    fieldNames: schema.fields.map((f) => f.name),
    required: schema.fields.map((f) => f.constraints?.required === true),
    keys: { exact, folded, title, synonym },
    similarityKeys,
  };
}

/** Options of matchColumns. */
export interface MatchOptions {
  /** Catalogue name (`scdl/budget`, a version suffix is ignored): selects the bundled synonyms. */
  schemaName?: string;
  /** Extra aliases (a user's table), added to the bundled ones. */
  synonyms?: SynonymTable;
  /** Use the bundled synonyms of `schemaName` (default true). */
  bundledSynonyms?: boolean;
  /** A mapping file: its entries override automatic matching for the fields it names. */
  mapping?: MappingFile;
  /** Apply similarity suggestions (kind `suggestion`) instead of only offering them (normalize --accept-suggestions). */
  acceptSuggestions?: boolean;
  /** Compute similarity suggestions (default true; schema recognition turns them off). */
  suggest?: boolean;
  /** The first data rows, for weighing each column's values against the fields (issue 11). */
  sample?: ColumnSample;
}

const UNSET = -1;

/**
 * Match with a prepared index. `preset` holds the decisions of a mapping file (field → column or constant),
 * taken before any automatic level.
 */
export function matchWithIndex(
  labels: readonly string[],
  index: SchemaIndex,
  options: {
    suggest?: boolean;
    acceptSuggestions?: boolean;
    preset?: readonly { fieldIndex: number; column?: number; constant?: string }[];
  } = {},
): ColumnMapping {
  const nFields = index.fieldCount;
  const nCols = labels.length;
  const fieldCol = new Array<number>(nFields).fill(UNSET);
  const colField = new Array<number>(nCols).fill(UNSET);
  const fieldKind = new Array<MatchKind | undefined>(nFields);
  const fields: FieldMatch[] = index.fieldNames.map((fieldName, fieldIndex) => ({ fieldName, fieldIndex }));
  const fieldDone = new Array<boolean>(nFields).fill(false);
  const colDone = new Array<boolean>(nCols).fill(false);

  for (const p of options.preset ?? []) {
    fieldDone[p.fieldIndex] = true;
    fields[p.fieldIndex]!.kind = 'mapping';
    if (p.constant !== undefined) fields[p.fieldIndex]!.constant = p.constant;
    if (p.column !== undefined) {
      fieldCol[p.fieldIndex] = p.column;
      colField[p.column] = p.fieldIndex;
      colDone[p.column] = true;
    }
  }

  // A label repeated to the letter is one column read twice (duplicate-label): the first one is matched,
  // as Frictionless does, and the repeats are left as extra columns rather than blocking the field.
  const firstOf = new Map<string, number>();
  for (let c = 0; c < nCols; c++) {
    const label = labels[c]!;
    if (colField[c] !== UNSET || label.trim() === '') continue;
    if (firstOf.has(label)) colDone[c] = true;
    else firstOf.set(label, c);
  }

  const folded = labels.map(foldLabel);
  // Best (first) level of every (column, field) pair.
  const pairsByLevel: [number, number][][] = LEVELS.map(() => []);
  for (let c = 0; c < nCols; c++) {
    if (colDone[c] || folded[c] === '') continue;
    const seen = new Set<number>();
    LEVELS.forEach((level, li) => {
      const hits = index.keys[level].get(level === 'exact' ? labels[c]! : folded[c]!);
      if (!hits) return;
      for (const f of hits) {
        if (seen.has(f) || fieldDone[f]) continue;
        seen.add(f);
        pairsByLevel[li]!.push([c, f]);
      }
    });
  }

  const ties: ColumnMapping['ties'] = [];
  LEVELS.forEach((level, li) => {
    const pairs = pairsByLevel[li]!.filter(([c, f]) => !colDone[c] && !fieldDone[f]);
    if (pairs.length === 0) return;
    const perCol = new Map<number, number[]>();
    const perField = new Map<number, number>();
    for (const [c, f] of pairs) {
      (perCol.get(c) ?? perCol.set(c, []).get(c)!).push(f);
      perField.set(f, (perField.get(f) ?? 0) + 1);
    }
    const blockedCols = new Set<number>();
    const blockedFields = new Set<number>();
    for (const [c, fs] of perCol) {
      if (fs.length === 1 && perField.get(fs[0]!) === 1) {
        const f = fs[0]!;
        fieldCol[f] = c;
        colField[c] = f;
        fieldKind[f] = level;
      } else {
        // Several fields for this column, or several columns for its field: report, never guess.
        ties.push({
          label: labels[c]!,
          column: c,
          fieldNames: fs.map((f) => index.fieldNames[f]!),
          kind: level,
        });
        blockedCols.add(c);
        for (const f of fs) blockedFields.add(f);
      }
    }
    for (const [c, f] of pairs) {
      if (colField[c] === f) {
        colDone[c] = true;
        fieldDone[f] = true;
      }
    }
    for (const c of blockedCols) colDone[c] = true;
    for (const f of blockedFields) fieldDone[f] = true;
  });

  for (let f = 0; f < nFields; f++) {
    const c = fieldCol[f]!;
    if (c === UNSET) continue;
    const m = fields[f]!;
    m.column = c;
    m.label = labels[c]!;
    if (fieldKind[f]) m.kind = fieldKind[f];
  }

  if (options.suggest !== false)
    suggest(labels, folded, index, fields, colDone, fieldDone, options.acceptSuggestions === true);

  const extra: ColumnMapping['extra'] = [];
  const fed = new Set<number>();
  for (const m of fields) if (m.column !== undefined) fed.add(m.column);
  for (let c = 0; c < nCols; c++) if (!fed.has(c)) extra.push({ column: c, label: labels[c]! });
  return { fields, extra, ties };
}

/** Level 5: mutual best similarity between a free column and a free field, above the threshold and unique. */
function suggest(
  labels: readonly string[],
  folded: readonly string[],
  index: SchemaIndex,
  fields: FieldMatch[],
  colDone: readonly boolean[],
  fieldDone: readonly boolean[],
  accept: boolean,
): void {
  const freeCols: number[] = [];
  for (let c = 0; c < labels.length; c++) if (!colDone[c] && folded[c] !== '') freeCols.push(c);
  const freeFields: number[] = [];
  for (let f = 0; f < index.fieldCount; f++) if (!fieldDone[f]) freeFields.push(f);
  if (freeCols.length === 0 || freeFields.length === 0) return;

  const score = new Map<number, number>();
  const key = (c: number, f: number): number => c * index.fieldCount + f;
  for (const c of freeCols) {
    for (const f of freeFields) {
      let best = 0;
      for (const k of index.similarityKeys[f]!) best = Math.max(best, similarity(folded[c]!, k));
      if (best >= SUGGESTION_MIN_SIMILARITY) score.set(key(c, f), best);
    }
  }
  if (score.size === 0) return;
  // The unique best partner of `x` among `others`, or undefined when there is none or a tie.
  const uniqueBest = (pairs: [number, number][]): number | undefined => {
    let best = -1;
    let who: number | undefined;
    let tied = false;
    for (const [other, s] of pairs) {
      if (s > best) [best, who, tied] = [s, other, false];
      else if (s === best) tied = true;
    }
    return tied ? undefined : who;
  };
  for (const f of freeFields) {
    const forField: [number, number][] = [];
    for (const c of freeCols) {
      const s = score.get(key(c, f));
      if (s !== undefined) forField.push([c, s]);
    }
    const c = uniqueBest(forField);
    if (c === undefined) continue;
    const forCol: [number, number][] = [];
    for (const g of freeFields) {
      const s = score.get(key(c, g));
      if (s !== undefined) forCol.push([g, s]);
    }
    if (uniqueBest(forCol) !== f) continue;
    const s = Math.round(score.get(key(c, f))! * 1000) / 1000;
    const m = fields[f]!;
    m.suggestion = { column: c, label: labels[c]!, score: s };
    if (accept) {
      m.column = c;
      m.label = labels[c]!;
      m.kind = 'suggestion';
    }
  }
}

const indexCache = new WeakMap<TableSchema, Map<string, SchemaIndex>>();

/** The index of a schema with the bundled synonyms of `schemaName`, cached per schema object. */
export function cachedSchemaIndex(schema: TableSchema, schemaName?: string): SchemaIndex {
  let bySchema = indexCache.get(schema);
  if (!bySchema) indexCache.set(schema, (bySchema = new Map()));
  const k = schemaName?.replace(/@.*$/, '').toLowerCase() ?? '';
  let index = bySchema.get(k);
  if (!index) {
    index = indexSchema(schema, schemaName ? bundledSynonyms(schemaName) : undefined);
    bySchema.set(k, index);
  }
  return index;
}

/**
 * Map the input header onto the schema's fields. Each field gets at most one column and each column
 * feeds at most one field. Levels are tried in order of confidence (exact name; name folded for case,
 * accents and separators; folded title; folded synonym); a column or field that matches several at the
 * same level is reported in `ties` and left unmapped. Similarity only yields `suggestion`s, applied when
 * `acceptSuggestions`. A mapping file overrides the fields it names and its columns are taken first.
 *
 * @throws OdfError('mapping-invalid') when the mapping file names a field the schema lacks or a column
 * the input lacks (with the file's line).
 */
export function matchColumns(
  labels: readonly string[],
  schema: TableSchema,
  options: MatchOptions = {},
): ColumnMapping {
  const useBundled = options.bundledSynonyms !== false && options.schemaName !== undefined;
  const index =
    options.synonyms === undefined
      ? useBundled
        ? cachedSchemaIndex(schema, options.schemaName)
        : indexSchema(schema)
      : indexSchema(
          schema,
          mergeSynonyms(useBundled ? bundledSynonyms(options.schemaName!) : undefined, options.synonyms),
        );
  const preset = options.mapping
    ? resolveMappingFile(options.mapping, labels, schema, options.schemaName)
    : undefined;
  return matchWithIndex(labels, index, {
    preset,
    suggest: options.suggest,
    acceptSuggestions: options.acceptSuggestions,
  });
}

const AUTO_RENAMED = new Set<MatchKind>(['folded', 'title', 'synonym', 'suggestion']);

/**
 * The header findings of a mapping (the validator adds them before the rows): incorrect-label,
 * label-suggestion, ambiguous-label, missing-label / missing-optional-label, extra-label, label-order.
 * Every finding is on the header row (rowNumber 1), with the field's name and 1-based position in the
 * schema (fieldNumber) and the input column label when there is one.
 */
export function mappingFindings(
  mapping: ColumnMapping,
  schema: TableSchema,
  labels: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  const tiedCols = new Set(mapping.ties.map((t) => t.column));
  const tiedFields = new Set(mapping.ties.flatMap((t) => t.fieldNames));
  const suggestedCols = new Set<number>();

  for (const m of mapping.fields) {
    const fieldNumber = m.fieldIndex + 1;
    const required = schema.fields[m.fieldIndex]?.constraints?.required === true;
    // A column a mapping file assigns still has to be renamed for the file to be conform as published.
    const renamed = m.kind === 'mapping' && m.label !== undefined && m.label !== m.fieldName;
    if (m.column !== undefined && m.kind && (AUTO_RENAMED.has(m.kind) || renamed)) {
      out.push({
        code: 'incorrect-label',
        level: 'error',
        loc: { rowNumber: 1, fieldName: m.fieldName, fieldNumber, column: m.label },
        params: { label: m.label, fieldName: m.fieldName, kind: m.kind, columnNumber: m.column + 1 },
        fixable: true,
      });
      continue;
    }
    if (m.column !== undefined) continue;
    if (m.suggestion) suggestedCols.add(m.suggestion.column);
    if (!tiedFields.has(m.fieldName)) {
      // A constant from a mapping file fills the column when normalising; the file as it is still lacks it.
      out.push({
        code: required ? 'missing-label' : 'missing-optional-label',
        level: required ? 'error' : 'warning',
        loc: { rowNumber: 1, fieldName: m.fieldName, fieldNumber },
        params: {
          fieldName: m.fieldName,
          required,
          ...(m.suggestion ? { suggestion: m.suggestion.label } : {}),
          ...(m.constant !== undefined ? { constant: m.constant } : {}),
        },
        ...(m.constant !== undefined ? { fixable: true } : {}),
      });
    }
    if (m.suggestion) {
      out.push({
        code: 'label-suggestion',
        level: 'warning',
        loc: { rowNumber: 1, fieldName: m.fieldName, fieldNumber, column: m.suggestion.label },
        params: {
          label: m.suggestion.label,
          fieldName: m.fieldName,
          score: m.suggestion.score,
          columnNumber: m.suggestion.column + 1,
        },
        fixable: true,
      });
    }
  }

  for (const t of mapping.ties) {
    const first = schema.fields.findIndex((f) => f.name === t.fieldNames[0]);
    out.push({
      code: 'ambiguous-label',
      level: 'warning',
      loc: { rowNumber: 1, fieldName: t.fieldNames[0], fieldNumber: first + 1, column: t.label },
      params: {
        label: t.label,
        fieldNames: t.fieldNames,
        kind: t.kind,
        columnNumber: t.column + 1,
        // The other columns competing for the same field(s).
        rivals: mapping.ties
          .filter((o) => o !== t && o.fieldNames.some((f) => t.fieldNames.includes(f)))
          .map((o) => o.label),
      },
    });
  }

  for (const e of mapping.extra) {
    if (tiedCols.has(e.column) || suggestedCols.has(e.column)) continue;
    // A blank header is reported as blank-label by the structure checks.
    if (e.label.trim() === '') continue;
    out.push({
      code: 'extra-label',
      level: 'warning',
      loc: { rowNumber: 1, column: e.label },
      params: { label: e.label, columnNumber: e.column + 1 },
    });
  }

  const order = mapping.fields.filter((m) => m.column !== undefined);
  const outOfOrder = order.some((m, i) => i > 0 && m.column! < order[i - 1]!.column!);
  if (outOfOrder) {
    out.push({
      code: 'label-order',
      level: 'warning',
      loc: { rowNumber: 1 },
      params: {
        expected: order.map((m) => m.fieldName),
        // The mapped input labels in the order the file has them.
        actual: [...order].sort((a, b) => a.column! - b.column!).map((m) => labels[m.column!] ?? m.fieldName),
      },
      fixable: true,
    });
  }
  return out;
}
