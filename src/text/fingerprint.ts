// A fingerprint of a text, to tell whether a file changed since something was built from it.
import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a text's UTF-8 bytes, in hex: it tells an edited file from the one an index was built
 * from (native hashing: a JavaScript loop over the 118 KB of the catalogue's index.json took longer than
 * loading node:crypto, which odf loads at start anyway for its temporary file names).
 */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
