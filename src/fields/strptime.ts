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

/**
 * Compiles a strptime pattern (directives %Y %y %m %d %j %b %B %a %A %H %I %M %S %f %p %z %%).
 * Returns a string describing the problem when the pattern has an unknown directive or none at all
 * (a format like `YYYY-MM-DD` is a schema mistake, not a pattern).
 */
export function compileStrptime(pattern: string): StrptimePattern | string {
  let source = '';
  const order: string[] = [];
  let hasDate = false;
  let hasTime = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c !== '%') {
      // CPython turns any run of whitespace in the format into \s+.
      if (/\s/.test(c)) {
        while (i + 1 < pattern.length && /\s/.test(pattern[i + 1]!)) i++;
        source += '\\s+';
      } else source += escapeRegex(c);
      continue;
    }
    const dir = pattern[++i];
    if (dir === undefined) return `pattern ends with a lone %`;
    if (dir === '%') {
      source += '%';
      continue;
    }
    const re = DIRECTIVES[dir];
    if (re === undefined) return `unsupported directive %${dir}`;
    source += re;
    order.push(dir);
    if (DATE_DIRECTIVES.includes(dir)) hasDate = true;
    if (TIME_DIRECTIVES.includes(dir)) hasTime = true;
  }
  if (order.length === 0) return 'no directive';
  // Sticky and unanchored at the end: CPython matches, then refuses "unconverted data remains".
  const regex = new RegExp(source, 'iy');

  function parse(text: string): DateTimeParts | undefined {
    regex.lastIndex = 0;
    const match = regex.exec(text);
    if (match === null || match[0].length !== text.length) return undefined;
    let y = 1900;
    let m = 1;
    let d = 1;
    let H = 0;
    let M = 0;
    let S = 0;
    let us = 0;
    let offset: number | undefined;
    let hour12 = -1;
    let pm = -1;
    let doy = -1;
    for (let k = 0; k < order.length; k++) {
      const v = match[k + 1]!;
      switch (order[k]) {
        case 'Y':
          y = Number(v);
          break;
        case 'y':
          y = fullYear(Number(v));
          break;
        case 'm':
          m = Number(v);
          break;
        case 'd':
          d = Number(v.trim());
          break;
        case 'j':
          doy = Number(v);
          break;
        case 'b':
        case 'B':
          m = MONTHS.findIndex((n) => n.startsWith(v.toLowerCase())) + 1;
          break;
        case 'H':
          H = Number(v);
          break;
        case 'I':
          hour12 = Number(v);
          break;
        case 'p':
          pm = v.toLowerCase() === 'pm' ? 1 : 0;
          break;
        case 'M':
          M = Number(v);
          break;
        case 'S':
          S = Number(v);
          break;
        case 'f':
          us = Number(v.padEnd(6, '0'));
          break;
        case 'z':
          offset = parseOffset(v);
          break;
        default:
          break; // %a %A are read and ignored, as CPython does.
      }
    }
    if (hour12 >= 0) H = pm === 1 ? (hour12 % 12) + 12 : hour12 % 12;
    // CPython accepts a leap second (:60/:61) in the text but datetime() then refuses it.
    if (S > 59) return undefined;
    if (doy >= 0) {
      const md = fromDayOfYear(y, doy);
      if (md === undefined) return undefined;
      m = md.m;
      d = md.d;
    }
    if (!isValidDate(y, m, d) || d > daysInMonth(y, m)) return undefined;
    return { y, m, d, H, M, S, us, offset };
  }

  function format(p: DateTimeParts): string {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c !== '%') {
        out += c;
        continue;
      }
      const dir = pattern[++i];
      switch (dir) {
        case 'Y':
          out += pad(p.y, 4);
          break;
        case 'y':
          out += pad(p.y % 100, 2);
          break;
        case 'm':
          out += pad(p.m, 2);
          break;
        case 'd':
          out += pad(p.d, 2);
          break;
        case 'j': {
          let doy = p.d;
          for (let k = 1; k < p.m; k++) doy += daysInMonth(p.y, k);
          out += pad(doy, 3);
          break;
        }
        case 'B':
          out += cap(MONTHS[p.m - 1]!);
          break;
        case 'b':
          out += cap(MONTHS[p.m - 1]!.slice(0, 3));
          break;
        case 'A':
          out += cap(DAYS[weekday(p.y, p.m, p.d)]!);
          break;
        case 'a':
          out += cap(DAYS[weekday(p.y, p.m, p.d)]!.slice(0, 3));
          break;
        case 'H':
          out += pad(p.H, 2);
          break;
        case 'I':
          out += pad(p.H % 12 === 0 ? 12 : p.H % 12, 2);
          break;
        case 'p':
          out += p.H < 12 ? 'AM' : 'PM';
          break;
        case 'M':
          out += pad(p.M, 2);
          break;
        case 'S':
          out += pad(p.S, 2);
          break;
        case 'f':
          out += pad(p.us, 6);
          break;
        case 'z':
          out += formatOffset(p.offset);
          break;
        default:
          out += '%';
      }
    }
    return out;
  }

  return { pattern, parse, format, hasDate, hasTime };
}
