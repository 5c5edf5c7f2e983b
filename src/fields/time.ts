// The `time` type: ISO hh:mm:ss by default (fraction and offset allowed), `any`, or a strptime pattern.
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster, type FieldPlanWarning, type OkResult } from './caster.js';
import type { DateTimeParts } from './strptime.js';
import { isoTime, readIsoTime, readLenientTime, type IsoTime } from './temporal.js';
import { temporalFormat, writeExactly } from './temporal-format.js';

/** Seconds since midnight, in UTC when the time has an offset. */
function secondsOf(t: IsoTime): number {
  return t.H * 3600 + (t.M - (t.offset ?? 0)) * 60 + t.S + t.us / 1e6;
}

function readIso(text: string): IsoTime | undefined {
  // Frictionless guards dateutil with `cell[5] == ":"` and `len(cell) >= 8`: seconds are required.
  return text.length >= 8 ? readIsoTime(text, 0) : undefined;
}

/**
 * Compiles the caster of a `time` field. Values are seconds since midnight (a number, offset applied);
 * canonical texts are the source text (default), ISO (`any`) or the pattern's writing.
 */
export function compileTime(field: Field): Caster {
  const warnings: FieldPlanWarning[] = [];
  const tf = temporalFormat(field, 'time', warnings);

  let cast: (text: string) => OkResult | undefined;
  let write: (t: IsoTime) => string | undefined;
  if (tf.mode === 'pattern') {
    const pattern = tf.pattern;
    cast = (text) => {
      const p = pattern.parse(text);
      return p && ok(secondsOf(p), pattern.format(p));
    };
    write = (t) => {
      const parts: DateTimeParts = {
        y: 1900,
        m: 1,
        d: 1,
        H: t.H,
        M: t.M,
        S: t.S,
        us: t.us,
        offset: t.offset,
      };
      return writeExactly(pattern, parts);
    };
  } else if (tf.mode === 'any') {
    cast = (text) => {
      const t = readIso(text) ?? readLenientTime(text);
      return t && ok(secondsOf(t), isoTime(t));
    };
    write = isoTime;
  } else {
    cast = (text) => {
      const t = readIso(text);
      return t && ok(secondsOf(t), text);
    };
    write = isoTime;
  }

  return {
    format: tf.format,
    cast,
    castConstraint: (text) => {
      const r = cast(text);
      if (r !== undefined) return r.value;
      const t = readIso(text);
      return t && secondsOf(t);
    },
    candidates(text) {
      const t = readLenientTime(trimSpaces(text));
      const out = t && write(t);
      return out === undefined ? [] : [out];
    },
    warnings,
  };
}
