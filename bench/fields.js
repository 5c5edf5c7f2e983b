// Micro-benchmark of field plans: ns per cell for typical column types (run `npx tsc -p tsconfig.build.json` first).
import { compileFieldPlan } from '../dist/fields/compile.js';

const CELLS = Number(process.argv[2] ?? 10_000_000);

// Typical SCDL columns, each with a pool of cells: mostly valid, about 1 in 50 invalid (repairs run then).
const COLUMNS = [
  {
    field: { name: 'nom', type: 'string' },
    pool: ['Mairie de Paris', 'Bibliothèque', 'École Jules Ferry', 'Stade'],
  },
  {
    field: { name: 'siret', type: 'string', constraints: { required: true, pattern: '^\\d{14}$' } },
    pool: ['21750001600019', '21690123100011', '21130055300016', '2175000160001'],
  },
  {
    field: {
      name: 'nature',
      type: 'string',
      constraints: { enum: ['Subvention', 'Aide en nature', 'Prêt'] },
    },
    pool: ['Subvention', 'Aide en nature', 'Prêt', 'subvention'],
  },
  {
    field: { name: 'montant', type: 'number', constraints: { minimum: 0 } },
    pool: ['1200', '35.5', '1250000.75', '3,5'],
  },
  { field: { name: 'nb', type: 'integer' }, pool: ['12', '0', '4321', '1 234'] },
  {
    field: { name: 'gratuit', type: 'boolean', trueValues: ['true', 'oui'], falseValues: ['false', 'non'] },
    pool: ['true', 'false', 'oui', 'Oui'],
  },
  { field: { name: 'date', type: 'date' }, pool: ['2020-09-15', '2021-01-31', '2019-12-01', '15/09/2020'] },
  {
    field: { name: 'horodatage', type: 'datetime' },
    pool: [
      '2023-02-01T10:12:35+01:00',
      '2023-02-01T10:12:35Z',
      '2023-02-01T10:12:35.123456+01:00',
      '01/02/2023 10:12',
    ],
  },
  {
    field: { name: 'coordonnees', type: 'geopoint' },
    pool: ['2.3522, 48.8566', '4.8357,45.7640', '5.3698, 43.2965', '2.35'],
  },
];

/** Cells of a column: the first three pool entries cycle, the fourth (invalid) every 50th cell. */
function cellsOf(pool, n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i % 50 === 49 ? pool[3] : pool[i % 3];
  return out;
}

const perColumn = Math.floor(CELLS / COLUMNS.length);
let total = 0;
let totalNs = 0;
let sink = 0;
console.log(`${CELLS.toLocaleString('en')} cells, ${perColumn.toLocaleString('en')} per column (2% invalid)`);
for (const { field, pool } of COLUMNS) {
  const plan = compileFieldPlan(field);
  const cells = cellsOf(pool, perColumn);
  for (let i = 0; i < 100_000; i++) sink += plan.evaluate(cells[i % cells.length]).kind.length; // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < cells.length; i++) sink += plan.evaluate(cells[i]).kind.length;
  const ns = Number(process.hrtime.bigint() - t0);
  total += cells.length;
  totalNs += ns;
  console.log(
    `${`${field.name} (${field.type})`.padEnd(26)} ${(ns / cells.length).toFixed(1).padStart(7)} ns/cell`,
  );
}
console.log(
  `${'all'.padEnd(26)} ${(totalNs / total).toFixed(1).padStart(7)} ns/cell (${(total / (totalNs / 1e9) / 1e6).toFixed(1)} M cells/s)`,
);
if (sink === 0) console.log('');
