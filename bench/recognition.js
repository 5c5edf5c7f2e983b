// Recognition and content-aware matching benchmark (issue 11): what choosing the schema, its version and the
// columns from the header and the first rows costs, next to validating the whole file; and a 20,000-column
// header with and without a schema (issue 12, row 15).
// Usage: node bench/recognition.js [rows]   (default 1000000; build first: npm run build)
// Each run is its own child process; best time of BENCH_REPEAT runs (default 3); CPU time is user + system.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBudgetCsv } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const DATA = join(ROOT, 'bench', 'data');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const PINNED = 'scdl/budget@0.8.3';
const mod = (path) => import(pathToFileURL(join(DIST, path)).href);

/** A header of `columns` labels and 20 rows of small numbers (the shape of issue 12's row 15). */
function ensureWideCsv(columns) {
  const path = join(DATA, `wide-${columns}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(DATA, { recursive: true });
  const header = Array.from({ length: columns }, (_, i) => `colonne_${i}`);
  const rows = [header.join(',')];
  for (let r = 0; r < 20; r++) rows.push(header.map((_, i) => String((i * r) % 97)).join(','));
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** The first rows of a file as the validator samples them, and its header. */
async function headAndSample(path) {
  const { openTable } = await mod('io/open.js');
  const { sampleTable } = await mod('run/sample.js');
  const table = await openTable(path);
  const { sample } = await sampleTable(path, table, {});
  return { labels: table.meta.columns, sample };
}

const RUNNERS = {
  async 'validate --schema scdl/budget@0.8.3'(path) {
    const { validateFile } = await mod('index.js');
    const r = await validateFile(path, { schema: PINNED });
    return { rows: r.run.stats.rows };
  },
  async 'validate (schema and version recognised)'(path) {
    const { validateFile } = await mod('index.js');
    const r = await validateFile(path);
    return { rows: r.run.stats.rows, schema: `${r.schema?.name}@${r.schema?.version}` };
  },
  async 'validate --schema scdl/budget (version by fit)'(path) {
    const { validateFile } = await mod('index.js');
    const r = await validateFile(path, { schema: 'scdl/budget' });
    return { rows: r.run.stats.rows, schema: `${r.schema?.name}@${r.schema?.version}` };
  },
  // The step before the rows (open, sample, schema and version, mapping) with the schema recognised and
  // with it given: their difference is what recognition and content-aware matching cost a run.
  async 'prepare (schema recognised)'(path) {
    const { prepareFile } = await mod('run/prepare.js');
    await mod('checks/index.js');
    const c0 = process.cpuUsage();
    await prepareFile(path);
    const c = process.cpuUsage(c0);
    return { prepareMs: (c.user + c.system) / 1000 };
  },
  async 'prepare (schema given)'(path) {
    const { prepareFile } = await mod('run/prepare.js');
    await mod('checks/index.js');
    const c0 = process.cpuUsage();
    await prepareFile(path, { schema: PINNED });
    const c = process.cpuUsage(c0);
    return { prepareMs: (c.user + c.system) / 1000 };
  },
  // Recognition over every catalogue version and content-aware matching, alone: the first call pays for
  // reading the catalogue and building its indexes (a CLI run pays it once); then the warm cost per file.
  async 'recognition + matching only'(path) {
    const { labels, sample } = await headAndSample(path);
    const { recognizeCandidates } = await mod('match/recognize-schema.js');
    const { matchColumns } = await mod('match/match.js');
    const { loadSchema } = await mod('schema/load.js');
    const once = async () => {
      const found = recognizeCandidates(labels, sample);
      const loaded = await loadSchema(`${found.chosen.name}@${found.chosen.version}`);
      matchColumns(labels, loaded.schema, { schemaName: loaded.name, sample });
    };
    // CPU time (user + system): on a shared machine, wall time measures the neighbours too.
    const cpuMs = (since) => {
      const c = process.cpuUsage(since);
      return (c.user + c.system) / 1000;
    };
    const c0 = process.cpuUsage();
    await once();
    const cold = cpuMs(c0);
    const times = [];
    for (let i = 0; i < 20; i++) {
      const c = process.cpuUsage();
      await once();
      times.push(cpuMs(c));
    }
    times.sort((a, b) => a - b);
    return { coldMs: cold, warmMs: times[10] };
  },
};

async function child(name, path) {
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const out = await RUNNERS[name](path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      ...out,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

function run(self, name, path) {
  let best;
  for (let k = 0; k < REPEAT; k++) {
    const r = JSON.parse(execFileSync(process.execPath, [self, '--child', name, path], { encoding: 'utf8' }));
    if (!best) best = r;
    else
      best = {
        ...r,
        seconds: Math.min(best.seconds, r.seconds),
        cpuSeconds: Math.min(best.cpuSeconds, r.cpuSeconds),
        coldMs: r.coldMs === undefined ? undefined : Math.min(best.coldMs, r.coldMs),
        warmMs: r.warmMs === undefined ? undefined : Math.min(best.warmMs, r.warmMs),
      };
  }
  return best;
}

function print(table) {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => String(row[c]).length)));
  for (const row of table)
    console.log(
      row.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  '),
    );
}

async function main(rows) {
  if (!existsSync(join(DIST, 'index.js'))) {
    console.error('dist/ is missing: build first with `npm run build`.');
    process.exitCode = 1;
    return;
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`node ${process.version}, ${os.cpus().length} cores`);
  const budget = await ensureBudgetCsv(rows);
  console.log(`\n${budget}: ${rows} rows`);
  const table = [['run', 's', 'CPU s', 'schema', 'peak RSS']];
  const results = {};
  for (const name of Object.keys(RUNNERS).filter((n) => n.startsWith('validate'))) {
    const r = run(self, name, budget);
    results[name] = r;
    table.push([
      name,
      r.seconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      r.schema ?? PINNED,
      `${r.maxRssMiB.toFixed(0)} MiB`,
    ]);
  }
  print(table);
  const pinned = results['validate --schema scdl/budget@0.8.3'];
  for (const name of [
    'validate (schema and version recognised)',
    'validate --schema scdl/budget (version by fit)',
  ]) {
    const extra = results[name].cpuSeconds - pinned.cpuSeconds;
    console.log(
      `${name}: ${extra >= 0 ? '+' : ''}${extra.toFixed(2)} s CPU = ${((100 * extra) / pinned.cpuSeconds).toFixed(1)} % of the pinned run`,
    );
  }
  // The whole runs differ by less than a shared machine's noise: the step itself, median of 7 runs each.
  const median = (name) => {
    const ms = [];
    for (let k = 0; k < 7; k++)
      ms.push(
        JSON.parse(execFileSync(process.execPath, [self, '--child', name, budget], { encoding: 'utf8' }))
          .prepareMs,
      );
    return ms.sort((a, b) => a - b)[3];
  };
  const recognised = median('prepare (schema recognised)');
  const given = median('prepare (schema given)');
  console.log(
    `step before the rows, median of 7 (CPU): ${recognised.toFixed(0)} ms recognised, ${given.toFixed(0)} ms given:` +
      ` recognition and content-aware matching cost ${(recognised - given).toFixed(0)} ms,` +
      ` ${((100 * (recognised - given)) / 1000 / pinned.cpuSeconds).toFixed(1)} % of the pinned validate's CPU`,
  );
  const only = run(self, 'recognition + matching only', budget);
  console.log(
    '\nrecognition (every catalogue version) + content-aware matching, on the header and sampled rows of that file:' +
      `\n  first call ${only.coldMs.toFixed(0)} ms CPU (reads the catalogue, builds its indexes), then ${only.warmMs.toFixed(1)} ms CPU a file` +
      `\n  first call = ${((100 * only.coldMs) / 1000 / pinned.cpuSeconds).toFixed(2)} % of the pinned validate's CPU (${pinned.cpuSeconds.toFixed(2)} s)`,
  );

  const wide = ensureWideCsv(20_000);
  console.log(`\n${wide}: 20,000 columns, 20 rows`);
  const wideTable = [['run', 's', 'CPU s', 'schema', 'peak RSS']];
  for (const name of ['validate --schema scdl/budget@0.8.3', 'validate (schema and version recognised)']) {
    const r = run(self, name, wide);
    wideTable.push([
      name,
      r.seconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      r.schema ?? PINNED,
      `${r.maxRssMiB.toFixed(0)} MiB`,
    ]);
  }
  print(wideTable);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main(Number(process.argv[2] ?? 1_000_000));
