// When the CLI starts a worker ahead: inputs that likely stand for several files.
import { describe, expect, it } from 'vitest';
import { likelyBatch } from '../../src/run/prestart.js';

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
