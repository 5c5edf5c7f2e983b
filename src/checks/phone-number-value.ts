// Custom check `phone-number-value`: a French (overseas included) or international phone number (the only module importing libphonenumber-js).
import { createRequire } from 'node:module';
import type { CountryCode, isValidPhoneNumber as IsValid } from 'libphonenumber-js/max';
import { columnParams, singleColumnCheck } from './columns.js';
import type { CustomCheck } from './types.js';

/**
 * Regions tried, in order, for a number written without `+`: metropolitan France, then the overseas
 * departments and Saint-Pierre-et-Miquelon, whose national numbers (`0590 …`, `0262 …`) are not valid as FR.
 */
const REGIONS: readonly CountryCode[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM'];

/**
 * French short numbers, which libphonenumber-js cannot check (it has no short-number metadata):
 * emergency `15`, `17`, `18`; three-digit `1XX` (`112`, `114`, `115`, `119` …); four-digit `3XXX`
 * (`3949` …); six-digit `116XXX` (European harmonised) and `118XXX` (directory enquiries).
 * Spaces, dots and dashes between digits are allowed.
 */
const SHORT_NUMBER = /^(?:1[578]|1\d{2}|3\d{3}|11[68]\d{3})$/;

let isValid: typeof IsValid | undefined;

/** libphonenumber-js with its full metadata, required on first use (about 0.2 s to load). */
function isValidPhoneNumber(...args: Parameters<typeof IsValid>): boolean {
  isValid ??= (
    createRequire(import.meta.url)('libphonenumber-js/max') as { isValidPhoneNumber: typeof IsValid }
  ).isValidPhoneNumber;
  return isValid(...args);
}

/** True when the text is a valid phone number as the check understands it. */
export function isValidFrenchPhone(text: string): boolean {
  if (SHORT_NUMBER.test(text.replace(/[\s.-]/g, ''))) return true;
  if (text.trimStart().startsWith('+')) return isValidPhoneNumber(text);
  return REGIONS.some((region) => isValidPhoneNumber(text, region));
}

/** `phone-number-value`. */
export const phoneNumberCheck: CustomCheck = {
  name: 'phone-number-value',
  params: columnParams,
  create(ctx) {
    return singleColumnCheck(ctx, (text) => (isValidFrenchPhone(text) ? undefined : { params: {} }));
  },
};
