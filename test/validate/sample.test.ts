// Tests of the row sample read before matching: the same rows reach the validation pass, once each.
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/io/types.js';
import { readSample, sampleRowCount } from '../../src/validate/sample.js';

function row(i: number): RawRow {
  return { cells: [`a${i}`, `b${i}`], rowNumber: i + 2, line: i + 2 };
}

async function* rows(n: number, failAt?: number, onReturn?: () => void): AsyncGenerator<RawRow> {
  try {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw new Error(`unreadable row ${i}`);
      yield row(i);
    }
  } finally {
    onReturn?.();
  }
}

async function all(it: AsyncIterable<RawRow>): Promise<number[]> {
  const out: number[] = [];
  for await (const r of it) out.push(r.rowNumber);
  return out;
}

describe('readSample', () => {
  it.each([0, 3, 5, 12])('replays the sampled rows then the rest: %i rows, sample of 5', async (n) => {
    const { sample, rows: replay } = await readSample(rows(n), 5);
    expect(sample.rows).toEqual(Array.from({ length: Math.min(n, 5) }, (_, i) => row(i).cells));
    expect(await all(replay)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
  });

  it('throws a reading error where the replay reaches it, after the rows before it', async () => {
    const { sample, rows: replay } = await readSample(rows(10, 2), 5);
    expect(sample.rows).toHaveLength(2);
    const seen: number[] = [];
    await expect(async () => {
      for await (const r of replay) seen.push(r.rowNumber);
    }).rejects.toThrow('unreadable row 2');
    expect(seen).toEqual([2, 3]);
  });

  it('passes an early stop on to the reader', async () => {
    let closed = false;
    const { rows: replay } = await readSample(
      rows(100, undefined, () => (closed = true)),
      3,
    );
    for await (const r of replay) if (r.rowNumber === 10) break;
    expect(closed).toBe(true);
  });

  it('samples fewer rows of a very wide table, never fewer than 5', () => {
    expect(sampleRowCount(20)).toBe(100);
    expect(sampleRowCount(20_000)).toBe(10);
    expect(sampleRowCount(1_000_000)).toBe(5);
  });
});
