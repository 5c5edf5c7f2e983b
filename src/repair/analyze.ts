// Column analysis for normalize: decide, per column, which repairs the whole column agrees on.
import type { Field } from '../schema/types.js';
import type { RawRow, RowCells } from '../io/types.js';
import type { CellResult } from '../fields/types.js';
import type { UnacceptedList } from '../validate/types.js';
import { findDoubleEncoding } from '../io/encoding.js';
import { maySpace } from '../text/spaces.js';

/** What the analysis decided for one schema field (fed by one input column). */
export interface ColumnDecision {
  /** Number written the French way (`3,5`, `1 234,56`, `1.234,56`) may be rewritten `1234.56`. */
  frenchNumbers: boolean;
  /** The column mixes conventions or holds `1,234`-like values: numbers are left as they are. */
  ambiguousNumbers: boolean;
  /** Every filled cell is a spreadsheet serial date number: convert them. */
  serialDates: boolean;
  /** Some cells are serial numbers among real dates: not repaired, reported. */
  strayDates: boolean;
  /**
   * Some `a/b/yyyy` cell can only be month-first (`09/15/2020`): the column's `01/02/2020` could mean either,
   * so such dates are not rewritten day-first (`15/09/2020` still is: it reads only one way).
   */
  monthFirstDates: boolean;
  /** Every non-ASCII cell of the column is consistently double-encoded (`Ã©`): repair them. */
  doubleEncoded: boolean;
}

const SPACES = '[ \\u00a0\\u202f]';
// French writing: decimal comma, optional groups of three separated by a space kind or a dot.
const FR_NUMBER = new RegExp(`^[+-]?(?:\\d{1,3}(?:${SPACES}\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d+),\\d+$`);
const FR_GROUPED_INT = new RegExp(`^[+-]?\\d{1,3}(?:${SPACES}\\d{3})+$`);
// `1,234` or `1.234`: a comma or dot followed by exactly three digits reads both ways.
const AMBIGUOUS = /^[+-]?\d{1,3}[,.]\d{3}$/;
// English writing: comma groups with a dot decimal, or several comma groups.
const EN_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SPACE = /[ \u00a0\u202f]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// A spreadsheet serial day number between 1910 and 2100 (3653 .. 73051), optionally with `.0`.
const SERIAL = /^\d{4,5}(?:\.0+)?$/;
const SERIAL_MIN = 3653;
// `a/b/yyyy` (or `-`, `.`): day-first in France, month-first in US exports.
const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/;
const SERIAL_MAX = 73051;

interface Tally {
  fr: number;
  en: number;
  ambiguous: number;
  plain: number;
  serial: number;
  otherDate: number;
  monthFirst: number;
  mojibake: number;
  cleanNonAscii: number;
}

function isNumberType(t: string): boolean {
  return t === 'number' || t === 'integer';
}

function isDateType(t: string): boolean {
  return t === 'date' || t === 'datetime';
}

const NON_ASCII = /[^ -~\t\r\n]/;

function newTally(): Tally {
  return {
    fr: 0,
    en: 0,
    ambiguous: 0,
    plain: 0,
    serial: 0,
    otherDate: 0,
    monthFirst: 0,
    mojibake: 0,
    cleanNonAscii: 0,
  };
}

/** How a number cell is written, as the tally counts it: French, English, ambiguous, plain, or none. */
export type NumberWriting = 'fr' | 'en' | 'ambiguous' | 'plain' | undefined;

/** How one non-empty cell (trimmed) of a number column is written. */
export function numberWriting(text: string): NumberWriting {
  // Most cells are `[+-]digits[.digits]`: read in one scan, what the expressions below make of them.
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 43 || first === 45) i = 1;
  let int = 0;
  let frac = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (frac < 0) int++;
      else frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return writingOf(text);
  }
  if (frac < 0) return undefined;
  if (int >= 1 && int <= 3 && frac === 3) return 'ambiguous';
  return int + frac > 0 ? 'plain' : undefined;
}

function writingOf(text: string): NumberWriting {
  // Without a comma or a space only two readings remain: `1.234` (ambiguous) or a plain number.
  if (!text.includes(',') && !SPACE.test(text)) {
    if (AMBIGUOUS.test(text)) return 'ambiguous';
    if (text.includes('.') && PLAIN_NUMBER.test(text)) return 'plain';
    return undefined;
  }
  if (AMBIGUOUS.test(text)) return 'ambiguous';
  if (FR_NUMBER.test(text) || FR_GROUPED_INT.test(text)) return 'fr';
  if (EN_NUMBER.test(text)) return 'en';
  if (PLAIN_NUMBER.test(text) && text.includes('.')) return 'plain';
  return undefined;
}

/** One non-empty cell (trimmed) of a number column in the tally. */
function tallyNumber(t: Tally, text: string): void {
  const w = numberWriting(text);
  if (w !== undefined) t[w]++;
}

/** One non-empty cell (trimmed) of a date column in the tally. */
function tallyDate(t: Tally, text: string): void {
  if (SERIAL.test(text)) {
    const n = Number(text);
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) t.serial++;
    else t.otherDate++;
  } else {
    t.otherDate++;
    const m = DAY_MONTH.exec(text);
    if (m && Number(m[1]) <= 12 && Number(m[2]) > 12) t.monthFirst++;
  }
}

/**
 * True when no further cell can change what the tally decides: decisions only ask whether a count is
 * zero, so a column of numbers is settled once it is ambiguous, a column of dates once it has seen serial
 * numbers, other dates and a month-first date, and a column of text once it has a clean non-ASCII value.
 */
function settled(t: Tally, type: string): boolean {
  if (isNumberType(type))
    return (t.ambiguous > 0 && (t.fr > 0 || t.en > 0)) || (t.fr > 0 && (t.en > 0 || t.plain > 0));
  if (isDateType(type)) return t.serial > 0 && t.otherDate > 0 && t.monthFirst > 0;
  return type === 'string' && t.cleanNonAscii > 0;
}

/** What a column's tally decides. */
function decide(t: Tally): ColumnDecision {
  // A dot-decimal value (`1.5`) next to French writing means two conventions: leave the column alone.
  const mixed = t.fr > 0 && (t.en > 0 || t.plain > 0);
  return {
    frenchNumbers: t.fr > 0 && t.ambiguous === 0 && !mixed,
    ambiguousNumbers: (t.ambiguous > 0 && (t.fr > 0 || t.en > 0)) || mixed,
    serialDates: t.serial > 0 && t.otherDate === 0,
    strayDates: t.serial > 0 && t.otherDate > 0,
    monthFirstDates: t.monthFirst > 0,
    doubleEncoded: t.mojibake > 0 && t.cleanNonAscii === 0,
  };
}

/** A row's cast (schema field order): the text each field was evaluated as, and its result. */
export interface CastRow {
  cells: readonly string[];
  results: readonly (CellResult | undefined)[];
  /** The result of a cell accepted in place (valid as read, its text not made): see RowOutcome.accepted. */
  accepted?: CellResult;
}

/** True when the text is empty or may start or end with a space `trim` removes. */
function edgeSpace(text: string): boolean {
  const n = text.length;
  return n === 0 || maySpace(text.charCodeAt(0)) || maySpace(text.charCodeAt(n - 1));
}

/** edgeSpace of `text[start, end)`. */
function edgeSpaceAt(text: string, start: number, end: number): boolean {
  return start >= end || maySpace(text.charCodeAt(start)) || maySpace(text.charCodeAt(end - 1));
}

/** NON_ASCII.test of `text[start, end)`: some character outside printable ASCII, tab, CR and LF. */
function nonAsciiAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 126 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) return true;
  }
  return false;
}

/** A row's cast: feed it rows, ask it what it decides (at any time). */
export interface ColumnTally {
  /**
   * One row as read (cells of every input column), with its cast when the row has been cast (the
   * fields given with their `fieldIndex`): valid numbers are then classified without reading them when
   * they cannot change the decision.
   */
  add(cells: readonly string[], cast?: CastRow): void;
  /**
   * The same, the row's cells read in place: a cell is made a string only when it may count. A field's
   * cell accepted in place by the loop (its result `cast.accepted`) is valid as read. Given the row's
   * fields whose result is not `cast.accepted` (`unaccepted`), the fields whose cells accepted in place
   * count for nothing are looked at only when on that list.
   */
  addCells(cells: RowCells, cast?: CastRow, unaccepted?: UnacceptedList): void;
  /** The decision of each field (by name) over the rows added so far. */
  decisions(): Map<string, ColumnDecision>;
}

/**
 * What the tally may assume of the cells the loop accepts in place (their result `CastRow.accepted`):
 * the promises of the in-place tests (CellEvaluator.acceptsAt) of normalize's repair policy. A cell
 * such a promise covers is not read: addCells then costs a comparison for it.
 */
export interface InPlaceGuarantees {
  /**
   * True when every cell of schema field `fieldIndex` accepted in place holds printable ASCII only (a
   * code column whose in-place test asks for digits, say): such a cell counts for nothing in a text tally.
   */
  ascii(fieldIndex: number): boolean;
  /**
   * True when no cell of schema field `fieldIndex` accepted in place reads two ways (mayReadBothWaysAt is
   * false of it): in a number column whose valid cells are plain, such a cell counts for nothing once the
   * column has a plain number.
   */
  unambiguous(fieldIndex: number): boolean;
}

/**
 * False when the cell `text[start, end)` is not a number that reads two ways (`1.234`, `1,234`: what
 * numberWriting calls 'ambiguous' once the cell is trimmed): it has no space at either end and is not 5
 * to 8 characters long with a point or a comma 3 from the end.
 */
export function mayReadBothWaysAt(text: string, start: number, end: number): boolean {
  if (edgeSpaceAt(text, start, end)) return true;
  const n = end - start;
  if (n < 5 || n > 8) return false;
  const c = text.charCodeAt(end - 4);
  return c === 46 || c === 44;
}

/**
 * True when the valid cell `text[start, end)` of a plain-when-valid number column that has met a plain
 * number changes nothing in its tally: without an edge space it reads as plain, or as ambiguous
 * (mayReadBothWaysAt; no comma in such a column's valid cells), and an ambiguous one counts only until
 * the column has one.
 */
function addsNothing(t: Tally, text: string, start: number, end: number): boolean {
  return t.ambiguous > 0 ? !edgeSpaceAt(text, start, end) : !mayReadBothWaysAt(text, start, end);
}

/**
 * True when the cells of a text field accepted in place are one of its enum's texts, all printable
 * ASCII: the plan accepts in place only valid cells, and a valid text is one of the enum's.
 */
function asciiEnum(field: Field): boolean {
  const allowed = field.constraints?.enum;
  return Array.isArray(allowed) && allowed.every((t) => typeof t === 'string' && !NON_ASCII.test(t));
}

// How addCells reads the cells of an open field (see createColumnTally).
/** A date, or a number of another writing than plain. */
const OTHER = 0;
/** A number whose valid cells are plain (see plainWhenValid). */
const PLAIN_NUMBER_FIELD = 1;
/** The same, whose cells accepted in place never read two ways (InPlaceGuarantees.unambiguous). */
const UNAMBIGUOUS_IN_PLACE = 2;
/** Text: only a cell holding a character outside printable ASCII counts. */
const TEXT = 3;
/** Text whose cells accepted in place are printable ASCII (InPlaceGuarantees.ascii, asciiEnum). */
const ASCII_IN_PLACE = 4;

/**
 * A number field whose valid cells hold no comma and no inner space (`.` decimals, no group character):
 * such a cell reads as plain, ambiguous or neither, never French or English. Its schema field, or -1.
 */
function plainWhenValidField(f: { field: Field; fieldIndex?: number }): number {
  return isNumberType(String(f.field.type ?? 'string')) &&
    f.fieldIndex !== undefined &&
    (f.field.decimalChar === undefined || f.field.decimalChar === '.') &&
    f.field.groupChar === undefined
    ? f.fieldIndex
    : -1;
}

/** One cell (as read) of a column of type `type` in its tally; true when its decision is now settled. */
function tallyRaw(t: Tally, type: string, raw: string): boolean {
  const text = edgeSpace(raw) ? raw.trim() : raw;
  if (text === '') return false;
  if (isNumberType(type)) tallyNumber(t, text);
  else if (isDateType(type)) tallyDate(t, text);
  else if (NON_ASCII.test(text)) {
    if (findDoubleEncoding(text)) t.mojibake++;
    else t.cleanNonAscii++;
  }
  return settled(t, type);
}

/** How addCells reads the cells of a field (`plain`: its schema field when plainWhenValid, else -1). */
function cellKind(
  f: { field: Field; fieldIndex?: number },
  type: string,
  plain: number,
  inPlace: InPlaceGuarantees | undefined,
): number {
  if (plain >= 0) return inPlace?.unambiguous(plain) === true ? UNAMBIGUOUS_IN_PLACE : PLAIN_NUMBER_FIELD;
  if (type !== 'string') return OTHER;
  const ascii = f.fieldIndex !== undefined && (asciiEnum(f.field) || inPlace?.ascii(f.fieldIndex) === true);
  return ascii ? ASCII_IN_PLACE : TEXT;
}

/**
 * True when a cell of a field (its addCells `kind`, its schema field, its tally) accepted in place counts
 * for nothing in its tally: an ASCII text's, or a plain amount's once the column has met a plain number.
 */
function passesOverAccepted(kind: number, fieldIndex: number, t: Tally): boolean {
  return fieldIndex >= 0 && (kind === ASCII_IN_PLACE || (kind === UNAMBIGUOUS_IN_PLACE && t.plain > 0));
}

// What addCells's cell did to its field's tally (bits).
const CLOSED = 1;
const CHANGED = 2;

/** addCells's arrays of the open fields (indexes of `fields`, see createColumnTally). */
interface OpenArrays {
  /** Each open field, and its schema field when its cells accepted in place count for nothing, else -1. */
  cells: Int32Array;
  passedOver: Int32Array;
  /** The open fields whose schema field is not passed over (-1 in passedOver). */
  read: Int32Array;
  /** Per schema field: the open field passed over when its cell is accepted in place, or -1. */
  overOf: Int32Array;
}

/**
 * addCells's arrays of the open fields (indexes of `fields`): each one's index, and its schema field when
 * its cells accepted in place count for nothing (passesOverAccepted), else -1; the others; and the way back
 * from a passed-over schema field to its open field.
 */
function openArrays(
  open: readonly number[],
  kinds: Uint8Array,
  fieldIndexes: Int32Array,
  tallies: readonly Tally[],
): OpenArrays {
  const over = (i: number): number =>
    passesOverAccepted(kinds[i]!, fieldIndexes[i]!, tallies[i]!) ? fieldIndexes[i]! : -1;
  const cells = Int32Array.from(open);
  const passedOver = Int32Array.from(open, over);
  const read = cells.filter((_, k) => passedOver[k]! < 0);
  const overOf = new Int32Array(Math.max(0, ...fieldIndexes) + 1).fill(-1);
  passedOver.forEach((p, k) => {
    if (p >= 0) overOf[p] = cells[k]!;
  });
  return { cells, passedOver, read, overOf };
}

/**
 * ColumnTally.add of the open fields `open` (indexes of `fields`, see createColumnTally): true when some
 * field's decision is now settled.
 */
function addStrings(
  open: readonly number[],
  fields: readonly { column: number }[],
  tallies: readonly Tally[],
  types: readonly string[],
  plainWhenValid: readonly number[],
  cells: readonly string[],
  cast: CastRow | undefined,
): boolean {
  let closed = false;
  for (let k = 0; k < open.length; k++) {
    const i = open[k]!;
    const raw = cells[fields[i]!.column];
    if (raw === undefined) continue;
    const t = tallies[i]!;
    const f = plainWhenValid[i]!;
    // A cell valid as read (not repaired) of such a field, once the column has plain numbers.
    if (
      f >= 0 &&
      cast !== undefined &&
      t.plain > 0 &&
      cast.results[f]?.kind === 'ok' &&
      cast.cells[f] === raw &&
      addsNothing(t, raw, 0, raw.length)
    )
      continue;
    if (tallyRaw(t, types[i]!, raw)) closed = true;
  }
  return closed;
}

/**
 * Tally the rows of the columns that feed `fields` and decide the column-wide repairs: French numbers
 * only when no value of the column reads another way; serial dates only when the whole column is serial
 * numbers; double-encoding only when every non-ASCII value of the column is double-encoded. `inPlace`
 * says what the cells the loop accepts in place are known to hold (the repair policy's in-place tests).
 */
export function createColumnTally(
  fields: readonly { field: Field; column: number; fieldIndex?: number }[],
  inPlace?: InPlaceGuarantees,
): ColumnTally {
  const tallies = fields.map(newTally);
  const types = fields.map((f) => String(f.field.type ?? 'string'));
  const plainWhenValid = fields.map(plainWhenValidField);
  // For addCells, per field: its input column, its schema field (or -1) and how its cells are read.
  const columns = Int32Array.from(fields, (f) => f.column);
  const fieldIndexes = Int32Array.from(fields, (f) => f.fieldIndex ?? -1);
  const kinds = Uint8Array.from(fields, (f, i) => cellKind(f, types[i]!, plainWhenValid[i]!, inPlace));
  // The fields whose decision may still change (see settled), and only the types that tally anything.
  let open = fields
    .map((_, i) => i)
    .filter((i) => isNumberType(types[i]!) || isDateType(types[i]!) || types[i] === 'string');
  let arrays = openArrays(open, kinds, fieldIndexes, tallies);
  /** One cell (as read) of field `i` in its tally; true when the field's decision is now settled. */
  const tallyCell = (i: number, raw: string): boolean => tallyRaw(tallies[i]!, types[i]!, raw);
  const reopen = (): void => {
    arrays = openArrays(open, kinds, fieldIndexes, tallies);
  };
  const close = (): void => {
    open = open.filter((i) => !settled(tallies[i]!, types[i]!));
    reopen();
  };
  /**
   * The cell of open field `i` (`p`: its schema field when passed over while accepted in place, else -1)
   * in its tally: CLOSED when its decision is now settled, CHANGED when its cells accepted in place now
   * count for nothing, else 0.
   */
  const addCell = (i: number, p: number, cells: RowCells, cast: CastRow | undefined): number => {
    const column = columns[i]!;
    if (column >= cells.count) return 0;
    const kind = kinds[i]!;
    const f = fieldIndexes[i]!;
    const results = cast?.results;
    const r = results !== undefined && f >= 0 ? results[f] : undefined;
    const start = cells.start(column);
    const end = cells.end(column);
    // An empty cell counts for nothing (nothing is left of it once trimmed): its string is not made.
    if (start === end) return 0;
    if (kind >= TEXT) {
      // A text cell counts only with a character outside printable ASCII (NON_ASCII), trimmed or not.
      if (!nonAsciiAt(cells.source(column), start, end)) return 0;
    } else if (kind !== OTHER && r !== undefined) {
      // As in `add`; a cell accepted in place is valid as read without its string.
      const t = tallies[i]!;
      if (
        t.plain > 0 &&
        (r === cast!.accepted || (r.kind === 'ok' && cast!.cells[f] === cells.cell(column))) &&
        addsNothing(t, cells.source(column), start, end)
      )
        return 0;
    }
    if (tallyCell(i, cells.cell(column))) return CLOSED;
    // A number column's first plain number: its cells accepted in place count for nothing from now on.
    return p < 0 && passesOverAccepted(kind, f, tallies[i]!) ? CHANGED : 0;
  };
  return {
    add(cells, cast) {
      if (addStrings(open, fields, tallies, types, plainWhenValid, cells, cast)) close();
    },
    addCells(cells, cast, unaccepted) {
      const results = cast?.results;
      const accepted = cast?.accepted;
      const { cells: open, passedOver: over } = arrays;
      // Without the marker of cells accepted in place (no cast), no cell is passed over.
      const marked = results !== undefined && accepted !== undefined;
      let state = 0;
      if (unaccepted === undefined || !marked) {
        for (let k = 0; k < open.length; k++) {
          // A cell accepted in place that a guarantee covers counts for nothing: not even its bounds are read.
          const p = over[k]!;
          if (p >= 0 && marked && results[p] === accepted) continue;
          state |= addCell(open[k]!, p, cells, cast);
        }
      } else {
        // The same cells: the fields never passed over, then those passed over whose cell is not accepted.
        const { read, overOf } = arrays;
        for (let k = 0; k < read.length; k++) state |= addCell(read[k]!, -1, cells, cast);
        const list = unaccepted.fields;
        for (let k = 0; k < unaccepted.count; k++) {
          const f = list[k]!;
          const i = f < overOf.length ? overOf[f]! : -1;
          if (i >= 0) state |= addCell(i, f, cells, cast);
        }
      }
      if ((state & CLOSED) !== 0) close();
      else if ((state & CHANGED) !== 0) reopen();
    },
    decisions() {
      const out = new Map<string, ColumnDecision>();
      fields.forEach((f, i) => out.set(f.field.name, decide(tallies[i]!)));
      return out;
    },
  };
}

/** Read every row once and decide the column-wide repairs (see createColumnTally). */
export async function analyzeColumns(
  rows: AsyncIterable<RawRow>,
  fields: readonly { field: Field; column: number }[],
): Promise<Map<string, ColumnDecision>> {
  const tally = createColumnTally(fields);
  for await (const row of rows) tally.add(row.cells);
  return tally.decisions();
}

/** True when two analyses decide the same repairs for every field. */
export function sameDecisions(a: Map<string, ColumnDecision>, b: Map<string, ColumnDecision>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, d] of a) {
    const e = b.get(name);
    if (!e) return false;
    for (const k of Object.keys(d) as (keyof ColumnDecision)[]) if (d[k] !== e[k]) return false;
  }
  return true;
}

/** Convert a spreadsheet serial day number (1900 system, after 1900-03-01) to an ISO date. */
export function serialToIsoDate(text: string): string | undefined {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n < SERIAL_MIN || n > SERIAL_MAX || !Number.isInteger(n)) return undefined;
  // Day 0 is 1899-12-30 once Excel's phantom 1900-02-29 is accounted for.
  const ms = Date.UTC(1899, 11, 30) + n * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Rewrite a French-written number (`1 234,56`, `1.234,56`, `3,5`) in plain form (`1234.56`). */
export function frenchToPlainNumber(text: string): string | undefined {
  const t = text.trim();
  if (!FR_NUMBER.test(t) && !FR_GROUPED_INT.test(t)) return undefined;
  return t.replace(/[ \u00a0\u202f.]/g, '').replace(',', '.');
}
