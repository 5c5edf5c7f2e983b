// The `any` type: every text is a value (the enum repair still applies).
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { stringCandidates } from './string.js';

/** Compiles the caster of an `any` field: values and canonical texts are the text itself. */
export function compileAny(field: Field): Caster {
  return {
    format: 'default',
    cast: (text) => ok(text, text),
    fromJson: (json) => (typeof json === 'number' || typeof json === 'boolean' ? String(json) : undefined),
    candidates: stringCandidates(field),
    warnings: [],
  };
}
