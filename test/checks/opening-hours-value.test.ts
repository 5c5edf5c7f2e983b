import { describe, expect, it } from 'vitest';
import { openingHoursProblem } from '../../src/checks/opening-hours-value.js';
import { runChecks, schemaOf } from './harness.js';

describe('openingHoursProblem', () => {
  it.each([
    ['Mo-Fr 08:00-12:00,13:00-17:30', true],
    ['24/7', true],
    ['Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off', true],
    ['Mo-Fr 8h-12h', true], // a warning for the parser, not an error
    ['lundi 8h-12h', true], // tolerated with warnings (lundi → Mo)
    ['lundi 8h', false],
    ['Mo-Fr 25:00-26:00', false],
    ['foo', false],
  ])('%s valid: %s', (text, valid) => {
    expect(openingHoursProblem(text) === undefined).toBe(valid);
  });

  it('explains in French and English', () => {
    const problem = openingHoursProblem('foo');
    expect(problem?.detail).not.toBe('');
    expect(problem?.detailEn).not.toBe(problem?.detail);
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
