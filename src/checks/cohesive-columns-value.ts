// Custom check `cohesive-columns-value`: on each row, the listed columns are all filled or all empty.
import { resolveColumns } from './columns.js';
import type { ParamsSchema } from './params.js';
import type { CustomCheck } from './types.js';
import { finding } from '../findings/catalogue.js';

const params: ParamsSchema = {
  type: 'object',
  required: ['column', 'othercolumns'],
  properties: {
    column: { type: 'string', minLength: 1, description: 'the first field of the group' },
    othercolumns: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'the other fields' },
  },
};

/**
 * `cohesive-columns-value`. Like Validata, only the columns the file has are compared ("les colonnes
 * présentes parmi …"): skipped when fewer than two are present. Empty cells are what it looks at, so
 * no row is skipped for them. The finding sits on the first present column of the group.
 */
export const cohesiveColumnsCheck: CustomCheck = {
  name: 'cohesive-columns-value',
  params,
  create(ctx) {
    const others = ctx.params.othercolumns as string[];
    const group = resolveColumns(ctx, [
      ['column', ctx.params.column as string],
      ...others.map((name): [string, string] => ['othercolumns', name]),
    ]).filter((c) => c.present);
    const first = group[0];
    if (!first || group.length < 2) return {};
    const columns = group.map((c) => c.name);
    return {
      row(row) {
        const filled: string[] = [];
        const empty: string[] = [];
        for (const c of group) (c.isMissing(row.cells[c.index] ?? '') ? empty : filled).push(c.name);
        if (filled.length === 0 || empty.length === 0) return;
        ctx.emit(
          finding(
            ctx.declaredName,
            { rowNumber: row.rowNumber, line: row.line, fieldName: first.name },
            { columns, filled, empty },
          ),
        );
      },
    };
  },
};
