// Test harness for custom checks: runs a schema's custom_checks over rows given as records, as the validator would.
import { instantiateChecks } from '../../src/checks/index.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { CustomCheck } from '../../src/checks/types.js';
import type { Finding } from '../../src/findings/types.js';
import type { Field, TableSchema } from '../../src/schema/types.js';

export interface RunOptions {
  /** Field names the file has a column for (default: every field). */
  present?: string[];
  /** Cast values per field name (default: the real field plans, as the validator gives them). */
  cast?: (fieldName: string, text: string) => unknown;
  registry?: readonly CustomCheck[];
}

export interface RunResult {
  /**
   * Every finding: declaration findings first, then the checks' own, in emission order — except the
   * `check-deprecated` warnings of old check names, which are in `deprecated`.
   */
  findings: Finding[];
  /** `[rowNumber, fieldName, code]` per finding (rowNumber undefined for file-level ones). */
  flat: [number | undefined, string | undefined, string][];
  /** The `check-deprecated` warnings (old names such as `french-siret-value` still work). */
  deprecated: Finding[];
}

/** A schema with string fields of these names and these custom checks. */
export function schemaOf(fields: (string | Field)[], customChecks: unknown[]): TableSchema {
  return {
    fields: fields.map((f) => (typeof f === 'string' ? { name: f, type: 'string' } : f)),
    custom_checks: customChecks as TableSchema['custom_checks'],
  };
}

/** Runs the schema's checks over rows (data rows start at rowNumber 2, like Frictionless). */
export function runChecks(
  schema: TableSchema,
  rows: Record<string, string>[],
  options: RunOptions = {},
): RunResult {
  const names = schema.fields.map((f) => f.name);
  const present = new Set(options.present ?? names);
  const emitted: Finding[] = [];
  const { instances, findings } = instantiateChecks(
    schema,
    { hasColumn: (name) => present.has(name), emit: (f) => emitted.push(f) },
    options.registry,
  );
  const plans = schema.fields.map((f) => compileFieldPlan(f, { missingValues: schema.missingValues }));
  const castByPlan = (j: number, text: string): unknown => {
    const r = plans[j]!.evaluate(text);
    return r.kind === 'ok' ? r.value : undefined;
  };
  rows.forEach((record, i) => {
    const cells = names.map((n) => (present.has(n) ? (record[n] ?? '') : ''));
    const values = cells.map((text, j) =>
      text === '' ? undefined : options.cast ? options.cast(names[j] as string, text) : castByPlan(j, text),
    );
    for (const instance of instances) instance.row?.({ rowNumber: i + 2, line: i + 2, cells, values });
  });
  for (const instance of instances) instance.end?.();
  const all = [...findings, ...emitted].filter((f) => f.code !== 'check-deprecated');
  const deprecated = findings.filter((f) => f.code === 'check-deprecated');
  return { findings: all, flat: all.map((f) => [f.loc.rowNumber, f.loc.fieldName, f.code]), deprecated };
}

/** Runs one single-column check over one value; returns the findings (empty when valid). */
export function checkValue(name: string, value: string, params: Record<string, unknown> = {}): Finding[] {
  const schema = schemaOf(['x'], [{ name, params: { column: 'x', ...params } }]);
  return runChecks(schema, [{ x: value }]).findings;
}
