// odf validate/normalize over batches: exit codes, odf.config.yaml runs, -o, skipped files, no stray output on stderr.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/report/types.js';

let dir: string;

const OK = 'id,commune,montant,date_vote,statut\n1,Montreuil,10,2024-01-15,adopté\n';
const WARN = 'id,commune,montant,date_vote,statut,remarque\n1,Montreuil,10,2024-01-15,adopté,x\n';
const BAD = 'id,commune,montant,date_vote,statut\nx,Montreuil,10,2024-01-15,adopté\n';

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-batch-'));
  cpSync('fixtures/report/schema.json', path.join(dir, 'schema.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const validate = (args: string[]) => runCli(['validate', ...args, '-s', 'schema.json'], { cwd: dir });

describe('exit codes', () => {
  it.each([
    ['valid files', { 'a.csv': OK, 'b.csv': OK }, [], 0],
    ['warnings only', { 'a.csv': OK, 'b.csv': WARN }, [], 0],
    ['warnings with --strict', { 'a.csv': OK, 'b.csv': WARN }, ['--strict'], 1],
    ['one file with errors', { 'a.csv': OK, 'b.csv': BAD }, [], 1],
    ['an unreadable file in a batch', { 'a.csv': OK }, ['absent.csv'], 2],
  ] as const)('%s → exit %s', async (_, files, extra, code) => {
    for (const [name, text] of Object.entries(files)) write(`data/${name}`, text);
    const run = await validate(['data', ...extra]);
    expect(run.code).toBe(code);
    // Exit 2 comes with one sentence naming the files that could not be read; otherwise stderr is silent.
    if (code === 2)
      expect(run.stderr).toMatch(/^odf : 1 fichier sur 2 n’a pas pu être traité \(absent\.csv\)[^\n]*\n$/);
    else expect(run.stderr).toBe('');
  });

  it('stops with exit 2 and one sentence on stderr for a single missing file', async () => {
    const run = await validate(['absent.csv']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^odf ?: .*absent\.csv.*\n$/);
  });

  it('asks for files when there are none and no odf.config.yaml', async () => {
    const run = await runCli(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('odf.config.yaml');
  });
});

describe('batch output', () => {
  it('lists skipped files, one summary line per file and the totals in text', async () => {
    write('data/a.csv', OK);
    write('data/b.csv', BAD);
    write('data/lisez-moi.pdf', '%PDF');
    const run = await validate(['data']);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  data/lisez-moi.pdf');
    expect(lines.filter((l) => /^data\/[ab]\.csv +[✓✗]/.test(l))).toHaveLength(2);
    // The totals line wraps at 80 columns, continuation lines indented.
    const bilan = run.stdout.slice(run.stdout.indexOf('Bilan')).replace(/\n {2}/g, ' ');
    expect(bilan).toMatch(
      /2 fichiers — 1 conforme, 1 non conforme, 1 ignoré ; 1 erreur, 0 avertissement ; score \d+\/100/,
    );
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('keeps the text of a single file as before: no summary table', async () => {
    write('a.csv', OK);
    const run = await validate(['a.csv']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/Bilan/);
  });

  it.each(['html', 'junit', 'markdown', 'json'])(
    'writes the %s report with -o and nothing on stdout',
    async (format) => {
      write('a.csv', OK);
      const run = await validate(['a.csv', '--format', format, '-o', `rapport.${format}`]);
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(path.join(dir, `rapport.${format}`), 'utf8').length).toBeGreaterThan(50);
    },
  );
});

describe('odf.config.yaml', () => {
  it('runs its rules when no file is given: each file gets its rule schema and options', async () => {
    write(
      'odf.config.yaml',
      'rules:\n  - files: "deliberations/**/*.csv"\n    schema: ./schema.json\n  - files: "latin/*.csv"\n    schema: ./schema.json\n    encoding: windows-1252\n    delimiter: ";"\n',
    );
    write('deliberations/2024/a.csv', OK);
    write('deliberations/b.csv', BAD);
    mkdirSync(path.join(dir, 'latin'));
    writeFileSync(
      path.join(dir, 'latin', 'c.csv'),
      Buffer.from('id;commune;montant;date_vote;statut\n1;Montreuil;10;2024-01-15;adopt\xe9\n', 'latin1'),
      { flag: 'w' },
    );
    const run = await runCli(['validate', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(
      report.files.map((f) => [f.path, f.valid, f.schema?.source.endsWith('schema.json'), f.source.encoding]),
    ).toEqual([
      ['deliberations/2024/a.csv', true, true, 'utf-8'],
      ['deliberations/b.csv', false, true, 'utf-8'],
      ['latin/c.csv', true, true, 'windows-1252'],
    ]);
  });

  it('applies its rules to the files given, --schema winning', async () => {
    write('odf.config.yaml', 'rules:\n  - files: "*.csv"\n    schema: scdl/budget\n');
    write('a.csv', OK);
    const byConfig = await runCli(['validate', 'a.csv', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(byConfig.stdout) as Report).files[0]!.schema?.name).toBe('scdl/budget');
    const byFlag = await validate(['a.csv', '--format', 'json']);
    expect((JSON.parse(byFlag.stdout) as Report).files[0]!.valid).toBe(true);
  });

  it('sets the personal-data guard with privacy:, which --privacy overrides', async () => {
    write('odf.config.yaml', 'privacy: error\nrules:\n  - files: "*.csv"\n    schema: ./schema.json\n');
    const contacts = ['jean.dupont@gmail.com', 'marie.durand@orange.fr', 'paul.martin@free.fr'];
    write(
      'a.csv',
      `id,commune,montant,date_vote,statut,contact\n${contacts.map((c, i) => `${i + 1},Pantin,1,2024-01-15,adopté,${c}`).join('\n')}\n`,
    );
    const levelOf = async (extra: string[]): Promise<string | undefined> => {
      const run = await runCli(['validate', 'a.csv', '--format', 'json', ...extra], { cwd: dir });
      const file = (JSON.parse(run.stdout) as Report).files[0]!;
      const level = file.findings.find((f) => f.code === 'personal-data-suspected')?.level;
      // The profile never shows the values of a column the guard flagged.
      if (level) expect(JSON.stringify(file.profile)).not.toContain('gmail');
      return level;
    };
    expect(await levelOf([])).toBe('error');
    expect(await levelOf(['--privacy', 'warn'])).toBe('warning');
    expect(await levelOf(['--privacy', 'off'])).toBeUndefined();
  });

  it('fails with exit 2 and the line of an invalid config', async () => {
    write('odf.config.yaml', 'rules:\n  - files: "*.csv"\n    shema: scdl/budget\n');
    const run = await runCli(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ligne 3');
    expect(run.stderr).toContain('shema');
  });
});

describe('normalize over a folder', () => {
  it('writes one CSV per file and a datapackage in --out-dir, skipping its own outputs', async () => {
    write('in/a.csv', OK);
    write('in/sub/b.csv', WARN);
    write('in/old.normalise.csv', OK);
    const run = await runCli(
      ['normalize', 'in', '-s', 'schema.json', '--out-dir', 'out', '--format', 'json'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => [f.path, f.normalize?.output?.path])).toEqual([
      ['in/a.csv', 'out/a.csv'],
      ['in/sub/b.csv', 'out/b.csv'],
    ]);
    expect(existsSync(path.join(dir, 'out/datapackage.json'))).toBe(true);
  });

  it('refuses two inputs that would write the same output', async () => {
    write('in/a.csv', OK);
    write('in/sub/a.csv', OK);
    const run = await runCli(['normalize', 'in', '-s', 'schema.json', '--out-dir', 'out'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('out/a.csv');
  });
});
