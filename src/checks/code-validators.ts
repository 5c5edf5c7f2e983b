// Per field, the identifier checks (SIRET, SIREN) a schema's custom checks apply: what a repair must still pass.
import type { TableSchema } from '../schema/types.js';
import { siretProblem } from './siret.js';
import { sirenProblem } from './siren.js';

const validSiret = (t: string): boolean => siretProblem(t) === undefined;
const validSiren = (t: string): boolean => sirenProblem(t) === undefined;

/** The identifier checks, under every name a schema may declare them with. */
const CODE_CHECKS = new Map<string, (text: string) => boolean>([
  ['french-siret-value', validSiret],
  ['siret', validSiret],
  ['french-siren-value', validSiren],
  ['siren', validSiren],
]);

/**
 * Field name → a test an identifier in that field must pass, for the fields a SIRET or SIREN check
 * reads. A repair (a lost leading zero put back, a float artefact undone) that fails it is no repair:
 * normalize does not write it and no hint proposes it.
 */
export function codeValidators(schema: TableSchema | undefined): Map<string, (text: string) => boolean> {
  const out = new Map<string, (text: string) => boolean>();
  for (const c of schema?.custom_checks ?? []) {
    const valid = CODE_CHECKS.get(c.name);
    if (valid) out.set(String(c.params?.column ?? ''), valid);
  }
  return out;
}
