// The column a finding is about, as the key of the per-column totals of a report.
import type { Loc } from './types.js';

/** The field name, else the input label, else `#` and the column number; '' when the finding has no column. */
export function columnKey(loc: Loc): string {
  return loc.fieldName ?? loc.column ?? (loc.fieldNumber !== undefined ? `#${loc.fieldNumber}` : '');
}
