// A worker thread started before the library loads (the CLI, for a likely batch), for the run's pool to take.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkerStart } from '../batch/pool.js';

let early: WorkerStart | undefined;

/**
 * The script of a worker thread (named as in dist/run/), when running from the built package (tests
 * run the TypeScript sources, in-thread): the CLI's bundle (dist/bundle/) has its own copy beside it,
 * sharing its chunks, which starts faster than the ~150 modules of dist/run/.
 */
function builtScript(name: 'worker' | 'chunk-worker'): URL | undefined {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return undefined;
  return new URL(/\/dist\/bundle\/[^/]*$/.test(here) ? `./${name}.js` : `../run/${name}.js`, here);
}

/** The worker script of batch runs (src/run/worker.ts), when running from the built package. */
export function workerScript(): URL | undefined {
  return builtScript('worker');
}

/** The worker script of chunked runs (src/run/chunked.ts), when running from the built package. */
export function chunkWorkerScript(): URL | undefined {
  return builtScript('chunk-worker');
}

/**
 * Start one worker thread now, so that it loads its modules while this thread loads the library and
 * lists and plans the files: a worker takes about as long to start as this thread to reach its first
 * file. The next run of several files takes it (takePrestarted); it does not keep the process alive.
 */
export async function prestartWorker(): Promise<void> {
  const script = workerScript();
  if (!script || early) return;
  // The pool is loaded here, not with this module: a one-file run never loads it.
  const { WorkerStart } = await import('../batch/pool.js');
  early ??= new WorkerStart(script, 1);
}

/**
 * Start a worker (prestartWorker) when a run of these inputs will likely use one (likelyBatch), with
 * more than one lane (--jobs, else the cores). A wrong guess costs a thread that starts and is ended.
 */
export async function prestartFor(
  inputs: readonly string[],
  jobs: number | undefined,
  cwd: string,
): Promise<void> {
  if ((jobs ?? os.availableParallelism()) > 1 && likelyBatch(inputs, cwd)) await prestartWorker();
}

/** The value of `-j N`, `-jN`, `--jobs N` or `--jobs=N` in a command line (the last one), or undefined. */
function jobsOfArgv(args: readonly string[]): number | undefined {
  let jobs: number | undefined;
  args.forEach((a, i) => {
    const m = /^(?:--jobs=|-j)(.+)$/.exec(a);
    const text = m ? m[1] : a === '--jobs' || a === '-j' ? args[i + 1] : undefined;
    if (text !== undefined && /^\d+$/.test(text)) jobs = Number(text);
  });
  return jobs;
}

/**
 * True when a command line (without `node` and the script) is `odf validate` on a likely batch
 * (likelyBatch) with more than one lane and without `--history`, read before commander and the
 * library are loaded. Only surely positional arguments count as inputs: those after `--`, and those
 * not following an option written without `=` (which may be its value); so a guess errs towards no
 * early worker, and runValidate then starts one as before.
 */
export function batchCommandLine(args: readonly string[], cwd: string): boolean {
  const at = args.indexOf('validate');
  if (at < 0 || args.includes('--history') || args.some((a) => a.startsWith('--history='))) return false;
  const rest = args.slice(at + 1);
  if ((jobsOfArgv(rest) ?? os.availableParallelism()) <= 1) return false;
  const inputs: string[] = [];
  let positional = false;
  rest.forEach((a, i) => {
    if (positional) inputs.push(a);
    else if (a === '--') positional = true;
    else if (!a.startsWith('-') && (i === 0 || !/^-[^=]*$/.test(rest[i - 1]!))) inputs.push(a);
  });
  // An input given as an option's value may hide: standard input anywhere keeps the work here.
  if (rest.includes('-')) return false;
  return inputs.length > 0 && likelyBatch(inputs, cwd);
}

/**
 * Start the batch worker (prestartWorker) from bin/odf.js, before the CLI bundle loads, when the command
 * line is a likely batch (batchCommandLine): it then loads its modules while this thread loads its own
 * (about a third of a small batch's start), instead of after. runValidate finds it started.
 */
export async function prestartForCommandLine(args: readonly string[], cwd: string): Promise<void> {
  if (batchCommandLine(args, cwd)) await prestartWorker();
}

/**
 * True when these inputs likely stand for several files: several inputs, a folder, a glob, or none
 * (odf.config.yaml's patterns); never with standard input.
 */
export function likelyBatch(inputs: readonly string[], cwd: string): boolean {
  if (inputs.includes('-')) return false;
  if (inputs.length !== 1) return true;
  const input = inputs[0]!;
  return /[*?[{]/.test(input) || isFolder(path.resolve(cwd, input));
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The worker prestartWorker started, now the caller's (to use or close). */
export function takePrestarted(): WorkerStart | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
