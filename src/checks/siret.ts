// Custom check `siret` (Validata's `french-siret-value`): 14 digits with a valid key, La Poste's own rule included.
import { columnParams, singleColumnCheck, type CellVerdict } from './columns.js';
import { luhnValid } from './luhn.js';
import type { CustomCheck } from './types.js';
import { onlyDigits } from '../text/digit-tests.js';

/** La Poste's SIREN: its establishments' SIRETs use the digit-sum rule instead of Luhn. */
const LA_POSTE_SIREN = '356000000';
/** La Poste's head office, the one La Poste SIRET that follows the Luhn rule. */
const LA_POSTE_HEAD_OFFICE = '35600000000048';
/** LA_POSTE_SIREN as a number, and the last five digits of LA_POSTE_HEAD_OFFICE (siretValidAt). */
const LA_POSTE_SIREN_VALUE = Number(LA_POSTE_SIREN);
const LA_POSTE_HEAD_OFFICE_TAIL = Number(LA_POSTE_HEAD_OFFICE.slice(9));

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

/**
 * True when the cell `text[start, end)` is a valid SIRET (siretProblem finds nothing), read in place in
 * one pass: the digits, their sum (La Poste's rule) and the Luhn sums of the 14 digits and of the SIREN
 * (the first 9), each digit doubled when its distance to the last digit of its number is odd. Only
 * 14 ASCII digits pass: a field's `^\d{14}$` need not be tested beside it (onlyDigits).
 */
export const siretValidAt = onlyDigits(siretValidAtOf, 14);

/** A digit's Luhn term when doubled: 2d, less 9 past 9. */
const DOUBLED = Int32Array.from({ length: 10 }, (_, d) => (2 * d > 9 ? 2 * d - 9 : 2 * d));

/** True for the code of an ASCII digit less 48 (one unsigned comparison: codes below 48 wrap high). */
function isDigitValue(d: number): boolean {
  return d >>> 0 <= 9;
}

// Read two digits at a time, an even position and the odd one after it: the SIRET's Luhn doubles the
// even ones (13 - k odd), the SIREN's the odd ones before 9 (8 - k odd), so which digit is doubled is
// known without a test per digit (a loop of one digit at a time tested its position twice per digit).
function siretValidAtOf(text: string, start: number, end: number): boolean {
  if (end - start !== 14) return false;
  let plain = 0;
  let siret = 0;
  let siren = 0;
  // The SIREN and the last five digits as numbers: La Poste's SIREN and head office are told by
  // them, without comparing strings (two builtin calls per cell, as much as the loop itself).
  let sirenValue = 0;
  for (let k = start; k < start + 8; k += 2) {
    const a = text.charCodeAt(k) - 48;
    const b = text.charCodeAt(k + 1) - 48;
    if (!isDigitValue(a) || !isDigitValue(b)) return false;
    plain += a + b;
    siret += DOUBLED[a]! + b;
    siren += a + DOUBLED[b]!;
    sirenValue = sirenValue * 100 + a * 10 + b;
  }
  // Digits 8 (the SIREN's last, its key) and 9 (the first of the establishment's five).
  const a8 = text.charCodeAt(start + 8) - 48;
  const b9 = text.charCodeAt(start + 9) - 48;
  if (!isDigitValue(a8) || !isDigitValue(b9)) return false;
  plain += a8 + b9;
  siret += DOUBLED[a8]! + b9;
  siren += a8;
  sirenValue = sirenValue * 10 + a8;
  let tail = b9;
  for (let k = start + 10; k < end; k += 2) {
    const a = text.charCodeAt(k) - 48;
    const b = text.charCodeAt(k + 1) - 48;
    if (!isDigitValue(a) || !isDigitValue(b)) return false;
    plain += a + b;
    siret += DOUBLED[a]! + b;
    tail = tail * 100 + a * 10 + b;
  }
  if (sirenValue === LA_POSTE_SIREN_VALUE && tail !== LA_POSTE_HEAD_OFFICE_TAIL) return plain % 5 === 0;
  return siret % 10 === 0 && siren % 10 === 0;
}

/** The text without the spaces, dots, hyphens and non-breaking spaces people put in identifiers, when that changes it. */
export function compactIdentifier(text: string): string | undefined {
  const compact = text.replace(/[\s.\u00a0\u202f-]/g, '');
  return compact !== text ? compact : undefined;
}

/**
 * Spaces and dots between digits, as people group identifiers (`213 300 049 00012`, `213.300.049`):
 * python-stdnum, under Validata, removes spaces and dots before checking; odf also takes the
 * non-breaking spaces spreadsheets write (U+00A0, U+202F). Surrounding spaces included.
 */
const GROUPING = /[ .\u00a0\u202f]/g;

/**
 * The digits of an identifier of `length` digits written with grouping spaces or dots, when there are
 * any and only digits remain (siret.ts and siren.ts).
 */
export function ungroupedDigits(text: string, length: number): string | undefined {
  const compact = text.replace(GROUPING, '');
  return compact !== text && compact.length === length && /^\d+$/.test(compact) ? compact : undefined;
}

/**
 * The compact form `normalize` writes for a valid SIRET written with grouping spaces or dots
 * (`213 300 049 00012` → `21330004900012`); undefined when the text is already compact or is no valid
 * SIRET once compacted.
 */
export function compactSiret(text: string): string | undefined {
  const c = ungroupedDigits(text, 14);
  return c !== undefined && siretProblem(c) === undefined ? c : undefined;
}

/**
 * `siret`, also declared as `french-siret-value` (the name every catalogue schema uses, and Validata's
 * own: both are current). A SIRET written with grouping spaces or dots is valid, as in Validata, with a
 * fixable `identifier-spaces` warning giving the compact form.
 */
export const siretCheck: CustomCheck = {
  name: 'siret',
  aliases: [{ name: 'french-siret-value' }],
  params: columnParams,
  validCell: (text) => siretProblem(text) === undefined,
  create: (ctx) =>
    singleColumnCheck(ctx, identifierVerdict('siret', siretProblem, compactSiret), siretValidAt),
};

/**
 * The cell test of an identifier check (SIRET, SIREN): nothing when valid; a grouped identifier
 * (`213 300 049 00012`) is a fixable `identifier-spaces` warning with its compact form; otherwise the
 * problem, with the compact form as a suggestion when dropping its separators makes it valid.
 */
export function identifierVerdict(
  identifier: 'siret' | 'siren',
  problem: (text: string) => string | undefined,
  compactGrouped: (text: string) => string | undefined,
): (text: string) => CellVerdict {
  return (text) => {
    const reason = problem(text);
    if (!reason) return undefined;
    const grouped = reason === 'format' ? compactGrouped(text) : undefined;
    if (grouped !== undefined)
      return { code: 'identifier-spaces', fixable: true, params: { identifier, compact: grouped } };
    const compact = reason === 'format' ? compactIdentifier(text) : undefined;
    const suggestion = compact !== undefined && problem(compact) === undefined ? compact : undefined;
    return { params: suggestion ? { reason, suggestion } : { reason } };
  };
}
