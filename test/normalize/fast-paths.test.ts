// normalize's fast paths (cells written without the quoting test, string cells not searched for C1
// controls until the reader meets one) write and count what the general paths did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { isFilled, normalizeFile, validIsFilled } from '../../src/run/normalize-file.js';
import { formatRow, quoteFreeCanonical } from '../../src/normalize/csv-writer.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field, TableSchema } from '../../src/schema/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-fast-paths-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NEEDS_QUOTES = /[",\r\n]/;

describe('quoteFreeCanonical', () => {
  it.each<[string, Field, boolean]>([
    ['integer', { name: 'n', type: 'integer' }, true],
    ['integer with a group char', { name: 'n', type: 'integer', groupChar: ',' }, true],
    ['year', { name: 'y', type: 'year' }, true],
    ['number', { name: 'x', type: 'number' }, true],
    ['number with a group comma', { name: 'x', type: 'number', groupChar: ',' }, true],
    ['number with a decimal comma', { name: 'x', type: 'number', decimalChar: ',' }, false],
    ['boolean', { name: 'b', type: 'boolean' }, true],
    ['boolean written "oui, vrai"', { name: 'b', type: 'boolean', trueValues: ['oui, vrai'] }, false],
    ['string', { name: 's', type: 'string' }, false],
    ['string without a type', { name: 's' }, false],
    ['string enum', { name: 's', type: 'string', constraints: { enum: ['réel', 'ordre'] } }, true],
    ['enum with a comma', { name: 's', type: 'string', constraints: { enum: ['a', 'b, c'] } }, false],
    ['enum with a quote', { name: 's', type: 'string', constraints: { enum: ['a "b"'] } }, false],
    ['enum of numbers', { name: 's', type: 'string', constraints: { enum: [1, 2] } }, false],
    ['date', { name: 'd', type: 'date' }, false],
    ['geopoint', { name: 'g', type: 'geopoint' }, false],
    ['any', { name: 'a', type: 'any', constraints: { enum: ['x'] } }, false],
  ])('%s → %s', (_name, field, expected) => {
    expect(quoteFreeCanonical(field)).toBe(expected);
  });

  it('is never wrong: the canonical text of a valid cell of a quote-free field needs no quotes', () => {
    const fields: Field[] = [
      { name: 'n', type: 'integer' },
      { name: 'n', type: 'integer', groupChar: ',', bareNumber: false },
      { name: 'y', type: 'year' },
      { name: 'x', type: 'number' },
      { name: 'x', type: 'number', groupChar: ',', bareNumber: false },
      { name: 'x', type: 'number', decimalChar: ';', groupChar: ' ' },
      { name: 'b', type: 'boolean' },
      { name: 's', type: 'string', constraints: { enum: ['réel', 'ordre', ''] } },
    ];
    const pieces = [
      '1',
      '0',
      '9',
      '-',
      '+',
      '.',
      ',',
      ';',
      '"',
      '\n',
      '\r',
      ' ',
      'e',
      'E',
      '%',
      '€',
      'inf',
      'NaN',
    ];
    const texts = ['réel', 'ordre', 'true', 'FALSE', '1,234', '"1"', '1e400', '1.5e-3', '2020', '-INF'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20000; k++) {
      let t = '';
      const n = 1 + Math.floor(random() * 8);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(random() * pieces.length)];
      texts.push(t);
    }
    let valid = 0;
    for (const field of fields) {
      expect(quoteFreeCanonical(field)).toBe(true);
      const plan = compileFieldPlan(field);
      for (const text of texts) {
        const r = plan.evaluate(text);
        if (r.kind !== 'ok') continue;
        valid++;
        expect([field, text, r.canonical, NEEDS_QUOTES.test(r.canonical)]).toEqual([
          field,
          text,
          r.canonical,
          false,
        ]);
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});

/** A budget-like table: `rows` rows, each about 100 characters, `cell(i)` as the label of row i. */
function table(rows: number, cell: (i: number) => string): string {
  let out = 'nom,section,montant,annee,libelle\n';
  for (let i = 0; i < rows; i++) {
    const section = i % 3 === 0 ? 'investissement' : 'fonctionnement';
    out += `Commune de Saint-Étienne,${section},${(i * 7.31).toFixed(2)},2021,${cell(i)}\n`;
  }
  return out;
}

const BUDGET: TableSchema = {
  fields: [
    { name: 'nom', type: 'string' },
    { name: 'section', type: 'string', constraints: { enum: ['investissement', 'fonctionnement'] } },
    { name: 'montant', type: 'number' },
    { name: 'annee', type: 'year' },
    { name: 'libelle', type: 'string' },
  ],
};

describe('C1 controls met late', () => {
  it('are repaired and counted when the first one is in the last row, far past the sample', async () => {
    const rows = 30000; // ≈ 2.5 MB: many read chunks after the sampled rows
    const input = path.join(dir, 'late-c1.csv');
    writeFileSync(
      input,
      table(rows, (i) => (i === rows - 1 ? 'Quimper \u0096 centre' : `Libellé ${i}`)),
    );
    const output = path.join(dir, 'late-c1.out.csv');
    const r = await normalizeFile(input, { schema: BUDGET, output });
    const lines = readFileSync(output, 'utf8').split('\r\n');
    expect(lines[rows]).toBe(
      `Commune de Saint-Étienne,fonctionnement,${((rows - 1) * 7.31).toFixed(2)},2021,Quimper – centre`,
    );
    expect(lines[rows - 1]).toContain(`Libellé ${rows - 2}`);
    expect(r.repairs.filter((x) => x.kind === 'c1-control')).toEqual([
      {
        field: 'libelle',
        kind: 'c1-control',
        count: 1,
        example: { from: 'Quimper \u0096 centre', to: 'Quimper – centre' },
      },
    ]);
    expect(readFileSync(output, 'utf8')).not.toMatch(/[\u0080-\u009f]/);
  });

  it('are all repaired when some are in the sample and others far after', async () => {
    const rows = 20000;
    const input = path.join(dir, 'c1-both.csv');
    const damaged = new Set([3, 12000, rows - 1]);
    writeFileSync(
      input,
      table(rows, (i) => (damaged.has(i) ? `L\u0092Odet ${i}` : `Odet ${i}`)),
    );
    const output = path.join(dir, 'c1-both.out.csv');
    const r = await normalizeFile(input, { schema: BUDGET, output });
    const text = readFileSync(output, 'utf8');
    for (const i of damaged) expect(text).toContain(`L’Odet ${i}\r\n`);
    expect(r.repairs.find((x) => x.kind === 'c1-control')?.count).toBe(3);
  });

  it('are repaired in a constant of a mapping file, which the reader never sees', async () => {
    const input = path.join(dir, 'constant.csv');
    // The table without its first column (`nom`), which the mapping file gives.
    const lines = table(50, (i) => `Odet ${i}`)
      .trim()
      .split('\n');
    writeFileSync(input, `${lines.map((l) => l.slice(l.indexOf(',') + 1)).join('\n')}\n`);
    const mapping = path.join(dir, 'constant.yaml');
    writeFileSync(mapping, 'fields:\n  nom: { constant: "Quimper \\u0096 centre" }\n');
    const output = path.join(dir, 'constant.out.csv');
    const r = await normalizeFile(input, { schema: BUDGET, output, mapping });
    const written = readFileSync(output, 'utf8').split('\r\n');
    expect(written[1]!.startsWith('Quimper – centre,')).toBe(true);
    expect(r.repairs.find((x) => x.kind === 'c1-control')?.count).toBe(50);
  });
  it('are repaired when a double-encoding repair gives one, in a file that has none', async () => {
    const input = path.join(dir, 'double.csv');
    const labels = ['CafÃ© 1', 'Quimper Â– centre', 'Ã‰cole'];
    writeFileSync(
      input,
      table(3, (i) => labels[i]!),
    );
    const output = path.join(dir, 'double.out.csv');
    const r = await normalizeFile(input, { schema: BUDGET, output });
    const written = readFileSync(output, 'utf8').split('\r\n');
    expect(written.slice(1, 4).map((l) => l.slice(l.lastIndexOf(',') + 1))).toEqual([
      'Café 1',
      'Quimper – centre',
      'École',
    ]);
    expect(r.repairs.find((x) => x.field === 'libelle')).toMatchObject({ kind: 'double-encoding', count: 3 });
  });
});

describe('the rows written', () => {
  it('are the bytes of the general writer: quotes where needed, non-ASCII text in UTF-8', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'nom', type: 'string' },
        { name: 'etat', type: 'string', constraints: { enum: ['ouvert, fermé', 'clos', 'dit "fermé"'] } },
        { name: 'code', type: 'string', constraints: { enum: ['réel', 'ordre'] } },
        { name: 'montant', type: 'number', decimalChar: ',' },
        { name: 'total', type: 'number' },
        { name: 'n', type: 'integer' },
        { name: 'ok', type: 'boolean', trueValues: ['oui, vrai'], falseValues: ['non'] },
      ],
    };
    // Valid cells in canonical form (written as read), invalid ones (written as read too), quotes and all.
    const rows = [
      schema.fields.map((f) => f.name),
      ['Saint-Étienne 𝄞 “cité”', 'ouvert, fermé', 'réel', '3,5', '1000', '007', 'oui, vrai'],
      ['a "b"', 'dit "fermé"', 'ordre', '12', '-0.5', '-3', 'non'],
      ['ligne\nsuivante', 'clos', 'pas, dans la liste', 'x"', 'y,', 'z\r\n', 'peut-être'],
    ];
    const expected = rows.map((r) => formatRow(r)).join('');
    const input = path.join(dir, 'quotes.csv');
    writeFileSync(input, expected);
    const output = path.join(dir, 'quotes.out.csv');
    const r = await normalizeFile(input, { schema, output });
    expect(r.file.run.stats.errors).toBe(5);
    expect(readFileSync(output, 'utf8')).toBe(expected);
    expect(readFileSync(output)).toEqual(Buffer.from(expected, 'utf8'));
  });
});

describe('non-empty cells counted from the casts', () => {
  it('validIsFilled is never wrong: a valid cell of such a field is never blank', () => {
    const fields: Field[] = [
      { name: 'n', type: 'integer' },
      { name: 'n', type: 'integer', bareNumber: false },
      { name: 'x', type: 'number' },
      { name: 'x', type: 'number', groupChar: ' ', decimalChar: ',', bareNumber: false },
      { name: 'y', type: 'year' },
      { name: 'd', type: 'date' },
      { name: 'd', type: 'date', format: 'any' },
      { name: 'd', type: 'datetime' },
      { name: 't', type: 'time' },
      { name: 'm', type: 'yearmonth' },
      { name: 'b', type: 'boolean' },
      { name: 'b', type: 'boolean', trueValues: ['oui'], falseValues: ['non'] },
      { name: 's', type: 'string', constraints: { enum: ['réel', 'ordre'] } },
    ];
    const pieces = [
      ' ',
      '\u00a0',
      '\u202f',
      '\t',
      '\u3000',
      '\ufeff',
      '1',
      '0',
      '-',
      '.',
      ',',
      ':',
      'T',
      'e',
    ];
    const texts = ['', ' ', '\u00a0', ' 1 ', '2020', '2020-01-01', '12:00:00', 'true', ' oui', 'réel', 'nan'];
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20000; k++) {
      let t = '';
      const n = 1 + Math.floor(random() * 6);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(random() * pieces.length)];
      texts.push(t);
    }
    let valid = 0;
    for (const field of fields) {
      expect(validIsFilled(field)).toBe(true);
      const plan = compileFieldPlan(field);
      for (const text of texts) {
        if (plan.evaluate(text).kind !== 'ok') continue;
        valid++;
        expect([field, text, isFilled(text)]).toEqual([field, text, true]);
      }
    }
    expect(valid).toBeGreaterThan(500);
    // Fields whose valid cells may be blank are counted by their text.
    for (const field of [
      { name: 's', type: 'string' },
      { name: 's', type: 'string', constraints: { enum: ['a', ' '] } },
      { name: 'b', type: 'boolean', trueValues: ['\u00a0'] },
      { name: 'a', type: 'any' },
    ] as Field[])
      expect(validIsFilled(field)).toBe(false);
  });

  it('counts what the text says, blank, spaces and invalid cells included', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'nom', type: 'string' },
        { name: 'section', type: 'string', constraints: { enum: ['investissement', 'fonctionnement'] } },
        { name: 'montant', type: 'number' },
        { name: 'annee', type: 'year' },
      ],
    };
    const rows = [
      ['nom', 'section', 'montant', 'annee', 'note'],
      ['a', 'investissement', '1.5', '2020', 'x'],
      [' ', ' fonctionnement ', ' 2 ', '\u00a0', '\u00a0'],
      ['', '', '', '', ''],
      ['\u3000', 'autre', 'n/a', '20', ' '],
      ['b', 'investissement', '3', '2021'],
      ['c', '\t', '1,5', ' 2022', 'y', 'beyond', ' '],
    ];
    const input = path.join(dir, 'filled.csv');
    writeFileSync(input, rows.map((r) => formatRow(r)).join(''));
    const output = path.join(dir, 'filled.out.csv');
    const r = await normalizeFile(input, { schema, output });
    const expected = rows[0]!.map(
      (_, c) => rows.slice(1).filter((row) => (row[c] ?? '').trim() !== '').length,
    );
    expect(r.cells.map((c) => c.filled)).toEqual(expected);
    expect(r.cellsBeyondHeader).toBe(1);
  });
});

describe('the output written in batches', () => {
  it('writes rows of any size, hashes and counts the bytes written', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'nom', type: 'string' },
        { name: 'n', type: 'integer' },
      ],
    };
    // Tiny rows and rows larger than a batch: astral characters, lone surrogates, long Latin-1 runs.
    const big: Record<number, string> = {
      10: '𝄞'.repeat(200000),
      11: 'x'.repeat(349000),
      500: '€'.repeat(70000),
      501: 'a\ud800b',
      2999: 'é'.repeat(100000),
    };
    const rows = [['nom', 'n']];
    for (let i = 0; i < 3000; i++) rows.push([`${big[i] ?? (i % 2 ? 'é' : 'z')} ${i}`, String(i)]);
    const input = path.join(dir, 'big-rows.csv');
    writeFileSync(input, rows.map((r) => formatRow(r)).join(''));
    const output = path.join(dir, 'big-rows.out.csv');
    const r = await normalizeFile(input, { schema, output });
    const expected = Buffer.from(rows.map((row) => formatRow(row)).join(''), 'utf8');
    const written = readFileSync(output);
    expect(written.equals(expected)).toBe(true);
    expect(r.output?.bytes).toBe(expected.byteLength);
    expect(r.output?.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
  });
});
