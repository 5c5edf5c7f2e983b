// The repair policy's in-place tests, some of them specialised by the plan's test they start from (plain
// decimals, labels, digit codes), accept exactly the cells of the general composition: the plan's test
// and the conditions under which no rewrite or repair changes a cell.
import { describe, expect, it } from 'vitest';
import { createRepairer } from '../../src/repair/policy.js';
import { mayReadBothWaysAt } from '../../src/repair/analyze.js';
import { MISSING, compileFieldPlan } from '../../src/fields/compile.js';
import { plainDecimalAt } from '../../src/text/decimal.js';
import { unambiguousDecimalAt } from '../../src/text/unambiguous-decimal.js';
import type { Field } from '../../src/schema/types.js';
import type { ColumnDecision } from '../../src/repair/analyze.js';
import { runValidation } from '../../src/validate/loop.js';
import { openTable } from '../../src/io/open.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';

type InPlaceTest = (text: string, start: number, end: number) => boolean;

const FIELDS: Field[] = [
  { name: 'amount', type: 'number' },
  { name: 'label', type: 'string' },
  { name: 'short', type: 'string', constraints: { minLength: 1, maxLength: 4 } },
  { name: 'code5', type: 'string', constraints: { pattern: '^\\d{5}$' } },
  { name: 'siret', type: 'string', constraints: { pattern: '^\\d{14}$' } },
  // An identifier check on a field with no pattern: its in-place test asks for digits itself.
  { name: 'siren', type: 'string' },
  { name: 'siretShort', type: 'string', constraints: { maxLength: 20 } },
];
const SCHEMA = {
  fields: FIELDS,
  custom_checks: [
    { name: 'french-siret-value', params: { column: 'siret' } },
    { name: 'french-siren-value', params: { column: 'siren' } },
    { name: 'french-siret-value', params: { column: 'siretShort' } },
  ],
};
const CODES = new Set(['siret', 'siren', 'siretShort']);

/** True when the character may be a space the rewrite before the checks trims. */
const space = (c: number): boolean => c <= 32 || c === 0xa0 || c >= 0x1680;

/** The general in-place test of a field over its plan's test: what the specialised ones must equal. */
function general(field: Field, plan: InPlaceTest, c1: boolean): InPlaceTest {
  if (field.type === 'number') return (t, s, e) => plan(t, s, e) && !mayReadBothWaysAt(t, s, e);
  const code = CODES.has(field.name);
  // A short code column (16 characters at most, not an enum): printable ASCII only.
  const short = (field.constraints?.maxLength ?? Infinity) <= 16 && field.constraints?.enum === undefined;
  return (t, s, e) => {
    if (s >= e || space(t.charCodeAt(s)) || space(t.charCodeAt(e - 1))) return false;
    for (let i = s; i < e; i++) {
      const c = t.charCodeAt(i);
      if (c1 && c >= 0x80 && c <= 0x9f) return false;
      if (code && (c < 48 || c > 57)) return false;
      if (short && (c < 32 || c > 126)) return false;
    }
    return plan(t, s, e);
  };
}

const PIECES = ['0', '1', '7', '9', '12', '345', '.', ',', '-', '+', ' ', '\u00a0', '\u202f', '\t', 'é', 'a'];
const PIECES_C1 = [...PIECES, '\u0085', '\u0092', '00000000000000', '21330004900012'];

describe('the repair policy’s in-place tests', () => {
  it.each([false, true])('accept what the general composition accepts (C1 controls possible: %s)', (c1) => {
    const repairer = createRepairer(SCHEMA, new Map());
    repairer.c1Controls(c1);
    let seed = c1 ? 11 : 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let accepted = 0;
    let refused = 0;
    FIELDS.forEach((field, i) => {
      const plan = compileFieldPlan(field);
      expect(plan.acceptsAt, field.name).toBeDefined();
      const test = repairer.evaluator(i, plan.evaluate, plan.acceptsAt).acceptsAt!;
      const reference = general(field, plan.acceptsAt!, c1);
      for (let k = 0; k < 6000; k++) {
        let t = '';
        const n = Math.floor(random() * 8);
        for (let j = 0; j < n; j++) t += PIECES_C1[Math.floor(random() * PIECES_C1.length)];
        // The cell inside a line, as the loop hands it: its neighbours must not be read.
        const source = `1${t}2`;
        const want = reference(source, 1, 1 + t.length);
        expect(test(source, 1, 1 + t.length), `${field.name} ${JSON.stringify(t)}`).toBe(want);
        if (want) accepted++;
        else refused++;
      }
    });
    expect(accepted).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(2000);
  });

  it('test a plain amount as the plan’s test and mayReadBothWaysAt do (unambiguousDecimalAt)', () => {
    // Texts of 0 to 10 characters, mostly digits: every length around 5 to 8, the point anywhere.
    const pieces = ['0', '1', '9', '.', '.', ',', '-', '+', ' ', '\u00a0', 'e', 'a'];
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let accepted = 0;
    let readTwoWays = 0;
    for (let k = 0; k < 40000; k++) {
      let t = '';
      const n = Math.floor(random() * 11);
      for (let j = 0; j < n; j++) t += random() < 0.7 ? '5' : pieces[Math.floor(random() * pieces.length)];
      // One text in four with its point 3 from the end: `1.234` to `-123.456` read two ways, longer ones not.
      if (k % 4 === 0) t = `${t.slice(0, n % 6)}.${t.slice(n % 6, (n % 6) + 3).padEnd(3, '0')}`;
      const source = `7${t}.`;
      const end = 1 + t.length;
      const plain = plainDecimalAt(source, 1, end);
      const want = plain && !mayReadBothWaysAt(source, 1, end);
      expect(unambiguousDecimalAt(source, 1, end), JSON.stringify(t)).toBe(want);
      if (want) accepted++;
      else if (plain) readTwoWays++;
    }
    expect(accepted).toBeGreaterThan(2000);
    expect(readTwoWays).toBeGreaterThan(200);
  });

  it('evaluate the empty cell as their plan does, whatever the column-wide decisions', () => {
    // The loop gives an empty cell of such a field MISSING without evaluating it (CellEvaluator.acceptsAt).
    const fields: Field[] = [
      ...FIELDS,
      { name: 'n', type: 'integer' },
      { name: 'y', type: 'year' },
      { name: 'd', type: 'date' },
      { name: 'kind', type: 'string', constraints: { enum: ['réel', 'ordre'] } },
      { name: 'required', type: 'string', constraints: { required: true } },
    ];
    const every: ColumnDecision = {
      frenchNumbers: true,
      ambiguousNumbers: true,
      serialDates: true,
      strayDates: true,
      monthFirstDates: true,
      doubleEncoded: false,
    };
    let tested = 0;
    for (const decided of [undefined, every])
      for (const c1 of [false, true]) {
        const decisions = new Map(decided ? fields.map((f) => [f.name, decided] as const) : []);
        const repairer = createRepairer({ ...SCHEMA, fields }, decisions);
        repairer.c1Controls(c1);
        fields.forEach((field, i) => {
          const plan = compileFieldPlan(field);
          const ev = repairer.evaluator(i, plan.evaluate, plan.acceptsAt);
          if (ev.acceptsAt === undefined) return;
          tested++;
          expect(plan.evaluate(''), field.name).toBe(MISSING);
          expect(ev.evaluate('', 2), field.name).toBe(MISSING);
          expect(ev.text, field.name).toBe('');
        });
      }
    expect(tested).toBe(4 * fields.length);
  });

  it('are what the loop runs on the cells it reads in place, told by identity or not', async () => {
    // The loop runs some of these tests itself, known by identity (passesInPlace): a cell must be accepted
    // there exactly when the evaluator's own test, called as it is, accepts it.
    const repairer = createRepairer(SCHEMA, new Map());
    let seed = 3;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const cell = (): string => {
      let t = '';
      const n = Math.floor(random() * 9);
      for (let j = 0; j < n; j++) t += random() < 0.6 ? '4' : PIECES[Math.floor(random() * PIECES.length)];
      return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    const labels = FIELDS.map((f) => f.name);
    const lines = [labels.join(',')];
    for (let r = 0; r < 3000; r++) lines.push(labels.map(cell).join(','));
    const table = await openTable(Buffer.from(`${lines.join('\n')}\n`), { name: 't.csv' });
    const mapping: ColumnMapping = {
      fields: FIELDS.map((f, i) => ({ fieldName: f.name, fieldIndex: i, column: i, label: f.name })),
      extra: [],
      ties: [],
    };
    const tests: (InPlaceTest | undefined)[] = [];
    let accepted = 0;
    let refused = 0;
    await runValidation(labels, table.rows, SCHEMA, mapping, [], {
      customChecks: false,
      evaluator: (i, evaluate, acceptsAt) => {
        const ev = repairer.evaluator(i, evaluate, acceptsAt);
        tests[i] = ev.acceptsAt;
        return ev;
      },
      onRow: (row) => {
        FIELDS.forEach((field, i) => {
          if (i >= row.view.count || tests[i] === undefined) return;
          const text = row.view.cell(i);
          if (text === '') return;
          const want = tests[i]!(text, 0, text.length);
          expect(row.results[i] === row.accepted, `${field.name} ${JSON.stringify(text)}`).toBe(want);
          if (want) accepted++;
          else refused++;
        });
      },
    });
    expect(accepted).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(3000);
  });
});
