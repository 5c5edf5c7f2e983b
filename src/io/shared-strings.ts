// The shared string table of an XLSX, held compactly: UTF-8 bytes with an offset per string, decoded on
// lookup, and beyond a cap kept in a temporary file read by block.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { utf8Length } from '../text/utf8-length.js';

/** String bytes kept in memory before the table moves to a temporary file: 32 MiB. */
export const SHARED_STRINGS_IN_MEMORY = 32 * 2 ** 20;
/** Decoded strings kept for repeated lookups (a power of two). */
const CACHE = 4096;
/** Bytes read from the temporary file at once, and how many such blocks are kept. */
const BLOCK = 64 * 1024;
const BLOCKS = 16;
/** Bytes gathered before they are written to the temporary file. */
const WRITE_BUFFER = 1024 * 1024;

/**
 * The texts of a shared string table by index. A million distinct texts held as JavaScript strings take
 * about 60 MiB of heap; here they take their UTF-8 bytes (in growable buffers) and four bytes of offset
 * each, and a string is decoded when a cell asks for it (the last 4,096 kept, as a sheet repeats a few
 * texts). When the bytes pass `inMemory`, they go to a temporary file (removed by `close()`, and on
 * systems that allow it unlinked as soon as it is opened, so that nothing is left whatever happens) and
 * are read back by 64 KiB blocks, the last sixteen kept.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  /** Bytes used in `bytes` (in memory), or waiting in it to be written (spilled). */
  private used = 0;
  /** Start of string i at [i], end of the last at [count]; positions in the file once spilled. */
  private offsets = new Uint32Array(1024);
  private total = 0;
  /** Strings added since the last encoding, and their length in characters. */
  private readonly pending: string[] = [];
  private pendingChars = 0;
  /** Strings in the table (call `finish()` before reading them). */
  count = 0;
  private readonly cacheKeys = new Int32Array(CACHE).fill(-1);
  private readonly cacheValues: string[] = new Array<string>(CACHE).fill('');
  // The temporary file, once the table passed `inMemory`.
  private fd: number | undefined;
  private file: string | undefined;
  private dir: string | undefined;
  private readonly blockStarts = new Float64Array(BLOCKS).fill(-1);
  private readonly blockData: Buffer[] = [];
  private readonly blockLengths = new Int32Array(BLOCKS);
  private nextBlock = 0;
  /** The temporary file could not be made: everything stays in memory. */
  private inMemoryOnly = false;

  constructor(
    private readonly name: string,
    private readonly inMemory = SHARED_STRINGS_IN_MEMORY,
  ) {}

  /** Adds the next string of the table. */
  add(s: string): void {
    // Strings are encoded a few hundred at a time: one encoder call for all.
    this.pending.push(s);
    this.pendingChars += s.length;
    if (this.pending.length >= 512 || this.pendingChars >= 65536) this.encodePending();
  }

  /** Encodes the strings waiting, their offsets from their UTF-8 lengths. */
  private encodePending(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    let count = this.count;
    if (count + pending.length + 1 > this.offsets.length) {
      let size = this.offsets.length * 2;
      while (size < count + pending.length + 1) size *= 2;
      const grown = new Uint32Array(size);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const most = this.pendingChars * 3;
    if (this.used + most > this.bytes.length) this.makeRoom(most);
    const joined = pending.length === 1 ? pending[0]! : pending.join('');
    let written = joined.length === 0 ? 0 : this.bytes.write(joined, this.used, 'utf8');
    const offsets = this.offsets;
    let end = this.total;
    for (const p of pending) {
      end += utf8Length(p);
      offsets[++count] = end;
    }
    if (end !== this.total + written) {
      // Lone surrogates that joined into a pair: each string written on its own.
      count = this.count;
      end = this.total;
      written = 0;
      for (const p of pending) {
        const n = p.length === 0 ? 0 : this.bytes.write(p, this.used + written, 'utf8');
        written += n;
        end += n;
        offsets[++count] = end;
      }
    }
    this.used += written;
    this.total = end;
    this.count = count;
    pending.length = 0;
    this.pendingChars = 0;
    if (this.total > 0xffffffff) {
      throw new OdfError(
        'input-too-large',
        `La table des textes partagés du classeur ${this.name} dépasse 4 Gio : odf refuse de la lire.`,
        { name: this.name, limit: 0xffffffff },
        `The shared string table of workbook ${this.name} exceeds 4 GiB: odf refuses to read it.`,
      );
    }
  }

  /** The whole table has been added: bytes still waiting go to the temporary file. */
  finish(): void {
    this.encodePending();
    if (this.fd !== undefined) this.flush();
  }

  /** The string at `index`, '' when there is none (not an integer, out of range), as an array would give. */
  get(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return '';
    const slot = index & (CACHE - 1);
    if (this.cacheKeys[slot] === index) return this.cacheValues[slot]!;
    const start = this.offsets[index]!;
    const end = this.offsets[index + 1]!;
    const s =
      start === end
        ? ''
        : this.fd === undefined
          ? this.bytes.toString('utf8', start, end)
          : this.read(start, end);
    this.cacheKeys[slot] = index;
    this.cacheValues[slot] = s;
    return s;
  }

  /** Bytes the table holds in memory: its buffers, offsets and blocks read back (not the decoded cache). */
  get memoryBytes(): number {
    let blocks = 0;
    for (const b of this.blockData) blocks += b.length;
    return this.bytes.length + this.offsets.byteLength + blocks;
  }

  /** Frees the table and removes its temporary file. */
  close(): void {
    this.closeFile();
    this.bytes = Buffer.alloc(0);
    this.blockData.length = 0;
    this.offsets = new Uint32Array(0);
    this.count = 0;
  }

  /** Room for `most` more bytes: the buffer grows, or (past the cap) its bytes go to the temporary file. */
  private makeRoom(most: number): void {
    if (this.fd === undefined && !this.inMemoryOnly && this.used + most > this.inMemory) this.spill();
    if (this.fd !== undefined) {
      if (this.used + most > this.bytes.length) this.flush();
      if (most <= this.bytes.length) return;
    }
    let size = this.bytes.length * 2;
    while (size < this.used + most) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  /** Moves the table to a temporary file: what is in memory is written, the rest will follow. */
  private spill(): void {
    try {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odf-strings-'));
      this.file = path.join(this.dir, 'shared-strings');
      this.fd = fs.openSync(this.file, 'w+', 0o600);
      try {
        // Unlinked while open: the system removes it when it is closed, even if the process is killed.
        fs.rmSync(this.dir, { recursive: true, force: true });
        this.dir = this.file = undefined;
      } catch {
        // Windows keeps an open file: close() removes it.
      }
      this.write();
    } catch {
      // No temporary file (no room, no permission): the table stays in memory, as it was.
      this.closeFile();
      this.inMemoryOnly = true;
      return;
    }
    this.used = 0;
    if (this.bytes.length > WRITE_BUFFER) this.bytes = Buffer.allocUnsafe(WRITE_BUFFER);
  }

  /** Writes the bytes waiting in memory at the end of the temporary file. */
  private flush(): void {
    try {
      this.write();
    } catch (e) {
      throw this.failure(e);
    }
    this.used = 0;
  }

  private write(): void {
    let at = 0;
    const position = this.total - this.used;
    while (at < this.used) at += fs.writeSync(this.fd!, this.bytes, at, this.used - at, position + at);
  }

  /** A temporary file that could not be written or read back (a full disk): one sentence. */
  private failure(e: unknown): OdfError {
    const detail = e instanceof Error ? e.message : String(e);
    return new OdfError(
      'output-error',
      `Impossible d’utiliser le fichier temporaire de la table des textes partagés du classeur ${this.name} (${detail}) : libérez de la place dans le dossier temporaire (${os.tmpdir()}).`,
      { path: os.tmpdir(), ...(isErrno(e) ? { code: e.code } : {}) },
      `Cannot use the temporary file of the shared string table of workbook ${this.name} (${detail}): free some room in the temporary folder (${os.tmpdir()}).`,
    );
  }

  private closeFile(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    if (this.dir !== undefined) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      this.dir = this.file = undefined;
    }
  }

  /** The string at [start, end) of the temporary file, through the block cache. */
  private read(start: number, end: number): string {
    const first = Math.floor(start / BLOCK) * BLOCK;
    if (end <= first + BLOCK) return this.block(first).toString('utf8', start - first, end - first);
    // Longer than a block or across two: read on its own. (Fetching the second block could replace the
    // first one's buffer while its bytes are still needed.)
    const buf = Buffer.allocUnsafe(end - start);
    this.readFully(buf, start);
    return buf.toString('utf8');
  }

  /** The block of the file starting at `start` (BLOCK bytes, fewer at the end). */
  private block(start: number): Buffer {
    for (let k = 0; k < BLOCKS; k++)
      if (this.blockStarts[k] === start) return this.blockData[k]!.subarray(0, this.blockLengths[k]);
    const k = this.nextBlock;
    this.nextBlock = (k + 1) % BLOCKS;
    const buf = (this.blockData[k] ??= Buffer.allocUnsafe(BLOCK));
    const length = Math.min(BLOCK, this.total - start);
    this.readFully(buf.subarray(0, length), start);
    this.blockStarts[k] = start;
    this.blockLengths[k] = length;
    return buf.subarray(0, length);
  }

  private readFully(buf: Buffer, position: number): void {
    let at = 0;
    try {
      while (at < buf.length) {
        const n = fs.readSync(this.fd!, buf, at, buf.length - at, position + at);
        if (n === 0) throw new Error('file shorter than written');
        at += n;
      }
    } catch (e) {
      throw this.failure(e);
    }
  }
}

function isErrno(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}
