// JSON text → value, or the place (line, column) of its first syntax error, for sentences that cite it.

/** Line and column (1-based) of a character offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Offset of a JSON syntax error: from V8's message when it gives one, else the shortest failing prefix. */
function jsonErrorOffset(text: string, message: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/end of JSON input/.test(message)) return text.length;
  // A prefix either fails like the end of the input (still fine so far) or with a real error; find the first.
  const realError = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (e) {
      const msg = (e as Error).message;
      if (/end of JSON input/.test(msg)) return false;
      const p = /at position (\d+)/.exec(msg);
      return !(p && Number(p[1]) >= n);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (realError(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

/** A JSON syntax error: V8's message (English, for `--debug` and data) and where it is. */
export interface JsonSyntaxError {
  message: string;
  line: number;
  column: number;
}

/** Parse JSON text (a leading BOM is ignored); a syntax error comes back with its line and column. */
export function parseJsonText(text: string): { value: unknown } | { error: JsonSyntaxError } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch (e) {
    const message = (e as Error).message;
    return { error: { message, ...lineCol(body, jsonErrorOffset(body, message)) } };
  }
}

/** Nesting deeper than this (arrays and objects inside each other) is refused: real files nest a few levels. */
export const MAX_NESTING = 100;

/**
 * True when a parsed JSON or YAML value nests deeper than `max` levels. Iterative: a value 100,000 levels
 * deep (which JSON.parse accepts) must not overflow the stack of whatever reads it next.
 */
export function nestsDeeperThan(value: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
