import { describe, expect, it } from 'vitest';
import {
  decimalReader,
  decimalsEqual,
  formatDecimal,
  parseDecimal,
  sumDecimals,
} from '../../src/checks/sum-columns-value.js';
import { runChecks, schemaOf } from './harness.js';

const d = (text: string) => {
  const v = parseDecimal(text);
  if (!v) throw new Error(`not a decimal: ${text}`);
  return v;
};

describe('decimal arithmetic', () => {
  it.each([
    [['0.1', '0.2'], '0.3', true],
    [['25', '10', '5'], '40', true],
    [['25', '10', '5'], '39', false],
    [['1.005', '2'], '3.005', true],
    [['-1.5', '1.5'], '0', true],
    [['0.10', '0.20'], '0.3', true],
    [['.5', '5.'], '5.5', true],
    [['123456789012345678.9', '0.1'], '123456789012345679', true],
  ])('%j sums to %s: %s', (parts, total, expected) => {
    expect(decimalsEqual(sumDecimals(parts.map(d)), d(total))).toBe(expected);
  });

  it.each(['', '.', '-', '1e3', '1,5', 'abc', '1.2.3'])('%j is not a plain decimal', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it.each([
    ['0.3', '0.3'],
    ['-0.05', '-0.05'],
    ['40', '40'],
  ])('formats %s as %s', (text, expected) => {
    expect(formatDecimal(d(text))).toBe(expected);
  });

  it('honours the field decimalChar and groupChar', () => {
    const read = decimalReader({ name: 'x', decimalChar: ',', groupChar: ' ' });
    expect(read('1 234,5')).toEqual(d('1234.5'));
  });
});

describe('sum-columns-value check', () => {
  const schema = schemaOf(
    ['total', 'a', 'b', 'c'],
    [{ name: 'sum-columns-value', params: { column: 'total', columns: ['a', 'b', 'c'] } }],
  );

  it('compares exactly, skips rows with an empty or non-numeric cell', () => {
    const rows = [
      { total: '0.3', a: '0.1', b: '0.2', c: '0' },
      { total: '40', a: '25', b: '10', c: '5' },
      { total: '41', a: '25', b: '10', c: '5' },
      { total: '41', a: '25', b: '', c: '5' },
      { total: '41', a: '25', b: 'dix', c: '5' },
    ];
    const { findings, flat } = runChecks(schema, rows);
    expect(flat).toEqual([[4, 'total', 'sum-columns-value']]);
    expect(findings[0]).toMatchObject({ value: '41', params: { columns: ['a', 'b', 'c'], sum: '40' } });
  });

  it('is skipped when a column is absent', () => {
    expect(
      runChecks(schema, [{ total: '41', a: '25', b: '10' }], { present: ['total', 'a', 'b'] }).flat,
    ).toEqual([]);
  });
});
