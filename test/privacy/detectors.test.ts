// Tests of the per-value detectors: email classes, phone parsing, date reading, name shapes, street addresses.
import { describe, expect, it } from 'vitest';
import { classifyEmail, isEmail } from '../../src/privacy/email.js';
import { parsePhone } from '../../src/privacy/phone.js';
import { isPlausibleBirthYear, parseDate } from '../../src/privacy/birth-date.js';
import { nameShape } from '../../src/privacy/person-name.js';
import { isStreetAddress } from '../../src/privacy/street.js';
import { firstNames, isFirstName } from '../../src/privacy/first-names.js';
import { foldWords } from '../../src/text/fold.js';
import { isPlainNumber } from '../../src/privacy/scanner.js';

describe('classifyEmail', () => {
  it.each([
    ['jean.dupont@gmail.com', 'personal'],
    ['jdupont75@hotmail.fr', 'personal'],
    ['marie-helene.durand@entreprise.fr', 'personal'],
    ['dupont.jean@ville-lyon.fr', 'personal'],
    ['j.dupont@cabinet-conseil.fr', 'personal'],
    ['famille.girard@yahoo.fr', 'personal'],
    ['contact@ville.fr', 'functional'],
    ['contact@gmail.com', 'functional'],
    ['mairie@mairie-tassin.fr', 'functional'],
    ['accueil@grandlyon.gouv.fr', 'functional'],
    ['info@association-sportive.fr', 'functional'],
    ['secretariat@ecole-ferry.fr', 'functional'],
    ['etat-civil@ville-lyon.fr', 'functional'],
    ['dsi.projets@ville-paris.fr', 'functional'],
    ['musee-beaux-arts@mairie-lyon.fr', 'functional'],
    ['sport.loisirs@region-idf.fr', 'functional'],
    ['dupont-plomberie@plomberie.fr', 'other'],
  ])('%s is %s', (address, expected) => {
    expect(classifyEmail(address)).toBe(expected);
  });

  it.each([
    ['a@b.fr', true],
    ['jean.dupont@gmail.com', true],
    ['jean.dupont@gmail', false],
    ['écrire à jean@gmail.com', false],
  ])('isEmail(%s) is %s', (text, expected) => {
    expect(isEmail(text)).toBe(expected);
  });
});

describe('parsePhone', () => {
  it.each<[string, string, boolean]>([
    ['06 12 34 56 78', '0612345678', true],
    ['07.98.76.54.32', '0798765432', true],
    ['+33 6 12 34 56 78', '0612345678', true],
    ['+33 (0)6 12 34 56 78', '0612345678', true],
    ['0033 7 12 34 56 78', '0712345678', true],
    ['+590 690 12 34 56', '0690123456', true],
    ['+262 692 12 34 56', '0692123456', true],
    ['+262 639 12 34 56', '0639123456', true],
    ['+596 696 12 34 56', '0696123456', true],
    ['0594 27 12 34', '0594271234', false],
    ['04 72 10 30 30', '0472103030', false],
    ['Tél. : 01.23.45.67.89', '0123456789', false],
  ])('%s → %s (mobile %s)', (text, national, mobile) => {
    expect(parsePhone(text)).toEqual({ national, mobile });
  });

  it.each([
    ['111111111'],
    ['21920044100018'],
    ['12/05/1985'],
    ['0012345678'],
    ['75001'],
    ['+44 20 7946 0958'],
  ])('rejects %s', (text) => {
    expect(parsePhone(text)).toBeUndefined();
  });
});

describe('parseDate', () => {
  it.each([
    ['1985-05-12', { year: 1985, month: 5, day: 12 }],
    ['1985-05-12T00:00:00Z', { year: 1985, month: 5, day: 12 }],
    ['12/05/1985', { year: 1985, month: 5, day: 12 }],
    ['2.1.1990', { year: 1990, month: 1, day: 2 }],
  ])('%s', (text, parts) => {
    expect(parseDate(text)).toEqual(parts);
  });

  it.each([['1985-13-01'], ['32/01/1985'], ['1985'], ['12/05/85']])('rejects %s', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it.each([
    [2025, 2025, true],
    [1915, 2025, true],
    [1914, 2025, false],
    [2026, 2025, false],
  ])('born %i is plausible in %i: %s', (year, ref, expected) => {
    expect(isPlausibleBirthYear(year, ref)).toBe(expected);
  });
});

describe('first names', () => {
  it('ships between 1,000 and 2,500 names', () => {
    expect(firstNames().size).toBeGreaterThan(1000);
    expect(firstNames().size).toBeLessThan(2500);
  });

  it.each([
    ['Jean', true],
    ['HÉLÈNE', true],
    ['helene', true],
    ['Jean-Pierre', true],
    ['Marie-Hélène', true],
    ['Mohamed', true],
    ['Dupont', false],
    ['Rue', false],
    ['France', false],
    ['Saint-Jean', false],
  ])('%s is a first name: %s', (word, expected) => {
    expect(isFirstName(word)).toBe(expected);
  });
});

describe('nameShape', () => {
  it.each([
    ['Jean DUPONT', 'person'],
    ['DUPONT Jean', 'person'],
    ['Marie-Hélène Le Gall', 'person'],
    ['Mme Anne de La Tour', 'person'],
    ['M. Jean-Pierre MARTIN', 'person'],
    ['DUPONT, Marie', 'person'],
    ['JEAN DUPONT', 'person'],
    ['Jean', 'first-name'],
    ['DUPONT', 'word'],
    ['Le Gall', 'word'],
    ['rue Victor Hugo', 'none'],
    ['Rue Victor Hugo', 'none'],
    ['Avenue Jean Jaurès', 'none'],
    ['place Charles de Gaulle', 'none'],
    ['Association Les Amis de Victor Hugo', 'none'],
    ['SARL Dupont', 'none'],
    ['Gymnase Jean Moulin', 'none'],
    ['École Jules Ferry', 'none'],
    ['Ville de Dieppe', 'none'],
    ['Saint Jean', 'none'],
    ['Société X', 'none'],
    ['REPUBLIQUE', 'word'],
    ['jean dupont', 'none'],
    ['Jean 2', 'none'],
    ['Gare SNCF de Dieppe', 'none'],
  ])('%s → %s', (text, shape) => {
    expect(nameShape(text)).toBe(shape);
  });
});

describe('isStreetAddress', () => {
  it.each([
    ['12 rue des Lilas', true],
    ['3 bis avenue Foch', true],
    ['3bis, av. Foch', true],
    ['45 chemin des Vignes 69160 Tassin', true],
    ['1 avenue de la Paix 75001 Paris', true],
    ['12 Grande Rue', true],
    ['rue des Lilas', false],
    ['Rue Victor Hugo', false],
    ['12 pommes', false],
    ['75001 Paris', false],
  ])('%s → %s', (text, expected) => {
    expect(isStreetAddress(text)).toBe(expected);
  });
});

describe('foldWords', () => {
  it.each([
    ['nomBénéficiaire', ' nom beneficiaire '],
    ['NOM_BENEFICIAIRE', ' nom beneficiaire '],
    ['Date de naissance', ' date de naissance '],
    ['  Né(e) le ', ' ne e le '],
  ])('%s → %s', (text, folded) => {
    expect(foldWords(text)).toBe(folded);
  });
});

describe('isPlainNumber (the sample skips the date and address readings for these)', () => {
  it.each([
    ['2023', true],
    ['36565.10', true],
    ['3,5', true],
    ['0612345678', true],
    ['', false],
    ['.5', false],
    ['5.', false],
    ['1.234,5', false],
    ['12/05/1980', false],
    ['1980-05-12', false],
    ['12 rue', false],
    ['+33612345678', false],
  ])('%j → %s', (v, plain) => {
    expect(isPlainNumber(v)).toBe(plain);
  });

  it('no plain number reads as a date or a street address', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (let k = 0; k < 5000; k++) {
      const int = String(next(10 ** (1 + next(9)))).padStart(1 + next(12), '0');
      const v =
        next(3) === 0 ? int : `${int}${next(2) ? '.' : ','}${String(next(1000)).padStart(1 + next(3), '0')}`;
      if (!isPlainNumber(v)) continue;
      checked++;
      expect(parseDate(v), v).toBeUndefined();
      expect(isStreetAddress(v), v).toBe(false);
    }
    expect(checked).toBeGreaterThan(4000);
  });
});
