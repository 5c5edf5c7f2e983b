// A scanner for the cells of an ODS table: reads `<table:table-cell>` elements without a general XML parser,
// and hands anything it does not recognise to that parser.
import {
  entity,
  FEED,
  isNameChar,
  isNameStart,
  isSpace,
  MAX_CARRY,
  sameName,
  tagEnd,
  UNSURE,
} from './sheet-scanner.js';
import type { XmlHandler, XmlReader } from './xml.js';

/** Slots of the cell attributes the ODS reader reads, by local name. */
export const enum Slot {
  Repeat,
  Style,
  ValueType,
  Value,
  DateValue,
  TimeValue,
  BooleanValue,
  StringValue,
  SpannedColumns,
  SpannedRows,
}
const SLOTS = 10;

/** True when `lit` is at `pos` in `s` (compared in place, as this runs for every cell). */
function at(s: string, pos: number, lit: string): boolean {
  const n = lit.length;
  if (pos + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(pos + k) !== lit.charCodeAt(k)) return false;
  return true;
}

/** The slot of the local name in [start, end) of `s`, or -1 for an attribute the reader does not read. */
function slotOf(s: string, start: number, end: number): number {
  switch (end - start) {
    case 5:
      return at(s, start, 'value') ? Slot.Value : -1;
    case 10:
      if (at(s, start, 'style-name')) return Slot.Style;
      if (at(s, start, 'value-type')) return Slot.ValueType;
      if (at(s, start, 'date-value')) return Slot.DateValue;
      if (at(s, start, 'time-value')) return Slot.TimeValue;
      return -1;
    case 12:
      return at(s, start, 'string-value') ? Slot.StringValue : -1;
    case 13:
      return at(s, start, 'boolean-value') ? Slot.BooleanValue : -1;
    case 19:
      return at(s, start, 'number-rows-spanned') ? Slot.SpannedRows : -1;
    case 22:
      return at(s, start, 'number-columns-spanned') ? Slot.SpannedColumns : -1;
    case 23:
      return at(s, start, 'number-columns-repeated') ? Slot.Repeat : -1;
    default:
      return -1;
  }
}

/** True when the attribute name [start, end) of `s` (first colon at `colon`, or -1) is a `calcext:` one. */
function isCalcext(s: string, start: number, colon: number): boolean {
  return colon - start === 7 && at(s, start, 'calcext:');
}

/**
 * The attributes of a cell the ODS reader reads: each by its local name (`office:value-type` →
 * `value-type`), the first of that name, `calcext:` ones aside; `calcext:value-type` by its full name.
 */
export class CellAttributes {
  readonly values: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  calcextType: string | undefined;

  get(slot: Slot): string | undefined {
    return this.values[slot];
  }

  clear(): void {
    const values = this.values;
    for (let k = 0; k < SLOTS; k++) values[k] = undefined;
    this.calcextType = undefined;
  }

  /** The attributes of an element as the XML parser reports them. */
  fromRecord(a: Record<string, string>): this {
    this.clear();
    const values = this.values;
    for (const key in a) {
      const colon = key.indexOf(':');
      if (isCalcext(key, 0, colon)) {
        if (key === 'calcext:value-type') this.calcextType = a[key];
        continue;
      }
      const slot = slotOf(key, colon + 1, key.length);
      if (slot >= 0 && values[slot] === undefined) values[slot] = a[key];
    }
    return this;
  }
}

/** What the scanner tells the table reader: the XML handler's events, and cells with their attributes read. */
export interface OdsCellSink extends XmlHandler {
  /** Rows of the wanted table the XML parser has opened (not self-closing ones). */
  readonly rowOpens: number;
  /** The last event was the open tag of such a row: the parser stands just inside it. */
  readonly rowOpenedLast: boolean;
  openCell(covered: boolean, attributes: CellAttributes, selfClosing: boolean): void;
}

/** ASCII characters of names (letters, digits, `_`, `-`, `.`), looked up as names are read. */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHARS[c] = isNameChar(c) ? 1 : 0;

const ROW_OPEN = '<table:table-row';
const CELL = 'table:table-cell';
const COVERED = 'table:covered-table-cell';
const PARAGRAPH = '<text:p>';
const PARAGRAPH_END = '</text:p></table:table-cell>';
const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;

const enum Op {
  Open,
  Close,
  Text,
}

/** True when `c` may follow an element name in a tag (space, `/` or `>`). */
function endsName(c: number): boolean {
  return isSpace(c) || c === 47 || c === 62;
}

/**
 * Reads the content.xml of an ODS (as decoded text, chunk by chunk) into the table reader. The XML parser
 * (`XmlReader`, which refuses a DOCTYPE and checks well-formedness) reads everything but the cells of the
 * rows of the wanted table: the scanner looks for each `<table:table-row>` open tag, has the parser read up
 * to its end, and when the parser did open that row, reads the row's cells itself — `<table:table-cell>` and
 * `<table:covered-table-cell>` with their content (paragraphs, spans, `text:s`, tabs, line breaks,
 * annotations, links: any element outside the `table:` prefix, the five XML entities, character references
 * and CDATA) — giving the reader the same events the parser would. Anything else (the row's end, comments,
 * processing instructions, a carriage return in a text, an entity or `<` in an attribute, a duplicated
 * attribute, a `table:` element inside a cell, malformed XML, a name outside ASCII) goes back to the parser
 * from the start of the cell, so a table is read exactly as the parser reads it, or fails as it fails.
 */
export class OdsScanner {
  private buf = '';
  /** Inside a row the parser opened: the scanner reads its cells. */
  private scanning = false;
  /** The parser reads everything from here on. */
  private off = false;
  private readonly cell = new CellAttributes();
  // The events of the cell being read, given to the reader once the cell is complete.
  private readonly opKinds: Op[] = [];
  private readonly opTexts: string[] = [];
  private readonly opAttributes: Record<string, string>[] = [];
  private readonly opSelfClosing: boolean[] = [];
  private ops = 0;
  /** Open elements inside the cell: [start, end) of their names in `buf`. */
  private readonly stack: number[] = [];
  // The tag last read by `tag()`: positions in `buf`.
  private isClose = false;
  private selfClosing = false;
  private nameStart = 0;
  private nameEnd = 0;
  /** Attributes of the tag: [name start, colon or -1, name end, value start, value end] each. */
  private readonly attributes: number[] = [];
  private attributeCount = 0;

  constructor(
    private readonly sink: OdsCellSink,
    private readonly xml: XmlReader,
  ) {}

  /** The next characters of content.xml. */
  writeText(text: string): void {
    if (this.off) {
      this.feed(text);
      return;
    }
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.run();
  }

  /** The end of content.xml: whatever is left goes to the parser, which checks the document is complete. */
  end(): void {
    this.feed(this.buf);
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

  private run(): void {
    const b = this.buf;
    const n = b.length;
    const sink = this.sink;
    const rowLength = ROW_OPEN.length;
    let p = 0;
    for (;;) {
      if (!this.scanning) {
        // The parser reads up to the end of the next row's open tag.
        let m = b.indexOf(ROW_OPEN, p);
        while (m >= 0 && m + rowLength < n && !endsName(b.charCodeAt(m + rowLength)))
          m = b.indexOf(ROW_OPEN, m + 1);
        if (m < 0) {
          const keep = heldTail(b, p);
          this.feed(b.slice(p, keep));
          this.buf = b.slice(keep);
          return;
        }
        const e = m + rowLength < n ? tagEnd(b, m) : -1;
        if (e < 0) {
          this.feed(b.slice(p, m));
          this.buf = b.slice(m);
          if (this.buf.length > MAX_CARRY) {
            // A row tag this long is not worth scanning after: the parser reads the rest of the part.
            this.off = true;
            this.feed(this.buf);
            this.buf = '';
          }
          return;
        }
        const opens = sink.rowOpens;
        this.feed(b.slice(p, e));
        p = e;
        // The match must be a row the parser opened (not text in a comment, not a row of another table).
        if (sink.rowOpens === opens + 1 && sink.rowOpenedLast) this.scanning = true;
        continue;
      }
      let i = p;
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) {
        p = i;
        break;
      }
      let x: number;
      try {
        x = b.charCodeAt(i) === 60 ? this.readCell(i) : -2;
      } catch (err) {
        if (err !== UNSURE) throw err;
        x = -2;
      }
      if (x === -1) {
        // A cell cut by the chunk's end waits for the next one, unless it is long: the parser takes it.
        if (n - i <= MAX_CARRY) {
          p = i;
          break;
        }
        x = -2;
      }
      if (x === -2) {
        // Not a cell (the row's end), or a cell the scanner does not read: the parser goes on from here.
        this.scanning = false;
        p = i;
        continue;
      }
      p = x;
    }
    this.buf = p === 0 ? b : b.slice(p);
  }

  /**
   * The cell at `p` (a `<`), read whole and then given to the sink. Returns the end of the cell, -1 when it
   * is cut by the chunk's end, -2 when the tag there is not a cell's open tag; throws UNSURE on anything the
   * scanner does not read.
   */
  private readCell(p: number): number {
    const b = this.buf;
    let end = this.tag(p);
    if (end < 0) return -1;
    if (this.isClose) return -2;
    const ns = this.nameStart;
    const ne = this.nameEnd;
    let covered: boolean;
    if (ne - ns === CELL.length && at(b, ns, CELL)) covered = false;
    else if (ne - ns === COVERED.length && at(b, ns, COVERED)) covered = true;
    else return -2;
    const cell = this.cell;
    cell.clear();
    const values = cell.values;
    const a = this.attributes;
    for (let k = 0; k < this.attributeCount * 5; k += 5) {
      const as = a[k]!;
      const colon = a[k + 1]!;
      const ae = a[k + 2]!;
      if (isCalcext(b, as, colon)) {
        if (ae - as === 18 && at(b, as, 'calcext:value-type')) cell.calcextType = b.slice(a[k + 3], a[k + 4]);
        continue;
      }
      const slot = slotOf(b, colon >= 0 ? colon + 1 : as, ae);
      if (slot >= 0 && values[slot] === undefined)
        values[slot] =
          slot === Slot.ValueType ? valueType(b, a[k + 3]!, a[k + 4]!) : b.slice(a[k + 3], a[k + 4]);
    }
    const selfClosing = this.selfClosing;
    const sink = this.sink;
    const name = covered ? COVERED : CELL;
    if (!selfClosing && !covered && at(b, end, PARAGRAPH)) {
      // Nearly all cells: `<text:p>…</text:p></table:table-cell>`, read without the general tag reader.
      const from = end + PARAGRAPH.length;
      const lt = b.indexOf('<', from);
      if (lt >= 0 && at(b, lt, PARAGRAPH_END)) {
        const text = decodeText(b, from, lt);
        sink.openCell(false, cell, false);
        sink.open('text:p', EMPTY, false);
        if (lt > from) sink.text(text);
        sink.close('text:p');
        sink.close(CELL);
        return lt + PARAGRAPH_END.length;
      }
    }
    this.ops = 0;
    if (!selfClosing) {
      end = this.content(end, ns, ne);
      if (end < 0) return -1;
    }
    sink.openCell(covered, cell, selfClosing);
    const kinds = this.opKinds;
    const texts = this.opTexts;
    for (let k = 0; k < this.ops; k++) {
      const kind = kinds[k];
      if (kind === Op.Text) sink.text(texts[k]!);
      else if (kind === Op.Open) sink.open(texts[k]!, this.opAttributes[k]!, this.opSelfClosing[k]!);
      else sink.close(texts[k]!);
    }
    sink.close(name);
    return end;
  }

  private op(kind: Op, text: string, attributes: Record<string, string>, selfClosing: boolean): void {
    const k = this.ops++;
    this.opKinds[k] = kind;
    this.opTexts[k] = text;
    this.opAttributes[k] = attributes;
    this.opSelfClosing[k] = selfClosing;
  }

  /**
   * The content of the cell whose open tag ends at `p` (its name at [cs, ce)), up to its close tag, as
   * events. Returns the end of the close tag, or -1 when the text ends first.
   */
  private content(p: number, cs: number, ce: number): number {
    const b = this.buf;
    const n = b.length;
    const stack = this.stack;
    stack.length = 0;
    let i = p;
    for (;;) {
      const lt = b.indexOf('<', i);
      if (lt < 0) return -1;
      if (lt > i) this.op(Op.Text, decodeText(b, i, lt), EMPTY, false);
      if (lt + 1 >= n) return -1;
      const next = b.charCodeAt(lt + 1);
      if (next === 33) {
        if (n - lt < 9) {
          if ('<![CDATA['.startsWith(b.slice(lt))) return -1;
          throw UNSURE;
        }
        if (!at(b, lt, '<![CDATA[')) throw UNSURE;
        const close = b.indexOf(']]>', lt + 9);
        if (close < 0) return -1;
        for (let k = lt + 9; k < close; k++) {
          const c = b.charCodeAt(k);
          if ((c < 32 && c !== 9 && c !== 10) || c >= 0xfffe) throw UNSURE;
        }
        this.op(Op.Text, b.slice(lt + 9, close), EMPTY, false);
        i = close + 3;
        continue;
      }
      const e = this.tag(lt);
      if (e < 0) return -1;
      const ns = this.nameStart;
      const ne = this.nameEnd;
      if (this.isClose) {
        const depth = stack.length;
        if (depth === 0) {
          if (!sameName(b, cs, ce, ns, ne)) throw UNSURE;
          return e;
        }
        if (!sameName(b, stack[depth - 2]!, stack[depth - 1]!, ns, ne)) throw UNSURE;
        stack.length = depth - 2;
        this.op(Op.Close, nameText(b, ns, ne), EMPTY, false);
      } else {
        // The reader acts on `table:` elements (cells, rows, columns, tables): the parser reads them.
        if (ne - ns > 6 && at(b, ns, 'table:')) throw UNSURE;
        const name = nameText(b, ns, ne);
        const attributes = name === 'text:s' ? this.record() : EMPTY;
        this.op(Op.Open, name, attributes, this.selfClosing);
        if (this.selfClosing) this.op(Op.Close, name, EMPTY, false);
        else stack.push(ns, ne);
      }
      i = e;
    }
  }

  /** The attributes of the tag last read, as the XML parser reports them. */
  private record(): Record<string, string> {
    const b = this.buf;
    const a = this.attributes;
    const out: Record<string, string> = {};
    for (let k = 0; k < this.attributeCount * 5; k += 5)
      out[b.slice(a[k], a[k + 2])] = b.slice(a[k + 3], a[k + 4]);
    return out;
  }

  /**
   * Reads the tag at `p` (a `<`): close or open, self-closing, its name and its attributes. Returns the end
   * of the tag, or -1 when the text ends first; anything unusual throws UNSURE (a comment, a processing
   * instruction, a name outside ASCII, an attribute value with `<`, `&` or a control character, an
   * attribute given twice).
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
      if (c < 128 && NAME_CHARS[c] === 1) continue;
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
    this.attributeCount = 0;
    if (close) {
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (b.charCodeAt(i) !== 62) throw UNSURE;
      this.selfClosing = false;
      return i + 1;
    }
    const a = this.attributes;
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
        if (c < 128 && NAME_CHARS[c] === 1) continue;
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
      if (acolon >= 0 && !isNameStart(b.charCodeAt(acolon + 1))) throw UNSURE;
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
      // An ODS element carries about ten attributes: a tag with many more goes to the parser, which
      // checks duplicates in linear time (this check is quadratic in the count).
      if (this.attributeCount >= MAX_ATTRIBUTES) throw UNSURE;
      const k0 = this.attributeCount * 5;
      for (let k = 0; k < k0; k += 5) if (sameName(b, a[k]!, a[k + 2]!, as, ae)) throw UNSURE;
      a[k0] = as;
      a[k0 + 1] = acolon;
      a[k0 + 2] = ae;
      a[k0 + 3] = vs;
      a[k0 + 4] = ve;
      this.attributeCount++;
      i = ve + 1;
    }
  }
}

/** Attributes of one tag the scanner reads itself (see `tag`). */
const MAX_ATTRIBUTES = 32;

/** The name [ns, ne) of `b`, the paragraph and span names without a new string. */
function nameText(b: string, ns: number, ne: number): string {
  const len = ne - ns;
  if (len === 6 && at(b, ns, 'text:p')) return 'text:p';
  if (len === 9 && at(b, ns, 'text:span')) return 'text:span';
  return b.slice(ns, ne);
}

/** A value type [vs, ve) of `b`: the common ones without a new string. */
function valueType(b: string, vs: number, ve: number): string {
  const len = ve - vs;
  if (len === 5 && at(b, vs, 'float')) return 'float';
  if (len === 6 && at(b, vs, 'string')) return 'string';
  return b.slice(vs, ve);
}

/** The start of a tail of `b` (from `p`) that may be the beginning of a row's open tag, else its end. */
function heldTail(b: string, p: number): number {
  const n = b.length;
  const lt = b.lastIndexOf('<');
  if (lt < p || n - lt > ROW_OPEN.length) return n;
  return ROW_OPEN.startsWith(b.slice(lt)) ? lt : n;
}

/** The text [from, to) of an element's content (no `<` in it): entities and character references decoded. */
function decodeText(b: string, from: number, to: number): string {
  let out = '';
  let start = from;
  for (let k = from; k < to; k++) {
    const c = b.charCodeAt(k);
    if (c < 32) {
      // A carriage return is normalised by XML parsers; other controls are not XML.
      if (c !== 9 && c !== 10) throw UNSURE;
    } else if (c === 38) {
      const semi = b.indexOf(';', k);
      if (semi < 0 || semi > to) throw UNSURE;
      out += b.slice(start, k) + entity(b, k + 1, semi);
      start = semi + 1;
      k = semi;
    } else if (c === 62) {
      if (k - 2 >= from && b.charCodeAt(k - 1) === 93 && b.charCodeAt(k - 2) === 93) throw UNSURE;
    } else if (c >= 0xfffe) throw UNSURE;
  }
  return start === from ? b.slice(from, to) : out + b.slice(start, to);
}
