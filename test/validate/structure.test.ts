import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateFile } from '../../src/run/validate-file.js';
import { buildFileReport } from '../../src/report/build.js';
import { flatten } from '../helpers/flatten.js';

const fx = (name: string): string => `fixtures/structure/${name}`;
const schemaOf = (name: string): unknown => JSON.parse(readFileSync(fx(name), 'utf8'));

async function run(file: string, options: Parameters<typeof validateFile>[1] = {}) {
  return buildFileReport(await validateFile(file, options), 'fr');
}

describe('Frictionless structure cases', () => {
  it('invalid.csv: blank and duplicate labels, short rows, a blank row, a long row (field numbers)', async () => {
    const report = await run(fx('invalid.csv'));
    const rows = report.findings
      .filter((f) => f.level === 'error')
      .map((f) => [f.rowNumber ?? null, f.fieldNumber ?? null, f.code]);
    expect(rows).toEqual([
      [1, 3, 'blank-label'],
      [1, 4, 'duplicate-label'],
      [2, 3, 'missing-cell'],
      [2, 4, 'missing-cell'],
      [3, 3, 'missing-cell'],
      [3, 4, 'missing-cell'],
      [4, null, 'blank-row'],
      [5, 5, 'extra-cell'],
    ]);
    expect(report.valid).toBe(false);
    expect(report.stats.rows).toBe(4);
  });

  it('a unique field and a primary key repeated on row 4', async () => {
    const report = await run(fx('duplicate-key.csv'), {
      schema: schemaOf('duplicate-key.schema.json') as never,
    });
    expect(flatten(report)).toEqual([
      [4, 'id', 'unique-error'],
      [4, null, 'primary-key'],
    ]);
    const unique = report.findings.find((f) => f.code === 'unique-error')!;
    expect(unique.params.firstRowNumber).toBe(2);
  });

  it('a foreign key to the same table', async () => {
    const report = await run(fx('foreign-key.csv'), { schema: schemaOf('foreign-key.schema.json') as never });
    expect(flatten(report)).toEqual([[4, 'parent', 'foreign-key']]);
  });

  it('--limit-errors stops collecting row errors, marks the report partial, still counts every row and error', async () => {
    const report = await run(fx('invalid.csv'), { limitErrors: 3 });
    expect(report.partial).toBe(true);
    // The two header errors are always kept (the score and the mapping rely on them), then 3 row errors.
    expect(flatten(report).map((f) => f[2])).toEqual([
      'blank-label',
      'duplicate-label',
      'missing-cell',
      'missing-cell',
      'missing-cell',
    ]);
    expect(report.stats.errors).toBe(8);
    expect(report.stats.rows).toBe(4);
  });

  it('validates bytes as well as paths', async () => {
    const bytes = readFileSync(fx('invalid.csv'));
    const report = buildFileReport(await validateFile(new Uint8Array(bytes), { name: 'invalid.csv' }), 'fr');
    expect(flatten(report)).toHaveLength(8);
  });
});

describe('labels and the mapping', () => {
  it('a header repeated to the letter: the first column feeds the field, the repeat is a duplicate', async () => {
    const schema = { fields: [{ name: 'id', constraints: { required: true } }, { name: 'nom' }] };
    const bytes = new TextEncoder().encode('id,nom,id\n1,a,9\n2,b,8\n');
    const result = await validateFile(bytes, { name: 'dup.csv', schema: schema as never });
    expect(result.mapping!.fields[0]).toMatchObject({ fieldName: 'id', column: 0, kind: 'exact' });
    const report = buildFileReport(result, 'fr');
    expect(flatten(report)).toEqual([[1, 3, 'duplicate-label']]);
  });
});

describe('keys compare values, not spellings', () => {
  const schema = { fields: [{ name: 'a', type: 'integer' }, { name: 'b' }], primaryKey: 'a' };
  it('1, 01 and +1 are the same integer key; a row with an empty key breaks the key', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,x\n01,y\n+1,z\n,w\n2,v\n');
    const report = buildFileReport(
      await validateFile(bytes, { name: 'pk.csv', schema: schema as never }),
      'fr',
    );
    expect(flatten(report)).toEqual([
      [3, null, 'primary-key'],
      [4, null, 'primary-key'],
      [5, null, 'primary-key'],
    ]);
    expect(report.findings.find((f) => f.rowNumber === 5)?.params.blank).toBe(true);
  });
});

describe('a schema too broken to use', () => {
  it('stops with schema-invalid (exit 2), not a verdict on the data', async () => {
    const bytes = new TextEncoder().encode('a\n1\n');
    await expect(
      validateFile(bytes, { name: 'x.csv', schema: { fields: 'nope' } as never }),
    ).rejects.toMatchObject({
      code: 'schema-invalid',
    });
    await expect(
      validateFile(bytes, { name: 'x.csv', schema: { fields: [{ type: 'string' }] } as never }),
    ).rejects.toMatchObject({
      code: 'schema-invalid',
    });
  });
});
