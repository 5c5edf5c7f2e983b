// Label folding and similarity: how odf compares a header label with a field name, title or alias.

/** Letters NFKD does not decompose but people type either way. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };
const LIGATURE_RE = /[œæßøđł]/g;
const MARKS_RE = /\p{M}/gu;
const NOT_ALNUM_RE = /[^\p{L}\p{N}]/gu;

/**
 * Fold a label for comparison: compatibility decomposition (NFKD), accents and other combining marks
 * removed, lower case, common ligatures spelled out, and every character that is neither a letter nor a
 * digit removed (spaces, hyphens, underscores, apostrophes, dots, slashes, parentheses, a BOM…).
 * `Enfant Prénom`, `enfant-prenom` and `ENFANT_PRENOM` all fold to `enfantprenom`.
 */
export function foldLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(NOT_ALNUM_RE, '');
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
