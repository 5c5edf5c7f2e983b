import { describe, expect, test } from 'vitest';
import { compileStrptime, type StrptimePattern } from '../../src/fields/strptime.js';
import { compilePattern } from '../../src/text/pattern.js';

function compiled(p: string): StrptimePattern {
  const c = compileStrptime(p);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

describe('strptime subset (CPython _strptime regexes)', () => {
  test.each<[string, string, string | undefined]>([
    ['%d/%m/%Y', '15/09/2020', '2020-09-15 00:00:00'],
    ['%d/%m/%Y', '5/9/2020', '2020-09-05 00:00:00'],
    ['%d/%m/%Y', '15/09/2020 ', undefined],
    ['%d/%m/%Y', '29/02/2021', undefined],
    ['%d/%m/%y', '01/01/68', '2068-01-01 00:00:00'],
    ['%d/%m/%y', '01/01/69', '1969-01-01 00:00:00'],
    ['%Y-%m-%dT%H:%M:%S.%f%z', '2020-09-15T14:30:05.25+0200', '2020-09-15 14:30:05 250000 +120'],
    ['%Y-%m-%d %H:%M:%S%z', '2020-09-15 14:30:05Z', '2020-09-15 14:30:05 0 +0'],
    ['%d %b %Y', '15 SEP 2020', '2020-09-15 00:00:00'],
    ['%I:%M %p', '12:15 am', '1900-01-01 00:15:00'],
    ['%I:%M %p', '12:15 PM', '1900-01-01 12:15:00'],
    ['%Y-%j', '2020-366', '2020-12-31 00:00:00'],
    ['%Y-%j', '2021-366', undefined],
    ['%H:%M:%S', '23:59:60', undefined],
    ['%Y%%', '2020%', '2020-01-01 00:00:00'],
    ['%d  %m', '01 \t 02', '1900-02-01 00:00:00'],
  ])('%s reads %j', (pattern, text, expected) => {
    const p = compiled(pattern).parse(text);
    const show =
      p &&
      `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')} ${[p.H, p.M, p.S].map((n) => String(n).padStart(2, '0')).join(':')}` +
        (p.us ? ` ${p.us}` : '') +
        (p.offset !== undefined ? `${p.us ? '' : ' 0'} ${p.offset >= 0 ? '+' : ''}${p.offset}` : '');
    expect(show).toBe(expected);
  });

  test.each<[string, string, string]>([
    ['%d/%m/%Y', '5/9/2020', '05/09/2020'],
    ['%A %d %B %Y', 'tuesday 15 september 2020', 'Tuesday 15 September 2020'],
    ['%y%m%d', '200915', '200915'],
    ['%H:%M:%S.%f%z', '01:02:03.5-0130', '01:02:03.500000-0130'],
    ['%j', '060', '060'],
  ])('%s writes %j as %j', (pattern, text, written) => {
    const c = compiled(pattern);
    expect(c.format(c.parse(text)!)).toBe(written);
  });

  test.each([['YYYY-MM-DD'], ['%d/%Q'], ['%']])('%j is no usable pattern', (p) => {
    expect(typeof compileStrptime(p)).toBe('string');
  });

  test('directives tell date and time apart', () => {
    expect([compiled('%d/%m/%Y').hasDate, compiled('%d/%m/%Y').hasTime]).toEqual([true, false]);
    expect([compiled('%H:%M').hasDate, compiled('%H:%M').hasTime]).toEqual([false, true]);
  });
});

describe('patterns written for Python', () => {
  test.each<[string, string, boolean]>([
    ['\\d{5}', '75001', true],
    ['\\d{5}', 'x75001', false],
    ['^[\\w]+$', 'Élodie_2', true],
    ['[\\w\\s]+', 'Saint Étienne', true],
    ['\\W', 'é', false],
    ['(?P<dep>\\d{2})-(?P=dep)', '75-75', true],
    ['(?P<dep>\\d{2})-(?P=dep)', '75-76', false],
    ['(?i)paris', 'PARIS', true],
    ['\\Aabc\\Z', 'abc', true],
    ["[a-z\\'\\’\\–\\-]+", "l'a’b–c-d", true],
    ['[]a]+', ']a', true],
    ['a{', 'a{', true],
    ['(?:(?:^|\\|)([A-Z]\\d\\d.\\d\\d[A-Z]|)\\1+[A-Z]\\d\\d.\\d\\d[A-Z])+$', 'A12.34B', true],
    ['[aA-zZ]{2}', 'q_', true],
  ])('%j on %j → %s', (pattern, text, matches) => {
    const re = compilePattern(pattern);
    if (typeof re === 'string') throw new Error(re);
    expect(re.test(text)).toBe(matches);
  });

  test.each([['('], ['(?x)a b'], ['[']])('%j cannot be compiled', (p) => {
    expect(typeof compilePattern(p)).toBe('string');
  });
});
