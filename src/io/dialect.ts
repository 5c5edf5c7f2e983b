// Dialect sniffing (pure): which delimiter and line terminator a CSV text uses, judged on a quote-aware sample.
import { CsvScanner, type CsvScannerOptions, type LineBreakCounts } from './csv.js';

/** The delimiters odf tries, in order of preference when two fit equally well. */
export const CANDIDATE_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/** 'LF' | 'CRLF' | 'CR'. */
export type LineTerminator = 'LF' | 'CRLF' | 'CR';

/** A row of the sample, as scanned with the chosen dialect. */
export interface SampleRow {
  cells: string[];
  /** Physical line (1-based) where the row starts. */
  line: number;
}

/** What `sniffDialect` found. */
export interface DialectGuess {
  delimiter: string;
  /** The quote character; '' for tab-separated text that does not quote its fields. */
  quoteChar: string;
  /** The most frequent line break between rows; undefined when the sample has none (one line). */
  lineTerminator?: LineTerminator;
  /** The complete rows of the sample scanned with this dialect (a row cut by the sample's end is left out). */
  rows: SampleRow[];
  /** Share (0..1) of the sample's non-blank rows that have the modal field count and no quoting problem. */
  consistency: number;
}

/** Options of `sniffDialect`. */
export interface SniffDialectOptions {
  /** Forced delimiter (no sniffing). */
  delimiter?: string;
  /** Quote character (default `"`). */
  quoteChar?: string;
  /** True when `sample` is the whole text: its last row counts even without a final line break. */
  complete: boolean;
  /** How many rows are used to score a delimiter (default 200). */
  maxScoredRows?: number;
}

interface Scan {
  rows: SampleRow[];
  problemLines: Set<number>;
  lineBreaks: LineBreakCounts;
}

/**
 * Rows of a sample kept for scoring, the header and `--header-row`. A 4 MiB head of short lines holds a
 * million rows; kept whole for each candidate delimiter, they took hundreds of MB.
 */
export const MAX_SAMPLE_ROWS = 5_000;

function scanSample(sample: string, options: CsvScannerOptions, complete: boolean): Scan {
  const rows: SampleRow[] = [];
  const problemLines = new Set<number>();
  let data = false;
  const scanner = new CsvScanner(
    options,
    (cells, line) => {
      // Past the limit, one row with data is still kept when none was: the sample is not « empty ».
      const blank = isBlankRow(cells);
      if (rows.length < MAX_SAMPLE_ROWS || (!data && !blank)) rows.push({ cells, line });
      data ||= !blank;
    },
    (p) => {
      if (problemLines.size < MAX_SAMPLE_ROWS) problemLines.add(p.line);
    },
  );
  scanner.push(sample);
  if (complete) scanner.end();
  return { rows, problemLines, lineBreaks: scanner.lineBreaks };
}

function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Score a scan: the modal field count over non-blank rows, and the share of those rows that have it
 * without a quoting problem (a delimiter that cuts through quoted cells makes stray quotes).
 */
function score(scan: Scan, maxRows: number): { mode: number; consistency: number } {
  const counts = new Map<number, number>();
  const used: SampleRow[] = [];
  for (const row of scan.rows) {
    if (used.length >= maxRows) break;
    if (isBlankRow(row.cells)) continue;
    used.push(row);
    counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  }
  if (used.length === 0) return { mode: 1, consistency: 0 };
  let mode = 1;
  let best = -1;
  for (const [width, n] of counts) {
    if (n > best || (n === best && width > mode)) {
      mode = width;
      best = n;
    }
  }
  let consistent = 0;
  for (const row of used) {
    if (row.cells.length === mode && !scan.problemLines.has(row.line)) consistent++;
  }
  return { mode, consistency: consistent / used.length };
}

/**
 * True when a tab-separated sample quotes its fields: some field starts with the quote character, or the
 * sample holds no quote at all (then reading with CSV rules changes nothing).
 */
function quotesFields(sample: string, quoteChar: string): boolean {
  if (!sample.includes(quoteChar)) return true;
  for (const line of sample.split(/\r\n|\n|\r/)) {
    for (const field of line.split('\t')) {
      if (field.trimStart().startsWith(quoteChar)) return true;
    }
  }
  return false;
}

function terminatorOf(counts: LineBreakCounts): LineTerminator | undefined {
  const { lf, crlf, cr } = counts;
  if (lf === 0 && crlf === 0 && cr === 0) return undefined;
  if (crlf >= lf && crlf >= cr) return 'CRLF';
  return lf >= cr ? 'LF' : 'CR';
}

/**
 * Find the delimiter of a CSV sample by the consistency of field counts over its rows, scanned
 * quote-aware with each candidate (`,` `;` tab `|`): the candidate under which most non-blank rows have
 * the same number of fields (more than one) and no quoting problem wins; a tie goes to the wider table,
 * then to the earlier candidate. Commas inside the text of a `;` file make ragged rows under `,`, so `;`
 * wins. When no candidate splits most rows, the file has one column: the delimiter is the first candidate
 * that splits no row at all (`,` unless some cell holds a comma), else `,`. A tab-separated sample in
 * which no field starts with a quote is read without quoting (`quoteChar` '').
 *
 * @param sample the beginning of the decoded text (BOM removed), e.g. its first 64 KiB
 */
export function sniffDialect(sample: string, options: SniffDialectOptions): DialectGuess {
  const quoteChar = options.quoteChar ?? '"';
  const maxRows = options.maxScoredRows ?? 200;
  const candidates = options.delimiter !== undefined ? [options.delimiter] : CANDIDATE_DELIMITERS;
  let chosen: { delimiter: string; scan: Scan; mode: number; consistency: number } | undefined;
  for (const delimiter of candidates) {
    if (delimiter === quoteChar) continue;
    // A candidate the sample does not hold leaves every row one cell (mode 1): it cannot split, so it is
    // not scanned. Most files hold one candidate only, and each scan of the sample costs about as much as
    // reading it; it also made V8 optimise the scanner for the sniff rather than for the file (issue 14).
    if (options.delimiter === undefined && !sample.includes(delimiter)) continue;
    const scan = scanSample(sample, { delimiter, quoteChar }, options.complete);
    const { mode, consistency } = score(scan, maxRows);
    const splits = mode > 1 || options.delimiter !== undefined;
    if (!splits) continue;
    if (
      !chosen ||
      consistency > chosen.consistency ||
      (consistency === chosen.consistency && mode > chosen.mode)
    ) {
      chosen = { delimiter, scan, mode, consistency };
    }
  }
  if (!chosen) {
    // One column: take the first candidate that splits no row, so that no cell is cut.
    for (const delimiter of CANDIDATE_DELIMITERS) {
      if (delimiter === quoteChar) continue;
      const scan = scanSample(sample, { delimiter, quoteChar }, options.complete);
      if (!chosen || scan.rows.every((r) => r.cells.length === 1)) {
        chosen = { delimiter, scan, ...score(scan, maxRows) };
        if (scan.rows.every((r) => r.cells.length === 1)) break;
      }
    }
  }
  if (!chosen) throw new RangeError('no usable delimiter');
  if (chosen.delimiter === '\t' && options.quoteChar === undefined && !quotesFields(sample, quoteChar)) {
    // Tab-separated text has no quoting (IANA text/tab-separated-values): quotes in it are data, e.g.
    // JSON-like cells `["Hameau de Cerin", …]`. Read with CSV rules only when some field starts quoted.
    const scan = scanSample(sample, { delimiter: '\t', quoteChar: '' }, options.complete);
    chosen = { delimiter: '\t', scan, ...score(scan, maxRows) };
    return {
      delimiter: '\t',
      quoteChar: '',
      lineTerminator: terminatorOf(scan.lineBreaks),
      rows: scan.rows,
      consistency: chosen.consistency,
    };
  }
  return {
    delimiter: chosen.delimiter,
    quoteChar,
    lineTerminator: terminatorOf(chosen.scan.lineBreaks),
    rows: chosen.scan.rows,
    consistency: chosen.consistency,
  };
}
