// The `time` type: ISO hh:mm:ss by default (fraction and offset allowed), `any`, or a strptime pattern.
import type { Field } from '../schema/types.js';
import type { Caster } from './caster.js';
import { isoTime, readIsoTime, readLenientTime, type IsoTime } from './temporal.js';
import { compileTemporal } from './temporal-caster.js';

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
  return compileTemporal<IsoTime>(field, {
    type: 'time',
    value: secondsOf,
    readIso,
    isoCanonical: (text) => text,
    readAny: (text) => readIso(text) ?? readLenientTime(text),
    iso: isoTime,
    lenient: (text) => readLenientTime(text),
    // A pattern writes the time on 1900-01-01, the date strptime gives a time alone.
    parts: (t) => ({ y: 1900, m: 1, d: 1, H: t.H, M: t.M, S: t.S, us: t.us, offset: t.offset }),
  });
}
