// Patterns of a simple fixed form (`^\d{14}$`, `^[A-Z]{2}[0-9]+$`) compiled to an in-place test of a
// cell inside a larger text, which a regular expression cannot do without making the cell a string.
import { parseRegex, regexFlags, type AST } from '../text/regex-ast.js';
import type { CompiledPattern } from '../text/pattern.js';
import { exactDigitsTest } from '../text/digit-tests.js';

/** One step of a fixed form: a set of characters repeated between min and max times. */
interface Step {
  /** For each code below 128, 1 when it is in the set. */
  ascii: Uint8Array;
  /** The set's ranges above 127, as [low, high] pairs (inclusive). */
  ranges: number[];
  min: number;
  max: number;
}

/** The code point of a class element usable here: a BMP character outside the surrogates. */
function plainCode(value: number): number | undefined {
  return value <= 0xffff && (value < 0xd800 || value > 0xdfff) ? value : undefined;
}

/** Adds the range [lo, hi] to a step's set; false when the range touches the surrogates or the astral planes. */
function addRange(step: Step, lo: number, hi: number): boolean {
  if (lo > hi || plainCode(lo) === undefined || plainCode(hi) === undefined) return false;
  if (lo < 0xd800 && hi > 0xdfff) return false;
  for (let c = lo; c <= Math.min(hi, 127); c++) step.ascii[c] = 1;
  if (hi > 127) step.ranges.push(Math.max(lo, 128), hi);
  return true;
}

/** The step of one atom (a character, `\d`, a positive class of those), or undefined for anything else. */
function stepOf(node: AST.Node): Step | undefined {
  const step: Step = { ascii: new Uint8Array(128), ranges: [], min: 1, max: 1 };
  const add = (n: AST.Node): boolean => {
    if (n.type === 'Character') return addRange(step, n.value, n.value);
    if (n.type === 'CharacterSet') return n.kind === 'digit' && !n.negate && addRange(step, 48, 57);
    if (n.type === 'CharacterClassRange') return addRange(step, n.min.value, n.max.value);
    return false;
  };
  if (node.type === 'CharacterClass') {
    if (node.negate || node.unicodeSets) return undefined;
    for (const e of node.elements) if (!add(e)) return undefined;
    return step;
  }
  return add(node) ? step : undefined;
}

/**
 * The steps of a pattern made of one sequence (groups of one alternative flattened) of atoms, each
 * repeated a fixed or bounded number of times, anchored by `^` before and `$` after everything; at
 * most one step of variable count, so that the cell's length alone places every step. Undefined for
 * any other pattern.
 */
function stepsOf(ast: AST.Pattern): Step[] | undefined {
  const steps: Step[] = [];
  let consumed = false;
  let ended = false;
  const walk = (alternatives: readonly AST.Alternative[]): boolean => {
    if (alternatives.length !== 1) return false;
    for (const e of alternatives[0]!.elements) {
      if (e.type === 'Assertion') {
        // Without the `m` flag, `^` holds only before the first character and `$` only after the last.
        if (e.kind === 'start' && !consumed) continue;
        if (e.kind === 'end') {
          ended = true;
          continue;
        }
        return false;
      }
      if (ended) return false;
      if (e.type === 'Group' || e.type === 'CapturingGroup') {
        if (!walk(e.alternatives)) return false;
        continue;
      }
      let step: Step | undefined;
      if (e.type === 'Quantifier') {
        step = stepOf(e.element);
        if (step === undefined) return false;
        step.min = e.min;
        step.max = e.max;
      } else step = stepOf(e);
      if (step === undefined) return false;
      if (step.max === 0) continue;
      steps.push(step);
      consumed = true;
    }
    return true;
  };
  if (!walk(ast.alternatives) || !ended) return undefined;
  return steps.filter((s) => s.min !== s.max).length <= 1 ? steps : undefined;
}

/** True when the code `c` is in the step's set. */
function inStep(step: Step, c: number): boolean {
  if (c < 128) return step.ascii[c] === 1;
  const r = step.ranges;
  for (let i = 0; i < r.length; i += 2) if (c >= r[i]! && c <= r[i + 1]!) return true;
  return false;
}

/**
 * The in-place test of a compiled pattern of a simple fixed form: `test(text, start, end)` is true
 * exactly when the pattern matches the whole of `text[start, end)`, in time linear in the cell. Undefined
 * for any other pattern (alternatives, `.`, `\w`, `\s`, negated classes, characters outside the BMP,
 * case-insensitive or multiline patterns…): the cell is then made a string and given to the pattern.
 */
export function compilePatternAt(
  pattern: CompiledPattern,
): ((text: string, start: number, end: number) => boolean) | undefined {
  const flags = regexFlags(pattern.flags);
  if (flags.ignoreCase || flags.multiline) return undefined;
  const ast = parseRegex(pattern.source, flags);
  if (ast === undefined) return undefined;
  const steps = stepsOf(ast);
  if (steps === undefined) return undefined;
  let fixed = 0;
  let variable = -1;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i]!.min === steps[i]!.max) fixed += steps[i]!.min;
    else variable = i;
  }
  if (variable < 0) {
    // The commonest form: one set repeated a fixed number of times (`^\d{14}$`).
    if (steps.length === 1) {
      const only = steps[0]!;
      // The ASCII digits (`^\d{14}$`, `^[0-9]{14}$`): the shared test an identifier check may stand for.
      if (only.ranges.length === 0 && only.ascii.every((v, c) => (v === 1) === (c >= 48 && c <= 57)))
        return exactDigitsTest(fixed);
      return (text, start, end) => {
        if (end - start !== fixed) return false;
        for (let i = start; i < end; i++) if (!inStep(only, text.charCodeAt(i))) return false;
        return true;
      };
    }
  }
  const v = variable < 0 ? undefined : steps[variable]!;
  return (text, start, end) => {
    const length = end - start;
    let vary = 0;
    if (v === undefined) {
      if (length !== fixed) return false;
    } else {
      vary = length - fixed;
      if (vary < v.min || vary > v.max) return false;
    }
    let at = start;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      const stop = at + (s === variable ? vary : step.min);
      for (; at < stop; at++) if (!inStep(step, text.charCodeAt(at))) return false;
    }
    return true;
  };
}
