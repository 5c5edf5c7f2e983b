import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueIndex,
  latestSchemas,
  listSchemas,
  looksLikeCatalogueName,
  resolveCatalogueName,
  schemasDir,
  suggestSchemaNames,
  type CatalogueEntry,
} from '../../src/schema/catalogue.js';
import { isOdfError } from '../../src/errors.js';

function errorOf(fn: () => unknown): { code: string; data: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (isOdfError(e)) return { code: e.code, data: e.data };
    throw e;
  }
  throw new Error('expected an OdfError');
}

function semverKey(v: string): number[] {
  return v.split('.').map(Number);
}

describe('schemas/index.json', () => {
  const index = catalogueIndex();

  it('holds the 58 schemas and 160 versions vendored from ../shared', () => {
    expect(index).toHaveLength(58);
    expect(index.reduce((n, e) => n + e.versions.length, 0)).toBe(160);
  });

  it('lists versions in semver order with exactly the last one marked latest', () => {
    for (const e of index) {
      const keys = e.versions.map((v) => semverKey(v.version));
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1]!, keys[i]!];
        const cmp = a.map((x, j) => x - (b[j] ?? 0)).find((d) => d !== 0) ?? 0;
        expect(cmp, `${e.name} ${e.versions[i]!.version}`).toBeLessThan(0);
      }
      expect(e.versions.filter((v) => v.latest).map((v) => v.version)).toEqual([e.latest]);
      expect(e.versions[e.versions.length - 1]!.version).toBe(e.latest);
    }
  });

  it('points at files that exist, with their field counts and custom checks', () => {
    for (const e of index) {
      for (const v of e.versions) {
        const schema = JSON.parse(readFileSync(path.join(schemasDir(), v.path), 'utf8')) as {
          fields: unknown[];
          custom_checks?: { name: string }[];
        };
        expect(v.fields).toBe(schema.fields.length);
        expect(v.customChecks).toEqual([...new Set((schema.custom_checks ?? []).map((c) => c.name))].sort());
        expect(v.url).toMatch(/^https:\/\//);
      }
    }
  });

  it('keeps the bytes recorded in every SOURCE.txt (sha256)', () => {
    let checked = 0;
    for (const e of index) {
      for (const v of e.versions) {
        const source = path.join(schemasDir(), path.dirname(v.path), 'SOURCE.txt');
        if (!existsSync(source)) continue;
        const m = /bytes copied unchanged \(sha256 ([0-9a-f]{64})\)/.exec(readFileSync(source, 'utf8'));
        expect(m, source).not.toBeNull();
        const actual = createHash('sha256')
          .update(readFileSync(path.join(schemasDir(), v.path)))
          .digest('hex');
        expect(actual, v.path).toBe(m![1]);
        checked++;
      }
    }
    expect(checked).toBe(22);
  });

  it('bundles the Table Schema v1 profile with its source', () => {
    expect(existsSync(path.join(schemasDir(), 'profiles', '1.0', 'tableschema.json'))).toBe(true);
    expect(existsSync(path.join(schemasDir(), 'profiles', 'SOURCE.txt'))).toBe(true);
    for (const f of ['SOURCE.txt', 'SOURCES.md', 'LICENCES.md', 'schemas.json']) {
      expect(existsSync(path.join(schemasDir(), f)), f).toBe(true);
    }
  });

  it('copies the official example files next to their SOURCE.txt', () => {
    const dir = path.join(schemasDir(), '..', 'fixtures', 'official');
    for (const [name, version, file] of [
      ['stationnement', '0.1.4', 'exemple-valide.xlsx'],
      ['irve-statique', '2.3.1', 'exemple-valide-statique.csv'],
      ['bal', '1.4.0', 'bal_simple_v1.4.csv'],
    ]) {
      expect(existsSync(path.join(dir, name!, version!, file!)), `${name}/${version}/${file}`).toBe(true);
    }
    for (const name of readdirSync(dir)) {
      for (const version of readdirSync(path.join(dir, name))) {
        expect(existsSync(path.join(dir, name, version, 'SOURCE.txt')), `${name}/${version}`).toBe(true);
      }
    }
  });
});

describe('resolveCatalogueName', () => {
  it.each([
    ['scdl/budget', 'scdl/budget', '0.8.3'],
    ['budget', 'scdl/budget', '0.8.3'],
    ['scdl/budget@0.8.1', 'scdl/budget', '0.8.1'],
    ['budget@v0.8.2', 'scdl/budget', '0.8.2'],
    ['scdl/budget@latest', 'scdl/budget', '0.8.3'],
    ['SCDL/Budget', 'scdl/budget', '0.8.3'],
    ['etalab/schema-irve-statique', 'etalab/schema-irve-statique', '2.3.1'],
    ['irve-statique', 'etalab/schema-irve-statique', '2.3.1'],
    ['etalab/bal@1.4.0', 'etalab/schema-bal', '1.4.0'],
    ['schema-bal', 'etalab/schema-bal', '1.5.0'],
    ['deliberations@2.0.0', 'scdl/deliberations', '2.0.0'],
  ])('%s → %s@%s', (ref, name, version) => {
    const r = resolveCatalogueName(ref);
    expect([r.name, r.version]).toEqual([name, version]);
    expect(existsSync(r.path)).toBe(true);
    expect(r.path.endsWith(path.join(name, version, 'schema.json'))).toBe(true);
  });

  it('gives the schema.data.gouv.fr URL of the version', () => {
    expect(resolveCatalogueName('scdl/budget@0.8.3').url).toBe(
      'https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json',
    );
  });

  it.each([
    ['budjet', ['scdl/budget']],
    ['scdl/budjet', ['scdl/budget']],
    ['deliberation', ['scdl/deliberations']],
    ['stationement', ['etalab/schema-stationnement']],
  ])('unknown %s → schema-not-found suggesting %j', (ref, expected) => {
    const e = errorOf(() => resolveCatalogueName(ref));
    expect(e.code).toBe('schema-not-found');
    expect((e.data.suggestions as string[]).slice(0, expected.length)).toEqual(expected);
  });

  it('suggests nothing for a name far from every schema', () => {
    const e = errorOf(() => resolveCatalogueName('zzzzzzzzzzzz'));
    expect([e.code, e.data.suggestions]).toEqual(['schema-not-found', []]);
  });

  it('lists the available versions of an unknown version', () => {
    const e = errorOf(() => resolveCatalogueName('scdl/budget@9.9.9'));
    expect(e.code).toBe('schema-not-found');
    expect(e.data.available).toEqual(['0.8.1', '0.8.2', '0.8.3']);
  });

  it('refuses a short name two organisations share, listing both', () => {
    const entry = (name: string): CatalogueEntry => ({
      ...catalogueIndex().find((e) => e.name === 'scdl/budget')!,
      name,
      org: name.split('/')[0]!,
      shortName: name.split('/')[1]!,
    });
    const two = [entry('scdl/budget'), entry('other/budget')];
    const e = errorOf(() => resolveCatalogueName('budget', two));
    expect([e.code, e.data.candidates]).toEqual(['schema-not-found', ['scdl/budget', 'other/budget']]);
    expect(resolveCatalogueName('other/budget', two).name).toBe('other/budget');
  });
});

describe('listSchemas, latestSchemas, suggestions', () => {
  it('lists every schema without a search, sorted by name', () => {
    const names = listSchemas().map((e) => e.name);
    expect(names).toHaveLength(58);
    expect(names).toEqual([...names].sort());
  });

  it.each([
    ['subvention', ['scdl/subventions']],
    ['BUDGET établissements publics', ['scdl/budget']],
    ['délibérations', ['scdl/deliberations']],
    ['IRVE', ['etalab/schema-irve-dynamique', 'etalab/schema-irve-statique', 'etalab/schema-sdirve']],
    ['nothing-like-this', []],
  ])('search %s', (search, expected) => {
    expect(listSchemas(search).map((e) => e.name)).toEqual(expected);
  });

  it('gives the latest version of each schema for auto-detection', () => {
    const latest = latestSchemas();
    expect(latest).toHaveLength(58);
    for (const r of latest) expect(r.version).toBe(r.entry.latest);
    expect(latest.find((r) => r.name === 'etalab/schema-bal')?.version).toBe('1.5.0');
  });

  it('ranks the closest names first', () => {
    expect(suggestSchemaNames('prenom')[0]).toBe('scdl/prenoms');
  });

  it.each([
    ['scdl/budget', true],
    ['budget@0.8.1', true],
    ['schema.json', false],
    ['./budget', false],
    ['dir/sub/schema', false],
    ['https://example.org/x', false],
  ])('looksLikeCatalogueName(%s) = %s', (ref, expected) => {
    expect(looksLikeCatalogueName(ref)).toBe(expected);
  });
});
