// Build the report (plain data) from validation results: messages in the chosen language, stable order.
import type { Lang } from '../findings/spec.js';
import type { Finding } from '../findings/types.js';
import { catalogue, hintOf, messageOf } from '../findings/catalogue.js';
import type { FileResult, Uncollected } from '../validate/types.js';
import type { SplitProposal } from '../schema/mapping-types.js';
import { columnKey } from '../findings/column-key.js';
import { escapeTerminal } from './escape.js';
import type { FileReport, Report, ReportColumn, ReportFinding } from './types.js';

const LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;

function toReportFinding(f: Finding, lang: Lang, headerLine: number): ReportFinding {
  const out: ReportFinding = { code: f.code, level: f.level, message: messageOf(f, lang), params: f.params };
  const hint = hintOf(f, lang);
  if (hint) out.hint = hint;
  const { rowNumber, line, fieldName, fieldNumber, column } = f.loc;
  if (rowNumber !== undefined) out.rowNumber = rowNumber;
  // A header finding (record 1) is on the header's physical line, which title lines may push down.
  const physical = line ?? (rowNumber === 1 ? headerLine : undefined);
  if (physical !== undefined) out.line = physical;
  if (fieldName !== undefined) out.fieldName = fieldName;
  if (fieldNumber !== undefined) out.fieldNumber = fieldNumber;
  if (column !== undefined && column !== fieldName) out.column = column;
  if (f.value !== undefined) out.value = f.value;
  if (f.fixable) out.fixable = true;
  return out;
}

/** Exact counts per code and per column: the findings collected plus those counted past the error limit. */
export function totalsOf(findings: readonly Finding[], uncollected?: Uncollected): FileReport['totals'] {
  const byCode: Record<string, number> = { ...uncollected?.byCode };
  const byColumn: Record<string, number> = { ...uncollected?.byColumn };
  for (const f of findings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const column = f.level === 'info' ? '' : columnKey(f.loc);
    if (column !== '') byColumn[column] = (byColumn[column] ?? 0) + 1;
  }
  return { byCode: sortedKeys(byCode), byColumn: sortedKeys(byColumn) };
}

/** The same counts, most frequent first (then by name), so the JSON reads as a ranking. */
function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  );
}

/** Findings in reading order: file-level first, then by row; within a row, the order they were found in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.loc.rowNumber ?? 0) - (b.f.loc.rowNumber ?? 0) || a.i - b.i)
    .map((x) => x.f);
}

/** A split as the report shows it: the column, the part, and the order of a coordinate pair (or why not). */
function splitOf(p: SplitProposal): NonNullable<ReportColumn['splitFrom']> {
  const out: NonNullable<ReportColumn['splitFrom']> = { label: p.label, column: p.column + 1, part: p.part };
  if (p.order !== undefined) out.order = p.order;
  if (p.orderEvidence !== undefined) out.orderEvidence = p.orderEvidence;
  if (p.undecided !== undefined) out.undecided = p.undecided;
  if (p.example !== undefined) out.example = p.example;
  return out;
}

/** The report of one file. `displayPath` is the path as the user wrote it (never made absolute). */
export function buildFileReport(result: FileResult, lang: Lang, displayPath = result.path): FileReport {
  const { meta, run, schema, mapping } = result;
  const columns: ReportColumn[] = [];
  if (mapping && schema) {
    for (const m of mapping.fields) {
      const c: ReportColumn = { field: m.fieldName };
      if (m.column !== undefined) {
        c.column = m.column + 1;
        c.label = m.label;
      }
      if (m.kind) c.match = m.kind;
      if (m.constant !== undefined) c.constant = m.constant;
      // A field composed from two columns rests on their names (longitude, latitude) and values (degrees).
      if (m.composed && m.kind === 'suggestion') c.evidence = 'name+content';
      if (m.composed) c.composedOf = m.composed.labels;
      // A field read from a part of one column rests on the column's values (pairs, dates with a time).
      if (m.split && m.kind === 'suggestion') c.evidence = 'content';
      if (m.split) c.splitFrom = splitOf(m.split);
      if (m.suggestion) {
        c.suggestion = m.suggestion.label;
        if (m.suggestion.evidence !== undefined) c.evidence = m.suggestion.evidence;
        c.score = Math.round(m.suggestion.score * 100) / 100;
      }
      columns.push(c);
    }
  }
  const headerLine = meta.headerRow ?? 1;
  const findings = sortFindings(run.findings).map((f) => toReportFinding(f, lang, headerLine));
  const errors = run.stats.errors;
  const source: FileReport['source'] = { format: meta.format };
  for (const k of [
    'encoding',
    'encodingConfidence',
    'bom',
    'delimiter',
    'quoteChar',
    'lineTerminator',
    'headerRow',
    'sheet',
    'sheets',
  ] as const) {
    if (meta[k] !== undefined) (source as Record<string, unknown>)[k] = meta[k];
  }
  const report: FileReport = {
    path: displayPath,
    valid: errors === 0,
    partial: run.partial,
    source,
    labels: meta.columns,
    columns,
    extraColumns: mapping ? mapping.extra.map((e) => e.label) : [],
    stats: {
      rows: run.stats.rows,
      errors,
      warnings: run.stats.warnings,
      infos: run.stats.infos,
      cells: run.stats.cells,
      invalidCells: run.stats.invalidCells,
      invalidRows: run.stats.invalidRows,
    },
    findings,
    totals: totalsOf(run.findings, run.uncollected),
  };
  if (schema) {
    report.schema = { source: schema.source };
    if (schema.name) report.schema.name = schema.name;
    if (schema.version) report.schema.version = schema.version;
    if (typeof schema.schema.title === 'string' && schema.schema.title !== '')
      report.schema.title = schema.schema.title;
    if (result.recognized?.chosen) {
      report.schema.recognized = true;
      report.schema.score = Math.round(result.recognized.chosen.score * 100) / 100;
    }
  }
  return report;
}

/**
 * Warnings about the data of a file: what --strict and --fail-level warning count. Those about the
 * schema itself are not the user's to fix.
 */
function dataWarnings(f: FileReport): number {
  return f.findings.filter((x) => x.level === 'warning' && !catalogue[x.code]?.tags.includes('schema'))
    .length;
}

/**
 * The exit code of a run's report: 2 when a file could not be read, 1 when a file is invalid — or,
 * with `failLevel: 'warning'` (--fail-level warning), when a file has a warning about its data — else 0.
 */
export function exitCodeOf(report: Report): 0 | 1 | 2 {
  if (report.failures.length) return 2;
  if (!report.valid) return 1;
  if (report.failLevel === 'warning' && report.files.some((f) => dataWarnings(f) > 0)) return 1;
  return 0;
}

/**
 * One sentence for stderr when files of a batch could not be read (exit 2): how many, the first names,
 * and where the reasons are. Undefined when every file was read. Names are escaped for a terminal.
 */
export function failuresSentence(report: Report, lang: Lang): string | undefined {
  const failed = report.failures;
  if (failed.length === 0) return undefined;
  const shown = failed.slice(0, 3).map((f) => escapeTerminal(f.path));
  const more = failed.length - shown.length;
  const total = report.summary.files;
  if (lang === 'en') {
    const names = shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
    return `odf: ${failed.length} of ${total} files could not be processed (${names}); the report says why for each.`;
  }
  const names = shown.join(', ') + (more > 0 ? ` et ${more} autre${more > 1 ? 's' : ''}` : '');
  return failed.length === 1
    ? `odf : 1 fichier sur ${total} n’a pas pu être traité (${names}) ; le rapport dit pourquoi.`
    : `odf : ${failed.length} fichiers sur ${total} n’ont pas pu être traités (${names}) ; le rapport dit pourquoi pour chacun.`;
}

/** Combine file reports (and files that could not be read) into the run's report. */
export function buildReport(
  files: FileReport[],
  failures: Report['failures'],
  lang: Lang,
  options: { strict?: boolean } = {},
): Report {
  const isValid = (f: FileReport): boolean =>
    f.stats.errors === 0 && (!options.strict || dataWarnings(f) === 0);
  for (const f of files) f.valid = isValid(f);
  const valid = failures.length === 0 && files.every(isValid);
  return {
    version: 1,
    valid,
    lang,
    files,
    failures,
    summary: {
      files: files.length + failures.length,
      valid: files.filter(isValid).length,
      invalid: files.filter((f) => !isValid(f)).length,
      failed: failures.length,
      rows: files.reduce((s, f) => s + f.stats.rows, 0),
      errors: files.reduce((s, f) => s + f.stats.errors, 0),
      warnings: files.reduce((s, f) => s + f.stats.warnings, 0),
    },
  };
}

/** Order findings for display: by level, then as sorted. */
export function byLevel(a: ReportFinding, b: ReportFinding): number {
  return LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
}
