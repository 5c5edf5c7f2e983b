// One character test for the paths that must know, without trimming, whether a cell may be trimmed.

/**
 * False when the character is none that String.prototype.trim or a `\s` regex removes (U+0000–U+0020,
 * NBSP, and from U+1680 on, a superset of the Unicode spaces): cheaper than calling trim on a cell.
 */
export function maySpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c >= 0x1680;
}
