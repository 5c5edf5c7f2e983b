// A small glob matcher (`**`, `*`, `?`, `[…]`, `{a,b}`) for file patterns on the command line and in odf.config.yaml.
import { boundedRegex, type BoundedRegex } from '../text/pattern.js';

const MAGIC = /[*?[{]/;

/** True when the text holds a glob character (`*`, `?`, `[` or `{`). */
export function isGlob(text: string): boolean {
  return MAGIC.test(text);
}

function escapeChar(c: string): string {
  return /[\\^$.|+()[\]{}*?/]/.test(c) ? `\\${c}` : c;
}

/** Translate glob text from `i` up to a `stop` character at brace depth 0; returns the regex source and the end. */
function translate(p: string, i: number, inBrace: boolean): { src: string; end: number } {
  let src = '';
  while (i < p.length) {
    const c = p[i]!;
    if (inBrace && (c === ',' || c === '}')) return { src, end: i };
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches any number of directories, none included; a final `**` matches everything below.
          if (i + 2 === p.length) src += '.*';
          else {
            src += '(?:[^/]+/)*';
            i++;
          }
          i += 2;
          continue;
        }
      }
      src += '[^/]*';
      while (p[i + 1] === '*') i++;
    } else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) src += '\\[';
      else {
        let body = p.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        src += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const alternatives: string[] = [];
      let j = i + 1;
      let close = -1;
      for (;;) {
        const part = translate(p, j, true);
        alternatives.push(part.src);
        if (p[part.end] === '}') {
          close = part.end;
          break;
        }
        if (p[part.end] !== ',') break;
        j = part.end + 1;
      }
      if (close < 0) src += '\\{';
      else {
        src += `(?:${alternatives.join('|')})`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      src += escapeChar(p[++i]!);
    } else src += escapeChar(c);
    i++;
  }
  return { src, end: i };
}

/**
 * Compile a glob into an anchored test over `/`-separated paths. `*` and `?` never cross a `/`;
 * `**` as a whole segment matches any number of directories (none included); `[abc]`, `[!abc]` and
 * `{csv,xlsx}` (nestable) work as in a shell. A backslash escapes the next character. The test runs in
 * linear time (`*a*a*a*a*b` on a long name backtracked for ever as a plain RegExp): see boundedRegex.
 * @throws SyntaxError for a glob that makes no valid pattern.
 */
export function globToRegExp(pattern: string): BoundedRegex {
  return boundedRegex(`^${translate(pattern, 0, false).src}$`);
}

/** The leading segments of a pattern that hold no glob character (the directory to walk), '' when none. */
export function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const out: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (isGlob(s)) break;
    out.push(s);
  }
  return out.join('/');
}
