// The `datetime` type: ISO 8601 by default (`Z`, `±hh:mm` offsets, fractions), `any`, or a strptime pattern.
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster, type FieldPlanWarning, type OkResult } from './caster.js';
import { epochDays, isoDate } from './calendar.js';
import type { DateTimeParts } from './strptime.js';
import { dateParts, epochMs, isoTime, readIsoDate, readIsoTime, readLenientDateTime } from './temporal.js';
import { temporalFormat, writeExactly } from './temporal-format.js';

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

/**
 * Compiles the caster of a `datetime` field. Values are milliseconds since the epoch (naive date-times
 * read as UTC), so they order across offsets; canonical texts are the source text with a `T` separator
 * (default), ISO (`any`) or the pattern's writing.
 */
export function compileDatetime(field: Field): Caster {
  const warnings: FieldPlanWarning[] = [];
  const tf = temporalFormat(field, 'datetime', warnings);

  let cast: (text: string) => OkResult | undefined;
  let write: (p: DateTimeParts) => string | undefined;
  if (tf.mode === 'pattern') {
    const pattern = tf.pattern;
    cast = (text) => {
      const p = pattern.parse(text);
      return p && ok(valueOf(p), pattern.format(p));
    };
    write = (p) => writeExactly(pattern, p);
  } else if (tf.mode === 'any') {
    cast = (text) => {
      let p = readIso(text) ?? readLenientDateTime(text);
      if (p === undefined && text.length === 10) {
        const d = readIsoDate(text, 0);
        p = d && dateParts(d.y, d.m, d.d);
      }
      return p && ok(valueOf(p), iso(p));
    };
    write = iso;
  } else {
    cast = (text) => {
      const p = readIso(text);
      if (p === undefined) return undefined;
      return ok(valueOf(p), text.charCodeAt(10) === 84 ? text : `${text.slice(0, 10)}T${text.slice(11)}`);
    };
    write = iso;
  }

  return {
    format: tf.format,
    cast,
    castConstraint: (text) => {
      const r = cast(text);
      if (r !== undefined) return r.value;
      const p = readIso(text);
      return p && valueOf(p);
    },
    candidates(text) {
      const t = trimSpaces(text);
      const p = readLenientDateTime(t) ?? (tf.mode === 'pattern' ? readIso(t) : undefined);
      const out = p && write(p);
      return out === undefined ? [] : [out];
    },
    warnings,
  };
}
