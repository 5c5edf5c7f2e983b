// Validation benchmark: odf validate and normalize on the budget file against scdl/budget 0.8.3, as ratios
// to a raw byte read and to odf's own bare read (openTable) of the same file in the same run, with peak memory.
// Usage: node bench/validate.js [rows …]   (default: 100000 1000000; build first: npm run build)
// Each runner is its own child process (peak RSS is its own); best time of BENCH_REPEAT runs (default 3).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBudgetCsv } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SCHEMA = 'scdl/budget@0.8.3';
const lib = () => import(pathToFileURL(join(DIST, 'index.js')).href);

/** Each runner works through the whole file and returns the rows it saw (data rows). */
const RUNNERS = {
  async 'raw read'(path) {
    for await (const _chunk of createReadStream(path, { highWaterMark: 128 * 1024 }));
    return -1;
  },
  async openTable(path) {
    const { openTable } = await lib();
    let rows = 0;
    for await (const _row of (await openTable(path)).rows) rows++;
    return rows;
  },
  async validate(path) {
    const { validateFile } = await lib();
    return (await validateFile(path, { schema: SCHEMA })).run.stats.rows;
  },
  async 'validate, privacy off'(path) {
    const { validateFile } = await lib();
    return (await validateFile(path, { schema: SCHEMA, privacy: 'off' })).run.stats.rows;
  },
  async 'validate, 1% bad cells'(path) {
    const { validateFile } = await lib();
    return (await validateFile(path, { schema: SCHEMA })).run.stats.rows;
  },
  async normalize(path) {
    const { normalizeFile } = await lib();
    const dir = mkdtempSync(join(os.tmpdir(), 'odf-bench-'));
    try {
      return (await normalizeFile(path, { schema: SCHEMA, output: join(dir, 'out.csv') })).counts.read;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function child(name, path) {
  const start = process.hrtime.bigint();
  const rows = await RUNNERS[name](path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ rows, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

async function main(sizes) {
  if (!existsSync(join(DIST, 'index.js'))) {
    console.error('dist/ is missing: build first with `npm run build`.');
    process.exitCode = 1;
    return;
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`node ${process.version}, ${os.cpus().length} cores — validate/normalize against ${SCHEMA}`);
  for (const size of sizes) {
    const good = await ensureBudgetCsv(size);
    const bad = await ensureBudgetCsv(size, { bad: 0.01 });
    const bytes = statSync(good).size;
    await RUNNERS['raw read'](good);
    console.log(`\n${good}: ${size} rows, ${(bytes / 1e6).toFixed(1)} MB`);
    const table = [['run', 's', 'MB/s', 'rows/s', '× raw read', '× openTable', 'peak RSS']];
    let raw;
    let bare;
    for (const name of Object.keys(RUNNERS)) {
      const path = name.includes('bad') ? bad : good;
      let best;
      for (let k = 0; k < REPEAT; k++) {
        const r = JSON.parse(
          execFileSync(process.execPath, [self, '--child', name, path], {
            encoding: 'utf8',
            maxBuffer: 1 << 26,
          }),
        );
        best = !best
          ? r
          : {
              ...r,
              seconds: Math.min(best.seconds, r.seconds),
              maxRssMiB: Math.max(best.maxRssMiB, r.maxRssMiB),
            };
      }
      if (best.rows !== -1 && best.rows !== size)
        throw new Error(`${name} saw ${best.rows} rows, not ${size}`);
      const mbps = statSync(path).size / 1e6 / best.seconds;
      raw ??= mbps;
      if (name === 'openTable') bare = mbps;
      table.push([
        name,
        best.seconds.toFixed(2),
        mbps.toFixed(0),
        best.rows === -1 ? '-' : Math.round(size / best.seconds).toLocaleString('en-US'),
        (mbps / raw).toFixed(2),
        bare ? (mbps / bare).toFixed(2) : '-',
        `${best.maxRssMiB.toFixed(0)} MiB`,
      ]);
    }
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
    for (const row of table)
      console.log(row.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else {
  const sizes = process.argv.slice(2).map(Number);
  await main(sizes.length ? sizes : [100_000, 1_000_000]);
}
