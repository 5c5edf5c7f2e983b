// Dates and times as exports write them, read as ISO text (composition and split of date-time fields, issue 11).
import { describe, expect, it } from 'vitest';
import { DATE_VALUE, TIME_VALUE, isoDate, isoTime, splitDateTime } from '../../src/match/date-time-text.js';

describe('dates', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['01/03/2024', '2024-03-01'],
    ['1/3/2024', '2024-03-01'],
    ['01-03-2024', '2024-03-01'],
    ['01.03.2024', '2024-03-01'],
  ])('%s is a date, written %s', (text, iso) => {
    expect(DATE_VALUE.test(text)).toBe(true);
    expect(isoDate(text)).toBe(iso);
  });

  it.each(['2024/03/01', '01/03-2024', '01.03.24', '1er mars 2024', '20240301'])('%s is not', (text) => {
    expect(DATE_VALUE.test(text)).toBe(false);
  });
});

describe('times', () => {
  it.each([
    ['08:30', '08:30:00'],
    ['8:30', '08:30:00'],
    ['8:30:00', '08:30:00'],
    ['14:05:59', '14:05:59'],
    ['8h', '08:00:00'],
    ['8h30', '08:30:00'],
    ['08h30', '08:30:00'],
    ['08H30', '08:30:00'],
    ['8 h 30', '08:30:00'],
  ])('%s is a time, written %s', (text, iso) => {
    expect(TIME_VALUE.test(text)).toBe(true);
    expect(isoTime(text)).toBe(iso);
  });

  it.each(['8h3', '830', 'h30', '08:3', 'midi'])('%s is not', (text) => {
    expect(TIME_VALUE.test(text)).toBe(false);
  });
});

describe('a date with its time in one value', () => {
  it.each([
    ['2024-03-01T08:30:00', '2024-03-01', '08:30:00'],
    ['2024-03-01 08:30', '2024-03-01', '08:30:00'],
    ['01/03/2024 08:30', '2024-03-01', '08:30:00'],
    ['01.03.2024 8h30', '2024-03-01', '08:30:00'],
    ['2024-03-01T08:30:00Z', '2024-03-01', '08:30:00Z'],
    ['2024-03-01T08:30:00.250+01:00', '2024-03-01', '08:30:00.250+01:00'],
    [' 2024-03-01  14:05:09 ', '2024-03-01', '14:05:09'],
  ])('%s splits into %s and %s', (text, date, time) => {
    expect(splitDateTime(text)).toEqual({ date, time });
  });

  it.each(['2024-03-01', '08:30', '2024-03-01T', 'le 01/03/2024 à 8h30', '2024-03-01 08:30 et 09:00'])(
    '%s does not split',
    (text) => {
      expect(splitDateTime(text)).toBeUndefined();
    },
  );
});
