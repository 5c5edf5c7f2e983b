// Tests of the version choice kept per header: made once when no sample can change it, else per file.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentCannotDecide, type RecognitionInput } from '../../src/match/recognize.js';
import { chooseVersion, decideAmong, decideVersion } from '../../src/match/recognize-schema.js';
import type { TableSchema } from '../../src/schema/types.js';
import { csvHeader } from '../schema/bundled.js';

const v = (version: string, fields: TableSchema['fields'], latest = false): RecognitionInput => ({
  name: 'x/s',
  version,
  schema: { fields },
  latest,
});
const code5 = { name: 'code', constraints: { pattern: '^\\d{5}$' } };
const code3 = { name: 'code', constraints: { pattern: '^[A-Z]{3}$' } };

describe('contentCannotDecide', () => {
  it('true when every column is named and the tied versions judge the same definitions', () => {
    const inputs = [v('1.0.0', [code5, { name: 'nom' }]), v('1.1.0', [code5, { name: 'nom' }], true)];
    expect(contentCannotDecide(['code', 'nom'], inputs)).toBe(true);
    // Blank and repeated labels are never matched, by names or by content.
    expect(contentCannotDecide(['code', 'nom', '', 'nom'], inputs)).toBe(true);
  });

  it('false when tied versions define a judged field differently (contentFit decides)', () => {
    const inputs = [v('1.0.0', [code5]), v('2.0.0', [code3], true)];
    expect(contentCannotDecide(['code'], inputs)).toBe(false);
  });

  it('versions that define a field differently: decided by the header unless they tie on it', () => {
    const inputs = [v('1.0.0', [code5, { name: 'old' }]), v('2.0.0', [code3, { name: 'nom' }], true)];
    expect(contentCannotDecide(['code', 'old'], inputs)).toBe(false);
    const apart = [
      v('1.0.0', [code5, { name: 'nom', constraints: { required: true } }]),
      v('2.0.0', [code3, { name: 'nom' }, { name: 'x', constraints: { required: true } }], true),
    ];
    expect(contentCannotDecide(['code', 'nom'], apart)).toBe(true);
  });

  it('false when a column no name takes is left (content alone, or a similar name, may take it)', () => {
    const inputs = [v('1.0.0', [code5, { name: 'nom' }], true)];
    expect(contentCannotDecide(['code', 'remarque'], inputs)).toBe(false);
  });

  it('false when a title matches a field content may contradict', () => {
    const titled = { ...code5, title: 'Code postal' };
    expect(contentCannotDecide(['Code postal'], [v('1.0.0', [titled], true)])).toBe(false);
    expect(contentCannotDecide(['code'], [v('1.0.0', [titled], true)])).toBe(true);
  });
});

/** The first rows of a CSV file (comma-separated, no quoted commas), as a sample. */
function sampleOf(file: string, rows = 30): { rows: string[][] } {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1, rows + 1);
  return { rows: lines.filter((l) => l !== '').map((l) => l.split(',')) };
}

describe('decideVersion', () => {
  const budget = path.resolve('fixtures/examples/budget-conforme.csv');
  const labels = csvHeader(budget);

  it('gives what chooseVersion gives, whatever the sample, once the header is known', () => {
    const own = sampleOf(budget);
    // Values that fit no field, and no sample at all: the choice does not move.
    const odd = { rows: own.rows.map((r) => r.map(() => 'zz?')) };
    for (const sample of [own, odd, undefined, own]) {
      const { ranked: _ranked, ...expected } = chooseVersion('scdl/budget', labels, sample);
      expect(decideVersion('scdl/budget', labels, sample)).toEqual(expected);
    }
  });

  it('each call has its own finding', () => {
    const a = decideVersion('scdl/budget', labels);
    const b = decideVersion('scdl/budget', labels);
    expect(a.finding).toEqual(b.finding);
    expect(a.finding).not.toBe(b.finding);
    expect(a.finding.params).not.toBe(b.finding.params);
  });

  it('a header whose choice the values may change is chosen again for each file', () => {
    const inputs = [v('1.0.0', [code5]), v('2.0.0', [code3], true)];
    const digits = { rows: [['29103'], ['75056']] };
    const letters = { rows: [['ABC'], ['XYZ']] };
    expect(decideAmong(inputs, 'x/s', ['code'], digits)).toMatchObject({
      version: '1.0.0',
      finding: { params: { reason: 'values-fit-better' } },
    });
    expect(decideAmong(inputs, 'x/s', ['code'], letters)).toMatchObject({ version: '2.0.0' });
    expect(decideAmong(inputs, 'x/s', ['code'], digits)).toMatchObject({ version: '1.0.0' });
  });

  it('a header whose choice no value can change is kept: the same decision for other values', () => {
    const inputs = [v('1.0.0', [code5, { name: 'nom' }]), v('1.1.0', [code5, { name: 'nom' }], true)];
    const first = decideAmong(inputs, 'x/s', ['code', 'nom'], { rows: [['29103', 'a']] });
    expect(first).toMatchObject({ version: '1.1.0', finding: { params: { reason: 'latest-of-equal' } } });
    for (const sample of [{ rows: [['ABC', 'b']] }, undefined]) {
      // The same list (its decisions kept), and a copy of it (decided afresh on these values).
      expect(decideAmong(inputs, 'x/s', ['code', 'nom'], sample)).toEqual(first);
      expect(decideAmong([...inputs], 'x/s', ['code', 'nom'], sample)).toEqual(first);
    }
  });
});
