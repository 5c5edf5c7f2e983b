// Golden files for every report format, French and English, from real CLI runs over fixtures/report.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/report/types.js';

const SCHEMA = 'fixtures/report/schema.json';
const BATCH = ['fixtures/report/batch', 'fixtures/report/absent.csv'];
const SINGLE = ['fixtures/report/batch/erreurs.csv'];
const STABLE = { SOURCE_DATE_EPOCH: '1767225600' };
const FORMATS = [
  ['text', 'txt'],
  ['json', 'json'],
  ['html', 'html'],
  ['junit', 'xml'],
  ['github', 'txt'],
  ['gitlab', 'json'],
  ['markdown', 'md'],
  ['sarif', 'sarif.json'],
] as const;

describe.each(['fr', 'en'] as const)('report formats in %s', (lang) => {
  it.each(FORMATS)('batch as %s matches its golden file', async (format, ext) => {
    // SOURCE_DATE_EPOCH fixes the report's date and leaves durations out: the same bytes every run.
    const run = await runCli(['validate', ...BATCH, '-s', SCHEMA, '--format', format, '--jobs', '1'], {
      lang,
      env: STABLE,
    });
    // A missing file in a batch is a failure odf reports: exit 2, and the report still comes out.
    expect(run.code).toBe(2);
    // The report holds the reason; stderr says in one sentence that a file could not be read (issue 12).
    expect(run.stderr).toBe(
      lang === 'fr'
        ? 'odf : 1 fichier sur 3 n’a pas pu être traité (fixtures/report/absent.csv) ; le rapport dit pourquoi.\n'
        : 'odf: 1 of 3 files could not be processed (fixtures/report/absent.csv); the report says why for each.\n',
    );
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/batch.${lang}.${format}.${ext}`);
  });

  it.each(FORMATS)('one file as %s matches its golden file', async (format, ext) => {
    const run = await runCli(['validate', ...SINGLE, '-s', SCHEMA, '--format', format], {
      lang,
      env: STABLE,
    });
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot(`./__snapshots__/single.${lang}.${format}.${ext}`);
  });
});

describe('the report content behind every format', () => {
  it('is the same whatever the number of jobs, and in input order', async () => {
    const one = await runCli(['validate', ...BATCH, '-s', SCHEMA, '--format', 'json', '--jobs', '1']);
    const four = await runCli(['validate', ...BATCH, '-s', SCHEMA, '--format', 'json', '--jobs', '4']);
    expect(four.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as Report;
    expect(report.files.map((f) => f.path)).toEqual([
      'fixtures/report/batch/conforme.csv',
      'fixtures/report/batch/erreurs.csv',
    ]);
    expect(report.failures.map((f) => [f.path, f.code])).toEqual([
      ['fixtures/report/absent.csv', 'file-not-found'],
    ]);
    expect(report.skipped).toEqual([{ path: 'fixtures/report/batch/notes.md', reason: 'unsupported' }]);
    expect(report.summary).toMatchObject({ files: 3, valid: 1, invalid: 1, failed: 1, skipped: 1 });
  });

  it('gives every file a score and a column profile', async () => {
    const run = await runCli(['validate', ...SINGLE, '-s', SCHEMA, '--format', 'json']);
    const file = (JSON.parse(run.stdout) as Report).files[0]!;
    expect(file.score?.score).toBeGreaterThan(0);
    expect(file.profile?.map((p) => [p.column, p.label, p.field])).toEqual([
      [1, 'id', 'id'],
      [2, 'commune', 'commune'],
      [3, 'Montant', 'montant'],
      [4, 'date_vote', 'date_vote'],
      [5, 'statut', 'statut'],
      [6, 'remarque', undefined],
    ]);
  });
});
