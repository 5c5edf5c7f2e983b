// Compiles a field's constraints (except required and unique) into one check, with bounds cast once.
import type { Constraints, Field } from '../schema/types.js';
import type { Caster, FieldPlanWarning, OkResult } from './caster.js';
import { compilePattern } from './pattern.js';

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

/** A check's verdict: pass, fail, or undefined when it could not decide in bounded time (pattern only). */
type Check = { name: CellConstraint; test: (r: OkResult, text: string) => boolean | undefined };

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

/** Compiles the constraints of `field` (type already resolved) with its caster; warnings are appended. */
export function compileConstraints(
  field: Field,
  type: string,
  caster: Caster,
  warnings: FieldPlanWarning[],
): ConstraintCheck | undefined {
  const constraints: Constraints = field.constraints ?? {};
  const supported = SUPPORTED[type] ?? [];
  const checks: Check[] = [];
  const order = caster.order ?? ((v: unknown) => v as number);
  const key = caster.key ?? ((v: unknown) => v);
  const bad = (constraint: string, value: unknown, reason: string): void => {
    warnings.push({ code: 'bad-constraint', params: { type, constraint, value, reason } });
  };
  const castValue = (v: unknown): unknown => {
    if (typeof v === 'string') return caster.cast(v)?.value ?? caster.castConstraint?.(v);
    return caster.fromJson?.(v);
  };

  for (const name of Object.keys(constraints)) {
    if (ALWAYS.has(name) || (supported as readonly string[]).includes(name)) continue;
    warnings.push({ code: 'unsupported-constraint', params: { type, constraint: name } });
  }

  for (const name of supported) {
    const raw = constraints[name];
    if (raw === undefined || raw === null) continue;
    switch (name) {
      case 'minLength':
      case 'maxLength': {
        if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
          bad(name, raw, 'not a non-negative integer');
          break;
        }
        if (type === 'string') {
          // Code points ≤ UTF-16 units ≤ 2 × code points: count them only when that cannot decide.
          checks.push(
            name === 'minLength'
              ? {
                  name,
                  test: (_r, t) => t.length >= raw && (t.length >= 2 * raw || codePointLength(t) >= raw),
                }
              : { name, test: (_r, t) => t.length <= raw || codePointLength(t) <= raw },
          );
          break;
        }
        const length =
          type === 'array'
            ? (r: OkResult) => (r.value as unknown[]).length
            : (r: OkResult) => Object.keys(r.value as object).length;
        checks.push(
          name === 'minLength'
            ? { name, test: (r) => length(r) >= raw }
            : { name, test: (r) => length(r) <= raw },
        );
        break;
      }
      case 'pattern': {
        if (typeof raw !== 'string') {
          bad(name, raw, 'not a string');
          break;
        }
        const re = compilePattern(raw);
        if (typeof re === 'string') {
          warnings.push({ code: 'bad-pattern', params: { type, pattern: raw, reason: re } });
          break;
        }
        checks.push({ name, test: (_r, text) => re.test(text) });
        break;
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const v = castValue(raw);
        if (v === undefined) {
          bad(name, raw, `not a ${type}`);
          break;
        }
        const bound = order(v);
        const test: Check['test'] =
          name === 'minimum'
            ? (r) => order(r.value) >= bound
            : name === 'maximum'
              ? (r) => order(r.value) <= bound
              : name === 'exclusiveMinimum'
                ? (r) => order(r.value) > bound
                : (r) => order(r.value) < bound;
        checks.push({ name, test });
        break;
      }
      case 'enum': {
        if (!Array.isArray(raw)) {
          bad(name, raw, 'not an array');
          break;
        }
        const allowed = new Set<unknown>();
        for (const item of raw) {
          const v = castValue(item);
          if (v === undefined) bad(name, item, `not a ${type}`);
          else allowed.add(key(v));
        }
        checks.push({ name, test: (r) => allowed.has(key(r.value)) });
        break;
      }
    }
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
