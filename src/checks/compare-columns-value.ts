// Custom check `compare-columns-value`: on each row, `column op column2` holds between two numbers or two dates.
import { cellFinding, resolveColumns } from './columns.js';
import type { ParamsSchema } from './params.js';
import type { CustomCheck } from './types.js';

/** The comparison operators Validata accepts. */
export const COMPARE_OPS = ['<', '<=', '==', '>=', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** A value that can be ordered: a number (number or bigint, compared exactly) or a date (epoch milliseconds). */
export interface Comparable {
  kind: 'number' | 'date';
  n: number | bigint;
}

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * A cell as something comparable: its cast value when that is a number, bigint or Date; else its text
 * read as a number (`.` or `,` decimal), an ISO date or date-time, or a French `dd/mm/yyyy` date;
 * undefined when none applies.
 */
export function toComparable(value: unknown, text: string): Comparable | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'number', n: value };
  if (typeof value === 'bigint') return { kind: 'number', n: value };
  if (value instanceof Date && !Number.isNaN(value.getTime())) return { kind: 'date', n: value.getTime() };
  const t = text.trim();
  if (NUMBER.test(t)) return { kind: 'number', n: Number(t.replace(',', '.')) };
  let ms = Number.NaN;
  if (ISO_DATE.test(t)) ms = Date.parse(t.replace(' ', 'T'));
  else {
    const m = FRENCH_DATE.exec(t);
    if (m) ms = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  }
  return Number.isNaN(ms) ? undefined : { kind: 'date', n: ms };
}

/** Whether `a op b` holds; undefined when the two are not of the same kind (number vs date). */
export function compareHolds(a: Comparable, op: CompareOp, b: Comparable): boolean | undefined {
  if (a.kind !== b.kind) return undefined;
  // `<` and `>` compare number and bigint exactly, even mixed.
  const c = a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '==':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
  }
}

const params: ParamsSchema = {
  type: 'object',
  required: ['column', 'op', 'column2'],
  properties: {
    column: {
      type: 'string',
      minLength: 1,
      description: 'the field on the left, where findings are reported',
    },
    op: { enum: COMPARE_OPS, description: 'the comparison' },
    column2: { type: 'string', minLength: 1, description: 'the field on the right' },
  },
};

/**
 * `compare-columns-value`. Skipped when a column is absent; a row is skipped when either cell is empty
 * or when the two cells are not both numbers or both dates (a type error is reported elsewhere).
 */
export const compareColumnsCheck: CustomCheck = {
  name: 'compare-columns-value',
  params,
  create(ctx) {
    const op = ctx.params.op as CompareOp;
    const [left, right] = resolveColumns(ctx, [
      ['column', ctx.params.column as string],
      ['column2', ctx.params.column2 as string],
    ]);
    if (!left?.present || !right?.present) return {};
    // A typed cell that did not cast is already a type error: comparing its text would only add noise.
    const typed = (i: number): boolean => {
      const type = ctx.schema.fields[i]?.type ?? 'string';
      return type !== 'string' && type !== 'any';
    };
    const leftTyped = typed(left.index);
    const rightTyped = typed(right.index);
    return {
      row(row) {
        const lt = row.cells[left.index] ?? '';
        const rt = row.cells[right.index] ?? '';
        if (left.isMissing(lt) || right.isMissing(rt)) return;
        if (
          (leftTyped && row.values[left.index] === undefined) ||
          (rightTyped && row.values[right.index] === undefined)
        )
          return;
        const a = toComparable(row.values[left.index], lt);
        const b = a && toComparable(row.values[right.index], rt);
        if (!a || !b || compareHolds(a, op, b) !== false) return;
        ctx.emit(cellFinding(ctx, row, left.name, lt, { op, column2: right.name, value2: rt }));
      },
    };
  },
};
