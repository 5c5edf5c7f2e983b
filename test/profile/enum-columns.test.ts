// Enum columns cast in place (the plan's enum test, the cache of recent cells): the profile raw cells give.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createProfiler, ProfileMerge, type ProfileLimits } from '../../src/profile/profile.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field, TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import type { InPlaceTest } from '../../src/text/digit-tests.js';
import type { RowCells } from '../../src/io/types.js';
import type { ColumnProfile } from '../../src/report/types.js';
import { random } from '../../scripts/random.js';

/** Members that look like numbers, dates, blanks, spaced or long text, and cells near them. */
const MEMBERS = [
  'réel',
  'ordre',
  '2021',
  '2024-01-15',
  ' spacieux ',
  'un libellé bien plus long que la longueur de valeur',
  'fonctionnement',
  'investissement',
];
const NEAR = [
  'Réel',
  'réel ',
  ' réel',
  'ordres',
  'ordr',
  '2022',
  '2021.0',
  '15/01/2024',
  'spacieux',
  ' ',
  '  ',
];

/** `n` cells drawn from the members, cells near them and fresh distinct texts (`fresh` of them in 100). */
function pool(seed: number, n: number, fresh: number, members: readonly string[]): string[] {
  const rand = random(seed);
  const pick = (v: readonly string[]): string => v[Math.floor(rand() * v.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const r = rand() * 100;
    if (r < fresh) return `valeur ${i} ${Math.floor(rand() * 1e6)}`;
    if (r < fresh + 12) return pick(NEAR);
    if (r < fresh + 15) return '';
    return pick(members);
  });
}

describe('the profile of an enum column cast in place', () => {
  const fields: Field[] = [
    { name: 'e', type: 'string', constraints: { enum: MEMBERS } },
    { name: 'f', type: 'string', constraints: { enum: MEMBERS.slice(0, 5), minLength: 5 } },
    { name: 'g', type: 'string', constraints: { enum: [...MEMBERS.slice(2, 6), ''] } },
  ];
  const schema: TableSchema = { fields };
  const mapping: ColumnMapping = {
    fields: fields.map((f, i) => ({
      fieldIndex: i,
      fieldName: f.name,
      column: i,
      label: f.name,
      kind: 'exact',
    })),
    extra: [],
    ties: [],
  };
  const labels = fields.map((f) => f.name);
  const plans = fields.map((f) => compileFieldPlan(f));

  /** Rows of the three columns, from pools with `fresh` distinct texts in 100. */
  const rowsOf = (seed: number, n: number, fresh: number): string[][] => {
    const cols = fields.map((f, i) => pool(seed + i, n, fresh, f.constraints!.enum as string[]));
    return Array.from({ length: n }, (_, r) => cols.map((c) => c[r]!));
  };

  /** The profile of `rows` cast through the observer, each column with the in-place test `at(column)`. */
  const castProfile = (
    rows: readonly (readonly string[])[],
    limits: ProfileLimits,
    at: (c: number) => InPlaceTest | undefined,
    chunk?: { frozen?: readonly number[] },
  ) => {
    const p = createProfiler({ labels, schema, mapping }, limits, chunk);
    p.observer.castColumns([0, 1, 2]);
    const wrong: string[] = [];
    for (const row of rows) {
      const text = `;${row.join(';')};`;
      let start = 1;
      row.forEach((cell, c) => {
        const end = start + cell.length;
        const got = p.observer.cast(c, text, start, end, plans[c]!.evaluate, at(c));
        // Undefined only for a cell the plan accepts in place; otherwise the plan's result.
        if (
          got === undefined
            ? !plans[c]!.acceptsAt!(text, start, end)
            : !isDeepStrictEqual(got, plans[c]!.evaluate(cell))
        )
          wrong.push(cell);
        start = end + 1;
      });
      // Every column was cast: `rest` counts the row.
      p.observer.rest({ count: row.length } as RowCells, 0, 0);
    }
    expect(wrong).toEqual([]);
    return p;
  };

  /** Name, seed, fresh cells in 100, limits, and what the case reaches (checked on the raw profile). */
  const cases: [string, number, number, ProfileLimits, Partial<ColumnProfile>][] = [
    ['few values, every count exact', 11, 0, {}, { topExact: true, distinctExact: true }],
    [
      'invalid cells beyond the counters: Misra-Gries decrements',
      12,
      6,
      { frequentCapacity: 8, topValues: 5 },
      { topExact: false, distinctExact: true },
    ],
    [
      'mostly invalid distinct cells: exact count overflows, column frozen',
      13,
      70,
      { exactDistinct: 200, frequentCapacity: 20, topValues: 6, valueLength: 12 },
      { topExact: false, distinctExact: false },
    ],
    [
      'short values cut to their first characters',
      14,
      3,
      { valueLength: 6, frequentCapacity: 300 },
      { topExact: true, distinctExact: true },
    ],
  ];

  it.each(cases)('equals the profile of the raw cells: %s', (_name, seed, fresh, limits, reached) => {
    const rows = rowsOf(seed, 4000, fresh);
    const raw = createProfiler({ labels, schema, mapping }, limits);
    rows.forEach((row, i) => raw.observer.row(row, i + 2, i + 2));
    const expected = raw.result();
    for (const column of expected) expect(column).toMatchObject(reached);
    // The plans test their cells in place, and the profile cast with those tests is the same, as
    // without them.
    for (const plan of plans) expect(plan.acceptsAt).toBeDefined();
    expect(castProfile(rows, limits, (c) => plans[c]!.acceptsAt).result()).toEqual(expected);
    expect(castProfile(rows, limits, () => undefined).result()).toEqual(expected);
    // Hidden columns too (the privacy guard's view).
    expect(castProfile(rows, limits, (c) => plans[c]!.acceptsAt).result(() => true)).toEqual(
      raw.result(() => true),
    );
  });

  it('gives the same profile when the in-place test changes between cells (test, none, test)', () => {
    const rows = rowsOf(21, 5000, 4);
    const limits = { frequentCapacity: 12, topValues: 6 };
    const raw = createProfiler({ labels, schema, mapping }, limits);
    rows.forEach((row, i) => raw.observer.row(row, i + 2, i + 2));
    let k = 0;
    const mixed = castProfile(rows, limits, (c) => (k++ % 7 < 4 ? plans[c]!.acceptsAt : undefined));
    expect(mixed.result()).toEqual(raw.result());
  });

  it('merges chunks cast in place into the profile of one reading', () => {
    const rows = rowsOf(31, 9000, 2);
    const limits = { frequentCapacity: 40 };
    const raw = createProfiler({ labels, schema, mapping }, limits);
    rows.forEach((row, i) => raw.observer.row(row, i + 2, i + 2));
    const merge = new ProfileMerge({ labels, schema, mapping }, limits);
    for (let from = 0; from < rows.length; from += 3000) {
      const part = castProfile(rows.slice(from, from + 3000), limits, (c) => plans[c]!.acceptsAt, {
        frozen: merge.frozen(),
      });
      expect(merge.add(part.chunk())).toBe(true);
    }
    expect(merge.result()).toEqual(raw.result());
  });
});
