// A strptime/strftime subset compiler for date, time and datetime patterns (`%d/%m/%Y`), as Python reads them.
import { daysInMonth, fromDayOfYear, fullYear, isValidDate, pad } from './calendar.js';

/** The parts of a date/time read from text. Absent parts take Python's defaults (1900-01-01 00:00:00). */
export interface DateTimeParts {
  y: number;
  m: number;
  d: number;
  H: number;
  M: number;
  S: number;
  /** Microseconds. */
  us: number;
  /** UTC offset in minutes, undefined for naive values. */
  offset: number | undefined;
}

/** A compiled pattern: a reader and a writer. */
export interface StrptimePattern {
  pattern: string;
  /** Reads the whole text or returns undefined (unknown text, impossible date, data left over). */
  parse(text: string): DateTimeParts | undefined;
  /** Writes parts with the pattern, like Python's strftime. */
  format(p: DateTimeParts): string;
  /** The pattern has at least one date directive (%Y %y %m %d %j %b %B). */
  hasDate: boolean;
  /** The pattern has at least one time directive (%H %I %M %S %f %p %z). */
  hasTime: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

// The regular expressions of CPython's Lib/_strptime.py (C locale), so the same texts are accepted.
const DIRECTIVES: Record<string, string> = {
  d: '(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])',
  f: '([0-9]{1,6})',
  H: '(2[0-3]|[0-1]\\d|\\d)',
  I: '(1[0-2]|0[1-9]|[1-9])',
  j: '(36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])',
  m: '(1[0-2]|0[1-9]|[1-9])',
  M: '([0-5]\\d|\\d)',
  S: '(6[01]|[0-5]\\d|\\d)',
  y: '(\\d\\d)',
  Y: '(\\d\\d\\d\\d)',
  z: '([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z)',
  B: `(${MONTHS.join('|')})`,
  b: `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`,
  A: `(${DAYS.join('|')})`,
  a: `(${DAYS.map((d) => d.slice(0, 3)).join('|')})`,
  p: '(am|pm)',
};
const DATE_DIRECTIVES = 'YymdjbB';
const TIME_DIRECTIVES = 'HIMSfpz';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function weekday(y: number, m: number, d: number): number {
  // Monday = 0, as Python's date.weekday().
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function formatOffset(offset: number | undefined): string {
  if (offset === undefined) return '';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
}

function parseOffset(z: string): number {
  if (z === 'Z' || z === 'z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(/:/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** A pattern translated to a regular expression: its source and the directive of each capture group. */
interface Translated {
  source: string;
  order: string[];
  hasDate: boolean;
  hasTime: boolean;
}

/** The regular expression of a strptime pattern, or a string describing why there is none. */
function translate(pattern: string): Translated | string {
  const t: Translated = { source: '', order: [], hasDate: false, hasTime: false };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c !== '%') {
      // CPython turns any run of whitespace in the format into \s+.
      if (/\s/.test(c)) {
        while (i + 1 < pattern.length && /\s/.test(pattern[i + 1]!)) i++;
        t.source += '\\s+';
      } else t.source += escapeRegex(c);
      continue;
    }
    const dir = pattern[++i];
    if (dir === undefined) return `pattern ends with a lone %`;
    if (dir === '%') {
      t.source += '%';
      continue;
    }
    const re = DIRECTIVES[dir];
    if (re === undefined) return `unsupported directive %${dir}`;
    t.source += re;
    t.order.push(dir);
    if (DATE_DIRECTIVES.includes(dir)) t.hasDate = true;
    if (TIME_DIRECTIVES.includes(dir)) t.hasTime = true;
  }
  return t.order.length === 0 ? 'no directive' : t;
}

/** What the directives of one text have read so far (CPython's defaults: 1900-01-01 00:00:00). */
interface Reading extends DateTimeParts {
  hour12: number;
  pm: number;
  doy: number;
}

/** Read the text `v` one directive captured. */
function readDirective(r: Reading, dir: string, v: string): void {
  switch (dir) {
    case 'Y':
      r.y = Number(v);
      break;
    case 'y':
      r.y = fullYear(Number(v));
      break;
    case 'm':
      r.m = Number(v);
      break;
    case 'd':
      r.d = Number(v.trim());
      break;
    case 'j':
      r.doy = Number(v);
      break;
    case 'b':
    case 'B':
      r.m = MONTHS.findIndex((n) => n.startsWith(v.toLowerCase())) + 1;
      break;
    case 'H':
      r.H = Number(v);
      break;
    case 'I':
      r.hour12 = Number(v);
      break;
    case 'p':
      r.pm = v.toLowerCase() === 'pm' ? 1 : 0;
      break;
    case 'M':
      r.M = Number(v);
      break;
    case 'S':
      r.S = Number(v);
      break;
    case 'f':
      r.us = Number(v.padEnd(6, '0'));
      break;
    case 'z':
      r.offset = parseOffset(v);
      break;
    default:
      break; // %a %A are read and ignored, as CPython does.
  }
}

/** The parts read, once every directive is: 12-hour clock and day of year resolved, the date checked. */
function finishReading(r: Reading): DateTimeParts | undefined {
  let { H, m, d } = r;
  if (r.hour12 >= 0) H = r.pm === 1 ? (r.hour12 % 12) + 12 : r.hour12 % 12;
  // CPython accepts a leap second (:60/:61) in the text but datetime() then refuses it.
  if (r.S > 59) return undefined;
  if (r.doy >= 0) {
    const md = fromDayOfYear(r.y, r.doy);
    if (md === undefined) return undefined;
    m = md.m;
    d = md.d;
  }
  if (!isValidDate(r.y, m, d) || d > daysInMonth(r.y, m)) return undefined;
  return { y: r.y, m, d, H, M: r.M, S: r.S, us: r.us, offset: r.offset };
}

/** The text one directive writes for parts (CPython's strftime). */
function writeDirective(dir: string | undefined, p: DateTimeParts): string {
  switch (dir) {
    case 'Y':
      return pad(p.y, 4);
    case 'y':
      return pad(p.y % 100, 2);
    case 'm':
      return pad(p.m, 2);
    case 'd':
      return pad(p.d, 2);
    case 'j': {
      let doy = p.d;
      for (let k = 1; k < p.m; k++) doy += daysInMonth(p.y, k);
      return pad(doy, 3);
    }
    case 'B':
      return cap(MONTHS[p.m - 1]!);
    case 'b':
      return cap(MONTHS[p.m - 1]!.slice(0, 3));
    case 'A':
      return cap(DAYS[weekday(p.y, p.m, p.d)]!);
    case 'a':
      return cap(DAYS[weekday(p.y, p.m, p.d)]!.slice(0, 3));
    case 'H':
      return pad(p.H, 2);
    case 'I':
      return pad(p.H % 12 === 0 ? 12 : p.H % 12, 2);
    case 'p':
      return p.H < 12 ? 'AM' : 'PM';
    case 'M':
      return pad(p.M, 2);
    case 'S':
      return pad(p.S, 2);
    case 'f':
      return pad(p.us, 6);
    case 'z':
      return formatOffset(p.offset);
    default:
      return '%';
  }
}

/**
 * Compiles a strptime pattern (directives %Y %y %m %d %j %b %B %a %A %H %I %M %S %f %p %z %%).
 * Returns a string describing the problem when the pattern has an unknown directive or none at all
 * (a format like `YYYY-MM-DD` is a schema mistake, not a pattern).
 */
export function compileStrptime(pattern: string): StrptimePattern | string {
  const t = translate(pattern);
  if (typeof t === 'string') return t;
  const { order } = t;
  // Sticky and unanchored at the end: CPython matches, then refuses "unconverted data remains".
  const regex = new RegExp(t.source, 'iy');

  function parse(text: string): DateTimeParts | undefined {
    regex.lastIndex = 0;
    const match = regex.exec(text);
    if (match === null || match[0].length !== text.length) return undefined;
    const r: Reading = {
      y: 1900,
      m: 1,
      d: 1,
      H: 0,
      M: 0,
      S: 0,
      us: 0,
      offset: undefined,
      hour12: -1,
      pm: -1,
      doy: -1,
    };
    for (let k = 0; k < order.length; k++) readDirective(r, order[k]!, match[k + 1]!);
    return finishReading(r);
  }

  function format(p: DateTimeParts): string {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      out += c === '%' ? writeDirective(pattern[++i], p) : c;
    }
    return out;
  }

  return { pattern, parse, format, hasDate: t.hasDate, hasTime: t.hasTime };
}
