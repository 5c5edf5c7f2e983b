// Per field, the identifier checks (SIRET, SIREN…) a schema's custom checks apply: what a repair must still pass.
import type { TableSchema } from '../schema/types.js';
import { findCheck } from './index.js';

/**
 * Field name → a test an identifier in that field must pass, for the fields read by a check of
 * identifiers (a custom check with `validCell`, under any name a schema may declare it with). A repair
 * (a lost leading zero put back, a float artefact undone) that fails it is no repair: normalize does not
 * write it and no hint proposes it.
 */
export function codeValidators(schema: TableSchema | undefined): Map<string, (text: string) => boolean> {
  const out = new Map<string, (text: string) => boolean>();
  for (const c of schema?.custom_checks ?? []) {
    const valid = findCheck(c.name)?.check.validCell;
    if (valid) out.set(String(c.params?.column ?? ''), valid);
  }
  return out;
}
