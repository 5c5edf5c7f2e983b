// The contract of a custom check (Validata's `custom_checks`): a name, its params and a row/end lifecycle.
import type { Finding, FindingCode } from '../findings/types.js';
import type { CellResult } from '../fields/types.js';
import type { RowCells } from '../io/types.js';
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
  /** The name under which the schema declared the check: the code of its findings (every name is one). */
  declaredName: FindingCode;
  /** Field index of a schema field name, or undefined when the schema has no such field. */
  fieldIndex(name: string): number | undefined;
  /** True when the input file has a column for this schema field. */
  hasColumn(name: string): boolean;
  /** Report a finding; level and code default from the check. */
  emit(finding: Finding): void;
}

/**
 * Something that watches every data row as read, in the same pass as the checks (column profile,
 * personal-data scan, progress): it sees the input cells, before any schema is applied. The findings
 * `row` may return are about that row: they count in its errors (a split cell: src/run/split.ts).
 */
export interface RowObserver {
  row(cells: readonly string[], rowNumber: number, line: number): void | readonly Finding[];
  /**
   * The same, reading the row's cells one by one (no string made for a cell it does not need): when
   * present, the validation loop calls it instead of `row`.
   */
  rowCells?(cells: RowCells, rowNumber: number, line: number): void | readonly Finding[];
  end(): Finding[];
}

/**
 * A row observer that sees the cells of the columns the loop casts as it casts them (the column
 * profile): it casts them itself with the evaluation the loop hands it, so that one look at a cell
 * serves both (a repeated cell keeps its cast). Those cells go to `cast`; the other cells of the row go
 * to `rest`, and every cell of a row the loop does not cast (a blank row) to `row`.
 */
export interface CastObserver extends RowObserver {
  /** Before the rows: the input columns whose cells will go to `cast`; returns those it takes. */
  castColumns(columns: readonly number[]): readonly number[];
  /**
   * Cast the cell `text[start, end)` of a column it took with `evaluate` (which it may not call for a
   * repeated cell), reading it in place. `acceptsAt`, the plan's in-place test, is given when nobody
   * reads a valid cell's text, value or result: the observer then returns undefined for a cell the test
   * accepts (valid as written; no result made), which it may not have made a string.
   */
  cast(
    column: number,
    text: string,
    start: number,
    end: number,
    evaluate: (text: string) => CellResult,
    acceptsAt?: (text: string, start: number, end: number) => boolean,
  ): CellResult | undefined;
  /** The row's cells outside the columns it took. */
  rest(cells: RowCells, rowNumber: number, line: number): void;
}

/** A running check. */
export interface CheckInstance {
  row?(row: CheckRow): void;
  end?(): void;
  /**
   * For a field the check reads, an in-place test of a cell `text[start, end)`, true exactly for the
   * cells in which it finds nothing: the loop may then hand it such a cell (when its plan accepts it in
   * place too) as '' with value undefined, which it skips as a missing cell. Undefined for a field whose
   * cells it must see.
   */
  validAt?(fieldIndex: number): ((text: string, start: number, end: number) => boolean) | undefined;
}

/** One data row as the built-in table checks see it (structure, unique, keys), after its cells were cast. */
export interface TableRow extends CheckRow {
  /** The cells as read, per input column. */
  raw: RowCells;
  /** Per schema field: the cast result, undefined when no cell fed the field on this row. */
  results: readonly (CellResult | undefined)[];
  /** Per schema field: the text that was cast (after any repair), '' when no cell fed the field. */
  texts: readonly string[];
}
// The loop fills `cells`, `texts`, `values` and `results` for the fields some check, writer or observer
// reads (a table check's `fields`, the fields the key and custom checks look up by name): a valid cell
// of a field nobody reads may be tested in place (CompiledFieldPlan.acceptsAt) and leave '', undefined
// and a bare `{ kind: 'ok' }` there.

/**
 * A running table check: the custom checks' lifecycle (start, row, end) with two more phases: `shape`
 * sees the row as read before its cells are cast and may skip it (a blank row has no cells to cast);
 * `cell` sees each cell of its `fields` as soon as it is cast, so its findings stand in field order
 * among the cells' own.
 */
export interface TableCheck {
  start?(): void;
  /** Before casting: true to skip the row's cells and the checks after (the row is still counted). */
  shape?(cells: RowCells, rowNumber: number, line: number): boolean;
  /**
   * True when `cell` finds nothing in a cell its plan accepted from offsets (`evaluateAt`: a plain
   * number, never with surrounding spaces): the loop then need not make the cell's text for it.
   */
  ignoresPlainCells?: boolean;
  /** The fields whose cells `cell` sees. */
  fields?: readonly number[];
  /** After the cell of one of `fields` is cast to a valid value (`row` holds the cells cast so far). */
  cell?(row: TableRow, fieldIndex: number): void;
  /** True when `cellAt` can stand for `cell` on this field's cells accepted in place. */
  takesAt?(fieldIndex: number): boolean;
  /**
   * `cell` for a cell its plan accepted in place (CompiledFieldPlan.acceptsAt), `text[start, end)`:
   * `row` holds no text, value or result for it.
   */
  cellAt?(row: TableRow, fieldIndex: number, text: string, start: number, end: number): void;
  row?(row: TableRow): void;
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
  /**
   * For a check of one column (param `column`) holding identifiers: whether a cell is valid. Repairs
   * ask it, so that normalize never writes an identifier the check refuses, and give such columns the
   * digits of a number that went through a float (`38047555800058.0`).
   */
  validCell?(text: string): boolean;
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
