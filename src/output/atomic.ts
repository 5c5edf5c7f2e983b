// Atomic file output: write to a temporary file in the target directory, then rename over the target.
//
// Temporaries are named `.NAME.odf-HOST-PID-RANDOM.tmp`: hidden, next to the file they will become, and
// saying which odf process on which machine writes them. A run that dies without cleaning (kill -9, power
// cut) leaves one behind; the next odf writing into that folder removes the temporaries whose process is
// gone (same machine, process no longer running) or that nobody has touched for a day (another machine
// sharing the folder). A temporary of a live odf, on this machine or another, is never touched.
import { promises as fs, closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { OdfError } from '../errors.js';

/** This machine, as it appears in temporary names (a short hash of the host name). */
const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
/** `.NAME.odf-HOST-PID-RANDOM.tmp`. */
const TEMP_NAME = /^\..+\.odf-([0-9a-f]{8})-(\d+)-[0-9a-f]{12}\.tmp$/;
// The one use of `process` outside src/cli: a temporary names the process writing it, so that another
// odf can tell whether it is still alive (kill(pid, 0) sends no signal, it only asks).
// eslint-disable-next-line no-restricted-globals
const { pid: PID, kill } = process;
/** A temporary of another machine untouched for this long is abandoned. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** The temporary file a write of `target` goes through (see the module comment for its name). */
export function temporaryPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.odf-${HOST}-${PID}-${randomBytes(6).toString('hex')}.tmp`);
}

function isAlive(pid: number): boolean {
  if (pid === PID) return true;
  try {
    kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporaries odf runs left in `dir` when they died (see the module comment). Returns the
 * names removed. Never fails: a folder that cannot be listed is simply left as it is.
 */
export async function removeLeftoverTemporaries(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    let abandoned: boolean;
    if (m[1] === HOST) abandoned = !isAlive(Number(m[2]));
    else {
      const st = await fs.lstat(file).catch(() => undefined);
      abandoned = st !== undefined && st.isFile() && now - st.mtimeMs > STALE_MS;
    }
    if (!abandoned) continue;
    try {
      await fs.unlink(file);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Why the system refused to write, in words (never a raw code in the sentence). */
function writeReason(e: unknown): { fr: string; en: string; code?: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return { fr: 'le disque est plein', en: 'the disk is full', code };
    case 'EDQUOT':
      return { fr: 'le quota de disque est dépassé', en: 'the disk quota is exceeded', code };
    case 'EACCES':
    case 'EPERM':
      return { fr: 'permission refusée', en: 'permission denied', code };
    case 'EROFS':
      return { fr: 'le disque est en lecture seule', en: 'the disk is read-only', code };
    case 'ENOENT':
      return { fr: 'le dossier n’existe pas', en: 'the folder does not exist', code };
    case 'ENOTDIR':
      return {
        fr: 'un élément du chemin n’est pas un dossier',
        en: 'part of the path is not a folder',
        code,
      };
    case 'EISDIR':
      return { fr: 'c’est un dossier', en: 'it is a folder', code };
    case 'ELOOP':
      return {
        fr: 'le chemin tourne en boucle (liens symboliques)',
        en: 'the path loops (symbolic links)',
        code,
      };
    case 'ENAMETOOLONG':
      return { fr: 'le nom est trop long', en: 'the name is too long', code };
    case 'EFBIG':
      return {
        fr: 'le fichier dépasse la taille permise par le système',
        en: 'the file exceeds the size the system allows',
        code,
      };
    case 'EIO':
      return { fr: 'erreur matérielle du disque', en: 'disk hardware error', code };
    case 'EMFILE':
    case 'ENFILE':
      return { fr: 'trop de fichiers ouverts', en: 'too many open files', code };
    default:
      return { fr: 'le système refuse l’écriture', en: 'the system refuses to write', code };
  }
}

/**
 * The one sentence odf says when it cannot write `target` (exit 2). `target` is a path, or the words
 * for what is written (`{ fr: 'sur la sortie standard', en: 'to standard output' }`).
 */
export function writeError(target: string | { fr: string; en: string }, e: unknown): OdfError {
  if (e instanceof OdfError) return e;
  const r = writeReason(e);
  const fr = typeof target === 'string' ? target : target.fr;
  const en = typeof target === 'string' ? target : target.en;
  return new OdfError(
    'output-error',
    `Impossible d’écrire ${fr} : ${r.fr}.`,
    { path: typeof target === 'string' ? target : '-', ...(r.code ? { code: r.code } : {}) },
    `Cannot write ${en}: ${r.en}.`,
  );
}

function isFolder(target: string): OdfError {
  return new OdfError(
    'output-error',
    `${target} est un dossier : indiquez un nom de fichier (ou --out-dir pour écrire dans ce dossier).`,
    { path: target },
    `${target} is a folder: give a file name (or --out-dir to write into that folder).`,
  );
}

async function refuseFolder(target: string): Promise<void> {
  const st = await fs.stat(target).catch(() => undefined);
  if (st?.isDirectory()) throw isFolder(target);
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
 * Write `data` to `target` atomically: an interrupted run leaves no half file, and a failure leaves no
 * temporary. `inputs` are files the target must not be.
 * @throws OdfError('output-error') with one sentence (disk full, permission…).
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  inputs: readonly string[] = [],
): Promise<void> {
  await refuseFolder(target);
  await refuseInputTarget(target, inputs);
  await removeLeftoverTemporaries(path.dirname(target));
  const tmp = temporaryPathFor(target);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(target, e);
  }
}

/** What a stream-like sink looks like from here (process.stdout, a test's collector). */
interface Sink {
  write(s: string | Uint8Array): unknown;
}

/**
 * Write a chunk to a sink that is not a file odf owns (standard output): wait while it is full (so a slow
 * reader never makes odf buffer the whole output), treat a closed pipe as the end of the reader's
 * interest, and turn any other failure (a full disk behind `> file`) into one sentence.
 * @throws OdfError('output-error').
 */
export async function writeToSink(sink: Sink, chunk: string | Uint8Array): Promise<void> {
  const what = { fr: 'sur la sortie standard', en: 'to standard output' };
  const stream = sink as Sink & Partial<NodeJS.WritableStream> & { errored?: unknown; destroyed?: boolean };
  const failure = (): unknown => {
    const e = stream.errored as NodeJS.ErrnoException | null | undefined;
    return e && e.code !== 'EPIPE' ? e : undefined;
  };
  if (failure()) throw writeError(what, failure());
  if (stream.destroyed) return;
  const room = sink.write(chunk);
  if (failure()) throw writeError(what, failure());
  if (room !== false || typeof stream.once !== 'function' || typeof stream.off !== 'function') return;
  const on = stream as NodeJS.WritableStream;
  await new Promise<void>((resolve, reject) => {
    const done = (): void => {
      on.off('drain', done);
      on.off('close', done);
      on.off('error', fail);
      resolve();
    };
    const fail = (e: NodeJS.ErrnoException): void => {
      done();
      if (e?.code !== 'EPIPE') reject(writeError(what, e));
    };
    on.once('drain', done);
    on.once('close', done);
    on.once('error', fail);
  });
}

/** A streamed atomic output: write chunks, then commit (rename) or abort (delete the temporary file). */
export interface AtomicStream {
  /** Resolves once the chunk is written; rejects with an OdfError when the disk refuses it. */
  write(s: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
}

/** Write `length` bytes of `data` from `offset` to the file `fd`; returns the bytes written (fs.writeSync). */
export type WriteSync = (fd: number, data: Uint8Array, offset: number, length: number) => number;

/**
 * Open a streamed atomic output on `target`: a folder there, or a temporary that cannot be created (a
 * missing folder, no permission), is refused at once, not after the work. Every write error (disk full,
 * quota, device gone) rejects that write and the commit with one sentence, and the temporary is removed
 * by `abort` (or by the failed commit). `writeSync` replaces fs.writeSync (tests simulate a full disk).
 *
 * The chunks are written synchronously: the output is a local file that odf owns, and a write that goes
 * through libuv's thread pool and back per chunk costs a futex, an epoll wake-up and the stream's events.
 * @throws OdfError('output-error') when the output cannot be opened.
 */
export function openAtomicStream(target: string, options: { writeSync?: WriteSync } = {}): AtomicStream {
  let folder = false;
  try {
    folder = statSync(target, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // A target that cannot be examined (a symbolic-link loop…) fails below, with its sentence.
  }
  if (folder) throw isFolder(target);
  const tmp = temporaryPathFor(target);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw writeError(target, e);
  }
  const write: WriteSync =
    options.writeSync ?? ((f, data, offset, length) => writeSync(f, data, offset, length));
  let bytes = 0;
  let failed: unknown;
  const close = (): void => {
    if (fd === undefined) return;
    const f = fd;
    fd = undefined;
    closeSync(f);
  };
  /** Close and delete the temporary; never throws (a failure has already been said, or is being said). */
  const removeTemp = (): void => {
    try {
      close();
    } catch {
      // The temporary is removed all the same.
    }
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Left for removeLeftoverTemporaries: its name says whose it is.
    }
  };
  void removeLeftoverTemporaries(path.dirname(target));
  return {
    get bytes() {
      return bytes;
    },
    async write(s) {
      if (failed !== undefined) throw writeError(target, failed);
      if (fd === undefined) throw new Error(`${target}: written after its commit or abort`);
      const data = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
      try {
        for (let at = 0; at < data.byteLength;) at += write(fd, data, at, data.byteLength - at);
      } catch (e) {
        failed = e;
        throw writeError(target, e);
      }
      bytes += data.byteLength;
    },
    async commit() {
      try {
        if (failed !== undefined) throw failed;
        // Closing may report a write the system had deferred (a full disk over NFS).
        close();
        await fs.rename(tmp, target);
      } catch (e) {
        removeTemp();
        throw writeError(target, e);
      }
    },
    async abort() {
      removeTemp();
    },
  };
}
