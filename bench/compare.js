// The speed table of issue 14: one file, every tool, CPU seconds and peak RSS, ratios measured in this run.
//
// Usage: npm run build && node bench/compare.js [ROWS]   (default 1000000 rows of the budget file)
//   BENCH_REPEAT   runs per row of the table (median taken; default 3)
//   BENCH_PEERS    0 to leave out the slow peers (Frictionless)
//   BENCH_XLSX     0 to leave out the same table as an XLSX workbook (written once to bench/data/)
//   BENCH_BASELINE another odf checkout with a built dist/ (default ../baseline when it exists): the
//                  previous build, measured in the same run
//   BENCH_OTHER    more odf checkouts with a built dist/ to measure beside it (paths joined by ':')
//
// Every row is its own process run under `/usr/bin/time -f` (GNU time): CPU seconds are user + system
// time of the whole process (start-up included), which a shared, noisy machine disturbs far less than
// wall time; peak RSS is the process's maximum resident set. Ratios are against odf validate (text) of
// this build, and against the raw read and papaparse of the same run. The rows run in turn (round k runs
// every row once more), so that a drift of the machine's load falls on every row alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBudgetCsv } from './generate.js';
import { workbook } from './sheets.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.argv[2] ?? 1000000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SCHEMA = 'scdl/budget@0.8.3';
const SCHEMA_FILE = join(ROOT, 'schemas/scdl/budget/0.8.3/schema.json');
const TIME = '/usr/bin/time';
const FRICTIONLESS = resolve(
  ROOT,
  process.env.BENCH_FRICTIONLESS ?? '../../shared/peers/frictionless/run.py',
);
const BASELINE = resolve(ROOT, process.env.BENCH_BASELINE ?? '../baseline');

/** Tiny node programs for the non-odf rows: each reads the whole file once. */
const SNIPPETS = {
  raw: `const fs=require('fs');const fd=fs.openSync(process.argv[2]);const b=Buffer.allocUnsafe(1<<20);let n=0,k;while((k=fs.readSync(fd,b))>0)n+=k;console.log(n);`,
  papaparse: `const Papa=require(${JSON.stringify(join(ROOT, 'node_modules/papaparse'))});const fs=require('fs');let rows=0;
Papa.parse(fs.createReadStream(process.argv[2]),{step(){rows++},complete(){console.log(rows)}});`,
  // DuckDB's CSV reader with every column typed as the schema types them (integers, decimals, a date
  // would be typed too), and every row hashed so nothing is skipped.
  duckdb: `import { DuckDBInstance } from ${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules/@duckdb/node-api/lib/index.js')).href)};
const db = await DuckDBInstance.create(':memory:', { threads: process.argv[3] });
const c = await db.connect();
const file = process.argv[2].replaceAll("'", "''");
const r = await c.runAndReadAll(\`SELECT count(*), sum(hash(t)) FROM read_csv('\${file}', header = true) AS t\`);
console.log(String(r.getRows()[0][0]));`,
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One process under GNU time: CPU seconds (user + system), wall seconds, peak RSS in MiB. */
function measure(argv, { ok = [0], env, expect } = {}) {
  const r = spawnSync(TIME, ['-f', '%U %S %e %M', ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
  if (!m || !ok.includes(r.status)) {
    throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  }
  // Each runner prints what it read (bytes, rows): a runner that read something else fails here.
  const printed = r.stdout.trim();
  if (expect !== undefined && printed !== String(expect)) {
    throw new Error(`${argv.join(' ')} printed ${printed.slice(0, 80)}, expected ${expect}`);
  }
  return { cpu: Number(m[1]) + Number(m[2]), wall: Number(m[3]), rss: Number(m[4]) / 1024, stdout: r.stdout };
}

/**
 * Measure every row of the table: round k runs each row that wants more than k runs, in table order,
 * so that the rows whose ratio matters (text and JSON, validate and normalize) run side by side
 * rather than minutes apart on a machine whose load drifts. Each row gets the median of its runs.
 */
function measureRows(specs) {
  const runs = specs.map(() => []);
  const rounds = Math.max(...specs.map(([, , o = {}]) => o.repeat ?? REPEAT));
  for (let k = 0; k < rounds; k++) {
    specs.forEach(([, argv, o = {}], i) => {
      if (k < (o.repeat ?? REPEAT)) runs[i].push(measure(argv, o));
    });
  }
  return specs.map(([label, , o = {}], i) => ({
    label,
    cpu: median(runs[i].map((x) => x.cpu)),
    wall: median(runs[i].map((x) => x.wall)),
    rss: Math.max(...runs[i].map((x) => x.rss)),
    runs: runs[i].length,
    note: o.note,
  }));
}

/** The previous build (BENCH_BASELINE) and any other builds to compare (BENCH_OTHER, paths joined by ':'). */
function otherBuilds() {
  const builds = [];
  if (existsSync(join(BASELINE, 'dist/cli/main.js'))) builds.push(['previous build', BASELINE]);
  for (const p of (process.env.BENCH_OTHER ?? '').split(':').filter(Boolean)) {
    const root = resolve(ROOT, p);
    if (existsSync(join(root, 'dist/cli/main.js'))) builds.push([`build at ${root}`, root]);
    else console.log(`(${root}/dist is missing: left out)`);
  }
  return builds;
}

function odf(bin, args) {
  return [process.execPath, join(bin, 'bin/odf.js'), ...args];
}

function main() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.error('dist/ is missing: build first with `npm run build`.');
    process.exitCode = 1;
    return;
  }
  if (!existsSync(TIME)) {
    console.error(`${TIME} (GNU time) is missing: it measures CPU time and peak RSS.`);
    process.exitCode = 1;
    return;
  }
  const ensure = ensureBudgetCsv(ROWS);
  Promise.resolve(ensure).then((file) => table(file));
}

function table(file) {
  const mb = statSync(file).size / 1e6;
  const tmp = mkdtempSync(join(os.tmpdir(), 'odf-bench-compare-'));
  const snippet = (name) => {
    const path = join(tmp, name === 'duckdb' ? `${name}.mjs` : `${name}.cjs`);
    writeFileSync(path, SNIPPETS[name]);
    return path;
  };
  const invalid = { ok: [0, 1] };
  const rows = [];
  try {
    console.log(
      `node ${process.version}, ${os.availableParallelism()} cores; ${file}: ${ROWS} rows, ${mb.toFixed(1)} MB; ` +
        `CPU s = user + system of the whole process, median of ${REPEAT} runs taken in turn`,
    );
    const bytes = statSync(file).size;
    const specs = [
      ['raw byte read', [process.execPath, snippet('raw'), file], { expect: bytes }],
      ['papaparse, parse only', [process.execPath, snippet('papaparse'), file], { expect: ROWS + 1 }],
    ];
    const duck = snippet('duckdb');
    if (existsSync(join(ROOT, 'node_modules/@duckdb/node-api'))) {
      for (const threads of ['1', '2']) {
        specs.push([
          `DuckDB read_csv, typed, hashed, ${threads} thread${threads === '1' ? '' : 's'}`,
          [process.execPath, duck, file, threads],
          { expect: ROWS },
        ]);
      }
    }
    const v = ['validate', file, '-s', SCHEMA, '--lang', 'en'];
    for (const [name, root] of otherBuilds()) {
      specs.push([`${name}: odf validate`, odf(root, v), invalid]);
      specs.push([`${name}: odf validate --format json`, odf(root, [...v, '--format', 'json']), invalid]);
    }
    const out = join(tmp, 'out.csv');
    specs.push(
      ['odf validate', odf(ROOT, v), invalid],
      ['odf validate --format json', odf(ROOT, [...v, '--format', 'json']), invalid],
      ['odf normalize', odf(ROOT, ['normalize', file, '-s', SCHEMA, '-o', out, '-q']), invalid],
      ['odf validate --privacy off', odf(ROOT, [...v, '--privacy', 'off']), invalid],
      ['odf validate --jobs 2', odf(ROOT, [...v, '--jobs', '2']), invalid],
    );
    if (process.env.BENCH_XLSX !== '0') {
      const xlsx = workbook(ROWS, 'xlsx');
      specs.push([
        `odf validate, the same table as XLSX`,
        odf(ROOT, ['validate', xlsx, '-s', SCHEMA]),
        invalid,
      ]);
    }
    if (process.env.BENCH_PEERS !== '0' && existsSync(FRICTIONLESS)) {
      const py = '/usr/bin/python3';
      specs.push([
        'Frictionless 5.15.6 (peer)',
        [py, FRICTIONLESS, file, SCHEMA_FILE],
        { repeat: 1, note: '1 run' },
      ]);
    } else console.log('(Frictionless peer absent or BENCH_PEERS=0: left out)');
    rows.push(...measureRows(specs));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  print(rows, mb);
}

function print(rows, mb) {
  const find = (label) => rows.find((r) => r.label === label);
  const self = find('odf validate');
  const papa = find('papaparse, parse only');
  const prev = find('previous build: odf validate');
  const head = ['tool', 'CPU s', 'wall s', 'MB/s (CPU)', '× odf validate', '× papaparse', 'peak RSS MiB'];
  const body = rows.map((r) => [
    r.label + (r.note ? ` (${r.note})` : ''),
    r.cpu.toFixed(2),
    r.wall.toFixed(2),
    (mb / r.cpu).toFixed(0),
    (r.cpu / self.cpu).toFixed(2),
    (r.cpu / papa.cpu).toFixed(2),
    r.rss.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const b of body) console.log(line(b));
  const json = find('odf validate --format json');
  const norm = find('odf normalize');
  const jobs = find('odf validate --jobs 2');
  console.log('\ntargets (issue 14):');
  if (prev)
    console.log(`  validate vs previous build: ${(prev.cpu / self.cpu).toFixed(2)}× faster (target ≥ 2)`);
  const prevJson = find('previous build: odf validate --format json');
  if (prevJson)
    console.log(
      `  --format json vs previous build: ${(prevJson.cpu / json.cpu).toFixed(2)}× faster (target ≥ 2)`,
    );
  console.log(`  validate / papaparse: ${(self.cpu / papa.cpu).toFixed(2)} (target ≤ 1.3)`);
  console.log(`  --format json / text: ${(json.cpu / self.cpu).toFixed(2)} (target ≤ 1.1)`);
  console.log(`  normalize / validate: ${(norm.cpu / self.cpu).toFixed(2)} (target ≤ 1.5)`);
  console.log(
    `  --jobs 2 wall / --jobs 1 wall: ${(jobs.wall / self.wall).toFixed(2)} (CPU ${(jobs.cpu / self.cpu).toFixed(2)})`,
  );
}

main();
