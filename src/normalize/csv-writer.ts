// The canonical CSV dialect odf writes: UTF-8, comma, CRLF, `"` quoting only where needed (RFC 4180).
import { escapeFormula } from '../text/formula.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function formatCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** How cells are written. */
export interface RowFormat {
  /** Prefix cells a spreadsheet would run as formulas with `'` (OWASP's advice; `--escape-formulas`). */
  escapeFormulas?: boolean;
}

/** One record with its CRLF terminator. */
export function formatRow(cells: readonly string[], format: RowFormat = {}): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += formatCell(format.escapeFormulas ? escapeFormula(cells[i]!) : cells[i]!);
  }
  return `${out}\r\n`;
}

/** The UTF-8 byte order mark, for `--bom` (Excel opens UTF-8 files right only with it). */
export const UTF8_BOM = '\ufeff';
