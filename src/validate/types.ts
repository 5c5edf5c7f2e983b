// Types of the validation pass: what the loop takes, what it hands a writer per row, and what it returns.
import type { Finding } from '../findings/types.js';
import type { RawRow, RowCells, TableMeta } from '../io/types.js';
import type { CellResult } from '../fields/types.js';
import type { LoadedSchema } from '../schema/types.js';
import type { ColumnMapping, SchemaCandidate } from '../schema/mapping-types.js';
import type { RowObserver } from '../checks/types.js';
import type { PrivacyDecision } from '../privacy/index.js';
import type { FindingSink } from './sink.js';

export type { RowObserver } from '../checks/types.js';
export type { RowCells } from '../io/types.js';

/**
 * The schema fields of a cast row whose result is not RowOutcome.accepted, in field order:
 * `fields[0, count)`. normalize collects them once per row (src/repair/unaccepted.ts) so that its per-row
 * work looks only at them.
 */
export interface UnacceptedList {
  readonly fields: Int32Array;
  readonly count: number;
}

/** What the loop hands to a writer (normalize) for each data row. */
export interface RowOutcome {
  raw: RawRow;
  /** Per schema field: the cell result, or undefined when no column feeds the field. */
  results: (CellResult | undefined)[];
  /** Per schema field: the cell text as read ('' when absent). */
  cells: string[];
  /**
   * The row's cells as read, valid until `onRow` returns: a cell its field's evaluator accepted in place
   * (CellEvaluator.acceptsAt) has the result ACCEPTED and '' in `cells`; its text, which is its canonical
   * text, is read here, at the field's input column.
   */
  view: RowCells;
  /** The result of a cell accepted in place (the loop's ACCEPTED marker), to compare results with. */
  accepted: CellResult;
  /** True when the row is blank (all cells empty). */
  blank: boolean;
  /** Number of error findings on this row (counted even past the error limit). */
  errors: number;
  /** `code` or `code:field` of each error on this row (for rejected-row files). */
  errorCodes: string[];
}

/**
 * A field's cells evaluated with repairs: `evaluate` returns the result of the text as read or as
 * repaired, and leaves in `text` the text it evaluated.
 */
export interface CellEvaluator {
  evaluate(text: string, rowNumber: number): CellResult;
  text: string;
  /**
   * The cell `text[start, end)` read in place: true only when `evaluate` would give it a plain valid
   * result whose canonical text is the text as read, with nothing rewritten or repaired. False says
   * nothing. A cell it accepts is not evaluated: its result is ACCEPTED (see RowOutcome.view).
   * An evaluator with this test evaluates the empty cell as its plan does (MISSING, `text` ''): the
   * loop gives an empty cell that result without evaluating it.
   */
  acceptsAt?: (text: string, start: number, end: number) => boolean;
}

/** Options of the validation loop. */
export interface LoopOptions {
  /** Stop collecting findings after this many errors (default 1000); the report is then partial. */
  limitErrors?: number;
  /** Run the schema's custom checks (default true). */
  customChecks?: boolean;
  /**
   * Which finding codes count (`--pick-errors` / `--skip-errors`, as Frictionless's pick_errors and
   * skip_errors): a code it refuses is neither reported nor counted, in the stats or the score.
   */
  keepCode?: (code: string) => boolean;
  observers?: RowObserver[];
  /** Where the findings go (a chunk of a file read on another thread keeps its sink to merge it). */
  sink?: FindingSink;
  /** Called for every data row with its cast results (normalize writes from it). */
  onRow?: (row: RowOutcome) => void | Promise<void>;
  /**
   * Per field, how its cells are evaluated instead of the plan's own `evaluate` (normalize: with the
   * repairs of src/repair/). Undefined for a field: the plan evaluates it.
   */
  evaluator?: (
    fieldIndex: number,
    evaluate: (text: string) => CellResult,
    acceptsAt?: (text: string, start: number, end: number) => boolean,
  ) => CellEvaluator | undefined;
  /** Findings met while reading the rows (encoding, format): asked for once the rows are read. */
  readingFindings?: () => readonly Finding[];
  /**
   * What the output no longer has (normalize), asked for once the rows are read: findings to drop
   * (`finding`) and codes dropped in every case (`code`, for findings counted past the error limit).
   */
  fixed?: () => { finding: (f: Finding) => boolean; code: (code: string) => boolean } | undefined;
}

/** What the loop counted. */
export interface LoopStats {
  rows: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Cells checked against a field, and how many of them had an error (for the quality score). */
  cells: number;
  invalidCells: number;
  /** Data rows with at least one error. */
  invalidRows: number;
  blankRows: number;
}

/** Findings counted but not collected (past `--limit-errors`), per code and per column, so totals stay exact. */
export interface Uncollected {
  byCode: Record<string, number>;
  /** Errors and warnings per column: the field name, else the input label, else `#` and the column number. */
  byColumn: Record<string, number>;
}

/** The findings and counts of one validation pass. */
export interface LoopResult {
  findings: Finding[];
  stats: LoopStats;
  partial: boolean;
  uncollected: Uncollected;
  /** Findings about the input the output no longer has (normalize: renamed headers, encoding…), per code. */
  fixed?: Record<string, number>;
}

/** Everything known about one validated file, before it is turned into a report. */
export interface FileResult {
  path: string;
  meta: TableMeta;
  schema?: LoadedSchema;
  recognized?: { chosen?: SchemaCandidate; candidates: SchemaCandidate[] };
  mapping?: ColumnMapping;
  run: LoopResult;
  /** Columns the personal-data guard judged personal (input column index, kind). */
  privacy?: PrivacyDecision[];
}
