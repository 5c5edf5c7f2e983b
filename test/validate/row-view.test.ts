// Cells read in place (issue 14): the row view, the plans' in-place test, and the loop giving the same
// result whether the reader handed its rows as offsets or as strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RowView } from '../../src/validate/row-view.js';
import { runValidation } from '../../src/validate/loop.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import { openTable } from '../../src/io/open.js';
import { createFormulaScanner } from '../../src/checks/formula-like-text.js';
import { createPrivacyScanner } from '../../src/privacy/scanner.js';
import type { RawRow } from '../../src/io/types.js';
import type { Field, TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';

describe('RowView', () => {
  it('reads a row given as offsets in place, and a row of strings as they are', () => {
    const text = 'xx1;"ab";;é😀\n';
    const bounds = new Int32Array([0, 0, 2, 3, 5, 7, 9, 9, 10, 13]);
    const cut: RawRow = {
      cells: ['never read'],
      rowNumber: 2,
      line: 2,
      cuts: { text, bounds, at: 2, count: 4 },
    };
    const view = new RowView();
    view.reset(cut);
    expect(view.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => view.cell(i))).toEqual(['1', 'ab', '', 'é😀']);
    expect([0, 1, 2, 3].map((i) => [view.source(i) === text, view.start(i), view.end(i)])).toEqual([
      [true, 2, 3],
      [true, 5, 7],
      [true, 9, 9],
      [true, 10, 13],
    ]);
    // The same string for the same cell of a row, a fresh one on the next row.
    expect(view.cell(1)).toBe(view.cell(1));
    view.reset({ cells: ['p', 'q'], rowNumber: 3, line: 3 });
    expect(view.count).toBe(2);
    expect([view.cell(0), view.cell(1)]).toEqual(['p', 'q']);
    expect([view.source(1), view.start(1), view.end(1)]).toEqual(['q', 0, 1]);
    expect(view.all()).toEqual(['p', 'q']);
    view.reset(cut);
    const made = view.cell(3);
    expect(made).toBe('é😀');
    // Every cell as an array: made from the offsets (the strings made already reused), handed to the row.
    const all = view.all();
    expect(all).toEqual(['1', 'ab', '', 'é😀']);
    expect(all[3]).toBe(made);
    expect(cut.cells).toBe(all);
    expect([view.cell(1), view.start(1), view.end(1)]).toEqual(['ab', 0, 2]);
  });

  it('finds the next non-empty cell whose first char code is marked, in place and on strings', () => {
    // Tab-separated: an empty cell's start is at the next tab (marked) or at the end of the text.
    const cells = ['=a', '', '-1', 'é😀', '', 'b', '\t', '', '@x', ''];
    const text = cells.join('\t');
    // Offsets of another row first: the row's own start at `at: 2`.
    const bounds: number[] = [0, 0];
    for (const c of cells) {
      const start = bounds.length === 2 ? 0 : bounds[bounds.length - 1]! + 1;
      bounds.push(start, start + c.length);
    }
    const codes = new Uint8Array(128);
    for (const c of '=-\t') codes[c.charCodeAt(0)] = 1;
    const froms = Array.from({ length: cells.length + 1 }, (_, i) => i);
    const expected = froms.map((from) =>
      cells.findIndex((c, i) => i >= from && c !== '' && codes[c.charCodeAt(0)] === 1),
    );
    expect(expected).toEqual([0, 2, 2, 6, 6, 6, 6, -1, -1, -1, -1]);
    const view = new RowView();
    view.reset({
      cells: [],
      rowNumber: 2,
      line: 2,
      cuts: { text, bounds: Int32Array.from(bounds), at: 2, count: cells.length },
    });
    expect(text.length).toBe(bounds[bounds.length - 1]);
    expect(froms.map((from) => view.nextStartingWith(codes, from))).toEqual(expected);
    view.reset({ cells, rowNumber: 3, line: 3 });
    expect(froms.map((from) => view.nextStartingWith(codes, from))).toEqual(expected);
  });
});

describe('the formula scanner finds the cells to read by their first char code as it reads them otherwise', () => {
  it('same findings from strings, from a row view, and from cells without nextStartingWith', () => {
    const starts = ['=', '+', '-', '@', ' ', '\t', '\r', 'a', '1', 'é', ''];
    const rests = ['', 'SUM(A1)', '5', "cmd|' /C calc'!A0", '33 1 23 45 67 89', 'mairie', ' =1+1'];
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const labels = ['a', 'b', 'c', 'd'];
    const rows = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(starts) + pick(rests)),
    );
    const byStrings = createFormulaScanner(labels);
    rows.forEach((cells, r) => byStrings.row(cells, r + 2, r + 2));
    const byView = createFormulaScanner(labels);
    const noNextStarting = createFormulaScanner(labels);
    const view = new RowView();
    rows.forEach((cells, r) => {
      let text = '';
      const bounds: number[] = [];
      for (const c of cells) {
        bounds.push(text.length, text.length + c.length);
        text += `${c};`;
      }
      view.reset({
        cells: [],
        rowNumber: r + 2,
        line: r + 2,
        cuts: { text, bounds: Int32Array.from(bounds), at: 0, count: cells.length },
      });
      byView.rowCells(view, r + 2, r + 2);
      noNextStarting.rowCells(
        {
          count: cells.length,
          cell: (i) => view.cell(i),
          source: (i) => view.source(i),
          start: (i) => view.start(i),
          end: (i) => view.end(i),
          all: () => view.all(),
        },
        r + 2,
        r + 2,
      );
    });
    const expected = byStrings.end();
    expect(expected.length).toBeGreaterThan(2);
    expect(byView.end()).toEqual(expected);
    expect(noNextStarting.end()).toEqual(expected);
  });
});

describe('acceptsAt: the in-place test of the plain plans', () => {
  const cases: { field: Field; texts: string[]; accepted: string[]; none?: boolean }[] = [
    {
      field: { name: 'n', type: 'number' },
      texts: [
        '1',
        '-1.5',
        '.5',
        '1.',
        '+2',
        '',
        '+',
        '-',
        '.',
        '1e5',
        ' 1',
        '1 ',
        '1.2.3',
        '1,5',
        'NaN',
        '0x10',
        '٣',
      ],
      accepted: ['1', '-1.5', '.5', '1.', '+2'],
    },
    {
      field: { name: 's', type: 'string' },
      texts: ['a', ' ', '', 'é😀'],
      accepted: ['a', ' ', 'é😀'],
    },
    {
      field: { name: 'e', type: 'string', constraints: { enum: ['réel', 'ordre', 'ordre réel'] } },
      texts: ['réel', 'ordre', 'ordre réel', 'ordr', 'réels', 'Réel', '', ' réel'],
      accepted: ['réel', 'ordre', 'ordre réel'],
    },
    {
      field: { name: 'l', type: 'string', constraints: { minLength: 2, maxLength: 3, required: true } },
      texts: ['a', 'ab', 'abc', 'abcd', '😀', '😀😀', '😀😀😀', '😀😀😀😀', 'é😀', ''],
      accepted: ['ab', 'abc', '😀😀', '😀😀😀', 'é😀'],
    },
    {
      field: { name: 'p', type: 'string', constraints: { pattern: '^a+$' } },
      texts: ['a', 'aaa', 'ab', 'ba', 'A', ' a', ''],
      accepted: ['a', 'aaa'],
    },
    {
      field: { name: 'y', type: 'year', constraints: { minimum: 1900 } },
      texts: ['2021', '1899', '0001', '202', '20210', '+202', '2021 ', '٢٠٢١', ''],
      accepted: ['2021'],
    },
    {
      field: { name: 'i', type: 'integer' },
      texts: ['12', '-0', '+7', '007', '1.0', '1e3', ' 1', '-', '+', '12345678901234567890', ''],
      accepted: ['12', '-0', '+7', '007', '12345678901234567890'],
    },
    {
      field: { name: 'd', type: 'date' },
      texts: ['2020-02-29', '2021-02-29', '2020-2-09', '2020-02-09T00:00', '15/09/2020', ' 2020-01-01', ''],
      accepted: ['2020-02-29'],
    },
    // Constraints that cannot be tested in place: no acceptsAt, the text is evaluated.
    {
      field: { name: 'p2', type: 'string', constraints: { pattern: '^(a|b)+$' } },
      texts: [],
      accepted: [],
      none: true,
    },
    {
      field: { name: 'm', type: 'number', constraints: { minimum: 0 } },
      texts: [],
      accepted: [],
      none: true,
    },
    { field: { name: 'd', type: 'number', decimalChar: ',' }, texts: [], accepted: [], none: true },
    { field: { name: 'x', type: 'string', format: 'email' }, texts: [], accepted: [], none: true },
    { field: { name: 'v', type: 'string', missingValues: ['', 'NA'] }, texts: [], accepted: [], none: true },
  ];
  it.each(cases)('$field.name', ({ field, texts, accepted, none }) => {
    const plan = compileFieldPlan(field);
    if (none) {
      expect(plan.acceptsAt).toBeUndefined();
      return;
    }
    expect(plan.acceptsAt).toBeDefined();
    const got: string[] = [];
    for (const t of texts) {
      // Inside a longer text, between other cells: the test must stop at the cell's end.
      const source = `${t}x,"${t}"9,`;
      const at = t.length + 3;
      if (!plan.acceptsAt!(source, at, at + t.length)) continue;
      got.push(t);
      const r = plan.evaluate(t);
      expect(r.kind, t).toBe('ok');
      expect(r.kind === 'ok' && r.unchecked, t).toBeFalsy();
    }
    expect(got).toEqual(accepted);
  });
});

describe('the loop reads rows as offsets as it reads rows of strings', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../schemas/scdl/budget/0.8.3/schema.json', import.meta.url), 'utf8'),
  ) as TableSchema;
  const labels = schema.fields.map((f) => f.name);
  const mapping: ColumnMapping = {
    fields: schema.fields.map((f, i) => ({ fieldName: f.name, fieldIndex: i, column: i, label: f.name })),
    extra: [],
    ties: [],
  };
  const good = [
    'compte administratif',
    '2021',
    '21930048018033',
    'Département de la Gironde',
    '65',
    'Autres charges',
    '6135',
    'Locations mobilières',
    '321',
    '"Bibliothèques, médiathèques"',
    '',
    'investissement',
    'réel',
    'recette',
    '752279.92',
    '486651.61',
    '',
    '-314326.13',
    '.5',
    '838174.',
    '+1',
    'spécialisé',
  ];
  const bad: [number, string][] = [
    [0, 'compte'],
    [1, '20x1'],
    [2, '2193004801803'],
    [4, ''],
    [4, '1234567890'],
    [12, 'Réel'],
    [14, '1,5'],
    [15, ' 12 '],
    [16, '1e3'],
    [21, 'non'],
    [7, '=SOMME(A1)'],
    [3, 'jean.dupont@gmail.com'],
  ];
  const lines = [labels.join(',')];
  for (let r = 0; r < 60; r++) {
    const cells = [...good];
    const [c, v] = bad[Math.floor(r / 3) % bad.length]!;
    if (r % 3 === 0) cells[c] = v;
    if (r % 7 === 0) cells[5] = '"a ""quoted"" label"';
    lines.push(
      r % 11 === 5
        ? cells.slice(0, 20).join(',')
        : r % 13 === 6
          ? `${cells.join(',')},extra`
          : cells.join(','),
    );
    if (r % 17 === 3) lines.push('');
  }
  const bytes = Buffer.from(lines.join('\r\n') + '\r\n');

  async function run(plain: boolean) {
    const table = await openTable(bytes, { name: 'b.csv' });
    let cuts = 0;
    async function* rows(): AsyncGenerator<RawRow> {
      for await (const row of table.rows) {
        if (row.cuts) cuts++;
        yield plain ? { cells: row.cells, rowNumber: row.rowNumber, line: row.line } : row;
      }
    }
    const observers = [
      createFormulaScanner(labels),
      createPrivacyScanner(
        schema.fields.map((field) => ({ label: field.name, field })),
        { mode: 'warn', sampleSize: 5 },
      ),
    ];
    const result = await runValidation(labels, rows(), schema, mapping, [], { observers });
    return { result, cuts };
  }

  it('same findings and counts, with most rows read in place', async () => {
    const inPlace = await run(false);
    const strings = await run(true);
    expect(inPlace.cuts).toBeGreaterThan(40);
    expect(inPlace.result).toEqual(strings.result);
    const codes = new Set(inPlace.result.findings.map((f) => f.code));
    for (const code of [
      'type-error',
      'constraint-error',
      'missing-cell',
      'extra-cell',
      'blank-row',
      'formula-like-text',
      'personal-data-suspected',
      'french-siret-value',
    ])
      expect(codes).toContain(code);
  });
});
