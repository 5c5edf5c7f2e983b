// The loop's cells accepted in place (issue 14: years, integers, dates, patterns, enums, the SIRET and
// SIREN checks, `unique`) give the findings the loop gives when it makes every cell a string and
// evaluates it (as it does when a writer asks for every row: `onRow`).
import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.js';
import { runValidation } from '../../src/validate/loop.js';
import { openTable } from '../../src/io/open.js';
import type { RawRow } from '../../src/io/types.js';
import type { TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import { createProfiler } from '../../src/profile/profile.js';

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'string', constraints: { unique: true, pattern: '^[A-Z][0-9]{2,3}$' } },
    { name: 'siret', type: 'string', constraints: { pattern: '^\\d{14}$' } },
    { name: 'siren', type: 'string' },
    { name: 'annee', type: 'year', constraints: { minimum: 2000 } },
    { name: 'n', type: 'integer', constraints: { maximum: 50 } },
    { name: 'jour', type: 'date', constraints: { unique: true } },
    { name: 'sens', type: 'string', constraints: { enum: ['recette', 'dépense'] } },
    { name: 'debut', type: 'year' },
  ],
  custom_checks: [
    { name: 'french-siret-value', params: { column: 'siret' } },
    { name: 'french-siren-value', params: { column: 'siren' } },
    // A second check reading `annee`, which has no in-place test: the field must be read as text.
    { name: 'year-interval-value', params: { column: 'debut' } },
  ],
};

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A CSV of `rows` generated rows, many cells valid, some invalid, with duplicates. */
function csv(rows: number, seed: number): Buffer {
  const rand = random(seed);
  const lines = [schema.fields.map((f) => f.name).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(
      [
        pick(rand, ['A12', 'B07', 'C123', 'a12', 'A1', 'Z99', `D${r % 97}`, `E${100 + (r % 900)}`, '']),
        pick(rand, [
          '21930048018033',
          '21930048018034',
          '35600000000048',
          '35600000000055',
          '2193004801803',
          '',
        ]),
        pick(rand, ['213300049', '213300048', '21330004', 'x']),
        pick(rand, ['2021', '1999', '2O21', '0999', ' 2021', '']),
        pick(rand, ['7', '-3', '51', '+50', '007', '1.0', ' 8', '99999999999999999999', '']),
        pick(rand, [
          '2020-02-29',
          '2021-02-29',
          `2021-01-${String(1 + (r % 28)).padStart(2, '0')}`,
          '2021-1-01',
        ]),
        pick(rand, ['recette', 'dépense', 'depense', 'Recette', '']),
        pick(rand, ['2020', '2021', '20x0', '']),
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

async function validate(bytes: Buffer, inPlace: boolean, profiled = false) {
  const table = await openTable(bytes, { name: 't.csv' });
  const labels = schema.fields.map((f) => f.name);
  const mapping: ColumnMapping = {
    fields: schema.fields.map((f, i) => ({ fieldName: f.name, fieldIndex: i, column: i, label: f.name })),
    extra: [],
    ties: [],
  };
  let cuts = 0;
  async function* rows(): AsyncGenerator<RawRow> {
    for await (const row of table.rows) {
      if (row.cuts) cuts++;
      yield row;
    }
  }
  // A row callback (as normalize's writer) turns reading in place off: every cell is evaluated.
  const options: Parameters<typeof runValidation>[5] = inPlace ? {} : { onRow: () => undefined };
  // The column profile (JSON reports) casts the cells of the columns it observes, in place too.
  const profiler = profiled ? createProfiler({ labels, schema, mapping }) : undefined;
  if (profiler) options.observers = [profiler.observer];
  const result = await runValidation(labels, rows(), schema, mapping, [], options);
  return { result, cuts, profile: profiler?.result() };
}

describe('cells accepted in place', () => {
  it.each([1, 2, 3])('give the findings of cells evaluated as strings (seed %i)', async (seed) => {
    const bytes = csv(400, seed);
    const inPlace = await validate(bytes, true);
    const evaluated = await validate(bytes, false);
    expect(inPlace.cuts).toBeGreaterThan(300);
    expect(inPlace.result.findings).toEqual(evaluated.result.findings);
    expect(inPlace.result).toEqual(evaluated.result);
    const codes = new Set(inPlace.result.findings.map((f) => f.code));
    for (const code of [
      'unique-error',
      'constraint-error',
      'type-error',
      'french-siret-value',
      'french-siren-value',
    ])
      expect(codes).toContain(code);
    // Duplicates of both unique fields are found.
    // The same with the column profile on (what `--format json` runs): its in-place casts must leave
    // every check its cells.
    const profiled = await validate(bytes, true, true);
    expect(profiled.result.findings).toEqual(evaluated.result.findings);
    expect(profiled.result).toEqual(evaluated.result);
    // And the profile of cells cast in place is the profile of cells evaluated as strings.
    const profiledEvaluated = await validate(bytes, false, true);
    expect(profiledEvaluated.result).toEqual(evaluated.result);
    expect(profiled.profile).toEqual(profiledEvaluated.profile);
    const unique = new Set(
      inPlace.result.findings.filter((f) => f.code === 'unique-error').map((f) => f.loc.fieldName),
    );
    expect(unique).toEqual(new Set(['id', 'jour']));
  });
});

describe('empty cells of fields tested in place', () => {
  // Each type with an in-place test, required and optional: an empty cell is missing without being
  // evaluated (the loop's shortcut), and must give what evaluating '' gives.
  const types: TableSchema['fields'] = [
    { name: 'montant', type: 'number' },
    { name: 'libelle', type: 'string' },
    { name: 'code', type: 'string', constraints: { maxLength: 9 } },
    { name: 'annee', type: 'year' },
    { name: 'n', type: 'integer' },
    { name: 'jour', type: 'date' },
    { name: 'sens', type: 'string', constraints: { enum: ['recette', 'dépense'] } },
    { name: 'siret', type: 'string', constraints: { pattern: '^\\d{14}$' } },
  ];
  const fields = types.flatMap((f) => [
    { ...f, name: `${f.name}_opt` },
    { ...f, name: `${f.name}_req`, constraints: { ...f.constraints, required: true } },
  ]);
  const emptySchema: TableSchema = {
    fields,
    custom_checks: [{ name: 'french-siret-value', params: { column: 'siret_req' } }],
  };
  const valid: Record<string, string[]> = {
    montant: ['12.5', '752279.92', '-3', '1e3'],
    libelle: ['Locations mobilières', 'x'],
    code: ['6135', '65', '1234567890'],
    annee: ['2021', '20x1'],
    n: ['7', '-3', '1.5'],
    jour: ['2021-01-31', '2021-02-30'],
    sens: ['recette', 'Recette'],
    siret: ['21930048018033', '21930048018034'],
  };

  async function run(bytes: Buffer, inPlace: boolean, schema: TableSchema = emptySchema) {
    const table = await openTable(bytes, { name: 'e.csv' });
    const labels = fields.map((f) => f.name);
    const mapping: ColumnMapping = {
      fields: fields.map((f, i) => ({ fieldName: f.name, fieldIndex: i, column: i, label: f.name })),
      extra: [],
      ties: [],
    };
    const options: Parameters<typeof runValidation>[5] = inPlace ? {} : { onRow: () => undefined };
    return runValidation(labels, table.rows, schema, mapping, [], options);
  }

  it.each([4, 5])('give the findings of evaluated empty cells (seed %i)', async (seed) => {
    const rand = random(seed);
    const lines = [fields.map((f) => f.name).join(',')];
    // Few enough rows for every finding to be kept (under the default limit of 1,000 errors).
    for (let r = 0; r < 100; r++) {
      // Runs of empty cells down a column (the loop keeps what an empty cell wrote), and single ones.
      lines.push(
        types.flatMap((t) => [0, 1].map(() => (rand() < 0.45 ? '' : pick(rand, valid[t.name]!)))).join(','),
      );
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const inPlace = await run(bytes, true);
    const evaluated = await run(bytes, false);
    expect(inPlace).toEqual(evaluated);
    expect(inPlace.partial).toBe(false);
    const required = inPlace.findings.filter(
      (f) => f.code === 'constraint-error' && f.params?.constraint === 'required',
    );
    // Every required field has empty cells reported, no optional one.
    expect(new Set(required.map((f) => f.loc.fieldName))).toEqual(new Set(types.map((t) => `${t.name}_req`)));
    expect(inPlace.findings.some((f) => f.code === 'type-error')).toBe(true);
  });

  it('give the findings of evaluated cells when more than the empty text is missing', async () => {
    // 'NA' missing too: an empty cell is missing, and so is 'NA', which an in-place test would refuse.
    const schema: TableSchema = { ...emptySchema, missingValues: ['', 'NA'] };
    const rand = random(6);
    const lines = [fields.map((f) => f.name).join(',')];
    for (let r = 0; r < 100; r++) {
      const cell = (t: string): string => {
        const x = rand();
        return x < 0.3 ? '' : x < 0.6 ? 'NA' : pick(rand, valid[t]!);
      };
      lines.push(types.flatMap((t) => [cell(t.name), cell(t.name)]).join(','));
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const inPlace = await run(bytes, true, schema);
    expect(inPlace).toEqual(await run(bytes, false, schema));
    const required = inPlace.findings.filter(
      (f) => f.code === 'constraint-error' && f.params?.constraint === 'required',
    );
    // 'NA' in every required field is reported as missing, as the empty cell is; never a type error.
    const naMissing = new Set(required.filter((f) => f.value === 'NA').map((f) => f.loc.fieldName));
    expect(naMissing).toEqual(new Set(types.map((t) => `${t.name}_req`)));
    expect(inPlace.findings.filter((f) => f.code === 'type-error' && f.value === 'NA')).toEqual([]);
  });
});
