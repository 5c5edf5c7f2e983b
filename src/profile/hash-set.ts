// A set of 53-bit hashes held as their two halves in typed arrays: no string kept, no allocation per value.

/** Slots of a new set at least; the table doubles whenever it is half full. */
const INITIAL_SLOTS = 1024;

/**
 * Open addressing with linear probing over two Int32Arrays: the high 21 bits of a hash plus one in
 * `his` (0 marks an empty slot), its low 32 bits in `los`. The low bits of hash53 are well mixed, so
 * they pick the slot. Memory is 16 bytes per slot, 32 per value at worst.
 */
export class HashSet53 {
  private his: Int32Array;
  private los: Int32Array;
  private mask: number;
  /** Hashes in the set. */
  size = 0;

  /** A set sized for `expected` hashes (it grows past them). */
  constructor(expected = 0) {
    let slots = INITIAL_SLOTS;
    while (slots < 2 * expected + 2) slots *= 2;
    this.his = new Int32Array(slots);
    this.los = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Add a hash given as its halves (see hash53Parts); false when it was there already. */
  add(hi: number, lo: number): boolean {
    const tag = hi + 1;
    const his = this.his;
    const los = this.los;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const t = his[i]!;
      if (t === 0) break;
      if (t === tag && los[i] === lo) return false;
      i = (i + 1) & mask;
    }
    his[i] = tag;
    los[i] = lo;
    if (++this.size * 2 > mask) this.grow();
    return true;
  }

  /** Call `fn` with the halves of every hash in the set. */
  forEach(fn: (hi: number, lo: number) => void): void {
    const his = this.his;
    for (let i = 0; i <= this.mask; i++) if (his[i] !== 0) fn(his[i]! - 1, this.los[i]!);
  }

  private grow(): void {
    const his = this.his;
    const los = this.los;
    const slots = his.length * 2;
    this.his = new Int32Array(slots);
    this.los = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < his.length; i++) if (his[i] !== 0) this.add(his[i]! - 1, los[i]!);
  }
}
