// The XLSX sheet scanner against the XML parser it stands in for: the same rows, events and failures on
// every workbook of the fixtures, on hand-written edge cases and on generated sheets, however the text is cut.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import { readerLimits } from '../../src/io/limits.js';
import type { OpenOptions } from '../../src/io/types.js';
import type { MergeRange, SheetProblem, SheetRow } from '../../src/io/workbook.js';
import { SheetScanner, type CellSink } from '../../src/io/sheet-scanner.js';
import { StringsScanner } from '../../src/io/strings-scanner.js';
import { openXlsx } from '../../src/io/xlsx-reader.js';
import { XmlReader, type XmlHandler } from '../../src/io/xml.js';
import { ZipArchive, zipBytesOf } from '../../src/io/zip.js';
import { SHEET_HEAD, SHEET_TAIL, xlsx } from '../hostile/zip.js';
import { random } from '../../scripts/random.js';

interface SheetRead {
  rows: SheetRow[];
  merges: MergeRange[];
  problems: SheetProblem[];
  error?: { code: string; message: string };
}

/** Every sheet of a workbook, read with the scanner or by the XML parser alone, the text cut every `chunk` characters. */
async function readWorkbook(
  bytes: Uint8Array,
  sheetScanner: boolean,
  chunk?: number,
  options: OpenOptions = {},
): Promise<SheetRead[] | { code: string; message: string }> {
  const limits = readerLimits(options);
  const archive = await ZipArchive.open(zipBytesOf(bytes), 'x.xlsx', limits.maxUnzipped);
  if (!archive) return { code: 'no-archive', message: '' };
  try {
    const reader = await openXlsx(archive, {
      name: 'x.xlsx',
      limits,
      sheetScanner,
      ...(chunk !== undefined ? { textChunk: chunk } : {}),
    });
    const sheets: SheetRead[] = [];
    for (let i = 0; i < reader.sheets.length; i++) {
      const read: SheetRead = { rows: [], merges: [], problems: [] };
      try {
        for await (const batch of reader.rows(i, {
          merge: (m) => read.merges.push(m),
          problem: (p) => read.problems.push(p),
        }))
          read.rows.push(...batch);
      } catch (e) {
        if (!isOdfError(e)) throw e;
        // Rows read before a failure depend on where the text was cut: only the failure is compared.
        sheets.push({ rows: [], merges: [], problems: [], error: { code: e.code, message: e.message } });
        continue;
      }
      sheets.push(read);
    }
    return sheets;
  } catch (e) {
    if (!isOdfError(e)) throw e;
    return { code: e.code, message: e.message };
  } finally {
    await archive.close();
  }
}

const CUTS = [undefined, 1, 2, 3, 7, 64, 1000];

/** Reads `bytes` with the parser alone, then with the scanner cut in several ways: all must agree. */
async function expectSameReading(bytes: Uint8Array, options: OpenOptions = {}): Promise<unknown> {
  const reference = await readWorkbook(bytes, false, undefined, options);
  for (const chunk of CUTS) {
    const scanned = await readWorkbook(bytes, true, chunk, options);
    expect(scanned, `text cut every ${chunk ?? '∞'} characters`).toEqual(reference);
  }
  return reference;
}

function workbooksUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...workbooksUnder(file));
    else if (name.endsWith('.xlsx')) out.push(file);
  }
  return out;
}

const FIXTURES = [...workbooksUnder('fixtures'), ...workbooksUnder('test')].sort();

describe('the sheet scanner reads every fixture workbook as the XML parser does', () => {
  it('finds the fixture workbooks', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
  });
  it.each(FIXTURES)('%s', async (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const reference = await expectSameReading(bytes);
    if (path.basename(file) === 'table.xlsx') {
      // The differential test must compare something: the shared table has its rows.
      expect(Array.isArray(reference) && reference[0]!.rows.length).toBeGreaterThan(5);
    }
  });
});

const INLINE = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="00000"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
const STRINGS = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>zéro</t></si><si><r><t>un </t></r><r><rPr><b/></rPr><t>riche</t></r></si><si><t xml:space="preserve"> deux </t></si></sst>`;

/** A one-sheet workbook (with styles and shared strings) whose sheetData holds `body`. */
function sheetOf(body: string, whole?: string): Promise<Buffer> {
  return xlsx(whole ?? `${SHEET_HEAD}${body}${SHEET_TAIL}`, [
    { name: 'xl/styles.xml', data: STYLES },
    { name: 'xl/sharedStrings.xml', data: STRINGS },
  ]);
}

const EDGE_CASES: [string, string][] = [
  [
    'entities and character references',
    `<row r="1">${INLINE('A1', 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;&#x1F600; &#9;')}</row>`,
  ],
  [
    'cells without r follow the previous one',
    '<row r="1"><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>',
  ],
  [
    'rows without r follow the previous one, skipped rows leave gaps',
    '<row r="3"><c r="A3"><v>3</v></c></row><row><c r="A4"><v>4</v></c></row><row r="10"><c><v>10</v></c></row><row><c><v>11</v></c></row>',
  ],
  [
    'self-closing cells, rows and values',
    '<row r="1"><c r="A1"/><c r="B1" s="1"/><c r="C1"><v/></c><c r="D1" t="inlineStr"><is/></c><c r="E1"><v>5</v></c></row><row r="2"/><row r="3"><c r="A3"><v>1</v></c></row>',
  ],
  [
    'xml:space and spaces kept',
    `<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  padded  </t></is></c><c r="B1"><v> 12 </v></c></row>`,
  ],
  [
    'CDATA sections',
    '<row r="1"><c r="A1"><v><![CDATA[12]]></v></c><c r="B1" t="inlineStr"><is><t><![CDATA[a<b&c]]>d<![CDATA[]]></t></is></c></row>',
  ],
  [
    'rich text runs and phonetic runs in inline strings',
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>Texte </t></r><r><rPr><b/></rPr><t>riche</t></r></is></c><c r="B1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></is></c><c r="C1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
  ],
  [
    'formulas are skipped for their cached values',
    '<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0"/><v>7</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
  ],
  [
    'types: shared strings, booleans, errors, dates, unknown types',
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>9</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c><c r="G1" t="e"><v>#N/A</v></c><c r="H1" t="d"><v>2024-02-29T00:00:00.000Z</v></c><c r="I1" t="weird"><v>x</v></c></row>',
  ],
  [
    'numbers plain and not, with styles',
    '<row r="1"><c r="A1"><v>1.50</v></c><c r="B1"><v>007</v></c><c r="C1"><v>1e3</v></c><c r="D1"><v>-0</v></c><c r="E1"><v>0.1</v></c><c r="F1"><v>1E-7</v></c><c r="G1"><v>123456789012345678</v></c><c r="H1"><v>0.30000000000000004</v></c><c r="I1"><v>abc</v></c><c r="J1"><v></v></c></row><row r="2"><c r="A2" s="1"><v>45000</v></c><c r="B2" s="2"><v>1053</v></c><c r="C2" s="3"><v>7.1</v></c><c r="D2" s="4"><v>45000.4375</v></c><c r="E2" s="99"><v>12</v></c><c r="F2" s="x"><v>12</v></c><c r="G2" s=""><v>0.000001</v></c><c r="H2" s="01"><v>-12.5</v></c></row>',
  ],
  [
    'attributes in single quotes, spaces around =, other attributes',
    `<row r = '1' spans="1:3" x14ac:dyDescent="0.25"><c r = 'A1' t = "inlineStr" s='0' cm="1"><is><t>a</t></is></c><c r="B1"  ><v>2</v ></c ></row >`,
  ],
  [
    'a comment inside the rows',
    '<row r="1"><c r="A1"><v>1</v></c><!-- note --><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>',
  ],
  [
    'a processing instruction between rows',
    '<row r="1"><c r="A1"><v>1</v></c></row><?pi x?><row r="2"><c r="A2"><v>3</v></c></row>',
  ],
  [
    'a carriage return in a text',
    `<row r="1">${INLINE('A1', 'a\r\nb\rc')}</row><row r="2">${INLINE('A2', 'd&#13;e')}</row>`,
  ],
  ['an entity in an attribute', '<row r="1"><c r="A&#49;"><v>1</v></c></row>'],
  ['text directly in a row', '<row r="1">x<c r="A1"><v>1</v></c></row>'],
  ['unknown elements in a cell', '<row r="1"><c r="A1"><v>1</v><extLst><ext/></extLst></c></row>'],
  [
    'an odd column reference',
    '<row r="1"><c r="$B$1"><v>1</v></c><c r="1A"><v>2</v></c><c r="ABCDEFGH1"><v>3</v></c><c r=""><v>4</v></c></row>',
  ],
  [
    'odd row numbers',
    '<row r="0"><c><v>1</v></c></row><row r="x"><c><v>2</v></c></row><row r="2.5"><c><v>3</v></c></row>',
  ],
  ['non-ASCII names', '<row r="1"><c r="A1"><v>1</v></c><é/></row>'],
  [
    'merged cells after the rows',
    '<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3"/></mergeCells><sheetData>',
  ],
  // Malformed: the scanner must fail as the parser fails.
  ['a mismatched close tag', '<row r="1"><c r="A1"><v>1</x></c></row>'],
  ['an unknown entity', `<row r="1">${INLINE('A1', 'a &foo; b')}</row>`],
  ['an invalid character reference', `<row r="1">${INLINE('A1', 'a &#0; b')}</row>`],
  ['an entity without its semicolon', `<row r="1">${INLINE('A1', 'a &amp b')}</row>`],
  ['a control character', `<row r="1">${INLINE('A1', 'a\u0001b')}</row>`],
  ['a < in an attribute', '<row r="1"><c r="A<1"><v>1</v></c></row>'],
  ['a repeated attribute', '<row r="1"><c r="A1" r="B1"><v>1</v></c></row>'],
  [']]> in a text', `<row r="1">${INLINE('A1', 'a]]>b')}</row>`],
  ['a cell left open', '<row r="1"><c r="A1"><v>1</v></row>'],
  ['a sheet cut in a cell', '<row r="1"><c r="A1"><v>1'],
  ['attributes without spaces between them', '<row r="1"><c r="A1"t="s"><v>0</v></c></row>'],
];

describe('the sheet scanner on edge cases', () => {
  it.each(EDGE_CASES)('%s', async (_name, body) => {
    const bytes = body.endsWith('<v>1') ? await sheetOf('', `${SHEET_HEAD}${body}`) : await sheetOf(body);
    await expectSameReading(bytes);
  });

  it('namespace prefixes (x:worksheet, x:c, x:t)', async () => {
    const whole =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row><x:row><x:c t="s"><x:v>0</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
    const reference = await expectSameReading(await sheetOf('', whole));
    expect(reference).toEqual([
      {
        rows: [
          { index: 0, cells: ['a', '2'], repeat: 1 },
          { index: 1, cells: ['zéro'], repeat: 1 },
        ],
        merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }],
        problems: [],
      },
    ]);
  });

  it('a sheetData named in a comment before the real one', async () => {
    const whole = `${SHEET_HEAD.replace('<sheetData>', '<!-- <sheetData> --><sheetData>')}<row r="1"><c r="A1"><v>1</v></c></row>${SHEET_TAIL}`;
    expect(await expectSameReading(await sheetOf('', whole))).toEqual([
      { rows: [{ index: 0, cells: ['1'], repeat: 1 }], merges: [], problems: [] },
    ]);
  });

  it('an empty sheetData, and none at all', async () => {
    await expectSameReading(
      await sheetOf('', SHEET_HEAD.replace('<sheetData>', '<sheetData/>') + '</worksheet>'),
    );
    await expectSameReading(await sheetOf('', '<worksheet/>'));
  });

  it('a DOCTYPE before the rows is refused', async () => {
    const whole = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const reference = await expectSameReading(await sheetOf('', whole));
    expect(reference).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'file-unreadable' }) }),
    ]);
  });

  it('limits: cells cut, columns and rows beyond the limits, reported in place', async () => {
    const long = 'x'.repeat(50);
    const body = `<row r="1">${INLINE('A1', long)}<c r="B1"><v>${'1'.repeat(30)}</v></c><c r="E1"><v>5</v></c></row><row r="2"><c><v>1</v></c></row><row r="3"><c><v>1</v></c></row><row r="4"/>`;
    const reference = await expectSameReading(await sheetOf(body), {
      maxCellLength: 20,
      maxColumns: 3,
      maxRows: 2,
    });
    expect(reference).toEqual([
      expect.objectContaining({
        problems: [
          { kind: 'cell-too-long', r: 0, c: 0, length: 20 },
          { kind: 'cell-too-long', r: 0, c: 1, length: 20 },
          { kind: 'column-beyond-limit', r: 0, c: 4 },
          { kind: 'row-beyond-limit', r: 2, c: 0 },
        ],
      }),
    ]);
  });

  it('a cell longer than the scanner holds goes to the parser, and reads the same', async () => {
    const body = `<row r="1">${INLINE('A1', 'é'.repeat(1_500_000))}<c r="B1"><v>2</v></c></row><row r="2"><c><v>3</v></c></row>`;
    const bytes = await sheetOf(body);
    const reference = await readWorkbook(bytes, false);
    expect(await readWorkbook(bytes, true)).toEqual(reference);
    expect(await readWorkbook(bytes, true, 65536)).toEqual(reference);
  });
});

const VALUES = [
  '0',
  '1',
  '-2.5',
  '1.50',
  '21860194600013',
  '0.1',
  '1e21',
  '45000.5',
  'x',
  '',
  ' 3 ',
  '&amp;',
  '&#65;',
  '<![CDATA[7]]>',
];
const TEXTS = ['a', 'É', 'a &lt; b', ' ', '', '<![CDATA[<x>]]>', '&#x1F600;', 'ligne\nligne'];
const TYPES = ['', ' t="s"', ' t="n"', ' t="b"', ' t="e"', ' t="str"', ' t="d"', ' t="inlineStr"'];

function generatedCell(next: () => number, r: number, c: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const ref = next() < 0.8 ? ` r="${String.fromCharCode(65 + c)}${r}"` : '';
  const style = next() < 0.3 ? ` s="${Math.floor(next() * 6)}"` : '';
  const type = pick(TYPES);
  const kind = next();
  if (kind < 0.1) return `<c${ref}${style}${type}/>`;
  if (kind < 0.3)
    return `<c${ref}${type}${style}><is><t>${pick(TEXTS)}</t>${next() < 0.3 ? `<r><t>${pick(TEXTS)}</t></r>` : ''}</is></c>`;
  if (kind < 0.35) return `<c${ref}${type}><f>A1+1</f><v>${pick(VALUES)}</v></c>`;
  if (kind < 0.37) return `<c${ref}><v>1</v><!-- c --></c>`;
  return `<c${ref}${style}${type}><v>${type === ' t="s"' ? String(Math.floor(next() * 4)) : pick(VALUES)}</v></c>`;
}

describe('the sheet scanner on generated sheets', () => {
  it('reads 60 generated sheets as the XML parser does', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      let body = '';
      let r = 1;
      for (let row = 0; row < 12; row++) {
        r += next() < 0.2 ? 2 : 1;
        const cells: string[] = [];
        for (let c = 0; c < 6; c++) if (next() < 0.8) cells.push(generatedCell(next, r, c));
        const open = next() < 0.85 ? `<row r="${r}">` : '<row>';
        body += cells.length === 0 && next() < 0.5 ? `<row r="${r}"/>` : `${open}${cells.join('')}</row>`;
      }
      const bytes = await sheetOf(body);
      const reference = await readWorkbook(bytes, false);
      for (const chunk of [undefined, 1, 5, 33]) {
        expect(await readWorkbook(bytes, true, chunk), `seed ${seed}, cut ${chunk ?? '∞'}`).toEqual(
          reference,
        );
      }
    }
  });
});

/** A workbook whose shared string table is `strings` (whole part), its sheet showing the first 24 items. */
function stringsOf(strings: string): Promise<Buffer> {
  const cells = Array.from({ length: 24 }, (_, k) => `<c t="s"><v>${k}</v></c>`).join('');
  return xlsx(`${SHEET_HEAD}<row r="1">${cells}</row>${SHEET_TAIL}`, [
    { name: 'xl/sharedStrings.xml', data: strings },
  ]);
}

const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">';
const sst = (items: string) => `${SST_HEAD}${items}</sst>`;

const STRING_CASES: [string, string][] = [
  [
    'plain, preserved spaces, entities, character references and CDATA',
    sst(
      '<si><t>a</t></si><si><t xml:space="preserve"> b  </t></si><si><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;&#x1F600; &#9;x</t></si><si><t>a<![CDATA[<b>&c]]>d<![CDATA[]]></t></si><si><t>ligne\nligne\tx</t></si>',
    ),
  ],
  [
    'rich text runs with their properties, phonetic runs and properties left out',
    sst(
      '<si><r><t>un </t></r><r><rPr><b/><sz val="11"/><color rgb="FF0000"/><rFont val="Calibri"/><family val="2"/></rPr><t xml:space="preserve">riche </t></r></si>' +
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><rPh sb="0" eb="1"/><phoneticPr fontId="1" type="noConversion"/></si>' +
        '<si><r><t>a</t></r><rPh sb="0" eb="1"><r><t>x</t></r></rPh><r><t>b</t></r></si>',
    ),
  ],
  [
    'empty and self-closing items and texts, spaces between items, text outside t',
    sst(
      '<si/>\n  <si></si><si><t/></si><si><t></t></si>\r\n<si>x<t>a</t>y<r>z<t>b</t></r></si>\t<si><t>c</t></si>',
    ),
  ],
  [
    'a t inside a t, an element inside a t, an unknown element in an item',
    sst(
      '<si><t>a<t>b</t>c</t></si><si><t>a<x:y xmlns:x="u">b</x:y>c</t></si><si><foo bar="1"><t>d</t></foo></si>',
    ),
  ],
  [
    'namespace prefixes',
    '<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>a</x:t></x:si><x:si><x:r><x:t>b</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:si><si><t>c</t></si></x:sst>',
  ],
  [
    'comments and processing instructions between and in items',
    sst(
      '<si><t>a</t></si><!-- <si><t>no</t></si> --><si><t>b<!-- c --></t></si><?pi x?><si><?pi y?><t>c</t></si><si><t>d</t></si>',
    ),
  ],
  [
    'carriage returns, and text between items',
    sst('<si><t>a\r\nb\rc</t></si><si><t>d&#13;e</t></si>x<si><t>f</t></si>'),
  ],
  [
    'an item inside an item, attributes on items, many attributes',
    sst(
      `<si><t>a</t><si><t>b</t></si><t>c</t></si><si foo="1"><t>d</t></si><si><t ${Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`).join(' ')}>e</t></si><si><t>f</t></si>`,
    ),
  ],
  [
    'an sst named in a comment before the real one',
    `<?xml version="1.0"?><!-- <sst> --><sst><si><t>a</t></si></sst>`,
  ],
  ['an empty table, and a root that is not sst', `<?xml version="1.0"?><sst/>`],
  ['an sst that is not the root', `<?xml version="1.0"?><foo><sst><si><t>a</t></si></sst></foo>`],
  ['text after the table', `${sst('<si><t>a</t></si>')}<!-- end -->\n`],
  // Malformed: the scanner must fail as the parser fails.
  ['a mismatched close tag', sst('<si><t>a</t></si><si><t>b</r></si>')],
  ['an unknown entity', sst('<si><t>a</t></si><si><t>a &foo; b</t></si>')],
  ['a control character', sst('<si><t>a\u0001b</t></si>')],
  [']]> in a text', sst('<si><t>a]]>b</t></si>')],
  ['a < in an attribute', sst('<si><t foo="a<b">a</t></si>')],
  ['a repeated attribute', sst('<si><t xml:space="preserve" xml:space="default">a</t></si>')],
  ['an item left open', `${SST_HEAD}<si><t>a</t></si><si><t>b</t>`],
  ['a DOCTYPE', `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst><si><t>&a;</t></si></sst>`],
];

describe('the shared strings scanner reads as the XML parser does', () => {
  it.each(STRING_CASES)('%s', async (_name, strings) => {
    await expectSameReading(await stringsOf(strings));
  });

  it('reads what a person sees', async () => {
    const reference = await expectSameReading(await stringsOf(STRING_CASES[1]![1]));
    expect(reference).toEqual([
      expect.objectContaining({ rows: [{ index: 0, cells: ['un riche ', '東京', 'ab'], repeat: 1 }] }),
    ]);
  });

  it('cuts an item past the cell length limit as the parser does, piece by piece', async () => {
    const strings = sst(
      '<si><t>abcd</t><t>efgh</t><t>ij</t></si><si><t>abc<![CDATA[defg]]>hij</t></si><si><r><t>abcdef</t></r><r><t>g</t></r></si><si><t>a&amp;bcdefg</t></si>',
    );
    const reference = await expectSameReading(await stringsOf(strings), { maxCellLength: 5 });
    expect(reference).toEqual([
      expect.objectContaining({
        rows: [expect.objectContaining({ cells: ['abcdefgh', 'abcdefg', 'abcdef', 'a&bcdefg'] })],
      }),
    ]);
  });

  it('an item longer than the scanner holds goes to the parser, and reads the same', async () => {
    const strings = sst(`<si><t>a</t></si><si><t>${'b'.repeat(1_100_000)}</t></si><si><t>c</t></si>`);
    const bytes = await stringsOf(strings);
    const reference = await readWorkbook(bytes, false);
    expect(await readWorkbook(bytes, true)).toEqual(reference);
    expect(await readWorkbook(bytes, true, 65536)).toEqual(reference);
  });

  it('reads 60 generated tables as the XML parser does', async () => {
    const pieces = ['a', 'É', 'a &lt; b', ' ', '', '<![CDATA[<x>]]>', '&#x1F600;', 'ligne\nligne', '&#13;'];
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const pick = (list: string[]) => list[Math.floor(next() * list.length)]!;
      let items = '';
      for (let k = 0; k < 24; k++) {
        const kind = next();
        if (kind < 0.5) items += `<si><t>${pick(pieces)}${pick(pieces)}</t></si>`;
        else if (kind < 0.75)
          items += `<si><r><t>${pick(pieces)}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${pick(pieces)}</t></r></si>`;
        else if (kind < 0.9)
          items += `<si><t>${pick(pieces)}</t><rPh sb="0" eb="1"><t>${pick(pieces)}</t></rPh></si>`;
        else if (kind < 0.95) items += '<si/>';
        else items += `<si><t>${pick(pieces)}</t><!-- c --></si>`;
      }
      const bytes = await stringsOf(sst(items));
      const reference = await readWorkbook(bytes, false);
      for (const chunk of [undefined, 1, 5, 33]) {
        expect(await readWorkbook(bytes, true, chunk), `seed ${seed}, cut ${chunk ?? '∞'}`).toEqual(
          reference,
        );
      }
    }
  });
});

describe('the sheet scanner does the reading itself', () => {
  /** A sink that records what it is told, and the elements the XML parser opened. */
  function recorder() {
    const log: string[] = [];
    const parserOpened: string[] = [];
    let col = -1;
    let sheetData = false;
    let opens = 0;
    const sink: CellSink & XmlHandler = {
      resumeRow: false,
      get inSheetData() {
        return sheetData;
      },
      get sheetDataOpens() {
        return opens;
      },
      get column() {
        return col;
      },
      startRow: (ref) => void log.push(`row ${ref}`),
      finishRow: () => void log.push('/row'),
      startCell: (ref) => void log.push(`cell ${ref}`),
      startCellAt: (c, t, s) => {
        col = c;
        log.push(`cell ${c} ${t} ${s}`);
      },
      markValue: () => void log.push('value'),
      addText: (t) => void log.push(`text ${t}`),
      finishCell: () => void log.push('/cell'),
      open(name) {
        parserOpened.push(name);
        if (name === 'sheetData') {
          sheetData = true;
          opens++;
        }
        if (name === 'row' && sink.resumeRow) sink.resumeRow = false;
      },
      close(name) {
        if (name === 'sheetData') sheetData = false;
      },
      text() {},
    };
    return { sink, log, parserOpened };
  }

  function scan(xml: string): { log: string[]; parserOpened: string[] } {
    const { sink, log, parserOpened } = recorder();
    const scanner = new SheetScanner(sink, new XmlReader('x.xlsx', 'sheet1.xml', sink, 2 ** 25));
    for (let at = 0; at < xml.length; at += 10) scanner.writeText(xml.slice(at, at + 10));
    scanner.end();
    return { log, parserOpened };
  }

  it('leaves only the prelude and the end to the XML parser', () => {
    const { log, parserOpened } = scan(
      `${SHEET_HEAD}<row r="1"><c r="B1" s="2"><v>1</v></c></row>${SHEET_TAIL}`,
    );
    expect(parserOpened).toEqual(['worksheet', 'sheetData']);
    expect(log).toEqual(['row 1', 'cell 1 undefined 2', 'value', 'text 1', '/cell', '/row']);
  });

  it('hands the parser the rest from the row where it is unsure, that row open tag replayed', () => {
    const { log, parserOpened } = scan(
      `${SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c><!-- x --><c r="B2"/></row><row r="3"/>${SHEET_TAIL}`,
    );
    expect(parserOpened).toEqual(['worksheet', 'sheetData', 'row', 'c', 'row']);
    // Row 2's first cell was given by the scanner; the parser took over from the comment.
    expect(log.slice(0, 8)).toEqual([
      'row 1',
      'cell 0 undefined 0',
      'value',
      'text 1',
      '/cell',
      '/row',
      'row 2',
      'cell 0 undefined 0',
    ]);
  });
});

describe('the shared strings scanner does the reading itself', () => {
  function scan(xml: string): { added: string[]; parserOpened: string[] } {
    const added: string[] = [];
    const parserOpened: string[] = [];
    const sink: XmlHandler & { add(text: string): void; sstOpens: number; depth: number } = {
      sstOpens: 0,
      depth: 0,
      add: (text) => void added.push(text),
      open(name) {
        parserOpened.push(name);
        if (name === 'sst' && this.depth === 0) this.sstOpens++;
        this.depth++;
      },
      close() {
        this.depth--;
      },
      text() {},
    };
    const scanner = new StringsScanner(
      sink,
      new XmlReader('x.xlsx', 'sharedStrings.xml', sink, 2 ** 25),
      100,
    );
    for (let at = 0; at < xml.length; at += 10) scanner.writeText(xml.slice(at, at + 10));
    scanner.end();
    return { added, parserOpened };
  }

  it('leaves only the prelude and the end to the XML parser', () => {
    const { added, parserOpened } = scan(
      sst('<si><t>a</t></si><si><r><rPr><b/></rPr><t>b</t></r><rPh><t>no</t></rPh></si><si/>'),
    );
    expect(parserOpened).toEqual(['sst']);
    expect(added).toEqual(['a', 'b', '']);
  });

  it('hands the parser the rest from the item where it is unsure', () => {
    const { added, parserOpened } = scan(
      sst('<si><t>a</t></si><si><t>b<!-- c --></t></si><si><t>c</t></si>'),
    );
    expect(parserOpened).toEqual(['sst', 'si', 't', 'si', 't']);
    // The scanner gave the first item; the XML handler (not recording here) read the rest.
    expect(added).toEqual(['a']);
  });
});
