// The personal data scanner: decides each column's kind on a bounded sample, checks exact identifiers on every cell.
import type { Finding, Level } from '../findings/types.js';
import type { Field } from '../schema/types.js';
import type { PrivacyColumn, PrivacyKind, PrivacyOptions, PrivacyReason } from './types.js';
import { PRIVACY_KINDS } from './types.js';
import {
  findIdentifiers,
  mayHoldIdentifier,
  type IdentifierKind,
  type IdentifierTally,
} from './identifiers.js';
import { EMAIL_RE, classifyEmail, isEmail } from './email.js';
import { parsePhone, type PhoneNumber } from './phone.js';
import { isPlausibleBirthYear, parseDate } from './birth-date.js';
import { nameShape, type NameShape } from './person-name.js';
import { isStreetAddress } from './street.js';
import { foldWords } from '../text/fold.js';
import { ownString } from '../text/own-string.js';
import { maskValue } from './mask.js';
import { ExactPretest } from './exact-pretest.js';
import type { RowCells } from '../text/row-cells.js';
import {
  BIRTH_HEADER_RE,
  FIRST_NAME_HEADER_RE,
  NAME_HEADER_RE,
  PERSONAL_PHONE_HEADER_RE,
  PERSON_HEADER_RE,
  SERVICE_HEADER_RE,
  SURNAME_HEADER_RE,
} from './header-rules.js';

/** The finding code of the guard. */
export const PERSONAL_DATA_SUSPECTED = 'personal-data-suspected';

const DEFAULT_SAMPLE_SIZE = 1000;
const MAX_EXAMPLES = 3;
const MAX_ROWS = 5;
// Thresholds, as shares of a column's sampled non-empty values (issue 8: be conservative).
const EMAIL_COLUMN_SHARE = 0.3;
const PERSONAL_EMAIL_SHARE = 0.1;
const PHONE_COLUMN_SHARE = 0.5;
const DISTINCT_PHONE_SHARE = 0.5;
const MOBILE_SHARE = 0.3;
const SHARED_NUMBER_COUNT = 3;
const DATE_COLUMN_SHARE = 0.8;
const BIRTH_YEAR_SPAN = 10;
const PERSON_SHARE = 0.5;
const PERSON_SHARE_WITH_HEADER = 0.2;
const ADDRESS_SHARE = 0.5;
// A column where many identifier-shaped numbers fail their key holds some other identifier, not NIRs or IBANs.
const RANDOM_DIGITS_CANDIDATES = 20;
const RANDOM_DIGITS_VALID_SHARE = 0.5;
/** Distinct identifier-free texts a column remembers before it starts afresh. */
const NO_IDENTIFIER_MEMORY = 1024;
/** Texts starting with a letter whose reading a column's sample remembers (see ColumnState.readings). */
const READING_MEMORY = 64;
const FIRST_DIGIT_RE = /^\d/;
const LETTER_START_RE = /^\p{L}/u;

/** Occurrences of one kind in one column: how many, where first, and a few raw values (masked on output). */
interface Hits {
  count: number;
  /** The physical lines of the first hits (what reports show; `params.rows` of the finding). */
  rows: number[];
  examples: string[];
}

interface PhoneTally {
  count: number;
  mobile: boolean;
  example: string;
}

interface ColumnState {
  index: number;
  label: string;
  field: Field | undefined;
  header: string;
  /** Strings the schema does not constrain (no pattern, enum or non-string type): every cell is scanned. */
  freeText: boolean;
  sampled: number;
  /** Non-empty cells the exact detectors looked at (the sample plus, for free text, every later cell). */
  looked: number;
  ids: Record<IdentifierKind, Hits>;
  tally: IdentifierTally;
  /**
   * Texts that held no identifier-shaped candidate at all (bounded): a label repeated down the column with
   * digits in it (`Immobilisations incorporelles (sauf 204)`) is searched once, with the same counts.
   */
  noIdentifier: Set<string>;
  /**
   * How the sample read texts starting with a letter (their name shape, or the phone number a `none`
   * holds), for the first READING_MEMORY distinct ones: a column of labels repeats a few texts, whose
   * reading (folding every word, the first-name list) is the sample's dearest. Emptied once the sample
   * is complete.
   */
  readings: Map<string, NameShape | PhoneNumber>;
  /** The last text the exact detectors found nothing in (and counted nothing for). */
  lastClean: string | undefined;
  emails: number;
  emailCells: number;
  personalEmails: Hits;
  phones: number;
  phoneNumbers: Map<string, PhoneTally>;
  dates: number;
  birthDates: Hits;
  minYear: number;
  maxYear: number;
  persons: Hits;
  firstNames: Hits;
  words: Hits;
  addresses: Hits;
}

/** One column judged to hold one kind of personal data (what `--redact KIND` needs; no value in it). */
export interface PrivacyDecision {
  /** 0-based column index. */
  column: number;
  kind: PrivacyKind;
  share: number;
  count: number;
  reason?: PrivacyReason;
}

/** A decision with its raw examples and rows, inside the scanner only (examples are masked on output). */
interface Decision extends PrivacyDecision {
  examples: string[];
  rows?: number[];
}

/** The scanner a validation run feeds: one `row` call per data row, `end` for the findings. */
export interface PrivacyScanner {
  /** Look at one data row (cells in column order). Cheap once each column's sample is complete. */
  row(cells: readonly string[], rowNumber: number, line: number): void;
  /** The same, reading the cells in place: a cell is made a string only when a detector must read it. */
  rowCells(cells: RowCells, rowNumber: number, line: number): void;
  /** The columns' kinds as decided so far (for `--redact KIND` after a scan of the head), values left out. */
  decisions(): PrivacyDecision[];
  /** One `personal-data-suspected` finding per column and kind, examples masked, `value` never set. */
  end(): Finding[];
}

function hits(): Hits {
  return { count: 0, rows: [], examples: [] };
}

function addHit(h: Hits, value: string, rowNumber: number): void {
  h.count++;
  if (h.rows.length < MAX_ROWS) h.rows.push(rowNumber);
  if (h.examples.length < MAX_EXAMPLES && !h.examples.includes(value)) h.examples.push(value);
}

function isFreeText(field: Field | undefined): boolean {
  if (field === undefined) return true;
  const type = field.type ?? 'string';
  if (type !== 'string' && type !== 'any') return false;
  if (field.format === 'uri' || field.format === 'uuid' || field.format === 'binary') return false;
  const c = field.constraints;
  return c?.pattern === undefined && c?.enum === undefined;
}

function newState(column: PrivacyColumn, index: number): ColumnState {
  const field = column.field;
  return {
    index,
    label: column.label,
    field,
    header: foldWords([column.label, field?.name ?? '', field?.title ?? ''].join(' ')),
    freeText: isFreeText(field),
    sampled: 0,
    looked: 0,
    ids: { nir: hits(), iban: hits(), rib: hits() },
    tally: { nir: 0, iban: 0, rib: 0 },
    noIdentifier: new Set(),
    readings: new Map(),
    lastClean: undefined,
    emails: 0,
    emailCells: 0,
    personalEmails: hits(),
    phones: 0,
    phoneNumbers: new Map(),
    dates: 0,
    birthDates: hits(),
    minYear: Infinity,
    maxYear: -Infinity,
    persons: hits(),
    firstNames: hits(),
    words: hits(),
    addresses: hits(),
  };
}

/** The exact detectors, run on every cell of a free-text column: identifiers with a key, email shapes. */
function scanExact(s: ColumnState, v: string, rowNumber: number): void {
  s.looked++;
  if (v === s.lastClean) return;
  const before = s.emails;
  let clean = true;
  if (mayHoldIdentifier(v) && !s.noIdentifier.has(v)) {
    const { nir, iban, rib } = s.tally;
    const found = findIdentifiers(v, s.tally);
    for (const m of found) addHit(s.ids[m.kind], m.text, rowNumber);
    if (found.length === 0 && s.tally.nir === nir && s.tally.iban === iban && s.tally.rib === rib) {
      if (s.noIdentifier.size >= NO_IDENTIFIER_MEMORY) s.noIdentifier.clear();
      s.noIdentifier.add(ownString(v));
    } else clean = false;
  }
  if (v.length >= 6 && v.includes('@')) {
    for (const m of v.matchAll(EMAIL_RE)) {
      s.emails++;
      if (classifyEmail(m[0]) === 'personal') addHit(s.personalEmails, m[0], rowNumber);
    }
  }
  // Nothing found, nothing counted: the same text on the next row would change nothing either.
  if (clean && s.emails === before) s.lastClean = v;
}

function addPhone(s: ColumnState, phone: PhoneNumber, v: string): void {
  s.phones++;
  const t = s.phoneNumbers.get(phone.national);
  if (t === undefined) s.phoneNumbers.set(phone.national, { count: 1, mobile: phone.mobile, example: v });
  else t.count++;
}

/** The sample detectors, run on the first `sampleSize` non-empty values of every column. */
function sampleValue(s: ColumnState, raw: string, rowNumber: number, referenceYear: number): void {
  const v = raw.trim();
  if (v === '') return;
  s.sampled++;
  scanExact(s, v, rowNumber);
  if (isEmail(v)) {
    s.emailCells++;
    return;
  }
  if (FIRST_DIGIT_RE.test(v) || v.startsWith('+')) {
    const phone = parsePhone(v);
    if (phone !== undefined) {
      addPhone(s, phone, v);
      return;
    }
    // Amounts, codes, years: no date or street address is written with digits and one mark at most.
    if (isPlainNumber(v)) return;
    const date = parseDate(v);
    if (date !== undefined) {
      s.dates++;
      if (isPlausibleBirthYear(date.year, referenceYear)) {
        addHit(s.birthDates, v, rowNumber);
        if (date.year < s.minYear) s.minYear = date.year;
        if (date.year > s.maxYear) s.maxYear = date.year;
      }
      return;
    }
    if (isStreetAddress(v)) addHit(s.addresses, v, rowNumber);
    return;
  }
  if (LETTER_START_RE.test(v)) {
    const reading = readingOf(s, v);
    if (reading === 'person') addHit(s.persons, v, rowNumber);
    else if (reading === 'first-name') addHit(s.firstNames, v, rowNumber);
    else if (reading === 'word') addHit(s.words, v, rowNumber);
    else if (reading !== 'none') addPhone(s, reading, v);
  }
}

/** Digits with at most one decimal mark (`.` or `,`) between them: `2023`, `36565.10`, `3,5`. */
export function isPlainNumber(v: string): boolean {
  let mark = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c !== 46 && c !== 44) || mark || i === 0 || i === v.length - 1) return false;
    mark = true;
  }
  return v.length > 0;
}

/** How a text starting with a letter reads: its name shape, else the phone number it holds, else `none`. */
function readingOf(s: ColumnState, v: string): NameShape | PhoneNumber {
  let reading = s.readings.get(v);
  if (reading === undefined) {
    reading = nameShape(v);
    if (reading === 'none') reading = parsePhone(v) ?? 'none';
    // A copy as the key: the cell may be a slice of a whole decoded chunk, which it would keep alive.
    if (s.readings.size < READING_MEMORY) s.readings.set(ownString(v), reading);
  }
  return reading;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 1000;
}

function isServiceField(field: Field | undefined): boolean {
  return field !== undefined && SERVICE_HEADER_RE.test(foldWords(`${field.name} ${field.title ?? ''}`));
}

function reasonFor(
  kind: PrivacyKind,
  s: ColumnState,
  schemaName: string | undefined,
): PrivacyReason | undefined {
  if ((kind === 'email' || kind === 'phone') && isServiceField(s.field)) return 'service-contact-field';
  if (kind === 'email' && s.field?.format === 'email') return 'declared-email-field';
  if (kind === 'person-name' && schemaName !== undefined && /(?:^|\/)prenoms$/.test(schemaName)) {
    return 'aggregated-first-names';
  }
  return undefined;
}

function identifierDecisions(s: ColumnState, out: Decision[]): void {
  for (const kind of ['nir', 'iban', 'rib'] as const) {
    const h = s.ids[kind];
    if (h.count === 0) continue;
    const candidates = s.tally[kind];
    if (candidates >= RANDOM_DIGITS_CANDIDATES && h.count / candidates < RANDOM_DIGITS_VALID_SHARE) continue;
    out.push({
      column: s.index,
      kind,
      share: ratio(h.count, s.looked),
      count: h.count,
      examples: h.examples,
      rows: h.rows,
    });
  }
}

function emailDecision(s: ColumnState): Decision | undefined {
  const h = s.personalEmails;
  if (h.count === 0) return undefined;
  const emailColumn = s.sampled > 0 && s.emailCells / s.sampled >= EMAIL_COLUMN_SHARE;
  // A column of addresses is judged as a whole; a personal address met in free text counts even once.
  if (emailColumn && h.count / s.emails < PERSONAL_EMAIL_SHARE) return undefined;
  const d: Decision = {
    column: s.index,
    kind: 'email',
    share: ratio(h.count, s.looked),
    count: h.count,
    examples: h.examples,
  };
  if (!emailColumn) d.rows = h.rows;
  return d;
}

function phoneDecision(s: ColumnState, tableHasPersons: boolean): Decision | undefined {
  if (s.sampled === 0 || s.phones / s.sampled < PHONE_COLUMN_SHARE) return undefined;
  // A number met SHARED_NUMBER_COUNT times or more is a service's (a switchboard), not a person's.
  let distinct = 0;
  let mobiles = 0;
  const examples: string[] = [];
  for (const t of s.phoneNumbers.values()) {
    if (t.count >= SHARED_NUMBER_COUNT) continue;
    distinct += t.count;
    if (t.mobile) mobiles += t.count;
    if (examples.length < MAX_EXAMPLES && (t.mobile || examples.length < 2)) examples.push(t.example);
  }
  if (distinct === 0 || distinct / s.phones < DISTINCT_PHONE_SHARE) return undefined;
  const personalHeader = PERSONAL_PHONE_HEADER_RE.test(s.header);
  const serviceHeader = SERVICE_HEADER_RE.test(s.header);
  const mobileColumn = mobiles / distinct >= MOBILE_SHARE;
  if (!personalHeader && !mobileColumn && !(tableHasPersons && !serviceHeader)) return undefined;
  return { column: s.index, kind: 'phone', share: ratio(distinct, s.sampled), count: distinct, examples };
}

function birthDateDecision(s: ColumnState): Decision | undefined {
  if (s.sampled === 0 || s.dates / s.sampled < DATE_COLUMN_SHARE) return undefined;
  const h = s.birthDates;
  const byHeader = BIRTH_HEADER_RE.test(s.header) && h.count / s.dates >= DATE_COLUMN_SHARE;
  const byValues =
    PERSON_HEADER_RE.test(s.header) && h.count === s.dates && s.maxYear - s.minYear >= BIRTH_YEAR_SPAN;
  if (!byHeader && !byValues) return undefined;
  return {
    column: s.index,
    kind: 'birth-date',
    share: ratio(h.count, s.sampled),
    count: h.count,
    examples: h.examples,
  };
}

function personNameDecision(s: ColumnState): Decision | undefined {
  if (s.sampled === 0) return undefined;
  const persons = s.persons.count / s.sampled;
  const firstOnly = s.firstNames.count / s.sampled;
  const firstHeader = FIRST_NAME_HEADER_RE.test(s.header);
  const fires =
    persons >= PERSON_SHARE ||
    (NAME_HEADER_RE.test(s.header) && persons >= PERSON_SHARE_WITH_HEADER) ||
    (firstHeader && persons + firstOnly >= PERSON_SHARE);
  if (!fires) return undefined;
  const count = s.persons.count + (firstHeader ? s.firstNames.count : 0);
  const examples = [...s.persons.examples, ...(firstHeader ? s.firstNames.examples : [])].slice(
    0,
    MAX_EXAMPLES,
  );
  return { column: s.index, kind: 'person-name', share: ratio(count, s.sampled), count, examples };
}

/** A surname column (`nom`: DUPONT, Le Gall) next to a column of persons' first or full names. */
function surnameDecision(s: ColumnState): Decision | undefined {
  if (s.sampled === 0 || !SURNAME_HEADER_RE.test(s.header)) return undefined;
  const count = s.words.count + s.persons.count + s.firstNames.count;
  if (count / s.sampled < PERSON_SHARE) return undefined;
  const examples = [...s.words.examples, ...s.persons.examples].slice(0, MAX_EXAMPLES);
  return { column: s.index, kind: 'person-name', share: ratio(count, s.sampled), count, examples };
}

function addressDecision(s: ColumnState): Decision | undefined {
  if (s.sampled === 0 || s.addresses.count / s.sampled < ADDRESS_SHARE) return undefined;
  return {
    column: s.index,
    kind: 'address',
    share: ratio(s.addresses.count, s.sampled),
    count: s.addresses.count,
    examples: s.addresses.examples,
  };
}

function decide(states: readonly ColumnState[], schemaName: string | undefined): Decision[] {
  const names = new Map<number, Decision>();
  for (const s of states) {
    const d = personNameDecision(s);
    if (d !== undefined) names.set(s.index, d);
  }
  // Phones, addresses and surnames belong to persons when the same rows name persons (not info-level names).
  const tableHasPersons = [...names.values()].some(
    (d) => reasonFor('person-name', states[d.column]!, schemaName) === undefined,
  );
  if (tableHasPersons) {
    for (const s of states) {
      const d = names.has(s.index) ? undefined : surnameDecision(s);
      if (d !== undefined) names.set(s.index, d);
    }
  }
  const out: Decision[] = [];
  for (const s of states) {
    const found: Decision[] = [];
    identifierDecisions(s, found);
    const email = emailDecision(s);
    if (email !== undefined) found.push(email);
    const phone = phoneDecision(s, tableHasPersons);
    if (phone !== undefined) found.push(phone);
    const birth = birthDateDecision(s);
    if (birth !== undefined) found.push(birth);
    const name = names.get(s.index);
    if (name !== undefined) found.push(name);
    const address = tableHasPersons && name === undefined ? addressDecision(s) : undefined;
    if (address !== undefined) found.push(address);
    for (const d of found) {
      const reason = reasonFor(d.kind, s, schemaName);
      if (reason !== undefined) d.reason = reason;
    }
    found.sort((a, b) => PRIVACY_KINDS.indexOf(a.kind) - PRIVACY_KINDS.indexOf(b.kind));
    out.push(...found);
  }
  return out;
}

const NOOP_SCANNER: PrivacyScanner = {
  row: () => undefined,
  rowCells: () => undefined,
  decisions: () => [],
  end: () => [],
};

/**
 * What the scanner of one chunk of a file's rows (read on another thread, issue 14) leaves for the
 * merge: per column, the values a whole-file scan might have sampled (the chunk's first `sampleSize`
 * non-empty ones, with their lines, not yet looked at), and what the exact detectors found after them.
 * Plain data, for a worker thread's message.
 */
export interface PrivacyChunk {
  columns: {
    deferred: [string, number][];
    looked: number;
    ids: Record<IdentifierKind, Hits>;
    tally: IdentifierTally;
    emails: number;
    personalEmails: Hits;
  }[];
}

/** A scanner of one chunk of rows: `chunk()` gives what mergePrivacyChunks needs. */
export interface PrivacyChunkScanner {
  row(cells: readonly string[], rowNumber: number, line: number): void;
  rowCells(cells: RowCells, rowNumber: number, line: number): void;
  end(): Finding[];
  chunk(): PrivacyChunk;
}

/** Hits of a later part of the rows added after these (the first rows and examples, in row order). */
function mergeHits(h: Hits, later: Hits): void {
  h.count += later.count;
  for (const r of later.rows) if (h.rows.length < MAX_ROWS) h.rows.push(r);
  for (const e of later.examples) {
    if (h.examples.length < MAX_EXAMPLES && !h.examples.includes(e)) h.examples.push(e);
  }
}

/**
 * Create the personal data scanner of one table (issue 8). Names, phones, emails, dates and addresses are
 * judged per column on its first `sampleSize` non-empty values and its header; NIRs, IBANs, RIBs and personal
 * email addresses are looked for in every cell of free-text columns, and reported even once. With mode `off`
 * the scanner does nothing.
 */
export function createPrivacyScanner(
  columns: readonly PrivacyColumn[],
  options: PrivacyOptions,
): PrivacyScanner {
  if (options.mode === 'off') return NOOP_SCANNER;
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  const { states, row, rowCells } = scanRows(columns, options, (s, v, line) =>
    sampleValue(s, v, line, referenceYear),
  );
  return scannerOf(states, options, row, rowCells);
}

/**
 * The scanner of one chunk of a file's rows: the values a whole-file scan might sample are kept, not
 * looked at (only the merge knows how many values came before them); the exact detectors run on the
 * later values of free-text columns as usual. Not for mode `off`.
 */
export function createPrivacyChunkScanner(
  columns: readonly PrivacyColumn[],
  options: PrivacyOptions,
): PrivacyChunkScanner {
  const deferred: [string, number][][] = columns.map(() => []);
  const { states, row, rowCells } = scanRows(columns, options, (s, v, line) => {
    deferred[s.index]!.push([v, line]);
    if (v.trim() !== '') s.sampled++;
  });
  return {
    row,
    rowCells,
    end: () => [],
    chunk: () => ({
      columns: states.map((s) => ({
        deferred: deferred[s.index]!,
        looked: s.looked,
        ids: s.ids,
        tally: s.tally,
        emails: s.emails,
        personalEmails: s.personalEmails,
      })),
    }),
  };
}

/**
 * The scanner of a whole file from the scanners of its chunks, in row order: each chunk's deferred
 * values are looked at as a whole-file scan would have (sampled while the column's sample is not
 * complete, else scanned exactly in a free-text column), then its exact hits are added. Gives the
 * findings and decisions of one scan of the whole file.
 */
export function mergePrivacyChunks(
  columns: readonly PrivacyColumn[],
  options: PrivacyOptions,
  chunks: readonly PrivacyChunk[],
): PrivacyScanner {
  if (options.mode === 'off') return NOOP_SCANNER;
  const sampleSize = Math.max(1, options.sampleSize ?? DEFAULT_SAMPLE_SIZE);
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  const { states, row, rowCells } = scanRows(columns, options, (s, v, line) =>
    sampleValue(s, v, line, referenceYear),
  );
  for (const chunk of chunks) {
    chunk.columns.forEach((c, i) => {
      const s = states[i];
      if (s === undefined) return;
      for (const [v, line] of c.deferred) {
        if (s.sampled < sampleSize) sampleValue(s, v, line, referenceYear);
        else if (s.freeText) scanExact(s, v, line);
      }
      s.looked += c.looked;
      for (const kind of ['nir', 'iban', 'rib'] as const) {
        mergeHits(s.ids[kind], c.ids[kind]);
        s.tally[kind] += c.tally[kind];
      }
      s.emails += c.emails;
      mergeHits(s.personalEmails, c.personalEmails);
    });
  }
  return scannerOf(states, options, row, rowCells);
}

/**
 * The per-column states of a scan and its row function; `sample` takes each of a column's first
 * `sampleSize` non-empty values (see sampleValue), the exact detectors every later value of a
 * free-text column.
 */
function scanRows(
  columns: readonly PrivacyColumn[],
  options: PrivacyOptions,
  sample: (s: ColumnState, v: string, line: number) => void,
): {
  states: ColumnState[];
  row: (cells: readonly string[], rowNumber: number, line: number) => void;
  rowCells: (cells: RowCells, rowNumber: number, line: number) => void;
} {
  const sampleSize = Math.max(1, options.sampleSize ?? DEFAULT_SAMPLE_SIZE);
  const states = columns.map(newState);
  const freeText = states.filter((s) => s.freeText);
  let sampling = states.length;
  /** Free-text columns whose sample is complete, in the order they completed (see rowCells). */
  const sampledFreeText: ColumnState[] = [];
  const pretest = new ExactPretest();

  // A column's sample is complete: what it remembered of its texts' readings is no longer needed.
  function complete(s: ColumnState): void {
    sampling--;
    s.readings.clear();
  }

  // Hits are recorded by physical line, the number people see in their editor or spreadsheet (issue 16).
  function row(cells: readonly string[], _rowNumber: number, rowNumber: number): void {
    if (sampling === 0) {
      // Every sample is complete: only the exact detectors on free-text cells remain.
      for (let k = 0; k < freeText.length; k++) {
        const s = freeText[k]!;
        const v = cells[s.index];
        if (v !== undefined && v.length !== 0) scanExact(s, v, rowNumber);
      }
      return;
    }
    const n = Math.min(cells.length, states.length);
    for (let i = 0; i < n; i++) {
      const v = cells[i]!;
      if (v.length === 0) continue;
      const s = states[i]!;
      if (s.sampled < sampleSize) {
        sample(s, v, rowNumber);
        if (s.sampled === sampleSize) complete(s);
      } else if (s.freeText) scanExact(s, v, rowNumber);
    }
  }
  // As `row`, reading cells in place. A free-text column whose sample is complete has its cells looked
  // at by one loop, from the first such column on rather than once every sample is complete: V8 then
  // optimises rowCells with that loop already run, where a loop first run when the last sample
  // completed had no type feedback and threw the optimised code away (then compiled it again). In that
  // loop, a cell too short for an email or an identifier, or without the '@' or the three digits these
  // need, only counts as looked at (what scanExact would do with it), and no string is made for it.
  function rowCells(cells: RowCells, _rowNumber: number, rowNumber: number): void {
    // A column whose sample completes on this row joins the loop below from the next row on (this cell
    // was looked at by its sample).
    const sampled = sampledFreeText.length;
    if (sampling !== 0) {
      const n = Math.min(cells.count, states.length);
      for (let i = 0; i < n; i++) {
        const s = states[i]!;
        if (s.sampled >= sampleSize || cells.start(i) === cells.end(i)) continue;
        sample(s, cells.cell(i), rowNumber);
        if (s.sampled === sampleSize) {
          complete(s);
          if (s.freeText) sampledFreeText.push(s);
        }
      }
    }
    for (let k = 0; k < sampled; k++) {
      const s = sampledFreeText[k]!;
      const i = s.index;
      if (i >= cells.count) continue;
      const start = cells.start(i);
      const end = cells.end(i);
      if (start === end) continue;
      const text = cells.source(i);
      const last = s.lastClean;
      if (!pretest.mayHold(text, start, end)) s.looked++;
      // The text scanExact last found nothing in (a value repeated down the column). Compared as the
      // cell's string, made anyway if scanExact must read it: V8's startsWith at an offset cost more
      // than twice the slice and === (issue 14, measured with cachegrind).
      else if (last !== undefined && last.length === end - start && cells.cell(i) === last) s.looked++;
      else scanExact(s, cells.cell(i), rowNumber);
    }
  }
  return { states, row, rowCells };
}

/** The scanner over these states: findings and decisions from what they hold. */
function scannerOf(
  states: ColumnState[],
  options: PrivacyOptions,
  row: PrivacyScanner['row'],
  rowCells: PrivacyScanner['rowCells'],
): PrivacyScanner {
  const level: Level = options.mode === 'error' ? 'error' : 'warning';
  function end(): Finding[] {
    return decide(states, options.schemaName).map((d) => {
      const s = states[d.column]!;
      const params: Record<string, unknown> = {
        kind: d.kind,
        share: d.share,
        count: d.count,
        examples: d.examples.map((e) => maskValue(d.kind, e)),
        column: s.label,
      };
      if (d.rows !== undefined) params.rows = d.rows;
      if (d.reason !== undefined) params.reason = d.reason;
      const loc: Finding['loc'] = { fieldName: s.field?.name ?? s.label, fieldNumber: s.index + 1 };
      if (s.field !== undefined && s.field.name !== s.label) loc.column = s.label;
      return { code: PERSONAL_DATA_SUSPECTED, level: d.reason === undefined ? level : 'info', loc, params };
    });
  }

  function decisions(): PrivacyDecision[] {
    return decide(states, options.schemaName).map(({ column, kind, share, count, reason }) =>
      reason === undefined ? { column, kind, share, count } : { column, kind, share, count, reason },
    );
  }

  return { row, rowCells, decisions, end };
}
