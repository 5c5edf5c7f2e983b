// normalize's in-place test of a plain number field: a plain decimal that reads one way only.
import { plainDecimalAt } from './decimal.js';

/**
 * True when `text[start, end)` is a plain decimal (plainDecimalAt) that does not read two ways: not 5 to
 * 8 characters long with its point 3 from the end (`1.234`, which French writing reads as 1234). This is
 * plainDecimalAt and not the column tally's mayReadBothWaysAt (src/repair/analyze.ts): a plain decimal
 * is signs, digits and a point, no comma and no space at either end, so only its length and its point
 * remain of that test. One function, known by identity, so that the validation loop calls it directly
 * (passesInPlace), not through the call site every field's test shares.
 */
export function unambiguousDecimalAt(text: string, start: number, end: number): boolean {
  if (!plainDecimalAt(text, start, end)) return false;
  const n = end - start;
  return n < 5 || n > 8 || text.charCodeAt(end - 4) !== 46;
}
