// The `duration` type: an ISO 8601 duration such as `P1Y2M10DT2H30M` (as Python's isodate reads it).
import type { Field } from '../schema/types.js';
import { ok, trimSpaces, type Caster } from './caster.js';

// isodate's ISO8601_PERIOD_REGEX: optional sign, each part optional, decimals with `.` or `,`.
const DURATION =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

// Seconds per unit, for ordering only: a year is 365.2425 days, a month a twelfth of it.
const UNIT_SECONDS = [31_556_952, 2_629_746, 604_800, 86_400, 3_600, 60, 1];

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s.replace(',', '.'));
}

/** Approximate length in seconds of a duration text (months and years are not fixed lengths). */
function secondsOf(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m === null) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_SECONDS.length; i++) total += num(m[i + 2]) * UNIT_SECONDS[i]!;
  return m[1] === '-' ? -total : total;
}

/**
 * Compiles the caster of a `duration` field. Values and canonical texts are the text; minimum/maximum
 * compare approximate lengths (1 year = 365.2425 days, 1 month = 1/12 year).
 */
export function compileDuration(_field: Field): Caster {
  return {
    format: 'default',
    cast(text) {
      // `P` alone or `PT` with nothing after is not a duration (isodate refuses it).
      if (!DURATION.test(text) || text.endsWith('P') || text.endsWith('T')) return undefined;
      return ok(text, text);
    },
    order: (v) => secondsOf(v as string) ?? 0,
    candidates: (text) => [trimSpaces(text).toUpperCase()],
    warnings: [],
  };
}
