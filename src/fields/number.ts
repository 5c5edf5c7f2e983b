// The `number` type: decimals with decimalChar, groupChar and bareNumber, NaN/INF, exponents (Table Schema v1).
import type { Field } from '../schema/types.js';
import { ok, type Caster, type OkResult } from './caster.js';
import { readLenientNumber, shiftDecimal } from './lenient-number.js';
import { fastDecimal } from '../text/decimal.js';

export { fastDecimal };

// Table Schema v1 `number`: XML Schema decimal plus an optional exponent, and NaN, INF, -INF. Python's
// Decimal, which Frictionless uses, also reads `1.`, `.5`, `inf`, `Infinity` (any case): so do we.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;
// bareNumber: false strips leading and trailing non-numeric text (`€ 12`, `12 %`). Frictionless strips
// `\D*`, which also eats a leading minus sign; we keep signs and a leading decimal char.
const LEADING_DECOR = /^[^\d+\-.]+/;
const TRAILING_DECOR = /\D+$/;

const PERCENT = /^\s*(.*?\d)\s*%\s*$/;

/** Longest canonical text odf writes when expanding an exponent; beyond it the exponent form is kept. */
const MAX_EXPANDED = 40;

/** Options common to number and integer reading. */
export interface NumericOptions {
  decimalChar: string;
  groupChar: string;
  bareNumber: boolean;
}

/** The numeric options of a field, with Table Schema defaults ('.', no group char, bare numbers). */
export function numericOptions(field: Field): NumericOptions {
  return {
    decimalChar: typeof field.decimalChar === 'string' && field.decimalChar !== '' ? field.decimalChar : '.',
    groupChar: typeof field.groupChar === 'string' ? field.groupChar : '',
    bareNumber: field.bareNumber !== false,
  };
}

/**
 * Applies bareNumber, groupChar and decimalChar as Frictionless does, giving text in `.` writing, or
 * undefined when a `.` appears although the decimal char is another one.
 */
export function prepareNumeric(text: string, o: NumericOptions): string | undefined {
  let s = text;
  if (!o.bareNumber) s = s.replace(LEADING_DECOR, '').replace(TRAILING_DECOR, '');
  if (o.groupChar !== '') s = s.split(o.groupChar).join('');
  if (o.decimalChar !== '.') {
    if (s.includes('.')) return undefined;
    s = s.split(o.decimalChar).join('.');
  }
  return s;
}

function specialNumber(sign: string, word: string): { value: number; canonical: string } {
  if (word.toLowerCase() === 'nan') return { value: NaN, canonical: 'NaN' };
  return sign === '-' ? { value: -Infinity, canonical: '-INF' } : { value: Infinity, canonical: 'INF' };
}

/** Compiles the caster of a `number` field. Values are JS numbers; canonical texts keep the source digits. */
export function compileNumber(field: Field): Caster {
  const o = numericOptions(field);
  const plain = o.decimalChar === '.' && o.groupChar === '' && o.bareNumber;
  const dec = o.decimalChar;

  function fromPrepared(text: string, s: string): OkResult | undefined {
    const fast = fastDecimal(s);
    if (fast !== undefined) return ok(fast, s === text || dec === '.' ? s : s.replace('.', dec));
    const m = DECIMAL.exec(s);
    if (m === null) {
      const sp = SPECIAL.exec(s);
      if (sp === null) return undefined;
      const r = specialNumber(sp[1]!, sp[2]!);
      return ok(r.value, r.canonical);
    }
    const int = m[2]!;
    const frac = m[3];
    if (m[4] === undefined || (int === '' && (frac === undefined || frac === ''))) return undefined;
    const value = Number(s);
    const e = Number(m[4]);
    if (Math.abs(e) > MAX_EXPANDED) return ok(value, dec === '.' ? s : s.replace('.', dec));
    const shifted = shiftDecimal(int === '' ? '0' : int, frac ?? '', e);
    const canonical = m[1] === '-' ? '-' : '';
    return ok(value, canonical + shifted.int + (shifted.frac === '' ? '' : dec + shifted.frac));
  }

  return {
    format: 'default',
    cast(text) {
      if (plain) return fromPrepared(text, text);
      const s = prepareNumeric(text, o);
      return s === undefined ? undefined : fromPrepared(text, s);
    },
    fromJson: (json) => (typeof json === 'number' ? json : undefined),
    candidates(text) {
      const write = (n: { negative: boolean; int: string; frac: string }): string =>
        (n.negative ? '-' : '') + n.int + (n.frac === '' ? '' : dec + n.frac);
      // A percentage (`100%`, `12,5 %`) reads two ways: the number written (12.5) or the proportion
      // (0.125). Both are offered; the field's constraints decide, and when both pass nobody can tell.
      const percent = PERCENT.exec(text);
      if (percent) {
        const n = readLenientNumber(percent[1]!);
        if (n === undefined) return [];
        // Beyond 100 % a value is a number written with a sign, not a proportion.
        if (n.negative || Number(`${n.int}.${n.frac || '0'}`) > 100) return [write(n)];
        const p = shiftDecimal(n.int, n.frac, -2);
        return [write(n), write({ negative: false, int: p.int, frac: p.frac.replace(/0+$/, '') })];
      }
      const n = readLenientNumber(text);
      if (n === undefined) return [];
      return [write(n)];
    },
    typeParams: plain ? undefined : { decimalChar: o.decimalChar, groupChar: o.groupChar || undefined },
    warnings: [],
  };
}
