// The canonical CSV dialect odf writes: UTF-8, comma, CRLF, `"` quoting only where needed (RFC 4180).

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function formatCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One record with its CRLF terminator. */
export function formatRow(cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += formatCell(cells[i]!);
  }
  return `${out}\r\n`;
}

/** The UTF-8 byte order mark, for `--bom` (Excel opens UTF-8 files right only with it). */
export const UTF8_BOM = '\ufeff';
