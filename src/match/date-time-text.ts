// Dates and times as exports write them (`01/03/2024`, `01.03.2024`, `8h30`, `2024-03-01 08:30`) read as ISO text.

/** A date: ISO `2024-03-01`, or day first with `/`, `-` or `.` (`01/03/2024`, `1-3-2024`, `01.03.2024`). */
export const DATE_VALUE = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}([/.-])\d{1,2}\1\d{4})$/;

/** A time of day: `08:30`, `8:30:00`, `8h`, `08h30`, `8 h 30` (case aside). */
export const TIME_VALUE = /^\d{1,2}(?::\d{2}(?::\d{2})?|\s?h(?:\s?\d{2})?)$/i;

const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const TIME_PARTS = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|\s?h(?:\s?(\d{2}))?)$/i;

/**
 * A date written in one value with its time: the date (as DATE_VALUE), `T` or spaces, the time (as
 * TIME_VALUE), then, after seconds, a fraction and an offset (`2024-03-01T08:30:00.000+01:00`).
 */
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}|\d{1,2}([/.-])\d{1,2}\2\d{4})(?:T|\s+)(\d{1,2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?|\s?h(?:\s?\d{2})?))(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date as `YYYY-MM-DD` (`01/03/2024`, `01-03-2024`, `01.03.2024` read day first, as French exports write it). */
export function isoDate(v: string): string {
  const m = DAY_FIRST.exec(v);
  return m ? `${m[4]}-${m[3]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v;
}

/** A time as `HH:MM:SS` (`8h30`, `8h`, `08:30`, `8:30:00`); other text is returned as it is. */
export function isoTime(v: string): string {
  const m = TIME_PARTS.exec(v);
  if (!m) return v;
  const minutes = m[2] ?? m[4] ?? '00';
  return `${m[1]!.padStart(2, '0')}:${minutes}:${m[3] ?? '00'}`;
}

/**
 * The date and the time of a value that holds both (`2024-03-01T08:30:00`, `2024-03-01 08:30`,
 * `01/03/2024 08:30`), as `YYYY-MM-DD` and `HH:MM:SS` (a fraction of a second and an offset are kept on
 * the time: `08:30:00+01:00`); undefined when the value is not such a date and time.
 */
export function splitDateTime(v: string): { date: string; time: string } | undefined {
  const m = DATE_TIME.exec(v.trim());
  if (!m) return undefined;
  const clock = m[3]!;
  const fraction = /[.,]\d+$/.exec(clock)?.[0];
  const time = isoTime(fraction ? clock.slice(0, -fraction.length) : clock);
  return {
    date: isoDate(m[1]!),
    time: `${time}${fraction ? `.${fraction.slice(1)}` : ''}${m[4] ?? ''}`,
  };
}
