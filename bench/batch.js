// Batch benchmark: 200 budget CSVs of 300 rows validated with --jobs 1 and --jobs 2 (and --jobs = cores
// when there are more), with the schema given and recognised; wall time reported, never asserted.
// Runs are interleaved (the machine may be shared): each ratio is taken within one round, and the
// medians over the rounds are printed with the load average before and after. The reports of every
// --jobs are first checked to be byte-identical.
// Run after `npm run build`: node bench/batch.js [files] [rows] [rounds]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearInterval, setInterval } from 'node:timers';
import { ensureBatch } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.argv[2] ?? 200);
const ROWS = Number(process.argv[3] ?? 300);
const ROUNDS = Number(process.argv[4] ?? 5);
const TIME = '/usr/bin/time';

/** One run of odf: wall seconds (and CPU seconds, user + system, when /usr/bin/time is there). */
function runOnce(args, jobs) {
  const odf = [join(ROOT, 'bin/odf.js'), ...args, '--jobs', String(jobs), '-q'];
  const timed = existsSync(TIME);
  const start = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...odf], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, odf, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`odf failed (${r.status}): ${r.stderr}`);
  let cpu;
  if (timed) {
    const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    cpu = user + sys;
  }
  return { wall, cpu, stdout: r.stdout };
}

/**
 * One run of odf with the CPU seconds of each of its threads (Linux: /proc/PID/task/TID/stat polled every
 * 10 ms, each thread's last reading kept, so a thread that ends between two polls loses at most 10 ms):
 * the main thread, the busiest other thread (with --jobs 2, the worker: it runs files for seconds), and
 * the rest (V8's compiler and GC threads, libuv's pool, other workers). Undefined without /proc.
 */
function threadCpu(args, jobs) {
  if (!existsSync('/proc/self/task')) return Promise.resolve(undefined);
  const odf = [join(ROOT, 'bin/odf.js'), ...args, '--jobs', String(jobs), '-q'];
  const child = spawn(process.execPath, odf, { stdio: 'ignore' });
  const cpu = new Map();
  const poll = () => {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${child.pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime and stime, in clock ticks (100 per second on Linux).
        cpu.set(tid, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // the thread ended
      }
    }
  };
  const timer = setInterval(poll, 10);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearInterval(timer);
      const main = cpu.get(String(child.pid)) ?? 0;
      const others = [...cpu].filter(([tid]) => tid !== String(child.pid)).map(([, c]) => c);
      const busiest = Math.max(0, ...others);
      const rest = others.reduce((a, b) => a + b, 0) - busiest;
      resolve({ main, busiest, rest });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const dir = ensureBatch(FILES, ROWS);
const cores = os.availableParallelism();
const jobsList = cores > 2 ? [1, 2, cores] : [1, 2];
const cases = [
  ['schema given (-s scdl/budget)', ['validate', dir, '-s', 'scdl/budget']],
  ['schema recognised per file', ['validate', dir]],
];

// The same report whatever --jobs (JSON, every file in input order): checked before timing.
for (const [label, args] of cases) {
  const outs = jobsList.map((j) => runOnce([...args, '--format', 'json'], j).stdout);
  if (JSON.parse(outs[0]).files.length !== FILES) throw new Error(`${label}: expected ${FILES} files`);
  for (let i = 1; i < outs.length; i++)
    if (outs[i] !== outs[0]) throw new Error(`${label}: --jobs ${jobsList[i]} differs from --jobs 1`);
}

const before = load();
const times = cases.map(() => jobsList.map(() => ({ wall: [], cpu: [] })));
const ratios = cases.map(() => jobsList.map(() => []));
for (let round = 0; round < ROUNDS; round++) {
  for (const [c, [, args]] of cases.entries()) {
    // Alternate the order within a round, so that neither --jobs always runs first.
    const order = jobsList.map((_, i) => i);
    if (round % 2) order.reverse();
    const wall = [];
    for (const i of order) {
      const r = runOnce(args, jobsList[i]);
      wall[i] = r.wall;
      times[c][i].wall.push(r.wall);
      if (r.cpu !== undefined) times[c][i].cpu.push(r.cpu);
    }
    for (let i = 1; i < jobsList.length; i++) ratios[c][i].push(wall[0] / wall[i]);
  }
}
const after = load();

console.log(
  `batch: ${FILES} budget files × ${ROWS} rows (text report), ${ROUNDS} interleaved rounds, ${cores} cores`,
);
console.log(`  load average before: ${before}; after: ${after} (1, 5, 15 min)`);
for (const [c, [label]] of cases.entries()) {
  console.log(`  ${label}`);
  for (const [i, jobs] of jobsList.entries()) {
    const t = times[c][i];
    // CPU per wall second: the cores the run got (with the machine shared, --jobs 2 may get no more).
    const cpu = t.cpu.length
      ? `, CPU ${median(t.cpu).toFixed(2)} s (${(median(t.cpu) / median(t.wall)).toFixed(2)} cores)`
      : '';
    const ratio =
      i === 0
        ? ''
        : `  × ${median(ratios[c][i]).toFixed(2)} (median of per-round ratios; ${ratios[c][i].map((r) => r.toFixed(2)).join(' ')})`;
    console.log(`    --jobs ${String(jobs).padEnd(3)} wall ${median(t.wall).toFixed(2)} s${cpu}${ratio}`);
  }
}

// Where the CPU goes, thread by thread (one more run per --jobs, schema given): with --jobs 2 on a
// 2-core machine, the wall time cannot fall below (every thread's CPU) / 2.
const perThread = [];
for (const jobs of jobsList) {
  const t = await threadCpu(cases[0][1], jobs);
  if (!t) break;
  perThread.push(
    `    --jobs ${String(jobs).padEnd(3)} main thread ${t.main.toFixed(2)} s, busiest other thread ${t.busiest.toFixed(2)} s, ` +
      `the rest (V8 compiler and GC, libuv, other workers) ${t.rest.toFixed(2)} s; all ${(t.main + t.busiest + t.rest).toFixed(2)} s`,
  );
}
if (perThread.length)
  console.log(`  CPU seconds per thread (one run each, ${cases[0][0]}):\n${perThread.join('\n')}`);
