// Most frequent values in bounded memory: exact counts until the capacity is reached, then Misra-Gries.
import type { ValueCount } from '../report/types.js';

/**
 * The same text with storage of its own. A cell is often a slice of a whole decoded chunk of the file:
 * kept as a key, it would keep that chunk alive (a megabyte for a few characters) until the end of the
 * run. Concatenating makes a new flat string; slicing it back gives the text over that small copy.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A counter; `n` drops to 0 when the value is evicted (a caller may count on it directly while `n > 0`). */
export interface Counter {
  n: number;
}

/**
 * Misra-Gries frequent-items summary with `capacity` counters. While no more than `capacity` distinct
 * values were seen, the counts are exact; after that, a counter is a lower bound of the true count, short
 * by at most `n / (capacity + 1)`, and every value seen more often than that is kept.
 */
export class FrequentValues {
  private readonly counts = new Map<string, Counter>();
  private decremented = false;
  // Columns often repeat a value on consecutive rows (a commune, a year): the last counter is kept at hand.
  private lastValue: string | undefined;
  private lastCounter: Counter | undefined;

  constructor(private readonly capacity: number) {}

  /**
   * Count one value. Amortised O(1): a full decrement pass removes at least one counter. Returns the
   * value's counter, or undefined when the value was not counted (it made every counter go down).
   */
  add(value: string): Counter | undefined {
    if (value === this.lastValue && this.lastCounter!.n > 0) {
      this.lastCounter!.n++;
      return this.lastCounter;
    }
    let c = this.counts.get(value);
    if (c !== undefined) c.n++;
    else if (this.counts.size < this.capacity) this.counts.set(ownString(value), (c = { n: 1 }));
    else {
      this.decremented = true;
      this.counts.forEach(this.decrement);
      this.lastValue = undefined;
      return undefined;
    }
    this.lastValue = value;
    this.lastCounter = c;
    return c;
  }

  /** One step of the decrement pass (deleting the current entry of a Map's forEach is allowed). */
  private readonly decrement = (v: Counter, k: string): void => {
    if (--v.n === 0) this.counts.delete(k);
  };

  /** True while every count is exact. */
  get exact(): boolean {
    return !this.decremented;
  }

  /** True when `value` has a counter. */
  has(value: string): boolean {
    return value === this.lastValue || this.counts.has(value);
  }

  /** Distinct values counted so far (every value seen, while no counter was ever evicted). */
  get size(): number {
    return this.counts.size;
  }

  /** True once every counter is taken: the next new value starts evicting. */
  get full(): boolean {
    return this.counts.size >= this.capacity;
  }

  /** The values counted (all the distinct values seen, while `exact`). */
  keys(): IterableIterator<string> {
    return this.counts.keys();
  }

  /** The `k` most frequent values, most frequent first, ties by value (so the order is stable). */
  top(k: number): ValueCount[] {
    return [...this.counts]
      .map(([value, c]) => ({ value, count: c.n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, k);
  }
}
