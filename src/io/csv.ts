// The CSV scanner: decoded text chunks in, rows of cells out (with their physical line), tolerant of real-world files.
import type { LineLayout } from './types.js';

/** What went wrong in the CSV syntax; each becomes a `format-error` finding. */
export type CsvProblemKind =
  | 'unclosed-quote'
  | 'stray-quote'
  | 'text-after-quote'
  | 'line-too-long'
  | 'cell-too-long'
  | 'too-many-cells';

/**
 * A syntax problem met while scanning, with the physical line (1-based) where it is. The limits
 * (`line-too-long`, `cell-too-long`, `too-many-cells`) also give the 0-based `cell` concerned and the
 * `count` of cells left out.
 */
export interface CsvProblem {
  kind: CsvProblemKind;
  line: number;
  cell?: number;
  count?: number;
}

/** How to split the text into rows and cells. */
export interface CsvScannerOptions {
  /** One character: ',', ';', '\t', '|' … */
  delimiter: string;
  /** One character, usually '"'; '' when the text does not quote its fields (tab-separated values). */
  quoteChar: string;
  /**
   * A quoted cell longer than this many characters is taken as an unclosed quote (see below). Bounds the
   * memory held for one row. Default 1 MiB characters.
   */
  maxQuotedLength?: number;
  /**
   * An unquoted cell longer than this is cut to it (`cell-too-long`). Default: no limit here (the
   * reader passes docs/limits.md's).
   */
  maxCellLength?: number;
  /**
   * A row longer than this many characters without a line break is cut: its first `maxLineLength`
   * characters are delivered as the row (`line-too-long`) and the rest up to the next line break is
   * skipped. Bounds the memory held for one row. Default 16 Mi characters.
   */
  maxLineLength?: number;
  /** Cells of a row beyond this count are left out (`too-many-cells`). Default: no limit. */
  maxColumns?: number;
}

/**
 * Where rows are handed as offsets (see CsvScanner). An object with a method rather than a function: the
 * scanner's call site then sees one target for every reader of a class (a method of its prototype),
 * where each reader's own closure was a new target that threw away the scanner's optimised code.
 */
export interface CutsHandler {
  /**
   * A row: its `count` cells are in `text`, cell `i` from `bounds[at + 2i]` to `bounds[at + 2i + 1]`
   * (end excluded). `bounds` is never written again once the row is handed over, so the row may be
   * kept. `layout` says how the row's line was quoted.
   */
  rowCuts(
    text: string,
    bounds: Int32Array,
    at: number,
    count: number,
    line: number,
    layout: LineLayout,
  ): void;
}

/** Counts of the line breaks met between rows (quoted line breaks excluded). */
export interface LineBreakCounts {
  lf: number;
  crlf: number;
  cr: number;
}

const LF = '\n';
const CR = '\r';
const DEFAULT_MAX_QUOTED = 1 << 20;
const DEFAULT_MAX_LINE = 16 << 20;
/** Entries of a fresh bounds array (one per cell, plus one per row), once a scanner is past its first rows. */
const BOUNDS_BLOCK = 1 << 14;
/**
 * Entries of a scanner's first bounds array; each next one is twice as long, up to BOUNDS_BLOCK. Met only
 * every few hundred rows, the refill in cutLine and quotedLine was still unseen when V8 optimised them, and
 * its first run threw their code away; from small arrays it runs a few times in the first rows.
 */
const FIRST_BOUNDS_BLOCK = 64;

/**
 * A streaming CSV scanner. Feed it decoded text with `push(chunk)` and finish with `end()`; it calls
 * `onRow(cells, line)` for each row, in order, and keeps only the unfinished row between chunks.
 *
 * Rules (RFC 4180 plus what real files do):
 * - Line breaks are LF, CRLF or CR, mixed freely; a line break inside a quoted cell is part of the cell.
 *   The final line break does not make an extra row; an empty line is a row with one empty cell `['']`.
 * - `""` inside a quoted cell is one quote. Spaces or tabs before an opening quote, and after a closing
 *   quote, are ignored (`a, "b, c"` gives `a` and `b, c`).
 * - Tolerance, never a throw (each case reported once through `onProblem`):
 *   - stray quote inside an unquoted cell (`12"`): the text is kept as it is (`stray-quote`);
 *   - text after a closing quote (`"ab"c`): the cell keeps everything, quotes included, up to the next
 *     delimiter or line break: `ab"c` (`text-after-quote`);
 *   - unclosed quote (no closing quote before the end of the input, or the quoted cell would exceed
 *     `maxQuotedLength`): reported at the line where the quote opened, then the opening quote is taken as
 *     plain text and scanning resumes right after it, so every following row is still delivered as if the
 *     quote had not been there. Taking the rest of the file as one cell would lose every row after it.
 *
 * Speed: a line without any quote character (the usual case) is cut with one `split`, or, when an
 * `onCuts` handler is given, not cut into strings at all: its cells' offsets go into a bounds array and
 * the handler gets the text with them (a row whose cells are never read as strings costs no string).
 * So is a line whose quoting is plain (see quotedLine): its quoted cells are the text between their
 * quotes (on a line where some hold doubled quotes, in a copy of the line with each made one quote).
 * Positions of the next delimiter, quote, LF and CR are found with `indexOf` and cached, so each
 * character is looked at about once however the input is chunked. Any other quoted line, and a line
 * that hits a limit, comes as cells through `onRow`.
 */
export class CsvScanner {
  /** Line breaks seen between rows, by kind (to report the file's line terminator). */
  readonly lineBreaks: LineBreakCounts = { lf: 0, crlf: 0, cr: 0 };

  private readonly delim: string;
  private readonly quote: string;
  private readonly maxQuoted: number;
  private readonly maxLine: number;
  private readonly maxCell: number;
  private readonly maxColumns: number;
  /** Skipping the rest of a row cut by `maxLineLength`, up to its line break. */
  private skipping = false;
  private readonly onRow: (cells: string[], line: number) => void;
  private readonly onProblem: (problem: CsvProblem) => void;
  private readonly onCuts: CutsHandler | undefined;
  /** Where the next rows' offsets go: filled from `used`, replaced (never rewritten) when full. */
  private bounds: Int32Array = new Int32Array(0);
  private used = 0;

  private buf = '';
  /** Chunks pushed after `buf` and not joined to it yet (see push): no line break in them. */
  private readonly held: string[] = [];
  private heldLength = 0;
  private final = false;
  /** Physical line of the row starting at position 0 of `buf`. */
  private line = 1;
  /** Problems of the row being scanned, committed only once the row is complete (it may be re-scanned). */
  private rowProblems: CsvProblem[] = [];

  // Cached search results per character: position of the next occurrence (valid while >= the search
  // position), or -1 meaning "none in [from, buf.length)". While a position is cached, `from` is at most
  // one past it (0 once a search found it), so a later search starts at the larger of `from` and its
  // own position whatever the cache holds.
  private nextDelim = -1;
  private fromDelim = 0;
  private nextQuote = -1;
  private fromQuote = 0;
  private nextLf = -1;
  private fromLf = 0;
  private nextCr = -1;
  private fromCr = 0;
  // The delimiter search of quotedLine, cached apart: its positions skip quoted cells, which scanRow's
  // searches must not (a line it gives up is read again by scanRow from its start).
  private nextCut = -1;
  private fromCut = 0;
  /** The text of the row quotedLine cut last (the buffer, or the line with its doubled quotes made one). */
  private quotedText = '';
  private quotedLayout: LineLayout = 'quoted';

  constructor(
    options: CsvScannerOptions,
    onRow: (cells: string[], line: number) => void,
    onProblem: (problem: CsvProblem) => void = () => {},
    onCuts?: CutsHandler,
  ) {
    if (options.delimiter.length !== 1 || options.quoteChar.length > 1) {
      throw new RangeError('delimiter must be one character, quoteChar one or none');
    }
    if (options.delimiter === options.quoteChar || '\r\n'.includes(options.delimiter)) {
      throw new RangeError('delimiter must differ from quoteChar and line breaks');
    }
    this.delim = options.delimiter;
    this.quote = options.quoteChar;
    this.maxQuoted = options.maxQuotedLength ?? DEFAULT_MAX_QUOTED;
    this.onCuts = onCuts;
    this.maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.maxCell = options.maxCellLength ?? Infinity;
    this.maxColumns = options.maxColumns ?? Infinity;
    this.onRow = onRow;
    this.onProblem = onProblem;
  }

  /** Physical line (1-based) of the next row to be delivered. */
  get currentLine(): number {
    return this.line;
  }

  /**
   * Physical line (1-based) reached at the end of the unfinished text kept so far followed by `extra`
   * (text not pushed yet): locates a position of the next chunk, e.g. a decoding problem.
   */
  lineAfter(extra: string): number {
    return this.line + countLineBreaks(this.buf + this.held.join('') + extra);
  }

  /** Scan a chunk of decoded text; complete rows are delivered, the unfinished one is kept. */
  push(chunk: string): void {
    if (this.final) throw new Error('push() after end()');
    if (chunk.length === 0) return;
    if (this.skipping) {
      chunk = this.skipToLineBreak(chunk);
      if (chunk.length === 0) return;
    }
    // A chunk without line break cannot end the unfinished row: it is held, and joined to the row with
    // the next chunk that may end it, so that a long row is copied once, not once per chunk (a 16 MB
    // line in 64 KiB chunks was 2 GB of copies and as many large strings left to the collector).
    if (
      this.buf.length > 0 &&
      this.buf.length + this.heldLength + chunk.length <= this.maxLine &&
      chunk.indexOf(LF) < 0 &&
      chunk.indexOf(CR) < 0
    ) {
      this.held.push(chunk);
      this.heldLength += chunk.length;
      return;
    }
    // Joined, not `+`: a concatenation is a cons string, which every later charCodeAt on the rows'
    // text (the in-place cell tests, the scanners) reaches through one more indirection even once
    // flattened; join makes one flat string (the same copy flattening would make). Measured: about 5 %
    // fewer instructions for a whole validation of the budget bench file.
    if (this.held.length > 0) this.joinHeld(chunk);
    else this.buf = this.buf.length === 0 ? chunk : [this.buf, chunk].join('');
    this.scan();
    if (this.buf.length > this.maxLine) this.cutLongRow();
  }

  /**
   * The unfinished row is longer than `maxLineLength`: deliver its first `maxLineLength` characters as
   * the row (cut at the delimiters, quotes not interpreted) and skip the rest up to the next line break.
   */
  private cutLongRow(): void {
    const head = this.buf.slice(0, this.maxLine);
    const rest = this.buf.slice(this.maxLine);
    this.buf = '';
    this.forgetSearches(0);
    // Counted, then split only as far as the cells kept: a head of 16 Mi characters may hold 8 Mi cells.
    let count = 1;
    for (let at = head.indexOf(this.delim); at >= 0; at = head.indexOf(this.delim, at + 1)) count++;
    const cells = count > this.maxColumns ? head.split(this.delim, this.maxColumns) : head.split(this.delim);
    this.onProblem({ kind: 'line-too-long', line: this.line, cell: count - 1 });
    this.deliver(cells, this.line, count);
    this.skipping = true;
    const after = this.skipToLineBreak(rest);
    if (after.length > 0) {
      this.buf = after;
      this.scan();
    }
  }

  /** Makes `buf`, the held chunks and `last` one flat string; nothing is held after. */
  private joinHeld(last: string): void {
    this.held.unshift(this.buf);
    this.held.push(last);
    this.buf = this.held.join('');
    this.held.length = 0;
    this.heldLength = 0;
  }

  /** Drops text up to and including the next line break while skipping; returns what follows. */
  private skipToLineBreak(text: string): string {
    const lf = text.indexOf(LF);
    const cr = text.indexOf(CR);
    const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (at < 0) return '';
    this.skipping = false;
    this.line++;
    const next = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
    return text.slice(next);
  }

  /** Delivers a row, keeping the cell and column limits; `count`: the row's cells, when `cells` are the first. */
  private deliver(cells: string[], line: number, count = cells.length): void {
    if (count > this.maxColumns) {
      this.onProblem({
        kind: 'too-many-cells',
        line,
        cell: this.maxColumns,
        count: count - this.maxColumns,
      });
      cells.length = this.maxColumns;
    }
    if (this.maxCell !== Infinity) {
      for (let c = 0; c < cells.length; c++) {
        if (cells[c]!.length > this.maxCell) {
          this.onProblem({ kind: 'cell-too-long', line, cell: c });
          cells[c] = cells[c]!.slice(0, this.maxCell);
        }
      }
    }
    this.onRow(cells, line);
  }

  /** Signal the end of the input: the last row (even without a line break) is delivered. */
  end(): void {
    if (this.final) return;
    this.final = true;
    if (this.held.length > 0) this.joinHeld('');
    this.scan();
    this.buf = '';
  }

  // One search function per character (rather than one taking the character): these are the hottest
  // calls of the scanner, and monomorphic code runs measurably faster. Each runs the same operations
  // whether or not the cache says "none to the end": V8 collects no type feedback in a function's first
  // few calls, which were the only ones to take a branch of its own for that case before the scanner
  // was optimised, so its first run there (a row starting at a chunk's end) threw away the optimised
  // scanner code, cutLine's twice and quotedLine's once per file (issue 14).
  private findDelim(pos: number): number {
    const next = this.nextDelim;
    if (next >= pos) return next;
    const from = this.fromDelim;
    const buf = this.buf;
    const len = buf.length;
    if (from >= len) return -1;
    const found = buf.indexOf(this.delim, from > pos ? from : pos);
    this.nextDelim = found;
    this.fromDelim = found < 0 ? len : 0;
    return found;
  }

  private findQuote(pos: number): number {
    if (this.quote === '') return -1;
    const next = this.nextQuote;
    if (next >= pos) return next;
    const from = this.fromQuote;
    const buf = this.buf;
    const len = buf.length;
    if (from >= len) return -1;
    const found = buf.indexOf(this.quote, from > pos ? from : pos);
    this.nextQuote = found;
    this.fromQuote = found < 0 ? len : 0;
    return found;
  }

  private findLf(pos: number): number {
    const next = this.nextLf;
    if (next >= pos) return next;
    const from = this.fromLf;
    const buf = this.buf;
    const len = buf.length;
    if (from >= len) return -1;
    const found = buf.indexOf(LF, from > pos ? from : pos);
    this.nextLf = found;
    this.fromLf = found < 0 ? len : 0;
    return found;
  }

  private findCr(pos: number): number {
    const next = this.nextCr;
    if (next >= pos) return next;
    const from = this.fromCr;
    const buf = this.buf;
    const len = buf.length;
    if (from >= len) return -1;
    const found = buf.indexOf(CR, from > pos ? from : pos);
    this.nextCr = found;
    this.fromCr = found < 0 ? len : 0;
    return found;
  }

  private findCut(pos: number): number {
    const next = this.nextCut;
    if (next >= pos) return next;
    const from = this.fromCut;
    const buf = this.buf;
    const len = buf.length;
    if (from >= len) return -1;
    const found = buf.indexOf(this.delim, from > pos ? from : pos);
    this.nextCut = found;
    this.fromCut = found < 0 ? len : 0;
    return found;
  }

  /** Drop the first `d` characters of the buffer, keeping the search caches meaningful. */
  private rebase(d: number): void {
    this.buf = this.buf.slice(d);
    const shift = (next: number, from: number): [number, number] =>
      next >= d ? [next - d, 0] : next >= 0 ? [-1, 0] : [-1, Math.max(0, from - d)];
    [this.nextDelim, this.fromDelim] = shift(this.nextDelim, this.fromDelim);
    [this.nextQuote, this.fromQuote] = shift(this.nextQuote, this.fromQuote);
    [this.nextLf, this.fromLf] = shift(this.nextLf, this.fromLf);
    [this.nextCr, this.fromCr] = shift(this.nextCr, this.fromCr);
    [this.nextCut, this.fromCut] = shift(this.nextCut, this.fromCut);
  }

  private scan(): void {
    const buf = this.buf;
    const len = buf.length;
    const final = this.final;
    let pos = 0;
    // The end of the bounds quotedLine wrote (its row starts at `used`), or -1.
    let k: number;
    while (pos < len) {
      const lf = this.findLf(pos);
      const cr = this.findCr(pos);
      let eol: number;
      let next: number;
      let kind: keyof LineBreakCounts | undefined;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        eol = cr;
        if (cr + 1 < len) {
          if (buf.charCodeAt(cr + 1) === 10) {
            next = cr + 2;
            kind = 'crlf';
          } else {
            next = cr + 1;
            kind = 'cr';
          }
        } else if (final) {
          next = cr + 1;
          kind = 'cr';
        } else {
          break;
        }
      } else if (lf >= 0) {
        eol = lf;
        next = lf + 1;
        kind = 'lf';
      } else if (final) {
        eol = len;
        next = len;
      } else {
        break;
      }
      const q = this.findQuote(pos);
      if (q < 0 || q >= eol) {
        if (eol - pos > this.maxLine) {
          const cut = buf.slice(pos, pos + this.maxLine).split(this.delim);
          this.onProblem({ kind: 'line-too-long', line: this.line, cell: cut.length - 1 });
          this.deliver(cut, this.line);
          this.line++;
          if (kind) this.lineBreaks[kind]++;
          pos = next;
          continue;
        }
        if (this.onCuts === undefined || eol - pos > this.maxCell || !this.cutLine(buf, pos, eol)) {
          const cells = buf.slice(pos, eol).split(this.delim);
          if (eol - pos > this.maxCell || cells.length > this.maxColumns) this.deliver(cells, this.line);
          else this.onRow(cells, this.line);
        }
        this.line++;
        if (kind) this.lineBreaks[kind]++;
        pos = next;
      } else if (eol - pos <= this.maxQuoted && (k = this.quotedLine(pos, eol, q)) >= 0) {
        // The row is handed over here rather than in quotedLine, which the dialect sniff (a scanner
        // without onCuts) makes hot: optimised there without this branch, quotedLine's code was thrown
        // away by the first row of the real pass and compiled again.
        const at = this.used;
        const count = (k - at) >> 1;
        if (this.onCuts !== undefined && eol - pos <= this.maxCell && count <= this.maxColumns) {
          this.used = k;
          this.onCuts.rowCuts(this.quotedText, this.bounds, at, count, this.line, this.quotedLayout);
        } else this.quotedCells(eol - pos, at, count);
        this.line++;
        if (kind) this.lineBreaks[kind]++;
        pos = next;
      } else {
        const after = this.scanRow(pos);
        if (after < 0) {
          // The row will be scanned again from `pos`: forget searches made from inside it.
          this.forgetSearches(pos);
          break;
        }
        pos = after;
      }
    }
    if (pos > 0) this.rebase(pos);
  }

  /**
   * A line without quotes, handed to `onCuts` as offsets: false (nothing handed) when it has more cells
   * than `maxColumns` (then it is cut into strings, with its finding).
   */
  private cutLine(buf: string, start: number, end: number): boolean {
    let bounds = this.bounds;
    let at = this.used;
    let k = at;
    let p = start;
    for (;;) {
      if (k + 2 > bounds.length) {
        bounds = this.moreBounds(at, k);
        k -= at;
        at = 0;
      }
      bounds[k++] = p;
      const d = this.findDelim(p);
      if (d < 0 || d >= end) {
        bounds[k++] = end;
        break;
      }
      bounds[k++] = d;
      p = d + 1;
    }
    const count = (k - at) >> 1;
    if (count > this.maxColumns) return false;
    this.used = k;
    this.onCuts!.rowCuts(buf, bounds, at, count, this.line, 'unquoted');
    return true;
  }

  /** A fresh bounds array holding the row begun at `at` (its `k - at` entries so far) and room for more. */
  private moreBounds(at: number, k: number): Int32Array {
    const block = Math.min(BOUNDS_BLOCK, Math.max(FIRST_BOUNDS_BLOCK, 2 * this.bounds.length));
    const fresh = new Int32Array(Math.max(block, 2 * (k - at + 4)));
    fresh.set(this.bounds.subarray(at, k));
    this.bounds = fresh;
    this.used = 0;
    return fresh;
  }

  /**
   * A line holding quote characters, cut the quick way when its quoting is plain: every cell either has
   * no quote, or starts with the quote and ends with the closing one right before a delimiter or the end
   * of the line, with no other quote than doubled ones (`""`, one quote of the cell) and no line break
   * inside. Writes the cells' offsets into `bounds` from `used` (in `quotedText`, with `quotedLayout`) and
   * returns where they end; returns -1 (nothing kept) for any other line, which scanRow then reads with
   * every rule. On a plain line both give the same cells and no problem.
   * `firstQuote`: the position of the first quote at or after `start` (the scan found it already).
   */
  private quotedLine(start: number, end: number, firstQuote: number): number {
    const buf = this.buf;
    const quote = this.quote;
    const delim = this.delim;
    const q = quote.charCodeAt(0);
    const d = delim.charCodeAt(0);
    // The cells' offsets, as cutLine writes them (handed over only if the line is plain).
    let bounds = this.bounds;
    let at = this.used;
    let k = at;
    let nextQuote = firstQuote;
    let doubled = false;
    let p = start;
    for (;;) {
      if (k + 2 > bounds.length) {
        bounds = this.moreBounds(at, k);
        k -= at;
        at = 0;
      }
      // nextQuote is the first quote at or after p (or -1: none to the buffer's end), so the cell starts
      // with a quote exactly when it is at p: no character read per cell.
      if (p < end && nextQuote === p) {
        let close = buf.indexOf(quote, p + 1);
        // A doubled quote is one quote of the cell: the row's text is rebuilt below (see unescapeRow).
        while (close >= 0 && close + 1 < end && buf.charCodeAt(close + 1) === q) {
          doubled = true;
          close = buf.indexOf(quote, close + 2);
        }
        if (close < 0 || close >= end) return -1;
        const after = close + 1;
        if (after < end && buf.charCodeAt(after) !== d) return -1;
        bounds[k++] = p + 1;
        bounds[k++] = close;
        if (after >= end) break;
        p = after + 1;
        nextQuote = buf.indexOf(quote, p);
        continue;
      }
      // Cached: a search run to the end of the buffer is not run again for each following line.
      let cut = this.findCut(p);
      if (cut < 0 || cut > end) cut = end;
      if (nextQuote >= 0 && nextQuote < cut) return -1;
      bounds[k++] = p;
      bounds[k++] = cut;
      if (cut >= end) break;
      p = cut + 1;
    }
    // The search made after the line's last quoted cell, when the line ends with an unquoted one, found
    // the next quote past the line (or none to the end of the buffer): the scan's search for the next
    // line need not run again.
    if (nextQuote >= end) this.nextQuote = nextQuote;
    else if (nextQuote < 0) {
      this.nextQuote = -1;
      this.fromQuote = buf.length;
    }
    this.quotedText = doubled ? unescapeRow(buf, start, end, quote, bounds, at, (k - at) >> 1) : buf;
    this.quotedLayout = doubled ? 'doubled' : 'quoted';
    return k;
  }

  /** The row quotedLine cut (`count` cells from `at`, on a line `length` long), delivered as strings. */
  private quotedCells(length: number, at: number, count: number): void {
    const text = this.quotedText;
    const bounds = this.bounds;
    const cells = new Array<string>(count);
    for (let i = 0; i < count; i++) cells[i] = text.slice(bounds[at + 2 * i]!, bounds[at + 2 * i + 1]!);
    if (length > this.maxCell || count > this.maxColumns) this.deliver(cells, this.line);
    else this.onRow(cells, this.line);
  }

  /** Restart every cached search from `from` (searches must go forward for the caches to hold). */
  private forgetSearches(from: number): void {
    this.nextDelim = this.nextQuote = this.nextLf = this.nextCr = this.nextCut = -1;
    this.fromDelim = this.fromQuote = this.fromLf = this.fromCr = this.fromCut = from;
  }

  private isBlank(code: number): boolean {
    return (code === 32 && this.delim !== ' ') || (code === 9 && this.delim !== '\t');
  }

  /**
   * Scan one row that contains a quote character, starting at `start`. Returns the position after the
   * row (and its line break), or -1 when the buffer ends before the row does (it will be scanned again
   * from `start` once more text has come).
   */
  private scanRow(start: number): number {
    const buf = this.buf;
    const len = buf.length;
    const final = this.final;
    const quote = this.quote;
    const delim = this.delim;
    const cells: string[] = [];
    this.rowProblems.length = 0;
    let breaksInside = 0;
    let p = start;
    // Position of an opening quote found unclosed, to be taken as plain text on the re-scan of its cell.
    let literalQuoteAt = -1;
    for (;;) {
      // Field starting at p. Quoted if the first non-blank character is the quote.
      let s = p;
      while (s < len && this.isBlank(buf.charCodeAt(s))) s++;
      if (s >= len && !final) return -1;
      if (s < len && buf[s] === quote && s !== literalQuoteAt) {
        const openLine = this.line + breaksInside;
        let value = '';
        let seg = s + 1;
        let closing = -1;
        for (;;) {
          const cq = this.findQuote(seg);
          if (cq >= 0 && cq - s > this.maxQuoted) break;
          if (cq < 0) {
            if (!final && len - s <= this.maxQuoted) return -1;
            break;
          }
          if (cq + 1 >= len && !final) return -1;
          if (buf[cq + 1] === quote) {
            value += buf.slice(seg, cq + 1);
            seg = cq + 2;
            continue;
          }
          value += buf.slice(seg, cq);
          closing = cq;
          break;
        }
        if (closing < 0) {
          // Unclosed: report where the quote opened, then re-scan this cell with the quote as plain text.
          this.rowProblems.push({ kind: 'unclosed-quote', line: openLine });
          literalQuoteAt = s;
          // The search for a closing quote went past quotes that the re-scan must see again.
          this.nextQuote = -1;
          this.fromQuote = s + 1;
          continue;
        }
        const lf = this.findLf(s);
        const cr = this.findCr(s);
        if ((lf >= 0 && lf < closing) || (cr >= 0 && cr < closing)) breaksInside += countLineBreaks(value);
        let r = closing + 1;
        while (r < len && this.isBlank(buf.charCodeAt(r))) r++;
        if (r >= len) {
          if (!final) return -1;
          cells.push(value);
          return this.finishRow(cells, breaksInside, len, undefined);
        }
        const c = buf[r];
        if (c === delim) {
          cells.push(value);
          p = r + 1;
          continue;
        }
        if (c === LF || c === CR) {
          cells.push(value);
          return this.endOfLine(cells, breaksInside, r);
        }
        // Text after the closing quote: keep it all, up to the next delimiter or line break.
        this.rowProblems.push({ kind: 'text-after-quote', line: this.line + breaksInside });
        const end = this.fieldEnd(r);
        if (end < 0) return -1;
        cells.push(value + buf.slice(closing, end));
        if (end < len && buf[end] === delim) {
          p = end + 1;
          continue;
        }
        if (end >= len) return this.finishRow(cells, breaksInside, len, undefined);
        return this.endOfLine(cells, breaksInside, end);
      }
      // Unquoted field.
      const end = this.fieldEnd(p);
      if (end < 0) return -1;
      const q = this.findQuote(p);
      if (q >= 0 && q < end && literalQuoteAt < p) {
        this.rowProblems.push({ kind: 'stray-quote', line: this.line + breaksInside });
      }
      cells.push(buf.slice(p, end));
      if (end < len && buf[end] === delim) {
        p = end + 1;
        continue;
      }
      if (end >= len) return this.finishRow(cells, breaksInside, len, undefined);
      return this.endOfLine(cells, breaksInside, end);
    }
  }

  /**
   * End of an unquoted run starting at p: next delimiter or line break; `len` at the end of the input;
   * -1 if unknown yet.
   */
  private fieldEnd(p: number): number {
    const len = this.buf.length;
    let end = len;
    const d = this.findDelim(p);
    if (d >= 0) end = d;
    const lf = this.findLf(p);
    if (lf >= 0 && lf < end) end = lf;
    const cr = this.findCr(p);
    if (cr >= 0 && cr < end) end = cr;
    if (end === len && !this.final) return -1;
    return end;
  }

  /** The row ends with a line break at `at` (LF or CR): classify it and deliver the row. */
  private endOfLine(cells: string[], breaksInside: number, at: number): number {
    const buf = this.buf;
    if (buf.charCodeAt(at) === 10) return this.finishRow(cells, breaksInside, at + 1, 'lf');
    if (at + 1 < buf.length) {
      return buf.charCodeAt(at + 1) === 10
        ? this.finishRow(cells, breaksInside, at + 2, 'crlf')
        : this.finishRow(cells, breaksInside, at + 1, 'cr');
    }
    if (!this.final) return -1;
    return this.finishRow(cells, breaksInside, at + 1, 'cr');
  }

  private finishRow(
    cells: string[],
    breaksInside: number,
    next: number,
    kind: keyof LineBreakCounts | undefined,
  ): number {
    for (const problem of this.rowProblems) this.onProblem(problem);
    this.rowProblems.length = 0;
    this.deliver(cells, this.line);
    this.line += 1 + breaksInside;
    if (kind) this.lineBreaks[kind]++;
    return next;
  }
}

/**
 * The text of a line `buf[start, end)` whose quoted cells hold doubled quotes, each made one quote, as
 * one flat string; the `count` cells' offsets in `bounds` (from `at`, pointing into `buf`) are moved to
 * point into it. A quoted cell's text holds a quote only in doubled pairs (quotedLine checked it).
 */
function unescapeRow(
  buf: string,
  start: number,
  end: number,
  quote: string,
  bounds: Int32Array,
  at: number,
  count: number,
): string {
  const pair = quote + quote;
  const pieces: string[] = [];
  let copied = start;
  // Characters of buf[start, s) not in the result: the line's offset, then one per doubled quote.
  let removed = start;
  // Next quote at or after the cell: searched forward only, so the line is looked at once.
  let q = buf.indexOf(quote, start);
  for (let i = at; i < at + 2 * count; i += 2) {
    const s = bounds[i]!;
    const e = bounds[i + 1]!;
    bounds[i] = s - removed;
    if (q >= 0 && q < s) q = buf.indexOf(quote, s);
    if (q >= 0 && q < e) {
      const value = buf.slice(s, e).replaceAll(pair, quote);
      pieces.push(buf.slice(copied, s), value);
      removed += e - s - value.length;
      copied = e;
    }
    bounds[i + 1] = e - removed;
  }
  pieces.push(buf.slice(copied, end));
  // join makes one flat string (a concatenation would be a rope, flattened again by its first reader).
  return pieces.join('');
}

/** Number of line breaks (LF, CRLF or CR each count one) in a text. */
export function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Scan a whole text at once (tests, small inputs): the rows with their lines, and the problems. */
export function scanCsv(
  text: string,
  options: CsvScannerOptions,
): { rows: { cells: string[]; line: number }[]; problems: CsvProblem[] } {
  const rows: { cells: string[]; line: number }[] = [];
  const problems: CsvProblem[] = [];
  const scanner = new CsvScanner(
    options,
    (cells, line) => rows.push({ cells, line }),
    (p) => problems.push(p),
  );
  scanner.push(text);
  scanner.end();
  return { rows, problems };
}
