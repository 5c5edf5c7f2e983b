// The one module that imports the YAML library: parse with line numbers (for clear errors) and stringify.
import { createRequire } from 'node:module';
import type { Node } from 'yaml';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

/** The YAML library, required on first use: a run without a YAML file never loads it. */
function yaml(): Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as Yaml);
}

/** A syntax problem in a YAML text, with its 1-based line and column. */
export interface YamlProblem {
  /** The parser's message, first line only (without the excerpt it appends). */
  message: string;
  line: number;
  col: number;
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    line: e.linePos?.[0].line ?? 1,
    col: e.linePos?.[0].col ?? 1,
  }));
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

  return { value: doc.contents === null ? undefined : doc.toJS(), errors, lineOf };
}

/** Write a value as YAML (block style, two-space indent). A lone string comes out as one scalar, quoted if needed. */
export function stringifyYaml(value: unknown): string {
  return yaml().stringify(value, { lineWidth: 0 });
}
