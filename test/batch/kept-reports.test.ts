// A batch keeps its reports until the end, never the decoded text of their files (labels sliced from it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'odf-kept-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FILES = 200;
/** Rows per file: about 35 KB each, read whole (below one read chunk), decoded as two-byte text (Œ). */
const ROWS = 1300;

function folder(): string {
  const dir = path.join(tmp, 'lot');
  mkdirSync(dir);
  for (let f = 0; f < FILES; f++) {
    const lines = ['COMMUNE_CONCERNEE,MONTANT_REALISE'];
    for (let r = 0; r < ROWS; r++) lines.push(`Saint-Œillet-${f}-${r},${r}.5`);
    writeFileSync(path.join(dir, `f${String(f).padStart(2, '0')}.csv`), `${lines.join('\n')}\n`);
  }
  return dir;
}

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('the reports a batch keeps', () => {
  it('do not hold their files in memory until the end of the run', async () => {
    const dir = folder();
    const schema = {
      fields: [
        { name: 'COMMUNE_CONCERNEE', type: 'string' },
        { name: 'MONTANT_REALISE', type: 'number' },
      ],
    };
    const request = {
      command: 'validate' as const,
      inputs: [dir],
      cwd: tmp,
      config: false,
      schema,
      jobs: 1,
      profile: false,
    };
    const before = heapUsed();
    const { report } = await run(request);
    const kept = heapUsed() - before;
    expect(report.files).toHaveLength(FILES);
    expect(report.files[0]!.labels[0]).toBe('COMMUNE_CONCERNEE');
    // Each file's text is about 70 KB in memory (two bytes a character): 14 MB for the 200 if kept.
    // What the run loads and compiles stays too (a few MB).
    expect(kept).toBeLessThan(12_000_000);
  });
});
