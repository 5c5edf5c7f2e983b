// Tests of the row sample read before matching: the same rows reach the validation pass, once each.
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/io/types.js';
import { SAMPLE_MAX_CHARS, SAMPLE_MAX_ROWS, sampleRows } from '../../src/run/sample.js';

function row(i: number, width = 2): RawRow {
  return {
    cells: Array.from({ length: width }, (_, c) => `${'ab'[c % 2]}${i}`),
    rowNumber: i + 2,
    line: i + 2,
  };
}

async function* rows(n: number, onReturn?: () => void, make = row): AsyncGenerator<RawRow> {
  try {
    for (let i = 0; i < n; i++) yield make(i);
  } finally {
    onReturn?.();
  }
}

async function all(it: AsyncIterable<RawRow>): Promise<number[]> {
  const out: number[] = [];
  for await (const r of it) out.push(r.rowNumber);
  return out;
}

describe('sampleRows', () => {
  it.each([0, 3, SAMPLE_MAX_ROWS, SAMPLE_MAX_ROWS + 7])(
    'replays the sampled rows then the rest: %i rows',
    async (n) => {
      const { sample, rows: replay } = await sampleRows(rows(n));
      expect(sample.rows).toEqual(
        Array.from({ length: Math.min(n, SAMPLE_MAX_ROWS) }, (_, i) => row(i).cells),
      );
      expect(await all(replay)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    },
  );

  it('passes an early stop on to the reader', async () => {
    let closed = false;
    const { rows: replay } = await sampleRows(rows(5000, () => (closed = true)));
    for await (const r of replay) if (r.rowNumber === 1500) break;
    expect(closed).toBe(true);
  });

  it('samples fewer rows of a wide table: at most SAMPLE_MAX_CHARS characters of cells', async () => {
    // 1,000 cells of 10 characters a row: 10,000 characters, so about 105 rows fit in 1 MiB.
    const wide = (i: number): RawRow => ({
      cells: Array.from({ length: 1000 }, () => String(i).padStart(10, '0')),
      rowNumber: i + 2,
      line: i + 2,
    });
    const { sample, rows: replay } = await sampleRows(rows(300, undefined, wide));
    expect(sample.rows.length).toBe(Math.ceil(SAMPLE_MAX_CHARS / 10_000));
    expect((await all(replay)).length).toBe(300);
  });
});
