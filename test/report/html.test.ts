// The HTML report escapes every value from the files and needs nothing from the network.
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import type { FileReport, Report } from '../../src/report/types.js';
import { withScores } from '../../src/report/score.js';
import { DOCS_ERRORS_URL } from '../../src/findings/doc.js';

/** Every element the renderer writes: anything else would come from a file's values. */
const SAFE_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 p span div section details summary table thead tbody tr th td a code dl dt dd ul li figure figcaption svg g rect circle text title label select option input button footer br'.split(
    ' ',
  ),
);

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</textarea><svg onload=alert(1)>',
  '&lt;already&gt; & raw',
];

function hostileReport(value: string): Report {
  const file: FileReport = {
    path: `exports/${value}.csv`,
    valid: false,
    partial: false,
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
    schema: { source: 'schema.json', name: value },
    labels: ['id', value],
    columns: [
      { field: 'id', label: 'id', column: 1, match: 'exact' },
      { field: 'nom', label: value, column: 2, match: 'folded', suggestion: value },
    ],
    extraColumns: [value],
    stats: { rows: 1, errors: 1, warnings: 0, infos: 0, cells: 2, invalidCells: 1 },
    findings: [
      {
        code: 'type-error',
        level: 'error',
        message: `La valeur « ${value} » n’est pas valide`,
        hint: `Écrivez ${value}`,
        rowNumber: 2,
        line: 2,
        fieldName: 'nom',
        fieldNumber: 2,
        column: value,
        value,
        params: {},
      },
    ],
    totals: { byCode: { 'type-error': 1 }, byColumn: { nom: 1 } },
    profile: [
      {
        column: 2,
        label: value,
        type: 'string',
        rows: 1,
        filled: 1,
        fillRate: 1,
        distinct: 1,
        distinctExact: true,
        top: [{ value, count: 1 }],
        topExact: true,
      },
    ],
  };
  return withScores({
    version: 1,
    valid: false,
    lang: 'fr',
    files: [file, { ...file, path: 'autre.csv' }],
    failures: [{ path: value, code: 'file-not-found', message: value }],
    skipped: [{ path: value, reason: 'unsupported' }],
    summary: { files: 3, valid: 0, invalid: 2, failed: 1, rows: 2, errors: 2, warnings: 0, skipped: 1 },
  });
}

describe('renderHtml', () => {
  it.each(HOSTILE)('never writes the value %s unescaped', (value) => {
    for (const lang of ['fr', 'en'] as const) {
      const html = renderHtml(hostileReport(value), { lang });
      // Once the one script of the page is removed, no script, handler or image can remain.
      const body = html.replace(/<script>[\s\S]*?<\/script>/, '');
      expect(html.match(/<script>/g)).toHaveLength(1);
      const tags = [...body.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
      expect(tags.map((t) => t[1]!.toLowerCase()).filter((name) => !SAFE_TAGS.has(name))).toEqual([]);
      // Every attribute is name="value" (or details' bare `open`), quotes escaped inside, and none is an event handler.
      const leftovers = tags
        .map((t) =>
          t[2]!
            .replace(/\s[\w:-]+="[^"]*"/g, '')
            .replace(/\sopen\b/, '')
            .trim(),
        )
        .filter((r) => r !== '' && r !== '/');
      expect(leftovers).toEqual([]);
      const attributes = tags.flatMap((t) =>
        [...t[2]!.matchAll(/\s([\w:-]+)="[^"]*"/g)].map((a) => a[1]!.toLowerCase()),
      );
      expect(attributes.filter((a) => a.startsWith('on'))).toEqual([]);
      expect(body).toContain(escapeHtml(value));
    }
  });

  it('is self-contained: a Content-Security-Policy forbids fetching, and only links to the docs point outside', () => {
    const html = renderHtml(hostileReport('x'), { lang: 'fr' });
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toMatch(/\bsrc="(https?:)?\/\//);
    // Links a person may follow (never fetched): each finding code's documentation.
    const outside = [...html.matchAll(/\bhref="((?:https?:)?\/\/[^"]*)"/g)].map((m) => m[1]!);
    expect(outside.length).toBeGreaterThan(0);
    for (const url of outside) expect(url.startsWith(`${DOCS_ERRORS_URL}#`)).toBe(true);
    expect(html).not.toMatch(/<link\b|@import|url\(/);
  });

  it('links each code to the documentation in the report language', () => {
    const links = (lang: 'fr' | 'en'): string[] =>
      [...renderHtml(hostileReport('x'), { lang }).matchAll(/\bhref="(https:[^"#]*)#/g)].map((m) => m[1]!);
    expect(new Set(links('fr'))).toEqual(new Set([DOCS_ERRORS_URL]));
    expect(new Set(links('en'))).toEqual(new Set([DOCS_ERRORS_URL.replace(/errors\.md$/, 'errors.en.md')]));
  });

  it('writes the page in the report language', () => {
    expect(renderHtml(hostileReport('x'), { lang: 'fr' })).toContain('<html lang="fr">');
    expect(renderHtml(hostileReport('x'), { lang: 'en' })).toContain('<html lang="en">');
  });

  it.each([
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['&', '&amp;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['é « »', 'é « »'],
  ])('escapes %s as %s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });

  it('lists only the first maxFindings findings and counts the others', () => {
    const r = hostileReport('x');
    const f = r.files[0]!;
    f.findings = Array.from({ length: 5 }, (_, i) => ({ ...f.findings[0]!, rowNumber: i + 2 }));
    const html = renderHtml(r, { lang: 'en', maxFindings: 3 });
    const section = html.slice(html.indexOf('id="file-1"'), html.indexOf('id="file-2"'));
    expect(section.match(/<tr class="error"/g)).toHaveLength(3);
    expect(section).toContain('2 more problems');
  });
});
