// XLS (BIFF, Excel 97–2003) read with SheetJS: the only module that imports the spreadsheet library.
import * as XLSX from '@e965/xlsx';
import type { CellObject, WorkBook } from '@e965/xlsx';
import { OdfError } from '../errors.js';
import { NumberText } from './cell-text.js';
import type { SheetEvents, SheetRow, WorkbookInput, WorkbookReader } from './workbook.js';

/** Error cell codes as stored in XLS (BIFF error values) and the text a spreadsheet shows. */
const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** Rows per batch given to the spreadsheet layer. */
const BATCH_ROWS = 1024;

function cellText(cell: CellObject | undefined, numbers: NumberText): string {
  if (!cell) return '';
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : v === undefined ? '' : String(v);
    case 'n':
      if (typeof v !== 'number') return v === undefined ? '' : String(v);
      return numbers.text(v, typeof cell.z === 'string' ? cell.z : undefined);
    case 'b':
      return v ? 'true' : 'false';
    case 'e':
      return typeof v === 'number' ? (ERROR_TEXT[v] ?? cell.w ?? '#ERROR') : (cell.w ?? String(v ?? ''));
    case 'd':
      return v instanceof Date ? v.toISOString().replace(/\.000Z$|Z$/, '') : String(v ?? '');
    default:
      return '';
  }
}

/**
 * Opens an XLS workbook. BIFF is a binary compound file without streaming structure and is limited to
 * 65,536 rows, so SheetJS parses it whole (dense storage, number formats kept, nothing else), then rows
 * are given from the parsed sheets.
 */
export function openXls(bytes: Uint8Array, input: WorkbookInput): WorkbookReader {
  const name = input.name;
  let wb: WorkBook;
  try {
    wb = XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(detail)) {
      throw new OdfError(
        'file-unreadable',
        `Le classeur ${name} est protégé par un mot de passe : enregistrez-le sans mot de passe pour qu’odf puisse le lire.`,
        { name, detail },
        `The workbook ${name} is password-protected: save it without a password so odf can read it.`,
      );
    }
    throw new OdfError(
      'file-unreadable',
      `Le classeur ${name} est illisible ou endommagé (${detail}).`,
      { name, detail },
      `The workbook ${name} is unreadable or damaged (${detail}).`,
    );
  }
  const numbers = new NumberText(Boolean(wb.Workbook?.WBProps?.date1904));
  const names = [...wb.SheetNames];
  const { maxColumns, maxRows } = input.limits;
  async function* rows(index: number, events: SheetEvents): AsyncGenerator<SheetRow[]> {
    const ws = wb.Sheets[names[index]!] ?? {};
    for (const m of ws['!merges'] ?? []) events.merge(m);
    const data: (CellObject[] | undefined)[] = ws['!data'] ?? [];
    let batch: SheetRow[] = [];
    for (let r = 0; r < data.length && r < maxRows; r++) {
      const row = data[r];
      if (!row) continue;
      const cells: string[] = [];
      let errors: number[] | undefined;
      for (let c = 0; c < row.length && c < maxColumns; c++) {
        const text = cellText(row[c], numbers);
        if (text === '') continue;
        while (cells.length < c) cells.push('');
        cells[c] = text;
        if (row[c]?.t === 'e') (errors ??= []).push(c);
      }
      if (cells.length === 0) continue;
      batch.push(errors ? { index: r, cells, errors, repeat: 1 } : { index: r, cells, repeat: 1 });
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return {
    format: 'xls',
    sheets: names.map((sheet, i) => ({ name: sheet, hidden: (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0 })),
    rows,
    close: () => Promise.resolve(),
  };
}
