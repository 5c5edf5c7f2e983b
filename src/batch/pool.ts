// A pool of worker threads running batch tasks in parallel, results kept in input order.
import { Worker, parentPort, type MessagePort } from 'node:worker_threads';

/** What this thread posts to a worker: its setup once, first, then tasks by index. */
type PoolMessage<T> = { setup: WorkerSetup } | TaskMessage<T>;

/** A task sent to a worker. */
interface TaskMessage<T> {
  index: number;
  task: T;
}

/**
 * A worker's answer: the result (structured-cloned), the error that escaped the handler, or `skipped`
 * when another lane had claimed the task first.
 */
type ResultMessage<R> =
  | { index: number; ok: true; result: R }
  | { index: number; ok: false; message: string; stack?: string }
  | { index: number; ok?: undefined; skipped: true };

/** What each worker receives before its first task. */
export interface WorkerSetup {
  /** The pool's `workerData`. */
  data: unknown;
  /** One Int32 per task: a lane sets it (0 → 1) as it starts the task, so that no task runs twice. */
  claims: SharedArrayBuffer;
}

/**
 * Tasks a worker holds: the one it runs and the next, so that it never waits for this thread (busy
 * with its own task) to take a result and post another. The next one is not started while it waits:
 * this thread may take it back at the end of the batch (claims), so that no lane idles while a
 * worker still holds two tasks.
 */
const WORKER_DEPTH = 2;

/** Options of runPool. */
export interface PoolOptions<T, R> {
  /** How many tasks run at once (at least 1). */
  jobs: number;
  /**
   * The worker script: an ES module calling `serveTasks` with the same handler as `inline`. Without it
   * (or with one job, or one task) tasks run in this thread, `jobs` at a time (useful for I/O only).
   */
  worker?: URL;
  /** Workers of this script started ahead (WorkerStart): used before any other is started. */
  started?: WorkerStart;
  /** The handler, run in this thread: alone without a worker script, else as one lane beside the workers. */
  inline: (task: T) => Promise<R>;
  /** Called as each task ends, in completion order (progress). */
  onDone?: (index: number, result: R) => void;
  /** Data every worker receives once, before its first task (the handler's second argument). */
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

/** A worker started ahead, with what befell it before a pool took it. */
interface StartedWorker {
  worker: Worker;
  error?: Error;
  exitCode?: number;
  forget: () => void;
}

/**
 * Worker threads started before their tasks are known, so that they load their modules while this
 * thread lists and plans the files. They do not keep the process alive until a pool takes them
 * (runPool's `started`); close() ends those left.
 */
export class WorkerStart {
  private readonly waiting: StartedWorker[] = [];

  constructor(
    readonly script: URL,
    count: number,
  ) {
    this.add(count);
  }

  /** Start `count` more workers. */
  add(count: number): void {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(this.script);
      worker.unref();
      const s: StartedWorker = { worker, forget: () => undefined };
      // Kept for the pool to report: an unhandled 'error' event would end the process.
      const onError = (e: Error): void => void (s.error ??= e);
      const onExit = (code: number): void => void (s.exitCode ??= code);
      worker.on('error', onError).on('exit', onExit);
      s.forget = () => worker.off('error', onError).off('exit', onExit);
      this.waiting.push(s);
    }
  }

  /** Workers still waiting for a pool. */
  get size(): number {
    return this.waiting.length;
  }

  /** A started worker for a pool of `script` (kept alive from now on), or undefined. */
  take(script: URL): StartedWorker | undefined {
    if (script.href !== this.script.href) return undefined;
    const s = this.waiting.shift();
    if (!s) return undefined;
    s.forget();
    s.worker.ref();
    return s;
  }

  /** End the workers no pool took. */
  close(): void {
    for (const s of this.waiting.splice(0)) {
      s.forget();
      void s.worker.terminate();
    }
  }
}

/**
 * Run every task and return the results in input order. With a worker script and several jobs,
 * `jobs - 1` threads work beside this one (those of `started` first): each lane takes the next ready
 * task as it frees up, and this thread works while the others start. An error escaping a handler (a
 * bug, not a data problem: handlers report those as results) stops the pool and rejects.
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

/** A worker thread and the tasks posted to it, not answered yet (the first may be running). */
interface WorkerLane {
  worker: Worker;
  posted: number[];
  /** Tasks asked of the ready queue for this worker, not yet there. */
  asking: number;
}

function runWorkers<T, R>(
  tasks: readonly T[],
  jobs: number,
  script: URL,
  options: PoolOptions<T, R>,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const run = new WorkersRun(tasks, options, resolve, reject);
    for (let j = 0; j < jobs - 1; j++) {
      const started = options.started?.take(script);
      run.addLane(started?.worker ?? new Worker(script));
      if (started?.error) run.fail(started.error);
      else if (started?.exitCode !== undefined)
        run.fail(new Error(`worker stopped with code ${started.exitCode} before the batch began`));
    }
    void run.runHere();
  });
}

/** One runPool with worker threads: its lanes, the tasks each holds, the results so far. */
class WorkersRun<T, R> {
  private readonly results: R[];
  private readonly finished: Uint8Array;
  private readonly shared: SharedArrayBuffer;
  private readonly claims: Int32Array;
  private readonly lanes: WorkerLane[] = [];
  private readonly queue: ReadyQueue;
  /** Tasks taken from the queue and not finished. */
  private outstanding = 0;
  private exhausted = false;
  private over = false;

  constructor(
    private readonly tasks: readonly T[],
    private readonly options: PoolOptions<T, R>,
    private readonly resolve: (results: R[]) => void,
    private readonly reject: (e: Error) => void,
  ) {
    this.results = new Array<R>(tasks.length);
    this.finished = new Uint8Array(tasks.length);
    this.shared = new SharedArrayBuffer(4 * tasks.length);
    this.claims = new Int32Array(this.shared);
    this.queue = options.ready ?? ReadyQueue.all(tasks.length);
  }

  /** Set up a worker as a lane and give it its first tasks. */
  addLane(worker: Worker): void {
    const lane: WorkerLane = { worker, posted: [], asking: 0 };
    this.lanes.push(lane);
    worker.on('message', (m: ResultMessage<R>) => this.answered(lane, m));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (!this.over) this.fail(new Error(`worker stopped with code ${code} before the batch ended`));
    });
    const setup: PoolMessage<T> = { setup: { data: this.options.workerData, claims: this.shared } };
    worker.postMessage(setup);
    this.feed(lane);
  }

  /**
   * This thread as a lane: it takes ready tasks, then, once there are none, those still waiting in a
   * worker.
   */
  async runHere(): Promise<void> {
    for (let i = await this.take(); i !== undefined; i = await this.take()) {
      this.claim(i);
      await this.runInline(i);
    }
    for (let i = this.takeBack(); i !== undefined && !this.over; i = this.takeBack()) await this.runInline(i);
  }

  fail(e: unknown): void {
    if (this.over) return;
    this.over = true;
    this.stopAll();
    this.reject(e instanceof Error ? e : new Error(String(e)));
  }

  private claim(i: number): boolean {
    return Atomics.compareExchange(this.claims, i, 0, 1) === 0;
  }

  private stopAll(): void {
    for (const l of this.lanes) void l.worker.terminate();
  }

  private end(): void {
    if (this.over || !this.exhausted || this.outstanding > 0) return;
    this.over = true;
    this.stopAll();
    this.resolve(this.results);
  }

  private async take(): Promise<number | undefined> {
    if (this.over) return undefined;
    const i = await this.queue.next();
    if (this.over) return undefined;
    if (i === undefined) {
      this.exhausted = true;
      this.end();
      return undefined;
    }
    this.outstanding++;
    return i;
  }

  private finish(index: number, result: R): void {
    if (this.over || this.finished[index]) return;
    this.finished[index] = 1;
    this.results[index] = result;
    this.outstanding--;
    this.options.onDone?.(index, result);
    this.end();
  }

  /** Post tasks to a worker until it holds WORKER_DEPTH. */
  private feed(lane: WorkerLane): void {
    while (!this.exhausted && !this.over && lane.posted.length + lane.asking < WORKER_DEPTH) {
      lane.asking++;
      void this.take().then((index) => {
        lane.asking--;
        if (index === undefined) return;
        lane.posted.push(index);
        const msg: PoolMessage<T> = { index, task: this.tasks[index]! };
        lane.worker.postMessage(msg);
      });
    }
  }

  private answered(lane: WorkerLane, m: ResultMessage<R>): void {
    const at = lane.posted.indexOf(m.index);
    if (at >= 0) lane.posted.splice(at, 1);
    if (m.ok === false) {
      const e = new Error(m.message);
      if (m.stack) e.stack = m.stack;
      this.fail(e);
      return;
    }
    // A skipped task was claimed by this thread, which reports it.
    if (m.ok) this.finish(m.index, m.result);
    this.feed(lane);
  }

  /** A task posted to a worker and not started there yet, now this thread's; or undefined. */
  private takeBack(): number | undefined {
    for (const lane of this.lanes) {
      // The last posted is the one a worker starts last.
      for (let k = lane.posted.length - 1; k >= 0; k--)
        if (this.claim(lane.posted[k]!)) return lane.posted[k];
    }
    return undefined;
  }

  private async runInline(i: number): Promise<void> {
    try {
      this.finish(i, await this.options.inline(this.tasks[i]!));
    } catch (e) {
      this.fail(e);
    }
  }
}

/** The end of a channel a worker reads its tasks from and answers on (parentPort, or a MessagePort). */
export type TaskPort = Pick<MessagePort, 'on' | 'postMessage'>;

/**
 * The worker side: run each task posted, one at a time in the order posted, and answer with the
 * handler's result; the handler receives the pool's `workerData` too. A task another lane has
 * claimed meanwhile is skipped. Call it once from the worker script; it does nothing outside a
 * worker thread.
 */
export function serveTasks<T, R>(handler: (task: T, data: unknown) => Promise<R>): void {
  if (parentPort) serveTasksOn(parentPort, handler);
}

/** serveTasks on a given port (tests drive it in this thread). */
export function serveTasksOn<T, R>(port: TaskPort, handler: (task: T, data: unknown) => Promise<R>): void {
  let setup: { data: unknown; claims: Int32Array } | undefined;
  const waiting: TaskMessage<T>[] = [];
  let running = false;
  const answer = (m: ResultMessage<R>): void => port.postMessage(m);
  const runNext = async (): Promise<void> => {
    running = true;
    while (setup && waiting.length > 0) {
      const m = waiting.shift()!;
      if (Atomics.compareExchange(setup.claims, m.index, 0, 1) !== 0) {
        answer({ index: m.index, skipped: true });
        continue;
      }
      try {
        answer({ index: m.index, ok: true, result: await handler(m.task, setup.data) });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        answer({ index: m.index, ok: false, message: err.message, stack: err.stack });
      }
    }
    running = false;
  };
  port.on('message', (m: PoolMessage<T>) => {
    if ('setup' in m) setup = { data: m.setup.data, claims: new Int32Array(m.setup.claims) };
    else waiting.push(m);
    if (!running) void runNext();
  });
}
