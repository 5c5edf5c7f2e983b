// RowCuts.lineBytes: the bytes the reader locates for a row's line are the UTF-8 of that line's text, on
// random files of several read chunks (multi-byte characters, quotes, every line break, blank lines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTable } from '../../src/io/open.js';
import type { OpenOptions, RowCuts } from '../../src/io/types.js';
import { random as seeded } from '../../scripts/random.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-line-bytes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PIECES = [
  'abc',
  '12',
  'é',
  'à la',
  '€',
  'œ',
  '😀',
  ' x ',
  '',
  '"a,b"',
  '"dit ""oui"""',
  '"l1\nl2"',
  '"é,€"',
];

/** A random comma CSV of about `size` bytes: 4 columns, cells of PIECES, line breaks of `breaks`. */
function randomCsv(seed: number, size: number, breaks: readonly string[], bom: boolean): string {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let out = (bom ? '\ufeff' : '') + 'a,b,c,d' + pick(breaks);
  while (out.length < size) {
    if (random() < 0.02) {
      out += pick(breaks);
      continue;
    }
    const cells: string[] = [];
    for (let c = 0; c < 4; c++) {
      const piece = pick(PIECES);
      // A quoted piece is a cell alone; bare pieces are joined.
      cells.push(
        piece.startsWith('"') || random() < 0.5
          ? piece
          : piece + pick(PIECES.filter((p) => !p.startsWith('"'))),
      );
    }
    out += cells.join(',') + pick(breaks);
  }
  return out;
}

/** The text of a row's line, as the line copier copies it: from its first cell (or quote) to its last. */
function lineText(c: RowCuts): string {
  const s = c.text;
  let first = c.bounds[c.at]!;
  let last = c.bounds[c.at + 2 * c.count - 1]!;
  if (first > 0 && s.charCodeAt(first - 1) === 34) first--;
  if (last < s.length && s.charCodeAt(last) === 34) last++;
  return s.slice(first, last);
}

/** Rows read, and those whose line was located, after checking each located line's bytes. */
async function check(file: string, options: OpenOptions): Promise<{ rows: number; located: number }> {
  const table = await openTable(file, { lineBytes: true, ...options });
  let rows = 0;
  let located = 0;
  for await (const row of table.rows) {
    rows++;
    const c = row.cuts;
    const b = c?.lineBytes;
    if (c === undefined || b === undefined) continue;
    located++;
    expect(c.layout === 'unquoted' || c.layout === 'quoted').toBe(true);
    expect(Buffer.from(b.bytes.subarray(b.start, b.end)).toString('utf8')).toBe(lineText(c));
  }
  return { rows, located };
}

describe('RowCuts.lineBytes', () => {
  const cases: [string, string[], boolean][] = [
    ['LF', ['\n'], false],
    ['CRLF and a BOM', ['\r\n'], true],
    ['LF, CRLF and CR', ['\n', '\r\n', '\r'], false],
  ];
  for (const [name, breaks, bom] of cases) {
    it(`locates lines in valid UTF-8 read in several chunks (${name})`, async () => {
      for (const seed of [1, 2, 3]) {
        const file = path.join(dir, `${name.replace(/\W/g, '')}-${seed}.csv`);
        // Seed 3 ends with a line of multi-byte characters and no line break.
        const tail = seed === 3 ? '😀é,€,"a,b",x' : '';
        writeFileSync(file, randomCsv(seed, 400_000, breaks, bom) + tail);
        const { rows, located } = await check(file, {});
        expect(rows).toBeGreaterThan(1000);
        // Most rows are plain lines of the chunk they end in.
        expect(located).toBeGreaterThan(rows / 4);
        // The same file as bytes, and with its encoding given.
        const { readFileSync } = await import('node:fs');
        expect(await check(file, { encoding: 'utf-8' })).toEqual({ rows, located });
        const bytes = readFileSync(file);
        const table = await openTable(bytes, { lineBytes: true });
        let n = 0;
        for await (const row of table.rows) {
          const b = row.cuts?.lineBytes;
          if (b)
            expect(Buffer.from(b.bytes.subarray(b.start, b.end)).toString('utf8')).toBe(lineText(row.cuts!));
          n++;
        }
        expect(n).toBe(rows);
      }
    });
  }

  it('locates nothing unless asked, nor in another encoding, nor once the reader has read on', async () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, randomCsv(7, 400_000, ['\n'], false));
    for await (const row of (await openTable(file)).rows) expect(row.cuts?.lineBytes).toBeUndefined();
    const latin1 = path.join(dir, 'latin1.csv');
    writeFileSync(
      latin1,
      Buffer.from(
        [...randomCsv(8, 300_000, ['\n'], false)]
          .map((ch) => (ch.codePointAt(0)! > 0xff ? 'e' : ch))
          .join(''),
        'latin1',
      ),
    );
    for await (const row of (await openTable(latin1, { lineBytes: true, encoding: 'windows-1252' })).rows)
      expect(row.cuts?.lineBytes).toBeUndefined();
    const kept: RowCuts[] = [];
    for await (const row of (await openTable(file, { lineBytes: true })).rows)
      if (row.cuts) kept.push(row.cuts);
    // Every chunk but the last has been read over.
    expect(kept.filter((c) => c.lineBytes !== undefined).length).toBeLessThan(kept.length / 2);
  });
});
