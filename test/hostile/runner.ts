// Runs bin/odf.js in a child process with a wall-time limit and a peak-memory probe, and checks the
// invariants every hostile input must keep: no crash, no hang, bounded memory, inputs untouched.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  existsSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root (where bin/odf.js is). */
export const ROOT = path.resolve(here, '..', '..');
const BIN = path.join(ROOT, 'bin', 'odf.js');
const PROBE = pathToFileURL(path.join(here, 'rss-probe.mjs')).href;

/** Peak resident memory allowed to any run (issue 12: « RSS < 512 MB »). */
export const MAX_RSS_KB = 512 * 1024;
/**
 * Wall time after which a run is a hang and is killed. Generous, as a shared machine may give a run a
 * fraction of a core; the bound on odf's own work is MAX_CPU_MS, which the machine's load does not change.
 */
export const DEFAULT_TIMEOUT_MS = 240_000;
/** CPU time (user + system) any run may take: beyond, odf is not bounded in time on that input. */
export const MAX_CPU_MS = 60_000;
/** Bytes of standard output kept for checks; beyond, only the count. */
const MAX_CAPTURE = 16 * 1024 * 1024;

/** One odf command of a case. */
export interface Run {
  /** odf's arguments (without `node bin/odf.js`). */
  args: string[];
  /** Standard input: text or bytes, or a file to stream in. */
  stdin?: string | Buffer | { file: string };
  /** Where standard output goes: captured (default) or a device such as /dev/full. */
  stdout?: 'capture' | { device: string };
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** A check of its own (row-specific expectations): a problem, or undefined. */
  check?: (r: RunResult) => string | undefined | Promise<string | undefined>;
}

/** What a run gave. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: number;
  stderr: string;
  ms: number;
  timedOut: boolean;
  /** Peak resident set size of the odf process, in KB (undefined when it died before saying). */
  maxRssKb: number | undefined;
  /** CPU time of the odf process (user + system), in ms. */
  cpuMs: number | undefined;
}

let running = 0;
const waiting: (() => void)[] = [];
/** At most this many odf processes at once (the machine is shared). */
export let MAX_PARALLEL = 2;
export function setParallel(n: number): void {
  MAX_PARALLEL = Math.max(1, n);
}

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

let probeCount = 0;

/**
 * Run odf once, its temporary folder (TMPDIR) in `tmp` when given, so that what it leaves there can be
 * seen. Never rejects: a failure to start is a result too.
 */
export async function runOdf(run: Run, scratch: string, tmp?: string): Promise<RunResult> {
  const release = await slot();
  const rssFile = path.join(scratch, `.rss-${process.pid}-${probeCount++}`);
  const started = Date.now();
  try {
    const stdoutFd = run.stdout && run.stdout !== 'capture' ? openSync(run.stdout.device, 'w') : undefined;
    const child = spawn(process.execPath, ['--import', PROBE, BIN, ...run.args], {
      cwd: run.cwd ?? ROOT,
      env: {
        ...process.env,
        ...(tmp ? { TMPDIR: tmp } : {}),
        ...run.env,
        ODF_HOSTILE_RSS_FILE: rssFile,
        NO_COLOR: '1',
        LANG: 'fr_FR.UTF-8',
      },
      stdio: ['pipe', stdoutFd ?? 'pipe', 'pipe'],
    });
    if (stdoutFd !== undefined) closeSync(stdoutFd);
    const out: Buffer[] = [];
    let outBytes = 0;
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => {
      if (outBytes < MAX_CAPTURE) out.push(b);
      outBytes += b.length;
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (err.length < 4096) err.push(b);
    });
    child.stdin!.on('error', () => undefined);
    if (run.stdin === undefined) child.stdin!.end();
    else if (typeof run.stdin === 'string' || Buffer.isBuffer(run.stdin)) child.stdin!.end(run.stdin);
    else {
      const { createReadStream } = await import('node:fs');
      createReadStream(run.stdin.file).pipe(child.stdin!);
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, run.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    clearTimeout(timer);
    let maxRssKb: number | undefined;
    let cpuMs: number | undefined;
    if (existsSync(rssFile)) {
      try {
        const probe = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpuMs: number };
        maxRssKb = probe.maxRSS || undefined;
        cpuMs = probe.cpuMs;
      } catch {
        // a probe cut short: no figure
      }
      rmSync(rssFile, { force: true });
    }
    return {
      code,
      signal,
      stdout: Buffer.concat(out).toString('utf8'),
      stdoutBytes: outBytes,
      stderr: Buffer.concat(err).toString('utf8'),
      ms: Date.now() - started,
      timedOut,
      maxRssKb,
      cpuMs,
    };
  } finally {
    release();
  }
}

/** Signs of a crash that no exit code hides: native stacks, V8 aborts, internal errors. */
const CRASH_SIGNS: [RegExp, string][] = [
  [/FATAL ERROR|Check failed|Native stack trace|JavaScript heap out of memory/, 'a V8 abort'],
  [/^\s+at .+:\d+:\d+\)?$/m, 'a stack trace'],
  [/erreur interne|internal error/, 'an internal error'],
  [/node:internal|Error: [A-Z]{3,}|\bE[A-Z]{3,}\b:/, 'a raw system error'],
  [
    /Maximum call stack size exceeded|Excessive alias count|redirect count exceeded|bad port/,
    'a raw message',
  ],
];

/** Problems of one run against the invariants, plus its own check. */
export async function problemsOf(run: Run, r: RunResult): Promise<string[]> {
  const p: string[] = [];
  const cmd = `odf ${run.args.join(' ')}`.slice(0, 160);
  if (r.timedOut) p.push(`${cmd}: no end after ${Math.round(r.ms / 1000)} s (hang)`);
  else if (r.signal) p.push(`${cmd}: killed by ${r.signal} (crash)`);
  else if (r.code === null || ![0, 1, 2].includes(r.code)) p.push(`${cmd}: exit code ${String(r.code)}`);
  for (const [re, what] of CRASH_SIGNS)
    if (re.test(r.stderr)) p.push(`${cmd}: ${what} on stderr: ${r.stderr.slice(0, 300)}`);
  if (r.code === 2 && !r.timedOut) {
    const lines = r.stderr.trim().split('\n');
    if (r.stderr.trim() === '') p.push(`${cmd}: exit 2 with nothing said`);
    else if (lines.length !== 1 || !/^odf ?: /.test(lines[0]!))
      p.push(
        `${cmd}: exit 2 needs one sentence on stderr, got ${lines.length} lines: ${r.stderr.slice(0, 300)}`,
      );
  }
  if (r.maxRssKb !== undefined && r.maxRssKb > MAX_RSS_KB)
    p.push(`${cmd}: peak RSS ${Math.round(r.maxRssKb / 1024)} MB (limit ${MAX_RSS_KB / 1024} MB)`);
  if (r.maxRssKb === undefined && !r.timedOut && !r.signal) p.push(`${cmd}: the memory probe said nothing`);
  if (r.cpuMs !== undefined && r.cpuMs > MAX_CPU_MS)
    p.push(`${cmd}: ${Math.round(r.cpuMs / 1000)} s of CPU (limit ${MAX_CPU_MS / 1000} s)`);
  if (run.check && !r.timedOut) {
    const own = await run.check(r);
    if (own) p.push(`${cmd}: ${own}`);
  }
  return p;
}

/** A fingerprint of every entry under `dir` (names, kinds, bytes), to prove inputs were not touched. */
export function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = lstatSync(full);
      } catch {
        out.set(r, 'unreadable');
        continue;
      }
      if (st.isSymbolicLink()) out.set(r, `link:${readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.set(r, 'dir');
        walk(full, r);
      } else if (st.isFile()) {
        let h = `size:${st.size}`;
        try {
          h += `:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
        } catch {
          // unreadable (permissions): its size and mode are the fingerprint
        }
        out.set(r, `${h}:mode:${st.mode}`);
      } else out.set(r, `special:${st.mode}`);
    }
  };
  walk(dir, '');
  return out;
}

/** What changed between two fingerprints. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of before)
    if (after.get(k) !== v) out.push(after.has(k) ? `${k} modified` : `${k} removed`);
  for (const k of after.keys()) if (!before.has(k)) out.push(`${k} added`);
  return out;
}

/** odf's temporary files (`.NAME.odf-HOST-PID-RANDOM.tmp`) anywhere under `dir`. */
export function temporariesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      if (/\.odf-[0-9a-f]{8}-\d+-[0-9a-f]{12}\.tmp$/.test(name)) out.push(full);
      else if (lstatSync(full, { throwIfNoEntry: false })?.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}
