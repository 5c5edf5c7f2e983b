// Merging the JSON reports of the shares of a batch: the order of a single run, or one sentence saying why not.
import { describe, expect, it } from 'vitest';
import { mergeShardReports, type ShardReport } from '../../src/batch/merge.js';
import type { FileReport } from '../../src/report/types.js';

function file(path: string): FileReport {
  return {
    path,
    valid: true,
    partial: false,
    source: { format: 'csv' },
    labels: [],
    columns: [],
    extraColumns: [],
    stats: { rows: 1, errors: 0, warnings: 0, infos: 0, cells: 1, invalidCells: 0 },
    findings: [],
    totals: { byCode: {}, byColumn: {} },
  };
}

function share(
  index: number,
  total: number,
  files: [string, number][],
  failures: [string, number][] = [],
): ShardReport {
  return {
    version: 1,
    valid: true,
    lang: 'fr',
    files: files.map(([p]) => file(p)),
    failures: failures.map(([p]) => ({ path: p, code: 'network-error', message: 'x' })),
    summary: { files: 0, valid: 0, invalid: 0, failed: 0, rows: 0, errors: 0, warnings: 0 },
    shard: {
      index,
      total,
      inputs: 5,
      positions: { files: files.map(([, i]) => i), failures: failures.map(([, i]) => i), skipped: [] },
    },
  };
}

const named = (...r: ShardReport[]) => r.map((report, i) => ({ name: `part-${i + 1}.json`, report }));

describe('mergeShardReports', () => {
  it('puts files and failures back in the order of the whole batch, whatever the order of the shares', () => {
    const a = share(
      1,
      2,
      [
        ['c', 2],
        ['a', 0],
      ],
      [['e', 4]],
    );
    const b = share(2, 2, [['b', 1]], [['d', 3]]);
    for (const parts of [mergeShardReports(named(a, b)), mergeShardReports(named(b, a))]) {
      expect(parts.files.map((f) => f.path)).toEqual(['a', 'b', 'c']);
      expect(parts.failures.map((f) => f.path)).toEqual(['d', 'e']);
    }
  });

  it('refuses a missing share', () => {
    expect(() => mergeShardReports(named(share(1, 3, [['a', 0]])))).toThrow(
      /la part 2\/3, 3\/3|les parts 2\/3, 3\/3/,
    );
  });

  it('refuses a share given twice, shares of different batches, and an input nobody accounts for', () => {
    expect(() => mergeShardReports(named(share(1, 2, [['a', 0]]), share(1, 2, [['b', 1]])))).toThrow(
      /tous deux la part 1\/2/,
    );
    expect(() => mergeShardReports(named(share(1, 2, [['a', 0]]), share(2, 3, [['b', 1]])))).toThrow(
      /même lot/,
    );
    expect(() => mergeShardReports(named(share(1, 2, [['a', 0]]), share(2, 2, [['b', 1]])))).toThrow(
      /entrée 2 sur 5/,
    );
    expect(() =>
      mergeShardReports(
        named(
          share(1, 2, [
            ['a', 0],
            ['b', 1],
            ['c', 2],
          ]),
          share(2, 2, [
            ['b', 1],
            ['d', 3],
            ['e', 4],
          ]),
        ),
      ),
    ).toThrow(/même entrée \(position 1\)/);
  });

  it('refuses reports in two languages or with and without --strict', () => {
    const b = { ...share(2, 2, [['b', 1]]), lang: 'en' as const };
    expect(() => mergeShardReports(named(share(1, 2, [['a', 0]]), b))).toThrow(/même langue/);
    const s = { ...share(2, 2, [['b', 1]]), strict: true as const };
    expect(() => mergeShardReports(named(share(1, 2, [['a', 0]]), s))).toThrow(/--strict/);
  });

  it('joins reports without shares in the order given', () => {
    const plain = (p: string): ShardReport => {
      const { shard: _s, ...r } = share(1, 1, [[p, 0]]);
      return r;
    };
    expect(mergeShardReports(named(plain('x'), plain('y'))).files.map((f) => f.path)).toEqual(['x', 'y']);
  });
});
