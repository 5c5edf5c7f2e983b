// Tests of maskValue: the documented shapes, and a property test that a mask never equals or contains its value.
import { describe, expect, it } from 'vitest';
import { random as prng } from '../../scripts/random.js';
import { maskValue, type MaskKind } from '../../src/privacy/mask.js';

describe('maskValue', () => {
  it.each<[MaskKind, string, string]>([
    ['email', 'jean.dupont@gmail.com', 'j***.d***@gmail.com'],
    ['email', 'jean.dupont@ville-lyon.fr', 'j***.d***@v***.fr'],
    ['phone', '06 12 34 56 78', '06 ** ** ** 78'],
    ['phone', '+33 7 12 34 56 78', '07 ** ** ** 78'],
    ['nir', '1 85 05 78 006 084 91', '1 85 ** ** *** *** 91'],
    ['nir', '281052A12345682', '2 81 ** ** *** *** 82'],
    ['iban', 'FR76 3000 6000 0112 3456 7890 189', 'FR76 **** **** **** **** **** 189'],
    ['rib', '30004 00823 00010012345 13', '30004 ***** *********** **'],
    ['birth-date', '12/05/1985', '**/**/1985'],
    ['birth-date', '1985-05-12', '1985-**-**'],
    ['person-name', 'Jean DUPONT', 'J*** D***'],
    ['person-name', 'Marie-Hélène de La Tour', 'M***-H*** de La T***'],
    ['address', '12 rue des Lilas', '** rue des L***'],
    ['text', 'Rappeler Mme Durand', 'R*** M*** D***'],
  ])('%s %s → %s', (kind, value, masked) => {
    expect(maskValue(kind, value)).toBe(masked);
  });

  it('falls back to stars when the rule would keep the value', () => {
    expect(maskValue('text', 'a')).toBe('***');
    expect(maskValue('address', 'rue')).toBe('***');
    expect(maskValue('person-name', '')).toBe('***');
  });
});

describe('maskValue never leaks (property)', () => {
  const rand = prng(20250801);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');
  const word = (n: number) =>
    Array.from({ length: n }, () => pick([...'abcdefghijklmnopqrstuvwxyzéèàçô'])).join('');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const generators: Record<MaskKind, () => string> = {
    email: () =>
      `${word(1 + Math.floor(rand() * 8))}.${word(1 + Math.floor(rand() * 8))}@${pick(['gmail.com', 'orange.fr', `${word(5)}.fr`])}`,
    phone: () => pick(['06', '07', '04', '+33 6', '+590 690']) + ' ' + digits(8),
    nir: () =>
      `${pick(['1', '2'])} ${digits(2)} ${digits(2)} ${pick(['75', '2A', '13'])} ${digits(3)} ${digits(3)} ${digits(2)}`,
    iban: () =>
      `FR${digits(2)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(3)}`,
    rib: () => `${digits(5)} ${digits(5)} ${digits(11)} ${digits(2)}`,
    'birth-date': () =>
      rand() < 0.5
        ? `${digits(2)}/${digits(2)}/19${digits(2)}`
        : `19${digits(2)}-0${1 + Math.floor(rand() * 9)}-1${digits(1)}`,
    'person-name': () =>
      `${cap(word(1 + Math.floor(rand() * 7)))} ${word(1 + Math.floor(rand() * 9)).toUpperCase()}`,
    address: () =>
      `${digits(1 + Math.floor(rand() * 3))} ${pick(['rue', 'avenue', 'impasse'])} ${pick(['de la', 'des', 'du'])} ${cap(word(2 + Math.floor(rand() * 8)))}`,
    text: () =>
      Array.from({ length: 1 + Math.floor(rand() * 5) }, () => word(1 + Math.floor(rand() * 6))).join(' '),
  };

  for (const [kind, generate] of Object.entries(generators) as [MaskKind, () => string][]) {
    it(`${kind}: 2,000 random values`, () => {
      for (let i = 0; i < 2000; i++) {
        const value = generate();
        const masked = maskValue(kind, value);
        expect(masked).not.toBe(value);
        expect(masked.includes(value.trim())).toBe(false);
      }
    });
  }

  it('random strings of any kind, masked as any kind', () => {
    const kinds = Object.keys(generators) as MaskKind[];
    const alphabet = [...'aZ09 .-@/é+*'];
    for (let i = 0; i < 5000; i++) {
      const value = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => pick(alphabet)).join('');
      if (/^[\s*]*$/.test(value)) continue;
      const kind = pick(kinds);
      const masked = maskValue(kind, value);
      expect(masked.includes(value.trim()), `${kind} ${JSON.stringify(value)} → ${masked}`).toBe(false);
    }
  });
});
