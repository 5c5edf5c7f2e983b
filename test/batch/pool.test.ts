// The worker pool: results in input order whatever the completion order, in threads or in this thread; errors stop it.
import { describe, expect, it } from 'vitest';
import { ReadyQueue, runPool } from '../../src/batch/pool.js';

const WORKER = new URL('./fixtures/square-worker.mjs', import.meta.url);
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
});
