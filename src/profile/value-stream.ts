// A chunk's values of one column in row order, as ids into its table of distinct values (for the merge of chunks).
import { ownString, type ValueCounter } from './frequent.js';

/** What a chunk's column counted, posted to the main thread: plain data. */
export interface ValueStream {
  /** The distinct values in order of first appearance: hash halves (hi, lo pairs), texts, counts. */
  hashes: Int32Array;
  texts: string[];
  counts: Float64Array;
  /** The id of every value counted, in row order (up to where the recorder stopped: see truncated). */
  ids: Uint16Array | Int32Array;
  /** True when a value past `capacity` distinct ones came: `ids` stop before it. */
  truncated: boolean;
}

/**
 * Stands in for the frequent-values summary in a chunk: it gives every distinct value an id (its
 * slot, stable: `epoch` never changes) and records the id of every value counted, in row order. The
 * frequent-values summary of one reading depends on the order of the values (Misra-Gries drops
 * counters as new values come), so the merge replays the ids of the chunks in row order into one
 * summary: the result is the one reading's, counter for counter. At most `capacity` distinct values are
 * held; past them the recording stops (truncated) and the merge can use the recording only up to there.
 */
export class ValueRecorder implements ValueCounter {
  size = 0;
  readonly epoch = 0;
  readonly exact = true;
  truncated = false;
  private his = new Int32Array(16);
  private los = new Int32Array(16);
  private counts = new Float64Array(16);
  private texts: string[] = [];
  /** Open addressing over the low hash bits: id + 1, 0 for an empty slot. */
  private index = new Int32Array(32);
  private ids: Uint16Array | Int32Array;
  private length = 0;

  constructor(private readonly capacity: number) {
    this.ids = capacity < 65536 ? new Uint16Array(1024) : new Int32Array(1024);
  }

  private find(hi: number, lo: number): number {
    const index = this.index;
    const mask = index.length - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const e = index[i]!;
      if (e === 0) return -1 - i;
      if (this.los[e - 1] === lo && this.his[e - 1] === hi) return e - 1;
    }
  }

  count(hi: number, lo: number, value: string): number {
    if (this.truncated) return -1;
    let id = this.find(hi, lo);
    if (id >= 0) {
      this.counts[id]!++;
    } else {
      if (this.size >= this.capacity) {
        this.truncated = true;
        return -1;
      }
      id = this.size++;
      if (id === this.his.length) this.growValues();
      this.his[id] = hi;
      this.los[id] = lo;
      this.counts[id] = 1;
      this.texts.push(ownString(value));
      if (2 * this.size > this.index.length) this.growIndex();
      else this.index[-1 - this.find(hi, lo)] = id + 1;
    }
    this.push(id);
    return id;
  }

  bump(slot: number): void {
    if (this.truncated) return;
    this.counts[slot]!++;
    this.push(slot);
  }

  has(hi: number, lo: number): boolean {
    return this.find(hi, lo) >= 0;
  }

  forEachHash(fn: (hi: number, lo: number) => void): void {
    for (let i = 0; i < this.size; i++) fn(this.his[i]!, this.los[i]!);
  }

  /** What was recorded, as plain data. */
  stream(): ValueStream {
    const hashes = new Int32Array(2 * this.size);
    for (let i = 0; i < this.size; i++) {
      hashes[2 * i] = this.his[i]!;
      hashes[2 * i + 1] = this.los[i]!;
    }
    return {
      hashes,
      texts: this.texts,
      counts: this.counts.slice(0, this.size),
      ids: this.ids.slice(0, this.length),
      truncated: this.truncated,
    };
  }

  private push(id: number): void {
    if (this.length === this.ids.length) {
      const grown =
        this.ids instanceof Uint16Array ? new Uint16Array(2 * this.length) : new Int32Array(2 * this.length);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }

  private growValues(): void {
    const n = 2 * this.his.length;
    const his = new Int32Array(n);
    const los = new Int32Array(n);
    const counts = new Float64Array(n);
    his.set(this.his);
    los.set(this.los);
    counts.set(this.counts);
    this.his = his;
    this.los = los;
    this.counts = counts;
  }

  private growIndex(): void {
    this.index = new Int32Array(2 * this.index.length);
    for (let id = 0; id < this.size; id++) this.index[-1 - this.find(this.his[id]!, this.los[id]!)] = id + 1;
  }
}
