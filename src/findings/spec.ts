// FindingSpec: what the catalogue knows about one finding code (level, tags, messages, hint).
import type { Finding, Level } from './types.js';

export type Lang = 'fr' | 'en';

/** Parameters passed to message and hint functions: the finding's params plus its value and location. */
export type MessageParams = Record<string, unknown> & { value?: string; fieldName?: string };

/** What `odf normalize` did to a file, for the findings it fixes only in some cases. */
export interface NormalizeEffects {
  /** Columns outside the schema are kept (`--keep-extra`). */
  keepExtra: boolean;
  /** Similarity suggestions were applied (`--accept-suggestions`). */
  acceptSuggestions: boolean;
  /** The kinds of repair made at least once (`double-encoding`…). */
  repairs: ReadonlySet<string>;
  /** Input labels and output columns absent from the output: dropped, or redacted away. */
  goneColumns: ReadonlySet<string>;
}

/** One entry of the finding catalogue. Message functions get typed params, so plurals and « guillemets » come out right. */
export interface FindingSpec {
  level: Level;
  /** 'structure' | 'table' | 'row' | 'cell' | 'source' | 'schema' | 'check' | 'privacy' … */
  tags: string[];
  title: Record<Lang, string>;
  message: Record<Lang, (p: MessageParams) => string>;
  /** A concrete way to fix it, when odf knows one; undefined when it does not apply to these params. */
  hint?: Record<Lang, (p: MessageParams) => string | undefined>;
  /**
   * When `odf normalize`'s output no longer has the problem: `always`, or a test of the finding and of
   * what normalize did. Absent: normalize does not fix it, the finding stays in its report.
   */
  fixedByNormalize?: 'always' | ((f: Finding, effects: NormalizeEffects) => boolean);
  /** Equivalent names in other validators, for docs/errors.md. */
  frictionless?: string;
  validata?: string;
}

/** French-style quoting of a user value: « value ». */
export function q(v: unknown): string {
  return `« ${String(v)} »`;
}

/** English-style quoting of a user value: "value". */
export function qe(v: unknown): string {
  return `"${String(v)}"`;
}

/** `n` followed by the singular or plural noun, in English (0 takes the plural). */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `n` followed by the singular or plural noun, in French (0 and 1 take the singular). */
export function pluralFr(n: number, one: string, many: string): string {
  return `${n} ${n <= 1 ? one : many}`;
}

/** Names of the control characters people may recognise; the others are shown as U+XXXX. */
const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x09: 'TAB',
  0x0b: 'VT',
  0x0c: 'FF',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

/**
 * Characters a terminal, a browser or a log viewer would obey rather than show: C0 controls (ESC starts
 * the sequences that clear a screen, write links or set a title; BEL rings), DEL, C1 controls (U+009B and
 * U+009D are 8-bit CSI and OSC), bidirectional controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069:
 * `evil⟨U+202E⟩txt.exe`), the XML non-characters U+FFFE/U+FFFF and lone surrogates. Line breaks are
 * matched too: they become `⏎`, since every report shows a value on one line.
 */
const CONTROLS =
  // eslint-disable-next-line no-control-regex
  /\r\n|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function showControl(c: string): string {
  if (c === '\r\n' || c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return '⏎';
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return `⟨${CONTROL_NAMES[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`}⟩`;
}

/**
 * Text with every control character made visible (`⟨ESC⟩[2J`, `⟨U+202E⟩`, `⟨BEL⟩`, line breaks as `⏎`),
 * so that nothing taken from a file (a cell, a label, a file or sheet name) is ever interpreted by the
 * terminal, browser or viewer that shows a report. Every renderer passes user text through it (see
 * src/report/escape.ts); the JSON report keeps the raw text.
 */
export function visibleControls(s: string): string {
  return s.replace(CONTROLS, showControl);
}

/**
 * A cell value as messages show it: control characters made visible (see visibleControls) and long
 * values cut to `max` characters, so that a 5,000-character cell does not flood a report. The JSON
 * keeps the value.
 */
export function displayValue(v: string, max = 100): string {
  const safe = visibleControls(v);
  if (safe.length <= max) return safe;
  // Cut between code points, never inside a surrogate pair (half a pair is not text).
  return `${Array.from(safe)
    .slice(0, max - 1)
    .join('')}…`;
}
