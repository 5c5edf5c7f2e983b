// A field's `^\d{14}$` and its SIRET check read the cell's digits once (issue 14): the check's in-place
// test stands for both only when the pattern accepts every text the check accepts.
import { describe, expect, it } from 'vitest';
import { digitsWithin, exactDigitsTest } from '../../src/text/digit-tests.js';
import { siretValidAt } from '../../src/checks/siret.js';
import { sirenValidAt } from '../../src/checks/siren.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import { runValidation } from '../../src/validate/loop.js';
import type { RawRow } from '../../src/io/types.js';
import type { Field, TableSchema } from '../../src/schema/types.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';

/** The plan's in-place test of a string field with this pattern. */
function patternAt(pattern: string): (text: string, start: number, end: number) => boolean {
  return compileFieldPlan({ name: 'p', type: 'string', constraints: { pattern } }).acceptsAt!;
}

describe('exactDigitsTest', () => {
  it('is true exactly for a cell of n ASCII digits, read in place', () => {
    const test = exactDigitsTest(3);
    expect(exactDigitsTest(3)).toBe(test);
    const texts = ['123', '007', '12', '1234', '12a', 'a12', '١٢٣', ' 12', '', '/09', '12:'];
    const got = texts.filter((t) => test(`9${t}9`, 1, 1 + t.length));
    expect(got).toEqual(['123', '007']);
  });
});

describe('digitsWithin', () => {
  it.each([
    ['^\\d{14}$', siretValidAt, true],
    ['^[0-9]{14}$', siretValidAt, true],
    ['^(\\d{14})$', siretValidAt, true],
    ['^\\d{9}$', sirenValidAt, true],
    ['^\\d{13}$', siretValidAt, false],
    ['^\\d{9}$', siretValidAt, false],
    ['^3\\d{13}$', siretValidAt, false],
    ['^[1-9]{14}$', siretValidAt, false],
    ['^[0-9A-Z]{14}$', siretValidAt, false],
    ['^\\d{14}$', exactDigitsTest(14), true],
    ['^\\d{14}$', (t: string, s: number, e: number) => e - s === 14, false],
  ] as const)('%s with %o → %s', (pattern, test, expected) => {
    expect(digitsWithin(test, patternAt(pattern))).toBe(expected);
  });
});

describe('SIRET fields with a pattern: the same findings as with the pattern read apart', () => {
  // Each pattern, then the same pattern written in two steps, whose in-place test is not the shared
  // test of n digits: the SIRET check can never stand for it.
  const patterns: [string, string][] = [
    ['^\\d{14}$', '^\\d{7}\\d{7}$'],
    ['^[0-9]{14}$', '^[0-9]{7}[0-9]{7}$'],
    ['^3\\d{13}$', '^3\\d{6}\\d{7}$'],
    ['^[1-9]{14}$', '^[1-9]{7}[1-9]{7}$'],
  ];
  const values = [
    '21930048018033', // valid, not La Poste
    '35600000012346', // La Poste establishment, digit sum
    '35600000000048', // La Poste head office, Luhn
    '31111111611115', // valid, no zero
    '21930048018034', // wrong key
    '2193004801803', // 13 digits
    '2193004801803x',
    '219 300 480 18033', // grouped
    '',
  ];

  async function findings(written: 0 | 1): Promise<[number | undefined, string | undefined, string][]> {
    const fields: Field[] = patterns.map((p, i) => ({
      name: `f${i}`,
      type: 'string',
      constraints: { required: i === 1, pattern: p[written] },
    }));
    const schema = {
      fields,
      custom_checks: fields.map((f) => ({ name: 'french-siret-value', params: { column: f.name } })),
    } as TableSchema;
    const mapping: ColumnMapping = {
      fields: fields.map((f, i) => ({ fieldName: f.name, fieldIndex: i, column: i + 1, label: f.name })),
      extra: [],
      ties: [],
    };
    async function* rows(): AsyncGenerator<RawRow> {
      let r = 2;
      for (const v of values) {
        // A first column of no field, so that a row of empty values is no blank row.
        const text = ['x', ...fields.map(() => v)].join(',');
        const bounds = Int32Array.from([
          0,
          1,
          ...fields.flatMap((_, i) => [2 + i * (v.length + 1), 2 + i * (v.length + 1) + v.length]),
        ]);
        yield { cells: [], rowNumber: r, line: r, cuts: { text, bounds, at: 0, count: fields.length + 1 } };
        r++;
      }
    }
    const labels = ['x', ...fields.map((f) => f.name)];
    const result = await runValidation(labels, rows(), schema, mapping, []);
    return result.findings.map((f) => [f.loc.rowNumber, f.loc.fieldName, f.code]);
  }

  it('reports the pattern and the key of each cell as when they are read apart', async () => {
    const fused = await findings(0);
    expect(fused).toEqual(await findings(1));
    // Read together: each field's valid SIRETs (rows 2-5) fail its pattern only where it is narrower.
    expect(fused.filter(([row]) => row! <= 5)).toEqual([
      [2, 'f2', 'constraint-error'],
      [2, 'f3', 'constraint-error'],
      [3, 'f3', 'constraint-error'],
      [4, 'f3', 'constraint-error'],
    ]);
    const codes = new Set(fused.map((f) => f[2]));
    expect([...codes].sort()).toEqual(['constraint-error', 'french-siret-value', 'identifier-spaces']);
  });
});
