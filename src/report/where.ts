// Where a finding is, in words ("ligne 5, colonne montant"), the same in every format people read.
import type { Lang } from '../findings/spec.js';
import type { ReportFinding } from './types.js';

/**
 * The line a person looks for: the physical line of their editor or spreadsheet (the header's line for a
 * header finding). The record number (`rowNumber`) is only a fallback for findings built without a line.
 */
export function lineOf(f: ReportFinding): number | undefined {
  return f.line ?? f.rowNumber;
}

/** True when an input label differs from its field name only by case: naming it again adds nothing. */
function sameButCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The location of a finding as a short phrase in the report's language, '' for a file-level finding:
 * « ligne 5, colonne montant (« Montant HT ») ». Text is not escaped: each renderer escapes it.
 */
export function describeLocation(f: ReportFinding, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  const line = lineOf(f);
  if (line !== undefined) parts.push(`${fr ? 'ligne' : 'line'} ${line}`);
  const col = fr ? 'colonne' : 'column';
  if (f.fieldName !== undefined) {
    const label =
      f.column !== undefined && !sameButCase(f.column, f.fieldName)
        ? fr
          ? ` (« ${f.column} »)`
          : ` ("${f.column}")`
        : '';
    parts.push(`${col} ${f.fieldName}${label}`);
  } else if (f.column !== undefined) parts.push(`${col} ${f.column}`);
  else if (f.fieldNumber !== undefined) parts.push(`${col} ${f.fieldNumber}`);
  return parts.join(', ');
}

/** The column a finding is about, as a filter key: field name, else input label, else number; '' when none. */
export function columnOf(f: ReportFinding): string {
  return f.fieldName ?? f.column ?? (f.fieldNumber !== undefined ? `#${f.fieldNumber}` : '');
}
