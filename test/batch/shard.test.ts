// --shard K/N: a stable split of a batch by input name, the same on every machine.
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/batch/shard.js';
import { isOdfError } from '../../src/errors.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, total: 1 }],
    ['2/4', { index: 2, total: 4 }],
    [' 3 / 3 ', { index: 3, total: 3 }],
  ])('reads %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each(['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', ''])(
    'refuses %j in one sentence',
    (text) => {
      try {
        parseShard(text);
        expect.unreachable();
      } catch (e) {
        expect(isOdfError(e) && e.code).toBe('bad-option');
        expect((e as Error).message).toMatch(/--shard/);
      }
    },
  );
});

describe('shardOf', () => {
  const names = Array.from(
    { length: 2000 },
    (_, i) => `https://data.example.fr/communes/${i}/deliberations.csv`,
  );

  it('puts every input in exactly one share', () => {
    for (const total of [1, 2, 3, 7]) {
      for (const name of names) {
        const owners = Array.from({ length: total }, (_, k) => k + 1).filter((k) =>
          inShard(name, { index: k, total }),
        );
        expect(owners).toEqual([shardOf(name, total)]);
      }
    }
  });

  it('does not depend on the other inputs or their order', () => {
    const a = names.map((n) => shardOf(n, 4));
    const b = [...names]
      .reverse()
      .map((n) => shardOf(n, 4))
      .reverse();
    expect(b).toEqual(a);
  });

  it('is pinned: the same name gives the same share in every version of odf', () => {
    // Changing the hash would send files to other machines between two nights: this must never move.
    expect([1, 2, 3, 4, 5].map((k) => shardOf(`f${k}.csv`, 3))).toMatchInlineSnapshot(`
      [
        2,
        3,
        1,
        2,
        1,
      ]
    `);
  });

  it('spreads names evenly', () => {
    const counts = [0, 0, 0, 0];
    for (const n of names) counts[shardOf(n, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(400);
  });

  it('takes everything without a shard', () => {
    expect(inShard('x', undefined)).toBe(true);
  });
});
