// Tests of schema recognition: every bundled schema recognises itself, official examples and realistic
// exports their schema, ties are reported, and pickSchema's thresholds.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaCandidate } from '../../src/schema/mapping-types.js';
import {
  RECOGNITION_MIN_LEAD,
  RECOGNITION_MIN_SCORE,
  pickSchema,
  recognitionFinding,
  recognizeSchema,
} from '../../src/match/recognize.js';
import type { TableSchema } from '../../src/schema/types.js';
import { csvHeader, latestCandidates } from '../schema/bundled.js';

describe('every bundled schema recognises its own field names', () => {
  const all = latestCandidates();
  // Schemas with the very same set of field names cannot be told apart: the tie must be reported.
  const byNameSet = new Map<string, string[]>();
  for (const c of all) {
    const key = c.schema.fields
      .map((f) => f.name)
      .sort()
      .join('\u0000');
    byNameSet.set(key, [...(byNameSet.get(key) ?? []), c.name]);
  }

  it('covers the whole catalogue', () => {
    expect(all.length).toBeGreaterThanOrEqual(50);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const labels = c.schema.fields.map((f) => f.name);
    const ranked = recognizeSchema(labels, all);
    const twins = [...byNameSet.values()].find((names) => names.includes(c.name))!;
    const pick = pickSchema(ranked);
    if (twins.length === 1) {
      expect(ranked[0]).toMatchObject({ name: c.name, version: c.version, score: 1 });
      expect(pick.chosen?.name).toBe(c.name);
    } else {
      expect(
        ranked
          .slice(0, twins.length)
          .map((r) => r.name)
          .sort(),
      ).toEqual([...twins].sort());
      expect(pick).toMatchObject({ reason: 'tie' });
      expect(pick.chosen).toBeUndefined();
    }
  });

  it('reports a tie between two schemas with the same fields instead of picking one', () => {
    const schema: TableSchema = { fields: [{ name: 'a' }, { name: 'b' }] };
    const twins = [
      { name: 'x/one', version: '1.0.0', schema },
      { name: 'x/two', version: '2.0.0', schema: { fields: [{ name: 'b' }, { name: 'a' }] } },
    ];
    const ranked = recognizeSchema(['a', 'b'], twins);
    expect(ranked.map((r) => [r.name, r.score])).toEqual([
      ['x/one', 1],
      ['x/two', 1],
    ]);
    // Said the same way every time: a tie, naming both.
    const pick = pickSchema(ranked);
    expect(pick).toMatchObject({ reason: 'tie', runnerUp: { name: 'x/two' } });
    expect(pick.tied?.map((c) => c.name)).toEqual(['x/one', 'x/two']);
    expect(recognitionFinding(pick, ranked).params).toMatchObject({
      reason: 'tie',
      tied: [
        { name: 'x/one', version: '1.0.0' },
        { name: 'x/two', version: '2.0.0' },
      ],
    });
  });
});

describe('official examples recognise their schema', () => {
  const official = path.resolve('fixtures/official');
  const cases: [string, string | null][] = [
    ['irve-dynamique/2.3.1/exemple-valide-dynamique.csv', 'etalab/schema-irve-dynamique'],
    ['irve-statique/2.3.1/exemple-valide-statique.csv', 'etalab/schema-irve-statique'],
    ['stationnement-cyclable/1.1.1/exemple-valide.csv', 'etalab/schema-stationnement-cyclable'],
    ['stationnement/0.1.5/exemple-valide.csv', 'etalab/schema-stationnement'],
    ['stationnement/0.1.4/exemple-valide.csv', 'etalab/schema-stationnement'],
    ['lieux-covoiturage/0.3.0/exemple-valide.csv', 'etalab/schema-lieux-covoiturage'],
    ['bal/1.5.0/bal_simple_v1.5.csv', 'etalab/schema-bal'],
    ['bal/1.5.0/1.5-valid.csv', 'etalab/schema-bal'],
    ['bal/1.5.0/auto-detect-1.5.csv', 'etalab/schema-bal'],
    ['bal/1.4.0/bal_simple_v1.4.csv', 'etalab/schema-bal'],
    ['bal/1.4.0/1.4-valid.csv', 'etalab/schema-bal'],
    ['bal/1.4.0/1.3-valid.csv', 'etalab/schema-bal'],
    // Shapefile (DBF) column names, known through the bundled BAL synonyms.
    ['bal/1.4.0/aliases.csv', 'etalab/schema-bal'],
    ['bal/1.4.0/junk.ascii.csv', null],
  ];

  it('lists every exemple-valide file', () => {
    const found = readdirSync(official, { recursive: true })
      .map(String)
      .filter((f) => /exemple-valide[^/]*\.csv$/.test(f));
    expect(cases.map(([f]) => f)).toEqual(
      expect.arrayContaining(found.map((f) => f.split(path.sep).join('/'))),
    );
  });

  it.each(cases)('%s → %s', (file, expected) => {
    const ranked = recognizeSchema(csvHeader(path.join(official, file)), latestCandidates());
    expect(pickSchema(ranked).chosen?.name ?? null).toBe(expected);
  });
});

describe('realistic exports recognise their schema (with synonyms)', () => {
  const dir = path.resolve('fixtures/exports');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace('.expected.json', ''));

  it.each(cases)('%s', (name) => {
    const { schema } = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as {
      schema: string;
    };
    const ranked = recognizeSchema(csvHeader(path.join(dir, `${name}.csv`)), latestCandidates());
    const pick = pickSchema(ranked);
    expect(pick.chosen?.name).toBe(schema);
    expect(recognitionFinding(pick, ranked)).toMatchObject({
      code: 'schema-recognized',
      level: 'info',
      params: { name: schema },
    });
  });

  it('without synonyms, the finance-system budget export is not recognised', () => {
    const ranked = recognizeSchema(csvHeader(path.join(dir, 'budget-ca-finance.csv')), latestCandidates(), {
      synonyms: false,
    });
    expect(pickSchema(ranked).chosen).toBeUndefined();
  });
});

describe('recognizeSchema scores', () => {
  const schema: TableSchema = {
    fields: [
      { name: 'id', constraints: { required: true } },
      { name: 'nom', constraints: { required: true } },
      { name: 'commentaire' },
    ],
  };
  const one = [{ name: 'x/s', version: '1', schema }];

  it.each([
    [['id', 'nom', 'commentaire'], 1],
    // Coverage (2+2)/5 = 0.8, all columns used: 2·0.8/1.8.
    [['id', 'nom'], 0.8889],
    // Everything covered, half the columns unrelated: 2·1·0.5/1.5.
    [['id', 'nom', 'commentaire', 'a', 'b', 'c'], 0.6667],
    // Folded names count a little less than exact ones: coverage 0.95, all columns used: 2·0.95/1.95.
    [['ID', 'Nom', 'Commentaire'], 0.9744],
  ])('%j → %s', (labels, score) => {
    expect(recognizeSchema(labels, one)[0]?.score).toBeCloseTo(score, 4);
  });

  it('counts fields, required fields and columns', () => {
    expect(recognizeSchema(['nom', 'autre', ''], one)[0]).toEqual({
      name: 'x/s',
      version: '1',
      score: expect.any(Number),
      matchedFields: 1,
      totalFields: 3,
      matchedRequired: 1,
      totalRequired: 2,
      matchedColumns: 1,
      totalColumns: 2,
    });
  });

  it('drops schemas that match nothing, and honours limit', () => {
    const other = { name: 'x/t', version: '1', schema: { fields: [{ name: 'zzz' }] } };
    expect(recognizeSchema(['id'], [...one, other]).map((c) => c.name)).toEqual(['x/s']);
    expect(recognizeSchema(['id', 'zzz'], [...one, other], { limit: 1 })).toHaveLength(1);
  });
});

describe('pickSchema', () => {
  const cand = (name: string, score: number, complete = false): SchemaCandidate => ({
    name,
    version: '1',
    score,
    matchedFields: 5,
    totalFields: 10,
    matchedRequired: complete ? 4 : 3,
    totalRequired: 4,
    matchedColumns: complete ? 5 : 4,
    totalColumns: 5,
  });

  it.each([
    ['nothing', [], undefined, 'no-candidate'],
    ['alone and good', [cand('a', 0.9)], 'a', 'clear-lead'],
    ['alone but weak', [cand('a', RECOGNITION_MIN_SCORE - 0.01)], undefined, 'too-weak'],
    ['exactly the minimum', [cand('a', RECOGNITION_MIN_SCORE)], 'a', 'clear-lead'],
    [
      'lead of exactly the minimum',
      [cand('a', 0.8), cand('b', 0.8 - RECOGNITION_MIN_LEAD)],
      'a',
      'clear-lead',
    ],
    ['lead too small', [cand('a', 0.8), cand('b', 0.78)], undefined, 'too-close'],
    ['tie', [cand('a', 0.8), cand('b', 0.8)], undefined, 'tie'],
    ['small lead but a complete match', [cand('a', 1, true), cand('b', 0.98)], 'a', 'complete-match'],
    ['complete but tied', [cand('a', 1, true), cand('b', 1, true)], undefined, 'tie'],
  ] as const)('%s', (_label, ranked, chosen, reason) => {
    const pick = pickSchema([...ranked]);
    expect([pick.chosen?.name, pick.reason]).toEqual([chosen, reason]);
  });

  it('tells why in a schema-not-recognized finding with the closest schemas', () => {
    const ranked = [cand('a', 0.4), cand('b', 0.3), cand('c', 0.2), cand('d', 0.1)];
    const f = recognitionFinding(pickSchema(ranked), ranked);
    expect(f).toMatchObject({
      code: 'schema-not-recognized',
      level: 'warning',
      params: { reason: 'too-weak' },
    });
    expect((f.params.closest as { name: string }[]).map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });
});
