// A batch in which some files cannot be read exits 2 with one sentence on stderr (issue 12): how many,
// which, and that the report says why. --quiet keeps that sentence and drops the note on metadata.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { failuresSentence } from '../../src/index.js';
import type { Report } from '../../src/report/types.js';

function reportWith(failed: string[], files: number): Report {
  return {
    version: 1,
    valid: false,
    lang: 'fr',
    files: [],
    failures: failed.map((p) => ({ path: p, code: 'file-not-found', message: `introuvable : ${p}` })),
    summary: {
      files,
      valid: files - failed.length,
      invalid: 0,
      failed: failed.length,
      rows: 0,
      errors: 0,
      warnings: 0,
      skipped: 0,
    },
  } as unknown as Report;
}

describe('failuresSentence', () => {
  it('says nothing when every file was read', () => {
    expect(failuresSentence(reportWith([], 3), 'fr')).toBeUndefined();
  });

  it('names one file in the singular', () => {
    expect(failuresSentence(reportWith(['a.csv'], 4), 'fr')).toBe(
      'odf : 1 fichier sur 4 n’a pas pu être traité (a.csv) ; le rapport dit pourquoi.',
    );
  });

  it('names the first three and counts the others, in French and English', () => {
    const r = reportWith(['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv'], 9);
    expect(failuresSentence(r, 'fr')).toBe(
      'odf : 5 fichiers sur 9 n’ont pas pu être traités (a.csv, b.csv, c.csv et 2 autres) ; le rapport dit pourquoi pour chacun.',
    );
    expect(failuresSentence(r, 'en')).toBe(
      'odf: 5 of 9 files could not be processed (a.csv, b.csv, c.csv and 2 more); the report says why for each.',
    );
  });

  it('shows control characters in a file name instead of obeying them', () => {
    const s = failuresSentence(reportWith(['x\u001b[2J\ny.csv'], 2), 'fr')!;
    expect(s.includes('\u001b') || s.includes('\n')).toBe(false);
    expect(s).toContain('⟨ESC⟩[2J');
  });
});

describe('a batch with unreadable files, on the command line', () => {
  let dir: string;
  let schema: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'odf-failures-'));
    schema = path.join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify({ fields: [{ name: 'nom' }, { name: 'n', type: 'integer' }] }));
    writeFileSync(path.join(dir, 'bon.csv'), 'nom,n\nParis,1\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate: exit 2 and one sentence naming the missing file', async () => {
    const r = await runCli(['validate', 'bon.csv', 'absent.csv', '-s', schema, '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'odf : 1 fichier sur 2 n’a pas pu être traité (absent.csv) ; le rapport dit pourquoi.',
    ]);
  });

  it('normalize --quiet: the readable file is written, stderr holds only the failure', async () => {
    const out = path.join(dir, 'sortie');
    const r = await runCli(['normalize', 'bon.csv', 'absent.csv', '-s', schema, '-q', '--out-dir', out], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'odf : 1 fichier sur 2 n’a pas pu être traité (absent.csv) ; le rapport dit pourquoi.',
    ]);
    expect(readdirSync(out).sort()).toEqual(['bon.csv', 'datapackage.json']);
  });

  it('normalize without --quiet also says where the metadata went', async () => {
    const out = path.join(dir, 'sortie2');
    const r = await runCli(['normalize', 'bon.csv', 'absent.csv', '-s', schema, '--out-dir', out], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('datapackage.json (1 ressource)');
    expect(r.stderr).toContain('1 fichier sur 2');
  });
});
