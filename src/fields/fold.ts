// Text folding for lenient enum matching: case, accents, ligatures, apostrophes and spaces do not count.

const MARKS = /\p{M}+/gu;
const SPACES = /[\s\u00a0\u202f]+/g;

/**
 * Folds a text so that values differing only by case, accents (é/e), ligatures (œ/oe), typographic
 * apostrophes (’/') or spaces (surrounding, repeated, non-breaking) compare equal.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[\u2019\u2018\u02bc`´]/g, "'")
    .replace(SPACES, ' ')
    .trim();
}

/**
 * Builds a lookup from folded text to the one allowed value it stands for. Folded keys shared by two
 * different allowed values are dropped: such a match would be ambiguous.
 */
export function buildFoldIndex(allowed: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  const clashes = new Set<string>();
  for (const a of allowed) {
    const k = foldText(a);
    const prev = index.get(k);
    if (prev !== undefined && prev !== a) clashes.add(k);
    else index.set(k, a);
  }
  for (const k of clashes) index.delete(k);
  return index;
}
