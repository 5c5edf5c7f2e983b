// A scanner for the shared string table of an XLSX (sharedStrings.xml): reads its `<si>` items without a
// general XML parser, and hands anything it does not recognise to that parser.
import {
  decodeText,
  feedParser,
  isSpace,
  joinText,
  MAX_CARRY,
  sameName,
  startsAt,
  TagReader,
  tagEnd,
  UNSURE,
} from './xml-scan.js';
import type { XmlReader } from './xml.js';

/** What the scanner tells the string table reader: whole items, and what the XML handler saw. */
export interface StringItemSink {
  /** The text of one `<si>` item, as the XML handler would have added it. */
  add(text: string): void;
  /** Kept by the XML handler: `<sst>` root elements it opened, and its depth of open elements. */
  readonly sstOpens: number;
  readonly depth: number;
}

/** The open tag of `<sst>`, with or without a prefix. */
const SST = /<(?:[A-Za-z_][\w.-]*:)?sst(?=[\s/>])/;

const enum Mode {
  /** Before `<sst>`: the XML parser reads everything, the scanner looks for it. */
  Prelude,
  /** Inside `<sst>`: the scanner reads the items. */
  Scan,
  /** After the items, or after anything the scanner did not recognise: the XML parser reads the rest. */
  Xml,
}

/** The local name [ls, ne) of `b` is `name`. */
function isLocal(b: string, ls: number, ne: number, name: string): boolean {
  return ne - ls === name.length && startsAt(b, ls, name);
}

/**
 * Reads sharedStrings.xml (as decoded text, chunk by chunk) into a `StringItemSink`, giving it the texts
 * the XML handler would have built: the text of the `<t>` elements of each `<si>` (directly or in `<r>`
 * runs), phonetic runs (`<rPh>`) left out, run properties and any other element skipped, each text or CDATA
 * piece added while the item is shorter than `maxCell` characters. The part up to `<sst>` and from its
 * close tag on go to the XML parser (`XmlReader`, which refuses a DOCTYPE and checks well-formedness), as
 * does everything from the start of an item the scanner does not fully read (a comment, a processing
 * instruction, an entity or `<` in an attribute, a carriage return, an item inside an item, malformed XML,
 * a name outside ASCII), so the table is read exactly as the parser reads it, or fails as it fails.
 */
export class StringsScanner {
  private mode = Mode.Prelude;
  private buf = '';
  private readonly tags = new TagReader();
  /** Open elements inside the current item: [start, end) of their names in `buf`. */
  private readonly stack: number[] = [];

  constructor(
    private readonly sink: StringItemSink,
    private readonly xml: XmlReader,
    private readonly maxCell: number,
  ) {}

  /** The next characters of the part. */
  writeText(text: string): void {
    if (this.mode === Mode.Xml) {
      feedParser(this.xml, text);
      return;
    }
    this.buf = joinText(this.buf, text);
    if (this.mode === Mode.Prelude) this.prelude();
    else this.scan();
  }

  /** The end of the part: whatever is left goes to the parser, which checks the document is complete. */
  end(): void {
    feedParser(this.xml, this.buf);
    this.buf = '';
    this.mode = Mode.Xml;
    this.xml.end();
  }

  /** Hands the rest, from `p` (between items), to the XML parser. */
  private fallback(p: number): void {
    this.mode = Mode.Xml;
    const rest = this.buf.slice(p);
    this.buf = '';
    feedParser(this.xml, rest);
  }

  /** Before `<sst>`: the parser reads up to its open tag, then the scanner takes over. */
  private prelude(): void {
    const b = this.buf;
    const m = SST.exec(b);
    if (!m) {
      // Hold back a tag cut by the chunk's end (a short one: a long tail is fed, and never matched).
      const lt = b.lastIndexOf('<');
      const keep = lt >= 0 && b.length - lt < 4096 ? lt : b.length;
      feedParser(this.xml, b.slice(0, keep));
      this.buf = b.slice(keep);
      return;
    }
    const end = tagEnd(b, m.index);
    if (end < 0) {
      feedParser(this.xml, b.slice(0, m.index));
      this.buf = b.slice(m.index);
      if (this.buf.length > MAX_CARRY) this.fallback(0);
      return;
    }
    const opens = this.sink.sstOpens;
    feedParser(this.xml, b.slice(0, end));
    this.buf = b.slice(end);
    // The match must be the root the parser opened (not text in a comment, not `<sst/>`).
    if (this.sink.sstOpens === opens + 1 && this.sink.depth === 1) {
      this.mode = Mode.Scan;
      this.scan();
    } else this.fallback(0);
  }

  /** Items, as far as the text goes; an item cut by the chunk's end waits for the next one. */
  private scan(): void {
    const b = this.buf;
    const n = b.length;
    let p = 0;
    for (;;) {
      let i = p;
      while (i < n && isSpace(b.charCodeAt(i))) i++;
      if (i >= n) {
        p = i;
        break;
      }
      let x: number;
      try {
        x = b.charCodeAt(i) === 60 ? this.item(i) : -2;
      } catch (err) {
        if (err !== UNSURE) throw err;
        x = -2;
      }
      if (x === -1 && n - i > MAX_CARRY) x = -2;
      if (x === -1) {
        p = i;
        break;
      }
      if (x === -2) {
        // The end of the table, or an item the scanner does not read: the parser goes on from here.
        this.fallback(i);
        return;
      }
      p = x;
    }
    this.buf = p === 0 ? b : b.slice(p);
  }

  /**
   * The item at `p` (a `<`), read whole and then given to the sink. Returns the end of the item, -1 when it
   * is cut by the text's end, -2 when the tag there is not an item's open tag; throws UNSURE on anything
   * the scanner does not read.
   */
  private item(p: number): number {
    const b = this.buf;
    const n = b.length;
    const tags = this.tags;
    let i = tags.read(b, p);
    if (i < 0) return -1;
    if (tags.isClose || !isLocal(b, tags.localStart, tags.nameEnd, 'si')) return -2;
    if (tags.selfClosing) {
      this.sink.add('');
      return i;
    }
    const si = tags.nameStart;
    const siEnd = tags.nameEnd;
    const stack = this.stack;
    stack.length = 0;
    const maxCell = this.maxCell;
    let text = '';
    let inT = false;
    let phonetic = 0;
    for (;;) {
      const lt = b.indexOf('<', i);
      if (lt < 0) return -1;
      if (lt > i) {
        const piece = decodeText(b, i, lt);
        if (inT && text.length < maxCell) text += piece;
      }
      if (lt + 1 >= n) return -1;
      if (b.charCodeAt(lt + 1) === 33) {
        if (n - lt < 9) {
          if ('<![CDATA['.startsWith(b.slice(lt))) return -1;
          throw UNSURE;
        }
        if (!startsAt(b, lt, '<![CDATA[')) throw UNSURE;
        const close = b.indexOf(']]>', lt + 9);
        if (close < 0) return -1;
        for (let k = lt + 9; k < close; k++) {
          const c = b.charCodeAt(k);
          if ((c < 32 && c !== 9 && c !== 10) || c >= 0xfffe) throw UNSURE;
        }
        if (inT && text.length < maxCell) text += b.slice(lt + 9, close);
        i = close + 3;
        continue;
      }
      const e = tags.read(b, lt);
      if (e < 0) return -1;
      const ls = tags.localStart;
      const ne = tags.nameEnd;
      if (tags.isClose) {
        const depth = stack.length;
        if (depth === 0) {
          if (!sameName(b, si, siEnd, tags.nameStart, ne)) throw UNSURE;
          this.sink.add(text);
          return e;
        }
        if (!sameName(b, stack[depth - 2]!, stack[depth - 1]!, tags.nameStart, ne)) throw UNSURE;
        stack.length = depth - 2;
        if (isLocal(b, ls, ne, 't')) inT = false;
        else if (isLocal(b, ls, ne, 'rPh')) phonetic--;
      } else {
        // The handler's steps on an open tag, then on its close when it is self-closing.
        if (isLocal(b, ls, ne, 'si')) throw UNSURE;
        if (isLocal(b, ls, ne, 't')) inT = !tags.selfClosing && phonetic === 0;
        else if (isLocal(b, ls, ne, 'rPh')) {
          if (!tags.selfClosing) phonetic++;
        }
        if (!tags.selfClosing) stack.push(tags.nameStart, ne);
      }
      i = e;
    }
  }
}
