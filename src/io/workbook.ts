// What every workbook reader (XLSX, ODS, XLS) gives the spreadsheet layer: sheets, then rows of cell texts.
import type { ReaderLimits } from './limits.js';

/** Spreadsheet formats odf reads. */
export type SheetFormat = 'xlsx' | 'xls' | 'ods';

/** One sheet of a workbook, in workbook order. */
export interface SheetInfo {
  name: string;
  hidden: boolean;
}

/** A row as a reader gives it. */
export interface SheetRow {
  /** 0-based sheet row (sheet row 1 is index 0). */
  index: number;
  /** Cell texts by 0-based column, up to the last non-empty one ('' for an empty cell). */
  cells: string[];
  /** 0-based columns of the cells whose type is error (formula errors such as #DIV/0!). */
  errors?: number[];
  /** How many identical consecutive rows this one stands for (ODS `number-rows-repeated`); 1 otherwise. */
  repeat: number;
}

/** A merged range, 0-based and inclusive. */
export interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** Something a reader met in a sheet and left out or cut, to be reported in place. */
export interface SheetProblem {
  kind: 'cell-too-long' | 'column-beyond-limit' | 'row-beyond-limit';
  /** 0-based row and column of the cell. */
  r: number;
  c: number;
  /** The length of the cell (cell-too-long). */
  length?: number;
}

/** Callbacks a reader calls while it streams a sheet. */
export interface SheetEvents {
  merge(range: MergeRange): void;
  problem(problem: SheetProblem): void;
}

/** An opened workbook. Each `rows` call streams the sheet from its start (a new pass). */
export interface WorkbookReader {
  format: SheetFormat;
  sheets: SheetInfo[];
  /** Rows of sheet `index` in batches, in sheet order; blank rows may be omitted (their index says so). */
  rows(index: number, events: SheetEvents): AsyncGenerator<SheetRow[]>;
  /** How far into the file reading has gone, in bytes (for progress), when the reader knows. */
  position?(): number;
  close(): Promise<void>;
  /**
   * ODS opened with `speculativeSheets`: `sheets` holds the first table only (more may follow in
   * content.xml). It becomes the complete list, in place, when a pass of `rows` reaches the end of
   * content.xml or when `allSheets` has read them all (one more pass); `provisional` is then false.
   */
  provisional?: boolean;
  allSheets?(): Promise<void>;
}

/**
 * Thrown at the end of a sheet's rows read on the first table of an ODS alone (`speculativeSheets`), when
 * the workbook's other tables change which sheet, or which header, is read: the rows given were not the
 * right ones, and the file must be read again without speculation.
 */
export class SheetsChanged extends Error {
  constructor() {
    super('the sheets of the workbook change the sheet read');
    this.name = 'SheetsChanged';
  }
}

/** How a reader is opened. */
export interface WorkbookInput {
  /** Display name (messages). */
  name: string;
  limits: ReaderLimits;
  /**
   * Tests only: `false` reads XLSX sheets and ODS tables with the XML parser alone (the reference the
   * sheet and ODS scanners are compared with), and `textChunk` cuts the decoded sheet or content.xml text
   * in pieces of that many characters.
   */
  sheetScanner?: boolean;
  textChunk?: number;
  /**
   * ODS: do not read the whole of content.xml for its table names before the rows; the first table is
   * read on speculation (see `WorkbookReader.provisional`).
   */
  speculativeSheets?: boolean;
  /** Tests only: bytes of XLSX shared strings kept in memory before they go to a temporary file. */
  sharedStringsInMemory?: number;
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `A1` reference of a 0-based cell. */
export function cellRef(r: number, c: number): string {
  return `${columnLetters(c)}${r + 1}`;
}

/**
 * The 0-based row and column of an `A1` reference (`$` allowed), or undefined when it is not one. Columns
 * longer than 7 letters and rows longer than 10 digits are refused before any arithmetic, so a hostile
 * reference cannot make a huge number.
 */
export function parseCellRef(ref: string): { r: number; c: number } | undefined {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,10})$/.exec(ref);
  if (!m) return undefined;
  let c = 0;
  for (const ch of m[1]!.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  const r = Number(m[2]);
  if (r < 1) return undefined;
  return { r: r - 1, c: c - 1 };
}

/** The column (0-based) of an `A1` reference's letters, or -1. */
export function parseColumn(ref: string): number {
  return parseColumnAt(ref, 0, ref.length);
}

/** `parseColumn` of the characters [start, end) of `text`, without cutting them out. */
export function parseColumnAt(text: string, start: number, end: number): number {
  let c = 0;
  let i = start;
  for (; i < end && i - start < 8; i++) {
    const code = text.charCodeAt(i) | 0x20;
    if (code < 97 || code > 122) break;
    c = c * 26 + (code - 96);
  }
  return i === start || i - start > 7 ? -1 : c - 1;
}
