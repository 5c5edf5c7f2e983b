// Exact personal identifiers with a check key: French NIR (social security number), IBAN (mod 97), French RIB key.

/** The identifier kinds found by their check key. */
export type IdentifierKind = 'nir' | 'iban' | 'rib';

/** One identifier found in a text: its kind and the exact substring. */
export interface IdentifierMatch {
  kind: IdentifierKind;
  text: string;
  index: number;
}

// Sex digit (1, 2; 3, 4, 7, 8 for provisional numbers), year, month, department (2A/2B for Corsica),
// commune, order number, key: 1 85 05 78 006 084 36, with optional single separators between groups.
const NIR_RE =
  /(?<![\p{L}\p{N}])([1-478])[ .]?(\d\d)[ .]?(\d\d)[ .]?(\d\d|2[ABab])[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d\d)(?![\p{L}\p{N}])/gu;
// Country, check digits, then BBAN characters in groups (spaces or hyphens allowed); the length is cut to
// the country's own IBAN length before the check.
const IBAN_RE = /(?<![\p{L}\p{N}])([A-Za-z]{2})(\d\d)((?:[ -]?[A-Za-z0-9]){11,30})/gu;
// Bank code (5 digits), branch code (5), account number (11 letters or digits), key (2).
const RIB_RE = /(?<![\p{L}\p{N}])(\d{5})[ .-]?(\d{5})[ .-]?([A-Za-z0-9]{11})[ .-]?(\d\d)(?![\p{L}\p{N}])/gu;
const THREE_DIGITS_RE = /\d{3}/;
const SEPARATORS_RE = /[ .-]/g;

/** IBAN length per country (ISO 13616 registry): SEPA countries, French overseas codes and a few neighbours. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DZ: 26,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GF: 27,
  GI: 23,
  GP: 27,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MA: 28,
  MC: 27,
  MF: 27,
  MQ: 27,
  MT: 31,
  NC: 27,
  NL: 18,
  NO: 15,
  PF: 27,
  PL: 28,
  PM: 27,
  PT: 25,
  RE: 27,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SN: 28,
  TF: 27,
  TN: 24,
  TR: 26,
  VA: 22,
  WF: 27,
  YT: 27,
  BL: 27,
  CI: 28,
};

/** Remainder of a decimal digit string modulo 97, digit by digit (no big integers). */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return r;
}

/**
 * True when 13 characters plus a 2-digit key form a valid NIR: key = 97 − (number mod 97), where Corsican
 * departments 2A and 2B count as 19 and 18.
 */
export function isValidNir(nir: string): boolean {
  const compact = nir.replace(SEPARATORS_RE, '').toUpperCase();
  if (!/^[1-478]\d{4}(?:\d\d|2[AB])\d{6}\d\d$/.test(compact)) return false;
  const dept = compact.slice(5, 7);
  const body =
    compact.slice(0, 5) + (dept === '2A' ? '19' : dept === '2B' ? '18' : dept) + compact.slice(7, 13);
  const key = Number(compact.slice(13));
  return key === 97 - mod97(body);
}

/** True when an IBAN (spaces allowed) has its country's length and passes the ISO 7064 mod-97 check. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(SEPARATORS_RE, '').toUpperCase();
  const length = IBAN_LENGTHS[compact.slice(0, 2)];
  if (length === undefined || compact.length !== length || !/^[A-Z]{2}\d\d[A-Z0-9]+$/.test(compact))
    return false;
  const rotated = compact.slice(4) + compact.slice(0, 4);
  let r = 0;
  for (let i = 0; i < rotated.length; i++) {
    const c = rotated.charCodeAt(i);
    r = c <= 57 ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
  }
  return r === 1;
}

/** Letters of a French account number as digits (A,J→1; B,K,S→2 … I,R,Z→9), the RIB key's convention. */
function ribDigit(c: string): string {
  const code = c.toUpperCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return c;
  const n = code - 64;
  return String(n <= 9 ? n : n <= 18 ? n - 9 : n - 17);
}

/**
 * True when a French RIB (bank 5 digits, branch 5, account 11, key 2; separators allowed) has a valid key:
 * key = 97 − ((89 × bank + 15 × branch + 3 × account) mod 97).
 */
export function isValidRib(rib: string): boolean {
  const compact = rib.replace(SEPARATORS_RE, '');
  const m = /^(\d{5})(\d{5})([A-Za-z0-9]{11})(\d\d)$/.exec(compact);
  if (m === null) return false;
  const account = m[3]!.replace(/[A-Za-z]/g, ribDigit);
  const sum = 89 * (Number(m[1]) % 97) + 15 * (Number(m[2]) % 97) + 3 * mod97(account);
  return Number(m[4]) === 97 - (sum % 97);
}

/**
 * Cheap pre-filter, one length test and one regex test: no NIR (15 characters), IBAN (15 or more) or RIB (23)
 * fits in a shorter text, and each has a run of three digits in every usual spelling.
 */
export function mayHoldIdentifier(text: string): boolean {
  return text.length >= 15 && THREE_DIGITS_RE.test(text);
}

/** Candidates seen per kind (shapes that matched before the key check), to tell identifiers from random digits. */
export type IdentifierTally = Record<IdentifierKind, number>;

/**
 * Every valid NIR, IBAN and RIB in a text (an IBAN's embedded RIB is not reported twice). When `tally` is
 * given, each candidate of the right shape is counted there, valid or not.
 */
export function findIdentifiers(text: string, tally?: IdentifierTally): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  for (const m of text.matchAll(IBAN_RE)) {
    const country = m[1]!.toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    // Keep the shortest prefix of the match that holds `length` IBAN characters.
    let kept = 0;
    let end = 0;
    const raw = m[0];
    while (end < raw.length && kept < length) {
      if (raw[end] !== ' ' && raw[end] !== '-') kept++;
      end++;
    }
    const candidate = raw.slice(0, end);
    if (kept === length && tally !== undefined) tally.iban++;
    if (kept === length && isValidIban(candidate))
      found.push({ kind: 'iban', text: candidate, index: m.index });
  }
  for (const m of text.matchAll(NIR_RE)) {
    if (tally !== undefined) tally.nir++;
    if (isValidNir(m[0])) found.push({ kind: 'nir', text: m[0], index: m.index });
  }
  if (!found.some((f) => f.kind === 'iban')) {
    for (const m of text.matchAll(RIB_RE)) {
      if (tally !== undefined) tally.rib++;
      if (isValidRib(m[0])) found.push({ kind: 'rib', text: m[0], index: m.index });
    }
  }
  return found;
}
