// Every custom check declared in the bundled schema catalogue (schemas/, the schema.data.gouv.fr snapshot plus
// the SCDL extras) is known, with valid params.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantiateChecks } from '../../src/checks/index.js';
import type { TableSchema } from '../../src/schema/types.js';

const ROOTS = ['schemas'];

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return schemaFiles(p);
    return e.name === 'schema.json' ? [p] : [];
  });
}

const withChecks = ROOTS.flatMap(schemaFiles)
  .map((path) => ({ path, schema: JSON.parse(readFileSync(path, 'utf8')) as TableSchema }))
  .filter(({ schema }) => Array.isArray(schema.custom_checks) && schema.custom_checks.length > 0);

describe('custom checks of the catalogue', () => {
  it('has schemas declaring custom checks', () => {
    expect(withChecks.length).toBeGreaterThan(50);
  });

  it.each(withChecks.map(({ path, schema }) => [path, schema]))(
    '%s: every check known, params valid',
    (_path, schema) => {
      const emitted: unknown[] = [];
      const { instances, findings } = instantiateChecks(schema as TableSchema, {
        hasColumn: () => true,
        emit: (f) => emitted.push(f),
      });
      // Old check names (`french-siret-value`…) give a warning naming the new one, and still run.
      expect(findings.filter((f) => f.code !== 'check-deprecated')).toEqual([]);
      for (const f of findings)
        expect(['siret', 'siren', 'nomenclature-acte']).toContain(f.params.replacement);
      expect(emitted).toEqual([]);
      expect(instances).toHaveLength((schema as TableSchema).custom_checks?.length ?? 0);
    },
  );
});
