// The 0–100 quality score (docs/score.md): conformity of the structure (columns) and of the content (cells).
import type { FileReport, Report, ReportFinding, ScoreDetail } from './types.js';
import { catalogue } from '../findings/catalogue.js';

/** The weights of docs/score.md: structure and content shares of the score, and what a warning costs. */
export const SCORE_WEIGHTS = { structure: 0.4, content: 0.6, warning: 0.25 } as const;

/** A finding about the header row (rowNumber 1): labels, missing or extra columns, their order. */
function isHeader(f: ReportFinding): boolean {
  return f.rowNumber === 1;
}

/** A finding about the file or its header rather than about data rows. */
function isStructural(f: ReportFinding): boolean {
  if (f.rowNumber !== undefined) return f.rowNumber <= 1;
  return f.line === undefined;
}

function round1(x: number): number {
  return Math.round(x * 1000) / 10;
}

/**
 * Share (0..1) of the columns without a header problem: header findings (row 1) cost 1 each for an error
 * and SCORE_WEIGHTS.warning for a warning, over the number of columns (schema fields or input labels,
 * whichever is larger, plus columns the schema lacks).
 */
function structureShare(r: FileReport): number {
  const n = Math.max(r.columns.length, r.labels.length - r.extraColumns.length) + r.extraColumns.length;
  if (n === 0) return 0;
  let penalty = 0;
  for (const f of r.findings) {
    if (!isHeader(f)) continue;
    // A header odf can rename by itself (case, accents, known synonym) costs half an error.
    if (f.level === 'error') penalty += f.fixable ? 0.5 : 1;
    else if (f.level === 'warning') penalty += SCORE_WEIGHTS.warning;
  }
  return Math.max(0, 1 - penalty / n);
}

/** Share (0..1) of the data cells without a problem: errors cost 1, warnings SCORE_WEIGHTS.warning. */
function contentShare(r: FileReport): number {
  const units = r.stats.cells > 0 ? r.stats.cells : r.stats.rows * r.labels.length;
  if (units === 0) return 0;
  // Stats count every finding (even past --limit-errors); file and header findings are always kept.
  let fileErrors = 0;
  let fileWarnings = 0;
  for (const f of r.findings) {
    if (!isStructural(f)) continue;
    if (f.level === 'error') fileErrors++;
    else if (f.level === 'warning') fileWarnings++;
  }
  const errors = Math.max(0, r.stats.errors - fileErrors);
  const warnings = Math.max(0, r.stats.warnings - fileWarnings);
  const penalty = Math.min(units, errors + SCORE_WEIGHTS.warning * warnings);
  const cellShare = 1 - penalty / units;
  // Half of the content is the share of clean rows: an error on every row is not a 95 % file.
  const rows = r.stats.rows;
  if (r.stats.invalidRows === undefined || rows === 0) return cellShare;
  return (cellShare + (1 - Math.min(rows, r.stats.invalidRows) / rows)) / 2;
}

/**
 * The quality score of one file report (docs/score.md): 40 % structure (columns without a header
 * finding), 60 % content (data cells without a finding), an error costing 1 and a warning a quarter.
 * Pure: the same report gives the same score.
 */
export function scoreFile(r: FileReport): ScoreDetail {
  // A file with no table at all (a one-word text file) scores like a file odf could not read.
  if (r.findings.some((f) => f.code === 'no-table')) return { score: 0, structure: 0, content: 0 };
  const s = structureShare(r);
  const c = contentShare(r);
  const raw = Math.round(100 * (SCORE_WEIGHTS.structure * s + SCORE_WEIGHTS.content * c));
  // 100 means nothing to report: a single error or warning in a big file never rounds up to it. Warnings
  // about the schema itself (not the user's to fix) do not count.
  const schemaWarnings = r.findings.filter(
    (f) => f.level === 'warning' && catalogue[f.code]?.tags.includes('schema'),
  ).length;
  const clean = r.stats.errors === 0 && r.stats.warnings - schemaWarnings === 0;
  return {
    score: clean ? raw : Math.min(99, raw),
    structure: round1(s),
    content: round1(c),
  };
}

/** The batch score: mean of the file scores, files odf could not read counting 0; undefined with no file. */
export function scoreBatch(report: Pick<Report, 'files' | 'failures'>): number | undefined {
  const n = report.files.length + report.failures.length;
  if (n === 0) return undefined;
  const scores = report.files.map((f) => (f.score ?? scoreFile(f)).score);
  const mean = Math.round(scores.reduce((s, x) => s + x, 0) / n);
  // Same rule for a batch: 100 only when every file scores 100.
  return scores.length === n && scores.every((x) => x === 100) ? mean : Math.min(99, mean);
}

/** Set `score` on every file and in the summary (in place) and return the report. */
export function withScores(report: Report): Report {
  for (const f of report.files) f.score = scoreFile(f);
  const b = scoreBatch(report);
  if (b !== undefined) report.summary.score = b;
  return report;
}
