// CSV parser benchmark: raw read, csv-parse, papaparse and odf's reader over the same budget-like file.
// Usage: node bench/parsers.js [rows …]   (default: 100000 1000000; build first: npx tsc -p tsconfig.build.json)
// ODF_DIST=DIR reads odf from another build (e.g. the main checkout's dist/, to compare before/after);
// BENCH_ONLY=odf runs only the runners whose name contains it (plus the raw read).
// Each parser runs in its own child process, so peak memory (maxRSS) is its own; best time of
// BENCH_REPEAT runs (default 3).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBudgetCsv } from './generate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(process.env.ODF_DIST ?? join(ROOT, 'dist'), 'io');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const CHUNK = 128 * 1024; // the read size odf uses (src/io/open.ts)

/** Each runner reads the whole file and returns the number of rows (records) it saw. */
const RUNNERS = {
  /** Bytes only: the ceiling. */
  async raw(path) {
    let n = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) n += chunk.length;
    return n >= 0 ? 0 : -1; // bytes were read; rows do not apply
  },
  async 'csv-parse'(path) {
    const { parse } = await import('csv-parse');
    let rows = 0;
    const parser = createReadStream(path, { highWaterMark: CHUNK }).pipe(parse({ relax_column_count: true }));
    for await (const _record of parser) rows++;
    return rows;
  },
  async papaparse(path) {
    const Papa = (await import('papaparse')).default;
    return new Promise((resolve, reject) => {
      let rows = 0;
      Papa.parse(createReadStream(path, { highWaterMark: CHUNK, encoding: 'utf8' }), {
        chunk: (results) => {
          rows += results.data.length;
        },
        complete: () => resolve(rows),
        error: reject,
      });
    });
  },
  /** odf's scanner alone: UTF-8 decoder + CsvScanner, rows counted in a callback (no async iteration). */
  async 'odf scanner'(path) {
    const { CsvScanner } = await import(pathToFileURL(join(DIST, 'csv.js')).href);
    const { createDecoder } = await import(pathToFileURL(join(DIST, 'encoding.js')).href);
    let rows = 0;
    const scanner = new CsvScanner({ delimiter: ',', quoteChar: '"' }, () => rows++);
    const decoder = createDecoder('utf-8');
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }))
      scanner.push(decoder.write(chunk));
    scanner.push(decoder.end());
    scanner.end();
    return rows;
  },
  /** The real thing: openTable (detection, encoding verification, findings) and `for await` over its rows. */
  async 'odf openTable'(path) {
    const { openTable } = await import(pathToFileURL(join(DIST, 'open.js')).href);
    const table = await openTable(path);
    let rows = 1; // the header, counted by the others
    for await (const _row of table.rows) rows++;
    return rows;
  },
};

async function child(name, path) {
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const rows = await RUNNERS[name](path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const out = {
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out));
}

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

async function main(sizes) {
  if (!existsSync(join(DIST, 'open.js'))) {
    console.error('dist/io/open.js is missing: build first with `npx tsc -p tsconfig.build.json`.');
    process.exitCode = 1;
    return;
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  for (const size of sizes) {
    const path = await ensureBudgetCsv(size);
    const bytes = statSync(path).size;
    // Warm the page cache so that the first runner is not penalised.
    await RUNNERS.raw(path);
    console.log(`\n${path}: ${size} rows, ${(bytes / 1e6).toFixed(1)} MB`);
    const rows = [['parser', 's', 'MB/s', 'cpu s', 'MB/s cpu', 'rows/s', '× raw', 'peak RSS']];
    let raw;
    const only = process.env.BENCH_ONLY;
    for (const name of Object.keys(RUNNERS).filter((n) => !only || n === 'raw' || n.includes(only))) {
      // Best of REPEAT runs (the machine may be busy); peak memory is the worst of them.
      let r;
      for (let k = 0; k < REPEAT; k++) {
        const out = execFileSync(process.execPath, [self, '--child', name, path], { encoding: 'utf8' });
        const run = JSON.parse(out);
        r = !r
          ? run
          : {
              ...run,
              seconds: Math.min(r.seconds, run.seconds),
              cpuSeconds: Math.min(r.cpuSeconds, run.cpuSeconds),
              maxRssMiB: Math.max(r.maxRssMiB, run.maxRssMiB),
            };
      }
      if (name !== 'raw' && r.rows !== size + 1)
        throw new Error(`${name} saw ${r.rows} rows, not ${size + 1}`);
      const mbps = bytes / 1e6 / r.seconds;
      raw ??= mbps;
      rows.push([
        name,
        r.seconds.toFixed(2),
        mbps.toFixed(0),
        r.cpuSeconds.toFixed(2),
        (bytes / 1e6 / r.cpuSeconds).toFixed(0),
        name === 'raw' ? '-' : Math.round((size + 1) / r.seconds).toLocaleString('en-US'),
        (mbps / raw).toFixed(2),
        `${r.maxRssMiB.toFixed(0)} MiB`,
      ]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows)
      console.log(row.map((v, c) => (c === 0 ? pad(v, widths[c]) : pad(v, widths[c], true))).join('  '));
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const sizes = process.argv.slice(2).map(Number);
  await main(sizes.length ? sizes : [100_000, 1_000_000]);
}
