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
  /**
   * The tasks to run, by index, as they become ready (a download done): lanes take them in that
   * order. Without it every task is ready at once, in input order. A task never put in it is not run
   * (its result stays undefined).
   */
  ready?: ReadyQueue;
}

/** Indices of tasks as they become ready to run, ended by close(). */
export class ReadyQueue {
  private readonly items: number[] = [];
  private readonly waiting: ((i: number | undefined) => void)[] = [];
  private closed = false;

  /** A queue holding `0 … n - 1`, already closed: every task ready. */
  static all(n: number): ReadyQueue {
    const q = new ReadyQueue();
    for (let i = 0; i < n; i++) q.push(i);
    q.close();
    return q;
  }

  push(index: number): void {
    const w = this.waiting.shift();
    if (w) w(index);
    else this.items.push(index);
  }

  /** No more tasks will be pushed. */
  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
  }

  /** The next ready task, or undefined once the queue is closed and empty. */
  next(): Promise<number | undefined> {
    if (this.items.length) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
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
  const queue = options.ready ?? ReadyQueue.all(tasks.length);
  const lane = async (): Promise<void> => {
    for (let i = await queue.next(); i !== undefined; i = await queue.next()) {
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
    const queue = options.ready ?? ReadyQueue.all(tasks.length);
    let taken = 0;
    let done = 0;
    let exhausted = false;
    let over = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const end = (): void => {
      if (over || !exhausted || done < taken) return;
      over = true;
      stopAll();
      resolve(results);
    };
    const take = async (): Promise<number | undefined> => {
      if (over) return undefined;
      const i = await queue.next();
      if (over) return undefined;
      if (i === undefined) {
        exhausted = true;
        end();
        return undefined;
      }
      taken++;
      return i;
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
      end();
    };
    const feed = (w: Worker): void => {
      void take().then((index) => {
        if (index === undefined) return;
        const msg: TaskMessage<T> = { index, task: tasks[index]! };
        w.postMessage(msg);
      });
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
      for (let i = await take(); i !== undefined; i = await take()) {
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
