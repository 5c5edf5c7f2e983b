// A text with storage of its own, for texts kept past the chunk of the file they were read from.

/**
 * The same text with storage of its own. A cell is often a slice of a whole decoded chunk of the file:
 * kept as a key, it would keep that chunk alive (a megabyte for a few characters) until the end of the
 * run. Concatenating makes a new flat string; slicing it back gives the text over that small copy.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
