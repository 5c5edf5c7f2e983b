// The `object` type: a JSON object.
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { isJsonObject, parseJson, stableKey } from './json-value.js';

/** Compiles the caster of an `object` field. Values are parsed objects; canonical texts are the text. */
export function compileObject(_field: Field): Caster {
  return {
    format: 'default',
    cast(text) {
      const v = parseJson(text);
      return isJsonObject(v) ? ok(v, text) : undefined;
    },
    fromJson: (json) => (isJsonObject(json) ? json : undefined),
    key: stableKey,
    warnings: [],
  };
}
