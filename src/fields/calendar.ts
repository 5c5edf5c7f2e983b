// Calendar arithmetic shared by the temporal types: real calendar dates, padding, day counts.

/** True for Gregorian leap years (proleptic, as Python's datetime). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days of month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** True when y-m-d is a real calendar date with 1 ≤ y ≤ 9999 (Python's datetime.date range). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `n` written with at least `width` digits. */
export function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** ISO text YYYY-MM-DD of a date. */
export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Value of the decimal digit at `i` in `s`, or -1 when it is not an ASCII digit. */
export function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of the `n` ASCII digits starting at `i`, or -1 when one of them is not a digit. */
export function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Day of year (1-based) → month and day, or undefined when out of range. */
export function fromDayOfYear(y: number, doy: number): { m: number; d: number } | undefined {
  if (doy < 1 || doy > (isLeapYear(y) ? 366 : 365)) return undefined;
  let m = 1;
  let left = doy;
  while (left > daysInMonth(y, m)) {
    left -= daysInMonth(y, m);
    m++;
  }
  return { m, d: left };
}

/** Two-digit year as Python's %y reads it (POSIX): 69–99 → 1969–1999, 00–68 → 2000–2068. */
export function fullYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (valid for every year, unlike Date.UTC for 0–99). */
export function epochDays(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
