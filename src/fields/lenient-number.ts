// Lenient reading of numbers as people write them (French writing, float artefacts), for repairs only.
import { trimSpaces } from './caster.js';

/** A number read leniently, as digit strings (nothing is rounded). */
export interface LenientNumber {
  negative: boolean;
  /** Integer digits, at least one ('0' for `,5`). */
  int: string;
  /** Fraction digits, possibly empty. */
  frac: string;
}

// Spaces used as thousands separators: space, NBSP (U+00A0), narrow NBSP (U+202F), figure and thin spaces.
const S = '[ \\u00a0\\u202f\\u2007\\u2009]';
const SPACE_GROUPED = new RegExp(`^(\\d{1,3}(?:${S}\\d{3})+)(?:[.,](\\d+))?$`);
const DOT_GROUPED_COMMA = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/;
const COMMA_GROUPED_DOT = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/;
const MULTI_DOT_GROUPED = /^(\d{1,3}(?:\.\d{3}){2,})$/;
const MULTI_COMMA_GROUPED = /^(\d{1,3}(?:,\d{3}){2,})$/;
const SINGLE_SEP = /^(\d*)[.,](\d+)$/;
const PLAIN = /^\d+$/;
const EXPONENT = /^(\d+)(?:[.,](\d*))?[eE]([+-]?\d{1,3})$/;
// `1,234` or `1.234`: a thousands group or a decimal part? Nobody can tell.
const AMBIGUOUS = /^[1-9]\d{0,2}[.,]\d{3}$/;

/** Shifts the decimal point of int.frac by `exp` places, exactly (string arithmetic). */
export function shiftDecimal(int: string, frac: string, exp: number): { int: string; frac: string } {
  const digits = int + frac;
  let point = int.length + exp;
  let all = digits;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  } else if (point > all.length) all = all + '0'.repeat(point - all.length);
  let i = all.slice(0, point).replace(/^0+(?=\d)/, '');
  if (i === '') i = '0';
  return { int: i, frac: all.slice(point) };
}

/**
 * Reads a number written the way people write it: `3,5`, `1 234,56` (space, NBSP or narrow NBSP groups),
 * `1.234,56`, `1,234.56`, `1.234.567`, `−5` (U+2212), `2.1860194600013E+13`, surrounding spaces.
 * Undefined when the text is not a number or is ambiguous (`1,234`, `1.234`: thousands or decimals?).
 */
export function readLenientNumber(text: string): LenientNumber | undefined {
  let t = trimSpaces(text);
  let negative = false;
  const c0 = t[0];
  if (c0 === '-' || c0 === '\u2212' || c0 === '+') {
    negative = c0 !== '+';
    t = trimSpaces(t.slice(1));
  }
  if (t === '') return undefined;
  if (PLAIN.test(t)) return { negative, int: t, frac: '' };
  let m = EXPONENT.exec(t);
  if (m) {
    const exp = Number(m[3]);
    return Math.abs(exp) > 40 ? undefined : { negative, ...shiftDecimal(m[1]!, m[2] ?? '', exp) };
  }
  m = SPACE_GROUPED.exec(t);
  if (m) return { negative, int: m[1]!.replace(/\D/g, ''), frac: m[2] ?? '' };
  m = DOT_GROUPED_COMMA.exec(t) ?? COMMA_GROUPED_DOT.exec(t);
  if (m) return { negative, int: m[1]!.replace(/\D/g, ''), frac: m[2]! };
  m = MULTI_DOT_GROUPED.exec(t) ?? MULTI_COMMA_GROUPED.exec(t);
  if (m) return { negative, int: m[1]!.replace(/\D/g, ''), frac: '' };
  if (AMBIGUOUS.test(t)) return undefined;
  m = SINGLE_SEP.exec(t);
  if (m) return { negative, int: m[1] === '' ? '0' : m[1]!, frac: m[2]! };
  return undefined;
}
