// flatten(report): the findings of a file as [rowNumber, fieldName or fieldNumber, code] rows, for assertions.
import type { FileReport } from '../../src/report/types.js';
import type { FileResult } from '../../src/validate/types.js';

type Row = [number | null, string | number | null, string];

/** Findings of a report file as [rowNumber, field, code]; `levels` filters (default: errors only). */
export function flatten(file: FileReport, levels: string[] = ['error']): Row[] {
  return file.findings
    .filter((f) => levels.includes(f.level))
    .map((f) => [f.rowNumber ?? null, f.fieldName ?? f.fieldNumber ?? null, f.code]);
}

/** The same, from a validation result (before the report is built). */
export function flattenResult(result: FileResult, levels: string[] = ['error']): Row[] {
  return result.run.findings
    .filter((f) => levels.includes(f.level))
    .map((f) => [f.loc.rowNumber ?? null, f.loc.fieldName ?? f.loc.fieldNumber ?? null, f.code]);
}
