// Most frequent values in bounded memory: exact counts until the capacity is reached, then Misra-Gries.
import type { ValueCount } from '../report/types.js';
import { HASH_PARTS, hash53Parts } from '../checks/hash.js';
import { ownString } from '../text/own-string.js';

export { ownString };

/** The counters' table: open addressing over a value's hash halves (see hash53Parts). */
interface Table {
  /** High 21 bits of the hash plus one; 0 marks an empty slot. */
  his: Int32Array;
  los: Int32Array;
  counts: Float64Array;
  /** The value's text (a copy of its own), once it is known to be needed (see FrequentValues). */
  texts: (string | undefined)[];
}

/**
 * What a column profile counts its values with: the frequent-values summary (one reading), or the
 * recorder of a chunk's values in row order (see ValueRecorder). Slots are valid while `epoch` is.
 */
export interface ValueCounter {
  readonly size: number;
  readonly epoch: number;
  readonly exact: boolean;
  count(hi: number, lo: number, value: string): number;
  /** count, the value being `text[start, end)`: its text is made only if the counter keeps it. */
  countAt(hi: number, lo: number, text: string, start: number, end: number): number;
  bump(slot: number, value: string): void;
  has(hi: number, lo: number): boolean;
  forEachHash(fn: (hi: number, lo: number) => void): void;
}

/** `text[start, end)` as a string of its own (see ownString). */
export function ownPart(text: string, start: number, end: number): string {
  return ownString(start === 0 && end === text.length ? text : text.slice(start, end));
}

function newTable(slots: number): Table {
  return {
    his: new Int32Array(slots),
    los: new Int32Array(slots),
    counts: new Float64Array(slots),
    texts: new Array<string | undefined>(slots).fill(undefined),
  };
}

/**
 * Misra-Gries frequent-items summary with `capacity` counters. While no more than `capacity` distinct
 * values were seen, the counts are exact; after that, a counter is a lower bound of the true count, short
 * by at most `n / (capacity + 1)`, and every value seen more often than that is kept.
 *
 * Values are found by their 53-bit hash (two values with the same hash would share a counter: about one
 * chance in 10^12 for a thousand counters), in typed arrays: counting a value allocates nothing but the
 * copy of its text a counter keeps for the report. Once the summary is full, a column of many values
 * keeps replacing counters that the next decrement pass drops; with `textsOnRepeat`, such a counter
 * copies its value's text only when it counts the value a second time, and `top` leaves out the
 * counters at one without a text (the caller shows no value counted once in that case).
 */
export class FrequentValues implements ValueCounter {
  private table: Table;
  /** The table a decrement pass rebuilds the counters into, then swaps with `table` (made at the first). */
  private spare: Table | undefined;
  private mask: number;
  /** Slots of the full-grown table (twice the capacity, a power of two). */
  private readonly maxSlots: number;
  private decremented = false;
  /** Values counted, as distinct hashes. */
  size = 0;
  /** Changes when a decrement pass moves the counters: a slot returned before then is stale. */
  epoch = 0;

  constructor(
    private readonly capacity: number,
    private readonly textsOnRepeat = false,
  ) {
    let slots = 8;
    while (slots < 2 * capacity) slots *= 2;
    this.maxSlots = slots;
    // The table grows with the values: a column of a few values (most of them, and a table of
    // thousands of columns) holds a small one.
    const first = Math.min(slots, 16);
    this.table = newTable(first);
    this.mask = first - 1;
  }

  /** A table twice as large, with the same counters (while it is not full-grown). */
  private grow(): void {
    const from = this.table;
    const slots = 2 * (this.mask + 1);
    const to = newTable(slots);
    const mask = slots - 1;
    for (let s = 0; s <= this.mask; s++) {
      const h = from.his[s]!;
      if (h === 0) continue;
      let i = from.los[s]! & mask;
      while (to.his[i] !== 0) i = (i + 1) & mask;
      to.his[i] = h;
      to.los[i] = from.los[s]!;
      to.counts[i] = from.counts[s]!;
      to.texts[i] = from.texts[s];
    }
    this.table = to;
    this.mask = mask;
    this.epoch++;
  }

  /**
   * Count one value given by the halves of its hash53 and its text. Amortised O(1): a full decrement
   * pass removes at least one counter. Returns the value's slot (see bump) for this epoch, or -1 when the
   * value was not counted (it made every counter go down).
   */
  count(hi: number, lo: number, value: string): number {
    return this.countAt(hi, lo, value, 0, value.length);
  }

  /** count, the value being `text[start, end)`, made a string only when its counter takes its text. */
  countAt(hi: number, lo: number, text: string, start: number, end: number): number {
    const t = this.table;
    const tag = hi + 1;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const h = t.his[i]!;
      if (h === 0) break;
      if (h === tag && t.los[i] === lo) {
        t.counts[i]!++;
        if (t.texts[i] === undefined) t.texts[i] = ownPart(text, start, end);
        return i;
      }
      i = (i + 1) & mask;
    }
    if (this.size < this.capacity) {
      if (2 * (this.size + 1) > this.mask + 1 && this.mask + 1 < this.maxSlots) {
        this.grow();
        return this.countAt(hi, lo, text, start, end);
      }
      t.his[i] = tag;
      t.los[i] = lo;
      t.counts[i] = 1;
      t.texts[i] = this.decremented && this.textsOnRepeat ? undefined : ownPart(text, start, end);
      this.size++;
      return i;
    }
    this.decrement();
    return -1;
  }

  /**
   * Count one value `times` times at once, as many calls of count would while no counter has to go
   * (the value has a counter, or there is a free one): the merge of chunks whose values all fit.
   */
  countTimes(hi: number, lo: number, value: string, times: number): void {
    const t = this.table;
    const tag = hi + 1;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const h = t.his[i]!;
      if (h === 0) break;
      if (h === tag && t.los[i] === lo) {
        t.counts[i]! += times;
        if (t.texts[i] === undefined) t.texts[i] = ownString(value);
        return;
      }
      i = (i + 1) & mask;
    }
    if (this.size >= this.capacity) throw new Error('countTimes: the summary is full');
    if (2 * (this.size + 1) > this.mask + 1 && this.mask + 1 < this.maxSlots) {
      this.grow();
      this.countTimes(hi, lo, value, times);
      return;
    }
    t.his[i] = tag;
    t.los[i] = lo;
    t.counts[i] = times;
    t.texts[i] = this.decremented && this.textsOnRepeat ? undefined : ownString(value);
    this.size++;
  }

  /** Count once more the value of `slot`, a slot `count` returned while `epoch` was the same; `value` is its text. */
  bump(slot: number, value: string): void {
    const t = this.table;
    t.counts[slot]!++;
    if (t.texts[slot] === undefined) t.texts[slot] = ownString(value);
  }

  /** Count one value by its text. */
  add(value: string): void {
    hash53Parts(value);
    this.count(HASH_PARTS[0]!, HASH_PARTS[1]!, value);
  }

  /** True when the value of these hash halves has a counter. */
  has(hi: number, lo: number): boolean {
    const t = this.table;
    const tag = hi + 1;
    let i = lo & this.mask;
    for (;;) {
      const h = t.his[i]!;
      if (h === 0) return false;
      if (h === tag && t.los[i] === lo) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Every counter goes down by one; those at zero are dropped, the others move to the spare table. */
  private decrement(): void {
    this.decremented = true;
    const from = this.table;
    const to = this.spare?.his.length === from.his.length ? this.spare : newTable(from.his.length);
    to.his.fill(0);
    to.texts.fill(undefined);
    const mask = this.mask;
    let size = 0;
    for (let s = 0; s <= mask; s++) {
      const h = from.his[s]!;
      if (h === 0 || from.counts[s] === 1) continue;
      const lo = from.los[s]!;
      let i = lo & mask;
      while (to.his[i] !== 0) i = (i + 1) & mask;
      to.his[i] = h;
      to.los[i] = lo;
      to.counts[i] = from.counts[s]! - 1;
      to.texts[i] = from.texts[s];
      size++;
    }
    this.table = to;
    this.spare = from;
    this.size = size;
    this.epoch++;
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return !this.decremented;
  }

  /** True once every counter is taken: the next new value starts evicting. */
  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** Call `fn` with the hash halves of every value counted (all the distinct values seen, while `exact`). */
  forEachHash(fn: (hi: number, lo: number) => void): void {
    const t = this.table;
    for (let i = 0; i <= this.mask; i++) if (t.his[i] !== 0) fn(t.his[i]! - 1, t.los[i]!);
  }

  /** The `k` most frequent values, most frequent first, ties by value (so the order is stable). */
  top(k: number): ValueCount[] {
    const t = this.table;
    const all: ValueCount[] = [];
    for (let i = 0; i <= this.mask; i++) {
      const value = t.texts[i];
      if (t.his[i] !== 0 && value !== undefined) all.push({ value, count: t.counts[i]! });
    }
    return all
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, k);
  }
}
