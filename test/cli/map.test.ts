// Tests of `odf map`: the proposed mapping (text and JSON), the YAML written by -o, --map, exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMappingFile } from '../../src/schema/mapping-file.js';
import { runCli } from '../helpers/cli.js';

const exports = path.resolve('fixtures/exports');
const budget = path.join(exports, 'budget-ca-finance.csv');
const delib = path.join(exports, 'deliberations-tableur.csv');
const prenoms = path.join(exports, 'prenoms-etat-civil.csv');

interface MapJson {
  schema: { name: string; version: string };
  recognized?: { score: number };
  fields: {
    name: string;
    column: number | null;
    label: string | null;
    kind: string | null;
    constant?: string;
  }[];
  extra: { column: number; label: string }[];
  findings: { code: string; fieldName?: string; params?: Record<string, unknown> }[];
  written?: string;
}

describe('odf map', () => {
  it('prints the mapping as JSON, with its findings; exit 1 when a required field has no column', async () => {
    const r = await runCli(['map', delib, '--schema', 'scdl/deliberations', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as MapJson;
    expect(j.schema.name).toBe('scdl/deliberations');
    expect(j.fields.find((f) => f.name === 'DELIB_DATE')).toMatchObject({
      column: 3,
      label: 'Séance du',
      kind: 'synonym',
    });
    expect(j.fields.find((f) => f.name === 'COLL_SIRET')).toMatchObject({ column: null });
    expect(j.extra).toEqual([{ column: 12, label: 'Rapporteur' }]);
    expect(j.findings.map((f) => [f.code, f.fieldName ?? null])).toContainEqual([
      'missing-label',
      'COLL_SIRET',
    ]);
  });

  it('exits 0 when every required field has a source', async () => {
    const r = await runCli(['map', prenoms, '-s', 'scdl/prenoms', '--format', 'json']);
    expect(r.code).toBe(0);
  });

  it('recognises the schema when --schema is absent', async () => {
    const r = await runCli(['map', budget, '--format', 'json']);
    const j = JSON.parse(r.stdout) as MapJson;
    expect(j.schema.name).toBe('scdl/budget');
    expect(j.recognized?.score).toBeGreaterThan(0.5);
  });

  it('prints a table in the terminal, in French and in English', async () => {
    const fr = await runCli(['map', budget, '-s', 'scdl/budget']);
    expect(fr.stdout).toMatch(/^BGT_ANNEE \*\s+1\. Exercice\s+synonyme$/m);
    expect(fr.stdout).toMatch(/^BGT_MTPREV\s+—$/m);
    const en = await runCli(['map', budget, '-s', 'scdl/budget', '--lang', 'en']);
    expect(en.stdout).toMatch(/^BGT_ANNEE \*\s+1\. Exercice\s+synonym$/m);
  });

  it('writes the YAML with -o; once edited, --map applies it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-map-'));
    const out = path.join(dir, 'correspondance.yaml');
    const r = await runCli(['map', delib, '-s', 'scdl/deliberations', '-o', out, '--format', 'json']);
    expect((JSON.parse(r.stdout) as MapJson).written).toBe(out);
    const yaml = readFileSync(out, 'utf8');
    expect(parseMappingFile(yaml, out).schema).toMatch(/^scdl\/deliberations@/);
    writeFileSync(
      out,
      yaml.replace(/^ {2}COLL_SIRET: null/m, '  COLL_SIRET: { constant: "21290212500019" }'),
    );
    const again = await runCli(['map', delib, '-s', 'scdl/deliberations', '--map', out, '--format', 'json']);
    expect(again.code).toBe(0);
    const j = JSON.parse(again.stdout) as MapJson;
    expect(j.fields.find((f) => f.name === 'COLL_SIRET')).toMatchObject({
      constant: '21290212500019',
      kind: 'mapping',
    });
  });

  it('writes the YAML to standard output with -o -', async () => {
    const r = await runCli(['map', prenoms, '-s', 'scdl/prenoms', '-o', '-']);
    const file = parseMappingFile(r.stdout, '<stdout>');
    expect(file.entries.map((e) => [e.fieldName, e.source])).toContainEqual([
      'ENFANT_PRENOM',
      { kind: 'column', label: 'Prénom' },
    ]);
  });

  it('fails (exit 2) on a mapping file naming a column the input lacks, citing the line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-map-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'fields:\n  COLL_NOM: Nom de la collectivité\n  DELIB_DATE: Date de séance\n');
    const r = await runCli(['map', delib, '-s', 'scdl/deliberations', '--map', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ligne 3');
  });

  it('uses a user synonyms file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-map-'));
    const syn = path.join(dir, 'syn.yaml');
    writeFileSync(syn, 'fields:\n  BUDGET_NOM: [Rapporteur]\n');
    const r = await runCli(['map', delib, '-s', 'scdl/deliberations', '--synonyms', syn, '--format', 'json']);
    const j = JSON.parse(r.stdout) as MapJson;
    expect(j.fields.find((f) => f.name === 'BUDGET_NOM')).toMatchObject({
      label: 'Rapporteur',
      kind: 'synonym',
    });
  });

  it('turns a user synonym whose values contradict the field into a suggestion, with the values', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-map-'));
    const syn = path.join(dir, 'syn.yaml');
    // « Rapporteur » holds names (« M. le Maire »), VOTE_EFFECTIF a number of members.
    writeFileSync(syn, 'fields:\n  VOTE_EFFECTIF: [Rapporteur]\n');
    const r = await runCli(['map', delib, '-s', 'scdl/deliberations', '--synonyms', syn, '--format', 'json']);
    const j = JSON.parse(r.stdout) as MapJson;
    expect(j.fields.find((f) => f.name === 'VOTE_EFFECTIF')).toMatchObject({
      column: null,
      suggestion: { label: 'Rapporteur' },
    });
    const mismatch = j.findings.find((f) => f.code === 'label-content-mismatch');
    expect(mismatch?.params).toMatchObject({
      label: 'Rapporteur',
      fieldName: 'VOTE_EFFECTIF',
      kind: 'synonym',
    });
    expect(mismatch?.params?.refused).toContain('M. le Maire');
  });
  it('lists the closest schemas with --schemas, from the header and the first rows', async () => {
    const r = await runCli(['map', delib, '--schemas', '--format', 'json']);
    const j = JSON.parse(r.stdout) as MapJson & { schemas?: { name: string; score: number }[] };
    expect(j.schemas?.length).toBeGreaterThan(0);
    expect(j.schemas![0]!.name).toBe('scdl/deliberations');
    const text = await runCli(['map', delib, '--schemas', '--lang', 'en']);
    expect(text.stdout).toMatch(/Closest schemas:\n +\d+ % {2}scdl\/deliberations@/);
  });

  it('maps at the version the file fits when the schema is named without one', async () => {
    const file = 'fixtures/matching/covoiturage-0.2.8.csv';
    const r = await runCli(['map', file, '-s', 'etalab/schema-lieux-covoiturage', '--format', 'json']);
    const j = JSON.parse(r.stdout) as MapJson;
    expect(j.schema.version).toBe('0.2.8');
  });
});
