// Files by URL: the download cache (conditional requests), lists of URLs (plain or data.gouv.fr's export) and polite fetching.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadCache, defaultCacheDir } from '../../src/net/cache.js';
import { declaredSchemaRef, politeMap } from '../../src/net/resources.js';
import { readResourceList } from '../../src/run/url-list.js';
import { isOdfError } from '../../src/errors.js';

let server: Server;
let base = '';
let body = 'a,b\n1,2\n';
let etag = '"v1"';
const hits: { path: string; conditional: boolean }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push({ path: url.pathname, conditional: req.headers['if-none-match'] !== undefined });
    if (url.pathname === '/data.csv') {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { etag, 'last-modified': 'Sun, 01 Mar 2026 10:00:00 GMT' });
      res.end(body);
      return;
    }
    if (url.pathname === '/plain.csv') {
      res.writeHead(200);
      res.end('x\n1\n');
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('DownloadCache', () => {
  it('downloads once, then asks with the validators and keeps the copy on 304', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-cache-'));
    const cache = new DownloadCache(dir);
    const first = await cache.fetch(`${base}/data.csv`, { maxBytes: 1000 });
    expect(first.notModified).toBe(false);
    expect(readFileSync(first.copy.path, 'utf8')).toBe(body);
    expect(first.copy.validators).toEqual({ etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' });
    hits.length = 0;
    const second = await cache.fetch(`${base}/data.csv`, { maxBytes: 1000 });
    expect(hits).toEqual([{ path: '/data.csv', conditional: true }]);
    expect(second.notModified).toBe(true);
    expect(second.copy.path).toBe(first.copy.path);
    expect(second.copy.sha256).toBe(first.copy.sha256);
  });

  it('replaces the copy when the file changed, leaving one body per URL', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-cache-'));
    const cache = new DownloadCache(dir);
    const first = await cache.fetch(`${base}/data.csv`, { maxBytes: 1000 });
    body = 'a,b\n3,4\n';
    etag = '"v2"';
    const second = await cache.fetch(`${base}/data.csv`, { maxBytes: 1000 });
    expect(second.notModified).toBe(false);
    expect(second.copy.sha256).not.toBe(first.copy.sha256);
    expect(readFileSync(second.copy.path, 'utf8')).toBe('a,b\n3,4\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.data'))).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => /incoming|tmp/.test(f))).toEqual([]);
  });

  it('downloads again without condition when the server sends no validator', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-cache-'));
    const cache = new DownloadCache(dir);
    await cache.fetch(`${base}/plain.csv`, { maxBytes: 1000 });
    hits.length = 0;
    const again = await cache.fetch(`${base}/plain.csv`, { maxBytes: 1000 });
    expect(again.notModified).toBe(false);
    expect(hits).toEqual([{ path: '/plain.csv', conditional: false }]);
  });

  it('keeps the old copy when the new download fails', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-cache-'));
    const cache = new DownloadCache(dir);
    await expect(cache.fetch(`${base}/missing.csv`, { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'network-error',
      data: { kind: 'http', status: 404 },
    });
    expect(await cache.get(`${base}/missing.csv`)).toBeUndefined();
  });

  it('lives in the user cache folder unless ODF_CACHE_DIR says otherwise', () => {
    expect(defaultCacheDir({ ODF_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe(path.join('/c', 'odf', 'downloads'));
  });
});

describe('readResourceList', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-list-'));

  it('reads one URL a line, skipping blank lines and comments, keeping a repeated URL once', async () => {
    const f = path.join(dir, 'liste.txt');
    writeFileSync(f, '# communes\nhttps://a.fr/1.csv\n\nhttps://b.fr/2.csv\r\nhttps://a.fr/1.csv\n');
    const list = await readResourceList(f);
    expect(list.resources.map((r) => r.url)).toEqual(['https://a.fr/1.csv', 'https://b.fr/2.csv']);
    expect(list.duplicates).toBe(1);
  });

  it('names the line of a plain list that is not a URL', async () => {
    const f = path.join(dir, 'mauvaise.txt');
    writeFileSync(f, 'https://a.fr/1.csv\nfichier.csv\n');
    await expect(readResourceList(f)).rejects.toThrow(/ligne 2/);
  });

  it('reads data.gouv.fr’s export of resources by its header (semicolons, Windows-1252), with the declared schema', async () => {
    const header =
      'dataset.id;dataset.title;dataset.slug;dataset.url;dataset.organization;dataset.organization_id;dataset.license;dataset.private;dataset.archived;id;url;title;description;filetype;type;format;mime;filesize;checksum.type;checksum.value;created_at;modified;downloads;harvest.created_at;harvest.modified_at;schema_name;schema_version;preview_url;extras';
    const row = (id: string, url: string, schema: string, version: string, org: string): string =>
      `ds${id};Délibérations de ${org};slug;https://www.data.gouv.fr/fr/datasets/x/;${org};org${id};lov2;False;False;res${id};${url};Délibérations ${id};;file;main;csv;text/csv;100;sha1;abc;2024-01-01;2024-02-01;3;;;${schema};${version};;{}`;
    const text = [
      header,
      row('1', 'https://a.fr/d.csv', 'scdl/deliberations', '2.1.5', 'Ville de Lannion'),
      row('2', '', '', '', 'Ville sans URL'),
      row('3', 'https://b.fr/s.csv', 'scdl/subventions', '', 'Ville de Brest'),
    ].join('\r\n');
    const f = path.join(dir, 'export-resource.csv');
    // Latin-1 and Windows-1252 agree on French accented letters.
    writeFileSync(f, Buffer.from(text, 'latin1'));
    const list = await readResourceList(f, 'export-resource.csv');
    expect(list.blank).toBe(1);
    expect(list.resources).toHaveLength(2);
    expect(list.resources[0]!.catalogue).toEqual({
      resourceId: 'res1',
      title: 'Délibérations 1',
      datasetId: 'ds1',
      datasetTitle: 'Délibérations de Ville de Lannion',
      organization: 'Ville de Lannion',
      organizationId: 'org1',
      schemaName: 'scdl/deliberations',
      schemaVersion: '2.1.5',
    });
    expect(declaredSchemaRef(list.resources[0]!.catalogue)).toBe('scdl/deliberations@2.1.5');
    expect(declaredSchemaRef(list.resources[1]!.catalogue)).toBe('scdl/subventions');
  });

  it('refuses a CSV without a URL column, naming the columns it found', async () => {
    const f = path.join(dir, 'sans-url.csv');
    writeFileSync(f, 'nom,lien_page\nA,x\n');
    try {
      await readResourceList(f, 'sans-url.csv');
      expect.unreachable();
    } catch (e) {
      expect(isOdfError(e)).toBe(true);
      expect((e as Error).message).toMatch(/sans-url\.csv.*colonne d’adresses.*lien_page/);
    }
  });
});

describe('politeMap', () => {
  it('keeps item order and never runs more than perHost at once on a host nor concurrency in all', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ host: i % 4 === 0 ? 'big' : `h${i % 3}`, i }));
    const active = new Map<string, number>();
    let all = 0;
    let maxAll = 0;
    const maxHost = new Map<string, number>();
    const out = await politeMap(
      items,
      (x) => x.host,
      async (x) => {
        active.set(x.host, (active.get(x.host) ?? 0) + 1);
        all++;
        maxAll = Math.max(maxAll, all);
        maxHost.set(x.host, Math.max(maxHost.get(x.host) ?? 0, active.get(x.host)!));
        await new Promise((r) => setTimeout(r, 2));
        active.set(x.host, active.get(x.host)! - 1);
        all--;
        return x.i * 2;
      },
      { concurrency: 5, perHost: 2 },
    );
    expect(out).toEqual(items.map((x) => x.i * 2));
    expect(maxAll).toBeLessThanOrEqual(5);
    for (const n of maxHost.values()) expect(n).toBeLessThanOrEqual(2);
    expect(maxAll).toBeGreaterThan(2);
  });

  it('gives an empty list for no item', async () => {
    expect(
      await politeMap(
        [],
        () => '',
        async () => 1,
        { concurrency: 2, perHost: 1 },
      ),
    ).toEqual([]);
  });
});
