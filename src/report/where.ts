// Where a finding is, in words ("ligne 4 (l. 5), colonne montant"), for the one-line report formats.
import type { Lang } from '../findings/spec.js';
import type { FileReport, ReportFinding } from './types.js';

/** The location of a finding as a short phrase in the report's language; '' for a file-level finding. */
export function describeLocation(f: ReportFinding, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (f.rowNumber !== undefined) {
    const line = f.line !== undefined && f.line !== f.rowNumber ? ` (l. ${f.line})` : '';
    parts.push(`${fr ? 'ligne' : 'row'} ${f.rowNumber}${line}`);
  } else if (f.line !== undefined) parts.push(`l. ${f.line}`);
  const col = fr ? 'colonne' : 'column';
  if (f.fieldName !== undefined)
    parts.push(
      `${col} ${f.fieldName}${f.column !== undefined ? (fr ? ` (« ${f.column} »)` : ` ("${f.column}")`) : ''}`,
    );
  else if (f.column !== undefined) parts.push(`${col} ${f.column}`);
  else if (f.fieldNumber !== undefined) parts.push(`${col} ${f.fieldNumber}`);
  return parts.join(', ');
}

/** The column a finding is about, as a filter key: field name, else input label, else number; '' when none. */
export function columnOf(f: ReportFinding): string {
  return f.fieldName ?? f.column ?? (f.fieldNumber !== undefined ? `#${f.fieldNumber}` : '');
}

/** The physical line a finding points at: its own, or the header's for a header finding (row 1); else undefined. */
export function physicalLine(f: ReportFinding, file: Pick<FileReport, 'source'>): number | undefined {
  return f.line ?? (f.rowNumber === 1 ? (file.source.headerRow ?? 1) : undefined);
}
