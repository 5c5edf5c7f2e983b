// Benchmark of the spreadsheet reader: time, rows/s and peak RSS of openWorkbook on a budget-like workbook.
//
// Usage: npm run build && node bench/sheets.js [ROWS…] [--ods] [--dist DIR]
//   ROWS     data rows (default 50000 and 1000000); 22 columns, like the SCDL budget
//   --ods    also read the same table as ODS (content.xml streamed the same way)
//   --distinct  XLSX whose four label columns are distinct on every row (4 shared strings a row: 250,000
//            rows make a million distinct texts), for the memory of the shared string table
//   --dist   read with another build of odf (e.g. the main checkout's dist/) to compare before/after
// Each measure runs in a fresh child process (so peak RSS is that run's own), reading from dist/. The
// workbooks are generated here, streamed to bench/data/ (gitignored): never committed, never held in memory.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { HEADER } from './generate.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The label columns made distinct on each row of a `--distinct` workbook. */
const DISTINCT_COLUMNS = [3, 5, 7, 9];

/** Row `i` of the budget table: [value, isText] per column (deterministic). */
function budgetRow(i, distinct = false) {
  const row = plainBudgetRow(i);
  if (distinct) for (const c of DISTINCT_COLUMNS) row[c] = [`${row[c][0]} n° ${i}`, true];
  return row;
}

function plainBudgetRow(i) {
  const amount = Math.round(((i * 7919) % 1_000_000) * 100 + (i % 97)) / 100;
  return [
    ['budget primitif', true],
    [2024, false],
    [21860194600013, false],
    ['Commune de Bourg-en-Bresse', true],
    ['011', true],
    ['Charges à caractère général', true],
    [`60${i % 90}`, true],
    ['Achats non stockés de matières et fournitures', true],
    [`0${i % 9}`, true],
    ['Services généraux', true],
    ['', true],
    [i % 2 ? 'I' : 'F', true],
    ['1', true],
    [i % 3 ? 'D' : 'R', true],
    [amount, false],
    [amount * 2, false],
    [0, false],
    [amount / 3, false],
    [amount, false],
    [amount, false],
    [0, false],
    ['Non', true],
  ];
}

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnLetters(c) {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A streaming zip writer: each entry is deflated as it is written (data descriptor after the data), so a
 * 750 MB sheet is never in memory.
 */
class ZipWriter {
  constructor(file) {
    this.fd = fs.openSync(file, 'w');
    this.offset = 0;
    this.central = [];
  }
  write(buf) {
    fs.writeSync(this.fd, buf);
    this.offset += buf.length;
  }
  /** Adds an entry whose content comes from `produce(push)`, calling push(text) chunk by chunk. */
  entry(name, produce) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor, UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBytes.length, 26);
    const at = this.offset;
    this.write(local);
    this.write(nameBytes);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pending = [];
    let chunk = '';
    const flush = (last) => {
      const data = Buffer.from(chunk, 'utf8');
      chunk = '';
      crc = zlib.crc32(data, crc);
      size += data.length;
      pending.push(data);
      if (last || pending.reduce((n, b) => n + b.length, 0) > 4 << 20) {
        const out = this.deflater.push(Buffer.concat(pending.splice(0)), last);
        compressed += out.length;
        this.write(out);
      }
    };
    this.deflater = new SyncDeflater();
    produce((text) => {
      chunk += text;
      if (chunk.length > 1 << 20) flush(false);
    });
    flush(true);
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(compressed, 8);
    desc.writeUInt32LE(size, 12);
    this.write(desc);
    this.central.push({ nameBytes, crc, compressed, size, at });
  }
  close() {
    const start = this.offset;
    for (const e of this.central) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0808, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt32LE(e.crc >>> 0, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.nameBytes.length, 28);
      c.writeUInt32LE(e.at, 42);
      this.write(c);
      this.write(e.nameBytes);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    fs.closeSync(this.fd);
  }
}

/** Raw deflate of a stream of buffers, synchronously, keeping the deflate state across pushes. */
class SyncDeflater {
  push(buf, last) {
    // Each block is a complete raw-deflate stream segment ended by a sync flush, which concatenates into
    // one valid stream; the last one is finished.
    return zlib.deflateRawSync(buf, {
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      level: 6,
    });
  }
}

/** Writes the budget table as XLSX (shared strings, like Excel) to bench/data/budget-N.xlsx. */
function makeXlsx(n, file, distinct = false) {
  const strings = new Map();
  const sst = (s) => {
    let i = strings.get(s);
    if (i === undefined) {
      i = strings.size;
      strings.set(s, i);
    }
    return i;
  };
  const zip = new ZipWriter(file);
  zip.entry('[Content_Types].xml', (push) =>
    push(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
  );
  zip.entry('_rels/.rels', (push) =>
    push(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  );
  zip.entry('xl/workbook.xml', (push) =>
    push(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  );
  zip.entry('xl/_rels/workbook.xml.rels', (push) =>
    push(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
  );
  zip.entry('xl/worksheets/sheet1.xml', (push) => {
    push(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:V${n + 1}"/><sheetData>`,
    );
    push(
      `<row r="1">${HEADER.map((h, c) => `<c r="${columnLetters(c)}1" t="s"><v>${sst(h)}</v></c>`).join('')}</row>`,
    );
    for (let i = 0; i < n; i++) {
      const r = i + 2;
      let xml = `<row r="${r}">`;
      budgetRow(i, distinct).forEach(([v, text], c) => {
        if (text && v === '') return;
        xml += text
          ? `<c r="${columnLetters(c)}${r}" t="s"><v>${sst(v)}</v></c>`
          : `<c r="${columnLetters(c)}${r}"><v>${v}</v></c>`;
      });
      push(`${xml}</row>`);
    }
    push('</sheetData></worksheet>');
  });
  zip.entry('xl/sharedStrings.xml', (push) => {
    push(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${strings.size}">`,
    );
    for (const s of strings.keys()) push(`<si><t>${escape(s)}</t></si>`);
    push('</sst>');
  });
  zip.close();
}

/** Writes the budget table as ODS (typed cells, as LibreOffice writes them) to bench/data/budget-N.ods. */
function makeOds(n, file) {
  const zip = new ZipWriter(file);
  zip.entry('mimetype', (push) => push('application/vnd.oasis.opendocument.spreadsheet'));
  zip.entry('content.xml', (push) => {
    push(
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Budget">',
    );
    const cell = ([v, text]) =>
      text
        ? v === ''
          ? '<table:table-cell/>'
          : `<table:table-cell office:value-type="string"><text:p>${escape(v)}</text:p></table:table-cell>`
        : `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    push(`<table:table-row>${HEADER.map((h) => cell([h, true])).join('')}</table:table-row>`);
    for (let i = 0; i < n; i++)
      push(
        `<table:table-row>${budgetRow(i).map(cell).join('')}<table:table-cell table:number-columns-repeated="16362"/></table:table-row>`,
      );
    push(
      '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
    );
    push('</table:table></office:spreadsheet></office:body></office:document-content>');
  });
  zip.close();
}

/** The budget-like workbook of `n` rows (`xlsx` or `ods`), written once to bench/data/. */
export function workbook(n, ext, distinct = false) {
  const file = path.join(repo, 'bench', 'data', `budget-${n}.${distinct ? 'distinct' : 'stream'}.${ext}`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (ext === 'ods') makeOds(n, file);
    else makeXlsx(n, file, distinct);
  }
  return file;
}

async function child(dist, file) {
  const { openWorkbook } = await import(pathToFileURL(path.join(dist, 'io', 'xlsx.js')).href);
  const baseline = process.resourceUsage().maxRSS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // ODS is verbose: 1,000,000 rows × 22 columns inflate to about 2.2 GB, past the default 1 GiB limit
  // (docs/limits.md), so the bench raises it, as a user would with --max-unzipped.
  const options = file.endsWith('.ods') ? { maxUnzipped: 4 * 2 ** 30 } : {};
  const table = await openWorkbook({ path: file, name: path.basename(file) }, options);
  const opened = performance.now();
  let rows = 0;
  let cells = 0;
  for await (const row of table.rows) {
    rows++;
    cells += row.cells.length;
  }
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      rows,
      cells,
      openMs: Math.round(opened - t0),
      totalMs: Math.round(t1 - t0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rowsPerSecond: Math.round(rows / ((t1 - t0) / 1000)),
      baselineRssMB: Math.round(baseline / 1024),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

async function main() {
  const args = process.argv.slice(2);
  const distAt = args.indexOf('--dist');
  const dist = distAt >= 0 ? path.resolve(args[distAt + 1]) : path.join(repo, 'dist');
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--dist').map(Number);
  const formats = args.includes('--ods') ? ['xlsx', 'ods'] : ['xlsx'];
  const distinct = args.includes('--distinct');
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  if (!fs.existsSync(path.join(dist, 'io', 'xlsx.js')))
    throw new Error(`${dist}/io/xlsx.js is missing: run npm run build`);
  for (const n of sizes.length ? sizes : [50_000, 1_000_000]) {
    for (const ext of formats) {
      const file = workbook(n, ext, distinct && ext === 'xlsx');
      const size = fs.statSync(file).size;
      console.log(
        `openWorkbook (${path.relative(repo, dist) || dist}) on ${path.relative(repo, file)} (${(size / 2 ** 20).toFixed(1)} MiB, ${n} rows × 22 columns)`,
      );
      const runs = [];
      for (let i = 0; i < repeat; i++) {
        try {
          const out = execFileSync(
            process.execPath,
            [fileURLToPath(import.meta.url), '--child', dist, file],
            {
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'ignore'],
            },
          );
          runs.push(JSON.parse(out));
        } catch (e) {
          console.log(`  failed: ${e.status === null ? `signal ${e.signal}` : `exit ${e.status}`}`);
          break;
        }
      }
      for (const r of runs) {
        console.log(
          `  ${r.rows} rows, ${r.cells} cells: open ${r.openMs} ms, total ${r.totalMs} ms (CPU ${r.cpuMs} ms), ` +
            `${r.rowsPerSecond} rows/s, peak RSS ${r.peakRssMB} MB (Node baseline ${r.baselineRssMB} MB)`,
        );
      }
      if (runs.length) {
        const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
        console.log(
          `  best: ${best.totalMs} ms, ${best.rowsPerSecond} rows/s, peak RSS ${best.peakRssMB} MB`,
        );
      }
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
