// The contract of a field plan: how one schema field turns cell text into a typed value or a finding.
import type { Field } from '../schema/types.js';

/** Outcome of evaluating one cell against its field (type, format and constraints except `unique`). */
export type CellResult =
  | { kind: 'missing' }
  | {
      kind: 'ok';
      value: unknown;
      canonical: string;
      /**
       * Set when a constraint could not be decided in bounded time (only `pattern`, on its budgeted
       * engine: src/text/pattern.ts): the value passed every other check; the validator reports it
       * as not checked.
       */
      unchecked?: 'pattern';
    }
  | {
      kind: 'error';
      code: 'type-error' | 'constraint-error';
      params: Record<string, unknown>;
      /**
       * The canonical text the value would have once repaired by a lenient, unambiguous reading
       * (`15/09/2020` → `2020-09-15`, `3,5` → `3.5`, `oui` → `true`, `paris` → `Paris` for an enum),
       * when one exists and passes every constraint. Used for fix hints and by `normalize`.
       */
      repaired?: string;
    };

/** A compiled field: everything that can be decided per column is decided once, at compile time. */
export interface FieldPlan {
  field: Field;
  /** Field type after defaults ('string' when absent). */
  type: string;
  required: boolean;
  unique: boolean;
  /** Evaluate one cell (raw text as read; the plan decides about missing values). */
  evaluate(text: string): CellResult;
}

/** Options for compiling a field plan. */
export interface CompileOptions {
  /** Schema-level missingValues (default ['']). The field's own missingValues win. */
  missingValues?: string[];
}
