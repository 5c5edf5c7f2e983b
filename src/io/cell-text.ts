// The text a person sees in a spreadsheet cell: number formats, dates and times, 15 significant digits.

/** Numbers whose decimal exponent is within this bound are written without exponent (1e21 → 1000…0). */
const MAX_EXPANDED_EXPONENT = 30;
const MS_PER_DAY = 86_400_000;

/** How a number format displays a number: plainly, zero-padded (`00000`), or as a date and/or time. */
export type FormatKind =
  | { kind: 'number' }
  | { kind: 'padded'; width: number }
  | { kind: 'fixed'; decimals: number }
  | { kind: 'datetime'; date: boolean; time: boolean; elapsed: boolean };

export const NUMBER: FormatKind = { kind: 'number' };

/**
 * Classifies a number format string (Excel or ODS as SheetJS reports it). Quoted text, escaped characters,
 * colours, locales and conditions are ignored; a format made only of zeros pads integers (codes INSEE or
 * postal codes stored as numbers, e.g. `00000`); y/d/m/h/s tokens make a date, time or date-time format.
 */
export function classifyFormat(format: string | undefined): FormatKind {
  if (!format || format === 'General' || format === '@') return NUMBER;
  const section = format.split(';')[0] ?? '';
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, elapsed ? 'h' : '')
    .replace(/General/gi, '')
    .replace(/AM\/PM|A\/P/gi, 'h')
    .replace(/E[+-]/gi, '');
  if (/^0+$/.test(bare)) return { kind: 'padded', width: bare.length };
  // `0.00`, `#0.000`: a fixed number of decimals, as the cell shows (`7.10`, an ACTES code, not `7.1`).
  const fixed = /E[+-]/i.test(section) ? null : /^#*0+\.(0+)$/.exec(bare);
  if (fixed) return { kind: 'fixed', decimals: fixed[1]!.length };
  const time = /[hs]/i.test(bare);
  const date = /[yde]/i.test(bare) || (/m/i.test(bare) && !time);
  if (!date && !time) return NUMBER;
  return { kind: 'datetime', date, time, elapsed };
}

/**
 * The shortest text that reads back as `n` (JavaScript's round-trip `String(n)`), without exponent when
 * the exponent is moderate: 1e21 → `1000000000000000000000`, 1e-7 → `0.0000001`, at the 15 significant
 * digits a spreadsheet shows: 0.1 + 0.2 gives `0.3`.
 */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  // Fast path: integers below 10^15 read as the spreadsheet shows them.
  if (Number.isInteger(n)) {
    if (Math.abs(n) < 1e15) return String(n);
  } else {
    // `String(Number(n.toPrecision(15)))` below, read off the 15 digits directly when they are written
    // without exponent (1e-6 up to 1e15): a decimal of at most 15 significant digits is the shortest text
    // of the double nearest to it (no other such decimal maps to that double), so its trailing zeros are
    // all that `Number` then `String` take away. This spares both on float noise (`7919.009999999999`).
    const fixed = n.toPrecision(15);
    if (fixed.indexOf('e') < 0) return withoutTrailingZeros(fixed);
  }
  // A number whose shortest text has at most 15 significant digits is shown as it is.
  const plain = String(n);
  if (plain.indexOf('e') < 0 && significantDigits(plain) <= 15) return plain;
  // Excel and LibreOffice show 15 significant digits: `=0.1+0.2` reads 0.3, as the user sees it, and the
  // float noise beyond (0.30000000000000004) is not data. Integers up to 15 digits are untouched.
  const s = String(Number(n.toPrecision(15)));
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  if (Math.abs(exp) > MAX_EXPANDED_EXPONENT) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * True when `text` already reads as `formatNumber(Number(text))` gives it, so a reader can keep it as it
 * is: a plain decimal (`-12`, `1234.56`, `0.000125`) with at most 15 significant digits (which a double
 * keeps exactly, so its shortest round-trip text is itself), no leading zero, no trailing zero after the
 * point, not `-0`, and between 1e-6 and 1e15 in magnitude (where JavaScript writes no exponent).
 */
export function isPlainNumberText(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 18) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let digits = 0;
  let c = text.charCodeAt(i);
  if (c === 48) {
    i++;
    if (i === n) return i === 1;
    if (text.charCodeAt(i) !== 46) return false;
    i++;
    let zeros = 0;
    while (i < n && text.charCodeAt(i) === 48) {
      zeros++;
      i++;
    }
    if (zeros > 5 || i === n) return false;
  } else {
    if (c < 49 || c > 57) return false;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === 46) break;
      if (c < 48 || c > 57) return false;
      digits++;
    }
    if (i === n) return digits <= 15;
    i++;
    if (i === n) return false;
  }
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    digits++;
  }
  return digits <= 15 && text.charCodeAt(n - 1) !== 48;
}

/** `7919.01000000000` → `7919.01`, `2.00000000000000` → `2`; a text without a decimal point unchanged. */
function withoutTrailingZeros(text: string): string {
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Count of significant digits of a plain decimal text (`-0.00120` → 3, as leading zeros do not count). */
function significantDigits(text: string): number {
  let digits = 0;
  let leading = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (leading && c === 48) continue;
    leading = false;
    digits++;
  }
  return digits;
}

/**
 * `text` with at least `decimals` decimals, as a fixed-decimals format shows it (`7.1` → `7.10`). Never
 * fewer digits than stored: a value with more decimals than the format shows keeps them all.
 */
function withDecimals(text: string, decimals: number): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const dot = text.indexOf('.');
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have >= decimals) return text;
  return `${dot < 0 ? `${text}.` : text}${'0'.repeat(decimals - have)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clockText(msOfDay: number, hours: number): string {
  const ms = msOfDay % 1000;
  const seconds = Math.floor(msOfDay / 1000);
  const base = `${pad2(hours)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return ms === 0 ? base : `${base}.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
}

/**
 * The ISO date of a whole-day serial. The 1900 system copies Lotus 1-2-3's bug: serial 60 is the
 * nonexistent 1900-02-29 (kept as text, so it is reported downstream as an invalid date) and serials 1–59
 * count from 1899-12-31; the 1904 system (old Mac Excel) counts from 1904-01-01.
 */
function dayText(days: number, date1904: boolean): string {
  if (!date1904 && days === 60) return '1900-02-29';
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * MS_PER_DAY);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * The text of a date/time serial number: `2020-09-15` for a whole day, `2020-09-15T10:30:00` with a time
 * of day, `10:30:00` for a time-only value (below one day, or under a time-only format), `36:00:00` for an
 * elapsed-time format (`[h]:mm`). Milliseconds appear only when present. Computed in UTC arithmetic, so the
 * machine's time zone never shifts a date.
 */
export function serialText(
  serial: number,
  format: FormatKind & { kind: 'datetime' },
  date1904: boolean,
): string {
  if (!Number.isFinite(serial) || serial < 0) return formatNumber(serial);
  const total = Math.round(serial * MS_PER_DAY);
  const days = Math.floor(total / MS_PER_DAY);
  const msOfDay = total - days * MS_PER_DAY;
  if (!format.date && format.elapsed) return clockText(total % 3_600_000, Math.floor(total / 3_600_000));
  const hours = Math.floor(msOfDay / 3_600_000);
  if (days === 0 && (!format.date || !date1904)) return clockText(msOfDay, hours);
  if (msOfDay === 0 && format.date) return dayText(days, date1904);
  return `${dayText(days, date1904)}T${clockText(msOfDay, hours)}`;
}

/**
 * Per-workbook number display: caches the classification of each distinct number format, and gives the
 * text of a number under a format (see formatNumber, serialText): plain, zero-padded, fixed decimals, or
 * a date/time serial in the workbook's date system.
 */
export class NumberText {
  private readonly formats = new Map<string, FormatKind>();

  constructor(readonly date1904: boolean) {}

  kindOf(format: string | undefined): FormatKind {
    if (format === undefined) return NUMBER;
    let kind = this.formats.get(format);
    if (!kind) {
      kind = classifyFormat(format);
      this.formats.set(format, kind);
    }
    return kind;
  }

  /** The text of number `v` shown under `format` (an Excel format code, or undefined for General). */
  text(v: number, format: string | undefined): string {
    return this.textOfKind(v, this.kindOf(format));
  }

  textOfKind(v: number, kind: FormatKind): string {
    if (kind.kind === 'number') return formatNumber(v);
    if (kind.kind === 'padded') {
      return Number.isSafeInteger(v) && v >= 0 ? String(v).padStart(kind.width, '0') : formatNumber(v);
    }
    if (kind.kind === 'fixed') return withDecimals(formatNumber(v), kind.decimals);
    return serialText(v, kind, this.date1904);
  }
}
