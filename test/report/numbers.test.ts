import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/report/numbers.js';

/** What the locale data writes (the narrow and ordinary no-break spaces made plain spaces). */
function localeText(n: number, lang: 'fr' | 'en'): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/[\u202f\u00a0]/g, ' ');
}

describe('formatNumber', () => {
  it.each(['fr', 'en'] as const)('writes whole counts as the %s locale data does', (lang) => {
    const numbers = [0, 7, 10, 999, 1000, 1001, 12345, 99999, 100000, 412756, 1234567, 10 ** 15];
    for (let n = 0; n <= 3000; n++) numbers.push(n, n * 997, n * 1_000_003);
    numbers.push(Number.MAX_SAFE_INTEGER);
    const differ = numbers.filter((n) => formatNumber(n, lang) !== localeText(n, lang));
    expect(differ).toEqual([]);
  });

  it.each([
    [412756, 'fr', '412 756'],
    [412756, 'en', '412,756'],
    [1234.5, 'fr', '1 234,5'],
    [1234.5, 'en', '1,234.5'],
    [-1234, 'fr', localeText(-1234, 'fr')],
    [-0, 'en', localeText(-0, 'en')],
    [2 ** 60, 'fr', localeText(2 ** 60, 'fr')],
  ] as const)('%d in %s → %s', (n, lang, text) => {
    expect(formatNumber(n, lang)).toBe(text);
  });
});
