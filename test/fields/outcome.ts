// Test helper: a field plan's result for one cell, as a short comparable string.
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field } from '../../src/schema/types.js';
import type { CompileOptions } from '../../src/fields/types.js';

/**
 * `ok <canonical>`, `missing`, `type-error`, `constraint-error:<constraint>`, with ` → <repaired>` when
 * a repair exists, and ` [item <i>]` for array item errors.
 */
export function outcome(field: Partial<Field>, text: string, options?: CompileOptions): string {
  const plan = compileFieldPlan({ name: 'f', ...field } as Field, options);
  const r = plan.evaluate(text);
  if (r.kind === 'missing') return 'missing';
  if (r.kind === 'ok') return `ok ${r.canonical}`;
  let s = r.code;
  if (r.params.constraint !== undefined) s += `:${String(r.params.constraint)}`;
  if (r.params.arrayItem === true) s += ` [item ${String(r.params.itemIndex)}]`;
  if (r.repaired !== undefined) s += ` → ${r.repaired}`;
  return s;
}

/** The typed value of a valid cell (throws when the cell is not valid). */
export function valueOf(field: Partial<Field>, text: string): unknown {
  const r = compileFieldPlan({ name: 'f', ...field } as Field).evaluate(text);
  if (r.kind !== 'ok') throw new Error(`${text} is not valid: ${JSON.stringify(r)}`);
  return r.value;
}
