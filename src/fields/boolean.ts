// The `boolean` type: trueValues and falseValues, compared exactly (case-sensitive), as Table Schema v1 says.
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster, type OkResult } from './caster.js';
import { foldValue } from '../text/fold.js';

/** Table Schema v1 defaults. Matching is exact: `yes` or `Vrai` are not booleans unless the schema says so. */
export const DEFAULT_TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
export const DEFAULT_FALSE_VALUES = ['false', 'False', 'FALSE', '0'];

// Lenient readings for repairs only (compared folded: any case, accents dropped).
const LENIENT_TRUE = new Set(['oui', 'o', 'vrai', 'true', '1', 'yes', 'y']);
const LENIENT_FALSE = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
}

/**
 * Compiles the caster of a `boolean` field. Values are booleans; the canonical text is the first of the
 * field's trueValues or falseValues (`true`/`false` by default).
 */
export function compileBoolean(field: Field): Caster {
  const trueValues = stringList(field.trueValues, DEFAULT_TRUE_VALUES);
  const falseValues = stringList(field.falseValues, DEFAULT_FALSE_VALUES);
  const trueSet = new Set(trueValues);
  const falseSet = new Set(falseValues);
  const okTrue = trueValues[0] ?? 'true';
  const okFalse = falseValues[0] ?? 'false';

  const cast = (text: string): OkResult | undefined =>
    trueSet.has(text) ? ok(true, okTrue) : falseSet.has(text) ? ok(false, okFalse) : undefined;

  return {
    format: 'default',
    cast,
    fromJson: (json) => (typeof json === 'boolean' ? json : undefined),
    candidates(text) {
      const f = foldValue(trimSpaces(text));
      if (LENIENT_TRUE.has(f)) return [okTrue];
      if (LENIENT_FALSE.has(f)) return [okFalse];
      return [];
    },
    typeParams: { trueValues, falseValues },
    warnings: [],
  };
}
