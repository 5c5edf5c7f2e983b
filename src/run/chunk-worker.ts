// Worker-thread entry of chunked runs: validates the chunks of one big file the main thread posts (src/run/chunked.ts).
import { parentPort } from 'node:worker_threads';
import { isOdfError } from '../errors.js';
import { runChunk, type ChunkOutcome, type ChunkTask } from './chunk.js';

/**
 * The buffers of the outcome's profile, moved to the main thread rather than copied: the chunk's ids
 * are its largest part (fresh arrays the chunk no longer uses).
 */
function profileBuffers(outcome: ChunkOutcome): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of outcome.profile?.columns ?? []) {
    for (const a of [c.values.ids, c.values.hashes, c.values.counts]) {
      if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
        out.add(a.buffer);
    }
  }
  return [...out];
}

parentPort?.on('message', (message: { id: number; task: ChunkTask }) => {
  runChunk(message.task).then(
    (outcome) => parentPort!.postMessage({ id: message.id, ok: true, outcome }, profileBuffers(outcome)),
    (e: unknown) => {
      // Whatever failed, the main thread reads the file in one thread and meets the same failure there.
      const code = isOdfError(e) ? e.code : 'internal';
      parentPort!.postMessage({ id: message.id, ok: false, code });
    },
  );
});
