// The structure check (Frictionless names): blank and duplicate labels, blank rows, missing and extra cells.
import type { Finding } from '../findings/types.js';
import type { RowCells } from '../io/types.js';
import type { TableCheck } from './types.js';
import { finding } from '../findings/catalogue.js';

/** Frictionless-style findings about the header labels: blank and duplicate labels. */
export function labelFindings(labels: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  labels.forEach((label, i) => {
    const fieldNumber = i + 1;
    if (label.trim() === '') {
      out.push(finding('blank-label', { rowNumber: 1, fieldNumber }, { fieldNumber }));
      return;
    }
    const first = seen.get(label);
    if (first !== undefined) {
      out.push(
        finding(
          'duplicate-label',
          { rowNumber: 1, fieldNumber, column: label },
          { label, fieldNumber, firstFieldNumber: first },
        ),
      );
    } else seen.set(label, fieldNumber);
  });
  return out;
}

/** True when every cell is empty or white space (read in place: a filled row stops at its first cell). */
function isBlank(cells: RowCells): boolean {
  for (let i = 0; i < cells.count; i++) {
    const start = cells.start(i);
    const end = cells.end(i);
    if (start === end) continue;
    const code = cells.source(i).charCodeAt(start);
    // Not white space (String.prototype.trim's set starts above U+0020 only with U+00A0).
    if (code > 32 && code < 0xa0) return false;
    if (cells.cell(i).trim() !== '') return false;
  }
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
    shape(cells: RowCells, rowNumber: number, line: number): boolean {
      rows++;
      if (isBlank(cells)) {
        emit(finding('blank-row', { rowNumber, line }, { rowNumber }));
        return true;
      }
      const count = cells.count;
      if (count < labelCount) {
        for (let c = count; c < labelCount; c++) {
          emit(
            finding(
              'missing-cell',
              { rowNumber, line, fieldNumber: c + 1, fieldName: labels[c] },
              { rowNumber, fieldNumber: c + 1, cellCount: count, labelCount },
            ),
          );
        }
      } else if (count > labelCount) {
        for (let c = labelCount; c < count; c++) {
          emit(
            finding(
              'extra-cell',
              { rowNumber, line, fieldNumber: c + 1 },
              { rowNumber, fieldNumber: c + 1, cellCount: count, labelCount },
              { value: cells.cell(c) },
            ),
          );
        }
      }
      return false;
    },
    end() {
      // Nothing but one line of one cell (a one-word text file named explicitly) is no table at all: not conform.
      if (rows === 0 && labelCount <= 1) emit(finding('no-table', {}, { labels: labelCount }));
      else if (rows === 0) emit(finding('no-data', {}));
    },
  };
}
