// The CSV scanner against its reference (the scanner before cells were sliced between delimiters) on
// seeded random inputs: quotes, CR/LF/CRLF, BOM, blanks, control characters, ragged rows, long cells,
// the reader's limits and random chunking give the same rows, lines, problems and line-break counts.
import { describe, expect, it } from 'vitest';
import { CsvScanner, type CsvProblem, type CsvScannerOptions } from '../../src/io/csv.js';
import { ReferenceCsvScanner } from './csv-reference.js';

/** Small deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Scanner = new (
  options: CsvScannerOptions,
  onRow: (cells: string[], line: number) => void,
  onProblem?: (problem: CsvProblem) => void,
) => {
  push(chunk: string): void;
  end(): void;
  lineBreaks: { lf: number; crlf: number; cr: number };
};

function run(Impl: Scanner, text: string, options: CsvScannerOptions, cuts: number[]) {
  const rows: { cells: string[]; line: number }[] = [];
  const problems: CsvProblem[] = [];
  const scanner = new Impl(
    options,
    (cells, line) => rows.push({ cells, line }),
    (p) => problems.push(p),
  );
  let at = 0;
  for (const cut of cuts) {
    scanner.push(text.slice(at, cut));
    at = cut;
  }
  scanner.push(text.slice(at));
  scanner.end();
  return { rows, problems, lineBreaks: { ...scanner.lineBreaks } };
}

// Pieces weighted towards what real files hold: plain text, delimiters, plainly quoted cells, and
// every kind of damage (doubled, stray, unclosed quotes, blanks around quotes, controls, a BOM).
const PIECES = [
  'a',
  'bc',
  'é',
  '1.5',
  '2021',
  ' ',
  '\t',
  ',',
  ',',
  ';',
  '|',
  '"',
  '"',
  '""',
  '"x"',
  '"a,b"',
  '"é\n"',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\u0085',
  '\u0092',
  '\ufeff',
  '\u2028',
  'Err:502',
  '#N/A',
];

function randomText(rnd: () => number): string {
  const n = Math.floor(rnd() * 60);
  let text = rnd() < 0.1 ? '\ufeff' : '';
  for (let i = 0; i < n; i++) {
    text += rnd() < 0.02 ? 'x'.repeat(1 + Math.floor(rnd() * 40)) : PIECES[Math.floor(rnd() * PIECES.length)];
  }
  return text;
}

function randomOptions(rnd: () => number): CsvScannerOptions {
  const delimiter = [',', ';', '\t', '|'][Math.floor(rnd() * 4)]!;
  const options: CsvScannerOptions = { delimiter, quoteChar: rnd() < 0.9 ? '"' : '' };
  if (rnd() < 0.3) options.maxQuotedLength = 1 + Math.floor(rnd() * 12);
  if (rnd() < 0.3) options.maxCellLength = 1 + Math.floor(rnd() * 12);
  if (rnd() < 0.3) options.maxLineLength = 1 + Math.floor(rnd() * 30);
  if (rnd() < 0.3) options.maxColumns = 1 + Math.floor(rnd() * 4);
  return options;
}

function randomCuts(rnd: () => number, length: number): number[] {
  const cuts: number[] = [];
  if (rnd() < 0.3) return cuts;
  for (let at = 0; ;) {
    at += 1 + Math.floor(rnd() * 12);
    if (at >= length) return cuts;
    cuts.push(at);
  }
}

describe('CsvScanner against the reference scanner (seeded random inputs)', () => {
  it.each(Array.from({ length: 10 }, (_, i) => i + 1))('seed block %i: 2,000 inputs', (block) => {
    const rnd = prng(block * 7919);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(rnd);
      const options = randomOptions(rnd);
      const cuts = randomCuts(rnd, text.length);
      const want = run(ReferenceCsvScanner, text, options, cuts);
      const got = run(CsvScanner, text, options, cuts);
      expect(got, JSON.stringify({ text, options, cuts })).toEqual(want);
    }
  });

  it('long plain and plainly quoted lines, cut anywhere', () => {
    const rnd = prng(42);
    const cell = (): string =>
      rnd() < 0.3 ? `"${'é, '.repeat(Math.floor(rnd() * 300))}"` : 'x'.repeat(Math.floor(rnd() * 500));
    const lines = Array.from({ length: 40 }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 30) }, cell).join(','),
    );
    const text = lines.join(rnd() < 0.5 ? '\n' : '\r\n');
    for (const options of [
      { delimiter: ',', quoteChar: '"' },
      { delimiter: ',', quoteChar: '"', maxQuotedLength: 200, maxCellLength: 300, maxLineLength: 4000 },
      { delimiter: ',', quoteChar: '"', maxColumns: 7 },
    ]) {
      for (const step of [1, 7, 64, 4096, text.length]) {
        const cuts: number[] = [];
        for (let at = step; at < text.length; at += step) cuts.push(at);
        expect(run(CsvScanner, text, options, cuts)).toEqual(run(ReferenceCsvScanner, text, options, cuts));
      }
    }
  });
});
