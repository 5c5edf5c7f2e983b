// Opening any input (a path, '-' for stdin, bytes) as a table: format, encoding, dialect and header, then rows.
import { closeSync, createReadStream, openSync, readSync, statSync, type Stats } from 'node:fs';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { OdfError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import { CsvScanner, type CsvProblem, type CutsHandler } from './csv.js';
import { DamageTracker, damageTail, mayHoldDamage, mayHoldDamageAcross } from './damage.js';
import { sniffDialect, type DialectGuess } from './dialect.js';
import {
  alternativeEncoding,
  createDecoder,
  detectEncoding,
  EncodingVerifier,
  findDoubleEncoding,
  resolveEncodingName,
  type ChunkDecoder,
  type EncodingGuess,
  type EncodingVerdict,
} from './encoding.js';
import { findHeaderRow, isSpacesRow } from './header.js';
import { readerLimits } from './limits.js';
import { readError } from '../net/read-file.js';
import { notATableError, sniffFormat, TABLE_FORMATS } from './sniff.js';
import { utf8Length } from '../text/utf8-length.js';
import type {
  LineBytes,
  LineLayout,
  OpenOptions,
  OpenTable,
  RawRow,
  RowCuts,
  RowIterator,
  TableMeta,
  TextReading,
} from './types.js';

/** First bytes looked at to tell the format, the encoding, the dialect and the header. */
const HEAD_BYTES = 64 * 1024;
/** The head grows up to this when it does not hold two complete rows (very long rows). */
const MAX_HEAD_BYTES = 4 * 1024 * 1024;
/**
 * Read size while streaming. Measured on a 278 MB file: 64–128 KiB beats 1 MiB by a third, because the
 * rows of a smaller chunk are consumed before the young-generation GC runs, instead of being copied.
 */
const CHUNK_BYTES = 128 * 1024;
/** Rows of the sample given to findHeaderRow. */
const HEADER_SCAN_ROWS = 50;
/** At most this many `format-error` findings per file: a broken file would otherwise flood the report. */
const MAX_FORMAT_FINDINGS = 100;
/** Confidence given to an encoding chosen because the whole file contradicted the head's guess. */
const LATE_GUESS_CONFIDENCE = 0.9;
/** Below this confidence the guess is reported (`encoding-guessed`). */
const REPORT_GUESS_BELOW = 0.9;

/** An input's bytes: its head for detection, then all of it from byte 0 for the rows. */
interface Source {
  /** Display name (meta.path). */
  name: string;
  /** A regular file's path (workbooks read it themselves). */
  path?: string;
  /** Total size when known. */
  size?: number;
  /** The first `n` bytes or more (a stream gives whole chunks); `complete` when that is all there is. */
  head(n: number): Promise<{ bytes: Uint8Array; complete: boolean }>;
  /**
   * All the bytes from the start. A file or a buffer can be read again; a stream only once. With
   * `reuse`, the chunks of a file share one buffer: each is valid only until the next is asked for (the
   * reader copies what it keeps).
   */
  read(reuse?: boolean): AsyncIterable<Uint8Array>;
  /** Whether `read()` may be called more than once. */
  rereadable: boolean;
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('stream chunks must be bytes');
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks);
}

function bytesSource(bytes: Uint8Array, name: string): Source {
  return {
    name,
    size: bytes.length,
    rereadable: true,
    head: (n) => Promise.resolve({ bytes: bytes.subarray(0, n), complete: bytes.length <= n }),
    async *read() {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
    },
  };
}

/** A stream read once: the head is kept in memory and given again at the start of `read()`. */
function streamSource(stream: AsyncIterable<unknown>, name: string): Source {
  const it = stream[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let ended = false;
  let used = false;
  return {
    name,
    rereadable: false,
    async head(n) {
      while (!ended && bufferedBytes < n) {
        const r = await it.next();
        if (r.done) ended = true;
        else {
          const bytes = toBytes(r.value);
          buffered.push(bytes);
          bufferedBytes += bytes.length;
        }
      }
      return { bytes: concat(buffered.length ? buffered : [new Uint8Array(0)]), complete: ended };
    },
    async *read() {
      if (used) throw new Error('a stream can only be read once');
      used = true;
      yield* buffered.splice(0);
      while (!ended) {
        const r = await it.next();
        if (r.done) ended = true;
        else yield toBytes(r.value);
      }
    },
  };
}

/*
 * A local file is read with synchronous calls. An asynchronous one goes to libuv's thread pool and back
 * (a futex, an epoll wake-up, a promise): per 128 KiB chunk that was about 8 % of the CPU of validating
 * a 278 MB file, and per small file of a batch it is several round trips (stat, open, read, close). A
 * read of a regular file blocks this thread only while the system copies the bytes, which an awaited
 * read waited for too. Before each chunk (and each small file read whole), the event loop gets a turn,
 * as the awaited read gave it: this thread also serves the worker threads of a batch or of a file cut
 * into chunks, which wait for its answers (without it, `--jobs 2` on one file ran slower than before).
 */

async function fileSource(path: string, name = path): Promise<Source> {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw readError(path, path, e);
  }
  if (st.isDirectory()) throw readError(path, path, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  // A pipe or a device (e.g. a shell's <(…)) can only be read once, like stdin.
  if (!st.isFile()) return streamSource(createReadStream(path, { highWaterMark: CHUNK_BYTES }), name);
  // A file of one read chunk at most is read whole by the first head(): reading it then yields those
  // bytes (the one chunk a stream would give) instead of opening the file again. Batches of small
  // files otherwise open, read and close each file twice, a stream included (issue 14).
  let whole: Uint8Array | undefined;
  return {
    name,
    path,
    size: st.size,
    rereadable: true,
    async head(n) {
      if (whole) return { bytes: whole.subarray(0, n), complete: whole.length <= n };
      let fd: number | undefined;
      try {
        fd = openSync(path, 'r');
        const small = st.size <= CHUNK_BYTES;
        const buffer = Buffer.alloc(small ? st.size : Math.min(n, st.size));
        let got = 0;
        while (got < buffer.length) {
          const bytesRead = readSync(fd, buffer, got, buffer.length - got, got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        if (!small) return { bytes: buffer.subarray(0, got), complete: got >= st.size };
        // Shorter than its size said (truncated meanwhile): read as before, from the file.
        if (got === st.size) whole = buffer;
        return { bytes: buffer.subarray(0, Math.min(n, got)), complete: got >= st.size && got <= n };
      } catch (e) {
        throw readError(path, path, e);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    async *read(reuse) {
      if (whole) {
        await eventLoopTurn();
        if (whole.length > 0) yield whole;
        return;
      }
      if (reuse) {
        yield* readReused(path, 0, Infinity);
        return;
      }
      try {
        yield* createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>;
      } catch (e) {
        throw readError(path, path, e);
      }
    },
  };
}

/**
 * The bytes of the file at `path` from `start` to `end` (excluded, or the file's end), read in chunks of
 * CHUNK_BYTES into one buffer, reused: each chunk is valid only until the next is asked for. A fresh
 * buffer per chunk (as a read stream gives) costs its page faults and its garbage: on a 278 MB file,
 * about a third of a CPU second more (issue 14).
 */
async function* readReused(path: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let at = start; at < end;) {
      await eventLoopTurn();
      const bytesRead = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, end - at), at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } catch (e) {
    throw readError(path, path, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function sourceOf(input: string | Uint8Array, options: OpenOptions): Promise<Source> {
  if (typeof input !== 'string') return bytesSource(input, options.name ?? '<bytes>');
  if (input === '-') {
    if (!options.stdin) {
      throw new OdfError(
        'bad-option',
        'L’entrée standard (-) n’est pas disponible ici.',
        {},
        'Standard input (-) is not available here.',
      );
    }
    return streamSource(options.stdin, options.name ?? '<stdin>');
  }
  // A file read under another name (normalize's copy of standard input is shown as <stdin>).
  return fileSource(input, options.name);
}

async function allBytes(source: Source): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source.read()) chunks.push(chunk);
  return concat(chunks.length ? chunks : [new Uint8Array(0)]);
}

function checkDialectOptions(options: OpenOptions): void {
  for (const [key, value] of [
    ['delimiter', options.delimiter],
    ['quoteChar', options.quoteChar],
  ] as const) {
    if (value !== undefined && (value.length !== 1 || value === '\n' || value === '\r')) {
      throw new OdfError(
        'bad-option',
        `L’option ${key} attend un seul caractère (pas un saut de ligne), pas « ${value} ».`,
        { option: key, value },
        `Option ${key} expects one character (not a line break), not "${value}".`,
      );
    }
  }
  if (options.delimiter !== undefined && options.delimiter === (options.quoteChar ?? '"')) {
    throw new OdfError(
      'bad-option',
      'Le séparateur et le caractère de citation doivent être différents.',
      { delimiter: options.delimiter },
      'The delimiter and the quote character must differ.',
    );
  }
}

/** The encoding to read with, and whether bytes further on could still prove the guess wrong. */
interface EncodingChoice {
  encoding: string;
  confidence: number;
  bom: boolean;
  guess?: EncodingGuess;
  /** Another encoding would be chosen if a later byte contradicted the guess (EncodingVerifier `reguess`). */
  reguessable: boolean;
  /** Set when a full scan of the file changed the guess. */
  late?: EncodingVerdict;
}

function chooseEncoding(head: Uint8Array, complete: boolean, options: OpenOptions): EncodingChoice {
  const guess = detectEncoding(head, complete);
  if (options.encoding !== undefined) {
    const encoding = resolveEncodingName(options.encoding);
    return { encoding, confidence: 1, bom: guess.bom && guess.encoding === encoding, reguessable: false };
  }
  const reguessable =
    !complete &&
    (guess.reason === 'ascii' || guess.encoding === 'iso-8859-1' || guess.encoding === 'iso-8859-15');
  return { encoding: guess.encoding, confidence: guess.confidence, bom: guess.bom, guess, reguessable };
}

/**
 * Encoding guesses that a later byte could overturn (a pure-ASCII head, an ISO-8859 guess) are settled
 * on a re-readable input by a scan of the whole file before any row is read (the verifier runs at about
 * 1.4 GB/s, against about 190 MB/s for decoding and scanning: some 15 % more time, only for such files),
 * so rows are never delivered in one encoding and then found to be in another. A stream cannot be read
 * twice: it is verified while its rows are read (see `readBatches`).
 */
async function settleEncoding(source: Source, choice: EncodingChoice): Promise<EncodingChoice> {
  if (!choice.reguessable || !choice.guess || !source.rereadable) return choice;
  const verifier = new EncodingVerifier(choice.guess);
  let verdict: EncodingVerdict | undefined;
  // The verifier copies the bytes it keeps past a chunk: one reused buffer will do.
  for await (const chunk of source.read(true)) {
    verdict = verifier.push(chunk);
    if (verdict) break;
  }
  verdict ??= verifier.end();
  if (verdict?.kind === 'reguess') {
    return {
      ...choice,
      encoding: verdict.encoding,
      confidence: LATE_GUESS_CONFIDENCE,
      reguessable: false,
      late: verdict,
    };
  }
  // No contradiction in the whole file: a pure-ASCII file is certain.
  const confidence = choice.guess.reason === 'ascii' && !verdict ? 1 : choice.confidence;
  return { ...choice, confidence, reguessable: false };
}

function decodeHead(bytes: Uint8Array, complete: boolean, encoding: string): string {
  const decoder = createDecoder(encoding);
  const text = decoder.write(bytes);
  return complete ? text + decoder.end() : text;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** The header's index among the sample rows, and the findings about rows skipped above it. */
function locateHeader(
  dialect: DialectGuess,
  options: OpenOptions,
  name: string,
): { index: number; findings: Finding[] } {
  const rows = dialect.rows;
  if (options.headerRow !== undefined) {
    const index = rows.findIndex((r) => r.line === options.headerRow);
    if (index < 0) {
      const h = options.headerRow;
      throw new OdfError(
        'bad-option',
        `Aucune ligne du tableau ne commence à la ligne ${h} de ${name} (dans les premières lignes lues).`,
        { option: 'headerRow', value: h },
        `No row of the table starts on line ${h} of ${name} (within the first lines read).`,
      );
    }
    return { index, findings: [] };
  }
  const guess = findHeaderRow(
    rows.slice(0, HEADER_SCAN_ROWS).map((r) => r.cells),
    options.labelScore,
  );
  const findings: Finding[] = [];
  if (guess.skipped.length > 0) {
    const headerLine = rows[guess.index]!.line;
    findings.push({
      code: 'header-rows-skipped',
      level: 'warning',
      loc: { line: headerLine },
      params: { lines: guess.skipped.map((s) => rows[s.index]!.line), headerLine },
      fixable: true,
    });
  }
  return { index: guess.index, findings };
}

/** What the row reader needs. */
interface ReadPlan {
  source: Source;
  meta: TableMeta;
  choice: EncodingChoice;
  dialect: Pick<DialectGuess, 'delimiter' | 'quoteChar'>;
  /** Rows of the stream to drop: those above the header, and the header. */
  skip: number;
  options: OpenOptions;
  /** A chunk of the data rows (readTextRange): its first row's number and line. */
  range?: { rowNumber: number; line: number };
}

function letters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function formatFinding(p: CsvProblem, options: OpenOptions): Finding {
  const limits = readerLimits(options);
  if (p.kind === 'line-too-long') {
    return {
      code: 'line-too-long',
      level: 'error',
      loc: { line: p.line },
      params: { limit: limits.maxLineLength, line: p.line },
    };
  }
  if (p.kind === 'cell-too-long') {
    return {
      code: 'cell-too-long',
      level: 'error',
      loc: { line: p.line, fieldNumber: (p.cell ?? 0) + 1 },
      params: { limit: limits.maxCellLength, line: p.line, cell: `${letters(p.cell ?? 0)}${p.line}` },
    };
  }
  if (p.kind === 'too-many-cells') {
    return {
      code: 'table-beyond-limits',
      level: 'error',
      loc: { line: p.line },
      params: { what: 'columns', limit: limits.maxColumns, count: p.count ?? 0, line: p.line },
    };
  }
  return {
    code: 'format-error',
    level: 'error',
    loc: { line: p.line },
    params: { problem: p.kind, line: p.line },
  };
}

/**
 * A data row of a text table. A class, not an object literal: V8 may decide at one early garbage
 * collection to allocate every object of a literal straight into the old generation (allocation-site
 * pretenuring), and rows waiting in a batch made it so on some runs of the same file (a third more CPU,
 * 70 MB more memory on 100,000 rows). Objects made by `new` are not pretenured that way.
 */
const NO_BOUNDS = new Int32Array(0);

/**
 * A row of the text reader: its cells as strings, or as offsets into the decoded text (RowCuts) until
 * someone reads `cells`, which makes them then.
 */
class TextRow implements RawRow, RowCuts {
  // Private, so that the row's own properties stay `rowNumber` and `line` (with `cells` an accessor).
  #made: string[] | undefined;
  readonly #text: string;
  readonly #bounds: Int32Array;
  readonly #at: number;
  readonly #count: number;
  readonly #layout: LineLayout | undefined;
  /** The chunk whose bytes hold the row's line (see TextPass.locate), and where, or undefined. */
  #lines: ChunkLines | undefined = undefined;
  #lineBytes: LineBytes | undefined = undefined;

  constructor(
    made: string[] | undefined,
    public rowNumber: number,
    public line: number,
    text = '',
    bounds: Int32Array = NO_BOUNDS,
    at = 0,
    count = 0,
    layout?: LineLayout,
  ) {
    this.#made = made;
    this.#text = text;
    this.#bounds = bounds;
    this.#at = at;
    this.#count = count;
    this.#layout = layout;
  }

  get cells(): string[] {
    if (this.#made !== undefined) return this.#made;
    const text = this.#text;
    const bounds = this.#bounds;
    const at = this.#at;
    const count = this.#count;
    const cells = new Array<string>(count);
    for (let i = 0; i < count; i++) cells[i] = text.slice(bounds[at + 2 * i]!, bounds[at + 2 * i + 1]!);
    return (this.#made = cells);
  }

  set cells(cells: string[]) {
    this.#made = cells;
  }

  get cuts(): RowCuts | undefined {
    return this.#made === undefined ? this : undefined;
  }

  get text(): string {
    return this.#text;
  }

  get bounds(): Int32Array {
    return this.#bounds;
  }

  get at(): number {
    return this.#at;
  }

  get count(): number {
    return this.#count;
  }

  get layout(): LineLayout | undefined {
    return this.#layout;
  }

  // Made once when located: the copier tests it and the writer then reads it, for each row copied.
  get lineBytes(): LineBytes | undefined {
    const lines = this.#lines;
    return lines !== undefined && lines.live && this.#made === undefined ? this.#lineBytes : undefined;
  }

  /** The row's line is `lines.bytes[start, end)`. */
  located(lines: ChunkLines, start: number, end: number): void {
    this.#lines = lines;
    this.#lineBytes = { bytes: lines.bytes, start, end };
  }
}

/**
 * The bytes of the chunk of valid UTF-8 fed last, for OpenOptions.lineBytes, and a point of its decoded
 * text known in them: text index `char` (in the text `textLength` long the chunk decoded to) is byte
 * `byte`. `live` until the next chunk is read (the reader may reuse its buffer).
 */
class ChunkLines {
  live = true;

  constructor(
    readonly bytes: Uint8Array,
    readonly textLength: number,
    public char: number,
    public byte: number,
  ) {}
}

/**
 * The byte of text index `to`, a line start (after a CR or LF), from the text index `from` known to be
 * byte `lines.byte`: each line break character of that kind in `text[from, to)` is one such byte, in the
 * same order (an ASCII byte is never part of another character's), so the n-th in the text is the n-th
 * in the bytes. Found with a search per line break, instead of a look at every character between. -1
 * when the bytes run out (not expected).
 */
function afterBreaks(lines: ChunkLines, text: string, from: number, to: number): number {
  const ch = text.charCodeAt(to - 1);
  const s = String.fromCharCode(ch);
  let at = lines.byte - 1;
  for (let i = text.indexOf(s, from); i >= 0 && i < to; i = text.indexOf(s, i + 1)) {
    at = lines.bytes.indexOf(ch, at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}

/**
 * An empty batch already made for objects (V8's elements kind), as every batch ends up: a fresh `[]` is
 * made for small integers until its first row, so the optimised scanner code that pushes rows (rowCuts is
 * inlined there) met two kinds of array and was thrown away when a new batch came.
 */
function emptyBatch(): RawRow[] {
  const rows: (RawRow | undefined)[] = [undefined];
  rows.length = 0;
  return rows as RawRow[];
}

/**
 * One pass over a text input: each chunk is checked (encoding verifier), decoded, searched for damage and
 * scanned into rows, gathered in `batch` until the reader takes them. Findings go to meta.findings as they
 * are met (see readBatches).
 */
class TextPass implements CutsHandler {
  /** Rows scanned since the reader last took them. */
  batch: RawRow[] = emptyBatch();
  private readonly meta: TableMeta;
  private readonly options: OpenOptions;
  private readonly findings: Finding[];
  /**
   * The number of the first data row. The rows above it (those above the header, and the header) are
   * numbered from `firstRow - skip` and dropped (see rowCuts).
   */
  private readonly firstRow: number = 2;
  /** The number of the next row scanned. */
  private rowNumber: number;
  /** Lines before the first byte read (a chunk of the data rows), added to the scanner's lines. */
  private readonly lineOffset: number = 0;
  private formatErrors = 0;
  private readonly damage: DamageTracker;
  // Chunks are searched for damage (C1 controls, error values) first; only the rows of a chunk where
  // some was seen, and the row it left unfinished, are looked at cell by cell.
  private dirty = false;
  /** The end of the text fed so far, for the test of error values cut by a chunk boundary. */
  private damageTail = '';
  private checkNext = false;
  private readonly scanner: CsvScanner;
  private decoder: ChunkDecoder;
  private decodedBefore = 0;
  private replacedBefore = 0;
  private replacement: Finding | undefined;
  private doubleEncodingSeen = false;
  private readonly verifier: EncodingVerifier | undefined;
  /** OpenOptions.lineBytes: the chunk fed last, when its rows' lines can be located in its bytes. */
  private readonly wantLines: boolean;
  private lines: ChunkLines | undefined;
  private readonly quoteCode: number;

  constructor(plan: ReadPlan) {
    const { meta, choice, options } = plan;
    this.meta = meta;
    this.options = options;
    this.findings = meta.findings;
    if (plan.range) {
      this.firstRow = plan.range.rowNumber;
      this.lineOffset = plan.range.line - 1;
    }
    this.rowNumber = this.firstRow - plan.skip;
    this.damage = new DamageTracker(this.findings);
    const limits = readerLimits(options);
    this.scanner = new CsvScanner(
      {
        delimiter: plan.dialect.delimiter,
        quoteChar: plan.dialect.quoteChar,
        maxQuotedLength: limits.maxCellLength,
        maxCellLength: limits.maxCellLength,
        maxLineLength: limits.maxLineLength,
        maxColumns: limits.maxColumns,
      },
      (cells, line) => this.row(cells, line),
      (problem) => this.problem(problem),
      this,
    );
    this.decoder = createDecoder(choice.encoding);
    this.verifier = choice.reguessable && choice.guess ? new EncodingVerifier(choice.guess) : undefined;
    this.wantLines = options.lineBytes === true;
    this.quoteCode = plan.dialect.quoteChar === '' ? -1 : plan.dialect.quoteChar.charCodeAt(0);
    // take() replaces `batch`. V8 takes a field written only at construction for a constant and folds it
    // into the optimised code of the scanner (rowCuts is inlined there); the first take() then threw that
    // code away mid-run. Replaced once here, before any row, the field is known as variable from the start.
    this.batch = emptyBatch();
  }

  /** A row from the scanner: dropped above the data, else checked for damage when needed and batched. */
  private row(cells: string[], scannedLine: number): void {
    const line = scannedLine + this.lineOffset;
    const rowNumber = this.rowNumber++;
    if (this.dirty || this.checkNext) {
      if (rowNumber >= this.firstRow) this.damage.row(cells, rowNumber, line);
      this.checkNext = false;
    }
    if (rowNumber >= this.firstRow) this.batch.push(new TextRow(cells, rowNumber, line));
  }

  /** A row from the scanner as offsets, with its line's layout: as `row`, its cells made only if checked. */
  rowCuts(
    text: string,
    bounds: Int32Array,
    at: number,
    count: number,
    scannedLine: number,
    layout: LineLayout,
  ): void {
    const line = scannedLine + this.lineOffset;
    // A row above the data (the header) runs a data row's code, short of being batched, rather than a
    // branch of its own: the header is each pass's first row, and the first rows of the first pass run
    // before V8 gives this method its type feedback (lazily, after its first calls), so such a branch
    // had none, and the header of the validation pass threw away the scanner's optimised code, where
    // this method is inlined (issue 14).
    const rowNumber = this.rowNumber++;
    const row = new TextRow(undefined, rowNumber, line, text, bounds, at, count, layout);
    if (this.lines !== undefined && layout !== 'doubled') this.locate(row, text, bounds, at, count, layout);
    if (this.dirty || this.checkNext) {
      if (rowNumber >= this.firstRow) this.damage.row(row.cells, rowNumber, line);
      this.checkNext = false;
    }
    if (rowNumber >= this.firstRow) this.batch.push(row);
  }

  /**
   * Finds the row's line in the bytes of the chunk fed last (`lines`), from the point of its text known
   * there, moved to the line's end: the text between (a line break or two: counted in UTF-8 bytes;
   * longer, as rows handed otherwise: by its line breaks, see afterBreaks) is skipped, and the line's
   * end is the next byte of its line break, as a line of such a layout holds none. A row's text (a layout
   * other than `doubled`) is the scanner's buffer, which ends with the text of the chunk fed last
   * (`textLength` long): a row begun in an earlier chunk is not located.
   */
  private locate(
    row: TextRow,
    text: string,
    bounds: Int32Array,
    at: number,
    count: number,
    layout: LineLayout,
  ): void {
    const lines = this.lines!;
    const q = this.quoteCode;
    let first = bounds[at]!;
    let last = bounds[at + 2 * count - 1]!;
    // The quotes of a quoted first or last cell are on the line (before a first cell: its line break).
    if (layout === 'quoted') {
      if (first > 0 && text.charCodeAt(first - 1) === q) first--;
      if (last < text.length && text.charCodeAt(last) === q) last++;
    }
    const shift = text.length - lines.textLength;
    const from = lines.char + shift;
    // Not when the point known is no longer in the text: the scanner keeps only the unfinished line of
    // a chunk, and reads it alone at the end of the input (a line that ends the text has no line break).
    if (from < 0 || first < from || last >= text.length) return;
    const start =
      first - from <= 2 ? lines.byte + utf8Length(text, from, first) : afterBreaks(lines, text, from, first);
    const end = start < 0 ? -1 : lines.bytes.indexOf(text.charCodeAt(last), start);
    if (end < 0) return;
    row.located(lines, start, end);
    lines.char = last - shift;
    lines.byte = end;
  }

  /**
   * The chunk `chunk` was decoded to `text` (with `replaced` U+FFFD made before): its rows' lines can be
   * located in it when it is valid UTF-8 (its text is then, from any character on, the UTF-8 of those
   * bytes), from the character after its first LF on (before: maybe the end of a character begun in the
   * chunk before, or a byte order mark). The lines of the chunk before are no longer located.
   */
  private startLines(chunk: Uint8Array, text: string, replaced: number): void {
    this.endLines();
    if (this.decoder.encoding !== 'utf-8' || this.decoder.replacements !== replaced) return;
    const char = text.indexOf('\n');
    if (char >= 0) this.lines = new ChunkLines(chunk, text.length, char + 1, chunk.indexOf(10) + 1);
  }

  /** No line is located in the bytes read so far: they may be read over. */
  private endLines(): void {
    if (this.lines !== undefined) this.lines.live = false;
    this.lines = undefined;
  }

  /** A CSV syntax problem: a finding, up to MAX_FORMAT_FINDINGS. */
  private problem(problem: CsvProblem): void {
    const p = this.lineOffset ? { ...problem, line: problem.line + this.lineOffset } : problem;
    if (this.formatErrors++ < MAX_FORMAT_FINDINGS) this.findings.push(formatFinding(p, this.options));
  }

  /** The next chunk of bytes: verified (switching encoding when proved wrong), decoded and scanned. */
  push(chunk: Uint8Array): void {
    if (this.verifier) {
      const verdict = this.verifier.push(chunk);
      if (verdict?.kind === 'reguess') this.switchEncoding(verdict);
    }
    const replaced = this.decoder.replacements;
    const text = this.decoder.write(chunk);
    if (this.wantLines) this.startLines(chunk, text, replaced);
    this.feed(text, false);
  }

  /** The rows batched so far, handed over. */
  take(): RawRow[] {
    const rows = this.batch;
    this.batch = emptyBatch();
    return rows;
  }

  /** The end of the bytes: the decoder's and the scanner's last rows, the final counts. */
  end(): void {
    const last = this.decoder.end();
    // Text made at the end (an unfinished character's U+FFFD) is none of the last chunk's bytes.
    if (last.length > 0) this.endLines();
    this.feed(last, true);
    this.dirty = this.checkNext;
    this.scanner.end();
    this.damage.end();
    if (this.replacement) this.replacement.params.replaced = this.replacedBefore + this.decoder.replacements;
    this.meta.rowCount = this.rowNumber - 2;
  }

  /** Scan decoded text, after the findings about its characters (their lines are the scanner's). */
  private feed(text: string, atEnd: boolean): void {
    if (!this.replacement && this.decoder.replacements > 0 && this.decoder.firstReplacementAt !== undefined) {
      this.noteReplacement(text, atEnd);
    }
    this.decodedBefore += text.length;
    if (!this.doubleEncodingSeen && text.length > 0) this.noteDoubleEncoding(text);
    if (text.length > 0) {
      this.dirty = mayHoldDamage(text, this.decoder.lastC1) || mayHoldDamageAcross(this.damageTail, text);
      this.damageTail = damageTail(this.damageTail, text);
    } else this.dirty = false;
    this.scanner.push(text);
    if (this.dirty) {
      this.dirty = false;
      this.checkNext = true;
    }
  }

  /** The first U+FFFD the decoder had to produce: `encoding-error` (its count is set at the end). */
  private noteReplacement(text: string, atEnd: boolean): void {
    const decoder = this.decoder;
    const at = Math.max(0, decoder.firstReplacementAt! - this.decodedBefore);
    const line = this.scanner.lineAfter(text.slice(0, at));
    const utf16 = decoder.encoding.startsWith('utf-16');
    const reason = atEnd ? 'truncated' : utf16 ? 'unpaired-surrogate' : 'invalid-bytes';
    this.replacement = {
      code: 'encoding-error',
      level: 'error',
      loc: { line },
      params: { encoding: decoder.encoding, replaced: 0, line, reason },
    };
    this.findings.push(this.replacement);
  }

  /** The first double-encoded character (`Ã©` for `é`): `double-encoded-text`. */
  private noteDoubleEncoding(text: string): void {
    const hit = findDoubleEncoding(text);
    if (!hit) return;
    this.doubleEncodingSeen = true;
    const line = this.scanner.lineAfter(text.slice(0, hit.index));
    this.findings.push({
      code: 'double-encoded-text',
      level: 'warning',
      loc: { line },
      params: { sample: hit.sample, repaired: hit.repaired, line },
      value: hit.sample,
      fixable: true,
    });
  }

  /** The verifier proved the guess wrong: say where, and decode the rest with the better encoding. */
  private switchEncoding(verdict: EncodingVerdict): void {
    this.endLines();
    this.feed(this.decoder.end(), false);
    this.replacedBefore += this.decoder.replacements;
    this.findings.push({
      code: 'encoding-error',
      level: 'error',
      loc: { line: verdict.line },
      params: {
        encoding: this.decoder.encoding,
        replaced: 0,
        line: verdict.line,
        suggested: verdict.encoding,
        reason: 'invalid-bytes',
      },
    });
    this.decoder = createDecoder(verdict.encoding);
    this.decodedBefore = 0;
    this.meta.encoding = this.decoder.encoding;
    this.meta.encodingConfidence = LATE_GUESS_CONFIDENCE;
  }
}

/**
 * Stream the rows: bytes → decoder → scanner, in CHUNK_BYTES chunks, one pass. Findings go to
 * meta.findings as they are met: the first U+FFFD the decoder had to produce (`encoding-error`, its count
 * updated at the end), the first double-encoded character (`double-encoded-text`), CSV syntax
 * (`format-error`). On a stream whose head left the encoding open, the verifier runs on each chunk before
 * it is decoded; when it proves the guess wrong, the rest is decoded with the better encoding (rows before
 * it were read with the guess — for a pure-ASCII head, identically) and an `encoding-error` says where and
 * what to use.
 */
async function* readBatches(plan: ReadPlan): AsyncGenerator<RawRow[], void, undefined> {
  const pass = new TextPass(plan);
  let bytesRead = 0;
  // TextPass copies the bytes it keeps past a chunk (decoder and verifier carries): one buffer will do.
  for await (const chunk of plan.source.read(true)) {
    bytesRead += chunk.length;
    plan.options.onProgress?.(bytesRead);
    pass.push(chunk);
    if (pass.batch.length > 0) yield pass.take();
  }
  pass.end();
  if (pass.batch.length > 0) yield pass.take();
}

/**
 * The rows of the batches, one by one. Written by hand rather than as an async generator: a `yield` per
 * row in an async generator doubled the cost of reading (measured), while serving a ready batch is one
 * resolved promise per row. Breaking out of `for await` closes the batches, hence the file. A class, not
 * an object of closures: its methods are the same functions for every file, so that the loops that call
 * them, optimised on one file, do not deoptimise on the next one's (a call site that saw one closure is
 * compiled for that closure alone).
 */
class BatchRows implements AsyncIterableIterator<RawRow, undefined>, RowIterator {
  private current: RawRow[] = [];
  private i = 0;

  constructor(private readonly batches: AsyncGenerator<RawRow[], void, undefined>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  nextReady(): RawRow | undefined {
    return this.i < this.current.length ? this.current[this.i++] : undefined;
  }

  next(): Promise<IteratorResult<RawRow, undefined>> {
    return this.i < this.current.length
      ? Promise.resolve({ value: this.current[this.i++]!, done: false })
      : this.refill();
  }

  async return(): Promise<IteratorResult<RawRow, undefined>> {
    this.current = [];
    this.i = 0;
    await this.batches.return();
    return { value: undefined, done: true };
  }

  private async refill(): Promise<IteratorResult<RawRow, undefined>> {
    for (;;) {
      const r = await this.batches.next();
      if (r.done) return { value: undefined, done: true };
      if (r.value.length > 0) {
        this.current = r.value;
        this.i = 1;
        return { value: this.current[0]!, done: false };
      }
    }
  }
}

/** The head of a text input, decoded and sniffed, widened until it holds a header and a row. */
async function sniffHead(
  source: Source,
  options: OpenOptions,
): Promise<{ choice: EncodingChoice; dialect: DialectGuess; complete: boolean }> {
  let { bytes: head, complete } = await source.head(HEAD_BYTES);
  let choice = await settleEncoding(source, chooseEncoding(head, complete, options));
  let text = decodeHead(head, complete, choice.encoding);
  let dialect = sniffDialect(text, { delimiter: options.delimiter, quoteChar: options.quoteChar, complete });
  // Very long rows: widen the head until it holds a header and a row (or all of the input).
  while (!complete && dialect.rows.length < 2 && head.length < MAX_HEAD_BYTES) {
    ({ bytes: head, complete } = await source.head(Math.min(MAX_HEAD_BYTES, head.length * 4)));
    if (!choice.late && options.encoding === undefined) {
      choice = await settleEncoding(source, chooseEncoding(head, complete, options));
    }
    text = decodeHead(head, complete, choice.encoding);
    dialect = sniffDialect(text, { delimiter: options.delimiter, quoteChar: options.quoteChar, complete });
  }
  return { choice, dialect, complete };
}

/** Refuse a head of blank lines only: an empty file, or no line break in the widest head. */
function checkHasRows(dialect: DialectGuess, complete: boolean, name: string): void {
  if (!dialect.rows.every((r) => isBlank(r.cells))) return;
  if (complete) {
    throw new OdfError(
      'empty-file',
      `Le fichier ${name} ne contient aucune donnée (seulement des lignes vides).`,
      { name },
      `The file ${name} holds no data (only blank lines).`,
    );
  }
  if (dialect.rows.length === 0) {
    throw new OdfError(
      'not-a-table',
      `Ce fichier (${name}) n’est pas un tableau : aucune fin de ligne dans ses ${MAX_HEAD_BYTES / 1024 / 1024} premiers Mio.`,
      { name },
      `This file (${name}) is not a table: no line break in its first ${MAX_HEAD_BYTES / 1024 / 1024} MiB.`,
    );
  }
}

/** What the encoding choice tells the user: a guess (`encoding-guessed`), an encoding other than UTF-8. */
function encodingFindings(choice: EncodingChoice, options: OpenOptions): Finding[] {
  const findings: Finding[] = [];
  if (choice.late) {
    findings.push({
      code: 'encoding-guessed',
      level: 'info',
      loc: { line: choice.late.line },
      params: {
        encoding: choice.encoding,
        confidence: choice.confidence,
        reason: 'late-contradiction',
        line: choice.late.line,
        alternative: alternativeEncoding(choice.encoding),
      },
    });
  } else if (
    choice.guess &&
    options.encoding === undefined &&
    (choice.confidence < REPORT_GUESS_BELOW || choice.guess.evidence !== undefined)
  ) {
    // Mac Roman is always said, with the bytes that decided it: it is rare enough to surprise.
    findings.push({
      code: 'encoding-guessed',
      level: 'info',
      loc: {},
      params: {
        encoding: choice.encoding,
        confidence: choice.confidence,
        reason: choice.guess.reason,
        alternative: alternativeEncoding(choice.encoding),
        ...(choice.guess.evidence ? { evidence: choice.guess.evidence } : {}),
      },
    });
  }
  if (choice.encoding !== 'utf-8') {
    findings.push({
      code: 'encoding-not-utf8',
      level: 'warning',
      loc: {},
      params: { encoding: choice.encoding },
      fixable: true,
    });
  }
  return findings;
}

/** The header row's labels (cut at the column limit) and line; its findings are added to `findings`. */
function headerOf(
  dialect: DialectGuess,
  index: number,
  options: OpenOptions,
  findings: Finding[],
): { cells: string[]; line: number } {
  const cells = dialect.rows[index]?.cells ?? [];
  const line = dialect.rows[index]?.line ?? 1;
  // The header is a row too: past the column limit its labels are left out, as a data row's cells are.
  const { maxColumns } = readerLimits(options);
  if (cells.length > maxColumns) {
    const count = cells.length - maxColumns;
    cells.length = maxColumns;
    findings.push(formatFinding({ kind: 'too-many-cells', line, cell: maxColumns, count }, options));
  }
  if (isSpacesRow(cells)) {
    findings.push({
      code: 'header-blank',
      level: 'error',
      loc: { line },
      params: { line, columns: cells.length },
    });
  }
  new DamageTracker(findings).labels(cells, line);
  return { cells, line };
}

/** Open a text table: sniff its head (encoding, dialect, header), then stream its rows once. */
async function openText(source: Source, options: OpenOptions): Promise<OpenTable> {
  checkDialectOptions(options);
  const { choice, dialect, complete } = await sniffHead(source, options);
  checkHasRows(dialect, complete, source.name);
  const header = locateHeader(dialect, options, source.name);
  const findings = encodingFindings(choice, options);
  for (const f of header.findings) findings.push(f);
  const { cells: headerCells, line: headerLine } = headerOf(dialect, header.index, options, findings);
  const meta: TableMeta = {
    path: source.name,
    format: 'csv',
    encoding: choice.encoding,
    encodingConfidence: choice.confidence,
    bom: choice.bom,
    delimiter: dialect.delimiter,
    quoteChar: dialect.quoteChar,
    ...(dialect.lineTerminator ? { lineTerminator: dialect.lineTerminator } : {}),
    headerRow: headerLine,
    columns: headerCells,
    ...(source.size !== undefined ? { bytes: source.size } : {}),
    findings,
  };
  const skip = header.index + 1;
  const rows = new BatchRows(readBatches({ source, meta, choice, dialect, skip, options }));
  const text: TextReading | undefined =
    source.path === undefined || choice.reguessable
      ? undefined
      : {
          path: source.path,
          size: source.size ?? 0,
          encoding: choice.encoding,
          delimiter: dialect.delimiter,
          quoteChar: dialect.quoteChar,
          records: skip,
        };
  return text ? { meta, rows, text } : { meta, rows };
}

/**
 * The rows of one chunk of a text file's data (bytes [start, end), cut at record boundaries), read
 * with the encoding and dialect its opening settled (`OpenTable.text`), numbered from `rowNumber` at
 * physical line `line`: what reading the whole file gives for those rows, on another thread.
 * `meta.findings` gets what the reader met in the chunk (encoding, format, damage).
 */
export function readTextRange(
  text: TextReading,
  range: { start: number; end: number; rowNumber: number; line: number },
  options: OpenOptions = {},
): OpenTable {
  const meta: TableMeta = { path: text.path, format: 'csv', headerRow: 1, columns: [], findings: [] };
  const source: Source = {
    name: text.path,
    path: text.path,
    rereadable: true,
    head: () => Promise.reject(new Error('a range is read, not sniffed')),
    // Read by readBatches only, which copies what it keeps past a chunk: always one reused buffer.
    async *read() {
      if (range.end <= range.start) return;
      yield* readReused(text.path, range.start, range.end);
    },
  };
  const choice: EncodingChoice = { encoding: text.encoding, confidence: 1, bom: false, reguessable: false };
  const dialect = { delimiter: text.delimiter, quoteChar: text.quoteChar };
  const rows = new BatchRows(
    readBatches({
      source,
      meta,
      choice,
      dialect,
      skip: 0,
      options,
      range: { rowNumber: range.rowNumber, line: range.line },
    }),
  );
  return { meta, rows };
}

/**
 * Open a table: a path, '-' for standard input (`options.stdin`), or the bytes of a file. Reads a
 * bounded head to tell the format (a workbook goes to the spreadsheet reader), the encoding (or
 * `options.encoding`), the dialect and the header row, then `rows` streams the data rows once, header
 * excluded; `meta.findings` grows while they are read and `meta.rowCount` is set at the end.
 *
 * Failures (thrown OdfError): `file-not-found`, `file-unreadable` (a directory, no permission),
 * `empty-file`, `not-a-table` (an image, a PDF, a web page…), `bad-option`, `encoding-unsupported`, and
 * the spreadsheet reader's own. Malformed data is never a failure: it is a finding.
 */
export async function openTable(input: string | Uint8Array, options: OpenOptions = {}): Promise<OpenTable> {
  const source = await sourceOf(input, options);
  const { bytes: head } = await source.head(HEAD_BYTES);
  const format = sniffFormat(head);
  if (!TABLE_FORMATS.has(format)) throw notATableError(format, source.name);
  if (format !== 'text') {
    // Loaded only for workbooks: the spreadsheet library is big.
    const { openWorkbook } = await import('./xlsx.js');
    if (source.path !== undefined) return openWorkbook({ path: source.path, name: source.name }, options);
    return openWorkbook({ bytes: await allBytes(source), name: source.name }, options);
  }
  return openText(source, options);
}

/**
 * What odf detects about a table: opens it and reads all its rows (streaming, memory stays flat) so that
 * `rowCount` and every reading finding are known.
 */
export async function detect(input: string | Uint8Array, options: OpenOptions = {}): Promise<TableMeta> {
  const table = await openTable(input, options);
  let count = 0;
  for await (const _row of table.rows) count++;
  table.meta.rowCount ??= count;
  return table.meta;
}
