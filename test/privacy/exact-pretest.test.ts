// The exact detectors' pre-test on cells read in place (issue 14): the forward searches of ExactPretest
// against a character loop, and the scanner's in-place and string paths giving the same findings.
import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.js';
import { AT_WINDOW, ExactPretest, hasDigitRun } from '../../src/privacy/exact-pretest.js';
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

  it("finds an '@' past the span a search covered, at its end or beyond it", () => {
    const W = AT_WINDOW;
    const text = `${'x'.repeat(W + 2)}@${'x'.repeat(W)}@${'x'.repeat(W)}`;
    const other = 'y'.repeat(100);
    const cases: [number, number, boolean][] = [
      [0, 10, false], // searched: [0, W), no '@'
      [W - 5, W + 5, true], // starts in the span, ends past it: the '@' at W + 2
      [W + 3, W + 13, false], // past that '@': searched again
      [2 * W + 3, 2 * W + 13, true], // the next '@' at 2W + 3, one window later
      [2 * W + 4, 2 * W + 20, false],
      [3 * W, 3 * W + 10, false],
    ];
    const pretest = new ExactPretest();
    for (const [a, b, expected] of cases) {
      expect(reference(text, a, b)).toBe(expected);
      expect([a, b, pretest.mayHold(text, a, b)]).toEqual([a, b, expected]);
      // Another text between the cells, as a row of its own: the search of the first one is kept.
      expect(pretest.mayHold(other, 0, 50)).toBe(false);
    }
    // Cells beyond the span of a search that found no '@', with no cell between.
    const fresh = new ExactPretest();
    expect(fresh.mayHold(text, 0, 10)).toBe(false);
    expect(fresh.mayHold(text, 2 * W, 2 * W + 10)).toBe(true);
    const jump = new ExactPretest();
    expect(jump.mayHold(text, 0, 10)).toBe(false);
    expect(jump.mayHold(text, W + 1, W + 9)).toBe(true);
  });

  it("answers as a character loop when rows' own texts come between the cells of chunks", () => {
    const rnd = random(2121);
    let held = 0;
    for (let round = 0; round < 300; round++) {
      const pretest = new ExactPretest();
      let chunk = '';
      for (let row = 0; row < 40; row++) {
        // A new chunk now and then; a row of its own (a doubled quote) between rows of the chunk.
        if (chunk === '' || rnd() < 0.1) {
          // Longer than a search window now and then, with '@' rare or none at all in stretches.
          chunk = '';
          const size = rnd() < 0.5 ? 100 + rnd() * 300 : AT_WINDOW * (1 + 2 * rnd());
          const ats = rnd() < 0.5 ? 0.02 : 0.5;
          while (chunk.length < size) {
            const p = piece(rnd);
            chunk += p.includes('@') && rnd() > ats ? 'x' : p;
          }
        }
        let text = chunk;
        if (rnd() < 0.4) {
          text = '';
          while (text.length < 10 + rnd() * 60) text += piece(rnd);
        }
        // Cells mostly forward through the chunk, as rows go; anywhere in a row's own text.
        const base = text === chunk ? Math.floor((row / 40) * text.length) : 0;
        for (let c = 0; c < 1 + rnd() * 5; c++) {
          const a = Math.min(
            text.length,
            base + Math.floor(rnd() * (text === chunk ? 300 : text.length + 1)),
          );
          const b = Math.min(text.length, a + Math.floor(rnd() * 40));
          const expected = reference(text, a, b);
          expect(pretest.mayHold(text, a, b), JSON.stringify([text, a, b])).toBe(expected);
          if (expected) held++;
        }
      }
    }
    expect(held).toBeGreaterThan(1000);
  });

  it("searches a chunk for '@' about once, however many rows of their own come between its rows", () => {
    // 400 rows of a chunk without '@' (6 rows per AT_WINDOW); after every other row, one row with a
    // text of its own (a doubled quote), or two (the chunk's search is then forgotten: one window more).
    const cell = 'Immobilisations incorporelles (sauf 204)';
    const line = `${cell},${cell},${cell}\n`;
    const rows = 400;
    const chunk = line.repeat(rows);
    const searched = { calls: 0, chars: 0 };
    const indexOf = String.prototype.indexOf;
    // Counts the searches for '@' and the characters they cover, while run() runs.
    const watch = (): void => {
      String.prototype.indexOf = function (this: string, what: string, from?: number): number {
        const p = indexOf.call(this, what, from);
        if (what === '@') {
          searched.calls++;
          searched.chars += (p < 0 ? this.length : p) - (from ?? 0);
        }
        return p;
      };
    };
    const run = (ownPerBreak: number): boolean[] => {
      watch();
      searched.calls = searched.chars = 0;
      const pretest = new ExactPretest();
      const answers: boolean[] = [];
      try {
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < 3; c++) {
            const start = r * line.length + c * (cell.length + 1);
            answers.push(pretest.mayHold(chunk, start, start + cell.length));
          }
          if (r % 2 === 1) continue;
          for (let k = 0; k < ownPerBreak; k++)
            answers.push(pretest.mayHold(`${cell} ${r}.${k},"x ""y"""`, 0, cell.length));
        }
      } finally {
        String.prototype.indexOf = indexOf;
      }
      return answers;
    };
    // Own texts are at most 30 characters longer than the cell; windows overlap by a cell at most.
    const ownChars = (rows / 2) * (cell.length + 30);
    const overlap = Math.ceil(chunk.length / AT_WINDOW) * cell.length;

    // Every cell holds '204': three digits in 15 characters or more.
    const one = run(1);
    expect(one).toHaveLength(rows * 3 + rows / 2);
    expect(one.every((a) => a)).toBe(true);
    // The chunk window by window, each own text once.
    expect(searched.calls).toBeLessThanOrEqual(Math.ceil(chunk.length / AT_WINDOW) + rows / 2);
    expect(searched.chars).toBeLessThanOrEqual(chunk.length + overlap + ownChars);

    const two = run(2);
    expect(two.every((a) => a)).toBe(true);
    // Back to the chunk after two texts: one window of it again, not the rest of it.
    expect(searched.chars).toBeLessThanOrEqual(
      chunk.length + overlap + 2 * ownChars + (rows / 2) * AT_WINDOW,
    );
    expect(searched.chars).toBeGreaterThan(chunk.length);
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
