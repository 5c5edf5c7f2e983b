// normalize's line copy: a comma CSV row written as read is copied from its input line, byte for byte what
// the cell-by-cell writer writes (quotes, CR, LF, delimiters in cells, BOM, last line without a newline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile } from '../../src/run/normalize-file.js';
import { formatRow } from '../../src/normalize/csv-writer.js';
import { createLineCopier } from '../../src/normalize/writer.js';
import { CsvScanner } from '../../src/io/csv.js';
import { ACCEPTED } from '../../src/validate/loop.js';
import type { LineLayout, RowCells } from '../../src/io/types.js';
import type { RowOutcome } from '../../src/validate/types.js';
import type { CellResult } from '../../src/fields/types.js';
import type { TableSchema } from '../../src/schema/types.js';
import { random as seeded } from '../../scripts/random.js';
import { SAMPLE_MAX_ROWS } from '../../src/run/sample.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-line-copy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A row as the loop hands it: its cells `source[start, end)`, each accepted in place unless `results`
 * says.
 */
function rowOf(
  source: string | string[],
  bounds: readonly [number, number][],
  results?: (CellResult | undefined)[],
  cells?: string[],
  layout?: LineLayout,
): RowOutcome {
  const src = (i: number): string => (typeof source === 'string' ? source : source[i]!);
  const view: RowCells = {
    count: bounds.length,
    cell: (i) => src(i).slice(bounds[i]![0], bounds[i]![1]),
    source: src,
    start: (i) => bounds[i]![0],
    end: (i) => bounds[i]![1],
    all: () => bounds.map((_, i) => src(i).slice(bounds[i]![0], bounds[i]![1])),
  };
  // The reader's offsets (RawRow.cuts) when the cells are in one text; cells in their own strings: none.
  const cuts =
    typeof source === 'string'
      ? { text: source, bounds: Int32Array.from(bounds.flat()), at: 0, count: bounds.length, layout }
      : undefined;
  return {
    raw: { cells: [], rowNumber: 2, line: 2, cuts },
    results: results ?? bounds.map(() => ACCEPTED),
    cells: cells ?? bounds.map(() => ''),
    view,
    accepted: ACCEPTED,
    blank: false,
    errors: 0,
    errorCodes: [],
  };
}

/** What the cell-by-cell writer writes for the row's view (every cell written as read). */
const general = (row: RowOutcome): string => formatRow(row.view.all());

/** The rows the real comma scanner cuts from `text`, each with its layout and line number. */
function scannedRows(text: string): { row: RowOutcome; layout: LineLayout; line: number }[] {
  const rows: { row: RowOutcome; layout: LineLayout; line: number }[] = [];
  const scanner = new CsvScanner(
    { delimiter: ',', quoteChar: '"' },
    () => {},
    () => {},
    {
      rowCuts(chunk, bounds, at, count, line, layout) {
        const pairs: [number, number][] = [];
        for (let i = 0; i < count; i++) pairs.push([bounds[at + 2 * i]!, bounds[at + 2 * i + 1]!]);
        rows.push({ row: rowOf(chunk, pairs, undefined, undefined, layout), layout, line });
      },
    },
  );
  scanner.push(text);
  scanner.end();
  return rows;
}

describe('createLineCopier', () => {
  it('copies the line of a row written as read: plain cells, quoted cells holding a comma or a quote', () => {
    const cases: [string, [number, number][]][] = [
      [
        'a,b,c',
        [
          [0, 1],
          [2, 3],
          [4, 5],
        ],
      ],
      [
        '"x, y",b,"c,d"',
        [
          [1, 5],
          [7, 8],
          [10, 13],
        ],
      ],
      [
        'a,,"Bibliothèques, médiathèques",12.5',
        [
          [0, 1],
          [2, 2],
          [4, 31],
          [33, 37],
        ],
      ],
      // A line whose doubled quotes the reader made single: `"a ""b""",c,"d, ""e"""`.
      [
        '"a "b"",c,"d, "e""',
        [
          [1, 6],
          [8, 9],
          [11, 17],
        ],
      ],
      // The row in a chunk after others (the previous line's quote, CR and LF come before it).
      [
        '"p""q",r\r\nu,"v,w"\r\n',
        [
          [10, 11],
          [13, 16],
        ],
      ],
    ];
    for (const [source, bounds] of cases) {
      const copy = createLineCopier(bounds.length, bounds.length);
      const row = rowOf(source, bounds);
      expect([source, copy(row)]).toEqual([source, general(row)]);
    }
  });

  it('copies the same rows again from a source searched further on (its cached positions)', () => {
    const copy = createLineCopier(2, 2);
    const text = 'a,"b,c"\nd,e\n"f""g",h\ni,j\n';
    const lines: [number, number][][] = [
      [
        [0, 1],
        [3, 6],
      ],
      [
        [8, 9],
        [10, 11],
      ],
      [
        [21, 22],
        [23, 24],
      ],
    ];
    for (const bounds of lines) {
      const row = rowOf(text, bounds);
      expect(copy(row)).toBe(general(row));
    }
    // Back at the start of another text: the cached positions do not hold there.
    expect(
      copy(
        rowOf('k,l"m\n', [
          [0, 1],
          [2, 5],
        ]),
      ),
    ).toBeUndefined();
  });

  it('copies rows holding a quote only without a line break, in their unquoted cells too', () => {
    // Rows in one text, in order: a quoted row, a plain one, a quoted one; each copied.
    const copy = createLineCopier(2, 2);
    const text = '"a,b",c\nd,e\nf,"g,h"\n';
    const lines: [number, number][][] = [
      [
        [1, 4],
        [6, 7],
      ],
      [
        [8, 9],
        [10, 11],
      ],
      [
        [12, 13],
        [15, 18],
      ],
    ];
    const written = lines.map((bounds) => copy(rowOf(text, bounds)));
    expect(written).toEqual(lines.map((bounds) => general(rowOf(text, bounds))));
    expect(written).toEqual(['"a,b",c\r\n', 'd,e\r\n', 'f,"g,h"\r\n']);
    // Beside a quoted cell, an unquoted cell holding a line break: the general writer quotes it.
    const refused: [string, [number, number][]][] = [
      [
        'a\nb,"c,d"',
        [
          [0, 3],
          [5, 8],
        ],
      ],
      [
        'a\rb,"c,d"',
        [
          [0, 3],
          [5, 8],
        ],
      ],
      [
        '"c,d",a\nb',
        [
          [1, 4],
          [6, 9],
        ],
      ],
    ];
    for (const [source, bounds] of refused) {
      const row = rowOf(source, bounds);
      expect([source, createLineCopier(2, 2)(row)]).toEqual([source, undefined]);
      expect(general(row)).toMatch(/^"/);
    }
  });

  it('leaves to the general writer any row the copy would not write the same', () => {
    const cases: [string, string | string[], [number, number][]][] = [
      [
        'an LF in a cell',
        'a\nb,c',
        [
          [0, 3],
          [4, 5],
        ],
      ],
      [
        'a quoted last cell not closed',
        'a,"b,c',
        [
          [0, 1],
          [3, 6],
        ],
      ],
      [
        'cells in sources laid out as one',
        ['a,b', 'x,y'],
        [
          [0, 1],
          [2, 3],
        ],
      ],
      [
        'a quoted cell that needs no quotes',
        '"x",b',
        [
          [1, 2],
          [4, 5],
        ],
      ],
      [
        'an empty quoted cell',
        '"",b',
        [
          [1, 1],
          [3, 4],
        ],
      ],
      [
        'a quote in an unquoted cell',
        'ab"c,d',
        [
          [0, 4],
          [5, 6],
        ],
      ],
      [
        'a CR in a cell',
        'a\rb,c',
        [
          [0, 3],
          [4, 5],
        ],
      ],
      [
        'an LF in a quoted cell',
        '"a\nb",c',
        [
          [1, 4],
          [6, 7],
        ],
      ],
      [
        'a CR in a quoted cell',
        '"a\rb",c',
        [
          [1, 4],
          [6, 7],
        ],
      ],
      [
        'a space before a cell',
        'a, b',
        [
          [0, 1],
          [3, 4],
        ],
      ],
      [
        'a delimiter other than a comma',
        'a;b',
        [
          [0, 1],
          [2, 3],
        ],
      ],
      [
        'a quoted cell not closed at its end',
        '"a,b"x,c',
        [
          [1, 4],
          [7, 8],
        ],
      ],
      [
        'cells in different sources',
        ['a', 'b'],
        [
          [0, 1],
          [0, 1],
        ],
      ],
      [
        'equal cells in different sources',
        ['a,b', 'a,b'],
        [
          [0, 3],
          [0, 3],
        ],
      ],
    ];
    for (const [name, source, bounds] of cases) {
      const copy = createLineCopier(bounds.length, bounds.length);
      expect([name, copy(rowOf(source, bounds))]).toEqual([name, undefined]);
    }
  });

  it('copies only cells whose written text is their text as read', () => {
    const copy = createLineCopier(2, 2);
    const ok = (canonical: string): CellResult => ({ kind: 'ok', value: canonical, canonical });
    // A repaired cell (`1,5` written 1.5), an invalid one written as read, an empty cell's result.
    expect(
      copy(
        rowOf(
          '"1,5",b',
          [
            [1, 4],
            [6, 7],
          ],
          [ok('1.5'), ACCEPTED],
        ),
      ),
    ).toBeUndefined();
    expect(
      copy(
        rowOf(
          '"1,5",b',
          [
            [1, 4],
            [6, 7],
          ],
          [ok('1,5'), ACCEPTED],
        ),
      ),
    ).toBe('"1,5",b\r\n');
    // An invalid first cell is written as read: copied when that is its text in the line, else not.
    const invalid: CellResult = { kind: 'error', code: 'type-error' } as unknown as CellResult;
    const invalidFirst = (asRead: string): RowOutcome =>
      rowOf(
        'x,b',
        [
          [0, 1],
          [2, 3],
        ],
        [invalid, ACCEPTED],
        [asRead, ''],
      );
    expect(copy(invalidFirst('x'))).toBe('x,b\r\n');
    expect(copy(invalidFirst('y'))).toBeUndefined();
    expect(
      copy(
        rowOf(
          ',b',
          [
            [0, 0],
            [1, 2],
          ],
          [undefined, ACCEPTED],
        ),
      ),
    ).toBe(',b\r\n');
    // A row with another number of cells than the output's columns.
    expect(
      copy(
        rowOf('a,b,c', [
          [0, 1],
          [2, 3],
          [4, 5],
        ]),
      ),
    ).toBeUndefined();
  });
});

describe('createLineCopier on the layout the scanner vouches for', () => {
  it('copies a row exactly when the general writer writes its line as read, whatever its quoting', () => {
    const random = seeded(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const pieces = ['a', 'é', ',', '"', '""', ' ', 'x y', '1.5', ';'];
    // Per layout: rows copied and rows left to the general writer (both must occur).
    const seen = new Map<LineLayout, { copied: number; refused: number }>();
    for (let file = 0; file < 30; file++) {
      const lines: string[] = [];
      for (let r = 0; r < 40; r++) {
        const cells: string[] = [];
        for (let c = 0; c < 3; c++) {
          let t = '';
          for (let k = Math.floor(random() * 4); k > 0; k--) t += pick(pieces);
          cells.push(t);
        }
        // Quoted as needed, always, or never (a quote in a bare cell: the scanner reads it another way).
        const how = pick(['needed', 'always', 'always', 'never']);
        lines.push(
          cells
            .map((t) =>
              how === 'never' || (how === 'needed' && !/[",]/.test(t)) ? t : `"${t.replaceAll('"', '""')}"`,
            )
            .join(','),
        );
      }
      const rows = scannedRows(lines.join(file % 2 === 0 ? '\n' : '\r\n') + '\n');
      for (const { row, layout, line } of rows) {
        if (row.view.count !== 3) continue;
        const expected = general(row) === `${lines[line - 1]}\r\n` ? general(row) : undefined;
        const copied = createLineCopier(3, 3)(row);
        expect([lines[line - 1], layout, copied]).toEqual([lines[line - 1], layout, expected]);
        const counts = seen.get(layout) ?? { copied: 0, refused: 0 };
        if (copied === undefined) counts.refused++;
        else counts.copied++;
        seen.set(layout, counts);
      }
    }
    // Unquoted lines are always copied; quoted lines (with doubled quotes or not) both ways.
    expect(seen.get('unquoted')?.copied).toBeGreaterThan(20);
    expect(seen.get('unquoted')?.refused).toBe(0);
    for (const layout of ['quoted', 'doubled'] as const) {
      expect(seen.get(layout)?.copied).toBeGreaterThan(20);
      expect(seen.get(layout)?.refused).toBeGreaterThan(20);
    }
  });

  it('copies a quoted line of any width as the general writer writes it: quoted first, last or empty cells', () => {
    const random = seeded(29);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    // No quote inside a cell: every line is `unquoted` or `quoted`, the walk over quotes alone decides.
    const pieces = ['a', 'é', ',', ' ', 'x y', ',,', '1.5', ';'];
    const seen = { copied: 0, refused: 0 };
    for (let file = 0; file < 40; file++) {
      const width = 2 + (file % 4);
      const lines: string[] = [];
      for (let r = 0; r < 30; r++) {
        const cells: string[] = [];
        for (let c = 0; c < width; c++) {
          let t = '';
          for (let k = Math.floor(random() * 3); k > 0; k--) t += pick(pieces);
          cells.push(t);
        }
        // Quoted when needed, or each cell at random (empty cells too: `""` holds no comma).
        const always = random() < 0.5;
        lines.push(
          cells.map((t) => (t.includes(',') || (always && random() < 0.5) ? `"${t}"` : t)).join(','),
        );
      }
      const rows = scannedRows(lines.join(file % 2 === 0 ? '\n' : '\r\n') + (file % 3 === 0 ? '' : '\n'));
      for (const { row, layout, line } of rows) {
        if (row.view.count !== width || layout !== 'quoted') continue;
        const expected = general(row) === `${lines[line - 1]}\r\n` ? general(row) : undefined;
        const copied = createLineCopier(width, width)(row);
        expect([lines[line - 1], copied]).toEqual([lines[line - 1], expected]);
        if (copied === undefined) seen.refused++;
        else seen.copied++;
      }
    }
    expect(seen.copied).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});

describe('createLineCopier on quoted cells holding quotes', () => {
  /**
   * Rows whose quoted cells each hold a quote, at their start, their end, in runs or alone, beside
   * unquoted cells: the input line, `"` doubled, as a CSV writer quoting only what needs it writes it.
   */
  function quotedRows(seed: number, count: number): { width: number; line: string; cells: string[] }[] {
    const random = seeded(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const pieces = ['"', '""', '"""', 'a', 'é', ' ', ',', '€', 'x y'];
    const rows: { width: number; line: string; cells: string[] }[] = [];
    for (let r = 0; r < count; r++) {
      const width = 2 + Math.floor(random() * 4);
      const cells: string[] = [];
      // One cell at least holds a quote: every line is `doubled`.
      const holder = Math.floor(random() * width);
      for (let c = 0; c < width; c++) {
        if (c !== holder && random() < 0.3) {
          cells.push(pick(['', 'a', 'Commune', '12.5']));
          continue;
        }
        let t = '';
        for (let k = Math.floor(random() * 5); k > 0; k--) t += pick(pieces);
        cells.push(random() < 0.5 ? `"${t}` : `${t}"`);
      }
      const line = cells.map((t) => (/[",]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t)).join(',');
      rows.push({ width, line, cells });
    }
    return rows;
  }

  it('doubles each quote again as the general writer does, on rows the scanner cut', () => {
    const rows = quotedRows(41, 400);
    let copied = 0;
    for (let width = 2; width <= 5; width++) {
      const lines = rows.filter((r) => r.width === width);
      const text = lines.map((r) => r.line).join(width % 2 === 0 ? '\n' : '\r\n') + '\n';
      // One copier for the whole text, as normalize uses it: its searches go forward row after row.
      const copy = createLineCopier(width, width);
      for (const { row, layout, line } of scannedRows(text)) {
        const expected = lines[line - 1]!;
        expect([expected.line, layout, row.view.all()]).toEqual([expected.line, 'doubled', expected.cells]);
        expect([expected.line, copy(row)]).toEqual([expected.line, general(row)]);
        expect(general(row)).toBe(`${expected.line}\r\n`);
        copied++;
      }
    }
    expect(copied).toBe(rows.length);
  });

  it('doubles each quote again on a line whose layout it checks itself', () => {
    for (const { width, line, cells } of quotedRows(43, 400)) {
      // The row's text as the reader leaves it (its doubled quotes made one) after another line, and its
      // cells' bounds in it.
      const before = '"p ""q",r\n';
      let text = before;
      const bounds: [number, number][] = [];
      cells.forEach((t, i) => {
        if (i > 0) text += ',';
        const quoted = /[",]/.test(t);
        if (quoted) text += '"';
        bounds.push([text.length, text.length + t.length]);
        text += t + (quoted ? '"' : '');
      });
      const row = rowOf(text, bounds);
      expect([line, row.view.all()]).toEqual([line, cells]);
      expect([line, createLineCopier(width, width)(row)]).toEqual([line, general(row)]);
      expect(general(row)).toBe(`${line}\r\n`);
    }
  });
});

const STRINGS: TableSchema = {
  fields: [
    { name: 'a', type: 'string' },
    { name: 'b', type: 'string' },
    { name: 'c', type: 'string' },
    { name: 'n', type: 'number' },
  ],
};

/** A cell as a CSV writer with `delimiter` may write it: quoted when needed, or always, its quotes doubled. */
function written(cell: string, always: boolean, delimiter = ','): string {
  const special = /["\r\n]/.test(cell) || cell.includes(delimiter);
  return always || special ? `"${cell.replaceAll('"', '""')}"` : cell;
}

describe('normalize of a comma or semicolon CSV', () => {
  const fuzz = async (delimiter: ',' | ';', files: number): Promise<void> => {
    const pieces = ['a', 'é', 'x y', ',', '"', '""', '\n', '\r\n', '€', '1', ';'];
    const random = seeded(delimiter === ',' ? 5 : 7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    for (let file = 0; file < files; file++) {
      const rows: string[][] = [];
      // The first SAMPLE_MAX_ROWS rows are the sample, read as strings and written cell by cell; the
      // rows after it come as offsets into the input, those the line copy may take.
      for (let i = 0; i < SAMPLE_MAX_ROWS + 120; i++) {
        const cell = (): string => {
          // Most cells plain (rows copied whole), others with the characters quoting is about.
          if (random() < 0.6) return pick(['a', 'é', 'Commune de Saint-Denis', '']);
          let t = 'v';
          for (let k = Math.floor(random() * 4); k > 0; k--) t += pick(pieces);
          return t + 'w';
        };
        rows.push([cell(), cell(), cell(), pick(['1.5', '12', '', 'x', '1,5'])]);
      }
      const quoteAll = file % 3 === 0;
      const eol = file % 2 === 0 ? '\n' : '\r\n';
      const bom = file % 4 === 1 ? '\ufeff' : '';
      const lines = [STRINGS.fields.map((f) => f.name), ...rows].map((r) =>
        r.map((c) => written(c, quoteAll && random() < 0.7, delimiter)).join(delimiter),
      );
      // The last line without its line break in every other file.
      const text = bom + lines.join(eol) + (file % 5 < 2 ? '' : eol);
      const name = `fuzz-${delimiter === ',' ? 'comma' : 'semicolon'}-${file}`;
      const input = path.join(dir, `${name}.csv`);
      writeFileSync(input, text);
      const output = path.join(dir, `${name}.out.csv`);
      await normalizeFile(input, { schema: STRINGS, output, delimiter });
      // A row of empty cells is blank: normalize drops it (counted), whichever way rows are written.
      const kept = rows.filter((r) => r.some((c) => c !== ''));
      const expected = [STRINGS.fields.map((f) => f.name), ...kept].map((r) => formatRow(r)).join('');
      expect([name, readFileSync(output, 'utf8')]).toEqual([name, expected]);
    }
  };

  it('writes what the general writer writes, whatever the quoting, line breaks, BOM and last line', async () => {
    await fuzz(',', 24);
  });

  it('writes a semicolon file past the sample: its commas quoted, its delimiters commas', async () => {
    await fuzz(';', 16);
  });

  it('quotes the commas of a semicolon file, one column or more', async () => {
    const cases: [string, string, string][] = [
      ['semicolon', 'a;b;c;n\nx,y;"p;q";z;1.5\n', 'a,b,c,n\r\n"x,y",p;q,z,1.5\r\n'],
      ['one column', 'a\nx,y\nz\n', 'a\r\n"x,y"\r\nz\r\n'],
      ['one column of a comma file', 'a\n"x,y"\n"z"\n"p ""q"" r"\n', 'a\r\n"x,y"\r\nz\r\n"p ""q"" r"\r\n'],
    ];
    for (const [name, text, expected] of cases) {
      const input = path.join(dir, `${name}.csv`);
      writeFileSync(input, text);
      const output = path.join(dir, `${name}.out.csv`);
      const schema: TableSchema = {
        fields: text
          .split('\n')[0]!
          .split(';')
          .map((n) => ({ name: n })),
      };
      const delimiter = name.includes('comma') ? ',' : ';';
      await normalizeFile(input, { schema, output, delimiter });
      expect([name, readFileSync(output, 'utf8')]).toEqual([name, expected]);
    }
  });
});
