import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('odf schemas list', () => {
  it('lists every schema in text with a header line and a count', async () => {
    const r = await runCli(['schemas', 'list']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NOM\s+DERNIÈRE\s+VERSIONS\s+TITRE$/);
    // One entry per schema; a name too long for its column stands alone on its line (80 columns).
    expect(lines.filter((l) => /^\S+\/\S+(\s+\d|$)/.test(l))).toHaveLength(58);
    // The foot: the count, then which catalogue is in use, on its own line.
    expect(r.stdout.slice(r.stdout.lastIndexOf('\n\n') + 2)).toMatch(/^58 schémas\.\nCatalogue/);
    // The table fits 80 columns (the catalogue line names a folder and is not cut).
    for (const l of lines.slice(0, -1)) expect([...l].length).toBeLessThanOrEqual(80);
    expect(
      lines
        .find((l) => l.startsWith('scdl/budget '))
        ?.split(/\s{2,}/)
        .slice(0, 3),
    ).toEqual(['scdl/budget', '0.8.3', '3']);
  });

  it('searches and writes JSON', async () => {
    const r = await runCli(['schemas', 'list', '--search', 'subvention', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemas: { name: string; latest: string; versions: string[] }[] };
    expect(doc.schemas.map((s) => [s.name, s.latest, s.versions.length])).toEqual([
      ['scdl/subventions', '2.1.1', 6],
    ]);
  });

  it('writes English headers with --lang en', async () => {
    const r = await runCli(['--lang', 'en', 'schemas', 'list', '-s', 'budget établissements']);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+LATEST\s+VERSIONS\s+TITLE$/);
  });

  it('says when nothing matches, with exit code 0', async () => {
    const r = await runCli(['schemas', 'list', '--search', 'zzzzzz']);
    expect([r.code, r.stdout.split('\n').length]).toEqual([0, 2]);
  });

  it('refuses an unknown format with exit code 2', async () => {
    expect((await runCli(['schemas', 'list', '--format', 'xml'])).code).toBe(2);
  });
});

describe('odf schemas show', () => {
  it('describes the latest version of a catalogue schema', async () => {
    const r = await runCli(['schemas', 'show', 'budget']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toMatch(/^scdl\/budget 0\.8\.3 — /);
    expect(r.stdout).toContain('https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json');
    expect(r.stdout).toMatch(/^ {2}1\. BGT_NATDEC {2}string {2}obligatoire$/m);
    expect(r.stdout).toMatch(/^ {2}- french-siret-value {2}\{"column":"BGT_SIRET"\}$/m);
  });

  it('gives fields, constraints, examples and custom checks in JSON', async () => {
    const r = await runCli(['schemas', 'show', 'scdl/budget@0.8.1', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      name: string;
      version: string;
      source: string;
      versions: string[];
      fields: { name: string; type: string; required: boolean; constraints: Record<string, unknown> }[];
      customChecks: { name: string; params: Record<string, unknown> }[];
      findings: unknown[];
    };
    expect([doc.name, doc.version, doc.versions]).toEqual([
      'scdl/budget',
      '0.8.1',
      ['0.8.1', '0.8.2', '0.8.3'],
    ]);
    expect(doc.fields).toHaveLength(22);
    expect(doc.fields[0]).toMatchObject({ name: 'BGT_NATDEC', type: 'string', required: true });
    expect(doc.customChecks).toEqual([{ name: 'french-siret-value', params: { column: 'BGT_SIRET' } }]);
    expect(doc.findings).toEqual([]);
  });

  it('lists the warnings of a schema with non-string examples', async () => {
    const r = await runCli(['schemas', 'show', 'irve-statique', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { findings: { code: string; level: string; fieldName: string }[] };
    expect(r.code).toBe(0);
    expect(new Set(doc.findings.map((f) => `${f.code}:${f.level}`))).toEqual(
      new Set(['schema-example-invalid:warning']),
    );
    expect(doc.findings.map((f) => f.fieldName)).toContain('gratuit');
  });

  it('shows a local YAML file read from the working directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-cli-schemas-'));
    writeFileSync(
      path.join(dir, 'mon-schema.yaml'),
      'title: Essai\nfields:\n  - name: code\n    type: integer\n',
    );
    const r = await runCli(['--lang', 'en', 'schemas', 'show', 'mon-schema.yaml'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^ {2}1\. code {2}integer {2}optional$/m);
  });

  it.each([
    [['schemas', 'show', 'budjet']],
    [['schemas', 'show', 'scdl/budget@9.9.9']],
    [['schemas', 'show', 'nope.json']],
  ])('fails with exit code 2 and one line on stderr: %j', async (argv) => {
    const r = await runCli(argv);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
