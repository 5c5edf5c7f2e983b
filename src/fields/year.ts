// The `year` type: a calendar year written with 4 digits.
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { readLenientNumber } from './lenient-number.js';

// Frictionless: `len(cell) == 4`, then `int(cell)` within 0..9999. odf wants 4 ASCII digits, so a
// negative year (`-200`, 4 characters, refused by the range check anyway) or `+123` is no year.
const YEAR = /^\d{4}$/;

/** Compiles the caster of a `year` field. Values are numbers; canonical texts are the text. */
export function compileYear(_field: Field): Caster {
  return {
    format: 'default',
    cast: (text) => (YEAR.test(text) ? ok(Number(text), text) : undefined),
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
