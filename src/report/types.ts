// The report: what odf found about one or more files, as plain data every renderer reads.
import type { Level } from '../findings/types.js';

/** One finding as reported: machine fields plus the human message and hint in the report's language. */
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
  schema?: { name?: string; version?: string; source: string; recognized?: boolean; score?: number };
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
  };
  findings: ReportFinding[];
  /** What `odf normalize` did (absent for validate). */
  normalize?: NormalizeSummary;
}

/** What normalize wrote and repaired for one file. */
export interface NormalizeSummary {
  output?: { path: string; bytes: number; sha256: string; rows: number };
  rejected?: { path: string; rows: number };
  counts: { read: number; written: number; rejected: number; blankDropped: number };
  repairs: { field: string; kind: string; count: number; example?: { from: string; to: string } }[];
  droppedColumns: string[];
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
  summary: { files: number; valid: number; invalid: number; failed: number; rows: number; errors: number; warnings: number };
}
