// docs/report.schema.json documents `--format json`: real outputs validate against it, broken ones do not.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateAgainst } from '../../src/schema/check-schema.js';

const schema = JSON.parse(readFileSync('docs/report.schema.json', 'utf8')) as object;

describe('docs/report.schema.json', () => {
  it.each([
    [
      'a batch with a failure and a skipped file',
      [
        'validate',
        'fixtures/report/batch',
        'fixtures/report/absent.csv',
        '-s',
        'fixtures/report/schema.json',
      ],
    ],
    [
      'one file, strict, in English',
      [
        'validate',
        'fixtures/report/batch/erreurs.csv',
        '-s',
        'fixtures/report/schema.json',
        '--strict',
        '--lang',
        'en',
      ],
    ],
    ['schema recognition from the headers', ['validate', 'fixtures/examples/budget-export-mairie.csv']],
    ['every bundled export', ['validate', 'fixtures/exports']],
  ])('accepts the JSON report of %s', async (_, argv) => {
    const run = await runCli([...argv, '--format', 'json']);
    expect(validateAgainst(schema, JSON.parse(run.stdout))).toEqual([]);
  });

  it('accepts the report of normalize', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-report-'));
    try {
      const out = path.join(dir, 'report.json');
      const run = await runCli([
        'normalize',
        'fixtures/examples/budget-export-mairie.csv',
        '--out-dir',
        dir,
        '--report',
        out,
        '-q',
      ]);
      expect(run.code).toBeLessThan(2);
      expect(validateAgainst(schema, JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an unknown top-level key', (r: Record<string, unknown>) => (r.extra = 1)],
    ['a score above 100', (r: { summary: Record<string, unknown> }) => (r.summary.score = 101)],
    [
      'a finding without code',
      (r: { files: { findings: Record<string, unknown>[] }[] }) => delete r.files[0]!.findings[0]!.code,
    ],
    [
      'a bad level',
      (r: { files: { findings: Record<string, unknown>[] }[] }) => (r.files[0]!.findings[0]!.level = 'fatal'),
    ],
  ])('rejects %s', async (_, breakIt) => {
    const run = await runCli([
      'validate',
      'fixtures/report/batch/erreurs.csv',
      '-s',
      'fixtures/report/schema.json',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout);
    breakIt(report);
    expect(validateAgainst(schema, report)).not.toEqual([]);
  });
});
