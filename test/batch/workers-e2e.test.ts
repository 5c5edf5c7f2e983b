// The built CLI (bin/odf.js) on worker threads: the same report as in one thread, exit codes, stdout/stderr split.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const built = existsSync('dist/run/worker.js');
const title = built
  ? 'odf on worker threads (dist/)'
  : 'odf on worker threads — SKIPPED: dist/ is not built (npm run build)';

function odf(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/odf.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'odf-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A folder of 19 files: the exports of four schemas (recognised per file), two files of a fifth in a
 * subfolder, and a workbook odf cannot read. More files than lanes, so that workers hold tasks ahead.
 */
function mixedFolder(): string {
  const dir = path.join(tmp, 'mixed');
  if (existsSync(dir)) return dir;
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  for (const f of readdirSync('fixtures/exports').filter((f) => f.endsWith('.csv')))
    copyFileSync(path.join('fixtures/exports', f), path.join(dir, f));
  for (const f of ['conforme.csv', 'erreurs.csv'])
    copyFileSync(path.join('fixtures/report/batch', f), path.join(dir, 'sub', f));
  writeFileSync(path.join(dir, 'casse.xlsx'), 'PK\u0003\u0004 not a workbook');
  return dir;
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

  it.each([
    ['text', 2],
    ['json', 3],
  ])(
    'gives the same %s report with 1 and %i jobs on a mixed folder with a file it cannot read',
    (format, jobs) => {
      const dir = mixedFolder();
      const one = odf(['validate', dir, '--format', String(format), '--jobs', '1']);
      const more = odf(['validate', dir, '--format', String(format), '--jobs', String(jobs)]);
      expect(one.code).toBe(2);
      expect(more).toEqual(one);
      expect(one.stdout).toContain('casse.xlsx');
      if (format === 'json') {
        const report = JSON.parse(one.stdout) as {
          files: { path: string; schema?: { name?: string } }[];
          failures: { path: string }[];
        };
        expect(report.files).toHaveLength(18);
        expect(report.failures.map((f) => path.basename(f.path))).toEqual(['casse.xlsx']);
        expect(new Set(report.files.map((f) => f.schema?.name)).size).toBeGreaterThanOrEqual(4);
      }
    },
  );

  it('writes the same files and report with 1 and 2 jobs (normalize)', () => {
    const dir = mixedFolder();
    const out = path.join(tmp, 'normalized');
    const outputs = [1, 2].map((jobs) => {
      rmSync(out, { recursive: true, force: true });
      const r = odf(['normalize', dir, '--out-dir', out, '--format', 'json', '--jobs', String(jobs)]);
      const files = Object.fromEntries(
        readdirSync(out, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => {
            const file = path.join(e.parentPath, e.name);
            return [path.relative(out, file), readFileSync(file, 'utf8')];
          }),
      );
      return { ...r, files };
    });
    expect(outputs[0]!.code).toBe(2);
    expect(Object.keys(outputs[0]!.files).length).toBeGreaterThan(10);
    expect(outputs[1]).toEqual(outputs[0]);
  });

  it('prints --help with the batch options', () => {
    const help = execFileSync(process.execPath, ['bin/odf.js', 'validate', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });
    for (const opt of ['--format', '--config', '--jobs', '--output']) expect(help).toContain(opt);
  });
});
