// A small ZIP reader: the central directory (names, declared sizes) and entries streamed through zlib, bounded.
import { createReadStream } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { OdfError } from '../errors.js';
import { sizeText } from './limits.js';

/** One entry of a ZIP archive as its central directory declares it. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** Declared uncompressed size (what the archive claims; the zip-bomb limit sums these). */
  uncompressedSize: number;
  /** Compression method: 0 stored, 8 deflated. */
  method: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** True when the bytes start like a ZIP archive (a local file header, or the end record of an empty one). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the end-of-central-directory record: searched backwards over the comment (at most 64 KiB). */
function findEnd(dv: DataView): number {
  const last = dv.byteLength - 22;
  for (let i = last; i >= 0 && i >= last - MAX16; i--) {
    if (dv.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

/** Reads a little-endian 64-bit size as a number (exact up to 2^53, far beyond any real archive). */
function u64(dv: DataView, at: number): number {
  return dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 2 ** 32;
}

/**
 * Lists the entries of a ZIP archive from its central directory (ZIP64 aware). Returns undefined when the
 * bytes are not a readable archive (no end record, a directory outside the file, a truncated entry).
 * Nothing is decompressed.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const located = locateDirectory(bytes, 0, bytes.length);
  if (!located) return undefined;
  return parseDirectory(bytes.subarray(located.offset, located.offset + located.size), located.count);
}

/** Where the central directory is, from the archive's last bytes (`tail` starts at `tailAt`). */
function locateDirectory(
  tail: Uint8Array,
  tailAt: number,
  fileSize: number,
): { offset: number; size: number; count: number } | undefined {
  const dv = view(tail);
  const end = findEnd(dv);
  if (end < 0) return undefined;
  let count = dv.getUint16(end + 10, true);
  let size = dv.getUint32(end + 12, true);
  let offset = dv.getUint32(end + 16, true);
  if ((count === MAX16 || size === MAX32 || offset === MAX32) && end >= 20) {
    const locator = end - 20;
    if (dv.getUint32(locator, true) === EOCD64_LOCATOR) {
      const at = u64(dv, locator + 8) - tailAt;
      if (at < 0 || at + 56 > dv.byteLength || dv.getUint32(at, true) !== EOCD64) return undefined;
      count = u64(dv, at + 32);
      size = u64(dv, at + 40);
      offset = u64(dv, at + 48);
    }
  }
  if (offset + size > tailAt + end || offset + size > fileSize) return undefined;
  return { offset, size, count };
}

/** The entries of a central directory (`bytes` is the directory alone). */
function parseDirectory(bytes: Uint8Array, count: number): ZipEntry[] | undefined {
  const dv = view(bytes);
  const end = bytes.length;
  const offset = 0;
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || dv.getUint32(p, true) !== CENTRAL) return undefined;
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) return undefined;
    let local = dv.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extended information (header 0x0001): the 64-bit sizes, present only for fields set to 0xFFFFFFFF.
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
      const id = dv.getUint16(x, true);
      const len = dv.getUint16(x + 2, true);
      if (id === 1) {
        let f = x + 4;
        if (uncompressedSize === MAX32 && f + 8 <= x + 4 + len) {
          uncompressedSize = u64(dv, f);
          f += 8;
        }
        if (compressedSize === MAX32 && f + 8 <= x + 4 + len) {
          compressedSize = u64(dv, f);
          f += 8;
        }
        if (local === MAX32 && f + 8 <= x + 4 + len) local = u64(dv, f);
      }
      x += 4 + len;
    }
    entries.push({ name, compressedSize, uncompressedSize, method, offset: local });
    p = next;
  }
  return entries;
}

/** Bytes of an archive, read by range: a file on disk (never loaded whole) or bytes in memory. */
export interface ZipBytes {
  readonly size: number;
  /** Bytes [start, start + length), fewer at the end of the archive. */
  read(start: number, length: number): Promise<Uint8Array>;
  /** Bytes [start, end) as a stream of chunks. */
  stream(start: number, end: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Chunk size of entry streams (read and inflated). */
const STREAM_CHUNK = 64 * 1024;
/** The end record is within the last 22 bytes plus a comment of at most 64 KiB; 20 more for ZIP64. */
const TAIL_BYTES = 22 + MAX16 + 20 + 56;

export function zipBytesOf(bytes: Uint8Array): ZipBytes {
  return {
    size: bytes.length,
    read: (start, length) => Promise.resolve(bytes.subarray(start, start + length)),
    async *stream(start, end) {
      for (let at = start; at < end; at += STREAM_CHUNK)
        yield bytes.subarray(at, Math.min(end, at + STREAM_CHUNK));
    },
    close: () => Promise.resolve(),
  };
}

export async function zipFileOf(path: string): Promise<ZipBytes> {
  const handle: FileHandle = await openFile(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(start, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      let got = 0;
      while (got < buffer.length) {
        const { bytesRead } = await handle.read(buffer, got, buffer.length - got, start + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buffer.subarray(0, got);
    },
    stream(start, end) {
      if (end <= start) return Readable.from([]);
      return createReadStream(path, { start, end: end - 1, highWaterMark: STREAM_CHUNK });
    },
    close: () => handle.close(),
  };
}

/** An archive opened for reading entries: its directory, and a budget of inflated bytes shared by all reads. */
export class ZipArchive {
  /**
   * Inflated bytes of the archive so far: for each entry, the most it has produced in any read (an entry
   * read twice, e.g. a sheet probed then read, counts once).
   */
  private inflated = 0;
  private readonly produced = new Map<ZipEntry, number>();
  /** Archive offset reached by the last entry read (for progress). */
  position = 0;

  private constructor(
    private readonly bytes: ZipBytes,
    readonly entries: ZipEntry[],
    private readonly file: string,
    private readonly maxInflated: number,
  ) {}

  /** Reads the directory; undefined when the archive has none that can be read (truncated file). */
  static async open(bytes: ZipBytes, file: string, maxInflated: number): Promise<ZipArchive | undefined> {
    const tailAt = Math.max(0, bytes.size - TAIL_BYTES);
    const tail = await bytes.read(tailAt, bytes.size - tailAt);
    const located = locateDirectory(tail, tailAt, bytes.size);
    if (!located) return undefined;
    const directory = await bytes.read(located.offset, located.size);
    const entries = parseDirectory(directory, located.count);
    return entries ? new ZipArchive(bytes, entries, file, maxInflated) : undefined;
  }

  find(name: string): ZipEntry | undefined {
    const lower = name.toLowerCase();
    return (
      this.entries.find((e) => e.name === name) ?? this.entries.find((e) => e.name.toLowerCase() === lower)
    );
  }

  private damaged(entry: ZipEntry, detail: string): OdfError {
    return new OdfError(
      'file-unreadable',
      `Le classeur ${this.file} est endommagé : la partie ${entry.name} ne peut pas être décompressée (${detail}).`,
      { name: this.file, part: entry.name, detail },
      `The workbook ${this.file} is damaged: part ${entry.name} cannot be decompressed (${detail}).`,
    );
  }

  private bomb(entry: ZipEntry, limit: number, what: 'archive' | 'part'): OdfError {
    const size = sizeText(limit);
    return what === 'archive'
      ? new OdfError(
          'zip-bomb',
          `Le classeur ${this.file} se décompresse en plus de ${size.fr} (en lisant ${entry.name}), au-delà de la limite : odf arrête de le lire (protection contre les « bombes ZIP » ; --max-unzipped pour l’augmenter).`,
          { name: this.file, part: entry.name, limit, declared: entry.uncompressedSize },
          `The workbook ${this.file} unzips to more than ${size.en} (while reading ${entry.name}), beyond the limit: odf stops reading it (zip bomb protection; --max-unzipped raises it).`,
        )
      : new OdfError(
          'zip-bomb',
          `La partie ${entry.name} du classeur ${this.file} se décompresse en plus de ${size.fr}, au-delà de la limite pour cette partie, qui doit tenir en mémoire : odf refuse de la lire.`,
          { name: this.file, part: entry.name, limit, declared: entry.uncompressedSize },
          `Part ${entry.name} of workbook ${this.file} unzips to more than ${size.en}, beyond the limit for this part, which must fit in memory: odf refuses to read it.`,
        );
  }

  /**
   * The inflated bytes of an entry, chunk by chunk. Sizes are counted as they come out of zlib, whatever
   * the directory claims: past `maxBytes` for this entry, or past the archive's budget for all entries
   * (each counted once, however often it is read), the read stops with `zip-bomb`. Damaged data gives
   * `file-unreadable`. `chunkSize`: the most bytes of one inflated chunk.
   */
  async *stream(entry: ZipEntry, maxBytes = Infinity, chunkSize = STREAM_CHUNK): AsyncGenerator<Uint8Array> {
    const header = await this.bytes.read(entry.offset, 30);
    if (header.length < 30 || view(header).getUint32(0, true) !== 0x04034b50) {
      throw this.damaged(entry, 'en-tête local absent');
    }
    const hv = view(header);
    const start = entry.offset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
    const end = Math.min(this.bytes.size, start + entry.compressedSize);
    const raw = this.counted(start, end);
    let source: AsyncIterable<Uint8Array>;
    let inflater: ReturnType<typeof createInflateRaw> | undefined;
    let compressed: Readable | undefined;
    if (entry.method === 0) source = raw;
    else if (entry.method === 8) {
      inflater = createInflateRaw({ chunkSize });
      compressed = Readable.from(raw);
      source = compressed.pipe(inflater);
    } else throw this.damaged(entry, `méthode de compression ${entry.method}`);
    let produced = 0;
    try {
      for await (const chunk of source) {
        produced += chunk.length;
        const before = this.produced.get(entry) ?? 0;
        if (produced > before) {
          this.inflated += produced - before;
          this.produced.set(entry, produced);
        }
        if (this.inflated > this.maxInflated) throw this.bomb(entry, this.maxInflated, 'archive');
        if (produced > maxBytes) throw this.bomb(entry, maxBytes, 'part');
        yield chunk;
      }
    } catch (e) {
      if (e instanceof OdfError) throw e;
      throw this.damaged(entry, e instanceof Error ? e.message : String(e));
    } finally {
      // Both ends: a read stopped early also stops reading the file (its descriptor closed now, not at GC).
      inflater?.destroy();
      compressed?.destroy();
    }
  }

  /** The raw bytes [start, end), keeping `position` up to date. */
  private async *counted(start: number, end: number): AsyncGenerator<Uint8Array> {
    let at = start;
    for await (const chunk of this.bytes.stream(start, end)) {
      at += chunk.length;
      this.position = at;
      yield chunk;
    }
  }

  /** A whole small entry as text (UTF-8), at most `maxBytes` inflated bytes. */
  async text(entry: ZipEntry, maxBytes: number): Promise<string> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.stream(entry, maxBytes)) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): Promise<void> {
    return this.bytes.close();
  }
}
