// normalize never acts on a guess silently (issue 11): nothing mapped, a required field left without its
// source, undecodable bytes — nothing written; every input column's cells accounted for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile, type NormalizeOptions } from '../../src/run/normalize-file.js';
import { isOdfError } from '../../src/errors.js';
import { messageOf } from '../../src/findings/catalogue.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-guesses-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function normalize(input: string, options: Partial<NormalizeOptions> = {}) {
  const output = path.join(dir, `out-${n++}.csv`);
  const result = await normalizeFile(input, { output, ...options });
  return { result, output, written: existsSync(output) };
}

function write(name: string, text: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const TABLE_SCHEMA = 'fixtures/normalize/table.schema.json';

/** The failure a promise rejects with (an OdfError), or a test failure. */
async function failure(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isOdfError(e)) return { code: e.code, message: e.message, data: e.data };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('no column maps', () => {
  it('stops with one sentence naming odf map, and writes nothing', async () => {
    const input = write('sans-rapport.csv', 'a;b;c\n1;2;3\n4;5;6\n');
    const output = path.join(dir, 'nothing.csv');
    const f = await failure(normalizeFile(input, { output, schema: TABLE_SCHEMA }));
    expect(f.code).toBe('nothing-mapped');
    expect(f.message).toContain(`odf map ${input} --schema`);
    expect(existsSync(output)).toBe(false);
  });

  it('releases the workbook it opened (no file left open for the garbage collector)', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    if (!existsSync('/proc/self/fd')) return; // Linux only: elsewhere the count is not at hand
    const schema = write('sans-rapport.schema.json', '{"fields": [{"name": "zzz_aucun_rapport"}]}');
    const before = fds();
    for (let i = 0; i < 5; i++) {
      const f = await failure(
        normalizeFile('fixtures/sheets/table.xlsx', { output: path.join(dir, `nothing-${i}.csv`), schema }),
      );
      expect(f.code).toBe('nothing-mapped');
    }
    expect(fds()).toBe(before);
  });

  it('exits 2 from the command line, with nothing on stdout and no file', async () => {
    const input = write('sans-rapport-cli.csv', 'x,y\n1,2\n');
    const output = path.join(dir, 'nothing-cli.csv');
    const r = await runCli(['normalize', input, '-s', TABLE_SCHEMA, '-o', output]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/odf map/);
    expect(existsSync(output)).toBe(false);
  });
});

describe('a required field without a source while columns are unused', () => {
  // `libelle` holds what `nom` needs, under a name odf does not match: nom would be written empty.
  const text = 'code_insee,libelle,remarque,montant\n01053,Bourg-en-Bresse,,12\n75056,Paris,x,3\n';

  it('writes nothing, and the finding ranks the unused columns with their values', async () => {
    const input = write('sans-nom.csv', text);
    const { result, written } = await normalize(input, { schema: TABLE_SCHEMA });
    expect(written).toBe(false);
    expect(result.output).toBeUndefined();
    expect(result.notWritten).toBe('required-field-unsourced');
    const f = result.file.run.findings.find((x) => x.code === 'required-field-unsourced');
    expect(f?.level).toBe('error');
    expect(f?.params.fields).toEqual(['nom']);
    // Fuller columns first when none is suggested: libelle (2 values) before remarque (1).
    expect(f?.params.columns).toEqual([
      { label: 'libelle', filled: 2 },
      { label: 'remarque', filled: 1 },
    ]);
    expect(f?.params.command).toBe(`odf map ${input} --schema ${TABLE_SCHEMA}`);
    expect(messageOf(f!, 'en')).toContain('"libelle" (2 values in the first rows)');
    expect(result.file.run.stats.errors).toBeGreaterThan(0);
  });

  it('writes with --allow-missing-required, and with a mapping file', async () => {
    const input = write('sans-nom-2.csv', text);
    const allowed = await normalize(input, { schema: TABLE_SCHEMA, allowMissingRequired: true });
    expect(allowed.written).toBe(true);
    expect(allowed.result.notWritten).toBeUndefined();
    const mapping = write('map.yaml', `schema: ${TABLE_SCHEMA}\nfields:\n  nom: libelle\n`);
    const mapped = await normalize(input, { schema: TABLE_SCHEMA, mapping });
    expect(mapped.written).toBe(true);
    expect(readFileSync(mapped.output, 'utf8')).toContain('Bourg-en-Bresse');
  });

  it('says so from the command line: exit 1, no file, the flag named', async () => {
    const input = write('sans-nom-cli.csv', text);
    const output = path.join(dir, 'sans-nom-cli.out.csv');
    const r = await runCli(['normalize', input, '-s', TABLE_SCHEMA, '-o', output, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(existsSync(output)).toBe(false);
    expect(r.stdout).toContain('--allow-missing-required');
    const ok = await runCli([
      'normalize',
      input,
      '-s',
      TABLE_SCHEMA,
      '-o',
      output,
      '--allow-missing-required',
    ]);
    expect(existsSync(output)).toBe(true);
    expect(ok.code).toBe(1);
  });
});

describe('every input column is accounted for', () => {
  it('non-empty cells read = written + dropped, per column; extra labels carry their count', async () => {
    const input = write(
      'compte.csv',
      'code_insee,nom,interne,vide\n01053,Bourg,a,\n75056,Paris,,\n13055,Marseille,b,,surplus\n',
    );
    const { result, written } = await normalize(input, { schema: TABLE_SCHEMA, allowMissingRequired: true });
    expect(written).toBe(true);
    expect(result.cells).toEqual([
      { column: 1, label: 'code_insee', field: 'code_insee', filled: 3, written: 3, dropped: 0 },
      { column: 2, label: 'nom', field: 'nom', filled: 3, written: 3, dropped: 0 },
      { column: 3, label: 'interne', filled: 2, written: 0, dropped: 2 },
      { column: 4, label: 'vide', filled: 0, written: 0, dropped: 0 },
    ]);
    expect(result.cellsBeyondHeader).toBe(1);
    // Dropped, the extra columns are findings normalize fixed: the summary carries their counts.
    expect(result.droppedColumns).toEqual(['interne', 'vide']);
    // Kept (--keep-extra), they stay findings, which say how many values they hold.
    const kept = await normalize(input, { schema: TABLE_SCHEMA, keepExtra: true });
    const extra = kept.result.file.run.findings.filter((f) => f.code === 'extra-label');
    expect(extra.map((f) => [f.params.label, f.params.filled, f.params.dropped])).toEqual([
      ['interne', 2, false],
      ['vide', 0, false],
    ]);
    expect(messageOf(extra[0]!, 'en')).toContain('2 non-empty values, kept');
    expect(kept.result.cells[2]).toMatchObject({ label: 'interne', written: 2, dropped: 0 });
  });

  it('keeps the count in the JSON report and the text', async () => {
    const input = write('compte-cli.csv', 'code_insee,nom,interne\n01053,Bourg,a\n75056,Paris,b\n');
    const output = path.join(dir, 'compte-cli.out.csv');
    const json = await runCli(['normalize', input, '-s', TABLE_SCHEMA, '-o', output, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as {
      files: { normalize: { cells: { label: string; filled: number; dropped: number }[] } }[];
    };
    expect(doc.files[0]!.normalize.cells.find((c) => c.label === 'interne')).toMatchObject({
      filled: 2,
      dropped: 2,
    });
    const text = await runCli(['normalize', input, '-s', TABLE_SCHEMA, '-o', output, '--lang', 'en']);
    expect(text.stdout).toContain('Columns outside the schema dropped: "interne" (2 values)');
  });
});

describe('undecodable bytes', () => {
  it('stop normalize with the line, nothing written (exit 1), unless --allow-undecodable', async () => {
    // Valid UTF-8, then a lone Windows-1252 « é » (0xE9) on line 3.
    const bytes = Buffer.concat([
      Buffer.from('code_insee,nom\n01053,Bourg-en-Bresse\n75056,Paris ', 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from('t\u00e9\n', 'utf8'),
    ]);
    const input = write('octets.csv', bytes);
    const output = path.join(dir, 'octets.out.csv');
    const r = await normalizeFile(input, { output, schema: TABLE_SCHEMA, encoding: 'utf-8' });
    expect(r.notWritten).toBe('undecodable-bytes');
    expect(r.output).toBeUndefined();
    expect(existsSync(output)).toBe(false);
    const bad = r.file.meta.findings.find((f) => f.code === 'encoding-error');
    expect(bad?.level).toBe('error');
    expect(bad?.loc.line ?? bad?.params.line).toBe(3);
    // Standard output cannot be taken back: not a byte is written to it.
    const written: unknown[] = [];
    const toStdout = await normalizeFile(input, {
      output: '-',
      stdout: { write: (x: unknown) => written.push(x) > 0 },
      schema: TABLE_SCHEMA,
      encoding: 'utf-8',
    });
    expect(toStdout.notWritten).toBe('undecodable-bytes');
    expect(written).toEqual([]);
    // The command line: exit 1 (a data error), the summary says why nothing was written and how to write.
    const cli = await runCli(['normalize', input, '-s', TABLE_SCHEMA, '--encoding', 'utf-8', '-o', output]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('Aucun fichier écrit');
    expect(cli.stdout).toContain('--allow-undecodable');
    expect(existsSync(output)).toBe(false);
    const allowed = await normalize(input, {
      schema: TABLE_SCHEMA,
      encoding: 'utf-8',
      allowUndecodable: true,
    });
    expect(allowed.written).toBe(true);
    expect(readFileSync(allowed.output, 'utf8')).toContain('\uFFFD');
  });
});

describe('the evidence of each applied mapping', () => {
  it('is in the report: a suggestion applied with --accept-suggestions says what it rests on', async () => {
    const input = 'fixtures/matching/subventions-identification.csv';
    const output = path.join(dir, 'evidence.csv');
    const json = await runCli([
      'normalize',
      input,
      '-s',
      'scdl/subventions',
      '-o',
      output,
      '--accept-suggestions',
      '--format',
      'json',
    ]);
    const doc = JSON.parse(json.stdout) as {
      files: {
        columns: { field: string; label?: string; match?: string; evidence?: string; score?: number }[];
      }[];
    };
    const montant = doc.files[0]!.columns.find((c) => c.field === 'montant');
    expect(montant).toMatchObject({
      label: 'montant_subvention',
      match: 'suggestion',
      evidence: 'name+content',
    });
    expect(montant!.score).toBeGreaterThan(0.8);
    const text = await runCli([
      'normalize',
      input,
      '-s',
      'scdl/subventions',
      '-o',
      output,
      '--accept-suggestions',
    ]);
    expect(text.stdout).toMatch(/montant ← « montant_subvention » \(suggestion : nom et valeurs, \d+ %\)/);
  });
});

describe('the dropped columns in the HTML report', () => {
  it('are named with their count of non-empty values', async () => {
    const input = write('compte-html.csv', 'code_insee,nom,interne\n01053,Bourg,a\n75056,Paris,b\n');
    const output = path.join(dir, 'compte-html.out.csv');
    const r = await runCli([
      'normalize',
      input,
      '-s',
      TABLE_SCHEMA,
      '-o',
      output,
      '--format',
      'html',
      '--lang',
      'en',
    ]);
    expect(r.stdout).toContain(
      'Columns outside the schema dropped : &quot;interne&quot; (2 non-empty values dropped)',
    );
  });
});
