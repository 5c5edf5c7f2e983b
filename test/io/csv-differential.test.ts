// The CSV scanner against its reference (the scanner before cells were sliced between delimiters) on
// seeded random inputs: quotes, CR/LF/CRLF, BOM, blanks, control characters, ragged rows, long cells,
// the reader's limits and random chunking give the same rows, lines, problems and line-break counts.
import { describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { CsvScanner } from '../../src/io/csv.js';
import { ReferenceCsvScanner } from './csv-reference.js';
import { every, randomCuts, randomOptions, randomText, run } from './csv-scan-helpers.js';

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
        const cuts = every(step, text.length);
        expect(run(CsvScanner, text, options, cuts)).toEqual(run(ReferenceCsvScanner, text, options, cuts));
      }
    }
  });
});
