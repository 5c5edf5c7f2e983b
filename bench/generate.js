// Seeded generator of a budget-like CSV (the SCDL budget columns, ~250 bytes a row) for the benchmarks.
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random as prng } from '../scripts/random.js';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

/** The SCDL budget header the generated files use (bench/sheets.js writes the same table as workbooks). */
export const HEADER = [
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
const NATDEC = ['budget primitif', 'budget supplémentaire', 'décision modificative', 'compte administratif'];
const NOMS = [
  'Commune de Montreuil',
  'Département de la Gironde',
  'Métropole de Lyon',
  'Commune de Saint-Denis',
];
const CONTNAT = [
  ['011', 'Charges à caractère général'],
  ['012', 'Charges de personnel et frais assimilés'],
  ['65', 'Autres charges de gestion courante'],
  ['20', 'Immobilisations incorporelles (sauf 204)'],
  ['21', 'Immobilisations corporelles'],
  ['73', 'Impôts et taxes'],
];
const NATURE = [
  ['60611', 'Eau et assainissement'],
  ['6064', 'Fournitures administratives'],
  ['6135', 'Locations mobilières'],
  ['64111', 'Rémunération principale, titulaires'],
  ['2183', 'Matériel de bureau et matériel informatique'],
  ['73111', 'Impôts directs locaux, "taxes foncières"'],
];
const FONCTION = [
  ['020', 'Administration générale de la collectivité'],
  ['211', 'Écoles maternelles'],
  ['321', 'Bibliothèques, médiathèques'],
  ['822', 'Voirie communale et routes'],
];

/** The 14-digit SIRET whose first 13 digits are `base`, with its Luhn check digit (valid for french-siret-value). */
function siretWithKey(base) {
  const digits = String(base).padStart(13, '0');
  let sum = 0;
  // Positions counted from the right of the full 14-digit number: the check digit is position 0.
  for (let i = 0; i < 13; i++) {
    let d = Number(digits[12 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

/** RFC 4180 quoting where needed. */
function cell(v) {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function amount(rnd) {
  if (rnd() < 0.2) return '';
  return (Math.floor(rnd() * 100000000) / 100).toFixed(2);
}

/**
 * The lines of a budget-like CSV, the header first, each ending with `\n`: valid against scdl/budget
 * 0.8.3 (SIRETs with their check digit); with `bad` (a share, e.g. 0.01) that share of cells is broken
 * (a number written `12,5`, a year `20x3`, a SIRET with a wrong key, a value outside its list). The same
 * `seed` gives the same lines.
 */
export function* budgetLines(rows, { bad = 0, seed = 20230101 } = {}) {
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  yield HEADER.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    const [contnat, contnatLabel] = pick(CONTNAT);
    const [nature, natureLabel] = pick(NATURE);
    const [fonction, fonctionLabel] = pick(FONCTION);
    const siret = siretWithKey(2193004800000 + Math.floor(rnd() * 9999));
    const row = [
      pick(NATDEC),
      String(2015 + Math.floor(rnd() * 9)),
      siret,
      pick(NOMS),
      contnat,
      contnatLabel,
      nature,
      natureLabel,
      fonction,
      fonctionLabel,
      rnd() < 0.7 ? '' : `OP${Math.floor(rnd() * 1000)}`,
      rnd() < 0.5 ? 'fonctionnement' : 'investissement',
      rnd() < 0.9 ? 'réel' : 'ordre',
      rnd() < 0.5 ? 'dépense' : 'recette',
      amount(rnd),
      amount(rnd),
      amount(rnd),
      amount(rnd),
      amount(rnd),
      amount(rnd),
      amount(rnd),
      rnd() < 0.5 ? 'non spécialisé' : 'spécialisé',
    ];
    if (bad) {
      for (let c = 0; c < row.length; c++) {
        if (rnd() >= bad) continue;
        if (c === 1) row[c] = '20x3';
        else if (c === 2) row[c] = row[c].slice(0, 13) + String((Number(row[c][13]) + 1) % 10);
        else if (c === 0 || (c >= 11 && c <= 13)) row[c] = row[c].toUpperCase() + '!';
        else if (c >= 14 && c <= 20) row[c] = '12,5';
      }
    }
    yield row.map(cell).join(',') + '\n';
  }
}

/**
 * Write bench/data/budget-<rows>.csv unless it exists (same bytes for the same row count), the lines of
 * budgetLines; with `bad`, in budget-<rows>-bad<percent>.csv.
 * @returns the path of the file
 */
export async function ensureBudgetCsv(rows, { bad = 0 } = {}) {
  const path = join(DATA_DIR, bad ? `budget-${rows}-bad${Math.round(bad * 100)}.csv` : `budget-${rows}.csv`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let batch = '';
  for (const line of budgetLines(rows, { bad })) {
    batch += line;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
      batch = '';
    }
  }
  out.write(batch);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  renameSync(tmp, path);
  return path;
}

/**
 * bench/data/batch-<files>x<rows>/: `files` budget CSVs of `rows` rows, each with its own seed, one in ten
 * with 1 % of broken cells (so that reports carry findings), written once.
 * @returns the directory
 */
export function ensureBatch(files, rows) {
  const dir = join(DATA_DIR, `batch-${files}x${rows}`);
  if (existsSync(dir) && readdirSync(dir).length === files) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (let f = 0; f < files; f++) {
    const lines = [...budgetLines(rows, { seed: 1000 + f, bad: f % 10 === 3 ? 0.01 : 0 })];
    writeFileSync(join(tmp, `budget-${String(f).padStart(3, '0')}.csv`), lines.join(''));
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const path = await ensureBudgetCsv(rows, { bad: Number(process.argv[3] ?? 0) });
  console.log(`${path} (${(statSync(path).size / 1e6).toFixed(1)} MB)`);
}
