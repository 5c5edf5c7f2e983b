// The column profile reads cells in place (text, start, end): same profile as from strings, kept texts its own.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createProfiler, type ProfileChunk } from '../../src/profile/profile.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { RowCells } from '../../src/io/types.js';
import type { CellResult } from '../../src/fields/types.js';
import type { TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import { random } from '../../scripts/random.js';
import { fastDecimal, fastDecimalAt, plainDecimalAt } from '../../src/text/decimal.js';

/** Rows laid out in one text, as the CSV reader's decoded chunk: each cell between other characters. */
class TextRows implements RowCells {
  count = 0;
  private at = 0;
  constructor(
    readonly text: string,
    private readonly bounds: Int32Array,
    private readonly widths: number[],
  ) {}
  /** Point at row `r`. */
  row(r: number): this {
    this.at = 0;
    for (let i = 0; i < r; i++) this.at += 2 * this.widths[i]!;
    this.count = this.widths[r]!;
    return this;
  }
  cell(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }
  source(_i: number): string {
    return this.text;
  }
  start(i: number): number {
    return this.bounds[this.at + 2 * i]!;
  }
  end(i: number): number {
    return this.bounds[this.at + 2 * i + 1]!;
  }
  all(): readonly string[] {
    return Array.from({ length: this.count }, (_, i) => this.cell(i));
  }
}

/** The rows as one text with offsets, with filler between the cells (so no cell is the whole text). */
function layOut(rows: readonly (readonly string[])[]): TextRows {
  let text = '';
  const bounds: number[] = [];
  for (const row of rows) {
    for (const cell of row) {
      text += '|';
      bounds.push(text.length, text.length + cell.length);
      text += cell;
    }
    text += '\n';
  }
  return new TextRows(
    text,
    Int32Array.from(bounds),
    rows.map((r) => r.length),
  );
}

const schema: TableSchema = {
  fields: [
    { name: 'code', type: 'string', constraints: { enum: ['alpha', 'un libellé assez long'] } },
    { name: 'montant', type: 'number' },
    { name: 'annee', type: 'year' },
    { name: 'libre', type: 'string' },
  ],
};
const mapping = {
  fields: schema.fields.map((f, i) => ({
    fieldIndex: i,
    fieldName: f.name,
    column: i,
    label: f.name,
    kind: 'exact',
  })),
  extra: [{ column: 4, label: 'extra' }],
} as unknown as ColumnMapping;
const labels = ['code', 'montant', 'annee', 'libre', 'extra'];

/** Few-valued, mostly distinct, numeric, blank, spaced and short cells; some rows short. */
function table(n: number): string[][] {
  const rand = random(41);
  const pick = (values: readonly string[]): string => values[Math.floor(rand() * values.length)]!;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [
      pick(['alpha', 'un libellé assez long', 'Alpha', ' alpha', '', 'un libellé assez long ']),
      i % 9 === 0 ? pick([' 7.5', '1e3', '', 'abc', '12', '-0.5']) : String(((i * 7919) % 100_003) / 4),
      pick(['2021', '2022', '2023', ' 2024', 'deux mille', '']),
      i % 3 === 0
        ? `texte libre numéro ${i}`
        : pick(['Département de la Gironde', 'Commune de Montreuil', 'x']),
      pick(['', 'y', 'une colonne en plus', '15/02/2023', '2024-01-15']),
    ];
    if (i % 97 === 5) row.length = 2;
    rows.push(row);
  }
  return rows;
}

/** 5,000 seeded cells of up to 21 characters drawn from digits, signs, points, `e`, spaces, `,` and `x`. */
function* numberLikeCells(seed: number): Generator<string> {
  const rand = random(seed);
  const chars = '0123456789..+-e ,x';
  for (let n = 0; n < 5000; n++) {
    const len = Math.floor(rand() * 22);
    let cell = '';
    for (let i = 0; i < len; i++) cell += chars[Math.floor(rand() * chars.length)]!;
    yield cell;
  }
}

describe('fastDecimalAt', () => {
  it('reads a plain decimal in place as Number() reads it, and nothing else', () => {
    const plain = /^[+-]?(\d+\.?\d*|\.\d+)$/;
    for (const cell of numberLikeCells(7)) {
      const text = `12|${cell}|34`;
      expect(fastDecimalAt(text, 3, 3 + cell.length)).toBe(plain.test(cell) ? Number(cell) : undefined);
      expect(fastDecimal(cell)).toBe(fastDecimalAt(text, 3, 3 + cell.length));
    }
    expect(fastDecimalAt('a-12.5b', 1, 6)).toBe(-12.5);
    expect(fastDecimalAt('|1234567890123456789|', 1, 20)).toBe(Number('1234567890123456789'));
  });

  it('reads exactly the cells a plain number field accepts in place (what the profile relies on)', () => {
    // The profile of a column of amounts takes a cell fastDecimalAt reads as accepted by the field's
    // in-place test, without calling it, when that test is plainDecimalAt.
    const plan = compileFieldPlan({ name: 'montant', type: 'number' });
    expect(plan.acceptsAt).toBe(plainDecimalAt);
    for (const cell of numberLikeCells(11)) {
      const text = `7.${cell}.8`;
      const at = [text, 2, 2 + cell.length] as const;
      expect(plainDecimalAt(...at)).toBe(fastDecimalAt(...at) !== undefined);
      // And a cell it accepts is valid (the converse need not hold: `1e5` is a number too).
      if (plainDecimalAt(...at))
        expect(plan.evaluate(cell)).toMatchObject({ kind: 'ok', value: Number(cell) });
    }
  });
});

describe('the column profile read in place', () => {
  const rows = table(12_000);
  const limits = { exactDistinct: 300, frequentCapacity: 40, topValues: 12 };

  it('gives the profile of string rows from offsets rows, counted (rowCells) or cast (cast, rest)', () => {
    const strings = createProfiler({ labels, schema, mapping }, limits);
    for (const [i, row] of rows.entries()) strings.observer.row(row, i + 2, i + 2);
    const expected = strings.result();
    expect(expected[1]).toMatchObject({ distinctExact: false });
    expect(expected[0]!.top!.length).toBe(3);

    const view = layOut(rows);
    const counted = createProfiler({ labels, schema, mapping }, limits);
    for (let r = 0; r < rows.length; r++) counted.observer.rowCells!(view.row(r), r + 2, r + 2);
    expect(counted.result()).toEqual(expected);

    // Through the loop's two doors: cast for the fields' columns, rest for the others.
    const cast = createProfiler({ labels, schema, mapping }, limits);
    const took = cast.observer.castColumns([0, 1, 2, 3]);
    expect(took).toEqual([0, 1, 2, 3]);
    const plans = schema.fields.map((f) => compileFieldPlan(f));
    for (let r = 0; r < rows.length; r++) {
      const cells = view.row(r);
      for (const c of took) {
        if (c >= cells.count) continue;
        const plan = plans[c]!;
        const at = [cells.source(c), cells.start(c), cells.end(c)] as const;
        const quiet = cast.observer.cast(c, ...at, plan.evaluate, plan.acceptsAt);
        const text = cells.cell(c);
        // Undefined only when the plan's in-place test accepts the cell; otherwise the plan's result.
        if (quiet === undefined) expect(plan.acceptsAt?.(...at)).toBe(true);
        else expect(quiet).toEqual(plan.evaluate(text));
      }
      cast.observer.rest(cells, r + 2, r + 2);
    }
    expect(cast.result()).toEqual(expected);
  });

  it('recognises a repeated cell in place wherever it stands in the text, casting it once', () => {
    const p = createProfiler({ labels: ['c'] });
    p.observer.castColumns([0]);
    const calls: string[] = [];
    const evaluate = (text: string): CellResult => {
      calls.push(text);
      return { kind: 'ok', value: text, canonical: text };
    };
    const values = ['Département de la Gironde', 'Commune de Montreuil', '2021'];
    const view = layOut(Array.from({ length: 300 }, (_, i) => [values[i % 3]!]));
    for (let r = 0; r < 300; r++) {
      const cells = view.row(r);
      const got = p.observer.cast(0, cells.source(0), cells.start(0), cells.end(0), evaluate);
      expect(got).toEqual({ kind: 'ok', value: values[r % 3], canonical: values[r % 3] });
    }
    expect(calls).toEqual(values);
    expect(p.result()[0]!.top).toEqual(
      values.map((value) => ({ value, count: 100 })).sort((a, b) => (a.value < b.value ? -1 : 1)),
    );
  });

  it('tells apart long cells that share their length, first, middle and last characters', () => {
    // Such cells fall in the same set of the cache of recent cells; only the comparison of the whole
    // cell tells them apart, at 13 characters and more a slice V8 compares the slow way (see sameAt).
    // Each pair differs at one place: near the start, the middle or the end of the cell; two in one set
    // are two ways, so the cache keeps them both and compares every cell with one or both.
    const rand = random(29);
    const letters = 'abcdéfghijklmnopqrstuvwxyz ';
    const values: string[] = [];
    for (const len of [13, 14, 24, 25, 26, 37, 41, 60])
      for (const at of [1, (len >> 1) - 1, len - 2]) {
        let base = '';
        // No space at either end: the profile counts values trimmed.
        for (let i = 0; i < len; i++)
          base += letters[Math.floor(rand() * (i === 0 || i === len - 1 ? 26 : letters.length))]!;
        const other = base[at] === 'x' ? 'y' : 'x';
        values.push(base, base.slice(0, at) + other + base.slice(at + 1));
      }
    const rows = Array.from({ length: 6000 }, () => [values[Math.floor(rand() * values.length)]!]);
    const view = layOut(rows);
    const counts = new Map<string, number>();
    for (const [cell] of rows) counts.set(cell!, (counts.get(cell!) ?? 0) + 1);
    const expected = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const wide = { exactDistinct: 1000, frequentCapacity: 100, topValues: 100 };
    const evaluate = (text: string): CellResult => ({ kind: 'ok', value: text, canonical: text });

    const cast = createProfiler({ labels: ['c'] }, wide);
    cast.observer.castColumns([0]);
    const counted = createProfiler({ labels: ['c'] }, wide);
    for (let r = 0; r < rows.length; r++) {
      const cells = view.row(r);
      const got = cast.observer.cast(0, cells.source(0), cells.start(0), cells.end(0), evaluate);
      expect(got).toEqual(evaluate(rows[r]![0]!));
      counted.observer.rowCells!(cells, r + 2, r + 2);
    }
    for (const p of [cast, counted]) {
      expect(p.result()[0]).toMatchObject({
        filled: rows.length,
        distinct: counts.size,
        distinctExact: true,
      });
      expect(p.result()[0]!.top).toEqual(expected);
    }
  });

  it('keeps no slice of the text it reads: its kept texts are copies of their own', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const p = createProfiler({
      labels: ['a', 'b'],
      schema: { fields: [{ name: 'a', type: 'string' }] },
      mapping: {
        fields: [{ fieldIndex: 0, fieldName: 'a', column: 0, label: 'a', kind: 'exact' }],
        extra: [],
      } as unknown as ColumnMapping,
    });
    p.observer.castColumns([0]);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Four chunks of 8 MiB each, whose cells (long enough to be slices) are kept by the cache, the
    // frequent values, the remembered casts and the last cell: none may keep its chunk alive.
    for (let chunk = 0; chunk < 4; chunk++) feedChunk(p, chunk);
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    expect(kept).toBeLessThan(4 << 20);
    expect(p.result()[0]!.top![0]!.count).toBe(2 * 40);
  });
});

describe('a column past its cache, read in place', () => {
  // Past the cache of recent cells, a cell with nothing to trim is counted in place (hashed, read as a
  // number, its value made a string only when a counter keeps it); the cast door without an in-place
  // test counts the cell's string the long way. Both must count alike, in one reading and in a chunk.
  const fields: TableSchema['fields'] = [
    { name: 'siret', type: 'string' },
    { name: 'siret2', type: 'string' },
    { name: 'montant', type: 'number' },
    { name: 'entier', type: 'integer' },
    { name: 'annee', type: 'year' },
    { name: 'jour', type: 'date' },
    { name: 'long', type: 'string' },
  ];
  const typed: TableSchema = { fields };
  const typedMapping = {
    fields: fields.map((f, i) => ({
      fieldIndex: i,
      fieldName: f.name,
      column: i,
      label: f.name,
      kind: 'exact',
    })),
    extra: [{ column: fields.length, label: 'libre' }],
  } as unknown as ColumnMapping;
  const columnLabels = [...fields.map((f) => f.name), 'libre'];

  /** Mostly distinct columns, some of them repeating the row above, with cells to trim and odd numbers. */
  function rows(n: number, seed: number): string[][] {
    const rand = random(seed);
    const int = (k: number): number => Math.floor(rand() * k);
    const odd = ['', ' 12', '7 ', '1e3', '1e999', '1 234,5', 'abc', '-0', '.5', '12345678901234567890.5'];
    const made = (c: number, i: number): string => {
      if (int(25) === 0) return odd[int(odd.length)]!;
      switch (c) {
        case 0:
          return String(21930048000000 + int(450));
        case 1:
          return String(21930048000000 + int(5000)) + (int(3) === 0 ? 'x' : '');
        case 2:
          return (int(2_000_000) / 100).toFixed(int(3));
        case 3:
          return String(int(1e9) - 5e8);
        case 4:
          return String(1990 + int(40));
        case 5:
          return int(2) === 0
            ? `20${10 + int(15)}-0${1 + int(9)}-1${int(10)}`
            : `1${int(10)}/0${1 + int(9)}/2023`;
        case 6:
          // Past the value length (16): cells counted on their first 16 characters share counters.
          return `commune numéro ${int(3000)}${int(2) === 0 ? ' bis' : ''}`;
        default:
          return [String(int(100000)), `2024-01-${10 + int(20)}`, `texte libre ${i}`, `${int(9)},${int(99)}`][
            int(4)
          ]!;
      }
    };
    const out: string[][] = [];
    for (let i = 0; i < n; i++) {
      const row = columnLabels.map((_, c) =>
        i > 0 && int(6) === 0 ? (out[i - 1]![c] ?? made(c, i)) : made(c, i),
      );
      if (i % 89 === 7) row.length = 3;
      out.push(row);
    }
    return out;
  }

  const evaluate = (text: string): CellResult => ({ kind: 'ok', value: text, canonical: text });
  const limits = { exactDistinct: 700, frequentCapacity: 40, topValues: 12, valueLength: 16 };

  /** The profiler's column profiles (or its chunk) with each door: strings cast, or cells read in place. */
  function profiles(data: string[][], chunk: boolean): unknown[] {
    const view = layOut(data);
    const make = () =>
      createProfiler(
        { labels: columnLabels, schema: typed, mapping: typedMapping },
        limits,
        chunk ? {} : undefined,
      );
    const bystring = make();
    const inPlace = make();
    const accepted = make();
    const all = columnLabels.map((_, i) => i);
    bystring.observer.castColumns(all);
    accepted.observer.castColumns(all);
    for (let r = 0; r < data.length; r++) {
      const cells = view.row(r);
      for (let c = 0; c < cells.count; c++) {
        const cell = cells.cell(c);
        // No in-place test: the cell is cast from its string and counted from it.
        expect(bystring.observer.cast(c, cell, 0, cell.length, evaluate)).toEqual(evaluate(cell));
        accepted.observer.cast(c, cells.source(c), cells.start(c), cells.end(c), evaluate, () => true);
      }
      bystring.observer.rest(cells, r + 2, r + 2);
      accepted.observer.rest(cells, r + 2, r + 2);
      inPlace.observer.rowCells!(cells, r + 2, r + 2);
    }
    const read = (p: ReturnType<typeof make>): unknown => (chunk ? p.chunk() : p.result());
    return [read(bystring), read(inPlace), read(accepted)];
  }

  it('counts as the long way does, by both doors, frozen or not, in one reading', () => {
    for (const seed of [3, 17, 101]) {
      const [expected, inPlace, accepted] = profiles(rows(4000, seed), false) as ReturnType<
        ReturnType<typeof createProfiler>['result']
      >[];
      // The columns went through the states in question: overflowed (frozen or not) and exact.
      expect(expected!.map((c) => c.distinctExact)).toEqual([
        true,
        false,
        false,
        false,
        true,
        false,
        true,
        false,
      ]);
      expect(inPlace).toEqual(expected);
      expect(accepted).toEqual(expected);
    }
  });

  it('records the same values for the merge of chunks', () => {
    const [expected, inPlace, accepted] = profiles(rows(2500, 5), true);
    // Columns of every state: exact, overflowed and frozen, overflowed and not frozen.
    const states = (expected as ProfileChunk).columns.map((c) => [c.overflowAt > 0, c.frozen]);
    expect(states).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [true, true],
      [false, false],
      [true, false],
      [false, false],
      [true, true],
    ]);
    expect(inPlace).toEqual(expected);
    expect(accepted).toEqual(expected);
  });
});

/**
 * Profile a chunk of 2000 rows from an 8 MiB text: column 0 cast (few values: cached) and counted,
 * column 1 counted (many values: past the cache). A function of its own, so no frame keeps the text.
 */
function feedChunk(p: ReturnType<typeof createProfiler>, chunk: number): void {
  // A cast that remembers nothing itself (a plan remembers its last cell).
  const evaluate = (text: string): CellResult => ({ kind: 'ok', value: text, canonical: text });
  const rows = Array.from({ length: 2000 }, (_, i) => [
    `valeur répétée numéro ${(i * 7) % 50} du bloc ${chunk}`,
    `autre valeur numéro ${i % 1500} du bloc ${chunk}`,
  ]);
  const view = layOut(rows);
  // The chunk is reached only through `held`, emptied at the end, as the loop's one row view moves on:
  // code the engine compiled may keep the row objects handed to the profile, never the chunk.
  const held = { text: view.text + 'z'.repeat(8 << 20) };
  for (let r = 0; r < rows.length; r++) {
    const cells = view.row(r);
    p.observer.cast(0, held.text, cells.start(0), cells.end(0), evaluate);
    p.observer.rowCells!({ ...cellsOf(held, cells), count: 2 } as RowCells, r + 2, r + 2);
  }
  held.text = '';
}

/** A RowCells over `held.text` at the offsets of `cells` (the source made the big text). */
function cellsOf(held: { text: string }, cells: RowCells): Omit<RowCells, 'count'> {
  const bounds = [0, 1].map((i) => [cells.start(i), cells.end(i)] as const);
  return {
    cell: (i) => held.text.slice(bounds[i]![0], bounds[i]![1]),
    source: () => held.text,
    start: (i) => bounds[i]![0],
    end: (i) => bounds[i]![1],
    all: () => [0, 1].map((i) => held.text.slice(bounds[i]![0], bounds[i]![1])),
  };
}
