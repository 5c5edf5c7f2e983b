// Sets of characters a pattern's atoms match, as code point ranges: exact for JavaScript's own classes.
import type { AST, RegexFlags } from './regex-ast.js';

/** Sorted, disjoint, non-adjacent inclusive ranges, flattened: `[lo0, hi0, lo1, hi1, …]`. */
export type Ranges = readonly number[];

/** The largest character: a code point in Unicode mode, a UTF-16 code unit otherwise. */
export function maxChar(flags: RegexFlags): number {
  return flags.unicode ? 0x10ffff : 0xffff;
}

/** Ranges from unordered, possibly overlapping pairs. */
export function rangesOf(pairs: readonly (readonly [number, number])[]): Ranges {
  const sorted = [...pairs].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The union of several range sets. */
export function union(...sets: Ranges[]): Ranges {
  const pairs: [number, number][] = [];
  for (const s of sets) for (let i = 0; i < s.length; i += 2) pairs.push([s[i]!, s[i + 1]!]);
  return rangesOf(pairs);
}

/** Every character up to `max` that is not in `r`. */
export function complement(r: Ranges, max: number): Ranges {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i]! > next) out.push(next, r[i]! - 1);
    next = r[i + 1]! + 1;
  }
  if (next <= max) out.push(next, max);
  return out;
}

/** True when the two sets share a character. */
export function intersects(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

const DIGIT: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
/** ECMAScript WhiteSpace and LineTerminator (what `\s` matches). */
const SPACE: Ranges = rangesOf([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** What `.` does not match without the `s` flag. */
const LINE_TERMINATORS: Ranges = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];
const ASCII_LETTERS: Ranges = [0x41, 0x5a, 0x61, 0x7a];

/** The ASCII members of a Unicode property escape (`\p{L}`), found by asking the engine itself. */
const asciiOfProperty = new Map<string, Ranges>();
function propertyAscii(raw: string): Ranges {
  let r = asciiOfProperty.get(raw);
  if (!r) {
    const re = new RegExp(`^${raw}$`, 'u');
    const pairs: [number, number][] = [];
    for (let c = 0; c < 0x80; c++) if (re.test(String.fromCharCode(c))) pairs.push([c, c]);
    r = rangesOf(pairs);
    asciiOfProperty.set(raw, r);
  }
  return r;
}

/**
 * How a set is computed: `exact` gives undefined for a Unicode property (the caller writes it as a
 * property); `over` gives a superset (ASCII members exact, every non-ASCII character included) and
 * widens letters for case-insensitive patterns, which is what a safety proof may rely on.
 */
export type SetMode = 'exact' | 'over';

/** The characters of one escape set (`\d`, `\W`, `.`, `\p{L}`…), or undefined for a property in exact mode. */
export function escapeSet(node: AST.CharacterSet, flags: RegexFlags, mode: SetMode): Ranges | undefined {
  const max = maxChar(flags);
  let r: Ranges;
  switch (node.kind) {
    case 'any':
      return flags.dotAll ? [0, max] : complement(LINE_TERMINATORS, max);
    case 'digit':
      r = DIGIT;
      break;
    case 'space':
      r = SPACE;
      break;
    case 'word':
      // Unicode case-insensitive `\w` also matches ſ (U+017F) and the Kelvin sign (U+212A).
      r = flags.unicode && flags.ignoreCase ? union(WORD, [0x17f, 0x17f, 0x212a, 0x212a]) : WORD;
      break;
    case 'property': {
      if (mode === 'exact') return undefined;
      const ascii = propertyAscii(node.raw.replace(/^\\P/, '\\p'));
      // Negated or not, the ASCII part is exact and every non-ASCII character may belong: a superset.
      return union(node.negate ? complement(ascii, 0x7f) : ascii, [0x80, max]);
    }
    default:
      return [0, max];
  }
  return node.negate ? complement(r, max) : r;
}

/** A set widened to every case variant a case-insensitive match may accept (a superset). */
function widenCase(r: Ranges, max: number): Ranges {
  const letters = intersects(r, ASCII_LETTERS);
  const nonAscii = intersects(r, [0x80, max]);
  if (!letters && !nonAscii) return r;
  return union(r, ASCII_LETTERS, [0x80, max]);
}

/**
 * The characters one atom matches: a character, a class or an escape set. In `over` mode a superset
 * (see SetMode); in `exact` mode undefined when a Unicode property is involved.
 */
export function atomSet(
  node: AST.Character | AST.CharacterClass | AST.CharacterSet,
  flags: RegexFlags,
  mode: SetMode,
): Ranges | undefined {
  const max = maxChar(flags);
  let r: Ranges | undefined;
  if (node.type === 'Character') r = [node.value, node.value];
  else if (node.type === 'CharacterSet') r = escapeSet(node, flags, mode);
  else {
    const parts: Ranges[] = [];
    for (const e of node.elements) {
      if (e.type === 'Character') parts.push([e.value, e.value]);
      else if (e.type === 'CharacterClassRange') parts.push([e.min.value, e.max.value]);
      else if (e.type === 'CharacterSet') {
        const s = escapeSet(e, flags, mode);
        if (s === undefined) return undefined;
        parts.push(s);
      } else return mode === 'over' ? [0, max] : undefined;
    }
    r = union(...parts);
    if (node.negate) {
      // A negated class under `i` excludes every case variant of its members: over-approximate by
      // complementing before widening (a smaller exclusion, so a larger set).
      r = complement(r, max);
    }
  }
  if (r !== undefined && mode === 'over' && flags.ignoreCase) r = widenCase(r, max);
  return r;
}
