// Benchmark of the personal data scanner: per-row cost on 1,000,000 budget-like rows of 22 columns, in memory.
// Run after a build: npx tsc -p tsconfig.build.json && node bench/privacy.js [rows]
import { readFileSync } from 'node:fs';
import { createPrivacyScanner } from '../dist/privacy/index.js';
import { random as prng } from '../scripts/random.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const POOL = 10_000;

const schema = JSON.parse(
  readFileSync(new URL('../schemas/scdl/budget/0.8.3/schema.json', import.meta.url), 'utf8'),
);
const fields = schema.fields;
const rnd = prng(20230101);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const amount = () => (rnd() < 0.2 ? '' : (Math.floor(rnd() * 100000000) / 100).toFixed(2));
const NOMS = [
  'Commune de Montreuil',
  'Département de la Gironde',
  'Métropole de Lyon',
  'Commune de Saint-Denis',
];
const LABELS = [
  ['011', 'Charges à caractère général'],
  ['012', 'Charges de personnel et frais assimilés'],
  ['65', 'Autres charges de gestion courante'],
  ['21', 'Immobilisations corporelles'],
];
const NATURES = [
  ['60611', 'Eau et assainissement'],
  ['64111', 'Rémunération principale, titulaires'],
  ['2183', 'Matériel de bureau et matériel informatique'],
  ['73111', 'Impôts directs locaux, "taxes foncières"'],
];
const FONCTIONS = [
  ['020', 'Administration générale de la collectivité'],
  ['211', 'Écoles maternelles'],
  ['822', 'Voirie communale et routes'],
];

// A pool of distinct rows, cycled, kept as tab-separated lines split again for every row so that each row
// brings fresh strings, as a parser would (split in the no-op loop too, so its cost is subtracted).
const pool = [];
for (let i = 0; i < POOL; i++) {
  const [c, cl] = pick(LABELS);
  const [n, nl] = pick(NATURES);
  const [f, fl] = pick(FONCTIONS);
  pool.push(
    [
      pick(['budget primitif', 'budget supplémentaire', 'décision modificative']),
      String(2015 + Math.floor(rnd() * 9)),
      String(21930048000000 + Math.floor(rnd() * 99999)),
      pick(NOMS),
      c,
      cl,
      n,
      nl,
      f,
      fl,
      rnd() < 0.7 ? '' : `OP${Math.floor(rnd() * 1000)}`,
      rnd() < 0.5 ? 'fonctionnement' : 'investissement',
      rnd() < 0.9 ? 'réel' : 'ordre',
      rnd() < 0.5 ? 'dépense' : 'recette',
      amount(),
      amount(),
      amount(),
      amount(),
      amount(),
      amount(),
      amount(),
      rnd() < 0.5 ? 'non spécialisé' : 'spécialisé',
    ].join('\t'),
  );
}

/** CPU milliseconds (user + system, less sensitive than wall time to other processes) to feed every row to `row`, best of 5. */
function time(makeRow) {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const row = makeRow();
    const t0 = process.cpuUsage();
    for (let i = 0; i < ROWS; i++) row(pool[i % POOL].split('\t'), i + 2, i + 2);
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1e3);
  }
  return best;
}

let sink = 0;
const noop = time(() => (cells) => {
  sink += cells.length;
});
const cases = [
  ['with the budget schema (8 free-text columns)', fields.map((field) => ({ label: field.name, field }))],
  ['without a schema (22 free-text columns)', fields.map((field) => ({ label: field.name }))],
];
console.log(`privacy scanner, ${ROWS.toLocaleString('en')} rows × 22 columns (pool of ${POOL} rows)`);
console.log(`  no-op loop: ${noop.toFixed(0)} ms (${((noop * 1e6) / ROWS).toFixed(1)} ns/row)`);
for (const [name, columns] of cases) {
  let findings = [];
  const ms = time(() => {
    const scanner = createPrivacyScanner(columns, { mode: 'warn' });
    return (cells, rowNumber, line) => {
      scanner.row(cells, rowNumber, line);
      if (rowNumber === ROWS + 1) findings = scanner.end();
    };
  });
  const perRow = ((ms - noop) * 1e6) / ROWS;
  console.log(
    `  ${name}: ${ms.toFixed(0)} ms, scanner ${perRow.toFixed(1)} ns/row, ${findings.length} finding(s)`,
  );
}
if (sink < 0) console.log(sink);
