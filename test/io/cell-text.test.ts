import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.js';
import { formatNumber } from '../../src/io/cell-text.js';

/** formatNumber as it was written before its shortcut for non-integers: the reference it must equal. */
function reference(n: number): string {
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const plain = String(n);
  const digits = plain
    .replace(/^[^1-9]*/, '')
    .replace(/e.*$/, '')
    .replace(/\D/g, '').length;
  if (plain.indexOf('e') < 0 && digits <= 15) return plain;
  const s = String(Number(n.toPrecision(15)));
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  if (Math.abs(exp) > 30) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const dot = mantissa.indexOf('.');
  const all = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${all}`;
  else if (point >= all.length) out = all + '0'.repeat(point - all.length);
  else out = `${all.slice(0, point)}.${all.slice(point)}`;
  return negative ? `-${out}` : out;
}

describe('formatNumber on non-integers', () => {
  it('equals the round trip through 15 digits on generated numbers', () => {
    const next = random(20261206);
    // Near the bounds of the plain notation and of a carry into a new digit (written as texts: some
    // are beyond a double's precision on purpose).
    const edges = [
      '7919.009999999999',
      '999999.99999999999',
      '9.9999999999999999e-7',
      '1e-6',
      '0.00000099999999999',
    ];
    edges.push('99999999999999.99', '999999999999999.9', '0.1', '-0.30000000000000004', 'NaN', 'Infinity');
    const numbers: number[] = [0.1 + 0.2, ...edges.map(Number)];
    for (let k = 0; k < 40_000; k++) {
      const r = next();
      let n: number;
      if (r < 0.25) {
        // Sums of amounts with two decimals: the float noise of a spreadsheet's totals.
        n = Math.round(next() * 1e7) / 100 + Math.round(next() * 1e7) / 100;
      } else if (r < 0.5) {
        // Random doubles of every magnitude around the bounds of the plain notation.
        n = next() * 10 ** Math.floor(next() * 30 - 10);
      } else if (r < 0.75) {
        // Decimals of 1 to 17 significant digits.
        const digits = 1 + Math.floor(next() * 17);
        const text = String(Math.floor(next() * 10 ** digits));
        const point = Math.floor(next() * (text.length + 8)) - 4;
        n = Number(`${text}e${point - text.length}`);
      } else {
        // The neighbours of powers of ten (rounding that carries into a new digit).
        const p = 10 ** Math.floor(next() * 24 - 8);
        n = p * (1 - Number.EPSILON * Math.floor(next() * 8)) + (next() < 0.5 ? p * 1e-16 : 0);
      }
      numbers.push(next() < 0.2 ? -n : n);
    }
    const differing = numbers.filter((n) => formatNumber(n) !== reference(n));
    expect(differing.map((n) => [n, formatNumber(n), reference(n)])).toEqual([]);
    expect(numbers.filter((n) => !Number.isInteger(n)).length).toBeGreaterThan(30_000);
  });
});
