// The one module that imports the linear-time engine (re2js, a port of RE2): JavaScript pattern → RE2 matcher.
import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';
import type { AST, RegexFlags } from './regex-ast.js';
import { atomSet, type Ranges } from './regex-charset.js';

let engine: typeof RE2JSClass | undefined;

/**
 * The RE2 engine, loaded (its CommonJS build, synchronously) on the first pattern that needs it: most
 * patterns run on V8's own engine, and a run that has none of the others never loads its 260 kB.
 */
function re2(): typeof RE2JSClass {
  engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS;
  return engine;
}

/** A whole-text test on RE2, in time linear in the text whatever the pattern. */
export type LinearTest = (text: string) => boolean;

/** RE2 refuses repetition counts above 1000. */
const RE2_MAX_REPEAT = 1000;

class NoEmit extends Error {}

/** General categories by their long names, as RE2 knows them only by the short ones. */
const CATEGORY: Record<string, string> = {
  Letter: 'L',
  Cased_Letter: 'L',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Symbol: 'S',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
};

function hex(c: number): string {
  return `\\x{${c.toString(16)}}`;
}

function rangesText(r: Ranges): string {
  let out = '';
  for (let i = 0; i < r.length; i += 2)
    out += r[i] === r[i + 1] ? hex(r[i]!) : `${hex(r[i]!)}-${hex(r[i + 1]!)}`;
  return out;
}

function propertyText(node: AST.CharacterSet & { kind: 'property' }): string {
  if (node.strings) throw new NoEmit();
  let name: string;
  if (node.key === 'General_Category' || node.key === 'gc') name = CATEGORY[node.value!] ?? node.value!;
  else if (node.key === 'Script' || node.key === 'sc') name = node.value!;
  else if (node.value === null) name = CATEGORY[node.key] ?? node.key;
  else throw new NoEmit();
  if (!/^[A-Za-z_]+$/.test(name)) throw new NoEmit();
  return `\\${node.negate ? 'P' : 'p'}{${name}}`;
}

/** Members of a class (without brackets): exact ranges plus Unicode properties written as properties. */
function classBody(node: AST.CharacterClass | AST.CharacterSet, flags: RegexFlags): string {
  const elements = node.type === 'CharacterClass' ? node.elements : [node];
  let props = '';
  const plain: (AST.Character | AST.CharacterClassRange | AST.CharacterSet)[] = [];
  for (const e of elements) {
    if (e.type === 'CharacterSet' && e.kind === 'property') props += propertyText(e);
    else if (e.type === 'Character' || e.type === 'CharacterClassRange' || e.type === 'CharacterSet')
      plain.push(e);
    else throw new NoEmit();
  }
  let ranges = '';
  for (const e of plain) {
    const r: Ranges | undefined =
      e.type === 'CharacterClassRange' ? [e.min.value, e.max.value] : atomSet(e, flags, 'exact');
    if (r === undefined) throw new NoEmit();
    ranges += rangesText(r);
  }
  return ranges + props;
}

class Emitter {
  private readonly open = new Set<AST.CapturingGroup>();

  constructor(
    private readonly flags: RegexFlags,
    private readonly backrefs: 'refuse' | 'superset',
  ) {}

  alternatives(alts: readonly AST.Alternative[]): string {
    return `(?:${alts.map((a) => a.elements.map((e) => this.element(e)).join('')).join('|')})`;
  }

  element(e: AST.Element): string {
    switch (e.type) {
      case 'Character':
        return hex(e.value);
      case 'CharacterClass': {
        const body = classBody(e, this.flags);
        // An empty class matches nothing (`[]`), a negated empty one anything (`[^]`).
        if (body === '') return e.negate ? '(?s:.)' : '[^\\x{0}-\\x{10ffff}]';
        return `[${e.negate ? '^' : ''}${body}]`;
      }
      case 'CharacterSet':
        return `[${classBody(e, this.flags)}]`;
      case 'Group':
        if (e.modifiers) throw new NoEmit();
        return this.alternatives(e.alternatives);
      case 'CapturingGroup': {
        this.open.add(e);
        const out = this.alternatives(e.alternatives);
        this.open.delete(e);
        return out;
      }
      case 'Quantifier': {
        const { min, max } = e;
        if (min > RE2_MAX_REPEAT || (max !== Infinity && max > RE2_MAX_REPEAT)) throw new NoEmit();
        const q =
          max === Infinity
            ? min === 0
              ? '*'
              : min === 1
                ? '+'
                : `{${min},}`
            : min === 0 && max === 1
              ? '?'
              : min === max
                ? `{${min}}`
                : `{${min},${max}}`;
        return `(?:${this.element(e.element)})${q}${e.greedy ? '' : '?'}`;
      }
      case 'Assertion':
        if ((e.kind === 'start' || e.kind === 'end') && !this.flags.multiline)
          return e.kind === 'start' ? '^' : '$';
        if (e.kind === 'word') return e.negate ? '\\B' : '\\b';
        throw new NoEmit();
      case 'Backreference': {
        if (this.backrefs === 'refuse') throw new NoEmit();
        // A back-reference repeats text its group matched, or nothing when the group has not matched:
        // the group's own pattern, made optional, accepts all of that (and more).
        const groups = Array.isArray(e.resolved) ? e.resolved : [e.resolved];
        if (groups.some((g) => this.open.has(g))) return '(?s:.*)';
        return `(?:${groups.map((g) => this.element(g)).join('|')})?`;
      }
      default:
        throw new NoEmit();
    }
  }
}

/**
 * The pattern as an RE2 test, or undefined when RE2 cannot express it exactly (back-references,
 * lookarounds, repetitions above 1000, properties RE2 lacks, `m` with anchors). With
 * `backrefs: 'superset'`, back-references are replaced by their group made optional: the test then
 * accepts every text the pattern accepts, and more (a text it refuses is surely refused by the pattern).
 * Differences from V8 that remain, documented: in non-Unicode patterns RE2 counts a character outside
 * the BMP as one character, not two.
 */
export function linearTest(
  pattern: AST.Pattern,
  flags: RegexFlags,
  backrefs: 'refuse' | 'superset' = 'refuse',
): LinearTest | undefined {
  let source: string;
  try {
    source = new Emitter(flags, backrefs).alternatives(pattern.alternatives);
  } catch (e) {
    if (e instanceof NoEmit) return undefined;
    throw e;
  }
  const RE2JS = re2();
  let re: RE2JSClass;
  try {
    re = RE2JS.compile(source, flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch {
    return undefined;
  }
  return (text) => re.testExact(text);
}

/**
 * The size of the program RE2 runs for a pattern, roughly: one per character or class, repetition
 * counts multiplied out. RE2's time on a text is at most about this size times the text's length.
 */
export function programWeight(node: AST.Node): number {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives.reduce((w, a) => w + programWeight(a), 1) : 1;
    case 'Alternative':
      return node.elements.reduce((w, e) => w + programWeight(e), 1);
    case 'Quantifier': {
      const times = Number.isFinite(node.max) ? node.max : node.min + 1;
      return Math.min(1e12, programWeight(node.element) * Math.max(1, times));
    }
    default:
      return 1;
  }
}
