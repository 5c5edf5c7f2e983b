// What the XML scanners of the workbook readers share: one tag reader recording attribute spans, the text
// reader, character classes, and the hand-over of text to the XML parser.
import type { XmlReader } from './xml.js';

/** Thrown inside a scanner when it meets something it does not read itself; never escapes it. */
export const UNSURE = Symbol('unsure');

/** Characters of a part fed to the XML parser at once, as the inflated chunks were (its run limit counts them). */
export const FEED = 64 * 1024;
/**
 * Characters held waiting for the end of one element (a long cell): beyond, the rest of the part goes to
 * the XML parser, which takes long texts in one pass where a scanner would look at them again each chunk.
 */
export const MAX_CARRY = 2 ** 20;

/**
 * Attributes of one tag a scanner reads itself: workbook elements carry about ten, and a tag with many more
 * goes to the parser, which checks duplicates in linear time (the check here is quadratic in the count).
 */
const MAX_ATTRIBUTES = 32;

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** ASCII characters of names (letters, digits, `_`, `-`, `.`), looked up as names are read. */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHARS[c] = isNameChar(c) ? 1 : 0;

/**
 * True when `lit` is at `pos` (not negative) in `s`. The built-in compares in native code: a loop of
 * `charCodeAt` here cost the ODS scanner a few per cent of its instructions (a cell's names are long).
 */
export function startsAt(s: string, pos: number, lit: string): boolean {
  return s.startsWith(lit, pos);
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

/**
 * The carry of the last chunk followed by the next chunk, as one flat string. `carry + text` would make a
 * rope (a V8 cons string) that every character read must go through, about a tenth of a scanner's
 * instructions; `join` copies both into one sequential string (a chunk and a short carry, or a bounded
 * long one: MAX_CARRY).
 */
export function joinText(carry: string, text: string): string {
  return carry.length === 0 ? text : [carry, text].join('');
}

/** Text to the XML parser in slices, so that its run limit sees a long text as it grows. */
export function feedParser(xml: XmlReader, text: string): void {
  if (text.length <= FEED) {
    if (text.length > 0) xml.writeText(text);
    return;
  }
  for (let at = 0; at < text.length; at += FEED) xml.writeText(text.slice(at, at + FEED));
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

/**
 * The text [from, to) of an element's content (no `<` in it): entities and character references decoded.
 * Throws UNSURE on what an XML parser would change or refuse (a carriage return, a control character, `]]>`).
 */
export function decodeText(b: string, from: number, to: number): string {
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

/**
 * Reads tags and texts in place in a scanner's text: the tag last read (close or open, self-closing, its
 * name, local name and the spans of its attributes) and the text last read.
 */
export class TagReader {
  isClose = false;
  selfClosing = false;
  nameStart = 0;
  nameEnd = 0;
  /** Start of the name after its prefix (`x:c` → `c`). */
  localStart = 0;
  /** Attributes of the open tag: [name start, colon or -1, name end, value start, value end] each. */
  readonly attributes: number[] = [];
  /** Attributes in `attributes` (five numbers each). */
  count = 0;
  /** The text read by `readText`. */
  text = '';

  /**
   * Reads the tag at `p` (a `<`) of `b`. Returns the end of the tag, or -1 when the text ends first;
   * anything unusual throws UNSURE (a comment, a processing instruction, a name outside ASCII, an
   * attribute value with `<`, `&` or a control character, an attribute given twice, too many attributes).
   */
  read(b: string, p: number): number {
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
    this.localStart = colon >= 0 ? colon + 1 : ns;
    this.count = 0;
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
      if (this.count >= MAX_ATTRIBUTES) throw UNSURE;
      const k0 = this.count * 5;
      for (let k = 0; k < k0; k += 5) if (sameName(b, a[k]!, a[k + 2]!, as, ae)) throw UNSURE;
      a[k0] = as;
      a[k0 + 1] = acolon;
      a[k0 + 2] = ae;
      a[k0 + 3] = vs;
      a[k0 + 4] = ve;
      this.count++;
      i = ve + 1;
    }
  }

  /** The attributes of the tag last read, as the XML parser reports them. */
  record(b: string): Record<string, string> {
    const a = this.attributes;
    const out: Record<string, string> = {};
    for (let k = 0; k < this.count * 5; k += 5) out[b.slice(a[k], a[k + 2])] = b.slice(a[k + 3], a[k + 4]);
    return out;
  }

  /**
   * The text of an element whose open tag ends at `p`, up to its close tag (named like [ns, ne)): entities
   * and character references decoded, CDATA sections included, into `text`. Returns the end of the close
   * tag, or -1 when `b` ends first; throws UNSURE on anything else inside (an element, a comment).
   */
  readText(b: string, p: number, ns: number, ne: number): number {
    const n = b.length;
    let out = '';
    let i = p;
    for (;;) {
      const lt = b.indexOf('<', i);
      if (lt < 0) return -1;
      const piece = decodeText(b, i, lt);
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
        this.text = i === p ? piece : out + piece;
        return k + 1;
      }
      if (next === 33 && startsAt(b, lt, '<![CDATA[')) {
        const close = b.indexOf(']]>', lt + 9);
        if (close < 0) return -1;
        for (let k = lt + 9; k < close; k++) {
          const c = b.charCodeAt(k);
          if ((c < 32 && c !== 9 && c !== 10) || c >= 0xfffe) throw UNSURE;
        }
        out += piece + b.slice(lt + 9, close);
        i = close + 3;
        continue;
      }
      if (next === 33 && n - lt < 9 && '<![CDATA['.startsWith(b.slice(lt))) return -1;
      throw UNSURE;
    }
  }
}
