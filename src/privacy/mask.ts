// Masking personal values so that a report can show what it found without revealing it (issue 8).
import type { PrivacyKind } from './types.js';
import { WEBMAIL_DOMAINS } from './email.js';
import { parsePhone } from './phone.js';
import { parseDate } from './birth-date.js';
import { STREET_TYPES } from './street.js';
import { foldCompat } from '../text/fold.js';

/** A kind of personal data, or `text` for a value of no known kind (each word cut to its first letter). */
export type MaskKind = PrivacyKind | 'text';

const KEPT_WORDS = new Set([
  'de',
  'du',
  'des',
  'd',
  'la',
  'le',
  'les',
  'l',
  'et',
  'mme',
  'mr',
  'm',
  'mlle',
  'bis',
  'ter',
]);
const WORD_RE = /[\p{L}\p{N}]+/gu;
const DIGIT_RE = /\d/g;
const SEP_RE = /[ .-]/g;

/** A word reduced to its first letter and three stars; a number to stars, one per digit. */
function maskWord(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  if (first >= 48 && first <= 57) return word.replace(DIGIT_RE, '*');
  return `${String.fromCodePoint(first)}***`;
}

/** Mask every word of a text except the few listed in `keep` (folded), punctuation kept. */
function maskWords(text: string, keep: (folded: string) => boolean): string {
  return text.replace(WORD_RE, (w) => (keep(foldCompat(w)) ? w : maskWord(w)));
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskWords(value, () => false);
  const local = value.slice(0, at).replace(/[^._+-]+/g, (w) => maskWord(w));
  const domain = value.slice(at + 1);
  if (WEBMAIL_DOMAINS.has(domain.toLowerCase())) return `${local}@${domain}`;
  const labels = domain.split('.');
  const tld = labels.pop() ?? '';
  return `${local}@${labels.map((l) => maskWord(l)).join('.')}.${tld}`;
}

function maskPhone(value: string): string {
  const phone = parsePhone(value);
  if (phone === undefined) return maskWords(value, () => false);
  const n = phone.national;
  return `${n.slice(0, 2)} ** ** ** ${n.slice(8)}`;
}

function maskNir(value: string): string {
  const c = value.replace(SEP_RE, '');
  if (c.length !== 15) return maskWords(value, () => false);
  return `${c.slice(0, 1)} ${c.slice(1, 3)} ** ** *** *** ${c.slice(13)}`;
}

function maskIban(value: string): string {
  const c = value.replace(SEP_RE, '').toUpperCase();
  if (c.length < 8) return maskWords(value, () => false);
  const hidden = '*'.repeat(c.length - 7) + c.slice(-3);
  const groups = hidden.match(/.{1,4}/g) ?? [];
  return [c.slice(0, 4), ...groups].join(' ');
}

function maskRib(value: string): string {
  const c = value.replace(SEP_RE, '');
  if (c.length !== 23) return maskWords(value, () => false);
  return `${c.slice(0, 5)} ***** *********** **`;
}

function maskDate(value: string): string {
  const d = parseDate(value);
  if (d === undefined) return maskWords(value, () => false);
  const year = String(d.year);
  // Day and month starred, the year kept: 12/05/1985 → **/**/1985, 1985-05-12 → 1985-**-**.
  return value.startsWith(year)
    ? `${year}${value.slice(4, 10).replace(DIGIT_RE, '*')}`
    : `${value.slice(0, value.length - 4).replace(DIGIT_RE, '*')}${year}`;
}

/**
 * Mask a personal value for display: `jean.dupont@gmail.com` → `j***.d***@gmail.com`, `06 12 34 56 78` →
 * `06 ** ** ** 78`, NIR → `1 85 ** ** *** *** 42`, IBAN → `FR76 **** … *189`, `Jean DUPONT` → `J*** D***`,
 * `12 rue des Lilas` → `** rue des L***`, a birth date keeps its year only. The result never equals nor contains
 * the value it masks (a value made only of stars excepted): when a rule would let it, `***` is returned.
 */
export function maskValue(kind: MaskKind, value: string): string {
  const v = value.trim();
  let masked: string;
  switch (kind) {
    case 'email':
      masked = maskEmail(v);
      break;
    case 'phone':
      masked = maskPhone(v);
      break;
    case 'nir':
      masked = maskNir(v);
      break;
    case 'iban':
      masked = maskIban(v);
      break;
    case 'rib':
      masked = maskRib(v);
      break;
    case 'birth-date':
      masked = maskDate(v);
      break;
    case 'person-name':
      masked = maskWords(v, (w) => KEPT_WORDS.has(w));
      break;
    case 'address':
      masked = maskWords(v, (w) => KEPT_WORDS.has(w) || STREET_TYPES.has(w));
      break;
    default:
      masked = maskWords(v, () => false);
  }
  return v === '' || masked.includes(v) ? '***' : masked;
}
