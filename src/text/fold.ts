// Text folding and edit distance, in one place: how odf compares labels, values, names and headings.

const MARKS = /\p{M}+/gu;
/** Letters NFKD does not decompose but people type either way. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };
const LIGATURE_RE = /[œæßøđł]/g;
const NOT_ALNUM = /[^\p{L}\p{N}]/gu;
const NOT_ALNUM_RUNS = /[^\p{L}\p{N}]+/gu;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const APOSTROPHES = /[\u2019\u2018\u02bc`´]/g;
const SPACES = /[\s\u00a0\u202f]+/g;

/** Lower case without accents or other combining marks (`Hélène` → `helene`); other characters kept. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Lower case without accents, compatibility forms (NFKD: `ﬁ` → `fi`, `²` → `2`, full-width letters) or
 * ligatures (`Œuvre` → `oeuvre`, `ø` → `o`); other characters kept.
 */
export function foldCompat(text: string): string {
  // ASCII has no decomposition, mark or ligature: most words of French data files take this way.
  if (isAscii(text)) return text.toLowerCase();
  const lower = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return LIGATURE_RE.test(lower) ? lower.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c) : lower;
}

/**
 * Fold a header label for comparison with field names, titles and aliases: foldCompat, then every
 * character that is neither a letter nor a digit removed (spaces, hyphens, underscores, apostrophes,
 * dots, slashes, parentheses, a BOM…). `Enfant Prénom`, `enfant-prenom` and `ENFANT_PRENOM` all fold to
 * `enfantprenom`.
 */
export function foldLabel(label: string): string {
  return foldCompat(label).replace(NOT_ALNUM, '');
}

/**
 * Fold a header into space-separated words: camelCase split, foldCompat, every run of non-alphanumerics a
 * single space (`nomBénéficiaire` and `NOM_BENEFICIAIRE` both give `nom beneficiaire`), padded with one
 * space on each side so that ` nom ` matches a whole word.
 */
export function foldWords(text: string): string {
  const words = foldCompat(text.replace(CAMEL, '$1 $2')).replace(NOT_ALNUM_RUNS, ' ').trim();
  return ` ${words} `;
}

/**
 * Fold a cell value so that values differing only by case, accents (é/e), ligatures (œ/oe), typographic
 * apostrophes (’/') or spaces (surrounding, repeated, non-breaking) compare equal.
 */
export function foldValue(text: string): string {
  return foldAccents(text)
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .trim();
}

/**
 * A lookup from folded value (foldValue) to the one allowed value it stands for. Folded keys shared by
 * two different allowed values are dropped: such a match would be ambiguous.
 */
export function buildFoldIndex(allowed: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  const clashes = new Set<string>();
  for (const a of allowed) {
    const k = foldValue(a);
    const prev = index.get(k);
    if (prev !== undefined && prev !== a) clashes.add(k);
    else index.set(k, a);
  }
  for (const k of clashes) index.delete(k);
  return index;
}

/** Levenshtein distance between two strings (code units), with one reusable row: O(|a|·|b|) time, O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const row = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return row[b.length]!;
}

/**
 * Similarity of two already folded labels in 0..1: 1 − distance / length of the longer one.
 * Two empty strings are not similar (0): an empty label says nothing.
 */
export function similarity(foldedA: string, foldedB: string): number {
  const longest = Math.max(foldedA.length, foldedB.length);
  if (longest === 0) return 0;
  return 1 - editDistance(foldedA, foldedB) / longest;
}

/** The name nearest to `name` at an edit distance below `below` (first on a tie), for « did you mean ». */
export function closestName(name: string, names: readonly string[], below: number): string | undefined {
  let best: string | undefined;
  let bestDistance = below;
  for (const candidate of names) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
