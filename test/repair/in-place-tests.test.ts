// The repair policy's in-place tests, some of them specialised by the plan's test they start from (plain
// decimals, labels, digit codes), accept exactly the cells of the general composition: the plan's test
// and the conditions under which no rewrite or repair changes a cell.
import { describe, expect, it } from 'vitest';
import { createRepairer } from '../../src/repair/policy.js';
import { mayReadBothWaysAt } from '../../src/repair/analyze.js';
import { MISSING, compileFieldPlan } from '../../src/fields/compile.js';
import type { Field } from '../../src/schema/types.js';
import type { ColumnDecision } from '../../src/repair/analyze.js';

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
  return (t, s, e) => {
    if (s >= e || space(t.charCodeAt(s)) || space(t.charCodeAt(e - 1))) return false;
    for (let i = s; i < e; i++) {
      const c = t.charCodeAt(i);
      if (c1 && c >= 0x80 && c <= 0x9f) return false;
      if (code && (c < 48 || c > 57)) return false;
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
});
