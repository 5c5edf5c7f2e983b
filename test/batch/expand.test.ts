// Batch inputs: files, folders (recursive) and globs expand to files in a stable order; unsupported files are skipped.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, isSupportedFile } from '../../src/batch/expand.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-expand-'));
  const files = [
    'b.csv',
    'a.CSV',
    'notes.md',
    'sub/c.xlsx',
    'sub/deep/d.ods',
    'sub/deep/e.pdf',
    '.cache/x.csv',
    'sub/.hidden.csv',
    'out/a.normalise.csv',
  ];
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), 'x\n');
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shown = (e: Awaited<ReturnType<typeof expandInputs>>): [string[], string[]] => [
  e.files.map((f) => f.display),
  e.skipped.map((f) => f.path),
];

describe('expandInputs', () => {
  it('walks a folder recursively in code-point order, skipping dot entries and listing unsupported files', async () => {
    const e = await expandInputs(['.'], { cwd: dir });
    expect(shown(e)).toEqual([
      ['a.CSV', 'b.csv', 'out/a.normalise.csv', 'sub/c.xlsx', 'sub/deep/d.ods'],
      ['notes.md', 'sub/deep/e.pdf'],
    ]);
    expect(e.files[0]!.path).toBe(path.join(dir, 'a.CSV'));
  });

  it('keeps the folder as written in the shown paths, and lets callers ignore their own outputs', async () => {
    const e = await expandInputs(['sub/', 'out'], { cwd: dir, ignore: (f) => f.endsWith('.normalise.csv') });
    expect(shown(e)).toEqual([['sub/c.xlsx', 'sub/deep/d.ods'], ['sub/deep/e.pdf']]);
  });

  it('expands globs relative to the working folder, and reads a file reached twice once', async () => {
    const e = await expandInputs(['**/*.{csv,ods}', 'b.csv', 'sub/deep/*'], { cwd: dir });
    expect(shown(e)).toEqual([['b.csv', 'out/a.normalise.csv', 'sub/deep/d.ods'], ['sub/deep/e.pdf']]);
  });

  it('passes explicit files, standard input and unmatched globs through as written', async () => {
    const e = await expandInputs(['notes.md', '-', 'missing.csv', 'nothing/*.csv'], { cwd: dir });
    expect(e.files.map((f) => [f.display, f.path])).toEqual([
      ['notes.md', path.join(dir, 'notes.md')],
      ['<stdin>', '-'],
      ['missing.csv', path.join(dir, 'missing.csv')],
      ['nothing/*.csv', path.join(dir, 'nothing/*.csv')],
    ]);
    expect(e.skipped).toEqual([]);
  });

  it.each([
    ['a.csv', true],
    ['a.TSV', true],
    ['a.txt', false], // a README.txt in a folder is no table; a .txt named explicitly is still read
    ['a.xlsx', true],
    ['a.xls', true],
    ['a.ods', true],
    ['a.json', false],
    ['a.pdf', false],
    ['csv', false],
  ])('isSupportedFile(%s) → %s', (f, ok) => {
    expect(isSupportedFile(f)).toBe(ok);
  });
});
