// A backtracking matcher with a step budget, for the patterns no linear-time engine can run
// (back-references, lookaheads): ECMAScript semantics, each atom tested by V8 itself, and a verdict of
// "unknown" instead of a hang when the budget runs out.
import type { AST, RegexFlags } from './regex-ast.js';
import { atomSet, union, type Ranges } from './regex-charset.js';

/** Instructions beyond which a pattern is not compiled (counted repetitions are unrolled). */
const MAX_INSTRUCTIONS = 100_000;

type Inst =
  /** One UTF-16 code unit, compared directly. */
  | { op: 'unit'; code: number }
  /** One character of a set (code unit, or code point in Unicode mode), by binary search. */
  | { op: 'set'; ranges: Ranges }
  /**
   * One character matched by a sticky RegExp of its source (case-insensitive or Unicode-property sets);
   * every atom matches exactly one character, so each character's answer is kept in `known`.
   */
  | { op: 'atom'; re: RegExp; known: Map<number, boolean> }
  /** A zero-width assertion (`^`, `$`, `\b`, `\B`), by a sticky RegExp. */
  | { op: 'assert'; re: RegExp }
  /** Go on at `first`; on failure, come back and go on at `second`. */
  | { op: 'split'; first: number; second: number }
  | { op: 'jump'; to: number }
  /** Capture slot `slot` (2 per group: start, end) takes the position. */
  | { op: 'save'; slot: number }
  /** Captures of the groups `groups` are cleared (start of a quantifier iteration, ECMAScript). */
  | { op: 'clear'; groups: readonly number[] }
  /** Register `reg` takes the position (start of an optional iteration). */
  | { op: 'mark'; reg: number }
  /** Fail when the iteration started at register `reg` matched nothing (ECMAScript's empty check). */
  | { op: 'progress'; reg: number }
  /** The text a group captured (the first of `groups` that has one), or nothing. */
  | { op: 'backref'; groups: readonly number[] }
  /** A lookahead: the sub-program at `start` (ending in `match`) must (or must not) match here. */
  | { op: 'look'; start: number; next: number; negate: boolean }
  | { op: 'match' };

class TooLarge extends Error {}

/** A compiled program and what it needs at run time. */
interface Program {
  code: Inst[];
  groups: number;
  registers: number;
  flags: RegexFlags;
}

function stickyFlags(flags: RegexFlags): string {
  return `y${flags.unicode ? 'u' : ''}${flags.ignoreCase ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.dotAll ? 's' : ''}`;
}

class Compiler {
  readonly code: Inst[] = [];
  /** Merge one-character alternatives into one set (off only to model a plain backtracking engine in tests). */
  merge = true;
  registers = 0;
  private readonly groupIndex = new Map<AST.CapturingGroup, number>();
  private readonly atoms = new Map<string, RegExp>();
  private readonly flagText: string;

  constructor(
    pattern: AST.Pattern,
    private readonly flags: RegexFlags,
  ) {
    this.flagText = stickyFlags(flags);
    const groups: AST.CapturingGroup[] = [];
    const walk = (n: AST.Node): void => {
      if (n.type === 'CapturingGroup') groups.push(n);
      if ('alternatives' in n) for (const a of n.alternatives) walk(a);
      if (n.type === 'Alternative') for (const e of n.elements) walk(e);
      if (n.type === 'Quantifier') walk(n.element);
    };
    walk(pattern);
    groups.sort((a, b) => a.start - b.start).forEach((g, i) => this.groupIndex.set(g, i));
  }

  get groups(): number {
    return this.groupIndex.size;
  }

  private emit(inst: Inst): number {
    if (this.code.length >= MAX_INSTRUCTIONS) throw new TooLarge();
    this.code.push(inst);
    return this.code.length - 1;
  }

  private sticky(raw: string): RegExp {
    let re = this.atoms.get(raw);
    if (!re) {
      re = new RegExp(raw, this.flagText);
      this.atoms.set(raw, re);
    }
    return re;
  }

  /** Capture groups inside a node, by index. */
  private groupsIn(node: AST.Node): number[] {
    const out: number[] = [];
    for (const [g, i] of this.groupIndex) if (g.start >= node.start && g.end <= node.end) out.push(i);
    return out;
  }

  /**
   * The one character an element matches, when it is a single atom or a group of alternatives that
   * are each one atom (`[a-z]|[0-9]|_`), without captures: such a group is one set, not a choice to
   * backtrack into (every way of matching it ends at the same place). Undefined otherwise.
   */
  private singleCharacter(e: AST.Element | AST.Alternative): AST.Node[] | undefined {
    if (e.type === 'Alternative')
      return e.elements.length === 1 ? this.singleCharacter(e.elements[0]!) : undefined;
    if (e.type === 'Character' || e.type === 'CharacterClass' || e.type === 'CharacterSet') return [e];
    if (e.type === 'Group' && !e.modifiers) {
      const out: AST.Node[] = [];
      for (const a of e.alternatives) {
        const one = this.singleCharacter(a);
        if (!one) return undefined;
        out.push(...one);
      }
      return out;
    }
    return undefined;
  }

  /** Emit one character test: a range set when it can be exact, else the engine on the source text. */
  private character(atoms: AST.Node[], raw: string): void {
    if (!this.flags.ignoreCase) {
      const sets: Ranges[] = [];
      for (const a of atoms) {
        const r = atomSet(a as AST.Character | AST.CharacterClass | AST.CharacterSet, this.flags, 'exact');
        if (r === undefined) break;
        sets.push(r);
      }
      if (sets.length === atoms.length) {
        const ranges = union(...sets);
        if (ranges.length === 2 && ranges[0] === ranges[1] && ranges[0]! < 0x10000)
          this.emit({ op: 'unit', code: ranges[0]! });
        else this.emit({ op: 'set', ranges });
        return;
      }
    }
    this.emit({ op: 'atom', re: this.sticky(raw), known: new Map() });
  }

  alternatives(alts: readonly AST.Alternative[]): void {
    // Alternatives of one character each are one set, tried first: with no capture inside, which of
    // them matched cannot change the outcome, and a choice among them is not worth backtracking into.
    const singles: AST.Node[] = [];
    const rest: AST.Alternative[] = [];
    for (const a of alts) {
      const one = this.singleCharacter(a);
      if (one) singles.push(...one);
      else rest.push(a);
    }
    const ways: (AST.Alternative | AST.Node[])[] =
      this.merge && singles.length > 1 ? [singles, ...rest] : [...alts];
    const jumps: number[] = [];
    for (let k = 0; k < ways.length; k++) {
      const last = k === ways.length - 1;
      const split = last ? -1 : this.emit({ op: 'split', first: 0, second: 0 });
      if (split >= 0) (this.code[split] as { first: number }).first = this.code.length;
      const way = ways[k]!;
      if (Array.isArray(way)) this.character(way, `(?:${way.map((n) => n.raw).join('|')})`);
      else for (const e of way.elements) this.element(e);
      if (!last) {
        jumps.push(this.emit({ op: 'jump', to: 0 }));
        (this.code[split] as { second: number }).second = this.code.length;
      }
    }
    for (const j of jumps) (this.code[j] as { to: number }).to = this.code.length;
  }

  private iteration(q: AST.Quantifier, optional: boolean, cleared: readonly number[]): void {
    const reg = optional ? this.registers++ : -1;
    if (optional) this.emit({ op: 'mark', reg });
    if (cleared.length) this.emit({ op: 'clear', groups: cleared });
    this.element(q.element);
    if (optional) this.emit({ op: 'progress', reg });
  }

  private quantifier(q: AST.Quantifier): void {
    const cleared = this.groupsIn(q.element);
    for (let k = 0; k < q.min; k++) this.iteration(q, false, cleared);
    if (q.max === Infinity) {
      const loop = this.emit({ op: 'split', first: 0, second: 0 });
      const body = this.code.length;
      this.iteration(q, true, cleared);
      this.emit({ op: 'jump', to: loop });
      const exit = this.code.length;
      this.code[loop] = q.greedy
        ? { op: 'split', first: body, second: exit }
        : { op: 'split', first: exit, second: body };
      return;
    }
    const splits: number[] = [];
    for (let k = q.min; k < q.max; k++) {
      splits.push(this.emit({ op: 'split', first: 0, second: 0 }));
      this.iteration(q, true, cleared);
    }
    const exit = this.code.length;
    for (const s of splits) {
      const body = s + 1;
      this.code[s] = q.greedy
        ? { op: 'split', first: body, second: exit }
        : { op: 'split', first: exit, second: body };
    }
  }

  element(e: AST.Element): void {
    const single = this.merge || e.type !== 'Group' ? this.singleCharacter(e) : undefined;
    if (single) {
      this.character(single, e.raw);
      return;
    }
    switch (e.type) {
      case 'Group':
        if (e.modifiers) throw new TooLarge();
        this.alternatives(e.alternatives);
        return;
      case 'CapturingGroup': {
        const i = this.groupIndex.get(e)!;
        this.emit({ op: 'save', slot: 2 * i });
        this.alternatives(e.alternatives);
        this.emit({ op: 'save', slot: 2 * i + 1 });
        return;
      }
      case 'Quantifier':
        this.quantifier(e);
        return;
      case 'Backreference': {
        const groups = Array.isArray(e.resolved) ? e.resolved : [e.resolved];
        this.emit({ op: 'backref', groups: groups.map((g) => this.groupIndex.get(g)!) });
        return;
      }
      case 'Assertion':
        if (e.kind === 'lookahead') {
          const look = this.emit({ op: 'look', start: 0, next: 0, negate: e.negate });
          const start = this.code.length;
          this.alternatives(e.alternatives);
          this.emit({ op: 'match' });
          this.code[look] = { op: 'look', start, next: this.code.length, negate: e.negate };
          return;
        }
        if (e.kind === 'lookbehind') throw new TooLarge();
        this.emit({ op: 'assert', re: this.sticky(e.raw) });
        return;
      default:
        throw new TooLarge();
    }
  }
}

/**
 * A budgeted test: true or false when the pattern decides within `steps` instructions, undefined when
 * the budget runs out first.
 */
export type BudgetedTest = (text: string, steps: number) => { matched: boolean | undefined; used: number };

// Opcodes of the assembled program (one typed array of opcodes, two of operands).
const UNIT = 0;
const SET = 1;
const ATOM = 2;
const ASSERT = 3;
const SPLIT = 4;
const JUMP = 5;
const SAVE = 6;
const CLEAR = 7;
const MARK = 8;
const PROGRESS = 9;
const BACKREF = 10;
const LOOK = 11;
const MATCH = 12;

/** The program as flat arrays: fast to run, whatever the mix of instructions. */
interface Assembled {
  op: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  /** Objects operands point to: range sets, atoms, assertion RegExps, group lists. */
  sets: Ranges[];
  atoms: { re: RegExp; known: Map<number, boolean> }[];
  asserts: RegExp[];
  lists: (readonly number[])[];
  groups: number;
  registers: number;
  flags: RegexFlags;
}

function assemble(p: Program): Assembled {
  const n = p.code.length;
  const out: Assembled = {
    op: new Uint8Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    sets: [],
    atoms: [],
    asserts: [],
    lists: [],
    groups: p.groups,
    registers: p.registers,
    flags: p.flags,
  };
  p.code.forEach((inst, i) => {
    switch (inst.op) {
      case 'unit':
        out.op[i] = UNIT;
        out.a[i] = inst.code;
        break;
      case 'set':
        out.op[i] = SET;
        out.a[i] = out.sets.push(inst.ranges) - 1;
        break;
      case 'atom':
        out.op[i] = ATOM;
        out.a[i] = out.atoms.push({ re: inst.re, known: inst.known }) - 1;
        break;
      case 'assert':
        out.op[i] = ASSERT;
        out.a[i] = out.asserts.push(inst.re) - 1;
        break;
      case 'split':
        out.op[i] = SPLIT;
        out.a[i] = inst.first;
        out.b[i] = inst.second;
        break;
      case 'jump':
        out.op[i] = JUMP;
        out.a[i] = inst.to;
        break;
      case 'save':
        out.op[i] = SAVE;
        out.a[i] = inst.slot;
        break;
      case 'clear':
        out.op[i] = CLEAR;
        out.a[i] = out.lists.push(inst.groups) - 1;
        break;
      case 'mark':
        out.op[i] = MARK;
        out.a[i] = inst.reg;
        break;
      case 'progress':
        out.op[i] = PROGRESS;
        out.a[i] = inst.reg;
        break;
      case 'backref':
        out.op[i] = BACKREF;
        out.a[i] = out.lists.push(inst.groups) - 1;
        break;
      case 'look':
        out.op[i] = LOOK;
        out.a[i] = inst.start;
        out.b[i] = inst.negate ? -inst.next - 1 : inst.next;
        break;
      case 'match':
        out.op[i] = MATCH;
        break;
    }
  });
  return out;
}

// Kinds of entries on the backtracking stack (three integers each: kind, index, value).
const BRANCH = 0;
const UNDO_CAPTURE = 1;
const UNDO_REGISTER = 2;

function inSet(r: Ranges, c: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < r[2 * mid]!) hi = mid - 1;
    else if (c > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** A growable stack of integers, kept between cells. */
class IntStack {
  data = new Int32Array(3 * 1024);
  top = 0;
  push3(x: number, y: number, z: number): void {
    if (this.top + 3 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.top++] = x;
    this.data[this.top++] = y;
    this.data[this.top++] = z;
  }
}

/** What one instruction leads to: the next one, a backtrack, or the end of the sub-program (a match). */
const GO = 0;
const FAIL = 1;
const DONE = 2;

/** The budgeted backtracking machine of one assembled program, reused from cell to cell. */
class Machine {
  private readonly caps: Int32Array;
  private readonly regs: Int32Array;
  private readonly stack = new IntStack();
  private readonly unicode: boolean;
  /** The flags of the RegExps a case-insensitive back-reference builds, or undefined. */
  private readonly ci: string | undefined;
  private input = '';
  private steps = 0;
  private limit = 0;
  private exhausted = false;
  private pc = 0;
  private pos = 0;

  constructor(private readonly p: Assembled) {
    this.caps = new Int32Array(2 * p.groups);
    this.regs = new Int32Array(p.registers);
    this.unicode = p.flags.unicode;
    this.ci = p.flags.ignoreCase ? stickyFlags(p.flags) : undefined;
  }

  run(text: string, budget: number): { matched: boolean | undefined; used: number } {
    this.input = text;
    this.steps = 0;
    this.limit = budget;
    this.exhausted = false;
    this.caps.fill(-1);
    this.regs.fill(-1);
    this.stack.top = 0;
    const end = this.exec(0, 0);
    return { matched: this.exhausted ? undefined : end >= 0, used: Math.min(this.steps, this.limit) };
  }

  /** The end position of a match of the sub-program at `startPc` (ending in MATCH) from `startPos`, or -1. */
  private exec(startPc: number, startPos: number): number {
    const base = this.stack.top;
    this.pc = startPc;
    this.pos = startPos;
    for (;;) {
      if (++this.steps > this.limit) this.exhausted = true;
      const r = this.exhausted ? FAIL : this.step();
      if (r === GO) continue;
      if (r === DONE || this.exhausted) {
        // A lookahead is atomic: its remaining alternatives are dropped.
        this.stack.top = base;
        return r === DONE ? this.pos : -1;
      }
      if (!this.backtrack(base)) return -1;
    }
  }

  /** Undo what was done since the last branch above `base`, then take its other way; false when none. */
  private backtrack(base: number): boolean {
    const stack = this.stack;
    const d = stack.data;
    while (stack.top > base) {
      const value = d[--stack.top]!;
      const index = d[--stack.top]!;
      const kind = d[--stack.top]!;
      if (kind === UNDO_CAPTURE) this.caps[index] = value;
      else if (kind === UNDO_REGISTER) this.regs[index] = value;
      else {
        this.pc = index;
        this.pos = value;
        return true;
      }
    }
    return false;
  }

  /** Run the instruction at `pc`. */
  private step(): number {
    const { op, a, b } = this.p;
    const pc = this.pc;
    switch (op[pc]) {
      case UNIT:
        return this.input.charCodeAt(this.pos) === a[pc] ? this.advance(1) : FAIL;
      case SET: {
        const c = this.unicode ? this.input.codePointAt(this.pos) : this.input.charCodeAt(this.pos);
        return c !== undefined && c === c && inSet(this.p.sets[a[pc]!]!, c)
          ? this.advance(c > 0xffff ? 2 : 1)
          : FAIL;
      }
      case ATOM:
        return this.atom();
      case ASSERT: {
        const re = this.p.asserts[a[pc]!]!;
        re.lastIndex = this.pos;
        return re.test(this.input) ? this.advance(0) : FAIL;
      }
      case SPLIT:
        this.stack.push3(BRANCH, b[pc]!, this.pos);
        this.pc = a[pc]!;
        return GO;
      case JUMP:
        this.pc = a[pc]!;
        return GO;
      case SAVE:
        this.set(UNDO_CAPTURE, this.caps, a[pc]!, this.pos);
        return this.advance(0);
      case CLEAR:
        for (const g of this.p.lists[a[pc]!]!) {
          for (let slot = 2 * g; slot <= 2 * g + 1; slot++) {
            if (this.caps[slot] !== -1) this.set(UNDO_CAPTURE, this.caps, slot, -1);
          }
        }
        return this.advance(0);
      case MARK:
        this.set(UNDO_REGISTER, this.regs, a[pc]!, this.pos);
        return this.advance(0);
      case PROGRESS:
        return this.pos === this.regs[a[pc]!] ? FAIL : this.advance(0);
      case BACKREF:
        return this.backref();
      case LOOK:
        return this.look();
      default: // MATCH
        return DONE;
    }
  }

  /** Go to the next instruction, `chars` code units further in the text. */
  private advance(chars: number): number {
    this.pos += chars;
    this.pc++;
    return GO;
  }

  /** Set a capture slot or a register, remembering its old value for backtracking. */
  private set(kind: number, into: Int32Array, index: number, value: number): void {
    this.stack.push3(kind, index, into[index]!);
    into[index] = value;
  }

  /** A character class V8 decides (once per code point, then remembered). */
  private atom(): number {
    const c = this.unicode ? this.input.codePointAt(this.pos) : this.input.charCodeAt(this.pos);
    if (c === undefined || c !== c) return FAIL;
    const atom = this.p.atoms[this.p.a[this.pc]!]!;
    let yes = atom.known.get(c);
    if (yes === undefined) {
      atom.re.lastIndex = this.pos;
      yes = atom.re.test(this.input);
      atom.known.set(c, yes);
    }
    return yes ? this.advance(c > 0xffff ? 2 : 1) : FAIL;
  }

  /** A back-reference: the text of the first of its groups that took part in the match, again. */
  private backref(): number {
    const caps = this.caps;
    const g = this.p.lists[this.p.a[this.pc]!]!.find((i) => caps[2 * i]! >= 0 && caps[2 * i + 1]! >= 0);
    if (g === undefined) return this.advance(0);
    const text = this.input.slice(caps[2 * g]!, caps[2 * g + 1]!);
    this.steps += text.length;
    if (this.ci === undefined)
      return this.input.startsWith(text, this.pos) ? this.advance(text.length) : FAIL;
    const re = new RegExp(escapeRegExp(text), this.ci);
    re.lastIndex = this.pos;
    return re.test(this.input) ? this.advance(re.lastIndex - this.pos) : FAIL;
  }

  /** A lookahead: its sub-program run from here (atomic), then on or back depending on its sign. */
  private look(): number {
    const { a, b } = this.p;
    const pc = this.pc;
    const pos = this.pos;
    const negate = b[pc]! < 0;
    const next = negate ? -b[pc]! - 1 : b[pc]!;
    const before = this.caps.slice();
    const end = this.exec(a[pc]!, pos);
    this.pc = pc;
    this.pos = pos;
    if (this.exhausted) return FAIL;
    if (end >= 0 !== negate) {
      // Captures set inside a positive lookahead stay, and are undone when backtracking past it.
      for (let s = 0; s < this.caps.length; s++) {
        if (this.caps[s] !== before[s]) this.stack.push3(UNDO_CAPTURE, s, before[s]!);
      }
      this.pc = next;
      return GO;
    }
    this.caps.set(before);
    return FAIL;
  }
}

function runner(p: Assembled): BudgetedTest {
  const machine = new Machine(p);
  return (text, budget) => machine.run(text, budget);
}

/**
 * Compile a parsed pattern (already anchored `^(?:…)$`) for the budgeted matcher, or undefined when it
 * uses what the matcher does not run (lookbehinds, modifiers) or unrolls beyond 100,000 instructions.
 * `merge: false` keeps every alternative as its own choice, as a plain backtracking engine does (tests
 * use it to count the steps such an engine takes).
 */
export function budgetedTest(
  pattern: AST.Pattern,
  flags: RegexFlags,
  options: { merge?: boolean } = {},
): BudgetedTest | undefined {
  let program: Program;
  try {
    const c = new Compiler(pattern, flags);
    c.merge = options.merge ?? true;
    c.alternatives(pattern.alternatives);
    c.code.push({ op: 'match' });
    program = { code: c.code, groups: c.groups, registers: c.registers, flags };
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
  return runner(assemble(program));
}
