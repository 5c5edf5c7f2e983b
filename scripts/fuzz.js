// npm run fuzz: seeded mutations of the fixtures (byte flips, truncations, inserted quotes, delimiters and
// control characters, encoding swaps, splices) through odf's library in-process (validate, every report
// renderer, normalize), with a time budget per iteration. A crash (any exception but an OdfError) or a hang
// is minimised and kept under test/hostile/fuzz-regressions/, where a test replays it forever.
//
// Usage: node scripts/fuzz.js [--iterations N] [--seconds S] [--seed N] [--budget-ms MS] [--no-save] [--quiet]
// (run `npm run build` first: the fuzzer exercises dist/). CI runs 500 iterations; run it for hours with
// --seconds 36000. The exit code is 1 when anything was found.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { setTimeout, clearTimeout } from 'node:timers';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { random } from './random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where reproducers are kept (and replayed by test/hostile/fuzz.test.ts). */
export const REGRESSIONS = path.join(ROOT, 'test', 'hostile', 'fuzz-regressions');
const FIXTURE_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods']);
const MAX_FIXTURE_BYTES = 2 * 1024 * 1024;

/** The seed corpus: every fixture table, with the schema its place suggests. */
export function corpus() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        const ext = name.split('.').pop().toLowerCase();
        if (FIXTURE_EXTENSIONS.has(ext) && st.size <= MAX_FIXTURE_BYTES && !/SOURCE|README/.test(name))
          out.push({ file: path.relative(ROOT, p), ext, schema: schemaFor(path.relative(ROOT, p)) });
      }
    }
  };
  walk(path.join(ROOT, 'fixtures'));
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function schemaFor(rel) {
  const official = /^fixtures\/official\/([^/]+)\/([^/]+)\//.exec(rel);
  if (official) return `${official[1]}@${official[2]}`;
  const checks = /(deliberations|subventions)-(\d+\.\d+\.\d+)/.exec(rel);
  if (checks) return `scdl/${checks[1]}@${checks[2]}`;
  if (/budget/.test(rel)) return 'scdl/budget';
  if (/fixtures\/(encodings|normalize)\//.test(rel))
    return path.join(ROOT, 'fixtures/normalize/table.schema.json');
  return undefined;
}

const INTERESTING = [
  '"',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\u001b[2J',
  '\ufeff',
  '=',
  '\\',
  "'",
  'é',
  '\u202e',
  '""',
  '\u00a0',
  '{',
  '[',
  '%',
];

/** A schema drawn from the input's own first line, with random types and constraints. */
function randomSchema(bytes, rnd) {
  const first = Buffer.from(bytes).toString('latin1').split(/\r?\n/)[0] ?? '';
  const labels = first.split(/[;,\t|]/).slice(0, 40);
  const types = [
    'string',
    'number',
    'integer',
    'boolean',
    'date',
    'datetime',
    'time',
    'year',
    'yearmonth',
    'duration',
    'geopoint',
    'geojson',
    'object',
    'array',
    'any',
  ];
  const patterns = [
    '^\\d{5}$',
    '([a-z]|[a-z0-9])*',
    '(\\w+\\s?)*\\1',
    '^[A-Z].*$',
    '(a+)+$',
    '(?i)^oui|non$',
    '.*_[0-9]{4}_.*',
  ];
  return {
    fields: labels.map((l) => {
      const f = { name: l.replace(/^"|"$/g, '') || 'x', type: types[Math.floor(rnd() * types.length)] };
      if (rnd() < 0.3) f.constraints = { required: rnd() < 0.5, unique: rnd() < 0.2 };
      if (rnd() < 0.2)
        f.constraints = { ...f.constraints, pattern: patterns[Math.floor(rnd() * patterns.length)] };
      if (rnd() < 0.1) f.constraints = { ...f.constraints, enum: ['a', 'b', '1'] };
      if (rnd() < 0.1)
        f.format = ['%d/%m/%Y', 'email', 'uri', 'any', 'default', 'array', '%'][Math.floor(rnd() * 7)];
      return f;
    }),
    ...(rnd() < 0.2 ? { primaryKey: [labels[0] ?? 'x'] } : {}),
    ...(rnd() < 0.1 ? { missingValues: ['', 'NA', '-'] } : {}),
  };
}

/** 1 to 4 mutations of `bytes`. */
function mutate(bytes, rnd, other) {
  let b = Buffer.from(bytes);
  const at = () => Math.floor(rnd() * (b.length + 1));
  const steps = 1 + Math.floor(rnd() * 4);
  for (let s = 0; s < steps; s++) {
    const kind = Math.floor(rnd() * 11);
    switch (kind) {
      case 0: {
        // flip bytes
        for (let k = 0; k < 1 + Math.floor(rnd() * 8) && b.length; k++)
          b[Math.floor(rnd() * b.length)] ^= 1 << Math.floor(rnd() * 8);
        break;
      }
      case 1: {
        // insert interesting text
        const i = at();
        const t = Buffer.from(
          INTERESTING[Math.floor(rnd() * INTERESTING.length)].repeat(1 + Math.floor(rnd() * 3)),
        );
        b = Buffer.concat([b.subarray(0, i), t, b.subarray(i)]);
        break;
      }
      case 2:
        b = b.subarray(0, at()); // truncate
        break;
      case 3: {
        // delete a range
        const i = at();
        b = Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + Math.floor(rnd() * 64)))]);
        break;
      }
      case 4: {
        // duplicate a range many times
        const i = at();
        const piece = b.subarray(i, Math.min(b.length, i + 1 + Math.floor(rnd() * 200)));
        const times = 1 + Math.floor(rnd() * (rnd() < 0.1 ? 2000 : 20));
        b = Buffer.concat([b.subarray(0, i), ...Array(times).fill(piece), b.subarray(i)]);
        break;
      }
      case 5: {
        // encoding swap
        const text = b.toString('utf8');
        const pick = Math.floor(rnd() * 4);
        b =
          pick === 0
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
            : pick === 1
              ? Buffer.from(text, 'utf16le')
              : pick === 2
                ? Buffer.from(text, 'latin1')
                : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
        break;
      }
      case 6: {
        // splice with another fixture
        const i = at();
        const j = Math.floor(rnd() * (other.length + 1));
        b = Buffer.concat([b.subarray(0, i), other.subarray(j)]);
        break;
      }
      case 7: {
        // replace every delimiter-like byte by another
        const from = [0x2c, 0x3b, 0x09][Math.floor(rnd() * 3)];
        const to = [0x2c, 0x3b, 0x09, 0x22, 0x0a][Math.floor(rnd() * 5)];
        for (let k = 0; k < b.length; k++) if (b[k] === from && rnd() < 0.5) b[k] = to;
        break;
      }
      case 8: {
        // a long run of one byte
        const i = at();
        const run = Buffer.alloc(
          1 + Math.floor(rnd() * 20_000),
          INTERESTING[Math.floor(rnd() * INTERESTING.length)].charCodeAt(0) & 0xff,
        );
        b = Buffer.concat([b.subarray(0, i), run, b.subarray(i)]);
        break;
      }
      case 9: {
        // random bytes
        const i = at();
        const r = Buffer.alloc(1 + Math.floor(rnd() * 64));
        for (let k = 0; k < r.length; k++) r[k] = Math.floor(rnd() * 256);
        b = Buffer.concat([b.subarray(0, i), r, b.subarray(i)]);
        break;
      }
      default: {
        // swap two lines
        const lines = b.toString('latin1').split('\n');
        if (lines.length > 2) {
          const x = Math.floor(rnd() * lines.length);
          const y = Math.floor(rnd() * lines.length);
          [lines[x], lines[y]] = [lines[y], lines[x]];
          b = Buffer.from(lines.join('\n'), 'latin1');
        }
      }
    }
  }
  return b;
}

/** A worker that can be replaced when it hangs. */
class Runner {
  constructor() {
    this.start();
  }
  start() {
    this.worker = new Worker(new URL('./fuzz-worker.js', import.meta.url));
  }
  /** Run one input: { ok } | { ok: false, … } | { hang: true } after budgetMs. */
  run(input, budgetMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(async () => {
        this.worker.removeAllListeners('message');
        this.worker.removeAllListeners('error');
        await this.worker.terminate();
        this.start();
        resolve({ ok: false, hang: true, name: 'Hang', message: `no answer within ${budgetMs} ms` });
      }, budgetMs);
      this.worker.once('message', (r) => {
        clearTimeout(timer);
        this.worker.removeAllListeners('error');
        resolve(r);
      });
      this.worker.once('error', (e) => {
        clearTimeout(timer);
        this.worker.removeAllListeners('message');
        this.start();
        resolve({
          ok: false,
          step: 'worker',
          name: e?.name ?? 'Error',
          message: String(e?.message ?? e),
          stack: String(e?.stack ?? ''),
        });
      });
      this.worker.postMessage(input);
    });
  }
  async close() {
    this.worker.postMessage('exit');
    await new Promise((r) => this.worker.once('exit', r));
  }
}

/** What identifies a failure across inputs: where it failed and the first frame of odf's own code. */
function signature(r) {
  if (r.hang) return 'hang';
  const frame = /(src|dist)\/[\w/.-]+:\d+/.exec(r.stack ?? '')?.[0] ?? '';
  return `${r.step}:${r.name}:${String(r.message).replace(/\d+/g, 'N').slice(0, 80)}:${frame.replace(/:\d+$/, '')}`;
}

/** Delta debugging: the smallest input (by chunks removed) that still fails with the same signature. */
async function minimise(runner, input, sig, budgetMs, deadline) {
  let best = Buffer.from(input.bytes);
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && Date.now() < deadline; chunk >>= 1) {
    let i = 0;
    while (i < best.length && Date.now() < deadline) {
      const candidate = Buffer.concat([best.subarray(0, i), best.subarray(i + chunk)]);
      const r = await runner.run({ ...input, bytes: candidate }, budgetMs);
      if (!r.ok && signature(r) === sig) best = candidate;
      else i += chunk;
    }
  }
  return best;
}

/**
 * Fuzz: `iterations` inputs (or until `seconds` have passed), seeded. Returns the figures and what was found.
 * @param {{ iterations?: number, seconds?: number, seed?: number, budgetMs?: number, save?: boolean, log?: (s: string) => void }} options
 */
export async function runFuzz(options = {}) {
  const iterations = options.iterations ?? (options.seconds ? Infinity : 500);
  const until = options.seconds ? Date.now() + options.seconds * 1000 : Infinity;
  const seed = options.seed ?? 1;
  const budgetMs = options.budgetMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  const rnd = random(seed);
  const seeds = corpus();
  const data = new Map(seeds.map((s) => [s.file, readFileSync(path.join(ROOT, s.file))]));
  const runner = new Runner();
  const found = new Map();
  let done = 0;
  const started = Date.now();
  try {
    while (done < iterations && Date.now() < until) {
      const pick = seeds[Math.floor(rnd() * seeds.length)];
      const other = data.get(seeds[Math.floor(rnd() * seeds.length)].file);
      const bytes = mutate(data.get(pick.file), rnd, other);
      const r0 = rnd();
      const schema = r0 < 0.2 ? randomSchema(bytes, rnd) : r0 < 0.3 ? undefined : pick.schema;
      const input = { bytes, ext: pick.ext, schema };
      const r = await runner.run(input, budgetMs);
      done++;
      if (!r.ok) {
        const sig = signature(r);
        if (!found.has(sig)) {
          log(`#${done} ${pick.file}: ${sig}`);
          // A hang costs a whole budget per attempt: only try it without the schema, not byte by byte.
          let small = bytes;
          let kept = schema;
          if (r.hang) {
            if (schema !== undefined && (await runner.run({ ...input, schema: undefined }, budgetMs)).hang)
              kept = undefined;
          } else small = await minimise(runner, input, sig, budgetMs, Date.now() + 120_000);
          found.set(sig, {
            ...r,
            signature: sig,
            from: pick.file,
            iteration: done,
            bytes: small,
            ext: pick.ext,
            schema: kept,
          });
          if (options.save !== false) save(found.get(sig), seed);
        }
      }
      if (done % 100 === 0)
        log(`${done} iterations, ${found.size} problems, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await runner.close();
  }
  const list = [...found.values()];
  return {
    seed,
    iterations: done,
    seconds: Math.round((Date.now() - started) / 1000),
    crashes: list.filter((f) => !f.hang).length,
    hangs: list.filter((f) => f.hang).length,
    found: list,
  };
}

/**
 * Replay kept reproducers (test/hostile/fuzz-regressions/*.json) through the worker, each within
 * `budgetMs`: what a crash or a hang would give today.
 * @returns {Promise<{ meta: string, result: object }[]>}
 */
export async function replayRegressions(budgetMs = 60_000) {
  const runner = new Runner();
  const out = [];
  try {
    for (const meta of readdirSync(REGRESSIONS)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const m = JSON.parse(readFileSync(path.join(REGRESSIONS, meta), 'utf8'));
      const bytes = readFileSync(path.join(REGRESSIONS, m.input));
      const ext = m.input.split('.').pop();
      out.push({ meta, result: await runner.run({ bytes, ext, schema: m.schema ?? undefined }, budgetMs) });
    }
  } finally {
    await runner.close();
  }
  return out;
}

function save(f, seed) {
  mkdirSync(REGRESSIONS, { recursive: true });
  // The input's bytes are part of the name: two hangs (same signature) are two reproducers, not one
  // overwriting the other.
  const id = createHash('sha256').update(f.signature).update(f.bytes).digest('hex').slice(0, 12);
  writeFileSync(path.join(REGRESSIONS, `${id}.${f.ext}`), f.bytes);
  writeFileSync(
    path.join(REGRESSIONS, `${id}.json`),
    `${JSON.stringify({ input: `${id}.${f.ext}`, schema: f.schema ?? null, seed, iteration: f.iteration, from: f.from, signature: f.signature, message: f.message }, null, 2)}\n`,
  );
}

function parseArgs(argv) {
  const o = { log: (s) => console.error(s) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => Number(argv[++i]);
    if (a === '--iterations') o.iterations = next();
    else if (a === '--seconds') o.seconds = next();
    else if (a === '--seed') o.seed = next();
    else if (a === '--budget-ms') o.budgetMs = next();
    else if (a === '--no-save') o.save = false;
    else if (a === '--quiet') o.log = () => undefined;
    else throw new Error(`unknown option ${a} (see the usage at the top of scripts/fuzz.js)`);
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runFuzz(parseArgs(process.argv.slice(2)));
  console.log(
    `fuzz (seed ${r.seed}): ${r.iterations} iterations in ${r.seconds} s, ${r.crashes} crashes, ${r.hangs} hangs`,
  );
  for (const f of r.found) console.log(`  ${f.signature} (from ${f.from}, iteration ${f.iteration})`);
  process.exitCode = r.found.length ? 1 : 0;
}
