import { describe, expect, it } from 'vitest';
import { compareHolds, toComparable, type CompareOp } from '../../src/checks/compare-columns-value.js';
import { runChecks, schemaOf } from './harness.js';

describe('toComparable + compareHolds', () => {
  it.each([
    ['10', '>=', '5', true],
    ['5', '>=', '10', false],
    ['5', '>=', '5', true],
    ['5', '>', '5', false],
    ['4,5', '<', '4.6', true],
    ['3', '==', '3.0', true],
    ['2017-10-15', '>=', '2017-10-14', true],
    ['2017-02-03', '>=', '2017-10-15', false],
    ['15/10/2017', '<=', '2017-10-15', true],
    ['2017-10-15T10:00:00', '<', '2017-10-15T11:00:00', true],
  ])('%s %s %s → %s', (a, op, b, expected) => {
    const ca = toComparable(undefined, a);
    const cb = toComparable(undefined, b);
    expect(ca && cb && compareHolds(ca, op as CompareOp, cb)).toBe(expected);
  });

  it('is not comparable across kinds or for text', () => {
    const n = toComparable(undefined, '5');
    const d = toComparable(undefined, '2020-01-01');
    expect(n && d && compareHolds(n, '<', d)).toBeUndefined();
    expect(toComparable(undefined, 'abc')).toBeUndefined();
  });

  it('prefers cast values: numbers, bigints and dates', () => {
    expect(toComparable(7, 'sept')).toEqual({ kind: 'number', n: 7 });
    expect(toComparable(7n, '7')).toEqual({ kind: 'number', n: 7n });
    expect(toComparable(new Date(Date.UTC(2020, 0, 1)), '01/01/2020')).toEqual({
      kind: 'date',
      n: Date.UTC(2020, 0, 1),
    });
    const big = toComparable(9007199254740993n, '');
    const near = toComparable(9007199254740992, '');
    expect(big && near && compareHolds(big, '>', near)).toBe(true);
  });
});

describe('compare-columns-value check', () => {
  const schema = schemaOf(
    [
      { name: 'VOTE_EFFECTIF', type: 'integer' },
      { name: 'VOTE_REEL', type: 'integer' },
      { name: 'note', type: 'string' },
    ],
    [{ name: 'compare-columns-value', params: { column: 'VOTE_EFFECTIF', op: '>=', column2: 'VOTE_REEL' } }],
  );

  it('reports on the first column, with the operator and the other value', () => {
    const rows = [
      { VOTE_EFFECTIF: '43', VOTE_REEL: '40' },
      { VOTE_EFFECTIF: '30', VOTE_REEL: '40' },
      { VOTE_EFFECTIF: '', VOTE_REEL: '40' },
      { VOTE_EFFECTIF: 'trente', VOTE_REEL: '40' },
    ];
    const { findings, flat } = runChecks(schema, rows);
    expect(flat).toEqual([[3, 'VOTE_EFFECTIF', 'compare-columns-value']]);
    expect(findings[0]).toMatchObject({
      value: '30',
      params: { op: '>=', column2: 'VOTE_REEL', value2: '40' },
    });
  });

  it('uses cast values when the validator gives them', () => {
    const rows = [{ VOTE_EFFECTIF: 'x', VOTE_REEL: 'y' }];
    const cast = (name: string) => (name === 'VOTE_EFFECTIF' ? 1 : 2);
    expect(runChecks(schema, rows, { cast }).flat).toEqual([[2, 'VOTE_EFFECTIF', 'compare-columns-value']]);
  });

  it('is skipped when a column is absent', () => {
    const rows = [{ VOTE_EFFECTIF: '30', VOTE_REEL: '40' }];
    expect(runChecks(schema, rows, { present: ['VOTE_EFFECTIF'] }).flat).toEqual([]);
  });
});
