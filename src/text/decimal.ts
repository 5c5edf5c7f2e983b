// Plain decimals read in one scan, exactly as Number() reads them (field casts, the column profile).

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Reads a plain decimal (`[+-]digits[.digits]`, `1.`, `.5`) in one scan, or returns undefined. With at
 * most 15 digits the value is digits / 10^k, both exact doubles, so the division is correctly rounded
 * (Clinger's fast path) and equals Number(s); longer texts go through Number(s).
 */
export function fastDecimal(s: string): number | undefined {
  return fastDecimalAt(s, 0, s.length);
}

/**
 * True when `text[start, end)` is a plain decimal fastDecimal reads (`[+-]digits[.digits]`, `1.`, `.5`),
 * without making it a string (the validation loop's cells read in place).
 */
export function isPlainDecimalAt(text: string, start: number, end: number): boolean {
  let i = start;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 43) i++;
  let digits = 0;
  let point = false;
  for (; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d >= 48 && d <= 57) digits++;
    else if (d === 46 && !point) point = true;
    else return false;
  }
  return digits > 0;
}

/**
 * True when `text[start, end)` is a plain decimal that is not empty: the in-place test of a plain
 * number field (CompiledFieldPlan.acceptsAt), one function for every such field, so that the column
 * profile can tell it (a cell it accepts is one fastDecimalAt reads: the profile reads it once).
 */
export function plainDecimalAt(text: string, start: number, end: number): boolean {
  return start < end && isPlainDecimalAt(text, start, end);
}

/**
 * fastDecimal of `text[start, end)` read in place, without making it a string (the column profile's
 * cells read in place); only a text of more than 15 digits is made a string, for Number().
 */
export function fastDecimalAt(text: string, start: number, end: number): number | undefined {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0) point = digits;
    else return undefined;
  }
  if (digits === 0) return undefined;
  if (digits > 15) return Number(text.slice(start, end));
  const v = point < 0 ? mantissa : mantissa / POW10[digits - point]!;
  return negative ? -v : v;
}
