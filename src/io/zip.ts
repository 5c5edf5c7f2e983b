// A tiny ZIP central-directory reader: entry names and declared sizes, to recognise workbooks and refuse zip bombs.
import { constants, inflateRawSync } from 'node:zlib';

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
  const dv = view(bytes);
  const end = findEnd(dv);
  if (end < 0) return undefined;
  let count = dv.getUint16(end + 10, true);
  let size = dv.getUint32(end + 12, true);
  let offset = dv.getUint32(end + 16, true);
  if ((count === MAX16 || size === MAX32 || offset === MAX32) && end >= 20) {
    const locator = end - 20;
    if (dv.getUint32(locator, true) === EOCD64_LOCATOR) {
      const at = u64(dv, locator + 8);
      if (at + 56 > dv.byteLength || dv.getUint32(at, true) !== EOCD64) return undefined;
      count = u64(dv, at + 32);
      size = u64(dv, at + 40);
      offset = u64(dv, at + 48);
    }
  }
  if (offset + size > end) return undefined;
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

/**
 * The content of one small entry (stored or deflated), at most `limit` bytes of it; undefined when the
 * entry cannot be read. Meant for tiny entries such as an ODF `mimetype`, never for the data itself.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, limit = 1024): Uint8Array | undefined {
  const dv = view(bytes);
  const at = entry.offset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== 0x04034b50) return undefined;
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const raw = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
  if (entry.method === 0) return raw.subarray(0, limit);
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(raw, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}
