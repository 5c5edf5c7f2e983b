// The chunk hand-out of the chunked run (src/run/chunked.ts): nothing before a second chunk is known,
// chunks in order, none past the window the merge allows, and waiting lanes released on stop or close.
import { describe, expect, it } from 'vitest';
import { ChunkQueue } from '../../src/run/chunked.js';

type Task = Parameters<ChunkQueue['push']>[0];
const task = (n: number) => ({ n }) as unknown as Task;

/** Whether `p` has settled after the pending callbacks ran. */
async function settled<T>(p: Promise<T>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

describe('ChunkQueue', () => {
  it('hands out nothing until a second chunk is found, then every chunk once, in order', async () => {
    const q = new ChunkQueue();
    q.push(task(0));
    const first = q.next();
    expect(await settled(first)).toBe(false);
    q.push(task(1));
    expect(await first).toEqual({ i: 0, task: task(0) });
    expect(await q.next()).toEqual({ i: 1, task: task(1) });
    const third = q.next();
    expect(await settled(third)).toBe(false);
    q.push(task(2));
    expect((await third)?.i).toBe(2);
    q.close();
    expect(await q.next()).toBeUndefined();
  });

  it('a file the scan could not cut (one chunk) is handed out to no lane', async () => {
    const q = new ChunkQueue();
    q.push(task(0));
    const next = q.next();
    q.close();
    expect(await next).toBeUndefined();
  });

  it('holds chunk i until i < limit, and raising the limit releases exactly the chunks below it', async () => {
    const q = new ChunkQueue();
    q.limit = 2;
    for (let i = 0; i < 6; i++) q.push(task(i));
    q.close();
    expect((await q.next())?.i).toBe(0);
    expect((await q.next())?.i).toBe(1);
    const a = q.next();
    const b = q.next();
    expect(await settled(a)).toBe(false);
    q.limit = 3;
    expect((await a)?.i).toBe(2);
    expect(await settled(b)).toBe(false);
    q.limit = 6;
    expect((await b)?.i).toBe(3);
    expect((await q.next())?.i).toBe(4);
    expect((await q.next())?.i).toBe(5);
    expect(await q.next()).toBeUndefined();
  });

  it('stop releases every waiting lane with nothing, and hands out nothing more', async () => {
    const q = new ChunkQueue();
    q.limit = 1;
    q.push(task(0));
    q.push(task(1));
    expect((await q.next())?.i).toBe(0);
    const waiting = [q.next(), q.next()];
    expect(await settled(waiting[0]!)).toBe(false);
    q.stop();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
    q.limit = 10;
    expect(await q.next()).toBeUndefined();
  });
});
