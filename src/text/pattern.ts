// Compiles a Table Schema `pattern` (written for Python's `re`, often from XSD) into a whole-value RegExp.
import v8 from 'node:v8';

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

/** A quantified group that itself contains a quantifier: the shape of catastrophic backtracking. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

let linearEngine: boolean | undefined;

/** The pattern on V8's linear-time engine (flag `l`), or undefined when V8 or the pattern does not allow it. */
function linearRegExp(source: string, flags: string): RegExp | undefined {
  if (linearEngine === undefined) {
    try {
      // The engine is behind a V8 flag that can be set at run time; it changes nothing for other patterns.
      v8.setFlagsFromString('--enable-experimental-regexp-engine');
      const linear = 'l'; // a variable: the flag is unknown to linters, as to V8 without the option
      linearEngine = new RegExp('a', linear).flags.includes(linear);
    } catch {
      linearEngine = false;
    }
  }
  if (!linearEngine) return undefined;
  try {
    return new RegExp(source, `${flags}l`);
  } catch {
    return undefined;
  }
}

/**
 * Compiles a pattern so the WHOLE value must match (`^(?:…)$`, as Table Schema says; Frictionless writes
 * `^…$`, which differs only for top-level alternatives). Compiled with the `u` flag when possible,
 * else without it (XSD and Python patterns often escape characters JavaScript's unicode mode refuses).
 * Leading inline flags `(?i)`, `(?m)`, `(?s)` are honoured. Returns an error text when nothing works.
 * This is the one reading of patterns in odf: the schema check (src/schema/check-schema.ts) uses it too.
 */
export function compilePattern(pattern: string): RegExp | string {
  let flags = '';
  let p = pattern;
  if (/(^|[^\\])(\\\\)*\\$/.test(p)) return 'trailing backslash';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(p);
  if (inline) {
    if (inline[1]!.includes('x')) return 'verbose patterns (?x) are not supported';
    for (const f of 'ims') if (inline[1]!.includes(f)) flags += f;
    p = p.slice(inline[0].length);
  }
  // Nested quantifiers (`(a+)+`, `(\\w+\\s?)*`) can backtrack exponentially on a near miss: such patterns
  // run on V8's linear-time engine when it can take them (no back-references, no Unicode mode).
  if (NESTED_QUANTIFIER.test(p)) {
    const safe = linearRegExp(`^(?:${translate(p, false)})$`, flags);
    if (safe) return safe;
  }
  try {
    return new RegExp(`^(?:${translate(p, true)})$`, flags + 'u');
  } catch {
    try {
      return new RegExp(`^(?:${translate(p, false)})$`, flags);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
}
