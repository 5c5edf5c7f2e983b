// A cheap fingerprint of a text, to tell whether a file changed since something was built from it.

/**
 * The length and two 32-bit hashes (FNV-1a and a multiplicative mix) of a text's UTF-16 code units, as
 * `length:hex:hex`. Not cryptographic: it tells an edited file from the one an index was built from,
 * without loading node:crypto (about a millisecond for the bundled catalogue's index.json).
 */
export function fingerprint(text: string): string {
  let fnv = 0x811c9dc5;
  let mix = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, 0x01000193);
    mix = Math.imul(mix ^ c, 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  return `${text.length}:${(fnv >>> 0).toString(16)}:${(mix >>> 0).toString(16)}`;
}
