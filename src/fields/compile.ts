// The field plan compiler: one Table Schema field → a fast evaluate(text), decided once per column.
import type { Field } from '../schema/types.js';
import type { CellResult, CompileOptions, FieldPlan } from './types.js';
import {
  trimSpaces,
  type Caster,
  type CasterCompiler,
  type FieldPlanWarning,
  type OkResult,
} from './caster.js';
import {
  compileConstraints,
  compileConstraintsAt,
  SUPPORTED,
  UNCHECKED_PATTERN,
  type CellConstraint,
  type ConstraintCheck,
} from './constraints.js';
import { compileAny } from './any.js';
import { compileArray } from './array.js';
import { compileBoolean } from './boolean.js';
import { compileDate } from './date.js';
import { compileDatetime } from './datetime.js';
import { compileDuration } from './duration.js';
import { compileGeojson } from './geojson.js';
import { compileGeopoint } from './geopoint.js';
import { compileInteger } from './integer.js';
import { compileNumber, hasSurroundingSpace, numericOptions } from './number.js';
import { fastDecimal, plainDecimalAt } from '../text/decimal.js';
import { readIsoDate } from './temporal.js';
import { compileObject } from './object.js';
import { compileString } from './string.js';
import { compileTime } from './time.js';
import { compileYear } from './year.js';
import { compileYearmonth } from './yearmonth.js';

export type { FieldPlanWarning } from './caster.js';

const CASTERS: Record<string, CasterCompiler> = {
  any: compileAny,
  array: compileArray,
  boolean: compileBoolean,
  date: compileDate,
  datetime: compileDatetime,
  duration: compileDuration,
  geojson: compileGeojson,
  geopoint: compileGeopoint,
  integer: compileInteger,
  number: compileNumber,
  object: compileObject,
  string: compileString,
  time: compileTime,
  year: compileYear,
  yearmonth: compileYearmonth,
};

/** A field plan with what the compiler learnt about the field definition. */
export interface CompiledFieldPlan extends FieldPlan {
  /** Format in effect after defaults ('default' when absent or unknown). */
  format: string;
  /** Problems in the field definition (unknown format, unreadable bound, bad pattern…), for schema findings. */
  warnings: FieldPlanWarning[];
  /** True when a non-missing cell is valid as written (no repair looked for): cheaper than evaluate. */
  accepts(text: string): boolean;
  /**
   * For the commonest plans (a plain number; a string of the default format whose constraints are
   * lengths and a short enum), the cell `text[start, end)` read in place, without making it a string:
   * true when `evaluate` would give it a plain valid result (`kind: 'ok'`, nothing unchecked). False
   * says nothing: `evaluate` the cell's text for its result. Present only on plans whose one missing
   * value is '' (and no array items), whose `evaluate('')` is always MISSING.
   */
  acceptsAt?(text: string, start: number, end: number): boolean;
}

type ErrorResult = Extract<CellResult, { kind: 'error' }>;

/** The result of every missing cell: one object, never mutated. */
export const MISSING: CellResult = Object.freeze({ kind: 'missing' });
const CONSTRAINT_NAMES = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
] as const;

/**
 * Catalogue schemas sometimes write a constraint beside `constraints` (`arrayItem: {type, enum}`, 64
 * fields in the bundled catalogue). Table Schema only reads `constraints`, and Frictionless (so Validata)
 * ignores such keys: odf does the same, so its verdicts agree, and says so with a `misplaced-constraint`
 * warning.
 */
function withMisplacedConstraints(field: Field, warnings: FieldPlanWarning[]): Field {
  for (const name of CONSTRAINT_NAMES) {
    if (field[name] === undefined || field.constraints?.[name] !== undefined) continue;
    warnings.push({ code: 'misplaced-constraint', params: { constraint: name } });
  }
  return field;
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** Text of an array item for its item plan; undefined for a JSON null (a missing item). */
function itemText(item: unknown, itemType: string): string | undefined | null {
  if (item === null) return undefined;
  if (typeof item === 'string') return item;
  // Frictionless's string reader refuses non-strings: `[1]` is no array of strings.
  if (itemType === 'string') return null;
  return JSON.stringify(item);
}

/**
 * Compiles a field into a plan whose `evaluate(text)` reads one cell: missing values (the field's own
 * `missingValues` win over the schema's, default `[""]`; cells are never trimmed, as Frictionless), then
 * the type and format, then the constraints except `unique` (kept by the validator) and `required`
 * (a missing cell gives `{kind: 'missing'}`; the validator decides). Only after a failure are lenient
 * readings tried, giving `repaired` when exactly one canonical text passes everything.
 *
 * Typed values: string/any → the text; number → number; integer → number (bigint beyond 2^53);
 * boolean → boolean; object/array/geojson → parsed JSON; date → `YYYY-MM-DD` text; time → seconds since
 * midnight; datetime → epoch milliseconds; year → number; yearmonth → `YYYY-MM`; duration → the text;
 * geopoint → `[lon, lat]`.
 *
 * Error params: `type`, `format`, type-specific details (`trueValues`, `decimalChar`…), `example` when
 * the field has one; constraint errors add `constraint` and `expected` (the constraint as written),
 * and `description` for pattern failures; array item errors add `arrayItem: true`, `itemIndex`, `itemValue`.
 */
export function compileFieldPlan(field: Field, options: CompileOptions = {}): CompiledFieldPlan {
  const warnings: FieldPlanWarning[] = [];
  let type = typeof field.type === 'string' && field.type !== '' ? field.type : 'string';
  if (CASTERS[type] === undefined) {
    warnings.push({ code: 'unknown-type', params: { type } });
    type = 'any';
  }
  const f = withMisplacedConstraints(field, warnings);
  const caster: Caster = CASTERS[type]!(f);
  warnings.push(...caster.warnings);
  const check = compileConstraints(f, type, caster, warnings);
  const constraints = f.constraints ?? {};
  const isMissing = missingTest(f, options);
  const { typeBase, constraintBase } = errorBases(f, type, caster);
  const itemPlan = itemPlanOf(f, type, warnings);
  const cast = caster.cast;

  /** Type, constraints and items, without repair. */
  function strict(text: string): OkResult | undefined {
    if (isMissing(text)) return undefined;
    const r = cast(text);
    if (r === undefined || (check !== undefined && check(r, text) !== undefined)) return undefined;
    if (itemPlan !== undefined && itemError(itemPlan, r.value as unknown[]) !== undefined) return undefined;
    return r;
  }

  /** The one canonical text that the lenient readings of `text` agree on, if any. */
  function repairOf(text: string): string | undefined {
    const candidates = [trimSpaces(text)];
    if (caster.candidates !== undefined) candidates.push(...caster.candidates(text));
    const a = itemPlan === undefined ? undefined : arrayCandidate(itemPlan, text);
    if (a !== undefined) candidates.push(a);
    let found: string | undefined;
    for (const c of candidates) {
      if (c === text) continue;
      const r = strict(c);
      if (r === undefined) continue;
      if (found === undefined) found = r.canonical;
      else if (found !== r.canonical) return undefined;
    }
    return found;
  }

  function error(code: ErrorResult['code'], base: Record<string, unknown>, text: string): CellResult {
    const repaired = repairOf(text);
    const params = { ...base };
    return repaired === undefined
      ? { kind: 'error', code, params }
      : { kind: 'error', code, params, repaired };
  }

  // The last text found valid and its result: a value repeated on the next row (a code, a year, a label)
  // is evaluated once. Everything above is a pure function of the text, and results are never mutated.
  let lastText: string | undefined;
  let lastResult: CellResult | undefined;

  function evaluate(text: string): CellResult {
    if (text === lastText) return lastResult!;
    if (isMissing(text)) return MISSING;
    const r = cast(text);
    if (r === undefined) return error('type-error', typeBase, text);
    let unchecked = false;
    if (check !== undefined) {
      const failed = check(r, text);
      if (failed === UNCHECKED_PATTERN) unchecked = true;
      else if (failed !== undefined) return error('constraint-error', constraintBase[failed], text);
    }
    if (itemPlan !== undefined) {
      const e = itemError(itemPlan, r.value as unknown[]);
      if (e !== undefined) {
        const repaired = repairOf(text);
        return repaired === undefined ? e : { ...e, repaired };
      }
    }
    if (unchecked) return { ...r, unchecked: 'pattern' };
    lastText = text;
    lastResult = r;
    return r;
  }

  const required = constraints.required === true;
  const unique = constraints.unique === true;
  const plainMissing = itemPlan === undefined && onlyEmptyMissing(f, options);
  const fast = plainMissing ? plainEvaluate(type, f, caster, check, evaluate) : undefined;
  /** Valid as written (type, constraints, items), without looking for a repair: the cheap question. */
  const accepts = (text: string): boolean => strict(text) !== undefined;

  const plan = { field, type, format: caster.format, required, unique, evaluate, accepts, warnings };
  const acceptsAt = plainMissing ? plainAcceptsAt(type, f, caster, check) : undefined;
  if (fast === undefined) return acceptsAt === undefined ? plan : { ...plan, acceptsAt };
  return acceptsAt === undefined ? { ...plan, evaluate: fast } : { ...plan, evaluate: fast, acceptsAt };
}

/**
 * The in-place test of a string field without constraints to test (a label, a name): the cell is not
 * empty. One function for every such field, so that the validation loop can tell it and test the
 * cell without a call (see castCells).
 */
export function nonEmptyAt(_text: string, start: number, end: number): boolean {
  return start < end;
}

/**
 * The in-place test of a plan whose only missing value is '' (see CompiledFieldPlan.acceptsAt): a plain
 * number without constraints (plainEvaluate accepts exactly what fastDecimal reads), a string of the
 * default format whose constraints can all be tested in place, a year, a plain integer, a date of the
 * default format (ISO, canonical as written). The empty cell is missing: never accepted here.
 */
function plainAcceptsAt(
  type: string,
  f: Field,
  caster: Caster,
  check: ConstraintCheck | undefined,
): ((text: string, start: number, end: number) => boolean) | undefined {
  if (type === 'number') {
    const o = numericOptions(f);
    if (o.decimalChar !== '.' || o.groupChar !== '' || !o.bareNumber || check !== undefined) return undefined;
    return plainDecimalAt;
  }
  if (type === 'string' && caster.format === 'default') {
    const at = compileConstraintsAt(f, type, caster);
    if (at === false) return undefined;
    if (at === undefined) return nonEmptyAt;
    // Constraints that refuse the empty text (an enum, a pattern of one character at least) need no
    // test of it: one call less per cell. The test is a pure function of the text.
    if (!at('', 0, 0)) return at;
    return (text, start, end) => start < end && at(text, start, end);
  }
  if (type === 'year') return yearAt(check);
  if (type === 'integer') {
    const o = numericOptions(f);
    return o.groupChar === '' && o.bareNumber ? integerAt(caster, check) : undefined;
  }
  if (type === 'date' && caster.format === 'default') return dateAt(caster, check);
  return undefined;
}

/**
 * The constraints of a year or an integer (bounds and enum, which read the value only) on a value read
 * in place: one result object reused, which the checks do not keep.
 */
function valueCheck(check: ConstraintCheck): (value: unknown) => boolean {
  const scratch: OkResult = { kind: 'ok', value: undefined, canonical: '' };
  return (value) => {
    scratch.value = value;
    return check(scratch, '') === undefined;
  };
}

/** A year in place: exactly 4 ASCII digits (the year caster's reading), then its constraints. */
function yearAt(check: ConstraintCheck | undefined): (text: string, start: number, end: number) => boolean {
  const passes = check === undefined ? undefined : valueCheck(check);
  return (text, start, end) => {
    if (end - start !== 4) return false;
    let n = 0;
    for (let i = start; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      n = n * 10 + d;
    }
    return passes === undefined || passes(n);
  };
}

/**
 * A plain integer in place (no group character, bare numbers): a sign and ASCII digits without
 * surrounding spaces, what the integer caster reads through fastDecimal; then its constraints, on the
 * value the caster gives (read in place up to 15 digits, by the caster beyond).
 */
function integerAt(
  caster: Caster,
  check: ConstraintCheck | undefined,
): (text: string, start: number, end: number) => boolean {
  const passes = check === undefined ? undefined : valueCheck(check);
  return (text, start, end) => {
    let i = start;
    const c = text.charCodeAt(i);
    const negative = c === 45;
    if (negative || c === 43) i++;
    if (i >= end) return false;
    let n = 0;
    for (let k = i; k < end; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return false;
      n = n * 10 + d;
    }
    if (passes === undefined) return true;
    if (end - i > 15) return passes(caster.cast(text.slice(start, end))!.value);
    return passes(negative ? -n : n);
  };
}

/**
 * A date of the default format in place: `YYYY-MM-DD`, a real calendar date (canonical as written, as
 * the caster reads it); a field with constraints has the cell made a string for them.
 */
function dateAt(
  caster: Caster,
  check: ConstraintCheck | undefined,
): (text: string, start: number, end: number) => boolean {
  return (text, start, end) => {
    if (end - start !== 10 || readIsoDate(text, start) === undefined) return false;
    if (check === undefined) return true;
    const cell = text.slice(start, end);
    return check(caster.cast(cell)!, cell) === undefined;
  };
}

/**
 * For the commonest plans (a plain number, a string of the default format; only '' missing), an
 * evaluate written for them alone that gives the same results as the generic one: one function per
 * kind of plan, so its calls are not shared with every other field's (the generic evaluate calls the
 * caster and the missing test of whichever field it serves, which the engine cannot inline). A cell
 * off the fast case, or failing a constraint, goes to `generic`, which gives its result.
 */
function plainEvaluate(
  type: string,
  f: Field,
  caster: Caster,
  check: ConstraintCheck | undefined,
  generic: (text: string) => CellResult,
): ((text: string) => CellResult) | undefined {
  if (type === 'number') {
    const o = numericOptions(f);
    if (o.decimalChar !== '.' || o.groupChar !== '' || !o.bareNumber) return undefined;
    let lastText: string | undefined;
    let lastResult: CellResult | undefined;
    return (text) => {
      if (text === lastText) return lastResult!;
      if (text === '') return MISSING;
      // The number caster reads a plain decimal without surrounding spaces as fastDecimal does.
      const value = hasSurroundingSpace(text) ? undefined : fastDecimal(text);
      if (value === undefined) return generic(text);
      const r: OkResult = { kind: 'ok', value, canonical: text };
      if (check !== undefined && check(r, text) !== undefined) return generic(text);
      lastText = text;
      return (lastResult = r);
    };
  }
  if (type === 'string' && caster.format === 'default') {
    let lastText: string | undefined;
    let lastResult: CellResult | undefined;
    return (text) => {
      if (text === lastText) return lastResult!;
      if (text === '') return MISSING;
      const r: OkResult = { kind: 'ok', value: text, canonical: text };
      if (check !== undefined && check(r, text) !== undefined) return generic(text);
      lastText = text;
      return (lastResult = r);
    };
  }
  return undefined;
}

/** The missing values in force: the field's own win over the schema's (default `[""]`). */
function missingValuesOf(f: Field, options: CompileOptions): string[] {
  return stringArray(f.missingValues) ?? stringArray(options.missingValues) ?? [''];
}

/** True when the empty text is the only missing value. */
function onlyEmptyMissing(f: Field, options: CompileOptions): boolean {
  const values = missingValuesOf(f, options);
  return values.includes('') && values.every((v) => v === '');
}

/** Which cell texts are missing: the field's own missingValues win over the schema's (default `[""]`). */
function missingTest(f: Field, options: CompileOptions): (text: string) => boolean {
  const missingValues = missingValuesOf(f, options);
  if (missingValues.length === 1 && missingValues[0] === '') return (t) => t === '';
  const missingSet = new Set(missingValues);
  return (t) => missingSet.has(t);
}

/** The params of a type error, and of each constraint's error, decided once per field. */
function errorBases(
  f: Field,
  type: string,
  caster: Caster,
): {
  typeBase: Record<string, unknown>;
  constraintBase: Record<CellConstraint, Record<string, unknown>>;
} {
  const constraints = f.constraints ?? {};
  const example = f.example === undefined ? undefined : { example: f.example };
  const typeBase: Record<string, unknown> = { type, format: caster.format, ...caster.typeParams, ...example };
  const constraintBase = {} as Record<CellConstraint, Record<string, unknown>>;
  for (const name of SUPPORTED[type] ?? []) {
    constraintBase[name] = {
      type,
      format: caster.format,
      constraint: name,
      ...expectedParams(constraints[name]),
      ...example,
    };
    if (name === 'pattern' && f.description !== undefined) constraintBase[name].description = f.description;
  }
  return { typeBase, constraintBase };
}

/** Enum values and pattern characters a finding repeats at most (see expectedParams). */
const MAX_EXPECTED_ITEMS = 100;
const MAX_EXPECTED_CHARS = 1_000;

/**
 * A constraint's value as its findings carry it: every finding repeats it, so a 200,000-value enum or a
 * huge pattern is cut (a JSON report of 1,000 findings held it 1,000 times: gigabytes), with its full
 * count or length beside it.
 */
function expectedParams(v: unknown): Record<string, unknown> {
  if (Array.isArray(v) && v.length > MAX_EXPECTED_ITEMS)
    return { expected: v.slice(0, MAX_EXPECTED_ITEMS), expectedCount: v.length };
  if (typeof v === 'string' && v.length > MAX_EXPECTED_CHARS)
    return { expected: `${v.slice(0, MAX_EXPECTED_CHARS - 1)}…`, expectedLength: v.length };
  return { expected: v };
}

/** arrayItem: each item is checked with its own plan (Frictionless: type defaults to `any`). */
function itemPlanOf(f: Field, type: string, warnings: FieldPlanWarning[]): CompiledFieldPlan | undefined {
  if (type !== 'array' || typeof f.arrayItem !== 'object' || f.arrayItem === null) return undefined;
  const itemField = { ...f.arrayItem, name: f.name, type: f.arrayItem.type ?? 'any' } as Field;
  const itemPlan = compileFieldPlan(itemField);
  for (const w of itemPlan.warnings)
    warnings.push({ code: w.code, params: { ...w.params, arrayItem: true } });
  return itemPlan;
}

/** The error of the first item of an array that fails its item plan, with the item's place and text. */
function itemError(plan: CompiledFieldPlan, items: unknown[]): ErrorResult | undefined {
  for (let i = 0; i < items.length; i++) {
    const t = itemText(items[i], plan.type);
    const r: CellResult =
      t === null
        ? { kind: 'error', code: 'type-error', params: { type: plan.type, format: plan.format } }
        : t === undefined
          ? MISSING
          : plan.evaluate(t);
    if (r.kind === 'ok' || (r.kind === 'missing' && !plan.required)) continue;
    const params =
      r.kind === 'missing' ? { type: plan.type, format: plan.format, constraint: 'required' } : r.params;
    const code = r.kind === 'missing' ? 'constraint-error' : r.code;
    const itemValue = typeof items[i] === 'string' ? items[i] : JSON.stringify(items[i]);
    return { kind: 'error', code, params: { ...params, arrayItem: true, itemIndex: i, itemValue } };
  }
  return undefined;
}

/** An array whose failing string items all have a repair, written back as JSON. */
function arrayCandidate(itemPlan: CompiledFieldPlan, text: string): string | undefined {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items)) return undefined;
  let changed = false;
  const out = items.map((item: unknown) => {
    if (typeof item !== 'string') return item;
    const r = itemPlan.evaluate(item);
    if (r.kind === 'error' && r.repaired !== undefined) {
      changed = true;
      return r.repaired;
    }
    return item;
  });
  return changed ? JSON.stringify(out) : undefined;
}
