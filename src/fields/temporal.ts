// ISO 8601 readers and lenient readers shared by the date, time and datetime types.
import { daysInMonth, digitsAt, fullYear, isValidDate, pad } from './calendar.js';
import type { DateTimeParts } from './strptime.js';

/** Parts at midnight, naive. */
export function dateParts(y: number, m: number, d: number): DateTimeParts {
  return { y, m, d, H: 0, M: 0, S: 0, us: 0, offset: undefined };
}

/** Reads exactly `YYYY-MM-DD` at `i` (zero-padded, a real calendar date); undefined otherwise. */
export function readIsoDate(s: string, i: number): { y: number; m: number; d: number } | undefined {
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return undefined;
  const y = digitsAt(s, i, 4);
  const m = digitsAt(s, i + 5, 2);
  const d = digitsAt(s, i + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1) return undefined;
  return { y, m, d };
}

/** A time of day read from ISO text. */
export interface IsoTime {
  H: number;
  M: number;
  S: number;
  us: number;
  offset: number | undefined;
}

/**
 * Reads an ISO 8601 extended time from `i` to the end of `s`: `hh:mm:ss`, an optional fraction
 * (`.` or `,`, any number of digits, kept to microseconds) and an optional offset `Z`, `±hh:mm`, `±hhmm`
 * or `±hh` — what dateutil's isoparse accepts after Frictionless's guard (seconds are required).
 */
export function readIsoTime(s: string, i: number): IsoTime | undefined {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return undefined;
  const H = digitsAt(s, i, 2);
  const M = digitsAt(s, i + 3, 2);
  const S = digitsAt(s, i + 6, 2);
  if (H < 0 || H > 23 || M < 0 || M > 59 || S < 0 || S > 59) return undefined;
  let p = i + 8;
  let us = 0;
  const c = s.charCodeAt(p);
  if (c === 46 || c === 44) {
    const start = ++p;
    while (digitsAt(s, p, 1) >= 0) p++;
    if (p === start) return undefined;
    us = Number(s.slice(start, Math.min(p, start + 6)).padEnd(6, '0'));
  }
  if (p === s.length) return { H, M, S, us, offset: undefined };
  const z = s.charCodeAt(p);
  if (z === 90 && p + 1 === s.length) return { H, M, S, us, offset: 0 };
  if (z !== 43 && z !== 45) return undefined;
  const rest = s.length - p - 1;
  const oh = digitsAt(s, p + 1, 2);
  let om = 0;
  if (rest === 5 && s.charCodeAt(p + 3) === 58) om = digitsAt(s, p + 4, 2);
  else if (rest === 4) om = digitsAt(s, p + 3, 2);
  else if (rest !== 2) return undefined;
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
  return { H, M, S, us, offset: (z === 45 ? -1 : 1) * (oh * 60 + om) };
}

/** ISO text of a time: `hh:mm:ss`, `.ffffff` when there are microseconds, offset when aware. */
export function isoTime(p: {
  H: number;
  M: number;
  S: number;
  us: number;
  offset: number | undefined;
}): string {
  let out = `${pad(p.H, 2)}:${pad(p.M, 2)}:${pad(p.S, 2)}`;
  if (p.us !== 0) out += '.' + pad(p.us, 6).replace(/0+$/, '');
  if (p.offset !== undefined) {
    if (p.offset === 0) return out + 'Z';
    const a = Math.abs(p.offset);
    out += `${p.offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
  }
  return out;
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const YEAR_FIRST = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/;
const MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})[T ]00:00(?::00(?:[.,]0+)?)?(?:Z|[+-]00:?00)?$/;

function yearOf(text: string): number {
  return text.length === 2 ? fullYear(Number(text)) : Number(text);
}

/**
 * Reads a date people write, unambiguously: day first (`15/09/2020`, `15-09-2020`, `15.09.2020`,
 * `15/09/20`; French order, so `09/15/2020` is no date), year first with any separator
 * (`2020/09/15`, `2020-9-5`), or an ISO date-time at midnight (`2020-09-15T00:00:00`).
 */
export function readLenientDate(text: string): DateTimeParts | undefined {
  let m = DAY_FIRST.exec(text);
  if (m) {
    const y = yearOf(m[3]!);
    const mo = Number(m[2]);
    const d = Number(m[1]);
    return isValidDate(y, mo, d) ? dateParts(y, mo, d) : undefined;
  }
  m = YEAR_FIRST.exec(text) ?? MIDNIGHT.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return isValidDate(y, mo, d) ? dateParts(y, mo, d) : undefined;
  }
  return undefined;
}

const LENIENT_TIME = /^(\d{1,2})(?:[:hH](\d{2})?(?:[:mM](\d{2})(?:[.,](\d{1,6}))?)?)?$/;

/** Reads a time people write: `9:30`, `09:30`, `9h30`, `9h`, `09:30:15` (24-hour clock only). */
export function readLenientTime(text: string): IsoTime | undefined {
  const m = LENIENT_TIME.exec(text);
  if (m === null || (m[2] === undefined && !/[hH]$/.test(text))) return undefined;
  const H = Number(m[1]);
  const M = m[2] === undefined ? 0 : Number(m[2]);
  const S = m[3] === undefined ? 0 : Number(m[3]);
  if (H > 23 || M > 59 || S > 59) return undefined;
  return { H, M, S, us: m[4] === undefined ? 0 : Number(m[4].padEnd(6, '0')), offset: undefined };
}

const LENIENT_DATETIME = /^(.+?)(?:[T ]|\s+à\s+|\s+)(\d{1,2}[:hH]\d{2}(?:[:mM]\d{2}(?:[.,]\d{1,6})?)?)$/;

/** Reads a date-time people write: a lenient date, a separator, a lenient time (`15/09/2020 10:30`). */
export function readLenientDateTime(text: string): DateTimeParts | undefined {
  const m = LENIENT_DATETIME.exec(text);
  if (m === null) return undefined;
  const d = readLenientDate(m[1]!) ?? isoDateParts(m[1]!);
  const t = readLenientTime(m[2]!);
  if (d === undefined || t === undefined) return undefined;
  return { y: d.y, m: d.m, d: d.d, H: t.H, M: t.M, S: t.S, us: t.us, offset: t.offset };
}

function isoDateParts(text: string): DateTimeParts | undefined {
  if (text.length !== 10) return undefined;
  const d = readIsoDate(text, 0);
  return d && dateParts(d.y, d.m, d.d);
}

/** Milliseconds since the epoch of parts (naive parts are read as UTC). */
export function epochMs(p: DateTimeParts, days: number): number {
  return days * 86_400_000 + ((p.H * 60 + p.M - (p.offset ?? 0)) * 60 + p.S) * 1000 + Math.floor(p.us / 1000);
}
