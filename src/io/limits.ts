// The limits every reader keeps, so that no input can exhaust time or memory (docs/limits.md explains each).
import type { OpenOptions } from './types.js';

/** Declared and actual uncompressed size of a workbook archive: 1 GiB (`OpenOptions.maxUnzipped`). */
export const DEFAULT_MAX_UNZIPPED = 2 ** 30;
/**
 * Inflated size of a workbook's shared string table (XLSX `sharedStrings.xml`), which must be held in
 * memory while the sheet is read: 128 MiB (`OpenOptions.maxSharedStrings`).
 */
export const DEFAULT_MAX_SHARED_STRINGS = 128 * 2 ** 20;
/** Characters of one cell (CSV quoted cell, spreadsheet cell): 1 Mi (`OpenOptions.maxCellLength`). */
export const DEFAULT_MAX_CELL_LENGTH = 2 ** 20;
/** Characters of one CSV row (all its cells and delimiters): 16 Mi (`OpenOptions.maxLineLength`). */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 2 ** 20;
/** Cells of one row: 16,384, the column count of Excel and LibreOffice (`OpenOptions.maxColumns`). */
export const DEFAULT_MAX_COLUMNS = 16_384;
/** Rows of one sheet: 1,048,576, the row count of Excel and LibreOffice (`OpenOptions.maxRows`). */
export const DEFAULT_MAX_ROWS = 1_048_576;
/**
 * Cells that one repetition attribute of an ODS sheet (`table:number-rows-repeated`,
 * `table:number-columns-repeated`) may create from non-empty content: 1,000,000
 * (`OpenOptions.maxRepeatedCells`). Repeated empty rows and cells cost nothing and are not counted.
 */
export const DEFAULT_MAX_REPEATED_CELLS = 1_000_000;
/**
 * Characters of XML text or of one tag with no event in between, which the XML parser holds whole: four
 * cells, and at least 32 Mi (a cell between the cell limit and this is cut, with a finding; beyond, the
 * file is refused).
 */
export function xmlRunLimit(maxCellLength: number): number {
  return Math.max(maxCellLength * 4, 32 * 2 ** 20);
}

/** The limits in force for one read. */
export interface ReaderLimits {
  maxUnzipped: number;
  maxSharedStrings: number;
  maxCellLength: number;
  maxLineLength: number;
  maxColumns: number;
  maxRows: number;
  maxRepeatedCells: number;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** The limits of `options`, defaults where unset (a value that is not a positive number is ignored). */
export function readerLimits(options: OpenOptions): ReaderLimits {
  return {
    maxUnzipped: positive(options.maxUnzipped, DEFAULT_MAX_UNZIPPED),
    maxSharedStrings: positive(options.maxSharedStrings, DEFAULT_MAX_SHARED_STRINGS),
    maxCellLength: positive(options.maxCellLength, DEFAULT_MAX_CELL_LENGTH),
    maxLineLength: positive(options.maxLineLength, DEFAULT_MAX_LINE_LENGTH),
    maxColumns: positive(options.maxColumns, DEFAULT_MAX_COLUMNS),
    maxRows: positive(options.maxRows, DEFAULT_MAX_ROWS),
    maxRepeatedCells: positive(options.maxRepeatedCells, DEFAULT_MAX_REPEATED_CELLS),
  };
}

/** A size in French (`1,0 Gio`, `12,5 Mio`, `512 octets`) and English. */
export function sizeText(bytes: number): { fr: string; en: string } {
  if (bytes >= 2 ** 30) {
    const v = (bytes / 2 ** 30).toFixed(1);
    return { fr: `${v.replace('.', ',')} Gio`, en: `${v} GiB` };
  }
  if (bytes >= 2 ** 20) {
    const v = (bytes / 2 ** 20).toFixed(1);
    return { fr: `${v.replace('.', ',')} Mio`, en: `${v} MiB` };
  }
  return { fr: `${bytes} octets`, en: `${bytes} bytes` };
}
