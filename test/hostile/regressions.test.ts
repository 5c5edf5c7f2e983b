import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateFile } from '../../src/run/validate-file.js';

// What the hostile suite found, kept in-process so that it stays fixed whatever the suite's seed.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-hostile-regressions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('found by the hostile suite', () => {
  it('a header of 200,000 columns against a schema is a report, not « Maximum call stack size exceeded »', async () => {
    // One extra-label finding per column went through push(...findings): past ~100,000 arguments, V8 overflows.
    const f = path.join(dir, 'giant.csv');
    writeFileSync(f, `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\nx\n`);
    // With the column limit raised past the header's width, every label reaches the findings.
    const wide = await validateFile(f, {
      schema: { fields: [{ name: 'nom' }] },
      privacy: 'off',
      maxColumns: 300_000,
    });
    expect(wide.run.findings.filter((x) => x.code === 'extra-label')).toHaveLength(200_000);
  });

  it('a header wider than the column limit is cut there, with table-beyond-limits', async () => {
    const f = path.join(dir, 'giant.csv');
    writeFileSync(f, `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\nx\n`);
    const r = await validateFile(f, { schema: { fields: [{ name: 'nom' }] }, privacy: 'off' });
    expect(r.meta.columns).toHaveLength(16_384);
    expect(r.run.findings.filter((x) => x.code === 'extra-label')).toHaveLength(16_384);
    const cut = r.run.findings.find((x) => x.code === 'table-beyond-limits');
    expect(cut?.params).toMatchObject({ what: 'columns', limit: 16_384, count: 200_000 - 16_384, line: 1 });
  });
});
