// The ODS scanner against the XML parser it stands in for: the same rows, events and failures on every ODS
// of the repository, on hand-written edge cases and on generated tables, however the text is cut.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOdfError } from '../../src/errors.js';
import { readerLimits } from '../../src/io/limits.js';
import { openOds } from '../../src/io/ods-reader.js';
import { CellAttributes, OdsScanner, type OdsCellSink } from '../../src/io/ods-scanner.js';
import type { OpenOptions } from '../../src/io/types.js';
import type { MergeRange, SheetProblem, SheetRow } from '../../src/io/workbook.js';
import { XmlReader, type XmlHandler } from '../../src/io/xml.js';
import { ZipArchive, zipBytesOf } from '../../src/io/zip.js';
import { zip } from '../hostile/zip.js';
import { random } from '../../scripts/random.js';

interface TableRead {
  rows: SheetRow[];
  merges: MergeRange[];
  problems: SheetProblem[];
  error?: { code: string; message: string };
}

/** Every table of an ODS, read with the scanner or by the XML parser alone, the text cut every `chunk` characters. */
async function readOds(
  bytes: Uint8Array,
  sheetScanner: boolean,
  chunk?: number,
  options: OpenOptions = {},
): Promise<
  { sheets: { name: string; hidden: boolean }[]; tables: TableRead[] } | { code: string; message: string }
> {
  const limits = readerLimits(options);
  const archive = await ZipArchive.open(zipBytesOf(bytes), 'x.ods', limits.maxUnzipped);
  if (!archive) return { code: 'no-archive', message: '' };
  try {
    const reader = await openOds(archive, {
      name: 'x.ods',
      limits,
      sheetScanner,
      ...(chunk !== undefined ? { textChunk: chunk } : {}),
    });
    const tables: TableRead[] = [];
    for (let i = 0; i < reader.sheets.length; i++) {
      const read: TableRead = { rows: [], merges: [], problems: [] };
      try {
        for await (const batch of reader.rows(i, {
          merge: (m) => read.merges.push(m),
          problem: (p) => read.problems.push(p),
        }))
          read.rows.push(...batch);
      } catch (e) {
        if (!isOdfError(e)) throw e;
        // Rows read before a failure depend on where the text was cut: only the failure is compared.
        tables.push({ rows: [], merges: [], problems: [], error: { code: e.code, message: e.message } });
        continue;
      }
      tables.push(read);
    }
    return { sheets: reader.sheets.map((s) => ({ ...s })), tables };
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
  const reference = await readOds(bytes, false, undefined, options);
  for (const chunk of CUTS) {
    const scanned = await readOds(bytes, true, chunk, options);
    expect(scanned, `text cut every ${chunk ?? '∞'} characters`).toEqual(reference);
  }
  return reference;
}

function odsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...odsFilesUnder(file));
    else if (name.endsWith('.ods')) out.push(file);
  }
  return out;
}

const FIXTURES = [...odsFilesUnder('fixtures'), ...odsFilesUnder('test')].sort();

describe('the ODS scanner reads every ODS of the repository as the XML parser does', () => {
  it('finds the fixture ODS files', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(3);
  });
  it.each(FIXTURES)('%s', async (file) => {
    const reference = await expectSameReading(new Uint8Array(readFileSync(file)));
    // The differential test must compare something: each fixture has rows.
    expect(reference).toMatchObject({ tables: expect.arrayContaining([]) });
    const tables = (reference as { tables: TableRead[] }).tables;
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(0);
  });
});

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

/** Automatic styles: a fixed two-decimal number, a zero-padded code, a date and a time, and a hidden table. */
const STYLES =
  '<office:automatic-styles><number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-integer-digits="1"/></number:number-style><number:number-style style:name="N5"><number:number number:decimal-places="0" number:min-integer-digits="5"/></number:number-style><number:date-style style:name="D1"><number:day/><number:text>/</number:text><number:month/></number:date-style><number:time-style style:name="T1"><number:hours/><number:text>:</number:text><number:minutes/></number:time-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N2"/><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N5"/><style:style style:name="ce3" style:family="table-cell" style:parent-style-name="ce1"/><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>';

/** An ODS whose spreadsheet body is `body` (its tables), or whose content.xml is `whole`. */
function odsOf(body: string, whole?: string): Promise<Buffer> {
  const content =
    whole ??
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} office:version="1.3">${STYLES}<office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
    { name: 'content.xml', data: content },
  ]);
}

const table = (rows: string, name = 'T', attrs = '') =>
  `<table:table table:name="${name}"${attrs}>${rows}</table:table>`;
const row = (cells: string, attrs = '') => `<table:table-row${attrs}>${cells}</table:table-row>`;
const str = (text: string) =>
  `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const float = (v: string, attrs = '') =>
  `<table:table-cell office:value-type="float" office:value="${v}"${attrs}><text:p>${v}</text:p></table:table-cell>`;

const EDGE_CASES: [string, string][] = [
  [
    'plain strings and numbers',
    table(row(str('a') + str('b')) + row(float('1') + float('2.50') + float('21860194600013'))),
  ],
  [
    'spans, links and nested spans',
    table(
      row(
        '<table:table-cell office:value-type="string"><text:p>a<text:span text:style-name="T1">b<text:span>c</text:span></text:span><text:a xlink:href="http://x">d</text:a>e</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'text:s, text:tab, text:line-break, several paragraphs and headings',
    table(
      row(
        '<table:table-cell office:value-type="string"><text:p>a<text:s/>b<text:s text:c="3"/>c<text:tab/>d<text:line-break/>e</text:p><text:p>f</text:p><text:h>g</text:h><text:p/></table:table-cell>' +
          '<table:table-cell><text:p><text:s text:c="x"/>x<text:s text:c="0"/>y<text:s foo:c="2"/></text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'text outside paragraphs and spaces between them',
    table(
      row(
        '<table:table-cell office:value-type="string">before<text:p>a</text:p>\n  <text:p>b</text:p> after</table:table-cell><table:table-cell>x</table:table-cell>',
      ),
    ),
  ],
  [
    'repeated cells and rows, trailing empty repeats',
    table(
      row(
        str('a') +
          '<table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/>',
      ) +
        row(float('1') + float('2'), ' table:number-rows-repeated="4"') +
        row(
          '<table:table-cell table:number-columns-repeated="1024"/>',
          ' table:number-rows-repeated="1048570"',
        ),
    ),
  ],
  [
    'annotations do not leak into the value',
    table(
      row(
        '<table:table-cell office:value-type="string"><office:annotation office:display="false"><dc:creator>Agent</dc:creator><dc:date>2024-01-01T00:00:00</dc:date><text:p>une <text:span>note</text:span></text:p><text:p>deux</text:p></office:annotation><text:p>valeur</text:p></table:table-cell>' +
          '<table:table-cell><office:annotation><text:p>seule</text:p></office:annotation></table:table-cell>' +
          str('après'),
      ),
    ),
  ],
  [
    'entities, character references and CDATA',
    table(
      row(
        str('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;&#x1F600; &#9;x') +
          str('<![CDATA[a<b&c]]>d<![CDATA[]]>'),
      ),
    ),
  ],
  [
    'types: percentage, currency, date, time, boolean, string-value, unknown, errors',
    table(
      row(
        '<table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12,5 %</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="currency" office:currency="EUR" office:value="1234.5"><text:p>1 234,50 €</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="date" office:date-value="2024-02-29T10:30:00.000"><text:p>29/02</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="date" office:date-value="2024-02-29"><text:p>29/02</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>10:30</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="time" office:time-value="bad"><text:p>shown</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="boolean" office:boolean-value="0"><text:p>FAUX</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="string" office:string-value="the value"><text:p>shown</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="weird"><text:p>w</text:p></table:table-cell>' +
          '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="float"><text:p>no value</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'numbers plain and not, with cell and column styles',
    table(
      '<table:table-column table:default-cell-style-name="ce2"/><table:table-column table:number-columns-repeated="2" table:default-cell-style-name="Default"/>' +
        row(
          float('1053') +
            float('7.1') +
            float('007') +
            float('1e3') +
            float('-0') +
            float('0.30000000000000004') +
            float('123456789012345678') +
            float('0.000001'),
        ) +
        row(
          float('7.1', ' table:style-name="ce1"') +
            float('42', ' table:style-name="ce3"') +
            float('45000.5', ' table:style-name="nope"') +
            float(' 3 '),
        ),
    ),
  ],
  [
    'calcext and other prefixes on attributes',
    table(
      row(
        '<table:table-cell calcext:value-type="float" calcext:value="9" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>' +
          '<table:table-cell foo:value-type="float" bar:value="2"><text:p>2</text:p></table:table-cell>' +
          '<table:table-cell value-type="float" value="3"><text:p>3</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'cell tags as office suites write them, and look-alikes of their attributes',
    table(
      row(
        '<table:table-cell table:style-name="ce1" table:number-columns-repeated="2" office:value-type="float" office:value="3.5" calcext:value-type="float"><text:p>3,50</text:p></table:table-cell>' +
          '<table:table-cell calcext:value-type="error" office:value="0" office:value-type="float" table:style-name="ce2"><text:p>#N/A</text:p></table:table-cell>' +
          '<table:table-cell table:number-columns-repeated="3" table:style-name="ce2"/>' +
          '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>s</text:p></table:table-cell>' +
          '<table:table-cell office:value-typo="float" office:valueX="1" office:value="2"><text:p>2</text:p></table:table-cell>' +
          '<table:table-cell table:style-names="ce1" table:number-columns-repeatedX="4" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>' +
          '<table:table-cell calcext:value-types="error" office:value-type="float" office:value="8"><text:p>8</text:p></table:table-cell>' +
          '<table:table-cell office:value-type ="float" office:value= "9"><text:p>9</text:p></table:table-cell>' +
          '<table:table-cell\toffice:value-type="float"\n office:value="10"  table:style-name="ce1"><text:p>10</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="float" office:value="11" /><table:table-cell  /><table:table-cell/>' +
          '<table:table-cellar office:value-type="string"><text:p>no</text:p></table:table-cellar>' +
          '<table:table-cell office:value-type="float" office:value=""><text:p>empty</text:p></table:table-cell>' +
          '<table:table-cell office:value-type="string" office:string-value="sv" office:value="1"><text:p>x</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'an attribute of the common cell tags given twice',
    table(row('<table:table-cell office:value-type="float" office:value="1" office:value-type="float"/>')),
  ],
  [
    'an entity in an attribute of a common cell tag',
    table(
      row(
        '<table:table-cell office:value-type="float" office:value="&#49;"><text:p>1</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'a cell tag with many attributes (the parser reads it)',
    table(
      row(
        `<table:table-cell ${Array.from({ length: 40 }, (_, i) => `foo:a${i}="${i}"`).join(' ')} office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>` +
          '<table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell>',
      ),
    ),
  ],
  [
    'merged and covered cells',
    table(
      row(
        '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>m</text:p></table:table-cell><table:covered-table-cell/>' +
          str('c'),
      ) +
        row(
          '<table:covered-table-cell table:number-columns-repeated="2"/>' +
            '<table:covered-table-cell office:value-type="string"><text:p>hidden</text:p></table:covered-table-cell>',
        ) +
        row(
          '<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>r</text:p></table:table-cell>',
          ' table:number-rows-repeated="2"',
        ),
    ),
  ],
  [
    'attributes in single quotes, spaces around =, self-closing and empty cells',
    table(
      `<table:table-row table:style-name = 'ro1' ><table:table-cell office:value-type = 'float'  office:value='5' ><text:p>5</text:p ></table:table-cell ><table:table-cell/><table:table-cell></table:table-cell><table:table-cell office:value-type="string"/><table:table-cell office:value-type="string"><text:p/></table:table-cell>${str('z')}</table:table-row >`,
    ),
  ],
  [
    'header rows, row groups and rows with look-alike names',
    table(
      '<table:table-header-rows>' +
        row(str('h1') + str('h2')) +
        '</table:table-header-rows><table:table-row-group>' +
        row(str('a') + str('b')) +
        '</table:table-row-group><table:table-rows>' +
        row(str('c') + str('d')) +
        '</table:table-rows>',
    ),
  ],
  [
    'several tables, one hidden, with a named range between',
    table(row(str('a1')), 'Un') +
      table(row(str('b1') + str('b2')) + row(float('2')), 'Deux', ' table:style-name="ta2"') +
      '<table:named-expressions><table:named-range table:name="x" table:base-cell-address="$Un.$A$1" table:cell-range-address="$Un.$A$1"/></table:named-expressions>' +
      table(row(str('c1')), 'Trois &amp; quatre'),
  ],
  [
    'prefixes other than table: and text: are other elements',
    table(
      row(str('a')) +
        '<t:table-row xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><t:table-cell office:value-type="string"><text:p>x</text:p></t:table-cell></t:table-row>' +
        row(
          '<table:table-cell office:value-type="string"><p:p xmlns:p="urn:oasis:names:tc:opendocument:xmlns:text:1.0">y</p:p><text:p>z</text:p></table:table-cell>',
        ),
    ),
  ],
  [
    'a row tag in a comment, comments and processing instructions',
    table(
      '<!-- <table:table-row><table:table-cell office:value-type="string"><text:p>no</text:p></table:table-cell></table:table-row> -->' +
        row(str('a') + '<!-- c -->' + str('b')) +
        row('<table:table-cell office:value-type="string"><text:p>a<!-- c -->b</text:p></table:table-cell>') +
        '<?pi x?>' +
        row(str('c')),
    ),
  ],
  [
    'a carriage return in a text and in an attribute',
    table(
      row(
        str('a\r\nb\rc') +
          str('d&#13;e') +
          '<table:table-cell office:value-type="string" office:string-value="x&#10;y"/>',
      ),
    ),
  ],
  ['text directly in a row', table(row('x' + str('a')))],
  [
    'a table element inside a cell',
    table(
      row(
        '<table:table-cell><table:table-row table:number-rows-repeated="3"/><text:p>a</text:p></table:table-cell>' +
          str('b'),
      ),
    ),
  ],
  ['non-ASCII names', table(row('<table:table-cell><é/><text:p>a</text:p></table:table-cell>' + str('b')))],
  // Malformed: the scanner must fail as the parser fails.
  ['a mismatched close tag', table(row('<table:table-cell><text:p>a</text:span></table:table-cell>'))],
  ['an unknown entity', table(row(str('a &foo; b')))],
  ['an invalid character reference', table(row(str('a &#0; b')))],
  ['an entity without its semicolon', table(row(str('a &amp b')))],
  ['a control character', table(row(str('a\u0001b')))],
  [
    'a < in an attribute',
    table(row('<table:table-cell office:value-type="a<b"><text:p>a</text:p></table:table-cell>')),
  ],
  [
    'a repeated attribute',
    table(row('<table:table-cell office:value="1" office:value="2" office:value-type="float"/>')),
  ],
  [']]> in a text', table(row(str('a]]>b')))],
  ['a cell left open', table(row('<table:table-cell><text:p>a</text:p>'))],
  [
    'attributes without spaces between them',
    table(row('<table:table-cell office:value-type="float"office:value="1"/>')),
  ],
  ['a row never closed', `<table:table table:name="T">${'<table:table-row>' + str('a')}`],
  // One row's end and the next one's start, which the scanner reads as a pair.
  [
    'rows one after the other: spaces, attributes, repeats, self-closing and empty rows between',
    table(
      row(str('a')) +
        '\r\n  ' +
        row(str('b'), ' table:style-name="ro1" table:number-rows-repeated="3"') +
        row('') +
        '<table:table-row table:number-rows-repeated="2"/>' +
        row(str('c'), " table:number-rows-repeated = '2' ") +
        row(str('d'), ' foo:number-rows-repeated="5" table:visibility="collapse"') +
        row(str('e'), ' table:number-rows-repeated="x"') +
        row(str('f')),
    ),
  ],
  [
    'a row after a comment, a processing instruction or text between rows',
    table(
      row(str('a')) +
        '<!-- c -->' +
        row(str('b')) +
        '<?pi x?>' +
        row(str('c')) +
        'x' +
        row(str('d')) +
        '&#32;' +
        row(str('e')),
    ),
  ],
  [
    'a row tag with an entity, a repeated attribute or many attributes',
    table(
      row(str('a')) +
        row(str('b'), ' table:style-name="r&amp;1"') +
        row(str('c'), ' table:number-rows-repeated="2" table:number-rows-repeated="3"') +
        row(str('d'), Array.from({ length: 40 }, (_, i) => ` foo:a${i}="${i}"`).join('')) +
        row(str('e')),
    ),
  ],
  [
    'a row closed by another name, or opened under another prefix',
    table(row(str('a')) + '<table:table-row>' + str('b') + '</table:table-rows>' + row(str('c'))),
  ],
  [
    'rows of earlier tables read by the scanner, the wanted one after them',
    table(row(str('a1') + float('1')) + row(str('a2'), ' table:number-rows-repeated="2"'), 'Un') +
      table(row('<table:table-cell><text:p>b</text:span></table:table-cell>'), 'Deux') +
      table(row(str('c1')) + row(str('c2')), 'Trois'),
  ],
  [
    'a malformed cell in an earlier table fails as the parser fails',
    table(row(str('a')) + row(str('a &foo; b')), 'Un') + table(row(str('c1')), 'Deux'),
  ],
];

describe('the ODS scanner on edge cases', () => {
  it.each(EDGE_CASES)('%s', async (_name, body) => {
    await expectSameReading(await odsOf(body));
  });

  it('the edge cases read what a person sees', async () => {
    const reading = (await readOds(await odsOf(EDGE_CASES[2]![1]), true, 3)) as { tables: TableRead[] };
    expect(reading.tables[0]!.rows).toEqual([
      { index: 0, cells: ['a b   c\td\ne\nf\ng\n', ' x y  '], repeat: 1 },
    ]);
    const notes = (await readOds(await odsOf(EDGE_CASES[5]![1]), true, 2)) as { tables: TableRead[] };
    expect(notes.tables[0]!.rows).toEqual([{ index: 0, cells: ['valeur', '', 'après'], repeat: 1 }]);
  });

  it('lists tables whose open tag runs across two inflated chunks', async () => {
    // 800 small tables (about 100 bytes each) after a filler that moves them by one byte per try: across
    // every try, each byte of a table tag lands on a chunk boundary once (128 KiB: the second boundary of
    // a stored part, read 64 KiB at a time, and the first of content.xml inflated, 128 KiB at a time).
    const names = Array.from({ length: 800 }, (_, k) => `T${k}`);
    const body = names.map((n) => table(row(str(n)), n, ' table:style-name="ta1"')).join('');
    for (const method of [0, 8] as const) {
      for (let shift = 0; shift < 110; shift++) {
        const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet><!--${' '.repeat(64900 + 65536 + shift)}-->${body}</office:spreadsheet></office:body></office:document-content>`;
        const bytes = await zip([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
          { name: 'content.xml', data: content, method },
        ]);
        const archive = (await ZipArchive.open(zipBytesOf(bytes), 'x.ods', 2 ** 30))!;
        const reader = await openOds(archive, { name: 'x.ods', limits: readerLimits({}) });
        expect(reader.sheets.map((t) => t.name)).toEqual(names);
      }
    }
  });

  it('a sheet cut in a cell fails as the parser fails', async () => {
    const whole = `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="T"><table:table-row><table:table-cell office:value-type="string"><text:p>a`;
    const reference = await expectSameReading(await odsOf('', whole));
    expect(reference).toMatchObject({ tables: [{ error: { code: 'file-unreadable' } }] });
  });

  it('a DOCTYPE is refused', async () => {
    const whole = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><office:document-content ${NS}><office:body><office:spreadsheet>${table(row(str('&a;')))}</office:spreadsheet></office:body></office:document-content>`;
    const reference = await expectSameReading(await odsOf('', whole));
    expect(reference).toMatchObject({ code: 'file-unreadable' });
  });

  it('limits: cells cut, columns and rows beyond the limits, repeats beyond the budget', async () => {
    const body = table(
      row(
        str('x'.repeat(50)) +
          '<table:table-cell office:value-type="string"><text:p>ab<text:s text:c="40"/>c</text:p></table:table-cell>' +
          str('c') +
          str('d') +
          str('e'),
      ) +
        row(str('1')) +
        row(str('2'), ' table:number-rows-repeated="3"') +
        row(str('3')),
    );
    const reference = await expectSameReading(await odsOf(body), {
      maxCellLength: 20,
      maxColumns: 3,
      maxRows: 3,
    });
    expect(reference).toMatchObject({
      tables: [
        {
          problems: [
            { kind: 'cell-too-long', r: 0, c: 0, length: 20 },
            { kind: 'cell-too-long', r: 0, c: 1, length: 20 },
            { kind: 'column-beyond-limit', r: 0, c: 3 },
            { kind: 'column-beyond-limit', r: 0, c: 4 },
            { kind: 'row-beyond-limit', r: 3, c: 0 },
            { kind: 'row-beyond-limit', r: 5, c: 0 },
          ],
        },
      ],
    });
    const bomb = table(
      row(str('a') + str('b')) +
        row(
          '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>',
          ' table:number-rows-repeated="1048576"',
        ),
    );
    expect(await expectSameReading(await odsOf(bomb))).toMatchObject({
      tables: [{ error: { code: 'input-too-large' } }],
    });
  });

  it('a cell longer than the scanner holds goes to the parser, and reads the same', async () => {
    const body = table(row(str('é'.repeat(1_500_000)) + str('b')) + row(str('c') + str('d')));
    const bytes = await odsOf(body);
    const reference = await readOds(bytes, false);
    expect(await readOds(bytes, true)).toEqual(reference);
    expect(await readOds(bytes, true, 65536)).toEqual(reference);
  });

  it('a row tag longer than the scanner holds leaves the rest to the parser, and reads the same', async () => {
    const body = table(
      row(str('a'), ` foo:x="${'y'.repeat(1_200_000)}"`) +
        '<!-- <table:table-row><table:table-cell office:value-type="string"><text:p>no</text:p></table:table-cell></table:table-row> -->' +
        row(str('b')),
    );
    const bytes = await odsOf(body);
    const reference = await readOds(bytes, false);
    expect(reference).toMatchObject({ tables: [{ rows: [{ cells: ['a'] }, { cells: ['b'] }] }] });
    expect(await readOds(bytes, true)).toEqual(reference);
    expect(await readOds(bytes, true, 65536)).toEqual(reference);
  });
});

const NUMBERS = ['0', '1', '-2.5', '1.50', '21860194600013', '0.1', '1e21', '45000.5', 'x', '', ' 3 '];
const TEXTS = [
  'a',
  'É',
  'a &lt; b',
  ' ',
  '',
  '<![CDATA[<x>]]>',
  '&#x1F600;',
  'ligne\nligne',
  'a<text:s text:c="2"/>b',
  '<text:span>s</text:span>',
  'a<text:tab/>b<text:line-break/>',
];

function generatedCell(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const repeat = next() < 0.15 ? ` table:number-columns-repeated="${1 + Math.floor(next() * 3)}"` : '';
  const style = next() < 0.2 ? ` table:style-name="${pick(['ce1', 'ce2', 'ce3', 'x'])}"` : '';
  const kind = next();
  if (kind < 0.1) return `<table:table-cell${repeat}${style}/>`;
  if (kind < 0.15) return `<table:covered-table-cell${repeat}/>`;
  if (kind < 0.45) {
    const v = pick(NUMBERS);
    return `<table:table-cell${repeat}${style} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  }
  if (kind < 0.5)
    return `<table:table-cell office:value-type="string"><office:annotation><text:p>${pick(TEXTS)}</text:p></office:annotation><text:p>${pick(TEXTS)}</text:p></table:table-cell>`;
  if (kind < 0.52) return `<table:table-cell><text:p>a<!-- c -->b</text:p></table:table-cell>`;
  const paragraphs =
    next() < 0.2
      ? `<text:p>${pick(TEXTS)}</text:p><text:p>${pick(TEXTS)}</text:p>`
      : `<text:p>${pick(TEXTS)}</text:p>`;
  return `<table:table-cell${repeat}${style} office:value-type="string">${paragraphs}</table:table-cell>`;
}

describe('the ODS scanner on generated tables', () => {
  it('reads 60 generated tables as the XML parser does', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      let rows = '';
      for (let r = 0; r < 12; r++) {
        const cells: string[] = [];
        for (let c = 0; c < 6; c++) if (next() < 0.85) cells.push(generatedCell(next));
        const repeat = next() < 0.15 ? ` table:number-rows-repeated="${2 + Math.floor(next() * 3)}"` : '';
        rows += cells.length === 0 && next() < 0.5 ? '<table:table-row/>' : row(cells.join(''), repeat);
      }
      const bytes = await odsOf(table(rows, 'G') + (next() < 0.3 ? table(row(str('second')), 'H') : ''));
      const reference = await readOds(bytes, false);
      for (const chunk of [undefined, 1, 5, 33]) {
        expect(await readOds(bytes, true, chunk), `seed ${seed}, cut ${chunk ?? '∞'}`).toEqual(reference);
      }
    }
  });
});

describe('the ODS scanner does the reading itself', () => {
  /** A sink that records the cells the scanner read and those the XML parser read. */
  function recorder() {
    const log: string[] = [];
    let rowOpens = 0;
    let rowOpenedLast = false;
    const sink: OdsCellSink = {
      get rowOpens() {
        return rowOpens;
      },
      get rowOpenedLast() {
        return rowOpenedLast;
      },
      openCell: (covered, a: CellAttributes) =>
        void log.push(
          `scanner ${covered ? 'covered' : 'cell'} ${a.values.filter((v) => v !== undefined).join(' ')}`,
        ),
      textCell: (a: CellAttributes, text) =>
        void log.push(`scanner cell ${a.values.filter((v) => v !== undefined).join(' ')} (${text})`),
      open(name, _a, selfClosing) {
        rowOpenedLast = false;
        if (name === 'table:table-row' && !selfClosing) {
          rowOpens++;
          rowOpenedLast = true;
        }
        if (name === 'table:table-cell' || name === 'table:covered-table-cell') log.push(`parser ${name}`);
      },
      close() {
        rowOpenedLast = false;
      },
      text() {
        rowOpenedLast = false;
      },
    };
    return { sink, log };
  }

  function scan(xml: string): string[] {
    const { sink, log } = recorder();
    // The parser's events pass through here on their way to the sink: its rows are logged.
    const parser: XmlHandler = {
      open(name, a, selfClosing) {
        if (name === 'table:table-row') log.push('parser row');
        sink.open(name, a, selfClosing);
      },
      close: (name) => sink.close(name),
      text: (t) => sink.text(t),
    };
    const scanner = new OdsScanner(sink, new XmlReader('x.ods', 'content.xml', parser, 2 ** 25));
    for (let at = 0; at < xml.length; at += 10) scanner.writeText(xml.slice(at, at + 10));
    scanner.end();
    return log;
  }

  it('reads the cells of rows, and hands the parser the cells it is unsure of', () => {
    const log = scan(
      `<office:document-content ${NS}><office:body><office:spreadsheet>${table(
        row(str('a') + float('1') + '<table:covered-table-cell/>') +
          row('<table:table-cell><text:p>a<!-- c -->b</text:p></table:table-cell>' + str('b')) +
          row(str('c')),
      )}</office:spreadsheet></office:body></office:document-content>`,
    );
    // The parser opens the first row, and the row after the one it took over from the unsure cell.
    expect(log).toEqual([
      'parser row',
      'scanner cell string (a)',
      'scanner cell float 1 (1)',
      'scanner covered ',
      'parser table:table-cell',
      'parser table:table-cell',
      'parser row',
      'scanner cell string (c)',
    ]);
  });

  it('reads every cell of the two common forms itself, values and texts as written', () => {
    const texts = ['a', '', 'Dépenses d’équipement', '😀 €', 'tab\there', 'line\nfeed', 'x]>y'];
    const cells = texts.map((t, i) =>
      i % 2 === 0
        ? str(t)
        : `<table:table-cell office:value-type="float" office:value="${i}.5"><text:p>${t}</text:p></table:table-cell>`,
    );
    const log = scan(
      `<office:document-content ${NS}><office:body><office:spreadsheet>${table(
        row(cells.join('')),
      )}</office:spreadsheet></office:body></office:document-content>`,
    );
    expect(log).toEqual([
      'parser row',
      ...texts.map((t, i) =>
        i % 2 === 0 ? `scanner cell string (${t})` : `scanner cell float ${i}.5 (${t})`,
      ),
    ]);
  });
});

/** Values of `office:value` in the float form, some of which the scanner leaves to `cellTag` or the parser. */
const FORM_VALUES = ['1', '-2.5', '', 'É', '1&amp;2', '1&#x41;', '1\t2', '1\r2', '1\u00852', "1'2", '1>2'];
/** Paragraph texts of the two forms: entities, references, controls, `]]>`, characters outside ASCII. */
const FORM_TEXTS = [
  'a',
  '',
  'Dépenses d’équipement',
  '😀 €',
  'a &amp; b &lt;c&gt; &#233;&#x1F600;',
  'x]>y',
  'tab\there',
  'line\nfeed',
  'carriage\rreturn',
  '<text:span>span</text:span>',
  '<![CDATA[<x>]]>',
];
/** Values and texts that are not XML, or not allowed there: the parser fails on them. */
const BAD_VALUES = ['\ufffe', '1&2', '1&nope;2', '1\u00072', '1<2'];
const BAD_TEXTS = ['a &nope; b', 'a & b', 'x]]>y', 'bell\u0007', 'non\ufffecharacter', 'non\uffffcharacter'];

/** A cell in one of the two forms `commonCell` reads, or in a form one character away from them. */
function formCell(next: () => number, bad = false): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const text = pick(bad && next() < 0.5 ? BAD_TEXTS : FORM_TEXTS);
  const value = pick(bad ? BAD_VALUES : FORM_VALUES);
  const kind = next();
  if (kind < 0.4) return str(text);
  if (kind < 0.8)
    return `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${text}</text:p></table:table-cell>`;
  return pick([
    `<table:table-cell office:value-type="strings"><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="string" ><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="string"><text:p>${text}</text:p><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell >`,
    `<table:table-cell office:value-type="string"><text:p>${text}</text:p>\n</table:table-cell>`,
    `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:covered-table-cell>`,
    `<table:table-cell office:value-type='string'><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="float" office:value="${value}" ><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="float" office:value="${value}"/>`,
    `<table:table-cell office:value-type="float" office:value="${value}" calcext:value-type="float"><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="float" office:value="${value}"><text:p/></table:table-cell>`,
    `<table:table-cell office:value-type="float" office:value="${value}"><text:h>${text}</text:h></table:table-cell>`,
    `<table:table-cell office:value-type="floatx" office:value="${value}"><text:p>${text}</text:p></table:table-cell>`,
    // Attributes the two forms do not have, which must not stay on the cell after them.
    `<table:table-cell table:number-columns-repeated="2" table:style-name="ce1" office:value-type="float" office:value="${value}" calcext:value-type="error"><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="string" office:string-value="${value}"><text:p>${text}</text:p></table:table-cell>`,
    `<table:table-cell office:value-type="float" office:value="${value}" office:value="2"><text:p>${text}</text:p></table:table-cell>`,
  ]);
}

describe('the ODS scanner on the two common cell forms', () => {
  it('reads them as the XML parser does, with hostile values and texts, cut at every position', async () => {
    let failures = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      // One table in four has one cell the parser fails on.
      const bad = seed % 4 === 0 ? Math.floor(next() * 12) : -1;
      let rows = '';
      for (let r = 0; r < 4; r++) {
        const cells: string[] = [];
        for (let c = 0; c < 3; c++) cells.push(formCell(next, r * 3 + c === bad));
        rows += row(cells.join(''));
      }
      const bytes = await odsOf(table(rows, 'F'));
      const reference = await readOds(bytes, false);
      if (!('tables' in reference) || reference.tables.some((t) => t.error)) failures++;
      // Cut every 1 to 40 characters: every cell is cut at every place by some of these cuts.
      for (let chunk = 1; chunk <= 40; chunk++) {
        expect(await readOds(bytes, true, chunk), `seed ${seed}, cut ${chunk}`).toEqual(reference);
      }
      expect(await readOds(bytes, true), `seed ${seed}, whole`).toEqual(reference);
    }
    // Both readings that succeed and readings that fail (an XML error in a cell) are compared.
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(20);
  });
});
