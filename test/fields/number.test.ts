import { describe, expect, test } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { fastDecimal } from '../../src/fields/number.js';
import { readLenientNumber, shiftDecimal } from '../../src/fields/lenient-number.js';

describe('fastDecimal', () => {
  test('equals Number() on plain decimals of every length', () => {
    const rand = prng(42);
    for (let k = 0; k < 20_000; k++) {
      const intLen = Math.floor(rand() * 12);
      const fracLen = Math.floor(rand() * 10);
      let s = rand() < 0.3 ? '-' : '';
      for (let i = 0; i < intLen; i++) s += Math.floor(rand() * 10);
      if (fracLen > 0 || intLen === 0) s += '.';
      for (let i = 0; i < Math.max(fracLen, intLen === 0 ? 1 : 0); i++) s += Math.floor(rand() * 10);
      expect(fastDecimal(s)).toBe(Number(s));
    }
  });

  test.each(['', '+', '-', '.', '1.2.3', '1e3', '1,5', ' 1', 'NaN'])('%j is no plain decimal', (s) => {
    expect(fastDecimal(s)).toBeUndefined();
  });
});

describe('lenient numbers', () => {
  test.each<[string, string | undefined]>([
    ['3,5', '3.5'],
    ['1 234 567,89', '1234567.89'],
    ['1.234,5', '1234.5'],
    ['1,234.5', '1234.5'],
    ['1,234,567', '1234567'],
    ['-0,5', '-0.5'],
    ['2,5E+3', '2500'],
    ['1,234', undefined],
    ['1.234', undefined],
    ['12 34', undefined],
    ['1 234.567,8', undefined],
    ['abc', undefined],
    ['1e999', undefined],
  ])('%j → %j', (text, expected) => {
    const n = readLenientNumber(text);
    expect(n && `${n.negative ? '-' : ''}${n.int}${n.frac ? `.${n.frac}` : ''}`).toBe(expected);
  });

  test.each<[string, string, number, string]>([
    ['2', '1860194600013', 13, '21860194600013'],
    ['1', '5', -3, '0.0015'],
    ['12', '', 2, '1200'],
    ['0', '05', 1, '0.5'],
  ])('shiftDecimal(%j, %j, %d) → %j', (int, frac, exp, expected) => {
    const r = shiftDecimal(int, frac, exp);
    expect(r.frac ? `${r.int}.${r.frac}` : r.int).toBe(expected);
  });
});
