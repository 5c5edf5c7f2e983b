// Numbers written with surrounding spaces: valid (Frictionless strips them, issue 11), counted and said once per column.
import type { Finding } from '../findings/types.js';
import { hasSurroundingSpace } from '../fields/number.js';
import type { KeyField } from './unique.js';
import type { TableCheck, TableRow } from './types.js';
import { finding } from '../findings/catalogue.js';

/**
 * A `number-spaces` warning per number or integer field whose valid cells have surrounding spaces
 * (`"2.375517 "`): how many, and the first one. The cast already strips them (as Frictionless and so
 * Validata do); normalize writes the number without them.
 */
export function createNumberSpacesCheck(fields: readonly KeyField[], emit: (f: Finding) => void): TableCheck {
  const byField = new Map(fields.map((f) => [f.fieldIndex, f]));
  const seen = new Map<number, { count: number; rowNumber: number; line: number; value: string }>();
  return {
    fields: fields.map((f) => f.fieldIndex),
    // A cell accepted in place is a plain decimal: no space around it.
    ignoresPlainCells: true,
    cell(row: TableRow, fieldIndex: number) {
      const text = row.texts[fieldIndex]!;
      if (!hasSurroundingSpace(text)) return;
      const known = seen.get(fieldIndex);
      if (known) known.count++;
      else seen.set(fieldIndex, { count: 1, rowNumber: row.rowNumber, line: row.line, value: text });
    },
    end() {
      for (const [fieldIndex, s] of seen) {
        const f = byField.get(fieldIndex)!;
        emit(
          finding(
            'number-spaces',
            { fieldName: f.fieldName, fieldNumber: fieldIndex + 1, column: f.label },
            { count: s.count, firstRowNumber: s.rowNumber, firstLine: s.line },
            { value: s.value, fixable: true },
          ),
        );
      }
    },
  };
}
