// Text encodings: detect on a bounded head, verify while streaming, decode chunks, repair double encoding.
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type iconvLib from 'iconv-lite';

let iconvModule: typeof iconvLib | undefined;
/** iconv-lite, required on first use: UTF-8, UTF-16, Latin-1, Windows-1252 and ISO-8859-15 never load it. */
const iconv = {
  get lib(): typeof iconvLib {
    return (iconvModule ??= createRequire(import.meta.url)('iconv-lite') as typeof iconvLib);
  },
};
import { OdfError } from '../errors.js';
import type { EncodingName } from './types.js';

/** Why detection chose its encoding (machine-readable; the `encoding-guessed` finding shows it). */
export type EncodingReason =
  | 'bom'
  | 'ascii'
  | 'utf-8-valid'
  | 'utf-8-mostly'
  | 'utf-16-pattern'
  | 'c1-bytes'
  | 'iso-8859-15-markers'
  | 'mac-roman-letters'
  | 'latin-default';

/** A byte that decided a guess: its hex value, the character it reads as, and a word it was found in. */
export interface EncodingEvidence {
  byte: string;
  as: string;
  sample: string;
}

/** What `detectEncoding` found about the head of a file. */
export interface EncodingGuess {
  encoding: EncodingName;
  /** 0..1: 1 for a BOM or a complete pure-ASCII file, lower when the head leaves room for doubt. */
  confidence: number;
  /** True when the head starts with a byte-order mark. */
  bom: boolean;
  /** Length in bytes of that BOM (0, 2 or 3): the text starts after it. */
  bomLength: number;
  reason: EncodingReason;
  /** The bytes that decided (Mac Roman). */
  evidence?: EncodingEvidence[];
}

/**
 * The streaming verifier's answer when the bytes contradict the guess.
 * - `reguess`: the guess was wrong (e.g. a pure-ASCII head, then Windows-1252 bytes): read the file again
 *   as `encoding`.
 * - `invalid`: the bytes are invalid in the guessed encoding and no other encoding fits better (a mixed or
 *   corrupted file, a truncated UTF-16 file): keep decoding (the decoder replaces and counts) and report an
 *   `encoding-error` at `line`.
 */
export interface EncodingVerdict {
  kind: 'reguess' | 'invalid';
  /** The better encoding (`reguess`), or the guessed one (`invalid`). */
  encoding: EncodingName;
  /** Absolute byte offset (from the start of the file, BOM included) of the first contradicting byte. */
  offset: number;
  /** 1-based physical line of that byte (counted on LF). */
  line: number;
}

const BYTE_LF = 0x0a;

// ---------------------------------------------------------------------------------------------------------
// UTF-8 byte validation

/** Length of the UTF-8 sequence starting with lead byte `b`, or 0 when `b` cannot start one. */
function utf8SequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * Check the sequence at `i` (whose lead needs `len` bytes) against RFC 3629 (no overlongs, no surrogates,
 * nothing above U+10FFFF). Returns `len` when valid, -1 when invalid, 0 when valid so far but cut by `end`.
 */
function checkUtf8Sequence(b: Uint8Array, i: number, len: number, end: number): number {
  for (let k = 1; k < len; k++) {
    if (i + k >= end) return 0;
    const c = b[i + k]!;
    let lo = 0x80;
    let hi = 0xbf;
    if (k === 1) {
      const lead = b[i]!;
      if (lead === 0xe0) lo = 0xa0;
      else if (lead === 0xed) hi = 0x9f;
      else if (lead === 0xf0) lo = 0x90;
      else if (lead === 0xf4) hi = 0x8f;
    }
    if (c < lo || c > hi) return -1;
  }
  return len;
}

interface Utf8Scan {
  /** Count of invalid bytes (each byte that cannot start or continue a valid sequence). */
  invalid: number;
  /** Offset of the first invalid byte, -1 if none. */
  firstInvalid: number;
  /** Count of valid multi-byte sequences. */
  multi: number;
  /** Offset where a valid-so-far sequence is cut by the end of the range, -1 if none. */
  cutAt: number;
}

/** Scan `b[start, end)` fully: used on the bounded head only. */
function scanUtf8(b: Uint8Array, start: number, end: number): Utf8Scan {
  const r: Utf8Scan = { invalid: 0, firstInvalid: -1, multi: 0, cutAt: -1 };
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(c);
    const ok = len === 0 ? -1 : checkUtf8Sequence(b, i, len, end);
    if (ok > 0) {
      r.multi++;
      i += ok;
    } else if (ok === 0) {
      r.cutAt = i;
      break;
    } else {
      if (r.firstInvalid < 0) r.firstInvalid = i;
      r.invalid++;
      i++;
    }
  }
  return r;
}

/** Offset of the first invalid byte in `b[start, end)`, or -1; a sequence cut by `end` is not invalid. */
function firstInvalidUtf8(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(c);
    const ok = len === 0 ? -1 : checkUtf8Sequence(b, i, len, end);
    if (ok < 0) return i;
    if (ok === 0) return -1;
    i += ok;
  }
  return -1;
}

/**
 * Where the trailing, possibly incomplete UTF-8 sequence of `b` starts: `b.length` when `b` ends on a
 * sequence boundary. Looks back at most 3 bytes; invalid bytes are left to the caller (not held back).
 */
function utf8TailStart(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const len = utf8SequenceLength(c);
      if (len > back && checkUtf8Sequence(b, n - back, len, n) === 0) return n - back;
      return n;
    }
  }
  return n;
}

/** Count of `byte` in `b[start, end)`; `indexOf` is memchr, several times faster than a loop. */
function countByte(b: Uint8Array, byte: number, start: number, end: number): number {
  let n = 0;
  for (let i = b.indexOf(byte, start); i >= 0 && i < end; i = b.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * A copy of `b` from `from` on: the bytes a verifier or decoder keeps past a chunk. Never a view (as
 * Buffer#slice would give), since the reader may read the next chunk into the same buffer (open.ts).
 */
function tailCopy(b: Uint8Array, from: number): Uint8Array {
  return from < b.length ? new Uint8Array(b.subarray(from)) : new Uint8Array(0);
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

// ---------------------------------------------------------------------------------------------------------
// Single-byte classification

/** Windows-1252 leaves these C1 bytes undefined. */
function isUndefinedIn1252(b: number): boolean {
  return b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d;
}

function isAsciiDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** A letter in ASCII or in the Latin-1 upper half (× and ÷ aside). */
function isLatinLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0xc0 && b !== 0xd7 && b !== 0xf7);
}

/** Bytes before which ´ (0xB4) reads as an apostrophe typed with the acute accent key: l´eau, d´un. */
function isElidingLetter(b: number): boolean {
  return 'lLdDjJnNsStTcCmMuU'.includes(String.fromCharCode(b));
}

interface SingleByteGuess {
  encoding: EncodingName;
  confidence: number;
  reason: EncodingReason;
  evidence?: EncodingEvidence[];
}

/** Mac Roman's characters for bytes 0x80–0x9F: all letters, where Windows-1252 has mostly punctuation. */
const MAC_ROMAN_C1 = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü';
/** Mac Roman bytes 0x80–0x9F that are letters French uses: é è ê ë à â ç î ï ô ù û ü É Ç Ä Ö Ü ä ö. */
const MAC_FRENCH = new Set([
  0x80, 0x82, 0x83, 0x85, 0x86, 0x88, 0x89, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x94, 0x95, 0x99, 0x9a, 0x9d,
  0x9e, 0x9f,
]);
/** Evidence bytes kept for the finding. */
const MAX_EVIDENCE = 3;

function isAsciiLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** The word around byte `i`, decoded as Mac Roman (for the evidence shown to the user). */
function macWord(b: Uint8Array, i: number, start: number, end: number): string {
  let s = i;
  while (s > start && s > i - 20 && (isAsciiLetter(b[s - 1]!) || b[s - 1]! >= 0x80)) s--;
  let e = i + 1;
  while (e < end && e < i + 20 && (isAsciiLetter(b[e]!) || b[e]! >= 0x80)) e++;
  return iconv.lib.decode(Buffer.from(b.subarray(s, e)), 'macintosh');
}

/**
 * Scores Mac Roman against Windows-1252 on the bytes 0x80–0x9F. In Mac Roman they are accented letters
 * (0x8E é, 0x8F è, 0x88 à, 0x8D ç…), so in French text they sit inside words (`R\x8Epublique`); in
 * Windows-1252 they are punctuation (’ “ ” – … €), found between words, except ’ after an elided letter
 * (`l\x92eau`) and œ (`c\x9Cur`). Old Mac files also end lines with CR alone.
 */
function macRomanScore(
  b: Uint8Array,
  start: number,
  end: number,
): { mac: number; windows: number; evidence: EncodingEvidence[] } {
  let mac = 0;
  let windows = 0;
  const evidence: EncodingEvidence[] = [];
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 0x80 || c > 0x9f) continue;
    const prev = i > start ? b[i - 1]! : 0x20;
    const next = i + 1 < end ? b[i + 1]! : 0x20;
    const letterBefore = isAsciiLetter(prev) || (prev >= 0x80 && prev <= 0x9f);
    const letterAfter = isAsciiLetter(next) || (next >= 0x80 && next <= 0x9f);
    if (c === 0x92 || c === 0x9c) {
      // ’ and œ of Windows-1252 (í and ú in Mac Roman, rare in French).
      if (letterBefore && letterAfter) windows++;
    } else if (MAC_FRENCH.has(c) && letterBefore && (letterAfter || next === 0x20 || next === 0x3b)) {
      mac += letterAfter ? 2 : 1;
      if (evidence.length < MAX_EVIDENCE && !evidence.some((e) => e.byte === hex(c))) {
        evidence.push({ byte: hex(c), as: MAC_ROMAN_C1[c - 0x80]!, sample: macWord(b, i, start, end) });
      }
    } else if (!letterBefore || !letterAfter) windows++;
  }
  if (mac > 0) {
    const cr = countByte(b, 0x0d, start, end);
    if (cr > 0 && countByte(b, BYTE_LF, start, end) === 0) mac++;
  }
  return { mac, windows, evidence };
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Classify 8-bit text between Windows-1252 and ISO-8859-15 (ISO-8859-1 is never guessed: its printable
 * range 0xA0–0xFF decodes exactly like Windows-1252, and it reads 0x80–0x9F as control characters, which
 * a text file does not contain, while Windows-1252 reads them as ’ € œ …).
 *
 * A C1 byte (0x80–0x9F) means Windows-1252. Otherwise the eight bytes where ISO-8859-15 differs from
 * Latin-1 are judged by their neighbours: 0xA4 is € (¤ is never written), 0xBD between letters is œ
 * (c\xBDur) but ½ next to a digit, 0xBC before a letter is Œ but ¼ next to a digit, and so on.
 */
function classifySingleByte(b: Uint8Array, start: number, end: number): SingleByteGuess {
  let c1 = 0;
  let undefined1252 = 0;
  let score = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    if (c <= 0x9f) {
      c1++;
      if (isUndefinedIn1252(c)) undefined1252++;
      continue;
    }
    if (c1 > 0) continue;
    const prev = i > start ? b[i - 1]! : 0x20;
    const next = i + 1 < end ? b[i + 1]! : 0x20;
    const letterBefore = isLatinLetter(prev);
    const letterAfter = isLatinLetter(next);
    const digitNear = isAsciiDigit(prev) || isAsciiDigit(next);
    switch (c) {
      case 0xa4: // € in ISO-8859-15, ¤ in Latin-1
        score += digitNear || (prev === 0x20 && i - 2 >= start && isAsciiDigit(b[i - 2]!)) ? 2 : 1;
        break;
      case 0xbd: // œ / ½
        if (digitNear) score -= 2;
        else if (letterBefore && letterAfter) score += 2;
        break;
      case 0xbc: // Œ / ¼
        if (digitNear) score -= 2;
        else if (letterAfter) score += 2;
        break;
      case 0xbe: // Ÿ / ¾
        if (digitNear) score -= 2;
        else if (letterBefore || letterAfter) score += 1;
        break;
      case 0xb4: // Ž / ´
        if (letterAfter && isElidingLetter(prev)) score -= 1;
        else if (letterBefore && letterAfter) score += 1;
        break;
      case 0xa6: // Š / ¦
      case 0xa8: // š / ¨
      case 0xb8: // ž / ¸
        if (letterBefore && letterAfter) score += 1;
        break;
    }
  }
  if (c1 > 0) {
    const { mac, windows, evidence } = macRomanScore(b, start, end);
    if (mac >= 2 && mac > 2 * windows) {
      return {
        encoding: 'macintosh',
        confidence: mac >= 6 && windows === 0 ? 0.95 : 0.8,
        reason: 'mac-roman-letters',
        evidence,
      };
    }
    return { encoding: 'windows-1252', confidence: undefined1252 > 0 ? 0.6 : 0.95, reason: 'c1-bytes' };
  }
  if (score > 0) {
    return {
      encoding: 'iso-8859-15',
      confidence: Math.min(0.95, 0.6 + 0.1 * score),
      reason: 'iso-8859-15-markers',
    };
  }
  return { encoding: 'windows-1252', confidence: score < 0 ? 0.85 : 0.75, reason: 'latin-default' };
}

// ---------------------------------------------------------------------------------------------------------
// Detection

/** How many leading bytes the UTF-16 NUL pattern is judged on. */
const UTF16_SAMPLE = 4096;

function utf16Pattern(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, UTF16_SAMPLE) & ~1;
  const pairs = n / 2;
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  // Latin text in UTF-16 has a NUL in nearly every code unit's high byte and almost never in the low one.
  if (zeroOdd >= pairs * 0.5 && zeroEven <= pairs * 0.05) return 'utf-16le';
  if (zeroEven >= pairs * 0.5 && zeroOdd <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Guess the encoding of a file from its first bytes.
 *
 * Order: a BOM decides; then the NUL pattern of BOM-less UTF-16; then valid UTF-8 wins (pure ASCII is
 * reported as `utf-8`); else the head is 8-bit text, classified by `classifySingleByte`. A head where
 * valid multi-byte UTF-8 sequences outnumber invalid bytes two to one stays `utf-8` (a UTF-8 file with a
 * few corrupted bytes; decoding it as Windows-1252 would garble every accent).
 *
 * @param head the first bytes (e.g. 64 KiB) of the file
 * @param complete true when `head` is the whole file: a multi-byte sequence cut at its end is then an
 *   error, not an artefact of the bound, and a pure-ASCII head is certain
 */
export function detectEncoding(head: Uint8Array, complete: boolean): EncodingGuess {
  const n = head.length;
  if (n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', confidence: 1, bom: true, bomLength: 3, reason: 'bom' };
  }
  if (n >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    return { encoding: 'utf-16le', confidence: 1, bom: true, bomLength: 2, reason: 'bom' };
  }
  if (n >= 2 && head[0] === 0xfe && head[1] === 0xff) {
    return { encoding: 'utf-16be', confidence: 1, bom: true, bomLength: 2, reason: 'bom' };
  }
  const utf16 = utf16Pattern(head);
  if (utf16) return { encoding: utf16, confidence: 0.9, bom: false, bomLength: 0, reason: 'utf-16-pattern' };

  const scan = scanUtf8(head, 0, n);
  const invalid = scan.invalid + (complete && scan.cutAt >= 0 ? 1 : 0);
  const none = { bom: false, bomLength: 0 };
  if (invalid === 0) {
    if (scan.multi === 0)
      return { encoding: 'utf-8', confidence: complete ? 1 : 0.8, ...none, reason: 'ascii' };
    return { encoding: 'utf-8', confidence: scan.multi >= 2 ? 0.99 : 0.95, ...none, reason: 'utf-8-valid' };
  }
  if (scan.multi >= 2 && scan.multi >= 2 * invalid) {
    return { encoding: 'utf-8', confidence: 0.6, ...none, reason: 'utf-8-mostly' };
  }
  return { ...classifySingleByte(head, 0, n), ...none };
}

// ---------------------------------------------------------------------------------------------------------
// Encoding names

const OUTPUT_NAMES: Record<string, EncodingName> = {
  utf8: 'utf-8',
  ascii: 'utf-8',
  ucs2: 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1252: 'windows-1252',
  iso885915: 'iso-8859-15',
  iso88591: 'iso-8859-1',
  binary: 'iso-8859-1',
  macintosh: 'macintosh',
};

const ODF_NAMES: ReadonlySet<string> = new Set(Object.values(OUTPUT_NAMES));

/** Usual names iconv-lite does not know, by their folded spelling (lower case, no punctuation). */
const EXTRA_NAMES: Record<string, string> = {
  utf8sig: 'utf-8',
  utf8bom: 'utf-8',
  xmacroman: 'macintosh',
  xmac: 'macintosh',
  macroman: 'macintosh',
  dos850: 'cp850',
  dos437: 'cp437',
  xcp1252: 'windows-1252',
};

/** The usual names listed when a name is refused. */
const KNOWN_NAMES =
  'utf-8 (utf8, utf-8-sig), windows-1252 (cp1252), iso-8859-15 (latin-9, latin9), iso-8859-1 (latin1), macintosh (x-mac-roman, mac), cp850 (ibm850), utf-16le, utf-16be';

/**
 * Resolve a user-given encoding name (`--encoding`): any name iconv-lite knows, the WHATWG labels
 * (`x-mac-roman`, `csisolatin9`…) and Python's `utf-8-sig`. Names that map to one odf recognises come back
 * in odf's spelling (`latin1` → `iso-8859-1`, `cp1252` → `windows-1252`, `UTF8` → `utf-8`, `x-mac-roman` →
 * `macintosh`; `ascii` → `utf-8`, so that non-ASCII bytes are reported rather than mangled); others come
 * back as iconv-lite's canonical name (`cp850`…).
 * @throws OdfError('encoding-unsupported') for an unknown name, listing the usual ones
 */
export function resolveEncodingName(name: string): string {
  // odf's own names (what detection gives) are their own resolution: no need to load iconv-lite.
  if (ODF_NAMES.has(name)) return name;
  const folded = name
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '');
  let known = EXTRA_NAMES[folded] ?? name.trim();
  if (!iconv.lib.encodingExists(known)) {
    // The WHATWG Encoding Standard's labels, as browsers know them.
    let whatwg: string | undefined;
    try {
      whatwg = new TextDecoder(name.trim()).encoding;
    } catch {
      whatwg = undefined;
    }
    if (whatwg === undefined || !iconv.lib.encodingExists(whatwg)) {
      throw new OdfError(
        'encoding-unsupported',
        `L’encodage « ${name} » n’est pas connu. Noms acceptés, entre autres : ${KNOWN_NAMES}.`,
        { encoding: name, known: KNOWN_NAMES },
        `Unknown encoding "${name}". Accepted names include: ${KNOWN_NAMES}.`,
      );
    }
    known = whatwg;
  }
  const table = (iconv.lib as unknown as { encodings: Record<string, unknown> }).encodings;
  let canonical = known.toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, '');
  for (let hops = 0; hops < 10 && typeof table[canonical] === 'string'; hops++) {
    canonical = table[canonical] as string;
  }
  return OUTPUT_NAMES[canonical] ?? canonical;
}

/** An encoding to suggest instead of `encoding` when accents look wrong (never the same one). */
export function alternativeEncoding(encoding: string): string {
  switch (encoding) {
    case 'macintosh':
    case 'iso-8859-15':
    case 'utf-8':
      return 'windows-1252';
    case 'windows-1252':
    case 'iso-8859-1':
      return 'macintosh';
    default:
      return 'utf-8';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Streaming verification

/**
 * Keeps checking the bytes of a file against the encoding guessed on its head, so that a file whose first
 * non-ASCII byte comes late is never silently mis-decoded. Push every chunk from byte 0 (the head
 * included). Each call returns `undefined` while the bytes are consistent with the guess, and the first
 * contradiction once; after that it stays silent.
 *
 * What is checked: for a `utf-8` guess, UTF-8 validity (after a pure-ASCII head an invalid byte is a
 * `reguess` to the 8-bit encoding its chunk looks like; after real UTF-8 it is `invalid`); for an
 * `iso-8859-*` guess, a C1 byte (0x80–0x9F) is a `reguess` to `windows-1252`; for UTF-16, an unpaired
 * surrogate or an odd byte count is `invalid`. A `windows-1252` guess cannot be contradicted.
 */
export class EncodingVerifier {
  private readonly guess: EncodingGuess;
  private offset = 0;
  private lines = 1;
  private done = false;
  /** Whether valid multi-byte UTF-8 has been seen (then an invalid byte is corruption, not a wrong guess). */
  private sawUtf8: boolean;
  /** Bytes of a sequence (UTF-8) or code unit (UTF-16) cut by the end of the last chunk. */
  private carry: Uint8Array = new Uint8Array(0);
  /** UTF-16: the previous code unit was a high surrogate. */
  private pendingHigh = false;

  constructor(guess: EncodingGuess) {
    this.guess = guess;
    this.sawUtf8 = guess.reason !== 'ascii';
    if (guess.encoding === 'windows-1252' || guess.encoding === 'macintosh') this.done = true;
  }

  /** Check the next chunk. Returns the first contradiction, or undefined. */
  push(chunk: Uint8Array): EncodingVerdict | undefined {
    if (this.done) {
      this.offset += chunk.length;
      return undefined;
    }
    const verdict = this.check(chunk);
    this.offset += chunk.length;
    if (verdict) this.done = true;
    return verdict;
  }

  /** Call at the end of the stream: reports a sequence cut by the end of the file. */
  end(): EncodingVerdict | undefined {
    if (this.done) return undefined;
    this.done = true;
    if (this.guess.encoding === 'utf-8' && this.carry.length > 0) {
      const carry = this.carry;
      this.offset -= carry.length;
      return this.utf8Invalid(carry, 0);
    }
    if (this.carry.length > 0 || this.pendingHigh) {
      return {
        kind: 'invalid',
        encoding: this.guess.encoding,
        offset: this.offset - this.carry.length,
        line: this.lines,
      };
    }
    return undefined;
  }

  private check(chunk: Uint8Array): EncodingVerdict | undefined {
    switch (this.guess.encoding) {
      case 'utf-8':
        return this.checkUtf8(chunk);
      case 'utf-16le':
      case 'utf-16be':
        return this.checkUtf16(chunk, this.guess.encoding === 'utf-16le');
      case 'iso-8859-15':
      case 'iso-8859-1':
        return this.checkC1(chunk);
      default:
        return undefined;
    }
  }

  private verdictAt(chunk: Uint8Array, index: number, kind: EncodingVerdict['kind'], encoding: EncodingName) {
    return {
      kind,
      encoding,
      offset: this.offset + index,
      line: this.lines + countByte(chunk, BYTE_LF, 0, Math.max(0, index)),
    };
  }

  private checkC1(chunk: Uint8Array): EncodingVerdict | undefined {
    for (let i = 0; i < chunk.length; i++) {
      if ((chunk[i]! & 0xe0) === 0x80) return this.verdictAt(chunk, i, 'reguess', 'windows-1252');
    }
    this.lines += countByte(chunk, BYTE_LF, 0, chunk.length);
    return undefined;
  }

  private checkUtf8(chunk: Uint8Array): EncodingVerdict | undefined {
    let start = 0;
    if (this.carry.length > 0) {
      // Complete the sequence cut by the previous chunk.
      const joined = new Uint8Array(this.carry.length + Math.min(3, chunk.length));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, joined.length - this.carry.length), this.carry.length);
      const ok = checkUtf8Sequence(joined, 0, utf8SequenceLength(joined[0]!), joined.length);
      if (ok === 0) {
        this.carry = joined;
        return undefined;
      }
      if (ok < 0) return this.utf8Invalid(chunk, -this.carry.length);
      start = ok - this.carry.length;
      this.carry = new Uint8Array(0);
      this.sawUtf8 = true;
    }
    const tail = utf8TailStart(chunk);
    const body = asBuffer(chunk).subarray(start, tail);
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(chunk, start, tail);
      return this.utf8Invalid(chunk, bad < 0 ? start : bad);
    }
    if (!this.sawUtf8 && !isAscii(body)) this.sawUtf8 = true;
    this.carry = tailCopy(chunk, tail);
    this.lines += countByte(chunk, BYTE_LF, 0, tail);
    return undefined;
  }

  private utf8Invalid(chunk: Uint8Array, index: number): EncodingVerdict {
    if (this.sawUtf8) return this.verdictAt(chunk, index, 'invalid', 'utf-8');
    // Everything before `index` is ASCII: judge the whole chunk, so that markers see their neighbours.
    const better = classifySingleByte(chunk, 0, chunk.length);
    return this.verdictAt(chunk, index, 'reguess', better.encoding);
  }

  private checkUtf16(chunk: Uint8Array, le: boolean): EncodingVerdict | undefined {
    let b = chunk;
    if (this.carry.length > 0) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
    }
    const base = this.offset - this.carry.length;
    const even = b.length & ~1;
    let lf = 0;
    for (let i = 0; i < even; i += 2) {
      const unit = le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
      const high = unit >= 0xd800 && unit <= 0xdbff;
      const low = unit >= 0xdc00 && unit <= 0xdfff;
      if (this.pendingHigh !== low) {
        const at = this.pendingHigh ? i - 2 : i;
        return { kind: 'invalid', encoding: this.guess.encoding, offset: base + at, line: this.lines + lf };
      }
      if (unit === BYTE_LF) lf++;
      this.pendingHigh = high;
    }
    this.lines += lf;
    this.carry = tailCopy(b, even);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

/** A chunk decoder that says how many replacement characters (U+FFFD) it had to produce, and where. */
export interface ChunkDecoder {
  /** The encoding it decodes (as resolved by `resolveEncodingName`). */
  readonly encoding: string;
  /** Decode the next chunk; a sequence cut by the chunk's end is kept for the next call. */
  write(chunk: Uint8Array): string;
  /** Flush: a sequence still pending is incomplete and becomes U+FFFD (counted). */
  end(): string;
  /** Count of U+FFFD produced for bytes that were invalid in the encoding (not those in the source). */
  readonly replacements: number;
  /** Offset, in UTF-16 code units of the decoded text (BOM stripped), of the first one produced. */
  readonly firstReplacementAt: number | undefined;
  /**
   * Whether the text the last `write` or `end` gave holds a C1 control character (U+0080–U+009F), when
   * the decoder could tell from the bytes at no cost (valid UTF-8); undefined when it cannot.
   */
  readonly lastC1?: boolean | undefined;
}

const REPLACEMENT = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A decoded chunk: its text, how many U+FFFD were produced, and the index in `text` of the first one. */
interface Decoded {
  text: string;
  replaced: number;
  firstAt?: number;
  /** See ChunkDecoder.lastC1. */
  c1?: boolean;
}

abstract class BaseDecoder implements ChunkDecoder {
  readonly encoding: string;
  replacements = 0;
  firstReplacementAt: number | undefined;
  lastC1: boolean | undefined;
  private produced = 0;
  private started = false;

  constructor(encoding: string) {
    this.encoding = encoding;
  }

  protected abstract decode(chunk: Uint8Array, last: boolean): Decoded;

  write(chunk: Uint8Array): string {
    return this.emit(this.decode(chunk, false));
  }

  end(): string {
    return this.emit(this.decode(new Uint8Array(0), true));
  }

  private emit({ text, replaced, firstAt, c1 }: Decoded): string {
    this.lastC1 = c1;
    let out = text;
    let stripped = 0;
    if (!this.started && out.length > 0) {
      this.started = true;
      if (out.charCodeAt(0) === 0xfeff) {
        out = out.slice(1);
        stripped = 1;
      }
    }
    if (replaced > 0 && this.firstReplacementAt === undefined) {
      const at = Math.max(0, (firstAt ?? out.indexOf(REPLACEMENT) + stripped) - stripped);
      this.firstReplacementAt = this.produced + at;
    }
    this.replacements += replaced;
    this.produced += out.length;
    return out;
  }
}

function countChar(s: string, ch: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0 && i < end; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = s.indexOf(REPLACEMENT); i >= 0; i = s.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/** Count of EF BF BD (a real U+FFFD in the source) in `b`. */
function countEncodedReplacements(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(0xef); i >= 0 && i + 2 < b.length; i = b.indexOf(0xef, i + 1)) {
    if (b[i + 1] === 0xbf && b[i + 2] === 0xbd) n++;
  }
  return n;
}

/** Decodes whole, valid UTF-8 chunks; the BOM is kept (BaseDecoder strips it once, at the start). */
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * True when valid UTF-8 bytes encode a C1 control (U+0080–U+009F: C2 80 to C2 9F). A byte search
 * (memchr) is some ten times faster than testing the decoded text with a regular expression.
 */
function holdsUtf8C1(b: Buffer): boolean {
  for (let i = b.indexOf(0xc2); i >= 0; i = b.indexOf(0xc2, i + 1)) {
    const next = b[i + 1]!;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

/**
 * Chunks decoded without decodeLatin1Range after one that held a character past U+00FF (or was not valid
 * UTF-8), before trying it again.
 */
const LATIN1_RETRY_AFTER = 8;

/**
 * Where decodeLatin1Range writes the text's Latin-1 bytes: grown as needed up to LATIN1_KEPT bytes and
 * reused across chunks; a longer text (a file's head read whole, up to 4 MiB) gets a buffer of its own,
 * so the process does not keep the largest it ever met.
 */
let latin1Out = Buffer.allocUnsafe(0);
let latin1View = new DataView(latin1Out.buffer, latin1Out.byteOffset, 0);
/** The largest buffer decodeLatin1Range keeps: two read chunks. */
const LATIN1_KEPT = 256 * 1024;

/**
 * The text of valid UTF-8 bytes whose characters are all in U+0000–U+00FF (ASCII and the Latin-1
 * letters of French: é, à, ç, ô…, two bytes C2 or C3 and one continuation), or undefined at the first
 * character past U+00FF or byte that is not valid UTF-8: a text it gives comes from valid UTF-8. Each
 * character is one Latin-1 byte, made a string at once (as Latin-1):
 * about 40 % less CPU time than TextDecoder on the accented French text of the budget bench file,
 * whose decoder reads the bytes twice (once to size the string, once to write it).
 */
export function decodeLatin1Range(body: Uint8Array): string | undefined {
  const n = body.length;
  if (latin1Out.length < n && n <= LATIN1_KEPT) {
    latin1Out = Buffer.allocUnsafe(Math.min(LATIN1_KEPT, Math.max(n, 2 * latin1Out.length)));
    latin1View = new DataView(latin1Out.buffer, latin1Out.byteOffset, latin1Out.length);
  }
  const out = n <= latin1Out.length ? latin1Out : Buffer.allocUnsafe(n);
  const outView = out === latin1Out ? latin1View : new DataView(out.buffer, out.byteOffset, n);
  let o = latin1Words(body, new DataView(body.buffer, body.byteOffset, n), out, outView);
  if (o < 0) return undefined;
  // The last bytes (fewer than eight), here rather than in a loop after latin1Words's (see there).
  for (let i = latin1WordsRead; i < n; i++) {
    const b = body[i]!;
    if (b < 0x80) {
      out[o++] = b;
      continue;
    }
    const c = latin1Pair(b, i + 1 < n ? body[i + 1]! : 0);
    if (c < 0) return undefined;
    out[o++] = c;
    i++;
  }
  return out.toString('latin1', 0, o);
}

/**
 * The Latin-1 byte of a two-byte UTF-8 character (`lead`, `next`) in U+0080–U+00FF, or -1: C2 and C3 lead
 * those, followed by a continuation byte. This is decodeLatin1Range's validity check: anything else (a
 * character past U+00FF, a lone continuation byte, the overlong leads C0 and C1, a lead cut short) is -1.
 */
function latin1Pair(lead: number, next: number): number {
  if ((lead !== 0xc2 && lead !== 0xc3) || (next & 0xc0) !== 0x80) return -1;
  return ((lead & 0x03) << 6) | (next & 0x3f);
}

/** Bytes of its input read by the last latin1Words: all but the last seven at most. */
let latin1WordsRead = 0;

/**
 * Writes the Latin-1 bytes of `body` (UTF-8, or any bytes) into `out` (at least as long), eight bytes at a
 * time, up to the last eight: returns the count written (the count read is left in latin1WordsRead), or -1
 * at a character past U+00FF or bytes that are not UTF-8 (see latin1Pair). Nothing that needs type feedback runs after its loop, not even arithmetic:
 * the code optimised while the loop runs (on-stack replacement, on the first long chunk) would have none
 * for it, and that code is entered again on every call and thrown away at that point (212 times, once
 * per chunk, when a property read followed the loop, on the 100,000-row bench file read alone).
 */
function latin1Words(body: Uint8Array, view: DataView, out: Uint8Array, outView: DataView): number {
  const n = body.length;
  let i = 0;
  let o = 0;
  while (i + 8 <= n) {
    const word = view.getUint32(i, true);
    const next = view.getUint32(i + 4, true);
    // Written whole even when only their first bytes are ASCII: `o <= i`, so they fit, and the bytes
    // past those are written again.
    outView.setUint32(o, word, true);
    outView.setUint32(o + 4, next, true);
    if (((word | next) & 0x80808080) === 0) {
      i += 8;
      o += 8;
      continue;
    }
    // Bytes before the first one with its high bit set (little-endian: the lowest is the first).
    const high = word & 0x80808080;
    const nextHigh = next & 0x80808080;
    const ascii =
      high !== 0 ? (31 - Math.clz32(high & -high)) >> 3 : 4 + ((31 - Math.clz32(nextHigh & -nextHigh)) >> 3);
    i += ascii;
    o += ascii;
    const c = latin1Pair(body[i]!, i + 1 < n ? body[i + 1]! : 0);
    if (c < 0) return -1;
    out[o++] = c;
    i += 2;
  }
  latin1WordsRead = i;
  return o;
}

class Utf8Decoder extends BaseDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  /** Chunks left to decode with TextDecoder before trying decodeLatin1Range again (see LATIN1_RETRY_AFTER). */
  private latin1Pause = 0;

  protected decode(chunk: Uint8Array, last: boolean): Decoded {
    let b = chunk;
    if (this.carry.length > 0) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
    }
    const tail = last ? b.length : utf8TailStart(b);
    this.carry = tailCopy(b, tail);
    const body = asBuffer(b).subarray(0, tail);
    // Latin-1 range text the fast way, tried first: decodeLatin1Range takes only ASCII bytes and C2 or C3
    // followed by a continuation byte, so bytes it decodes are valid UTF-8 and need no check of their own
    // (isUtf8 was 0.4 % of the instructions of a validation of the budget bench file). A text with
    // characters past U+00FF (’, œ, €…), or invalid, costs one partial pass; after such a chunk the next
    // few skip it, so a file full of them pays that pass on one chunk in nine at most.
    if (this.latin1Pause > 0) this.latin1Pause--;
    else {
      const text = decodeLatin1Range(body);
      if (text !== undefined) return { text, replaced: 0, c1: holdsUtf8C1(body) };
      this.latin1Pause = LATIN1_RETRY_AFTER;
    }
    // Valid UTF-8 past U+00FF: TextDecoder decodes it in half the time of toString.
    if (isUtf8(body)) return { text: UTF8_DECODER.decode(body), replaced: 0, c1: holdsUtf8C1(body) };
    const text = body.toString('utf8');
    // Everything before the first bad byte is valid, so its decoded length is where the first U+FFFD is.
    const bad = firstInvalidUtf8(body, 0, body.length);
    const firstAt = body
      .subarray(0, bad >= 0 ? bad : scanUtf8(body, 0, body.length).cutAt)
      .toString('utf8').length;
    return { text, replaced: countReplacements(text) - countEncodedReplacements(body), firstAt };
  }
}

class Utf16Decoder extends BaseDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private pendingHigh = '';
  private readonly le: boolean;

  constructor(encoding: 'utf-16le' | 'utf-16be') {
    super(encoding);
    this.le = encoding === 'utf-16le';
  }

  protected decode(chunk: Uint8Array, last: boolean): Decoded {
    let b = chunk;
    if (this.carry.length > 0) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
    }
    const even = b.length & ~1;
    this.carry = tailCopy(b, even);
    let units = Buffer.from(b.buffer, b.byteOffset, even);
    if (!this.le) units = Buffer.from(units).swap16();
    let text = this.pendingHigh + units.toString('utf16le');
    this.pendingHigh = '';
    let replaced = 0;
    let firstAt: number | undefined;
    if (!last && text.length > 0) {
      const lastUnit = text.charCodeAt(text.length - 1);
      if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) {
        this.pendingHigh = text.slice(-1);
        text = text.slice(0, -1);
      }
    }
    if (/[\uD800-\uDFFF]/.test(text)) {
      text = text.replace(LONE_SURROGATE, (_m, at: number) => {
        firstAt ??= at;
        replaced++;
        return REPLACEMENT;
      });
    }
    if (last && this.carry.length > 0) {
      // An odd byte count: the file is truncated.
      firstAt ??= text.length;
      text += REPLACEMENT;
      replaced++;
      this.carry = new Uint8Array(0);
    }
    return { text, replaced, firstAt };
  }
}

class IconvDecoder extends BaseDecoder {
  private readonly inner: { write(b: Buffer): string; end(): string | undefined };

  constructor(encoding: string) {
    super(encoding);
    this.inner = iconv.lib.getDecoder(encoding, { stripBOM: false });
  }

  protected decode(chunk: Uint8Array, last: boolean): Decoded {
    const text = last ? (this.inner.end() ?? '') : this.inner.write(asBuffer(chunk));
    // Legacy encodings cannot encode U+FFFD, so every one in the output was produced by the decoder.
    return { text, replaced: countReplacements(text) };
  }
}

/**
 * Where Windows-1252 and ISO-8859-15 differ from Latin-1: the character of each such byte (U+FFFD for
 * the five bytes Windows-1252 leaves undefined). Most French exports are Windows-1252: these tables,
 * which test/io/encoding.test.ts compares with iconv-lite byte by byte, spare loading it for them.
 */
const NEAR_LATIN1: Record<'windows-1252' | 'iso-8859-15', ReadonlyMap<number, string>> = {
  'windows-1252': new Map(
    [...'€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ'].map((ch, i) => [0x80 + i, ch]),
  ),
  'iso-8859-15': new Map([
    [0xa4, '€'],
    [0xa6, 'Š'],
    [0xa8, 'š'],
    [0xb4, 'Ž'],
    [0xb8, 'ž'],
    [0xbc, 'Œ'],
    [0xbd, 'œ'],
    [0xbe, 'Ÿ'],
  ]),
};

/**
 * Windows-1252 and ISO-8859-15 differ from Latin-1 on a few bytes only: decode as Latin-1 (native, fast),
 * then fix those characters (NEAR_LATIN1); a byte that stands for no character (0x81 in Windows-1252)
 * becomes U+FFFD, a replacement to count.
 */
class NearLatin1Decoder extends BaseDecoder {
  private readonly fix: Map<string, string>;
  private readonly differs: RegExp;

  constructor(encoding: 'windows-1252' | 'iso-8859-15') {
    super(encoding);
    this.fix = new Map();
    for (const [byte, ch] of NEAR_LATIN1[encoding]) this.fix.set(String.fromCharCode(byte), ch);
    const cls = [...this.fix.keys()].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('');
    this.differs = new RegExp(`[${cls}]`, 'g');
  }

  protected decode(chunk: Uint8Array): Decoded {
    const text = asBuffer(chunk).toString('latin1');
    this.differs.lastIndex = 0;
    if (!this.differs.test(text)) return { text, replaced: 0 };
    let replaced = 0;
    let firstAt: number | undefined;
    const fixed = text.replace(this.differs, (c, at: number) => {
      const ch = this.fix.get(c)!;
      if (ch === REPLACEMENT) {
        firstAt ??= at;
        replaced++;
      }
      return ch;
    });
    return { text: fixed, replaced, firstAt };
  }
}

class Latin1Decoder extends BaseDecoder {
  protected decode(chunk: Uint8Array): Decoded {
    return { text: asBuffer(chunk).toString('latin1'), replaced: 0 };
  }
}

/**
 * A decoder for `encoding` (an odf name or any iconv-lite name): decodes chunks to strings, keeps
 * multi-byte sequences cut between chunks, strips a leading BOM, and counts the U+FFFD it produced for
 * invalid bytes (UTF-8), unpaired surrogates or an odd byte count (UTF-16), or bytes with no character
 * (e.g. 0x81 in Windows-1252).
 * @throws OdfError('encoding-unsupported') for a name iconv-lite does not know
 */
export function createDecoder(encoding: string): ChunkDecoder {
  const name = resolveEncodingName(encoding);
  switch (name) {
    case 'utf-8':
      return new Utf8Decoder(name);
    case 'utf-16le':
    case 'utf-16be':
      return new Utf16Decoder(name);
    case 'iso-8859-1':
      return new Latin1Decoder(name);
    case 'windows-1252':
    case 'iso-8859-15':
      return new NearLatin1Decoder(name);
    default:
      return new IconvDecoder(name);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Double encoding (UTF-8 read as Windows-1252, then saved again as UTF-8)

/**
 * Characters a UTF-8 continuation byte (0x80–0xBF) becomes when read as Windows-1252 (or as Latin-1 for
 * the five bytes Windows-1252 leaves undefined, and for tools that read C1 bytes as controls).
 */
const CONT = '[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
/**
 * Mojibake as it appears in French files: Â Ã Å (UTF-8 leads C2 C3 C5: NBSP « » °, é è à ç ô…, œ Œ)
 * followed by one continuation, and â ï (leads E2 EF: ’ € … – —, BOM) followed by two.
 */
const MOJIBAKE = new RegExp(`[ÂÃÅ]${CONT}|[âï]${CONT}{2}`, 'g');
const MOJIBAKE_LEADS = ['Â', 'Ã', 'Å', 'â', 'ï'];

/** The Windows-1252 byte of each character of 0x80–0x9F. */
const CP1252_HIGH: Record<string, number> = {};
for (const [byte, ch] of NEAR_LATIN1['windows-1252']) if (ch !== REPLACEMENT) CP1252_HIGH[ch] = byte;

/** The Windows-1252 bytes of a mojibake match, then decoded as UTF-8; undefined when not valid UTF-8. */
function undoMojibake(m: string): string | undefined {
  const bytes = new Uint8Array(m.length);
  for (let i = 0; i < m.length; i++) {
    const code = m.charCodeAt(i);
    const byte = code <= 0xff ? code : CP1252_HIGH[m[i]!];
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  if (!isUtf8(bytes)) return undefined;
  // ï»¿ is a UTF-8 BOM read as Windows-1252: it stands for nothing in the text.
  const s = Buffer.from(bytes).toString('utf8');
  return s === '\uFEFF' ? '' : s;
}

/** Where the first double-encoded character is in `text`. */
export interface DoubleEncodingHit {
  /** Offset (UTF-16 code units) of the mojibake in `text`. */
  index: number;
  /** 1-based line of it in `text` (counted on LF). */
  line: number;
  /** The mojibake as found, e.g. `Ã©`. */
  sample: string;
  /** What it stands for, e.g. `é`. */
  repaired: string;
}

/**
 * Find the first double-encoded character in `text` (valid UTF-8 text that was mis-read as Windows-1252
 * and saved again: `Ã©` for é, `â€™` for ’, `Å“` for œ), or undefined. A lone `Ã` or `Â` in a real word
 * (São, SÃO) is not a match: it must be followed by what a UTF-8 continuation byte reads as.
 */
export function findDoubleEncoding(text: string): DoubleEncodingHit | undefined {
  // Most text holds none of the five lead characters: indexOf (memchr-fast) says so before any regex runs.
  let first = -1;
  for (const lead of MOJIBAKE_LEADS) {
    const at = text.indexOf(lead);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return undefined;
  MOJIBAKE.lastIndex = first;
  for (let m = MOJIBAKE.exec(text); m; m = MOJIBAKE.exec(text)) {
    const repaired = undoMojibake(m[0]);
    if (repaired !== undefined) {
      return { index: m.index, line: 1 + countChar(text, '\n', m.index), sample: m[0], repaired };
    }
  }
  return undefined;
}

/**
 * Repair double-encoded text: each mojibake sequence is re-encoded as Windows-1252 bytes and decoded as
 * UTF-8 when that round trip is clean; legitimate characters around it are kept. Repeats while something
 * changes (text double-encoded twice), so repairing a repaired text changes nothing.
 * @returns the repaired text, or undefined when there was nothing to repair
 */
export function repairDoubleEncoding(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const next = current.replace(MOJIBAKE, (m) => {
      const r = undoMojibake(m);
      if (r === undefined) return m;
      changed = true;
      return r;
    });
    if (!changed) break;
    current = next;
  }
  return current === text ? undefined : current;
}
