// The evaluate of plain number and string fields (src/fields/compile.ts, plainEvaluate) against the
// generic one, on seeded random texts, constrained or not: same results (errors and their repairs
// included), whatever the order and repetition of the texts.
import { describe, expect, it } from 'vitest';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field } from '../../src/schema/types.js';

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Number-like pieces, the odd ones included: exponents, NaN/INF words, spaces (ASCII and others),
// signs, several points, a comma, percent, currency, digits beyond 15.
const PIECES = [
  '0',
  '1',
  '7',
  '9',
  '42',
  '.',
  '.',
  '-',
  '+',
  'e',
  'E',
  'e-3',
  ' ',
  '\u00a0',
  '\t',
  ',',
  '%',
  '€',
  'nan',
  'INF',
  '-inf',
  'Infinity',
  'a',
  'é',
  '1234567890123456',
  '00',
  '',
];

function randomText(rnd: () => number): string {
  let text = '';
  const n = Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(rnd() * PIECES.length)];
  return text;
}

/** The same field, evaluated by the generic path: a second missing value no random text equals. */
function genericOf(field: Field): Field {
  return { ...field, missingValues: ['', '\u0000never'] };
}

const FIELDS: Field[] = [
  { name: 'n', type: 'number' },
  { name: 'n', type: 'number', constraints: { required: true } },
  { name: 'n', type: 'number', decimalChar: ',' },
  { name: 'n', type: 'number', bareNumber: false },
  { name: 's', type: 'string' },
  { name: 's', type: 'string', constraints: { required: true } },
  { name: 'n', type: 'number', constraints: { minimum: 0, maximum: 100 } },
  { name: 'n', type: 'number', constraints: { exclusiveMinimum: -1, enum: [0, 1, 7, 42, 1e-3] } },
  { name: 's', type: 'string', constraints: { enum: ['1', '42', 'e', '-', 'nan', '1.', ' '] } },
  { name: 's', type: 'string', constraints: { required: true, minLength: 2, maxLength: 5 } },
  { name: 's', type: 'string', constraints: { pattern: '\\d+(\\.\\d*)?' } },
  { name: 's', type: 'string', constraints: { pattern: '^\\d{2}$', maxLength: 3 } },
  { name: 's', type: 'string', format: 'email' },
  { name: 's', type: 'string', format: 'no-such-format' },
];

describe('plain field plans evaluate as the generic plan does', () => {
  it.each(FIELDS.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, field) => {
    const rnd = prng(JSON.stringify(field).length);
    const plan = compileFieldPlan(field);
    const generic = compileFieldPlan(genericOf(field));
    const kinds = new Set<string>();
    let previous = '';
    for (let i = 0; i < 5_000; i++) {
      // Repeated texts too: both keep the last valid one.
      const text = rnd() < 0.3 ? previous : randomText(rnd);
      previous = text;
      const got = plan.evaluate(text);
      expect([text, got]).toEqual([text, generic.evaluate(text)]);
      kinds.add(got.kind);
    }
    if (field.format !== 'email') expect(kinds).toContain('ok');
    expect(kinds).toContain('missing');
    if (field.type === 'number') expect(kinds).toContain('error');
  });

  it('a field whose missing values are not only the empty text keeps the generic path', () => {
    for (const missingValues of [[], ['NA'], ['', 'NA']]) {
      const plan = compileFieldPlan({ name: 'n', type: 'number', missingValues });
      expect(plan.evaluate('').kind).toBe(missingValues.includes('') ? 'missing' : 'error');
      expect(plan.evaluate('NA').kind).toBe(missingValues.includes('NA') ? 'missing' : 'error');
      const s = compileFieldPlan({ name: 's', type: 'string', missingValues });
      expect(s.evaluate('').kind).toBe(missingValues.includes('') ? 'missing' : 'ok');
    }
  });
});
