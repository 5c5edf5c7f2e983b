// Where a big CSV file can be cut into chunks at record boundaries: a quote-aware byte scan (issue 14).
import { open } from 'node:fs/promises';

/** One chunk of a file's data rows: bytes [start, end), its first row's number and physical line. */
export interface ChunkRange {
  start: number;
  end: number;
  /** Row number of the first record of the chunk (the first data row of a file is 2). */
  rowNumber: number;
  /** Physical line (1-based) where the chunk's first record starts. */
  line: number;
  /** Records the scan counted in the chunk (the reader must deliver exactly as many). */
  rows: number;
}

/** What the scan needs of the dialect: one-byte delimiter and quote (0 when the file does not quote). */
export interface SplitDialect {
  delimiter: number;
  quote: number;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
/** States of dataStartOf's byte-by-byte reading of the head, as src/io/csv.ts reads a record. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

const READ_BYTES = 4 << 20;

/**
 * The scan of findChunks over blocks of bytes, with `indexOf` (memchr) to jump from one quote, line
 * feed or carriage return to the next: its state carries over from one block to the next.
 */
class SplitScan {
  rowNumber: number;
  line: number;
  /** Offset right after the last record break: the file ends with a line break when it is the size. */
  lastBreakAt = -1;
  private quoted = false;
  /** The previous block ended on a quote inside a quoted cell (closing, or the first of `""`). */
  private quoteSeen = false;
  /** The previous block ended on a CR: an LF starting this block is its CRLF's. */
  private crPending = false;
  /** The position where the block starts is at the start of a cell (spaces aside). */
  private fieldStart = true;
  private buf: Uint8Array = new Uint8Array(0);
  private n = 0;
  private base = 0;
  private nextLf = 0;
  private nextCr = 0;

  constructor(
    rowNumber: number,
    line: number,
    private readonly delimiter: number,
    private readonly quote: number,
    /** Called after each line feed that ends a record, with the offset after it. */
    private readonly onBreak: (at: number, buf: Uint8Array, i: number) => void,
  ) {
    this.rowNumber = rowNumber;
    this.line = line;
  }

  block(buf: Uint8Array, n: number, base: number): void {
    this.buf = buf;
    this.n = n;
    this.base = base;
    this.nextLf = -1;
    this.nextCr = -1;
    let i = 0;
    if (this.crPending) {
      this.crPending = false;
      if (n > 0 && buf[0] === LF) {
        i = 1;
        if (!this.quoted && this.lastBreakAt === base) {
          this.lastBreakAt = base + 1;
          this.onBreak(base + 1, buf, 1);
        }
      }
    } else if (this.quoteSeen) {
      this.quoteSeen = false;
      if (buf[0] === this.quote) i = 1;
      else {
        this.quoted = false;
        this.fieldStart = false;
      }
    }
    while (i < n) i = this.quoted ? this.inQuotes(i) : this.outside(i);
  }

  /** Inside a quoted cell from `i`: its line breaks are lines, not records. Returns where to go on. */
  private inQuotes(i: number): number {
    const { buf, n } = this;
    let c = this.quote === 0 ? -1 : buf.indexOf(this.quote, i);
    if (c < 0 || c >= n) c = n;
    this.countLines(i, c);
    if (c === n) return n;
    if (c + 1 >= n) {
      this.quoteSeen = true;
      return n;
    }
    if (buf[c + 1] === this.quote) return c + 2;
    this.quoted = false;
    this.fieldStart = false;
    return c + 1;
  }

  /** Outside quotes from `i`: records up to the next quote, then that quote. Returns where to go on. */
  private outside(i: number): number {
    const { buf, n } = this;
    let q = this.quote === 0 ? -1 : buf.indexOf(this.quote, i);
    if (q < 0 || q >= n) q = n;
    const lastBreak = this.records(i, q);
    // Is `q` at the start of a cell? Look back over spaces to a delimiter or a line break.
    let j = q - 1;
    while (j >= i && (buf[j] === SPACE || buf[j] === TAB)) j--;
    const atStart =
      j >= i
        ? buf[j] === this.delimiter || buf[j] === LF || buf[j] === CR
        : lastBreak >= 0 || this.fieldStart;
    if (q === n) {
      this.fieldStart = atStart;
      return n;
    }
    if (atStart) this.quoted = true;
    else this.fieldStart = false;
    return q + 1;
  }

  /**
   * The offset of the first LF or CR at or after `pos` in the block (`n` when none). The next of each is
   * remembered, so a block is searched once for each byte whatever the quotes between.
   */
  private nextBreak(pos: number): number {
    const { buf, n } = this;
    if (this.nextLf < pos) {
      this.nextLf = buf.indexOf(LF, pos);
      if (this.nextLf < 0 || this.nextLf >= n) this.nextLf = n;
    }
    if (this.nextCr < pos) {
      this.nextCr = buf.indexOf(CR, pos);
      if (this.nextCr < 0 || this.nextCr >= n) this.nextCr = n;
    }
    return Math.min(this.nextLf, this.nextCr);
  }

  /** Line breaks in [from, to) outside quotes: each ends a record. Returns the last one's offset or -1. */
  private records(from: number, to: number): number {
    const { buf, n } = this;
    let last = -1;
    let pos = from;
    for (;;) {
      const at = this.nextBreak(pos);
      if (at >= to) return last;
      last = at;
      this.rowNumber++;
      this.line++;
      if (buf[at] === CR) {
        this.lastBreakAt = this.base + at + 1;
        if (at + 1 >= n) {
          this.crPending = true;
          return last;
        }
        if (buf[at + 1] === LF) {
          // The LF of a CRLF: counted at its CR; the record ends after it.
          this.lastBreakAt++;
          pos = at + 2;
          this.onBreak(this.base + pos, buf, pos);
        } else pos = at + 1;
      } else {
        pos = at + 1;
        this.lastBreakAt = this.base + pos;
        this.onBreak(this.base + pos, buf, pos);
      }
    }
  }

  /** Line breaks in [from, to) inside a quoted cell: lines of the cell. */
  private countLines(from: number, to: number): void {
    const { buf, n } = this;
    let pos = from;
    for (;;) {
      const at = this.nextBreak(pos);
      if (at >= to) return;
      this.line++;
      if (buf[at] === CR) {
        if (at + 1 >= n) this.crPending = true;
        pos = buf[at + 1] === LF && at + 1 < n ? at + 2 : at + 1;
      } else pos = at + 1;
    }
  }
}

/**
 * Cut a file's data rows (from byte `dataStart`, whose first record is row 2 at line `dataLine`) into
 * `count` chunks of about equal size, each cut right after a line feed that ends a record. The scan
 * follows the CSV scanner's rules for well-formed input: a quote opens a quoted cell only at the start
 * of a cell (after spaces), `""` inside is one quote, line breaks inside quotes belong to the cell (and
 * count as physical lines: LF, CRLF or a lone CR each count one), a quote inside an unquoted cell is
 * text. Where the scanner would read differently (an unclosed quote it re-reads as text, cells past
 * the limits), the chunks' readers disagree with these counts and the caller falls back to one thread:
 * the counts are a hypothesis the readers verify, never trusted alone.
 *
 * A cut is never placed before bytes EF BB BF (a decoder would drop them as a byte order mark).
 * Returns fewer chunks when the file has fewer records than `count`.
 */
export async function findChunks(
  path: string,
  dataStart: number,
  dataLine: number,
  size: number,
  count: number,
  dialect: SplitDialect,
  /** Called with each chunk as soon as its end is found (the last one when the scan ends). */
  onChunk?: (chunk: ChunkRange) => void,
): Promise<ChunkRange[]> {
  const handle = await open(path, 'r');
  try {
    const chunks: ChunkRange[] = [];
    const per = Math.ceil((size - dataStart) / count);
    let target = dataStart + per;
    let current: ChunkRange = { start: dataStart, end: size, rowNumber: 2, line: dataLine, rows: 0 };
    const scan = new SplitScan(2, dataLine, dialect.delimiter, dialect.quote, (at, buf, i) => {
      if (at < target || chunks.length >= count - 1 || at >= size) return;
      // A cut before what a decoder would take for a byte order mark would lose it.
      if (buf[i] === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) return;
      current.end = at;
      current.rows = scan.rowNumber - current.rowNumber;
      chunks.push(current);
      onChunk?.(current);
      current = { start: at, end: size, rowNumber: scan.rowNumber, line: scan.line, rows: 0 };
      target = at + per;
    });
    // Each block is read with 3 bytes more, looked at only (the byte order mark test), read again next.
    const buf = Buffer.alloc(READ_BYTES + 3);
    for (let offset = dataStart; offset < size;) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_BYTES + 3, size - offset), offset);
      if (bytesRead === 0) break;
      const n = offset + bytesRead >= size ? bytesRead : Math.min(bytesRead, READ_BYTES);
      scan.block(buf, n, offset);
      offset += n;
    }
    // The final line break does not make an extra row.
    const endsWithBreak = scan.lastBreakAt === size;
    current.rows = scan.rowNumber - current.rowNumber + (endsWithBreak ? 0 : 1);
    if (current.start < size) {
      chunks.push(current);
      onChunk?.(current);
    }
    return chunks;
  } finally {
    await handle.close();
  }
}

/**
 * The byte offset where the data rows start: after an optional byte order mark and `records` records
 * (the lines above the header, and the header), read with the same rules as findChunks. Undefined when
 * the head holds fewer records.
 */
export function dataStartOf(
  head: Uint8Array,
  records: number,
  dialect: SplitDialect,
): { offset: number; line: number } | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let state = FIELD_START;
  let line = 1;
  let done = 0;
  if (records === 0) return { offset: i, line };
  for (; i < head.length; i++) {
    const b = head[i]!;
    if (state === QUOTED) {
      if (b === dialect.quote) state = QUOTE_IN_QUOTED;
      else if (b === LF) line++;
      else if (b === CR) {
        line++;
        if (head[i + 1] === LF) i++;
      }
      continue;
    }
    if (b === LF || b === CR) {
      line++;
      if (b === CR && head[i + 1] === LF) i++;
      state = FIELD_START;
      if (++done === records) return { offset: i + 1, line };
      continue;
    }
    if (b === dialect.delimiter) state = FIELD_START;
    else if (state === FIELD_START) {
      if (b === dialect.quote && dialect.quote !== 0) state = QUOTED;
      else if (b !== SPACE && b !== TAB) state = UNQUOTED;
    } else if (state === QUOTE_IN_QUOTED) state = b === dialect.quote ? QUOTED : UNQUOTED;
  }
  return undefined;
}
