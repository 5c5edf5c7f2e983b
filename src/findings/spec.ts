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

/** Bidirectional controls (U+202A–U+202E, U+2066–U+2069): shown, never obeyed, so a value cannot disguise itself. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A cell value as messages show it: bidirectional controls made visible (`⟨U+202E⟩`), line breaks as `⏎`,
 * and long values cut
 * to `max` characters, so that a 5,000-character cell does not flood a report. The JSON keeps the value.
 */
export function displayValue(v: string, max = 100): string {
  const safe = v
    .replace(BIDI, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(/\r?\n|\r/g, '⏎');
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
