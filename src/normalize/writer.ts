// The normalised CSV writer: one row per validated row (canonical values), atomic outputs, hash and counts.
import { createHash } from 'node:crypto';
import type { RowOutcome, UnacceptedList } from '../validate/types.js';
import type { Redactor } from '../privacy/index.js';
import type { Field } from '../schema/types.js';
import { formatCell, formatRow, quoteFreeCanonical, UTF8_BOM } from './csv-writer.js';
import { openAtomicStream, writeToSink, type AtomicStream } from '../output/atomic.js';

/** What the writer writes: where, with which header, and which input columns it keeps beyond the schema. */
export interface WriterOptions {
  /** Output CSV (absolute path), or '-' for `stdout`. */
  output: string;
  stdout?: { write(s: string | Uint8Array): unknown };
  /** Rejected rows (--drop-invalid), beside the output. */
  rejected?: string;
  bom?: boolean;
  /** The output header: the schema's fields, then the kept extra columns. */
  header: readonly string[];
  /** The schema's fields (the first columns of the header). */
  fields: readonly Field[];
  /** Per schema field, the input column feeding it, or -1: where a cell accepted in place is read. */
  columns: readonly number[];
  /** Input columns kept after the schema's fields (--keep-extra). */
  keptExtra: readonly { column: number }[];
  redactor?: Redactor;
  /** `--escape-formulas`: prefix cells a spreadsheet would run as formulas with `'` (OWASP). */
  escapeFormulas?: boolean;
  /**
   * The input is CSV read with the delimiter `,` and the quote `"`: a row written as read may then be
   * copied from its input line (see createLineCopier).
   */
  commaInput?: boolean;
}

/** Rows read, written, rejected and blank rows dropped (read = written + rejected + blank). */
export interface WriteCounts {
  read: number;
  written: number;
  rejected: number;
  blankDropped: number;
}

/** A normalised CSV being written. */
export interface CsvWriter {
  /**
   * The validation loop's `onRow`: writes (or rejects) each row; a promise when the output must drain.
   * `unaccepted`: the row's fields not accepted in place, when the caller has them (see UnacceptedList).
   */
  onRow(row: RowOutcome, unaccepted?: UnacceptedList): Promise<void> | undefined;
  /** Write what is buffered. */
  flush(): Promise<void>;
  /** Publish the outputs (rename the temporary files). */
  commit(): Promise<{ bytes: number; sha256: string }>;
  /** Leave nothing behind. */
  abort(): Promise<void>;
  readonly counts: WriteCounts;
}

/** The output file (none for standard output) and the rejected-rows file; neither when one fails. */
async function openOutputs(
  o: WriterOptions,
  toStdout: boolean,
): Promise<{ out: AtomicStream | undefined; rej: AtomicStream | undefined }> {
  const out = toStdout ? undefined : openAtomicStream(o.output);
  try {
    return { out, rej: o.rejected ? openAtomicStream(o.rejected) : undefined };
  } catch (e) {
    // The output's temporary exists already: the run ends here, with no file of its own left.
    await out?.abort();
    throw e;
  }
}

/**
 * Open the outputs and write the header. Each row is written with its valid values in canonical form and
 * its invalid cells as they were; with --drop-invalid, rows with errors go to the rejected file (same
 * shape, with their row number and error codes). Rows are gathered into chunks of about 64 KiB: hashing,
 * counting bytes and writing per chunk, not per row.
 */
export async function openCsvWriter(o: WriterOptions): Promise<CsvWriter> {
  const toStdout = o.output === '-';
  const { out, rej } = await openOutputs(o, toStdout);
  const hash = createHash('sha256');
  let bytes = 0;
  const buffered = new OutputChunk();
  const flush = async (): Promise<void> => {
    if (buffered.size === 0) return;
    // Standard output may keep the bytes it is given: its own copy, the buffer being reused.
    const chunk = toStdout ? Buffer.from(buffered.take()) : buffered.take();
    hash.update(chunk);
    bytes += chunk.byteLength;
    // Standard output: wait while it is full, one sentence when it fails (a full disk behind `>`).
    if (toStdout) {
      if (o.stdout) await writeToSink(o.stdout, chunk);
    } else await out!.write(chunk);
  };
  const counts: WriteCounts = { read: 0, written: 0, rejected: 0, blankDropped: 0 };
  const header = o.redactor ? o.redactor.header : o.header;
  const format = { escapeFormulas: Boolean(o.escapeFormulas) };
  buffered.add((o.bom ? UTF8_BOM : '') + formatRow(header, format));
  if (rej) await rej.write(formatRow(['_ligne', '_erreurs', ...header], format));
  const fields = o.fields.length;
  const width = o.header.length;
  // Rows written as they come: no redaction, no formula escaping (formatRow does both).
  const plain = o.redactor === undefined && !format.escapeFormulas;
  // Per field: true when a valid cell's canonical text never needs quotes (numbers, enums…).
  const quoteFreeValid = o.fields.map(quoteFreeCanonical);
  const columns = o.columns;
  /** The text of a field's cell accepted in place (RowOutcome.accepted): its canonical text, read from the view. */
  const inPlace = (row: RowOutcome, i: number): string => {
    const view = row.view;
    const c = columns[i]!;
    return view.source(c).slice(view.start(c), view.end(c));
  };
  const copied = lineCopierFor(o, plain);

  return {
    counts,
    flush,
    onRow(row, unaccepted) {
      counts.read++;
      if (row.blank) {
        counts.blankDropped++;
        return undefined;
      }
      // The common row (nothing to redact, nowhere to reject it): its cells go straight into the chunk.
      if (plain && (rej === undefined || row.errors === 0)) {
        counts.written++;
        const copy = copied?.(row, unaccepted);
        if (copy === LINE_BYTES) {
          const line = row.raw.cuts!.lineBytes!;
          return buffered.addLine(line.bytes, line.start, line.end) >= 1 << 16 ? flush() : undefined;
        }
        if (copy !== undefined) return buffered.add(copy) >= 1 << 16 ? flush() : undefined;
        const { results, cells } = row;
        let line = '';
        for (let i = 0; i < fields; i++) {
          const r = results[i];
          if (i > 0) line += ',';
          if (r === row.accepted) line += quoteFreeValid[i] ? inPlace(row, i) : formatCell(inPlace(row, i));
          else if (r !== undefined && r.kind === 'ok')
            line += quoteFreeValid[i] ? r.canonical : formatCell(r.canonical);
          else line += formatCell(cells[i] ?? '');
        }
        for (let k = 0; k < o.keptExtra.length; k++) {
          if (fields + k > 0) line += ',';
          line += formatCell(extra(row, o.keptExtra[k]!.column));
        }
        return buffered.add(line + '\r\n') >= 1 << 16 ? flush() : undefined;
      }
      const cells: string[] = new Array(width);
      for (let i = 0; i < fields; i++) {
        const r = row.results[i];
        if (r === row.accepted) cells[i] = inPlace(row, i);
        else cells[i] = r?.kind === 'ok' ? r.canonical : (row.cells[i] ?? '');
      }
      for (let k = 0; k < o.keptExtra.length; k++) cells[fields + k] = extra(row, o.keptExtra[k]!.column);
      const written = o.redactor ? o.redactor.row(cells) : cells;
      if (rej && row.errors > 0) {
        counts.rejected++;
        return rej.write(
          formatRow([String(row.raw.rowNumber), row.errorCodes.join(' '), ...written], format),
        );
      }
      counts.written++;
      return buffered.add(formatRow(written, format)) >= 1 << 16 ? flush() : undefined;
    },
    async commit() {
      await flush();
      await out?.commit();
      await rej?.commit();
      return { bytes, sha256: hash.digest('hex') };
    },
    async abort() {
      await out?.abort();
      await rej?.abort();
    },
  };
}

/**
 * A chunk of the output being gathered: text, and lines copied from the input's bytes (RowCuts.lineBytes,
 * through the line copier's LINE_BYTES). Text is kept as a string until a line's bytes come or the chunk
 * is taken, then written in UTF-8 into one buffer kept from chunk to chunk: a file's writes are
 * synchronous (openAtomicStream), done with a chunk's bytes before the next is made. A text takes 3
 * bytes per UTF-16 unit at most (a surrogate pair 4 for 2), so room is made without counting its bytes.
 */
class OutputChunk {
  private text = '';
  private buffer = Buffer.alloc(0);
  private length = 0;

  /** The chunk's size so far: bytes and UTF-16 units of text. */
  get size(): number {
    return this.length + this.text.length;
  }

  /** Appends text; returns the chunk's size. */
  add(text: string): number {
    this.text += text;
    return this.length + this.text.length;
  }

  /** Appends the line `bytes[start, end)` and a CRLF; returns the chunk's size. */
  addLine(bytes: Uint8Array, start: number, end: number): number {
    this.encodeText();
    const n = end - start;
    this.room(n + 2);
    const buffer = this.buffer;
    const at = this.length;
    // A view made directly: `subarray` of a Buffer goes through its species constructor, slower.
    buffer.set(new Uint8Array(bytes.buffer, bytes.byteOffset + start, n), at);
    buffer[at + n] = 13;
    buffer[at + n + 1] = 10;
    return (this.length = at + n + 2);
  }

  /** The chunk's bytes, valid until the next append; the chunk is empty after. */
  take(): Buffer {
    this.encodeText();
    const chunk = this.buffer.subarray(0, this.length);
    this.length = 0;
    return chunk;
  }

  private encodeText(): void {
    const text = this.text;
    if (text === '') return;
    this.room(3 * text.length);
    this.length += this.buffer.write(text, this.length, this.buffer.length - this.length, 'utf8');
    this.text = '';
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.length + n, 2 * this.buffer.length, 3 << 17));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** A cell of an extra input column kept. */
const extra = (row: RowOutcome, column: number): string =>
  column < row.view.count ? row.view.cell(column) : '';

/** The writer's line copier, when its rows may be copied: plain rows of a comma CSV, columns in order. */
function lineCopierFor(
  o: WriterOptions,
  plain: boolean,
): ((row: RowOutcome, unaccepted?: UnacceptedList) => string | typeof LINE_BYTES | undefined) | undefined {
  const fields = o.fields.length;
  // The output's columns are the input's, in order: field i reads column i, kept extra k column fields + k.
  const sameColumns =
    o.columns.every((c, i) => c === i) && o.keptExtra.every((e, k) => e.column === fields + k);
  // One column: a reader's row of cells (not in place) is a cell alone, quoted or not: never copied.
  return o.commaInput === true && plain && sameColumns && o.header.length >= 2
    ? createLineCopier(fields, o.header.length)
    : undefined;
}

/**
 * What the line copier returns for a row written as its whole line as read (from its line start to its
 * end), when the reader located that line's bytes (RowCuts.lineBytes): the writer copies those bytes.
 */
export const LINE_BYTES = 0;

// Positions past any string (V8 strings are shorter than 2^29), kept a small integer.
const NONE = 0x3fffffff;

/**
 * The next occurrence of one character in a text, searched with `indexOf` and kept while the searches
 * go forward without passing it: rows read in order cost about one search per occurrence, not a look at
 * every character of every row. `reset` when the text changes.
 */
class ForwardSearch {
  /** Where the kept search started (NONE: nothing kept), and what it found (NONE: none). */
  private from = NONE;
  private at = 0;

  constructor(private readonly char: string) {}

  /** The character's first position at or after `from` in `s`, or NONE. */
  next(s: string, from: number): number {
    if (from < this.from || this.at < from) {
      this.from = from;
      const at = s.indexOf(this.char, from);
      this.at = at < 0 ? NONE : at;
    }
    return this.at;
  }

  reset(): void {
    this.from = NONE;
  }
}

/**
 * Copies a row's line from the input, for a CSV read with the delimiter `,` and the quote `"` whose
 * columns are the output's, in order, at least two of them. The copier returns the row's output
 * line (with its CRLF), LINE_BYTES when that line is its input line whose bytes the reader located, or
 * undefined when the row must be written cell by cell. It reads the row as the
 * reader cut it (RawRow.cuts: a row whose cells were made strings, such as the sample's, is never copied)
 * and copies `text[first, last)` only when that text is, byte for byte, what the cell-by-cell writer
 * would write:
 * - each field's written text (the text accepted in place, the canonical text, or the invalid cell as read)
 *   is the cell's text in the line;
 * - the cells are laid out as `cell,cell,"cell",…` (a quote right before a cell's start marks it quoted;
 *   its closing quote must be at its end; one delimiter between cells, nothing else);
 * - the row holds no CR or LF, and only a quoted cell holds a quote: such a cell is copied with its quotes
 *   doubled (the reader made each doubled quote of the input one);
 * - a quoted cell holds a comma or a quote (the writer quotes it too), an unquoted one none: the reader cut
 *   it at its delimiter, `,`, so it holds no comma.
 * A row whose layout the reader vouches for (RowCuts.layout) holds no line break and its cells are laid
 * out as above: it is copied after checking its fields' results and, on a quoted line, that each quoted
 * cell holds a comma or a quote. Any other row is searched: `"`, CR and LF are found with `indexOf` from
 * cached positions, moved only once passed, so a row without them costs about one search each, not a
 * look at every character; a row without quotes is checked cell by cell only for its delimiters and its
 * fields' results.
 */
export function createLineCopier(
  fields: number,
  width: number,
): (row: RowOutcome, unaccepted?: UnacceptedList) => string | typeof LINE_BYTES | undefined {
  let src = '';
  const quote = new ForwardSearch('"');
  const cr = new ForwardSearch('\r');
  const lf = new ForwardSearch('\n');
  /** True when `s[first, last)` holds no CR and no LF. */
  const noBreak = (s: string, first: number, last: number): boolean =>
    cr.next(s, first) >= last && lf.next(s, first) >= last;
  /** True when field `i`'s written text (not accepted in place) is its cell's text in the line. */
  const asRead = (row: RowOutcome, s: string, bounds: Int32Array, at: number, i: number): boolean => {
    const r = row.results[i];
    const a = bounds[at + 2 * i]!;
    const text = r !== undefined && r.kind === 'ok' ? r.canonical : (row.cells[i] ?? '');
    const n = text.length;
    // An empty text (a missing cell, the commonest not accepted in place) is its empty cell's.
    return n === bounds[at + 2 * i + 1]! - a && (n === 0 || s.startsWith(text, a));
  };
  return (row, unaccepted) => {
    const cuts = row.raw.cuts;
    if (cuts === undefined || cuts.count !== width) return undefined;
    const s = cuts.text;
    const bounds = cuts.bounds;
    const at = cuts.at;
    if (unaccepted === undefined) {
      const { results, accepted } = row;
      for (let i = 0; i < fields; i++)
        if (results[i] !== accepted && !asRead(row, s, bounds, at, i)) return undefined;
    } else {
      // The fields accepted in place are written as read: only the others are compared.
      const list = unaccepted.fields;
      for (let k = 0; k < unaccepted.count; k++) {
        const i = list[k]!;
        if (i < fields && !asRead(row, s, bounds, at, i)) return undefined;
      }
    }
    const first = bounds[at]!;
    const last = bounds[at + 2 * width - 1]!;
    if (s !== src) {
      src = s;
      quote.reset();
      cr.reset();
      lf.reset();
    }
    // The scanner vouches for the line's layout: no line break, one delimiter between cells, and either
    // no quote at all or only quoted cells' quotes (see LineLayout). Nothing to search again.
    const layout = cuts.layout;
    // A vouched line other than `doubled` is written as read, from its line start to its end: its
    // bytes, when the reader located them, are copied as they are.
    if (layout === 'unquoted')
      return cuts.lineBytes !== undefined ? LINE_BYTES : s.slice(first, last) + '\r\n';
    if (layout === 'quoted') return vouchedQuotedLine(s, bounds, at, width, cuts.lineBytes !== undefined);
    if (layout !== undefined) return quotedLine(s, bounds, at, width, quote, noBreak, layout);
    // No quote from the one that would open the first cell to the one that would close the last: no
    // cell is quoted, each is unquoted text cut at the delimiter.
    if (quote.next(s, first > 0 ? first - 1 : 0) > last) {
      for (let i = 1; i < width; i++) {
        const end = bounds[at + 2 * i - 1]!;
        if (bounds[at + 2 * i] !== end + 1 || s.charCodeAt(end) !== 44) return undefined;
      }
      return noBreak(s, first, last) ? s.slice(first, last) + '\r\n' : undefined;
    }
    return quotedLine(s, bounds, at, width, quote, noBreak, undefined);
  };
}

/**
 * The output line of a comma row the scanner vouches is `quoted` (see LineLayout), or undefined: the
 * line as it is, when each quoted cell holds a comma (LINE_BYTES when `located`: its bytes are known). Such a line's only quotes open and close its
 * quoted cells, none inside: walking them with `indexOf` visits the quoted cells alone, not every cell.
 */
function vouchedQuotedLine(
  s: string,
  bounds: Int32Array,
  at: number,
  width: number,
  located: boolean,
): string | typeof LINE_BYTES | undefined {
  const a = bounds[at]!;
  const lastStart = bounds[at + 2 * width - 2]!;
  const lastEnd = bounds[at + 2 * width - 1]!;
  // A cell is quoted when a quote is right before its start (as quotedLine tells); width >= 2, so the
  // last cell starts after a delimiter.
  const first = a > 0 && s.charCodeAt(a - 1) === 34 ? a - 1 : a;
  const last = s.charCodeAt(lastStart - 1) === 34 ? lastEnd + 1 : lastEnd;
  for (let open = s.indexOf('"', first); open >= 0 && open < last;) {
    const close = s.indexOf('"', open + 1);
    const comma = s.indexOf(',', open + 1);
    if (comma < 0 || comma >= close) return undefined;
    open = s.indexOf('"', close + 1);
  }
  return located ? LINE_BYTES : s.slice(first, last) + '\r\n';
}

/**
 * The output line of a comma row holding a quote (see createLineCopier), or undefined: each quoted cell
 * must hold a comma or a quote, its inner quotes (made single by the reader) doubled again. `layout`:
 * how the scanner vouches the line is quoted, or undefined: then the cells' layout, their quotes and the
 * line breaks are checked here (`noBreak`). A vouched line needs none of that; only its quoted cells can
 * hold a quote, and only on a `doubled` line.
 */
function quotedLine(
  s: string,
  bounds: Int32Array,
  at: number,
  width: number,
  quote: ForwardSearch,
  noBreak: (s: string, first: number, last: number) => boolean,
  layout: 'quoted' | 'doubled' | undefined,
): string | undefined {
  const vouched = layout !== undefined;
  const quotedMayHoldQuote = layout !== 'quoted';
  let first = 0;
  let prevEnd = 0;
  let prevQuoted = false;
  // The line so far (cells whose quotes are doubled again) and where the copy from the source resumes.
  let line = '';
  let copiedTo = 0;
  for (let i = 0; i < width; i++) {
    const a = bounds[at + 2 * i]!;
    const b = bounds[at + 2 * i + 1]!;
    // Never read before the text (a row at its start): an index out of range deoptimises this code, and
    // V8 then calls charCodeAt instead of inlining it, for every cell of every row.
    const quoted = a > 0 && s.charCodeAt(a - 1) === 34;
    if (i === 0) first = copiedTo = quoted ? a - 1 : a;
    else if (!vouched) {
      const comma = prevQuoted ? prevEnd + 1 : prevEnd;
      if (s.charCodeAt(comma) !== 44 || (quoted ? comma + 2 : comma + 1) !== a) return undefined;
    }
    if (quoted && !vouched && s.charCodeAt(b) !== 34) return undefined;
    if ((quoted ? quotedMayHoldQuote : !vouched) && quote.next(s, a) < b) {
      // A quote in a quoted cell (a line whose doubled quotes the reader made single): doubled again.
      // Each is copied with the text before it, and the copy resumes at it, so it is written twice: one
      // slice per quote, where replacing quotes in a slice of the cell made a slice and a new string.
      if (!quoted) return undefined;
      for (let q = quote.next(s, a); q < b; q = quote.next(s, q + 1)) {
        line += s.slice(copiedTo, q + 1);
        copiedTo = q;
      }
    } else if (quoted) {
      const comma = s.indexOf(',', a);
      if (comma < 0 || comma >= b) return undefined;
    }
    prevEnd = b;
    prevQuoted = quoted;
  }
  const last = prevQuoted ? prevEnd + 1 : prevEnd;
  if (!vouched && !noBreak(s, first, last)) return undefined;
  return line + s.slice(copiedTo, last) + '\r\n';
}
