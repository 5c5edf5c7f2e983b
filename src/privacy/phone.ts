// French phone numbers: parsing the usual spellings to the 10-digit national form, and telling mobiles.

/** A phone number read in a cell: its 10-digit national form and whether it is a mobile. */
export interface PhoneNumber {
  national: string;
  mobile: boolean;
}

const NOISE_RE = /[\s.\-/()]/g;
const LABEL_RE = /^(?:t[ée]l[ée]?(?:phone)?|portable|mobile|fixe|gsm)[\s:.]*/i;
// International prefixes of metropolitan France and the overseas departments, mapped to the national 0.
const OVERSEAS_RE = /^(?:\+|00)(262|269|590|594|596|508|687|689)(\d{9})$/;
const METRO_RE = /^(?:\+|00)33(?:0)?(\d{9})$/;
const NATIONAL_RE = /^0[1-9]\d{8}$/;

/**
 * Parse a cell holding one French phone number (`06 12 34 56 78`, `+33 (0)6 12…`, `+590 690 12 34 56`,
 * `Tél. : 01.23.45.67.89`). Mobiles are 06 and 07, which covers the overseas mobiles too once in national
 * form (0690/0691 Guadeloupe, 0696/0697 Martinique, 0694 Guyane, 0692/0693 Réunion, 0639 Mayotte).
 */
export function parsePhone(text: string): PhoneNumber | undefined {
  if (text.length < 10 || text.length > 30) return undefined;
  const s = text.replace(LABEL_RE, '').replace(NOISE_RE, '');
  let national: string;
  if (NATIONAL_RE.test(s)) national = s;
  else {
    const metro = METRO_RE.exec(s);
    const overseas = metro === null ? OVERSEAS_RE.exec(s) : null;
    if (metro !== null) national = `0${metro[1]!}`;
    else if (overseas !== null) national = `0${overseas[2]!}`;
    else return undefined;
    if (!NATIONAL_RE.test(national)) return undefined;
  }
  const second = national.charCodeAt(1);
  return { national, mobile: second === 54 || second === 55 };
}
