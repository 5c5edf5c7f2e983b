// Types shared by every reader: the raw row and what detection found about a table.
import type { Finding } from '../findings/types.js';

/**
 * One row of cells as read, before any schema is applied. rowNumber: header = 1, first data row = 2.
 *
 * `cells` always holds the row's cells. A reader may also hand the row as offsets into the text it
 * decoded (`cuts`, the CSV reader for a line without quotes or with plain quoting): a consumer that reads cells one by one
 * (the validation loop) then makes a string only of the cells it needs. `cuts` is undefined once
 * `cells` has been read (the row then holds its strings, and whoever holds the row may change them), and
 * it is an accessor of the reader's row, so a copy (`{ ...row, cells }`) never carries it.
 */
export interface RawRow {
  cells: string[];
  rowNumber: number;
  /** Physical line (1-based) where the row starts; for spreadsheets, the sheet row number. */
  line: number;
  readonly cuts?: RowCuts | undefined;
}

/**
 * A row as offsets: its `count` cells are in `text`, cell `i` from `bounds[at + 2i]` to
 * `bounds[at + 2i + 1]` (end excluded). Nothing in it is ever written again.
 */
export interface RowCuts {
  readonly text: string;
  readonly bounds: Int32Array;
  readonly at: number;
  readonly count: number;
  /** How the row's line is quoted, when the reader vouches for it (see LineLayout); absent: unknown. */
  readonly layout?: LineLayout | undefined;
  /**
   * Where the row's line (without its line break) is in the input's bytes, when the reader was asked
   * (OpenOptions.lineBytes) and can tell: a line it vouches for (`layout` 'unquoted' or 'quoted') of
   * valid UTF-8, so that its bytes are the UTF-8 of its text. Valid only until the reader reads on:
   * undefined from then on.
   */
  readonly lineBytes?: LineBytes | undefined;
}

/** A line's bytes: `bytes[start, end)`, read-only (the reader's buffer). */
export interface LineBytes {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

export type { RowCells } from '../text/row-cells.js';

/** Names of the encodings odf recognises (output spelling). */
export type EncodingName =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15' | 'iso-8859-1' | 'macintosh';

export type TableFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

/** What odf found about a table (the `detect` output for one file). Keys absent where they do not apply. */
export interface TableMeta {
  path: string;
  format: TableFormat;
  encoding?: string;
  /** 0..1, how sure the encoding detection is. */
  encodingConfidence?: number;
  bom?: boolean;
  delimiter?: string;
  /** The quote character; `''` when the file does not quote its fields (tab-separated text). */
  quoteChar?: string;
  /** 'LF' | 'CRLF' | 'CR' */
  lineTerminator?: string;
  /** 1-based physical line (CSV) or sheet row (spreadsheet) of the header. */
  headerRow: number;
  /** The header labels, as read. */
  columns: string[];
  /** Data rows; known after the rows have been read (filled in at the end of iteration). */
  rowCount?: number;
  sheet?: string;
  sheets?: string[];
  /** Total size in bytes when known (a file), for progress. */
  bytes?: number;
  /** Findings met while reading (encoding, format, skipped title rows). Grows while rows are read. */
  findings: Finding[];
}

/** Options for opening a table. */
export interface OpenOptions {
  /** Override encoding detection (any name iconv-lite knows). */
  encoding?: string;
  delimiter?: string;
  quoteChar?: string;
  /** 1-based row of the header (physical line for CSV, sheet row for spreadsheets). */
  headerRow?: number;
  /** Sheet name or 1-based index. */
  sheet?: string | number;
  /**
   * Refuse workbooks whose uncompressed size exceeds this many bytes, as declared by the archive and as
   * actually inflated (default 1 GiB). See docs/limits.md for every limit below.
   */
  maxUnzipped?: number;
  /** Inflated size in bytes of an XLSX shared string table, held in memory (default 128 MiB). */
  maxSharedStrings?: number;
  /** Characters of one cell; longer cells are cut, with a `cell-too-long` finding (default 1 Mi). */
  maxCellLength?: number;
  /** Characters of one CSV row; a longer row is cut, with a `line-too-long` finding (default 16 Mi). */
  maxLineLength?: number;
  /** Cells of one row; cells beyond are left out, with a finding (default 16,384). */
  maxColumns?: number;
  /** Rows of one sheet; rows beyond are left out, with a finding (default 1,048,576). */
  maxRows?: number;
  /** Cells one ODS repetition attribute may create from non-empty content (default 1,000,000). */
  maxRepeatedCells?: number;
  /** Display name for stdin or buffers. */
  name?: string;
  /**
   * Without `sheet`, how well a sheet's header labels fit what is expected (0..1, e.g. the schema):
   * the workbook's best-scoring sheet is read instead of the first that looks like a table.
   */
  labelScore?: (labels: string[]) => number;
  /** Called with the bytes consumed so far (progress). */
  onProgress?: (bytesRead: number) => void;
  /**
   * Without `sheet`: an ODS is read on its first table before its other tables are known (one pass over
   * content.xml instead of two). When they change the sheet or header read, the row stream ends by
   * throwing `SheetsChanged` (io/workbook.ts): the caller reads the file again without this option.
   */
  speculativeSheets?: boolean;
  /**
   * Locate the lines of the rows handed as offsets in the input's bytes (RowCuts.lineBytes), for a
   * writer that copies lines as read (normalize): one byte search per such row.
   */
  lineBytes?: boolean;
  /** The stream read when the input is '-' (the CLI passes process.stdin; library code never touches process). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * A row iterator that can also hand over a row it already holds without a promise: `nextReady()` gives
 * the next row when it is at hand, or undefined (then `next()` reads on). A reader delivers rows in
 * batches, so a loop that asks `nextReady()` first pays one promise per batch instead of one per row.
 */
export interface RowIterator extends AsyncIterator<RawRow, undefined> {
  nextReady?(): RawRow | undefined;
}

/**
 * How a text file's data rows are read, once its opening settled it: what reading a chunk of them on
 * another thread needs (readTextRange). Only for a regular file whose encoding no later byte can change.
 */
export interface TextReading {
  path: string;
  size: number;
  encoding: string;
  delimiter: string;
  quoteChar: string;
  /** Records before the data rows (the lines above the header, and the header). */
  records: number;
}

/** An opened table: its metadata and its data rows (header excluded), read once. */
export interface OpenTable {
  meta: TableMeta;
  rows: AsyncIterable<RawRow>;
  /** Set for a regular text file: how its data rows are read (chunks on worker threads, issue 14). */
  text?: TextReading;
  /**
   * Release what the reader holds open (a workbook's file) when the rows are not read to their end, e.g.
   * a failure between opening and reading. Reading to the end releases it too; calling it twice is safe.
   */
  close?(): Promise<void>;
}

/**
 * How the line of a row handed as offsets is written, as the scanner vouches for it. The line holds no
 * line break, and its cells follow one another with one delimiter between them; then:
 * - `unquoted`: no quote character on the line, each cell is the text between its delimiters;
 * - `quoted`: each cell is bare text without a quote, or wholly between quotes with no quote inside;
 * - `doubled`: as `quoted`, but some quoted cells held doubled quotes, each made one quote in the row's text.
 * A consumer that copies lines (normalize's line copier) relies on it instead of searching the line again.
 */
export type LineLayout = 'unquoted' | 'quoted' | 'doubled';
