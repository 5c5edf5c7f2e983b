import { describe, expect, it } from 'vitest';
import { yearIntervalProblem } from '../../src/checks/year-interval-value.js';
import { checkValue } from './harness.js';

describe('yearIntervalProblem', () => {
  it.each([
    ['2018/2020', false, undefined],
    ['2018/2019', true, undefined],
    ['2017/2017', false, 'same-years'],
    ['2017/2016', false, 'reversed'],
    ['foobar', false, 'format'],
    ['foobar', true, 'format'],
    ['2018-2020', true, 'format'],
    ['2018/20', true, 'format'],
    ['2020', false, 'year-only'],
    ['2020', true, undefined],
  ])('%s (year only allowed: %s) → %s', (text, allow, expected) => {
    expect(yearIntervalProblem(text, allow)).toBe(expected);
  });
});

describe('year-interval-value check', () => {
  it.each([
    ['2020', { 'allow-year-only': 'yes' }, []],
    ['2020', { 'allow-year-only': true }, []],
    ['2020', { 'allow-year-only': 'no' }, ['year-only']],
    ['2020', {}, ['year-only']],
    ['2018/2020', {}, []],
    ['2017/2016', { 'allow-year-only': 'yes' }, ['reversed']],
  ])('%s with %j → %j', (value, params, reasons) => {
    expect(checkValue('year-interval-value', value, params).map((f) => f.params.reason)).toEqual(reasons);
  });
  it('suggests the swapped interval', () => {
    expect(checkValue('year-interval-value', '2017/2016')[0]?.params.suggestion).toBe('2016/2017');
  });
});
