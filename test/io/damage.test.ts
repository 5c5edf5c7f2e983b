// Tests of the damage helpers: C1 control repair and spreadsheet error values.
import { describe, expect, it } from 'vitest';
import { hasC1Controls, intendedCharacter, isErrorValue, repairC1Controls } from '../../src/io/damage.js';

describe('repairC1Controls', () => {
  const cases: [string, string][] = [
    ['Prix \u0096 total', 'Prix – total'],
    ['l\u0092eau', 'l’eau'],
    ['\u0080 12', '€ 12'],
    ['c\u009cur \u0093cité\u0094', 'cœur “cité”'],
    ['\u0085', '…'],
    // No Windows-1252 character for these five: kept as they are.
    ['a\u0081b\u008d\u008f\u0090\u009d', 'a\u0081b\u008d\u008f\u0090\u009d'],
    ['sans dommage', 'sans dommage'],
    ['', ''],
  ];
  it.each(cases)('%j → %j', (text, repaired) => {
    expect(repairC1Controls(text)).toBe(repaired);
  });

  it('is idempotent and leaves no C1 control it can repair', () => {
    for (let code = 0x80; code <= 0x9f; code++) {
      const text = `x${String.fromCharCode(code)}y`;
      const once = repairC1Controls(text);
      expect(repairC1Controls(once)).toBe(once);
      expect(hasC1Controls(once)).toBe(intendedCharacter(String.fromCharCode(code)) === undefined);
    }
  });
});

describe('isErrorValue', () => {
  const errors = [
    '#DIV/0!',
    '#N/A',
    '#VALUE!',
    '#REF!',
    '#NAME?',
    '#NUM!',
    '#NULL!',
    '#VALEUR!',
    '#NOM?',
    '#NOMBRE!',
    '#NUL!',
    'Err:502',
    '#SPILL!',
  ];
  const data = ['N/A', '#', '#1', '# DIV', 'Err:50', 'Erreur', '#hashtag', 'DIV/0!', ''];
  it.each(errors)('%s is an error value', (text) => expect(isErrorValue(text)).toBe(true));
  it.each(data)('%j is data', (text) => expect(isErrorValue(text)).toBe(false));
});
