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
