// Progress lines: bytes of total or rows, rows per second, time left; files done of total; silent off a TTY.
import { describe, expect, it } from 'vitest';
import {
  formatBatchProgress,
  formatFileProgress,
  startBatchProgress,
  startFileProgress,
} from '../../src/cli/progress.js';
import type { CliContext } from '../../src/cli/context.js';
import { Readable } from 'node:stream';

describe('formatFileProgress', () => {
  it.each([
    [
      { name: 'a.csv', bytes: 25e6, total: 100e6, rows: 100_000, elapsedMs: 2000 },
      'fr',
      'a.csv — 25,0 Mo / 100,0 Mo (25 %) · 100 000 lignes · 50 000 lignes/s · reste ~6 s',
    ],
    [
      { name: 'a.csv', bytes: 25e6, total: 100e6, rows: 100_000, elapsedMs: 60_000 },
      'en',
      'a.csv — 25.0 MB / 100.0 MB (25 %) · 100,000 rows · 1,667 rows/s · left ~3 min 00 s',
    ],
    [
      { name: '<stdin>', bytes: 5e6, rows: 4096, elapsedMs: 1000 },
      'fr',
      '<stdin> — 4 096 lignes · 4 096 lignes/s',
    ],
    [
      { name: 'a.csv', bytes: 0, total: 10, rows: 0, elapsedMs: 100 },
      'fr',
      'a.csv — 0,0 Mo / 0,0 Mo (0 %) · 0 lignes',
    ],
  ] as const)('%j in %s', (state, lang, line) => {
    expect(formatFileProgress(state, lang)).toBe(line);
  });
});

describe('formatBatchProgress', () => {
  it.each([
    [0, 200, undefined, 'fr', '0/200 fichiers'],
    [12, 200, 'x.csv', 'fr', '12/200 fichiers — dernier : x.csv'],
    [3, 4, 'y.csv', 'en', '3/4 files — last: y.csv'],
  ] as const)('%i of %i', (done, total, last, lang, line) => {
    expect(formatBatchProgress(done, total, last, lang)).toBe(line);
  });
});

describe('progress where it cannot be drawn', () => {
  it.each([
    ['not a terminal', { isTTY: false }],
    ['a terminal of 0 columns', { isTTY: true, columns: 0 }],
  ])('writes nothing to a stderr that is %s', (_, kind) => {
    const written: string[] = [];
    const stream = { write: (s: string | Uint8Array) => written.push(String(s)), ...kind };
    const ctx: CliContext = {
      stdout: stream,
      stderr: stream,
      stdin: Readable.from([]),
      env: {},
      cwd: '.',
      lang: 'fr',
      color: false,
    };
    const file = startFileProgress(ctx, 'a.csv', 100, true);
    file.onProgress(50);
    for (let i = 0; i < 10_000; i++) file.observer.row([], i + 2, i + 2);
    expect(file.observer.end()).toEqual([]);
    file.stop();
    const batch = startBatchProgress(ctx, 3, true);
    batch.done('a.csv');
    batch.stop();
    expect(written).toEqual([]);
  });
});
