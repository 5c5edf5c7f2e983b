import { describe, expect, it } from 'vitest';
import { isValidFrenchPhone } from '../../src/checks/phone-number-value.js';
import { checkValue } from './harness.js';

describe('isValidFrenchPhone', () => {
  it.each([
    ['02 61 91 13 45', true],
    ['0261911345', true],
    ['02.61.91.13.45', true],
    ['+33 2 61 91 13 45', true],
    ['+33261911345', true],
    ['0033 2 61 91 13 45', true],
    ['06 12 34 56 78', true],
    ['0800 123 456', true],
    // Guadeloupe, Réunion, Guyane mobile: not valid as metropolitan FR numbers.
    ['0590 12 34 56', true],
    ['0262 12 34 56', true],
    ['0694 12 34 56', true],
    ['+590 590 12 34 56', true],
    ['+44 20 7946 0958', true],
    // Short numbers.
    ['115', true],
    ['15', true],
    ['112', true],
    ['3949', true],
    ['39 49', true],
    ['116 000', true],
    ['118 218', true],
    ['619 13 45', false],
    ['02 61 91 13', false],
    ['12345678901234', false],
    ['téléphone', false],
    ['25', false],
    ['4949', false],
  ])('%s → %s', (text, expected) => {
    expect(isValidFrenchPhone(text)).toBe(expected);
  });
});

describe('phone-number-value check', () => {
  it('reports an invalid number with the check name', () => {
    expect(checkValue('phone-number-value', '619 13 45').map((f) => f.code)).toEqual(['phone-number-value']);
    expect(checkValue('phone-number-value', '02 61 91 13 45')).toEqual([]);
  });
});
