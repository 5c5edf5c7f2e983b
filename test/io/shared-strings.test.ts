// The compact shared string table: the same texts as an array would give, in bounded memory, with its
// temporary file gone however the reading ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import { readerLimits } from '../../src/io/limits.js';
import { SharedStrings } from '../../src/io/shared-strings.js';
import { openXlsx } from '../../src/io/xlsx-reader.js';
import { ZipArchive, zipBytesOf } from '../../src/io/zip.js';
import { SHEET_HEAD, SHEET_TAIL, xlsx } from '../hostile/zip.js';

/** Texts of every kind: ASCII, accents, astral characters, empty, long ones crossing the 64 KiB blocks. */
function texts(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 997 === 0) out.push('');
    else if (i % 1009 === 0) out.push(`long ${i} ${'é'.repeat(40_000)}`);
    else if (i % 3 === 0) out.push(`Commune de Saint-Étienne n° ${i} 😀`);
    else out.push(`text ${i}`);
  }
  return out;
}

let tmp: string;
let savedTmpdir: string | undefined;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'odf-sst-test-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('SharedStrings', () => {
  it('gives back every text, in memory and from its temporary file, as an array would', () => {
    const all = texts(5000);
    for (const inMemory of [undefined, 4096]) {
      const store = new SharedStrings('x.xlsx', inMemory);
      for (const s of all) store.add(s);
      store.finish();
      expect(store.count).toBe(all.length);
      // In order, in reverse, and twice (the cache).
      for (let i = 0; i < all.length; i++) expect(store.get(i)).toBe(all[i]);
      for (let i = all.length - 1; i >= 0; i--) expect(store.get(i)).toBe(all[i]);
      for (let i = 0; i < all.length; i += 7) expect(store.get(i)).toBe(all[i]);
      for (const odd of [-1, all.length, 1.5, NaN, Infinity, -0])
        expect(store.get(odd), String(odd)).toBe(all[odd as number] ?? '');
      store.close();
    }
  });

  it('gives back a text across two blocks when the block it starts in is the next to go', () => {
    // Texts of ~1,000 bytes laid out in order in the file's 64 KiB blocks (a cache of 16).
    const all = Array.from({ length: 3000 }, (_, i) => `${i} ${'x'.repeat(1000 + (i % 7))}`);
    const starts: number[] = [];
    let at = 0;
    for (const t of all) {
      starts.push(at);
      at += Buffer.byteLength(t);
    }
    const BLOCK = 65536;
    const within = (b: number): number =>
      starts.findIndex((s, i) => s >= b * BLOCK && s + Buffer.byteLength(all[i]!) <= (b + 1) * BLOCK);
    const store = new SharedStrings('x.xlsx', 4096);
    for (const t of all) store.add(t);
    store.finish();
    // Fill the cache's 16 slots with blocks 0, 2, 4, … 30: block 0 is the next to be replaced.
    for (let b = 0; b < 32; b += 2) expect(store.get(within(b))).toBe(all[within(b)]);
    // A text starting in block 0 and ending in block 1 (not cached): both blocks are needed at once.
    const across = starts.findIndex((s, i) => s < BLOCK && s + Buffer.byteLength(all[i]!) > BLOCK);
    expect(store.get(across)).toBe(all[across]);
    store.close();
  });

  it('stays in memory when no temporary file can be made', () => {
    process.env.TMPDIR = path.join(tmp, 'missing', 'folder');
    const all = texts(3000);
    const store = new SharedStrings('x.xlsx', 1024);
    for (const s of all) store.add(s);
    store.finish();
    // All its bytes are in memory, past the cap of 1,024.
    expect(store.memoryBytes).toBeGreaterThanOrEqual(all.reduce((n, s) => n + Buffer.byteLength(s), 0));
    for (let i = 0; i < all.length; i += 3) expect(store.get(i)).toBe(all[i]);
    store.close();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('keeps lone surrogates apart, as the encoder writes them', () => {
    const store = new SharedStrings('x.xlsx');
    const odd = ['a\ud83d', '\ude00b', '\ud83d\ude00', 'c\udc00', 'é'];
    for (const s of odd) store.add(s);
    store.finish();
    expect(odd.map((_, i) => store.get(i))).toEqual(odd.map((s) => Buffer.from(s).toString()));
    store.close();
  });

  it('keeps at most its cap in memory, the rest in a temporary file already unlinked', () => {
    const store = new SharedStrings('x.xlsx', 64 * 1024);
    let bytes = 0;
    for (let i = 0; i < 200_000; i++) {
      const s = `texte distinct numéro ${i}`;
      bytes += Buffer.byteLength(s);
      store.add(s);
    }
    store.finish();
    expect(bytes).toBeGreaterThan(4 * 2 ** 20);
    // The buffers held: the write buffer (1 MiB) and the blocks read back (16 × 64 KiB), not the texts.
    expect(store.memoryBytes - store.count * 4).toBeLessThan(2 * 2 ** 20 + 64 * 1024);
    expect(store.get(123_456)).toBe('texte distinct numéro 123456');
    if (process.platform !== 'win32') expect(fs.readdirSync(tmp)).toEqual([]);
    store.close();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

/** A workbook whose shared string table holds `strings`, and whose sheet uses each once, in reverse. */
function workbookOf(strings: string[], tail = '</sst>'): Promise<Buffer> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}${tail}`;
  let rows = '';
  for (let i = strings.length - 1, r = 1; i >= 0; i -= 2, r++)
    rows += `<row r="${r}"><c r="A${r}" t="s"><v>${i}</v></c><c r="B${r}" t="s"><v>${i - 1}</v></c></row>`;
  return xlsx(`${SHEET_HEAD}${rows}${SHEET_TAIL}`, [{ name: 'xl/sharedStrings.xml', data: sst }]);
}

async function readRows(bytes: Uint8Array, inMemory?: number): Promise<string[][] | string> {
  const limits = readerLimits({});
  const archive = (await ZipArchive.open(zipBytesOf(bytes), 'x.xlsx', limits.maxUnzipped))!;
  try {
    const reader = await openXlsx(archive, {
      name: 'x.xlsx',
      limits,
      ...(inMemory !== undefined ? { sharedStringsInMemory: inMemory } : {}),
    });
    const rows: string[][] = [];
    try {
      for await (const batch of reader.rows(0, { merge() {}, problem() {} }))
        for (const row of batch) rows.push(row.cells);
    } finally {
      await reader.close();
    }
    return rows;
  } catch (e) {
    if (!isOdfError(e)) throw e;
    return e.code;
  } finally {
    await archive.close();
  }
}

describe('an XLSX read with its shared strings in a temporary file', () => {
  it('reads the same rows as with the table in memory', async () => {
    const bytes = await workbookOf(texts(3000));
    const inMemory = await readRows(bytes);
    expect(inMemory).toHaveLength(1500);
    expect(inMemory[0]).toEqual([texts(3000)[2999], texts(3000)[2998]]);
    expect(await readRows(bytes, 1024)).toEqual(inMemory);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('leaves no temporary file when the table is damaged after it spilled', async () => {
    const bytes = await workbookOf(texts(3000), '<si><t>cut');
    const fds = () => (process.platform === 'linux' ? fs.readdirSync('/proc/self/fd').length : 0);
    const before = fds();
    expect(await readRows(bytes, 1024)).toBe('file-unreadable');
    expect(fs.readdirSync(tmp)).toEqual([]);
    // The unlinked file is closed too.
    expect(fds()).toBe(before);
  });
});
