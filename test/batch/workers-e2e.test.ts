// The built CLI (bin/odf.js) on worker threads: the same report as in one thread, exit codes, stdout/stderr split.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const built = existsSync('dist/run/worker.js');
const title = built
  ? 'odf on worker threads (dist/)'
  : 'odf on worker threads — SKIPPED: dist/ is not built (npm run build)';

function odf(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/odf.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)(title, () => {
  it('gives byte-identical JSON with 1 and 3 jobs, files in input order', () => {
    const args = [
      'validate',
      'fixtures/exports',
      'fixtures/report/batch',
      'fixtures/examples',
      '--format',
      'json',
    ];
    const one = odf([...args, '--jobs', '1']);
    const three = odf([...args, '--jobs', '3']);
    expect(one.code).toBe(1);
    expect(three).toEqual(one);
    expect(three.stderr).toBe('');
    const paths = (JSON.parse(three.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(paths.slice(0, 2)).toEqual([
      'fixtures/exports/budget-ca-finance.csv',
      'fixtures/exports/budget-formulaire-dm.csv',
    ]);
    expect(paths.at(-1)).toBe('fixtures/examples/budget-export-mairie.csv');
  });

  it('reports an unreadable file among others with exit 2, the report still on stdout', () => {
    const r = odf([
      'validate',
      'fixtures/report/batch',
      'fixtures/report/absent.csv',
      '-s',
      'fixtures/report/schema.json',
      '--jobs',
      '2',
      '--format',
      'junit',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('<testsuites');
    expect(r.stderr).toMatch(/^odf ?: .*fixtures\/report\/absent\.csv[^\n]*\n$/);
  });

  it('prints --help with the batch options', () => {
    const help = execFileSync(process.execPath, ['bin/odf.js', 'validate', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });
    for (const opt of ['--format', '--config', '--jobs', '--output']) expect(help).toContain(opt);
  });
});
