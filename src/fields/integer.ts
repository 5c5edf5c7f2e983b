// The `integer` type: whole numbers, with bareNumber and groupChar (Table Schema v1).
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { readLenientNumber } from './lenient-number.js';
import { fastDecimal, numericOptions, prepareNumeric, stripNumberSpaces } from './number.js';

// Python's int(), which Frictionless uses: an optional sign and digits. `1.0` and `1e3` are not
// integers (Table Schema v1: "integer: whole numbers", lexical form of XML Schema integer).

/**
 * Compiles the caster of an `integer` field. Values are JS numbers, or bigints beyond 2^53; canonical
 * texts keep the source digits (leading zeros included), without the surrounding spaces the cast strips
 * as Frictionless does.
 */
export function compileInteger(field: Field): Caster {
  const o = { ...numericOptions(field), decimalChar: '.' };
  const plain = o.groupChar === '' && o.bareNumber;

  function read(text: string, s: string) {
    const n = fastDecimal(s);
    if (n === undefined || s.includes('.')) return undefined;
    return ok(Number.isSafeInteger(n) ? n : BigInt(s), plain ? text : s);
  }

  return {
    format: 'default',
    cast(raw) {
      const text = stripNumberSpaces(raw);
      if (plain) return read(text, text);
      const s = prepareNumeric(text, o);
      return s === undefined ? undefined : read(text, s);
    },
    fromJson: (json) => (typeof json === 'number' && Number.isInteger(json) ? json : undefined),
    key: (v) => (typeof v === 'bigint' ? String(v) : v),
    candidates(text) {
      const n = readLenientNumber(text);
      // `12.0` is 12; `12.5` is no integer at all.
      if (n === undefined || /[^0]/.test(n.frac)) return [];
      return [(n.negative ? '-' : '') + n.int];
    },
    typeParams: plain ? undefined : { groupChar: o.groupChar || undefined },
    warnings: [],
  };
}
