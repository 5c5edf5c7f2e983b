// validate by URL, with a history and shares: one sentence and exit 2 for what odf cannot do, never a lost file.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { History } from '../../src/history/store.js';
import { run } from '../../src/index.js';

let server: Server;
let base = '';
let releaseSlow: () => void = () => {};
let slowAnswered: Promise<void> = Promise.resolve();
let slowAsked: () => void = () => {};
function release(): void {
  releaseSlow();
}
const CSV = readFileSync('fixtures/checks/deliberations-2.1.5-ok.csv');

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow.csv') {
      // Answered once the test releases it (or after 10 s, so that a failing test still ends).
      const timer = setTimeout(release, 10_000);
      slowAnswered = new Promise<void>((r) => {
        releaseSlow = (): void => {
          clearTimeout(timer);
          res.writeHead(200, { 'content-type': 'text/csv' });
          res.end(CSV, () => r());
        };
      });
      slowAsked();
      return;
    }
    if (req.url === '/deliberations.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(CSV);
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

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'odf-urls-'));
}

describe('odf validate URL', () => {
  it('checks a file given by URL, recognising its schema, and shows it under its URL', async () => {
    const dir = tmp();
    const run = await runCli(['validate', `${base}/deliberations.csv`, '--cache', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { path: string; schema?: { name?: string } }[] };
    expect(report.files[0]!.path).toBe(`${base}/deliberations.csv`);
    expect(report.files[0]!.schema?.name).toBe('scdl/deliberations');
    expect(run.stdout).not.toContain(dir);
  });

  it('validates a file as soon as it is downloaded, while a slow download goes on', async () => {
    const dir = tmp();
    const asked = new Promise<void>((r) => (slowAsked = r));
    const events: string[] = [];
    const outcome = run(
      { inputs: [`${base}/slow.csv`, `${base}/deliberations.csv`], urls: { cacheDir: dir }, jobs: 2 },
      {
        onFileDone: (e) => {
          events.push(`done ${e.display.slice(base.length)}`);
          // The quick file is checked while the slow one is still downloading: now let it finish.
          if (e.display.endsWith('/deliberations.csv')) release();
        },
      },
    );
    await asked;
    await slowAnswered.then(() => events.push('slow answered'));
    const { report } = await outcome;
    expect(events[0]).toBe('done /deliberations.csv');
    expect(events.slice(1).sort()).toEqual(['done /slow.csv', 'slow answered']);
    expect(report.files.map((f) => f.path)).toEqual([`${base}/slow.csv`, `${base}/deliberations.csv`]);
  });

  it('ends a single URL that answers 404 with one sentence and exit 2', async () => {
    const run = await runCli(['validate', `${base}/absent.csv`, '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^odf : Impossible de télécharger le fichier http:\/\/127\.0\.0\.1:\d+\/absent\.csv : HTTP 404/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad --shard, a list without URL column and a size without a number', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'liste.csv'), 'nom\nA\n');
    for (const [args, pattern] of [
      [['--urls', 'liste.csv', '--shard', '3/2'], /--shard attend K\/N/],
      [['--urls', 'liste.csv'], /colonne d’adresses/],
      [[`${base}/deliberations.csv`, '--max-size', 'beaucoup'], /--max-size attend une taille/],
    ] as const) {
      const run = await runCli(['validate', ...args], { cwd: dir });
      expect([args, run.code]).toEqual([args, 2]);
      expect(run.stderr).toMatch(pattern);
    }
  });
});

describe('validate --history', () => {
  it('refuses a history file that is not one, and leaves it as it was', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'budget.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(dir, 'historique.sqlite'), 'pas une base\n');
    const run = await runCli(['validate', 'budget.csv', '--history', 'historique.sqlite'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/historique\.sqlite n’est pas une base SQLite/);
    expect(readFileSync(path.join(dir, 'historique.sqlite'), 'utf8')).toBe('pas une base\n');
  });

  it('ends a single missing file with its sentence on stderr and exit 2, as without a history', async () => {
    const dir = tmp();
    const run = await runCli(['validate', 'absent.csv', '--history', 'h.sqlite'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/absent\.csv/);
  });

  it('records local files too, and takes an unchanged file from the history', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'delib.csv'), CSV);
    const args = ['validate', 'delib.csv', '--history', 'h.sqlite', '--format', 'json'];
    const first = await runCli([...args, '--run-id', 'a'], { cwd: dir });
    const second = await runCli([...args, '--run-id', 'b'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const h = History.open(path.join(dir, 'h.sqlite'), { readonly: true });
    const data = h.read();
    h.close();
    expect(data.observations.map((o) => [o.run, o.resource, o.reused])).toEqual([
      ['a', 'delib.csv', false],
      ['b', 'delib.csv', true],
    ]);
    expect(data.results.get(data.observations[0]!.result!)!.producer).toEqual({
      id: '21860194600013',
      name: 'Ville de Poitiers',
      field: 'COLL_SIRET',
    });
  });

  it('records the exact counts per code and column, beyond --limit-errors', async () => {
    const dir = tmp();
    const [header, row] = CSV.toString('utf8').split('\n');
    // 30 rows whose date is written day-first: 30 type errors in DELIB_DATE, 2 of them listed.
    const rows = Array.from({ length: 30 }, (_, i) =>
      row!.replace('2017-DL-001', `2017-DL-${100 + i}`).replace(',2017-10-15,', ',15/10/2017,'),
    );
    writeFileSync(path.join(dir, 'delib.csv'), `${[header, ...rows].join('\n')}\n`);
    const run = await runCli(
      ['validate', 'delib.csv', '--history', 'h.sqlite', '--limit-errors', '2', '--format', 'json'],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { findings: { fieldName?: string }[] }[] };
    expect(report.files[0]!.findings.filter((f) => f.fieldName === 'DELIB_DATE').length).toBeLessThan(30);
    const h = History.open(path.join(dir, 'h.sqlite'), { readonly: true });
    const data = h.read();
    h.close();
    const counts = data.results.get(data.observations[0]!.result!)!.counts;
    expect(counts.find((c) => c.field === 'DELIB_DATE' && c.code === '')!.n).toBe(30);
    expect(counts.filter((c) => c.code !== '').reduce((s, c) => s + c.n, 0)).toBeGreaterThanOrEqual(30);
  });

  it('history prune forgets the old runs, refuses a missing file and a run without options', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'delib.csv'), CSV);
    for (const [id, date] of [
      ['a', '2026-01-01'],
      ['b', '2026-02-01'],
      ['c', '2026-03-01'],
    ])
      await runCli(
        ['validate', 'delib.csv', '--history', 'h.sqlite', '--run-id', id!, '--run-date', date!, '-q'],
        {
          cwd: dir,
        },
      );
    const byDate = await runCli(['history', 'prune', 'h.sqlite', '--before', '2026-01-15'], { cwd: dir });
    expect(byDate.code).toBe(0);
    expect(byDate.stderr).toMatch(/h\.sqlite : exécutions oubliées : 1 .* exécutions restantes : 2/);
    const byCount = await runCli(['history', 'prune', 'h.sqlite', '--keep-runs', '1'], { cwd: dir });
    expect(byCount.code).toBe(0);
    const h = History.open(path.join(dir, 'h.sqlite'), { readonly: true });
    expect(h.read().runs.map((r) => r.key)).toEqual(['c']);
    h.close();
    for (const [args, pattern] of [
      [['absent.sqlite', '--keep-runs', '1'], /absent\.sqlite n’existe pas/],
      [['h.sqlite'], /--keep-runs N.*--before DATE/],
      [['h.sqlite', '--before', 'hier'], /--before attend une date/],
      [['h.sqlite', '--keep-runs', '0'], /--keep-runs/],
    ] as const) {
      const run = await runCli(['history', 'prune', ...args], { cwd: dir });
      expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(pattern)]);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(path.join(dir, 'absent.sqlite'))).toBe(false);
  });

  it('--shard auto takes GitLab’s share: the two jobs of parallel: 2 split a batch, each file once', async () => {
    const dir = tmp();
    const names = Array.from({ length: 8 }, (_, i) => `f${i}.csv`);
    for (const n of names) writeFileSync(path.join(dir, n), CSV);
    const shares = [];
    for (const index of ['1', '2']) {
      const run = await runCli(['validate', ...names, '--shard', 'auto', '--format', 'json'], {
        cwd: dir,
        env: { CI_NODE_INDEX: index, CI_NODE_TOTAL: '2' },
      });
      expect(run.code).toBe(0);
      const r = JSON.parse(run.stdout) as {
        files: { path: string }[];
        shard: { index: number; total: number };
      };
      expect(r.shard).toMatchObject({ index: Number(index), total: 2 });
      shares.push(r.files.map((f) => f.path));
    }
    expect(shares.flat().sort()).toEqual(names);
    const alone = await runCli(['validate', ...names, '--shard', 'auto'], { cwd: dir, env: {} });
    expect([alone.code, alone.stderr]).toEqual([2, expect.stringMatching(/ni CI_NODE_INDEX/)]);
  });

  it('keys a run by the CI pipeline that ran it, so that its shards record one run', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'delib.csv'), CSV);
    for (const env of [{ CI_PIPELINE_ID: '42' }, { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '2' }])
      await runCli(['validate', 'delib.csv', '--history', 'h.sqlite', '-q'], { cwd: dir, env });
    const h = History.open(path.join(dir, 'h.sqlite'), { readonly: true });
    expect(
      h
        .read()
        .runs.map((r) => r.key)
        .sort(),
    ).toEqual(['github-7-2', 'gitlab-42']);
    h.close();
  });

  it('history merge keeps the runs of an existing target', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'delib.csv'), CSV);
    await runCli(['validate', 'delib.csv', '--history', 'all.sqlite', '--run-id', 'old', '-q'], { cwd: dir });
    await runCli(['validate', 'delib.csv', '--history', 'part.sqlite', '--run-id', 'new', '-q'], {
      cwd: dir,
    });
    const run = await runCli(['history', 'merge', 'part.sqlite', '-o', 'all.sqlite'], { cwd: dir });
    expect(run.code).toBe(0);
    const h = History.open(path.join(dir, 'all.sqlite'), { readonly: true });
    expect(
      h
        .read()
        .runs.map((r) => r.key)
        .sort(),
    ).toEqual(['new', 'old']);
    h.close();
  });
});
