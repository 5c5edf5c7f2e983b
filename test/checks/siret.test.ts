import { describe, expect, it } from 'vitest';
import { compactSiret, siretProblem } from '../../src/checks/siret.js';
import { compactSiren, sirenProblem } from '../../src/checks/siren.js';
import { checkValue, runChecks, schemaOf } from './harness.js';

describe('siretProblem', () => {
  it.each([
    ['83014132100026', undefined],
    ['21860194600013', undefined],
    ['21860194600014', 'checksum'],
    ['83014132100027', 'checksum'],
    ['529173188', 'format'],
    ['830 141 321 00026', 'format'],
    ['8301413210002A', 'format'],
    ['', 'format'],
    // La Poste head office: the one La Poste SIRET checked with Luhn.
    ['35600000000048', undefined],
    // La Poste establishments: digit sum multiple of 5 (this one fails Luhn)…
    ['35600000012346', undefined],
    ['35600000049995', undefined],
    // …and Luhn alone is not enough.
    ['35600000000055', 'la-poste-checksum'],
    ['35600000012345', 'la-poste-checksum'],
  ])('%s → %s', (text, expected) => {
    expect(siretProblem(text)).toBe(expected);
  });
});

describe('sirenProblem', () => {
  it.each([
    ['732829320', undefined],
    ['830141321', undefined],
    ['356000000', undefined],
    ['732829321', 'checksum'],
    ['529173188', 'checksum'],
    ['83014132', 'format'],
    ['83014132100026', 'format'],
    ['732 829 320', 'format'],
  ])('%s → %s', (text, expected) => {
    expect(sirenProblem(text)).toBe(expected);
  });
});

describe('siret check', () => {
  it('codes findings with the declared name, old or new', () => {
    expect(checkValue('french-siret-value', '529173188').map((f) => [f.code, f.params.reason])).toEqual([
      ['french-siret-value', 'format'],
    ]);
    expect(checkValue('siret', '21860194600014').map((f) => [f.code, f.params.reason])).toEqual([
      ['siret', 'checksum'],
    ]);
    expect(checkValue('siret', '83014132100026')).toEqual([]);
  });

  // Issue 11: python-stdnum, under Validata, removes spaces and dots first: such a number is valid, with a
  // fixable warning giving the compact form normalize writes.
  it('takes a number grouped with spaces or dots as valid, with a fixable warning', () => {
    for (const [name, text, compact] of [
      ['siret', '830 141 321 00026', '83014132100026'],
      ['french-siret-value', '213 300 049 00012', undefined],
      ['siret', '830.141.321.00026', '83014132100026'],
      ['siret', '830\u00a0141\u00a0321\u00a000026', '83014132100026'],
      ['siren', '732.829.320', '732829320'],
      ['french-siren-value', '732 829 320', '732829320'],
    ] as const) {
      const found = checkValue(name, text);
      if (compact === undefined) {
        expect(
          found.map((f) => f.code),
          text,
        ).not.toContain('identifier-spaces');
        continue;
      }
      expect(found, text).toEqual([
        expect.objectContaining({
          code: 'identifier-spaces',
          level: 'warning',
          fixable: true,
          params: { identifier: name.includes('siren') ? 'siren' : 'siret', compact },
        }),
      ]);
    }
  });

  it('still refuses a grouped number whose key is wrong, and suggests the compact form of other separators', () => {
    expect(checkValue('siret', '830 141 321 00027')[0]).toMatchObject({
      code: 'siret',
      level: 'error',
      params: { reason: 'format' },
    });
    expect(checkValue('siret', '830-141-321-00026')[0]).toMatchObject({
      level: 'error',
      params: { reason: 'format', suggestion: '83014132100026' },
    });
  });

  it('gives the compact form as a pure function', () => {
    expect(compactSiret(' 830 141 321 00026 ')).toBe('83014132100026');
    expect(compactSiret('83014132100026')).toBeUndefined();
    expect(compactSiret('830 141 321 00027')).toBeUndefined();
    expect(compactSiret('830 141 321')).toBeUndefined();
    expect(compactSiren('732 829 320')).toBe('732829320');
    expect(compactSiren('732829320')).toBeUndefined();
    expect(compactSiren('732 829 321')).toBeUndefined();
  });

  it('locates the finding and skips empty cells and an absent column', () => {
    const schema = schemaOf(['nom', 'siret'], [{ name: 'french-siret-value', params: { column: 'siret' } }]);
    const rows = [{ siret: '83014132100026' }, { siret: '' }, { siret: '21860194600014' }];
    const { findings, flat } = runChecks(schema, rows);
    expect(flat).toEqual([[4, 'siret', 'french-siret-value']]);
    expect(findings[0]).toMatchObject({ level: 'error', loc: { line: 4 }, value: '21860194600014' });
    expect(runChecks(schema, rows, { present: ['nom'] }).flat).toEqual([]);
  });

  it('honours missingValues', () => {
    const schema = {
      ...schemaOf(['siret'], [{ name: 'siret', params: { column: 'siret' } }]),
      missingValues: ['', 'NC'],
    };
    expect(runChecks(schema, [{ siret: 'NC' }, { siret: 'ND' }]).flat).toEqual([[3, 'siret', 'siret']]);
  });
});

describe('siren check', () => {
  it.each([
    ['french-siren-value', '732829321', 'checksum'],
    ['siren', '12345', 'format'],
  ])('%s %s → %s', (name, value, reason) => {
    expect(checkValue(name, value).map((f) => [f.code, f.params.reason])).toEqual([[name, reason]]);
  });
  it('accepts a valid SIREN', () => {
    expect(checkValue('french-siren-value', '830141321')).toEqual([]);
  });
});
