// Batch benchmark: 200 small files validated serially (--jobs 1) and on worker threads (--jobs = cores); wall time reported, never asserted.
// Run after `npm run build`: node bench/batch.js [files] [rows]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.argv[2] ?? 200);
const ROWS = Number(process.argv[3] ?? 300);
const RUNS = 3;

/** mulberry32: the same files on every run. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMUNES = ['Montreuil', 'Bagnolet', 'Pantin', 'Saint-Denis', 'Aubervilliers', 'Romainville'];

function writeFiles(dir) {
  const rand = prng(42);
  for (let f = 0; f < FILES; f++) {
    const lines = ['id,commune,montant,date_vote,statut'];
    for (let r = 1; r <= ROWS; r++) {
      const bad = rand() < 0.02;
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      lines.push(
        [
          r,
          COMMUNES[Math.floor(rand() * COMMUNES.length)],
          bad ? '12,5 €' : (rand() * 100000).toFixed(2),
          bad ? `${day}/03/2024` : `2024-03-${day}`,
          rand() < 0.8 ? 'adopté' : 'rejeté',
        ].join(','),
      );
    }
    const sub = join(dir, `commune-${String(f % 20).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `deliberations-${String(f).padStart(3, '0')}.csv`), `${lines.join('\n')}\n`);
  }
}

function timeRun(dir, jobs) {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/odf.js'),
        'validate',
        dir,
        '-s',
        join(ROOT, 'fixtures/report/schema.json'),
        '--format',
        'json',
        '--jobs',
        String(jobs),
        '-q',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`odf failed (${r.status}): ${r.stderr}`);
    const files = JSON.parse(r.stdout).files.length;
    if (files !== FILES) throw new Error(`expected ${FILES} files in the report, got ${files}`);
    best = Math.min(best, ms);
  }
  return best;
}

const dir = mkdtempSync(join(os.tmpdir(), 'odf-bench-batch-'));
try {
  writeFiles(dir);
  const cores = os.availableParallelism();
  const serial = timeRun(dir, 1);
  const parallel = timeRun(dir, cores);
  console.log(`batch: ${FILES} files × ${ROWS} rows, best of ${RUNS} runs, ${cores} cores`);
  console.log(`  --jobs 1      ${serial.toFixed(0).padStart(7)} ms`);
  console.log(
    `  --jobs ${String(cores).padEnd(6)} ${parallel.toFixed(0).padStart(7)} ms  (× ${(serial / parallel).toFixed(2)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
