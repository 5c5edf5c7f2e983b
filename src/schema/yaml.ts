// The one module that imports the YAML library: parse with line numbers (for clear errors) and stringify.
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { MAX_NESTING, nestsDeeperThan } from '../text/json-text.js';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

/** The YAML library, required on first use: a run without a YAML file never loads it. */
function yaml(): Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as Yaml);
}

/** A syntax problem in a YAML text, with its 1-based line and column. */
export interface YamlProblem {
  /** The parser's message, first line only (without the excerpt it appends); English. */
  message: string;
  /** The same in French when odf itself found the problem (nesting, alias bomb); else the parser's English. */
  fr: string;
  line: number;
  col: number;
}

/** `[` and `{` open deeper than this are refused before the YAML library sees them (it cannot cope). */
const MAX_FLOW_NESTING = 256;
/** Aliases (`*name`) expanded at most this many times: beyond, a « billion laughs » bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * Where flow collections (`[`, `{`) first open deeper than MAX_FLOW_NESTING, counted over the raw text
 * (quotes ignored: a real file never holds hundreds of unclosed brackets, even in strings), or undefined.
 */
function tooDeepFlow(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

const TOO_DEEP = {
  fr: `imbrication trop profonde (plus de ${MAX_NESTING} niveaux de listes ou d’objets les uns dans les autres)`,
  en: `nesting too deep (more than ${MAX_NESTING} levels of lists or objects inside each other)`,
};
const ALIAS_BOMB = {
  fr: `trop de renvois à des ancres (*alias) : plus de ${MAX_ALIAS_COUNT} copies, la marque d’une « bombe » YAML`,
  en: `too many references to anchors (*aliases): more than ${MAX_ALIAS_COUNT} copies, the mark of a YAML bomb`,
};

/** The first alias of a document (where a bomb starts), as a 1-based line and column. */
function firstAlias(doc: Document, lineCounter: LineCounter): { line: number; col: number } {
  let at: { line: number; col: number } | undefined;
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0];
      if (offset !== undefined) at = lineCounter.linePos(offset);
      return visit.BREAK;
    },
  });
  return at ?? { line: 1, col: 1 };
}

/** A parsed YAML document: its plain value plus a way to find where a key was written. */
export interface YamlDocument {
  /** The document as plain JavaScript values (maps become objects); undefined for an empty text. */
  value: unknown;
  /** Syntax errors; when not empty, `value` may be partial and should not be trusted. */
  errors: YamlProblem[];
  /**
   * The 1-based line where the node at `path` is written: for a map entry, the line of its key; for a
   * sequence item, the line of the item. Undefined when the path does not exist.
   */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Parse a YAML text, keeping the position of every node so callers can cite lines in their errors. */
export function parseYamlDocument(text: string): YamlDocument {
  const { LineCounter, isMap, isScalar, isSeq, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const refused = (problem: { fr: string; en: string }, at: { line: number; col: number }): YamlDocument => ({
    value: undefined,
    errors: [{ message: problem.en, fr: problem.fr, line: at.line, col: at.col }],
    lineOf: () => undefined,
  });
  const deep = tooDeepFlow(text);
  if (deep !== undefined) {
    const lc = new LineCounter();
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    return refused(TOO_DEEP, lc.linePos(deep));
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const errors: YamlProblem[] = doc.errors.map((e) => {
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const overflow = /call stack/i.test(message);
    return {
      message: overflow ? TOO_DEEP.en : message,
      fr: overflow ? TOO_DEEP.fr : message,
      line: e.linePos?.[0].line ?? 1,
      col: e.linePos?.[0].col ?? 1,
    };
  });
  let value: unknown;
  if (doc.contents !== null) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // The library says « Excessive alias count… » (a billion-laughs bomb) or overflows on deep aliases.
      const aliases = /alias/i.test((e as Error).message);
      if (errors.length === 0)
        return refused(
          aliases ? ALIAS_BOMB : TOO_DEEP,
          aliases ? firstAlias(doc, lineCounter) : { line: 1, col: 1 },
        );
    }
    if (errors.length === 0 && nestsDeeperThan(value)) return refused(TOO_DEEP, { line: 1, col: 1 });
  }
  const lineAt = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  function lineOf(path: readonly (string | number)[]): number | undefined {
    let node: unknown = doc.contents;
    let line = lineAt((node as Node | null)?.range?.[0]);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg),
        );
        if (!pair) return undefined;
        line = lineAt((pair.key as Node | null)?.range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) return undefined;
        line = lineAt((node as Node | null)?.range?.[0]) ?? line;
      } else {
        return undefined;
      }
    }
    return line;
  }

  return { value, errors, lineOf };
}

/** Write a value as YAML (block style, two-space indent). A lone string comes out as one scalar, quoted if needed. */
export function stringifyYaml(value: unknown): string {
  return yaml().stringify(value, { lineWidth: 0 });
}
