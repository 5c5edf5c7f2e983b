// The contract of a custom check (Validata's `custom_checks`): a name, its params and a row/end lifecycle.
import type { Finding } from '../findings/types.js';
import type { TableSchema } from '../schema/types.js';

/** One data row as checks see it, aligned with the schema's fields. */
export interface CheckRow {
  rowNumber: number;
  line: number;
  /** Cell text per schema field (index = field index); '' when the column is absent or the cell missing. */
  cells: readonly string[];
  /** Cast value per schema field; undefined when missing, absent or not castable. */
  values: readonly unknown[];
}

/** What a check gets when created. */
export interface CheckContext {
  schema: TableSchema;
  /** The params written in the schema for this check. */
  params: Record<string, unknown>;
  /** The name under which the schema declared the check (the finding code uses it). */
  declaredName: string;
  /** Field index of a schema field name, or undefined when the schema has no such field. */
  fieldIndex(name: string): number | undefined;
  /** True when the input file has a column for this schema field. */
  hasColumn(name: string): boolean;
  /** Report a finding; level and code default from the check. */
  emit(finding: Finding): void;
}

/**
 * Something that watches every data row as read, in the same pass as the checks (column profile,
 * personal-data scan, progress): it sees the input cells, before any schema is applied.
 */
export interface RowObserver {
  row(cells: readonly string[], rowNumber: number, line: number): void;
  end(): Finding[];
}

/** A running check. */
export interface CheckInstance {
  row?(row: CheckRow): void;
  end?(): void;
}

/** A custom check definition (one file each in src/checks/). */
export interface CustomCheck {
  /** Canonical name. */
  name: string;
  /** Other names accepted; `deprecated: true` ones give a warning naming `name`. */
  aliases?: { name: string; deprecated?: boolean }[];
  /** JSON Schema of the params object (checked with ajv before create). */
  params: Record<string, unknown>;
  /** Build the running check; may throw CheckParamError for param problems ajv cannot express. */
  create(ctx: CheckContext): CheckInstance;
}

/** One thing wrong with a check's params, as data (the catalogue words it in French and English). */
export interface ParamProblem {
  /** The param concerned (`column`, `op` …). */
  param: string;
  /**
   * `required`: missing; `type`: wrong JSON type (`expected` says which); `enum`: not one of `allowed`;
   * `empty`: empty string or list; `one-of`: none of `alternatives` given; `unknown-field`: names no field
   * of the schema (`value`).
   */
  kind: 'required' | 'type' | 'enum' | 'empty' | 'one-of' | 'unknown-field';
  expected?: string;
  allowed?: unknown[];
  alternatives?: string[];
  value?: unknown;
}

/** Thrown by create() when params are wrong in a way the JSON Schema cannot say; becomes a check-error finding. */
export class CheckParamError extends Error {
  /** What is wrong, as data, when the check can say it (optional: a plain message is still accepted). */
  readonly problems: ParamProblem[];

  constructor(message: string, problems: ParamProblem[] = []) {
    super(message);
    this.name = 'CheckParamError';
    this.problems = problems;
  }
}
