// Text layout for terminals: display width, word wrapping with hanging indents, tables that fit a width.
import { createRequire } from 'node:module';
import { features } from 'node:process';
import type stringWidthLibrary from 'string-width';

type Width = typeof stringWidthLibrary;

/**
 * string-width, loaded on the first text the fast path below cannot measure: its Unicode tables and
 * emoji patterns take longer to load than a small report takes to lay out. A Node that cannot require
 * an ES module (before 20.19) imports it with this module instead.
 */
let library: Width | undefined = features.require_module ? undefined : (await import('string-width')).default;

/**
 * Text that is one column per UTF-16 unit whatever follows it: printable ASCII, Latin-1 and the Latin
 * extensions up to the combining marks (but the soft hyphen, which is invisible), dashes, quotes,
 * bullets and primes, €, №, ™, the arrows ← ↑ → ↓ and the marks ✓ ✗ of odf's own reports. None of these
 * joins a neighbour into one grapheme (test/report/wrap.test.ts checks each against string-width).
 */
const NARROW_TEXT =
  /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u202f-\u205e\u20ac\u2116\u2122\u2190-\u2193\u2713\u2717]*$/;

/** The width a terminal reports when it is not one (a pipe, a file): the classic 80 columns. */
export const DEFAULT_WIDTH = 80;

/** Narrowest layout odf attempts; a narrower terminal gets lines of this width. */
const MIN_WIDTH = 40;

/** Columns a text takes on a terminal (wide East Asian characters count 2, combining marks 0). */
export function displayWidth(s: string): number {
  if (NARROW_TEXT.test(s)) return s.length;
  library ??= (createRequire(import.meta.url)('string-width') as { default: Width }).default;
  return library(s);
}

/** A width to lay text out in: the terminal's, clamped to something readable; 80 when unknown. */
export function layoutWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : DEFAULT_WIDTH;
}

/** A run of text and the style to paint it with once laid out (styles are applied per line, after wrapping). */
export interface Segment {
  text: string;
  style?: (s: string) => string;
}

interface Piece {
  text: string;
  style?: (s: string) => string;
}

/** An unbreakable run: one word, possibly made of pieces in different styles. */
interface Unit {
  pieces: Piece[];
  width: number;
  /** The spaces before it (dropped when a line breaks there). */
  space: Piece | undefined;
}

// French typography keeps « with what follows and », :, ;, ?, ! with what precedes; an arrow stays
// with the word after it.
const NO_BREAK_AFTER = /[«→(]$/;
const NO_BREAK_BEFORE = /^[»:;?!)]/;

function units(segments: readonly Segment[]): Unit[] {
  const out: Unit[] = [];
  let current: Unit | undefined;
  let pendingSpace: Piece | undefined;
  for (const seg of segments) {
    for (const m of seg.text.matchAll(/(\s+)|(\S+)/g)) {
      if (m[1] !== undefined) {
        pendingSpace = pendingSpace
          ? { text: pendingSpace.text + m[1], style: pendingSpace.style }
          : { text: m[1], style: seg.style };
        continue;
      }
      const word: Piece = { text: m[2]!, style: seg.style };
      const w = displayWidth(word.text);
      const glued =
        current !== undefined &&
        (pendingSpace === undefined ||
          NO_BREAK_AFTER.test(current.pieces.at(-1)!.text) ||
          NO_BREAK_BEFORE.test(word.text));
      if (glued && current) {
        if (pendingSpace) {
          current.pieces.push(pendingSpace);
          current.width += displayWidth(pendingSpace.text);
        }
        current.pieces.push(word);
        current.width += w;
      } else {
        current = { pieces: [word], width: w, space: pendingSpace };
        out.push(current);
      }
      pendingSpace = undefined;
    }
  }
  return out;
}

function paint(pieces: Piece[]): string {
  // Adjacent pieces of one style are painted together, so a style is opened and closed once per run.
  let out = '';
  let run = '';
  let style: Piece['style'];
  for (const p of pieces) {
    if (p.style !== style) {
      out += style ? style(run) : run;
      run = '';
      style = p.style;
    }
    run += p.text;
  }
  return out + (style ? style(run) : run);
}

/** Split a unit too wide for any line into pieces of at most `room` columns (by code point). */
function hardSplit(u: Unit, room: number): Unit[] {
  const out: Unit[] = [];
  let cur: Piece[] = [];
  let width = 0;
  for (const p of u.pieces) {
    let text = '';
    for (const ch of p.text) {
      const w = displayWidth(ch);
      if (width + w > room && width > 0) {
        if (text) cur.push({ text, style: p.style });
        out.push({ pieces: cur, width, space: undefined });
        cur = [];
        text = '';
        width = 0;
      }
      text += ch;
      width += w;
    }
    if (text) cur.push({ text, style: p.style });
  }
  if (cur.length) out.push({ pieces: cur, width, space: undefined });
  if (out[0]) out[0].space = u.space;
  return out;
}

/**
 * Lay out a paragraph in `width` columns: the first line starts with `first` spaces, the next ones
 * with `rest` (a hanging indent). Lines break between words, never inside « value » quotes' edges;
 * a word longer than a whole line is cut. Styles are applied after the layout, line by line, so
 * colour codes never count as width and never straddle a line break.
 */
export function wrap(
  segments: string | readonly Segment[],
  width: number,
  first = 0,
  rest = first,
): string[] {
  const segs = typeof segments === 'string' ? [{ text: segments }] : segments;
  const lines: string[] = [];
  let pieces: Piece[] = [];
  let used = first;
  let indent = first;
  let empty = true;
  const flush = (): void => {
    lines.push(' '.repeat(indent) + paint(pieces));
    pieces = [];
    indent = rest;
    used = rest;
    empty = true;
  };
  for (const whole of units(segs)) {
    const room = Math.max(1, width - rest);
    const parts = whole.width > room ? hardSplit(whole, room) : [whole];
    for (const u of parts) {
      const spaceWidth = u.space && !empty ? displayWidth(u.space.text) : 0;
      if (!empty && used + spaceWidth + u.width > width) flush();
      if (!empty && u.space) {
        pieces.push(u.space);
        used += spaceWidth;
      }
      pieces.push(...u.pieces);
      used += u.width;
      empty = false;
    }
  }
  if (!empty || lines.length === 0) flush();
  return lines;
}

/** Options of layoutTable. */
export interface TableLayout {
  width: number;
  /** Per column: right-aligned (numbers). */
  numeric: readonly boolean[];
  /** The column that takes the room left when the table is too wide (default: the last). */
  flexible?: number;
  /** Widest a column may be when the table is too wide; longer cells continue on the next lines. */
  caps?: Readonly<Record<number, number>>;
  /**
   * Columns whose cells are never broken (names people copy): a cell wider than its column takes a line
   * of its own, the row's other cells starting on the next one.
   */
  whole?: readonly number[];
  /** Space between columns (default 2). */
  gap?: number;
}

/**
 * Lay out rows as aligned columns in `width` columns. When the natural layout is too wide, capped
 * columns shrink to their cap and the flexible column gets the room left (at least 12); cells wider
 * than their column continue on the next lines (broken at spaces or after `/`, `-`, `_`, else
 * anywhere). Returns the lines of each row.
 */
export function layoutTable(rows: readonly (readonly string[])[], o: TableLayout): string[][] {
  const gap = o.gap ?? 2;
  const n = rows[0]?.length ?? 0;
  const flex = o.flexible ?? n - 1;
  const natural = Array.from({ length: n }, (_, i) =>
    Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const widths = [...natural];
  if (natural.reduce((a, b) => a + b, 0) + gap * (n - 1) > o.width) {
    for (const [i, cap] of Object.entries(o.caps ?? {}))
      widths[Number(i)] = Math.min(natural[Number(i)]!, cap);
    const others = widths.reduce((sum, w, i) => (i === flex ? sum : sum + w), 0) + gap * (n - 1);
    widths[flex] = Math.min(natural[flex]!, Math.max(o.width - others, 12));
  }
  const pad = (s: string, w: number, right: boolean): string => {
    const fill = ' '.repeat(Math.max(0, w - displayWidth(s)));
    return right ? fill + s : s + fill;
  };
  const whole = new Set(o.whole ?? []);
  return rows.map((r) => {
    const alone: string[] = [];
    const cells = r.map((c, i) => {
      if (!whole.has(i) || displayWidth(c) <= widths[i]!) return breakCell(c, widths[i]!);
      alone.push(c);
      return [''];
    });
    const height = Math.max(...cells.map((c) => c.length));
    return [
      ...alone,
      ...Array.from({ length: height }, (_, k) =>
        cells
          .map((c, i) => pad(c[k] ?? '', widths[i]!, o.numeric[i] === true))
          .join(' '.repeat(gap))
          .trimEnd(),
      ),
    ];
  });
}

/** Created on first use: the first segmenter of a process loads ICU's break rules (tens of milliseconds). */
let graphemes: Intl.Segmenter | undefined;

/**
 * A cell cut into lines of at most `w` columns: at spaces, after `/`, `-` or `_`, else anywhere. Each
 * token and each character of a cut token is measured once, so a huge cell (a 176,000-character label of
 * a hostile file) costs linear time, not the quadratic time of measuring every growing prefix.
 */
function breakCell(s: string, w: number): string[] {
  if (displayWidth(s) <= w) return [s];
  const tokens = s.match(/[^\s/_-]*[/_-]+|\S+|\s+/g) ?? [s];
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const t of tokens) {
    const tw = displayWidth(t);
    if (used + tw <= w) {
      line += t;
      used += tw;
      continue;
    }
    if (line.trim()) out.push(line.trimEnd());
    line = '';
    used = 0;
    if (/^\s+$/.test(t)) continue;
    if (tw <= w) {
      line = t;
      used = tw;
      continue;
    }
    for (const { segment } of (graphemes ??= new Intl.Segmenter()).segment(t)) {
      const cw = displayWidth(segment);
      if (used + cw > w && line !== '') {
        out.push(line);
        line = '';
        used = 0;
      }
      line += segment;
      used += cw;
    }
  }
  if (line.trim()) out.push(line.trimEnd());
  return out;
}
