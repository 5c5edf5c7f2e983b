// The report options and small things of issue 16, end to end through the CLI.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import type { Report } from '../../src/report/types.js';

const SCHEMA = 'fixtures/report/schema.json';
const ERRORS = 'fixtures/report/batch/erreurs.csv';
const README_EXAMPLE = 'fixtures/examples/budget-export-mairie.csv';

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

/** Run the CLI as on a terminal of `columns` columns, with colours allowed. */
async function onTerminal(argv: string[], columns: number): Promise<string> {
  let out = '';
  const stream = {
    write(s: string | Uint8Array) {
      out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
      return true;
    },
    isTTY: true,
    columns,
  };
  const ctx: CliContext = {
    stdout: stream,
    stderr: { write: () => true, isTTY: false },
    stdin: Readable.from([]),
    env: {},
    cwd: process.cwd(),
    lang: 'fr',
    color: true,
  };
  await main(argv, ctx);
  return out;
}

const width = (s: string): number => Math.max(...s.split('\n').map((l) => [...l].length));

describe('the text report fits its terminal', () => {
  it('80 columns when not a terminal: the README example and a batch', async () => {
    const single = await runCli(['validate', README_EXAMPLE]);
    expect(width(single.stdout)).toBeLessThanOrEqual(80);
    const batch = await runCli([
      'validate',
      'fixtures/report/batch',
      'fixtures/report/absent.csv',
      '-s',
      SCHEMA,
    ]);
    expect(width(batch.stdout)).toBeLessThanOrEqual(80);
    const exports = await runCli(['validate', 'fixtures/exports']);
    expect(width(exports.stdout)).toBeLessThanOrEqual(80);
  });

  it('the terminal’s width on a terminal, colour codes not counted', async () => {
    const strip = (s: string): string =>
      s
        .split('\u001b')
        .map((p, i) => (i === 0 ? p : p.replace(/^\[\d+m/, '')))
        .join('');
    const wide = strip(await onTerminal(['validate', README_EXAMPLE], 120));
    const narrow = strip(await onTerminal(['validate', README_EXAMPLE], 60));
    expect(width(narrow)).toBeLessThanOrEqual(60);
    expect(width(wide)).toBeLessThanOrEqual(120);
    expect(width(wide)).toBeGreaterThan(80);
  });

  it('--no-color leaves a terminal without colour codes, like NO_COLOR', async () => {
    expect(await onTerminal(['validate', ERRORS, '-s', SCHEMA], 80)).toContain('\u001b[');
    expect(await onTerminal(['validate', ERRORS, '-s', SCHEMA, '--no-color'], 80)).not.toContain('\u001b');
  });
});

describe('one line number per finding, the same in every format', () => {
  it('text, github, gitlab, junit, markdown, html and sarif name the JSON’s `line`', async () => {
    const report = json((await runCli(['validate', README_EXAMPLE, '-f', 'json'])).stdout);
    const findings = report.files[0]!.findings.filter((f) => f.line !== undefined);
    // Title rows push the header to line 3: header findings are there, data rows below.
    expect(findings.find((f) => f.code === 'incorrect-label')?.line).toBe(3);
    expect(findings.find((f) => f.code === 'type-error')).toMatchObject({ rowNumber: 2, line: 4 });
    const out = async (format: string): Promise<string> =>
      (await runCli(['validate', README_EXAMPLE, '-f', format, '--max-examples', '100'])).stdout;
    const [text, github, gitlab, sarif, junit, html] = await Promise.all(
      ['text', 'github', 'gitlab', 'sarif', 'junit', 'html'].map(out),
    );
    const gitlabLines = (
      JSON.parse(gitlab!) as { check_name: string; location: { lines: { begin: number } } }[]
    )
      .filter((i) => i.check_name === 'type-error')
      .map((i) => i.location.lines.begin);
    const sarifLines = (
      JSON.parse(sarif!) as {
        runs: {
          results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
        }[];
      }
    ).runs[0]!.results.filter((r) => r.ruleId === 'type-error').map(
      (r) => r.locations[0]!.physicalLocation.region.startLine,
    );
    const expected = findings.filter((f) => f.code === 'type-error').map((f) => f.line);
    expect(gitlabLines).toEqual(expected);
    expect(sarifLines).toEqual(expected);
    const githubLines = github!
      .split('\n')
      .filter((l) => l.includes('[type-error]'))
      .map((l) => Number(/,line=(\d+),/.exec(l)![1]));
    expect(githubLines).toEqual(expected);
    for (const line of expected) {
      expect(text).toContain(`ligne ${line}, colonne`);
      expect(junit).toContain(`type-error — ligne ${line}, colonne`);
      expect(html).toMatch(new RegExp(`data-code="type-error"[^>]*data-where="ligne ${line},`));
    }
    // Nobody sees the record number: « ligne 2 » of the JSON rowNumber is not the line of any value.
    expect(text).not.toMatch(/ligne 2, colonne BGT/);
  });
});

describe('exact totals past --limit-errors in every format', () => {
  it('json, text, github, gitlab, junit, markdown, html and sarif all give 8 type errors when 2 are listed', async () => {
    const argv = ['validate', README_EXAMPLE, '--limit-errors', '2'];
    const out = async (format: string): Promise<string> => (await runCli([...argv, '-f', format])).stdout;
    const report = json(await out('json'));
    const file = report.files[0]!;
    expect(file.partial).toBe(true);
    expect(file.findings.filter((f) => f.code === 'type-error').length).toBeLessThan(8);
    expect(file.totals.byCode['type-error']).toBe(8);
    // Per column: its 4 type errors and its header (incorrect-label).
    expect(file.totals.byColumn).toMatchObject({ BGT_MTBUDGPREC: 5, BGT_MTPREV: 5 });
    expect(await out('text')).toContain('[type-error] (8)');
    expect(await out('github')).toMatch(/totaux exacts par type : .*type-error × 8/);
    expect(await out('gitlab')).toMatch(/totaux exacts par type : .*type-error × 8/);
    expect(await out('junit')).toContain('<property name="count:type-error" value="8"/>');
    expect(await out('markdown')).toMatch(/`type-error`\]\([^)]*\) \| 8 \|/);
    expect(await out('html')).toContain(
      '<option value="type-error">Valeur du mauvais type [type-error] (8)</option>',
    );
    expect(await out('sarif')).toContain('"type-error": 8');
  });
});

describe('--pick-errors, --skip-errors, --fail-level', () => {
  it('pick keeps only the codes or #tags named, in the findings, the counts and the verdict', async () => {
    const all = json((await runCli(['validate', ERRORS, '-s', SCHEMA, '-f', 'json'])).stdout).files[0]!;
    const picked = json(
      (await runCli(['validate', ERRORS, '-s', SCHEMA, '-f', 'json', '--pick-errors', 'unique-error']))
        .stdout,
    ).files[0]!;
    expect(new Set(picked.findings.map((f) => f.code))).toEqual(new Set(['unique-error']));
    expect(picked.stats.errors).toBe(1);
    expect(picked.totals.byCode).toEqual({ 'unique-error': 1 });
    expect(picked.score!.score).toBeGreaterThan(all.score!.score);
    const cells = json(
      (await runCli(['validate', ERRORS, '-s', SCHEMA, '-f', 'json', '--pick-errors', '#label'])).stdout,
    ).files[0]!;
    expect(new Set(cells.findings.map((f) => f.code))).toEqual(new Set(['incorrect-label', 'extra-label']));
  });

  it('skip leaves codes out; a file whose only errors are skipped is conform', async () => {
    const run = await runCli([
      'validate',
      ERRORS,
      '-s',
      SCHEMA,
      '-f',
      'json',
      '--skip-errors',
      '#cell,incorrect-label',
    ]);
    expect(run.code).toBe(0);
    const file = json(run.stdout).files[0]!;
    expect(file.valid).toBe(true);
    expect(file.findings.map((f) => f.code)).toEqual(['extra-label']);
  });

  it('an unknown code is one sentence and exit 2', async () => {
    const run = await runCli(['validate', ERRORS, '-s', SCHEMA, '--skip-errors', 'type-eror']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^odf : L'option --skip-errors .*« type-eror » inconnu\.\n$/);
  });

  it('--fail-level warning fails on a warning about the data, not on one about the schema', async () => {
    const warned = ['validate', ERRORS, '-s', SCHEMA, '--skip-errors', '#cell,incorrect-label'];
    expect((await runCli(warned)).code).toBe(0);
    expect((await runCli([...warned, '--fail-level', 'warning'])).code).toBe(1);
    expect((await runCli([...warned, '--fail-level', 'error'])).code).toBe(0);
    // budget-conforme.csv: its only warning is check-deprecated, about the schema.
    const clean = ['validate', 'fixtures/examples/budget-conforme.csv', '--fail-level', 'warning'];
    expect((await runCli(clean)).code).toBe(0);
  });
});

describe('small things', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'odf-small-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('odf detect without a file names the missing argument in French', async () => {
    const run = await runCli(['detect']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('odf : argument obligatoire manquant : fichier.\n');
  });

  it('a one-word text file named explicitly is not conform (no-table, score 0, exit 1)', async () => {
    writeFileSync(path.join(dir, 'lisezmoi.txt'), 'bonjour\n');
    const run = await runCli(['validate', 'lisezmoi.txt', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const file = json(run.stdout).files[0]!;
    expect(file.valid).toBe(false);
    expect(file.findings.map((f) => f.code)).toContain('no-table');
    expect(file.score?.score).toBe(0);
    // A header without data is still a table, merely empty: a warning.
    writeFileSync(path.join(dir, 'vide.csv'), 'a,b\n');
    expect((await runCli(['validate', 'vide.csv'], { cwd: dir })).code).toBe(0);
  });

  it('normalize names the file read and the file written, and the datapackage.json it writes', async () => {
    const out = path.join(dir, 'n1');
    mkdirSync(out);
    const run = await runCli(['normalize', path.resolve(README_EXAMPLE), '-o', 'budget.csv'], { cwd: out });
    expect(run.code).toBe(0);
    // A long path goes to the next line, indented, rather than past 80 columns.
    expect(run.stdout).toMatch(/^Fichier lu :\s+\S*budget-export-mairie\.csv\n/);
    expect(run.stdout).toMatch(/\nFichier écrit : budget\.csv \(4 lignes\)\n/);
    expect(run.stdout).toContain('Métadonnées : datapackage.json (1 ressource ; --no-metadata pour ne pas');
    // The verdict comes last, under the file written.
    expect(run.stdout.indexOf('Verdict')).toBeGreaterThan(run.stdout.indexOf('Fichier écrit'));
    expect(run.stdout).toContain('Réparations');
    expect(width(run.stdout)).toBeLessThanOrEqual(80);
    expect(existsSync(path.join(out, 'datapackage.json'))).toBe(true);
    const report = json(
      (await runCli(['normalize', path.resolve(README_EXAMPLE), '-o', 'b2.csv', '-f', 'json'], { cwd: out }))
        .stdout,
    );
    expect(report.files[0]!.normalize?.metadata).toEqual({ path: 'datapackage.json', resources: 2 });
    expect(report.files[0]!.normalize?.fixed).toMatchObject({
      'incorrect-label': 22,
      'encoding-not-utf8': 1,
    });
  });

  it('normalize --no-metadata writes no datapackage.json and says none', async () => {
    const out = path.join(dir, 'n2');
    mkdirSync(out);
    const run = await runCli(['normalize', path.resolve(README_EXAMPLE), '-o', 'b.csv', '--no-metadata'], {
      cwd: out,
    });
    expect(run.code).toBe(0);
    expect(existsSync(path.join(out, 'b.csv'))).toBe(true);
    expect(existsSync(path.join(out, 'datapackage.json'))).toBe(false);
    expect(run.stdout).not.toContain('Métadonnées');
    expect(run.stderr).not.toContain('datapackage.json');
  });

  it('the HTML page says when, with which odf, and links the schema and every code', async () => {
    const run = await runCli(['validate', README_EXAMPLE, '-f', 'html'], {
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
    const html = run.stdout;
    expect(html).toMatch(/Rapport produit par odf \d+\.\d+\.\d+ le 1 janvier 2026\./);
    expect(html).toContain('<a href="https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json"');
    expect(html).toContain('version 0.8.3');
    expect(html).toMatch(/<a class="code" href="[^"]+#type-error"/);
    // The single file's name and verdict are said once.
    expect(html.match(/budget-export-mairie\.csv<\/(p|h2)>/g)).toHaveLength(1);
    expect(html.match(/badge ko/g)).toHaveLength(1);
    // What normalize would repair, and the CSV export button.
    expect(html).toMatch(/odf normalize réparerait \d+ de ces \d+ problèmes/);
    expect(html).toContain('class="export"');
    // Short values never break: `12/02/2024`-like cells are white-space: pre.
    expect(html).toMatch(/<code class="v short"[^>]*>125 000,00<\/code>/);
    expect(readFileSync('docs/errors.md', 'utf8')).toContain('\n### type-error\n');
  });
});
