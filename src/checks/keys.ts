// Table keys: the primary key (unique and never blank) and same-table foreign keys, compared as typed values.
import type { Finding } from '../findings/types.js';
import type { TableSchema } from '../schema/types.js';
import { hash53 } from './hash.js';
import { RowLines } from './row-lines.js';
import type { TableCheck, TableRow } from './types.js';
import { valueKey } from './unique.js';
import { finding } from '../findings/catalogue.js';

/** The field names of a key, written as one name or a list. */
export function keyFields(key: string | string[] | undefined): string[] {
  if (!key) return [];
  return Array.isArray(key) ? key : [key];
}

/**
 * A key cell as compared: the typed value's text (`1`, `01` and `+1` are one integer), the text as
 * written when it is not of the field's type, undefined when the cell is missing or absent.
 */
function keyText(row: TableRow, fieldIndex: number): string | undefined {
  const r = row.results[fieldIndex];
  if (r === undefined || r.kind === 'missing') return undefined;
  return r.kind === 'ok' ? valueKey(r.value) : row.texts[fieldIndex];
}

/** The field index of each name, or undefined when one of them is not fed by the input. */
function fedIndexes(
  names: readonly string[],
  fieldIndexOf: (name: string) => number | undefined,
): number[] | undefined {
  const out: number[] = [];
  for (const name of names) {
    const i = fieldIndexOf(name);
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

/**
 * The primary key: a row whose key cells are all empty breaks it (Frictionless), and so does a key seen
 * on an earlier row (kept as 53-bit hashes). Undefined when the schema has none or the input does not
 * feed every key field. `fedField(name)` gives the index of a field fed by the input.
 */
export function createPrimaryKeyCheck(
  schema: TableSchema,
  fedField: (name: string) => number | undefined,
  emit: (f: Finding) => void,
): TableCheck | undefined {
  const names = keyFields(schema.primaryKey);
  const indexes = names.length > 0 ? fedIndexes(names, fedField) : undefined;
  if (!indexes) return undefined;
  const seen = new Map<number, number>();
  const lines = new RowLines();
  const fields = names.join(', ');
  return {
    row(row: TableRow) {
      const { rowNumber, line } = row;
      let key = '';
      let filled = 0;
      for (const i of indexes) {
        const t = keyText(row, i);
        if (t !== undefined) filled++;
        key += `${t ?? '\u0001'}\u0000`;
      }
      if (filled === 0) {
        emit(finding('primary-key', { rowNumber, line }, { fields, blank: true }));
        return;
      }
      const h = hash53(key);
      const first = seen.get(h);
      if (first === undefined) {
        seen.set(h, rowNumber);
        lines.see(rowNumber, line);
        return;
      }
      emit(
        finding(
          'primary-key',
          { rowNumber, line },
          { fields, firstRowNumber: first, firstLine: lines.lineOf(first) },
          { value: indexes.map((i) => keyText(row, i) ?? '').join(', ') },
        ),
      );
    },
  };
}

/**
 * Same-table foreign keys (`reference.resource` empty): every key a row gives must be the referenced key
 * of some row of the table, earlier or later; checked at the end over hashes. A key whose fields are not
 * all fed by the input is not checked.
 */
export function createForeignKeyChecks(
  schema: TableSchema,
  fedField: (name: string) => number | undefined,
  emit: (f: Finding) => void,
): TableCheck[] {
  const checks: TableCheck[] = [];
  for (const fk of schema.foreignKeys ?? []) {
    if (fk.reference.resource) continue;
    const own = keyFields(fk.fields);
    const ref = keyFields(fk.reference.fields);
    const ownIdx = fedIndexes(own, fedField);
    const refIdx = fedIndexes(ref, fedField);
    if (!ownIdx || !refIdx) continue;
    const refs = new Set<number>();
    const pending: { h: number; value: string; rowNumber: number; line: number }[] = [];
    const keyOf = (row: TableRow, idx: readonly number[]): string[] | undefined => {
      const out: string[] = [];
      for (const i of idx) {
        const t = keyText(row, i);
        if (t === undefined) return undefined;
        out.push(t);
      }
      return out;
    };
    checks.push({
      row(row: TableRow) {
        const r = keyOf(row, refIdx);
        if (r) refs.add(hash53(r.join('\u0000')));
        const o = keyOf(row, ownIdx);
        if (o)
          pending.push({
            h: hash53(o.join('\u0000')),
            value: o.join(', '),
            rowNumber: row.rowNumber,
            line: row.line,
          });
      },
      end() {
        for (const p of pending) {
          if (refs.has(p.h)) continue;
          emit(
            finding(
              'foreign-key',
              { rowNumber: p.rowNumber, line: p.line, fieldName: own[0] },
              { fields: own.join(', '), referenceFields: ref.join(', ') },
              { value: p.value },
            ),
          );
        }
      },
    });
  }
  return checks;
}
