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

/** The parser's explanation of why a value is not valid `opening_hours` syntax, in French and English. */
export function openingHoursProblem(text: string): { detail: string; detailEn: string } | undefined {
  try {
    new (OpeningHours())(text, null, conf('fr'));
    return undefined;
  } catch (fr) {
    let en: unknown = fr;
    try {
      new (OpeningHours())(text, null, conf('en'));
    } catch (e) {
      en = e;
    }
    return { detail: String(fr).trim(), detailEn: String(en).trim() };
  }
}

/** How many distinct values a column remembers the verdict of (hours repeat a lot: `Mo-Fr 08:00-18:00`). */
const CACHE_SIZE = 1000;

/**
 * `opening-hours-value`. Only parse errors are findings; the parser's warnings (`8h` instead of
 * `08:00`, rules without a time) are not, as in Validata.
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
