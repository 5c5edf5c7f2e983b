// Tests of version by fit (issue 11): recognition and `--schema name` choose among every version of a
// schema the one the file fits best (the latest among equals), say so, and say what the latest changes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/schema/catalogue.js';
import {
  bestVersions,
  pickSchema,
  recognitionFinding,
  recognizeSchema,
  type RecognitionInput,
} from '../../src/match/recognize.js';
import type { TableSchema } from '../../src/schema/types.js';
import { versionChanges } from '../../src/match/versions.js';
import { recognizeCandidates } from '../../src/match/recognize-schema.js';
import { validateFile } from '../../src/run/validate-file.js';
import { messageOf } from '../../src/findings/catalogue.js';
import { csvHeader } from '../schema/bundled.js';

const matching = path.resolve('fixtures/matching');
const official = path.resolve('fixtures/official');

describe('recognition chooses the version that fits', () => {
  it.each([
    ['matching/covoiturage-0.2.8.csv', 'etalab/schema-lieux-covoiturage', '0.2.8', '0.3.1'],
    ['matching/aire-livraison-0.1.0.csv', 'CEREMA/schema-aire-livraison', '0.1.0', '1.0.0'],
    ['official/bal/1.4.0/bal_simple_v1.4.csv', 'etalab/schema-bal', '1.4.0', '1.5.0'],
    ['official/bal/1.5.0/bal_simple_v1.5.csv', 'etalab/schema-bal', '1.5.0', undefined],
    [
      'official/lieux-covoiturage/0.3.0/exemple-valide.csv',
      'etalab/schema-lieux-covoiturage',
      '0.3.1',
      undefined,
    ],
  ])('%s → %s@%s', (file, name, version, latest) => {
    const r = recognizeCandidates(csvHeader(path.resolve('fixtures', file)));
    expect(r.chosen).toMatchObject({ name, version });
    expect(r.chosen!.latestVersion).toBe(latest);
    expect(r.finding).toMatchObject({ code: 'schema-recognized', params: { name, version } });
  });

  it('versions with the same names fit equally: the latest of them, and the others named', () => {
    const r = recognizeCandidates(
      csvHeader(path.join(official, 'lieux-covoiturage/0.3.0/exemple-valide.csv')),
    );
    expect(r.chosen!.equalVersions).toEqual(['0.3.0']);
    expect(messageOf(r.finding, 'en')).toContain('versions 0.3.0 fit as well: odf takes the latest');
  });

  it('validate without a schema reads the file at that version and says what the latest changes', async () => {
    const r = await validateFile(path.join(matching, 'covoiturage-0.2.8.csv'));
    expect(r.schema).toMatchObject({ name: 'etalab/schema-lieux-covoiturage', version: '0.2.8' });
    expect(r.run.stats.errors).toBe(0);
    const outdated = r.run.findings.find((f) => f.code === 'schema-version-outdated')!;
    expect(outdated).toMatchObject({
      level: 'warning',
      params: { name: 'etalab/schema-lieux-covoiturage', version: '0.2.8', latest: '0.3.1' },
    });
    expect(outdated.params.changes).toEqual(
      expect.arrayContaining([
        { kind: 'removed', field: 'id_lieu', column: 'id_lieu' },
        { kind: 'now-required', field: 'id_local', column: 'id_local' },
      ]),
    );
    expect(messageOf(outdated, 'fr')).toContain('retire le champ « id_lieu »');
    expect(messageOf(outdated, 'fr')).toContain('rend « id_local » obligatoire');
  });

  it('the latest version would have given false errors on every row', async () => {
    const r = await validateFile(path.join(matching, 'covoiturage-0.2.8.csv'), {
      schema: 'etalab/schema-lieux-covoiturage@0.3.1',
    });
    // @version is always obeyed.
    expect(r.schema?.version).toBe('0.3.1');
    expect(r.run.findings.some((f) => f.code === 'schema-version-chosen')).toBe(false);
    expect(
      r.run.findings.filter((f) => f.code === 'constraint-error' && f.loc.fieldName === 'id_local'),
    ).toHaveLength(4);
  });

  it('--schema without a version takes the version that fits, and says which and why', async () => {
    const r = await validateFile(path.join(matching, 'covoiturage-0.2.8.csv'), {
      schema: 'etalab/schema-lieux-covoiturage',
    });
    expect(r.schema?.version).toBe('0.2.8');
    expect(r.run.stats.errors).toBe(0);
    const chosen = r.run.findings.find((f) => f.code === 'schema-version-chosen')!;
    expect(chosen).toMatchObject({
      level: 'info',
      params: { version: '0.2.8', latest: '0.3.1', reason: 'latest-of-equal', score: 1 },
    });
    expect(r.run.findings.some((f) => f.code === 'schema-version-outdated')).toBe(true);
  });

  it('--schema without a version on a file of the latest version keeps the latest, without a warning', async () => {
    const r = await validateFile(path.join(official, 'bal/1.5.0/bal_simple_v1.5.csv'), { schema: 'bal' });
    expect(r.schema?.version).toBe('1.5.0');
    expect(r.run.findings.find((f) => f.code === 'schema-version-chosen')?.params.reason).toBe('best-fit');
    expect(r.run.findings.some((f) => f.code === 'schema-version-outdated')).toBe(false);
  });
});

describe('bestVersions', () => {
  const field = (name: string, required = false) => ({ name, constraints: { required } });
  const v = (version: string, fields: TableSchema['fields'], latest = false): RecognitionInput => ({
    name: 'x/s',
    version,
    schema: { fields },
    latest,
  });

  it('a newer version that only adds an optional field fits as well: the latest is kept', () => {
    const inputs = [
      v('1.0.0', [field('a', true), field('b')]),
      v('1.1.0', [field('a', true), field('b'), field('c')], true),
    ];
    const [best] = bestVersions(recognizeSchema(['a', 'b'], inputs), inputs);
    expect(best).toMatchObject({ version: '1.1.0', equalVersions: ['1.0.0'] });
    expect(best!.latestVersion).toBeUndefined();
  });

  it('an older version that explains more columns, or misses fewer required fields, wins', () => {
    const inputs = [
      v('1.0.0', [field('a', true), field('old')]),
      v('2.0.0', [field('a', true), field('new', true)], true),
    ];
    const [best] = bestVersions(recognizeSchema(['a', 'old'], inputs), inputs);
    expect(best).toMatchObject({ version: '1.0.0', latestVersion: '2.0.0' });
    const [other] = bestVersions(recognizeSchema(['a', 'new'], inputs), inputs);
    expect(other).toMatchObject({ version: '2.0.0' });
  });

  it('among versions the header fits equally, the one whose definitions accept the values', () => {
    const inputs = [
      v('1.0.0', [{ name: 'code', constraints: { pattern: '^\\d{5}$' } }]),
      v('2.0.0', [{ name: 'code', constraints: { pattern: '^[A-Z]{3}$' } }], true),
    ];
    const sample = { rows: [['29103'], ['75056'], ['69123']] };
    const [best] = bestVersions(recognizeSchema(['code'], inputs, { sample }), inputs);
    expect(best).toMatchObject({ version: '1.0.0', latestVersion: '2.0.0', contentFit: 1 });
    expect(best!.equalVersions).toBeUndefined();
  });
});

describe('two schemas that fit equally are said the same way every time', () => {
  const twin = (name: string): RecognitionInput => ({
    name,
    version: '1.0.0',
    schema: { fields: [{ name: 'id' }, { name: 'nom' }, { name: 'commune' }] },
  });
  const inputs = [twin('y/b'), twin('x/a')];

  it.each([
    ['the header in schema order', ['id', 'nom', 'commune']],
    ['another order', ['commune', 'id', 'nom']],
    ['an extra column', ['id', 'nom', 'commune', 'remarque']],
  ])('%s: a tie naming both, in name order', (_label, labels) => {
    const ranked = bestVersions(recognizeSchema(labels, inputs), inputs);
    const pick = pickSchema(ranked);
    expect(pick.chosen).toBeUndefined();
    const f = recognitionFinding(pick, ranked);
    expect(f.params).toMatchObject({ reason: 'tie', tied: [{ name: 'x/a' }, { name: 'y/b' }] });
    expect(messageOf(f, 'en')).toContain('Tied schemas: x/a@1.0.0');
  });
});

describe('versionChanges', () => {
  it('names removed, renamed, added and newly required fields with the file’s columns, those first', () => {
    const from: TableSchema = {
      fields: [
        { name: 'id_lieu', title: 'Identifiant', constraints: { required: true } },
        { name: 'nom', type: 'string' },
        { name: 'voie_nom', title: 'Nom de la voie' },
        { name: 'places', type: 'integer' },
      ],
    };
    const to: TableSchema = {
      fields: [
        { name: 'nom', type: 'string', constraints: { required: true } },
        { name: 'toponyme', title: 'Nom de la voie' },
        { name: 'places', type: 'number' },
        { name: 'acces', constraints: { required: true } },
        { name: 'remarque' },
      ],
    };
    const mapping = {
      fields: [
        { fieldName: 'id_lieu', fieldIndex: 0, column: 0, label: 'ID' },
        { fieldName: 'nom', fieldIndex: 1, column: 1, label: 'Nom' },
        { fieldName: 'voie_nom', fieldIndex: 2, column: 2, label: 'Voie' },
        { fieldName: 'places', fieldIndex: 3 },
      ],
      extra: [],
      ties: [],
    };
    expect(versionChanges(from, to, mapping)).toEqual([
      { kind: 'removed', field: 'id_lieu', column: 'ID' },
      { kind: 'renamed', field: 'voie_nom', to: 'toponyme', column: 'Voie' },
      { kind: 'now-required', field: 'nom', column: 'Nom' },
      { kind: 'added', field: 'acces', required: true },
      { kind: 'added', field: 'remarque', required: false },
      { kind: 'type', field: 'places', to: 'number' },
    ]);
  });
});

describe('compareVersions', () => {
  it.each([
    ['0.10.0', '0.9.2', 1],
    ['1.0.0', '1.0.0', 0],
    ['v2.1', '2.0.9', 1],
    ['1.2.0', '1.10.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
