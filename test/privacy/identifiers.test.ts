// Tests of the exact identifiers: NIR key (Corsica included), IBAN mod 97, French RIB key, and their search in text.
import { describe, expect, it } from 'vitest';
import { findIdentifiers, isValidIban, isValidNir, isValidRib } from '../../src/privacy/identifiers.js';

/** The NIR key computed independently, with BigInt: 97 − (n mod 97), 2A → 19 and 2B → 18. */
function nirKey(body: string): string {
  const n = BigInt(body.replace('2A', '19').replace('2B', '18'));
  return String(97n - (n % 97n)).padStart(2, '0');
}

describe('isValidNir', () => {
  it.each([
    ['1 85 05 78 006 084 91'],
    ['185057800608491'],
    ['2 69 02 99 341 732 85'],
    ['1.78.02.75.123.456.77'],
    ['2 81 05 2A 123 456 82'],
    ['1 74 12 2B 054 010 26'],
    ['2 81 05 2a 123 456 82'],
    [`1820101001001${nirKey('1820101001001')}`],
  ])('accepts %s', (nir) => {
    expect(isValidNir(nir)).toBe(true);
  });

  it.each([
    ['1 85 05 78 006 084 36', 'wrong key'],
    ['2 81 05 2A 123 456 83', 'wrong key, Corsica'],
    ['21920044100018', 'a SIRET (14 digits)'],
    ['5 85 05 78 006 084 91', 'sex digit 5'],
    ['1 85 05 78 006 084 9', 'too short'],
    ['1 85 05 78 006 084 911', 'too long'],
  ])('rejects %s (%s)', (nir) => {
    expect(isValidNir(nir)).toBe(false);
  });

  it('agrees with the BigInt key on a range of bodies', () => {
    for (let i = 0; i < 500; i++) {
      const body = `1${String(40 + (i % 60))}0${1 + (i % 9)}${String(10 + (i % 80))}${String(100000 + i * 7919).slice(0, 6)}`;
      expect(isValidNir(body + nirKey(body))).toBe(true);
      const wrong = String((Number(nirKey(body)) % 97) + 1).padStart(2, '0');
      expect(isValidNir(body + wrong)).toBe(false);
    }
  });
});

describe('isValidIban', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189'],
    ['FR7630004008230001001234513'],
    ['fr76 3000 4008 2300 0100 1234 513'],
    ['DE89 3704 0044 0532 0130 00'],
    ['GB82 WEST 1234 5698 7654 32'],
    ['BE68 5390 0754 7034'],
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['FR76 3000 6000 0112 3456 7890 188', 'wrong checksum'],
    ['FR76 3000 6000 0112 3456 7890 18', 'wrong length'],
    ['XX76 3000 6000 0112 3456 7890 189', 'unknown country'],
  ])('rejects %s (%s)', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});

describe('isValidRib', () => {
  it.each([
    ['30004 00823 00010012345 13'],
    ['3000400823000100123451 3'.replace(' ', '')],
    ['20041 01005 05000134026 06'],
    ['30006 00001 12345678901 89'],
  ])('accepts %s', (rib) => {
    expect(isValidRib(rib)).toBe(true);
  });

  it('converts letters of the account number (A,J → 1; B,K,S → 2 …)', () => {
    // 0500013M026 reads as 05000134026 (M → 4): same key 06.
    expect(isValidRib('20041 01005 0500013M026 06')).toBe(true);
    expect(isValidRib('20041 01005 0500013M026 07')).toBe(false);
  });

  it.each([['30004 00823 00010012345 14'], ['30004 00823 0001001234 13']])('rejects %s', (rib) => {
    expect(isValidRib(rib)).toBe(false);
  });
});

describe('findIdentifiers', () => {
  const kindsIn = (text: string) => findIdentifiers(text).map((m) => [m.kind, m.text]);

  it.each<[string, [string, string][]]>([
    ['NIR 1 85 05 78 006 084 91 à vérifier', [['nir', '1 85 05 78 006 084 91']]],
    ['(185057800608491)', [['nir', '185057800608491']]],
    ['Virement sur FR76 3000 6000 0112 3456 7890 189 BNP', [['iban', 'FR76 3000 6000 0112 3456 7890 189']]],
    ['RIB : 30004 00823 00010012345 13.', [['rib', '30004 00823 00010012345 13']]],
    ['SIRET 219 200 441 00018, dossier 185057800608436', []],
    ['21920044100018', []],
    ['n° 1850578006084910 (16 chiffres)', []],
    ['Tél. 06 12 34 56 78 ou 04 72 10 30 30', []],
  ])('%s', (text, expected) => {
    expect(kindsIn(text)).toEqual(expected);
  });

  it('does not report the RIB inside an IBAN', () => {
    expect(kindsIn('FR7630004008230001001234513').map(([k]) => k)).toEqual(['iban']);
  });

  it('counts candidates, valid or not, in a tally', () => {
    const tally = { nir: 0, iban: 0, rib: 0 };
    findIdentifiers('185057800608436 et 185057800608491', tally);
    expect(tally.nir).toBe(2);
  });
});
