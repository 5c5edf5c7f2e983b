// The official SCDL example files (fixtures/official, vendored from schema.data.gouv.fr) hold no personal data.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from './read-csv.js';
import { flatten, scanTable } from './scan-helpers.js';

const root = fileURLToPath(new URL('../../fixtures/official', import.meta.url));

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? csvFiles(join(dir, e.name)) : e.name.endsWith('.csv') ? [join(dir, e.name)] : [],
  );
}

const files = csvFiles(root).map((f) => [f.slice(root.length + 1), f] as const);

describe('official SCDL example files', () => {
  it('are all there (valid examples, invalid ones and the BAL samples)', () => {
    expect(files.filter(([name]) => /exemple-valide/.test(name)).length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s: no personal data suspected', (_, path) => {
    const { header, rows } = readCsv(path);
    expect(flatten(scanTable(header, rows))).toEqual([]);
  });
});
