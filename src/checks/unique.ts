// The `unique` constraint: a value seen twice in a column, compared as typed values (kept as 53-bit hashes).
import type { Finding } from '../findings/types.js';
import { hash53, hash53At } from './hash.js';
import { RowLines } from './row-lines.js';
import type { TableCheck, TableRow } from './types.js';
import { finding } from '../findings/catalogue.js';

/** A field whose values must be unique: its place in the row, its name and the input label feeding it. */
export interface KeyField {
  fieldIndex: number;
  fieldName: string;
  /** The input column label (the field's name for a constant). */
  label: string;
  /**
   * True when a valid cell's typed value is its text as written, so that its key is the text (a
   * string; a date of the default format accepted in place): such cells may be hashed in place.
   */
  textKey?: boolean;
}

/** A text that is equal for equal typed values (`1`, `01` and `+1` as integers; numbers; dates; JSON). */
export function valueKey(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * `unique` on each listed field: every valid value is hashed (memory stays a number per distinct value);
 * a value seen before gives a `unique-error` naming the first row (its record number and its line). Invalid and missing cells are not
 * compared (they have their own findings).
 */
export function createUniqueCheck(fields: readonly KeyField[], emit: (f: Finding) => void): TableCheck {
  const byField = new Map(fields.map((f) => [f.fieldIndex, { ...f, seen: new Map<number, number>() }]));
  // The line of each first occurrence, for messages (« apparaît déjà ligne 7 »).
  const lines = new RowLines();
  /** The cell of hash `h` seen on `row`: kept when new, else a finding (its text made by `value`). */
  const see = (row: TableRow, fieldIndex: number, h: number, value: () => string): void => {
    const state = byField.get(fieldIndex)!;
    const first = state.seen.get(h);
    if (first === undefined) {
      state.seen.set(h, row.rowNumber);
      lines.see(row.rowNumber, row.line);
      return;
    }
    emit(
      finding(
        'unique-error',
        {
          rowNumber: row.rowNumber,
          line: row.line,
          fieldName: state.fieldName,
          fieldNumber: fieldIndex + 1,
          column: state.label,
        },
        { firstRowNumber: first, firstLine: lines.lineOf(first) },
        { value: value() },
      ),
    );
  };
  return {
    fields: fields.map((f) => f.fieldIndex),
    cell(row: TableRow, fieldIndex: number) {
      const r = row.results[fieldIndex];
      if (r?.kind !== 'ok' || !byField.has(fieldIndex)) return;
      see(row, fieldIndex, hash53(valueKey(r.value)), () => row.texts[fieldIndex]!);
    },
    takesAt: (fieldIndex) => byField.get(fieldIndex)?.textKey === true,
    // The key of such a cell is its text: hash53 of the text, read in place, is hash53 of its valueKey.
    cellAt(row, fieldIndex, text, start, end) {
      see(row, fieldIndex, hash53At(text, start, end), () => text.slice(start, end));
    },
  };
}
