// The `yearmonth` type: a year and a month, `YYYY-MM`.
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster } from './caster.js';
import { pad } from './calendar.js';

// Frictionless splits on "-" and reads both parts with int(): `2020-1` is valid too. Canonical: `2020-01`.
const YEARMONTH = /^(\d{1,4})-(\d{1,2})$/;
const MONTH_FIRST = /^(\d{1,2})[/.-](\d{4})$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})$/;

function write(y: number, m: number): string | undefined {
  return m >= 1 && m <= 12 ? `${pad(y, 4)}-${pad(m, 2)}` : undefined;
}

/** Compiles the caster of a `yearmonth` field. Values and canonical texts are `YYYY-MM` texts. */
export function compileYearmonth(_field: Field): Caster {
  return {
    format: 'default',
    cast(text) {
      const m = YEARMONTH.exec(text);
      const out = m ? write(Number(m[1]), Number(m[2])) : undefined;
      return out === undefined ? undefined : ok(out, out);
    },
    fromJson: (json) =>
      Array.isArray(json) && json.length === 2 && typeof json[0] === 'number' && typeof json[1] === 'number'
        ? write(json[0], json[1])
        : undefined,
    candidates(text) {
      const t = trimSpaces(text);
      const mf = MONTH_FIRST.exec(t);
      const yf = YEAR_FIRST.exec(t);
      const out = mf
        ? write(Number(mf[2]), Number(mf[1]))
        : yf
          ? write(Number(yf[1]), Number(yf[2]))
          : undefined;
      return out === undefined ? [] : [out];
    },
    warnings: [],
  };
}
