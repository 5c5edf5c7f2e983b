// npm run bench: the speed table of the issue (bench/compare.js: every tool on one file, CPU seconds and
// peak RSS, ratios measured in the same run), then the workbook and batch benchmarks. BENCH_ROWS (default
// 1000000) sizes the CSV; BENCH_ALL=1 adds the detailed benchmarks (parsers, validate at two sizes,
// field plans, personal-data scan).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const rows = process.env.BENCH_ROWS ?? '1000000';
const steps = [
  ['Speed table: one budget CSV, every tool', 'compare.js', [rows]],
  ['Recognition and content-aware matching against a whole validate', 'recognition.js', [rows]],
  ['Spreadsheets: budget-like XLSX and ODS', 'sheets.js', ['50000', '1000000', '--ods']],
  ['Batch of 200 budget files of 300 rows: --jobs 2 against --jobs 1', 'batch.js', []],
  ['Observatory: files per hour by path and URL, history cost and size', 'observatory.js', []],
];
if (process.env.BENCH_ALL === '1') {
  steps.push(
    ['CSV reading: raw read, csv-parse, papaparse, odf', 'parsers.js', ['100000', rows]],
    ['Validation and normalisation against scdl/budget', 'validate.js', ['100000', rows]],
    ['Field plans (ns per cell)', 'fields.js', []],
    ['Personal-data scan (ns per row)', 'privacy.js', []],
    ['Pattern engines: V8, RE2 and odf’s choice (ns per cell)', 'patterns.js', []],
  );
}
for (const [title, script, args] of steps) {
  const file = join(here, script);
  if (!existsSync(file)) continue;
  console.log(`\n=== ${title} (node bench/${script} ${args.join(' ')})`);
  execFileSync(process.execPath, [file, ...args], { stdio: 'inherit' });
}
