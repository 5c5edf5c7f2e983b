// What every custom check does with its column params: resolve them to fields, test emptiness, skip absent columns.
import type { Finding, FindingCode } from '../findings/types.js';
import type { ParamsSchema } from './params.js';
import type { CheckContext, CheckInstance, CheckRow } from './types.js';
import { CheckParamError } from './types.js';
import { finding } from '../findings/catalogue.js';

/** A schema field a check reads: its name, its index in CheckRow, and whether the file has the column. */
export interface CheckColumn {
  name: string;
  index: number;
  present: boolean;
  /** True when the cell text counts as missing for this field (its missingValues, else the schema's, else ''). */
  isMissing(text: string): boolean;
}

/**
 * Resolves field names given in params to columns, once per check. Throws a CheckParamError naming
 * every name that is not a field of the schema.
 */
export function resolveColumns(
  ctx: CheckContext,
  entries: readonly [param: string, name: string][],
): CheckColumn[] {
  const unknown = entries.filter(([, name]) => ctx.fieldIndex(name) === undefined);
  if (unknown.length > 0) {
    throw new CheckParamError(
      `unknown field(s): ${unknown.map(([, n]) => n).join(', ')}`,
      unknown.map(([param, value]) => ({ param, kind: 'unknown-field', value })),
    );
  }
  const schemaMissing = ctx.schema.missingValues ?? [''];
  return entries.map(([, name]) => {
    const index = ctx.fieldIndex(name) as number;
    const field = ctx.schema.fields[index];
    const values = field?.missingValues ?? schemaMissing;
    const missing = new Set(values);
    // The usual case (only the empty string is missing) without a hash per cell.
    const isMissing =
      values.length === 1 && values[0] === ''
        ? (text: string) => text === ''
        : (text: string) => missing.has(text);
    return { name, index, present: ctx.hasColumn(name), isMissing };
  });
}

/**
 * What a single-column test says about a non-empty cell: nothing when valid, else the finding's params
 * (and its code, when not the check's, and whether normalize can fix it). The level is the code's, from
 * the catalogue.
 */
export type CellVerdict =
  undefined | { params: Record<string, unknown>; code?: FindingCode; fixable?: boolean };

/**
 * The lifecycle shared by single-column checks (param `column`): skipped when the file lacks the column,
 * empty cells skipped (emptiness belongs to `required`), one finding per invalid cell, coded with the
 * name the schema declared unless the verdict gives its own code. `validAt`, when given, tells in place
 * the cells `test` finds nothing in (exactly those, empty cells aside).
 */
export function singleColumnCheck(
  ctx: CheckContext,
  test: (text: string) => CellVerdict,
  validAt?: (text: string, start: number, end: number) => boolean,
): CheckInstance {
  const [column] = resolveColumns(ctx, [['column', ctx.params.column as string]]);
  if (!column?.present) return {};
  const { index, name, isMissing } = column;
  // The last text that passed: a value repeated down the column (the publisher's own SIRET on every row)
  // is tested once, the tests being pure functions of the text. One comparison, so a column of distinct
  // values pays next to nothing for it.
  let passed: string | undefined;
  // A cell validAt accepts may come as '' (see CheckInstance.validAt): skipped as missing, so only when ''
  // is a missing value of the field.
  const cellAt = validAt !== undefined && isMissing('') ? validAt : undefined;
  return {
    ...(cellAt && { validAt: (f: number) => (f === index ? cellAt : undefined) }),
    row(row: CheckRow): void {
      const text = row.cells[index] ?? '';
      if (text === passed || isMissing(text)) return;
      const verdict = test(text);
      if (!verdict) {
        passed = text;
        return;
      }
      const f = cellFinding(ctx, row, name, text, verdict.params, verdict.code);
      if (verdict.fixable) f.fixable = true;
      ctx.emit(f);
    },
  };
}

/** A finding on one cell of a row, coded with the check's declared name unless `code` is given. */
export function cellFinding(
  ctx: CheckContext,
  row: CheckRow,
  fieldName: string,
  value: string,
  params: Record<string, unknown>,
  code: FindingCode = ctx.declaredName,
): Finding {
  return finding(code, { rowNumber: row.rowNumber, line: row.line, fieldName }, params, { value });
}

/** The JSON Schema of the params of a check that reads one column. */
export const columnParams: ParamsSchema = {
  type: 'object',
  required: ['column'],
  properties: { column: { type: 'string', minLength: 1, description: 'the field checked' } },
};
