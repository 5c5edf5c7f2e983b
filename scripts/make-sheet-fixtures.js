// Generates the spreadsheet fixtures of fixtures/sheets/ (XLSX, ODS, XLS and crafted zips), and the bench workbook.
//
// Usage: node scripts/make-sheet-fixtures.js            writes fixtures/sheets/* (deterministic, rerunnable)
//        node scripts/make-sheet-fixtures.js --big N    writes bench/data/budget-N.xlsx (N data rows, gitignored)
//
// fixtures/sheets/README.md describes every file and the exact cell texts the reader must give.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repo, 'fixtures', 'sheets');

const HEADER = ['code_insee', 'nom', 'montant', 'date', 'commentaire'];

/** Excel serial (1900 system) of a UTC date-time; `date1904` shifts it to the 1904 system. */
function serial(iso, date1904 = false) {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
  const days = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
  return date1904 ? days - 1462 : days;
}

/**
 * The small French table shared with the CSV fixtures, as cell objects. Sheet rows: header 1, data 2..8,
 * row 7 blank. The README lists the text expected for each cell.
 */
function tableRows(date1904 = false) {
  const date = (iso, z) => ({ t: 'n', v: serial(iso, date1904), z });
  return [
    HEADER,
    ['01053', 'Bourg-en-Bresse', 0.1, date('2020-09-15', 'dd/mm/yyyy'), 'L’été à « cœur »'],
    ['75056', 'Paris', 1234.56, date('2020-09-15T10:30:00', 'dd/mm/yyyy hh:mm'), 'Prix en €'],
    ['2A004', 'Ajaccio', { t: 'n', v: 0.2, f: 'C2*2' }, { t: 'n', v: 0.4375, z: 'hh:mm:ss' }, true],
    ['97411', 'Saint-Denis', 21860194600013, date('2024-02-29', 'd mmmm yyyy'), { t: 'e', v: 0x07 }],
    [
      '13055',
      'Marseille',
      1e21,
      date1904 ? date('1904-01-01', 'yyyy-mm-dd') : date('1900-03-01', 'yyyy-mm-dd'),
      'Texte riche',
    ],
    [],
    [{ t: 'n', v: 1053, z: '00000' }, 'Lille', 0.1 + 0.2, '', false],
  ];
}

function sheetOf(rows) {
  return XLSX.utils.aoa_to_sheet(rows);
}

function bookOf(sheets, date1904 = false) {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  return wb;
}

function write(name, bytes) {
  fs.writeFileSync(path.join(outDir, name), bytes);
  console.log(`wrote fixtures/sheets/${name} (${bytes.length} bytes)`);
}

function xlsx(wb) {
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true });
}

/** Replaces the shared string « Texte riche » by two formatted runs (bold « Texte », italic « riche »). */
function withRichText(bytes) {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(zip, '/xl/sharedStrings.xml');
  const xml = Buffer.from(entry.content).toString('utf8');
  const rich =
    '<si><r><rPr><b/></rPr><t xml:space="preserve">Texte </t></r><r><rPr><i/></rPr><t>riche</t></r></si>';
  const patched = xml.replace('<si><t>Texte riche</t></si>', rich);
  if (patched === xml) throw new Error('shared string « Texte riche » not found');
  entry.content = Buffer.from(patched, 'utf8');
  entry.size = entry.content.length;
  return Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true }));
}

/**
 * A minimal zip writer (stored entries), so the crafted archives are exact. `claim` overrides the
 * uncompressed size written in the headers (to fake a zip bomb).
 */
function zipStore(entries, claim) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const size = claim ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** An ODS written the way LibreOffice writes it: typed date/time cells, repeated rows and columns, spans. */
function libreOfficeOds() {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"';
  const s = (t) => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
  const f = (v) =>
    `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  const d = (v) =>
    `<table:table-cell office:value-type="date" office:date-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  const tm = (v) =>
    `<table:table-cell office:value-type="time" office:time-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  const b = (v) =>
    `<table:table-cell office:value-type="boolean" office:boolean-value="${v}"><text:p>${v ? 'VRAI' : 'FAUX'}</text:p></table:table-cell>`;
  const empty = (n) => `<table:table-cell table:number-columns-repeated="${n}"/>`;
  const row = (cells) => `<table:table-row>${cells.join('')}${empty(1019)}</table:table-row>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${ns} office:version="1.3"><office:body><office:spreadsheet>
<table:table table:name="Feuille1">
<table:table-column table:number-columns-repeated="1024"/>
${row(HEADER.map(s))}
${row([s('01053'), s('Bourg-en-Bresse'), f('0.1'), d('2020-09-15'), s('L’été à « <text:span>cœur</text:span> »')])}
${row([s('75056'), s('Paris'), f('1234.56'), d('2020-09-15T10:30:00'), s('Prix<text:s text:c="2"/>en €')])}
${row([s('2A004'), s('Ajaccio'), `<table:table-cell table:formula="of:=[.C2]*2" office:value-type="float" office:value="0.2"><text:p>0,2</text:p></table:table-cell>`, tm('PT10H30M00S'), b(true)])}
${row([s('97411'), s('Saint-Denis'), f('21860194600013'), d('2024-02-29'), s('#DIV/0!')])}
<table:table-row table:number-rows-repeated="1048568">${empty(1024)}</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>`;
  return zipStore([
    ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
    [
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ],
    [
      'styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns} office:version="1.3"/>`,
    ],
    ['content.xml', content],
  ]);
}

/**
 * An ODS written like LibreOffice with an error cell (`calcext:value-type="error"`), a C1 control in a
 * cell, a header label with one, a number style with a condition (which SheetJS reported on stderr), repeated identical rows (`number-rows-repeated="3"`), repeated equal
 * cells, a merged cell, a hidden second table and LibreOffice's trailing repeated empty rows and cells.
 */
function odsLimits() {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ' +
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"';
  const s = (t, extra = '') =>
    `<table:table-cell office:value-type="string"${extra}><text:p>${t}</text:p></table:table-cell>`;
  const f = (v, extra = '') =>
    `<table:table-cell office:value-type="float" office:value="${v}"${extra}><text:p>${v}</text:p></table:table-cell>`;
  const error =
    '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>';
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${ns} office:version="1.3"><office:automatic-styles>
<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
<number:number-style style:name="N1"><number:number number:decimal-places="0" number:min-integer-digits="5"/></number:number-style>
<number:number-style style:name="N2P0"><number:text>-</number:text><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
<number:number-style style:name="N2"><number:number number:decimal-places="0" number:min-integer-digits="1"/><style:map style:condition="value()&lt;0" style:apply-style-name="N2P0"/></number:number-style>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Données" table:style-name="ta1">
<table:table-row>${s('code')}${s('libellé')}${s('montant')}${s('a')}${s('b')}</table:table-row>
<table:table-row>${f('1053', ' table:style-name="ce1"')}${s('Prix  total')}${error}${f('7', ' table:number-columns-repeated="2" table:style-name="ce2"')}</table:table-row>
<table:table-row table:number-rows-repeated="3">${s('2A004')}${s('Ajaccio', ' table:number-columns-spanned="2" table:number-rows-spanned="1"')}<table:covered-table-cell/>${f('1')}${f('2')}<table:table-cell table:number-columns-repeated="16379"/></table:table-row>
<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="Cachée" table:style-name="ta2"><table:table-row>${s('x')}${s('y')}</table:table-row><table:table-row>${s('1')}${s('2')}</table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`;
  return zipStore([
    ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['content.xml', content],
  ]);
}

function makeFixtures() {
  fs.mkdirSync(outDir, { recursive: true });
  const table = bookOf([['Données', sheetOf(tableRows())]]);
  const tableXlsx = withRichText(xlsx(table));
  write('table.xlsx', tableXlsx);
  write('table.ods', XLSX.write(table, { type: 'buffer', bookType: 'ods', compression: true }));
  write('table.xls', XLSX.write(table, { type: 'buffer', bookType: 'biff8' }));
  write('table-1904.xlsx', xlsx(bookOf([['Données', sheetOf(tableRows(true))]], true)));
  write('libreoffice.ods', libreOfficeOds());

  const summary = sheetOf([['Synthèse budget 2024'], [], ['Total', 1234.56]]);
  write(
    'two-sheets.xlsx',
    xlsx(
      bookOf([
        ['Synthèse', summary],
        ['Données', sheetOf(tableRows())],
      ]),
    ),
  );

  const empty = sheetOf([]);
  empty['!ref'] = 'A1:C3';
  write(
    'empty-first-sheet.xlsx',
    xlsx(
      bookOf([
        ['Vide', empty],
        ['Données', sheetOf(tableRows())],
      ]),
    ),
  );

  const titled = sheetOf([['Subventions versées en 2024 — commune de Bourg-en-Bresse'], [], ...tableRows()]);
  titled['!merges'] = [XLSX.utils.decode_range('A1:E1')];
  write('title-rows.xlsx', xlsx(bookOf([['Données', titled]])));

  const trailing = sheetOf(tableRows());
  XLSX.utils.sheet_add_aoa(trailing, [['', ''], [], ['']], { origin: 'F12' });
  trailing['!ref'] = 'A1:J20';
  write('trailing-empty.xlsx', xlsx(bookOf([['Données', trailing]])));

  const merged = sheetOf([HEADER, ['01053', 'Bourg-en-Bresse', 10, '', 'fusionnée'], ['', '', 20, '', '']]);
  merged['!merges'] = [XLSX.utils.decode_range('A2:A3'), XLSX.utils.decode_range('E2:E3')];
  write('merged.xlsx', xlsx(bookOf([['Données', merged]])));

  const offset = sheetOf([]);
  XLSX.utils.sheet_add_aoa(offset, tableRows().slice(0, 3), { origin: 'B3' });
  write('offset.xlsx', xlsx(bookOf([['Données', offset]])));

  const lists = sheetOf([
    ['type', 'libellé'],
    ['F', 'Fonctionnement'],
    ['I', 'Investissement'],
  ]);
  const hidden = bookOf([
    ['Listes', lists],
    ['Données', sheetOf(tableRows())],
  ]);
  hidden.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
  write('hidden-first.xlsx', xlsx(hidden));

  // Issue 11 point 3: a partial sheet and the full one with the same header; the full one must be read,
  // and the choice is a warning naming both with their row counts.
  const subventions = (n, offset) => [
    ['nomBeneficiaire', 'idBeneficiaire', 'objet', 'montant', 'dateConvention'],
    ...Array.from({ length: n }, (_, i) => [
      `Association ${i + offset}`,
      String(21860194600013 + (i + offset) * 100).slice(0, 14),
      i % 3 ? 'Fonctionnement' : 'Festival de musique',
      1000 + ((i * 37) % 5000),
      { t: 'n', v: serial('2024-01-15') + (i % 300), z: 'dd/mm/yyyy' },
    ]),
  ];
  write(
    'two-fitting-sheets.xlsx',
    xlsx(
      bookOf([
        ['Détail culture', sheetOf(subventions(449, 0))],
        ['Subventions', sheetOf(subventions(1264, 0))],
      ]),
    ),
  );

  // A table at B3 with a stray value in column A far below (past the rows that place the table).
  const stray = sheetOf([]);
  XLSX.utils.sheet_add_aoa(stray, tableRows().slice(0, 3), { origin: 'B3' });
  XLSX.utils.sheet_add_aoa(stray, [['égaré']], { origin: 'A80' });
  write('outside-cell.xlsx', xlsx(bookOf([['Données', stray]])));

  write('ods-limits.ods', odsLimits());

  write(
    'not-a-spreadsheet.zip',
    zipStore([
      ['lisezmoi.txt', 'Bonjour'],
      ['data.csv', 'a;b\n1;2\n'],
    ]),
  );
  write(
    'zip-bomb.xlsx',
    zipStore(
      [
        ['[Content_Types].xml', '<Types/>'],
        ['xl/workbook.xml', '<workbook/>'],
        ['xl/worksheets/sheet1.xml', '<worksheet/>'],
      ],
      0xf0000000,
    ),
  );
  write('truncated.xlsx', tableXlsx.subarray(0, Math.floor(tableXlsx.length / 2)));
  write(
    'corrupt.xlsx',
    zipStore([
      ['[Content_Types].xml', '<Types'],
      ['xl/workbook.xml', '<<<ceci n’est pas du XML'],
    ]),
  );
}

/** Writes a budget-like workbook of `n` data rows (22 columns, SCDL budget field names) to bench/data/. */
export function makeBigWorkbook(n) {
  const header = [
    'BGT_NATDEC',
    'BGT_ANNEE',
    'BGT_SIRET',
    'BGT_NOM',
    'BGT_CONTNAT',
    'BGT_CONTNAT_LABEL',
    'BGT_NATURE',
    'BGT_NATURE_LABEL',
    'BGT_FONCTION',
    'BGT_FONCTION_LABEL',
    'BGT_OPERATION',
    'BGT_SECTION',
    'BGT_OPBUDG',
    'BGT_CODRD',
    'BGT_MTREAL',
    'BGT_MTBUDGPREC',
    'BGT_MTRARPREC',
    'BGT_MTPROPNOUV',
    'BGT_MTPREV',
    'BGT_CREDOUV',
    'BGT_MTRAR3112',
    'BGT_ARTSPE',
  ];
  const rows = [header];
  for (let i = 0; i < n; i++) {
    const amount = Math.round(((i * 7919) % 1_000_000) * 100 + (i % 97)) / 100;
    rows.push([
      'budget primitif',
      2024,
      { t: 'n', v: 21860194600013 },
      'Commune de Bourg-en-Bresse',
      '011',
      'Charges à caractère général',
      `60${i % 90}`,
      'Achats non stockés de matières et fournitures',
      `0${i % 9}`,
      'Services généraux',
      '',
      i % 2 ? 'I' : 'F',
      '1',
      i % 3 ? 'D' : 'R',
      amount,
      amount * 2,
      0,
      amount / 3,
      amount,
      amount,
      0,
      'Non',
    ]);
  }
  const dir = path.join(repo, 'bench', 'data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `budget-${n}.xlsx`);
  fs.writeFileSync(file, xlsx(bookOf([['Budget', sheetOf(rows)]])));
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const big = process.argv.indexOf('--big');
  if (big !== -1) {
    const n = Number(process.argv[big + 1] ?? 50_000);
    console.log(`wrote ${path.relative(repo, makeBigWorkbook(n))}`);
  } else {
    makeFixtures();
  }
}
