// Tests of the ODS read on its first table before the other tables are known (`speculativeSheets`): the same
// rows and metadata as a read that scans content.xml for every table first, or `SheetsChanged` at the end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenOptions, OpenTable, RawRow } from '../../src/io/types.js';
import { SheetsChanged } from '../../src/io/workbook.js';
import { openWorkbook } from '../../src/io/xlsx.js';
import { run } from '../../src/run/engine.js';
import { validateFile } from '../../src/run/validate-file.js';
import { ods as odsOf } from '../hostile/zip.js';

const cell = (t: string) =>
  `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
const row = (cells: string[]) => `<table:table-row>${cells.map(cell).join('')}</table:table-row>`;

/** A table named `name` of the given rows; `rows` of filler data rows after them (a long table). */
function table(name: string, rows: string[][], filler = 0): string {
  const width = rows[0]?.length ?? 1;
  const data = Array.from({ length: filler }, (_, i) =>
    row(Array.from({ length: width }, (_, c) => `v${i}-${c}`)),
  );
  return `<table:table table:name="${name}">${rows.map(row).join('')}${data.join('')}</table:table>`;
}

/** An ODS whose content.xml holds the given tables. */
const ods = (...tables: string[]): Promise<Buffer> => odsOf(tables.join(''));

async function readAll(t: OpenTable): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  try {
    for await (const r of t.rows) rows.push(r);
  } finally {
    await t.close?.();
  }
  return rows;
}

/** Rows and metadata (after the rows: findings come at the end too) of one read. */
async function read(bytes: Uint8Array, options: OpenOptions): Promise<{ rows: RawRow[]; meta: unknown }> {
  const t = await openWorkbook({ bytes, name: 'x.ods' }, options);
  const rows = await readAll(t);
  return { rows, meta: JSON.parse(JSON.stringify(t.meta)) as unknown };
}

/** The read on speculation gives what the read knowing every table gives. */
async function expectSame(bytes: Uint8Array, options: OpenOptions = {}): Promise<void> {
  const known = await read(bytes, options);
  const speculative = await read(bytes, { ...options, speculativeSheets: true });
  expect(speculative).toEqual(known);
}

const HEADER = ['code', 'nom', 'montant'];
const DATA = [HEADER, ['01', 'a', '1'], ['02', 'b', '2']];
const NOTICE = [['Notice : ce fichier donne les montants.']];

describe('ODS tables read on speculation', () => {
  it('one table: the same rows and metadata (no sheet finding)', async () => {
    await expectSame(await ods(table('Données', DATA, 3000)));
  });

  it('a later table that does not change the choice: its name and the sheet-chosen finding come first', async () => {
    const bytes = await ods(table('Données', DATA, 3000), table('Notes', NOTICE));
    await expectSame(bytes);
    const { meta } = await read(bytes, { speculativeSheets: true });
    expect(meta).toMatchObject({ sheet: 'Données', sheets: ['Données', 'Notes'] });
    expect((meta as { findings: { code: string }[] }).findings[0]!.code).toBe('sheet-chosen');
  });

  it('two fitting tables, the first with more rows: the same ambiguous-choice warning', async () => {
    const bytes = await ods(table('A', DATA, 3000), table('B', DATA, 10));
    await expectSame(bytes);
    const { meta } = await read(bytes, { speculativeSheets: true });
    expect((meta as { findings: { code: string }[] }).findings[0]!.code).toBe('sheet-choice-ambiguous');
  });

  it('a header scored against a schema: the same choice and score', async () => {
    const labelScore = (labels: string[]) => (labels.includes('montant') ? 1 : 0);
    await expectSame(await ods(table('Données', DATA, 3000), table('Notes', NOTICE)), { labelScore });
  });

  it('an empty first table: every table is found before the choice', async () => {
    await expectSame(await ods('<table:table table:name="Vide"/>', table('Données', DATA, 50)));
  });

  it('a later table that changes the choice: SheetsChanged at the end of the rows', async () => {
    // The notice is long: the data table is not in content.xml's first inflated chunk.
    const bytes = await ods(table('Notice', NOTICE, 3000), table('Données', DATA, 3000));
    const t = await openWorkbook({ bytes, name: 'x.ods' }, { speculativeSheets: true });
    expect(t.meta.sheet).toBe('Notice');
    await expect(readAll(t)).rejects.toBeInstanceOf(SheetsChanged);
    // Known from the start, the data table is read.
    expect((await read(bytes, {})).meta).toMatchObject({ sheet: 'Données' });
  });

  it('a consumer that stops early still has the speculation checked', async () => {
    const bytes = await ods(
      table(
        'Notice',
        [
          ['a', 'b'],
          ['1', '2'],
          ['3', '4'],
        ],
        3000,
      ),
      table('Données', DATA),
    );
    const labelScore = (labels: string[]) => (labels.includes('montant') ? 1 : 0);
    const t = await openWorkbook({ bytes, name: 'x.ods' }, { speculativeSheets: true, labelScore });
    expect(t.meta.sheet).toBe('Notice');
    const stop = async () => {
      try {
        for await (const r of t.rows) if (r.rowNumber > 2) break;
      } finally {
        await t.close?.();
      }
    };
    await expect(stop()).rejects.toBeInstanceOf(SheetsChanged);
  });

  it('the fixture workbooks: the same rows and metadata', async () => {
    for (const file of ['table.ods', 'libreoffice.ods', 'ods-limits.ods']) {
      await expectSame(new Uint8Array(readFileSync(path.resolve('fixtures/sheets', file))));
    }
  });

  it('validateFile reads the file again when the choice changes: the same result as without speculation', async () => {
    const bytes = await ods(table('Notice', NOTICE, 3000), table('Données', DATA, 300));
    // A caller watching rows turns speculation off: the reference.
    const reference = await validateFile(bytes, { onRow: () => {} });
    const result = await validateFile(bytes);
    expect(result.meta.sheet).toBe('Données');
    expect(result.meta.sheets).toEqual(['Notice', 'Données']);
    expect(JSON.stringify(result.run.findings)).toBe(JSON.stringify(reference.run.findings));
    expect(result.meta.findings).toEqual(reference.meta.findings);
  });

  it('a run read again from the start says so to its row counter (progress counts the file once)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-spec-'));
    try {
      const file = path.join(dir, 'x.ods');
      writeFileSync(file, await ods(table('Notice', NOTICE, 3000), table('Données', DATA, 300)));
      let rows = 0;
      let restarts = 0;
      const { report } = await run(
        { inputs: [file] },
        {
          onRow: () => rows++,
          onRestart: () => {
            restarts++;
            rows = 0;
          },
        },
      );
      expect(restarts).toBe(1);
      expect(report.files[0]!.source.sheet).toBe('Données');
      expect(rows).toBe(report.files[0]!.stats.rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
