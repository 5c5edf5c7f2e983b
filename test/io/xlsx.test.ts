// Tests of the spreadsheet reader: cell texts, sheet choice, header detection, zip-bomb and damaged files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import type { OpenOptions, OpenTable, RawRow } from '../../src/io/types.js';
import {
  classifyFormat,
  formatNumber,
  openWorkbook,
  resolveSheet,
  serialText,
  type FormatKind,
} from '../../src/io/xlsx.js';
import { readZipDirectory } from '../../src/io/zip.js';

const dir = path.resolve('fixtures/sheets');
const official = path.resolve('fixtures/official/stationnement/0.1.4/exemple-valide.xlsx');

async function open(file: string, options: OpenOptions = {}): Promise<OpenTable> {
  return openWorkbook({ path: path.join(dir, file), name: file }, options);
}

async function readAll(table: OpenTable): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    if (isOdfError(e)) return { code: e.code, data: e.data };
    throw e;
  }
  throw new Error('expected an OdfError');
}

const HEADER = ['code_insee', 'nom', 'montant', 'date', 'commentaire'];

/** The shared table (fixtures/sheets/README.md), sheet rows 2..8, as the reader must give it. */
const TABLE: string[][] = [
  ['01053', 'Bourg-en-Bresse', '0.1', '2020-09-15', 'L’été à « cœur »'],
  ['75056', 'Paris', '1234.56', '2020-09-15T10:30:00', 'Prix en €'],
  ['2A004', 'Ajaccio', '0.2', '10:30:00', 'true'],
  ['97411', 'Saint-Denis', '21860194600013', '2024-02-29', '#DIV/0!'],
  ['13055', 'Marseille', '1000000000000000000000', '1900-03-01', 'Texte riche'],
  ['', '', '', '', ''],
  ['01053', 'Lille', '0.3', '', 'false'],
];

function withCell(rows: string[][], r: number, c: number, text: string): string[][] {
  return rows.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? text : cell)) : row));
}

describe('openWorkbook: the shared table in every format', () => {
  const cases: [file: string, format: string, cells: string[][]][] = [
    ['table.xlsx', 'xlsx', TABLE],
    ['table.xls', 'xls', TABLE],
    // ODS has no error cells: SheetJS writes #DIV/0! as an empty cell.
    ['table.ods', 'ods', withCell(TABLE, 3, 4, '')],
    ['table-1904.xlsx', 'xlsx', withCell(TABLE, 4, 3, '1904-01-01')],
    ['trailing-empty.xlsx', 'xlsx', TABLE],
    ['hidden-first.xlsx', 'xlsx', TABLE],
  ];
  it.each(cases)('%s', async (file, format, cells) => {
    const table = await open(file);
    expect(table.meta.format).toBe(format);
    expect(table.meta.columns).toEqual(HEADER);
    expect(table.meta.headerRow).toBe(1);
    const rows = await readAll(table);
    expect(rows.map((r) => r.cells)).toEqual(cells);
    expect(rows.map((r) => [r.rowNumber, r.line])).toEqual(cells.map((_, i) => [i + 2, i + 2]));
    expect(table.meta.rowCount).toBe(7);
  });

  it('reads an ODS written like LibreOffice (typed dates and times, repeated empty rows and columns)', async () => {
    const table = await open('libreoffice.ods');
    expect(table.meta).toMatchObject({ format: 'ods', sheet: 'Feuille1', columns: HEADER });
    const rows = await readAll(table);
    expect(rows.map((r) => r.cells)).toEqual([
      TABLE[0],
      ['75056', 'Paris', '1234.56', '2020-09-15T10:30:00', 'Prix  en €'],
      TABLE[2],
      TABLE[3],
    ]);
    expect(table.meta.rowCount).toBe(4);
  });

  it('reads bytes as it reads the file', async () => {
    const bytes = readFileSync(path.join(dir, 'table.xlsx'));
    const table = await openWorkbook({ bytes: new Uint8Array(bytes), name: 'stdin' }, {});
    expect((await readAll(table)).map((r) => r.cells)).toEqual(TABLE);
    expect(table.meta).toMatchObject({ path: 'stdin', bytes: bytes.length });
  });

  it('reports error cells with their location', async () => {
    const table = await open('table.xlsx');
    await readAll(table);
    const errors = table.meta.findings.filter((f) => f.code === 'sheet-error-cell');
    expect(errors.map((f) => [f.loc.rowNumber, f.loc.line, f.loc.fieldNumber, f.value])).toEqual([
      [5, 5, 5, '#DIV/0!'],
    ]);
  });

  it('reports progress up to the file size', async () => {
    const seen: number[] = [];
    const table = await open('table.xlsx', { onProgress: (n) => seen.push(n) });
    await readAll(table);
    expect(seen.at(-1)).toBe(table.meta.bytes);
  });

  it('reads the official SCDL stationnement example', async () => {
    const table = await openWorkbook({ path: official, name: 'exemple-valide.xlsx' }, {});
    expect(table.meta).toMatchObject({ format: 'xlsx', sheet: 'Worksheet', headerRow: 1, findings: [] });
    expect(table.meta.columns).toHaveLength(30);
    const rows = await readAll(table);
    expect(rows).toHaveLength(2);
    const byName = (r: RawRow) => Object.fromEntries(table.meta.columns.map((c, i) => [c, r.cells[i]]));
    expect(byName(rows[0]!)).toMatchObject({
      id: '75114-P-001',
      insee: '75114',
      gratuit: 'true',
      nb_places: '325',
      num_siret: '21920044100018',
      Xlong: '1.452323',
      Ylat: '46.59698',
      tarif_24h: '40',
      abo_non_resident: '79.99',
      info: 'Gratuité pour le marché le samedi matin',
    });
    expect(byName(rows[1]!)).toMatchObject({ hauteur_max: 'N/A' });
  });
});

describe('openWorkbook: layout', () => {
  it('skips a title row and a blank row above the header', async () => {
    const table = await open('title-rows.xlsx');
    expect(table.meta.headerRow).toBe(3);
    expect(table.meta.columns).toEqual(HEADER);
    const skipped = table.meta.findings.find((f) => f.code === 'header-rows-skipped');
    expect(skipped?.params).toEqual({ lines: [1, 2], headerLine: 3 });
    const rows = await readAll(table);
    expect(rows[0]).toEqual({ cells: TABLE[0], rowNumber: 2, line: 4 });
    expect(rows.at(-1)).toMatchObject({ rowNumber: 8, line: 10 });
  });

  it('uses the header row given, without a finding', async () => {
    const table = await open('title-rows.xlsx', { headerRow: 3 });
    expect(table.meta.columns).toEqual(HEADER);
    expect(table.meta.findings.map((f) => f.code)).not.toContain('header-rows-skipped');
  });

  it.each([0, 11, 2.5])('refuses header row %s outside the sheet', async (headerRow) => {
    expect((await failure(open('title-rows.xlsx', { headerRow }))).code).toBe('bad-option');
  });

  it('drops empty leading columns and finds a table placed at B3', async () => {
    const table = await open('offset.xlsx');
    expect(table.meta).toMatchObject({ headerRow: 3, columns: HEADER });
    expect(table.meta.findings.find((f) => f.code === 'header-rows-skipped')?.params).toEqual({
      lines: [1, 2],
      headerLine: 3,
    });
    expect((await readAll(table)).map((r) => [r.line, ...r.cells])).toEqual([
      [4, ...TABLE[0]!],
      [5, ...TABLE[1]!],
    ]);
  });

  it('keeps merged values in the top-left cell and reports the ranges', async () => {
    const table = await open('merged.xlsx');
    expect((await readAll(table)).map((r) => r.cells)).toEqual([
      ['01053', 'Bourg-en-Bresse', '10', '', 'fusionnée'],
      ['', '', '20', '', ''],
    ]);
    const merged = table.meta.findings.find((f) => f.code === 'sheet-merged-cells');
    expect(merged?.loc).toEqual({ line: 2, rowNumber: 2 });
    expect(merged?.params).toEqual({ count: 2, ranges: ['A2:A3', 'E2:E3'] });
  });

  it('does not report merged title cells above the header', async () => {
    const table = await open('title-rows.xlsx');
    expect(table.meta.findings.map((f) => f.code)).not.toContain('sheet-merged-cells');
  });
});

describe('openWorkbook: sheet choice', () => {
  const cases: [sheet: string | number | undefined, chosen: string, chosenFinding: boolean][] = [
    [undefined, 'Données', true],
    ['Données', 'Données', false],
    ['donnees', 'Données', false],
    [2, 'Données', false],
    ['2', 'Données', false],
    ['Synthèse', 'Synthèse', false],
    [1, 'Synthèse', false],
  ];
  it.each(cases)('--sheet %s reads %s', async (sheet, chosen, chosenFinding) => {
    const table = await open('two-sheets.xlsx', sheet === undefined ? {} : { sheet });
    expect(table.meta.sheet).toBe(chosen);
    expect(table.meta.sheets).toEqual(['Synthèse', 'Données']);
    const finding = table.meta.findings.find((f) => f.code === 'sheet-chosen');
    expect(finding !== undefined).toBe(chosenFinding);
    if (chosenFinding) expect(finding?.params).toEqual({ sheet: chosen, sheets: ['Synthèse', 'Données'] });
  });

  it('reads the summary sheet as it is when asked', async () => {
    const table = await open('two-sheets.xlsx', { sheet: 'Synthèse' });
    expect(table.meta.columns).toEqual(['Synthèse budget 2024']);
    expect((await readAll(table)).map((r) => r.cells)).toEqual([[''], ['Total', '1234.56']]);
  });

  it('skips an empty first sheet', async () => {
    const table = await open('empty-first-sheet.xlsx');
    expect(table.meta.sheet).toBe('Données');
    expect(table.meta.findings.map((f) => f.code)).toContain('sheet-chosen');
  });

  it('skips a hidden first sheet', async () => {
    expect((await open('hidden-first.xlsx')).meta.sheet).toBe('Données');
  });

  it.each([['Nope'], [0], [3], ['3']])('refuses unknown sheet %s with the list of sheets', async (sheet) => {
    const err = await failure(open('two-sheets.xlsx', { sheet }));
    expect(err.code).toBe('bad-option');
    expect(err.data.sheets).toEqual(['Synthèse', 'Données']);
  });

  it('refuses an empty sheet asked for by name as an empty file', async () => {
    expect((await failure(open('empty-first-sheet.xlsx', { sheet: 'Vide' }))).code).toBe('empty-file');
  });
});

describe('openWorkbook: failures', () => {
  const cases: [file: string, options: OpenOptions, code: string][] = [
    ['zip-bomb.xlsx', {}, 'zip-bomb'],
    ['table.xlsx', { maxUnzipped: 10_000 }, 'zip-bomb'],
    ['table.ods', { maxUnzipped: 10_000 }, 'zip-bomb'],
    ['not-a-spreadsheet.zip', {}, 'not-a-table'],
    ['truncated.xlsx', {}, 'file-unreadable'],
    ['corrupt.xlsx', {}, 'file-unreadable'],
    ['README.md', {}, 'not-a-table'],
    ['missing.xlsx', {}, 'file-not-found'],
  ];
  it.each(cases)('%s %j → %s', async (file, options, code) => {
    expect((await failure(open(file, options))).code).toBe(code);
  });

  it('checks the zip-bomb limit against the declared sizes', async () => {
    const err = await failure(open('table.xlsx', { maxUnzipped: 10_000 }));
    expect(err.data).toMatchObject({ limit: 10_000 });
    expect(err.data.unzipped).toBeGreaterThan(10_000);
  });

  it('does not apply the zip limit to XLS (not compressed)', async () => {
    expect((await open('table.xls', { maxUnzipped: 10 })).meta.format).toBe('xls');
  });

  it('refuses empty bytes', async () => {
    const err = await failure(openWorkbook({ bytes: new Uint8Array(), name: 'vide.xlsx' }, {}));
    expect(err.code).toBe('empty-file');
  });
});

describe('cell texts', () => {
  const numbers: [number, string][] = [
    [0.1, '0.1'],
    [1234.56, '1234.56'],
    [21860194600013, '21860194600013'],
    [1234.5000000001, '1234.5000000001'],
    [0.1 + 0.2, '0.3'],
    [-0, '0'],
    [-42, '-42'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [-2.5e21, '-2500000000000000000000'],
    [1e-7, '0.0000001'],
    [1.25e-8, '0.0000000125'],
    [1e300, '1e+300'],
    [5e-324, '5e-324'],
  ];
  it.each(numbers)('formatNumber(%s) = %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  const formats: [string | undefined, FormatKind][] = [
    [undefined, { kind: 'number' }],
    ['General', { kind: 'number' }],
    ['@', { kind: 'number' }],
    ['0.00', { kind: 'fixed', decimals: 2 }],
    ['#,##0.00 "€"', { kind: 'number' }],
    ['0%', { kind: 'number' }],
    ['0.00E+00', { kind: 'number' }],
    ['[Red]0.00;[Blue]-0.00', { kind: 'fixed', decimals: 2 }],
    ['00000', { kind: 'padded', width: 5 }],
    ['dd/mm/yyyy', { kind: 'datetime', date: true, time: false, elapsed: false }],
    ['m/d/yy', { kind: 'datetime', date: true, time: false, elapsed: false }],
    ['[$-40C]d mmmm yyyy', { kind: 'datetime', date: true, time: false, elapsed: false }],
    ['dd"/"mmmm"/"yyyy', { kind: 'datetime', date: true, time: false, elapsed: false }],
    ['dd/mm/yyyy hh:mm', { kind: 'datetime', date: true, time: true, elapsed: false }],
    ['hh:mm', { kind: 'datetime', date: false, time: true, elapsed: false }],
    ['h:mm AM/PM', { kind: 'datetime', date: false, time: true, elapsed: false }],
    ['mm:ss', { kind: 'datetime', date: false, time: true, elapsed: false }],
    ['[h]:mm:ss', { kind: 'datetime', date: false, time: true, elapsed: true }],
  ];
  it.each(formats)('classifyFormat(%s)', (format, kind) => {
    expect(classifyFormat(format)).toEqual(kind);
  });

  const DATE = { kind: 'datetime', date: true, time: false, elapsed: false } as const;
  const TIME = { kind: 'datetime', date: false, time: true, elapsed: false } as const;
  const ELAPSED = { kind: 'datetime', date: false, time: true, elapsed: true } as const;
  const serials: [number, typeof DATE | typeof TIME | typeof ELAPSED, boolean, string][] = [
    [44089, DATE, false, '2020-09-15'],
    [44089.4375, DATE, false, '2020-09-15T10:30:00'],
    [44089 + 37801 / 86400, DATE, false, '2020-09-15T10:30:01'],
    [44089.4375 + 0.5 / 86400, DATE, false, '2020-09-15T10:30:00.5'],
    [44089.99999999999, DATE, false, '2020-09-16'],
    [1, DATE, false, '1900-01-01'],
    [59, DATE, false, '1900-02-28'],
    [60, DATE, false, '1900-02-29'],
    [61, DATE, false, '1900-03-01'],
    [0, DATE, true, '1904-01-01'],
    [42627, DATE, true, '2020-09-15'],
    [0.4375, TIME, false, '10:30:00'],
    [0.4375, DATE, false, '10:30:00'],
    [0, TIME, false, '00:00:00'],
    [44089.4375, TIME, false, '2020-09-15T10:30:00'],
    [1.5, ELAPSED, false, '36:00:00'],
    [-1, DATE, false, '-1'],
  ];
  it.each(serials)('serialText(%s, %j, 1904=%s) = %s', (serial, kind, date1904, text) => {
    expect(serialText(serial, kind, date1904)).toBe(text);
  });
});

describe('resolveSheet', () => {
  const names = ['Synthèse', 'Données', '2024'];
  const cases: [string | number, number][] = [
    ['Données', 1],
    [' DONNÉES ', 1],
    ['synthese', 0],
    [1, 0],
    ['3', 2],
    ['2024', 2],
  ];
  it.each(cases)('%j → %i', (wanted, index) => {
    expect(resolveSheet(wanted, names, 'f.xlsx')).toBe(index);
  });
});

describe('readZipDirectory', () => {
  it('lists the entries and declared sizes', () => {
    const entries = readZipDirectory(readFileSync(path.join(dir, 'zip-bomb.xlsx')));
    expect(entries?.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['[Content_Types].xml', 0xf0000000],
      ['xl/workbook.xml', 0xf0000000],
      ['xl/worksheets/sheet1.xml', 0xf0000000],
    ]);
  });

  it('returns undefined for a truncated archive', () => {
    expect(readZipDirectory(readFileSync(path.join(dir, 'truncated.xlsx')))).toBeUndefined();
  });
});

describe('fixed-decimal formats show their decimals', () => {
  it('7.1 under 0.00 reads 7.10 (an ACTES code), 12.345 keeps its digits, 3 reads 3.00', async () => {
    const XLSX = await import('@e965/xlsx');
    const ws = XLSX.utils.aoa_to_sheet([
      ['code', 'montant', 'n'],
      [
        { t: 'n', v: 7.1, z: '0.00' },
        { t: 'n', v: 12.345, z: '0.00' },
        { t: 'n', v: 3, z: '#0.00' },
      ],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'f');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const table = await openWorkbook({ bytes, name: 'fixed.xlsx' }, {});
    const rows = [];
    for await (const r of table.rows) rows.push(r.cells);
    expect(rows).toEqual([['7.10', '12.345', '3.00']]);
  });
});
