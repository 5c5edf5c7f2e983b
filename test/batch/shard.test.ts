// --shard K/N: a stable split of a batch by input name, the same on every machine.
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardFromEnv, shardOf } from '../../src/batch/shard.js';
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

describe('shardFromEnv (--shard auto)', () => {
  it('reads GitLab’s parallel: (1-based index and total)', () => {
    expect(shardFromEnv('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '4' })).toEqual({ index: 3, total: 4 });
    expect(shardFromEnv('auto/4', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '4' })).toEqual({
      index: 1,
      total: 4,
    });
  });

  it('reads a Kubernetes Indexed Job (0-based index) with the total written after auto/', () => {
    expect(shardFromEnv('auto/5', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, total: 5 });
    expect(shardFromEnv('auto/5', { JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 5, total: 5 });
  });

  it('leaves K/N as written (a GitHub Actions matrix), whatever the environment', () => {
    expect(shardFromEnv('2/3', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '4' })).toEqual({ index: 2, total: 3 });
  });

  it.each([
    ['auto', {}, /ni CI_NODE_INDEX.*ni JOB_COMPLETION_INDEX/],
    ['auto', { JOB_COMPLETION_INDEX: '1' }, /--shard auto\/N/],
    ['auto/3', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '4' }, /en 4 \(CI_NODE_TOTAL\), pas en 3/],
    ['auto/3', { JOB_COMPLETION_INDEX: '3' }, /4\/3/],
    ['auto', { CI_NODE_INDEX: 'x', CI_NODE_TOTAL: '4' }, /--shard/],
  ])('refuses %j with %j in one sentence', (text, env, pattern) => {
    try {
      shardFromEnv(text, env);
      expect.unreachable();
    } catch (e) {
      expect(isOdfError(e) && e.code).toBe('bad-option');
      expect((e as Error).message).toMatch(pattern);
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });
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
