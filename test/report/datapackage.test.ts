// `odf validate datapackage.json`: the package's resources against their schemas, as Frictionless does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/report/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-package-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const f = path.join(dir, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  return f;
}

describe('a Data Package as input', () => {
  it('the datapackage.json odf normalize writes validates, offline, against the bundled schema', async () => {
    const out = path.join(dir, 'published');
    mkdirSync(out);
    const norm = await runCli(
      ['normalize', path.resolve('fixtures/examples/budget-export-mairie.csv'), '--out-dir', out],
      { cwd: dir },
    );
    expect(norm.code).toBe(0);
    const run = await runCli(['validate', 'published/datapackage.json', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => [f.path, f.valid, f.schema?.name, f.schema?.version])).toEqual([
      ['published/budget-export-mairie.csv', true, 'scdl/budget', '0.8.3'],
    ]);
    // Not read as a CSV: no format-error, no 76 errors.
    expect(report.summary.errors).toBe(0);
  });

  it('reads each resource with its inline schema and dialect, and reports each file', async () => {
    write('pkg/a.csv', 'id;nom\n1;Ana\n2;Bo\n');
    write('pkg/data/b.csv', 'id;nom\n1;Ana\nx;Bo\n');
    const pkg = write(
      'pkg/datapackage.json',
      JSON.stringify({
        name: 'test',
        resources: [
          {
            name: 'a',
            path: 'a.csv',
            dialect: { delimiter: ';' },
            schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'nom' }] },
          },
          {
            name: 'b',
            path: 'data/b.csv',
            dialect: { delimiter: ';' },
            schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'nom' }] },
          },
        ],
      }),
    );
    const run = await runCli(['validate', pkg, '-f', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => [path.basename(f.path), f.valid, f.source.delimiter])).toEqual([
      ['a.csv', true, ';'],
      ['b.csv', false, ';'],
    ]);
    expect(report.files[1]!.findings.map((f) => [f.code, f.line, f.fieldName])).toEqual([
      ['type-error', 3, 'id'],
    ]);
    expect(report.files[0]!.schema?.source).toContain('schéma du Data Package');
  });

  it('refuses remote, escaping and inline resources with a sentence each (exit 2), reads the others', async () => {
    write('pkg2/ok.csv', 'a\n1\n');
    const pkg = write(
      'pkg2/datapackage.json',
      JSON.stringify({
        resources: [
          { name: 'ok', path: 'ok.csv' },
          { name: 'distante', path: 'https://example.org/x.csv' },
          { name: 'dehors', path: '../secret.csv' },
          { name: 'incluse', data: [['a'], [1]] },
        ],
      }),
    );
    const run = await runCli(['validate', pkg, '-f', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['ok.csv']);
    expect(report.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/adresse distante/),
      expect.stringMatching(/hors du dossier du Data Package/),
      expect.stringMatching(/n'a pas de fichier/),
    ]);
  });

  it('a JSON file that is not a package is read as text, and is no table', async () => {
    write('other.json', '{"a": 1}');
    const run = await runCli(['validate', 'other.json', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const file = (JSON.parse(run.stdout) as Report).files[0]!;
    expect(file.findings.map((f) => f.code)).toContain('no-table');
  });

  it('--schema overrides the package’s schema', async () => {
    write('pkg3/a.csv', 'id\nx\n');
    copyFileSync('fixtures/report/schema.json', path.join(dir, 'pkg3', 'schema.json'));
    const pkg = write(
      'pkg3/datapackage.json',
      JSON.stringify({ resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'id' }] } }] }),
    );
    expect((await runCli(['validate', pkg])).code).toBe(0);
    expect((await runCli(['validate', pkg, '-s', path.join(dir, 'pkg3', 'schema.json')])).code).toBe(1);
  });
});
