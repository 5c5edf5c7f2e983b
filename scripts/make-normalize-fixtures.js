// Generates fixtures/normalize/: a messy SCDL subventions export as a Windows-1252 CSV and as an XLSX
// (numeric SIRETs, date cells, Oui/Non, French numbers, headers in another case), for the normalize tests.
//
// Usage: node scripts/make-normalize-fixtures.js   (deterministic, rerunnable)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'fixtures', 'normalize');
fs.mkdirSync(out, { recursive: true });

const HEADER = [
  'NomAttribuant',
  'IDATTRIBUANT',
  'date_convention',
  'referenceDecision',
  'nom beneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
];

// [attribuant, idAttribuant, date (d,m,y), ref, bénéficiaire, idBénéficiaire, rna, objet, montant, nature, conditions, période, rae, UE, pourcentage, dispositif]
const ROWS = [
  [
    'Région Bretagne',
    23350001600040,
    [27, 6, 2017],
    '2017-03-103',
    'Association Les Petits Débrouillards Bretagne',
    38047555800058,
    'W380475558',
    'Animations climat-énergie dans les lycées',
    47800.2,
    'Aide en numéraire',
    'échelonné',
    '2017-03-14/2018-03-14',
    '',
    'Non',
    0.45,
    '',
  ],
  [
    'Région Bretagne',
    23350001600040,
    [3, 1, 2018],
    '2018-01-07',
    'Compagnie du Théâtre de l’Œuf',
    83014132100026,
    '',
    'Résidence d’artistes « cœur de ville »',
    12500,
    'aide en nature',
    'unique',
    '2018-02-01',
    '',
    'Oui',
    1,
    '',
  ],
  [
    'Région Bretagne',
    23350001600040,
    [15, 9, 2020],
    '2020-09-15',
    'Club de football de Poitiers',
    21860194600013,
    '',
    'Équipements sportifs',
    1234.56,
    'aide en numéraire',
    'unique',
    '2020-10-01',
    '12345',
    'non',
    0.1,
    '',
  ],
];

const pad = (n) => String(n).padStart(2, '0');
const frNumber = (n) => {
  const [i, d] = n.toFixed(2).split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${d}`;
};

// CSV as a spreadsheet user saves it: Windows-1252, `;`, French dates and numbers, SIRETs that went
// through a float, a percentage written `0,45`.
const csvRows = [
  HEADER,
  ...ROWS.map((r) => [
    r[0],
    `${r[1]}`,
    `${pad(r[2][0])}/${pad(r[2][1])}/${r[2][2]}`,
    r[3],
    r[4],
    `${r[5]}.0`,
    r[6],
    r[7],
    frNumber(r[8]),
    r[9],
    r[10],
    r[11],
    r[12],
    r[13],
    String(r[14]).replace('.', ','),
    r[15],
  ]),
];
const csv =
  csvRows
    .map((r) => r.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'))
    .join('\r\n') + '\r\n';
fs.writeFileSync(path.join(out, 'subventions-export.windows-1252.csv'), iconv.encode(csv, 'win1252'));

// XLSX as a spreadsheet keeps it: SIRETs as numbers, dates as date cells, amounts as numbers.
const sheetRows = [
  HEADER,
  ...ROWS.map((r) => [
    r[0],
    r[1],
    {
      t: 'n',
      v: (Date.UTC(r[2][2], r[2][1] - 1, r[2][0]) - Date.UTC(1899, 11, 30)) / 86400000,
      z: 'dd/mm/yyyy',
    },
    r[3],
    r[4],
    r[5],
    r[6],
    r[7],
    r[8],
    r[9],
    r[10],
    r[11],
    r[12],
    r[13],
    r[14],
    r[15],
  ]),
];
const ws = XLSX.utils.aoa_to_sheet(sheetRows);
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, 'Subventions 2020');
const xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
// Fix the zip timestamps so the file is the same bytes at every run.
fs.writeFileSync(path.join(out, 'subventions-export.xlsx'), xlsx);
console.log(`written ${out}`);

// A workbook whose first sheet is a pivot-like summary (it looks like a table too) and whose second
// sheet holds the budget data: odf must read the sheet whose header fits the schema.
const budgetCsv = fs.readFileSync(path.join(repo, 'fixtures', 'examples', 'budget-conforme.csv'), 'utf8');
const budgetRows = budgetCsv
  .trim()
  .split('\r\n')
  .map((l) => {
    const cells = [];
    l.replace(/("([^"]|"")*"|[^,]*)(,|$)/g, (m, cell, _x, sep) => {
      if (m === '' && sep === '') return '';
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
      return '';
    });
    return cells;
  });
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(
  book,
  XLSX.utils.aoa_to_sheet([
    ['Section', 'Total'],
    ['fonctionnement', 14580000.5],
    ['investissement', 95000],
  ]),
  'Synthèse',
);
XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(budgetRows), 'Données');
fs.writeFileSync(
  path.join(out, 'budget-classeur.xlsx'),
  XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }),
);
