// A scanner for the cells of an ODS table: reads `<table:table-cell>` elements without a general XML parser,
// and hands anything it does not recognise to that parser.
import {
  decodeText,
  feedParser,
  isSpace,
  joinText,
  MAX_CARRY,
  sameName,
  startsAt as at,
  TagReader,
  tagEnd,
  UNSURE,
} from './xml-scan.js';
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
  /**
   * Rows the XML parser has opened (not self-closing ones), in the wanted table or before it: the scanner
   * reads the cells of earlier tables too, and the sink ignores them.
   */
  readonly rowOpens: number;
  /** The last event was the open tag of such a row: the parser stands just inside it. */
  readonly rowOpenedLast: boolean;
  openCell(covered: boolean, attributes: CellAttributes, selfClosing: boolean): void;
  /** A cell of one paragraph of text: `openCell`, then `text:p` opened, its text, and both closed. */
  textCell(attributes: CellAttributes, text: string): void;
}

const ROW_OPEN = '<table:table-row';
const ROW = 'table:table-row';
const CELL = 'table:table-cell';
const CELL_OPEN = '<table:table-cell';
/** What `cellTag` returns for a tag it leaves to the general tag reader. */
const NOT_READ = -3;
/** The pseudo-slot of `calcext:value-type` in `cellTag`. */
const CALCEXT_TYPE = -1;
const COVERED = 'table:covered-table-cell';
const PARAGRAPH = '<text:p>';
const PARAGRAPH_END = '</text:p></table:table-cell>';
/** The start of a typed cell; the character after it tells the two forms `commonCell` reads. */
const TYPED_CELL = '<table:table-cell office:value-type="';
const STRING_CELL = TYPED_CELL + 'string"><text:p>';
const FLOAT_CELL = TYPED_CELL + 'float" office:value="';
const VALUE_END = '"><text:p>';
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
 * (`XmlReader`, which refuses a DOCTYPE and checks well-formedness) reads everything but the rows of the
 * tables up to the wanted one: the scanner looks for a `<table:table-row>` open tag, has the parser read up
 * to its end, and when the parser did open that row, reads on from there itself: the row's cells —
 * `<table:table-cell>` and `<table:covered-table-cell>` with their content (paragraphs, spans, `text:s`,
 * tabs, line breaks, annotations, links: any element outside the `table:` prefix, the five XML entities,
 * character references and CDATA) — and a row's end followed by the next row's open tag (which leaves the
 * parser inside a row, as it was), giving the reader the same events the parser would. Anything else (the
 * last row's end, comments, processing instructions, a carriage return in a text, an entity or `<` in an
 * attribute, a duplicated attribute, a `table:` element inside a cell, malformed XML, a name outside ASCII)
 * goes back to the parser from the start of the cell or row end, so a table is read exactly as the parser
 * reads it, or fails as it fails.
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
  private readonly tags = new TagReader();
  /** The cell tag read by `cellTag` closes itself. */
  private selfClosing = false;

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
    this.buf = joinText(this.buf, text);
    this.run();
  }

  /** The end of content.xml: whatever is left goes to the parser, which checks the document is complete. */
  end(): void {
    this.feed(this.buf);
    this.buf = '';
    this.xml.end();
  }

  private feed(text: string): void {
    feedParser(this.xml, text);
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
        // Not a cell: the row's end, and the next row's start read here when they follow each other.
        try {
          x = this.nextRow(i);
        } catch (err) {
          if (err !== UNSURE) throw err;
          x = -2;
        }
        if (x === -1 && n - i <= MAX_CARRY) {
          p = i;
          break;
        }
      }
      if (x < 0) {
        // Something else (the table's end), or a cell the scanner does not read: the parser goes on from here.
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
    const tags = this.tags;
    const b = this.buf;
    const cell = this.cell;
    const common = this.commonCell(b, p);
    if (common !== NOT_READ) return common;
    let end = this.cellTag(b, p);
    let covered = false;
    let selfClosing = this.selfClosing;
    // The cell's name in `b`, for the close tag of a cell read event by event.
    let ns = p + 1;
    let ne = p + 1 + CELL.length;
    if (end === NOT_READ) {
      end = tags.read(b, p);
      if (end < 0) return -1;
      if (tags.isClose) return -2;
      ns = tags.nameStart;
      ne = tags.nameEnd;
      if (ne - ns === CELL.length && at(b, ns, CELL)) covered = false;
      else if (ne - ns === COVERED.length && at(b, ns, COVERED)) covered = true;
      else return -2;
      cell.clear();
      const values = cell.values;
      const a = tags.attributes;
      for (let k = 0; k < tags.count * 5; k += 5) {
        const as = a[k]!;
        const colon = a[k + 1]!;
        const ae = a[k + 2]!;
        if (isCalcext(b, as, colon)) {
          if (ae - as === 18 && at(b, as, 'calcext:value-type'))
            cell.calcextType = b.slice(a[k + 3], a[k + 4]);
          continue;
        }
        const slot = slotOf(b, colon >= 0 ? colon + 1 : as, ae);
        if (slot >= 0 && values[slot] === undefined)
          values[slot] =
            slot === Slot.ValueType ? valueType(b, a[k + 3]!, a[k + 4]!) : b.slice(a[k + 3], a[k + 4]);
      }
      selfClosing = tags.selfClosing;
    }
    const sink = this.sink;
    const name = covered ? COVERED : CELL;
    if (!selfClosing && !covered && at(b, end, PARAGRAPH)) {
      // Nearly all cells: `<text:p>…</text:p></table:table-cell>`, read without the general tag reader.
      const from = end + PARAGRAPH.length;
      const lt = b.indexOf('<', from);
      if (lt >= 0 && same(b, lt, PARAGRAPH_END)) {
        sink.textCell(cell, decodeText(b, from, lt));
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

  /**
   * The open tag of a `table:table-cell` at `p` when it is in the form office suites write: its attributes
   * among the few a cell commonly has (`office:value-type`, `office:value`, `table:style-name`,
   * `table:number-columns-repeated`, `calcext:value-type`), each once, written `name="value"` with one
   * space before it. Reads them into the cell attributes (as the tag reader and `slotOf` would: these full
   * names map to distinct slots) and returns the end of the tag, `selfClosing` set; anything else —
   * another element or attribute, other spacing or quotes, a character the tag reader refuses, a tag cut
   * by the end of the text — returns NOT_READ, and the general tag reader reads the tag from the start.
   * This spares the tag reader's character-by-character name reading and the look-up of each name.
   */
  private cellTag(b: string, p: number): number {
    const n = b.length;
    let i = p + CELL_OPEN.length;
    if (i >= n || !same(b, p, CELL_OPEN)) return NOT_READ;
    const cell = this.cell;
    cell.clear();
    const values = cell.values;
    let seen = 0;
    for (;;) {
      let c = b.charCodeAt(i);
      if (c === 62) {
        this.selfClosing = false;
        return i + 1;
      }
      if (c === 47) {
        if (i + 1 >= n || b.charCodeAt(i + 1) !== 62) return NOT_READ;
        this.selfClosing = true;
        return i + 2;
      }
      if (c !== 32 || i + 1 >= n) return NOT_READ;
      i++;
      // The attribute, told by its first letters and then compared whole with its `="`.
      let slot: number;
      let name: string;
      c = b.charCodeAt(i);
      if (c === 111) {
        // `office:value-type="` and `office:value="` differ at their 13th character.
        if (i + 12 >= n) return NOT_READ;
        const d = b.charCodeAt(i + 12);
        if (d === 45) {
          slot = Slot.ValueType;
          name = 'office:value-type="';
        } else if (d === 61) {
          slot = Slot.Value;
          name = 'office:value="';
        } else return NOT_READ;
      } else if (c === 116) {
        if (i + 6 >= n) return NOT_READ;
        const d = b.charCodeAt(i + 6);
        if (d === 115) {
          slot = Slot.Style;
          name = 'table:style-name="';
        } else if (d === 110) {
          slot = Slot.Repeat;
          name = 'table:number-columns-repeated="';
        } else return NOT_READ;
      } else if (c === 99) {
        slot = CALCEXT_TYPE;
        name = 'calcext:value-type="';
      } else return NOT_READ;
      const bit = 1 << (slot + 1);
      if ((seen & bit) !== 0 || !same(b, i, name)) return NOT_READ;
      seen |= bit;
      const vs = i + name.length;
      let ve = vs;
      for (; ve < n; ve++) {
        const d = b.charCodeAt(ve);
        if (d === 34) break;
        if (d < 32 || d === 60 || d === 38 || d >= 0xfffe) return NOT_READ;
      }
      if (ve + 1 >= n) return NOT_READ;
      if (slot === CALCEXT_TYPE) cell.calcextType = b.slice(vs, ve);
      else values[slot] = slot === Slot.ValueType ? valueType(b, vs, ve) : b.slice(vs, ve);
      i = ve + 1;
    }
  }

  /**
   * The cell at `p` when it is one of the two forms streaming writers use for nearly every cell, a string
   * `<table:table-cell office:value-type="string"><text:p>…</text:p></table:table-cell>` or a float
   * `<table:table-cell office:value-type="float" office:value="…"><text:p>…</text:p></table:table-cell>`:
   * each form is compared whole, in two or three comparisons where `cellTag` and the paragraph test take
   * five or six (a comparison is a call of a built-in, about a tenth of the scanner's time). Gives the sink
   * what `cellTag` and the paragraph path of `readCell` would (the same attributes, the same text, the same
   * UNSURE), and returns the end of the cell; anything else (another form, a value `cellTag` refuses, a
   * cell cut by the end of the text) returns NOT_READ, and `readCell` reads the cell from its start.
   */
  private commonCell(b: string, p: number): number {
    const c = b.charCodeAt(p + TYPED_CELL.length);
    let from: number;
    let value: string | undefined;
    if (c === 115) {
      if (!same(b, p, STRING_CELL)) return NOT_READ;
      from = p + STRING_CELL.length;
    } else if (c === 102) {
      if (!same(b, p, FLOAT_CELL)) return NOT_READ;
      const vs = p + FLOAT_CELL.length;
      const n = b.length;
      let ve = vs;
      for (; ve < n; ve++) {
        const d = b.charCodeAt(ve);
        if (d === 34) break;
        if (d < 32 || d === 60 || d === 38 || d >= 0xfffe) return NOT_READ;
      }
      if (!same(b, ve, VALUE_END)) return NOT_READ;
      value = b.slice(vs, ve);
      from = ve + VALUE_END.length;
    } else return NOT_READ;
    const lt = b.indexOf('<', from);
    if (lt < 0 || !same(b, lt, PARAGRAPH_END)) return NOT_READ;
    const cell = this.cell;
    cell.clear();
    const values = cell.values;
    values[Slot.ValueType] = value === undefined ? 'string' : 'float';
    values[Slot.Value] = value;
    this.sink.textCell(cell, decodeText(b, from, lt));
    return lt + PARAGRAPH_END.length;
  }

  /**
   * The end of a row at `p` followed by the open tag of the next one (not self-closing), read as the parser
   * would: the parser's open element stays a row. Returns the end of the second tag, -1 when the text ends
   * first, -2 when `p` is not such a pair.
   */
  private nextRow(p: number): number {
    const b = this.buf;
    const n = b.length;
    const tags = this.tags;
    const e = tags.read(b, p);
    if (e < 0) return -1;
    if (!tags.isClose || !isName(b, tags.nameStart, tags.nameEnd, ROW)) return -2;
    let i = e;
    while (i < n && isSpace(b.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (b.charCodeAt(i) !== 60) return -2;
    const e2 = tags.read(b, i);
    if (e2 < 0) return -1;
    if (tags.isClose || tags.selfClosing || !isName(b, tags.nameStart, tags.nameEnd, ROW)) return -2;
    const sink = this.sink;
    // Spaces between the two tags would be text outside any cell, which the reader ignores.
    sink.close(ROW);
    sink.open(ROW, tags.count === 0 ? EMPTY : tags.record(b), false);
    return e2;
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
    const tags = this.tags;
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
      const e = tags.read(this.buf, lt);
      if (e < 0) return -1;
      const ns = tags.nameStart;
      const ne = tags.nameEnd;
      if (tags.isClose) {
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
        const attributes = name === 'text:s' ? tags.record(this.buf) : EMPTY;
        this.op(Op.Open, name, attributes, tags.selfClosing);
        if (tags.selfClosing) this.op(Op.Close, name, EMPTY, false);
        else stack.push(ns, ne);
      }
      i = e;
    }
  }
}

/**
 * True when `lit` is at `pos` (not negative) in `b`, as `startsAt`, for the long names of a cell's markup:
 * the slice (a view of `b` from 13 characters on, a short copy below) is compared with `===`, a byte compare,
 * where `startsWith` compares character by character: reading budget-20000.stream.ods took 11 % fewer
 * instructions (cachegrind), and 10 % fewer with the cells in LibreOffice's form (cellTag).
 */
function same(b: string, pos: number, lit: string): boolean {
  return b.slice(pos, pos + lit.length) === lit;
}

/** True when [ns, ne) of `b` is `name`. */
function isName(b: string, ns: number, ne: number, name: string): boolean {
  return ne - ns === name.length && at(b, ns, name);
}

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
