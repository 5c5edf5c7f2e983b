// Custom check `siren` (Validata's `french-siren-value`): 9 digits with a valid Luhn key.
import { columnParams, singleColumnCheck } from './columns.js';
import { luhnValid } from './luhn.js';
import { compactIdentifier } from './siret.js';
import type { CustomCheck } from './types.js';

/** Why a text is not a valid SIREN: `format` (not 9 digits) or `checksum` (Luhn key). */
export type SirenProblem = 'format' | 'checksum';

/** What is wrong with a SIREN, or undefined when it is valid. */
export function sirenProblem(text: string): SirenProblem | undefined {
  if (!/^\d{9}$/.test(text)) return 'format';
  return luhnValid(text) ? undefined : 'checksum';
}

/** `siren`, also declared as `french-siren-value` (the name every catalogue schema uses). */
export const sirenCheck: CustomCheck = {
  name: 'siren',
  aliases: [{ name: 'french-siren-value', deprecated: true }],
  params: columnParams,
  validCell: (text) => sirenProblem(text) === undefined,
  create(ctx) {
    return singleColumnCheck(ctx, (text) => {
      const reason = sirenProblem(text);
      if (!reason) return undefined;
      const compact = reason === 'format' ? compactIdentifier(text) : undefined;
      const suggestion = compact !== undefined && sirenProblem(compact) === undefined ? compact : undefined;
      return { params: suggestion ? { reason, suggestion } : { reason } };
    });
  },
};
