// Custom check `sum-columns-value`: on each row, a cell equals the sum of other cells, computed exactly on decimal text.
import type { Field } from '../schema/types.js';
import { cellFinding, resolveColumns } from './columns.js';
import type { ParamsSchema } from './params.js';
import type { CustomCheck } from './types.js';

/** A decimal as an exact scaled integer: value = units / 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** Reads decimal text (`-12.50`) exactly; undefined when it is not a plain decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  const int = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || int + frac === '') return undefined;
  return { units: BigInt(`${m[1]}${int}${frac}`), scale: frac.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** The exact sum of decimals. */
export function sumDecimals(ds: readonly Decimal[]): Decimal {
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  return { units: ds.reduce((acc, d) => acc + rescale(d, scale), 0n), scale };
}

/** Whether two decimals are equal, whatever their scales (`0.30` equals `0.3`). */
export function decimalsEqual(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

/** A decimal as plain text (`-0.05`). */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** A reader of one field's cell text as a decimal, honouring its `decimalChar` and `groupChar`. */
export function decimalReader(field: Field | undefined): (text: string) => Decimal | undefined {
  const decimalChar = field?.decimalChar ?? '.';
  const groupChar = field?.groupChar;
  return (text) => {
    let t = text.trim();
    if (groupChar) t = t.split(groupChar).join('');
    if (decimalChar !== '.') t = t.split(decimalChar).join('.');
    return parseDecimal(t);
  };
}

const params: ParamsSchema = {
  type: 'object',
  required: ['column', 'columns'],
  properties: {
    column: { type: 'string', minLength: 1, description: 'the field holding the total' },
    columns: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'the fields summed' },
  },
};

/**
 * `sum-columns-value`. Skipped when a column is absent; a row is skipped when a cell is empty or not
 * a decimal number (its type error is reported elsewhere). Exact: `0.1 + 0.2` equals `0.3`.
 */
export const sumColumnsCheck: CustomCheck = {
  name: 'sum-columns-value',
  params,
  create(ctx) {
    const addends = ctx.params.columns as string[];
    const [total, ...parts] = resolveColumns(ctx, [
      ['column', ctx.params.column as string],
      ...addends.map((name): [string, string] => ['columns', name]),
    ]);
    if (!total || ![total, ...parts].every((c) => c.present)) return {};
    const all = [total, ...parts].map((c) => ({ ...c, read: decimalReader(ctx.schema.fields[c.index]) }));
    const columns = parts.map((c) => c.name);
    return {
      row(row) {
        const decimals: Decimal[] = [];
        for (const c of all) {
          const text = row.cells[c.index] ?? '';
          if (c.isMissing(text)) return;
          const d = c.read(text);
          if (!d) return;
          decimals.push(d);
        }
        const [expected, ...rest] = decimals as [Decimal, ...Decimal[]];
        const sum = sumDecimals(rest);
        if (decimalsEqual(expected, sum)) return;
        const text = row.cells[total.index] ?? '';
        ctx.emit(cellFinding(ctx, row, total.name, text, { columns, sum: formatDecimal(sum) }));
      },
    };
  },
};
