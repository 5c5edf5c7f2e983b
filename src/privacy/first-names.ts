// The bundled list of common French first names (data/prenoms.txt), loaded once and looked up folded.
import { readFileSync } from 'node:fs';
import { foldCompat } from '../text/fold.js';

let names: ReadonlySet<string> | undefined;

/** The folded first names (`helene`, `jean`…), read from data/prenoms.txt on first use. */
export function firstNames(): ReadonlySet<string> {
  if (names === undefined) {
    // Same relative path from src/privacy/ (tests) and dist/privacy/ (the built package).
    const text = readFileSync(new URL('../../data/prenoms.txt', import.meta.url), 'utf8');
    const set = new Set<string>();
    for (const line of text.split('\n')) {
      const name = line.trim();
      if (name !== '' && !name.startsWith('#')) set.add(foldCompat(name));
    }
    names = set;
  }
  return names;
}

/**
 * True when a word is a first name of the list, or a hyphenated compound of them (`Jean-Pierre`,
 * `MARIE-HÉLÈNE`). Case and accents do not matter.
 */
export function isFirstName(word: string): boolean {
  const set = firstNames();
  const folded = foldCompat(word);
  if (set.has(folded)) return true;
  if (!folded.includes('-')) return false;
  const parts = folded.split('-');
  return parts.length <= 3 && parts.every((p) => set.has(p));
}
