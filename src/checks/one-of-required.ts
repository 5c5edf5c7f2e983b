// Custom check `one-of-required`: on each row, at least one of two columns is filled.
import { resolveColumns } from './columns.js';
import type { ParamsSchema } from './params.js';
import type { CustomCheck } from './types.js';
import { finding } from '../findings/catalogue.js';

const params: ParamsSchema = {
  type: 'object',
  required: ['column2'],
  // The catalogue writes `column1`; Validata's older spelling `column` is accepted too.
  anyOf: [{ required: ['column1'] }, { required: ['column'] }],
  properties: {
    column1: { type: 'string', minLength: 1, description: 'the first field' },
    column: { type: 'string', minLength: 1, description: 'the first field (older spelling of column1)' },
    column2: { type: 'string', minLength: 1, description: 'the second field' },
  },
};

/**
 * `one-of-required`, as Validata defines it: a row needs a value in at least one of the two columns;
 * when the file lacks one column every row needs the other; when it lacks both, one file-level finding
 * (no row) with `reason: 'both-absent'`. Row findings sit on the first column the file has.
 */
export const oneOfRequiredCheck: CustomCheck = {
  name: 'one-of-required',
  params,
  create(ctx) {
    const name1 = (ctx.params.column1 ?? ctx.params.column) as string;
    const param1 = ctx.params.column1 === undefined ? 'column' : 'column1';
    const [c1, c2] = resolveColumns(ctx, [
      [param1, name1],
      ['column2', ctx.params.column2 as string],
    ]);
    if (!c1 || !c2) return {};
    const column1 = c1.name;
    const column2 = c2.name;
    if (!c1.present && !c2.present) {
      ctx.emit(finding(ctx.declaredName, {}, { column1, column2, reason: 'both-absent' }));
      return {};
    }
    const present = [c1, c2].filter((c) => c.present);
    const at = present[0] ?? c1;
    const absent = present.length === 1 ? [c1, c2].find((c) => !c.present)?.name : undefined;
    return {
      row(row) {
        if (present.some((c) => !c.isMissing(row.cells[c.index] ?? ''))) return;
        ctx.emit(
          finding(
            ctx.declaredName,
            { rowNumber: row.rowNumber, line: row.line, fieldName: at.name },
            absent ? { column1, column2, reason: 'empty', absent } : { column1, column2, reason: 'empty' },
          ),
        );
      },
    };
  },
};
