import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A few runs of the real executable in a child process: exit codes and the stdout/stderr split.
// Everything else calls the library or main() in-process.
const BIN = path.resolve('bin/odf.js');

function odf(args: string[], input?: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LANG: 'fr_FR.UTF-8', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync('dist/cli/main.js'))
    throw new Error('dist/ is missing: run `npm run build` (npm run check does it) first');
});

describe('bin/odf.js', () => {
  it('exit 0 on a conform file; the report on stdout, nothing on stderr', () => {
    const r = odf(['validate', 'fixtures/examples/budget-conforme.csv', '-s', 'scdl/budget']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('conforme');
    expect(r.stderr).toBe('');
  });

  it('exit 1 when the file has errors', () => {
    const r = odf(['validate', 'fixtures/structure/invalid.csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('blank-label');
  });

  it('exit 2 with one sentence on stderr for a missing file, never a stack trace', () => {
    const r = odf(['validate', 'nope/absent.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('absent.csv');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exit 2 for an unknown schema, with the closest names', () => {
    const r = odf(['validate', 'fixtures/examples/budget-conforme.csv', '-s', 'budjet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scdl/budget');
  });

  it('exit 2 for a file that is not a table', () => {
    const r = odf(['validate', 'fixtures/sheets/not-a-spreadsheet.zip']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exit 2 for a bad option', () => {
    const r = odf(['validate', 'fixtures/examples/budget-conforme.csv', '--limit-errors', 'beaucoup']);
    expect(r.code).toBe(2);
  });

  it('reads standard input with -', () => {
    const r = odf(
      ['validate', '-', '-s', 'scdl/budget', '--format', 'json'],
      readFileSync('fixtures/examples/budget-export-mairie.csv'),
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files[0].source.encoding).toBe('windows-1252');
  });

  it('--lang en and an English locale switch the language', () => {
    expect(odf(['validate', 'fixtures/structure/invalid.csv', '--lang', 'en']).stdout).toContain(
      'Verdict: ✗ invalid',
    );
    expect(
      odf(['validate', 'fixtures/structure/invalid.csv'], undefined, { LANG: 'en_GB.UTF-8' }).stdout,
    ).toContain('invalid');
  });

  it('normalize -o - writes the CSV on stdout and the report on stderr', () => {
    const r = odf([
      'normalize',
      'fixtures/examples/budget-export-mairie.csv',
      '-s',
      'scdl/budget',
      '-o',
      '-',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('fixtures/examples/budget-conforme.csv', 'utf8'));
    expect(r.stderr).toContain('budget-export-mairie.csv');
  });

  it('normalize writes the output and datapackage.json atomically, and never touches the input', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-e2e-'));
    const before = readFileSync('fixtures/examples/budget-export-mairie.csv');
    const r = odf([
      'normalize',
      'fixtures/examples/budget-export-mairie.csv',
      '--out-dir',
      dir,
      '--metadata',
      'udata,dcat',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'budget-export-mairie.csv'), 'utf8')).toBe(
      readFileSync('fixtures/examples/budget-conforme.csv', 'utf8'),
    );
    const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.resources[0].path).toBe('budget-export-mairie.csv');
    expect(existsSync(path.join(dir, 'udata.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'dcat.jsonld'))).toBe(true);
    expect(readFileSync('fixtures/examples/budget-export-mairie.csv').equals(before)).toBe(true);
  });

  it('a closed pipe on stdout ends quietly', async () => {
    const child = spawn(process.execPath, [BIN, 'schemas', 'list'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code === 0 || code === null).toBe(true);
  });
});
