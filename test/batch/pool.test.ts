// The worker pool: results in input order whatever the completion order, in threads or in this thread; errors stop it.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ReadyQueue, WorkerStart, runPool, serveTasksOn } from '../../src/batch/pool.js';

const WORKER = new URL('./fixtures/square-worker.mjs', import.meta.url);
const QUEUE_WORKER = new URL('./fixtures/queue-worker.mjs', import.meta.url);
const tasks = Array.from({ length: 10 }, (_, n) => ({ n }));
const squares = tasks.map(({ n }) => ({ n, square: n * n }));

describe('runPool', () => {
  it.each([2, 3, 16])('with worker threads and %i jobs, returns results in input order', async (jobs) => {
    const done: number[] = [];
    let fromWorker!: () => void;
    const workerDelivered = new Promise<void>((r) => (fromWorker = r));
    // This thread is a lane too; holding it until a worker has answered proves the threads do work.
    const inline = async ({ n }: { n: number }): Promise<{ n: number; square: number }> => {
      await workerDelivered;
      return { n, square: n * n };
    };
    const results = await runPool(tasks, {
      jobs,
      worker: WORKER,
      inline,
      onDone: (i, r) => {
        done.push(i);
        if ('by' in r) fromWorker();
      },
    });
    expect(results.map(({ n, square }) => ({ n, square }))).toEqual(squares);
    expect(results.some((r) => 'by' in r)).toBe(true);
    expect([...done].sort((a, b) => a - b)).toEqual(tasks.map((t) => t.n));
  });

  it.each([1, 4])('in this thread with %i lanes, returns results in input order', async (jobs) => {
    let running = 0;
    let most = 0;
    const results = await runPool(tasks, {
      jobs,
      inline: async ({ n }) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, (10 - n) * 2));
        running--;
        return { n, square: n * n };
      },
    });
    expect(results).toEqual(squares);
    expect(most).toBe(jobs);
  });

  it('runs in this thread with one job or a single task, even with a worker script', async () => {
    const inline = async ({ n }: { n: number }): Promise<{ n: number; square: number }> => ({
      n,
      square: -1,
    });
    await expect(runPool([{ n: 3 }], { jobs: 4, worker: WORKER, inline })).resolves.toEqual([
      { n: 3, square: -1 },
    ]);
    await expect(runPool([{ n: 3 }, { n: 4 }], { jobs: 1, worker: WORKER, inline })).resolves.toEqual([
      { n: 3, square: -1 },
      { n: 4, square: -1 },
    ]);
  });

  it('rejects when a task fails in a worker, and when a script cannot start', async () => {
    // The lane of this thread never finishes its task, so the workers' trouble must end the pool.
    const inline = (): Promise<never> => new Promise(() => undefined);
    await expect(
      runPool([...tasks, { n: 4, fail: true }], { jobs: 2, worker: WORKER, inline }),
    ).rejects.toThrow('task 4 failed');
    await expect(
      runPool(tasks, { jobs: 2, worker: new URL('./fixtures/missing-worker.mjs', import.meta.url), inline }),
    ).rejects.toThrow();
  });

  it('returns an empty list for no task', async () => {
    await expect(runPool([], { jobs: 4, worker: WORKER, inline: async () => 0 })).resolves.toEqual([]);
  });

  it.each([
    ['in this thread', undefined],
    ['with worker threads', WORKER],
  ])('%s, runs each task as it becomes ready and only those, then ends', async (_label, worker) => {
    const ready = new ReadyQueue();
    const done: number[] = [];
    let first!: () => void;
    const firstDone = new Promise<void>((r) => (first = r));
    const pool = runPool(tasks, {
      jobs: 3,
      worker,
      inline: async ({ n }) => ({ n, square: n * n }),
      onDone: (i) => {
        done.push(i);
        first();
      },
      ready,
    });
    ready.push(7);
    // Task 7 runs while the others are not ready yet; the pool waits for them.
    await firstDone;
    expect(done).toEqual([7]);
    ready.push(2);
    ready.push(0);
    ready.close();
    const results = await pool;
    expect([...done].sort((a, b) => a - b)).toEqual([0, 2, 7]);
    expect(results[7]).toMatchObject({ n: 7, square: 49 });
    expect(results[1]).toBeUndefined();
  });

  it('gives a worker its next task before it answers, and never more than two at a time', async () => {
    const many = Array.from({ length: 12 }, (_, n) => ({ n, ms: 10 }));
    let fromWorker = 0;
    let enough!: () => void;
    const workerDidSix = new Promise<void>((r) => (enough = r));
    const results = await runPool(many, {
      jobs: 2,
      worker: QUEUE_WORKER,
      // This thread waits until the worker has done six tasks, however slowly it starts.
      inline: async ({ n }) => {
        await workerDidSix;
        return { n, by: 'inline', held: 0 };
      },
      onDone: (_i, r) => {
        if (r.by === 'worker' && ++fromWorker === 6) enough();
      },
    });
    expect(results.map((r) => r.n)).toEqual(many.map((t) => t.n));
    const held = results.filter((r) => r.by === 'worker').map((r) => r.held);
    expect(held.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...held)).toBe(2);
  });

  it('takes back, at the end, a task still waiting in a worker, which then skips it', async () => {
    // The worker holds task 0 (blocked until task 1 has run) and task 1 (waiting behind it); this
    // thread runs tasks 2 to 5, then must take task 1 back, or the worker stays blocked.
    const hold = new SharedArrayBuffer(4);
    const list = [{ n: 0, hold }, ...Array.from({ length: 5 }, (_, k) => ({ n: k + 1 }))];
    const done: number[] = [];
    const results = await runPool(list, {
      jobs: 2,
      worker: QUEUE_WORKER,
      inline: async ({ n }) => {
        if (n === 1) {
          Atomics.store(new Int32Array(hold), 0, 1);
          Atomics.notify(new Int32Array(hold), 0);
        }
        return { n, by: 'inline', held: 0 };
      },
      onDone: (i) => done.push(i),
    });
    expect(results.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[1]!.by).toBe('inline');
    expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects when a worker thread ends in the middle of a batch', async () => {
    // The worker stops in the first task it starts; this thread runs the others, then must hear of it.
    const started = new SharedArrayBuffer(4);
    const list = Array.from({ length: 6 }, (_, n) => ({ n, started, exit: 3 }));
    await expect(
      runPool(list, {
        jobs: 2,
        worker: QUEUE_WORKER,
        inline: async ({ n }) => {
          // This thread runs its tasks once the worker has started one.
          const deadline = Date.now() + 10_000;
          while (Atomics.load(new Int32Array(started), 0) === 0 && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 5));
          return { n, by: 'inline' };
        },
      }),
    ).rejects.toThrow('worker stopped with code 3');
  });

  it('uses workers started ahead, then starts the others; close() ends those left', async () => {
    const start = new WorkerStart(QUEUE_WORKER, 2);
    expect(start.size).toBe(2);
    let fromWorker!: () => void;
    const workerDelivered = new Promise<void>((r) => (fromWorker = r));
    const results = await runPool(tasks, {
      jobs: 2,
      worker: QUEUE_WORKER,
      started: start,
      inline: async ({ n }) => {
        await workerDelivered;
        return { n, by: 'inline', held: 0 };
      },
      onDone: (_i, r) => {
        if (r.by === 'worker') fromWorker();
      },
    });
    expect(results.map((r) => r.n)).toEqual(tasks.map((t) => t.n));
    expect(results.some((r) => r.by === 'worker')).toBe(true);
    // One lane beside this thread: one of the two started workers was taken.
    expect(start.size).toBe(1);
    start.close();
    expect(start.size).toBe(0);
  });

  it('reports the failure of a worker started ahead that could not start', async () => {
    const start = new WorkerStart(new URL('./fixtures/missing-worker.mjs', import.meta.url), 1);
    // Most likely failed before the pool takes it (kept for the pool), else after (the pool hears it).
    await new Promise((r) => setTimeout(r, 300));
    await expect(
      runPool(tasks, {
        jobs: 2,
        worker: new URL('./fixtures/missing-worker.mjs', import.meta.url),
        started: start,
        inline: () => new Promise<never>(() => undefined),
      }),
    ).rejects.toThrow();
  });
});

describe('serveTasksOn', () => {
  /** A worker side on one end of a channel; the test posts and reads on the other. */
  function serve(handler: (task: { n: number }, data: unknown) => Promise<unknown>) {
    const { port1, port2 } = new MessageChannel();
    serveTasksOn(port1, handler);
    const answers: unknown[] = [];
    let wake: () => void = () => undefined;
    port2.on('message', (m) => {
      answers.push(m);
      wake();
    });
    const answered = (count: number): Promise<unknown[]> =>
      new Promise((resolve) => {
        wake = () => {
          if (answers.length >= count) resolve(answers);
        };
        wake();
      });
    const close = (): void => {
      port1.close();
      port2.close();
    };
    return { post: (m: unknown) => port2.postMessage(m), answered, close };
  }

  it('runs tasks one at a time in the order posted, with the setup data', async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const w = serve(async ({ n }, data) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, (4 - n) * 5));
      order.push(n);
      running--;
      return { n, data };
    });
    w.post({ setup: { data: 'shared', claims: new SharedArrayBuffer(16) } });
    for (let n = 0; n < 4; n++) w.post({ index: n, task: { n } });
    const answers = await w.answered(4);
    w.close();
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(answers).toEqual([0, 1, 2, 3].map((n) => ({ index: n, ok: true, result: { n, data: 'shared' } })));
  });

  it('skips a task another lane claimed, and answers an escaping error', async () => {
    const claims = new SharedArrayBuffer(12);
    Atomics.store(new Int32Array(claims), 1, 1);
    const ran: number[] = [];
    const w = serve(async ({ n }) => {
      ran.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    });
    w.post({ setup: { data: undefined, claims } });
    for (let n = 0; n < 3; n++) w.post({ index: n, task: { n } });
    const answers = await w.answered(3);
    w.close();
    expect(ran).toEqual([0, 2]);
    expect(answers[0]).toEqual({ index: 0, ok: true, result: 0 });
    expect(answers[1]).toEqual({ index: 1, skipped: true });
    expect(answers[2]).toMatchObject({ index: 2, ok: false, message: 'boom' });
    // Every task it ran is claimed now.
    expect(Array.from(new Int32Array(claims))).toEqual([1, 1, 1]);
  });
});
