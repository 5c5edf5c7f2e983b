// The report: what odf found about one or more files, as plain data every renderer reads.
import type { Level } from '../findings/types.js';

/**
 * One finding as reported: machine fields plus the human message and hint in the report's language.
 * Two numbers locate it: `rowNumber` counts records as Frictionless does (header = 1, first data row = 2),
 * `line` is the physical line people see in their editor or spreadsheet (header findings: the header's
 * line). They differ when title lines precede the header or a cell spans several lines. Every
 * human-facing format shows `line` only.
 */
export interface ReportFinding {
  code: string;
  level: Level;
  message: string;
  hint?: string;
  rowNumber?: number;
  line?: number;
  fieldName?: string;
  fieldNumber?: number;
  column?: string;
  value?: string;
  params: Record<string, unknown>;
  fixable?: boolean;
}

/** How one schema field is fed by the input (the column mapping as reported). */
export interface ReportColumn {
  field: string;
  /** The input label feeding it, absent when none. */
  label?: string;
  /** 1-based input column number. */
  column?: number;
  match?: string;
  constant?: string;
  suggestion?: string;
  /**
   * What a suggestion (applied with `match: suggestion`, or only offered) rests on: `name`, `content`,
   * `name+content` or `content-mismatch` (issue 11), and its score (0..1).
   */
  evidence?: string;
  score?: number;
  /** The input columns a composed field is made of (proposed, or applied). */
  composedOf?: string[];
  /**
   * The input column the field is a part of (proposed, or applied): the column's label and 1-based
   * number, the part (`lon`, `lat`, `date`, `time`), for coordinates the order of the pairs and what
   * decided it (or why nothing did: `undecided`), and the first row's part.
   */
  splitFrom?: {
    label: string;
    column: number;
    part: string;
    order?: string;
    orderEvidence?: string;
    undecided?: string;
    example?: string;
  };
}

/** The report for one file. */
export interface FileReport {
  path: string;
  valid: boolean;
  partial: boolean;
  source: {
    format: string;
    encoding?: string;
    encodingConfidence?: number;
    bom?: boolean;
    delimiter?: string;
    quoteChar?: string;
    lineTerminator?: string;
    headerRow?: number;
    sheet?: string;
    sheets?: string[];
  };
  schema?: {
    name?: string;
    version?: string;
    /** The schema's own title, when it has one (user text: escaped by every renderer). */
    title?: string;
    source: string;
    recognized?: boolean;
    score?: number;
  };
  /** Input header labels. */
  labels: string[];
  columns: ReportColumn[];
  extraColumns: string[];
  stats: {
    rows: number;
    errors: number;
    warnings: number;
    infos: number;
    cells: number;
    invalidCells: number;
    /** Data rows with at least one error. */
    invalidRows?: number;
  };
  findings: ReportFinding[];
  /**
   * Exact counts of every finding, listed or not (`--limit-errors` stops collecting, never counting):
   * per code (every level) and per column (errors and warnings; key: field name, else input label,
   * else `#` and the column number).
   */
  totals: { byCode: Record<string, number>; byColumn: Record<string, number> };
  /** What `odf normalize` did (absent for validate). */
  normalize?: NormalizeSummary;
  /** The 0–100 quality score (docs/score.md). */
  score?: ScoreDetail;
  /** What is in each input column (fill rate, distinct values, range, most frequent values). */
  profile?: ColumnProfile[];
}

/** The quality score of one file and its two parts, each 0–100 (docs/score.md). */
export interface ScoreDetail {
  score: number;
  structure: number;
  content: number;
}

/** One value and how often it was seen (a lower bound once the column has more distinct values than tracked). */
export interface ValueCount {
  value: string;
  count: number;
}

/** The profile of one input column, computed in the validation pass with bounded memory. */
export interface ColumnProfile {
  /** 1-based input column number. */
  column: number;
  label: string;
  /** The schema field it feeds, when mapped. */
  field?: string;
  /** The field's type, or the kind the values look like when no field is mapped. */
  type: string;
  /** Data rows seen and non-empty cells among them. */
  rows: number;
  filled: number;
  /** filled / rows, 0..1 (0 when there are no rows). */
  fillRate: number;
  /** Distinct non-empty values: exact when `distinctExact`, else a HyperLogLog estimate. */
  distinct: number;
  distinctExact: boolean;
  /** Smallest and largest numbers (decimal comma accepted), when the column holds numbers. */
  numbers?: { count: number; min: number; max: number };
  /** Earliest and latest dates as YYYY-MM-DD (ISO or DD/MM/YYYY), when the column holds dates. */
  dates?: { count: number; min: string; max: string };
  /** Most frequent values, most frequent first; counts are exact when `topExact`. Absent when values are hidden. */
  top?: ValueCount[];
  topExact: boolean;
  /** True when values are withheld (personal data). */
  hidden?: boolean;
}

/** What normalize wrote and repaired for one file. */
export interface NormalizeSummary {
  output?: { path: string; bytes: number; sha256: string; rows: number };
  rejected?: { path: string; rows: number };
  counts: { read: number; written: number; rejected: number; blankDropped: number };
  repairs: { field: string; kind: string; count: number; example?: { from: string; to: string } }[];
  /** Findings about the input that the output no longer has (renamed headers, encoding…), per code. */
  fixed?: Record<string, number>;
  /** The datapackage.json written beside the output (absent with --no-metadata or when nothing was written). */
  metadata?: { path: string; resources: number };
  droppedColumns: string[];
  /**
   * Every input column's non-empty cells: read (`filled`) = `written` (to the output or the rejected rows)
   * + `dropped` (issue 11). Absent from reports of older versions.
   */
  cells?: {
    column: number;
    label: string;
    field?: string;
    filled: number;
    written: number;
    dropped: number;
  }[];
  /** Non-empty cells of rows longer than the header, which no column carries (dropped). */
  cellsBeyondHeader?: number;
  /** What --redact did (columns and kinds, never values). */
  redactions?: { column?: string; kind?: string; action: string; scope: string; count: number }[];
  /** Why no file was written, when none was. */
  notWritten?: string;
}

/** The report of one odf run over one or more files. */
export interface Report {
  version: 1;
  valid: boolean;
  lang: 'fr' | 'en';
  files: FileReport[];
  /** Files odf could not read at all (missing, not a table…), with the sentence explaining why. */
  failures: { path: string; code: string; message: string }[];
  summary: {
    files: number;
    valid: number;
    invalid: number;
    failed: number;
    rows: number;
    errors: number;
    warnings: number;
    /** The batch score (docs/score.md): mean of the file scores, unreadable files counting 0. */
    score?: number;
    /** Files found in directories or by globs but not read (unsupported format). */
    skipped?: number;
  };
  /** Files found in directories or by globs that odf does not read, listed rather than failed. */
  skipped?: SkippedFile[];
  /** True when warnings made files invalid (`--strict`). */
  strict?: boolean;
  /** Present in the report of one share of a batch (`--shard K/N`), for `odf report merge`. */
  shard?: ShardInfo;
  /**
   * `warning` when a warning about the data fails the run too (`--fail-level warning`: exit code 1)
   * without changing the verdicts; absent for the default, `error`.
   */
  failLevel?: 'warning';
}

/**
 * What the report of one share of a batch carries so that the shares can be merged: its share, the
 * number of inputs of the whole batch, and the place in the whole batch of each of its files, failures
 * and skipped files.
 */
export interface ShardInfo {
  index: number;
  total: number;
  inputs: number;
  positions: { files: number[]; failures: number[]; skipped: number[] };
}

/** A file a batch passed over, and why. */
export interface SkippedFile {
  path: string;
  reason: 'unsupported';
}
