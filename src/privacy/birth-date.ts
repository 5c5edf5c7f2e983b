// Dates in cells, read only as far as a birth-date judgement needs: the year, month and day.

/** A calendar date read from a cell. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_RE = /^(\d{4})-(\d\d)-(\d\d)(?:[T ][\d:.+\-Z]*)?$/;
const FR_RE = /^(\d\d?)[/.-](\d\d?)[/.-](\d{4})$/;

/** Read `YYYY-MM-DD` (a time part allowed) or `DD/MM/YYYY` (`.` or `-` too); undefined otherwise. */
export function parseDate(text: string): DateParts | undefined {
  let m = ISO_RE.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (m !== null) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = FR_RE.exec(text);
    if (m === null) return undefined;
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day };
}

/** True when someone born on that date would be 0 to 110 years old in `referenceYear`. */
export function isPlausibleBirthYear(year: number, referenceYear: number): boolean {
  return year <= referenceYear && year >= referenceYear - 110;
}
