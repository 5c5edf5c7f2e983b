// Text folding for the privacy guard: accent-free lower case, with word boundaries kept for header and name matching.

const MARKS_RE = /\p{M}/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const LIGATURE_RE = /[œæß]/g;
const CAMEL_RE = /(\p{Ll})(\p{Lu})/gu;
const NOT_ALNUM_RE = /[^\p{L}\p{N}]+/gu;

/** Lower case without accents or ligatures (`Hélène` → `helene`, `Œuvre` → `oeuvre`); other characters kept. */
export function foldText(text: string): string {
  const lower = text.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
  return LIGATURE_RE.test(lower) ? lower.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c) : lower;
}

/**
 * Fold a header into space-separated words: camelCase split, accents removed, lower case, every run of
 * non-alphanumerics a single space (`nomBénéficiaire` and `NOM_BENEFICIAIRE` both give `nom beneficiaire`),
 * padded with one space on each side so that ` nom ` matches a whole word.
 */
export function foldWords(text: string): string {
  const words = foldText(text.replace(CAMEL_RE, '$1 $2')).replace(NOT_ALNUM_RE, ' ').trim();
  return ` ${words} `;
}
