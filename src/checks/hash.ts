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

/** hash53 (seed 0) of `text[start, end)`, read in place. */
export function hash53At(text: string, start: number, end: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
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
  hash53PartsAt(s, 0, s.length);
}

/**
 * hash53Parts of `text[start, end)`, read in place: a cell of a decoded chunk is hashed without the
 * slice (a SlicedString from 13 characters on, whose characters V8 reads the slow way).
 */
export function hash53PartsAt(text: string, start: number, end: number): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
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

const NUMBER_BITS = new Float64Array(1);
const NUMBER_WORDS = new Int32Array(NUMBER_BITS.buffer);

/**
 * A 53-bit hash of a number's bits (two numbers hash alike when they are the same double), written to
 * HASH_PARTS as hash53Parts does: for counting distinct numbers without hashing their text.
 */
export function number53Parts(n: number): void {
  NUMBER_BITS[0] = n;
  const a = NUMBER_WORDS[0]!;
  const b = NUMBER_WORDS[1]!;
  // Two rounds of MurmurHash3's finaliser over the two words.
  let h1 = Math.imul(a ^ 0x2545f491, 0x9e3779b1) ^ b;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  let h2 = Math.imul(b ^ 0x68e31da4, 0x9e3779b1) ^ h1;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  HASH_PARTS[0] = 2097151 & h2;
  HASH_PARTS[1] = h1;
}
