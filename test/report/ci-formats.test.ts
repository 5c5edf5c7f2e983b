// JUnit, GitHub, GitLab and Markdown outputs: the structure and fields CI tools read, and escaping of file values.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { classnameOf, familyOf, renderJunit, CHECK_FAMILIES } from '../../src/report/junit.js';
import { renderGithub } from '../../src/report/github.js';
import { renderGitlab, type CodeQualityIssue } from '../../src/report/gitlab.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import {
  escapeMarkdown,
  escapeWorkflowData as escapeData,
  escapeWorkflowProperty as escapeProperty,
  escapeXml,
} from '../../src/report/escape.js';
import type { Report } from '../../src/report/types.js';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict little XML reader for the renderer's output: fails on any unbalanced or malformed tag. */
function parseXml(xml: string): XmlNode {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
  expect(xml).toMatch(decl);
  const src = xml.replace(decl, '');
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let last = 0;
  for (const m of src.matchAll(re)) {
    expect(m.index).toBe(last);
    last = m.index! + m[0].length;
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      stack[stack.length - 1]!.text += m[5];
      continue;
    }
    const [, close, name, rawAttrs, selfClose] = m;
    if (close) {
      expect(stack.pop()!.name).toBe(name);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    const node: XmlNode = { name: name!, attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    if (!selfClose) stack.push(node);
  }
  expect(last).toBe(src.length);
  expect(stack).toHaveLength(1);
  return root.children[0]!;
}

async function batchReport(lang: 'fr' | 'en' = 'fr', extra: string[] = []): Promise<Report> {
  const run = await runCli(
    [
      'validate',
      'fixtures/report/batch',
      'fixtures/report/absent.csv',
      '-s',
      'fixtures/report/schema.json',
      '--format',
      'json',
      ...extra,
    ],
    { lang },
  );
  return JSON.parse(run.stdout) as Report;
}

describe('junit', () => {
  it('has the testsuites/testsuite/testcase/failure structure and attributes GitLab and Jenkins read', async () => {
    const report = await batchReport();
    const root = parseXml(renderJunit(report, { lang: 'fr' }));
    expect(root.name).toBe('testsuites');
    for (const k of ['name', 'tests', 'failures', 'errors', 'time']) expect(root.attrs).toHaveProperty(k);
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      'fixtures/report/batch/conforme.csv',
      'fixtures/report/batch/erreurs.csv',
      'fixtures/report/absent.csv',
      // A file the batch passed over is a skipped test case, not silence.
      'fixtures/report/batch/notes.md',
    ]);
    for (const s of suites) {
      for (const k of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'file'])
        expect(s.attrs).toHaveProperty(k);
      const cases = s.children.filter((c) => c.name === 'testcase');
      expect(Number(s.attrs.tests)).toBe(cases.length);
      expect(Number(s.attrs.failures)).toBe(
        cases.filter((c) => c.children.some((x) => x.name === 'failure')).length,
      );
      expect(Number(s.attrs.errors)).toBe(
        cases.filter((c) => c.children.some((x) => x.name === 'error')).length,
      );
      for (const c of cases)
        for (const k of ['name', 'classname', 'file', 'time']) expect(c.attrs).toHaveProperty(k);
    }
    expect(Number(root.attrs.tests)).toBe(suites.reduce((n, s) => n + Number(s.attrs.tests), 0));
    expect(Number(root.attrs.failures)).toBe(suites.reduce((n, s) => n + Number(s.attrs.failures), 0));
    // One testcase per check family; failures name their codes and carry row, column and message.
    const errors = suites[1]!;
    expect(
      errors.children.filter((c) => c.name === 'testcase').map((c) => c.attrs.name!.split(':')[0]),
    ).toEqual([...CHECK_FAMILIES]);
    const cell = errors.children.find((c) => c.name === 'testcase' && c.attrs.name!.startsWith('cell:'))!;
    const failure = cell.children.find((c) => c.name === 'failure')!;
    expect(failure.attrs.type!.split(', ').sort()).toEqual([
      'constraint-error',
      'type-error',
      'unique-error',
    ]);
    expect(failure.text.split('\n').filter((l) => /^[a-z-]+ — ligne \d+/.test(l))).toHaveLength(8);
    expect(failure.text).toContain('ligne 2, colonne montant');
    expect(failure.text).toContain('&lt;script&gt;');
    expect(suites[2]!.children[0]!.children[0]!.name).toBe('error');
    const skipped = suites[3]!;
    expect(skipped.attrs).toMatchObject({ tests: '1', skipped: '1', failures: '0', errors: '0' });
    expect(skipped.children[0]!.children[0]!.name).toBe('skipped');
    expect(Number(root.attrs.skipped)).toBe(1);
    // Jenkins splits classnames on dots into packages: none is left.
    const classnames = suites.flatMap((s) =>
      s.children.filter((c) => c.name === 'testcase').map((c) => c.attrs.classname!),
    );
    expect(classnames.length).toBeGreaterThan(0);
    for (const c of classnames) expect(c).not.toContain('.');
    expect(classnames).toContain('fixtures/report/batch/erreurs_csv');
  });

  it('writes the durations it is given, and 0 without them', async () => {
    const report = await batchReport();
    const durations = {
      'fixtures/report/batch/conforme.csv': 0.25,
      'fixtures/report/batch/erreurs.csv': 1.5,
      'fixtures/report/absent.csv': 0.002,
    };
    const root = parseXml(renderJunit(report, { lang: 'fr', durations }));
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attrs.time)).toEqual(['0.250', '1.500', '0.002', '0.000']);
    // A file's time is shared among its cases, so they add up to the suite's.
    const cases = suites[1]!.children.filter((c) => c.name === 'testcase');
    expect(cases.reduce((sum, c) => sum + Number(c.attrs.time), 0)).toBeCloseTo(1.5, 2);
    expect(Number(root.attrs.time)).toBeCloseTo(1.752, 3);
    const none = parseXml(renderJunit(report, { lang: 'fr' }));
    expect(none.attrs.time).toBe('0.000');
    expect(classnameOf('a.b/c.d.csv')).toBe('a_b/c_d_csv');
  });

  it('measures durations when run from the CLI, and leaves them out under SOURCE_DATE_EPOCH', async () => {
    const args = ['validate', 'fixtures/report/batch', '-s', 'fixtures/report/schema.json', '-f', 'junit'];
    const measured = parseXml((await runCli(args)).stdout);
    const times = measured.children.map((s) => Number(s.attrs.time));
    expect(times.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    expect(times.some((t) => t > 0)).toBe(true);
    const stable = parseXml((await runCli(args, { env: { SOURCE_DATE_EPOCH: '0' } })).stdout);
    expect(stable.children.map((s) => s.attrs.time)).toEqual(stable.children.map(() => '0.000'));
  });

  it('counts warnings as failures only with --strict', async () => {
    const count = (r: Report): number => Number(parseXml(renderJunit(r, { lang: 'en' })).attrs.failures);
    const plain = await batchReport('en');
    const strict = await batchReport('en', ['--strict']);
    expect(strict.strict).toBe(true);
    // conforme.csv has no warning; erreurs.csv has one (extra-label) in a family that already fails.
    expect(count(strict)).toBe(count(plain));
    const warnings = strict.files[1]!.findings.filter((f) => f.level !== 'error');
    const byCode: Record<string, number> = {};
    for (const f of warnings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const warnOnly: Report = {
      ...strict,
      files: [{ ...strict.files[1]!, findings: warnings, totals: { byCode, byColumn: {} } }],
    };
    expect(count(warnOnly)).toBe(1);
    expect(count({ ...warnOnly, strict: undefined })).toBe(0);
  });

  it.each([
    ['a & b', 'a &amp; b'],
    ['<x y="1">', '&lt;x y=&quot;1&quot;&gt;'],
    ["l'été", 'l&apos;été'],
    // Control characters cannot be carried by XML 1.0 (most of them) nor obeyed by a viewer: shown.
    ['nul\u0000byte\u0007', 'nul⟨NUL⟩byte⟨BEL⟩'],
    ['tab\tand\nnewline', 'tab⟨TAB⟩and⏎newline'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
    ['pair 😀 kept', 'pair 😀 kept'],
  ])('escapes %j for XML', (raw, escaped) => {
    expect(escapeXml(raw)).toBe(escaped);
  });

  it.each([
    ['type-error', 'cell'],
    ['blank-label', 'structure'],
    ['encoding-error', 'source'],
    ['schema-error', 'schema'],
    ['french-siret-value', 'check'],
    ['personal-data-suspected', 'privacy'],
    ['not-a-code', 'structure'],
  ])('puts %s in the %s family', (code, family) => {
    expect(familyOf(code)).toBe(family);
  });
});

describe('github', () => {
  it.each([
    ['100%', '100%25'],
    // Line breaks are shown (⏎) before GitHub's escapes: a value never ends the command's line.
    ['a\r\nb', 'a⏎b'],
    ['a,b:c', 'a,b:c'],
  ])('escapes the message %j as %j', (raw, escaped) => {
    expect(escapeData(raw)).toBe(escaped);
  });

  it.each([
    ['100%', '100%25'],
    ['a\r\nb', 'a⏎b'],
    ['dir/a,b:c.csv', 'dir/a%2Cb%3Ac.csv'],
  ])('escapes the property %j as %j', (raw, escaped) => {
    expect(escapeProperty(raw)).toBe(escaped);
  });

  it('writes one command per finding with file, line and title, and the failures', async () => {
    const report = await batchReport();
    const lines = renderGithub(report, { lang: 'fr' }).trimEnd().split('\n');
    const findings = report.files.reduce((n, f) => n + f.findings.length, 0);
    expect(lines).toHaveLength(findings + report.failures.length + 1);
    for (const l of lines)
      expect(l).toMatch(/^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::[^\r\n]*$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::error file=fixtures\/report\/batch\/erreurs\.csv,line=3,title=[^:]*\[type-error\]::.*12%25/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^::error file=fixtures\/report\/absent\.csv,title=odf \[file-not-found\]::/),
    );
    expect(lines.at(-1)).toMatch(/^::notice title=odf::/);
  });
});

describe('gitlab', () => {
  it('has the fields GitLab Code Quality reads, stable and unique fingerprints', async () => {
    const report = await batchReport();
    const issues = JSON.parse(renderGitlab(report, { lang: 'fr' })) as CodeQualityIssue[];
    expect(issues.length).toBe(
      report.files.reduce((n, f) => n + f.findings.length, 0) + report.failures.length,
    );
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual([
        'check_name',
        'description',
        'fingerprint',
        'location',
        'severity',
      ]);
      expect(typeof i.description).toBe('string');
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof i.location.path).toBe('string');
      expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const again = JSON.parse(renderGitlab(await batchReport('en'), { lang: 'en' })) as CodeQualityIssue[];
    expect(again.map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
    expect(
      issues
        .filter((i) => i.check_name === 'type-error')
        .map((i) => [i.location.path, i.location.lines.begin, i.severity]),
    ).toEqual([
      ['fixtures/report/batch/erreurs.csv', 2, 'major'],
      ['fixtures/report/batch/erreurs.csv', 3, 'major'],
      ['fixtures/report/batch/erreurs.csv', 3, 'major'],
      ['fixtures/report/batch/erreurs.csv', 4, 'major'],
      ['fixtures/report/batch/erreurs.csv', 6, 'major'],
    ]);
    expect(issues.find((i) => i.check_name === 'file-not-found')?.severity).toBe('blocker');
  });
});

describe('markdown', () => {
  it.each([
    ['<img src=x>', '\\<img src=x\\>'],
    ['[lien](http://x.y)', '\\[lien\\]\\(http\\://x\\.y\\)'],
    ['a|b', 'a\\|b'],
    ['**gras** _it_ `code`', '\\*\\*gras\\*\\* \\_it\\_ \\`code\\`'],
    ['@maintainer', '\\@maintainer'],
    ['deux\nlignes', 'deux⏎lignes'],
    ['www.exemple.fr', 'www\\.exemple\\.fr'],
  ])('escapes %j', (raw, escaped) => {
    expect(escapeMarkdown(raw)).toBe(escaped);
  });

  it('has one table row per file and a folded section per file with problems', async () => {
    const report = await batchReport('en');
    const md = renderMarkdown(report, { lang: 'en' });
    const rows = md.split('\n').filter((l) => l.startsWith('| fixtures'));
    expect(rows).toHaveLength(3);
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md).not.toContain('<script>');
  });
});
