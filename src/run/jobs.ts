// The files of a run on their way to a result: fetched when remote, taken from the history when unchanged, else read.
import os from 'node:os';
import { promises as fs } from 'node:fs';
import { isOdfError } from '../errors.js';
import type { FileReport } from '../report/types.js';
import type { WorkerStart } from '../batch/pool.js';
import { chunkWorkerScript, takePrestarted, workerScript } from './prestart.js';
import { CHUNK_THRESHOLD } from './chunk-threshold.js';
import { politeMap } from '../net/resources.js';
import type { RowObserver } from '../validate/types.js';
import type { ValidateOptions } from './options.js';
import type { Source } from './inputs.js';
import type { RunHistory, HistoryEntry } from './history.js';
import { shareSchemas } from './shared.js';
import { runFileTask, type FileTask, type FileTaskResult, type TaskFailure } from './task.js';
import { DEFAULT_DOWNLOADS, DEFAULT_PER_HOST } from './url-sources.js';

/** One file of a run: its place in the whole batch, its task (or the failure met before it), its result. */
export interface Job extends HistoryEntry {
  /** Place in this run (progress events). */
  index: number;
  /** Place among every input of the batch (of every share, with --shard). */
  position: number;
  source: Source;
}

/** What running the jobs takes from the run's request. */
export interface JobRequest {
  jobs?: number;
  stdin?: NodeJS.ReadableStream;
  stdout?: { write(s: string | Uint8Array): unknown };
  fetch?: typeof fetch;
  observers?: ValidateOptions['observers'];
  /** Smallest file validated in chunks on several threads (default CHUNK_THRESHOLD); for tests. */
  chunkThreshold?: number;
  /** Downloads at once in all and per host. */
  downloads?: number;
  perHost?: number;
}

/** Where the jobs stand, for progress displays (RunHooks). */
export interface JobHooks {
  onStart?(info: { files: number; display?: string; bytes?: number }): void;
  onBytes?(bytes: number): void;
  onRow?(): void;
  onRestart?(): void;
  onFileDone?(event: { index: number; display: string; report?: FileReport; failure?: TaskFailure }): void;
}

/** Lanes of a run of several files: --jobs, else the machine's cores. */
function lanesOf(request: JobRequest): number {
  return request.jobs && request.jobs > 0 ? request.jobs : os.availableParallelism();
}

/** True when the files must be read in this thread: standard input or output, observers, a fetch of the caller's. */
function inThread(request: JobRequest, paths: readonly { path: string; output?: string }[]): boolean {
  return (
    request.observers !== undefined ||
    request.fetch !== undefined ||
    paths.some((p) => p.path === '-' || p.output === '-')
  );
}

/**
 * The worker threads a run of these sources will use, started now (before its tasks are planned) so
 * that they load while this thread plans, the one the CLI prestarted first; undefined when the run
 * will not use any (one file, one lane, standard input or output, observers, or `idle`: the history
 * may leave them nothing to do), the prestarted one then ended. runJobs takes them, or ends them.
 */
export async function startWorkers(
  sources: readonly { path: string }[],
  request: JobRequest & { normalizeOutput?: string },
  idle = false,
): Promise<WorkerStart | undefined> {
  const early = takePrestarted();
  const script = workerScript();
  const workers = Math.min(lanesOf(request), sources.length) - 1;
  const paths = sources.map((s) => ({ path: s.path, output: request.normalizeOutput }));
  if (!script || idle || workers < 1 || inThread(request, paths)) {
    early?.close();
    return undefined;
  }
  // The pool is loaded only for a run that uses worker threads: a one-file run does without it.
  const start = early ?? new (await import('../batch/pool.js')).WorkerStart(script, 0);
  start.add(workers - start.size);
  return start;
}

async function sizeOf(file: string): Promise<number | undefined> {
  if (file === '-') return undefined;
  return fs.stat(file).then(
    (s) => s.size,
    () => undefined,
  );
}

/** A failure met before the file was read (a download, a declared schema), as a task failure. */
export function failureOf(display: string, e: unknown): TaskFailure {
  if (!isOdfError(e)) throw e;
  const f: TaskFailure = {
    path: display,
    code: e.code,
    message: e.message,
    data: JSON.parse(JSON.stringify(e.data ?? {})) as Record<string, unknown>,
  };
  if (e.messageEn) f.messageEn = e.messageEn;
  return f;
}

/** Fetch a remote source (its task then reads the copy), then ask the history for an unchanged result. */
async function prepareJob(job: Job, history: RunHistory | undefined): Promise<void> {
  const fetching = job.source.fetch;
  if (job.task && fetching && !job.result) {
    try {
      job.copy = await fetching.get();
      job.task.path = job.copy.path;
    } catch (e) {
      job.result = { ok: false, failure: failureOf(job.source.display, e) };
    }
  }
  if (history) await history.reuse(job);
}

function doneOf(r: FileTaskResult): { report?: FileReport; failure?: TaskFailure } {
  return r.ok ? { report: r.report } : { failure: r.failure };
}

/**
 * Run the jobs: fetch the remote files (a few at a time per host) and take unchanged files from the
 * history, while the files already at hand are validated (or normalised): one file in this thread
 * (with byte and row progress), several on worker threads with this thread as one lane, each file as
 * soon as its download is done. Standard input and output, and observers, keep the work in this
 * thread. Each job ends with its result.
 */
export async function runJobs(
  jobs: readonly Job[],
  request: JobRequest,
  hooks: JobHooks,
  history?: RunHistory,
  started?: WorkerStart,
): Promise<void> {
  const finish = (job: Job, result: FileTaskResult): void => {
    job.result = result;
    hooks.onFileDone?.({ index: job.index, display: job.source.display, ...doneOf(result) });
  };
  const prepare = (onReady: (job: Job) => void): Promise<unknown> =>
    politeMap(
      jobs,
      (j) => j.source.fetch?.group ?? '',
      async (j) => {
        await prepareJob(j, history);
        onReady(j);
      },
      { concurrency: request.downloads ?? DEFAULT_DOWNLOADS, perHost: request.perHost ?? DEFAULT_PER_HOST },
    );
  try {
    if (jobs.length === 1 && jobs[0]!.task) {
      await prepare(() => {});
      const job = jobs[0]!;
      if (job.result) finish(job, job.result);
      else await runOne(job, request, hooks, finish);
      return;
    }
    hooks.onStart?.({ files: jobs.length });
    await runMany(jobs, request, finish, prepare, started);
  } finally {
    started?.close();
    await Promise.all(jobs.map((j) => j.copy?.release?.()));
  }
}

/** One file in this thread, with byte and row progress. */
async function runOne(
  job: Job,
  request: JobRequest,
  hooks: JobHooks,
  finish: (job: Job, r: FileTaskResult) => void,
): Promise<void> {
  const task = job.task!;
  const bytes = await sizeOf(task.path);
  hooks.onStart?.({ files: 1, display: task.display, bytes });
  // A big CSV file on several threads (issue 14); the same report, or undefined and read here at once.
  // The chunking modules (and worker threads) are loaded only for a file big enough to be cut.
  // (Standard input and files that cannot be examined are never cut: runChunkedTask needs a file's size.)
  const big = bytes !== undefined && bytes >= (request.chunkThreshold ?? CHUNK_THRESHOLD);
  if (big && !inThread(request, [{ path: task.path, output: task.normalize?.output }])) {
    const { runChunkedTask } = await import('./chunked.js');
    const chunked = await runChunkedTask(task, {
      lanes: lanesOf(request),
      worker: chunkWorkerScript(),
      threshold: request.chunkThreshold,
    });
    if (chunked) {
      if (bytes !== undefined) hooks.onBytes?.(bytes);
      finish(job, chunked);
      return;
    }
  }
  const onRow = hooks.onRow;
  // onRow's result is dropped: a hook typed `() => void` may still return something (`() => n++`), which
  // an observer's result would be taken for (findings).
  const progress: RowObserver | undefined = onRow && {
    row: () => void onRow(),
    rowCells: () => void onRow(),
    end: () => [],
  };
  const observers = request.observers;
  let passes = 0;
  const result = await runFileTask(task, {
    stdin: request.stdin,
    stdout: request.stdout,
    onProgress: hooks.onBytes,
    observers: (ctx) => {
      // Observers are asked for once per pass over the file: a second pass reads it again from its start.
      if (passes++ > 0) hooks.onRestart?.();
      return [...(progress ? [progress] : []), ...(observers?.(ctx) ?? [])];
    },
  });
  finish(job, result);
}

/**
 * A batch's result as it is kept until the end of the run: its report as a structured copy, as a
 * worker thread's report already is. A report's texts (its labels first) may be slices of the whole
 * decoded text of its file: kept as they were, every file of the batch stayed in memory until the end
 * (about 80 KB per small file, a read chunk of each big one), which cost the garbage collector more
 * than the copy. Only for runs whose reports could go through a worker thread (so can be copied): an
 * observer of the caller's may put anything in its findings. What normalize wrote stays as it is (its
 * schema is the run's own object).
 */
function keptCopy(result: FileTaskResult): FileTaskResult {
  return result.ok ? { ...result, report: structuredClone(result.report) } : result;
}

/**
 * Several files, on `jobs` worker threads (this thread being one lane): each job is handed to the pool
 * once `prepare` has it ready (fetched, not found in the history); the others end at once.
 */
async function runMany(
  jobs: readonly Job[],
  request: JobRequest,
  finish: (job: Job, r: FileTaskResult) => void,
  prepare: (onReady: (job: Job) => void) => Promise<unknown>,
  started: WorkerStart | undefined,
): Promise<void> {
  const todo = jobs.filter((j) => j.task && !j.result);
  for (const job of jobs) if (job.result) finish(job, job.result);
  const tasks: FileTask[] = todo.map((j) => j.task!);
  const observers = request.observers;
  const here = inThread(
    request,
    tasks.map((t) => ({ path: t.path, output: t.normalize?.output })),
  );
  const shared = shareSchemas(tasks);
  const { ReadyQueue, runPool } = await import('../batch/pool.js');
  const place = new Map(todo.map((j, i) => [j, i]));
  const ready = new ReadyQueue();
  const prepared = prepare((job) => {
    const i = place.get(job);
    if (i === undefined) return;
    if (job.result) finish(job, job.result);
    else {
      // The task posted to a worker reads the fetched copy.
      shared.tasks[i]!.path = job.task!.path;
      ready.push(i);
    }
  }).finally(() => ready.close());
  const base = { stdin: request.stdin, stdout: request.stdout };
  await Promise.all([
    prepared,
    runPool(shared.tasks, {
      jobs: lanesOf(request),
      worker: here ? undefined : workerScript(),
      started,
      workerData: shared.data,
      inline: async (t) => {
        const result = await runFileTask(shared.resolve(t), { ...base, observers });
        return here ? result : keptCopy(result);
      },
      onDone: (i, r) => finish(todo[i]!, r),
      ready,
    }),
  ]);
}
