// Compiles a Table Schema `pattern` (written for Python's `re`, often from XSD) into a whole-value test
// that runs in bounded time on every cell, whatever the pattern and the cell.
import { parseRegex, regexFlags, type AST, type RegexFlags } from './regex-ast.js';
import { isLinearOnBacktracking } from './pattern-safety.js';
import { linearTest, programWeight, type LinearTest } from './pattern-re2.js';
import { budgetedTest, type BudgetedTest } from './pattern-vm.js';

const SYNTAX = '^$\\.*+?()[]{}|/';

/**
 * Rewrites Python-only syntax for JavaScript: `(?P<n>…)` → `(?<n>…)`, `(?P=n)` → `\k<n>`, `\A` `\Z`
 * anchors, Unicode `\w` (Python 3 `\w` matches `é`; JavaScript's does not) when `unicode`, and, in
 * unicode mode, identity escapes JavaScript refuses (`\'`, `\–`, `\-` outside a class) made literal.
 */
function translate(p: string, unicode: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      i++;
      if (n === undefined) return out + '\\\\';
      if (n === 'w' && unicode) out += inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      else if (n === 'W' && unicode && !inClass) out += '[^\\p{L}\\p{N}_]';
      else if (n === 'A' && !inClass) out += '^';
      else if (n === 'Z' && !inClass) out += '$';
      else if (/[A-Za-z0-9]/.test(n)) out += '\\' + n;
      else if (!unicode || SYNTAX.includes(n) || (n === '-' && inClass)) out += '\\' + n;
      else out += n;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[' && unicode) {
        out += '\\[';
        continue;
      }
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === '^') out += p[++i];
      // Python reads a `]` right after `[` or `[^` as a literal; JavaScript as an empty class.
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p.startsWith('(?#', i)) {
      // A Python comment group: dropped.
      const end = p.indexOf(')', i);
      if (end > 0) {
        i = end;
        continue;
      }
    }
    if (c === '(' && p.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '(' && p.startsWith('(?P=', i)) {
      const end = p.indexOf(')', i);
      if (end > 0) {
        out += `\\k<${p.slice(i + 4, end)}>`;
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/**
 * Which engine checks a pattern:
 * - `backtracking`: V8's own engine, for patterns proven to run in linear time on it (most patterns:
 *   src/fields/pattern-safety.ts);
 * - `linear`: RE2 (re2js), linear time on any pattern it can express, for the others (nested or
 *   overlapping repetitions such as `(a+)+` or `([a-z]|[a-z0-9])*`);
 * - `budgeted`: a backtracking matcher with a step budget, for back-references and lookaheads, which no
 *   linear-time engine runs (and which XML Schema patterns do not have); a cell whose check exhausts
 *   the budget is reported as not checked, never hangs.
 */
export type PatternEngine = 'backtracking' | 'linear' | 'budgeted';

/** A compiled pattern: `test` tells whether the WHOLE value matches, or undefined when it could not decide. */
export interface CompiledPattern {
  engine: PatternEngine;
  /** The JavaScript source it was read as (anchored), for messages and tests. */
  source: string;
  /** The JavaScript flags it was read with (`u`, `i`, `m`, `s`). */
  flags: string;
  /**
   * true or false; undefined when the cell would cost more than its budget: on the `budgeted` engine
   * (steps), or on the `linear` one (program size × length over LINEAR_CELL_BUDGET).
   */
  test(text: string): boolean | undefined;
}

/**
 * Program size × text length RE2 may spend on one cell (at most about 0.2 s; RE2 is usually much faster,
 * as most of its threads die early): beyond, the cell is not checked. Only a very long pattern on a very
 * long value gets there: `(a|aa){1000}` on 10,000 characters; the longest catalogue pattern on RE2
 * (opening hours, size 546) on 36,000.
 */
export const LINEAR_CELL_BUDGET = 20_000_000;
/** Steps the budgeted matcher may take on one cell (a few milliseconds). */
export const CELL_STEP_BUDGET = 100_000;
/** Steps it may take over all the cells of one field in one run; then the remaining cells are not checked. */
export const FIELD_STEP_BUDGET = 10_000_000;

/** What compilePattern decided for a pattern text, shared by every field that uses it. */
type Plan =
  | { engine: 'backtracking'; source: string; flags: string; regex: RegExp }
  | { engine: 'linear'; source: string; flags: string; linear: LinearTest; weight: number }
  | {
      engine: 'budgeted';
      source: string;
      flags: string;
      budgeted: BudgetedTest;
      superset: LinearTest | undefined;
      weight: number;
    }
  | string;

const plans = new Map<string, Plan>();

/** The pattern text read as JavaScript: source (anchored) and flags, or the reason it cannot be read. */
function readPattern(pattern: string): { source: string; flags: string } | string {
  let flags = '';
  let p = pattern;
  if (/(^|[^\\])(\\\\)*\\$/.test(p)) return 'trailing backslash';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(p);
  if (inline) {
    if (inline[1]!.includes('x')) return 'verbose patterns (?x) are not supported';
    for (const f of 'ims') if (inline[1]!.includes(f)) flags += f;
    p = p.slice(inline[0].length);
  }
  // Unicode mode when possible, else without it (XSD and Python patterns often escape characters
  // JavaScript's Unicode mode refuses).
  const unicode = `^(?:${translate(p, true)})$`;
  try {
    new RegExp(unicode, flags + 'u');
    return { source: unicode, flags: flags + 'u' };
  } catch {
    const plain = `^(?:${translate(p, false)})$`;
    try {
      new RegExp(plain, flags);
      return { source: plain, flags };
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
}

function hasBackreference(node: AST.Node): boolean {
  if (node.type === 'Backreference') return true;
  if ('alternatives' in node) return node.alternatives.some(hasBackreference);
  if (node.type === 'Alternative') return node.elements.some(hasBackreference);
  if (node.type === 'Quantifier') return hasBackreference(node.element);
  return false;
}

function planFor(pattern: string): Plan {
  const read = readPattern(pattern);
  if (typeof read === 'string') return read;
  const { source, flags } = read;
  const f: RegexFlags = regexFlags(flags);
  const ast = parseRegex(source, f);
  if (!ast) return 'a syntax odf cannot analyse, so it cannot be checked in bounded time';
  if (isLinearOnBacktracking(ast, f))
    return { engine: 'backtracking', source, flags, regex: new RegExp(source, flags) };
  const weight = programWeight(ast);
  const linear = linearTest(ast, f);
  if (linear) return { engine: 'linear', source, flags, linear, weight };
  const budgeted = budgetedTest(ast, f);
  if (!budgeted) return 'too complex to be checked in bounded time (lookbehind, or repetitions too large)';
  const superset = hasBackreference(ast) ? linearTest(ast, f, 'superset') : undefined;
  return { engine: 'budgeted', source, flags, budgeted, superset, weight };
}

/**
 * Compiles a pattern so the WHOLE value must match (`^(?:…)$`, as Table Schema says; Frictionless writes
 * `^…$`, which differs only for top-level alternatives), on an engine that bounds the time of every cell
 * (see PatternEngine). Leading inline flags `(?i)`, `(?m)`, `(?s)` are honoured. Returns an error text
 * when the pattern cannot be read. Each call gets its own step budget (one per field and run).
 * This is the one reading of patterns in odf: the schema check (src/schema/check-schema.ts) uses it too.
 */
export function compilePattern(pattern: string): CompiledPattern | string {
  let plan = plans.get(pattern);
  if (plan === undefined) {
    plan = planFor(pattern);
    plans.set(pattern, plan);
  }
  if (typeof plan === 'string') return plan;
  const { source, flags } = plan;
  switch (plan.engine) {
    case 'backtracking': {
      const re = plan.regex;
      return { engine: 'backtracking', source, flags, test: (t) => re.test(t) };
    }
    case 'linear': {
      const { linear, weight } = plan;
      // Linear in the text, but the program may be long: a cell that would cost too much is not checked.
      const test = (t: string): boolean | undefined =>
        weight * t.length > LINEAR_CELL_BUDGET ? undefined : linear(t);
      return { engine: 'linear', source, flags, test };
    }
    case 'budgeted': {
      const { budgeted, superset, weight } = plan;
      let left = FIELD_STEP_BUDGET;
      return {
        engine: 'budgeted',
        source,
        flags,
        test(text) {
          // A text the superset refuses is refused by the pattern: decided in linear time.
          if (superset && weight * text.length <= LINEAR_CELL_BUDGET && !superset(text)) return false;
          if (left <= 0) return undefined;
          const r = budgeted(text, Math.min(CELL_STEP_BUDGET, left));
          left -= r.used;
          return r.matched;
        },
      };
    }
  }
}

/** A whole-text test that runs in linear time, whatever the source (see boundedRegex). */
export interface BoundedRegex {
  test(text: string): boolean;
}

/**
 * A JavaScript regular expression from user input (a file glob…) on an engine that bounds its time: V8's
 * own when proven linear, else RE2. For sources without back-references or lookarounds, which odf's own
 * translations (globs) never produce.
 * @throws SyntaxError for an invalid source, or one only a backtracking engine could run.
 */
export function boundedRegex(source: string, flags = ''): BoundedRegex {
  const re = new RegExp(source, flags);
  const f = regexFlags(flags);
  const ast = parseRegex(source, f);
  if (ast && isLinearOnBacktracking(ast, f)) return re;
  // RE2 tests the whole text: search anywhere, as RegExp.test does (`^` and `$` inside still anchor).
  const wrapped = ast ? parseRegex(`[\\s\\S]*?(?:${source})[\\s\\S]*`, f) : undefined;
  const linear = wrapped ? linearTest(wrapped, f) : undefined;
  if (!linear) throw new SyntaxError(`${source}: no engine runs it in bounded time`);
  return { test: linear };
}
