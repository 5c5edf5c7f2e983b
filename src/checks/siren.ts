// Custom check `siren` (Validata's `french-siren-value`): 9 digits with a valid Luhn key.
import { columnParams, singleColumnCheck } from './columns.js';
import { luhnValid, luhnValidAt } from './luhn.js';
import { identifierVerdict, ungroupedDigits } from './siret.js';
import type { CustomCheck } from './types.js';
import { digitsAt, onlyDigits } from '../text/digit-tests.js';

/** Why a text is not a valid SIREN: `format` (not 9 digits) or `checksum` (Luhn key). */
export type SirenProblem = 'format' | 'checksum';

/** What is wrong with a SIREN, or undefined when it is valid. */
export function sirenProblem(text: string): SirenProblem | undefined {
  if (!/^\d{9}$/.test(text)) return 'format';
  return luhnValid(text) ? undefined : 'checksum';
}

/**
 * True when the cell `text[start, end)` is a valid SIREN (sirenProblem finds nothing), read in place.
 * Only 9 ASCII digits pass: a field's `^\d{9}$` need not be tested beside it (onlyDigits).
 */
export const sirenValidAt = onlyDigits(
  (text: string, start: number, end: number): boolean =>
    digitsAt(text, start, end, 9) && luhnValidAt(text, start, end),
  9,
);

/**
 * The compact form `normalize` writes for a valid SIREN written with grouping spaces or dots
 * (`213 300 049` → `213300049`); undefined when the text is already compact or is no valid SIREN once
 * compacted.
 */
export function compactSiren(text: string): string | undefined {
  const c = ungroupedDigits(text, 9);
  return c !== undefined && sirenProblem(c) === undefined ? c : undefined;
}

/**
 * `siren`, also declared as `french-siren-value` (the catalogue's and Validata's name: both are
 * current). A SIREN written with grouping spaces or dots is valid with a fixable warning, as for SIRETs.
 */
export const sirenCheck: CustomCheck = {
  name: 'siren',
  aliases: [{ name: 'french-siren-value' }],
  params: columnParams,
  validCell: (text) => sirenProblem(text) === undefined,
  create: (ctx) =>
    singleColumnCheck(ctx, identifierVerdict('siren', sirenProblem, compactSiren), sirenValidAt),
};
