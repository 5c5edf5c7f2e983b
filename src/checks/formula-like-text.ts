// The formula-like-text finding: per column, the cells a spreadsheet opening the CSV would run as
// formulas (CSV injection, OWASP); what reads as a formula is decided in src/text/formula.ts.
import { finding } from '../findings/catalogue.js';
import type { Finding } from '../findings/types.js';
import { looksLikeFormula } from '../text/formula.js';
import type { RowCells } from '../io/types.js';
import type { RowObserver } from './types.js';

/**
 * True when a cell's first character code may start a formula: `=`, `+`, `-`, `@`, or a space or control
 * character an importer may strip (tab, carriage return among them). A cheap first test on a char code:
 * most cells start with a letter or a digit.
 */
function mayStartFormula(code: number): boolean {
  return code <= 0x20 || code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40;
}

/** The codes below 128 for which mayStartFormula holds, marked 1 (for RowCells.nextStartingWith). */
const FORMULA_STARTS = Uint8Array.from({ length: 128 }, (_, c) => (mayStartFormula(c) ? 1 : 0));

/** Where formula-like cells were met in one column: how many, the first rows, a few values. */
interface Hits {
  count: number;
  rows: number[];
  examples: string[];
}

const MAX_ROWS = 5;
const MAX_EXAMPLES = 3;

/** What one chunk of a file's rows found (read on another thread, issue 14): per column, in row order. */
export type FormulaChunk = [number, Hits][];

/** The formula scanner, which can also give what it found (chunk) and take what a later chunk found. */
export interface FormulaScanner extends RowObserver {
  rowCells(cells: RowCells, rowNumber: number, line: number): void;
  chunk(): FormulaChunk;
  /** Add the hits of rows that come after every row this scanner saw. */
  absorb(later: FormulaChunk): void;
}

/** Scan every cell of every row (header included) for formulas; one warning per column that has some. */
export function createFormulaScanner(labels: readonly string[]): FormulaScanner {
  const hits = new Map<number, Hits>();
  const note = (column: number, text: string, rowNumber: number): void => {
    let h = hits.get(column);
    if (!h) {
      h = { count: 0, rows: [], examples: [] };
      hits.set(column, h);
    }
    h.count++;
    if (h.rows.length < MAX_ROWS) h.rows.push(rowNumber);
    if (h.examples.length < MAX_EXAMPLES && !h.examples.includes(text)) h.examples.push(text);
  };
  const header: Finding[] = [];
  labels.forEach((label, i) => {
    if (!looksLikeFormula(label)) return;
    header.push(
      finding(
        'formula-like-text',
        { rowNumber: 1, fieldNumber: i + 1 },
        { count: 1, rows: [1], examples: [label], header: true },
      ),
    );
  });
  return {
    chunk: () => [...hits],
    absorb(later) {
      for (const [column, l] of later) {
        const h = hits.get(column);
        if (!h) {
          hits.set(column, { count: l.count, rows: [...l.rows], examples: [...l.examples] });
          continue;
        }
        h.count += l.count;
        for (const r of l.rows) if (h.rows.length < MAX_ROWS) h.rows.push(r);
        for (const e of l.examples) {
          if (h.examples.length < MAX_EXAMPLES && !h.examples.includes(e)) h.examples.push(e);
        }
      }
    },
    row(cells, rowNumber) {
      for (let i = 0; i < cells.length; i++) {
        const t = cells[i]!;
        if (t.length > 0 && mayStartFormula(t.charCodeAt(0)) && looksLikeFormula(t)) note(i, t, rowNumber);
      }
    },
    rowCells(cells, rowNumber) {
      const count = cells.count;
      if (cells.nextStartingWith !== undefined) {
        // One call per row: most rows have no cell starting with a formula's first character.
        for (
          let i = cells.nextStartingWith(FORMULA_STARTS, 0);
          i >= 0;
          i = cells.nextStartingWith(FORMULA_STARTS, i + 1)
        ) {
          const t = cells.cell(i);
          if (looksLikeFormula(t)) note(i, t, rowNumber);
        }
        return;
      }
      for (let i = 0; i < count; i++) {
        const start = cells.start(i);
        if (start === cells.end(i) || !mayStartFormula(cells.source(i).charCodeAt(start))) continue;
        const t = cells.cell(i);
        if (looksLikeFormula(t)) note(i, t, rowNumber);
      }
    },
    end() {
      const out = [...header];
      for (const [column, h] of [...hits].sort((a, b) => a[0] - b[0])) {
        const label = labels[column];
        const loc =
          label === undefined ? { fieldNumber: column + 1 } : { fieldNumber: column + 1, fieldName: label };
        out.push(finding('formula-like-text', loc, { count: h.count, rows: h.rows, examples: h.examples }));
      }
      return out;
    },
  };
}
