// Hostile inputs beyond the issue's table: encodings, BOMs, NUL bytes, quotes, huge cells, deep JSON and
// YAML, zip and XML tricks, control characters in names, odd file names, links, pipes, giant headers,
// schemas, mappings and configurations built to hurt.
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Run } from './runner.js';
import { ROOT } from './runner.js';
import {
  csvRow,
  det,
  norm,
  put,
  putStream,
  repeat,
  schemaFile,
  v,
  vj,
  type CaseContext,
  type HostileCase,
} from './cases.js';
import { cell, SHEET_HEAD, SHEET_TAIL, xlsx, zip } from './zip.js';

const SIMPLE = [
  { name: 'nom' },
  { name: 'montant', type: 'number' },
  { name: 'date', type: 'date' },
  { name: 'code', constraints: { pattern: '^\\d{5}$' } },
];
const HEADER = 'nom,montant,date,code\n';

function randomBytes(rnd: () => number, n: number, from = 0, to = 256): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = from + Math.floor(rnd() * (to - from));
  return b;
}

/** A case on one CSV-like input: validate and normalize against SIMPLE, plus detect. */
function table(
  id: string,
  what: string,
  bytes: (ctx: CaseContext) => string | Buffer | Promise<string | Buffer>,
  ext = 'csv',
): HostileCase {
  return {
    id,
    what,
    async prepare(ctx) {
      const f = put(ctx, `input.${ext}`, await bytes(ctx));
      const s = schemaFile(ctx, SIMPLE);
      return [v(f, '-s', s), norm(ctx, f, '-s', s, '--drop-invalid'), det(f), vj(f)];
    },
  };
}

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => {
  const b = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
  return b;
};
const SAMPLE = `${HEADER}Élodie,12.5,2020-09-15,75056\nJosé,-3,2021-01-31,69123\n`;

export const MORE_CASES: HostileCase[] = [
  // ── Encodings and byte order marks ────────────────────────────────────────────────────────────
  table('enc-utf16le-no-bom', 'UTF-16LE without BOM', () => utf16le(SAMPLE)),
  table('enc-utf16be-bom', 'UTF-16BE with BOM', () =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]),
  ),
  table('enc-utf32le-bom', 'UTF-32LE with BOM (odf does not read it: one sentence)', () => {
    const b = Buffer.alloc(4 + SAMPLE.length * 4);
    b.writeUInt32LE(0xfeff, 0);
    [...SAMPLE].forEach((c, i) => b.writeUInt32LE(c.codePointAt(0)!, 4 + i * 4));
    return b;
  }),
  table('enc-invalid-utf8', 'bytes 0x80–0xFF scattered in UTF-8 cells', (ctx) =>
    Buffer.concat([
      Buffer.from(HEADER),
      ...Array.from({ length: 2000 }, () =>
        Buffer.concat([randomBytes(ctx.rnd, 8, 0x80), Buffer.from(',1,2020-01-01,75056\n')]),
      ),
    ]),
  ),
  table('enc-surrogates-in-utf8', 'UTF-8-encoded surrogates (ED A0 80) and overlong forms (C0 AF)', () =>
    Buffer.concat([
      Buffer.from(HEADER),
      Buffer.from([0xed, 0xa0, 0x80, 0x2c, 0xc0, 0xaf, 0x2c, 0xf8, 0x88, 0x80, 0x80, 0x80, 0x2c, 0x31, 0x0a]),
    ]),
  ),
  table('enc-mixed-latin1-utf8', 'half Windows-1252, half UTF-8', () =>
    Buffer.concat([
      Buffer.from(HEADER),
      Buffer.from('Élodie,1,2020-01-01,75056\n'.repeat(500), 'latin1'),
      Buffer.from('Élodie,1,2020-01-01,75056\n'.repeat(500), 'utf8'),
    ]),
  ),
  table('enc-double-encoded', 'UTF-8 encoded twice (Ã©)', () =>
    Buffer.from(Buffer.from(SAMPLE, 'utf8').toString('latin1'), 'utf8'),
  ),
  table('bom-double', 'two UTF-8 BOMs', () => `\ufeff\ufeff${SAMPLE}`),
  table(
    'bom-in-header-middle',
    'a BOM inside the header',
    () => `nom,\ufeffmontant,date,code\nx,1,2020-01-01,75056\n`,
  ),
  table('bom-utf16-then-utf8', 'a UTF-16LE BOM followed by UTF-8 text', () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE)]),
  ),
  table('bom-only', 'a file that is only a BOM', () => '\ufeff'),
  table('bom-utf8-then-utf16', 'a UTF-8 BOM followed by UTF-16LE text', () =>
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf16le(SAMPLE)]),
  ),

  // ── NUL bytes and control characters ───────────────────────────────────────────────────────────
  table('nul-in-cells', 'NUL bytes inside cells', () =>
    `${HEADER}a\u0000b,1\u0000,2020-01-01,7505\u0000\n`.repeat(50),
  ),
  table('nul-file', '1 MB of NUL bytes', () => Buffer.alloc(1 << 20)),
  table(
    'nul-in-header',
    'NUL bytes in the header',
    () => `nom\u0000,mon\u0000tant,date,code\nx,1,2020-01-01,75056\n`,
  ),
  table('controls-everywhere', 'every C0 and C1 control character in cells', () => {
    let s = HEADER;
    for (let c = 0; c < 0xa0; c++)
      if (c < 0x20 || c >= 0x7f) s += `x${String.fromCharCode(c)}y,1,2020-01-01,75056\n`;
    return s;
  }),

  // ── Quotes, delimiters and line endings ────────────────────────────────────────────────────────
  table(
    'quote-unclosed-at-start',
    'an unclosed quote on the first data line of 2 MB',
    () => `${HEADER}"${'x,1,2020-01-01,75056\n'.repeat(100_000)}`,
  ),
  table('quote-storm', '1 MB of double quotes', () => `${HEADER}${'"'.repeat(1 << 20)}\n`),
  table(
    'quote-in-header',
    'quotes and line breaks in the header',
    () => `"no""m","mon\ntant",date,code\nx,1,2020-01-01,75056\n`,
  ),
  table(
    'quote-mid-field',
    'a quote in the middle of every unquoted field',
    () => `${HEADER}${'a"b,1"2,2020"01,75"056\n'.repeat(5000)}`,
  ),
  table(
    'delimiters-100k-columns',
    'one data row of 100,000 delimiters',
    () => `${HEADER}${','.repeat(100_000)}\n`,
  ),
  table(
    'delimiters-every-line-different',
    'each line with another delimiter',
    () =>
      [
        HEADER.trim(),
        'a;1;2020-01-01;75056',
        'b\t2\t2020-01-02\t75056',
        'c|3|2020-01-03|75056',
        'd,4,2020-01-04,75056',
      ].join('\n') + '\n',
  ),
  table('ragged-rows', 'rows of 1 to 1,000 cells', () => {
    let s = HEADER;
    for (let n = 1; n <= 1000; n += 7) s += `${Array.from({ length: n }, (_, i) => i).join(',')}\n`;
    return s;
  }),
  table(
    'cr-only-line-endings',
    '100,000 lines ended by CR alone',
    () => `${HEADER.trim()}\r${'x,1,2020-01-01,75056\r'.repeat(100_000)}`,
  ),
  table('million-empty-lines', '1,000,000 empty lines', () => `${HEADER}${'\n'.repeat(1_000_000)}`),
  table('blank-rows-300k', '300,000 rows of delimiters only', () => `${HEADER}${',,,\n'.repeat(300_000)}`),
  table(
    'no-final-newline-huge-last-line',
    'a last line of 3 MB without line end (past the cell limit)',
    () => `${HEADER}x,1,2020-01-01,${'7'.repeat(3 << 20)}`,
  ),

  // ── Huge cells and values ──────────────────────────────────────────────────────────────────────
  {
    ...table(
      'huge-quoted-cell',
      'one quoted cell of 4 MB, past the cell limit (with commas and line breaks)',
      () => `${HEADER}"${'a,b\n'.repeat(1 << 20)}",1,2020-01-01,75056\n`,
    ),
  },
  table(
    'many-1kb-cells',
    '100,000 cells of 1 KB',
    () => `${HEADER}${`${'z'.repeat(1000)},1,2020-01-01,75056\n`.repeat(25_000)}`,
  ),
  table(
    'long-numbers-and-dates',
    'numbers of 100,000 digits, years 99999, dates 0000-00-00',
    () =>
      `${HEADER}x,${'9'.repeat(100_000)},99999-12-31,75056\ny,1e999999,0000-00-00,7505\nz,-0x1F,2020-02-30,NaN\n`,
  ),
  {
    id: 'json-cells-deep-and-huge',
    what: 'object, array and geojson fields holding 100,000-deep JSON and a 2 MB coordinate list',
    async prepare(ctx) {
      const s = schemaFile(ctx, [
        { name: 'o', type: 'object' },
        { name: 'a', type: 'array' },
        { name: 'g', type: 'geojson' },
        { name: 'n', type: 'number', constraints: { minimum: 0 } },
      ]);
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const deepObj = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
      const coords = `{"type":"LineString","coordinates":[${Array.from({ length: 100_000 }, (_, i) => `[${i % 180},${i % 90}]`).join(',')}]}`;
      const f = put(
        ctx,
        'json.csv',
        `o,a,g,n\n"${deepObj.replace(/"/g, '""')}",${deep},"${coords.replace(/"/g, '""')}",1\n`,
      );
      return [v(f, '-s', s), norm(ctx, f, '-s', s), vj(f, '-s', s)];
    },
  },

  // ── Headers and column names ───────────────────────────────────────────────────────────────────
  table(
    'label-of-1mb',
    'a column name of 1 MB',
    () => `${'N'.repeat(1 << 20)},montant,date,code\nx,1,2020-01-01,75056\n`,
  ),
  table(
    'labels-1000-duplicates',
    '1,000 columns all named « nom »',
    () => `${Array(1000).fill('nom').join(',')}\n${Array(1000).fill('x').join(',')}\n`,
  ),
  table(
    'labels-with-controls',
    'control characters, zero-width and bidi marks in names',
    () => `n\u0000o\u0001m,mo\u200bnt\u200fant,da\u202ete,co\u0085de\nx,1,2020-01-01,75056\n`,
  ),
  table(
    'labels-formula',
    'column names that are formulas',
    () => `=cmd|' /C calc'!A0,@SUM(1),date,code\nx,1,2020-01-01,75056\n`,
  ),
  {
    id: 'giant-header-with-schema',
    what: 'a header of 200,000 columns (2 MB) against a schema',
    async prepare(ctx) {
      const f = put(
        ctx,
        'giant.csv',
        `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\n1,2,3\n`,
      );
      const s = schemaFile(ctx, SIMPLE);
      return [v(f, '-s', s), norm(ctx, f, '-s', s), { args: ['map', f, '-s', s] }];
    },
  },
  {
    id: 'giant-header-without-schema',
    what: 'a header of 200,000 columns (2 MB), no schema: recognition and detection',
    async prepare(ctx) {
      const f = put(
        ctx,
        'giant.csv',
        `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\n1,2,3\n`,
      );
      return [v(f), det(f)];
    },
  },

  // ── Not tables ─────────────────────────────────────────────────────────────────────────────────
  table('not-table-pdf', 'a PDF named .csv', () => '%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'),
  table('not-table-png', 'a PNG named .csv', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
  table(
    'not-table-html-xls',
    'an HTML table named .xls',
    () => '<html><body><table><tr><td>nom</td></tr><tr><td>x</td></tr></table></body></html>',
    'xls',
  ),
  table('empty-file', 'an empty file', () => ''),
  table('one-byte', 'a file of one byte', () => 'x'),
  table('only-newlines', '6 MB of line breaks (more than the head odf reads)', () => '\n'.repeat(6 << 20)),
  table('xlsx-named-csv', 'an XLSX named .csv', () =>
    xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`),
  ),
  table('csv-named-xlsx', 'a CSV named .xlsx', () => SAMPLE, 'xlsx'),
  table(
    'xls-garbage',
    'random bytes behind an OLE2 signature, named .xls',
    (ctx) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(ctx.rnd, 64 * 1024)]),
    'xls',
  ),

  // ── Zip and XML tricks ─────────────────────────────────────────────────────────────────────────
  {
    id: 'zip-bomb-1gb',
    what: 'an XLSX whose sheet inflates 1 GB of spaces from about 1 MB',
    async prepare(ctx) {
      const f = put(
        ctx,
        'bomb.xlsx',
        await xlsx(function* () {
          yield SHEET_HEAD;
          const spaces = ' '.repeat(1 << 20);
          for (let i = 0; i < 1024; i++) yield spaces;
          yield SHEET_TAIL;
        }),
      );
      return [v(f), det(f)];
    },
  },
  {
    id: 'zip-10000-entries',
    what: 'an XLSX with 10,000 extra entries',
    async prepare(ctx) {
      const extra = Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: 'x' }));
      const f = put(
        ctx,
        'entries.xlsx',
        await xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`, extra),
      );
      return [v(f)];
    },
  },
  {
    id: 'zip-path-traversal-names',
    what: 'entries named ../../etc/passwd and /absolute',
    async prepare(ctx) {
      const f = put(
        ctx,
        'traversal.xlsx',
        await xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`, [
          { name: '../../../../tmp/odf-hostile-escaped', data: 'owned' },
          { name: '/tmp/odf-hostile-absolute', data: 'owned' },
        ]),
      );
      return [v(f)];
    },
  },
  {
    id: 'zip-truncated',
    what: 'an XLSX cut in half',
    async prepare(ctx) {
      const full = await xlsx(
        `${SHEET_HEAD}${Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}">${cell(`A${i + 1}`, `v${i}`)}</row>`).join('')}${SHEET_TAIL}`,
      );
      const f = put(ctx, 'cut.xlsx', full.subarray(0, full.length >> 1));
      return [v(f), det(f)];
    },
  },
  {
    id: 'zip-encrypted-flag',
    what: 'an XLSX whose entries claim to be encrypted',
    async prepare(ctx) {
      const b = await xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`);
      for (let i = 0; i + 4 < b.length; i++) {
        if (b.readUInt32LE(i) === 0x04034b50) b.writeUInt16LE(b.readUInt16LE(i + 6) | 1, i + 6);
        if (b.readUInt32LE(i) === 0x02014b50) b.writeUInt16LE(b.readUInt16LE(i + 8) | 1, i + 8);
      }
      return [v(put(ctx, 'encrypted.xlsx', b))];
    },
  },
  {
    id: 'zip-nested',
    what: 'a zip holding a zip holding a workbook, named .xlsx',
    async prepare(ctx) {
      const inner = await xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`);
      const f = put(
        ctx,
        'nested.xlsx',
        await zip([
          { name: 'inner.xlsx', data: inner },
          { name: 'inner2.zip', data: await zip([{ name: 'a.xlsx', data: inner }]) },
        ]),
      );
      return [v(f)];
    },
  },
  {
    id: 'xlsx-shared-strings-million',
    what: 'an XLSX with 1,000,000 shared strings and a sheet pointing at the last',
    async prepare(ctx) {
      const f = put(
        ctx,
        'sst.xlsx',
        await xlsx(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>999999</v></c></row>${SHEET_TAIL}`, [
          {
            name: 'xl/sharedStrings.xml',
            data: function* () {
              yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000" uniqueCount="1000000">';
              let chunk = '';
              for (let i = 0; i < 1_000_000; i++) {
                chunk += `<si><t>s${i}</t></si>`;
                if (chunk.length > 1 << 20) {
                  yield chunk;
                  chunk = '';
                }
              }
              yield `${chunk}</sst>`;
            },
          },
        ]),
      );
      return [v(f)];
    },
  },
  {
    id: 'xlsx-xxe',
    what: 'an XLSX sheet with an external entity (XXE) reading /etc/passwd',
    async prepare(ctx) {
      const sheet = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', '&xxe;')}</row></sheetData></worksheet>`;
      const f = put(ctx, 'xxe.xlsx', await xlsx(sheet));
      return [
        {
          ...vj(f),
          check: (r) => (/root:x:0:0/.test(r.stdout) ? 'the external entity was resolved' : undefined),
        },
      ];
    },
  },
  {
    id: 'xlsx-billion-laughs',
    what: 'an XLSX sheet with nested entities (billion laughs)',
    async prepare(ctx) {
      let dtd = '<!ENTITY l0 "lol">';
      for (let i = 1; i <= 9; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      const sheet = `<?xml version="1.0"?><!DOCTYPE x [${dtd}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', '&l9;')}</row></sheetData></worksheet>`;
      return [v(put(ctx, 'laughs.xlsx', await xlsx(sheet)))];
    },
  },
  {
    id: 'ods-billion-laughs-and-xxe',
    what: 'an ODS content.xml with nested entities and an external one',
    async prepare(ctx) {
      let dtd = '<!ENTITY l0 "lol"><!ENTITY xxe SYSTEM "file:///etc/passwd">';
      for (let i = 1; i <= 9; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      const content = `<?xml version="1.0"?><!DOCTYPE x [${dtd}]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="T"><table:table-row><table:table-cell><text:p>&l9;&xxe;</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
      const f = put(
        ctx,
        'laughs.ods',
        await zip([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
          { name: 'content.xml', data: content },
        ]),
      );
      return [
        {
          ...vj(f),
          check: (r) => (/root:x:0:0/.test(r.stdout) ? 'the external entity was resolved' : undefined),
        },
      ];
    },
  },
  {
    id: 'xlsx-many-sheets',
    what: 'an XLSX declaring 2,000 sheets that all point at one part',
    async prepare(ctx) {
      const wb = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${Array.from({ length: 2000 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join('')}</sheets></workbook>`;
      const f = put(
        ctx,
        'sheets.xlsx',
        await xlsx(`${SHEET_HEAD}<row r="1">${cell('A1', 'nom')}</row>${SHEET_TAIL}`, [
          { name: 'xl/workbook.xml', data: wb },
        ]),
      );
      return [v(f), det(f)];
    },
  },
  {
    id: 'xlsx-corrupted-deflate',
    what: 'an XLSX whose deflate stream the fuzzer corrupted: the spreadsheet library inflates it for ever',
    async prepare(ctx) {
      const found = path.join(ROOT, 'test/hostile/fuzz-regressions/e3ccbe1f9515.xlsx');
      const f = put(ctx, 'corrupted.xlsx', readFileSync(found));
      return [v(f), det(f)];
    },
  },
  {
    id: 'xlsx-dimension-huge-and-negative',
    what: 'cell references A0, A-1, A99999999 and a dimension A1:XFD1048576',
    async prepare(ctx) {
      const f = put(
        ctx,
        'refs.xlsx',
        await xlsx(
          `${SHEET_HEAD}<dimension ref="A1:XFD1048576"/><row r="1">${cell('A1', 'nom')}${cell('A0', 'x')}</row><row r="99999999">${cell('A99999999', 'y')}</row>${SHEET_TAIL}`,
        ),
      );
      return [v(f)];
    },
  },

  // ── Odd file names ─────────────────────────────────────────────────────────────────────────────
  ...[
    [
      'name-spaces-quotes',
      'a file « nom avec espaces \' et " guillemets ».csv',
      'nom avec espaces \' et " guillemets.csv',
    ],
    ['name-leading-dash', 'a file named -rf.csv (given after --)', '-rf.csv'],
    ['name-rtl', 'a file name with a right-to-left override', 'facture\u202egpj.csv'],
    ['name-newline', 'a file name with a line break', 'deux\nlignes.csv'],
    ['name-escape', 'a file name with a terminal escape', `rouge\u001b[31m.csv`],
    ['name-255', 'a 255-character file name', `${'n'.repeat(251)}.csv`],
  ].map(([id, what, name]): HostileCase => ({
    id: id!,
    what: what!,
    async prepare(ctx) {
      const f = put(ctx, name!, SAMPLE);
      const s = schemaFile(ctx, SIMPLE);
      return [
        { args: ['validate', '-s', s, '--', f] },
        { args: ['validate', '-s', s, '--format', 'markdown', '--', f] },
        { args: ['normalize', '-s', s, '-q', '--out-dir', ctx.output, '--', f] },
      ];
    },
  })),

  // ── Links, pipes, devices, folders ─────────────────────────────────────────────────────────────
  {
    id: 'fs-dangling-link-and-folder-loop',
    what: 'a dangling link, and a folder holding a link to itself (batch expansion)',
    async prepare(ctx) {
      symlinkSync('nulle-part.csv', path.join(ctx.input, 'pendant.csv'));
      const d = path.join(ctx.input, 'lot');
      mkdirSync(d);
      writeFileSync(path.join(d, 'a.csv'), SAMPLE);
      symlinkSync('.', path.join(d, 'moi-meme'));
      symlinkSync('..', path.join(d, 'parent'));
      return [
        v(path.join(ctx.input, 'pendant.csv')),
        v(d, '-s', 'scdl/budget'),
        { args: ['normalize', d, '-q', '-s', schemaFile(ctx, SIMPLE), '--out-dir', ctx.output] },
      ];
    },
  },
  {
    id: 'fs-fifo-input',
    what: 'a named pipe as input, fed by a writer',
    async prepare(ctx) {
      const fifo = path.join(ctx.output, 'tube.csv');
      if (spawnSync('mkfifo', [fifo]).status !== 0) return [];
      spawn(
        process.execPath,
        ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, ${JSON.stringify(SAMPLE)})`],
        { stdio: 'ignore', timeout: 120_000 },
      ).unref();
      return [v(fifo, '-s', schemaFile(ctx, SIMPLE))];
    },
  },
  {
    id: 'fs-devices',
    what: '/dev/null as input; a folder given as a CSV; a file without read permission',
    async prepare(ctx) {
      const f = put(ctx, 'ferme.csv', SAMPLE);
      chmodSync(f, 0);
      mkdirSync(path.join(ctx.input, 'faux.csv'));
      return [v('/dev/null'), v(path.join(ctx.input, 'faux.csv'), '-s', 'scdl/budget'), v(f)];
    },
  },
  {
    id: 'fs-endless-device-as-input',
    what: '/dev/zero and /dev/urandom as the input file',
    async prepare() {
      return [v('/dev/zero'), v('/dev/urandom')];
    },
  },
  {
    id: 'fs-500-files-batch',
    what: 'a folder of 500 small files, some broken',
    async prepare(ctx) {
      const d = path.join(ctx.input, 'lot');
      mkdirSync(d);
      for (let i = 0; i < 500; i++)
        writeFileSync(path.join(d, `f${i}.csv`), i % 7 === 0 ? Buffer.from([0, 1, 2, 3]) : SAMPLE);
      return [
        v(d, '-s', schemaFile(ctx, SIMPLE)),
        { args: ['normalize', d, '-q', '-s', path.join(ctx.input, 'schema.json'), '--out-dir', ctx.output] },
      ];
    },
  },

  // ── Schemas built to hurt ──────────────────────────────────────────────────────────────────────
  {
    id: 'schema-10000-fields',
    what: 'a schema of 10,000 fields against a 10,000-column file',
    async prepare(ctx) {
      const fields = Array.from({ length: 10_000 }, (_, i) => ({
        name: `f${i}`,
        type: i % 2 ? 'integer' : 'string',
      }));
      const s = schemaFile(ctx, fields);
      const f = put(
        ctx,
        'wide.csv',
        `${fields.map((x) => x.name).join(',')}\n${fields.map((_, i) => String(i)).join(',')}\n`,
      );
      return [v(f, '-s', s), norm(ctx, f, '-s', s)];
    },
  },
  {
    id: 'json-profile-16000-columns',
    what: 'the JSON report (column profile) of 16,000 columns, under the 16,384-column cap',
    async prepare(ctx) {
      // The profile keeps state per column: it once took 100 KB a column up front (1.8 GB here).
      const header = Array.from({ length: 16_000 }, (_, i) => `colonne_${i}`).join(',');
      const row = Array.from({ length: 16_000 }, (_, i) => String(i)).join(',');
      const f = put(ctx, 'wide-json.csv', `${header}\n${row}\n${row}\n`);
      return [vj(f)];
    },
  },
  {
    id: 'schema-enum-200k',
    what: 'an enum of 200,000 values and a missingValues list of 100,000',
    async prepare(ctx) {
      const s = schemaFile(
        ctx,
        [{ name: 'nom', constraints: { enum: Array.from({ length: 200_000 }, (_, i) => `v${i}`) } }],
        {
          missingValues: Array.from({ length: 100_000 }, (_, i) => `m${i}`),
        },
      );
      const f = put(ctx, 'enum.csv', `nom\n${'v199999\nzz\nm5\n'.repeat(20_000)}`);
      // JSON too: each finding carries the enum (cut to its first values, with their count).
      return [v(f, '-s', s), vj(f, '-s', s)];
    },
  },
  {
    id: 'schema-lookbehind-and-odd-patterns',
    what: 'patterns with a lookbehind, a lookahead, a 1000-times repetition, (?x), and a trailing backslash',
    async prepare(ctx) {
      const s = schemaFile(ctx, [
        { name: 'a', constraints: { pattern: '(?<=a)b' } },
        { name: 'b', constraints: { pattern: '(?=\\w{5})(\\w+\\s?)*' } },
        { name: 'c', constraints: { pattern: '(a|aa){1000}' } },
        { name: 'd', constraints: { pattern: '(?x) a b' } },
        { name: 'e', constraints: { pattern: 'abc\\' } },
      ]);
      // (a|aa){1000} on 10,000 characters: over RE2's budget per cell, so not checked (docs/security.md).
      const row = csvRow(['ab', `${'a'.repeat(50)}!`, 'a'.repeat(10_000), 'ab', 'abc']);
      const f = put(ctx, 'p.csv', `a,b,c,d,e\n${row.repeat(200)}`);
      return [v(f, '-s', s)];
    },
  },
  {
    id: 'schema-names-with-controls',
    what: 'field names and titles holding terminal escapes and bidi marks',
    async prepare(ctx) {
      const s = schemaFile(ctx, [{ name: 'n\u001b[2Jom', title: 't\u0007\u202eitle', type: 'integer' }]);
      const f = put(ctx, 'x.csv', 'n\u001b[2Jom\nabc\n');
      return [v(f, '-s', s)];
    },
  },
  {
    id: 'schema-keys-on-300k-rows',
    what: 'primaryKey, unique and a self foreign key on 300,000 rows',
    async prepare(ctx) {
      const s = schemaFile(
        ctx,
        [
          { name: 'id', type: 'integer', constraints: { unique: true } },
          { name: 'parent', type: 'integer' },
        ],
        {
          primaryKey: ['id', 'parent'],
          foreignKeys: [{ fields: ['parent'], reference: { resource: '', fields: ['id'] } }],
        },
      );
      const f = await putStream(
        ctx,
        'keys.csv',
        (function* () {
          yield 'id,parent\n';
          let chunk = '';
          for (let i = 0; i < 300_000; i++) {
            chunk += `${i % 1000},${(i * 7) % 300_001}\n`;
            if (chunk.length > 1 << 16) {
              yield chunk;
              chunk = '';
            }
          }
          yield chunk;
        })(),
      );
      return [v(f, '-s', s)];
    },
  },
  {
    id: 'schema-not-a-schema',
    what: 'schemas that are a number, a list, fields that are not a list, a huge minLength',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', 'a\n1\n');
      return [
        v(f, '-s', put(ctx, 'n.json', '42')),
        v(f, '-s', put(ctx, 'l.json', '[1,2]')),
        v(f, '-s', put(ctx, 'f.json', '{"fields": {"a": 1}}')),
        v(
          f,
          '-s',
          put(
            ctx,
            'm.json',
            '{"fields": [{"name": "a", "constraints": {"minLength": 1e300, "maximum": "x"}}]}',
          ),
        ),
        v(
          f,
          '-s',
          put(
            ctx,
            'deep.json',
            `{"fields": [{"name": "a", "example": ${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`,
          ),
        ),
      ];
    },
  },
  {
    id: 'schema-yaml-deep-and-huge',
    what: 'a YAML schema with 200,000 nested brackets; a 20 MB schema file',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', 'a\n1\n');
      const deep = put(ctx, 'deep.yaml', `fields: ${'['.repeat(200_000)}`);
      const big = await putStream(ctx, 'big.json', [
        '{"fields": [{"name": "a", "description": "',
        ...Array(20).fill('x'.repeat(1 << 20)),
        '"}]}',
      ]);
      return [v(f, '-s', deep), v(f, '-s', big)];
    },
  },

  // ── Mappings, synonyms, configurations ─────────────────────────────────────────────────────────
  {
    id: 'mapping-odd-columns',
    what: 'a mapping to column 1e9, to a negative column, and 10,000 entries',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', SAMPLE);
      const s = schemaFile(ctx, SIMPLE);
      const m1 = put(ctx, 'm1.yaml', 'fields:\n  nom: { column: 1000000000 }\n  montant: { column: -3 }\n');
      const m2 = put(
        ctx,
        'm2.yaml',
        `fields:\n${Array.from({ length: 10_000 }, (_, i) => `  f${i}: c${i}`).join('\n')}\n`,
      );
      return [v(f, '-s', s, '--map', m1), v(f, '-s', s, '--map', m2), { args: ['map', f, '-s', s] }];
    },
  },
  {
    id: 'synonyms-100k',
    what: 'a synonyms file of 100,000 aliases',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', SAMPLE);
      const syn = put(
        ctx,
        'syn.yaml',
        `fields:\n  nom:\n${Array.from({ length: 100_000 }, (_, i) => `    - alias ${i}`).join('\n')}\n`,
      );
      return [v(f, '-s', schemaFile(ctx, SIMPLE), '--synonyms', syn)];
    },
  },
  {
    id: 'config-catastrophic-glob',
    what: 'a configuration whose glob backtracks (*a*a*a*a*a*a*b) over long names, and 5,000 rules',
    async prepare(ctx) {
      const d = path.join(ctx.input, 'projet');
      mkdirSync(d);
      writeFileSync(path.join(d, `${'a'.repeat(200)}.csv`), SAMPLE);
      const rules = Array.from(
        { length: 5000 },
        (_, i) => `  - files: ["r${i}/**/*.csv"]\n    schema: scdl/budget`,
      ).join('\n');
      writeFileSync(
        path.join(d, 'odf.config.yaml'),
        `rules:\n  - files: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/**/**/**/**/*.csv"]\n    schema: scdl/budget\n${rules}\n`,
      );
      return [{ args: ['validate'], cwd: d }];
    },
  },

  // ── Options and commands ───────────────────────────────────────────────────────────────────────
  {
    id: 'cli-odd-options',
    what: 'odd option values: --lang xx, --limit-errors 0, --max-examples 1e12, --jobs 100000, --encoding nope',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', SAMPLE);
      return [
        v(f, '--lang', 'xx'),
        v(f, '--limit-errors', '0'),
        v(f, '--max-examples', '1000000000000'),
        v(f, '--jobs', '100000'),
        v(f, '--encoding', 'nope'),
        v(f, '--header-row', '99999999'),
        v(f, '--sheet', '../../etc'),
      ];
    },
  },
  {
    id: 'cli-many-errors',
    what: '240,000 invalid cells with the default error limit, in every report format',
    async prepare(ctx) {
      const f = await putStream(ctx, 'bad.csv', [HEADER, ...repeat('x,abc,15/15/2020,1\n', 60_000)]);
      const s = schemaFile(ctx, SIMPLE);
      return ['text', 'json', 'html', 'junit', 'github', 'gitlab', 'markdown'].map((fmt) =>
        v(f, '-s', s, '--format', fmt),
      );
    },
  },
  {
    id: 'stdin-hostile',
    what: 'binary, empty and 30 MB inputs on standard input',
    async prepare(ctx) {
      const big = await putStream(ctx, 'big.csv', [HEADER, ...repeat('x,1,2020-01-01,75056\n', 500_000)]);
      return [
        { args: ['validate', '-'], stdin: Buffer.alloc(4096, 0xff) },
        { args: ['validate', '-'], stdin: '' },
        { args: ['validate', '-', '-s', schemaFile(ctx, SIMPLE)], stdin: { file: big } },
        {
          args: ['normalize', '-', '-s', path.join(ctx.input, 'schema.json'), '-o', '-'],
          stdin: { file: big },
        },
      ];
    },
  },
];

/** Cases made of random bytes and random mutations of a table (seeded), for what nobody thought of. */
export function randomCases(count: number): HostileCase[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `random-${String(k).padStart(2, '0')}`,
    what: 'seeded random bytes and structure',
    async prepare(ctx: CaseContext): Promise<Run[]> {
      const rnd = ctx.rnd;
      const pieces = ['"', ',', ';', '\t', '\n', '\r', '\u0000', '\ufeff', 'é', 'x', '1', ' ', '=', '\u001b'];
      let s = HEADER;
      const n = 2000 + Math.floor(rnd() * 20_000);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
      const f = put(
        ctx,
        k % 2 ? 'r.csv' : 'r.tsv',
        k % 3 === 0 ? Buffer.concat([Buffer.from(s), randomBytes(rnd, 4096)]) : s,
      );
      const sch = schemaFile(ctx, SIMPLE);
      return [v(f, '-s', sch), norm(ctx, f, '-s', sch), det(f)];
    },
  }));
}
