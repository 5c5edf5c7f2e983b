// Helpers of the privacy tests: run the scanner over a table and flatten its findings.
import type { Finding } from '../../src/findings/types.js';
import type { Field } from '../../src/schema/types.js';
import { createPrivacyScanner, type PrivacyOptions } from '../../src/privacy/index.js';

/** Scan a table (header + rows, fields by column index when given) and return the findings. */
export function scanTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: Partial<PrivacyOptions> = {},
  fields: readonly (Field | undefined)[] = [],
): Finding[] {
  const scanner = createPrivacyScanner(
    header.map((label, i) => (fields[i] ? { label, field: fields[i] } : { label })),
    { mode: 'warn', referenceYear: 2025, ...options },
  );
  rows.forEach((cells, i) => scanner.row(cells, i + 2, i + 2));
  return scanner.end();
}

/** [fieldNumber, fieldName, kind, level] per finding, the shape tests compare. */
export function flatten(
  findings: readonly Finding[],
): [number | undefined, string | undefined, unknown, string][] {
  return findings.map((f) => [f.loc.fieldNumber, f.loc.fieldName, f.params.kind, f.level]);
}

/** A table of one column. */
export function column(label: string, values: readonly string[]): [string[], string[][]] {
  return [[label], values.map((v) => [v])];
}
