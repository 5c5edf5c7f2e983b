// A scanner for the rows of an XLSX worksheet: reads `<sheetData>` without a general XML parser, and hands
// anything it does not recognise to that parser.
import type { XmlReader } from './xml.js';
import { parseColumnAt } from './workbook.js';

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

/** Thrown inside the scanner when it meets something it does not read itself; never escapes it. */
export const UNSURE = Symbol('unsure');

/** Characters of a part fed to the XML parser at once, as the inflated chunks were (its run limit counts them). */
export const FEED = 64 * 1024;
/**
 * Characters held waiting for the end of one element (a long cell): beyond, the rest of the sheet goes to
 * the XML parser, which takes long texts in one pass where the scanner would look at them again each chunk.
 */
export const MAX_CARRY = 2 ** 20;

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

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
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
  // The tag last read by `tag()`: positions in `buf`.
  private isClose = false;
  private selfClosing = false;
  private nameStart = 0;
  private nameEnd = 0;
  private localStart = 0;
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
    this.buf = this.buf.length === 0 ? text : this.buf + text;
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

  /** Text to the XML parser in slices, so that its run limit sees a long text as it grows. */
  private feed(text: string): void {
    if (text.length <= FEED) {
      if (text.length > 0) this.xml.writeText(text);
      return;
    }
    for (let at = 0; at < text.length; at += FEED) this.xml.writeText(text.slice(at, at + FEED));
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
        const ls = this.localStart;
        const ln = this.nameEnd - ls;
        if (!this.inRow) {
          if (this.isClose) {
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
          if (this.selfClosing) sink.finishRow();
          else {
            this.inRow = true;
            this.rowTag = b.slice(i, e);
            this.rowName = b.slice(this.nameStart, this.nameEnd);
          }
          p = e;
        } else if (this.isClose) {
          if (
            this.nameEnd - this.nameStart !== this.rowName.length ||
            !b.startsWith(this.rowName, this.nameStart)
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
    const b = this.buf;
    const n = b.length;
    const cellStart = this.nameStart;
    const cellEnd = this.nameEnd;
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
    if (!this.selfClosing) {
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
        const ls = this.localStart;
        const ln = this.nameEnd - ls;
        if (this.isClose) {
          if (!sameName(b, cellStart, cellEnd, this.nameStart, this.nameEnd)) throw UNSURE;
          i = e;
          break;
        }
        const c = b.charCodeAt(ls);
        if (ln === 1 && c === 118) {
          // <v>
          hasValue = true;
          if (this.selfClosing) i = e;
          else {
            const x = this.readText(e, this.nameStart, this.nameEnd);
            if (x < 0) return -1;
            value += this.text;
            i = x;
          }
        } else if (ln === 1 && c === 102) {
          // <f>: the formula, not shown (its cached value is in <v>).
          if (this.selfClosing) i = e;
          else {
            const x = this.readText(e, this.nameStart, this.nameEnd);
            if (x < 0) return -1;
            i = x;
          }
        } else if (ln === 2 && b.startsWith('is', ls)) {
          hasValue = true;
          if (this.selfClosing) i = e;
          else {
            const x = this.inline(e, this.nameStart, this.nameEnd);
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
      const ls = this.localStart;
      const ln = this.nameEnd - ls;
      if (this.isClose) {
        if (run >= 0) {
          if (!sameName(b, run, runEnd, this.nameStart, this.nameEnd)) throw UNSURE;
          run = -1;
        } else {
          if (!sameName(b, isStart, isEnd, this.nameStart, this.nameEnd)) throw UNSURE;
          this.text = out;
          return e;
        }
        i = e;
      } else if (ln === 1 && b.charCodeAt(ls) === 116) {
        if (this.selfClosing) i = e;
        else {
          const x = this.readText(e, this.nameStart, this.nameEnd);
          if (x < 0) return -1;
          out += this.text;
          i = x;
        }
      } else if (ln === 1 && b.charCodeAt(ls) === 114 && run < 0) {
        if (!this.selfClosing) {
          run = this.nameStart;
          runEnd = this.nameEnd;
        }
        i = e;
      } else throw UNSURE;
    }
  }

  /**
   * The text of an element whose open tag ends at `p`, up to its close tag (named like [ns, ne)): entities
   * and character references decoded, CDATA sections included. Returns the end of the close tag, or -1.
   */
  private readText(p: number, ns: number, ne: number): number {
    const b = this.buf;
    const n = b.length;
    let out = '';
    let from = p;
    let i = p;
    for (;;) {
      const lt = b.indexOf('<', i);
      if (lt < 0) return -1;
      for (let k = i; k < lt; k++) {
        const c = b.charCodeAt(k);
        if (c < 32) {
          // A carriage return is normalised by XML parsers; other controls are not XML.
          if (c !== 9 && c !== 10) throw UNSURE;
        } else if (c === 38) {
          const semi = b.indexOf(';', k);
          if (semi < 0 || semi > lt) throw UNSURE;
          out += b.slice(from, k) + entity(b, k + 1, semi);
          from = semi + 1;
          k = semi;
        } else if (c === 62) {
          if (k - 2 >= i && b.charCodeAt(k - 1) === 93 && b.charCodeAt(k - 2) === 93) throw UNSURE;
        } else if (c >= 0xfffe) throw UNSURE;
      }
      if (lt + 1 >= n) return -1;
      const next = b.charCodeAt(lt + 1);
      if (next === 47) {
        // The close tag: `</name>`, spaces allowed before `>`.
        let k = lt + 2;
        const len = ne - ns;
        if (k + len >= n) return -1;
        if (!sameName(b, ns, ne, k, k + len)) throw UNSURE;
        k += len;
        while (k < n && isSpace(b.charCodeAt(k))) k++;
        if (k >= n) return -1;
        if (b.charCodeAt(k) !== 62) throw UNSURE;
        this.text = from === p ? b.slice(p, lt) : out + b.slice(from, lt);
        return k + 1;
      }
      if (next === 33 && b.startsWith('<![CDATA[', lt)) {
        const close = b.indexOf(']]>', lt + 9);
        if (close < 0) return -1;
        for (let k = lt + 9; k < close; k++) {
          const c = b.charCodeAt(k);
          if ((c < 32 && c !== 9 && c !== 10) || c >= 0xfffe) throw UNSURE;
        }
        out += b.slice(from, lt) + b.slice(lt + 9, close);
        from = close + 3;
        i = from;
        continue;
      }
      if (next === 33 && n - lt < 9 && '<![CDATA['.startsWith(b.slice(lt))) return -1;
      throw UNSURE;
    }
  }

  /**
   * Reads the tag at `p` (a `<`) into the tag fields: close or open, self-closing, its name and local name,
   * and the values of its `r`, `t` and `s` attributes. Returns the end of the tag, or -1 when the text ends
   * first; anything unusual throws UNSURE (a comment, a processing instruction, a name outside ASCII, an
   * attribute value with `<`, `&` or a control character, a repeated `r`, `t` or `s`).
   */
  private tag(p: number): number {
    const b = this.buf;
    const n = b.length;
    let i = p + 1;
    if (i >= n) return -1;
    let c = b.charCodeAt(i);
    const close = c === 47;
    if (close) i++;
    const ns = i;
    let colon = -1;
    for (; i < n; i++) {
      c = b.charCodeAt(i);
      if (isNameChar(c)) continue;
      if (c === 58 && colon < 0) {
        colon = i;
        continue;
      }
      break;
    }
    if (i >= n) return -1;
    if (i === ns || !isNameStart(b.charCodeAt(ns)) || colon === i - 1) throw UNSURE;
    if (colon >= 0 && !isNameStart(b.charCodeAt(colon + 1))) throw UNSURE;
    this.isClose = close;
    this.nameStart = ns;
    this.nameEnd = i;
    this.localStart = colon >= 0 ? colon + 1 : ns;
    this.rStart = this.tStart = this.sStart = -1;
    if (close) {
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (b.charCodeAt(i) !== 62) throw UNSURE;
      this.selfClosing = false;
      return i + 1;
    }
    for (;;) {
      const ws = i;
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      c = b.charCodeAt(i);
      if (c === 62) {
        this.selfClosing = false;
        return i + 1;
      }
      if (c === 47) {
        if (i + 1 >= n) return -1;
        if (b.charCodeAt(i + 1) !== 62) throw UNSURE;
        this.selfClosing = true;
        return i + 2;
      }
      if (i === ws || !isNameStart(c)) throw UNSURE;
      const as = i;
      let acolon = -1;
      for (; i < n; i++) {
        c = b.charCodeAt(i);
        if (isNameChar(c)) continue;
        if (c === 58 && acolon < 0) {
          acolon = i;
          continue;
        }
        break;
      }
      const ae = i;
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (b.charCodeAt(i) !== 61 || acolon === ae - 1) throw UNSURE;
      i++;
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = b.charCodeAt(i);
      if (q !== 34 && q !== 39) throw UNSURE;
      const vs = i + 1;
      const ve = b.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0) return -1;
      for (let k = vs; k < ve; k++) {
        const d = b.charCodeAt(k);
        if (d < 32 || d === 60 || d === 38 || d >= 0xfffe) throw UNSURE;
      }
      if (ae - as === 1) {
        const a = b.charCodeAt(as);
        if (a === 114) {
          if (this.rStart >= 0) throw UNSURE;
          this.rStart = vs;
          this.rEnd = ve;
        } else if (a === 116) {
          if (this.tStart >= 0) throw UNSURE;
          this.tStart = vs;
          this.tEnd = ve;
        } else if (a === 115) {
          if (this.sStart >= 0) throw UNSURE;
          this.sStart = vs;
          this.sEnd = ve;
        }
      }
      i = ve + 1;
    }
  }
}

/** True when [a, ae) and [b2, be) of `b` are the same name. */
export function sameName(b: string, a: number, ae: number, b2: number, be: number): boolean {
  if (ae - a !== be - b2) return false;
  for (let k = 0; k < ae - a; k++) if (b.charCodeAt(a + k) !== b.charCodeAt(b2 + k)) return false;
  return true;
}

/** The end of the tag starting at `p` (after its `>`), quoted attribute values skipped; -1 if cut. */
export function tagEnd(b: string, p: number): number {
  let quote = 0;
  for (let i = p + 1; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
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

/** The character of an entity or character reference (the text between `&` and `;`), or UNSURE. */
export function entity(b: string, start: number, end: number): string {
  const name = b.slice(start, end);
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  let code = NaN;
  if (/^#[0-9]{1,7}$/.test(name)) code = Number(name.slice(1));
  else if (/^#x[0-9A-Fa-f]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  const valid =
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!valid) throw UNSURE;
  return String.fromCodePoint(code);
}
