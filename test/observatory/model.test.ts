// The observatory's model and pages from a history: changes between runs, files no longer published or updated, escaping.
import { describe, expect, it } from 'vitest';
import { buildObservatory, slugOf } from '../../src/observatory/model.js';
import { badgeSvg, renderObservatory } from '../../src/observatory/render.js';
import type { HistoryData, ObservationRow, ResultSummary } from '../../src/history/store.js';

const runs = [
  { key: 'n1', startedAt: '2026-03-01T02:00:00Z', odfVersion: '0.1.0' },
  { key: 'n2', startedAt: '2026-03-02T02:00:00Z', odfVersion: '0.1.0' },
];

function result(
  valid: boolean,
  score: number,
  counts: ResultSummary['counts'],
  producer?: ResultSummary['producer'],
): ResultSummary {
  const r: ResultSummary = {
    schemaName: 'scdl/deliberations',
    schemaVersion: '2.1.5',
    valid,
    score,
    rows: 10,
    errors: counts.filter((c) => c.level === 'error').reduce((s, c) => s + c.n, 0),
    warnings: 0,
    infos: 0,
    partial: false,
    counts,
  };
  if (producer) r.producer = producer;
  return r;
}

function obs(run: string, resource: string, extra: Partial<ObservationRow>): ObservationRow {
  return { run, resource, status: 'checked', reused: false, odfVersion: '0.1.0', ...extra };
}

const hostile = 'https://evil.example/<script>alert(1)</script>"\u202e.csv';

function history(): HistoryData {
  const results = new Map<string, ResultSummary>([
    ['ok', result(true, 100, [], { id: '21860194600013', name: 'Ville de Poitiers', field: 'COLL_SIRET' })],
    ['bad1', result(false, 70, [{ code: 'type-error', level: 'error', field: 'DELIB_DATE', n: 4 }])],
    [
      'bad2',
      result(false, 80, [
        { code: 'type-error', level: 'error', field: 'DELIB_DATE', n: 1 },
        { code: 'french-siret-value', level: 'error', field: 'COLL_SIRET', n: 2 },
      ]),
    ],
  ]);
  return {
    runs,
    resources: [
      {
        name: 'https://a.fr/fixed.csv',
        kind: 'url',
        catalogue: { organization: 'Ville de A', organizationId: 'orgA' },
      },
      { name: 'https://a.fr/gone.csv', kind: 'url', catalogue: {} },
      { name: 'https://a.fr/now404.csv', kind: 'url', catalogue: { title: 'Délibérations <b>2025</b>' } },
      { name: 'https://a.fr/same.csv', kind: 'url', catalogue: {} },
      { name: hostile, kind: 'url', catalogue: { organization: '<img src=x onerror=alert(1)>' } },
    ],
    observations: [
      obs('n1', 'https://a.fr/fixed.csv', { contentHash: 'h1', result: 'bad1' }),
      obs('n2', 'https://a.fr/fixed.csv', { contentHash: 'h2', result: 'bad2' }),
      obs('n1', 'https://a.fr/gone.csv', { contentHash: 'g', result: 'ok' }),
      obs('n1', 'https://a.fr/now404.csv', { contentHash: 'x', result: 'ok' }),
      obs('n2', 'https://a.fr/now404.csv', {
        status: 'failed',
        failure: { code: 'network-error', message: 'HTTP 404', kind: 'http', status: 404 },
      }),
      obs('n1', 'https://a.fr/same.csv', {
        contentHash: 's',
        result: 'ok',
        lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
      }),
      obs('n2', 'https://a.fr/same.csv', { contentHash: 's', result: 'ok', reused: true }),
      obs('n2', hostile, { contentHash: 'e', result: 'bad1' }),
    ],
    results,
  };
}

describe('buildObservatory', () => {
  const o = buildObservatory(history());
  const file = (name: string) => o.files.find((f) => f.name === name)!;

  it('follows every file across the runs', () => {
    expect(file('https://a.fr/fixed.csv').points.map((p) => [p.state, p.score])).toEqual([
      ['invalid', 70],
      ['invalid', 80],
    ]);
    expect(file('https://a.fr/gone.csv').points.map((p) => p.state)).toEqual(['valid', 'absent']);
  });

  it('tells the new and the fixed problems since the previous run', () => {
    const c = file('https://a.fr/fixed.csv').changes;
    expect(c.contentChanged).toBe(true);
    expect(c.newProblems).toEqual([
      { code: 'french-siret-value', level: 'error', field: 'COLL_SIRET', before: 0, after: 2 },
    ]);
    expect(c.fixedProblems).toEqual([
      { code: 'type-error', level: 'error', field: 'DELIB_DATE', before: 4, after: 1 },
    ]);
    expect(file(hostile).changes.isNew).toBe(true);
  });

  it('lists files gone from the list, no longer published, or not updated', () => {
    expect(file('https://a.fr/gone.csv').abandon).toEqual({ kind: 'gone', lastSeen: 'n1' });
    expect(file('https://a.fr/now404.csv').abandon).toEqual({
      kind: 'unpublished',
      status: 404,
      since: 'n2',
    });
    // Unchanged since the server's Last-Modified (2024), more than 365 days before the last run.
    expect(file('https://a.fr/same.csv').abandon).toMatchObject({
      kind: 'stale',
      since: '2024-01-01T00:00:00.000Z',
    });
    expect(file('https://a.fr/fixed.csv').abandon).toBeUndefined();
  });

  it('groups by producer (data first, else catalogue) and by schema, with a trend per run', () => {
    expect(file('https://a.fr/gone.csv').producer).toEqual({
      key: 'data:21860194600013',
      id: '21860194600013',
      name: 'Ville de Poitiers',
      source: 'data',
    });
    expect(file('https://a.fr/fixed.csv').producer).toMatchObject({
      source: 'catalogue',
      name: 'Ville de A',
    });
    expect(o.schemas.map((s) => s.key)).toEqual(['scdl/deliberations']);
    expect(o.all.trend).toEqual([
      { run: 'n1', files: 4, valid: 3, failed: 0, score: 93 },
      { run: 'n2', files: 4, valid: 1, failed: 1, score: 63 },
    ]);
  });
});

describe('renderObservatory', () => {
  const o = buildObservatory(history());
  const site = renderObservatory(o, { lang: 'fr', odfVersion: '0.1.0' });
  const all = [...site.values()].join('\n');

  it('writes an index, a page and a badge per file, producer and schema', () => {
    expect(site.has('index.html')).toBe(true);
    for (const f of o.files) {
      expect(site.has(`files/${f.slug}.html`)).toBe(true);
      expect(site.has(`badges/files/${f.slug}.svg`)).toBe(true);
    }
    for (const g of o.producers) expect(site.has(`producers/${g.slug}.html`)).toBe(true);
    for (const g of o.schemas) expect(site.has(`badges/schemas/${g.slug}.svg`)).toBe(true);
  });

  it('escapes every string from the data and shows bidirectional controls instead of obeying them', () => {
    expect(all).not.toContain('<script>alert');
    expect(all).not.toContain('<img src=x');
    expect(all).not.toContain('<b>2025</b>');
    expect(all).not.toContain('\u202e');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('⟨U+202E⟩');
    // Only odf's own script, once per page.
    for (const [name, text] of site)
      if (name.endsWith('.html')) expect(text.match(/<script>/g)).toHaveLength(1);
  });

  it('loads nothing from the network', () => {
    for (const [name, text] of site) {
      if (!name.endsWith('.html')) continue;
      expect(text).toContain("default-src 'none'");
      expect(text).not.toMatch(/<(link|img|iframe)\b/);
      expect(text).not.toMatch(/src="https?:/);
    }
  });

  it('is the same text for the same history, in French and in English', () => {
    expect(renderObservatory(buildObservatory(history()), { lang: 'fr', odfVersion: '0.1.0' })).toEqual(site);
    const en = renderObservatory(o, { lang: 'en' }).get('index.html')!;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('What changed since the previous run');
  });
});

describe('slugOf and badgeSvg', () => {
  it('gives distinct, file-name-safe slugs', () => {
    const a = slugOf('https://a.fr/x.csv');
    const b = slugOf('https://b.fr/x.csv');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9-]+$/);
    expect(slugOf('../../etc/passwd')).toMatch(/^[a-z0-9-]+$/);
  });

  it('escapes the badge text', () => {
    const svg = badgeSvg('données', '<x>', 'good', 'a & b');
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('a &amp; b');
  });
});
