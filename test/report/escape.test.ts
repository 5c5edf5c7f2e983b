// Reports cannot be hijacked (issue 12, rows 9 and 10): hostile strings in every user-controlled place, every format.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeXml,
} from '../../src/report/escape.js';
import { renderText } from '../../src/report/text.js';
import { renderBatchText } from '../../src/report/batch-text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderGithub } from '../../src/report/github.js';
import { renderGitlab } from '../../src/report/gitlab.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { withScores } from '../../src/report/score.js';
import type { Report } from '../../src/report/types.js';

const ESC = '\u001b';
/** Strings a file, a label, a sheet or a schema title may hold to take over whatever shows a report. */
const HOSTILE = {
  clear: `${ESC}[2J${ESC}[H`,
  osc8: `${ESC}]8;;https://evil.example/${ESC}\\clique${ESC}]8;;${ESC}\\`,
  title: `${ESC}]0;pwned\u0007`,
  bell: 'ding\u0007',
  csi8bit: 'x\u009b31mrouge',
  rlo: 'facture\u202Egpj.exe',
  isolate: 'a\u2066b\u2069c',
  img: 'a<img src=x onerror=alert(1)>',
  script: '</summary><script>alert(1)</script>',
  workflow: 'x\n::error file=evil.csv::pwned%0A',
  props: 'a,b:c',
  md: '[clic](javascript:alert(1)) **gras** @maintainer #1',
  nul: 'nul\u0000byte',
};
const ALL = Object.values(HOSTILE).join(' ');

/** Raw characters no human-facing report may carry: C0 (but LF between lines), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function hostileReport(): Report {
  const v = ALL;
  return withScores({
    version: 1,
    valid: false,
    lang: 'fr',
    files: [
      {
        path: `exports/${HOSTILE.img}${HOSTILE.rlo}.csv`,
        valid: false,
        partial: false,
        source: { format: 'xlsx', encoding: 'utf-8', sheet: `${HOSTILE.clear}${HOSTILE.script}` },
        schema: { source: 'schema.json', name: HOSTILE.osc8, title: `${HOSTILE.title}${HOSTILE.md}` },
        labels: ['id', v],
        columns: [
          { field: 'id', label: 'id', column: 1, match: 'exact' },
          { field: HOSTILE.bell, label: v, column: 2, match: 'synonym', suggestion: v },
        ],
        extraColumns: [v],
        stats: { rows: 1, errors: 1, warnings: 1, infos: 0, cells: 2, invalidCells: 1, invalidRows: 1 },
        findings: [
          {
            code: 'type-error',
            level: 'error',
            message: `La valeur « ${v} » n’est pas valide`,
            hint: `Écrivez ${HOSTILE.workflow}`,
            rowNumber: 2,
            line: 2,
            fieldName: HOSTILE.props,
            fieldNumber: 2,
            column: v,
            value: v,
            params: {},
            fixable: true,
          },
          {
            code: 'extra-label',
            level: 'warning',
            message: `La colonne « ${v} » ne correspond à aucun champ`,
            rowNumber: 1,
            line: 1,
            column: v,
            params: {},
          },
        ],
        totals: { byCode: { 'type-error': 1, 'extra-label': 1 }, byColumn: { [HOSTILE.props]: 1, [v]: 1 } },
        normalize: {
          output: { path: `out/${HOSTILE.img}.csv`, bytes: 1, sha256: 'x', rows: 1 },
          counts: { read: 1, written: 1, rejected: 0, blankDropped: 0 },
          repairs: [{ field: HOSTILE.rlo, kind: 'other', count: 1, example: { from: v, to: HOSTILE.bell } }],
          droppedColumns: [v],
        },
      },
    ],
    failures: [{ path: HOSTILE.workflow, code: 'file-not-found', message: `introuvable : ${v}` }],
    skipped: [{ path: `${HOSTILE.clear}notes.md`, reason: 'unsupported' }],
    summary: { files: 2, valid: 0, invalid: 1, failed: 1, rows: 1, errors: 1, warnings: 1, skipped: 1 },
  });
}

describe('the escaping function of each output family', () => {
  it.each([
    [HOSTILE.clear, '⟨ESC⟩[2J⟨ESC⟩[H'],
    [HOSTILE.bell, 'ding⟨BEL⟩'],
    [HOSTILE.csi8bit, 'x⟨U+009B⟩31mrouge'],
    [HOSTILE.rlo, 'facture⟨U+202E⟩gpj.exe'],
    [HOSTILE.isolate, 'a⟨U+2066⟩b⟨U+2069⟩c'],
    ['deux\r\nlignes\u2028trois', 'deux⏎lignes⏎trois'],
    ['é « » 😀', 'é « » 😀'],
  ])('terminal: %j → %j', (raw, shown) => {
    expect(escapeTerminal(raw)).toBe(shown);
  });

  it('HTML, XML, Markdown and workflow commands also show the controls, then escape their own syntax', () => {
    expect(escapeHtml(`${HOSTILE.img}${ESC}`)).toBe('a&lt;img src=x onerror=alert(1)&gt;⟨ESC⟩');
    expect(escapeXml(`<a b="c">${HOSTILE.bell}`)).toBe('&lt;a b=&quot;c&quot;&gt;ding⟨BEL⟩');
    expect(escapeMarkdown(HOSTILE.img)).toBe('a\\<img src=x onerror=alert\\(1\\)\\>');
    expect(escapeWorkflowData(HOSTILE.workflow)).toBe('x⏎::error file=evil.csv::pwned%250A');
    expect(escapeWorkflowProperty(HOSTILE.workflow)).toBe('x⏎%3A%3Aerror file=evil.csv%3A%3Apwned%250A');
    expect(escapeWorkflowProperty(HOSTILE.props)).toBe('a%2Cb%3Ac');
  });
});

describe('every renderer, fed hostile strings everywhere', () => {
  const report = hostileReport();

  // JSON formats keep machine fields (a path GitLab links to, SARIF's property bag) as they are, like the
  // JSON report; what a person reads in them (descriptions, messages) is checked.
  const gitlabText = (r: Report): string =>
    (JSON.parse(renderGitlab(r, { lang: 'fr' })) as { description: string }[])
      .map((i) => i.description)
      .join('\n');
  const sarifText = (r: Report): string => {
    const log = JSON.parse(renderSarif(r, { lang: 'fr' })) as {
      runs: {
        results: {
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
        invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[];
      }[];
    };
    const run = log.runs[0]!;
    return [
      ...run.results.flatMap((x) => [x.message.text, x.locations[0]!.physicalLocation.artifactLocation.uri]),
      ...(run.invocations[0]!.toolExecutionNotifications ?? []).map((n) => n.message.text),
    ].join('\n');
  };

  it.each([
    ['text', (r: Report) => renderText(r, { lang: 'fr' })],
    ['batch text', (r: Report) => renderBatchText(r, { lang: 'en' })],
    ['html', (r: Report) => renderHtml(r, { lang: 'fr' })],
    ['junit', (r: Report) => renderJunit(r, { lang: 'fr' })],
    ['github', (r: Report) => renderGithub(r, { lang: 'fr' })],
    ['gitlab', gitlabText],
    ['markdown', (r: Report) => renderMarkdown(r, { lang: 'fr' })],
    ['sarif', sarifText],
  ])('%s carries no raw control character and shows them visibly', (_, render) => {
    const out = render(report);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('⟨ESC⟩');
    expect(out).toContain('⟨U+202E⟩');
  });

  it('text on a terminal with colours: only odf’s own colour codes', () => {
    const paint = (s: string): string => `${ESC}[1m${s}${ESC}[22m`;
    const style = { bold: paint, dim: paint, red: paint, yellow: paint, green: paint, cyan: paint };
    const out = renderText(report, { lang: 'fr', style });
    // Every ESC left is one of the style's: ESC[1m or ESC[22m.
    expect(out.split(`${ESC}[1m`).join('').split(`${ESC}[22m`).join('')).not.toMatch(RAW_CONTROL);
  });

  it('html: no element or attribute comes from the data', () => {
    const html = renderHtml(report, { lang: 'fr' }).replace(/<script>[\s\S]*?<\/script>/, '');
    expect(html).not.toMatch(/<img|<script/i);
    const attributes = [...html.matchAll(/<[a-zA-Z][\w-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].flatMap(
      (t) => [...t[1]!.matchAll(/\s([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase()),
    );
    expect(attributes.filter((a) => a.startsWith('on'))).toEqual([]);
    expect(html).toContain('a&lt;img src=x onerror=alert(1)&gt;');
  });

  it('markdown: no raw tag, neither in tables nor inside <details><summary>', () => {
    const md = renderMarkdown(report, { lang: 'fr' });
    // Outside raw HTML a backslash makes `<` text; an unescaped `<img` or `<script` would be markup.
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/im);
    const summary = md.split('\n').find((l) => l.startsWith('<details><summary>'))!;
    // Raw HTML blocks ignore backslashes: the summary uses HTML entities.
    expect(summary).toContain('a&lt;img src=x onerror=alert(1)&gt;');
    expect(summary).not.toContain('\\<');
    expect(md).not.toMatch(/(^|[^\\])\[clic\]\(javascript/);
  });

  it('github: one command per line, no value can start another or end a property', () => {
    const lines = renderGithub(report, { lang: 'fr' }).trimEnd().split('\n');
    // Two findings, one unreadable file, the closing notice: four commands, each on its own line (GitHub
    // reads a command only at the start of a line, so `::` inside a message is text).
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::/);
  });

  it('junit: well-formed XML text with the controls shown', () => {
    const xml = renderJunit(report, { lang: 'fr' });
    expect(xml).not.toMatch(/<img|<script/);
    expect(xml).toContain('⟨NUL⟩');
  });

  it('gitlab and sarif: valid JSON whose human text shows the controls', () => {
    expect(() => JSON.parse(renderGitlab(report, { lang: 'fr' }))).not.toThrow();
    const sarif = JSON.parse(renderSarif(report, { lang: 'fr' })) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    expect(sarif.runs[0]!.results[0]!.message.text).toContain('⟨ESC⟩[2J');
  });
});

describe('through the CLI: a hostile file name, labels and cells', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'odf-hostile-'));
    // A file name may hold anything but `/` and NUL.
    file = path.join(dir, `a<img src=x onerror=alert(1)>${ESC}[2J.csv`);
    writeFileSync(
      file,
      `id,"nom${ESC}]8;;https://evil.example/${ESC}\\"\n` +
        `1,"${ESC}[2J${ESC}]0;titre\u0007"\n` +
        `x,"facture\u202Egpj.exe"\n` +
        `3,"%0A::error file=x::pwned"\n`,
    );
    writeFileSync(
      path.join(dir, 'schema.json'),
      JSON.stringify({
        title: `${ESC}[31m<script>`,
        fields: [{ name: 'id', type: 'integer' }, { name: 'nom' }],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['text', 'html', 'junit', 'github', 'gitlab', 'markdown', 'sarif'])(
    '--format %s',
    async (format) => {
      const run = await runCli(['validate', path.basename(file), '-s', 'schema.json', '-f', format], {
        cwd: dir,
      });
      expect(run.code).toBe(1);
      const out = format === 'html' ? run.stdout.replace(/<script>[\s\S]*?<\/script>/, '') : run.stdout;
      expect(out).not.toMatch(RAW_CONTROL);
      // Markup matters where something renders it; in a terminal or a JSON string `<img` is text.
      if (format === 'html' || format === 'junit') expect(out).not.toMatch(/<img|<script/i);
      if (format === 'markdown') expect(out).not.toMatch(/(^|[^\\])<(img|script)/im);
      expect(out).toContain('⟨ESC⟩');
    },
  );
});
