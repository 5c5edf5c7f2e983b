// npm run bench: every figure of issue 14 measured in one run, as ratios taken within each round.
//
// Usage: npm run build && node bench/run.js [--quick] [--json] [--xlsx-1m] [--rounds N] [--rows N]
//                                           [--baseline DIR] [--no-peers] [--all]
//   --quick     100,000-row CSV, 20,000-row workbooks, 2 rounds (development); the default is the issue's
//               sizes (1,000,000-row CSV, 50,000-row workbooks), 3 rounds
//   --json      one JSON object on stdout (every run, medians, ratios, targets) for CI comparisons; the
//               progress lines go to stderr
//   --xlsx-1m   also validate the 1,000,000-row XLSX once (slow: it is there for its peak RSS)
//   --baseline  the previous odf build (a checkout with bin/ and a built dist/), measured in the same
//               rounds; else $ODF_BASELINE, else $BENCH_BASELINE, else ../baseline; said when absent
//   --no-peers  leave out Frictionless (also left out, with a line, when its runner or Python is missing)
//   --all       then run the detailed benchmarks (parsers, validate, recognition, fields, privacy,
//               patterns, observatory, sheets, batch) one after the other
//
// Every command is its own process under GNU time (`/usr/bin/time -f '%U %S %M'`): CPU seconds are user +
// system time of the whole process (start-up included), peak RSS is its maximum resident set, wall is
// measured around it. Commands run interleaved (A B C … then A B C … again), so that a change of load on
// a shared machine hits every command alike; each ratio is computed within a round, and the median over
// the rounds is printed, with every round's value. The load average before each round and the cores each
// command got ((user + sys) / wall) are printed too: a wall-time gain from a second core can only show
// when a second core was free. Targets are printed beside their ratio, failing or not.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBatch, ensureBudgetCsv } from './generate.js';
import { workbook } from './sheets.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..');
const TIME = '/usr/bin/time';
const PYTHON = '/usr/bin/python3';
const SCHEMA = 'scdl/budget@0.8.3';
const SCHEMA_FILE = join(ROOT, 'schemas/scdl/budget/0.8.3/schema.json');
// The peer runner beside the clone (../shared), or beside a worktree one folder further down.
const FRICTIONLESS = resolve(
  ROOT,
  process.env.BENCH_FRICTIONLESS ??
    ['../shared/peers/frictionless/run.py', '../../shared/peers/frictionless/run.py'].find((p) =>
      existsSync(resolve(ROOT, p)),
    ) ??
    '../shared/peers/frictionless/run.py',
);
const BATCH_FILES = 200;
const BATCH_ROWS = 300;

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'xlsx-1m': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    rows: { type: 'string' },
    baseline: { type: 'string' },
    'no-peers': { type: 'boolean', default: false },
    all: { type: 'boolean', default: process.env.BENCH_ALL === '1' },
  },
});
const ROWS = Number(opts.rows ?? process.env.BENCH_ROWS ?? (opts.quick ? 100_000 : 1_000_000));
const SHEET_ROWS = opts.quick ? 20_000 : 50_000;
const ROUNDS = Number(opts.rounds ?? process.env.BENCH_REPEAT ?? (opts.quick ? 2 : 3));
const BASELINE = resolve(
  ROOT,
  opts.baseline ?? process.env.ODF_BASELINE ?? process.env.BENCH_BASELINE ?? '../baseline',
);
/** Progress and the table: stderr when stdout carries the JSON. */
const say = (line = '') => (opts.json ? process.stderr : process.stdout).write(line + '\n');

/** Tiny programs for the rows that are not odf: each reads the whole file once and prints what it read. */
const SNIPPETS = {
  'raw.cjs': `const fs=require('fs');const fd=fs.openSync(process.argv[2]);const b=Buffer.allocUnsafe(1<<20);let n=0,k;while((k=fs.readSync(fd,b))>0)n+=k;console.log(n);`,
  'papaparse.cjs': `const Papa=require(${JSON.stringify(join(ROOT, 'node_modules/papaparse'))});const fs=require('fs');let rows=0;
Papa.parse(fs.createReadStream(process.argv[2]),{step(){rows++},complete(){console.log(rows)}});`,
  // DuckDB's CSV reader, every column typed by its sniffer (integers, doubles, text), every row hashed so
  // that nothing is skipped; threads as given.
  'duckdb.mjs': `import { DuckDBInstance } from ${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules/@duckdb/node-api/lib/index.js')).href)};
const db = await DuckDBInstance.create(':memory:', { threads: process.argv[3] });
const c = await db.connect();
const file = process.argv[2].replaceAll("'", "''");
const r = await c.runAndReadAll(\`SELECT count(*), sum(hash(t)) FROM read_csv('\${file}', header = true) AS t\`);
console.log(String(r.getRows()[0][0]));`,
};

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

/** One process under GNU time: CPU seconds (user + system), wall seconds, peak RSS in MiB. */
function measure(cmd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%U %S %M', ...cmd.argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    cwd: ROOT,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) ([\d.]+) (\d+)$/.exec(last);
  const ok = cmd.ok ?? [0];
  if (!m || !ok.includes(r.status)) {
    throw new Error(`${cmd.argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  }
  // Each runner says what it read (bytes, rows): a runner that read something else stops the bench.
  if (cmd.check) {
    const problem = cmd.check(r.stdout);
    if (problem) throw new Error(`${cmd.argv.join(' ')}: ${problem}`);
  }
  return { cpu: Number(m[1]) + Number(m[2]), wall, rss: Number(m[3]) / 1024 };
}

const odf = (root, args, extra = {}) => ({
  argv: [process.execPath, join(root, 'bin/odf.js'), ...args],
  ok: [0, 1],
  ...extra,
});
const prints = (expected) => (out) =>
  out.trim() === String(expected) ? '' : `printed ${out.trim().slice(0, 80)}, expected ${expected}`;

function baselineBuild() {
  if (existsSync(join(BASELINE, 'bin/odf.js')) && existsSync(join(BASELINE, 'dist/cli/main.js')))
    return BASELINE;
  return undefined;
}

/** Python with the Frictionless runner's packages: true when the peer can run here. */
function frictionlessReady() {
  if (opts['no-peers'] || process.env.BENCH_PEERS === '0') return 'left out (--no-peers)';
  if (!existsSync(FRICTIONLESS)) return `left out: its runner ${FRICTIONLESS} is not there`;
  if (!existsSync(PYTHON)) return `left out: ${PYTHON} is not there`;
  const r = spawnSync(
    PYTHON,
    ['-c', 'import attr, jinja2, yaml, isodate, simpleeval, typer, rich, dateutil'],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    return `left out: its Python packages are not installed (see ${dirname(FRICTIONLESS)}/README.md)`;
  return '';
}

/** The commands of the table, in the order of each round. */
function commands({ csv, xlsx, ods, batch, tmp, baseline, peer }) {
  const snippet = (name) => join(tmp, name);
  const bytes = statSync(csv).size;
  // One thread: a big file is otherwise cut into chunks on every core (--jobs defaults to the cores).
  const base = ['validate', csv, '-s', SCHEMA, '--lang', 'en'];
  const v = [...base, '--jobs', '1'];
  const out = join(tmp, 'out.csv');
  const list = [
    {
      id: 'raw',
      label: 'raw byte read (floor)',
      argv: [process.execPath, snippet('raw.cjs'), csv],
      check: prints(bytes),
    },
    {
      id: 'papaparse',
      label: 'papaparse, parse only',
      argv: [process.execPath, snippet('papaparse.cjs'), csv],
      check: prints(ROWS + 1),
    },
  ];
  if (existsSync(join(ROOT, 'node_modules/@duckdb/node-api'))) {
    for (const threads of [1, 2]) {
      list.push({
        id: `duckdb${threads}`,
        label: `DuckDB read_csv, typed, hashed, ${threads} thread${threads > 1 ? 's' : ''}`,
        argv: [process.execPath, snippet('duckdb.mjs'), csv, String(threads)],
        check: prints(ROWS),
      });
    }
  }
  if (baseline) {
    list.push({ id: 'base', label: 'previous build: odf validate', ...odf(baseline, v) });
    list.push({
      id: 'baseJson',
      label: 'previous build: odf validate --format json',
      ...odf(baseline, [...v, '--format', 'json']),
    });
  }
  list.push(
    { id: 'validate', label: 'odf validate (text, --jobs 1)', ...odf(ROOT, v) },
    { id: 'json', label: 'odf validate --format json', ...odf(ROOT, [...v, '--format', 'json']) },
    {
      id: 'normalize',
      label: 'odf normalize',
      ...odf(ROOT, ['normalize', csv, '-s', SCHEMA, '-o', out, '-q', '--jobs', '1']),
    },
    { id: 'jobs2', label: 'odf validate --jobs 2 (one file)', ...odf(ROOT, [...base, '--jobs', '2']) },
    {
      id: 'xlsx',
      label: `odf validate, XLSX ${SHEET_ROWS} rows`,
      ...odf(ROOT, ['validate', xlsx, '-s', SCHEMA]),
    },
    {
      id: 'ods',
      label: `odf validate, ODS ${SHEET_ROWS} rows`,
      ...odf(ROOT, ['validate', ods, '-s', SCHEMA]),
    },
    {
      id: 'batch1',
      label: `batch ${BATCH_FILES} × ${BATCH_ROWS} rows, --jobs 1`,
      ...odf(ROOT, ['validate', batch, '-s', 'scdl/budget', '-q', '--jobs', '1']),
    },
    {
      id: 'batch2',
      label: `batch ${BATCH_FILES} × ${BATCH_ROWS} rows, --jobs 2`,
      ...odf(ROOT, ['validate', batch, '-s', 'scdl/budget', '-q', '--jobs', '2']),
    },
  );
  if (peer) {
    const frictionless = (id, label, file, rows) => ({
      id,
      label,
      argv: [PYTHON, FRICTIONLESS, file, SCHEMA_FILE],
      check: (stdout) => {
        const r = JSON.parse(stdout);
        if (r.schemaError) return `schema refused: ${r.schemaError}`;
        return r.rows === rows ? '' : `read ${r.rows} rows, expected ${rows}`;
      },
    });
    list.push(frictionless('frictionless', 'Frictionless 5.15.6 (peer), CSV', csv, ROWS));
  }
  return list;
}

/**
 * The ratios the "Done when" names, each computed within a round from that round's figures:
 * `value(r)` takes the round's results by id. `target` is [comparison, bound]; `kind` says what is compared.
 */
const RATIOS = [
  {
    id: 'validateVsPapaparse',
    label: 'validate / papaparse (CPU)',
    value: (r) => r.validate.cpu / r.papaparse.cpu,
    target: ['<=', 1.3],
  },
  {
    id: 'validateVsDuckdb',
    label: 'validate / DuckDB 1 thread (CPU)',
    value: (r) => r.validate.cpu / r.duckdb1.cpu,
  },
  { id: 'validateVsFloor', label: 'validate / raw read (CPU)', value: (r) => r.validate.cpu / r.raw.cpu },
  {
    id: 'speedupVsBaseline',
    label: 'validate: previous build / this (CPU)',
    value: (r) => r.base.cpu / r.validate.cpu,
    target: ['>=', 2],
  },
  {
    id: 'jsonSpeedupVsBaseline',
    label: '--format json: previous build / this (CPU)',
    value: (r) => r.baseJson.cpu / r.json.cpu,
    target: ['>=', 2],
  },
  {
    id: 'jsonVsText',
    label: '--format json / text (CPU)',
    value: (r) => r.json.cpu / r.validate.cpu,
    target: ['<=', 1.1],
  },
  {
    id: 'normalizeVsValidate',
    label: 'normalize / validate (CPU)',
    value: (r) => r.normalize.cpu / r.validate.cpu,
    target: ['<=', 1.5],
  },
  {
    id: 'jobs2Gain',
    label: 'one file: --jobs 1 / --jobs 2 (wall)',
    value: (r) => r.validate.wall / r.jobs2.wall,
    target: ['>', 1],
  },
  {
    id: 'duckdb2Gain',
    label: 'DuckDB: 1 thread / 2 threads (wall; what the machine gave)',
    value: (r) => r.duckdb1.wall / r.duckdb2.wall,
  },
  {
    id: 'batchGain',
    label: `batch: --jobs 1 / --jobs 2 (wall)`,
    value: (r) => r.batch1.wall / r.batch2.wall,
    target: ['>=', 1.5],
  },
  { id: 'xlsxCpu', label: `XLSX ${SHEET_ROWS} rows: CPU s`, value: (r) => r.xlsx.cpu, target: ['<', 2] },
  {
    id: 'xlsxRss',
    label: `XLSX ${SHEET_ROWS} rows: peak RSS MiB`,
    value: (r) => r.xlsx.rss,
    target: ['<', 200],
  },
  {
    id: 'odsRss',
    label: `ODS ${SHEET_ROWS} rows: peak RSS MiB`,
    value: (r) => r.ods.rss,
    target: ['<', 200],
  },
  {
    id: 'xlsx1mRss',
    label: 'XLSX 1,000,000 rows: peak RSS MiB',
    value: (r) => r.xlsx1m.rss,
    target: ['<', 200],
  },
  {
    id: 'frictionlessVsValidate',
    label: 'Frictionless / validate (CPU)',
    value: (r) => r.frictionless.cpu / r.validate.cpu,
  },
];

const meets = ([op, bound], x) =>
  op === '<=' ? x <= bound : op === '<' ? x < bound : op === '>=' ? x >= bound : x > bound;

async function main() {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
    console.error('dist/ is missing: build first with `npm run build`.');
    process.exitCode = 1;
    return;
  }
  if (!existsSync(TIME)) {
    console.error(`${TIME} (GNU time) is missing: it measures CPU time and peak RSS.`);
    process.exitCode = 1;
    return;
  }
  const csv = await ensureBudgetCsv(ROWS);
  const xlsx = workbook(SHEET_ROWS, 'xlsx');
  const ods = workbook(SHEET_ROWS, 'ods');
  const batch = ensureBatch(BATCH_FILES, BATCH_ROWS);
  const baseline = baselineBuild();
  const peerProblem = frictionlessReady();
  const tmp = mkdtempSync(join(os.tmpdir(), 'odf-bench-'));
  for (const [name, text] of Object.entries(SNIPPETS)) writeFileSync(join(tmp, name), text);

  const mb = statSync(csv).size / 1e6;
  say(
    `node ${process.version}, ${os.availableParallelism()} cores; ${relative(ROOT, csv)}: ${ROWS} rows, ${mb.toFixed(1)} MB; ` +
      `${ROUNDS} interleaved rounds${opts.quick ? ' (--quick: sizes below the issue’s, targets indicative only)' : ''}`,
  );
  say(
    baseline
      ? `previous build: ${baseline}`
      : `previous build: none at ${BASELINE} (--baseline DIR or ODF_BASELINE): its rows are left out`,
  );
  if (peerProblem) say(`Frictionless: ${peerProblem}`);

  const list = commands({ csv, xlsx, ods, batch, tmp, baseline, peer: !peerProblem });
  const runs = Object.fromEntries(list.map((c) => [c.id, []]));
  const loads = [];
  try {
    // The batch's reports must not depend on --jobs: checked once before timing.
    const reports = [1, 2].map((j) =>
      measureOutput(
        odf(ROOT, ['validate', batch, '-s', 'scdl/budget', '--format', 'json', '--jobs', String(j)]),
      ),
    );
    if (reports[0] !== reports[1]) throw new Error('the batch report of --jobs 2 differs from --jobs 1');
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(load());
      say(`round ${round + 1}/${ROUNDS}, load average ${loads.at(-1).join(' ')}`);
      for (const cmd of list) runs[cmd.id].push(measure(cmd));
    }
    if (opts['xlsx-1m']) {
      const big = workbook(1_000_000, 'xlsx');
      say('XLSX 1,000,000 rows: one run');
      runs.xlsx1m = [measure({ id: 'xlsx1m', ...odf(ROOT, ['validate', big, '-s', SCHEMA]) })];
      list.push({ id: 'xlsx1m', label: 'odf validate, XLSX 1,000,000 rows (1 run)' });
    }
    loads.push(load());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report(list, runs, loads, { csv, mb, baseline, peerProblem });
  if (opts.all) details();
}

/** stdout of one odf run (for the report check), not timed. */
function measureOutput(cmd) {
  const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, cwd: ROOT });
  if (!cmd.ok.includes(r.status))
    throw new Error(`${cmd.argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  return r.stdout;
}

function report(list, runs, loads, { csv, mb, baseline, peerProblem }) {
  const rounds = Math.max(...Object.values(runs).map((r) => r.length));
  const byRound = Array.from({ length: rounds }, (_, k) =>
    Object.fromEntries(Object.entries(runs).map(([id, rs]) => [id, rs[k] ?? rs[0]])),
  );
  const rows = list.map((c) => {
    const rs = runs[c.id];
    const cpu = median(rs.map((x) => x.cpu));
    const wall = median(rs.map((x) => x.wall));
    return {
      id: c.id,
      label: c.label,
      command: c.argv?.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) || '.' : a)).join(' '),
      cpu,
      wall,
      cores: median(rs.map((x) => x.cpu / x.wall)),
      rss: Math.max(...rs.map((x) => x.rss)),
      runs: rs,
    };
  });
  const ratios = [];
  for (const ratio of RATIOS) {
    const values = [];
    for (const r of byRound) {
      try {
        const x = ratio.value(r);
        if (Number.isFinite(x)) values.push(x);
      } catch {
        // a command of this ratio was left out (no baseline, no peer, no --xlsx-1m)
      }
    }
    if (!values.length) continue;
    const value = median(values);
    ratios.push({
      id: ratio.id,
      label: ratio.label,
      value,
      rounds: values,
      target: ratio.target ? `${ratio.target[0]} ${ratio.target[1]}` : undefined,
      met: ratio.target ? meets(ratio.target, value) : undefined,
    });
  }

  if (opts.json) {
    process.stdout.write(
      JSON.stringify(
        {
          node: process.version,
          cores: os.availableParallelism(),
          mode: opts.quick ? 'quick' : 'full',
          file: relative(ROOT, csv),
          rows: ROWS,
          megabytes: Number(mb.toFixed(1)),
          sheetRows: SHEET_ROWS,
          rounds,
          loadAverages: loads,
          baseline: baseline ?? null,
          frictionless: peerProblem || 'measured',
          commands: rows,
          ratios,
        },
        (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toFixed(4)) : x),
        2,
      ) + '\n',
    );
  }

  const find = (id) => rows.find((r) => r.id === id);
  const validate = find('validate');
  const papa = find('papaparse');
  const head = ['command', 'CPU s', 'wall s', 'cores', 'peak MiB', '× papaparse', '× validate'];
  const csvIds = new Set([
    'raw',
    'papaparse',
    'duckdb1',
    'duckdb2',
    'base',
    'baseJson',
    'validate',
    'json',
    'normalize',
    'jobs2',
    'frictionless',
  ]);
  const body = rows.map((r) => [
    r.label,
    r.cpu.toFixed(2),
    r.wall.toFixed(2),
    r.cores.toFixed(2),
    r.rss.toFixed(0),
    csvIds.has(r.id) ? (r.cpu / papa.cpu).toFixed(2) : '',
    csvIds.has(r.id) ? (r.cpu / validate.cpu).toFixed(2) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  say();
  say(
    `CPU s and wall s: medians of the rounds; cores = (user + sys) / wall; peak MiB: the highest of the rounds`,
  );
  say(line(head));
  for (const b of body) say(line(b));
  say(`validate: ${(mb / validate.cpu).toFixed(0)} MB per CPU second`);
  say();
  say('issue 14 (each ratio computed within a round, then the median; every round in brackets):');
  const w = Math.max(...ratios.map((r) => r.label.length));
  for (const r of ratios) {
    const mark = r.target === undefined ? ' ' : r.met ? '✓' : '✗';
    const target = r.target === undefined ? 'reference' : `target ${r.target}`;
    say(
      `  ${mark} ${r.label.padEnd(w)}  ${r.value.toFixed(2).padStart(7)}  (${target}; ${r.rounds.map((x) => x.toFixed(2)).join(' ')})`,
    );
  }
  say(
    `load average (1, 5, 15 min) before each round and at the end: ${loads.map((l) => l.join(' ')).join(' | ')}`,
  );
  const failing = ratios.filter((r) => r.met === false).length;
  say(failing ? `${failing} target${failing > 1 ? 's' : ''} not met.` : 'every target measured here is met.');
  if (!baseline) say('(previous build absent: the ×2 targets against it are not measured)');
  if (peerProblem) say(`(Frictionless ${peerProblem})`);
  if (!opts['xlsx-1m']) say('(XLSX 1,000,000 rows not measured: add --xlsx-1m)');
}

/** The detailed benchmarks, one after the other (--all). */
function details() {
  const rows = String(ROWS);
  const steps = [
    ['CSV reading: raw read, csv-parse, papaparse, odf', 'parsers.js', ['100000', rows]],
    ['Validation and normalisation against scdl/budget', 'validate.js', ['100000', rows]],
    ['Recognition and content-aware matching against a whole validate', 'recognition.js', [rows]],
    ['Field plans (ns per cell)', 'fields.js', []],
    ['Personal-data scan (ns per row)', 'privacy.js', []],
    ['Pattern engines: V8, RE2 and odf’s choice (ns per cell)', 'patterns.js', []],
    ['Spreadsheets: budget-like XLSX and ODS', 'sheets.js', [String(SHEET_ROWS), '--ods']],
    ['Batch of 200 budget files of 300 rows: --jobs 2 against --jobs 1', 'batch.js', []],
    ['Observatory: files per hour by path and URL, history cost and size', 'observatory.js', []],
  ];
  for (const [title, script, args] of steps) {
    const file = join(here, script);
    if (!existsSync(file)) continue;
    say(`\n=== ${title} (node bench/${script} ${args.join(' ')})`);
    execFileSync(process.execPath, [file, ...args], {
      stdio: ['ignore', opts.json ? 2 : 'inherit', 'inherit'],
    });
  }
}

await main();
