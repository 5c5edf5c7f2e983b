// When the CLI starts a worker ahead: inputs that likely stand for several files.
import { describe, expect, it } from 'vitest';
import { batchCommandLine, likelyBatch } from '../../src/run/prestart.js';

describe('likelyBatch', () => {
  it.each([
    [['fixtures/exports'], true],
    [['fixtures/exports/budget-ca-finance.csv', 'fixtures/examples/budget-conforme.csv'], true],
    [['exports/**/*.csv'], true],
    [[], true],
    [['fixtures/exports/budget-ca-finance.csv'], false],
    [['https://example.org/budget.csv'], false],
    [['-'], false],
    [['-', 'fixtures/exports'], false],
    [['absent-folder'], false],
  ])('%j → %s', (inputs, expected) => {
    expect(likelyBatch(inputs, process.cwd())).toBe(expected);
  });
});

describe('batchCommandLine', () => {
  // The bench's command and its variants: a folder given to validate, with more than one lane.
  it.each([
    [['validate', 'fixtures/exports', '-s', 'scdl/budget', '-q', '--jobs', '2'], true],
    [['validate', 'fixtures/exports', '--jobs=2'], true],
    [['validate', 'fixtures/exports', '-j2'], true],
    [['validate', '-j', '2', 'fixtures/exports'], true],
    [['--lang', 'en', 'validate', 'fixtures/exports/*.csv', '--jobs', '3'], true],
    [['validate', '--jobs', '2', '--', 'fixtures/exports'], true],
    [['validate', 'fixtures/exports', '-s', 'scdl/budget', '--jobs', '1'], false],
    [['validate', 'fixtures/exports', '-j1'], false],
    [['validate', 'fixtures/exports', '--jobs=1'], false],
    [['validate', 'fixtures/exports', '--jobs', '2', '--history', 'h.sqlite'], false],
    [['validate', 'fixtures/exports', '--jobs', '2', '--history=h.sqlite'], false],
    [['validate', 'fixtures/exports/budget-ca-finance.csv', '--jobs', '2'], false],
    [['validate', '-', 'fixtures/exports', '--jobs', '2'], false],
    // The word after an option may be its value: never counted as an input.
    [['validate', '--schema', 'fixtures/exports', '--jobs', '2'], false],
    [['normalize', 'fixtures/exports', '--jobs', '2'], false],
    [['--version'], false],
    [[], false],
  ])('%j → %s', (args, expected) => {
    expect(batchCommandLine(args, process.cwd())).toBe(expected);
  });
});
