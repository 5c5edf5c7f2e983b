// npm run bench: every benchmark in turn, each printing its own table (ratios against baselines measured in
// the same run). Sizes: BENCH_ROWS (default 1000000) for the CSV runs, plus a 100000-row run to show that
// memory stays flat as the file grows.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const rows = process.env.BENCH_ROWS ?? '1000000';
const steps = [
  ['CSV reading: raw read, csv-parse, papaparse, odf', 'parsers.js', ['100000', rows]],
  ['Validation and normalisation against scdl/budget', 'validate.js', ['100000', rows]],
  ['Spreadsheets: 50,000-row XLSX', 'sheets.js', []],
  ['Field plans (ns per cell)', 'fields.js', []],
  ['Pattern engines: V8, RE2 and odf’s choice (ns per cell)', 'patterns.js', []],
  ['Personal-data scan (ns per row)', 'privacy.js', []],
  ['Batch of 200 small files: parallel against serial', 'batch.js', []],
];
for (const [title, script, args] of steps) {
  const file = join(here, script);
  if (!existsSync(file)) continue;
  console.log(`\n=== ${title} (node bench/${script} ${args.join(' ')})`);
  execFileSync(process.execPath, [file, ...args], { stdio: 'inherit' });
}
