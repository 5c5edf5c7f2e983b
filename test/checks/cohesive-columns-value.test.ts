import { describe, expect, it } from 'vitest';
import { runChecks, schemaOf } from './harness.js';

const schema = schemaOf(
  ['VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR'],
  [
    {
      name: 'cohesive-columns-value',
      params: { column: 'VOTE_EFFECTIF', othercolumns: ['VOTE_REEL', 'VOTE_POUR'] },
    },
  ],
);

describe('cohesive-columns-value check', () => {
  it.each([
    [{ VOTE_EFFECTIF: '43', VOTE_REEL: '40', VOTE_POUR: '25' }, []],
    [{ VOTE_EFFECTIF: '', VOTE_REEL: '', VOTE_POUR: '' }, []],
    [
      { VOTE_EFFECTIF: '43', VOTE_REEL: '', VOTE_POUR: '25' },
      [[2, 'VOTE_EFFECTIF', 'cohesive-columns-value']],
    ],
    [{ VOTE_EFFECTIF: '', VOTE_REEL: '40', VOTE_POUR: '' }, [[2, 'VOTE_EFFECTIF', 'cohesive-columns-value']]],
  ])('%j → %j', (row, expected) => {
    expect(runChecks(schema, [row]).flat).toEqual(expected);
  });

  it('says which columns are filled and which are empty', () => {
    const [f] = runChecks(schema, [{ VOTE_EFFECTIF: '43', VOTE_REEL: '', VOTE_POUR: '25' }]).findings;
    expect(f?.params).toEqual({
      columns: ['VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR'],
      filled: ['VOTE_EFFECTIF', 'VOTE_POUR'],
      empty: ['VOTE_REEL'],
    });
  });

  it('compares only the columns the file has', () => {
    const row = { VOTE_EFFECTIF: '43', VOTE_REEL: '', VOTE_POUR: '25' };
    expect(runChecks(schema, [row], { present: ['VOTE_EFFECTIF', 'VOTE_POUR'] }).flat).toEqual([]);
    expect(runChecks(schema, [row], { present: ['VOTE_REEL', 'VOTE_POUR'] }).flat).toEqual([
      [2, 'VOTE_REEL', 'cohesive-columns-value'],
    ]);
    expect(runChecks(schema, [row], { present: ['VOTE_POUR'] }).flat).toEqual([]);
  });
});
