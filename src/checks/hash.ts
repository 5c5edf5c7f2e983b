// A fast 53-bit string hash (cyrb53), so uniqueness checks keep numbers, not rows.

/** 53-bit hash of a string; collisions are possible but, at 2^53, rare enough to be reported as such. */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The two halves of hash53 without building the double: after `hash53Parts(s)`, `hash53(s)` equals
 * `HASH_PARTS[0] * 2 ** 32 + (HASH_PARTS[1] >>> 0)` (the high 21 bits, then the low 32 as an int32).
 * For loops that hash every cell (the column profile) and keep the halves in typed arrays: no heap number.
 */
export const HASH_PARTS = new Int32Array(2);

/** hash53 of `s` (seed 0), written to HASH_PARTS as its high 21 bits and low 32 bits. */
export function hash53Parts(s: string): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  HASH_PARTS[0] = 2097151 & h2;
  HASH_PARTS[1] = h1;
}
