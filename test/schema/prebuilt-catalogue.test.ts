import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildPrebuiltCatalogue, type BuiltCatalogue } from '../../src/schema/prebuilt-catalogue-build.js';
import { validCheckParams } from '../../src/checks/index.js';
import { bundledNameTable } from '../../src/match/recognize-schema.js';
import { specificFieldFacts } from '../../src/match/content.js';
import { allSchemaVersions, schemasDir } from '../../src/schema/catalogue.js';
import { fingerprint } from '../../src/text/fingerprint.js';
import type { Field, TableSchema } from '../../src/schema/types.js';
import { csvHeader } from './bundled.js';

let root: string;
let built: BuiltCatalogue;
/** The prebuilt catalogue of the bundled one, written as `npm run build` writes it. */
let folder: string;

/** Write a prebuilt catalogue in a folder `name` of the temporary one. */
function write(name: string, c: BuiltCatalogue): string {
  const out = path.join(root, name);
  mkdirSync(out);
  c.families.forEach((f, n) => writeFileSync(path.join(out, `${n}.json`), JSON.stringify(f)));
  writeFileSync(path.join(out, 'index.json'), JSON.stringify(c.index));
  return out;
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'odf-prebuilt-'));
  built = buildPrebuiltCatalogue(validCheckParams, {
    nameTable: bundledNameTable,
    fieldFacts: specificFieldFacts,
  });
  folder = write('prebuilt', built);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  vi.resetModules();
});

/** A prebuilt catalogue written beside the real one, changed by `edit`. */
function variant(name: string, edit: (c: BuiltCatalogue) => void): string {
  const copy = JSON.parse(JSON.stringify(built)) as BuiltCatalogue;
  edit(copy);
  return write(name, copy);
}

const BUDGET = 'scdl/budget/0.8.3/schema.json';

/** The field definitions of a bundled schema file's family, and its version (fields as their indexes). */
function versionOf(c: BuiltCatalogue, rel: string): { fields: Field[]; schema: { fields: number[] } } {
  const family = c.families[c.index.versions[rel]!]!;
  return { fields: family.fields, schema: family.schemas[rel]! };
}

/** Fresh copies of odf's modules (no cache shared with another test), reading `prebuilt` (null: none). */
async function fresh(prebuilt: string | null) {
  vi.resetModules();
  const p = await import('../../src/schema/prebuilt-catalogue.js');
  p.usePrebuiltCatalogue(prebuilt);
  return {
    prebuilt: p,
    lib: await import('../../src/index.js'),
    recognition: await import('../../src/match/recognize-schema.js'),
    synonyms: await import('../../src/schema/synonyms.js'),
    catalogue: await import('../../src/schema/catalogue.js'),
    checks: await import('../../src/checks/index.js'),
  };
}

/** A CSV file's labels and first rows, as odf reads them. */
async function firstRows(
  lib: typeof import('../../src/index.js'),
  file: string,
): Promise<{ labels: string[]; sample: { rows: string[][] } }> {
  const { meta, rows } = await lib.openTable(file);
  const out: string[][] = [];
  for await (const r of rows) {
    out.push(r.cells);
    if (out.length >= 50) break;
  }
  return { labels: meta.columns, sample: { rows: out } };
}

/** Every fixture a schema may be recognised in (CSV, XLSX, ODS), but the 36 encodings of one table. */
function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (p !== path.join('fixtures', 'encodings')) walk(p);
      } else if (/\.(csv|xlsx|ods)$/i.test(e.name)) out.push(p);
    }
  };
  walk('fixtures');
  return out.sort();
}

describe('the prebuilt catalogue', () => {
  it('holds every bundled version without its documentation, each field definition once', () => {
    const versions = allSchemaVersions();
    expect(Object.keys(built.index.versions)).toHaveLength(versions.length);
    for (const v of versions) {
      const rel = path.relative(schemasDir(), v.path).split(path.sep).join('/');
      const full = JSON.parse(readFileSync(v.path, 'utf8')) as TableSchema;
      const { fields, schema } = versionOf(built, rel);
      expect(schema.fields.map((i) => fields[i]!.name)).toEqual(full.fields.map((f) => f.name));
      schema.fields.forEach((i, k) => {
        const { description: _d, ...rest } = full.fields[k]!;
        expect(fields[i]).toEqual(rest);
      });
      const slim = schema as unknown as TableSchema;
      expect(slim.custom_checks).toEqual(full.custom_checks);
      expect(slim.missingValues).toEqual(full.missingValues);
    }
    // Versions repeat most of their fields: each definition is written once per schema.
    const written = built.families.reduce(
      (n, f) => n + Object.values(f.schemas).reduce((m, v) => m + v.fields.length, 0),
      0,
    );
    expect(built.families.reduce((n, f) => n + f.fields.length, 0)).toBeLessThan(written / 1.5);
    // Every bundled declaration's params pass (check-schema.test.ts checks the catalogue the same way).
    expect(built.index.validCheckParams.length).toBeGreaterThan(10);
  });

  it('recognises the same schema, version and scores as the schema files do', async () => {
    const csv = fixtureFiles().filter((f) => f.endsWith('.csv'));
    const labelSets: string[][] = csv.map((f) => csvHeader(f));
    const budgetHeaders = csv.filter((f) => /budget/.test(f)).map((f) => csvHeader(f));
    // The same headers with their first rows: content confirms, contradicts or finds fields.
    const { lib } = await fresh(null);
    const samples = await Promise.all(csv.map((f) => firstRows(lib, f)));
    const without = await fresh(null);
    // Each schema's own titles: every schema and version competes.
    for (const e of without.catalogue.latestSchemas()) {
      const s = JSON.parse(readFileSync(e.path, 'utf8')) as TableSchema;
      labelSets.push(s.fields.map((x) => (typeof x.title === 'string' ? x.title : x.name)));
    }
    const expected = labelSets.map((labels) => without.recognition.recognizeCandidates(labels));
    const withContent = samples.map((x) => without.recognition.recognizeCandidates(x.labels, x.sample));
    expect(withContent.filter((r) => r.candidates.some((c) => c.contentFields)).length).toBeGreaterThan(5);
    const budgetVersions = budgetHeaders.map((labels) =>
      without.recognition.chooseVersion('scdl/budget', labels),
    );
    expect(without.prebuilt.prebuiltCatalogueInUse()).toBe(false);

    const withIt = await fresh(folder);
    expect(labelSets.map((labels) => withIt.recognition.recognizeCandidates(labels))).toEqual(expected);
    expect(samples.map((x) => withIt.recognition.recognizeCandidates(x.labels, x.sample))).toEqual(
      withContent,
    );
    expect(budgetHeaders.map((labels) => withIt.recognition.chooseVersion('scdl/budget', labels))).toEqual(
      budgetVersions,
    );
    expect(withIt.prebuilt.prebuiltCatalogueInUse()).toBe(true);
  });

  it('gives the same reports, content weighed, sheets and versions chosen, as the schema files do', async () => {
    const files = fixtureFiles();
    const run = async (prebuilt: string | null) => {
      const { lib } = await fresh(prebuilt);
      return [
        await lib.validate(files, { jobs: 1, config: false }),
        await lib.validate(['fixtures/examples/budget-export-mairie.csv'], {
          jobs: 1,
          config: false,
          schema: 'scdl/budget',
        }),
      ];
    };
    const expected = await run(null);
    expect(expected[0]!.files.length).toBeGreaterThan(80);
    expect(await run(folder)).toEqual(expected);
  }, 120_000);

  it('is ignored once the catalogue it was built from changed', async () => {
    const stale = variant('stale', (c) => {
      c.index.catalogue = fingerprint('another schemas/index.json');
      versionOf(c, BUDGET).schema.fields = [];
    });
    const m = await fresh(stale);
    expect(m.prebuilt.prebuiltCatalogueInUse()).toBe(false);
    const budget = m.catalogue.resolveCatalogueName('scdl/budget@0.8.3').path;
    expect(m.prebuilt.recognitionSchema(budget).fields.length).toBeGreaterThan(20);
    // A schema's file left by another build is ignored alone: that schema is read from its own file.
    const mixed = variant('mixed', (c) => {
      c.families[c.index.versions[BUDGET]!]!.catalogue = fingerprint('another build');
      versionOf(c, BUDGET).schema.fields = [];
    });
    const m2 = await fresh(mixed);
    expect(m2.prebuilt.prebuiltCatalogueInUse()).toBe(true);
    expect(m2.prebuilt.recognitionSchema(budget).fields.length).toBeGreaterThan(20);
    const other = variant('format', (c) => {
      c.index.format = 99;
    });
    expect((await fresh(other)).prebuilt.prebuiltCatalogueInUse()).toBe(false);
    const broken = variant('broken', () => undefined);
    writeFileSync(path.join(broken, 'index.json'), '{"format": 2, "catal');
    expect((await fresh(broken)).prebuilt.prebuiltCatalogueInUse()).toBe(false);
    expect((await fresh(path.join(root, 'absent'))).prebuilt.prebuiltCatalogueInUse()).toBe(false);
  });

  it('serves a bundled version from the file while it is current, another catalogue’s from its files', async () => {
    // A marker: the prebuilt copy is what a current file serves.
    const marked = variant('marked', (c) => {
      const { fields, schema } = versionOf(c, BUDGET);
      fields.push({ name: 'MARQUE', type: 'string' });
      schema.fields = [...schema.fields, fields.length - 1];
    });
    const m = await fresh(marked);
    const budget = m.catalogue.resolveCatalogueName('scdl/budget@0.8.3').path;
    expect(m.prebuilt.recognitionSchema(budget).fields.at(-1)!.name).toBe('MARQUE');
    // A version of another catalogue folder is read from its file.
    const extra = path.join(root, 'extra-schema.json');
    writeFileSync(extra, JSON.stringify({ fields: [{ name: 'CODE_NOUVEAU' }, { name: 'LIBELLE_NOUVEAU' }] }));
    expect(m.prebuilt.recognitionSchema(extra).fields.map((f) => f.name)).toEqual([
      'CODE_NOUVEAU',
      'LIBELLE_NOUVEAU',
    ]);
    const bundled = m.catalogue.bundledCatalogueIndex();
    const entry = {
      ...bundled[0]!,
      name: 'test-org/nouveau',
      shortName: 'nouveau',
      org: 'test-org',
      latest: '1.0.0',
      versions: [{ ...bundled[0]!.versions[0]!, version: '1.0.0', latest: true, path: extra }],
    };
    m.catalogue.useCatalogue({ entries: [...bundled, entry], source: { kind: 'dir', dir: root } });
    const found = m.recognition.recognizeCandidates(['CODE_NOUVEAU', 'LIBELLE_NOUVEAU']);
    expect(found.chosen).toMatchObject({ name: 'test-org/nouveau', version: '1.0.0', score: 1 });
    m.catalogue.useCatalogue();
  });

  it('looks names up in its table only while the bundled synonyms are those it was built with', async () => {
    const current = await fresh(folder);
    expect(current.prebuilt.prebuiltNameTable()).toEqual(built.index.names);
    const edited = variant('names-synonyms-edited', (c) => {
      c.index.synonyms['scdl-budget.yaml']!.text = fingerprint('the text before an edit');
    });
    const m = await fresh(edited);
    expect(m.prebuilt.prebuiltCatalogueInUse()).toBe(true);
    expect(m.prebuilt.prebuiltNameTable()).toBeUndefined();
    const removed = variant('names-synonyms-removed', (c) => {
      delete c.index.synonyms['scdl-budget.yaml'];
    });
    expect((await fresh(removed)).prebuilt.prebuiltNameTable()).toBeUndefined();
    // Without the table, recognition indexes every version itself: the same answer.
    const labels = csvHeader('fixtures/examples/budget-conforme.csv');
    const expected = (await fresh(null)).recognition.recognizeCandidates(labels);
    expect((await fresh(edited)).recognition.recognizeCandidates(labels)).toEqual(expected);
    expect((await fresh(folder)).recognition.recognizeCandidates(labels)).toEqual(expected);
  });

  it('gives a synonyms file’s table only while its text is the one it was built from', async () => {
    const table = (c: BuiltCatalogue) => c.index.synonyms['scdl-budget.yaml']!;
    const sentinel = variant('synonyms', (c) => {
      table(c).fields = { BGT_NATDEC: ['Marqueur du test'] };
    });
    const current = await fresh(sentinel);
    expect(current.synonyms.bundledSynonyms('scdl/budget')).toEqual({ BGT_NATDEC: ['Marqueur du test'] });
    const edited = variant('synonyms-edited', (c) => {
      table(c).fields = { BGT_NATDEC: ['Marqueur du test'] };
      table(c).text = fingerprint('the text before an edit');
    });
    const parsed = await fresh(edited);
    const aliases = parsed.synonyms.bundledSynonyms('scdl/budget')!;
    expect(aliases.BGT_NATDEC).not.toContain('Marqueur du test');
    expect(aliases).toEqual((await fresh(null)).synonyms.bundledSynonyms('scdl/budget'));
  });

  it('spares checking the params of a bundled declaration, never of another one', async () => {
    const m = await fresh(folder);
    const env = { hasColumn: () => true, emit: () => undefined };
    const schema = (params: Record<string, unknown>): TableSchema => ({
      fields: [{ name: String(params.column) }],
      custom_checks: [{ name: 'french-siret-value', params }],
    });
    const bundledKey = built.index.validCheckParams.find((k) => k.startsWith('french-siret-value '))!;
    const params = JSON.parse(bundledKey.slice('french-siret-value '.length)) as Record<string, unknown>;
    expect(m.prebuilt.knownValidCheckParams('french-siret-value', params)).toBe(true);
    expect(m.checks.instantiateChecks(schema(params), env).findings).toEqual([]);
    // Wrong params are checked, and refused, whatever the prebuilt catalogue holds.
    const wrong = m.checks.instantiateChecks(schema({ ...params, column: 42 }), env).findings;
    expect(wrong.map((f) => [f.code, f.params.reason])).toEqual([['check-error', 'params']]);
    expect(m.prebuilt.knownValidCheckParams('french-siret-value', { ...params, column: 42 })).toBe(false);
  });
});

describe('fingerprint', () => {
  it('tells texts apart and gives a text the same fingerprint every time', () => {
    expect(fingerprint('abc')).toBe(fingerprint('abc'));
    expect(fingerprint('abc')).not.toBe(fingerprint('abd'));
    expect(fingerprint('abc')).not.toBe(fingerprint('bac'));
    expect(fingerprint('')).toMatch(/^[0-9a-f]{64}$/);
  });
});
