// A chunk's values of one column in row order, as ids into its table of distinct values (for the merge of chunks).
import { ownPart, type ValueCounter } from './frequent.js';

/** What a chunk's column counted, posted to the main thread: plain data. */
export interface ValueStream {
  /** The distinct values in order of first appearance: hash halves (hi, lo pairs), texts, counts. */
  hashes: Int32Array;
  texts: string[];
  counts: Float64Array;
  /**
   * The id of every value counted, in row order, up to where the recorder stopped: at `truncated`, or
   * where the chunk's budget of ids ran out (see IdBudget); empty when the budget dropped them.
   */
  ids: Uint16Array | Int32Array;
  /** True when a value past `capacity` distinct ones came: `ids` stop before it. */
  truncated: boolean;
}

/**
 * The room for ids the recorders of one chunk share (in Uint16 ids; an Int32 id counts twice), so that
 * a chunk's recording does not grow with its length. When it runs out, the recorders of columns of few
 * values drop their ids: while a column's values all fit the frequent-values counters, the merge adds
 * up the chunk's counts and never reads its ids (see ColumnState.absorb). If that frees nothing, every
 * recorder stops where it is. Either way the merge tells whether it can do without the missing ids.
 */
export class IdBudget {
  private readonly recorders: ValueRecorder[] = [];

  /**
   * @param left ids that may be held at once
   * @param few a recorder of at most this many distinct values may drop its ids
   */
  constructor(
    private left: number,
    private readonly few: number,
  ) {}

  /** Ids held now, in Uint16 ids. */
  held = 0;

  join(recorder: ValueRecorder): void {
    this.recorders.push(recorder);
  }

  /** Room for `n` more ids for `recorder`; false when there is none (it has then stopped recording). */
  take(n: number, recorder: ValueRecorder): boolean {
    if (n > this.left) {
      for (const r of this.recorders) {
        if (r.keeping && r.size <= this.few) this.give(r.drop());
      }
      if (!recorder.keeping) return false;
      if (n > this.left) {
        for (const r of this.recorders) r.stop();
        return false;
      }
    }
    this.left -= n;
    this.held += n;
    return true;
  }

  private give(n: number): void {
    this.left += n;
    this.held -= n;
  }
}

/**
 * Stands in for the frequent-values summary in a chunk: it gives every distinct value an id (its
 * slot, stable: `epoch` never changes) and records the id of every value counted, in row order. The
 * frequent-values summary of one reading depends on the order of the values (Misra-Gries drops
 * counters as new values come), so the merge replays the ids of the chunks in row order into one
 * summary: the result is the one reading's, counter for counter. At most `capacity` distinct values are
 * held; past them the recording stops (truncated) and the merge can use the recording only up to there.
 * The ids held are bounded by the chunk's IdBudget.
 */
export class ValueRecorder implements ValueCounter {
  size = 0;
  readonly epoch = 0;
  readonly exact = true;
  truncated = false;
  /** False once the ids are no longer recorded (see IdBudget): dropped, or stopped where they are. */
  keeping = true;
  private his = new Int32Array(16);
  private los = new Int32Array(16);
  private counts = new Float64Array(16);
  private texts: string[] = [];
  /** Open addressing over the low hash bits: id + 1, 0 for an empty slot. */
  private index = new Int32Array(32);
  private ids: Uint16Array | Int32Array;
  private length = 0;

  constructor(
    private readonly capacity: number,
    private readonly budget?: IdBudget,
  ) {
    this.ids = capacity < 65536 ? new Uint16Array(0) : new Int32Array(0);
    budget?.join(this);
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
    return this.countAt(hi, lo, value, 0, value.length);
  }

  countAt(hi: number, lo: number, text: string, start: number, end: number): number {
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
      this.texts.push(ownPart(text, start, end));
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
    if (this.length === this.ids.length && !this.growIds()) return;
    this.ids[this.length++] = id;
  }

  /** Room for more ids, within the budget; false when the ids are no longer recorded. */
  private growIds(): boolean {
    if (!this.keeping) return false;
    const n = Math.max(1024, 2 * this.length);
    const wide = !(this.ids instanceof Uint16Array);
    if (this.budget && !this.budget.take((n - this.length) * (wide ? 2 : 1), this)) return false;
    const grown = wide ? new Int32Array(n) : new Uint16Array(n);
    grown.set(this.ids);
    this.ids = grown;
    return true;
  }

  /** Drop the ids recorded and record no more; returns the room they held (see IdBudget). */
  drop(): number {
    const narrow = this.ids instanceof Uint16Array;
    const room = this.ids.length * (narrow ? 1 : 2);
    this.keeping = false;
    this.ids = narrow ? new Uint16Array(0) : new Int32Array(0);
    this.length = 0;
    return room;
  }

  /** Record no more ids, keeping those recorded. */
  stop(): void {
    this.keeping = false;
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
