// Tests of the row sample read before matching: the same rows reach the validation pass, once each.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/io/open.js';
import type { RawRow } from '../../src/io/types.js';
import { readSample, sampleRowCount, sampleTable } from '../../src/validate/sample.js';

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

describe('sampleTable', () => {
  const file = 'fixtures/exports/budget-logiciel-ca.csv';

  it('reads a file again for the sample (same cells, decoded the same way) and leaves its rows untouched', async () => {
    const table = await openTable(file);
    const { sample, rows } = await sampleTable(file, table, {}, 3);
    expect(rows).toBe(table.rows);
    const all: RawRow[] = [];
    for await (const r of rows) all.push(r);
    expect(sample.rows).toEqual(all.slice(0, 3).map((r) => r.cells));
    expect(sample.rows[0]![12]).toBe('Énergie - Électricité');
  });

  it('samples bytes the same way, and replays a stream it cannot read twice', async () => {
    const bytes = readFileSync(file);
    const fromBytes = await sampleTable(bytes, await openTable(bytes), {}, 2);
    const table = await openTable(file);
    const fromFile = await sampleTable(file, table, {}, 2);
    expect(fromBytes.sample).toEqual(fromFile.sample);
    const fromStdin = await sampleTable('-', await openTable(bytes, { name: '<stdin>' }), {}, 2);
    expect(fromStdin.sample).toEqual(fromFile.sample);
    let n = 0;
    for await (const _r of fromStdin.rows) n++;
    expect(n).toBe(await count(file));
  });
});

async function count(file: string): Promise<number> {
  let n = 0;
  for await (const _r of (await openTable(file)).rows) n++;
  return n;
}
