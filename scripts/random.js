// A seeded generator for the fuzzer and the generated test cases, so that every run meets the same cases.

/**
 * A seeded generator (mulberry32): each call returns the next number in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
