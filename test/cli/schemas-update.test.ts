// `odf schemas update` end to end: a local server's newer catalogue reaches `odf validate`; failures fall back.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startCatalogueServer, type CatalogueServer } from '../schema/catalogue-server.js';

const CONFORM = 'fixtures/examples/budget-conforme.csv';

let server: CatalogueServer;
let cache = '';

/** Temporary folders of this file (each update writes a 6 MB snapshot), removed at the end. */
const temps: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
let env: Record<string, string> = {};

/** The schema a file of a JSON report was checked against, and the codes of its errors. */
function checked(stdout: string): { version: string; recognized?: boolean; codes: string[] }[] {
  const doc = JSON.parse(stdout) as {
    files: {
      schema: { version: string; recognized?: boolean };
      findings: { code: string; level: string }[];
    }[];
  };
  return doc.files.map((f) => ({
    version: f.schema.version,
    recognized: f.schema.recognized,
    codes: [...new Set(f.findings.filter((x) => x.level === 'error').map((x) => x.code))],
  }));
}

beforeAll(async () => {
  server = await startCatalogueServer('snapshot');
  cache = tempDir('odf-catalogue-cache-');
  env = { XDG_CACHE_HOME: cache };
});

afterAll(async () => {
  await server.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('odf schemas update, then odf validate', () => {
  it('fills the user cache and says so; schemas list names the catalogue in use', async () => {
    const before = await runCli(['schemas', 'list'], { env });
    expect(before.stdout).toMatch(
      /Catalogue : celui fourni avec odf \(schema\.data\.gouv\.fr du 2026-08-22\)\.\n$/,
    );

    const r = await runCli(['schemas', 'update', '--from', server.url], { env });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`Catalogue mis à jour depuis ${server.url} : `);
    expect(r.stdout).toContain(`Dossier : ${path.join(cache, 'odf', 'catalogue')}`);
    expect(existsSync(path.join(cache, 'odf', 'catalogue', 'current.json'))).toBe(true);

    const list = await runCli(['schemas', 'list', '--format', 'json'], { env });
    const doc = JSON.parse(list.stdout) as { catalogue: Record<string, unknown> };
    expect(doc.catalogue).toMatchObject({
      kind: 'cache',
      dir: path.join(cache, 'odf', 'catalogue'),
      from: server.url,
      bundled: { date: '2026-08-22' },
    });
    const text = await runCli(['schemas', 'list', '-s', 'budget'], { env });
    expect(text.stdout).toMatch(
      /Catalogue : http:\/\/127\.0\.0\.1:\d+ mis à jour le \d{4}-\d\d-\d\d \(cache /,
    );
  });

  it('swaps in a newer version that validate then uses, by name and by recognition', async () => {
    server.mode = 'newer';
    const r = await runCli(['schemas', 'update', '--from', server.url], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nouveau (2) : scdl/budget@0.9.0, test-org/nouveau-schema@1.0.0');
    expect(r.stdout).toContain('Republiées avec un autre contenu (1) : scdl/budget@0.8.1');

    // 0.9.0 adds a required column the conform file lacks.
    const byName = await runCli(['validate', CONFORM, '-s', 'scdl/budget', '--format', 'json'], { env });
    expect(byName.code).toBe(1);
    expect(checked(byName.stdout)).toEqual([
      { version: '0.9.0', recognized: undefined, codes: ['missing-label'] },
    ]);
    const recognized = await runCli(['validate', CONFORM, '--format', 'json'], { env });
    expect(checked(recognized.stdout)).toEqual([
      { version: '0.9.0', recognized: true, codes: ['missing-label'] },
    ]);
    expect((await runCli(['schemas', 'show', 'nouveau-schema'], { env })).code).toBe(0);
  });

  it('keeps the bundled copy of a pinned version odf ships, whatever the cache holds', async () => {
    // The server republished 0.8.1 with a single field; the bundled 0.8.1 is what runs everywhere.
    const pinned = await runCli(['validate', CONFORM, '-s', 'scdl/budget@0.8.1'], { env });
    const without = await runCli(['validate', CONFORM, '-s', 'scdl/budget@0.8.1']);
    expect([pinned.code, pinned.stdout]).toEqual([without.code, without.stdout]);
    expect(pinned.code).toBe(0);
  });

  it('ignores the cache with --catalogue bundled', async () => {
    const r = await runCli(
      ['--catalogue', 'bundled', 'validate', CONFORM, '-s', 'scdl/budget', '--format', 'json'],
      {
        env,
      },
    );
    expect([r.code, checked(r.stdout)[0]!.version]).toEqual([0, '0.8.3']);
    expect((await runCli(['schemas', 'list', '--catalogue', 'bundled'], { env })).stdout).toContain(
      'celui fourni avec odf',
    );
  });

  it.each([
    ['the server is down', 'down', /refuse la connexion/],
    ['the server answers garbage', 'html', /inutilisable : ce n’est pas du JSON/],
    ['every schema is garbage', 'garbage-schemas', /inutilisable : \d+ versions sur 167/],
  ] as const)(
    'falls back cleanly when %s: exit 2, one sentence, the cache still used',
    async (_w, mode, sentence) => {
      let from = server.url;
      if (mode === 'down') {
        const gone = await startCatalogueServer();
        from = gone.url;
        await gone.close();
      } else {
        server.mode = mode;
      }
      const r = await runCli(['schemas', 'update', '--from', from], { env });
      server.mode = 'newer';
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(sentence);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      const after = await runCli(['validate', CONFORM, '-s', 'scdl/budget', '--format', 'json'], { env });
      expect(checked(after.stdout)[0]!.version).toBe('0.9.0');
    },
  );

  it('passes over a broken cache with a warning and uses the bundled catalogue', async () => {
    const broken = tempDir('odf-catalogue-cache-broken-');
    const dir = path.join(broken, 'odf', 'catalogue');
    await runCli(['schemas', 'update', '--from', server.url], { env: { XDG_CACHE_HOME: broken } });
    writeFileSync(path.join(dir, 'current.json'), '{"snapshot": "snapshot-gone"}');
    const r = await runCli(['validate', CONFORM, '-s', 'scdl/budget'], { env: { XDG_CACHE_HOME: broken } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^odf : Le dossier .* n’est pas un catalogue .* odf utilise le catalogue fourni/,
    );
    // And an update repairs it.
    const repaired = await runCli(['schemas', 'update', '--from', server.url], {
      env: { XDG_CACHE_HOME: broken },
    });
    expect(repaired.code).toBe(0);
    const v = await runCli(['validate', CONFORM, '-s', 'budget', '--format', 'json'], {
      env: { XDG_CACHE_HOME: broken },
    });
    expect([v.stderr, checked(v.stdout)[0]!.version]).toEqual(['', '0.9.0']);
  });

  it('updates and uses a shared folder with --catalogue DIR (a machine without network)', async () => {
    const shared = path.join(tempDir('odf-catalogue-shared-'), 'catalogue');
    const up = await runCli(
      ['schemas', 'update', '--from', server.url, '--catalogue', shared, '--format', 'json'],
      {
        env: {},
      },
    );
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ dir: shared, versions: 160, added: expect.any(Array) });
    const r = await runCli(
      ['validate', CONFORM, '-s', 'scdl/budget', '--catalogue', shared, '--format', 'json'],
      {
        env: {},
      },
    );
    expect(checked(r.stdout)[0]!.version).toBe('0.9.0');
    const missing = await runCli(['validate', CONFORM, '--catalogue', path.join(shared, 'nope')], {
      env: {},
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/n’est pas un catalogue de schémas utilisable : il n’existe pas\.\n$/);
  });

  it('says where to write when there is no home folder, and speaks English with --lang en', async () => {
    const r = await runCli(['schemas', 'update', '--from', server.url], { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--catalogue DOSSIER');
    const en = await runCli(['--lang', 'en', 'schemas', 'update', '--from', server.url], { env });
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Catalogue updated from http/);
  });
});

describe('odf with the cache on worker threads (dist/)', () => {
  const built = existsSync('dist/run/worker.js');
  it.skipIf(!built)('recognises the newer version in every file of a batch run on several threads', () => {
    const dir = tempDir('odf-catalogue-batch-');
    for (let i = 1; i <= 6; i++) copyFileSync(CONFORM, path.join(dir, `budget-${i}.csv`));
    const r = spawnSync(
      process.execPath,
      ['bin/odf.js', 'validate', dir, '--jobs', '3', '--format', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache },
      },
    );
    expect(r.stderr).toBe('');
    const files = checked(r.stdout);
    expect(files).toHaveLength(6);
    expect(files.every((f) => f.version === '0.9.0' && f.recognized === true)).toBe(true);
  });
});

describe('the cache does not leak into runs without it', () => {
  it('uses the bundled catalogue again once a run with --catalogue is over', async () => {
    const r = await runCli(['validate', CONFORM, '-s', 'scdl/budget', '--format', 'json']);
    expect(checked(r.stdout)[0]!.version).toBe('0.8.3');
    expect(readFileSync(path.join(cache, 'odf', 'catalogue', 'current.json'), 'utf8')).toMatch(/snapshot-/);
  });
});
