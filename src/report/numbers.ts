// Numbers in reports as people write them: `412 756` in French, `412,756` in English.
import type { Lang } from '../findings/spec.js';

/**
 * A number as people write it in `lang`: groups of three digits separated by a space in French (a plain
 * one, not the narrow no-break space of the locale data) and by a comma in English; decimals as the
 * locale writes them. Whole counts, nearly all a report shows, are grouped here: the first
 * toLocaleString of a process loads ICU's number data (some 20 ms), and test/report/numbers.test.ts
 * checks that both give the same text.
 */
export function formatNumber(n: number, lang: Lang): string {
  if (Number.isSafeInteger(n) && (n > 0 || Object.is(n, 0)))
    return String(n).replace(/\B(?=(?:\d{3})+$)/g, lang === 'fr' ? ' ' : ',');
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/[\u202f\u00a0]/g, ' ');
}
