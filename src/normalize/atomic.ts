// Atomic file output: write to a temporary file in the target directory, then rename over the target.
import { promises as fs, createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OdfError } from '../errors.js';

function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Write `data` to `target` atomically: an interrupted run leaves no half file. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new OdfError(
      'output-error',
      `Impossible d'écrire ${target} : ${(e as Error).message}`,
      { path: target },
      `Cannot write ${target}: ${(e as Error).message}`,
    );
  }
}

/** A streamed atomic output: write chunks, then commit (rename) or abort (delete the temporary file). */
export interface AtomicStream {
  stream: WriteStream;
  write(s: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
}

/** Open a streamed atomic output on `target`. */
export function openAtomicStream(target: string): AtomicStream {
  const tmp = tempPathFor(target);
  const stream = createWriteStream(tmp);
  let bytes = 0;
  let failed: Error | undefined;
  stream.on('error', (e) => {
    failed = e;
  });
  const fail = (e: Error): OdfError =>
    new OdfError(
      'output-error',
      `Impossible d'écrire ${target} : ${e.message}`,
      { path: target },
      `Cannot write ${target}: ${e.message}`,
    );
  return {
    stream,
    get bytes() {
      return bytes;
    },
    async write(s) {
      if (failed) throw fail(failed);
      bytes += typeof s === 'string' ? Buffer.byteLength(s) : s.byteLength;
      if (!stream.write(s)) await new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    async commit() {
      await new Promise<void>((resolve, reject) =>
        stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      if (failed) {
        await fs.rm(tmp, { force: true });
        throw fail(failed);
      }
      await fs.rename(tmp, target);
    },
    async abort() {
      stream.destroy();
      await fs.rm(tmp, { force: true });
    },
  };
}
