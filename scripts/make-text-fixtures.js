// Regenerates fixtures/encodings/: the same small French table in every encoding odf recognises.
// Usage: node scripts/make-text-fixtures.js   (writes the files, manifest.json and README.md; commit them)
import { Buffer } from 'node:buffer';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'encodings');

const HEADER = ['code_insee', 'nom', 'montant', 'date', 'commentaire'];

/** The full table: accents, ’, €, œ/Œ, a leading-zero code, a cell with every delimiter and a "" quote, a line break. */
const TABLE = [
  HEADER,
  ['01053', 'Bourg-en-Bresse', '1234,50 €', '2023-01-15', 'Préfecture de l’Ain'],
  ['75056', 'Paris', '12 €', '2023-02-01', 'Cœur de ville, place;\tcentre « très » "dense"'],
  ['13055', 'Marseille', '850,00 €', '2023-03-10', 'Ligne 1\nligne 2 à côté'],
  ['69123', 'Lyon', '0,99 €', '2023-04-22', 'Façade rénovée, hôtel de ville'],
  ['2A004', 'Ajaccio', '42 €', '2023-05-30', 'Œuvre d’art où l’on déjeune'],
];

/** ISO-8859-15 has € and œ but no ’: the same table with a straight apostrophe. */
const TABLE_LATIN9 = TABLE.map((row) => row.map((c) => c.replaceAll('’', "'")));

/** ISO-8859-1 has neither € nor œ nor ’. */
const TABLE_LATIN1 = TABLE_LATIN9.map((row) =>
  row.map((c) => c.replaceAll('€', 'EUR').replaceAll('œ', 'oe').replaceAll('Œ', 'Oe')),
);

/** Mac Roman (as iconv-lite maps it) has ’ œ « » but no € (0xDB was ¤ before 1998). */
const TABLE_MAC = TABLE.map((row) => row.map((c) => c.replaceAll('€', 'EUR')));

const TEXTS = {
  table: TABLE,
  'table-latin9': TABLE_LATIN9,
  'table-latin1': TABLE_LATIN1,
  'table-mac': TABLE_MAC,
};

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' };
const EOLS = { lf: '\n', crlf: '\r\n', cr: '\r' };

/** CSV text per RFC 4180; the line break inside a cell stays LF, as Excel writes it. */
function serialize(rows, delimiter, eol) {
  const quote = (c) =>
    c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r')
      ? `"${c.replaceAll('"', '""')}"`
      : c;
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

const BOMS = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
};

function encode(text, encoding, bom) {
  const body = iconv.encode(text, encoding, { addBOM: false });
  return bom ? Buffer.concat([Buffer.from(BOMS[encoding]), body]) : body;
}

const ALL_DIALECTS = Object.keys(DELIMITERS).flatMap((d) => ['lf', 'crlf'].map((e) => [d, e]));
const TWO_DIALECTS = [
  ['semicolon', 'crlf'],
  ['comma', 'lf'],
];

/** The UTF-8 LF files the two-dialect variants of the Latin-9 and Latin-1 texts are compared with. */
const REFERENCE_DIALECTS = [
  ['semicolon', 'lf'],
  ['comma', 'lf'],
];

/** [text, encoding, bom, dialects] */
const MATRIX = [
  ['table', 'utf-8', false, ALL_DIALECTS],
  ['table', 'utf-8', true, TWO_DIALECTS],
  ['table', 'utf-16le', true, TWO_DIALECTS],
  ['table', 'utf-16be', true, TWO_DIALECTS],
  ['table', 'utf-16le', false, TWO_DIALECTS],
  ['table', 'windows-1252', false, ALL_DIALECTS],
  ['table-latin9', 'iso-8859-15', false, TWO_DIALECTS],
  ['table-latin9', 'utf-8', false, REFERENCE_DIALECTS],
  ['table-latin1', 'iso-8859-1', false, TWO_DIALECTS],
  ['table-latin1', 'utf-8', false, REFERENCE_DIALECTS],
  // Issue 11: an old Mac export (Mac Roman, `;`, lines ended by CR alone).
  ['table-mac', 'macintosh', false, [['semicolon', 'cr']]],
  ['table-mac', 'utf-8', false, [['semicolon', 'lf']]],
];

/** What odf should detect for a Latin-1 file: its printable bytes decode exactly as Windows-1252. */
const DETECTED = { 'iso-8859-1': 'windows-1252' };

const files = [];

function add(name, bytes, entry, description) {
  writeFileSync(join(OUT, name), bytes);
  files.push({ file: name, bytes: bytes.length, ...entry, description });
}

function tableFileName(text, encoding, bom, delimiter, eol) {
  const enc = encoding.startsWith('utf-16')
    ? `${encoding}-${bom ? 'bom' : 'nobom'}`
    : bom
      ? `${encoding}-bom`
      : encoding;
  return `${text}.${enc}.${delimiter}.${eol}.csv`;
}

function main() {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) rmSync(join(OUT, f));

  for (const [text, encoding, bom, dialects] of MATRIX) {
    for (const [delimiter, eol] of dialects) {
      const name = tableFileName(text, encoding, bom, delimiter, eol);
      add(
        name,
        encode(serialize(TEXTS[text], DELIMITERS[delimiter], EOLS[eol]), encoding, bom),
        {
          kind: 'table',
          text,
          encoding,
          detected: DETECTED[encoding] ?? encoding,
          bom,
          delimiter: DELIMITERS[delimiter],
          eol: EOLS[eol],
          reference: tableFileName(text, 'utf-8', false, delimiter, 'lf'),
        },
        `${text === 'table' ? 'The table' : `The ${text} variant`} in ${encoding}${bom ? ' with BOM' : encoding.startsWith('utf-16') ? ' without BOM' : ''}, ${delimiter}, ${eol.toUpperCase()}.`,
      );
    }
  }

  // 100 KB of ASCII rows (beyond a 64 KiB detection head), then one Windows-1252 é.
  const asciiRows = [HEADER.join(';')];
  for (let i = 0; asciiRows.join('\n').length < 100_000; i++) {
    asciiRows.push(`${String(10000 + i).padStart(5, '0')};Commune ${i};${i},00;2023-01-01;RAS`);
  }
  const lateLine = asciiRows.length + 1;
  asciiRows.push('99999;Vénissieux;1,00;2023-01-01;tardif');
  add(
    'late-non-ascii.windows-1252.csv',
    iconv.encode(asciiRows.join('\n') + '\n', 'windows-1252'),
    { kind: 'late', encoding: 'windows-1252', detected: 'utf-8', verdict: 'reguess', line: lateLine },
    `About 100 KB of ASCII rows, then at line ${lateLine} a Windows-1252 é: a 64 KiB head looks like ASCII.`,
  );

  // A UTF-8 file with accents in its head and one Windows-1252 byte near its end (a mixed file).
  const mixedRows = [HEADER.join(';'), '01053;Bourg-en-Bresse;1,00;2023-01-15;Préfecture'];
  for (let i = 0; mixedRows.join('\n').length < 100_000; i++) {
    mixedRows.push(`${10000 + i};Commune ${i};${i},00;2023-01-01;RAS`);
  }
  const invalidLine = mixedRows.length + 1;
  const mixedHead = Buffer.from(mixedRows.join('\n') + '\n', 'utf8');
  add(
    'late-invalid.utf-8.csv',
    Buffer.concat([
      mixedHead,
      Buffer.from('99999;Caf'),
      Buffer.from([0xe9]),
      Buffer.from(';1,00;2023-01-01;fin\n'),
    ]),
    { kind: 'late', encoding: 'utf-8', detected: 'utf-8', verdict: 'invalid', line: invalidLine },
    `Valid UTF-8 with accents, then at line ${invalidLine} a lone Windows-1252 é byte (0xE9): invalid UTF-8.`,
  );

  // ISO-8859-15 markers in the head, then a Windows-1252 ’ (0x92) past 64 KiB.
  const latin9Rows = [HEADER.join(';'), '01053;C\u0153ur;12 \u20ac;2023-01-15;Pr\u00e9fecture'];
  for (let i = 0; latin9Rows.join('\n').length < 100_000; i++) {
    latin9Rows.push(`${10000 + i};Commune ${i};${i},00 \u20ac;2023-01-01;RAS`);
  }
  const c1Line = latin9Rows.length + 1;
  add(
    'late-c1.iso-8859-15.csv',
    Buffer.concat([
      iconv.encode(latin9Rows.join('\n') + '\n', 'iso-8859-15'),
      iconv.encode('99999;Lyon;1,00;2023-01-01;l\u2019h\u00f4tel\n', 'windows-1252'),
    ]),
    { kind: 'late', encoding: 'windows-1252', detected: 'iso-8859-15', verdict: 'reguess', line: c1Line },
    `ISO-8859-15 (€ 0xA4, œ 0xBD) in the head, then at line ${c1Line} a Windows-1252 ’ (0x92).`,
  );

  // UTF-8 read as Windows-1252 and saved again as UTF-8 (é → Ã©, ’ → â€™, œ → Å“).
  const mojibake = iconv.decode(Buffer.from(serialize(TABLE, ';', '\r\n'), 'utf8'), 'windows-1252');
  add(
    'double-encoded.utf-8.semicolon.crlf.csv',
    Buffer.from(mojibake, 'utf8'),
    {
      kind: 'double-encoded',
      encoding: 'utf-8',
      detected: 'utf-8',
      reference: 'table.utf-8.semicolon.crlf.csv',
      line: 2,
    },
    'The table in UTF-8 read as Windows-1252 and saved again as UTF-8: valid UTF-8 full of Ã© and â€™.',
  );

  // A UTF-16LE file cut in the middle of a code unit.
  const whole = encode(serialize(TABLE, ';', '\r\n'), 'utf-16le', true);
  add(
    'truncated.utf-16le-bom.csv',
    whole.subarray(0, whole.length - 1),
    { kind: 'truncated', encoding: 'utf-16le', detected: 'utf-16le', bom: true },
    'The table in UTF-16LE with BOM, its last byte cut off (odd length).',
  );

  add(
    'empty.csv',
    Buffer.alloc(0),
    { kind: 'empty', encoding: 'utf-8', detected: 'utf-8' },
    'An empty file (0 bytes).',
  );

  writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(files, null, 2) + '\n');
  const lines = [
    '# Encoding fixtures',
    '',
    'Generated by `node scripts/make-text-fixtures.js`; do not edit by hand. `manifest.json` gives, per file,',
    'its encoding, what odf should detect on a 64 KiB head (`detected`), its dialect, and the UTF-8 LF file',
    'with the same content (`reference`) that it must decode to once CRLF becomes LF.',
    '',
    'Three texts: `table` (accents, ’, €, œ), `table-latin9` (ISO-8859-15 has no ’: straight apostrophe),',
    '`table-latin1` (ISO-8859-1 has no € œ ’: EUR, oe, straight apostrophe). Each has a code with a leading',
    'zero (01053), a quoted cell holding `,` `;` a tab and a doubled `""`, and a quoted cell with a line break.',
    'A Latin-1 file is detected as `windows-1252`: the two decode its bytes identically.',
    '',
    '| File | Bytes | What it is |',
    '| --- | ---: | --- |',
    ...files.map((f) => `| \`${f.file}\` | ${f.bytes} | ${f.description} |`),
    '',
  ];
  writeFileSync(join(OUT, 'README.md'), lines.join('\n'));
  console.log(`${files.length} files written to ${OUT}`);
}

main();
