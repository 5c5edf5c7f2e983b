// Column profile, computed in the validation pass: fill rate, distinct values, range, frequent values.
import type { Finding } from '../findings/types.js';
import type { ColumnProfile } from '../report/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { Field, TableSchema } from '../schema/types.js';
import type { CellResult } from '../fields/types.js';
import type { CastObserver } from '../checks/types.js';
import { HASH_PARTS, hash53Parts, hash53PartsAt, number53Parts } from '../checks/hash.js';
import { FrequentValues, ownString, type ValueCounter } from './frequent.js';
import { HashSet53 } from './hash-set.js';
import { HyperLogLog } from './hyperloglog.js';
import { IdBudget, ValueRecorder, type ValueStream } from './value-stream.js';
import { fastDecimal, fastDecimalAt, plainDecimalAt } from '../text/decimal.js';
import { maySpace } from '../text/spaces.js';

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

/** What one column of a chunk counted, for the merge in row order (see ColumnState.absorb): plain data. */
export interface ColumnChunk {
  filled: number;
  numCount: number;
  numMin: number;
  numMax: number;
  dateCount: number;
  dateMin: string;
  dateMax: string;
  /** HyperLogLog registers. */
  registers: Uint8Array;
  values: ValueStream;
  /** The chunk's own `filled` when its exact distinct count overflowed (0 if it did not), and if it froze. */
  overflowAt: number;
  frozen: boolean;
  /** The chunk started frozen: it counted only what a frozen column counts (see createProfiler). */
  skipped: boolean;
}

/** What the profile of a chunk of rows holds for the merge (see mergeProfiles). */
export interface ProfileChunk {
  rows: number;
  columns: ColumnChunk[];
}

/** A profiler: the observer to pass to the validation run, and the profile once the run is over. */
export interface Profiler {
  /** A row observer; the validation loop also gives it the cells it casts as it casts them (CastObserver). */
  observer: CastObserver;
  /**
   * The profile of every input column. `hide(column)` (0-based) withholds a column's values (top values,
   * min/max of text-like dates stay as counts only), for columns the personal-data guard flagged.
   */
  result(hide?: (column: number) => boolean): ColumnProfile[];
  /** What a chunk's profiler (made with `record`) counted, for mergeProfiles. */
  chunk(): ProfileChunk;
}

/** The cells of a row read one by one (the validation loop's row view), as the observer contract gives them. */
type RowCells = Parameters<CastObserver['rest']>[0];

const NUMBER_TYPES = new Set(['number', 'integer', 'year']);
const DATE_TYPES = new Set(['date', 'datetime']);
const SPACES = /[\s\u00a0\u202f]/g;
const NUMBER_RE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
/**
 * True when a number cast from its own canonical text `raw` is a plain decimal (no exponent: a number
 * cast keeps the source digits, and `1e41` or `1e-45` stay as written): the text counted() would read
 * with fastDecimal, so both paths hash the same value.
 */
function plainlyWritten(raw: string, n: number): boolean {
  return Number.isFinite(n) && raw.indexOf('e') < 0 && raw.indexOf('E') < 0;
}
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const FR_DATE_RE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
/** Sets of the cache of recent cells (see ColumnState.add), two cells each: a power of two. */
const CACHE_SETS = 32;
/** Cells per trial of a column's cache of recent cells: dropped when half of them miss it. */
const CACHE_TRIAL = 4096;
/**
 * Cells of a column's first trial: a column of mostly different values (amounts, identifiers) drops
 * the cache after 513 misses rather than 2049, past which the cache only costs it. On random columns
 * of 20 to 200 values, the same columns keep the cache as with full trials only (1024 is the shortest
 * first trial for which this held; 768 dropped it from a column of 40 values).
 */
const CACHE_FIRST_TRIAL = 1024;
/** What a remembered cell was. */
const BLANK = 1;
const NUMBER = 2;
const DATE = 4;
/** The cell was accepted in place by the in-place test its cast was given (see ColumnState.cast). */
const ACCEPTED = 8;

/** The cell `text[start, end)` as a string (the text itself when the cell is the whole of it). */
function cellText(text: string, start: number, end: number): string {
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * True when `kept` is the cell `text[start, start + len)`. From 13 characters on, the slice is a
 * SlicedString, which V8's StringEqual builtin does not read (it compares sequential strings and
 * unwraps thin ones): it calls the runtime (String::SlowEquals). Measured on Node 20, this is still
 * the cheapest way to compare a cell in place with a kept text: comparing 12-character slices (flat
 * copies) one by one costs more instructions, and so do a charCodeAt loop, startsWith, and a Map or
 * an object keyed by the cell.
 */
function sameAt(kept: string, text: string, start: number, len: number): boolean {
  return kept.length === len && text.slice(start, start + len) === kept;
}

/**
 * A copy of `s` with storage of its own, as one flat string (see ownString, whose copy of a long text
 * is a slice of a new string): the cache of recent cells compares its texts with the cells, and a flat
 * text compares faster than a slice.
 */
function flatCopy(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

/**
 * The cast of a cell as the cache of recent cells keeps it: over `own`, the cache's copy of the cell,
 * rather than the cell (a slice of a decoded chunk of the file, which it would keep alive), or
 * undefined when it cannot be kept so (an error, whose params may hold parts of the cell, or a text
 * derived from the cell): the cell is then cast again when it repeats.
 */
function keptResult(r: CellResult, raw: string, own: string): CellResult | undefined {
  if (r.kind !== 'ok') return r.kind === 'missing' ? r : undefined;
  const value = r.value === raw ? own : r.value;
  const canonical = r.canonical === raw ? own : r.canonical;
  // V8 copies texts shorter than 13 characters rather than slicing them: those are kept. Parsed JSON
  // values may be made of slices of the cell: not kept.
  if (typeof value === 'string' ? value !== own && value.length >= 13 : typeof value === 'object')
    return undefined;
  if (canonical !== own && canonical.length >= 13) return undefined;
  // A short cell is a copy: the result may be kept as it is. Otherwise it is rebuilt over `own` (`===`
  // compares texts by their characters: it cannot tell the cell from its copy).
  if (raw.length < 13) return r;
  return r.unchecked === undefined
    ? { kind: 'ok', value, canonical }
    : { kind: 'ok', value, canonical, unchecked: r.unchecked };
}

/**
 * True for a number or integer field read with the defaults (decimal point, no group char, bare
 * numbers): then a finite number cast from a cell that is its own canonical text is what fastDecimal
 * reads from the cell (the casts read such cells with it), and the profile may take it from the cast.
 */
function plainNumeric(field: Field, type: string | undefined): boolean {
  if (type !== 'number' && type !== 'integer') return false;
  const decimal = typeof field.decimalChar === 'string' && field.decimalChar !== '' ? field.decimalChar : '.';
  const group = typeof field.groupChar === 'string' ? field.groupChar : '';
  return (type === 'integer' || decimal === '.') && group === '' && field.bareNumber !== false;
}

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
   * Distinct values by their 53-bit hash, once there are more than the frequent-values counters can
   * hold (they serve as the exact set until then); dropped for the sketch past `exactDistinct`.
   */
  private distinctSet: HashSet53 | undefined;
  exactOverflow = false;
  readonly hll = new HyperLogLog();
  /** The frequent-values summary (one reading), or the recorder of a chunk's values (see chunk). */
  readonly frequent: ValueCounter;
  /** `filled` when the exact distinct count overflowed (0 before). */
  private overflowAt = 0;
  /** True when the column started frozen (see skip). */
  private skipped = false;
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
  private lastHi = 0;
  private lastLo = 0;
  private lastNumber = false;
  private lastDate = false;
  /** The frequent-values slot of the last cell's value and its epoch, when it was counted (else -1). */
  private lastSlot = -1;
  private lastEpoch = 0;
  /**
   * The cache of recent cells (see add), two ways per set, way 0 the most recent: the cell, what it
   * was, its value (trimmed, cut to valueLength), the value's hash halves, slot and epoch.
   */
  private cached = true;
  /** Cells of the current trial of the cache: the first trial is shorter (see CACHE_FIRST_TRIAL). */
  private trial: number;
  private cacheSeen = 0;
  private cacheMisses = 0;
  private readonly cacheRaw: string[] = new Array<string>(2 * CACHE_SETS).fill('');
  private readonly cacheKind = new Uint8Array(2 * CACHE_SETS);
  private readonly cacheKey: string[] = new Array<string>(2 * CACHE_SETS).fill('');
  private readonly cacheHi = new Int32Array(2 * CACHE_SETS);
  private readonly cacheLo = new Int32Array(2 * CACHE_SETS);
  private readonly cacheSlot = new Int32Array(2 * CACHE_SETS);
  private readonly cacheEpoch = new Int32Array(2 * CACHE_SETS);
  /** The cast of the cell by its field, remembered for the validation loop (see cast). */
  private readonly cacheResult: (CellResult | undefined)[] = new Array<CellResult | undefined>(
    2 * CACHE_SETS,
  ).fill(undefined);
  /** True once frequent values are no longer counted (a column of mostly distinct values). */
  private frozen = false;
  /** True while the frequent-values counters also serve as the exact distinct set (see counted). */
  private viaFrequent = true;
  private readonly viaLimit: number;
  private readonly numbers: boolean;
  private readonly datesToo: boolean;
  /** True for a number or integer field: its plain decimals are counted in the sketch by value (see counted). */
  private readonly byValue: boolean;
  /** True when the cast of a cell written as its own canonical text gives its number (see plainNumeric). */
  private readonly castNumbers: boolean;

  constructor(
    readonly label: string,
    readonly field: Field | undefined,
    readonly fieldType: string | undefined,
    private readonly limits: Required<ProfileLimits>,
    record?: IdBudget,
    /** Cells per trial of the cache of recent cells (see warmUp: a throwaway column's are shorter). */
    private readonly fullTrial = CACHE_TRIAL,
    firstTrial = CACHE_FIRST_TRIAL,
  ) {
    this.trial = firstTrial;
    // Once the summary is full, more distinct values were seen than it shows (see profile): values
    // counted once are not shown then, and their counters need no text.
    this.frequent = record
      ? new ValueRecorder(limits.exactDistinct + 1, record)
      : new FrequentValues(limits.frequentCapacity, limits.frequentCapacity >= limits.topValues);
    this.viaLimit = Math.min(limits.frequentCapacity, limits.exactDistinct);
    this.numbers = fieldType === undefined || NUMBER_TYPES.has(fieldType);
    this.datesToo = fieldType === undefined || DATE_TYPES.has(fieldType);
    this.byValue = fieldType === 'number' || fieldType === 'integer';
    this.castNumbers = field !== undefined && plainNumeric(field, fieldType);
  }

  /**
   * Count the cell `text[start, end)`, read in place. Columns mostly repeat a few values (a year, a
   * code, a label): a small cache of recent cells, picked by length and three characters, recognises a
   * repeat with one or two comparisons, without hashing the text, and counts it exactly as the full path
   * below would (a repeat changes no distinct count, range or sketch: only the counts). The cache is
   * dropped for columns where it mostly misses. The cell is made a string only when the cache misses
   * (to keep a copy of it) or when it is counted the long way.
   */
  add(text: string, start: number, end: number): void {
    const len = end - start;
    if (len === 0) return;
    if (!this.cached) {
      this.countedAt(text, start, end);
      return;
    }
    const i = this.find(text, start, len);
    if (i >= 0) this.repeat(i);
    else this.miss(cellText(text, start, end), -1 - i, undefined, false);
  }

  /**
   * Cast the cell `text[start, end)` with `evaluate` (its field's plan) and count it. A cell the cache
   * of recent cells holds is recognised once for both: its count goes up and its cast is the one
   * remembered with it, as a field's plan gives the same result for the same text. Returns the cast; or
   * undefined when `acceptsAt` (the plan's in-place test, given when nobody reads a valid cell's text
   * or value) accepts the cell, or accepted it when the cache took it in: the cell is then valid as
   * written, and neither its text nor its cast is made.
   */
  cast(
    text: string,
    start: number,
    end: number,
    evaluate: (text: string) => CellResult,
    acceptsAt?: (text: string, start: number, end: number) => boolean,
  ): CellResult | undefined {
    const len = end - start;
    if (len === 0) return evaluate('');
    if (!this.cached) {
      if (acceptsAt === plainDecimalAt && this.frozen && this.byValue) {
        // A column of amounts (mostly distinct, past the exact count) of a plain number field: the test
        // accepts exactly the cells fastDecimalAt reads, which are not to be trimmed (see countedAt),
        // so one reading both accepts and counts the cell.
        const n = fastDecimalAt(text, start, end);
        if (n !== undefined) {
          if (Number.isFinite(n)) this.countedNumber(n);
          else this.counted(cellText(text, start, end));
          return undefined;
        }
      }
      if (acceptsAt !== undefined && acceptsAt(text, start, end)) {
        this.countedAt(text, start, end);
        return undefined;
      }
      const raw = cellText(text, start, end);
      const r = evaluate(raw);
      // A column of amounts (mostly distinct, past the exact count): the cast already read the number.
      if (
        this.frozen &&
        this.castNumbers &&
        r.kind === 'ok' &&
        typeof r.value === 'number' &&
        r.canonical === raw &&
        plainlyWritten(raw, r.value)
      )
        this.countedNumber(r.value);
      else this.counted(raw);
      return r;
    }
    const i = this.find(text, start, len);
    if (i >= 0) {
      this.repeat(i);
      if (acceptsAt !== undefined && (this.cacheKind[i]! & ACCEPTED) !== 0) return undefined;
      const known = this.cacheResult[i];
      if (known !== undefined) return known;
      const raw = cellText(text, start, end);
      const r = evaluate(raw);
      this.cacheResult[i] = keptResult(r, raw, this.cacheRaw[i]!);
      return r;
    }
    const raw = cellText(text, start, end);
    if (acceptsAt !== undefined && acceptsAt(text, start, end)) {
      this.miss(raw, -1 - i, undefined, true);
      return undefined;
    }
    const r = evaluate(raw);
    this.miss(raw, -1 - i, r, false);
    return r;
  }

  /**
   * The cache entry holding the cell `text[start, start + len)` (not empty), compared in place, else
   * -1 - the entry a miss fills (way 0 of its set).
   */
  private find(text: string, start: number, len: number): number {
    if (++this.cacheSeen === this.trial) {
      this.cacheSeen = this.cacheMisses = 0;
      this.trial = this.fullTrial;
    }
    const mix = Math.imul(
      len ^
        (text.charCodeAt(start) << 6) ^
        (text.charCodeAt(start + (len >> 1)) << 13) ^
        (text.charCodeAt(start + len - 1) << 20),
      0x9e3779b1,
    );
    const i = (mix >>> 27) << 1;
    if (sameAt(this.cacheRaw[i]!, text, start, len)) return i;
    if (sameAt(this.cacheRaw[i + 1]!, text, start, len)) return i + 1;
    return -1 - i;
  }

  /** Count once more the cell of cache entry `i`. */
  private repeat(i: number): void {
    const kind = this.cacheKind[i]!;
    if (kind & BLANK) return;
    this.filled++;
    if (!this.frozen) {
      const f = this.frequent;
      const slot = this.cacheSlot[i]!;
      if (slot >= 0 && this.cacheEpoch[i] === f.epoch) f.bump(slot, this.cacheKey[i]!);
      else {
        this.cacheSlot[i] = f.count(this.cacheHi[i]!, this.cacheLo[i]!, this.cacheKey[i]!);
        this.cacheEpoch[i] = f.epoch;
      }
    }
    if (kind & NUMBER) this.numCount++;
    if (kind & DATE) this.dateCount++;
  }

  /**
   * Count a cell the cache does not hold, then remember it (and its cast `r`, if any) in way 0 of set
   * `i`; way 0 moves to way 1.
   */
  private miss(raw: string, i: number, r: CellResult | undefined, accepted: boolean): void {
    this.countText(raw);
    const j = i + 1;
    this.cacheRaw[j] = this.cacheRaw[i]!;
    this.cacheKind[j] = this.cacheKind[i]!;
    this.cacheKey[j] = this.cacheKey[i]!;
    this.cacheHi[j] = this.cacheHi[i]!;
    this.cacheLo[j] = this.cacheLo[i]!;
    this.cacheSlot[j] = this.cacheSlot[i]!;
    this.cacheEpoch[j] = this.cacheEpoch[i]!;
    this.cacheResult[j] = this.cacheResult[i];
    // The cache keeps copies: a cell may be a slice of a large decoded chunk it would keep alive.
    const own = flatCopy(raw);
    this.cacheRaw[i] = own;
    this.cacheResult[i] = r === undefined ? undefined : keptResult(r, raw, own);
    if (this.lastBlank) {
      this.cacheKind[i] = BLANK;
      this.cacheKey[i] = '';
    } else {
      this.cacheKind[i] =
        (this.lastNumber ? NUMBER : 0) | (this.lastDate ? DATE : 0) | (accepted ? ACCEPTED : 0);
      this.cacheKey[i] = this.lastKey === raw ? own : ownString(this.lastKey);
    }
    // The last cell is remembered by the cache's copies, not by the cell (see counted).
    this.lastRaw = own;
    this.lastKey = this.cacheKey[i]!;
    this.cacheHi[i] = this.lastHi;
    this.cacheLo[i] = this.lastLo;
    this.cacheSlot[i] = this.lastSlot;
    this.cacheEpoch[i] = this.lastEpoch;
    if (++this.cacheMisses > this.trial >> 1) {
      // Half the cells of a trial missed the cache: a column of mostly different values.
      this.cached = false;
      this.cacheRaw.fill('');
      this.cacheKey.fill('');
      this.cacheResult.fill(undefined);
    }
  }

  /** Count the value of the last cell once more in the frequent values. */
  private countLast(): void {
    const f = this.frequent;
    if (this.lastSlot >= 0 && this.lastEpoch === f.epoch) f.bump(this.lastSlot, this.lastKey);
    else {
      this.lastSlot = f.count(this.lastHi, this.lastLo, this.lastKey);
      this.lastEpoch = f.epoch;
    }
  }

  /**
   * Count the cell `text[start, end)` (not empty) the long way, as counted would count its text: read in
   * place when it has nothing to trim (see countedInPlace).
   */
  private countedAt(text: string, start: number, end: number): void {
    if (maySpace(text.charCodeAt(start)) || maySpace(text.charCodeAt(end - 1)))
      this.counted(cellText(text, start, end));
    else this.countedInPlace(text, start, end);
  }

  /**
   * Count the cell `text[start, end)`, not empty and with nothing to trim, as countText counts it,
   * reading it in place: its hash, number and key come from the text, and the cell is made a string only
   * when a counter keeps its value or a loose number or date is to be read. It is not compared with the
   * last cell: counted again the long way, a repeat changes what the repeat path changes (the sketch,
   * the exact set and the range take a value once; the counts go up by one), so the check only saves
   * work, and a column past its cache (mostly distinct values) seldom repeats its last cell. A frozen
   * numeric column (amounts: mostly distinct, past the exact count) counts a plain decimal as its value.
   */
  private countedInPlace(text: string, start: number, end: number): void {
    // The next cell cannot be taken for a repeat of an older one: countText compares it with lastRaw.
    this.lastRaw = '';
    this.lastKey = '';
    this.lastBlank = false;
    this.lastNumber = false;
    this.lastDate = false;
    this.lastSlot = -1;
    this.filled++;
    let plain: number | undefined;
    if (this.byValue) {
      plain = fastDecimalAt(text, start, end);
      if (plain !== undefined && Number.isFinite(plain)) {
        number53Parts(plain);
        this.hll.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
        if (this.frozen) {
          this.countedValue(plain);
          return;
        }
      } else plain = undefined;
    }
    const keyEnd = end - start > this.limits.valueLength ? start + this.limits.valueLength : end;
    hash53PartsAt(text, start, keyEnd);
    this.hashed(plain);
    if (!this.frozen) {
      this.lastSlot = this.frequent.countAt(this.lastHi, this.lastLo, text, start, keyEnd);
      this.lastEpoch = this.frequent.epoch;
    }
    // A plain decimal is a number field's (byValue), never a date's: no text to read then.
    if (plain !== undefined) this.countedValue(plain);
    else if (this.numbers || this.datesToo) this.scanNumberAndDate(cellText(text, start, end), undefined);
  }

  /**
   * Count a cell of a frozen column written as its own canonical number `n` (see cast): what counted
   * would do with it, read from the cast rather than from the text (no spaces to trim, and fastDecimal
   * would read `n`). The sketch, the count and the range are all a frozen number changes.
   */
  private countedNumber(n: number): void {
    // The next cell cannot be taken for a repeat of an older one: counted compares it with lastRaw.
    this.lastRaw = '';
    this.filled++;
    number53Parts(n);
    this.hll.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
    this.numCount++;
    if (n < this.numMin) this.numMin = n;
    if (n > this.numMax) this.numMax = n;
  }

  /**
   * Count one cell the long way (see countText). A long cell is a slice of the text it was read from:
   * it is not remembered (its value neither), so as not to keep that text alive.
   */
  private counted(raw: string): void {
    this.countText(raw);
    if (this.lastRaw === '') this.lastKey = '';
  }

  /** Count one cell the long way; what it was is left in the `last…` fields. */
  private countText(raw: string): void {
    // Most cells are slices of a decoded chunk, and === on slices of equal length is a runtime call:
    // the length and the last character tell most different cells apart first.
    const last = this.lastRaw;
    const len = raw.length;
    if (len === last.length && raw.charCodeAt(len - 1) === last.charCodeAt(len - 1) && raw === last) {
      if (this.lastBlank) return;
      this.filled++;
      if (!this.frozen) this.countLast();
      if (this.lastNumber) this.numCount++;
      if (this.lastDate) this.dateCount++;
      return;
    }
    // Remembered for the next cell when V8 copied it (a short text): a longer one is a slice of the
    // text it was read from, which it would keep alive (a cell the cache keeps is remembered by miss).
    this.lastRaw = raw.length < 13 ? raw : '';
    this.lastNumber = false;
    this.lastDate = false;
    this.lastSlot = -1;
    const text = maySpace(raw.charCodeAt(0)) || maySpace(raw.charCodeAt(len - 1)) ? raw.trim() : raw;
    this.lastBlank = text === '';
    if (this.lastBlank) return;
    this.filled++;
    // The sketch counts the plain decimals of a number or integer field by their value (the hash of a
    // double is cheaper than the hash of its text, and `1.5` and `1.50` are one number), the other
    // cells by their text. It is fed from the first cell, so it is ready when the exact set overflows;
    // past that point, in a column of mostly distinct values, a number needs nothing else.
    let plain: number | undefined;
    if (this.byValue) {
      plain = fastDecimal(text);
      if (plain !== undefined && Number.isFinite(plain)) {
        number53Parts(plain);
        this.hll.addParts(HASH_PARTS[0]!, HASH_PARTS[1]!);
        if (this.frozen) {
          this.scanNumberAndDate(text, plain);
          return;
        }
      } else plain = undefined;
    }
    const key = text.length > this.limits.valueLength ? text.slice(0, this.limits.valueLength) : text;
    this.lastKey = key;
    hash53Parts(key);
    this.hashed(plain);
    if (!this.frozen) this.countLast();
    this.scanNumberAndDate(text, plain);
  }

  /**
   * Count the value whose key was just hashed into HASH_PARTS (countText and countedInPlace hash the
   * same key): its halves become the last cell's, the sketch takes them unless the cell was counted by
   * its value (`plain`, see countText), and so does the exact distinct count.
   */
  private hashed(plain: number | undefined): void {
    const hi = HASH_PARTS[0]!;
    const lo = HASH_PARTS[1]!;
    this.lastHi = hi;
    this.lastLo = lo;
    if (plain === undefined) this.hll.addParts(hi, lo);
    this.distinct(hi, lo);
  }

  /**
   * Take the value of hash halves (hi, lo) into the exact distinct count, and freeze the column when
   * that count overflows into a column of mostly distinct values. While viaFrequent, the column is not
   * frozen (only an overflow, past viaFrequent, or skip freezes it).
   */
  private distinct(hi: number, lo: number): void {
    // While the frequent-values counters hold every distinct value, they are the exact distinct set too:
    // most columns (codes, labels, years) never need a second structure.
    if (this.viaFrequent) {
      if (this.frequent.size < this.viaLimit || this.frequent.has(hi, lo)) return;
      this.viaFrequent = false;
      const set = (this.distinctSet = new HashSet53(this.limits.exactDistinct + 1));
      this.frequent.forEachHash((h, l) => set.add(h, l));
    }
    if (!this.exactOverflow) {
      const set = this.distinctSet!;
      set.add(hi, lo);
      if (set.size > this.limits.exactDistinct) {
        this.exactOverflow = true;
        this.overflowAt = this.filled;
        this.distinctSet = undefined;
        // A column where most values differ (amounts, identifiers) has no frequent values worth the churn
        // of counting them: the summary is kept as it is (its counts stay lower bounds).
        this.frozen = this.limits.exactDistinct > 0.5 * this.filled;
      }
    }
  }

  /** Count a cell read as the number `n`. */
  private countedValue(n: number): void {
    this.numCount++;
    this.lastNumber = true;
    if (n < this.numMin) this.numMin = n;
    if (n > this.numMax) this.numMax = n;
  }

  /** Count `text` as a number (`plain`, when known, is its reading) and as a date, as it reads. */
  private scanNumberAndDate(text: string, plain: number | undefined): void {
    if (this.numbers) {
      const n = plain ?? parseLooseNumber(text);
      if (n !== undefined) this.countedValue(n);
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

  private summary(): FrequentValues {
    if (!(this.frequent instanceof FrequentValues)) throw new Error('a chunk recorder has no profile');
    return this.frequent;
  }

  /** What this column of a chunk counted, for the merge (see absorb); the column records its values. */
  chunk(): ColumnChunk {
    if (!(this.frequent instanceof ValueRecorder)) throw new Error('the column does not record its values');
    return {
      filled: this.filled,
      numCount: this.numCount,
      numMin: this.numMin,
      numMax: this.numMax,
      dateCount: this.dateCount,
      dateMin: this.dateMin,
      dateMax: this.dateMax,
      registers: this.hll.registersCopy(),
      values: this.frequent.stream(),
      overflowAt: this.overflowAt,
      frozen: this.frozen,
      skipped: this.skipped,
    };
  }

  /**
   * Take in the next chunk's column, in row order, so as to become the column one reading of the chunks
   * would have counted: counts, ranges and HyperLogLog registers add up; the distinct values are
   * united; the frequent values are replayed in row order from the chunk's recording into this column's
   * summary where the order matters (once there were more distinct values than counters), with the
   * exact count's overflow and freeze at the same value as one reading. False when the recording stops
   * before the point the replay needs (a column of many values whose summary is not frozen, or a chunk
   * whose budget of ids ran out where the replay needs them): the caller then reads the file at once.
   */
  absorb(c: ColumnChunk): boolean {
    const limit = this.limits.exactDistinct;
    const summary = this.summary();
    if (!this.exactOverflow) this.distinctSet ??= new HashSet53();
    const distinct = this.distinctSet;
    this.viaFrequent = false;
    const before = this.filled;
    this.hll.merge(c.registers);
    this.filled += c.filled;
    this.numCount += c.numCount;
    if (c.numMin < this.numMin) this.numMin = c.numMin;
    if (c.numMax > this.numMax) this.numMax = c.numMax;
    if (c.dateCount > 0) {
      if (this.dateCount === 0 || c.dateMin < this.dateMin) this.dateMin = c.dateMin;
      if (this.dateCount === 0 || c.dateMax > this.dateMax) this.dateMax = c.dateMax;
      this.dateCount += c.dateCount;
    }
    if (this.frozen) return true;
    // A chunk told the column was frozen before it counted nothing but the above.
    if (c.skipped) return false;
    const v = c.values;
    const n = v.texts.length;
    const whole = !this.exactOverflow && !v.truncated && c.overflowAt === 0;
    let unseen = 0;
    if (whole)
      for (let i = 0; i < n; i++) if (!distinct!.has(v.hashes[2 * i]!, v.hashes[2 * i + 1]!)) unseen++;
    if (whole && distinct!.size + unseen <= Math.min(limit, this.limits.frequentCapacity)) {
      // Every value still fits the counters: no counter went down, the counts add up.
      for (let i = 0; i < n; i++) {
        const hi = v.hashes[2 * i]!;
        const lo = v.hashes[2 * i + 1]!;
        distinct!.add(hi, lo);
        summary.countTimes(hi, lo, v.texts[i]!, v.counts[i]!);
      }
      return true;
    }
    const ids = v.ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const hi = v.hashes[2 * id]!;
      const lo = v.hashes[2 * id + 1]!;
      if (!this.exactOverflow && distinct!.add(hi, lo) && distinct!.size > limit) {
        this.overflow(before + i + 1);
        if (this.frozen) return true;
      }
      summary.count(hi, lo, v.texts[id]!);
    }
    if (ids.length === c.filled) return true;
    // The chunk's recording stopped: at its own overflow, frozen there (its ids end just before that
    // value, which every reading finds new), past its capacity, or where its budget of ids ran out.
    if (v.truncated || !c.frozen || ids.length !== c.overflowAt - 1) return false;
    if (!this.exactOverflow) this.overflow(before + c.overflowAt);
    return this.frozen;
  }

  /** The exact distinct count overflowed at the `filled`-th value: freeze a column of mostly distinct values. */
  private overflow(filled: number): void {
    this.exactOverflow = true;
    this.overflowAt = filled;
    this.distinctSet = undefined;
    this.frozen = this.limits.exactDistinct > 0.5 * filled;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** Start frozen, as a column the merge found frozen before this chunk (see createProfiler). */
  skip(): void {
    this.exactOverflow = true;
    this.frozen = true;
    this.viaFrequent = false;
    this.skipped = true;
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
        : this.distinctSet!.size
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
      topExact: this.summary().exact && !this.frozen,
    };
    if (this.field !== undefined) p.field = this.field.name;
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
      const top = this.summary().top(this.limits.topValues);
      p.top = distinct <= this.limits.topValues ? top : top.filter((v) => v.count > 1);
    }
    return p;
  }
}

/** True once warmUp ran (in this thread). */
let warmed = false;

/**
 * Run three throwaway columns with tiny limits through every state a column goes through (cache of
 * recent cells dropped, counters full and decremented, exact distinct count overflowed, column frozen
 * or not), by both `add` and `cast` with in-place tests of more than one function, once per thread
 * before the first profile. Why: V8 optimises the column's methods after the first rows, when only the
 * first state's paths have run; a path a column starts taking thousands of rows later has no type
 * feedback then, and reaching it deoptimises the hot method it was inlined in, which is compiled again
 * (on a budget file, `cast` six times, `countText` four). With feedback for every path from the start,
 * they are compiled once. The throwaway columns share nothing with the real ones (their own counters
 * and cache): no profile changes.
 */
function warmUp(): void {
  if (warmed) return;
  warmed = true;
  const limits: Required<ProfileLimits> = {
    exactDistinct: 6,
    frequentCapacity: 4,
    topValues: 2,
    valueLength: 16,
  };
  const cells: string[] = ['7', '7', ' 7 ', '', '7', 'label of some length', 'label of some length'];
  cells.push('2024-01-02', '03/04/2024', '1 234,5', 'x', '1e999', 'text longer than the value length');
  for (let i = 0; i < 24; i++) cells.push(String(1000 + i * 7) + '.25');
  // A frozen column's range still moves: a new least and a new greatest number.
  cells.push('3', '99999.5');
  for (let i = 0; i < 4; i++) cells.push('7', ' 8', 'x');
  // A column whose cache is dropped before its exact count overflows, so that it is not frozen: it
  // counts a repeat of the last cell, goes through two decrement passes of its counters, and counts
  // again a value whose counter lost its text (see FrequentValues).
  const spread: string[] = [];
  for (let i = 0; i < 12; i++) spread.push('7');
  spread.push('a', 'b', 'c', 'd', 'e', 'a', 'b', 'e', 'e', 'c', 'd', 'a', 'e', 'e');
  spread.push('g', 'h', 'i', 'j', 'k', 'h', 'h', 'k', '7', '7');
  const evaluate = (cell: string): CellResult => {
    const n = fastDecimal(cell);
    if (cell === '') return { kind: 'missing' };
    return n === undefined
      ? { kind: 'error', code: 'type-error', params: {} }
      : { kind: 'ok', value: n, canonical: cell };
  };
  // In-place tests differ by column (a plan's, a check's): the call is not to be bound to one of them.
  const tests = [plainDecimalAt, undefined, (t: string, s: number, e: number) => e - s < 3];
  const field: Field = { name: 'n', type: 'number' };
  for (const byCast of [false, true]) {
    const columns: [ColumnState, string[]][] = [
      [new ColumnState('n', field, 'number', limits, undefined, 8, 8), cells],
      [new ColumnState('t', undefined, undefined, limits, undefined, 8, 8), cells],
      [new ColumnState('u', undefined, undefined, limits, undefined, 8, 8), spread],
    ];
    for (const [c, list] of columns) {
      const text = list.join(';');
      for (let round = 0; round < 3; round++) {
        let start = 0;
        for (const cell of list) {
          const end = start + cell.length;
          if (!byCast) c.add(text, start, end);
          else c.cast(text, start, end, evaluate, tests[round]);
          start = end + 1;
        }
      }
    }
  }
}

/**
 * Create a column profiler for a table. Memory per column is bounded by the limits, whatever the size:
 * 4 KiB of HyperLogLog registers, `frequentCapacity` counters with their values (cut to `valueLength`),
 * and, while a column has more distinct values than counters, a set of at most `exactDistinct` hashes
 * (8 bytes a slot, twice as many slots: 256 KiB at the default).
 *
 * With `chunk`, the profiler counts a chunk of a file for mergeProfiles: `frozen` are the columns the
 * chunks before it froze, and `ids` the values' ids its columns may hold at once for the merge's replay
 * (see IdBudget; unbounded without it).
 */
export function createProfiler(
  ctx: ProfileContext,
  limits: ProfileLimits = {},
  chunk?: { frozen?: readonly number[]; ids?: number },
): Profiler {
  warmUp();
  const columns = columnStates(ctx, limits, chunk && (chunk.ids ?? Infinity));
  for (const i of chunk?.frozen ?? []) columns[i]?.skip();
  const n = columns.length;
  let rows = 0;
  /** The columns whose cells come through `cast`, and the others, in order. */
  const taken = new Uint8Array(n);
  let others = columns.map((_, i) => i);
  const observer: CastObserver = {
    row(cells: readonly string[]): void {
      rows++;
      const k = cells.length < n ? cells.length : n;
      for (let i = 0; i < k; i++) {
        const cell = cells[i]!;
        columns[i]!.add(cell, 0, cell.length);
      }
    },
    rowCells(cells: RowCells): void {
      rows++;
      const k = cells.count < n ? cells.count : n;
      for (let i = 0; i < k; i++) columns[i]!.add(cells.source(i), cells.start(i), cells.end(i));
    },
    castColumns(wanted: readonly number[]): number[] {
      const took: number[] = [];
      for (const c of wanted) {
        if (c >= 0 && c < n && taken[c] === 0) {
          taken[c] = 1;
          took.push(c);
        }
      }
      others = others.filter((i) => taken[i] === 0);
      return took;
    },
    cast(
      column: number,
      text: string,
      start: number,
      end: number,
      evaluate: (text: string) => CellResult,
      acceptsAt?: (text: string, start: number, end: number) => boolean,
    ): CellResult | undefined {
      return columns[column]!.cast(text, start, end, evaluate, acceptsAt);
    },
    rest(cells: RowCells): void {
      rows++;
      const k = cells.count < n ? cells.count : n;
      for (let j = 0; j < others.length; j++) {
        const i = others[j]!;
        if (i >= k) break;
        columns[i]!.add(cells.source(i), cells.start(i), cells.end(i));
      }
    },
    end(): Finding[] {
      return [];
    },
  };
  return {
    observer,
    result: (hide) => columns.map((c, i) => c.profile(i, rows, hide?.(i) ?? false)),
    chunk: () => ({ rows, columns: columns.map((c) => c.chunk()) }),
  };
}

/**
 * One state per input column, with its field when the mapping gives one; with `ids`, the columns
 * record their values for the merge, holding at most that many ids at once (see IdBudget).
 */
function columnStates(ctx: ProfileContext, limits: ProfileLimits, ids?: number): ColumnState[] {
  const l: Required<ProfileLimits> = {
    exactDistinct: limits.exactDistinct ?? 10_000,
    frequentCapacity: limits.frequentCapacity ?? 1000,
    topValues: limits.topValues ?? 10,
    valueLength: limits.valueLength ?? 200,
  };
  const byColumn = new Map<number, { field: Field; type: string }>();
  if (ctx.mapping && ctx.schema) {
    for (const m of ctx.mapping.fields) {
      if (m.column === undefined) continue;
      const field = ctx.schema.fields[m.fieldIndex];
      if (field) byColumn.set(m.column, { field, type: field.type ? String(field.type) : 'string' });
    }
  }
  const budget =
    ids === undefined ? undefined : new IdBudget(ids, Math.min(l.frequentCapacity, l.exactDistinct));
  return ctx.labels.map(
    (label, i) => new ColumnState(label, byColumn.get(i)?.field, byColumn.get(i)?.type, l, budget),
  );
}

/**
 * The merge of chunks' profiles (made by profilers given `chunk`), taken in row order: the profile one
 * reading of their rows gives, byte for byte.
 */
export class ProfileMerge {
  private readonly columns: ColumnState[];
  private rows = 0;
  /** False once a column could not be rebuilt (see ColumnState.absorb): the file is to be read at once. */
  ok = true;

  constructor(ctx: ProfileContext, limits: ProfileLimits = {}) {
    this.columns = columnStates(ctx, limits);
  }

  /** Take in the next chunk; false when its columns cannot be rebuilt. */
  add(chunk: ProfileChunk): boolean {
    this.rows += chunk.rows;
    for (let i = 0; i < this.columns.length && this.ok; i++)
      this.ok = this.columns[i]!.absorb(chunk.columns[i]!);
    return this.ok;
  }

  /** The columns frozen so far: a later chunk need only count their cells (createProfiler's `frozen`). */
  frozen(): number[] {
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.isFrozen) out.push(i);
    });
    return out;
  }

  result(hide?: (column: number) => boolean): ColumnProfile[] {
    return this.columns.map((c, i) => c.profile(i, this.rows, hide?.(i) ?? false));
  }
}
