import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bundledCatalogueIndex,
  catalogueIndex,
  catalogueSource,
  resolveCatalogueName,
  schemasDir,
  useCatalogue,
} from '../../src/schema/catalogue.js';
import {
  applyCatalogueSource,
  catalogueFrom,
  compareVersions,
  mergeCatalogues,
  readCatalogueFolder,
  updateCatalogue,
  userCacheDir,
} from '../../src/schema/catalogue-cache.js';
import { isOdfError, type OdfError } from '../../src/errors.js';
import { startCatalogueServer, type CatalogueServer } from './catalogue-server.js';

let server: CatalogueServer;

beforeAll(async () => {
  server = await startCatalogueServer();
});

afterAll(async () => {
  await server.close();
}, 60_000);

// Each test's folders go when it ends (a snapshot is 6 MB of small files: on a loaded machine, removing
// all of them at once in afterAll outlasted the default hook time-out).
afterEach(() => {
  useCatalogue();
  server.mode = 'snapshot';
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Temporary folders of this file (each update writes a 6 MB snapshot), removed at the end. */
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-catalogue-'));
  temps.push(dir);
  return dir;
}

async function failure(p: Promise<unknown>): Promise<OdfError> {
  try {
    await p;
  } catch (e) {
    if (isOdfError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

/** Folders of a catalogue folder: snapshots and interrupted updates. */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The bytes that say which snapshot is in use, and the snapshot's index. */
function state(dir: string): string {
  const current = readFileSync(path.join(dir, 'current.json'), 'utf8');
  const name = (JSON.parse(current) as { snapshot: string }).snapshot;
  return current + readFileSync(path.join(dir, name, 'index.json'), 'utf8');
}

const bundledVersions = (): number => bundledCatalogueIndex().reduce((n, e) => n + e.versions.length, 0);

describe('userCacheDir', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, 'linux', '/x/cache/odf'],
    [{ HOME: '/home/u' }, 'linux', '/home/u/.cache/odf'],
    [{ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }, 'linux', '/home/u/.cache/odf'],
    [{ HOME: '/Users/u' }, 'darwin', '/Users/u/.cache/odf'],
    [{ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u\\AppData\\Local\\odf\\cache'],
    [{ USERPROFILE: 'C:\\Users\\u' }, 'win32', 'C:\\Users\\u\\AppData\\Local\\odf\\cache'],
    [{}, 'linux', undefined],
  ])('%j on %s → %s', (env, platform, expected) => {
    expect(userCacheDir(env, platform)).toBe(expected);
  });
});

describe('compareVersions and mergeCatalogues', () => {
  it('orders versions the semver way', () => {
    const sorted = ['0.10.0', '0.9.0', '1.0.0-rc.1', '1.0.0', 'v0.8.3'].sort(compareVersions);
    expect(sorted).toEqual(['v0.8.3', '0.9.0', '0.10.0', '1.0.0-rc.1', '1.0.0']);
  });

  it('keeps the bundled copy of a version both have and adds the others, latest recomputed', () => {
    const budget = bundledCatalogueIndex().find((e) => e.name === 'scdl/budget')!;
    const other = {
      ...budget,
      title: 'Budget (titre à jour)',
      versions: [
        { ...budget.versions[0]!, path: '/elsewhere/0.8.1.json' },
        { ...budget.versions[2]!, version: '0.9.0', path: '/elsewhere/0.9.0.json' },
      ],
    };
    const merged = mergeCatalogues(bundledCatalogueIndex(), [other]).find((e) => e.name === 'scdl/budget')!;
    expect(merged.title).toBe('Budget (titre à jour)');
    expect(merged.versions.map((v) => [v.version, v.path, v.latest])).toEqual([
      ['0.8.1', 'scdl/budget/0.8.1/schema.json', false],
      ['0.8.2', 'scdl/budget/0.8.2/schema.json', false],
      ['0.8.3', 'scdl/budget/0.8.3/schema.json', false],
      ['0.9.0', '/elsewhere/0.9.0.json', true],
    ]);
    expect(merged.latest).toBe('0.9.0');
  });
});

describe('updateCatalogue against a local server', () => {
  it('downloads the catalogue and every Table Schema into a snapshot, checked and indexed', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const r = await updateCatalogue({ dir, from: server.url });
    // The portal lists 167 Table Schema versions; the server has the 156 of the bundled snapshot plus
    // IRVE 2.3.1 (bundled from its repository) and lacks 9 published under other file names (404):
    // left out and listed, not a reason to fail.
    expect([r.listed, r.versions, r.skipped.length, r.downloaded, r.notModified]).toEqual([
      167, 158, 9, 158, 0,
    ]);
    expect(r.skipped.every((s) => s.reason.en === 'HTTP 404')).toBe(true);
    expect([r.added, r.republished, r.kept]).toEqual([[], [], []]);
    expect(folders(dir)).toEqual([path.basename(r.snapshot)]);
    const folder = readCatalogueFolder(dir);
    expect(folder.entries.reduce((n, e) => n + e.versions.length, 0)).toBe(158);
    expect(folder.from).toBe(server.url);
    const budget = folder.entries.find((e) => e.name === 'scdl/budget')!;
    expect(budget.versions.map((v) => v.version)).toEqual(['0.8.1', '0.8.2', '0.8.3']);
    expect(budget.versions[2]!.url).toBe('https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json');
    expect(readFileSync(budget.versions[2]!.path)).toEqual(
      readFileSync(path.join(schemasDir(), 'scdl/budget/0.8.3/schema.json')),
    );
    expect(readFileSync(path.join(r.snapshot, 'schemas.json'))).toEqual(
      readFileSync(path.join(schemasDir(), 'schemas.json')),
    );
  });

  it('asks again with conditional requests, keeps the previous snapshot and removes older ones', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const first = await updateCatalogue({ dir, from: server.url });
    server.requests.length = 0;
    const second = await updateCatalogue({ dir, from: server.url });
    expect([second.downloaded, second.notModified]).toEqual([0, 158]);
    // Every file the previous snapshot holds is asked with its ETag; only the 9 it lacks are asked plainly.
    expect(server.requests.filter((q) => q.conditional)).toHaveLength(159);
    expect(server.requests.filter((q) => !q.conditional)).toHaveLength(9);
    expect(server.requests.find((q) => q.path === '/schemas.json')?.conditional).toBe(true);
    const third = await updateCatalogue({ dir, from: server.url });
    expect(folders(dir)).toEqual([path.basename(second.snapshot), path.basename(third.snapshot)].sort());
    expect(existsSync(first.snapshot)).toBe(false);
  });

  it('removes the oldest snapshot even when updates end within the same millisecond', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const frozen = () => new Date('2026-12-05T16:15:46.000Z');
    const first = await updateCatalogue({ dir, from: server.url, now: frozen });
    const second = await updateCatalogue({ dir, from: server.url, now: frozen });
    const third = await updateCatalogue({ dir, from: server.url, now: frozen });
    expect(path.basename(first.snapshot) < path.basename(second.snapshot)).toBe(true);
    expect(path.basename(second.snapshot) < path.basename(third.snapshot)).toBe(true);
    expect(folders(dir)).toEqual([path.basename(second.snapshot), path.basename(third.snapshot)]);
    expect(readCatalogueFolder(dir).snapshot).toBe(third.snapshot);
  });

  it('brings a newer version and a new schema; a republished bundled version keeps its bundled copy', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    await updateCatalogue({ dir, from: server.url });
    server.mode = 'newer';
    const r = await updateCatalogue({ dir, from: server.url });
    expect(r.added).toEqual(['scdl/budget@0.9.0', 'test-org/nouveau-schema@1.0.0']);
    expect(r.republished).toEqual(['scdl/budget@0.8.1']);
    expect([r.downloaded, r.notModified]).toEqual([3, 157]);

    useCatalogue(catalogueFrom(readCatalogueFolder(dir), 'cache'));
    expect(catalogueSource()).toMatchObject({ kind: 'cache', dir, from: server.url });
    const latest = resolveCatalogueName('scdl/budget');
    expect([latest.version, latest.path.startsWith(r.snapshot)]).toEqual(['0.9.0', true]);
    expect(resolveCatalogueName('budget@0.8.1').path).toBe(
      path.join(schemasDir(), 'scdl/budget/0.8.1/schema.json'),
    );
    expect(resolveCatalogueName('nouveau-schema').entry.title).toBe('Un schéma apparu depuis');
    expect(catalogueIndex()).toHaveLength(bundledCatalogueIndex().length + 1);
    useCatalogue();
    expect(() => resolveCatalogueName('scdl/budget@0.9.0')).toThrow(/0\.8\.3/);
  });

  it.each([
    ['the server is down', 'down', 'network-error', 'refused'],
    ['the server answers an HTML page', 'html', 'catalogue-invalid', undefined],
    ['every schema is garbage', 'garbage-schemas', 'catalogue-invalid', undefined],
  ] as const)('fails cleanly when %s: the catalogue in place stays', async (_what, mode, code, kind) => {
    const dir = path.join(tempDir(), 'catalogue');
    await updateCatalogue({ dir, from: server.url });
    const before = state(dir);
    let from = server.url;
    if (mode === 'down') {
      const other = await startCatalogueServer();
      from = other.url;
      await other.close();
    } else {
      server.mode = mode;
    }
    const e = await failure(updateCatalogue({ dir, from }));
    expect(e.code).toBe(code);
    if (kind) expect(e.data.kind).toBe(kind);
    expect(e.message).not.toMatch(/\n/);
    expect(state(dir)).toBe(before);
    expect(folders(dir)).toHaveLength(1);
    expect(readCatalogueFolder(dir).entries.length).toBeGreaterThan(50);
  });

  it('stops at its time limit on a server that never finishes, leaving no partial folder', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    await updateCatalogue({ dir, from: server.url });
    const before = state(dir);
    server.mode = 'hang-schemas';
    const e = await failure(updateCatalogue({ dir, from: server.url, limits: { totalTimeoutMs: 1500 } }));
    expect([e.code, e.data.kind]).toEqual(['network-error', 'timeout']);
    expect(state(dir)).toBe(before);
    expect(folders(dir)).toHaveLength(1);
  });

  it('leaves out a schema larger than the per-file limit, and stops past the total limit', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const r = await updateCatalogue({ dir, from: server.url, limits: { schemaBytes: 400_000 } });
    const big = r.skipped.filter((s) => s.reason.en === 'file too large');
    expect(big.length).toBeGreaterThan(0);
    expect(r.versions + big.length).toBe(158);
    const e = await failure(
      updateCatalogue({
        dir: path.join(tempDir(), 'c'),
        from: server.url,
        limits: { totalBytes: 1_000_000 },
      }),
    );
    expect([e.code, e.data.kind]).toEqual(['network-error', 'limit']);
  });

  it('writes nothing outside its folder for hostile names and versions in the catalogue', async () => {
    const mirror = tempDir();
    const doc = {
      schemas: [
        {
          name: '../../evil',
          schema_type: 'tableschema',
          versions: [
            {
              version_name: '1.0.0',
              schema_url: 'https://schema.data.gouv.fr/schemas/x/y/1.0.0/schema.json',
            },
          ],
        },
        {
          name: 'org/ok',
          schema_type: 'tableschema',
          versions: [
            {
              version_name: '..',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.0',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.1',
              schema_url: 'https://schema.data.gouv.fr/schemas/../../../../etc/passwd',
            },
            { version_name: '1.0.2', schema_url: 'file:///etc/passwd' },
            {
              version_name: '1.0.3',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.4',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.5',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.6',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.7',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
            {
              version_name: '1.0.8',
              schema_url: 'https://schema.data.gouv.fr/schemas/org/ok/1.0.0/schema.json',
            },
          ],
        },
      ],
    };
    writeFileSync(path.join(mirror, 'schemas.json'), JSON.stringify(doc));
    mkdirSync(path.join(mirror, 'schemas/org/ok/1.0.0'), { recursive: true });
    writeFileSync(
      path.join(mirror, 'schemas/org/ok/1.0.0/schema.json'),
      JSON.stringify({ fields: [{ name: 'id', type: 'integer' }] }),
    );
    const root = tempDir();
    const dir = path.join(root, 'catalogue');
    const r = await updateCatalogue({ dir, from: mirror });
    expect(r.versions).toBe(7);
    expect(r.skipped.map((s) => `${s.name}@${s.version}`).sort()).toEqual([
      '../../evil@1.0.0',
      'org/ok@..',
      'org/ok@1.0.1',
      'org/ok@1.0.2',
    ]);
    expect(readdirSync(root)).toEqual(['catalogue']);
    expect(folders(r.snapshot)).toEqual(['org']);
  });

  it('refuses to update a copied snapshot, which reads on its own', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const fromServer = await updateCatalogue({ dir, from: server.url });
    // The snapshot folder is laid out as <org>/<name>/<version>/schema.json: not a portal mirror.
    const e = await failure(updateCatalogue({ dir: fromServer.snapshot, from: server.url }));
    expect(e.code).toBe('catalogue-invalid');
    // A copied snapshot is readable on its own (index.json at its top).
    expect(readCatalogueFolder(fromServer.snapshot).entries.length).toBe(fromServer.schemas);
  });
});

describe('readCatalogueFolder', () => {
  it.each([
    ['a missing folder', (d: string) => d + '-missing', /n’existe pas/],
    ['an empty folder', (d: string) => d, /ni current\.json ni index\.json/],
    [
      'a current.json that is not JSON',
      (d: string) => {
        writeFileSync(path.join(d, 'current.json'), '{oops');
        return d;
      },
      /current\.json illisible/,
    ],
    [
      'a current.json naming a folder above',
      (d: string) => {
        writeFileSync(path.join(d, 'current.json'), '{"snapshot": "../x"}');
        return d;
      },
      /ne nomme pas un dossier/,
    ],
    [
      'an index.json of another format',
      (d: string) => {
        writeFileSync(path.join(d, 'index.json'), readFileSync(path.join(schemasDir(), 'index.json')));
        return d;
      },
      /pas au format 1/,
    ],
    [
      'an index.json whose paths leave the folder',
      (d: string) => {
        writeFileSync(
          path.join(d, 'index.json'),
          JSON.stringify({
            format: 1,
            files: {},
            schemas: [{ name: 'a/b', versions: [{ version: '1', path: '../../etc/passwd' }] }],
          }),
        );
        return d;
      },
      /mal décrite/,
    ],
  ])('refuses %s with catalogue-invalid', (_what, make, message) => {
    const dir = make(tempDir());
    let e: unknown;
    try {
      readCatalogueFolder(dir);
    } catch (err) {
      e = err;
    }
    expect(isOdfError(e) && e.code).toBe('catalogue-invalid');
    expect((e as Error).message).toMatch(message);
  });

  it('reads the complete snapshot while an interrupted update left a partial folder', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    const r = await updateCatalogue({ dir, from: server.url });
    const partial = path.join(dir, '.partial-dead');
    mkdirSync(path.join(partial, 'scdl'), { recursive: true });
    writeFileSync(path.join(partial, 'index.json'), '{"half": ');
    expect(readCatalogueFolder(dir).snapshot).toBe(r.snapshot);
    // The next update removes it once it is older than a day (a younger one may be another update running).
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(partial, old, old);
    await updateCatalogue({ dir, from: server.url });
    expect(existsSync(partial)).toBe(false);
  });
});

describe('applyCatalogueSource (worker threads)', () => {
  it('reads the snapshot the main thread chose, and goes back to the bundled catalogue', async () => {
    const dir = path.join(tempDir(), 'catalogue');
    server.mode = 'newer';
    await updateCatalogue({ dir, from: server.url });
    const chosen = catalogueFrom(readCatalogueFolder(dir), 'dir').source;
    applyCatalogueSource(chosen);
    expect(resolveCatalogueName('scdl/budget').version).toBe('0.9.0');
    applyCatalogueSource({ kind: 'bundled' });
    expect(resolveCatalogueName('scdl/budget').version).toBe('0.8.3');
    expect(bundledVersions()).toBe(160);
  });
});
