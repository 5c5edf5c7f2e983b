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
