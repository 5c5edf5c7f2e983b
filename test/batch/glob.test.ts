// The glob matcher: a table of patterns, paths and whether they match.
import { describe, expect, it } from 'vitest';
import { globToRegExp, isGlob, staticPrefix } from '../../src/batch/glob.js';

describe('globToRegExp', () => {
  it.each([
    ['*.csv', 'a.csv', true],
    ['*.csv', 'dir/a.csv', false],
    ['*.csv', 'a.csv.bak', false],
    ['**/*.csv', 'a.csv', true],
    ['**/*.csv', 'x/y/z/a.csv', true],
    ['deliberations/**/*.csv', 'deliberations/a.csv', true],
    ['deliberations/**/*.csv', 'deliberations/2024/mars/a.csv', true],
    ['deliberations/**/*.csv', 'budget/deliberations/a.csv', false],
    ['deliberations/**', 'deliberations/2024/a.xlsx', true],
    ['d/**/x', 'd/x', true],
    ['d/**/x', 'dx', false],
    ['a?.csv', 'ab.csv', true],
    ['a?.csv', 'a/.csv', false],
    ['*.{csv,xlsx}', 'a.xlsx', true],
    ['*.{csv,xlsx}', 'a.ods', false],
    ['{budget,{deli,subv}*}/*.csv', 'subventions/a.csv', true],
    ['{budget,{deli,subv}*}/*.csv', 'prenoms/a.csv', false],
    ['[ab]*.csv', 'b1.csv', true],
    ['[!ab]*.csv', 'b1.csv', false],
    ['[!ab]*.csv', 'c1.csv', true],
    ['budget (2024).csv', 'budget (2024).csv', true],
    ['a+b.csv', 'a+b.csv', true],
    ['a+b.csv', 'aab.csv', false],
    ['\\*.csv', '*.csv', true],
    ['\\*.csv', 'a.csv', false],
    ['{a,b', '{a,b', true],
    ['/tmp/*.csv', '/tmp/a.csv', true],
  ])('%s against %s → %s', (pattern, file, expected) => {
    expect(globToRegExp(pattern).test(file)).toBe(expected);
  });
});

describe('globs that backtrack (issue 12)', () => {
  it.each([
    [`${'*a'.repeat(20)}*b`, `${'a'.repeat(300)}.csv`, false],
    [`${'*a'.repeat(20)}*b`, `${'a'.repeat(40)}b`, true],
    ['**/**/**/**/**/*.csv', `${'x/'.repeat(2000)}a.csv`, true],
    ['**/**/**/**/**/*.csv', `${'x/'.repeat(2000)}a.txt`, false],
  ])('%s against %s → %s, in linear time (they hung as plain RegExps)', (pattern, file, expected) => {
    expect(globToRegExp(pattern).test(file)).toBe(expected);
  });
});

describe('isGlob and staticPrefix', () => {
  it.each([
    ['data/*.csv', true, 'data'],
    ['data/2024/**/x.csv', true, 'data/2024'],
    ['**/x.csv', true, ''],
    ['data/file.csv', false, 'data'],
    ['/abs/{a,b}/c.csv', true, '/abs'],
  ])('%s', (pattern, glob, prefix) => {
    expect(isGlob(pattern)).toBe(glob);
    expect(staticPrefix(pattern)).toBe(prefix);
  });
});
