// The exact detectors' pre-test on cells read in place (issue 14): the forward searches of ExactPretest
// against a character loop, and the scanner's in-place and string paths giving the same findings.
import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.js';
import { ExactPretest, hasDigitRun } from '../../src/privacy/exact-pretest.js';
import {
  createPrivacyChunkScanner,
  createPrivacyScanner,
  mergePrivacyChunks,
  type PrivacyOptions,
} from '../../src/privacy/index.js';
import { RowView } from '../../src/validate/row-view.js';
import type { RawRow } from '../../src/io/types.js';

/** What the pre-test must answer, by a character loop: an '@' in 6+ characters, or three digits in 15+. */
function reference(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 6) return false;
  let digits = 0;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === 64) return true;
    if (c >= 48 && c <= 57) {
      if (++digits === 3 && len >= 15) return true;
    } else digits = 0;
  }
  return false;
}

// Valid identifiers (keys checked by the identifier tests) and emails, personal and functional.
const FINDS = [
  '1 85 05 78 006 084 91',
  '185057800608491',
  '2 81 05 2A 123 456 82',
  'FR76 3000 6000 0112 3456 7890 189',
  'DE89 3704 0044 0532 0130 00',
  'jean.dupont@gmail.com',
  'marie.martin@orange.fr',
  'contact@ville.fr',
];
const WORDS = ['Bibliothèques', 'médiathèques', 'de', 'la', 'Gironde', 'Rémunération', 'é😀', 'x'];

/** A piece of a cell: words, digits in runs of 1 to 4, '@', marks, spaces, now and then an identifier. */
function piece(rnd: () => number): string {
  const r = rnd();
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  if (r < 0.3) return pick(WORDS);
  if (r < 0.55) return String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * 4))));
  if (r < 0.62) return '@';
  if (r < 0.8) return pick([' ', ', ', '.', '-', '(', ')', '"']);
  if (r < 0.86) return pick(FINDS);
  return pick(['a', 'b1', '9', '12', '@x', 'x@']);
}

function cellText(rnd: () => number): string {
  let s = '';
  const n = Math.floor(rnd() * 7);
  for (let i = 0; i < n; i++) s += piece(rnd);
  return s;
}

describe('hasDigitRun', () => {
  it('answers as a regular expression on every span of short texts of digits, letters and marks', () => {
    const rnd = random(1818);
    const alphabet = ['0', '5', '9', 'a', '/', ':', 'é', '٣'];
    let runs = 0;
    for (let round = 0; round < 400; round++) {
      let text = '';
      const n = Math.floor(rnd() * 16);
      for (let i = 0; i < n; i++)
        text += alphabet[rnd() < 0.6 ? Math.floor(rnd() * 3) : Math.floor(rnd() * 8)];
      for (let a = 0; a <= text.length; a++) {
        for (let b = a; b <= text.length; b++) {
          const expected = /\d{3}/.test(text.slice(a, b));
          expect(hasDigitRun(text, a, b), JSON.stringify([text, a, b])).toBe(expected);
          if (expected) runs++;
        }
      }
    }
    expect(runs).toBeGreaterThan(1000);
  });
});

describe('ExactPretest', () => {
  it('answers as a character loop for cells at any offsets, in order or not', () => {
    const rnd = random(1414);
    let held = 0;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      while (text.length < 20 + rnd() * 200) text += piece(rnd);
      const cuts: [number, number][] = [];
      const n = 1 + Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) {
        const a = Math.floor(rnd() * (text.length + 1));
        const b = Math.min(text.length, a + Math.floor(rnd() * 40));
        cuts.push([a, b]);
      }
      // Mostly forward, as a reader's rows go; sometimes as they come (a cell met again, or earlier).
      if (rnd() < 0.7) cuts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      const pretest = new ExactPretest();
      for (const [a, b] of cuts) {
        const expected = reference(text, a, b);
        expect(pretest.mayHold(text, a, b), JSON.stringify([text, a, b])).toBe(expected);
        if (expected) held++;
      }
    }
    expect(held).toBeGreaterThan(1000);
  });

  it("finds an '@' or three digits at the very start or end of a cell, and not one past it", () => {
    const text = '@abcdefghijklmno@123abcdefghijklmnop456';
    const cases: [number, number, boolean][] = [
      [0, 6, true], // '@' first
      [1, 17, true], // '@' last
      [1, 16, false], // stops before the '@'
      [17, 20, false], // digits, but under 6 characters
      [18, 33, false], // '23' at the start: no run of three inside
      [17, 32, true], // '123' at the start, 15 characters
      [24, 39, true], // '456' at the end
      [24, 38, false], // '45' only
      [2, 16, false],
    ];
    const pretest = new ExactPretest();
    for (const [a, b, expected] of cases) {
      expect([a, b, pretest.mayHold(text, a, b)]).toEqual([a, b, expected]);
      expect(reference(text, a, b)).toBe(expected);
    }
    // The same cells again, backwards, and on another text with the same characters.
    for (const [a, b, expected] of [...cases].reverse()) {
      expect(pretest.mayHold(text, a, b)).toBe(expected);
      expect(pretest.mayHold(` ${text}`.slice(1), a, b)).toBe(expected);
    }
  });
});

/** Rows laid out in chunk texts, as the CSV reader hands them: cells as offsets, with filler between. */
function chunked(rows: string[][], rnd: () => number): RawRow[] {
  const out: RawRow[] = [];
  let i = 0;
  while (i < rows.length) {
    const take = 1 + Math.floor(rnd() * 6);
    const group = rows.slice(i, i + take);
    // Filler around cells may be digits or '@': the cell's bounds alone must decide.
    const filler = () => ['', ',', ';', '"', '1', '12', '@', '\n', '3\n4'][Math.floor(rnd() * 9)]!;
    let text = filler();
    const bounds: number[] = [];
    const ats: number[] = [];
    for (const row of group) {
      ats.push(bounds.length);
      for (const cell of row) {
        bounds.push(text.length, text.length + cell.length);
        text += cell + filler();
      }
    }
    const b = Int32Array.from(bounds);
    group.forEach((row, k) => {
      const n = i + k;
      out.push({
        cells: [],
        rowNumber: n + 2,
        line: n + 2,
        cuts: { text, bounds: b, at: ats[k]!, count: row.length },
      });
    });
    i += take;
  }
  return out;
}

describe('the scanner in place and on strings', () => {
  const options: PrivacyOptions = { mode: 'warn', referenceYear: 2025, sampleSize: 4 };

  it('gives the same findings and decisions on generated tables read either way', () => {
    const rnd = random(2026);
    let found = 0;
    for (let t = 0; t < 150; t++) {
      const width = 1 + Math.floor(rnd() * 5);
      const labels = Array.from({ length: width }, (_, i) => `col${i}`);
      const height = 1 + Math.floor(rnd() * 60);
      const rows: string[][] = [];
      for (let r = 0; r < height; r++) {
        // A short row now and then, and a cell repeated from the row above (the repeated clean text).
        const n = rnd() < 0.1 ? Math.floor(rnd() * width) : width;
        rows.push(
          Array.from({ length: n }, (_, c) =>
            r > 0 && rnd() < 0.3 ? (rows[r - 1]![c] ?? '') : cellText(rnd),
          ),
        );
      }
      const columns = labels.map((label) => ({ label }));
      const byStrings = createPrivacyScanner(columns, options);
      rows.forEach((cells, r) => byStrings.row(cells, r + 2, r + 2));
      const inPlace = createPrivacyScanner(columns, options);
      const view = new RowView();
      for (const raw of chunked(rows, rnd)) {
        view.reset(raw);
        inPlace.rowCells(view, raw.rowNumber, raw.line);
      }
      const expected = byStrings.end();
      expect(inPlace.end()).toEqual(expected);
      expect(inPlace.decisions()).toEqual(byStrings.decisions());
      found += expected.length;

      // The scanners of chunks (other threads) read in place too, then merged in row order.
      const half = Math.floor(rows.length / 2);
      const parts = [rows.slice(0, half), rows.slice(half)];
      let offset = 0;
      const chunks = parts.map((part) => {
        const scanner = createPrivacyChunkScanner(columns, options);
        for (const raw of chunked(part, rnd)) {
          view.reset(raw);
          scanner.rowCells(view, raw.rowNumber + offset, raw.line + offset);
        }
        offset += part.length;
        return scanner.chunk();
      });
      expect(mergePrivacyChunks(columns, options, chunks).end()).toEqual(expected);
    }
    // The tables held identifiers and emails: the comparison compared findings, not empty lists.
    expect(found).toBeGreaterThan(100);
  });
});
