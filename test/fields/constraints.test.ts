import { describe, expect, test } from 'vitest';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field } from '../../src/schema/types.js';
import { outcome } from './outcome.js';

type Row = [Partial<Field>, string, string];

// Bounds are written in the field's type and cast once (Frictionless: `value_reader(constraint)`).
const constraints: Row[] = [
  [{ constraints: { required: true } }, '', 'missing'],
  [{ constraints: { minLength: 3 } }, 'abc', 'ok abc'],
  [{ constraints: { minLength: 3 } }, 'ab', 'constraint-error:minLength'],
  [{ constraints: { maxLength: 3 } }, 'abcd', 'constraint-error:maxLength'],
  // Length counts characters (code points, as Python's len), not UTF-16 units.
  [{ constraints: { maxLength: 2 } }, '😀é', 'ok 😀é'],
  [{ constraints: { minLength: 3 } }, '😀é', 'constraint-error:minLength'],
  [{ type: 'array', constraints: { minLength: 2 } }, '["a"]', 'constraint-error:minLength'],
  [{ type: 'array', constraints: { maxLength: 1 } }, '["a"]', 'ok ["a"]'],
  [{ type: 'object', constraints: { maxLength: 1 } }, '{"a": 1, "b": 2}', 'constraint-error:maxLength'],
  [{ type: 'number', constraints: { minimum: 0 } }, '0', 'ok 0'],
  [{ type: 'number', constraints: { minimum: 0 } }, '-0.5', 'constraint-error:minimum'],
  [{ type: 'number', constraints: { minimum: '0' } }, '-1', 'constraint-error:minimum'],
  [{ type: 'number', constraints: { maximum: 100 } }, '100.5', 'constraint-error:maximum'],
  [{ type: 'number', constraints: { maximum: 100 } }, 'NaN', 'constraint-error:maximum'],
  [{ type: 'number', constraints: { maximum: 100 } }, 'INF', 'constraint-error:maximum'],
  [{ type: 'number', constraints: { exclusiveMinimum: 0 } }, '0', 'constraint-error:exclusiveMinimum'],
  [{ type: 'number', constraints: { exclusiveMinimum: 0 } }, '0.001', 'ok 0.001'],
  [{ type: 'integer', constraints: { exclusiveMaximum: 10 } }, '10', 'constraint-error:exclusiveMaximum'],
  [{ type: 'integer', constraints: { maximum: 10 } }, '10', 'ok 10'],
  [{ type: 'date', constraints: { minimum: '2020-01-01' } }, '2019-12-31', 'constraint-error:minimum'],
  [{ type: 'date', constraints: { minimum: '2020-01-01' } }, '2020-01-01', 'ok 2020-01-01'],
  // A bound in the pattern's writing, or in ISO writing as a fallback.
  [
    { type: 'date', format: '%d/%m/%Y', constraints: { maximum: '31/12/2020' } },
    '01/01/2021',
    'constraint-error:maximum',
  ],
  [
    { type: 'date', format: '%d/%m/%Y', constraints: { maximum: '2020-12-31' } },
    '31/12/2020',
    'ok 31/12/2020',
  ],
  [
    { type: 'datetime', constraints: { maximum: '2020-01-01T00:00:00Z' } },
    '2020-01-01T00:30:00+01:00',
    'ok 2020-01-01T00:30:00+01:00',
  ],
  [
    { type: 'datetime', constraints: { maximum: '2020-01-01T00:00:00Z' } },
    '2020-01-01T00:30:00Z',
    'constraint-error:maximum',
  ],
  [{ type: 'time', constraints: { minimum: '08:00:00' } }, '07:59:59', 'constraint-error:minimum'],
  [{ type: 'year', constraints: { minimum: 2000 } }, '1999', 'constraint-error:minimum'],
  [{ type: 'yearmonth', constraints: { maximum: '2020-06' } }, '2020-07', 'constraint-error:maximum'],
  [{ type: 'duration', constraints: { maximum: 'P1D' } }, 'PT25H', 'constraint-error:maximum'],
  [{ type: 'duration', constraints: { maximum: 'P1D' } }, 'PT23H', 'ok PT23H'],
  // The WHOLE value must match the pattern.
  [{ constraints: { pattern: '\\d{5}' } }, '75001', 'ok 75001'],
  [{ constraints: { pattern: '\\d{5}' } }, '750011', 'constraint-error:pattern'],
  [{ constraints: { pattern: 'a|b' } }, 'ab', 'constraint-error:pattern'],
  [{ constraints: { pattern: '^[\\w.]+$' } }, 'Montréal', 'ok Montréal'],
  [
    { constraints: { pattern: "^[a-zA-Z0-9\\-\\–\\'\\’\\s\\d\\u00C0-\\u00FF\\(\\)]+$" } },
    "L'Haÿ-les-Roses",
    "ok L'Haÿ-les-Roses",
  ],
  [
    { constraints: { pattern: '(?:(?:^|\\|)(Electrique|Hydrogène))+$' } },
    'Electrique|Hydrogène',
    'ok Electrique|Hydrogène',
  ],
  [
    { constraints: { pattern: '(?:(?:^|\\|)(Electrique|Hydrogène))+$' } },
    'Electrique|Diesel',
    'constraint-error:pattern',
  ],
  // Enum compared after casting: 1.0 is 1 for a number field.
  [{ constraints: { enum: ['a', 'b'] } }, 'b', 'ok b'],
  [{ constraints: { enum: ['a', 'b'] } }, 'c', 'constraint-error:enum'],
  // Up to 8 texts are searched in a list, more in a set: the same answers either way.
  [{ constraints: { enum: ['é', 'e', 'E', 'e\u0301', 'ab', 'ba', 'a b', ''] } }, 'e\u0301', 'ok e\u0301'],
  [
    { constraints: { enum: ['é', 'e', 'E', 'e\u0301', 'ab', 'ba', 'a b', ''] } },
    'É',
    'constraint-error:enum',
  ],
  [{ constraints: { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] } }, 'i', 'ok i'],
  [{ constraints: { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] } }, 'j', 'constraint-error:enum'],
  [{ type: 'number', constraints: { enum: ['1', 2] } }, '1.0', 'ok 1.0'],
  [{ type: 'number', constraints: { enum: ['1', 2] } }, '2e0', 'ok 2'],
  [{ type: 'number', constraints: { enum: ['1', 2] } }, '3', 'constraint-error:enum'],
  [{ type: 'integer', constraints: { enum: [1, 2] } }, '01', 'ok 01'],
  [{ type: 'boolean', constraints: { enum: [true] } }, '1', 'ok true'],
  [{ type: 'boolean', constraints: { enum: ['true'] } }, 'false', 'constraint-error:enum'],
  [{ type: 'date', constraints: { enum: ['2020-01-01'] } }, '2020-01-01', 'ok 2020-01-01'],
  [{ type: 'object', constraints: { enum: [{ a: 1, b: 2 }] } }, '{"b": 2, "a": 1}', 'ok {"b": 2, "a": 1}'],
  // Types are checked before constraints.
  [{ type: 'integer', constraints: { minimum: 0 } }, 'abc', 'type-error'],
];

describe('constraints', () => {
  test.each(constraints)('%j %j → %s', (field, text, expected) => {
    expect(outcome(field, text)).toBe(expected);
  });
});

describe('missing values', () => {
  test.each<[Partial<Field>, string[] | undefined, string, string]>([
    [{}, undefined, '', 'missing'],
    // Cells are not trimmed: a space is a value, not a missing one (Frictionless does the same).
    [{}, undefined, ' ', 'ok  '],
    [{ type: 'number' }, ['', 'NA'], 'NA', 'missing'],
    [{ type: 'number' }, ['NA'], '', 'type-error'],
    [{ type: 'number' }, undefined, 'NA', 'type-error'],
    // The field's own missingValues win over the schema's.
    [{ type: 'number', missingValues: ['-'] }, ['', 'NA'], 'NA', 'type-error'],
    [{ type: 'number', missingValues: ['-'] }, ['', 'NA'], '-', 'missing'],
    [{ type: 'number', missingValues: [] }, undefined, '', 'type-error'],
  ])('%j schema %j: %j → %s', (field, schemaMissing, text, expected) => {
    expect(outcome(field, text, { missingValues: schemaMissing })).toBe(expected);
  });

  test('required and unique come from the constraints', () => {
    const plan = compileFieldPlan({ name: 'id', constraints: { required: true, unique: true } });
    expect([plan.type, plan.required, plan.unique]).toEqual(['string', true, true]);
    const plain = compileFieldPlan({ name: 'x', type: 'integer' });
    expect([plain.type, plain.required, plain.unique]).toEqual(['integer', false, false]);
  });
});

describe('error params', () => {
  test('constraint errors name the constraint and what the schema expects', () => {
    const plan = compileFieldPlan({
      name: 'code',
      description: 'Code INSEE',
      example: '75056',
      constraints: { pattern: '^\\d{5}$' },
    });
    const r = plan.evaluate('7505');
    expect(r).toMatchObject({
      kind: 'error',
      code: 'constraint-error',
      params: {
        type: 'string',
        format: 'default',
        constraint: 'pattern',
        expected: '^\\d{5}$',
        description: 'Code INSEE',
        example: '75056',
      },
    });
  });

  test('type errors carry the format and the boolean values', () => {
    const r = compileFieldPlan({
      name: 'b',
      type: 'boolean',
      trueValues: ['oui'],
      falseValues: ['non'],
    }).evaluate('x');
    expect(r).toMatchObject({
      code: 'type-error',
      params: { type: 'boolean', trueValues: ['oui'], falseValues: ['non'] },
    });
    const d = compileFieldPlan({ name: 'd', type: 'date', format: '%d/%m/%Y' }).evaluate('x');
    expect(d).toMatchObject({ code: 'type-error', params: { type: 'date', format: '%d/%m/%Y' } });
  });

  test('params are fresh objects (the validator may add to them)', () => {
    const plan = compileFieldPlan({ name: 'n', type: 'number' });
    const a = plan.evaluate('x');
    const b = plan.evaluate('y');
    expect(a.kind === 'error' && b.kind === 'error' && a.params !== b.params).toBe(true);
  });
});

describe('plan warnings', () => {
  test.each<[Partial<Field>, string[]]>([
    [{ type: 'string', format: 'email' }, []],
    [{ type: 'string', format: 'textarea' }, ['unknown-format']],
    [{ type: 'date', format: 'YYYY-MM-DD' }, ['unknown-format']],
    [{ type: 'date', format: '%Q' }, ['unknown-format']],
    [{ type: 'geopoint', format: 'lonlat' }, ['unknown-format']],
    [{ type: 'text' }, ['unknown-type']],
    [{ type: 'integer', constraints: { pattern: '\\d+' } }, ['unsupported-constraint']],
    [{ type: 'boolean', constraints: { minimum: 0 } }, ['unsupported-constraint']],
    [{ type: 'integer', constraints: { minimum: 'zéro' } }, ['bad-constraint']],
    [{ type: 'integer', constraints: { enum: [1, 'deux'] } }, ['bad-constraint']],
    [{ constraints: { minLength: -1 } }, ['bad-constraint']],
    [{ constraints: { pattern: '(' } }, ['bad-pattern']],
    [{ type: 'string', enum: ['a'] }, ['misplaced-constraint']],
    [{ type: 'array', arrayItem: { type: 'string', enum: ['a'] } }, ['misplaced-constraint']],
  ])('%j → %j', (field, codes) => {
    expect(compileFieldPlan({ name: 'f', ...field } as Field).warnings.map((w) => w.code)).toEqual(codes);
  });

  test('a misplaced enum is ignored, as Frictionless and Validata do; a real one is enforced', () => {
    expect(outcome({ type: 'array', arrayItem: { type: 'string', enum: ['lait'] } }, '["vin"]')).toBe(
      'ok ["vin"]',
    );
    expect(
      outcome({ type: 'array', arrayItem: { type: 'string', constraints: { enum: ['lait'] } } }, '["vin"]'),
    ).toBe('constraint-error:enum [item 0]');
  });

  test('an unknown type reads as any', () => {
    expect(compileFieldPlan({ name: 'f', type: 'text' }).type).toBe('any');
  });
});

describe('catastrophic patterns', () => {
  // Without the guard the first call backtracks for hours: the test would hit vitest's timeout.
  test('a nested quantifier on a near miss is answered (linear-time engine)', () => {
    expect(outcome({ constraints: { pattern: '(a+)+$' } }, `${'a'.repeat(40)}!`)).toBe(
      'constraint-error:pattern',
    );
    expect(outcome({ constraints: { pattern: '(a+)+$' } }, 'aaaa')).toBe('ok aaaa');
  });
});

describe('lost leading zeros', () => {
  test.each([
    ['^\\d{5}$', '1053', 'constraint-error:pattern → 01053'],
    ['^\\d{3}$', '7', 'constraint-error:pattern → 007'],
    ['^\\d{4}$', '7', 'constraint-error:pattern'],
    ['^[0-9]{14}$', '15', 'constraint-error:pattern'],
  ])('%s, %s → %s (one or two zeros, never an invented code)', (pattern, text, expected) => {
    expect(outcome({ constraints: { pattern } }, text)).toBe(expected);
  });
});
