import { describe, expect, test } from 'vitest';
import { cellFindings, describeDatePattern } from '../../src/findings/sections/cell.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Lang, MessageParams } from '../../src/findings/spec.js';
import type { Field } from '../../src/schema/types.js';

const LANGS: Lang[] = ['fr', 'en'];

/** Params as the validator builds them: the plan's params, `repaired`, the value and the field name. */
function paramsFor(field: Partial<Field>, text: string): MessageParams & { code: string } {
  const r = compileFieldPlan({ name: 'col', ...field } as Field).evaluate(text);
  if (r.kind !== 'error') throw new Error(`${text} is valid`);
  const repaired = r.repaired === undefined ? {} : { repaired: r.repaired };
  return { ...r.params, ...repaired, value: text, fieldName: 'col', code: r.code };
}

const CASES: [Partial<Field>, string][] = [
  [{ type: 'number' }, '3,5'],
  [{ type: 'number', decimalChar: ',' }, 'x'],
  [{ type: 'integer' }, '1,234'],
  [{ type: 'boolean', trueValues: ['oui'], falseValues: ['non'] }, 'peut-être'],
  [{ type: 'date' }, '09/15/2020'],
  [{ type: 'date', format: '%d/%m/%Y' }, '2020-09-15'],
  [{ type: 'time' }, 'midi'],
  [{ type: 'datetime' }, 'hier'],
  [{ type: 'year' }, '20'],
  [{ type: 'yearmonth' }, 'x'],
  [{ type: 'duration' }, 'x'],
  [{ type: 'geopoint' }, 'x'],
  [{ type: 'geopoint', format: 'array' }, 'x'],
  [{ type: 'geojson' }, 'x'],
  [{ type: 'object' }, 'x'],
  [{ type: 'array' }, 'x'],
  [{ type: 'string', format: 'email' }, 'x'],
  [{ type: 'string', format: 'uri' }, 'x'],
  [{ constraints: { minLength: 3 } }, 'ab'],
  [{ constraints: { maxLength: 1 } }, 'ab '],
  [{ type: 'array', constraints: { minLength: 2 } }, '[]'],
  [{ type: 'number', constraints: { minimum: 0 } }, '-1'],
  [{ type: 'date', constraints: { maximum: '2020-01-01' } }, '2021-01-01'],
  [{ type: 'integer', constraints: { exclusiveMinimum: 0 } }, '0'],
  [{ type: 'integer', constraints: { exclusiveMaximum: 0 } }, '0'],
  [
    { description: 'Code INSEE\nsur 5 caractères', example: '75056', constraints: { pattern: '^\\d{5}$' } },
    '7505A',
  ],
  [{ constraints: { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] } }, 'z'],
  [{ constraints: { enum: ['Paris'] } }, 'paris'],
  [{ type: 'array', arrayItem: { type: 'string', constraints: { maxLength: 2 } } }, '["abc"]'],
  [{ type: 'array', arrayItem: { type: 'integer', constraints: { required: true } } }, '[null]'],
];

describe('cell finding messages', () => {
  test.each(CASES)('%j %j renders in both languages', (field, text) => {
    const p = paramsFor(field, text);
    const spec = cellFindings[p.code]!;
    for (const lang of LANGS) {
      const message = spec.message[lang](p);
      const hint = spec.hint?.[lang](p);
      expect(message).not.toMatch(/undefined|\[object|NaN/);
      expect(message.length).toBeGreaterThan(10);
      if (hint !== undefined) expect(hint).not.toMatch(/undefined|\[object/);
    }
  });

  test('a repaired value is the hint', () => {
    const p = paramsFor({ type: 'date' }, '15/09/2020');
    for (const lang of LANGS) expect(cellFindings['type-error']!.hint![lang](p)).toContain('2020-09-15');
  });

  test('the required, unique and primary-key messages read the validator params', () => {
    const required = { constraint: 'required', fieldName: 'nom', value: '' };
    const unique = { firstRowNumber: 3, fieldName: 'id', value: '42' };
    const pk = { fields: 'a, b', firstRowNumber: 7, value: '1, 2' };
    for (const lang of LANGS) {
      expect(cellFindings['constraint-error']!.message[lang](required)).toContain('nom');
      expect(cellFindings['unique-error']!.message[lang](unique)).toContain('3');
      expect(cellFindings['primary-key']!.message[lang](pk)).toContain('7');
    }
  });

  test('every code has titles, both languages and its Frictionless name', () => {
    for (const [code, spec] of Object.entries(cellFindings)) {
      expect(spec.frictionless).toBe(code);
      expect(spec.title.fr && spec.title.en).toBeTruthy();
    }
  });

  test.each<[string, Lang, string]>([
    ['%d/%m/%Y', 'fr', 'JJ/MM/AAAA'],
    ['%d/%m/%Y', 'en', 'DD/MM/YYYY'],
    ['%Y-%m-%dT%H:%M:%S', 'fr', 'AAAA-MM-JJThh:mm:ss'],
  ])('%s reads %s as %s', (pattern, lang, human) => {
    expect(describeDatePattern(pattern, lang)).toBe(human);
  });
});
