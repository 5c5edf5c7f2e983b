import { describe, expect, it } from 'vitest';
import { openingHoursProblem } from '../../src/checks/opening-hours-value.js';
import { hintOf } from '../../src/findings/catalogue.js';
import { runChecks, schemaOf } from './harness.js';

describe('openingHoursProblem', () => {
  // Only the strict OpenStreetMap grammar is valid, as in Validata (whose grammar allows letter case,
  // a one-digit hour and spaces around separators); what the parser only corrects is an error.
  it.each([
    ['Mo-Fr 08:00-12:00,13:00-17:30', undefined],
    ['24/7', undefined],
    ['Mo-Fr', undefined],
    ['Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off', undefined],
    ['Mo-Fr 08:00-12:00;Sa 09:00-12:00', undefined],
    ['mo-fr 08:00-12:00', undefined],
    ['Mo-Fr 8:00-12:00', undefined],
    ['Mo-Fr 08:00-12:00 "sur rendez-vous"', undefined],
    ['Jan-Mar Mo-Fr 08:00-12:00; Dec 25 off', undefined],
    ['Lu-Ve', 'Mo-Fr'],
    ['Lu-Ve 8h-12h', 'Mo-Fr 08:00-12:00'],
    ['lundi', 'Mo'],
    ['Mo-Fr 8h-12h', 'Mo-Fr 08:00-12:00'],
    ['Mo-Fr 08.00-12.00', 'Mo-Fr 08:00-12:00'],
    ['Mo-Fr 8-12', 'Mo-Fr 08:00-12:00'],
    ['Mo-Fr08:00-12:00', 'Mo-Fr 08:00-12:00'],
  ])('%s → %s', (text, suggestion) => {
    const problem = openingHoursProblem(text);
    if (suggestion === undefined) expect(problem).toBeUndefined();
    else expect(problem).toEqual({ reason: 'tolerated', suggestion });
  });

  it.each(['lundi 8h', 'Mo-Fr 25:00-26:00', 'foo', 'true'])('%s cannot be read at all', (text) => {
    expect(openingHoursProblem(text)?.reason).toBe('syntax');
  });

  it('explains a syntax error in French and English', () => {
    const problem = openingHoursProblem('foo');
    if (problem?.reason !== 'syntax') throw new Error('expected a syntax problem');
    expect(problem.detail).not.toBe('');
    expect(problem.detailEn).not.toBe(problem.detail);
  });
});

describe('opening-hours-value check', () => {
  it('reports each invalid cell, repeated values included', () => {
    const schema = schemaOf(['horaires'], [{ name: 'opening-hours-value', params: { column: 'horaires' } }]);
    const rows = ['24/7', 'foo', '24/7', 'foo', ''].map((horaires) => ({ horaires }));
    expect(runChecks(schema, rows).flat).toEqual([
      [3, 'horaires', 'opening-hours-value'],
      [5, 'horaires', 'opening-hours-value'],
    ]);
  });
});

describe('Validata’s test_invalid_opening_hours', () => {
  it('Lu-Ve is exactly one error, whose hint gives the corrected value', () => {
    const schema = schemaOf(
      ['horaires_ouverture'],
      [{ name: 'opening-hours-value', params: { column: 'horaires_ouverture' } }],
    );
    const { flat, findings } = runChecks(schema, [{ horaires_ouverture: 'Lu-Ve' }]);
    expect(flat).toEqual([[2, 'horaires_ouverture', 'opening-hours-value']]);
    expect(hintOf(findings[0]!, 'fr')).toBe('Écrivez « Mo-Fr ».');
    expect(runChecks(schema, [{ horaires_ouverture: '24/7' }, { horaires_ouverture: 'Mo-Fr' }]).flat).toEqual(
      [],
    );
  });
});
