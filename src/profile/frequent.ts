// Most frequent values in bounded memory: exact counts until the capacity is reached, then Misra-Gries.
import type { ValueCount } from '../report/types.js';

/**
 * Misra-Gries frequent-items summary with `capacity` counters. While no more than `capacity` distinct
 * values were seen, the counts are exact; after that, a counter is a lower bound of the true count, short
 * by at most `n / (capacity + 1)`, and every value seen more often than that is kept.
 */
export class FrequentValues {
  private readonly counts = new Map<string, number>();
  private decremented = false;

  constructor(private readonly capacity: number) {}

  /** Count one value. Amortised O(1): a full decrement pass removes at least one counter. */
  add(value: string): void {
    const c = this.counts.get(value);
    if (c !== undefined) {
      this.counts.set(value, c + 1);
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(value, 1);
      return;
    }
    this.decremented = true;
    for (const [k, v] of this.counts) {
      if (v <= 1) this.counts.delete(k);
      else this.counts.set(k, v - 1);
    }
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return !this.decremented;
  }

  /** The `k` most frequent values, most frequent first, ties by value (so the order is stable). */
  top(k: number): ValueCount[] {
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, k);
  }
}
