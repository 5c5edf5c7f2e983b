import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';

// odf never overwrites what it reads, and merges into the metadata it finds.
function workdir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-safety-'));
  copyFileSync('fixtures/examples/budget-export-mairie.csv', path.join(dir, 'budget.csv'));
  return dir;
}

describe('outputs never land on inputs', () => {
  it('validate -o INPUT is refused before any work, and the input is intact', async () => {
    const dir = workdir();
    const input = path.join(dir, 'budget.csv');
    const before = readFileSync(input);
    const r = await runCli(['validate', input, '-o', input]);
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('map -o INPUT is refused', async () => {
    const dir = workdir();
    const input = path.join(dir, 'budget.csv');
    const before = readFileSync(input);
    const r = await runCli(['map', input, '-s', 'scdl/budget', '-o', input]);
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('-o naming a folder is one clear failure, with no temporary file left', async () => {
    const dir = workdir();
    mkdirSync(path.join(dir, 'sortie'));
    const r = await runCli(['normalize', path.join(dir, 'budget.csv'), '-o', path.join(dir, 'sortie')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dossier/);
  });
});

describe('datapackage.json', () => {
  it('an existing package keeps its own keys and resources; odf adds or replaces its own', async () => {
    const dir = workdir();
    const out = path.join(dir, 'publication');
    mkdirSync(out);
    writeFileSync(
      path.join(out, 'datapackage.json'),
      JSON.stringify({
        name: 'mairie',
        title: 'Données de la mairie',
        resources: [{ name: 'autre', path: 'autre.csv' }],
      }),
    );
    const r = await runCli([
      'normalize',
      path.join(dir, 'budget.csv'),
      '-s',
      'scdl/budget',
      '--out-dir',
      out,
    ]);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.title).toBe('Données de la mairie');
    expect(pkg.resources.map((x: { path: string }) => x.path)).toEqual(['autre.csv', 'budget.csv']);
    const again = await runCli([
      'normalize',
      path.join(dir, 'budget.csv'),
      '-s',
      'scdl/budget',
      '--out-dir',
      out,
    ]);
    expect(again.code).toBe(0);
    const pkg2 = JSON.parse(readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
    expect(pkg2.resources).toHaveLength(2);
  });
});

describe('nothing to check', () => {
  it('an empty folder is a failure (exit 2), never a green run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-empty-'));
    const r = await runCli(['validate', dir, '-s', 'scdl/budget']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('usage errors', () => {
  it.each([
    [
      ['validate', 'fixtures/examples/budget-conforme.csv', '--format', 'xml'],
      /valeur « xml » invalide pour -f, --format/,
    ],
    [['validate', 'fixtures/examples/budget-conforme.csv', '--nope'], /option inconnue : --nope/],
    [['map'], /argument obligatoire manquant : fichier\./],
    [['validate', 'fixtures/examples/budget-conforme.csv', '--lang', 'de'], /langue non prise en charge/],
    [['validate', 'fixtures/examples/budget-conforme.csv', '--limit-errors', '0'], /entier positif/],
  ])('%j: exit 2 and one French sentence', async (argv, pattern) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a mapping file names its schema', () => {
  it('without --schema, the schema written in the mapping file is used', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-mapschema-'));
    const csv = path.join(dir, 'p.csv');
    writeFileSync(csv, 'zz1;zz2\nA;B\n');
    const map = path.join(dir, 'm.yaml');
    writeFileSync(map, 'schema: scdl/budget@0.8.1\nfields:\n  BGT_NOM: zz1\n');
    const r = await runCli(['validate', csv, '--map', map, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.files[0].schema).toMatchObject({ name: 'scdl/budget', version: '0.8.1' });
  });
});

describe('--synonyms on validate', () => {
  it('a user synonym maps a column the bundled table does not know', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-syn-'));
    const csv = path.join(dir, 'b.csv');
    writeFileSync(
      csv,
      readFileSync('fixtures/examples/budget-conforme.csv', 'utf8').replace('BGT_NOM', 'Organisme payeur'),
    );
    const syn = path.join(dir, 's.yaml');
    writeFileSync(syn, 'fields:\n  BGT_NOM: [Organisme payeur]\n');
    const without = JSON.parse(
      (await runCli(['validate', csv, '-s', 'scdl/budget', '--format', 'json'])).stdout,
    );
    expect(
      without.files[0].columns.find((c: { field: string }) => c.field === 'BGT_NOM').label,
    ).toBeUndefined();
    const withSyn = JSON.parse(
      (await runCli(['validate', csv, '-s', 'scdl/budget', '--synonyms', syn, '--format', 'json'])).stdout,
    );
    expect(withSyn.files[0].columns.find((c: { field: string }) => c.field === 'BGT_NOM')).toMatchObject({
      label: 'Organisme payeur',
      match: 'synonym',
    });
  });
});
