// Issue 17's "done when": 200 resources on a local server, two nightly runs in two shards, merged; the same as one machine; the page in Chromium.
import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli, type CliRun } from '../helpers/cli.js';
import type { Report } from '../../src/report/types.js';
import { validateAgainst } from '../../src/schema/check-schema.js';
import { openSqlite } from '../../src/history/db.js';
import { shardOf } from '../../src/batch/shard.js';

const N = 200;
const COMMUNES = 30;
const NOT_FOUND = new Set([11, 57, 123]);
const SERVER_ERROR = new Set([33, 99]);
const HANGS = new Set([66, 177]);
const HUGE = 199;
/** Published on the first night, 404 on the second. */
const UNPUBLISHED = 150;
/** In the first night's list only, and in the second night's only. */
const DROPPED = [190, 191, 192];
const ADDED = [200, 201, 202];
/** The resources that cannot be read on a night. */
function unreadable(nightNo: number): number[] {
  return [...NOT_FOUND, ...SERVER_ERROR, ...HANGS, HUGE, ...(nightNo === 2 ? [UNPUBLISHED] : [])];
}
/** Resources whose content changes between the nights (errors fixed or added). */
const changes = (i: number): boolean => i % 10 === 3;
/** Resources whose rows each name another SIRET: the producer comes from the catalogue. */
const noSharedSiret = (i: number): boolean => i % 25 === 5;
/** Resources listed without a declared schema: odf recognises it. */
const undeclared = (i: number): boolean => i % 40 === 7;

/** A valid SIRET for a number: a valid SIREN (Poitiers'), the number as establishment, the Luhn key. */
function siret(n: number): string {
  const body = `218601946${String(n).padStart(4, '0')}`;
  for (let k = 0; k < 10; k++) {
    const s = body + k;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(s[13 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('no key');
}

const HEADER =
  'COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL';

/** The CSV a resource serves on a night: deliberations 2.1.5, a few bad dates on some files. */
function body(i: number, night: number): string {
  const c = i % COMMUNES;
  const name = `Commune ${c + 1}`;
  let bad = i % 7 === 0 ? 2 : 0;
  if (night === 2 && changes(i)) bad = bad ? 0 : 3;
  const lines = [HEADER];
  for (let r = 1; r <= 20; r++) {
    const date = r <= bad ? `1${r}/03/2024` : `2024-03-${String(r).padStart(2, '0')}`;
    const id = noSharedSiret(i) ? siret(1000 + r) : siret(c + 1);
    lines.push(
      `${name},${id},D${i}-${r},${date},7.1,Finances locales/Décisions budgétaires,Objet ${r},2024,Budget principal,PREF-${i}-${r},${date.startsWith('2024') ? '2024-03-28' : ''},30,28,20,5,3,https://commune${c + 1}.example/d${r}.pdf`,
    );
  }
  return `${lines.join('\n')}\n`;
}

let server: Server;
let base = '';
let night = 1;
const hanging: ServerResponse[] = [];

function urlOf(i: number): string {
  return `${base}/r/${i}.csv`;
}

/** data.gouv.fr's export of resources (a few of its columns, as it names them), semicolon-separated. */
function catalogue(nightNo: number): string {
  const ids = [
    ...Array.from({ length: N }, (_, i) => i).filter((i) => nightNo === 1 || !DROPPED.includes(i)),
  ];
  if (nightNo === 2) ids.push(...ADDED);
  const rows = ids.map((i) => {
    const c = i % COMMUNES;
    const schema = undeclared(i) ? ';' : 'scdl/deliberations;2.1.5';
    return `ds${c};Délibérations de la commune ${c + 1};Commune ${c + 1};org-${c + 1};res-${i};${urlOf(i)};Délibérations ${i};${schema}`;
  });
  return `${['dataset.id;dataset.title;dataset.organization;dataset.organization_id;id;url;title;schema_name;schema_version', ...rows].join('\n')}\n`;
}

let dir = '';
const cli = (args: string[]): Promise<CliRun> => runCli(args, { cwd: dir });

beforeAll(async () => {
  server = createServer((req, res) => {
    const m = /^\/r\/(\d+)\.csv$/.exec(req.url ?? '');
    const i = m ? Number(m[1]) : -1;
    if (!m || NOT_FOUND.has(i) || (i === UNPUBLISHED && night === 2)) {
      res.writeHead(404);
      res.end('introuvable');
      return;
    }
    if (SERVER_ERROR.has(i)) {
      res.writeHead(500);
      res.end('erreur');
      return;
    }
    if (HANGS.has(i)) {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write(`${HEADER}\n`);
      hanging.push(res);
      return;
    }
    if (i === HUGE) {
      // An endless body without a length: the size limit stops it while reading.
      res.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = Buffer.from(`${body(i, 1).split('\n').slice(1).join('\n')}`.repeat(200));
      let sent = 0;
      const push = (): void => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent >= 64 * 1024 * 1024) res.end();
      };
      res.on('drain', push);
      res.write(`${HEADER}\n`);
      push();
      return;
    }
    const text = body(i, night);
    const etag = `"${createHash('sha1').update(text).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag });
    res.end(text);
  });
  // A share is chosen by a hash of the URL, which holds the server's port: for about one port in 130,
  // every unreadable resource of a night falls into one share, and the other share rightly exits 1.
  // The scenario is two machines that each meet unreadable files: listen again until the split gives it.
  for (let attempt = 0; ; attempt++) {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    const split = [1, 2].every((n) => new Set(unreadable(n).map((i) => shardOf(urlOf(i), 2))).size === 2);
    if (split || attempt === 20) break;
    await new Promise<void>((r) => server.close(() => r()));
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-nightly-'));
  writeFileSync(path.join(dir, 'night-1.csv'), catalogue(1));
  writeFileSync(path.join(dir, 'night-2.csv'), catalogue(2));
}, 60_000);

afterAll(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const COMMON = ['--timeout', '1.5', '--max-size', '1M', '--per-host', '4', '--format', 'json', '--quiet'];

function nightArgs(n: number): string[] {
  return [
    `--urls`,
    `night-${n}.csv`,
    '--run-id',
    `night-${n}`,
    '--run-date',
    `2026-03-0${n}T02:00:00Z`,
    ...COMMON,
  ];
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

describe('two nightly runs of 200 resources in two shards', () => {
  const runs: Record<string, CliRun> = {};

  beforeAll(async () => {
    // One machine.
    night = 1;
    for (const d of ['reports-1', 'reports-2']) mkdirSync(path.join(dir, d));
    runs.single1 = await cli([
      'validate',
      ...nightArgs(1),
      '--history',
      'single.sqlite',
      '--cache',
      'cache-single',
      '-o',
      'single-1.json',
    ]);
    // Two machines, each with its own cache and history; the night's histories are then merged.
    for (const k of [1, 2]) {
      runs[`shard1-${k}`] = await cli([
        'validate',
        ...nightArgs(1),
        '--shard',
        `${k}/2`,
        '--history',
        `part-1-${k}.sqlite`,
        '--cache',
        `cache-${k}`,
        '-o',
        `reports-1/part-${k}.json`,
      ]);
    }
    runs.mergeHist1 = await cli([
      'history',
      'merge',
      'part-1-1.sqlite',
      'part-1-2.sqlite',
      '-o',
      'merged.sqlite',
    ]);
    runs.mergeReport1 = await cli([
      'report',
      'merge',
      'reports-1/part-1.json',
      'reports-1/part-2.json',
      '-o',
      'merged-1.json',
    ]);

    night = 2;
    runs.single2 = await cli([
      'validate',
      ...nightArgs(2),
      '--history',
      'single.sqlite',
      '--cache',
      'cache-single',
      '-o',
      'single-2.json',
    ]);
    for (const k of [1, 2]) {
      // As a CI job would: start from the merged history of the nights before.
      copyFileSync(path.join(dir, 'merged.sqlite'), path.join(dir, `part-2-${k}.sqlite`));
      runs[`shard2-${k}`] = await cli([
        'validate',
        ...nightArgs(2),
        '--shard',
        `${k}/2`,
        '--history',
        `part-2-${k}.sqlite`,
        '--cache',
        `cache-${k}`,
        '-o',
        `reports-2/part-${k}.json`,
      ]);
    }
    runs.mergeHist2 = await cli([
      'history',
      'merge',
      'part-2-1.sqlite',
      'part-2-2.sqlite',
      '-o',
      'merged.sqlite',
    ]);
    runs.mergeReport2 = await cli([
      'report',
      'merge',
      'reports-2/part-2.json',
      'reports-2/part-1.json',
      '-o',
      'merged-2.json',
    ]);
    runs.siteSingle = await cli([
      'observatoire',
      '--history',
      'single.sqlite',
      '-o',
      'site-single',
      '--stale-days',
      '1',
    ]);
    runs.siteMerged = await cli([
      'observatoire',
      '--history',
      'merged.sqlite',
      '-o',
      'site-merged',
      '--stale-days',
      '1',
    ]);
    runs.siteParts = await cli([
      'observatoire',
      '--history',
      'part-2-1.sqlite',
      '--history',
      'part-2-2.sqlite',
      '-o',
      'site-parts',
      '--stale-days',
      '1',
    ]);
  }, 300_000);

  const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
  const report = (f: string): Report => JSON.parse(read(f)) as Report;

  it('ends every run with the exit code of a batch with unreadable files, and every merge with success', () => {
    for (const [name, r] of Object.entries(runs)) {
      if (name.startsWith('merge') || name.startsWith('site'))
        expect([name, r.code, r.stderr]).toEqual([
          name,
          name === 'mergeReport1' || name === 'mergeReport2' ? 2 : 0,
          r.stderr,
        ]);
      // Failures are in the report; stderr says in one sentence how many files could not be read.
      // (The time-out leaves room for a loaded CI machine.)
      else {
        expect([name, r.code]).toEqual([name, 2]);
        // Each run, each share included, holds unreadable resources, and its report records them.
        const m = /^(single|shard)(\d)(?:-(\d))?$/.exec(name)!;
        const own = report(m[1] === 'single' ? `single-${m[2]}.json` : `reports-${m[2]}/part-${m[3]}.json`);
        expect([name, own.failures.length > 0]).toEqual([name, true]);
        expect(r.stderr).toMatch(/^odf : \d+ fichiers? sur \d+ n’\S+ pas pu être traités? \([^\n]*\n$/);
      }
    }
  });

  it('splits each night between the two machines, every resource on exactly one', () => {
    for (const n of [1, 2]) {
      const a = report(`reports-${n}/part-1.json`);
      const b = report(`reports-${n}/part-2.json`);
      const names = (r: Report): string[] => [
        ...r.files.map((f) => f.path),
        ...r.failures.map((f) => f.path),
      ];
      const all = [...names(a), ...names(b)];
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(N);
      expect(names(a).length).toBeGreaterThan(60);
      expect(names(b).length).toBeGreaterThan(60);
    }
  });

  it('writes share reports that docs/report.schema.json describes', () => {
    const schema = JSON.parse(readFileSync('docs/report.schema.json', 'utf8')) as object;
    for (const f of ['reports-1/part-1.json', 'reports-2/part-2.json', 'merged-2.json'])
      expect([f, validateAgainst(schema, report(f))]).toEqual([f, []]);
    expect(report('reports-1/part-1.json')).toHaveProperty('shard.total', 2);
    expect(report('merged-1.json')).not.toHaveProperty('shard');
  });

  it('gives, merged, the report of a single machine byte for byte', () => {
    expect(read('merged-1.json')).toBe(read('single-1.json'));
    expect(read('merged-2.json')).toBe(read('single-2.json'));
  });

  it('reports 404, 500, time-outs and the huge file as failures with their reason, and the batch goes on', () => {
    const r = report('single-1.json');
    const failure = (i: number): Report['failures'][number] | undefined =>
      r.failures.find((f) => f.path === urlOf(i));
    for (const i of NOT_FOUND) expect(failure(i)?.message).toMatch(/HTTP 404/);
    for (const i of SERVER_ERROR) expect(failure(i)?.message).toMatch(/HTTP 500.*erreur du serveur/);
    for (const i of HANGS) expect(failure(i)?.message).toMatch(/pas de réponse complète en 1\.5 s/);
    expect(failure(HUGE)?.message).toMatch(/dépasse la taille permise \(1 Mo\)/);
    expect(r.failures).toHaveLength(NOT_FOUND.size + SERVER_ERROR.size + HANGS.size + 1);
    expect(r.files).toHaveLength(N - r.failures.length);
    // The declared schema is used; undeclared ones are recognised from their header.
    const declared = r.files.find((f) => f.path === urlOf(1))!;
    expect(declared.schema).toMatchObject({ name: 'scdl/deliberations', version: '2.1.5' });
    expect(declared.schema?.recognized).toBeUndefined();
    expect(r.files.find((f) => f.path === urlOf(7))!.schema).toMatchObject({
      name: 'scdl/deliberations',
      recognized: true,
    });
    expect(r.files.find((f) => f.path === urlOf(14))!.valid).toBe(false);
  });

  it('records both nights, re-validating only what changed', () => {
    const db = openSqlite(path.join(dir, 'single.sqlite'), { readonly: true });
    try {
      const rows = db.all(
        `SELECT r.key AS run, count(*) AS n, sum(o.reused) AS reused, sum(o.not_modified) AS unchanged
         FROM observations o JOIN runs r ON r.id = o.run_id GROUP BY r.key ORDER BY r.key`,
      ) as unknown as { run: string; n: number; reused: number; unchanged: number }[];
      expect(rows.map((x) => [x.run, x.n])).toEqual([
        ['night-1', N],
        ['night-2', N],
      ]);
      expect(rows[0]!.reused).toBe(0);
      // Night 2: every file whose content did not change (304) is taken from the history.
      const changed = Array.from({ length: N }, (_, i) => i).filter((i) => changes(i)).length;
      expect(rows[1]!.reused).toBeGreaterThan(N - changed - 20);
      expect(rows[1]!.unchanged).toBe(rows[1]!.reused);
      const producers = db.all(
        `SELECT DISTINCT producer_id FROM results WHERE producer_id IS NOT NULL ORDER BY producer_id`,
      ) as unknown as { producer_id: string }[];
      expect(producers.map((p) => p.producer_id)).toContain(siret(1));
    } finally {
      db.close();
    }
  });

  it('builds the same observatory from the merged histories as from one machine, byte for byte', () => {
    const a = listFiles(path.join(dir, 'site-single'));
    expect(a.length).toBeGreaterThan(N);
    for (const other of ['site-merged', 'site-parts']) {
      expect(listFiles(path.join(dir, other))).toEqual(a);
      for (const f of a)
        expect([other, f, read(`${other}/${f}`) === read(`site-single/${f}`)]).toEqual([other, f, true]);
    }
  });

  it('shows the trend, the changes and the files no longer published', () => {
    const index = read('site-single/index.html');
    // Two runs in the trend chart and its table.
    expect(index.match(/<circle class="d1"/g)).toHaveLength(2);
    expect(index).toContain('1 mars 2026 02:00 UTC');
    expect(index).toContain('2 mars 2026 02:00 UTC');
    const changes = index.slice(index.indexOf('id="changes"'), index.indexOf('id="abandoned"'));
    expect(changes).toContain(`Délibérations 3<`);
    expect(changes).toContain('devenu non conforme');
    expect(changes).toContain('nouveau fichier suivi');
    expect(changes).toMatch(/▲ [^;<]+\(DELIB_DATE\) : 0 → 3/);
    const abandoned = index.slice(index.indexOf('id="abandoned"'), index.indexOf('id="schemas"'));
    expect(abandoned).toContain(`Délibérations ${UNPUBLISHED}<`);
    expect(abandoned).toContain('n’est plus publié (HTTP 404)');
    for (const i of DROPPED) expect(abandoned).toContain(`Délibérations ${i}<`);
    expect(abandoned).toContain('n’est plus dans la liste');
    expect(abandoned).toContain('inaccessible depuis');
  });
});

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const title = available
  ? 'the observatory in headless Chromium'
  : `the observatory in headless Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;

describe.skipIf(!available)(title, () => {
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  let profile = '';

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(path.join(os.tmpdir(), 'odf-obs-browser-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(dir, 'site-merged', 'index.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('opens with no console error and no request outside the site', () => {
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('shows the figures and the trend chart', async () => {
    await expect(page.locator('#kpis').innerText()).resolves.toMatch(/Fichiers suivis/);
    await expect(page.locator('#trend ~ figure svg circle').count()).resolves.toBeGreaterThanOrEqual(2);
    expect(await page.locator('#changes-table tbody tr').count()).toBeGreaterThan(10);
  });

  it('filters and sorts the table of files', async () => {
    const rows = page.locator('#files-table tbody tr:not([hidden])');
    const all = await rows.count();
    expect(all).toBeGreaterThan(N);
    await page.locator('input[data-filter="files-table"]').fill('Délibérations 123');
    expect(await rows.count()).toBe(1);
    await expect(page.locator('#files-table-count').innerText()).resolves.toBe('1');
    await page.locator('input[data-filter="files-table"]').fill('');
    expect(await rows.count()).toBe(all);
    await page.locator('#files-table th', { hasText: 'Score' }).click();
    const first = await page
      .locator('#files-table tbody tr td:nth-child(5)')
      .first()
      .getAttribute('data-sort');
    expect(Number(first)).toBeLessThanOrEqual(0);
  });

  it('leads from a producer to a file page with its own trend and badge', async () => {
    await page.locator('#producers-table a', { hasText: 'Commune 4' }).first().click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Commune 4');
    await page.locator('#files-table a').first().click();
    await expect(page.locator('#facts').innerText()).resolves.toMatch(/Verdict/);
    await expect(page.locator('#trend ~ figure svg').count()).resolves.toBe(1);
    await expect(page.locator('.badge svg').count()).resolves.toBe(1);
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/observatory-file.png', fullPage: true });
    await page.goto(pathToFileURL(path.join(dir, 'site-merged', 'index.html')).href);
    await page.screenshot({ path: 'test-output/observatory.png', fullPage: false });
    expect(problems).toEqual([]);
  });
});
