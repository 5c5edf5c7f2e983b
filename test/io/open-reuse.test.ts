// A file is read into one reused buffer (issue 14): the bytes the verifier and the decoder keep past a
// chunk (a multi-byte character cut by its end) must be copies, or the next chunk overwrites them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { scanCsv } from '../../src/io/csv.js';
import { openTable, readTextRange } from '../../src/io/open.js';
import type { OpenTable } from '../../src/io/types.js';

/** The reader's chunk size (CHUNK_BYTES in src/io/open.ts). */
const CHUNK = 128 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'odf-reuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rows` lines of two- to four-byte characters, some quoted with doubled quotes and line breaks. */
function table(rows: number, seed: number, asciiHead = 0, pad = 0): string {
  const rnd = prng(seed);
  const pieces = ['é', '€', '😀', 'a', ' ', 'ü', 'Œ'];
  const out = ['id,libelle' + 'x'.repeat(pad) + ',n'];
  for (let i = 0; i < asciiHead; i++) out.push(`${i},plain ascii row ${i},${i % 7}`);
  for (let i = 0; i < rows; i++) {
    let label = '';
    for (let k = 1 + Math.floor(rnd() * 40); k > 0; k--) label += pieces[Math.floor(rnd() * pieces.length)];
    const r = rnd();
    if (r < 0.2) label = `"${label}""${label}"`;
    else if (r < 0.3) label = `"${label}\n${label}"`;
    out.push(`${i},${label},${i % 7}`);
  }
  return out.join('\r\n') + '\r\n';
}

/** Whether some chunk of the file ends inside a multi-byte character (the case under test). */
function cutsACharacter(bytes: Buffer): boolean {
  for (let at = CHUNK; at < bytes.length; at += CHUNK) if ((bytes[at]! & 0xc0) === 0x80) return true;
  return false;
}

/** The table's bytes, its header padded until some chunk ends inside a character. */
function tableCut(rows: number, seed: number, asciiHead = 0): { text: string; bytes: Buffer } {
  for (let pad = 0; pad < 8; pad++) {
    const text = table(rows, seed, asciiHead, pad);
    const bytes = Buffer.from(text);
    if (cutsACharacter(bytes)) return { text, bytes };
  }
  throw new Error('no chunk ends inside a character');
}

async function cellsOf(table: OpenTable): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of table.rows) rows.push(row.cells);
  return rows;
}

function expected(text: string): string[][] {
  return scanCsv(text, { delimiter: ',', quoteChar: '"' })
    .rows.slice(1)
    .map((r) => r.cells);
}

describe('reading a file into one reused buffer', () => {
  it.each([1, 2, 3])(
    'UTF-8 characters cut by chunk ends, seed %i: the rows of the whole text',
    async (seed) => {
      const { text, bytes } = tableCut(12_000, seed);
      const path = join(dir, `utf8-${seed}.csv`);
      writeFileSync(path, bytes);
      const opened = await openTable(path);
      const rows = await cellsOf(opened);
      expect(opened.meta.findings).toEqual([]);
      expect(rows).toEqual(expected(text));
    },
  );

  it('a pure-ASCII head, then characters cut by chunk ends: settled as UTF-8, rows right', async () => {
    // The head (64 KiB) is ASCII, so the whole file is verified before its rows are read.
    const { text, bytes } = tableCut(8000, 9, 4000);
    const path = join(dir, 'ascii-head.csv');
    writeFileSync(path, bytes);
    const opened = await openTable(path);
    const rows = await cellsOf(opened);
    expect(opened.meta).toMatchObject({ encoding: 'utf-8', encodingConfidence: 1 });
    expect(opened.meta.findings).toEqual([]);
    expect(rows).toEqual(expected(text));
  });

  it('a byte range of the file (a chunk of a parallel run) gives the rows of its text', async () => {
    const text = table(12_000, 4);
    const bytes = Buffer.from(text);
    const path = join(dir, 'range.csv');
    writeFileSync(path, bytes);
    // From the second line on, to the end: not a multiple of the chunk size away from the file's start.
    const start = bytes.indexOf('\r\n') + 2;
    expect(cutsACharacter(bytes.subarray(start))).toBe(true);
    const range = readTextRange(
      { path, size: bytes.length, encoding: 'utf-8', delimiter: ',', quoteChar: '"', records: 1 },
      { start, end: bytes.length, rowNumber: 2, line: 2 },
    );
    const rows = await cellsOf(range);
    expect(range.meta.findings).toEqual([]);
    expect(rows).toEqual(expected(text));
  });
});
