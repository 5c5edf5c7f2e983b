// A pool of worker threads running batch tasks in parallel, results kept in input order.
import { Worker, parentPort } from 'node:worker_threads';

/** A task sent to a worker. */
interface TaskMessage<T> {
  index: number;
  task: T;
}

/** A worker's answer: the result (structured-cloned), or the error that escaped the handler. */
type ResultMessage<R> =
  { index: number; ok: true; result: R } | { index: number; ok: false; message: string; stack?: string };

/** Options of runPool. */
export interface PoolOptions<T, R> {
  /** How many tasks run at once (at least 1). */
  jobs: number;
  /**
   * The worker script: an ES module calling `serveTasks` with the same handler as `inline`. Without it
   * (or with one job, or one task) tasks run in this thread, `jobs` at a time (useful for I/O only).
   */
  worker?: URL;
  /** The handler, run in this thread: alone without a worker script, else as one lane beside the workers. */
  inline: (task: T) => Promise<R>;
  /** Called as each task ends, in completion order (progress). */
  onDone?: (index: number, result: R) => void;
  /** Data every worker receives once at its start (`workerData`), rather than with each task. */
  workerData?: unknown;
}

/**
 * Run every task and return the results in input order. With a worker script and several jobs,
 * `jobs - 1` threads are started and this thread is the last lane: it works while the others start,
 * each lane taking the next task as it frees up. An error escaping a handler (a bug, not a data
 * problem: handlers report those as results) stops the pool and rejects.
 */
export async function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): Promise<R[]> {
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  if (!options.worker || jobs <= 1) return runInline(tasks, jobs, options);
  return runWorkers(tasks, jobs, options.worker, options);
}

async function runInline<T, R>(tasks: readonly T[], jobs: number, options: PoolOptions<T, R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await options.inline(tasks[i]!);
      options.onDone?.(i, results[i]!);
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return results;
}

function runWorkers<T, R>(
  tasks: readonly T[],
  jobs: number,
  script: URL,
  options: PoolOptions<T, R>,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(tasks.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let over = false;
    const take = (): number | undefined => (over || next >= tasks.length ? undefined : next++);
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (e: unknown): void => {
      if (over) return;
      over = true;
      stopAll();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const finish = (index: number, result: R): void => {
      if (over) return;
      results[index] = result;
      done++;
      options.onDone?.(index, result);
      if (done === tasks.length) {
        over = true;
        stopAll();
        resolve(results);
      }
    };
    const feed = (w: Worker): void => {
      const index = take();
      if (index === undefined) return;
      const msg: TaskMessage<T> = { index, task: tasks[index]! };
      w.postMessage(msg);
    };
    for (let j = 0; j < jobs - 1; j++) {
      const w = new Worker(script, { workerData: options.workerData });
      workers.push(w);
      w.on('message', (m: ResultMessage<R>) => {
        if (!m.ok) {
          const e = new Error(m.message);
          if (m.stack) e.stack = m.stack;
          fail(e);
          return;
        }
        finish(m.index, m.result);
        feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!over) fail(new Error(`worker stopped with code ${code} before the batch ended`));
      });
      feed(w);
    }
    // This thread is a lane too.
    void (async () => {
      for (let i = take(); i !== undefined; i = take()) {
        try {
          finish(i, await options.inline(tasks[i]!));
        } catch (e) {
          fail(e);
        }
      }
    })();
  });
}

/**
 * The worker side: answer each task message with the handler's result. Call it once from the worker
 * script; it does nothing outside a worker thread.
 */
export function serveTasks<T, R>(handler: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (m: TaskMessage<T>) => {
    handler(m.task).then(
      (result) => port.postMessage({ index: m.index, ok: true, result } satisfies ResultMessage<R>),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        port.postMessage({
          index: m.index,
          ok: false,
          message: err.message,
          stack: err.stack,
        } satisfies ResultMessage<R>);
      },
    );
  });
}
