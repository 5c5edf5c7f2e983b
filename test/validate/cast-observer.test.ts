// The column profile sees the cells the loop casts as it casts them: same findings, same profile.
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/run/validate-file.js';
import { createProfiler, type Profiler } from '../../src/profile/profile.js';
import type { RowObserver } from '../../src/checks/types.js';
import type { TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import type { RawRow } from '../../src/io/types.js';
import { runValidation } from '../../src/validate/loop.js';

const schema: TableSchema = {
  fields: [
    {
      name: 'code',
      type: 'string',
      constraints: { required: true, enum: ['alpha', 'un libellé assez long'] },
    },
    { name: 'montant', type: 'number' },
    { name: 'montant_fr', type: 'number', decimalChar: ',', groupChar: ' ' },
    { name: 'nb', type: 'integer', constraints: { minimum: 0 } },
    { name: 'date', type: 'date' },
    { name: 'annee', type: 'year' },
    { name: 'siret', type: 'string', constraints: { pattern: '^\\d{14}$' } },
    { name: 'libelle', type: 'string', constraints: { maxLength: 20 } },
    { name: 'obj', type: 'object' },
    { name: 'id', type: 'integer' },
  ],
};

/** A table whose columns repeat a few values, valid or not, with blank rows, short rows and an extra column. */
function table(rows: number): Uint8Array {
  let seed = 17;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (values: string[]): string => values[Math.floor(rand() * values.length)]!;
  const q = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[...schema.fields.map((f) => f.name), 'extra'].join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [
      pick(['alpha', 'un libellé assez long', 'Alpha', ' alpha', '']),
      pick(['1.5', '1.50', '12,5', ' 3 ', 'NaN', '1e3', '', String(Math.floor(rand() * 5000) / 100)]),
      pick(['1 234,5', '12,5', '12.5', '3', '']),
      pick(['7', '-1', '007', '1.0', '9007199254740993', ' 4']),
      pick(['2024-01-15', '15/01/2024', '2024-13-01', '']),
      String(2015 + Math.floor(rand() * 9)),
      pick(['21930048018033', '2193004801803', '21930048018033 ']),
      pick(['Commune de Montreuil', 'Département de la Gironde', 'un libellé beaucoup trop long']),
      pick(['{"a": "une valeur assez longue"}', '{"a": 1}', 'pas du json']),
      i % 11 === 0 ? ' 12' : String(i * 7),
      pick(['', 'x', 'une colonne en plus']),
    ];
    if (i % 97 === 5) cells.length = 3;
    if (i % 89 === 7) cells.fill('');
    lines.push(cells.map(q).join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** The profiler's observer as a plain row observer: the loop then gives it whole rows. */
function rowsOnly(p: Profiler): RowObserver {
  return {
    row: (cells, rowNumber, line) => p.observer.row(cells, rowNumber, line),
    end: () => p.observer.end(),
  };
}

describe('the column profile in the validation loop', () => {
  const bytes = table(3000);
  const options = { name: 'table.csv', schema: schema as never, limitErrors: 100_000 };

  it('leaves every finding and count as they are without it', async () => {
    const alone = await validateFile(bytes, options);
    let profiler: Profiler | undefined;
    const profiled = await validateFile(bytes, {
      ...options,
      observers: (ctx) => [(profiler = createProfiler(ctx)).observer],
    });
    expect(profiler).toBeDefined();
    expect(profiled.run.findings.length).toBeGreaterThan(1000);
    expect(profiled.run).toEqual(alone.run);
  });

  it('profiles the cells it casts as it profiles whole rows', async () => {
    let cast: Profiler | undefined;
    let rows: Profiler | undefined;
    await validateFile(bytes, { ...options, observers: (ctx) => [(cast = createProfiler(ctx)).observer] });
    await validateFile(bytes, { ...options, observers: (ctx) => [rowsOnly((rows = createProfiler(ctx)))] });
    const profile = cast!.result();
    expect(profile).toEqual(rows!.result());
    expect(profile.find((c) => c.label === 'montant')!.numbers!.count).toBeGreaterThan(1000);
    expect(profile.find((c) => c.label === 'extra')!.filled).toBeGreaterThan(1000);
    // Mostly distinct: its cells come past the cache of repeated cells, which is dropped.
    expect(profile.find((c) => c.label === 'id')!.distinct).toBeGreaterThan(2500);
  });

  it('casts a column that feeds two fields for each of them', async () => {
    const two: TableSchema = {
      fields: [
        { name: 'a', type: 'string', constraints: { enum: ['x'] } },
        { name: 'b', type: 'integer' },
      ],
    };
    const mapping = {
      fields: [
        { fieldIndex: 0, fieldName: 'a', column: 0, label: 'a', kind: 'exact' },
        { fieldIndex: 1, fieldName: 'b', column: 0, label: 'a', kind: 'exact' },
      ],
      extra: [{ column: 1, label: 'b' }],
    } as unknown as ColumnMapping;
    async function* rows(): AsyncIterable<RawRow> {
      for (let i = 0; i < 100; i++)
        yield { cells: i % 2 ? ['x', '1'] : ['2', 'y'], rowNumber: i + 2, line: i + 2 };
    }
    const run = (observers: RowObserver[]) =>
      runValidation(['a', 'b'], rows(), two, mapping, [], { observers, limitErrors: 1000 });
    const alone = await run([]);
    const profiler = createProfiler({ labels: ['a', 'b'] });
    const profiled = await run([profiler.observer]);
    expect(alone.findings.length).toBe(100);
    expect(profiled).toEqual(alone);
    expect(profiler.result()[0]).toMatchObject({ filled: 100, distinct: 2 });
  });

  it('estimates the distinct numbers of a numeric field by value, its texts by text', async () => {
    const two: TableSchema = {
      fields: [
        { name: 'n', type: 'number' },
        { name: 's', type: 'string' },
      ],
    };
    // 3000 numbers, each written two ways (`1.5`, `1.50`): 3000 values, 6000 texts.
    const lines = ['n,s'];
    for (let i = 0; i < 6000; i++) {
      const v = (Math.floor(i / 2) * 0.25).toFixed(2 + (i % 2));
      lines.push(`${v},${v}`);
    }
    const csv = new TextEncoder().encode(lines.join('\n') + '\n');
    let profiler: Profiler | undefined;
    await validateFile(csv, {
      name: 'n.csv',
      schema: two as never,
      observers: (ctx) => [(profiler = createProfiler(ctx, { exactDistinct: 100 })).observer],
    });
    const [n, t] = profiler!.result();
    expect(n).toMatchObject({ distinctExact: false, numbers: { count: 6000, min: 0, max: 749.75 } });
    expect(Math.abs(n!.distinct - 3000) / 3000).toBeLessThan(0.05);
    expect(Math.abs(t!.distinct - 6000) / 6000).toBeLessThan(0.05);
  });
});
