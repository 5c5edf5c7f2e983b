// Column content against schema fields: what a bounded sample of values says about which field a column feeds.
import { actesProblem } from '../checks/nomenclature-acte.js';
import { gpsVerdict } from '../checks/french-gps-coordinates.js';
import { readsOpeningHours } from '../checks/opening-hours-value.js';
import { isValidFrenchPhone } from '../checks/phone-number-value.js';
import { sirenProblem } from '../checks/siren.js';
import { compactIdentifier, siretProblem } from '../checks/siret.js';
import { yearIntervalProblem } from '../checks/year-interval-value.js';
import { compileFieldPlan, type CompiledFieldPlan } from '../fields/compile.js';
import { prebuiltFieldFacts, type PrebuiltFieldFacts } from '../schema/prebuilt-catalogue.js';
import { foldLabel } from '../text/fold.js';
import type { ColumnSample } from '../schema/mapping-types.js';
import type { Field, TableSchema } from '../schema/types.js';

/** Data rows of a sample that are read (the engine may hand more). */
export const SAMPLE_MAX_ROWS = 200;
/** Distinct non-empty values kept per column: enough to judge, bounded whatever the file. */
export const SAMPLE_MAX_VALUES = 24;
/** Fewer distinct values than this say nothing against a field (one odd cell is an error, not evidence). */
export const CONTRADICTION_MIN_VALUES = 3;
/** Share of values a field must accept for content to support a column (`fit`). */
export const SUPPORT_MIN_FIT = 0.9;
/** Below this share of accepted values, content contradicts the field. */
export const CONTRADICTION_MAX_FIT = 0.5;
/** Specificity a field needs for its content alone to point at a column (see fieldContent). */
export const CONTENT_ONLY_MIN_SPECIFICITY = 0.85;

/**
 * Kinds of values common in French public data, as csv-detective detects them: each with a test on one
 * value and examples. A column is tagged with a kind when most of its values have it; a field accepts a
 * kind when it accepts all its examples. Tags only narrow the search: the field's own test decides.
 */
interface Kind {
  tag: string;
  test(v: string): boolean;
  examples: readonly string[];
}

const compact = (v: string): string => compactIdentifier(v) ?? v;

const KINDS: readonly Kind[] = [
  {
    tag: 'siret',
    test: (v) => siretProblem(compact(v)) === undefined,
    examples: ['21290103700011', '13002526500013'],
  },
  { tag: 'siren', test: (v) => sirenProblem(compact(v)) === undefined, examples: ['212901037', '552100554'] },
  { tag: 'rna', test: (v) => /^W\d{9}$/.test(v), examples: ['W751234567', 'W291002345'] },
  { tag: 'code5', test: (v) => /^(?:\d{5}|2[AB]\d{3})$/.test(v), examples: ['75056', '29103'] },
  { tag: 'year', test: (v) => /^(?:1[89]|20)\d{2}$/.test(v), examples: ['2023', '1998'] },
  { tag: 'date', test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v), examples: ['2023-01-15', '2021-12-31'] },
  {
    tag: 'date-fr',
    test: (v) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v),
    examples: ['15/01/2023', '31/12/2021'],
  },
  {
    tag: 'datetime',
    test: (v) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?/.test(v),
    examples: ['2023-01-15T10:30:00', '2021-12-31T08:00:00Z'],
  },
  { tag: 'time', test: (v) => /^\d{1,2}:\d{2}(?::\d{2})?$/.test(v), examples: ['08:30', '14:00:00'] },
  { tag: 'integer', test: (v) => /^-?\d{1,15}$/.test(v), examples: ['3', '1250'] },
  {
    tag: 'decimal',
    test: (v) => /^-?\d[\d\s\u00a0\u202f]*[.,]\d+$/.test(v),
    examples: ['3.5', '1250.75'],
  },
  {
    tag: 'boolean',
    test: (v) => /^(?:true|false|vrai|faux|oui|non|yes|no)$/i.test(v),
    examples: ['true', 'false'],
  },
  { tag: 'email', test: (v) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v), examples: ['contact@mairie.fr'] },
  { tag: 'url', test: (v) => /^https?:\/\/\S+$/i.test(v), examples: ['https://www.exemple.fr/page'] },
  {
    tag: 'phone',
    test: (v) => /^(?:\+33|0)\s?[1-9](?:[\s.-]?\d{2}){4}$/.test(v),
    examples: ['01 23 45 67 89', '+33298123456'],
  },
  {
    tag: 'acte',
    test: (v) => actesProblem(v) === undefined,
    examples: ['Finances locales/Subventions', 'Urbanisme/Documents d urbanisme'],
  },
  {
    tag: 'bal-key',
    test: (v) => /^(?:\d{5}|2[AB]\d{3})_[0-9a-z]{4,}_\d{5}(?:_[0-9a-z]+)?$/i.test(v),
    examples: ['29103_0100_00012', '75056_a1b2_00001_bis'],
  },
  {
    tag: 'point',
    test: (v) => /^\[?\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\]?$/.test(v),
    examples: ['[2.3522, 48.8566]', '-4.25,48.45'],
  },
  {
    tag: 'opening-hours',
    test: (v) => /^(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|24\/7)\b/.test(v),
    examples: ['Mo-Fr 08:00-12:00', '24/7'],
  },
  { tag: 'json-array', test: (v) => /^\[.*\]$/s.test(v), examples: ['["a","b"]'] },
  {
    tag: 'uuid',
    test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
    examples: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
  },
];

const KIND_PROBES: readonly string[] = KINDS.flatMap((k) => k.examples);
/** A kind's bit in the kinds of PrebuiltFieldFacts. */
const KIND_BIT: ReadonlyMap<string, number> = new Map(KINDS.map((k, i) => [k.tag, i]));
/** Kinds a field may take only through a repair (a date field reads `15/01/2023` as 2023-01-15). */
const LENIENT_KINDS = new Set(['date-fr', 'decimal']);

/** Ordinary texts: what almost any string field accepts and a specific one refuses. */
const GENERIC_PROBES: readonly string[] = [
  'Lorem ipsum dolor',
  'Commune de Landerneau',
  'abc',
  'x',
  'N/A',
  'Réfection de la toiture de l’école',
];

/** What a sample says about one input column. */
export interface ColumnContent {
  /** Distinct non-empty values, in the order first seen (at most SAMPLE_MAX_VALUES). */
  values: readonly string[];
  /** Kinds (KINDS tags) that nine values in ten of the column have. */
  tags: readonly string[];
}

/** A sample's columns, with indexes to find the columns of a kind or holding a value. */
export interface SampleContent {
  columns: readonly ColumnContent[];
  /** Tag → columns tagged with it (ascending). */
  byTag: ReadonlyMap<string, readonly number[]>;
  /** Folded value → columns holding it (ascending). */
  byValue: ReadonlyMap<string, readonly number[]>;
  /** Fits already computed, by `column|fieldKey`. */
  fits: Map<string, ContentFit>;
  /** Support verdicts already computed (columnSupports), by `column|fieldKey|s`. */
  supportCache: Map<string, boolean>;
}

const contentCache = new WeakMap<ColumnSample, SampleContent>();

/**
 * The content of every column of a sample, computed once per sample: distinct values (bounded) and
 * kinds. Cost: O(rows × columns) with rows ≤ SAMPLE_MAX_ROWS; each column's kinds are tested on its first
 * value, then only the kinds still standing on the next ones.
 */
export function sampleContent(sample: ColumnSample): SampleContent {
  const cached = contentCache.get(sample);
  if (cached) return cached;
  const rows = sample.rows.length > SAMPLE_MAX_ROWS ? sample.rows.slice(0, SAMPLE_MAX_ROWS) : sample.rows;
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const columns: ColumnContent[] = [];
  const byTag = new Map<string, number[]>();
  const byValue = new Map<string, number[]>();
  for (let c = 0; c < width; c++) {
    const seen = new Set<string>();
    const values: string[] = [];
    for (const r of rows) {
      const v = (r[c] ?? '').trim();
      if (v === '' || seen.has(v)) continue;
      seen.add(v);
      values.push(v);
      if (values.length >= SAMPLE_MAX_VALUES) break;
    }
    const tags = tagsOf(values);
    columns.push({ values, tags });
    for (const t of tags) (byTag.get(t) ?? byTag.set(t, []).get(t)!).push(c);
    for (const v of values) {
      const k = foldLabel(v);
      if (k === '') continue;
      const list = byValue.get(k) ?? byValue.set(k, []).get(k)!;
      if (list[list.length - 1] !== c) list.push(c);
    }
  }
  const content: SampleContent = { columns, byTag, byValue, fits: new Map(), supportCache: new Map() };
  contentCache.set(sample, content);
  return content;
}

/**
 * The kinds that all values but one in ten have, in KINDS order. Kind by kind, so that each kind stops
 * at its first miss too many, without an object or array per value (one per column and file otherwise
 * adds up in a batch).
 */
function tagsOf(values: readonly string[]): string[] {
  const tags: string[] = [];
  if (values.length === 0) return tags;
  const allowed = Math.floor(values.length / 10);
  for (let k = 0; k < KINDS.length; k++) {
    const kind = KINDS[k]!;
    let misses = 0;
    for (let i = 0; i < values.length && misses <= allowed; i++) if (!kind.test(values[i]!)) misses++;
    if (misses <= allowed) tags.push(kind.tag);
  }
  return tags;
}

/**
 * How one value fares against a field: it fits (`ok`); it has the field's shape but its custom check
 * refuses it (`check`: a SIRET with a wrong key, a matter without its ACTES heading); it is outside the
 * field's closed vocabulary (`vocabulary`: an enum code, `O` for a boolean); or it has not even the
 * field's type, format, pattern or length (`no`). Missing values are not judged.
 */
export type ValueFit = 'ok' | 'check' | 'vocabulary' | 'no' | 'missing';

/** What odf knows about the values a field takes. */
export interface FieldContent {
  /** Equal for fields that accept the same values (shared by the versions of a schema). */
  key: string;
  /** Does a value fit (after the lenient readings normalize would apply)? */
  fit(value: string): ValueFit;
  /**
   * How much a fit says, in 0..1: 1 − the larger of the shares of two probe sets the field accepts,
   * the examples of every kind and ordinary texts. A string field without constraints: 0; a field that
   * takes any text of letters: about 0.3; an integer: about 0.7; a date: 0.9; a SIRET or an enum: ~1.
   */
  specificity: number;
  /** True when an example of the kind fits: a column of that kind may feed the field (computed once per kind). */
  acceptsKind(tag: string): boolean;
  /** Folded values of the field's closed vocabulary (enum, or a boolean's true and false values). */
  enumValues?: readonly string[];
  /** Size of the field's closed vocabulary (enum or boolean), when it has one. */
  vocabularySize?: number;
  /** The field's type as odf reads it (`string` when absent, `any` when unknown). */
  type: string;
}

/** Verdicts of the opening-hours parser, which is slow, by value (probes and samples repeat values). */
const openingHoursVerdicts = new Map<string, boolean>();

/**
 * Something an opening-hours value cannot lack: a digit, or a day, holiday, state or event word (English
 * or French, as the parser corrects them). The parser is slow on values it refuses: asked only then.
 */
const OPENING_HOURS_HINT =
  /\d|\b(?:mo|tu|we|th|fr|sa|su|ph|sh|lu|ma|me|je|ve|di|off|closed|open|unknown|sunrise|sunset|dawn|dusk|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i;

/** True when the opening-hours parser reads the value, strictly or by correcting it (`Lu-Ve`: a repair). */
function openingHoursReadable(v: string): boolean {
  if (!OPENING_HOURS_HINT.test(v)) return false;
  let known = openingHoursVerdicts.get(v);
  if (known === undefined) {
    known = readsOpeningHours(v);
    if (openingHoursVerdicts.size >= 1000) openingHoursVerdicts.clear();
    openingHoursVerdicts.set(v, known);
  }
  return known;
}

/** An ACTES matter: a heading and a sub-heading (spaces around the `/` are a repair, not another kind). */
function actesFits(v: string): boolean {
  const p = actesProblem(v);
  return p === undefined || p.reason === 'space-around-slash';
}

/** Custom checks that test one value of one column, by declared name. */
const VALUE_CHECKS: Record<string, (v: string, params: Record<string, unknown>) => boolean> = {
  siret: (v) => siretProblem(compact(v)) === undefined,
  'french-siret-value': (v) => siretProblem(compact(v)) === undefined,
  siren: (v) => sirenProblem(compact(v)) === undefined,
  'french-siren-value': (v) => sirenProblem(compact(v)) === undefined,
  'nomenclature-acte': (v) => actesFits(v),
  'nomenclature-actes-value': (v) => actesFits(v),
  'opening-hours-value': (v) => openingHoursReadable(v),
  // A phone number is digits and a few separators: anything else is not one, without asking the library.
  'phone-number-value': (v) => /^[\d\s+().-]+$/.test(v) && /\d.*\d/.test(v) && isValidFrenchPhone(v),
  'french-gps-coordinates': (v) => gpsVerdict(v) !== 'format',
  'year-interval-value': (v, p) => {
    const r = yearIntervalProblem(v, p['allow-year-only'] === 'yes' || p['allow-year-only'] === true);
    return r === undefined || r === 'same-years' || r === 'reversed';
  },
};

/** The value checks a schema declares on a field, with their params. */
function checksOn(schema: TableSchema, name: string): { name: string; params: Record<string, unknown> }[] {
  const out: { name: string; params: Record<string, unknown> }[] = [];
  const declared: unknown = schema.custom_checks;
  if (!Array.isArray(declared)) return out;
  for (const c of declared as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const spec = c as { name?: unknown; params?: unknown };
    const params = (typeof spec.params === 'object' && spec.params !== null ? spec.params : {}) as Record<
      string,
      unknown
    >;
    if (typeof spec.name === 'string' && VALUE_CHECKS[spec.name] && params.column === name)
      out.push({ name: spec.name, params });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Currency and percent signs, spaces: what a numeric column may carry that is not part of its number. */
const NUMERIC_DECOR = /^[\s€$%]+|[\s€$%]+$|\s*(?:EUR|euros?)\s*$/gi;

const fieldCache = new Map<string, FieldContent>();
const FIELD_CACHE_MAX = 5000;
const schemaCache = new WeakMap<TableSchema, (FieldContent | undefined)[]>();

/** What a field takes, computed once per distinct field definition (versions share it). */
export function fieldContent(schema: TableSchema, fieldIndex: number): FieldContent {
  let perSchema = schemaCache.get(schema);
  if (!perSchema) schemaCache.set(schema, (perSchema = new Array(schema.fields.length)));
  const known = perSchema[fieldIndex];
  if (known) return known;
  const field = schema.fields[fieldIndex]!;
  const checks = checksOn(schema, field.name);
  const key = JSON.stringify([
    field.type ?? 'string',
    field.format,
    definitionOf(field),
    schema.missingValues,
    checks,
  ]);
  let fc = fieldCache.get(key);
  if (!fc) {
    if (fieldCache.size >= FIELD_CACHE_MAX) fieldCache.clear();
    fc = buildFieldContent(key, field, schema, checks, prebuiltFieldFacts(schema, fieldIndex));
    fieldCache.set(key, fc);
  }
  perSchema[fieldIndex] = fc;
  return fc;
}

/**
 * What fieldContent answers from its probes alone (the kinds a field accepts, as bits in KINDS order,
 * and its specificity) and the field's type: for the prebuilt catalogue, which holds them for the
 * bundled fields that may be specific (mayBeSpecific), so that recognition compiles a field's plan, and
 * loads the opening-hours or phone library, only to read actual values.
 */
export function fieldFacts(schema: TableSchema, fieldIndex: number): PrebuiltFieldFacts {
  const fc = fieldContent(schema, fieldIndex);
  let kinds = 0;
  KINDS.forEach((k, i) => {
    if (fc.acceptsKind(k.tag)) kinds |= 1 << i;
  });
  return [kinds, fc.specificity, fc.type];
}

/** The facts of every field of a schema that may be specific, by field index (scripts/build-prebuilt-catalogue.js). */
export function specificFieldFacts(schema: TableSchema): Record<number, PrebuiltFieldFacts> {
  const out: Record<number, PrebuiltFieldFacts> = {};
  schema.fields.forEach((_, f) => {
    if (mayBeSpecific(schema, f)) out[f] = fieldFacts(schema, f);
  });
  return out;
}

/** The parts of a field definition that decide which values it takes. */
function definitionOf(field: Field): unknown {
  const {
    constraints,
    trueValues,
    falseValues,
    decimalChar,
    groupChar,
    bareNumber,
    arrayItem,
    missingValues,
  } = field;
  const c = constraints ? { ...constraints, required: undefined, unique: undefined } : undefined;
  return [c, trueValues, falseValues, decimalChar, groupChar, bareNumber, arrayItem, missingValues];
}

function buildFieldContent(
  key: string,
  field: Field,
  schema: TableSchema,
  checks: { name: string; params: Record<string, unknown> }[],
  facts: PrebuiltFieldFacts | undefined,
): FieldContent {
  // With the facts of the prebuilt catalogue, the plan is compiled only to read actual values.
  let compiled: CompiledFieldPlan | undefined;
  const plan = (): CompiledFieldPlan =>
    (compiled ??= compileFieldPlan(field, { missingValues: schema.missingValues }));
  const type = facts ? facts[2] : plan().type;
  const numeric = type === 'number' || type === 'integer';
  const enumList = Array.isArray(field.constraints?.enum) ? field.constraints.enum : undefined;
  const vocabularySize = enumList ? enumList.length : type === 'boolean' ? 2 : undefined;

  function passesChecks(text: string): boolean {
    for (const c of checks) if (!VALUE_CHECKS[c.name]!(text, c.params)) return false;
    return true;
  }

  // An enum takes only its values: a probe that is none of them (folded) is refused without reading it.
  const enumKeys = enumList ? new Set(enumList.map((v) => foldLabel(String(v)))) : undefined;
  const fitsAsWritten = (value: string): boolean =>
    (enumKeys === undefined || enumKeys.has(foldLabel(value))) &&
    plan().accepts(value) &&
    passesChecks(value);

  function fit(value: string): ValueFit {
    let r = plan().evaluate(value);
    if (r.kind === 'missing') return 'missing';
    if (r.kind === 'ok') return passesChecks(value) ? 'ok' : 'check';
    if (r.repaired !== undefined) return passesChecks(r.repaired) ? 'ok' : 'check';
    if (numeric) {
      const bare = value.replace(NUMERIC_DECOR, '');
      if (bare !== value && bare !== '') {
        r = plan().evaluate(bare);
        if (r.kind === 'ok' || (r.kind === 'error' && r.repaired !== undefined)) return 'ok';
      }
    }
    if (r.kind === 'error' && r.code === 'constraint-error' && r.params.constraint === 'enum')
      return 'vocabulary';
    if (r.kind === 'error' && type === 'boolean') return 'vocabulary';
    return 'no';
  }

  const vocabulary = enumList
    ? enumList.map(String)
    : type === 'boolean'
      ? [
          ...stringList(field.trueValues, ['true', 'True', 'TRUE', '1']),
          ...stringList(field.falseValues, ['false', 'False', 'FALSE', '0']),
        ]
      : undefined;
  // Specificity costs some fifty probe readings, a kind two: each computed on first use only. Most
  // fields of a catalogue never need either; a field is probed when a column's values fit it.
  let specificity: number | undefined;
  const kinds = new Map<string, boolean>();
  const acceptsKind = (tag: string): boolean => {
    if (facts) {
      const bit = KIND_BIT.get(tag);
      return bit !== undefined && ((facts[0] >>> bit) & 1) === 1;
    }
    let known = kinds.get(tag);
    if (known === undefined) {
      const kind = KINDS.find((k) => k.tag === tag);
      // Kinds written in a form only a repair accepts (a French date for a date field) are read leniently.
      known =
        kind !== undefined &&
        (kind.examples.some(fitsAsWritten) ||
          (enumKeys === undefined && LENIENT_KINDS.has(tag) && kind.examples.some((e) => fit(e) === 'ok')));
      kinds.set(tag, known);
    }
    return known;
  };
  return {
    key,
    fit,
    acceptsKind,
    type,
    get specificity() {
      if (facts) return facts[1];
      if (specificity === undefined) {
        // Values read as written (cheap: no repair is looked for).
        const share = (probes: readonly string[]): number =>
          probes.filter(fitsAsWritten).length / probes.length;
        const s = 1 - Math.max(share(KIND_PROBES), share(GENERIC_PROBES));
        specificity = Math.round(s * 1000) / 1000;
      }
      return specificity;
    },
    ...(vocabulary ? { enumValues: [...new Set(vocabulary.map(foldLabel).filter((v) => v !== ''))] } : {}),
    ...(vocabularySize !== undefined ? { vocabularySize } : {}),
  };
}

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
}

/** How a column's sampled values fare against a field. */
export interface ContentFit {
  /** Distinct non-missing values judged. */
  n: number;
  ok: number;
  /** Values of the field's shape that its custom check refuses. */
  check: number;
  /** Values outside the field's closed vocabulary (enum codes to recode, `O`/`N` for a boolean). */
  vocabulary: number;
  no: number;
  /** Up to three values the field refuses, for the report. */
  refused: string[];
}

/** The fit of a column's values to a field, computed once per (sample, column, field definition). */
export function columnFit(content: SampleContent, column: number, field: FieldContent): ContentFit {
  const k = `${column}|${field.key}`;
  const known = content.fits.get(k);
  if (known) return known;
  const out: ContentFit = { n: 0, ok: 0, check: 0, vocabulary: 0, no: 0, refused: [] };
  for (const v of content.columns[column]?.values ?? []) {
    const f = field.fit(v);
    if (f === 'missing') continue;
    out.n++;
    if (f === 'ok') out.ok++;
    else if (f === 'check') out.check++;
    else if (f === 'vocabulary') out.vocabulary++;
    else {
      out.no++;
      if (out.refused.length < 3) out.refused.push(v);
    }
  }
  content.fits.set(k, out);
  return out;
}

/** Content supports the field: nine values in ten fit it. */
export function supports(fit: ContentFit): boolean {
  return fit.n > 0 && fit.ok / fit.n >= SUPPORT_MIN_FIT;
}

/**
 * Content contradicts the field: enough values, and fewer than half have the field's shape (type,
 * format, pattern, length). Values its custom check refuses still have its shape: wrong data for the
 * right field, which validation reports cell by cell. Values outside a closed vocabulary (enum,
 * boolean) count as fitting when the column looks like a code list (few distinct values): such a column
 * is the right one with codes to recode (`F`/`I` for « fonctionnement » / « investissement »), not
 * another kind of data.
 */
export function contradicts(fit: ContentFit, field: FieldContent): boolean {
  if (fit.n < CONTRADICTION_MIN_VALUES) return false;
  const codeList = field.vocabularySize !== undefined && fit.n <= Math.max(10, 2 * field.vocabularySize);
  const fitting = fit.ok + fit.check + (codeList ? fit.vocabulary : 0);
  return fitting / fit.n < CONTRADICTION_MAX_FIT;
}

/**
 * Columns examined, at most, for a field its content alone points at. Beyond that many look-alike
 * columns, content cannot single one out anyway; the bound keeps a 20,000-column file fast.
 */
export const CONTENT_CANDIDATES_MAX = 64;

/**
 * Columns whose content may feed a field: those of a kind the field accepts (among the kinds the
 * sample has), or holding one of its vocabulary's values; the first CONTENT_CANDIDATES_MAX of them,
 * ascending, without duplicates. Whether the field is specific enough for content alone to point at it
 * is the caller's to check, once a column supports it (specificity is the costly part).
 */
export function contentCandidates(content: SampleContent, field: FieldContent): number[] {
  const lists: (readonly number[])[] = [];
  for (const [t, columns] of content.byTag) if (field.acceptsKind(t)) lists.push(columns);
  for (const v of field.enumValues ?? []) lists.push(content.byValue.get(v) ?? []);
  // Merge the ascending lists, stopping at the bound.
  const out: number[] = [];
  const at = lists.map(() => 0);
  let last = -1;
  while (out.length < CONTENT_CANDIDATES_MAX) {
    let min = Infinity;
    let from = -1;
    for (let i = 0; i < lists.length; i++) {
      while (at[i]! < lists[i]!.length && lists[i]![at[i]!]! <= last) at[i]!++;
      const v = lists[i]![at[i]!];
      if (v !== undefined && v < min) [min, from] = [v, i];
    }
    if (from < 0) break;
    out.push(min);
    last = min;
  }
  return out;
}

/**
 * True when content supports the field (as `supports(columnFit(…))`), deciding as soon as the answer
 * is known: a column that fails its first values is not read further. Cached like columnFit.
 */
export function columnSupports(content: SampleContent, column: number, field: FieldContent): boolean {
  const full = content.fits.get(`${column}|${field.key}`);
  if (full) return supports(full);
  const k = `${column}|${field.key}|s`;
  const known = content.supportCache.get(k);
  if (known !== undefined) return known;
  const values = content.columns[column]?.values ?? [];
  let n = 0;
  let ok = 0;
  let bad = 0;
  // Missing values do not count: the bound on failures uses every value as if judged.
  const allowed = Math.floor(values.length * (1 - SUPPORT_MIN_FIT));
  let answer: boolean | undefined;
  for (const v of values) {
    const f = field.fit(v);
    if (f === 'missing') continue;
    n++;
    if (f === 'ok') ok++;
    else if (++bad > allowed) {
      answer = false;
      break;
    }
  }
  answer ??= n > 0 && ok / n >= SUPPORT_MIN_FIT;
  content.supportCache.set(k, answer);
  return answer;
}

/**
 * False when a field's content surely cannot point at a column by itself (its specificity stays below
 * CONTENT_ONLY_MIN_SPECIFICITY whatever the probes say): a string or `any` without format, pattern, enum
 * or value check (a maximum length alone lets most short texts through), a number or integer without
 * bounds, enum or pattern. Decided from the definition, without computing fieldContent.
 */
export function mayBeSpecific(schema: TableSchema, fieldIndex: number): boolean {
  const field = schema.fields[fieldIndex];
  if (!field) return false;
  const type = field.type ?? 'string';
  const c = field.constraints ?? {};
  const constrained = c.pattern !== undefined || c.enum !== undefined;
  if (type === 'any') return false;
  if (type === 'number' || type === 'integer')
    return constrained || c.minimum !== undefined || c.maximum !== undefined;
  if (type !== 'string') return true;
  if (constrained || (field.format !== undefined && field.format !== 'default')) return true;
  return checksOn(schema, field.name).length > 0;
}
