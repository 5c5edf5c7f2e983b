import { describe, expect, it } from 'vitest';
import { checkSchema, compilePattern } from '../../src/schema/check-schema.js';
import { messageOf, hintOf } from '../../src/findings/catalogue.js';
import { schemaFindings } from '../../src/findings/sections/schema.js';
import type { Finding } from '../../src/findings/types.js';

/** [code, level, path, fieldName] of each finding: what the tests compare. */
function flat(findings: Finding[]): [string, string, unknown, string | undefined][] {
  return findings.map((f) => [f.code, f.level, f.params.path, f.loc.fieldName]);
}

const ok = { name: 'id', type: 'string' };

describe('checkSchema', () => {
  it.each<[string, unknown, [string, string, unknown, string | undefined][]]>([
    ['a minimal schema', { fields: [ok] }, []],
    ['a field without type (string by default)', { fields: [{ name: 'x' }] }, []],
    ['a string primaryKey', { fields: [ok], primaryKey: 'id' }, []],
    [
      'non-standard keys',
      { fields: [{ ...ok, examples: ['a'], comment: 'x' }], custom_checks: [], foo: 1 },
      [],
    ],
    ['a string example that fits', { fields: [{ name: 'n', type: 'integer', example: '42' }] }, []],
    ['no fields key', { title: 'x' }, [['schema-error', 'error', '', undefined]]],
    ['empty fields', { fields: [] }, [['schema-error', 'error', '/fields', undefined]]],
    ['fields not an array', { fields: {} }, [['schema-error', 'error', '/fields', undefined]]],
    [
      'a field that is not an object',
      { fields: [ok, 'x'] },
      [['schema-error', 'error', '/fields/1', undefined]],
    ],
    [
      'a field without name',
      { fields: [{ type: 'string' }] },
      [['schema-error', 'error', '/fields/0', undefined]],
    ],
    [
      'an unknown format',
      { fields: [ok, { name: 'd', type: 'number', format: 'euros' }] },
      [['schema-error', 'error', '/fields/1/format', 'd']],
    ],
    [
      'a constraint of the wrong type',
      { fields: [{ name: 'n', type: 'string', constraints: { required: 'yes' } }] },
      [['schema-error', 'error', '/fields/0/constraints/required', 'n']],
    ],
    [
      'an unknown type',
      { fields: [ok, ok, { name: 'm', type: 'money' }] },
      [
        ['schema-field-duplicate', 'error', '/fields/1/name', 'id'],
        ['schema-field-type-unknown', 'error', '/fields/2/type', 'm'],
      ],
    ],
    [
      'a type in upper case',
      { fields: [{ name: 'x', type: 'String' }] },
      [['schema-field-type-unknown', 'error', '/fields/0/type', 'x']],
    ],
    [
      'a primaryKey of an unknown field',
      { fields: [ok], primaryKey: ['id', 'nope'] },
      [['schema-key-unknown-field', 'error', '/primaryKey/1', undefined]],
    ],
    [
      'a primaryKey not string nor array',
      { fields: [ok], primaryKey: 3 },
      [['schema-error', 'error', '/primaryKey', undefined]],
    ],
    [
      'a self foreign key naming unknown fields',
      { fields: [ok], foreignKeys: [{ fields: 'nope', reference: { resource: '', fields: 'other' } }] },
      [
        ['schema-key-unknown-field', 'error', '/foreignKeys/0/fields', undefined],
        ['schema-key-unknown-field', 'error', '/foreignKeys/0/reference/fields', undefined],
      ],
    ],
    [
      'a foreign key to another resource (its fields are not ours to check)',
      { fields: [ok], foreignKeys: [{ fields: ['id'], reference: { resource: 'other', fields: ['code'] } }] },
      [],
    ],
    [
      'an invalid pattern',
      { fields: [{ name: 'c', constraints: { pattern: '([0-9]' } }] },
      [['schema-pattern-invalid', 'error', '/fields/0/constraints/pattern', 'c']],
    ],
    [
      'a Python inline flag',
      { fields: [{ name: 'c', constraints: { pattern: '(?i)oui|non' } }] },
      [['schema-pattern-translated', 'info', '/fields/0/constraints/pattern', 'c']],
    ],
    [
      'a numeric example (a warning: the portal publishes such schemas)',
      {
        fields: [
          { name: 'n', type: 'integer', example: 42 },
          { name: 'b', type: 'boolean', example: true },
        ],
      },
      [
        ['schema-example-invalid', 'warning', '/fields/0/example', 'n'],
        ['schema-example-invalid', 'warning', '/fields/1/example', 'b'],
      ],
    ],
    [
      'examples that do not fit their field',
      {
        fields: [
          { name: 'e', example: 'c', constraints: { enum: ['a', 'b'] } },
          { name: 'p', example: '12a', constraints: { pattern: '\\d+' } },
          { name: 'i', type: 'integer', example: '4.5' },
          { name: 'd', type: 'date', example: '15/09/2020' },
          { name: 'f', type: 'boolean', example: 'oui' },
          { name: 'ok', type: 'boolean', example: 'oui', trueValues: ['oui'], falseValues: ['non'] },
          { name: 'arr', type: 'array', example: '["a"]', constraints: { enum: [['b']] } },
        ],
      },
      [
        ['schema-example-invalid', 'warning', '/fields/0/example', 'e'],
        ['schema-example-invalid', 'warning', '/fields/1/example', 'p'],
        ['schema-example-invalid', 'warning', '/fields/2/example', 'i'],
        ['schema-example-invalid', 'warning', '/fields/3/example', 'd'],
        ['schema-example-invalid', 'warning', '/fields/4/example', 'f'],
      ],
    ],
  ])('%s', (_label, schema, expected) => {
    expect(flat(checkSchema(schema))).toEqual(expected);
  });

  it('never throws, whatever it is given', () => {
    for (const v of [null, 42, 'x', [], { fields: null }, { fields: [null, 1, []] }]) {
      expect(() => checkSchema(v)).not.toThrow();
      expect(checkSchema(v).some((f) => f.code === 'schema-error')).toBe(true);
    }
  });

  it('gives the reason and the ajv details in params', () => {
    const [enumErr] = checkSchema({ fields: [{ name: 'd', type: 'number', format: 'euros' }] });
    expect(enumErr?.params).toMatchObject({ keyword: 'enum', allowed: ['default'] });
    const [ex] = checkSchema({ fields: [{ name: 'n', type: 'integer', example: 42 }] });
    expect(ex?.params).toMatchObject({ reason: 'not-a-string', jsonType: 'number' });
  });

  it('has a French and an English message for every finding it emits', () => {
    const samples = [
      { title: 'x' },
      { fields: [{ name: 'd', type: 'number', format: 'euros', constraints: { required: 1 } }] },
      { fields: [ok, ok, { name: 'm', type: 'Money', example: 1 }], primaryKey: ['zz'] },
      { fields: [{ name: 'c', example: 'x', constraints: { pattern: '(?i)a(', enum: ['a'] } }] },
      { fields: [{ name: 'c', constraints: { pattern: '(?i)a' } }] },
    ];
    const codes = new Set<string>();
    for (const s of samples) {
      for (const f of checkSchema(s)) {
        codes.add(f.code);
        for (const lang of ['fr', 'en'] as const) {
          expect(messageOf(f, lang)).not.toBe(f.code);
          expect(messageOf(f, lang)).not.toMatch(/undefined|\[object/);
          expect(hintOf(f, lang) ?? '').not.toMatch(/undefined|\[object/);
        }
      }
    }
    expect([...codes].sort()).toEqual(Object.keys(schemaFindings).sort());
  });
});

describe('compilePattern', () => {
  it.each<[string, string[], string[]]>([
    ['\\d{5}', ['75001'], ['7500', '750011', 'a5001']],
    ['[0-9]{2}|2[AB]', ['75', '2A'], ['2C', '750']],
    ['^[A-Z]{2}[A-Z0-9]{4,33}$', ['FRA68E680210015'], ['fr1234']],
    ['(?i)oui|non', ['OUI', 'non'], ['peut-être']],
    ['(?P<d>\\d)-(?P=d)', ['1-1'], ['1-2']],
    ['\\Aabc\\Z', ['abc'], ['abcd']],
    ['a(?#comment)b', ['ab'], ['a b']],
    ['[]a]+', [']a]'], ['b']],
    ['(?:(?:^|\\|)(\\d{8}[0-9A-Z]{2}\\d{4}|)\\1+\\d{8}[0-9A-Z]{2}\\d{4})+$', ['12345678AB1234'], ['x']],
    ['E\\-SCOOTER|[$-_@.&+]+', ['E-SCOOTER', '@.&'], ['e-scooter']],
  ])('%s', (pattern, good, bad) => {
    const r = compilePattern(pattern);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const v of good) expect(r.regex.test(v), v).toBe(true);
    for (const v of bad) expect(r.regex.test(v), v).toBe(false);
  });

  it.each([
    ['([0-9]', 'unclosed group'],
    ['a++', 'possessive'],
    ['(?>ab)', 'atomic'],
    ['a(?i)b', 'flag not at start'],
    ['(?x) a b', 'verbose flag'],
    ['abc\\', 'trailing backslash'],
  ])('%s fails (%s)', (pattern) => {
    expect(compilePattern(pattern).ok).toBe(false);
  });

  it('says what it translated', () => {
    const r = compilePattern('(?i)(?P<x>a)\\Z');
    expect(r.ok && r.changes.length).toBe(3);
    expect(r.ok && r.regex.flags).toContain('i');
  });
});

describe('the bundled catalogue', () => {
  it('passes the Table Schema profile, so loading it skips ajv and finds the same', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { catalogueIndex, schemasDir } = await import('../../src/schema/catalogue.js');
    let checked = 0;
    for (const entry of catalogueIndex()) {
      for (const v of entry.versions) {
        const schema = JSON.parse(readFileSync(path.join(schemasDir(), v.path), 'utf8')) as unknown;
        expect(checkSchema(schema, { bundled: true })).toEqual(checkSchema(schema));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('has synonyms files that pass their JSON Schema, so loading them skips ajv', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { schemasDir } = await import('../../src/schema/catalogue.js');
    const { parseSynonyms } = await import('../../src/schema/synonyms.js');
    const dir = path.join(schemasDir(), 'synonyms');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const parsed = parseSynonyms(text, f);
      expect(parseSynonyms(text, f, { bundled: true })).toEqual(parsed);
      // Each file is named after its schema, so a schema's aliases are read from its own file alone.
      expect(f).toBe(`${parsed.schema!.toLowerCase().replace(/\//g, '-')}.yaml`);
    }
  });
});
