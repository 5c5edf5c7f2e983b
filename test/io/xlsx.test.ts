// Tests of the spreadsheet reader: cell texts, sheet choice, header detection, zip-bomb and damaged files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import type { OpenOptions, OpenTable, RawRow } from '../../src/io/types.js';
import {
  classifyFormat,
  formatNumber,
  openWorkbook as openWorkbookUntracked,
  resolveSheet,
  serialText,
  type FormatKind,
} from '../../src/io/xlsx.js';
import { readZipDirectory } from '../../src/io/zip.js';
import { zipSync } from '../hostile/zip.js';

const dir = path.resolve('fixtures/sheets');

/**
 * Every table a test opens is closed after it: a test that reads only the metadata would otherwise leave
 * the file handle to the garbage collector, and Node says so on stderr (DEP0137), in whatever test runs then.
 */
const opened: OpenTable[] = [];
afterEach(async () => {
  for (const table of opened.splice(0)) await table.close?.();
});

async function openWorkbook(...args: Parameters<typeof openWorkbookUntracked>): Promise<OpenTable> {
  const table = await openWorkbookUntracked(...args);
  opened.push(table);
  return table;
}
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

describe('openWorkbook: files are closed', () => {
  const fdDir = '/proc/self/fd';
  const openFiles = () => readdirSync(fdDir).length;
  const failing: [file: string, options: OpenOptions][] = [
    ['zip-bomb.xlsx', {}],
    ['table.xlsx', { maxUnzipped: 10_000 }],
    ['table.ods', { maxUnzipped: 10_000 }],
    ['not-a-spreadsheet.zip', {}],
    ['truncated.xlsx', {}],
    ['corrupt.xlsx', {}],
    ['README.md', {}],
    ['table.xlsx', { sheet: 'Nope' }],
    ['table.xlsx', { headerRow: 500 }],
    ['empty-first-sheet.xlsx', { sheet: 1 }],
  ];
  it.skipIf(!existsSync(fdDir)).each(failing)('%s %j fails and closes the file', async (file, options) => {
    const before = openFiles();
    await failure(openWorkbookUntracked({ path: path.join(dir, file), name: file }, options));
    expect(openFiles()).toBe(before);
  });

  it.skipIf(!existsSync(fdDir))('a table closed unread, or read in part, leaves no file open', async () => {
    const before = openFiles();
    const unread = await openWorkbookUntracked(
      { path: path.join(dir, 'table.xlsx'), name: 'table.xlsx' },
      {},
    );
    await unread.close?.();
    const partly = await openWorkbookUntracked({ path: path.join(dir, 'table.ods'), name: 'table.ods' }, {});
    for await (const row of partly.rows) {
      expect(row.cells.length).toBeGreaterThan(0);
      break;
    }
    expect(openFiles()).toBe(before);
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

/** A stored (uncompressed) or deflated zip of the given entries; `claim` overrides every declared size. */
function zip(
  entries: [string, string | Buffer][],
  options: { deflate?: boolean; claim?: number } = {},
): Uint8Array {
  const method = options.deflate ? 8 : 0;
  return zipSync(entries.map(([name, data]) => ({ name, data, method, claimedSize: options.claim })));
}

const SML = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A minimal XLSX (no relationships: sheets found by their conventional names) with one sheet's XML. */
function xlsxOf(
  sheetXml: string,
  options: { deflate?: boolean; claim?: number; strings?: string } = {},
): Uint8Array {
  const entries: [string, string][] = [
    ['xl/workbook.xml', `<workbook ${SML}><sheets><sheet name="Feuille" sheetId="1"/></sheets></workbook>`],
    ['xl/worksheets/sheet1.xml', `<worksheet ${SML}><sheetData>${sheetXml}</sheetData></worksheet>`],
  ];
  if (options.strings !== undefined) entries.push(['xl/sharedStrings.xml', options.strings]);
  return zip(entries, options);
}

function odsOf(tableXml: string): Uint8Array {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
  return zip(
    [
      ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
      [
        'content.xml',
        `<office:document-content ${ns}><office:body><office:spreadsheet><table:table table:name="T">${tableXml}</table:table></office:spreadsheet></office:body></office:document-content>`,
      ],
    ],
    { deflate: true },
  );
}

async function cellsOf(
  bytes: Uint8Array,
  options: OpenOptions = {},
): Promise<{ table: OpenTable; rows: string[][] }> {
  const table = await openWorkbook({ bytes, name: 'x' }, options);
  const rows = (await readAll(table)).map((r) => r.cells);
  return { table, rows };
}

const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, v: string) => `<c r="${ref}"><v>${v}</v></c>`;

describe('openWorkbook: streamed XLSX details', () => {
  it('reads inline strings, booleans, formula strings, error cells and cells without references', async () => {
    const xml =
      row(1, inline('A1', 'a') + inline('B1', 'b') + inline('C1', 'c') + inline('D1', 'd')) +
      `<row>${num('A2', '1')}<c t="b"><v>1</v></c><c t="str"><f>A2&amp;"x"</f><v>1x</v></c><c t="e"><v>#N/A</v></c></row>`;
    const { table, rows } = await cellsOf(xlsxOf(xml));
    expect(rows).toEqual([['1', 'true', '1x', '#N/A']]);
    expect(
      table.meta.findings.filter((f) => f.code === 'sheet-error-cell').map((f) => f.params.cell),
    ).toEqual(['D2']);
  });

  it('reads shared strings with runs and without phonetic hints', async () => {
    const strings = `<sst ${SML}><si><t>nom</t></si><si><r><t>Bour</t></r><r><t>g</t></r><rPh><t>ぶ</t></rPh></si><si><t>x</t></si></sst>`;
    const xml =
      row(1, '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c>') +
      row(2, '<c r="A2" t="s"><v>1</v></c>');
    expect((await cellsOf(xlsxOf(xml, { strings }))).rows).toEqual([['Bourg', '']]);
  });

  it('leaves out a cell past the column limit (ZZZZ1) and says so, in bounded time', async () => {
    const xml =
      row(1, inline('A1', 'a') + inline('B1', 'b') + inline('ZZZZ1', 'loin')) +
      row(2, num('A2', '1') + num('B2', '2'));
    const { table, rows } = await cellsOf(xlsxOf(xml));
    expect(table.meta.columns).toEqual(['a', 'b']);
    expect(rows).toEqual([['1', '2']]);
    const beyond = table.meta.findings.find((f) => f.code === 'table-beyond-limits');
    expect(beyond?.params).toMatchObject({ what: 'columns', limit: 16_384, cell: 'ZZZZ1', count: 1 });
  });

  it('leaves out rows past the row limit and says so', async () => {
    const xml =
      row(1, inline('A1', 'a') + inline('B1', 'b')) +
      row(2, num('A2', '1')) +
      row(1_048_577, num('A1048577', '9'));
    const { table, rows } = await cellsOf(xlsxOf(xml));
    expect(rows).toEqual([['1', '']]);
    expect(table.meta.findings.find((f) => f.code === 'table-beyond-limits')?.params).toMatchObject({
      what: 'rows',
    });
  });

  it('cuts a cell longer than the cell limit, with its place', async () => {
    const xml =
      row(1, inline('A1', 'a') + inline('B1', 'b')) + row(2, inline('A2', 'x'.repeat(500)) + num('B2', '2'));
    const { table, rows } = await cellsOf(xlsxOf(xml), { maxCellLength: 100 });
    expect(rows[0]![0]).toHaveLength(100);
    const cut = table.meta.findings.find((f) => f.code === 'cell-too-long');
    expect(cut?.loc).toEqual({ line: 2, rowNumber: 2, fieldNumber: 1 });
    expect(cut?.params).toMatchObject({ cell: 'A2', limit: 100 });
  });

  it('cuts a cell spread over many chunks of the stream too', async () => {
    const xml = row(1, inline('A1', 'a') + inline('B1', 'b')) + row(2, inline('A2', 'x'.repeat(300_000)));
    const { table, rows } = await cellsOf(xlsxOf(xml, { deflate: true }), { maxCellLength: 1000 });
    expect(rows).toEqual([['x'.repeat(1000), '']]);
    expect(table.meta.findings.map((f) => f.code)).toContain('cell-too-long');
  });

  it('refuses a DOCTYPE (XML entity attacks) in any part', async () => {
    const bytes = zip([
      [
        'xl/workbook.xml',
        `<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook ${SML}><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`,
      ],
      ['xl/worksheets/sheet1.xml', `<worksheet ${SML}><sheetData/></worksheet>`],
    ]);
    const err = await failure(cellsOf(bytes));
    expect(err).toMatchObject({ code: 'file-unreadable', data: { part: 'xl/workbook.xml' } });
  });

  it('a sheet that inflates past the limit while its directory lies about sizes gets a true zip-bomb message', async () => {
    const big =
      row(1, inline('A1', 'a') + inline('B1', 'b')) +
      Array.from({ length: 20_000 }, (_, i) =>
        row(i + 2, num(`A${i + 2}`, '1') + num(`B${i + 2}`, '2')),
      ).join('');
    const bytes = xlsxOf(big, { deflate: true, claim: 100 });
    const err = await failure(cellsOf(bytes, { maxUnzipped: 200_000 }));
    expect(err.code).toBe('zip-bomb');
    expect(err.data).toMatchObject({ part: 'xl/worksheets/sheet1.xml', limit: 200_000, declared: 100 });
  });

  it('refuses a shared string table beyond its limit in one sentence', async () => {
    const strings = `<sst ${SML}>${'<si><t>abcdefghij</t></si>'.repeat(1000)}</sst>`;
    const err = await failure(
      cellsOf(xlsxOf(row(1, inline('A1', 'a')), { strings, deflate: true }), { maxSharedStrings: 1000 }),
    );
    expect(err.code).toBe('input-too-large');
  });
});

describe('openWorkbook: streamed ODS details and repeat bombs', () => {
  it('reads typed cells, repeated rows and cells, merges, error cells and C1 controls; trailing repeats cost nothing', async () => {
    const table = await open('ods-limits.ods');
    expect(table.meta.sheets).toEqual(['Données', 'Cachée']);
    expect(table.meta.columns).toEqual(['code', 'libell\u0096é', 'montant', 'a', 'b']);
    const rows = await readAll(table);
    expect(rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, '01053', 'Prix \u0096 total', '#DIV/0!', '7', '7'],
      [3, '2A004', 'Ajaccio', '', '1', '2'],
      [4, '2A004', 'Ajaccio', '', '1', '2'],
      [5, '2A004', 'Ajaccio', '', '1', '2'],
    ]);
    const codes = table.meta.findings.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(['sheet-error-cell', 'c1-control-characters', 'sheet-merged-cells']),
    );
    const c1 = table.meta.findings.filter((f) => f.code === 'c1-control-characters');
    expect(c1.map((f) => f.params.repaired)).toEqual([['libell–é'], 'Prix – total']);
    expect(table.meta.findings.find((f) => f.code === 'sheet-merged-cells')?.params).toEqual({
      count: 3,
      ranges: ['B3:C3', 'B4:C4', 'B5:C5'],
    });
  });

  it('skips a hidden ODS table when choosing', async () => {
    expect((await open('ods-limits.ods')).meta.sheet).toBe('Données');
    expect((await open('ods-limits.ods', { sheet: 'Cachée' })).meta.columns).toEqual(['x', 'y']);
  });

  it('a 1,048,576 × 16,384 repeated row is refused in one sentence, in bounded time and memory', async () => {
    const bomb = odsOf(
      '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>' +
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
    );
    const err = await failure(cellsOf(bomb));
    expect(err).toMatchObject({ code: 'input-too-large', data: { limit: 1_000_000 } });
  });

  it('rows repeated alone within the limit are read, each with its line', async () => {
    const ods = odsOf(
      '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>' +
        '<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="float" office:value="1"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row>',
    );
    const { table, rows } = await cellsOf(ods);
    expect(rows).toHaveLength(1000);
    expect(rows[999]).toEqual(['1', '2']);
    expect(table.meta.rowCount).toBe(1000);
  });

  it('a repeated row beyond --max-repeated-cells is refused', async () => {
    const ods = odsOf(
      '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>' +
        '<table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>',
    );
    expect((await failure(cellsOf(ods, { maxRepeatedCells: 1000 }))).code).toBe('input-too-large');
  });
});

describe('openWorkbook: sheet by fit and cells outside the table', () => {
  it('reads the full sheet rather than the partial one, and warns naming both with their row counts', async () => {
    for (const labelScore of [undefined, () => 1]) {
      const table = await open('two-fitting-sheets.xlsx', labelScore ? { labelScore } : {});
      expect(table.meta.sheet).toBe('Subventions');
      const warning = table.meta.findings.find((f) => f.code === 'sheet-choice-ambiguous');
      expect(warning?.level).toBe('warning');
      expect(warning?.params.candidates).toEqual(
        labelScore
          ? [
              { sheet: 'Détail culture', rows: 449, score: 1 },
              { sheet: 'Subventions', rows: 1264, score: 1 },
            ]
          : [
              { sheet: 'Détail culture', rows: 449 },
              { sheet: 'Subventions', rows: 1264 },
            ],
      );
      expect((await readAll(table)).length).toBe(1264);
    }
  });

  it('a clearly better header fit wins over more rows, with an info', async () => {
    const table = await open('two-fitting-sheets.xlsx', {
      labelScore: (labels) => (labels.includes('montant') ? 0.5 : 0),
    });
    expect(table.meta.findings.map((f) => f.code)).toContain('sheet-choice-ambiguous');
    const byName = await open('two-fitting-sheets.xlsx', { sheet: 'Détail culture' });
    expect(byName.meta.findings.map((f) => f.code)).not.toContain('sheet-choice-ambiguous');
  });

  it('reports a value left of the table instead of dropping it silently', async () => {
    const table = await open('outside-cell.xlsx');
    expect(table.meta.columns).toEqual(HEADER);
    await readAll(table);
    expect(table.meta.findings.find((f) => f.code === 'cell-outside-table')?.params).toMatchObject({
      cell: 'A80',
      count: 1,
    });
  });
});

describe('openWorkbook: a header made only of spaces', () => {
  it('is the header, reported; the first data row is kept as data', async () => {
    const xml = row(1, inline('A1', '  ') + inline('B1', ' ')) + row(2, num('A2', '1') + num('B2', '2'));
    const { table, rows } = await cellsOf(xlsxOf(xml));
    expect(table.meta.findings.map((f) => f.code)).toContain('header-blank');
    expect(rows).toEqual([['1', '2']]);
  });
});

describe('the spreadsheet libraries print nothing', () => {
  it('reading ODS writes nothing on stderr or stdout (issue 11 point 7)', async () => {
    const written: string[] = [];
    const spies = [
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => (written.push(String(s)), true)),
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => (written.push(String(s)), true)),
      vi.spyOn(console, 'error').mockImplementation((s) => void written.push(String(s))),
      vi.spyOn(console, 'warn').mockImplementation((s) => void written.push(String(s))),
      vi.spyOn(console, 'log').mockImplementation((s) => void written.push(String(s))),
    ];
    try {
      for (const file of ['table.ods', 'libreoffice.ods', 'ods-limits.ods', 'table.xlsx', 'table.xls']) {
        await readAll(await open(file));
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(written).toEqual([]);
  });
});

describe('the inflated-size budget', () => {
  it('counts each part once, though sheets are probed, counted and read', async () => {
    const file = path.join(dir, 'two-fitting-sheets.xlsx');
    const declared = readZipDirectory(readFileSync(file))!.reduce((n, e) => n + e.uncompressedSize, 0);
    const table = await open('two-fitting-sheets.xlsx', { maxUnzipped: declared });
    expect((await readAll(table)).length).toBe(1264);
  });
});
