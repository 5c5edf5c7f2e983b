// Column profile computed in the validation pass (a RowObserver): fill rate, distinct values, range, frequent values.
import type { Finding } from '../findings/types.js';
import type { ColumnProfile } from '../report/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { TableSchema } from '../schema/types.js';
import type { RowObserver } from '../checks/types.js';
import { hash53 } from '../checks/hash.js';
import { FrequentValues, ownString, type Counter } from './frequent.js';
import { HyperLogLog } from './hyperloglog.js';
import { fastDecimal } from '../text/decimal.js';

/** Bounds of the profile's memory, per column. */
export interface ProfileLimits {
  /** Distinct values counted exactly (by 53-bit hash) up to this many, then estimated (default 10 000). */
  exactDistinct?: number;
  /** Counters of the frequent-values summary (default 1000). */
  frequentCapacity?: number;
  /** Values reported as most frequent (default 10). */
  topValues?: number;
  /** Values are counted on their first N characters (default 200). */
  valueLength?: number;
}

/** What the profiler needs to know about the table: the validation context given to observers. */
export interface ProfileContext {
  labels: readonly string[];
  schema?: TableSchema;
  mapping?: ColumnMapping;
}

/** A profiler: the observer to pass to the validation run, and the profile once the run is over. */
export interface Profiler {
  observer: RowObserver;
  /**
   * The profile of every input column. `hide(column)` (0-based) withholds a column's values (top values,
   * min/max of text-like dates stay as counts only), for columns the personal-data guard flagged.
   */
  result(hide?: (column: number) => boolean): ColumnProfile[];
}

const NUMBER_TYPES = new Set(['number', 'integer', 'year']);
const DATE_TYPES = new Set(['date', 'datetime']);
const SPACES = /[\s\u00a0\u202f]/g;
const NUMBER_RE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const FR_DATE_RE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
/** Values up to this length are kept as themselves in the exact distinct set, longer ones as a hash. */
const SHORT_VALUE = 40;
/** Cells remembered per column (see ColumnState.add): a power of two. */
const SLOTS = 32;
/** Cells per trial of a column's cache of recent cells: dropped when half of them miss it. */
const SLOT_TRIAL = 4096;
/** What a remembered cell was. */
const BLANK = 1;
const NUMBER = 2;
const DATE = 4;

/** A number as people write it ("1 234,5", "-3.2e4"), or undefined. */
export function parseLooseNumber(text: string): number | undefined {
  // Fast path: a plain decimal (`1234.56`, `-3`, `.5`), as typed numeric columns mostly hold; read in
  // one scan (what NUMBER_RE and Number() below would make of it, without a regex or a conversion).
  const plain = fastDecimal(text);
  if (plain !== undefined) return Number.isFinite(plain) ? plain : undefined;
  const c = text.charCodeAt(0);
  // Cheap first-character test: most text cells are rejected without a regex.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 44)) return undefined;
  const s =
    text.includes(' ') || text.includes('\u00a0') || text.includes('\u202f')
      ? text.replace(SPACES, '')
      : text;
  if (!NUMBER_RE.test(s)) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** A date as YYYY-MM-DD from ISO (date or datetime) or DD/MM/YYYY text, or undefined. */
export function parseLooseDate(text: string): string | undefined {
  const c = text.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return undefined;
  let y: string, m: string, d: string;
  const iso = ISO_DATE_RE.exec(text);
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else {
    const fr = FR_DATE_RE.exec(text);
    if (!fr) return undefined;
    [, d, m, y] = fr as unknown as [string, string, string, string];
  }
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${y}-${m}-${d}`;
}

class ColumnState {
  filled = 0;
  /**
   * Distinct values while there are few: short values as themselves (V8 hashes strings natively, no
   * JavaScript hashing per cell), longer ones as their 53-bit hash, so memory stays small either way.
   */
  readonly exact = new Set<string | number>();
  exactOverflow = false;
  readonly hll = new HyperLogLog();
  readonly frequent: FrequentValues;
  numCount = 0;
  numMin = Infinity;
  numMax = -Infinity;
  dateCount = 0;
  dateMin = '';
  dateMax = '';
  /** The last cell seen and what it was: a repeated value (common down a column) skips all the work. */
  private lastRaw = '';
  private lastBlank = true;
  private lastKey = '';
  private lastNumber = false;
  private lastDate = false;
  /** The frequent-values counter of the last cell, when it was counted. */
  private lastCounter: Counter | undefined;
  /** The cache of recent cells (see add): the cell, what it was, its key and its counter. */
  private slotted = true;
  private slotSeen = 0;
  private slotMisses = 0;
  private readonly slotRaw: string[] = new Array<string>(SLOTS).fill('');
  private readonly slotKind = new Uint8Array(SLOTS);
  private readonly slotKey: string[] = new Array<string>(SLOTS).fill('');
  private readonly slotCounter: (Counter | undefined)[] = new Array<Counter | undefined>(SLOTS).fill(
    undefined,
  );
  /** True once frequent values are no longer counted (a column of mostly distinct values). */
  private frozen = false;
  /** True while the frequent-values counters also serve as the exact distinct set (see add). */
  private viaFrequent = true;
  private readonly viaLimit: number;
  private readonly numbers: boolean;
  private readonly datesToo: boolean;

  constructor(
    readonly label: string,
    readonly field: string | undefined,
    readonly fieldType: string | undefined,
    private readonly limits: Required<ProfileLimits>,
  ) {
    this.frequent = new FrequentValues(limits.frequentCapacity);
    this.viaLimit = Math.min(limits.frequentCapacity, limits.exactDistinct);
    this.numbers = fieldType === undefined || NUMBER_TYPES.has(fieldType);
    this.datesToo = fieldType === undefined || DATE_TYPES.has(fieldType);
  }

  /**
   * Count one cell. Columns mostly repeat a few values (a year, a code, a label): a small cache of recent
   * cells, picked by length and two characters, recognises a repeat with one comparison, without
   * hashing the text, and counts it exactly as the full path below would (a repeat changes no distinct
   * count, range or sketch: only the counts). The cache is dropped for columns where it mostly misses.
   */
  add(raw: string): void {
    const len = raw.length;
    if (len === 0) return;
    if (this.slotted) {
      if (++this.slotSeen === SLOT_TRIAL) this.slotSeen = this.slotMisses = 0;
      const i = (len * 7 + raw.charCodeAt(len >> 1) + 3 * raw.charCodeAt(len - 1)) & (SLOTS - 1);
      if (this.slotRaw[i] === raw) {
        const kind = this.slotKind[i]!;
        if (kind & BLANK) return;
        this.filled++;
        if (!this.frozen) {
          const c = this.slotCounter[i];
          if (c !== undefined && c.n > 0) c.n++;
          else this.slotCounter[i] = this.frequent.add(this.slotKey[i]!);
        }
        if (kind & NUMBER) this.numCount++;
        if (kind & DATE) this.dateCount++;
        return;
      }
      this.counted(raw);
      // The cache keeps copies: a cell may be a slice of a large decoded chunk it would keep alive.
      const own = ownString(raw);
      this.slotRaw[i] = own;
      this.slotKind[i] = this.lastBlank ? BLANK : (this.lastNumber ? NUMBER : 0) | (this.lastDate ? DATE : 0);
      this.slotKey[i] = this.lastKey === raw ? own : ownString(this.lastKey);
      this.slotCounter[i] = this.lastCounter;
      if (++this.slotMisses > SLOT_TRIAL >> 1) {
        // Half the cells of a trial missed the cache: a column of mostly different values.
        this.slotted = false;
        this.slotRaw.fill('');
        this.slotKey.fill('');
        this.slotCounter.fill(undefined);
      }
      return;
    }
    this.counted(raw);
  }

  /** Count one cell the long way; what it was is left in the `last…` fields. */
  private counted(raw: string): void {
    this.lastCounter = undefined;
    if (raw === this.lastRaw) {
      if (this.lastBlank) return;
      this.filled++;
      if (!this.frozen) this.lastCounter = this.frequent.add(this.lastKey);
      if (this.lastNumber) this.numCount++;
      if (this.lastDate) this.dateCount++;
      return;
    }
    this.lastRaw = raw;
    this.lastNumber = false;
    this.lastDate = false;
    const text = raw.trim();
    this.lastBlank = text === '';
    if (this.lastBlank) return;
    this.filled++;
    const key = text.length > this.limits.valueLength ? text.slice(0, this.limits.valueLength) : text;
    this.lastKey = key;
    // While the frequent-values counters hold every distinct value, they are the exact distinct set too:
    // most columns (codes, labels, years) never need a second structure.
    if (this.viaFrequent) {
      if (this.frequent.size < this.viaLimit || this.frequent.has(key)) {
        this.lastCounter = this.frequent.add(key);
        this.scanNumberAndDate(text);
        return;
      }
      this.viaFrequent = false;
      for (const k of this.frequent.keys()) this.exact.add(k.length <= SHORT_VALUE ? k : hash53(k));
    }
    if (this.exactOverflow) this.hll.add(hash53(key));
    else {
      const k = key.length <= SHORT_VALUE ? key : hash53(key);
      if (!this.exact.has(k)) this.exact.add(typeof k === 'string' ? ownString(k) : k);
      if (this.exact.size > this.limits.exactDistinct) {
        // The set holds every distinct value seen so far: the sketch starts from them, as if fed all along.
        for (const x of this.exact) this.hll.add(typeof x === 'number' ? x : hash53(x));
        this.exactOverflow = true;
        this.exact.clear();
        // A column where most values differ (amounts, identifiers) has no frequent values worth the churn
        // of counting them: the summary is kept as it is (its counts stay lower bounds).
        this.frozen = this.limits.exactDistinct > 0.5 * this.filled;
      }
    }
    if (!this.frozen) this.lastCounter = this.frequent.add(key);
    this.scanNumberAndDate(text);
  }

  private scanNumberAndDate(text: string): void {
    if (this.numbers) {
      const n = parseLooseNumber(text);
      if (n !== undefined) {
        this.numCount++;
        this.lastNumber = true;
        if (n < this.numMin) this.numMin = n;
        if (n > this.numMax) this.numMax = n;
      }
    }
    if (this.datesToo) {
      const d = parseLooseDate(text);
      if (d !== undefined) {
        if (this.dateCount === 0 || d < this.dateMin) this.dateMin = d;
        if (this.dateCount === 0 || d > this.dateMax) this.dateMax = d;
        this.dateCount++;
        this.lastDate = true;
      }
    }
  }

  profile(column: number, rows: number, hidden: boolean): ColumnProfile {
    // Without a field, a kind is claimed only when nine values in ten agree.
    const mostly = (n: number): boolean => n > 0 && n >= 0.9 * this.filled;
    let type = this.fieldType;
    if (type === undefined) {
      if (mostly(this.dateCount)) type = 'date';
      else if (mostly(this.numCount)) type = 'number';
      else type = 'string';
    }
    const distinctExact = !this.exactOverflow;
    const distinct = distinctExact
      ? this.viaFrequent
        ? this.frequent.size
        : this.exact.size
      : Math.max(this.limits.exactDistinct + 1, this.hll.estimate());
    const p: ColumnProfile = {
      column: column + 1,
      label: this.label,
      type,
      rows,
      filled: this.filled,
      fillRate: rows === 0 ? 0 : Math.round((this.filled / rows) * 10000) / 10000,
      distinct,
      distinctExact,
      topExact: this.frequent.exact && !this.frozen,
    };
    if (this.field !== undefined) p.field = this.field;
    if (this.numCount > 0 && (NUMBER_TYPES.has(type) || mostly(this.numCount))) {
      p.numbers = { count: this.numCount, min: this.numMin, max: this.numMax };
    }
    if (this.dateCount > 0 && !hidden && (DATE_TYPES.has(type) || mostly(this.dateCount))) {
      p.dates = { count: this.dateCount, min: this.dateMin, max: this.dateMax };
    }
    if (hidden) {
      p.hidden = true;
      delete p.numbers;
    } else {
      // A value seen once says nothing about the column unless the column has few values.
      const top = this.frequent.top(this.limits.topValues);
      p.top = distinct <= this.limits.topValues ? top : top.filter((v) => v.count > 1);
    }
    return p;
  }
}

/**
 * Create a column profiler for a table. Memory per column is bounded by the limits (about 4 KiB of
 * HyperLogLog registers, at most `exactDistinct` hashes and `frequentCapacity` values), whatever the size.
 */
export function createProfiler(ctx: ProfileContext, limits: ProfileLimits = {}): Profiler {
  const l: Required<ProfileLimits> = {
    exactDistinct: limits.exactDistinct ?? 10_000,
    frequentCapacity: limits.frequentCapacity ?? 1000,
    topValues: limits.topValues ?? 10,
    valueLength: limits.valueLength ?? 200,
  };
  const byColumn = new Map<number, { name: string; type?: string }>();
  if (ctx.mapping && ctx.schema) {
    for (const m of ctx.mapping.fields) {
      if (m.column === undefined) continue;
      const field = ctx.schema.fields[m.fieldIndex];
      if (field)
        byColumn.set(m.column, { name: field.name, type: field.type ? String(field.type) : 'string' });
    }
  }
  const columns = ctx.labels.map(
    (label, i) => new ColumnState(label, byColumn.get(i)?.name, byColumn.get(i)?.type, l),
  );
  const n = columns.length;
  let rows = 0;
  const observer: RowObserver = {
    row(cells: readonly string[]): void {
      rows++;
      const k = cells.length < n ? cells.length : n;
      for (let i = 0; i < k; i++) columns[i]!.add(cells[i]!);
    },
    end(): Finding[] {
      return [];
    },
  };
  return {
    observer,
    result: (hide) => columns.map((c, i) => c.profile(i, rows, hide?.(i) ?? false)),
  };
}
