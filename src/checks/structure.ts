// The structure check (Frictionless names): blank and duplicate labels, blank rows, missing and extra cells.
import type { Finding } from '../findings/types.js';
import type { RawRow } from '../io/types.js';
import type { TableCheck } from './types.js';

/** Frictionless-style findings about the header labels: blank and duplicate labels. */
export function labelFindings(labels: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  labels.forEach((label, i) => {
    const fieldNumber = i + 1;
    if (label.trim() === '') {
      out.push({
        code: 'blank-label',
        level: 'error',
        loc: { rowNumber: 1, fieldNumber },
        params: { fieldNumber },
      });
      return;
    }
    const first = seen.get(label);
    if (first !== undefined) {
      out.push({
        code: 'duplicate-label',
        level: 'error',
        loc: { rowNumber: 1, fieldNumber, column: label },
        params: { label, fieldNumber, firstFieldNumber: first },
      });
    } else seen.set(label, fieldNumber);
  });
  return out;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/**
 * The structure of the table: the header's labels (start), each row's shape against the header (a blank
 * row is skipped, a short or long row gives one finding per missing or extra cell) and, at the end, a
 * table without data rows.
 */
export function createStructureCheck(labels: readonly string[], emit: (f: Finding) => void): TableCheck {
  const labelCount = labels.length;
  let rows = 0;
  return {
    start() {
      for (const f of labelFindings(labels)) emit(f);
    },
    shape(raw: RawRow): boolean {
      rows++;
      const { cells, rowNumber, line } = raw;
      if (isBlank(cells)) {
        emit({ code: 'blank-row', level: 'error', loc: { rowNumber, line }, params: { rowNumber } });
        return true;
      }
      if (cells.length < labelCount) {
        for (let c = cells.length; c < labelCount; c++) {
          emit({
            code: 'missing-cell',
            level: 'error',
            loc: { rowNumber, line, fieldNumber: c + 1, fieldName: labels[c] },
            params: { rowNumber, fieldNumber: c + 1, cellCount: cells.length, labelCount },
          });
        }
      } else if (cells.length > labelCount) {
        for (let c = labelCount; c < cells.length; c++) {
          emit({
            code: 'extra-cell',
            level: 'error',
            loc: { rowNumber, line, fieldNumber: c + 1 },
            value: cells[c],
            params: { rowNumber, fieldNumber: c + 1, cellCount: cells.length, labelCount },
          });
        }
      }
      return false;
    },
    end() {
      if (rows === 0) emit({ code: 'no-data', level: 'warning', loc: {}, params: {} });
    },
  };
}
