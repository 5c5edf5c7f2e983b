// The custom-check fixtures fire exactly the findings fixtures/checks/README.md lists (checks only, not the whole validator).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../../src/schema/types.js';
import { runChecks } from './harness.js';

const FIXTURES = new URL('../../fixtures/checks/', import.meta.url);
const SCDL = 'schemas/scdl/';

/** Splits one line of the fixtures' simple CSV (`,`, double quotes, no quote or newline inside a quoted cell). */
function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function readCsv(name: string): { header: string[]; lines: string[][] } {
  const [head = '', ...rest] = readFileSync(new URL(name, FIXTURES), 'utf8').trimEnd().split('\n');
  return { header: splitLine(head), lines: rest.map(splitLine) };
}

function run(schemaPath: string, file: string) {
  const schema = JSON.parse(readFileSync(SCDL + schemaPath, 'utf8')) as TableSchema;
  const { header, lines } = readCsv(file);
  for (const cells of lines) expect(cells).toHaveLength(header.length);
  const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  return runChecks(schema, rows, { present: header });
}

describe('custom-check fixtures', () => {
  it.each([
    ['deliberations/2.1.5/schema.json', 'deliberations-2.1.5-ok.csv', []],
    [
      'deliberations/2.1.5/schema.json',
      'deliberations-2.1.5-checks.csv',
      [
        [3, 'COLL_SIRET', 'french-siret-value'],
        [4, 'BUDGET_ANNEE', 'year-interval-value'],
        [5, 'BUDGET_ANNEE', 'cohesive-columns-value'],
        [6, 'VOTE_EFFECTIF', 'cohesive-columns-value'],
        [7, 'PREF_DATE', 'compare-columns-value'],
        [8, 'VOTE_EFFECTIF', 'compare-columns-value'],
        [9, 'VOTE_REEL', 'sum-columns-value'],
        [10, 'DELIB_MATIERE_NOM', 'nomenclature-actes-value'],
        [11, 'DELIB_MATIERE_NOM', 'nomenclature-actes-value'],
        [12, 'BUDGET_ANNEE', 'year-interval-value'],
      ],
    ],
    ['subventions/2.1.1/schema.json', 'subventions-2.1.1-ok.csv', []],
    [
      'subventions/2.1.1/schema.json',
      'subventions-2.1.1-checks.csv',
      [
        [3, 'idAttribuant', 'french-siret-value'],
        // Issue 11: valid as in Validata, with a warning (spaces grouping the digits).
        [4, 'idBeneficiaire', 'identifier-spaces'],
        [5, 'idBeneficiaire', 'one-of-required'],
        [6, 'idBeneficiaire', 'french-siret-value'],
      ],
    ],
    [
      'subventions/2.1.1/schema.json',
      'subventions-2.1.1-sans-rna.csv',
      [[3, 'idBeneficiaire', 'one-of-required']],
    ],
    [
      'subventions/2.1.1/schema.json',
      'subventions-2.1.1-sans-beneficiaire.csv',
      [[undefined, undefined, 'one-of-required']],
    ],
  ])('%s × %s', (schema, file, expected) => {
    const { flat } = run(schema, file);
    expect([...flat].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual(expected);
  });

  it('gives the reasons the README states', () => {
    const reasons = (schema: string, file: string) =>
      run(schema, file).findings.map((f) => [f.loc.rowNumber, f.params.reason ?? null]);
    expect(reasons('deliberations/2.1.5/schema.json', 'deliberations-2.1.5-checks.csv')).toEqual(
      expect.arrayContaining([
        [3, 'checksum'],
        [4, 'reversed'],
        [10, 'space-around-slash'],
        [11, 'unknown-heading'],
        [12, 'same-years'],
      ]),
    );
    expect(reasons('subventions/2.1.1/schema.json', 'subventions-2.1.1-checks.csv')).toEqual(
      expect.arrayContaining([
        [3, 'checksum'],
        [4, null],
        [5, 'empty'],
        [6, 'la-poste-checksum'],
      ]),
    );
  });
});
