// The `year` type: a calendar year written with 4 digits.
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { readLenientNumber } from './lenient-number.js';

// Frictionless: `len(cell) == 4`, then `int(cell)` within 0..9999. odf wants 4 ASCII digits, so a
// negative year (`-200`, 4 characters, refused by the range check anyway) or `+123` is no year.
/** The value of a text of exactly 4 ASCII digits, read from its char codes; -1 for any other text. */
function fourDigits(text: string): number {
  if (text.length !== 4) return -1;
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Compiles the caster of a `year` field. Values are numbers; canonical texts are the text. */
export function compileYear(_field: Field): Caster {
  return {
    format: 'default',
    cast: (text) => {
      const year = fourDigits(text);
      return year < 0 ? undefined : ok(year, text);
    },
    fromJson: (json) =>
      typeof json === 'number' && Number.isInteger(json) && json >= 0 && json <= 9999 ? json : undefined,
    candidates(text) {
      // `2020.0` (a spreadsheet float) is the year 2020.
      const n = readLenientNumber(text);
      return n !== undefined && !n.negative && n.int.length === 4 && !/[^0]/.test(n.frac) ? [n.int] : [];
    },
    warnings: [],
  };
}
