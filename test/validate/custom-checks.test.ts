import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/run/validate-file.js';
import { buildFileReport } from '../../src/report/build.js';
import { flatten } from '../helpers/flatten.js';

// End to end: each custom check fires on the row fixtures/checks/README.md says, and nothing else does.
async function errors(file: string, schema: string) {
  return flatten(buildFileReport(await validateFile(`fixtures/checks/${file}`, { schema }), 'fr'));
}

describe('custom checks through the whole engine', () => {
  it('délibérations 2.1.5: a clean file has no error', async () => {
    expect(await errors('deliberations-2.1.5-ok.csv', 'scdl/deliberations@2.1.5')).toEqual([]);
  });

  it('délibérations 2.1.5: one check per row', async () => {
    expect(await errors('deliberations-2.1.5-checks.csv', 'scdl/deliberations@2.1.5')).toEqual([
      [3, 'COLL_SIRET', 'french-siret-value'],
      [4, 'BUDGET_ANNEE', 'year-interval-value'],
      [5, 'BUDGET_ANNEE', 'cohesive-columns-value'],
      [6, 'VOTE_EFFECTIF', 'cohesive-columns-value'],
      [7, 'PREF_DATE', 'compare-columns-value'],
      [8, 'VOTE_EFFECTIF', 'compare-columns-value'],
      [9, 'VOTE_REEL', 'sum-columns-value'],
      [10, 'DELIB_MATIERE_NOM', 'nomenclature-actes-value'],
      [11, 'DELIB_MATIERE_NOM', 'nomenclature-actes-value'],
      [12, 'BUDGET_ANNEE', 'year-interval-value'],
    ]);
  });

  it('subventions 2.1.1: a clean file has no error', async () => {
    expect(await errors('subventions-2.1.1-ok.csv', 'scdl/subventions@2.1.1')).toEqual([]);
  });

  it('subventions 2.1.1: one check per row', async () => {
    expect(await errors('subventions-2.1.1-checks.csv', 'scdl/subventions@2.1.1')).toEqual([
      [3, 'idAttribuant', 'french-siret-value'],
      [4, 'idBeneficiaire', 'french-siret-value'],
      [5, 'idBeneficiaire', 'one-of-required'],
      [6, 'idBeneficiaire', 'french-siret-value'],
    ]);
  });

  it('subventions 2.1.1 without the RNA column: the SIRET becomes required', async () => {
    const found = await errors('subventions-2.1.1-sans-rna.csv', 'scdl/subventions@2.1.1');
    expect(found).toContainEqual([3, 'idBeneficiaire', 'one-of-required']);
    expect(found.filter((f) => f[2] === 'one-of-required')).toHaveLength(1);
  });

  it('subventions 2.1.1 without either column: one file-level error', async () => {
    const found = await errors('subventions-2.1.1-sans-beneficiaire.csv', 'scdl/subventions@2.1.1');
    expect(found.filter((f) => f[2] === 'one-of-required')).toEqual([[null, null, 'one-of-required']]);
    expect(found.filter((f) => f[2] === 'french-siret-value')).toEqual([]);
  });
});
