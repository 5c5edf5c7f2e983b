// Tests of content-aware matching (issue 11): words reordered, contained or abbreviated, dBase headers,
// a column's values weighed against each field, and recognition that uses both.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/io/open.js';
import {
  columnFit,
  contradicts,
  fieldContent,
  sampleContent,
  SAMPLE_MAX_VALUES,
} from '../../src/match/content.js';
import type { ColumnMapping, ColumnSample } from '../../src/schema/mapping-types.js';
import { mappingFindings, matchColumns } from '../../src/match/match.js';
import { dbaseDescriptor, labelTokens, tokensSimilarity, boundedSimilarity } from '../../src/match/tokens.js';
import type { TableSchema } from '../../src/schema/types.js';
import { recognizeCandidates } from '../../src/match/recognize-schema.js';
import { validateFile } from '../../src/run/validate-file.js';
import { bundledSchema } from '../schema/bundled.js';

const dir = path.resolve('fixtures/matching');

/** The header and every row of a fixture, as odf reads them. */
async function read(name: string): Promise<{ labels: string[]; sample: ColumnSample }> {
  const t = await openTable(path.join(dir, name));
  const rows: string[][] = [];
  for await (const r of t.rows) rows.push(r.cells);
  return { labels: t.meta.columns, sample: { rows } };
}

/** field → `[label, kind]`, `{suggestion, evidence}` or null. */
function outcome(m: ColumnMapping, field: string): unknown {
  const f = m.fields.find((x) => x.fieldName === field)!;
  if (f.column !== undefined) return [f.label, f.kind];
  return f.suggestion ? { suggestion: f.suggestion.label, evidence: f.suggestion.evidence } : null;
}

describe('label words', () => {
  it.each([
    ['DELIB_DATE', ['delib', 'date']],
    ['dateDeliberation', ['date', 'deliberation']],
    ['Date de la délib.', ['date', 'delib']],
    ['NB_POUR2', ['nb', 'pour', '2']],
    ['NOM,C,50', ['nom']],
    ["Nom de l'attribuant", ['nom', 'attribuant']],
  ])('%s → %j', (label, tokens) => {
    expect(labelTokens(label)).toEqual(tokens);
  });

  it.each([
    // Reordered words: close, but not the same name.
    [['date', 'delib'], ['delib', 'date'], 0.95],
    // Contained: a long word, or two words.
    [['montant'], ['montant', 'subvention'], 0.85],
    // A short generic word alone says nothing.
    [['id'], ['id', 'rae'], 2 / 3],
    [['date'], ['date', 'convention'], 2 / 3],
    // Abbreviations: mt → montant, nb → nombre; prefixes: delib → deliberation.
    [['mt', 'subv'], ['montant'], 0.84],
    [['nb', 'pour'], ['nombre', 'pour'], 0.95],
    [['nom', 'benef'], ['nom', 'beneficiaire'], 0.925],
    // Prefixes alone are too loose.
    [['com'], ['commentaire'], 0],
  ])('%j vs %j → %s', (a, b, score) => {
    expect(tokensSimilarity(a, b)).toBeCloseTo(score, 3);
    expect(tokensSimilarity(b, a)).toBeCloseTo(score, 3);
  });

  it('reads dBase descriptors and nothing else', () => {
    expect(dbaseDescriptor('NOM,C,50')).toEqual({ name: 'NOM', type: 'C', width: 50 });
    expect(dbaseDescriptor('ID,N,6,0')).toEqual({ name: 'ID', type: 'N', width: 6, decimals: 0 });
    expect(dbaseDescriptor('DELIB_DATE, d, 8')).toEqual({ name: 'DELIB_DATE', type: 'D', width: 8 });
    for (const label of ['Nom, prénom', 'Montant, en €', 'a,b,c', 'NOM,X,50', 'NOM,C,5000'])
      expect(dbaseDescriptor(label), label).toBeUndefined();
  });

  it('bounded similarity agrees with the edit distance where it answers', () => {
    expect(boundedSimilarity('nombeneficiaire', 'nombeneficiare', 0.8)).toBeCloseTo(1 - 1 / 15, 6);
    expect(boundedSimilarity('montant', 'montnat', 0.7)).toBeCloseTo(1 - 2 / 7, 6);
    expect(boundedSimilarity('lat', 'long', 0.8)).toBe(0);
    expect(boundedSimilarity('', '', 0.8)).toBe(0);
  });
});

describe('suggestions understand words', () => {
  const deliberations = bundledSchema('scdl/deliberations');

  it('reordered names (DATE_DELIB for DELIB_DATE) are suggested, not applied', async () => {
    const { labels } = await read('deliberations-mots-inverses.csv');
    const m = matchColumns(labels, deliberations, { schemaName: 'scdl/deliberations' });
    for (const [field, label] of [
      ['COLL_NOM', 'NOM_COLL'],
      ['COLL_SIRET', 'SIRET_COLL'],
      ['DELIB_ID', 'ID_DELIB'],
      ['DELIB_DATE', 'DATE_DELIB'],
      ['DELIB_MATIERE_CODE', 'CODE_MATIERE_DELIB'],
      ['DELIB_MATIERE_NOM', 'NOM_MATIERE_DELIB'],
      ['DELIB_OBJET', 'OBJET_DELIB'],
      ['VOTE_POUR', 'POUR_VOTE'],
      ['VOTE_CONTRE', 'CONTRE_VOTE'],
    ])
      expect(outcome(m, field!), field).toEqual({ suggestion: label, evidence: undefined });
    expect(m.fields.every((f) => f.column === undefined)).toBe(true);
  });

  it('dBase headers are matched by the name before the descriptor; names cut at 10 letters are suggested', async () => {
    const { labels } = await read('deliberations-dbase.csv');
    const m = matchColumns(labels, deliberations, { schemaName: 'scdl/deliberations' });
    expect(outcome(m, 'COLL_NOM')).toEqual(['COLL_NOM,C,100', 'folded']);
    expect(outcome(m, 'DELIB_DATE')).toEqual(['DELIB_DATE,D,8', 'folded']);
    expect(outcome(m, 'VOTE_POUR')).toEqual(['VOTE_POUR,N,3,0', 'folded']);
    expect(outcome(m, 'DELIB_OBJET')).toEqual({ suggestion: 'DELIB_OBJE,C,254', evidence: undefined });
    expect(outcome(m, 'VOTE_CONTRE')).toEqual({ suggestion: 'VOTE_CONTR,N,3,0', evidence: undefined });
    // The file as published still needs its columns renamed.
    const codes = mappingFindings(m, deliberations, labels).map((f) => [f.code, f.loc.fieldName]);
    expect(codes).toContainEqual(['incorrect-label', 'COLL_NOM']);
  });

  it('a plain schema gets `nom` and `id` from NOM,C,50 and ID,N,6,0', () => {
    const schema: TableSchema = { fields: [{ name: 'id', type: 'integer' }, { name: 'nom' }] };
    const m = matchColumns(['NOM,C,50', 'ID,N,6,0'], schema);
    expect(outcome(m, 'id')).toEqual(['ID,N,6,0', 'folded']);
    expect(outcome(m, 'nom')).toEqual(['NOM,C,50', 'folded']);
  });
});

describe('content weighs on matching', () => {
  const subventions = bundledSchema('scdl/subventions');

  it('a column of SIRETs is suggested for the SIRET field, never for the RNA one (pattern W + 9 digits)', async () => {
    const { labels, sample } = await read('subventions-identification.csv');
    // By name alone, « Identification du bénéficiaire* » is closest to « Identification RNA du bénéficiaire ».
    const byName = matchColumns(labels, subventions, { schemaName: 'scdl/subventions' });
    expect(outcome(byName, 'rnaBeneficiaire')).toEqual({
      suggestion: 'Identification du bénéficiaire*',
      evidence: undefined,
    });
    const m = matchColumns(labels, subventions, { schemaName: 'scdl/subventions', sample });
    expect(outcome(m, 'idBeneficiaire')).toEqual({
      suggestion: 'Identification du bénéficiaire*',
      evidence: 'name+content',
    });
    expect(outcome(m, 'rnaBeneficiaire')).toBeNull();
    // Contained words: montant_subvention for montant, with numbers that fit it.
    expect(outcome(m, 'montant')).toEqual({ suggestion: 'montant_subvention', evidence: 'name+content' });
    // Names that match for real are kept.
    expect(outcome(m, 'idAttribuant')).toEqual(['SIRET attribuant', 'synonym']);
    expect(outcome(m, 'dateConvention')).toEqual(['Date de la convention', 'synonym']);
  });

  it('a synonym whose values do not have the field’s form is not applied: a suggestion with the reason', async () => {
    const budget = bundledSchema('scdl/budget');
    const { labels, sample } = await read('budget-nature-libelles.csv');
    // By name, « Nature » is BGT_CONTNAT (the account number, at most 9 characters)…
    expect(outcome(matchColumns(labels, budget, { schemaName: 'scdl/budget' }), 'BGT_CONTNAT')).toEqual([
      'Nature',
      'synonym',
    ]);
    // … but it holds account labels.
    const m = matchColumns(labels, budget, { schemaName: 'scdl/budget', sample });
    const f = m.fields.find((x) => x.fieldName === 'BGT_CONTNAT')!;
    expect(f.column).toBeUndefined();
    expect(f.suggestion).toMatchObject({
      label: 'Nature',
      evidence: 'content-mismatch',
      nameKind: 'synonym',
      score: 0,
      refused: [
        'Achats de fournitures scolaires',
        'Rémunération principale du personnel titulaire',
        "Taxes foncières et d'habitation",
      ],
    });
    expect(m.extra.map((e) => e.label)).toContain('Nature');
    const findings = mappingFindings(m, budget, labels);
    expect(findings.find((x) => x.code === 'label-content-mismatch')).toMatchObject({
      level: 'warning',
      loc: { fieldName: 'BGT_CONTNAT', column: 'Nature' },
      params: { label: 'Nature', kind: 'synonym', columnNumber: 10 },
      fixable: true,
    });
    const missing = findings.find((x) => x.loc.fieldName === 'BGT_CONTNAT' && x.code === 'missing-label');
    expect(missing).toBeDefined();
    expect(missing!.params.suggestion).toBeUndefined();
    // Accepting suggestions is the user's word: then it is used.
    const accepted = matchColumns(labels, budget, {
      schemaName: 'scdl/budget',
      sample,
      acceptSuggestions: true,
    });
    expect(outcome(accepted, 'BGT_CONTNAT')).toEqual(['Nature', 'suggestion']);
    // The other columns are unaffected by their values: codes that fit, numbers, labels.
    expect(outcome(m, 'BGT_NATURE')).toEqual(['Chapitre', 'synonym']);
    expect(outcome(m, 'BGT_MTPREV')).toEqual(['Montant voté', 'synonym']);
  });

  it('validate reports the mismatch and never feeds the field from it', async () => {
    const r = await validateFile(path.join(dir, 'budget-nature-libelles.csv'), { schema: 'scdl/budget' });
    expect(r.mapping!.fields.find((f) => f.fieldName === 'BGT_CONTNAT')!.column).toBeUndefined();
    expect(r.run.findings.filter((f) => f.code === 'label-content-mismatch')).toHaveLength(1);
  });

  it('code lists, wrong keys and missing headings do not contradict a field: wrong data, right column', () => {
    const schema: TableSchema = {
      fields: [
        { name: 'section', constraints: { enum: ['investissement', 'fonctionnement'] } },
        { name: 'siret' },
        { name: 'matiere' },
        { name: 'rna', constraints: { pattern: '^W\\d{9}$' } },
      ],
      custom_checks: [
        { name: 'french-siret-value', params: { column: 'siret' } },
        { name: 'nomenclature-actes-value', params: { column: 'matiere' } },
      ],
    };
    const sample = sampleContent({
      rows: [
        ['F', '12345678901234', 'Subventions', '12345678901234'],
        ['I', '98765432109876', 'Fiscalité', '98765432109876'],
        ['F', '11122233344455', 'Personnel', '11122233344455'],
      ],
    });
    const fit = (c: number) => {
      const fc = fieldContent(schema, c);
      return contradicts(columnFit(sample, c, fc), fc);
    };
    expect([fit(0), fit(1), fit(2), fit(3)]).toEqual([false, false, false, true]);
  });

  it('tags a column with the kinds nine values in ten have, in the kinds’ order', () => {
    const years = ['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023'];
    const tagsOf = (values: string[]): readonly string[] =>
      sampleContent({ rows: values.map((v) => [v]) }).columns[0]?.tags ?? [];
    expect([
      tagsOf([...years, '2024']),
      // One odd value in ten is allowed, two are not; nor is one in nine.
      tagsOf([...years, 'Lorem']),
      tagsOf([...years.slice(1), 'Lorem', 'ipsum']),
      tagsOf(years.slice(0, 8).concat('Lorem')),
      tagsOf(['']),
    ]).toEqual([['year', 'integer'], ['year', 'integer'], [], [], []]);
  });

  it('keeps a bounded number of distinct values per column', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [String(i)]);
    expect(sampleContent({ rows }).columns[0]!.values).toHaveLength(SAMPLE_MAX_VALUES);
  });
});

describe('recognition weighs names only similar and values', () => {
  it('reordered names and typical values (ACTES matters, SIRETs, dates) are recognised, with a lower score', async () => {
    const { labels, sample } = await read('deliberations-mots-inverses.csv');
    expect(recognizeCandidates(labels).chosen).toBeUndefined();
    const r = recognizeCandidates(labels, sample);
    expect(r.chosen).toMatchObject({ name: 'scdl/deliberations' });
    expect(r.chosen!.score).toBeLessThan(0.8);
    expect(r.chosen!.contentFields).toBeGreaterThan(0);
    expect(r.finding).toMatchObject({ code: 'schema-recognized', params: { name: 'scdl/deliberations' } });
  });

  it('a dBase export is recognised by its names (cut names count as similar)', async () => {
    const { labels, sample } = await read('deliberations-dbase.csv');
    expect(recognizeCandidates(labels).chosen?.name).toBe('scdl/deliberations');
    expect(recognizeCandidates(labels, sample).chosen?.name).toBe('scdl/deliberations');
  });

  it('values alone cannot make up for a header that says almost nothing (a limit)', async () => {
    const { labels, sample } = await read('bal-entetes-opaques.csv');
    expect(recognizeCandidates(labels, sample).chosen).toBeUndefined();
  });
});

describe('a field composed from two columns', () => {
  it('proposes [lon,lat] for IRVE’s coordonneesXY from Xlongitude and Ylatitude, without applying it', async () => {
    const irve = bundledSchema('etalab/schema-irve-statique');
    const { labels, sample } = await read('irve-xy.csv');
    const m = matchColumns(labels, irve, { schemaName: 'etalab/schema-irve-statique', sample });
    const f = m.fields.find((x) => x.fieldName === 'coordonneesXY')!;
    expect(f.column).toBeUndefined();
    expect(f.composed).toEqual({
      columns: [4, 5],
      labels: ['Xlongitude', 'Ylatitude'],
      how: 'lon-lat',
      example: '[7.487105,48.345345]',
      template: '[{0},{1}]',
    });
    // Without the values, names alone propose nothing.
    const byName = matchColumns(labels, irve, { schemaName: 'etalab/schema-irve-statique' });
    expect(byName.fields.find((x) => x.fieldName === 'coordonneesXY')!.composed).toBeUndefined();
  });

  it('proposes nothing when the values are not degrees, or the columns are not one of each', () => {
    const schema: TableSchema = { fields: [{ name: 'point', type: 'geopoint' }] };
    const sample = (rows: string[][]) => ({ rows });
    const of = (labels: string[], rows: string[][]) =>
      matchColumns(labels, schema, { sample: sample(rows) }).fields[0]!.composed;
    expect(of(['lon', 'lat'], [['2.35', '48.85']])).toMatchObject({ how: 'lon-lat', example: '2.35, 48.85' });
    expect(of(['lon', 'lat'], [['652000.5', '6862000.2']])).toBeUndefined();
    expect(of(['lon', 'lat', 'lng'], [['2.35', '48.85', '2.36']])).toBeUndefined();
  });
});

describe('scores for choosing a sheet or a header row', () => {
  it('are the same for the same header, higher for a better fit, and raised by typical values', async () => {
    const { catalogueLabelScore } = await import('../../src/match/recognize-schema.js');
    const { labels, sample } = await read('deliberations-mots-inverses.csv');
    const full = ['COLL_NOM', 'COLL_SIRET', 'DELIB_ID', 'DELIB_DATE', 'DELIB_MATIERE_CODE', 'DELIB_OBJET'];
    expect(catalogueLabelScore([...full])).toBe(catalogueLabelScore([...full]));
    expect(catalogueLabelScore(full)).toBeGreaterThan(catalogueLabelScore(full.slice(0, 3)));
    expect(catalogueLabelScore(labels, sample)).toBeGreaterThan(catalogueLabelScore(labels));
  });
});
