// The checks' finding codes: every declarable name has a catalogue entry whose messages render in both languages.
import { describe, expect, it } from 'vitest';
import { checkNames } from '../../src/checks/index.js';
import { REVERSED_GPS_CODE } from '../../src/checks/french-gps-coordinates.js';
import { checkFindings } from '../../src/findings/sections/checks.js';
import type { Finding } from '../../src/findings/types.js';
import { hintOf, messageOf } from '../../src/findings/catalogue.js';
import { checkValue, runChecks, schemaOf } from './harness.js';

describe('check finding specs', () => {
  it('cover every name and alias, the reversed GPS code, identifier-spaces, check-error and check-deprecated', () => {
    const codes = [
      ...checkNames(),
      REVERSED_GPS_CODE,
      'identifier-spaces',
      'check-error',
      'check-deprecated',
    ].sort();
    expect(Object.keys(checkFindings).sort()).toEqual(codes);
  });

  const samples: Finding[] = [
    ...checkValue('french-siret-value', '21860194600014'),
    ...checkValue('siret', '830 141 321 00026'),
    ...checkValue('siret', '35600000000055'),
    ...checkValue('french-siren-value', '123'),
    ...checkValue('siren', '732829321'),
    ...checkValue('nomenclature-actes-value', 'Urbanisme'),
    ...checkValue('nomenclature-acte', 'Urbanisme / Permis'),
    ...checkValue('nomenclature-acte', 'Voirie/Entretien'),
    ...checkValue('year-interval-value', 'foobar', { 'allow-year-only': 'yes' }),
    ...checkValue('year-interval-value', '2020'),
    ...checkValue('year-interval-value', '2017/2017'),
    ...checkValue('year-interval-value', '2017/2016'),
    ...checkValue('opening-hours-value', 'foo'),
    ...checkValue('phone-number-value', '619 13 45'),
    ...checkValue('french-gps-coordinates', 'foo'),
    ...checkValue('french-gps-coordinates', '48.85837, 52.0'),
    ...checkValue('french-gps-coordinates', '48.85837, 2.294481'),
    ...runChecks(
      schemaOf(
        ['a', 'b', 'c'],
        [
          { name: 'compare-columns-value', params: { column: 'a', op: '<', column2: 'b' } },
          { name: 'sum-columns-value', params: { column: 'a', columns: ['b', 'c'] } },
          { name: 'cohesive-columns-value', params: { column: 'a', othercolumns: ['b', 'c'] } },
          { name: 'one-of-required', params: { column1: 'b', column2: 'c' } },
          { name: 'unknown-check', params: {} },
          { name: 'siret', params: { column: 'zz' } },
          'malformed',
        ],
      ),
      [{ a: '5', b: '1', c: '' }],
    ).findings,
    ...runChecks(
      schemaOf(['a', 'b'], [{ name: 'one-of-required', params: { column1: 'a', column2: 'b' } }]),
      [],
      {
        present: [],
      },
    ).findings,
    { code: 'check-deprecated', level: 'warning', loc: {}, params: { check: 'old', replacement: 'new' } },
  ];

  it.each(samples.map((f) => [f.code, f.params, f]))(
    '%s %j renders in French and English',
    (code, _params, f) => {
      const fr = messageOf(f as Finding, 'fr');
      const en = messageOf(f as Finding, 'en');
      expect(fr).not.toBe(code);
      expect(fr).not.toMatch(/undefined|\[object/);
      expect(en).not.toMatch(/undefined|\[object/);
      expect(en).not.toBe(fr);
      for (const lang of ['fr', 'en'] as const)
        expect(hintOf(f as Finding, lang) ?? '').not.toMatch(/undefined/);
    },
  );
});
