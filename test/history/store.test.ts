// The history file: created and migrated, records runs, reuses results, merges; never overwrites what it cannot read.
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, countFindings, type ObservationInput, type RunInfo } from '../../src/history/store.js';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS, openSqlite } from '../../src/history/db.js';
import { isOdfError } from '../../src/errors.js';
import type { FileReport } from '../../src/report/types.js';

function tmp(name: string): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'odf-history-')), name);
}

function report(errors: number, findings: FileReport['findings'] = []): FileReport {
  return {
    path: 'x.csv',
    valid: errors === 0,
    partial: false,
    source: { format: 'csv' },
    schema: { name: 'scdl/deliberations', version: '2.1.5', source: 'scdl/deliberations@2.1.5' },
    labels: ['COLL_SIRET'],
    columns: [],
    extraColumns: [],
    stats: { rows: 10, errors, warnings: 0, infos: 0, cells: 10, invalidCells: errors, invalidRows: errors },
    findings,
    totals: totalsOf(findings),
    score: { score: errors ? 80 : 100, structure: 100, content: errors ? 70 : 100 },
  };
}

/** The exact totals a report carries, here those of the findings listed. */
function totalsOf(findings: FileReport['findings']): FileReport['totals'] {
  const totals: FileReport['totals'] = { byCode: {}, byColumn: {} };
  for (const f of findings) {
    totals.byCode[f.code] = (totals.byCode[f.code] ?? 0) + 1;
    const column = f.fieldName ?? f.column;
    if (column !== undefined && f.level !== 'info')
      totals.byColumn[column] = (totals.byColumn[column] ?? 0) + 1;
  }
  return totals;
}

const finding = (code: string, fieldName?: string): FileReport['findings'][number] => ({
  code,
  level: 'error',
  message: code,
  params: {},
  ...(fieldName ? { fieldName } : {}),
});

const run1: RunInfo = { key: 'n1', startedAt: '2026-03-01T02:00:00Z', odfVersion: '0.1.0' };
const run2: RunInfo = { key: 'n2', startedAt: '2026-03-02T02:00:00Z', odfVersion: '0.1.0' };

function checked(
  name: string,
  fp: string,
  r: FileReport,
  extra: Partial<ObservationInput> = {},
): ObservationInput {
  return {
    name,
    kind: 'url',
    reused: false,
    contentHash: `h-${fp}`,
    result: { fingerprint: fp, report: r },
    ...extra,
  };
}

function expectHistoryError(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
    expect.unreachable();
  } catch (e) {
    expect(isOdfError(e) && e.code).toBe('history-error');
    expect((e as Error).message).toMatch(pattern);
    expect((e as Error).message.split('\n')).toHaveLength(1);
  }
}

describe('History', () => {
  it('creates a file at the latest version, with its own application id', () => {
    const file = tmp('h.sqlite');
    History.open(file).close();
    const db = openSqlite(file, { readonly: true });
    expect(db.pragma('user_version')).toBe(LATEST_VERSION);
    expect(db.pragma('application_id')).toBe(APPLICATION_ID);
    db.close();
  });

  it('records runs, finds a result by fingerprint and reads everything back in a stable order', () => {
    const file = tmp('h.sqlite');
    const h = History.open(file);
    const bad = report(3, [
      finding('type-error', 'DELIB_DATE'),
      finding('type-error', 'DELIB_DATE'),
      finding('french-siret-value', 'COLL_SIRET'),
    ]);
    h.recordRun(run1, [
      checked('https://b.fr/x.csv', 'fp-b', bad, {
        catalogue: { organization: 'Ville de B', schemaName: 'scdl/deliberations' },
        lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT',
      }),
      {
        name: 'https://a.fr/y.csv',
        kind: 'url',
        reused: false,
        failure: {
          code: 'network-error',
          message: 'HTTP 404',
          messageEn: 'HTTP 404',
          kind: 'http',
          status: 404,
        },
      },
    ]);
    const stored = h.findResult('fp-b')!;
    expect(stored.report.path).toBe('');
    expect(stored.report.findings).toHaveLength(3);
    expect(h.findResult('nope')).toBeUndefined();
    h.recordRun(run2, [checked('https://b.fr/x.csv', 'fp-b', bad, { reused: true })]);
    const data = h.read();
    h.close();
    expect(data.runs.map((r) => r.key)).toEqual(['n1', 'n2']);
    expect(data.resources.map((r) => r.name)).toEqual(['https://a.fr/y.csv', 'https://b.fr/x.csv']);
    expect(data.resources[1]!.catalogue).toEqual({
      organization: 'Ville de B',
      schemaName: 'scdl/deliberations',
    });
    expect(data.observations.map((o) => [o.run, o.resource, o.status, o.reused])).toEqual([
      ['n1', 'https://a.fr/y.csv', 'failed', false],
      ['n1', 'https://b.fr/x.csv', 'checked', false],
      ['n2', 'https://b.fr/x.csv', 'checked', true],
    ]);
    expect(data.observations[0]!.failure).toEqual({
      code: 'network-error',
      message: 'HTTP 404',
      messageEn: 'HTTP 404',
      kind: 'http',
      status: 404,
    });
    const summary = data.results.get('fp-b')!;
    expect(summary).toMatchObject({
      schemaName: 'scdl/deliberations',
      schemaVersion: '2.1.5',
      valid: false,
      score: 80,
      errors: 3,
    });
    expect(summary.counts).toEqual([
      { code: '', level: '', field: 'COLL_SIRET', n: 1 },
      { code: '', level: '', field: 'DELIB_DATE', n: 2 },
      { code: 'french-siret-value', level: 'error', field: '', n: 1 },
      { code: 'type-error', level: 'error', field: '', n: 2 },
    ]);
  });

  it('keeps one copy of a result shared by several runs', () => {
    const file = tmp('h.sqlite');
    const h = History.open(file);
    h.recordRun(run1, [checked('a', 'fp', report(0))]);
    h.recordRun(run2, [checked('a', 'fp', report(0), { reused: true })]);
    h.close();
    const db = openSqlite(file, { readonly: true });
    expect(db.get('SELECT count(*) AS n FROM results')!.n).toBe(1);
    db.close();
  });

  it('keeps the full report of a file’s latest content only; summaries and counts of every run stay', () => {
    const h = History.open(':memory:');
    const before = report(1, [finding('type-error', 'A')]);
    h.recordRun(run1, [checked('a', 'old', before)]);
    h.recordRun(run2, [checked('a', 'new', report(0))]);
    expect(h.findResult('old')).toBeUndefined();
    expect(h.findResult('new')).toBeDefined();
    const data = h.read();
    h.close();
    expect(data.results.get('old')).toMatchObject({
      errors: 1,
      counts: [
        { code: '', field: 'A', n: 1 },
        { code: 'type-error', field: '', n: 1 },
      ],
    });
    expect(data.observations.map((o) => o.result)).toEqual(['old', 'new']);
  });

  it('reads only the last runs when asked (a window for big histories)', () => {
    const h = History.open(':memory:');
    h.recordRun(run1, [checked('a', 'f1', report(0)), checked('gone', 'g', report(0))]);
    h.recordRun(run2, [checked('a', 'f2', report(1))]);
    const data = h.read({ lastRuns: 1 });
    h.close();
    expect(data.runs.map((r) => r.key)).toEqual(['n2']);
    expect(data.observations.map((o) => [o.run, o.resource])).toEqual([['n2', 'a']]);
  });

  it('counts findings per code and field', () => {
    expect(countFindings(report(2, [finding('blank-row'), finding('blank-row')]))).toEqual([
      { code: 'blank-row', level: 'error', field: '', n: 2 },
    ]);
  });

  it('counts the report’s exact totals, not the findings --limit-errors kept', () => {
    const r = report(1, [finding('type-error', 'DELIB_DATE')]);
    r.partial = true;
    r.totals = {
      byCode: { 'type-error': 5000, 'blank-row': 12, 'missing-value': 3 },
      byColumn: { DELIB_DATE: 5000, COLL_SIRET: 3 },
    };
    expect(countFindings(r)).toEqual([
      { code: '', level: '', field: 'COLL_SIRET', n: 3 },
      { code: '', level: '', field: 'DELIB_DATE', n: 5000 },
      // Levels of codes with no finding listed come from the catalogue.
      { code: 'blank-row', level: 'error', field: '', n: 12 },
      { code: 'missing-value', level: 'error', field: '', n: 3 },
      { code: 'type-error', level: 'error', field: '', n: 5000 },
    ]);
  });

  it('brings a format 1 history to the latest, summing its counts per code and per column', () => {
    const file = tmp('v1.sqlite');
    const db = openSqlite(file, { create: true });
    db.exec(MIGRATIONS[0]!);
    db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    db.exec('PRAGMA user_version = 1');
    db.exec(`INSERT INTO runs VALUES (1, 'n1', '2026-03-01T02:00:00Z', '0.1.0');
      INSERT INTO resources (id, name, kind) VALUES (1, 'a.csv', 'file');
      INSERT INTO results (id, fingerprint, valid, rows, errors, warnings, infos, partial)
        VALUES (1, 'fp', 0, 10, 4, 1, 0, 0);
      INSERT INTO counts VALUES (1, 'type-error', 'error', 'A', 2), (1, 'type-error', 'error', 'B', 1),
        (1, 'blank-row', 'error', '', 1), (1, 'duplicate-label', 'warning', 'A', 1);
      INSERT INTO observations (run_id, resource_id, status, reused, result_id, odf_version)
        VALUES (1, 1, 'checked', 0, 1, '0.1.0');`);
    db.close();
    const h = History.open(file);
    const data = h.read();
    h.close();
    expect(data.runs.map((r) => r.key)).toEqual(['n1']);
    expect(data.results.get('fp')!.counts).toEqual([
      { code: '', level: '', field: 'A', n: 3 },
      { code: '', level: '', field: 'B', n: 1 },
      { code: 'blank-row', level: 'error', field: '', n: 1 },
      { code: 'duplicate-label', level: 'warning', field: '', n: 1 },
      { code: 'type-error', level: 'error', field: '', n: 3 },
    ]);
    const again = openSqlite(file, { readonly: true });
    expect(again.pragma('user_version')).toBe(LATEST_VERSION);
    again.close();
  });

  it('prunes old runs with what only they held, and keeps the rest as it was', () => {
    const file = tmp('h.sqlite');
    const h = History.open(file);
    const run3: RunInfo = { key: 'n3', startedAt: '2026-03-03T02:00:00Z', odfVersion: '0.1.0' };
    h.recordRun(run1, [
      checked('a', 'a1', report(1, [finding('type-error', 'A')])),
      checked('gone', 'g1', report(0)),
    ]);
    h.recordRun(run2, [checked('a', 'a2', report(0))]);
    h.recordRun(run3, [checked('a', 'a2', report(0), { reused: true })]);
    const before = h.read();
    expect(h.prune({ keepRuns: 2 })).toEqual({
      runs: 1,
      observations: 2,
      results: 2,
      files: 1,
      runsLeft: 2,
      compacted: true,
    });
    const after = h.read();
    expect(after.runs).toEqual([run2, run3]);
    expect(after.resources.map((r) => r.name)).toEqual(['a']);
    expect([...after.results.keys()]).toEqual(['a2']);
    expect(after.observations).toEqual(before.observations.filter((o) => o.run !== 'n1'));
    expect(h.findResult('a2')).toBeDefined();
    // By date: runs started before it go, whatever --keep-runs would keep.
    expect(h.prune({ before: '2026-03-03T00:00:00Z' }).runs).toBe(1);
    expect(h.read().runs).toEqual([run3]);
    expect(h.prune({ keepRuns: 5 }).runs).toBe(0);
    h.close();
  });

  it('refuses a file that is not SQLite, leaving it byte for byte as it was', () => {
    const file = tmp('notes.sqlite');
    writeFileSync(file, 'Mes notes importantes\n');
    expectHistoryError(() => History.open(file), /notes\.sqlite.*n’est pas une base SQLite.*jamais/);
    expect(readFileSync(file, 'utf8')).toBe('Mes notes importantes\n');
  });

  it('refuses another program’s SQLite database without touching it', () => {
    const file = tmp('autre.sqlite');
    const db = openSqlite(file, { create: true });
    db.exec("CREATE TABLE clients (nom TEXT); INSERT INTO clients VALUES ('A');");
    db.close();
    const before = readFileSync(file);
    expectHistoryError(() => History.open(file), /autre programme/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a history written by a newer odf', () => {
    const file = tmp('h.sqlite');
    History.open(file).close();
    const db = openSqlite(file);
    db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expectHistoryError(() => History.open(file), /version plus récente/);
  });

  it('says a damaged file is damaged and keeps it', () => {
    const file = tmp('h.sqlite');
    const h = History.open(file);
    h.recordRun(
      run1,
      Array.from({ length: 200 }, (_, i) => checked(`f${i}`, `fp${i}`, report(0))),
    );
    h.close();
    const bytes = readFileSync(file);
    // Keep the header (it is still SQLite) and scramble the pages after it.
    for (let i = 200; i < bytes.length; i++) bytes[i] = (bytes[i]! * 31 + 7) & 0xff;
    writeFileSync(file, bytes);
    const size = statSync(file).size;
    expectHistoryError(() => {
      const again = History.open(file);
      try {
        again.read();
      } finally {
        again.close();
      }
    }, /endommagé|autre programme/);
    expect(statSync(file).size).toBe(size);
  });

  it('names the lock folder an interrupted odf left behind, and keeps every run', () => {
    const file = tmp('h.sqlite');
    const h = History.open(file);
    h.recordRun(run1, [checked('a', 'fp', report(0))]);
    h.close();
    // What a killed process leaves: SQLite's lock (a folder beside the file) still taken.
    mkdirSync(`${file}.lock`);
    expectHistoryError(
      () => History.open(file, { busyTimeoutMs: 20 }),
      /verrouillé.*h\.sqlite\.lock.*supprimez-le/,
    );
    rmdirSync(`${file}.lock`);
    const again = History.open(file);
    expect(again.read().runs.map((r) => r.key)).toEqual([run1.key]);
    again.close();
  });

  it('says a history locked by another program is locked, and records nothing', () => {
    const file = tmp('h.sqlite');
    History.open(file).close();
    const other = openSqlite(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      expectHistoryError(() => {
        const h = History.open(file, { busyTimeoutMs: 50 });
        try {
          h.recordRun(run1, [checked('a', 'fp', report(0))]);
        } finally {
          h.close();
        }
      }, /verrouillé/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const h = History.open(file);
    expect(h.read().runs).toEqual([]);
    h.close();
  });

  it('merges histories by run key, file name and fingerprint; merging twice changes nothing', () => {
    const a = tmp('a.sqlite');
    const b = tmp('b.sqlite');
    const ha = History.open(a);
    ha.recordRun({ ...run1, startedAt: '2026-03-01T02:00:05Z' }, [checked('x', 'fx', report(0))]);
    ha.close();
    const hb = History.open(b);
    hb.recordRun(run1, [checked('y', 'fy', report(1, [finding('type-error', 'A')]))]);
    hb.close();
    const m = History.open(':memory:');
    expect(m.mergeFrom(a)).toEqual({ runs: 1, observations: 1 });
    expect(m.mergeFrom(b)).toEqual({ runs: 0, observations: 1 });
    expect(m.mergeFrom(b)).toEqual({ runs: 0, observations: 0 });
    const data = m.read();
    m.close();
    expect(data.runs).toEqual([run1]);
    expect(data.observations.map((o) => [o.run, o.resource, o.result])).toEqual([
      ['n1', 'x', 'fx'],
      ['n1', 'y', 'fy'],
    ]);
    expect(data.results.get('fy')!.counts).toEqual([
      { code: '', level: '', field: 'A', n: 1 },
      { code: 'type-error', level: 'error', field: '', n: 1 },
    ]);
  });
});
