// Where Validata (frictionless-py and validata-core's checks) is right, odf agrees (issue 11): numbers with
// spaces, strict opening hours, SIRETs grouped with spaces, current check names; and lists in array fields.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hintOf, messageOf } from '../../src/findings/catalogue.js';
import { normalizeFile } from '../../src/run/normalize-file.js';
import type { TableSchema } from '../../src/schema/types.js';
import { validateFile } from '../../src/run/validate-file.js';
import { flattenResult } from '../helpers/flatten.js';

const dir = path.resolve('fixtures/validata');
const schemaOf = (name: string): TableSchema =>
  JSON.parse(readFileSync(path.join(dir, `${name}.schema.json`), 'utf8')) as TableSchema;
const check = (name: string) => validateFile(path.join(dir, `${name}.csv`), { schema: schemaOf(name) });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'odf-validata-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('numbers with surrounding spaces', () => {
  // frictionless-py 5.15.6 on this file (../shared/peers/frictionless/run.py): exactly these two errors.
  it('are valid in number and integer fields; booleans and dates stay strict, as in Frictionless', async () => {
    const r = await check('espaces');
    expect(flattenResult(r)).toEqual([
      [4, 'actif', 'type-error'],
      [4, 'date_maj', 'type-error'],
    ]);
  });

  it('give one warning per column, saying normalize trims them', async () => {
    const r = await check('espaces');
    const warnings = r.run.findings.filter((f) => f.code === 'number-spaces');
    expect(warnings.map((f) => [f.loc.fieldName, f.params.count, f.params.firstRowNumber, f.value])).toEqual([
      ['montant', 2, 2, '2.375517 '],
      ['nombre', 1, 3, ' 3 '],
    ]);
    expect(warnings.every((f) => f.level === 'warning' && f.fixable === true)).toBe(true);
    expect(messageOf(warnings[0]!, 'fr')).toContain('2 nombres de la colonne « montant »');
    expect(hintOf(warnings[0]!, 'en')).toBe('odf normalize removes them.');
  });

  it('are written without their spaces by normalize', async () => {
    const output = path.join(tmp, 'espaces.csv');
    await normalizeFile(path.join(dir, 'espaces.csv'), { schema: schemaOf('espaces'), output });
    const lines = readFileSync(output, 'utf8').trim().split(/\r?\n/);
    expect(lines[1]).toBe('2.375517,12,true,2023-01-15');
    expect(lines[2]).toBe('1250,3,false,2023-02-01');
  });
});

describe('opening hours: only the strict OpenStreetMap grammar', () => {
  it('refuses what the parser only tolerates, one error each, with the corrected value as hint', async () => {
    const r = await check('horaires');
    expect(flattenResult(r)).toEqual([
      [2, 'horaires', 'opening-hours-value'],
      [6, 'horaires', 'opening-hours-value'],
      [7, 'horaires', 'opening-hours-value'],
      [8, 'horaires', 'opening-hours-value'],
    ]);
    const hints = r.run.findings.filter((f) => f.code === 'opening-hours-value').map((f) => hintOf(f, 'fr'));
    expect(hints.slice(0, 3)).toEqual([
      'Écrivez « Mo-Fr ».',
      'Écrivez « Mo 08:00-12:00 ».',
      'Écrivez « Mo-Fr 08:00-12:00 ».',
    ]);
    // A value the parser cannot read at all keeps the general hint.
    expect(hints[3]).toContain('Exemple');
  });
});

describe('custom check names', () => {
  it('the catalogue’s long names (Validata’s own) give no deprecation warning', async () => {
    const r = await validateFile('fixtures/checks/subventions-2.1.1-ok.csv', {
      schema: 'scdl/subventions@2.1.1',
    });
    expect(r.run.findings.filter((f) => f.code === 'check-deprecated')).toEqual([]);
    expect(r.run.stats.warnings).toBe(0);
  });
});

describe('lists in array fields', () => {
  it('are errors (as in Frictionless) whose repair is the JSON array', async () => {
    const r = await check('listes');
    expect(flattenResult(r)).toEqual([
      [2, 'accueil_equipements_malentendants', 'type-error'],
      [4, 'accueil_equipements_malentendants', 'type-error'],
    ]);
    const first = r.run.findings.find((f) => f.code === 'type-error')!;
    expect(first.params.repaired).toBe('["lsf","lpc","sts"]');
    expect(first.fixable).toBe(true);
    expect(hintOf(first, 'fr')).toContain('["lsf","lpc","sts"]');
  });

  it('are written as JSON arrays by normalize', async () => {
    const output = path.join(tmp, 'listes.csv');
    const result = await normalizeFile(path.join(dir, 'listes.csv'), { schema: schemaOf('listes'), output });
    expect(readFileSync(output, 'utf8').trim().split(/\r?\n/)).toEqual([
      'nom,accueil_equipements_malentendants',
      'Mairie,"[""lsf"",""lpc"",""sts""]"',
      'Médiathèque,"[""bim""]"',
      'Piscine,"[""lsf""]"',
      'Marché,',
    ]);
    expect(result.file.run.stats.errors).toBe(0);
  });
});
