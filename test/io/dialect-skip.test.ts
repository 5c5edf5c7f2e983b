// The dialect sniff leaves out the candidate delimiters its sample does not hold (issue 14): its guess
// must be the one made by scoring every candidate, as the rule in sniffDialect's documentation says.
import { describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { CANDIDATE_DELIMITERS, sniffDialect, type DialectGuess } from '../../src/io/dialect.js';
import { randomText } from './csv-scan-helpers.js';

/** Rows scored by the sniff (its default maxScoredRows). */
const SCORED_ROWS = 200;

/** The modal field count over the first scored non-blank rows; a tie goes to the wider. */
function modeOf(guess: DialectGuess): number {
  const counts = new Map<number, number>();
  let used = 0;
  for (const row of guess.rows) {
    if (used >= SCORED_ROWS) break;
    if (row.cells.every((c) => c.trim() === '')) continue;
    used++;
    counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  }
  let mode = 1;
  let best = -1;
  for (const [width, n] of counts) {
    if (n > best || (n === best && width > mode)) {
      mode = width;
      best = n;
    }
  }
  return mode;
}

/**
 * The general path: every candidate scanned (each forced in turn, with the quote given so that a tab is
 * scored quote-aware as the sniff scores it), the most consistent splitting one chosen, then the wider,
 * then the earlier; with none splitting, the first that splits no row, else the first.
 */
function sniffEveryCandidate(sample: string, complete: boolean): DialectGuess {
  let chosen: { delimiter: string; mode: number; consistency: number } | undefined;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const guess = sniffDialect(sample, { delimiter, quoteChar: '"', complete });
    const mode = modeOf(guess);
    if (mode <= 1) continue;
    if (
      !chosen ||
      guess.consistency > chosen.consistency ||
      (guess.consistency === chosen.consistency && mode > chosen.mode)
    ) {
      chosen = { delimiter, mode, consistency: guess.consistency };
    }
  }
  let delimiter = chosen?.delimiter;
  if (delimiter === undefined) {
    for (const d of CANDIDATE_DELIMITERS) {
      const guess = sniffDialect(sample, { delimiter: d, quoteChar: '"', complete });
      if (guess.rows.every((r) => r.cells.length === 1)) {
        delimiter = d;
        break;
      }
    }
  }
  // The tab's quoting is decided by sniffDialect itself when the quote is not given.
  return sniffDialect(sample, { delimiter: delimiter ?? CANDIDATE_DELIMITERS[0]!, complete });
}

/** A random sample holding a random subset of the candidate delimiters (the others made letters). */
function randomSample(rnd: () => number): string {
  let text = randomText(rnd).replace(/^\ufeff/, '');
  for (const d of CANDIDATE_DELIMITERS) if (rnd() < 0.5) text = text.split(d).join('x');
  return text;
}

describe('sniffDialect leaves out the delimiters its sample does not hold', () => {
  it('guesses as when every candidate is scored, on 5,000 seeded samples', () => {
    const rnd = prng(14);
    let absent = 0;
    for (let i = 0; i < 5_000; i++) {
      const sample = randomSample(rnd);
      const complete = rnd() < 0.7;
      if (CANDIDATE_DELIMITERS.some((d) => !sample.includes(d))) absent++;
      const got = sniffDialect(sample, { complete });
      const want = sniffEveryCandidate(sample, complete);
      expect({ sample, ...got }).toEqual({ sample, ...want });
    }
    // The samples do exercise the skip.
    expect(absent).toBeGreaterThan(2_500);
  });

  it('still scans a forced delimiter the sample does not hold', () => {
    // Left out, the one-column fallback would take ',' (the first candidate that splits no row).
    const got = sniffDialect('a;b\n1;2\n', { delimiter: '|', complete: true });
    expect(got.delimiter).toBe('|');
    expect(got.rows.map((r) => r.cells)).toEqual([['a;b'], ['1;2']]);
  });
});
