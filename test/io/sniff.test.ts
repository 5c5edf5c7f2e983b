// Tests of file-format sniffing from magic bytes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TABLE_FORMATS,
  describeNonTable,
  notATableError,
  sniffFormat,
  type SniffedFormat,
} from '../../src/io/sniff.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'encodings');

/** A ZIP local file header (APPNOTE 4.3.7) followed by its stored data. */
function zipEntry(name: string, data = ''): Buffer {
  const n = Buffer.from(name, 'latin1');
  const d = Buffer.from(data, 'latin1');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(d.length, 18);
  h.writeUInt32LE(d.length, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n, d]);
}

const bytes = (...parts: (string | number[] | Buffer)[]): Uint8Array =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) =>
        typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p),
      ),
    ),
  );

/** Deterministic pseudo-random bytes, like compressed or encrypted data. */
function noise(n: number): number[] {
  const out: number[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out.push((x >> 16) & 0xff);
  }
  return out;
}

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODT = 'application/vnd.oasis.opendocument.text';

describe('sniffFormat', () => {
  const cases: [string, Uint8Array, SniffedFormat][] = [
    ['nothing', bytes(), 'empty'],
    [
      'xlsx: [Content_Types].xml then xl/',
      bytes(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml')),
      'xlsx',
    ],
    ['xlsx: xl/ first', bytes(zipEntry('xl/worksheets/sheet1.xml', '<x/>')), 'xlsx'],
    ['OOXML whose parts lie past the head', bytes(zipEntry('[Content_Types].xml', '<Types/>')), 'zip'],
    ['docx', bytes(zipEntry('[Content_Types].xml'), zipEntry('word/document.xml')), 'docx'],
    ['ods', bytes(zipEntry('mimetype', ODS), zipEntry('content.xml')), 'ods'],
    ['odt', bytes(zipEntry('mimetype', ODT), zipEntry('content.xml')), 'odt'],
    ['plain zip', bytes(zipEntry('data/communes.csv', 'a;b')), 'zip'],
    ['empty zip', bytes([0x50, 0x4b, 0x05, 0x06], Array<number>(18).fill(0)), 'zip'],
    [
      'xls (OLE2)',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], Array<number>(504).fill(0)),
      'xls',
    ],
    ['png', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'jpeg'],
    ['gif', bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
    ['pdf', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'pdf'],
    ['gzip', bytes([0x1f, 0x8b, 0x08, 0], noise(40)), 'gzip'],
    ['binary noise', bytes(noise(4096)), 'binary'],
    ['NULs in a short file', bytes('ab\0\0cd'), 'binary'],
    ['control characters', bytes('\x01\x02\x03\x04data\x05\x06'), 'binary'],
    ['CSV text', bytes('code;nom\n01053;Bourg\n'), 'text'],
    ['Windows-1252 text', bytes('nom\ncaf\xe9\r\n'), 'text'],
    ['UTF-16LE without BOM', bytes(Buffer.from('code;nom\n01053;Bourg\n', 'utf16le')), 'text'],
    ['UTF-16BE with BOM', bytes([0xfe, 0xff], Buffer.from('a;b\n', 'utf16le').swap16()), 'text'],
    ['one stray NUL in a long text', bytes('a;b\n'.repeat(100), '\0', 'c;d\n'.repeat(100)), 'text'],
    ['form feed and tabs', bytes('a\tb\x0c\n'), 'text'],
    ['html page', bytes('\n  <!DOCTYPE html>\n<html><body>404</body></html>'), 'html'],
    ['html without doctype', bytes([0xef, 0xbb, 0xbf], '<HTML><head>'), 'html'],
    ['CSV mentioning html', bytes('balise;exemple\nhtml;<html>\n'), 'text'],
  ];
  it.each(cases)('%s', (_name, head, format) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it.each(readdirSync(DIR).filter((f) => f.endsWith('.csv')))('encoding fixture %s', (file) => {
    const head = new Uint8Array(readFileSync(join(DIR, file))).subarray(0, 65536);
    expect(sniffFormat(head)).toBe(file === 'empty.csv' ? 'empty' : 'text');
  });
});

describe('describeNonTable and notATableError', () => {
  const all: SniffedFormat[] = [
    'empty',
    'text',
    'html',
    'xlsx',
    'ods',
    'xls',
    'zip',
    'docx',
    'odt',
    'png',
    'jpeg',
    'gif',
    'pdf',
    'gzip',
    'binary',
  ];
  it.each(all)('%s', (format) => {
    const described = describeNonTable(format);
    const isTable = TABLE_FORMATS.has(format) && format !== 'zip';
    expect(described === undefined).toBe(isTable);
    if (described) expect([described.fr.length > 0, described.en.length > 0]).toEqual([true, true]);
  });

  it.each([
    ['png', 'not-a-table'],
    ['binary', 'not-a-table'],
    ['empty', 'empty-file'],
  ] as const)('%s → %s', (format, code) => {
    const error = notATableError(format, 'photo.csv');
    expect([error.code, error.data]).toEqual([code, { format, name: 'photo.csv' }]);
    expect(error.message).toContain('photo.csv');
    expect(error.messageEn).toContain('photo.csv');
  });
});
