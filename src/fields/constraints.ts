// Compiles a field's constraints (except required and unique) into one check, with bounds cast once.
import type { Constraints, Field } from '../schema/types.js';
import type { Caster, FieldPlanWarning, OkResult } from './caster.js';
import { compilePattern } from '../text/pattern.js';
import { compilePatternAt } from './pattern-at.js';

/** Names of the constraints evaluated per cell, in the order they are checked. */
export type CellConstraint =
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'enum';

const ORDERED = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum'] as const;
const COLLECTION = ['minLength', 'maxLength', 'enum'] as const;

/**
 * Constraints each type supports, as Frictionless v5 (`supported_constraints`), plus Table Schema v2's
 * exclusiveMinimum/exclusiveMaximum and minimum/maximum on durations (asked by issue 3). Others are
 * ignored with an `unsupported-constraint` warning, as Frictionless ignores them when reading.
 */
export const SUPPORTED: Record<string, readonly CellConstraint[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'enum'],
  number: ORDERED,
  integer: ORDERED,
  date: ORDERED,
  time: ORDERED,
  datetime: ORDERED,
  year: ORDERED,
  yearmonth: ORDERED,
  duration: ORDERED,
  object: COLLECTION,
  array: COLLECTION,
  boolean: ['enum'],
  geopoint: ['enum'],
  geojson: ['enum'],
  any: ['enum'],
};

const ALWAYS = new Set(['required', 'unique']);

/** Length in characters (code points, as Python's len), counting surrogate pairs once. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Code points of `s[start, end)` (see codePointLength). */
function codePointLengthAt(s: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * A check's verdict: pass, fail, or undefined when it could not decide in bounded time (pattern only).
 * `testAt`, when the check has it, gives the same verdict for a string cell `text[start, end)` without
 * making the string (the validation loop's cells read in place).
 */
type Check = {
  name: CellConstraint;
  test: (r: OkResult, text: string) => boolean | undefined;
  testAt?: (text: string, start: number, end: number) => boolean;
};

/** What a constraint check returns when nothing failed but the pattern could not be decided. */
export const UNCHECKED_PATTERN = 'unchecked-pattern';

/**
 * The compiled check of a field: returns the first failing constraint's name, or undefined when every
 * constraint passes (or there is none to check: then the check itself is undefined), or
 * UNCHECKED_PATTERN when every other constraint passes and the pattern could not be decided.
 */
export type ConstraintCheck = (
  r: OkResult,
  text: string,
) => CellConstraint | typeof UNCHECKED_PATTERN | undefined;

/** What every constraint compiler needs: the field's type and caster, and where warnings go. */
interface ConstraintContext {
  type: string;
  caster: Caster;
  warnings: FieldPlanWarning[];
}

function bad(ctx: ConstraintContext, constraint: string, value: unknown, reason: string): void {
  ctx.warnings.push({ code: 'bad-constraint', params: { type: ctx.type, constraint, value, reason } });
}

/** A constraint value in the field's type: text read by the caster, JSON by its fromJson. */
function castValue(ctx: ConstraintContext, v: unknown): unknown {
  if (typeof v === 'string') return ctx.caster.cast(v)?.value ?? ctx.caster.castConstraint?.(v);
  return ctx.caster.fromJson?.(v);
}

/** minLength / maxLength: code points of a string, items of an array, keys of an object. */
function lengthCheck(
  ctx: ConstraintContext,
  name: 'minLength' | 'maxLength',
  raw: unknown,
): Check | undefined {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    bad(ctx, name, raw, 'not a non-negative integer');
    return undefined;
  }
  if (ctx.type === 'string') {
    // Code points ≤ UTF-16 units ≤ 2 × code points: count them only when that cannot decide.
    return name === 'minLength'
      ? {
          name,
          test: (_r, t) => t.length >= raw && (t.length >= 2 * raw || codePointLength(t) >= raw),
          testAt: (t, s, e) => e - s >= raw && (e - s >= 2 * raw || codePointLengthAt(t, s, e) >= raw),
        }
      : {
          name,
          test: (_r, t) => t.length <= raw || codePointLength(t) <= raw,
          testAt: (t, s, e) => e - s <= raw || codePointLengthAt(t, s, e) <= raw,
        };
  }
  const length =
    ctx.type === 'array'
      ? (r: OkResult) => (r.value as unknown[]).length
      : (r: OkResult) => Object.keys(r.value as object).length;
  return name === 'minLength'
    ? { name, test: (r) => length(r) >= raw }
    : { name, test: (r) => length(r) <= raw };
}

/** pattern: the whole cell text matches (a pattern odf cannot run is a warning, and no check). */
function patternCheck(ctx: ConstraintContext, raw: unknown): Check | undefined {
  if (typeof raw !== 'string') {
    bad(ctx, 'pattern', raw, 'not a string');
    return undefined;
  }
  const re = compilePattern(raw);
  if (typeof re === 'string') {
    ctx.warnings.push({ code: 'bad-pattern', params: { type: ctx.type, pattern: raw, reason: re } });
    return undefined;
  }
  const check: Check = { name: 'pattern', test: (_r, text) => re.test(text) };
  // Only a pattern V8's own engine runs is always decided (the others may leave a cell unchecked).
  const at = re.engine === 'backtracking' ? compilePatternAt(re) : undefined;
  if (at !== undefined) check.testAt = at;
  return check;
}

/** minimum, maximum and their exclusive forms, compared in the caster's order. */
function boundCheck(
  ctx: ConstraintContext,
  name: 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum',
  raw: unknown,
): Check | undefined {
  const v = castValue(ctx, raw);
  if (v === undefined) {
    bad(ctx, name, raw, `not a ${ctx.type}`);
    return undefined;
  }
  const order = ctx.caster.order ?? ((x: unknown) => x as number);
  const bound = order(v);
  const test: Check['test'] =
    name === 'minimum'
      ? (r) => order(r.value) >= bound
      : name === 'maximum'
        ? (r) => order(r.value) <= bound
        : name === 'exclusiveMinimum'
          ? (r) => order(r.value) > bound
          : (r) => order(r.value) < bound;
  return { name, test };
}

/** Enums of at most this many texts are searched in a list rather than a set. */
const SHORT_ENUM = 8;

/**
 * The in-place test of a short enum of texts: the cell `t[s, e)` is one of them. Members of another
 * length are passed by their length; the cell is made a string once, for the first member of its
 * length, and compared by ===: on a cell of a large decoded chunk V8 reads a character with charCodeAt
 * dearer than it slices and compares the whole cell (issue 14, cachegrind), and dearer still with
 * `startsWith(member, s)`.
 */
function enumTestAt(texts: readonly string[]): (t: string, s: number, e: number) => boolean {
  return (t, s, e) => {
    const n = e - s;
    for (let m = 0; m < texts.length; m++) {
      if (texts[m]!.length !== n) continue;
      const cell = t.slice(s, e);
      for (let k = m; k < texts.length; k++) if (texts[k] === cell) return true;
      return false;
    }
    return false;
  };
}

/** enum: the value (by the caster's key) is one of the allowed ones; unreadable items are warnings. */
function enumCheck(ctx: ConstraintContext, raw: unknown): Check | undefined {
  if (!Array.isArray(raw)) {
    bad(ctx, 'enum', raw, 'not an array');
    return undefined;
  }
  const key = ctx.caster.key ?? ((v: unknown) => v);
  const allowed = new Set<unknown>();
  for (const item of raw) {
    const v = castValue(ctx, item);
    if (v === undefined) bad(ctx, 'enum', item, `not a ${ctx.type}`);
    else allowed.add(key(v));
  }
  // A short list of texts (most enums: 2 to 8 labels) is searched by ===, which tells most texts apart
  // by their length alone, rather than hashing every cell for the set (same answers: SameValueZero is ===
  // on strings).
  const values = [...allowed];
  if (values.length <= SHORT_ENUM && values.every((v) => typeof v === 'string')) {
    const texts = values as string[];
    const check: Check = {
      name: 'enum',
      test: (r) => {
        const k = key(r.value);
        for (let i = 0; i < values.length; i++) if (values[i] === k) return true;
        return false;
      },
    };
    // A string's value is its text (no key): the cell is one of the texts, compared in place.
    if (ctx.type === 'string' && ctx.caster.key === undefined) check.testAt = enumTestAt(texts);
    return check;
  }
  return { name: 'enum', test: (r) => allowed.has(key(r.value)) };
}

/** The check of one supported constraint, or undefined when its value cannot be used (a warning says so). */
function constraintCheck(ctx: ConstraintContext, name: CellConstraint, raw: unknown): Check | undefined {
  switch (name) {
    case 'minLength':
    case 'maxLength':
      return lengthCheck(ctx, name, raw);
    case 'pattern':
      return patternCheck(ctx, raw);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return boundCheck(ctx, name, raw);
    case 'enum':
      return enumCheck(ctx, raw);
  }
}

/**
 * minLength and maxLength of a string tested in place as one (a code of 1 to 9 characters): a cell of
 * at least 2 × min and at most max UTF-16 units passes both, whatever its code points (code points ≤
 * units ≤ 2 × code points), with no call; any other cell goes through both tests (`first`, `second`).
 */
function lengthsAt(
  min: number,
  max: number,
  first: (text: string, start: number, end: number) => boolean,
  second: (text: string, start: number, end: number) => boolean,
): (text: string, start: number, end: number) => boolean {
  const least = 2 * min;
  return (t, s, e) => {
    const n = e - s;
    return (n >= least && n <= max) || (first(t, s, e) && second(t, s, e));
  };
}

/**
 * The constraints of a string field of the default format as a test of a cell `text[start, end)` that
 * makes no string: true when every constraint passes. Undefined when the field has no constraint to
 * check, false when one of them cannot be tested in place (a pattern, a long enum).
 */
export function compileConstraintsAt(
  field: Field,
  type: string,
  caster: Caster,
): ((text: string, start: number, end: number) => boolean) | undefined | false {
  const constraints: Constraints = field.constraints ?? {};
  const ctx: ConstraintContext = { type, caster, warnings: [] };
  const tests: ((text: string, start: number, end: number) => boolean)[] = [];
  const names: CellConstraint[] = [];
  for (const name of SUPPORTED[type] ?? []) {
    const raw = constraints[name];
    if (raw === undefined || raw === null) continue;
    const check = constraintCheck(ctx, name, raw);
    if (check === undefined) continue;
    if (check.testAt === undefined) return false;
    tests.push(check.testAt);
    names.push(name);
  }
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2 && names.includes('minLength') && names.includes('maxLength'))
    return lengthsAt(constraints.minLength as number, constraints.maxLength as number, tests[0]!, tests[1]!);
  return (t, s, e) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(t, s, e)) return false;
    return true;
  };
}

/** Compiles the constraints of `field` (type already resolved) with its caster; warnings are appended. */
export function compileConstraints(
  field: Field,
  type: string,
  caster: Caster,
  warnings: FieldPlanWarning[],
): ConstraintCheck | undefined {
  const constraints: Constraints = field.constraints ?? {};
  const supported = SUPPORTED[type] ?? [];
  const ctx: ConstraintContext = { type, caster, warnings };
  for (const name of Object.keys(constraints)) {
    if (ALWAYS.has(name) || (supported as readonly string[]).includes(name)) continue;
    warnings.push({ code: 'unsupported-constraint', params: { type, constraint: name } });
  }
  const checks: Check[] = [];
  for (const name of supported) {
    const raw = constraints[name];
    if (raw === undefined || raw === null) continue;
    const check = constraintCheck(ctx, name, raw);
    if (check) checks.push(check);
  }

  if (checks.length === 0) return undefined;
  if (checks.length === 1) {
    const only = checks[0]!;
    return (r, text) => {
      const passed = only.test(r, text);
      return passed ? undefined : passed === false ? only.name : UNCHECKED_PATTERN;
    };
  }
  return (r, text) => {
    let undecided = false;
    for (let i = 0; i < checks.length; i++) {
      const passed = checks[i]!.test(r, text);
      if (passed === false) return checks[i]!.name;
      if (passed === undefined) undecided = true;
    }
    return undecided ? UNCHECKED_PATTERN : undefined;
  };
}
