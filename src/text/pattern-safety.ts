// Proof that a pattern runs in linear time on a backtracking engine (V8's irregexp), or no proof.
//
// A backtracking matcher explores, one after the other, every path of the pattern's automaton that
// agrees with the input read so far. If no input can lead two different paths to the same automaton
// state at the same input position, each (state, position) pair is explored at most once, so a cell of
// n characters costs at most n × (states) × (out-degree) steps: linear. The check below builds the
// position (Glushkov) automaton of the pattern, keeping every distinct route between two positions as
// its own edge (so `(a+)+`, whose inner and outer loops give two routes from `a` to `a`, counts twice),
// and searches the product of the automaton with itself for two paths that part and meet again.
// Character sets are over-approximated (more overlap, so a stricter test) and assertions (`^`, `$`,
// `\b`) are read as always true (more paths, so a stricter test): what passes is safe.
// Back-references and lookarounds are outside this model: no proof.
import type { AST, RegexFlags } from './regex-ast.js';
import { atomSet, intersects, type Ranges } from './regex-charset.js';

/** Positions (atoms after unrolling counted repetitions) beyond which no proof is attempted. */
const MAX_POSITIONS = 20_000;
/** Edges beyond which no proof is attempted. */
const MAX_EDGES = 400_000;
/** Pairs of positions visited in the product beyond which no proof is attempted. */
const MAX_PAIRS = 400_000;

class NoProof extends Error {}

/** A sub-pattern in the position automaton: entry and exit positions (with multiplicity), ε-routes. */
interface Fragment {
  first: number[];
  last: number[];
  /** Number of distinct ways to match the empty string (0, 1, or 2 meaning "two or more"). */
  empty: number;
}

const EMPTY: Fragment = { first: [], last: [], empty: 1 };

function times<T>(list: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(...list);
  return out;
}

class Automaton {
  readonly sets: Ranges[] = [];
  readonly edges: number[][] = [];
  private edgeCount = 0;

  constructor(private readonly flags: RegexFlags) {}

  position(set: Ranges): number {
    if (this.sets.length >= MAX_POSITIONS) throw new NoProof();
    this.sets.push(set);
    this.edges.push([]);
    return this.sets.length - 1;
  }

  link(from: readonly number[], to: readonly number[]): void {
    this.edgeCount += from.length * to.length;
    if (this.edgeCount > MAX_EDGES) throw new NoProof();
    for (const p of from) this.edges[p]!.push(...to);
  }

  concat(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    return {
      first: [...a.first, ...times(b.first, a.empty)],
      last: [...b.last, ...times(a.last, b.empty)],
      empty: Math.min(2, a.empty * b.empty),
    };
  }

  alternatives(alts: readonly AST.Alternative[]): Fragment {
    const out: Fragment = { first: [], last: [], empty: 0 };
    for (const alt of alts) {
      let f = EMPTY;
      for (const e of alt.elements) f = this.concat(f, this.element(e));
      out.first.push(...f.first);
      out.last.push(...f.last);
      out.empty = Math.min(2, out.empty + f.empty);
    }
    return out;
  }

  /** `X*`: ECMAScript refuses an iteration that matches nothing, so the loop adds one ε-route only. */
  star(node: AST.QuantifiableElement): Fragment {
    const x = this.element(node);
    this.link(x.last, x.first);
    return { first: x.first, last: x.last, empty: 1 };
  }

  quantifier(q: AST.Quantifier): Fragment {
    let f = EMPTY;
    for (let k = 0; k < q.min; k++) f = this.concat(f, this.element(q.element));
    if (q.max === Infinity) return this.concat(f, this.star(q.element));
    // X{n,m} = X…X (X (X …)?)?: each optional copy is entered only after the previous one.
    let tail = EMPTY;
    for (let k = q.min; k < q.max; k++) {
      const x = this.concat(this.element(q.element), tail);
      tail = { first: x.first, last: x.last, empty: Math.min(2, x.empty + 1) };
    }
    return this.concat(f, tail);
  }

  element(e: AST.Element): Fragment {
    switch (e.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet': {
        const set = atomSet(e as AST.Character | AST.CharacterClass | AST.CharacterSet, this.flags, 'over');
        if (set === undefined) throw new NoProof();
        const p = this.position(set);
        return { first: [p], last: [p], empty: 0 };
      }
      case 'Group':
      case 'CapturingGroup':
        if (e.type === 'Group' && e.modifiers) throw new NoProof();
        return this.alternatives(e.alternatives);
      case 'Quantifier':
        return this.quantifier(e);
      case 'Assertion':
        if (e.kind === 'start' || e.kind === 'end' || e.kind === 'word') return EMPTY;
        throw new NoProof();
      default:
        // Back-references, lookarounds, v-mode class expressions.
        throw new NoProof();
    }
  }
}

/** True when no input leads two different paths of the automaton to the same position at once. */
function prefixUnambiguous(a: Automaton, start: readonly number[]): boolean {
  const n = a.sets.length;
  const outs = [start, ...a.edges.map((e) => e)];
  const id = (p: number): number => p + 1; // node 0 is the start, node p+1 is position p
  const pairs = new Set<number>();
  const queue: [number, number][] = [];
  const push = (x: number, y: number): void => {
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    const key = lo * (n + 1) + hi;
    if (pairs.has(key)) return;
    if (pairs.size >= MAX_PAIRS) throw new NoProof();
    pairs.add(key);
    queue.push([lo, hi]);
  };
  // Two paths part: the same node, two different edges on a common character.
  for (let node = 0; node <= n; node++) {
    const out = outs[node]!;
    const seen = new Set<number>();
    for (const t of out) {
      if (seen.has(t)) return false; // two routes to the same position: they meet at once
      seen.add(t);
    }
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++)
        if (intersects(a.sets[out[i]!]!, a.sets[out[j]!]!)) push(id(out[i]!), id(out[j]!));
  }
  // …and meet again: a pair of parted paths reaching one node.
  while (queue.length > 0) {
    const [x, y] = queue.pop()!;
    for (const tx of outs[x]!) {
      for (const ty of outs[y]!) {
        if (!intersects(a.sets[tx]!, a.sets[ty]!)) continue;
        if (tx === ty) return false;
        push(id(tx), id(ty));
      }
    }
  }
  return true;
}

/**
 * True when the pattern provably runs in linear time on a backtracking engine (see the module comment);
 * false when it may not, or when no proof could be made (back-references, lookarounds, a pattern too
 * large to analyse).
 */
export function isLinearOnBacktracking(pattern: AST.Pattern, flags: RegexFlags): boolean {
  try {
    const a = new Automaton(flags);
    const f = a.alternatives(pattern.alternatives);
    return prefixUnambiguous(a, f.first);
  } catch (e) {
    if (e instanceof NoProof) return false;
    throw e;
  }
}
