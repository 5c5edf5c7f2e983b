// Observatory benchmark (issue 17): files per hour on one core, by path and by URL (loopback server), with and without
// the history; then the history's cost per run and its size after 1,000 runs. Figures printed, never asserted.
// Run after `npm run build`: node bench/observatory.js [files] [rows] [runs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { random as prng } from '../scripts/random.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.argv[2] ?? 200);
const ROWS = Number(process.argv[3] ?? 200);
const RUNS = Number(process.argv[4] ?? 1000);

const HEADER =
  'COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL';

/** Deliberations 2.1.5 files of one commune each, 2 % of the dates written day-first (an error). */
function writeFiles(dir) {
  const rand = prng(17);
  const names = [];
  for (let f = 0; f < FILES; f++) {
    const lines = [HEADER];
    for (let r = 1; r <= ROWS; r++) {
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      const date = rand() < 0.02 ? `${day}/03/2024` : `2024-03-${day}`;
      lines.push(
        `Commune ${f},21860194600013,D${f}-${r},${date},7.1,Finances locales/Décisions budgétaires,Objet ${r},2024,Budget principal,PREF-${f}-${r},2024-03-28,30,28,20,5,3,https://commune${f}.example/d${r}.pdf`,
      );
    }
    const name = `deliberations-${String(f).padStart(4, '0')}.csv`;
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    names.push(name);
  }
  return names;
}

/**
 * Run odf REPEAT times (`prepare` before each: a fresh history, an empty cache…) and keep the best wall
 * time and the best CPU time (user + system, all threads, read by a preloaded hook at exit). On a shared
 * machine the CPU time is what one core spends; the wall time also counts waiting for the others.
 */
const REPEAT = 3;
let cpuHook = '';
function odf(args, cwd, prepare = () => {}) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    prepare();
    const out = join(cwd, `.cpu-${i}.json`);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', cpuHook, join(ROOT, 'bin/odf.js'), ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ODF_BENCH_CPU: out },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`odf ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const used = JSON.parse(readFileSync(out, 'utf8'));
    wall = Math.min(wall, ms);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function line(label, t, files = FILES) {
  const perHour = Math.round((files / (t.cpu / 1000)) * 3600);
  console.log(
    `  ${label.padEnd(46)} ${t.wall.toFixed(0).padStart(7)} ms wall ${t.cpu.toFixed(0).padStart(7)} ms CPU  ${perHour.toLocaleString('en-GB').padStart(9)} files/hour/core`,
  );
}

/** A static server in a child process (so its work is not counted in odf's process), with ETags. */
async function startServer(dir) {
  const code = `
    const { createServer } = require('node:http');
    const { readFileSync } = require('node:fs');
    const { createHash } = require('node:crypto');
    const s = createServer((req, res) => {
      let body;
      try { body = readFileSync(${JSON.stringify(dir)} + req.url); } catch { res.writeHead(404); return res.end(); }
      const etag = '"' + createHash('sha1').update(body).digest('hex') + '"';
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); return res.end(); }
      res.writeHead(200, { etag, 'content-type': 'text/csv' }); res.end(body);
    });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));
    process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  return { port, stop: () => child.stdin.end() };
}

const dir = mkdtempSync(join(os.tmpdir(), 'odf-bench-obs-'));
try {
  const names = writeFiles(dir);
  cpuHook = join(dir, 'cpu-hook.cjs');
  writeFileSync(
    cpuHook,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.ODF_BENCH_CPU, JSON.stringify(process.cpuUsage())));\n`,
  );
  const bytes = names.reduce((s, n) => s + statSync(join(dir, n)).size, 0);
  console.log(
    `observatory: best of ${REPEAT} (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores), ${FILES} deliberations files × ${ROWS} rows (${(bytes / FILES / 1024).toFixed(1)} KB each), --jobs 1, one process per run`,
  );
  const common = [
    '-s',
    'scdl/deliberations@2.1.5',
    '--format',
    'json',
    '-o',
    'report.json',
    '--jobs',
    '1',
    '-q',
  ];
  line('local files', odf(['validate', ...names, ...common], dir));
  line(
    'local files, --history (first run)',
    odf(['validate', ...names, ...common, '--history', 'local.sqlite', '--run-id', 'a'], dir, () =>
      rmSync(join(dir, 'local.sqlite'), { force: true }),
    ),
  );
  line(
    'local files, --history (unchanged: reused)',
    odf(['validate', ...names, ...common, '--history', 'local.sqlite', '--run-id', 'b'], dir),
  );

  const server = await startServer(dir);
  try {
    writeFileSync(join(dir, 'urls.txt'), names.map((n) => `http://127.0.0.1:${server.port}/${n}`).join('\n'));
    const url = ['--urls', 'urls.txt', ...common, '--cache', 'cache', '--per-host', '8'];
    line(
      'URLs, loopback server, --history (first run)',
      odf(['validate', ...url, '--history', 'urls.sqlite', '--run-id', 'a'], dir, () => {
        rmSync(join(dir, 'urls.sqlite'), { force: true });
        rmSync(join(dir, 'cache'), { recursive: true, force: true });
      }),
    );
    line(
      'URLs, unchanged: 304 and reused',
      odf(['validate', ...url, '--history', 'urls.sqlite', '--run-id', 'b'], dir),
    );
  } finally {
    server.stop();
  }

  // The history alone: RUNS nights of FILES resources, 10 % of which change every night.
  const { History } = await import(pathToFileURL(join(ROOT, 'dist/history/store.js')).href);
  const sample = JSON.parse(
    spawnSync(
      process.execPath,
      [join(ROOT, 'bin/odf.js'), 'validate', names[0], names[1], ...common.slice(0, 4)],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    ).stdout,
  ).files;
  const file = join(dir, 'nights.sqlite');
  const h = History.open(file);
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const version = new Array(FILES).fill(0);
  for (let run = 0; run < RUNS; run++) {
    const observations = [];
    for (let f = 0; f < FILES; f++) {
      if (run > 0 && (f + run) % 10 === 0) version[f]++;
      const report = sample[(f + version[f]) % sample.length];
      observations.push({
        name: `https://commune${f}.example/deliberations.csv`,
        kind: 'url',
        reused: version[f] > 0 && (f + run) % 10 !== 0,
        contentHash: `${f}-${version[f]}`.padEnd(64, '0'),
        bytes: 40_000,
        notModified: (f + run) % 10 !== 0,
        catalogue: {
          organization: `Commune ${f}`,
          organizationId: `org-${f}`,
          schemaName: 'scdl/deliberations',
        },
        result: {
          fingerprint: `${f}-${version[f]}`.padEnd(64, 'f'),
          report,
          producer: { id: '21860194600013', name: `Commune ${f}` },
        },
      });
    }
    h.recordRun(
      {
        key: `night-${run}`,
        startedAt: new Date(Date.UTC(2026, 0, 1) + run * 86_400_000).toISOString(),
        odfVersion: '0.1.0',
      },
      observations,
    );
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu0);
  const cpuMs = (used.user + used.system) / 1000;
  h.close();
  const size = statSync(file).size;
  console.log(
    `history: ${RUNS} runs × ${FILES} resources, 10 % of them changed each run (a new result kept each time)`,
  );
  console.log(
    `  recording: ${(ms / RUNS).toFixed(1)} ms wall, ${(cpuMs / RUNS).toFixed(1)} ms CPU per run of ${FILES} resources (${((cpuMs / RUNS / FILES) * 1000).toFixed(0)} µs CPU per resource)`,
  );
  console.log(
    `  size after ${RUNS} runs: ${(size / 1024 / 1024).toFixed(1)} MiB (${(((size / RUNS / FILES) * 1000) / 1024).toFixed(1)} KiB per 1,000 observations)`,
  );
  const t = process.hrtime.bigint();
  const read = History.open(file, { readonly: true });
  const data = read.read();
  read.close();
  console.log(
    `  reading it back for the observatory: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms (${data.observations.length.toLocaleString('en-GB')} observations)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
