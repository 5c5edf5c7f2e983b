// The canonical CSV dialect odf writes: UTF-8, comma, CRLF, `"` quoting only where needed (RFC 4180).
import type { Field } from '../schema/types.js';
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

const quoteFree = (texts: readonly unknown[]): boolean =>
  texts.every((t) => typeof t === 'string' && !NEEDS_QUOTES.test(t));

/**
 * True when the canonical text of every valid cell of `field` is written as it is, without quotes: the
 * writer then skips the quoting test for such cells. Integers and years are digits; numbers are digits,
 * sign, exponent, `NaN`/`INF` and the field's decimal mark; a boolean is one of its first true and false
 * values; a string with an `enum` of texts is one of them. Anything else may hold a comma or a quote.
 */
export function quoteFreeCanonical(field: Field): boolean {
  const type = typeof field.type === 'string' && field.type !== '' ? field.type : 'string';
  switch (type) {
    case 'integer':
    case 'year':
      return true;
    case 'number':
      return typeof field.decimalChar !== 'string' || quoteFree([field.decimalChar]);
    case 'boolean': {
      // Every true and false value, not only the first (the one written): no need to mirror its choice.
      const values = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
      return quoteFree([...values(field.trueValues), ...values(field.falseValues)]);
    }
    case 'string': {
      const allowed = field.constraints?.enum;
      return Array.isArray(allowed) && quoteFree(allowed);
    }
    default:
      return false;
  }
}
