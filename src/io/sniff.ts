// File-format sniffing from magic bytes: is this a text table, a workbook, or something that is not a table?
import { OdfError } from '../errors.js';
import { detectEncoding } from './encoding.js';

/**
 * What a file looks like from its first bytes.
 * - `text`: text (any encoding odf reads); `html`: a web page (often a portal's error page saved as .csv).
 * - `xlsx`: a ZIP whose entries seen in the head include `xl/…`; `ods`: a ZIP whose first entry is
 *   `mimetype` = `application/vnd.oasis.opendocument.spreadsheet`; `xls`: the OLE2 compound-file magic
 *   (also used by .doc: the spreadsheet reader tells them apart).
 * - `zip`: any other ZIP, including an XLSX whose `xl/` entries lie beyond the head (the spreadsheet reader
 *   decides by opening it); `docx`, `odt`: a Word or OpenDocument text document.
 * - `png`, `jpeg`, `gif`, `pdf`, `gzip`: by magic; `binary`: NUL bytes not explained by UTF-16, or many
 *   control characters; `empty`: no bytes.
 */
export type SniffedFormat =
  | 'empty'
  | 'text'
  | 'html'
  | 'xlsx'
  | 'ods'
  | 'xls'
  | 'zip'
  | 'docx'
  | 'odt'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'pdf'
  | 'gzip'
  | 'binary';

/** Formats odf reads as a table (a `zip` may still be an XLSX: let the spreadsheet reader open it). */
export const TABLE_FORMATS: ReadonlySet<SniffedFormat> = new Set(['text', 'xlsx', 'ods', 'xls', 'zip']);

function startsWith(b: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (b.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (b[at + i] !== magic[i]) return false;
  return true;
}

function ascii(b: Uint8Array, start: number, end: number): string {
  return Buffer.from(b.buffer, b.byteOffset + start, Math.max(0, Math.min(end, b.length) - start)).toString(
    'latin1',
  );
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = [0x47, 0x49, 0x46, 0x38]; // GIF8(7|9)a
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const GZIP = [0x1f, 0x8b];

const OD_MIMETYPE = 'application/vnd.oasis.opendocument.';

/**
 * Names of the ZIP entries whose local file header starts in `head` (APPNOTE 4.3.7: signature, then the
 * name length at +26, the extra length at +28, the name at +30). Entries are found by their signature,
 * since a size may be deferred to a data descriptor.
 */
function zipEntryNames(head: Uint8Array): { name: string; dataAt: number }[] {
  const names: { name: string; dataAt: number }[] = [];
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  for (let at = buf.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0 && at + 30 <= buf.length;) {
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    const name = ascii(head, at + 30, at + 30 + nameLength);
    names.push({ name, dataAt: at + 30 + nameLength + extraLength });
    at = buf.indexOf('PK\x03\x04', at + 30 + nameLength, 'latin1');
  }
  return names;
}

function sniffZip(head: Uint8Array): SniffedFormat {
  const entries = zipEntryNames(head);
  const first = entries[0];
  if (first?.name === 'mimetype') {
    // ODF 1.2 part 3 §3.3: the first entry, stored uncompressed, holds the media type.
    const mime = ascii(head, first.dataAt, first.dataAt + 80);
    if (mime.startsWith(`${OD_MIMETYPE}spreadsheet`)) return 'ods';
    if (mime.startsWith(`${OD_MIMETYPE}text`)) return 'odt';
  }
  for (const { name } of entries) {
    if (name.startsWith('xl/')) return 'xlsx';
    if (name.startsWith('word/')) return 'docx';
  }
  return 'zip';
}

/** How many leading bytes the control-character statistics are taken on. */
const TEXT_SAMPLE = 8192;

/** Control characters that do not occur in text: C0 except TAB LF VT FF CR ESC, and DEL. */
function isBinaryControl(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) ||
    c === 0x7f
  );
}

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, TEXT_SAMPLE);
  let nul = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i]!;
    if (c === 0) nul++;
    else if (isBinaryControl(c)) controls++;
  }
  if (nul === 0 && controls === 0) return false;
  const enc = detectEncoding(head.subarray(0, n), head.length <= n).encoding;
  if (enc === 'utf-16le' || enc === 'utf-16be') return false;
  // A stray NUL in a long text is a glitch (reported later as a cell problem), not a binary file.
  return nul * 100 >= n || (nul + controls) * 20 >= n;
}

function looksHtml(head: Uint8Array): boolean {
  let start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (start < head.length && (head[start] === 0x20 || (head[start]! >= 0x09 && head[start]! <= 0x0d)))
    start++;
  const text = ascii(head, start, start + 15).toLowerCase();
  return text.startsWith('<!doctype html') || text.startsWith('<html');
}

/**
 * Tell what a file is from its first bytes (give at least the first 4 KiB; 64 KiB lets XLSX be told from
 * other ZIPs more often). Pure: no I/O.
 */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  if (head.length === 0) return 'empty';
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) return sniffZip(head);
  if (startsWith(head, OLE2)) return 'xls';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, GIF)) return 'gif';
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, GZIP)) return 'gzip';
  if (looksBinary(head)) return 'binary';
  if (looksHtml(head)) return 'html';
  return 'text';
}

const LOOKS_LIKE: Partial<Record<SniffedFormat, { fr: string; en: string }>> = {
  empty: { fr: 'il est vide', en: 'it is empty' },
  html: {
    fr: 'il ressemble à une page web (HTML), peut-être une page d’erreur téléchargée à la place des données',
    en: 'it looks like a web page (HTML), perhaps an error page downloaded instead of the data',
  },
  docx: { fr: 'il ressemble à un document Word', en: 'it looks like a Word document' },
  odt: {
    fr: 'il ressemble à un document texte OpenDocument',
    en: 'it looks like an OpenDocument text document',
  },
  png: { fr: 'il ressemble à une image PNG', en: 'it looks like a PNG image' },
  jpeg: { fr: 'il ressemble à une image JPEG', en: 'it looks like a JPEG image' },
  gif: { fr: 'il ressemble à une image GIF', en: 'it looks like a GIF image' },
  pdf: { fr: 'il ressemble à un document PDF', en: 'it looks like a PDF document' },
  gzip: {
    fr: 'il ressemble à une archive compressée gzip (décompressez-la d’abord)',
    en: 'it looks like a gzip archive (decompress it first)',
  },
  zip: {
    fr: 'il ressemble à une archive ZIP qui ne contient pas de classeur',
    en: 'it looks like a ZIP archive that holds no workbook',
  },
  binary: { fr: 'il ressemble à un fichier binaire', en: 'it looks like a binary file' },
};

/**
 * One sentence, in French and English, saying what a non-table looks like, e.g. « Ce fichier n’est pas un
 * tableau : il ressemble à une image PNG. » Undefined for formats odf reads as tables (except `zip`, for
 * the spreadsheet reader to use once it found no workbook inside).
 */
export function describeNonTable(format: SniffedFormat): { fr: string; en: string } | undefined {
  const what = LOOKS_LIKE[format];
  if (!what) return undefined;
  return { fr: `Ce fichier n’est pas un tableau : ${what.fr}.`, en: `This file is not a table: ${what.en}.` };
}

/**
 * The failure for a file that is not a table: OdfError('empty-file') for an empty one,
 * OdfError('not-a-table') otherwise, with `{ format, name }` as data.
 */
export function notATableError(format: SniffedFormat, name?: string): OdfError {
  const text = describeNonTable(format) ?? describeNonTable('binary')!;
  const where = name ? { fr: ` (${name})`, en: ` (${name})` } : { fr: '', en: '' };
  const fr = text.fr.replace(/^Ce fichier/, `Ce fichier${where.fr}`);
  const en = text.en.replace(/^This file/, `This file${where.en}`);
  return new OdfError(format === 'empty' ? 'empty-file' : 'not-a-table', fr, { format, name }, en);
}
