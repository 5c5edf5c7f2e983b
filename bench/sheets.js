// Benchmark of the spreadsheet reader: time, rows/s and peak RSS of openWorkbook on a 50,000-row XLSX.
//
// Usage: npx tsc -p tsconfig.build.json && node bench/sheets.js [ROWS]
// Each measure runs in a fresh child process (so peak RSS is that run's own), reading from dist/.
// The workbook is generated once by scripts/make-sheet-fixtures.js into bench/data/ (gitignored).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function child(file, mode) {
  const { openWorkbook } = await import(pathToFileURL(path.join(repo, 'dist', 'io', 'xlsx.js')).href);
  const baseline = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const table = await openWorkbook({ path: file, name: path.basename(file) }, {});
  const opened = performance.now();
  let rows = 0;
  let cells = 0;
  for await (const row of table.rows) {
    rows++;
    if (mode === 'count') cells += row.cells.length;
  }
  const t1 = performance.now();
  const result = {
    rows,
    cells,
    openMs: Math.round(opened - t0),
    totalMs: Math.round(t1 - t0),
    rowsPerSecond: Math.round(rows / ((t1 - t0) / 1000)),
    baselineRssMB: Math.round(baseline / 1024),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result));
}

async function main() {
  const n = Number(process.argv[2] ?? 50_000);
  const file = path.join(repo, 'bench', 'data', `budget-${n}.xlsx`);
  if (!fs.existsSync(file)) {
    const { makeBigWorkbook } = await import(
      pathToFileURL(path.join(repo, 'scripts', 'make-sheet-fixtures.js')).href
    );
    makeBigWorkbook(n);
  }
  if (!fs.existsSync(path.join(repo, 'dist', 'io', 'xlsx.js'))) {
    throw new Error('dist/ is missing: run npx tsc -p tsconfig.build.json first');
  }
  const size = fs.statSync(file).size;
  console.log(
    `openWorkbook on ${path.relative(repo, file)} (${(size / 2 ** 20).toFixed(1)} MiB, ${n} rows × 22 columns)`,
  );
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, 'count'], {
      encoding: 'utf8',
    });
    runs.push(JSON.parse(out));
  }
  for (const r of runs) {
    console.log(
      `  ${r.rows} rows, ${r.cells} cells: open ${r.openMs} ms, total ${r.totalMs} ms, ` +
        `${r.rowsPerSecond} rows/s, peak RSS ${r.peakRssMB} MB (Node baseline ${r.baselineRssMB} MB)`,
    );
  }
  const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  console.log(`best: ${best.totalMs} ms, ${best.rowsPerSecond} rows/s, peak RSS ${best.peakRssMB} MB`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
