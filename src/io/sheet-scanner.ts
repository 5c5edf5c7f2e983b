// A scanner for the rows of an XLSX worksheet: reads `<sheetData>` without a general XML parser, and hands
// anything it does not recognise to that parser.
import type { XmlReader } from './xml.js';
import { parseColumnAt } from './workbook.js';
import { feedParser, isSpace, joinText, MAX_CARRY, sameName, TagReader, tagEnd, UNSURE } from './xml-scan.js';

/** What the scanner tells the sheet reader: the same steps the XML handler takes on the parser's events. */
export interface CellSink {
  startRow(ref: string | undefined): void;
  finishRow(): void;
  /** A cell whose column is not plain letters then digits (the reader works it out). */
  startCell(ref: string | undefined, t: string | undefined, s: string | undefined): void;
  startCellAt(col: number, t: string | undefined, style: number): void;
  /** The column of the current cell (-1 before the row's first). */
  readonly column: number;
  markValue(): void;
  addText(text: string): void;
  finishCell(): void;
  /** Set by the scanner before it replays the open tag of the current row to the XML parser. */
  resumeRow: boolean;
  /** Kept by the XML handler: the scanner checks that the parser itself opened `<sheetData>`. */
  readonly inSheetData: boolean;
  readonly sheetDataOpens: number;
}

/** The open tag of `<sheetData>`, with or without a prefix. */
const SHEET_DATA = /<(?:[A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])/;

const enum Mode {
  /** Before `<sheetData>`: the XML parser reads everything, the scanner looks for it. */
  Prelude,
  /** Inside `<sheetData>`: the scanner reads rows and cells. */
  Scan,
  /** After `</sheetData>`, or after anything the scanner did not recognise: the XML parser reads the rest. */
  Xml,
}

/**
 * Reads a worksheet's XML (as decoded text, chunk by chunk) into a `CellSink`. The part before
 * `<sheetData>` and the part after `</sheetData>` (merged ranges, the end of the document) go to the general
 * XML parser (`XmlReader`, which refuses a DOCTYPE and checks well-formedness); the rows in between are read
 * by this scanner, which knows only what a worksheet holds there: `<row r>`, `<c r t s>` (self-closing or
 * not), `<v>`, `<f>` (skipped), `<is>` with `<t>` and `<r>` runs, the five XML entities, character
 * references and CDATA, namespace prefixes (`<x:c>`). Everything else (comments, processing instructions,
 * rich-text properties, phonetic runs, a carriage return in a text, an entity or `<` in an attribute, an
 * unknown element, malformed XML, a name outside ASCII) makes it hand the rest of the sheet, from the start
 * of the row it was in, to the XML parser, so a sheet is read exactly as the parser reads it, or fails as it
 * fails.
 */
export class SheetScanner {
  private mode = Mode.Prelude;
  private buf = '';
  private inRow = false;
  /** The current row's open tag and element name, replayed to the parser if the scanner gives up in it. */
  private rowTag = '';
  private rowName = '';
  private readonly tags = new TagReader();
  // The `r`, `t` and `s` attributes of the tag last read: value spans in `buf`, -1 when absent.
  private rStart = -1;
  private rEnd = -1;
  private tStart = -1;
  private tEnd = -1;
  private sStart = -1;
  private sEnd = -1;
  /** The text read by `readText()` or `inline()`. */
  private text = '';

  constructor(
    private readonly sink: CellSink,
    private readonly xml: XmlReader,
  ) {}

  /** The next characters of the sheet's XML. */
  writeText(text: string): void {
    if (this.mode === Mode.Xml) {
      this.feed(text);
      return;
    }
    this.buf = joinText(this.buf, text);
    if (this.mode === Mode.Prelude) this.prelude();
    else this.scan();
  }

  /** The end of the sheet's XML: whatever is left goes to the parser, which checks the document is complete. */
  end(): void {
    if (this.mode === Mode.Prelude) this.feed(this.buf);
    else if (this.mode === Mode.Scan) this.fallback(0);
    this.buf = '';
    this.xml.end();
  }

  private feed(text: string): void {
    feedParser(this.xml, text);
  }

  /** Hands the rest, from `p` (the start of an element, or of the current row's), to the XML parser. */
  private fallback(p: number): void {
    this.mode = Mode.Xml;
    const rest = this.buf.slice(p);
    this.buf = '';
    if (this.inRow) {
      this.sink.resumeRow = true;
      this.feed(this.rowTag + rest);
    } else this.feed(rest);
  }

  /** Before `<sheetData>`: the parser reads up to its open tag, then the scanner takes over. */
  private prelude(): void {
    const b = this.buf;
    const m = SHEET_DATA.exec(b);
    if (!m) {
      // Hold back a tag cut by the chunk's end (a short one: a long tail is fed, and never matched).
      const lt = b.lastIndexOf('<');
      const keep = lt >= 0 && b.length - lt < 4096 ? lt : b.length;
      this.feed(b.slice(0, keep));
      this.buf = b.slice(keep);
      return;
    }
    const end = tagEnd(b, m.index);
    if (end < 0) {
      this.feed(b.slice(0, m.index));
      this.buf = b.slice(m.index);
      if (this.buf.length > MAX_CARRY) {
        this.mode = Mode.Xml;
        this.feed(this.buf);
        this.buf = '';
      }
      return;
    }
    const opens = this.sink.sheetDataOpens;
    this.feed(b.slice(0, end));
    this.buf = b.slice(end);
    // The match must be the element the parser opened (not text in a comment, not `<sheetData/>`).
    if (this.sink.sheetDataOpens === opens + 1 && this.sink.inSheetData) {
      this.mode = Mode.Scan;
      this.scan();
    } else {
      this.mode = Mode.Xml;
      this.feed(this.buf);
      this.buf = '';
    }
  }

  /** Rows and cells, as far as the text goes; an element cut by the chunk's end waits for the next one. */
  private scan(): void {
    const tags = this.tags;
    const b = this.buf;
    const n = b.length;
    const sink = this.sink;
    let p = 0;
    try {
      for (;;) {
        let i = p;
        while (i < n && isSpace(b.charCodeAt(i))) i++;
        if (i >= n) {
          p = i;
          break;
        }
        if (b.charCodeAt(i) !== 60) throw UNSURE;
        const e = this.tag(i);
        if (e < 0) {
          p = i;
          break;
        }
        const ls = tags.localStart;
        const ln = tags.nameEnd - ls;
        if (!this.inRow) {
          if (tags.isClose) {
            if (ln === 9 && b.startsWith('sheetData', ls)) {
              this.mode = Mode.Xml;
              this.buf = '';
              this.feed(b.slice(i));
              return;
            }
            throw UNSURE;
          }
          if (ln !== 3 || !b.startsWith('row', ls)) throw UNSURE;
          sink.startRow(this.rStart >= 0 ? b.slice(this.rStart, this.rEnd) : undefined);
          if (tags.selfClosing) sink.finishRow();
          else {
            this.inRow = true;
            this.rowTag = b.slice(i, e);
            this.rowName = b.slice(tags.nameStart, tags.nameEnd);
          }
          p = e;
        } else if (tags.isClose) {
          if (
            tags.nameEnd - tags.nameStart !== this.rowName.length ||
            !b.startsWith(this.rowName, tags.nameStart)
          )
            throw UNSURE;
          sink.finishRow();
          this.inRow = false;
          p = e;
        } else {
          if (ln !== 1 || b.charCodeAt(ls) !== 99) throw UNSURE;
          const x = this.cell(e);
          if (x < 0) {
            p = i;
            break;
          }
          p = x;
        }
      }
    } catch (err) {
      if (err !== UNSURE) throw err;
      this.fallback(p);
      return;
    }
    this.buf = p === 0 ? b : b.slice(p);
    if (this.buf.length > MAX_CARRY) this.fallback(0);
  }

  /**
   * A cell whose open tag was just read (`tag()`), ending at `open`: its value elements read, then the cell
   * given to the sink whole. Returns the end of the cell, or -1 when it is cut by the chunk's end.
   */
  private cell(open: number): number {
    const tags = this.tags;
    const b = this.buf;
    const n = b.length;
    const cellStart = tags.nameStart;
    const cellEnd = tags.nameEnd;
    const rs = this.rStart;
    const re = this.rEnd;
    const t = this.tStart >= 0 ? b.slice(this.tStart, this.tEnd) : undefined;
    const ss = this.sStart;
    const se = this.sEnd;
    let value = '';
    let hasValue = false;
    let i = open;
    // An unprefixed `<c>` (nearly all): its `<v>` and `</c>` recognised without the general tag reader.
    const plain = cellEnd - cellStart === 1;
    if (!tags.selfClosing) {
      for (;;) {
        while (i < n && isSpace(b.charCodeAt(i))) i++;
        if (i + 3 >= n) return -1;
        if (b.charCodeAt(i) !== 60) throw UNSURE;
        if (plain) {
          const c1 = b.charCodeAt(i + 1);
          if (c1 === 47 && b.charCodeAt(i + 2) === 99 && b.charCodeAt(i + 3) === 62) {
            i += 4;
            break;
          }
          if (c1 === 118 && b.charCodeAt(i + 2) === 62) {
            hasValue = true;
            const x = this.readText(i + 3, i + 1, i + 2);
            if (x < 0) return -1;
            value += this.text;
            i = x;
            continue;
          }
        }
        const e = this.tag(i);
        if (e < 0) return -1;
        const ls = tags.localStart;
        const ln = tags.nameEnd - ls;
        if (tags.isClose) {
          if (!sameName(b, cellStart, cellEnd, tags.nameStart, tags.nameEnd)) throw UNSURE;
          i = e;
          break;
        }
        const c = b.charCodeAt(ls);
        if (ln === 1 && c === 118) {
          // <v>
          hasValue = true;
          if (tags.selfClosing) i = e;
          else {
            const x = this.readText(e, tags.nameStart, tags.nameEnd);
            if (x < 0) return -1;
            value += this.text;
            i = x;
          }
        } else if (ln === 1 && c === 102) {
          // <f>: the formula, not shown (its cached value is in <v>).
          if (tags.selfClosing) i = e;
          else {
            const x = this.readText(e, tags.nameStart, tags.nameEnd);
            if (x < 0) return -1;
            i = x;
          }
        } else if (ln === 2 && b.startsWith('is', ls)) {
          hasValue = true;
          if (tags.selfClosing) i = e;
          else {
            const x = this.inline(e, tags.nameStart, tags.nameEnd);
            if (x < 0) return -1;
            value += this.text;
            i = x;
          }
        } else throw UNSURE;
      }
    }
    const sink = this.sink;
    const col = rs >= 0 ? parseColumnAt(b, rs, re) : sink.column + 1;
    if (col < 0) sink.startCell(b.slice(rs, re), t, ss >= 0 ? b.slice(ss, se) : undefined);
    else sink.startCellAt(col, t, ss >= 0 ? styleIndex(b, ss, se) : 0);
    if (hasValue) {
      sink.markValue();
      if (value.length > 0) sink.addText(value);
    }
    sink.finishCell();
    return i;
  }

  /** The texts of an inline string (`<is>`): its `<t>`, directly or in `<r>` runs. */
  private inline(open: number, isStart: number, isEnd: number): number {
    const tags = this.tags;
    const b = this.buf;
    const n = b.length;
    let out = '';
    let run = -1;
    let runEnd = -1;
    let i = open;
    for (;;) {
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (b.charCodeAt(i) !== 60) throw UNSURE;
      const e = this.tag(i);
      if (e < 0) return -1;
      const ls = tags.localStart;
      const ln = tags.nameEnd - ls;
      if (tags.isClose) {
        if (run >= 0) {
          if (!sameName(b, run, runEnd, tags.nameStart, tags.nameEnd)) throw UNSURE;
          run = -1;
        } else {
          if (!sameName(b, isStart, isEnd, tags.nameStart, tags.nameEnd)) throw UNSURE;
          this.text = out;
          return e;
        }
        i = e;
      } else if (ln === 1 && b.charCodeAt(ls) === 116) {
        if (tags.selfClosing) i = e;
        else {
          const x = this.readText(e, tags.nameStart, tags.nameEnd);
          if (x < 0) return -1;
          out += this.text;
          i = x;
        }
      } else if (ln === 1 && b.charCodeAt(ls) === 114 && run < 0) {
        if (!tags.selfClosing) {
          run = tags.nameStart;
          runEnd = tags.nameEnd;
        }
        i = e;
      } else throw UNSURE;
    }
  }

  /** The text of an element whose open tag ends at `p` (see `TagReader.readText`), into `text`. */
  private readText(p: number, ns: number, ne: number): number {
    const tags = this.tags;
    const e = tags.readText(this.buf, p, ns, ne);
    if (e >= 0) this.text = tags.text;
    return e;
  }

  /**
   * Reads the tag at `p` (a `<`) with the shared tag reader, and the spans of its unprefixed `r`, `t` and
   * `s` attributes. Returns the end of the tag, or -1 when the text ends first; throws UNSURE on anything
   * unusual (see `TagReader.read`).
   */
  private tag(p: number): number {
    const tags = this.tags;
    const b = this.buf;
    const e = tags.read(b, p);
    this.rStart = this.tStart = this.sStart = -1;
    if (e < 0) return e;
    const a = tags.attributes;
    for (let k = 0; k < tags.count * 5; k += 5) {
      const as = a[k]!;
      if (a[k + 2]! - as !== 1) continue;
      const c = b.charCodeAt(as);
      if (c === 114) {
        this.rStart = a[k + 3]!;
        this.rEnd = a[k + 4]!;
      } else if (c === 116) {
        this.tStart = a[k + 3]!;
        this.tEnd = a[k + 4]!;
      } else if (c === 115) {
        this.sStart = a[k + 3]!;
        this.sEnd = a[k + 4]!;
      }
    }
    return e;
  }
}

/** The style index of `s="…"`: digits read in place, anything else as the XML reader reads it (`Number`). */
function styleIndex(b: string, start: number, end: number): number {
  if (end - start > 0 && end - start < 10) {
    let v = 0;
    let k = start;
    for (; k < end; k++) {
      const d = b.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (k === end) return v;
  }
  return Number(b.slice(start, end));
}
