import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { random } from '../../scripts/random.js';
import { compilePattern, CELL_STEP_BUDGET, type CompiledPattern } from '../../src/text/pattern.js';
import { isLinearOnBacktracking } from '../../src/text/pattern-safety.js';
import { linearTest } from '../../src/text/pattern-re2.js';
import { budgetedTest } from '../../src/text/pattern-vm.js';
import { parseRegex, regexFlags } from '../../src/text/regex-ast.js';

// Every pattern runs in bounded time (issue 12, rows 1 and 2): proven-linear patterns on V8, the others on
// RE2, back-references on a budgeted matcher. Bounds are asserted as step counts, never as timings.

function compiled(pattern: string): CompiledPattern {
  const c = compilePattern(pattern);
  if (typeof c === 'string') throw new Error(`${pattern}: ${c}`);
  return c;
}

/** Every distinct pattern of the bundled catalogue, with the examples its fields give. */
function cataloguePatterns(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'schema.json') {
        const schema = JSON.parse(readFileSync(p, 'utf8')) as {
          fields?: { example?: unknown; constraints?: { pattern?: unknown } }[];
        };
        for (const f of schema.fields ?? []) {
          const pattern = f.constraints?.pattern;
          if (typeof pattern !== 'string') continue;
          const list = out.get(pattern) ?? [];
          if (typeof f.example === 'string' && !list.includes(f.example)) list.push(f.example);
          out.set(pattern, list);
        }
      }
    }
  };
  walk('schemas');
  return out;
}

const CATALOGUE = cataloguePatterns();

describe('the bundled catalogue', () => {
  it('has patterns of every kind, each compiled onto an engine', () => {
    const engines = new Map<string, number>();
    for (const p of CATALOGUE.keys()) {
      const e = compiled(p).engine;
      engines.set(e, (engines.get(e) ?? 0) + 1);
    }
    expect(CATALOGUE.size).toBeGreaterThan(80);
    // Most run on V8 itself (proven linear); back-references (schema-friches) on the budgeted matcher.
    expect(engines.get('backtracking')! / CATALOGUE.size).toBeGreaterThan(0.8);
    expect(engines.get('linear')).toBeGreaterThan(0);
    expect(engines.get('budgeted')).toBeGreaterThan(0);
  });

  it('every pattern answers as V8 does on its examples and on seeded variants of them', () => {
    const rnd = random(12);
    let compared = 0;
    for (const [pattern, examples] of CATALOGUE) {
      const c = compiled(pattern);
      const reference = new RegExp(c.source, c.flags);
      const alphabet = [...new Set([...pattern, ...examples.join(''), 'a', 'Z', '0', ' ', '|', 'é', '-'])];
      const cases = [...examples, ''];
      for (const ex of examples) {
        for (let k = 0; k < 40; k++) {
          const i = Math.floor(rnd() * (ex.length + 1));
          const ch = alphabet[Math.floor(rnd() * alphabet.length)]!;
          cases.push(rnd() < 0.5 ? ex.slice(0, i) + ch + ex.slice(i) : ex.slice(0, i) + ex.slice(i + 1));
        }
      }
      for (let k = 0; k < 100; k++) {
        let s = '';
        const n = Math.floor(rnd() * 9);
        for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        cases.push(s);
      }
      for (const s of cases) {
        expect(c.test(s), `${pattern} on ${JSON.stringify(s)}`).toBe(reference.test(s));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('decides adversarial cells (long near misses) for every pattern, within the budget', () => {
    for (const [pattern, examples] of CATALOGUE) {
      const c = compiled(pattern);
      const seed = examples[0] ?? 'a';
      const attacks = [
        seed.repeat(200) + '~',
        `${seed}|`.repeat(300) + '\u0000',
        'http://' + 'A'.repeat(5_000) + '~',
        'a'.repeat(20_000) + '!',
        ' '.repeat(10_000),
      ];
      for (const s of attacks) {
        const r = c.test(s);
        if (c.engine !== 'budgeted') expect(typeof r, pattern).toBe('boolean');
      }
    }
  });
});

describe('the linear engine on a long program', () => {
  it('leaves a cell unchecked when program size × length is over its budget, never hangs', () => {
    const c = compiled('(a|aa){1000}');
    expect(c.engine).toBe('linear');
    expect(c.test('a'.repeat(1000))).toBe(true);
    expect(c.test('b')).toBe(false);
    // About 3,000 instructions on 10,000 characters: over LINEAR_CELL_BUDGET, not decided.
    expect(c.test('a'.repeat(10_000))).toBeUndefined();
  });
});

describe('the rows of issue 12', () => {
  it('row 1: schema-friches site_url and http:// + 38 A + ~ (a back-reference)', () => {
    const schema = JSON.parse(readFileSync('schemas/cnigfr/schema-friches/1.0.4/schema.json', 'utf8')) as {
      fields: { name: string; constraints?: { pattern?: string } }[];
    };
    const pattern = schema.fields.find((f) => f.name === 'site_url')!.constraints!.pattern!;
    const c = compiled(pattern);
    expect(c.engine).toBe('budgeted');
    expect(c.test(`http://${'A'.repeat(38)}~`)).toBe(false);
    expect(c.test(`http://${'A'.repeat(5000)}~`)).toBe(false);
    expect(c.test('http://fiches-risques.brgm.fr/georisques/basias-detaillee/AQI4008059')).toBe(true);
    expect(c.test('http://a.fr/x|https://b.fr/y')).toBe(true);
  });

  it('row 2: ([a-z]|[a-z0-9])* and ^(\\w+\\s?)*\\1$', () => {
    const a = compiled('([a-z]|[a-z0-9])*');
    expect(a.engine).toBe('linear');
    expect(a.test(`${'a'.repeat(26)}!`)).toBe(false);
    expect(a.test('a'.repeat(100_000))).toBe(true);
    const b = compiled('^(\\w+\\s?)*\\1$');
    expect(b.engine).toBe('budgeted');
    // A near miss the linear pre-check refuses at once; one it cannot refuse exhausts the budget.
    expect(b.test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(b.test(`${'a'.repeat(40)}b`)).toBeUndefined();
    expect(b.test('aa')).toBe(true);
  });

  it('the budget of a field runs out after many costly cells: the rest are undecided, not slow', () => {
    const b = compiled('^(\\w+\\s?)*\\1$');
    let undecided = 0;
    for (let i = 0; i < 500; i++) if (b.test(`${'a'.repeat(40)}b`) === undefined) undecided++;
    expect(undecided).toBe(500);
    // A cell the linear pre-check refuses is still decided.
    expect(b.test('a!')).toBe(false);
  });
});

describe('the linear-time proof', () => {
  const proof = (p: string, flags = 'u'): boolean => {
    const f = regexFlags(flags);
    return isLinearOnBacktracking(parseRegex(`^(?:${p})$`, f)!, f);
  };

  it.each([
    '(a+)+',
    '(a|a)*',
    '(a*)*',
    '\\d+\\d+',
    '(\\w+\\s?)*',
    '.*_[0-9]{4}_.*',
    '([a-z]|[a-z0-9])*',
    '(a|ab)(c|bcd)(d*)',
    '(?:a?){20}a{20}',
    '(x+x+)+y',
    '[a-z]+[a-z0-9]+',
    '(?:(?:^|\\|)(A|B|AB))+$',
  ])('refuses %s (its backtracking can blow up)', (p) => {
    expect(proof(p)).toBe(false);
  });

  it.each([
    '\\d{14}',
    '[0-9]{5}',
    '([013-9]\\d|2[AB1-9])\\d{3}',
    'https?://[^|\\s]*',
    '[^|]+(\\|[^|]+)*',
    '(?:(?:^|\\|)(Surdité|Handicaps moteurs|Handicaps mentaux|Illettrisme))+$',
    '[\\w.]+',
    '(?:a|b)*c',
    'a{2000}',
  ])('proves %s', (p) => {
    expect(proof(p)).toBe(true);
  });

  it('what it proves, a plain backtracking engine runs in linear steps (seeded random patterns)', () => {
    const rnd = random(7);
    let proven = 0;
    for (let k = 0; k < 400; k++) {
      const p = randomPattern(rnd, 3, false);
      const f = regexFlags('u');
      const ast = parseRegex(`^(?:${p})$`, f);
      if (!ast || !isLinearOnBacktracking(ast, f)) continue;
      proven++;
      const run = budgetedTest(ast, f, { merge: false })!;
      for (let t = 0; t < 5; t++) {
        const unit = randomString(rnd, 1 + Math.floor(rnd() * 3));
        const tail = randomString(rnd, 1);
        const steps = (n: number): number => run(unit.repeat(n) + tail, 1e9).used;
        const small = steps(50);
        const large = steps(200);
        // Four times the text, at most four times the steps (plus a margin for what precedes the loop).
        expect(large, `${p} on (${unit})^n${tail}`).toBeLessThanOrEqual(4 * small + 200);
      }
    }
    expect(proven).toBeGreaterThan(100);
  });
});

/** A random pattern over a small alphabet (`a`, `b`, classes, groups, quantifiers…). */
function randomPattern(rnd: () => number, depth: number, withBackrefs: boolean, groups = { n: 0 }): string {
  const atoms = ['a', 'b', '[ab]', '[a-c]', '.', '\\d', '[^a]', 'ab', ' '];
  if (depth <= 0 || rnd() < 0.3) {
    if (withBackrefs && groups.n > 0 && rnd() < 0.2) return `\\${1 + Math.floor(rnd() * groups.n)}`;
    return atoms[Math.floor(rnd() * atoms.length)]!;
  }
  const sub = (): string => randomPattern(rnd, depth - 1, withBackrefs, groups);
  const r = rnd();
  if (r < 0.25) return sub() + sub();
  if (r < 0.4) return `(?:${sub()}|${sub()})`;
  if (r < 0.5) {
    groups.n++;
    return `(${sub()})`;
  }
  if (r < 0.55 && withBackrefs) return `(?=${sub()})`;
  const q = ['*', '+', '?', '{0,2}', '{1,3}', '{2}', '*?', '+?'][Math.floor(rnd() * 8)]!;
  return `(?:${sub()})${q}`;
}

function randomString(rnd: () => number, n: number): string {
  const chars = ['a', 'b', 'c', '1', ' '];
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(rnd() * chars.length)];
  return s;
}

describe('the three engines agree with V8 (seeded random patterns, short texts)', () => {
  it('RE2 (linear) and the budgeted matcher give V8’s answer', () => {
    const rnd = random(2024);
    let linear = 0;
    let budgeted = 0;
    for (let k = 0; k < 600; k++) {
      const withBackrefs = k % 2 === 1;
      const p = `^(?:${randomPattern(rnd, 3, withBackrefs)})$`;
      let reference: RegExp;
      try {
        reference = new RegExp(p, 'u');
      } catch {
        continue;
      }
      const f = regexFlags('u');
      const ast = parseRegex(p, f)!;
      const re2 = linearTest(ast, f);
      const vm = budgetedTest(ast, f)!;
      const plain = budgetedTest(ast, f, { merge: false })!;
      for (let t = 0; t < 30; t++) {
        const s = randomString(rnd, Math.floor(rnd() * 7));
        const expected = reference.test(s);
        if (re2) {
          expect(re2(s), `${p} on ${JSON.stringify(s)} (RE2)`).toBe(expected);
          linear++;
        }
        expect(vm(s, 1e7).matched, `${p} on ${JSON.stringify(s)} (budgeted)`).toBe(expected);
        expect(plain(s, 1e7).matched, `${p} on ${JSON.stringify(s)} (budgeted, unmerged)`).toBe(expected);
        budgeted++;
      }
    }
    expect(linear).toBeGreaterThan(3000);
    expect(budgeted).toBeGreaterThan(10_000);
  });

  it('a superset test never refuses what the pattern accepts (back-references made optional groups)', () => {
    const rnd = random(99);
    for (let k = 0; k < 400; k++) {
      const p = `^(?:${randomPattern(rnd, 3, true)})$`;
      const f = regexFlags('u');
      const ast = parseRegex(p, f);
      if (!ast) continue;
      const superset = linearTest(ast, f, 'superset');
      if (!superset) continue;
      const reference = new RegExp(p, 'u');
      for (let t = 0; t < 30; t++) {
        const s = randomString(rnd, Math.floor(rnd() * 7));
        if (reference.test(s)) expect(superset(s), `${p} on ${JSON.stringify(s)}`).toBe(true);
      }
    }
  });

  it('the budget is per cell and counted in steps', () => {
    const f = regexFlags('u');
    const run = budgetedTest(parseRegex('^(?:(a|a)*\\1b)$', f)!, f, { merge: false })!;
    const r = run('a'.repeat(40), CELL_STEP_BUDGET);
    expect(r).toEqual({ matched: undefined, used: CELL_STEP_BUDGET });
  });
});
