import { describe, expect, it } from 'vitest';
import { gpsVerdict } from '../../src/checks/french-gps-coordinates.js';
import { checkValue } from './harness.js';

describe('gpsVerdict', () => {
  it.each([
    ['2.294481, 48.85837', 'ok'],
    ['2.294481,48.85837', 'ok'],
    ['[2.29, 48.85]', 'ok'],
    ['[2.29,48.85]', 'ok'],
    ['9.45, 42.70', 'ok'], // Corsica
    ['55.45, -20.88', 'ok'], // Saint-Denis, La Réunion
    ['-61.53, 16.24', 'ok'], // Pointe-à-Pitre
    ['-61.07, 14.60', 'ok'], // Fort-de-France
    ['-52.33, 4.93', 'ok'], // Cayenne
    ['45.23, -12.78', 'ok'], // Mamoudzou
    ['-56.17, 46.78', 'ok'], // Saint-Pierre
    ['166.45, -22.27', 'ok'], // Nouméa
    ['-149.57, -17.53', 'ok'], // Papeete
    ['70.22, -49.35', 'ok'], // Port-aux-Français
    ['48.85837, 2.294481', 'reversed'],
    ['[48.85, 2.29]', 'reversed'],
    ['-20.88, 55.45', 'reversed'],
    ['48.85837, 52.0', 'outside'],
    ['-74.0, 40.7', 'outside'], // New York
    ['13.40, 52.52', 'outside'], // Berlin
    ['2.29 48.85', 'format'],
    ['2,29, 48,85', 'format'],
    ['[2.29, 48.85', 'format'],
    ['2.29, 48.85]', 'format'],
    ['Paris', 'format'],
  ])('%s → %s', (text, expected) => {
    expect(gpsVerdict(text)).toBe(expected);
  });
});

describe('french-gps-coordinates check', () => {
  it('gives a swapped pair its own code, with the pair to write', () => {
    const [f] = checkValue('french-gps-coordinates', '48.85837, 2.294481');
    expect(f).toMatchObject({
      code: 'reversed-french-gps-coordinates',
      params: { suggestion: '2.294481, 48.85837' },
    });
    expect(checkValue('french-gps-coordinates', '[48.85, 2.29]')[0]?.params.suggestion).toBe('[2.29, 48.85]');
  });
  it.each([
    ['48.85837, 52.0', 'outside'],
    ['foo', 'format'],
  ])('%s → french-gps-coordinates %s', (value, reason) => {
    expect(checkValue('french-gps-coordinates', value).map((f) => [f.code, f.params.reason])).toEqual([
      ['french-gps-coordinates', reason],
    ]);
  });
  it('accepts a French point', () => {
    expect(checkValue('french-gps-coordinates', '2.294481, 48.85837')).toEqual([]);
  });
});
