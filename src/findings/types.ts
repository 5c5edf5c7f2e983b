// The Finding type: a problem in the user's data or schema, as plain data (never thrown).
import type { FindingCode } from './catalogue.js';

export type { FindingCode } from './catalogue.js';

/** How serious a finding is. Errors make a file invalid; warnings only with `--strict`. */
export type Level = 'error' | 'warning' | 'info';

/** Where a finding is. `rowNumber` counts like Frictionless (header row = 1); `line` is the physical line. */
export interface Loc {
  rowNumber?: number;
  line?: number;
  fieldName?: string;
  fieldNumber?: number;
  /** The input column label when it differs from the schema field name. */
  column?: string;
}

/** A problem found in the data or the schema. `code` + `params` are for machines; messages come from the catalogue. */
export interface Finding {
  code: FindingCode;
  level: Level;
  loc: Loc;
  params: Record<string, unknown>;
  /** The offending cell text, when there is one. */
  value?: string;
  /** True when `odf normalize` can repair it. */
  fixable?: boolean;
}
