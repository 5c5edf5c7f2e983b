import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';

// The reader limits of docs/limits.md are options of every command that reads a file.
describe('reader limit flags', () => {
  it('--max-columns and --max-cell-length reach the reader and give findings', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odf-limits-'));
    const file = path.join(dir, 't.csv');
    writeFileSync(file, `a,b,c\n1,${'x'.repeat(50)},3,4\n`);
    const r = await runCli([
      'detect',
      file,
      '--format',
      'json',
      '--max-columns',
      '3',
      '--max-cell-length',
      '10',
    ]);
    const out = JSON.parse(r.stdout) as { files: { findings: { code: string }[] }[] };
    const codes = out.files[0]!.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['table-beyond-limits', 'cell-too-long']));
  });

  it('a limit that is not a positive integer is refused in one sentence', async () => {
    const r = await runCli(['detect', 'fixtures/examples/budget-conforme.csv', '--max-rows', 'beaucoup']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-rows/);
  });
});
