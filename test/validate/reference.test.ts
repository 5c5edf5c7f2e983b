import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/run/validate-file.js';
import { buildFileReport } from '../../src/report/build.js';
import { flatten } from '../helpers/flatten.js';

// The official example files of the schemas, copied with their SOURCE.txt into fixtures/official/.
const dir = 'fixtures/official';

async function report(file: string, schema: string, options: { customChecks?: boolean } = {}) {
  return buildFileReport(await validateFile(`${dir}/${file}`, { schema, ...options }), 'fr');
}

describe('official examples come out as their names say', () => {
  it.each([
    ['stationnement/0.1.4/exemple-valide.csv', 'stationnement@0.1.4'],
    ['stationnement/0.1.4/exemple-valide.xlsx', 'stationnement@0.1.4'],
    ['stationnement/0.1.5/exemple-valide.csv', 'stationnement@0.1.5'],
    ['stationnement-cyclable/1.1.1/exemple-valide.csv', 'stationnement-cyclable@1.1.1'],
    ['irve-statique/2.3.1/exemple-valide-statique.csv', 'irve-statique@2.3.1'],
    ['irve-dynamique/2.3.1/exemple-valide-dynamique.csv', 'irve-dynamique@2.3.1'],
  ])('%s is valid against %s', async (file, schema) => {
    const r = await report(file, schema);
    expect(flatten(r)).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it.each([
    ['stationnement/0.1.4/exemple-invalide.csv', 'stationnement@0.1.4'],
    ['stationnement/0.1.5/exemple-invalide.csv', 'stationnement@0.1.5'],
    ['lieux-covoiturage/0.3.0/exemple-invalide.csv', 'lieux-covoiturage@0.3.0'],
  ])('%s is invalid against %s', async (file, schema) => {
    const r = await report(file, schema);
    expect(r.valid).toBe(false);
    expect(flatten(r).length).toBeGreaterThan(0);
  });

  it('lieux-covoiturage 0.3.0 exemple-valide passes Table Schema; only its own custom check objects', async () => {
    // Upstream's example writes `true` in `horaires`, which is not OpenStreetMap opening_hours syntax:
    // the schema's own opening-hours-value check (added after the example) rightly refuses it.
    const tableSchemaOnly = await report(
      'lieux-covoiturage/0.3.0/exemple-valide.csv',
      'lieux-covoiturage@0.3.0',
      {
        customChecks: false,
      },
    );
    expect(flatten(tableSchemaOnly)).toEqual([]);
    const full = await report('lieux-covoiturage/0.3.0/exemple-valide.csv', 'lieux-covoiturage@0.3.0');
    expect(flatten(full)).toEqual([[2, 'horaires', 'opening-hours-value']]);
  });

  it('the invalid stationnement example names its faults', async () => {
    const r = await report('stationnement/0.1.5/exemple-invalide.csv', 'stationnement@0.1.5');
    expect(new Set(flatten(r).map((f) => f[2]))).toEqual(new Set(['constraint-error', 'french-siret-value']));
  });
});

describe('workbooks', () => {
  it('reads the sheet whose header fits the schema, not the summary sheet before it', async () => {
    for (const schema of [undefined, 'scdl/budget']) {
      const result = await validateFile('fixtures/normalize/budget-classeur.xlsx', { schema });
      expect(result.meta.sheet).toBe('Données');
      expect(result.schema?.name).toBe('scdl/budget');
      const chosen = result.meta.findings.find((f) => f.code === 'sheet-chosen');
      expect(chosen?.params.score).toBe(1);
      expect(flatten(buildFileReport(result, 'fr'))).toEqual([]);
    }
  });

  it('--sheet still wins', async () => {
    const result = await validateFile('fixtures/normalize/budget-classeur.xlsx', { sheet: 1 });
    expect(result.meta.sheet).toBe('Synthèse');
  });
});

describe('header rows guided by the schema', () => {
  it('a two-level header (group titles over the real names) is read from the row that fits the schema', async () => {
    const csv = [
      'Collectivité,,Délibération,,Matière,,Objet',
      'COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET',
      'Ville de Poitiers,21860194600013,DL1,2020-09-15,8.4,Domaines de compétences par thèmes/Aménagement,Objet',
    ].join('\n');
    const result = await validateFile(new TextEncoder().encode(csv), {
      name: 'deux-niveaux.csv',
      schema: 'scdl/deliberations@2.1.5',
    });
    expect(result.meta.headerRow).toBe(2);
    expect(result.meta.findings.map((f) => f.code)).toContain('header-rows-skipped');
    expect(flatten(buildFileReport(result, 'fr'))).toEqual([]);
  });
});
