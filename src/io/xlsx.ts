// Spreadsheet reader (XLSX, XLS, ODS): the only module that imports the spreadsheet library (SheetJS).
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import { OdfError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import { findHeaderRow } from './header.js';
import { readError } from './read-error.js';
import { foldAccents } from '../text/fold.js';
import type { OpenOptions, OpenTable, RawRow, TableMeta } from './types.js';
import { isZip, readZipDirectory, readZipEntry } from './zip.js';

/** Spreadsheet formats this reader knows. */
export type SheetFormat = 'xlsx' | 'xls' | 'ods';

/** Default limit on the declared uncompressed size of a workbook archive: 1 GiB. */
export const DEFAULT_MAX_UNZIPPED = 2 ** 30;

/** Rows looked at to find the header (title and blank rows above it). */
const HEADER_SCAN_ROWS = 50;
/** Merged ranges listed in a finding's params (the count is always exact). */
const MAX_LISTED_MERGES = 20;
/** Rows between two progress calls. */
const PROGRESS_EVERY = 1024;
/** Numbers whose decimal exponent is within this bound are written without exponent (1e21 → 1000…0). */
const MAX_EXPANDED_EXPONENT = 30;
const MS_PER_DAY = 86_400_000;

/** Error cell codes as stored in XLS/XLSX (BIFF error values) and the text a spreadsheet shows. */
const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// ---------------------------------------------------------------------------------------------------------------
// Cell text

/** How a number format displays a number: plainly, zero-padded (`00000`), or as a date and/or time. */
export type FormatKind =
  | { kind: 'number' }
  | { kind: 'padded'; width: number }
  | { kind: 'fixed'; decimals: number }
  | { kind: 'datetime'; date: boolean; time: boolean; elapsed: boolean };

const NUMBER: FormatKind = { kind: 'number' };

/**
 * Classifies a number format string (Excel or ODS as SheetJS reports it). Quoted text, escaped characters,
 * colours, locales and conditions are ignored; a format made only of zeros pads integers (codes INSEE or
 * postal codes stored as numbers, e.g. `00000`); y/d/m/h/s tokens make a date, time or date-time format.
 */
export function classifyFormat(format: string | undefined): FormatKind {
  if (!format || format === 'General' || format === '@') return NUMBER;
  const section = format.split(';')[0] ?? '';
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, elapsed ? 'h' : '')
    .replace(/General/gi, '')
    .replace(/AM\/PM|A\/P/gi, 'h')
    .replace(/E[+-]/gi, '');
  if (/^0+$/.test(bare)) return { kind: 'padded', width: bare.length };
  // `0.00`, `#0.000`: a fixed number of decimals, as the cell shows (`7.10`, an ACTES code, not `7.1`).
  const fixed = /E[+-]/i.test(section) ? null : /^#*0+\.(0+)$/.exec(bare);
  if (fixed) return { kind: 'fixed', decimals: fixed[1]!.length };
  const time = /[hs]/i.test(bare);
  const date = /[yde]/i.test(bare) || (/m/i.test(bare) && !time);
  if (!date && !time) return NUMBER;
  return { kind: 'datetime', date, time, elapsed };
}

/**
 * The shortest text that reads back as `n` (JavaScript's round-trip `String(n)`), without exponent when
 * the exponent is moderate: 1e21 → `1000000000000000000000`, 1e-7 → `0.0000001`, at the 15 significant
 * digits a spreadsheet shows: 0.1 + 0.2 gives `0.3`.
 */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  // Excel and LibreOffice show 15 significant digits: `=0.1+0.2` reads 0.3, as the user sees it, and the
  // float noise beyond (0.30000000000000004) is not data. Integers up to 15 digits are untouched.
  const s = String(Number(n.toPrecision(15)));
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  if (Math.abs(exp) > MAX_EXPANDED_EXPONENT) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * `text` with at least `decimals` decimals, as a fixed-decimals format shows it (`7.1` → `7.10`). Never
 * fewer digits than stored: a value with more decimals than the format shows keeps them all.
 */
function withDecimals(text: string, decimals: number): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const dot = text.indexOf('.');
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have >= decimals) return text;
  return `${dot < 0 ? `${text}.` : text}${'0'.repeat(decimals - have)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clockText(msOfDay: number, hours: number): string {
  const ms = msOfDay % 1000;
  const seconds = Math.floor(msOfDay / 1000);
  const base = `${pad2(hours)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return ms === 0 ? base : `${base}.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
}

/**
 * The ISO date of a whole-day serial. The 1900 system copies Lotus 1-2-3's bug: serial 60 is the
 * nonexistent 1900-02-29 (kept as text, so it is reported downstream as an invalid date) and serials 1–59
 * count from 1899-12-31; the 1904 system (old Mac Excel) counts from 1904-01-01.
 */
function dayText(days: number, date1904: boolean): string {
  if (!date1904 && days === 60) return '1900-02-29';
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * MS_PER_DAY);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * The text of a date/time serial number: `2020-09-15` for a whole day, `2020-09-15T10:30:00` with a time
 * of day, `10:30:00` for a time-only value (below one day, or under a time-only format), `36:00:00` for an
 * elapsed-time format (`[h]:mm`). Milliseconds appear only when present. Computed in UTC arithmetic, so the
 * machine's time zone never shifts a date.
 */
export function serialText(
  serial: number,
  format: FormatKind & { kind: 'datetime' },
  date1904: boolean,
): string {
  if (!Number.isFinite(serial) || serial < 0) return formatNumber(serial);
  const total = Math.round(serial * MS_PER_DAY);
  const days = Math.floor(total / MS_PER_DAY);
  const msOfDay = total - days * MS_PER_DAY;
  if (!format.date && format.elapsed) return clockText(total % 3_600_000, Math.floor(total / 3_600_000));
  const hours = Math.floor(msOfDay / 3_600_000);
  if (days === 0 && (!format.date || !date1904)) return clockText(msOfDay, hours);
  if (msOfDay === 0 && format.date) return dayText(days, date1904);
  return `${dayText(days, date1904)}T${clockText(msOfDay, hours)}`;
}

/** Per-workbook cell conversion: caches the classification of each distinct number format. */
class CellReader {
  private readonly formats = new Map<string, FormatKind>();

  constructor(private readonly date1904: boolean) {}

  private kindOf(format: unknown): FormatKind {
    if (typeof format !== 'string') return NUMBER;
    let kind = this.formats.get(format);
    if (!kind) {
      kind = classifyFormat(format);
      this.formats.set(format, kind);
    }
    return kind;
  }

  /** The text a person sees for a cell (see formatNumber and serialText for numbers and dates). */
  text(cell: CellObject | undefined): string {
    if (!cell) return '';
    const v = cell.v;
    switch (cell.t) {
      case 's':
        return typeof v === 'string' ? v : v === undefined ? '' : String(v);
      case 'n': {
        if (typeof v !== 'number') return v === undefined ? '' : String(v);
        const kind = this.kindOf(cell.z);
        if (kind.kind === 'number') return formatNumber(v);
        if (kind.kind === 'padded') {
          return Number.isSafeInteger(v) && v >= 0 ? String(v).padStart(kind.width, '0') : formatNumber(v);
        }
        if (kind.kind === 'fixed') return withDecimals(formatNumber(v), kind.decimals);
        return serialText(v, kind, this.date1904);
      }
      case 'b':
        return v ? 'true' : 'false';
      case 'e':
        return typeof v === 'number' ? (ERROR_TEXT[v] ?? cell.w ?? '#ERROR') : (cell.w ?? String(v ?? ''));
      case 'd':
        return v instanceof Date ? v.toISOString().replace(/\.000Z$|Z$/, '') : String(v ?? '');
      default:
        return '';
    }
  }
}

function isFilled(cell: CellObject | undefined): boolean {
  if (!cell || cell.t === 'z') return false;
  return !(cell.t === 's' && (cell.v === '' || cell.v === undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Format detection and parsing

function formatSize(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} Gio` : `${(bytes / 2 ** 20).toFixed(1)} Mio`;
}

/**
 * Recognises the workbook format from its bytes and, for ZIP-based formats, refuses an archive whose
 * central directory declares more than `maxUnzipped` bytes (checked before anything is decompressed).
 */
export function detectSheetFormat(
  bytes: Uint8Array,
  name: string,
  maxUnzipped = DEFAULT_MAX_UNZIPPED,
): SheetFormat {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) return 'xls';
  if (!isZip(bytes)) {
    throw new OdfError(
      'not-a-table',
      `Le fichier ${name} n’est pas un classeur XLSX, XLS ou ODS reconnu.`,
      { name },
      `The file ${name} is not a recognised XLSX, XLS or ODS workbook.`,
    );
  }
  const entries = readZipDirectory(bytes);
  if (!entries) {
    throw new OdfError(
      'file-unreadable',
      `Le classeur ${name} est endommagé : son répertoire ZIP est illisible (fichier tronqué ?).`,
      { name },
      `The workbook ${name} is damaged: its ZIP directory cannot be read (truncated file?).`,
    );
  }
  let total = 0;
  for (const e of entries) total += e.uncompressedSize;
  if (total > maxUnzipped) {
    throw new OdfError(
      'zip-bomb',
      `Le classeur ${name} se décompresserait en ${formatSize(total)}, au-delà de la limite de ${formatSize(maxUnzipped)} : odf refuse de l’ouvrir (protection contre les « bombes ZIP »).`,
      { name, unzipped: total, limit: maxUnzipped },
      `The workbook ${name} would unzip to ${formatSize(total)}, beyond the ${formatSize(maxUnzipped)} limit: odf refuses to open it (zip bomb protection).`,
    );
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (byName.has('xl/workbook.xml')) return 'xlsx';
  if (byName.has('content.xml')) {
    const mimetype = byName.get('mimetype');
    const text = mimetype
      ? new TextDecoder('latin1').decode(readZipEntry(bytes, mimetype) ?? new Uint8Array())
      : '';
    if (!mimetype || text.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  throw new OdfError(
    'not-a-table',
    `Le fichier ${name} ressemble à une archive ZIP, mais ce n’est pas un classeur XLSX ni ODS : odf n’y trouve pas de tableau à lire.`,
    { name, entries: entries.slice(0, 20).map((e) => e.name) },
    `The file ${name} looks like a ZIP archive, but not an XLSX or ODS workbook: odf finds no table to read in it.`,
  );
}

/**
 * Parses the workbook with SheetJS. Options, measured on a 50,000-row sheet (see bench/sheets.js):
 * dense storage (rows as arrays), no formatted text, HTML, formulas or styles; number formats kept
 * (`cellNF`) because they tell dates from numbers. `sheets` limits XLSX parsing to one sheet (XLS and ODS
 * are always parsed whole by SheetJS).
 */
function parse(bytes: Uint8Array, name: string, sheet: number | string | undefined): WorkBook {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      ...(sheet === undefined ? {} : { sheets: sheet }),
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(detail)) {
      throw new OdfError(
        'file-unreadable',
        `Le classeur ${name} est protégé par un mot de passe : enregistrez-le sans mot de passe pour qu’odf puisse le lire.`,
        { name, detail },
        `The workbook ${name} is password-protected: save it without a password so odf can read it.`,
      );
    }
    throw new OdfError(
      'file-unreadable',
      `Le classeur ${name} est illisible ou endommagé (${detail}).`,
      { name, detail },
      `The workbook ${name} is unreadable or damaged (${detail}).`,
    );
  }
}

function fold(s: string): string {
  return foldAccents(s).trim();
}

/**
 * Index of the sheet asked for: an exact name, a 1-based number, or a name equal once accents, case and
 * surrounding spaces are ignored (when only one sheet matches). Unknown → OdfError('bad-option').
 */
export function resolveSheet(wanted: string | number, names: readonly string[], file: string): number {
  if (typeof wanted === 'string') {
    const exact = names.indexOf(wanted);
    if (exact >= 0) return exact;
    const folded = names.flatMap((n, i) => (fold(n) === fold(wanted) ? [i] : []));
    if (folded.length === 1) return folded[0]!;
  }
  const n = typeof wanted === 'number' ? wanted : /^\s*\d+\s*$/.test(wanted) ? Number(wanted) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= names.length) return n - 1;
  const list = names.map((s) => `« ${s} »`).join(', ');
  throw new OdfError(
    'bad-option',
    `La feuille « ${String(wanted)} » n’existe pas dans ${file} ; ses feuilles sont : ${list} (nom ou numéro à partir de 1).`,
    { option: 'sheet', value: wanted, sheets: [...names] },
    `Sheet "${String(wanted)}" does not exist in ${file}; its sheets are: ${names.map((s) => `"${s}"`).join(', ')} (name or number from 1).`,
  );
}

/** Where the table sits in a sheet: its extent and its header row. */
interface Layout {
  data: (CellObject[] | undefined)[];
  /** 0-based index of the last row with a filled cell (-1 for an empty sheet). */
  lastRow: number;
  /** 0-based index of the first column with a filled cell in the whole sheet. */
  firstCol: number;
  /** Per row, the 0-based index of its last filled cell (-1 when blank). */
  rowEnds: number[];
  /** 0-based index of the header row, and the sheet rows (1-based) skipped above it. */
  headerIndex: number;
  skipped: number[];
  columns: string[];
}

/** Text of sheet row `r` from the first data column: at least `width` cells, and up to its last filled one. */
function rowText(layout: Layout, cells: CellReader, r: number, width: number): string[] {
  const row = layout.data[r];
  const first = layout.firstCol;
  const end = Math.max(width, (layout.rowEnds[r] ?? -1) - first + 1);
  const out = new Array<string>(end);
  for (let c = 0; c < end; c++) out[c] = cells.text(row?.[c + first]);
  return out;
}

/**
 * Measures a sheet (last filled row, first filled column, each row's last filled cell) and finds its
 * header: `headerRow` (1-based) when given, else `findHeaderRow` over the first rows.
 */
function layoutOf(
  ws: WorkSheet,
  cells: CellReader,
  headerRow: number | undefined,
  sheetName: string,
  labelScore?: (labels: string[]) => number,
): Layout {
  const data: (CellObject[] | undefined)[] = ws['!data'] ?? [];
  let lastRow = -1;
  let firstCol = Infinity;
  const rowEnds = new Array<number>(data.length).fill(-1);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    let end = row.length - 1;
    while (end >= 0 && !isFilled(row[end])) end--;
    if (end < 0) continue;
    rowEnds[r] = end;
    lastRow = r;
    for (let c = 0; c < firstCol && c <= end; c++) {
      if (isFilled(row[c])) {
        firstCol = c;
        break;
      }
    }
  }
  const layout: Layout = {
    data,
    lastRow,
    firstCol: firstCol === Infinity ? 0 : firstCol,
    rowEnds,
    headerIndex: 0,
    skipped: [],
    columns: [],
  };
  if (headerRow !== undefined) {
    if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > lastRow + 1) {
      throw new OdfError(
        'bad-option',
        `La ligne d’en-tête ${String(headerRow)} est hors de la feuille « ${sheetName} », qui a ${lastRow + 1} lignes.`,
        { option: 'headerRow', value: headerRow, rows: lastRow + 1 },
        `Header row ${String(headerRow)} is outside sheet "${sheetName}", which has ${lastRow + 1} rows.`,
      );
    }
    layout.headerIndex = headerRow - 1;
  } else {
    const head: string[][] = [];
    for (let r = 0; r <= Math.min(lastRow, HEADER_SCAN_ROWS - 1); r++)
      head.push(rowText(layout, cells, r, 0));
    const guess = findHeaderRow(head, labelScore);
    layout.headerIndex = guess.index;
    layout.skipped = guess.skipped.map((s) => s.index + 1);
  }
  layout.columns = rowText(layout, cells, layout.headerIndex, 0);
  return layout;
}

/** A sheet looks like a table when its header has two labels or more and at least one row below it. */
function looksLikeTable(layout: Layout): boolean {
  let labels = 0;
  for (const label of layout.columns) if (label.trim() !== '') labels++;
  return labels >= 2 && layout.lastRow > layout.headerIndex;
}

interface Chosen {
  names: string[];
  index: number;
  ws: WorkSheet;
  layout: Layout;
  cells: CellReader;
  /** True when odf picked the sheet (no --sheet). */
  picked: boolean;
  /** When a labelScore chose it: its score. */
  score?: number;
}

/**
 * Parses the sheet to read: the one asked for, or else the first sheet that looks like a table (see
 * looksLikeTable; visible sheets before hidden ones), or else the first sheet with data. XLSX sheets are
 * parsed one at a time, so a sheet after the chosen one costs nothing; XLS and ODS are parsed whole.
 */
function chooseSheet(
  bytes: Uint8Array,
  name: string,
  format: SheetFormat,
  wanted: string | number | undefined,
  headerRow: number | undefined,
  labelScore?: (labels: string[]) => number,
): Chosen {
  const first = wanted === undefined ? 0 : typeof wanted === 'number' ? wanted - 1 : wanted;
  let wb = parse(
    bytes,
    name,
    format !== 'xlsx' ? undefined : typeof first === 'number' && first < 0 ? 0 : first,
  );
  const names = [...wb.SheetNames];
  const cells = new CellReader(Boolean(wb.Workbook?.WBProps?.date1904));
  const load = (index: number): WorkSheet => {
    const sheetName = names[index]!;
    if (!wb.Sheets[sheetName]) wb = parse(bytes, name, index);
    return wb.Sheets[sheetName] ?? {};
  };
  const chosen = (index: number, ws: WorkSheet, picked: boolean): Chosen => {
    const layout = layoutOf(ws, cells, headerRow, names[index]!, labelScore);
    return { names, index, ws, layout, cells, picked };
  };
  if (wanted !== undefined) {
    const index = resolveSheet(wanted, names, name);
    const result = chosen(index, load(index), false);
    if (result.layout.lastRow < 0) {
      throw new OdfError(
        'empty-file',
        `La feuille « ${names[index]!} » du classeur ${name} est vide.`,
        { name, sheet: names[index], sheets: names },
        `Sheet "${names[index]!}" of workbook ${name} is empty.`,
      );
    }
    return result;
  }
  const hidden = names.map((_, i) => (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0);
  const order = names.map((_, i) => i).sort((a, b) => Number(hidden[a]) - Number(hidden[b]) || a - b);
  let fallback: { index: number; ws: WorkSheet } | undefined;
  // With an expectation (a schema), every table-like sheet is scored and the best one read: real exports
  // put a pivot table or a summary first and the data on another sheet.
  if (labelScore && names.length > 1) {
    let best: { index: number; ws: WorkSheet; score: number } | undefined;
    for (const index of order) {
      const ws = load(index);
      const layout = layoutOf(ws, cells, headerRow, names[index]!, labelScore);
      if (layout.lastRow < 0 || !looksLikeTable(layout)) continue;
      const score = labelScore(layout.columns);
      if (!best || score > best.score) best = { index, ws, score };
    }
    if (best && best.score > 0) return { ...chosen(best.index, best.ws, true), score: best.score };
  }
  for (const index of order) {
    const ws = load(index);
    const layout = layoutOf(ws, cells, undefined, names[index]!, labelScore);
    if (layout.lastRow < 0) continue;
    if (looksLikeTable(layout))
      return headerRow === undefined
        ? { names, index, ws, layout, cells, picked: true }
        : chosen(index, ws, true);
    fallback ??= { index, ws };
  }
  if (fallback) return chosen(fallback.index, fallback.ws, true);
  throw new OdfError(
    'empty-file',
    `Le classeur ${name} ne contient aucune donnée (${names.length > 1 ? 'toutes ses feuilles sont vides' : 'sa feuille est vide'}).`,
    { name, sheets: names },
    `The workbook ${name} holds no data (${names.length > 1 ? 'all its sheets are empty' : 'its sheet is empty'}).`,
  );
}
// ---------------------------------------------------------------------------------------------------------------
// Rows

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function readBytes(input: { path?: string; bytes?: Uint8Array; name: string }): Promise<Uint8Array> {
  if (input.bytes) return input.bytes;
  if (input.path === undefined) {
    throw new OdfError('bad-option', 'Aucun fichier ni contenu à lire.', {}, 'No file or content to read.');
  }
  try {
    return await readFile(input.path);
  } catch (e) {
    throw readError(input.name, input.path, e);
  }
}

/**
 * Opens a spreadsheet (XLSX, XLS or ODS) and yields its data rows as the text a person sees (see
 * CellReader): numbers in shortest round-trip form, dates as ISO 8601, booleans `true`/`false`, formulas
 * as their cached value, error cells as their text (`#DIV/0!`). Merged cells keep their value in the
 * top-left cell only. Leading columns and trailing rows and columns that are empty in the whole sheet are
 * dropped; a row shorter than the header is padded with empty cells.
 *
 * The sheet is `options.sheet` (name or 1-based number) or the first sheet with data. The header is
 * `options.headerRow` (sheet row) or found by `findHeaderRow` below blank and title rows. The whole
 * workbook is parsed before the first row is yielded (SheetJS does not stream); rows are released as
 * they are yielded.
 *
 * Failures: `not-a-table` (not a workbook), `zip-bomb` (declared uncompressed size beyond
 * `options.maxUnzipped`, default 1 GiB), `file-unreadable` (damaged or password-protected), `empty-file`,
 * `bad-option` (unknown sheet, header row beyond the data).
 */
export async function openWorkbook(
  input: { path?: string; bytes?: Uint8Array; name: string },
  options: OpenOptions,
): Promise<OpenTable> {
  const name = input.name;
  const bytes = await readBytes(input);
  if (bytes.length === 0) {
    throw new OdfError('empty-file', `Le fichier ${name} est vide.`, { name }, `The file ${name} is empty.`);
  }
  const format = detectSheetFormat(bytes, name, options.maxUnzipped ?? DEFAULT_MAX_UNZIPPED);
  const { names, index, ws, layout, cells, picked, score } = chooseSheet(
    bytes,
    name,
    format,
    options.sheet,
    options.headerRow,
    options.labelScore,
  );
  const sheetName = names[index]!;
  const { data, lastRow, firstCol, headerIndex, columns } = layout;
  const width = columns.length;
  const findings: Finding[] = [];

  if (layout.skipped.length > 0) {
    findings.push({
      code: 'header-rows-skipped',
      level: 'warning',
      loc: { line: headerIndex + 1 },
      params: { lines: layout.skipped, headerLine: headerIndex + 1 },
    });
  }
  if (picked && names.length > 1) {
    findings.push({
      code: 'sheet-chosen',
      level: 'info',
      loc: {},
      params:
        score === undefined
          ? { sheet: sheetName, sheets: names }
          : { sheet: sheetName, sheets: names, score },
    });
  }
  const tableMerges = (ws['!merges'] ?? []).filter((m) => m.e.r >= headerIndex);
  if (tableMerges.length > 0) {
    const firstMerge = tableMerges.reduce((a, b) => (b.s.r < a.s.r ? b : a));
    findings.push({
      code: 'sheet-merged-cells',
      level: 'warning',
      loc: { line: firstMerge.s.r + 1, rowNumber: firstMerge.s.r - headerIndex + 1 },
      params: {
        count: tableMerges.length,
        ranges: tableMerges.slice(0, MAX_LISTED_MERGES).map((m) => XLSX.utils.encode_range(m)),
      },
    });
  }

  const meta: TableMeta = {
    path: input.path ?? name,
    format,
    headerRow: headerIndex + 1,
    columns,
    sheet: sheetName,
    sheets: names,
    bytes: bytes.length,
    findings,
  };
  const onProgress = options.onProgress;
  const size = bytes.length;
  const dataRows = Math.max(1, lastRow - headerIndex);

  async function* rows(): AsyncGenerator<RawRow> {
    let count = 0;
    for (let r = headerIndex + 1; r <= lastRow; r++) {
      const text = rowText(layout, cells, r, width);
      const row = data[r];
      if (row) {
        for (let c = firstCol; c < row.length; c++) {
          if (row[c]?.t === 'e') {
            findings.push({
              code: 'sheet-error-cell',
              level: 'warning',
              loc: { rowNumber: r - headerIndex + 1, line: r + 1, fieldNumber: c - firstCol + 1 },
              params: { cell: `${columnLetters(c)}${r + 1}`, value: text[c - firstCol] },
              value: text[c - firstCol],
            });
          }
        }
      }
      // Release the parsed row: the workbook is gone once the last row is read.
      data[r] = undefined;
      count++;
      if (onProgress && count % PROGRESS_EVERY === 0) onProgress(Math.floor((size * count) / dataRows));
      yield { cells: text, rowNumber: r - headerIndex + 1, line: r + 1 };
    }
    meta.rowCount = count;
    onProgress?.(size);
  }

  return { meta, rows: rows() };
}
