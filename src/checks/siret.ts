// Custom check `siret` (Validata's `french-siret-value`): 14 digits with a valid key, La Poste's own rule included.
import { columnParams, singleColumnCheck } from './columns.js';
import { luhnValid } from './luhn.js';
import type { CustomCheck } from './types.js';

/** La Poste's SIREN: its establishments' SIRETs use the digit-sum rule instead of Luhn. */
const LA_POSTE_SIREN = '356000000';
/** La Poste's head office, the one La Poste SIRET that follows the Luhn rule. */
const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** Why a text is not a valid SIRET: `format` (not 14 digits), `checksum` (Luhn), `la-poste-checksum` (digit sum). */
export type SiretProblem = 'format' | 'checksum' | 'la-poste-checksum';

/**
 * What is wrong with a SIRET, or undefined when it is valid. Like python-stdnum (which Validata uses):
 * a La Poste establishment (SIREN 356000000, except its head office) is valid when the sum of its
 * digits is a multiple of 5; any other SIRET must pass Luhn on all 14 digits and on its SIREN.
 */
export function siretProblem(text: string): SiretProblem | undefined {
  if (!/^\d{14}$/.test(text)) return 'format';
  if (text.startsWith(LA_POSTE_SIREN) && text !== LA_POSTE_HEAD_OFFICE) {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += text.charCodeAt(i) - 48;
    return sum % 5 === 0 ? undefined : 'la-poste-checksum';
  }
  return luhnValid(text) && luhnValid(text.slice(0, 9)) ? undefined : 'checksum';
}

/** The text without the spaces, dots and non-breaking spaces people put in identifiers, when that changes it. */
export function compactIdentifier(text: string): string | undefined {
  const compact = text.replace(/[\s.\u00a0\u202f-]/g, '');
  return compact !== text ? compact : undefined;
}

/** `siret`, also declared as `french-siret-value` (the name every catalogue schema uses). */
export const siretCheck: CustomCheck = {
  name: 'siret',
  aliases: [{ name: 'french-siret-value', deprecated: true }],
  params: columnParams,
  validCell: (text) => siretProblem(text) === undefined,
  create(ctx) {
    return singleColumnCheck(ctx, (text) => {
      const reason = siretProblem(text);
      if (!reason) return undefined;
      const compact = reason === 'format' ? compactIdentifier(text) : undefined;
      const suggestion = compact !== undefined && siretProblem(compact) === undefined ? compact : undefined;
      return { params: suggestion ? { reason, suggestion } : { reason } };
    });
  },
};
