import { describe, expect, it } from 'vitest';
import * as odf from '../src/index.js';

// The library API the README documents.
describe('library API', () => {
  it('validate() gives a scored report; a missing file is a failure, not an exception', async () => {
    const report = await odf.validate(['fixtures/examples/budget-conforme.csv', 'absent.csv'], {
      schema: 'scdl/budget',
    });
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.valid).toBe(true);
    expect(report.files[0]!.score?.score).toBe(100);
    expect(report.failures.map((f) => f.code)).toEqual(['file-not-found']);
    expect(report.valid).toBe(false);
  });

  it('an unloadable schema throws an OdfError', async () => {
    await expect(
      odf.validate('fixtures/examples/budget-conforme.csv', { schema: 'budjet' }),
    ).rejects.toSatisfy(odf.isOdfError);
  });

  it('openTable streams rows counted like Frictionless; detect reads the whole file', async () => {
    const { meta, rows } = await odf.openTable('fixtures/examples/budget-conforme.csv');
    const numbers: number[] = [];
    for await (const r of rows) numbers.push(r.rowNumber);
    expect(numbers).toEqual([2, 3, 4, 5]);
    expect(meta.columns[0]).toBe('BGT_NATDEC');
    expect((await odf.detect('fixtures/examples/budget-export-mairie.csv')).encoding).toBe('windows-1252');
  });

  it('exports every renderer', async () => {
    const report = await odf.validate('fixtures/structure/invalid.csv', { lang: 'en' });
    for (const render of [
      odf.renderText,
      odf.renderHtml,
      odf.renderJunit,
      odf.renderGithub,
      odf.renderGitlab,
      odf.renderMarkdown,
    ]) {
      expect(render(report, { lang: 'en' }).length).toBeGreaterThan(0);
    }
    expect(JSON.parse(odf.renderJson(report)).version).toBe(1);
  });
});

describe('the library and the CLI stand on one engine', () => {
  it('validate() returns the object `odf validate --format json` prints, profile and scores included', async () => {
    const { runCli } = await import('./helpers/cli.js');
    for (const [files, schema] of [
      [['fixtures/examples/budget-export-mairie.csv'], 'scdl/budget'],
      [['fixtures/structure/invalid.csv', 'fixtures/examples/budget-conforme.csv', 'absent.csv'], undefined],
    ] as const) {
      const report = await odf.validate(files, { schema, lang: 'en' });
      const cli = await runCli(['validate', ...files, ...(schema ? ['-s', schema] : []), '-f', 'json'], {
        lang: 'en',
      });
      expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(odf.renderJson(report)));
      expect(report.files[0]!.profile?.length).toBeGreaterThan(0);
      expect(report.files[0]!.score).toBeDefined();
    }
  });

  it('filters, fail level and exact totals are the engine’s: the same report and exit code both ways', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const file = 'fixtures/examples/budget-export-mairie.csv';
    const report = await odf.validate(file, {
      lang: 'en',
      limitErrors: 2,
      skipErrors: ['#cell', 'incorrect-label'],
      failLevel: 'warning',
    });
    const argv = ['validate', file, '--limit-errors', '2', '--skip-errors', '#cell,incorrect-label'];
    const cli = await runCli([...argv, '--fail-level', 'warning', '-f', 'json'], { lang: 'en' });
    expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(odf.renderJson(report)));
    // No error is left, but a warning about the data is: valid, and yet exit code 1 at this fail level.
    expect([report.valid, report.failLevel, odf.exitCodeOf(report), cli.code]).toEqual([
      true,
      'warning',
      1,
      1,
    ]);
    expect(Object.keys(report.files[0]!.totals.byCode)).not.toContain('type-error');
    const picked = await odf.validate(file, { limitErrors: 2, pickErrors: ['type-error'] });
    expect(picked.files[0]!.partial).toBe(true);
    expect(picked.files[0]!.totals.byCode).toEqual({ 'type-error': 8 });
    await expect(odf.validate(file, { pickErrors: ['type-eror'] })).rejects.toSatisfy(odf.isOdfError);
  });

  it('renders any report in every registered format', async () => {
    const report = await odf.validate('fixtures/examples/budget-conforme.csv', { schema: 'scdl/budget' });
    for (const name of odf.FORMAT_NAMES) {
      expect(odf.renderReport(report, name, { lang: 'fr' })).toBe(odf.formats[name](report, { lang: 'fr' }));
    }
    expect(odf.renderReport(report, 'json', { lang: 'fr' })).toBe(odf.renderJson(report));
  });

  it('normalize() writes the file and returns its report', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'odf-lib-'));
    try {
      const output = path.join(dir, 'budget.csv');
      const report = await odf.normalize('fixtures/examples/budget-export-mairie.csv', {
        schema: 'scdl/budget',
        normalize: { output },
      });
      expect(report.files[0]!.normalize?.output?.path).toBe(output);
      expect(readFileSync(output)).toEqual(readFileSync('fixtures/examples/budget-conforme.csv'));
      expect(JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')).resources).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
