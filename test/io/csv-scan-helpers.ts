// What the CSV scanner's differential tests share: seeded random texts, options and chunk cuts, and a
// driver that pushes a text in chunks and collects rows, problems and line-break counts.
import type { CsvProblem, CsvScannerOptions } from '../../src/io/csv.js';

export type Scanner = new (
  options: CsvScannerOptions,
  onRow: (cells: string[], line: number) => void,
  onProblem?: (problem: CsvProblem) => void,
) => {
  push(chunk: string): void;
  end(): void;
  lineBreaks: { lf: number; crlf: number; cr: number };
};

/** Push `text` cut at `cuts` into `scanner`, then end it. */
export function pushAll(
  scanner: { push(chunk: string): void; end(): void },
  text: string,
  cuts: number[],
): void {
  let at = 0;
  for (const cut of cuts) {
    scanner.push(text.slice(at, cut));
    at = cut;
  }
  scanner.push(text.slice(at));
  scanner.end();
}

/** The rows (as strings), problems and line breaks a scanner gives for `text` pushed in chunks. */
export function run(Impl: Scanner, text: string, options: CsvScannerOptions, cuts: number[]) {
  const rows: { cells: string[]; line: number }[] = [];
  const problems: CsvProblem[] = [];
  const scanner = new Impl(
    options,
    (cells, line) => rows.push({ cells, line }),
    (p) => problems.push(p),
  );
  pushAll(scanner, text, cuts);
  return { rows, problems, lineBreaks: { ...scanner.lineBreaks } };
}

// Pieces weighted towards what real files hold: plain text, delimiters, plainly quoted cells, and
// every kind of damage (doubled, stray, unclosed quotes, blanks around quotes, controls, a BOM, a
// character outside the BMP, spreadsheet error texts).
export const PIECES = [
  'a',
  'bc',
  'é',
  '1.5',
  '2021',
  '',
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
  '😀',
  'Err:502',
  '#N/A',
];

export function randomText(rnd: () => number): string {
  const n = Math.floor(rnd() * 60);
  let text = rnd() < 0.1 ? '\ufeff' : '';
  for (let i = 0; i < n; i++) {
    text += rnd() < 0.02 ? 'x'.repeat(1 + Math.floor(rnd() * 40)) : PIECES[Math.floor(rnd() * PIECES.length)];
  }
  return text;
}

/** A random delimiter and quote, and each of the reader's limits a third of the time. */
export function randomOptions(rnd: () => number): CsvScannerOptions {
  const delimiter = [',', ';', '\t', '|'][Math.floor(rnd() * 4)]!;
  const options: CsvScannerOptions = { delimiter, quoteChar: rnd() < 0.9 ? '"' : '' };
  if (rnd() < 0.3) options.maxQuotedLength = 1 + Math.floor(rnd() * 12);
  if (rnd() < 0.3) options.maxCellLength = 1 + Math.floor(rnd() * 12);
  if (rnd() < 0.3) options.maxLineLength = 1 + Math.floor(rnd() * 30);
  if (rnd() < 0.3) options.maxColumns = 1 + Math.floor(rnd() * 4);
  return options;
}

/** No cut a third of the time, else cuts 1 to 12 characters apart. */
export function randomCuts(rnd: () => number, length: number): number[] {
  const cuts: number[] = [];
  if (rnd() < 0.3) return cuts;
  for (let at = 0; ;) {
    at += 1 + Math.floor(rnd() * 12);
    if (at >= length) return cuts;
    cuts.push(at);
  }
}

/** Cuts every `step` characters. */
export function every(step: number, length: number): number[] {
  const cuts: number[] = [];
  for (let at = step; at < length; at += step) cuts.push(at);
  return cuts;
}
