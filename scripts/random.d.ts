// Types of scripts/random.js for the tests that import it.

/** A seeded generator (mulberry32): each call returns the next number in [0, 1). */
export declare function random(seed: number): () => number;
