// Tests of header → field matching: folding, the five levels, ties, synonyms, fixtures and header findings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueIndex, schemasDir } from '../../src/schema/catalogue.js';
import { foldLabel, similarity } from '../../src/text/fold.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import { mappingFindings, matchColumns } from '../../src/schema/match.js';
import { bundledSynonymTables, parseSynonyms } from '../../src/schema/synonyms.js';
import type { TableSchema } from '../../src/schema/types.js';
import { bundledSchema } from './bundled.js';

/** field → [label, kind] or null. */
function summary(m: ColumnMapping): Record<string, [string, string] | null> {
  const out: Record<string, [string, string] | null> = {};
  for (const f of m.fields) out[f.fieldName] = f.column === undefined ? null : [f.label!, f.kind!];
  return out;
}

const schema: TableSchema = {
  fields: [
    { name: 'COLL_NOM', title: 'Nom de la collectivité', constraints: { required: true } },
    { name: 'DELIB_DATE', title: "Date d'adoption de la délibération", constraints: { required: true } },
    { name: 'VOTE_POUR', title: 'Pour' },
    { name: 'nomBeneficiaire', title: 'Nom du bénéficiaire' },
    { name: 'montant' },
  ],
};

describe('foldLabel', () => {
  it.each([
    ['ENFANT_PRENOM', 'enfantprenom'],
    ['Enfant Prénom', 'enfantprenom'],
    ['enfant-prénom', 'enfantprenom'],
    ["Date d'adoption", 'datedadoption'],
    ['Date d’adoption', 'datedadoption'],
    ['\uFEFFCœur  Élevé', 'coeureleve'],
    ['Montant (€)', 'montant'],
    ['N° SIRET', 'nsiret'],
    ['', ''],
  ])('%s → %s', (label, folded) => {
    expect(foldLabel(label)).toBe(folded);
  });

  it('similarity is 1 for equal, 0 for empty, and symmetric', () => {
    expect(similarity('montant', 'montant')).toBe(1);
    expect(similarity('', '')).toBe(0);
    expect(similarity('nombeneficiare', 'nombeneficiaire')).toBe(
      similarity('nombeneficiaire', 'nombeneficiare'),
    );
    expect(similarity('nombeneficiare', 'nombeneficiaire')).toBeGreaterThan(0.9);
  });
});

describe('matchColumns levels', () => {
  it.each([
    ['COLL_NOM', 'COLL_NOM', 'exact'],
    ['coll nom', 'COLL_NOM', 'folded'],
    ['Coll-Nom', 'COLL_NOM', 'folded'],
    ['NOM DE LA COLLECTIVITE', 'COLL_NOM', 'title'],
    ['Date d’adoption de la délibération', 'DELIB_DATE', 'title'],
    ['Pour', 'VOTE_POUR', 'title'],
    ['Montant', 'montant', 'folded'],
  ])('%s → %s (%s)', (label, fieldName, kind) => {
    const m = matchColumns([label], schema);
    const f = m.fields.find((x) => x.fieldName === fieldName)!;
    expect([f.column, f.label, f.kind]).toEqual([0, label, kind]);
    expect(m.extra).toEqual([]);
  });

  it('uses synonyms given by the caller (level 4)', () => {
    const m = matchColumns(['Collectivité', 'Séance du'], schema, {
      synonyms: { COLL_NOM: ['Collectivité'], DELIB_DATE: ['Séance du', 'Date de séance'] },
    });
    expect(summary(m)).toMatchObject({
      COLL_NOM: ['Collectivité', 'synonym'],
      DELIB_DATE: ['Séance du', 'synonym'],
    });
  });

  it('uses the bundled synonyms of the named schema, and only then', () => {
    const budget = bundledSchema('scdl/budget');
    expect(
      summary(matchColumns(['Exercice'], budget, { schemaName: 'scdl/budget@0.8.3' })).BGT_ANNEE,
    ).toEqual(['Exercice', 'synonym']);
    expect(summary(matchColumns(['Exercice'], budget)).BGT_ANNEE).toBeNull();
    expect(
      summary(matchColumns(['Exercice'], budget, { schemaName: 'scdl/budget', bundledSynonyms: false }))
        .BGT_ANNEE,
    ).toBeNull();
  });

  it('prefers the more confident level: an exact column wins over a folded one, which becomes extra', () => {
    const m = matchColumns(['coll nom', 'COLL_NOM'], schema);
    expect(summary(m).COLL_NOM).toEqual(['COLL_NOM', 'exact']);
    expect(m.extra).toEqual([{ column: 0, label: 'coll nom' }]);
    expect(m.ties).toEqual([]);
  });

  it('gives each column to one field and each field one column', () => {
    const m = matchColumns(['COLL_NOM', 'DELIB_DATE', 'Pour', 'montant', 'autre'], schema);
    const columns = m.fields.filter((f) => f.column !== undefined).map((f) => f.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(m.extra.map((e) => e.label)).toEqual(['autre']);
  });

  it('leaves blank labels unmatched', () => {
    const m = matchColumns(['', '  '], schema);
    expect(m.fields.every((f) => f.column === undefined)).toBe(true);
    expect(m.extra.map((e) => e.column)).toEqual([0, 1]);
  });
});

describe('ties are reported, not guessed', () => {
  it('two columns equally good for one field', () => {
    const m = matchColumns(['Coll Nom', 'coll-nom', 'Pour'], schema);
    expect(summary(m).COLL_NOM).toBeNull();
    expect(m.ties).toEqual([
      { label: 'Coll Nom', column: 0, fieldNames: ['COLL_NOM'], kind: 'folded' },
      { label: 'coll-nom', column: 1, fieldNames: ['COLL_NOM'], kind: 'folded' },
    ]);
    expect(m.extra.map((e) => e.column)).toEqual([0, 1]);
    expect(summary(m).VOTE_POUR).toEqual(['Pour', 'title']);
  });

  it('one column equally good for two fields', () => {
    const twoTitles: TableSchema = {
      fields: [
        { name: 'A', title: 'Date' },
        { name: 'B', title: 'date' },
      ],
    };
    const m = matchColumns(['DATE'], twoTitles);
    expect(m.fields.every((f) => f.column === undefined)).toBe(true);
    expect(m.ties).toEqual([{ label: 'DATE', column: 0, fieldNames: ['A', 'B'], kind: 'title' }]);
  });

  it('a tied field is not handed to a weaker match afterwards', () => {
    const m = matchColumns(['Coll Nom', 'coll-nom', 'Collectivité'], schema, {
      synonyms: { COLL_NOM: ['Collectivité'] },
    });
    expect(summary(m).COLL_NOM).toBeNull();
    expect(m.extra.map((e) => e.label)).toContain('Collectivité');
  });

  it('a synonym listed for two fields is a tie', () => {
    const m = matchColumns(['Nom'], schema, { synonyms: { COLL_NOM: ['Nom'], nomBeneficiaire: ['nom'] } });
    expect(m.ties).toEqual([
      { label: 'Nom', column: 0, fieldNames: ['COLL_NOM', 'nomBeneficiaire'], kind: 'synonym' },
    ]);
  });

  it('ties are reported as ambiguous-label findings, without extra-label or missing-label for them', () => {
    const m = matchColumns(['Coll Nom', 'coll-nom'], schema);
    const codes = mappingFindings(m, schema, ['Coll Nom', 'coll-nom']).map((f) => [
      f.code,
      f.loc.fieldName,
      f.loc.column,
    ]);
    expect(codes.filter(([c]) => c === 'ambiguous-label')).toEqual([
      ['ambiguous-label', 'COLL_NOM', 'Coll Nom'],
      ['ambiguous-label', 'COLL_NOM', 'coll-nom'],
    ]);
    expect(codes.some(([c, f]) => c === 'missing-label' && f === 'COLL_NOM')).toBe(false);
    expect(codes.some(([c]) => c === 'extra-label')).toBe(false);
  });
});

describe('suggestions (level 5)', () => {
  it('offers a close name as a suggestion only', () => {
    const m = matchColumns(['nomBeneficiare'], schema);
    const f = m.fields.find((x) => x.fieldName === 'nomBeneficiaire')!;
    expect(f.column).toBeUndefined();
    expect(f.suggestion).toMatchObject({ column: 0, label: 'nomBeneficiare' });
    expect(f.suggestion!.score).toBeGreaterThanOrEqual(0.8);
    expect(m.extra.map((e) => e.label)).toEqual(['nomBeneficiare']);
  });

  it('applies it with acceptSuggestions', () => {
    const m = matchColumns(['nomBeneficiare'], schema, { acceptSuggestions: true });
    const f = m.fields.find((x) => x.fieldName === 'nomBeneficiaire')!;
    expect([f.column, f.kind]).toEqual([0, 'suggestion']);
    expect(m.extra).toEqual([]);
  });

  it('compares with titles too', () => {
    const m = matchColumns(['Nom du beneficaire'], schema);
    expect(m.fields.find((x) => x.fieldName === 'nomBeneficiaire')!.suggestion?.label).toBe(
      'Nom du beneficaire',
    );
  });

  it('offers nothing for unrelated or equally close names', () => {
    expect(matchColumns(['Observations'], schema).fields.some((f) => f.suggestion)).toBe(false);
    const two: TableSchema = { fields: [{ name: 'montant1' }, { name: 'montant2' }] };
    expect(matchColumns(['montant'], two).fields.some((f) => f.suggestion)).toBe(false);
  });

  it('reports missing-label and label-suggestion, not extra-label', () => {
    const labels = ['COLL_NOM', 'DELIB_DATE', 'nomBeneficiare'];
    const found = mappingFindings(matchColumns(labels, schema), schema, labels).map((f) => [
      f.code,
      f.loc.fieldName ?? null,
      f.level,
    ]);
    expect(found).toContainEqual(['label-suggestion', 'nomBeneficiaire', 'warning']);
    expect(found).toContainEqual(['missing-optional-label', 'nomBeneficiaire', 'warning']);
    expect(found.some(([c]) => c === 'extra-label')).toBe(false);
  });
});

describe('mappingFindings', () => {
  const labels = ['Date de séance', 'coll nom', 'Pour', 'Commentaire'];
  const found = mappingFindings(
    matchColumns(labels, schema, { synonyms: { DELIB_DATE: ['Date de séance'] } }),
    schema,
    labels,
  );
  const flat = found.map((f) => [
    f.code,
    f.level,
    f.loc.rowNumber,
    f.loc.fieldName ?? null,
    f.loc.fieldNumber ?? null,
    f.loc.column ?? null,
  ]);

  it.each([
    ['incorrect-label', 'error', 1, 'COLL_NOM', 1, 'coll nom'],
    ['incorrect-label', 'error', 1, 'DELIB_DATE', 2, 'Date de séance'],
    ['incorrect-label', 'error', 1, 'VOTE_POUR', 3, 'Pour'],
    ['missing-optional-label', 'warning', 1, 'nomBeneficiaire', 4, null],
    ['missing-optional-label', 'warning', 1, 'montant', 5, null],
    ['extra-label', 'warning', 1, null, null, 'Commentaire'],
    ['label-order', 'warning', 1, null, null, null],
  ])('%s %s at %s %s %s %s', (...row) => {
    expect(flat).toContainEqual(row);
  });

  it('emits exactly those', () => {
    expect(flat).toHaveLength(7);
  });

  it('gives the match kind and marks renames and reordering fixable', () => {
    const inc = found.filter((f) => f.code === 'incorrect-label');
    expect(inc.map((f) => f.params.kind)).toEqual(['folded', 'synonym', 'title']);
    expect(inc.every((f) => f.fixable)).toBe(true);
    expect(found.find((f) => f.code === 'label-order')?.fixable).toBe(true);
  });

  it('reports a missing required field as missing-label (error)', () => {
    const m = matchColumns(['VOTE_POUR'], schema);
    const f = mappingFindings(m, schema, ['VOTE_POUR']).filter((x) => x.level === 'error');
    expect(f.map((x) => [x.code, x.loc.fieldName])).toEqual([
      ['missing-label', 'COLL_NOM'],
      ['missing-label', 'DELIB_DATE'],
    ]);
  });

  it('says nothing for an exact header in schema order', () => {
    const labels2 = schema.fields.map((f) => f.name);
    expect(mappingFindings(matchColumns(labels2, schema), schema, labels2)).toEqual([]);
  });
});

describe('bundled synonyms table (schemas/synonyms)', () => {
  const tables = bundledSynonymTables();
  const entries = catalogueIndex();

  it('covers the SCDL schemas of issue 6', () => {
    expect([...tables.keys()]).toEqual(
      expect.arrayContaining([
        'scdl/budget',
        'scdl/deliberations',
        'scdl/subventions',
        'scdl/equipements',
        'scdl/menus-collectifs',
        'scdl/prenoms',
        'etalab/schema-bal',
        'etalab/schema-irve-statique',
      ]),
    );
  });

  for (const [name, table] of tables) {
    const entry = entries.find((e) => e.name.toLowerCase() === name);
    it(`${name}: names a catalogue schema`, () => {
      expect(entry).toBeDefined();
    });
    if (!entry) continue;
    const versions = entry.versions.map(
      (v) => JSON.parse(readFileSync(path.join(schemasDir(), v.path), 'utf8')) as TableSchema,
    );

    it(`${name}: every field exists in some version, and no alias is blank`, () => {
      for (const [field, aliases] of Object.entries(table)) {
        expect(
          versions.some((s) => s.fields.some((f) => f.name === field)),
          field,
        ).toBe(true);
        for (const a of aliases) expect(foldLabel(a), `${field}: ${a}`).not.toBe('');
      }
    });

    it(`${name}: in every version, no alias competes with another field's name, title or alias`, () => {
      for (const s of versions) {
        const owner = new Map<string, string>();
        for (const f of s.fields) {
          owner.set(foldLabel(f.name), f.name);
          if (f.title) owner.set(foldLabel(f.title), f.name);
        }
        for (const f of s.fields) {
          for (const a of table[f.name] ?? []) {
            const k = foldLabel(a);
            expect(owner.get(k) ?? f.name, `${s.version} ${f.name}: ${a}`).toBe(f.name);
            owner.set(k, f.name);
          }
        }
      }
    });
  }

  it('parses a user table and rejects a wrong shape with its line', () => {
    expect(parseSynonyms('fields:\n  A: [x, y]\n  B: z\n', 'u.yaml').fields).toEqual({
      A: ['x', 'y'],
      B: ['z'],
    });
    expect(() => parseSynonyms('fields:\n  A: [x]\n  B: { no: 1 }\n', 'u.yaml')).toThrow(
      expect.objectContaining({ code: 'config-invalid', data: expect.objectContaining({ line: 3 }) }),
    );
  });
});

describe('catalogue entries of the mapping findings', () => {
  it('every code emitted here has French and English messages that render their params', async () => {
    const { catalogue, messageOf, hintOf } = await import('../../src/findings/catalogue.js');
    const { pickSchema, recognitionFinding } = await import('../../src/schema/recognize.js');
    const labels = ['Coll Nom', 'coll-nom', 'nomBeneficiare', 'Pour', 'DELIB_DATE', 'Autre'];
    const found = [
      ...mappingFindings(matchColumns(labels, schema), schema, labels),
      ...mappingFindings(matchColumns(['VOTE_POUR'], schema), schema, ['VOTE_POUR']),
      recognitionFinding(pickSchema([]), []),
      recognitionFinding(
        {
          chosen: {
            name: 'a/b',
            version: '1',
            score: 0.9,
            matchedFields: 1,
            totalFields: 1,
            matchedRequired: 0,
            totalRequired: 0,
          },
          reason: 'clear-lead',
        },
        [],
      ),
    ];
    const codes = new Set(found.map((f) => f.code));
    expect([...codes].sort()).toEqual(
      [
        'ambiguous-label',
        'extra-label',
        'incorrect-label',
        'label-order',
        'label-suggestion',
        'missing-label',
        'missing-optional-label',
        'schema-not-recognized',
        'schema-recognized',
      ].sort(),
    );
    for (const f of found) {
      expect(catalogue[f.code], f.code).toBeDefined();
      for (const lang of ['fr', 'en'] as const) {
        const text = `${messageOf(f, lang)} ${hintOf(f, lang) ?? ''}`;
        expect(text, `${f.code} ${lang}`).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });
});
