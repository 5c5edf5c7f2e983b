// The one caster template of the temporal types (date, datetime, time): ISO default, `any`, or a pattern.
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster, type FieldPlanWarning, type OkResult } from './caster.js';
import type { DateTimeParts } from './strptime.js';
import { temporalFormat, writeExactly, type TemporalFormat } from './temporal-format.js';

/** What a temporal type says about its values; the template does the rest. */
export interface TemporalType<P> {
  type: 'date' | 'datetime' | 'time';
  /** The typed value of parts (ordered and compared by constraints). */
  value(p: P): unknown;
  /** The default format's strict reading (ISO 8601 as Frictionless reads it). */
  readIso(text: string): P | undefined;
  /** The canonical text of a cell the default format read (the text, or a normalised form of it). */
  isoCanonical(text: string): string;
  /** The value of a cell the default format read, when cheaper than value(p) (a date is its own text). */
  isoValue?(text: string, p: P): unknown;
  /** `any`: every reading Frictionless's dateutil accepts. */
  readAny(text: string): P | undefined;
  /** ISO writing of parts (the canonical text of `any`, and of repairs without a pattern). */
  iso(p: P): string;
  /** The lenient readings tried for a repair (text already trimmed). */
  lenient(text: string, format: TemporalFormat): P | undefined;
  /** Parts as a pattern writes them. */
  parts(p: P): DateTimeParts;
}

/**
 * Compiles the caster of a temporal field from its type's readings: the default format reads ISO, `any`
 * reads leniently and writes ISO, a strptime pattern reads and writes that pattern (zero-padded, as
 * Frictionless's writer does). Repairs read the text leniently and write it the field's way, only when
 * nothing is lost. A bound written in ISO for a pattern field is still read (castConstraint).
 */
export function compileTemporal<P>(field: Field, t: TemporalType<P>): Caster {
  const warnings: FieldPlanWarning[] = [];
  const tf = temporalFormat(field, t.type, warnings);

  let cast: (text: string) => OkResult | undefined;
  let write: (p: P) => string | undefined;
  if (tf.mode === 'pattern') {
    const pattern = tf.pattern;
    cast = (text) => {
      const p = pattern.parse(text);
      return p && ok(t.value(p as unknown as P), pattern.format(p));
    };
    write = (p) => writeExactly(pattern, t.parts(p));
  } else if (tf.mode === 'any') {
    cast = (text) => {
      const p = t.readAny(text);
      return p === undefined ? undefined : ok(t.value(p), t.iso(p));
    };
    write = t.iso;
  } else {
    cast = (text) => {
      const p = t.readIso(text);
      if (p === undefined) return undefined;
      return ok(t.isoValue ? t.isoValue(text, p) : t.value(p), t.isoCanonical(text));
    };
    write = t.iso;
  }

  return {
    format: tf.format,
    cast,
    castConstraint: (text) => {
      const r = cast(text);
      if (r !== undefined) return r.value;
      const p = t.readIso(text);
      return p === undefined ? undefined : t.value(p);
    },
    candidates(text) {
      const p = t.lenient(trimSpaces(text), tf);
      const out = p === undefined ? undefined : write(p);
      return out === undefined ? [] : [out];
    },
    warnings,
  };
}
