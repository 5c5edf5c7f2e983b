// The one module that imports the regular-expression parser: JavaScript pattern text → syntax tree.
import { createRequire } from 'node:module';
import type { AST, RegExpParser as Parser } from '@eslint-community/regexpp';

export type { AST };

/** Flags a pattern is compiled with, as odf uses them (`u` for Unicode mode, `i`, `m`, `s`). */
export interface RegexFlags {
  unicode: boolean;
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** Flags from a JavaScript flag string. */
export function regexFlags(flags: string): RegexFlags {
  return {
    unicode: flags.includes('u'),
    ignoreCase: flags.includes('i'),
    multiline: flags.includes('m'),
    dotAll: flags.includes('s'),
  };
}

let loaded: typeof Parser | undefined;

/**
 * The parser, loaded (its CommonJS build, synchronously) on the first pattern odf reads: a run whose
 * schema has none (or only patterns known beforehand) never loads it.
 */
function parser(): typeof Parser {
  loaded ??= (createRequire(import.meta.url)('@eslint-community/regexpp') as { RegExpParser: typeof Parser })
    .RegExpParser;
  return loaded;
}

/**
 * The syntax tree of a JavaScript regular expression source (what `new RegExp(source, flags)` runs),
 * or undefined when the parser refuses it. ECMAScript 2022 syntax: the one Node 20 runs.
 */
export function parseRegex(source: string, flags: RegexFlags): AST.Pattern | undefined {
  const RegExpParser = parser();
  try {
    return new RegExpParser({ ecmaVersion: 2022 }).parsePattern(source, 0, source.length, {
      unicode: flags.unicode,
    });
  } catch {
    return undefined;
  }
}
