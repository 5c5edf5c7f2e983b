// Types of a column mapping: which input column feeds which schema field, and how it was matched.

/** How a header was matched to a field, in decreasing order of confidence (issue 6). */
export type MatchKind = 'exact' | 'folded' | 'title' | 'synonym' | 'mapping' | 'suggestion';

/** One schema field and the input column that feeds it (if any). */
export interface FieldMatch {
  fieldName: string;
  /** Index of the field in schema.fields. */
  fieldIndex: number;
  /** 0-based index of the input column, when one feeds the field (not set for a suggestion only). */
  column?: number;
  /** The input header label of that column. */
  label?: string;
  kind?: MatchKind;
  /** A constant value for every row (from a mapping file), when the export lacks the column. */
  constant?: string;
  /** A similarity suggestion (kind 5): never applied unless accepted. */
  suggestion?: { column: number; label: string; score: number };
}

/** The whole mapping of a header onto a schema. */
export interface ColumnMapping {
  /** One entry per schema field, in schema order. */
  fields: FieldMatch[];
  /** Input columns that feed no field. */
  extra: { column: number; label: string }[];
  /** Columns that matched several fields (or fields several columns) equally well: reported, not guessed. */
  ties: { label: string; column: number; fieldNames: string[]; kind?: MatchKind }[];
}

/** A schema candidate when recognising a file's schema from its header. */
export interface SchemaCandidate {
  name: string;
  version: string;
  /** 0..1 */
  score: number;
  matchedFields: number;
  totalFields: number;
  matchedRequired: number;
  totalRequired: number;
  /** Non-blank input columns that feed a field, and all non-blank input columns. */
  matchedColumns?: number;
  totalColumns?: number;
}

/**
 * A bounded sample of a table's first data rows, read before its columns are matched: content-aware
 * matching and schema recognition weigh these values against each candidate field (issue 11). The
 * engine reads it from the head of the file and replays the same rows to the validation pass.
 */
export interface ColumnSample {
  /** The first data rows as read (header excluded), each the cells of every input column. */
  rows: readonly (readonly string[])[];
}
