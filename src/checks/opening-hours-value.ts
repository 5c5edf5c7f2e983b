// Custom check `opening-hours-value`: OpenStreetMap `opening_hours` syntax (the only module importing opening_hours).
import { createRequire } from 'node:module';
import type OpeningHoursType from 'opening_hours';
import type { optional_conf } from 'opening_hours';
import { columnParams, singleColumnCheck, type CellVerdict } from './columns.js';
import type { CustomCheck } from './types.js';

let parser: typeof OpeningHoursType | undefined;

/** The parser, required on first use: it takes about 0.15 s to load, and most runs never need it. */
function OpeningHours(): typeof OpeningHoursType {
  return (parser ??= createRequire(import.meta.url)('opening_hours') as typeof OpeningHoursType);
}

function conf(locale: 'fr' | 'en'): optional_conf {
  return { mode: undefined, tag_key: undefined, map_value: undefined, warnings_severity: undefined, locale };
}

/**
 * Why a value is not valid `opening_hours`:
 * - `syntax`: the parser cannot read it (its explanation in French and English);
 * - `tolerated`: the parser reads it only by correcting it (French day names `Lu-Ve`, `lundi`, `8h`,
 *   `08.00`, `8-12`, a missing space), which the strict grammar Validata applies refuses; `suggestion`
 *   is the value as the grammar writes it (`Mo-Fr`, `Mo-Fr 08:00-12:00`).
 */
export type OpeningHoursProblem =
  { reason: 'syntax'; detail: string; detailEn: string } | { reason: 'tolerated'; suggestion: string };

/**
 * A value compared with the parser's own writing of it, forgiving only what the strict grammar itself
 * allows (the one Validata's `opening_hours` library implements): letter case, a one-digit hour
 * (`8:00`), spaces around separators. Anything else the parser changed, it corrected.
 */
function strictForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*([;,\-/:|+[\]])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(^|[^\d:])(\d)(?=:\d\d)/g, '$10$2');
}

/** What is wrong with an opening_hours value, or undefined when the strict grammar reads it. */
export function openingHoursProblem(text: string): OpeningHoursProblem | undefined {
  let parsed: OpeningHoursType;
  try {
    parsed = new (OpeningHours())(text, null, conf('fr'));
  } catch (fr) {
    let en: unknown = fr;
    try {
      new (OpeningHours())(text, null, conf('en'));
    } catch (e) {
      en = e;
    }
    return { reason: 'syntax', detail: String(fr).trim(), detailEn: String(en).trim() };
  }
  const pretty = parsed.prettifyValue();
  return strictForm(pretty) === strictForm(text) ? undefined : { reason: 'tolerated', suggestion: pretty };
}

/** True when the parser reads the value at all (strictly or by correcting it): one parse, no explanation. */
export function readsOpeningHours(text: string): boolean {
  try {
    new (OpeningHours())(text, null, conf('en'));
    return true;
  } catch {
    return false;
  }
}

/** How many distinct values a column remembers the verdict of (hours repeat a lot: `Mo-Fr 08:00-18:00`). */
const CACHE_SIZE = 1000;

/**
 * `opening-hours-value`: only the strict OpenStreetMap grammar is valid, as in Validata; a value the
 * parser reads only by correcting it is an error whose params give the corrected value (`suggestion`).
 */
export const openingHoursCheck: CustomCheck = {
  name: 'opening-hours-value',
  params: columnParams,
  create(ctx) {
    const cache = new Map<string, CellVerdict>();
    return singleColumnCheck(ctx, (text) => {
      if (cache.has(text)) return cache.get(text);
      const problem = openingHoursProblem(text);
      const verdict = problem && { params: problem };
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(text, verdict);
      return verdict;
    });
  },
};
