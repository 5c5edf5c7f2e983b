// The `date` type: ISO YYYY-MM-DD by default, `any`, or a strptime pattern such as `%d/%m/%Y`.
import type { Field } from '../schema/types.js';
import type { Caster } from './caster.js';
import { isoDate, isValidDate } from './calendar.js';
import type { DateTimeParts } from './strptime.js';
import { dateParts, readIsoDate, readLenientDate } from './temporal.js';
import { compileTemporal } from './temporal-caster.js';

const MONTH_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** Reads a date in ISO form (`2020-09-15`), plain and nothing else. */
function readIso(text: string): DateTimeParts | undefined {
  if (text.length !== 10) return undefined;
  const d = readIsoDate(text, 0);
  return d && dateParts(d.y, d.m, d.d);
}

/**
 * `any` (Frictionless hands it to dateutil): ISO, an ISO date-time (its date), or a numeric date, day
 * first (French order) and month first only when day first is impossible.
 */
function readAny(text: string): DateTimeParts | undefined {
  const iso =
    readIso(text) ??
    (text.length >= 16 && (text[10] === 'T' || text[10] === ' ') ? readIso(text.slice(0, 10)) : undefined);
  if (iso !== undefined) return iso;
  const lenient = readLenientDate(text);
  if (lenient !== undefined) return lenient;
  const m = MONTH_FIRST.exec(text);
  if (m === null) return undefined;
  const y = Number(m[3]);
  const mo = Number(m[1]);
  const d = Number(m[2]);
  return isValidDate(y, mo, d) ? dateParts(y, mo, d) : undefined;
}

const iso = (p: DateTimeParts): string => isoDate(p.y, p.m, p.d);

/**
 * Compiles the caster of a `date` field. Values are ISO texts `YYYY-MM-DD` (ordered as texts). The default
 * format requires zero-padding (Table Schema v1: "YYYY-MM-DD"; Python's strptime, which Frictionless
 * uses, would also take `2020-9-5`: odf reports it, with `2020-09-05` as repair). With a pattern the
 * canonical text is written back with the pattern (zero-padded), as Frictionless's writer does.
 */
export function compileDate(field: Field): Caster {
  return compileTemporal<DateTimeParts>(field, {
    type: 'date',
    value: iso,
    readIso,
    isoCanonical: (text) => text,
    isoValue: (text) => text,
    readAny,
    iso,
    lenient: (text) => readLenientDate(text) ?? readIso(text),
    parts: (p) => p,
  });
}
