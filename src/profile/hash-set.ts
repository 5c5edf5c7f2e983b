// A set of 53-bit hashes held as their two halves in typed arrays: no string kept, no allocation per value.

/** Slots of a new set at least; the table doubles whenever it is half full. */
const INITIAL_SLOTS = 1024;

/**
 * Open addressing with linear probing over one Int32Array, two words a slot (one cache line holds
 * both): the high 21 bits of a hash plus one (0 marks an empty slot), then its low 32 bits. The low
 * bits of hash53 are well mixed, so they pick the slot. Memory is 8 bytes a slot, 16 per value at most.
 */
export class HashSet53 {
  private slots: Int32Array;
  private mask: number;
  /** Hashes in the set. */
  size = 0;

  /** A set sized for `expected` hashes (it grows past them). */
  constructor(expected = 0) {
    let n = INITIAL_SLOTS;
    while (n < 2 * expected + 2) n *= 2;
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
  }

  /** Add a hash given as its halves (see hash53Parts); false when it was there already. */
  add(hi: number, lo: number): boolean {
    const tag = hi + 1;
    const slots = this.slots;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const t = slots[2 * i]!;
      if (t === 0) break;
      if (t === tag && slots[2 * i + 1] === lo) return false;
      i = (i + 1) & mask;
    }
    slots[2 * i] = tag;
    slots[2 * i + 1] = lo;
    if (++this.size * 2 > mask) this.grow();
    return true;
  }

  /** True when the hash of these halves is in the set. */
  has(hi: number, lo: number): boolean {
    const tag = hi + 1;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const t = slots[2 * i]!;
      if (t === 0) return false;
      if (t === tag && slots[2 * i + 1] === lo) return true;
    }
  }

  /** Call `fn` with the halves of every hash in the set. */
  forEach(fn: (hi: number, lo: number) => void): void {
    const slots = this.slots;
    for (let i = 0; i <= this.mask; i++) if (slots[2 * i] !== 0) fn(slots[2 * i]! - 1, slots[2 * i + 1]!);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.add(old[i]! - 1, old[i + 1]!);
  }
}
