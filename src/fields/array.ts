// The `array` type: a JSON array (its `arrayItem` is checked by the plan compiler, item by item).
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { parseJson, stableKey } from './json-value.js';

/** Compiles the caster of an `array` field. Values are parsed arrays; canonical texts are the text. */
export function compileArray(_field: Field): Caster {
  return {
    format: 'default',
    cast(text) {
      const v = parseJson(text);
      return Array.isArray(v) ? ok(v, text) : undefined;
    },
    fromJson: (json) => (Array.isArray(json) ? json : undefined),
    key: stableKey,
    warnings: [],
  };
}
