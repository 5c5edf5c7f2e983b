// Worker-thread entry of chunked runs: validates the chunks of one big file the main thread posts (src/run/chunked.ts).
import { parentPort } from 'node:worker_threads';
import { isOdfError } from '../errors.js';
import { runChunk, type ChunkTask } from './chunk.js';

parentPort?.on('message', (message: { id: number; task: ChunkTask }) => {
  runChunk(message.task).then(
    (outcome) => parentPort!.postMessage({ id: message.id, ok: true, outcome }),
    (e: unknown) => {
      // Whatever failed, the main thread reads the file in one thread and meets the same failure there.
      const code = isOdfError(e) ? e.code : 'internal';
      parentPort!.postMessage({ id: message.id, ok: false, code });
    },
  );
});
