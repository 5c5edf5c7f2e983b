// Pattern engines (issue 12): ns per cell of V8's own engine, of RE2 (re2js) and of odf's choice, on every
// pattern of the bundled catalogue with its examples. Run `npx tsc -p tsconfig.build.json` first.
// Usage: node bench/patterns.js [cells per pattern, default 200000]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compilePattern } from '../dist/text/pattern.js';
import { linearTest } from '../dist/text/pattern-re2.js';
import { parseRegex, regexFlags } from '../dist/text/regex-ast.js';

const CELLS = Number(process.argv[2] ?? 200_000);

const patterns = new Map();
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name === 'schema.json') {
      for (const f of JSON.parse(readFileSync(p, 'utf8')).fields ?? []) {
        const pattern = f.constraints?.pattern;
        if (typeof pattern === 'string' && typeof f.example === 'string') patterns.set(pattern, f.example);
      }
    }
  }
})('schemas');

function nsPerCell(test, cell) {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += test(cell) ? 1 : 0; // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CELLS; i++) sink += test(cell) ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0) / CELLS;
  return sink >= 0 ? ns : ns;
}

const rows = [];
for (const [pattern, example] of patterns) {
  const odf = compilePattern(pattern);
  if (typeof odf === 'string') continue;
  const v8 = new RegExp(odf.source, odf.flags);
  const f = regexFlags(odf.flags);
  const re2 = linearTest(parseRegex(odf.source, f), f);
  rows.push({
    pattern,
    engine: odf.engine,
    // Back-references: V8 alone has no bound, RE2 cannot run them.
    v8: odf.engine === 'budgeted' ? undefined : nsPerCell((t) => v8.test(t), example),
    re2: re2 ? nsPerCell(re2, example) : undefined,
    odf: nsPerCell((t) => odf.test(t), example),
  });
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const siret = rows.find((r) => r.pattern === '^\\d{14}$');
console.log(`${rows.length} catalogue patterns with an example, ${CELLS.toLocaleString('en')} cells each`);
for (const engine of ['backtracking', 'linear', 'budgeted']) {
  const r = rows.filter((x) => x.engine === engine);
  console.log(
    `${engine.padEnd(13)} ${String(r.length).padStart(3)} patterns  median ns/cell: V8 ${median(r.map((x) => x.v8)).toFixed(0)}, RE2 ${median(r.map((x) => x.re2)).toFixed(0)}, odf ${median(r.map((x) => x.odf)).toFixed(0)}`,
  );
}
if (siret) {
  console.log(
    `^\\d{14}$ (SIRET): V8 ${siret.v8.toFixed(0)} ns, RE2 ${siret.re2.toFixed(0)} ns, odf ${siret.odf.toFixed(0)} ns per cell` +
      ` → RE2 on 1,000,000 cells would add ${((siret.re2 - siret.v8) / 1000).toFixed(2)} s per patterned column`,
  );
}
