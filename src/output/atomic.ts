// Atomic file output: write to a temporary file in the target directory, then rename over the target.
import { promises as fs, createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OdfError } from '../errors.js';

function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

function isFolder(target: string): OdfError {
  return new OdfError(
    'output-error',
    `${target} est un dossier : indiquez un nom de fichier (ou --out-dir pour écrire dans ce dossier).`,
    { path: target },
    `${target} is a folder: give a file name (or --out-dir to write into that folder).`,
  );
}

/**
 * Refuse a target that is one of the user's input files (`odf validate data.csv -o data.csv`): odf never
 * overwrites what it reads.
 */
export async function refuseInputTarget(target: string, inputs: readonly string[]): Promise<void> {
  const real = (p: string): Promise<string> => fs.realpath(p).catch(() => path.resolve(p));
  const t = await real(target);
  for (const input of inputs) {
    if (input === '-' || (await real(input)) !== t) continue;
    throw new OdfError(
      'output-error',
      `${target} est un des fichiers lus : odf ne l'écrase jamais. Choisissez un autre nom avec -o.`,
      { path: target },
      `${target} is one of the files read: odf never overwrites it. Choose another name with -o.`,
    );
  }
}

/**
 * Write `data` to `target` atomically: an interrupted run leaves no half file. `inputs` are files the
 * target must not be.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  inputs: readonly string[] = [],
): Promise<void> {
  if (existsSync(target) && statSync(target).isDirectory()) throw isFolder(target);
  await refuseInputTarget(target, inputs);
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

/** Open a streamed atomic output on `target` (a folder there is refused at once, not after the work). */
export function openAtomicStream(target: string): AtomicStream {
  if (existsSync(target) && statSync(target).isDirectory()) throw isFolder(target);
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
      try {
        await fs.rename(tmp, target);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw fail(e as Error);
      }
    },
    async abort() {
      stream.destroy();
      await fs.rm(tmp, { force: true });
    },
  };
}
