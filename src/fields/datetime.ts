// The `datetime` type: ISO 8601 by default (`Z`, `±hh:mm` offsets, fractions), `any`, or a strptime pattern.
import type { Field } from '../schema/types.js';
import type { Caster } from './caster.js';
import { epochDays, isoDate } from './calendar.js';
import type { DateTimeParts } from './strptime.js';
import { dateParts, epochMs, isoTime, readIsoDate, readIsoTime, readLenientDateTime } from './temporal.js';
import { compileTemporal } from './temporal-caster.js';

/**
 * Reads an ISO date-time: `YYYY-MM-DD`, a `T` (or a space, which dateutil's isoparse also takes),
 * then an ISO time with seconds (Frictionless guards with `cell[16] == ":"` and `len(cell) >= 19`).
 */
function readIso(text: string): DateTimeParts | undefined {
  if (text.length < 19) return undefined;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return undefined;
  const d = readIsoDate(text, 0);
  if (d === undefined) return undefined;
  const t = readIsoTime(text, 11);
  // Written out: an object spread here costs microseconds per cell (V8 slow path).
  return t && { y: d.y, m: d.m, d: d.d, H: t.H, M: t.M, S: t.S, us: t.us, offset: t.offset };
}

function valueOf(p: DateTimeParts): number {
  return epochMs(p, epochDays(p.y, p.m, p.d));
}

function iso(p: DateTimeParts): string {
  return `${isoDate(p.y, p.m, p.d)}T${isoTime(p)}`;
}

/** `any`: ISO, a date-time people write, or an ISO date alone (midnight). */
function readAny(text: string): DateTimeParts | undefined {
  const p = readIso(text) ?? readLenientDateTime(text);
  if (p !== undefined || text.length !== 10) return p;
  const d = readIsoDate(text, 0);
  return d && dateParts(d.y, d.m, d.d);
}

/**
 * Compiles the caster of a `datetime` field. Values are milliseconds since the epoch (naive date-times
 * read as UTC), so they order across offsets; canonical texts are the source text with a `T` separator
 * (default), ISO (`any`) or the pattern's writing.
 */
export function compileDatetime(field: Field): Caster {
  return compileTemporal<DateTimeParts>(field, {
    type: 'datetime',
    value: valueOf,
    readIso,
    isoCanonical: (text) => (text.charCodeAt(10) === 84 ? text : `${text.slice(0, 10)}T${text.slice(11)}`),
    readAny,
    iso,
    lenient: (text, f) => readLenientDateTime(text) ?? (f.mode === 'pattern' ? readIso(text) : undefined),
    parts: (p) => p,
  });
}
