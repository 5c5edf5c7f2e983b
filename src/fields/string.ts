// The `string` type and its formats (default, email, uri, uuid, binary, wkt), with the string repairs.
import type { Field } from '../schema/types.js';
import { formatOf, ok, trimSpaces, type Caster, type FieldPlanWarning, type OkResult } from './caster.js';
import { buildFoldIndex, foldValue } from '../text/fold.js';
import { readLenientNumber } from './lenient-number.js';

// python-validators' email (as Frictionless uses it): dot-atom local part, domain of labels, IDN allowed.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const EMAIL = new RegExp(
  `^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})$`,
  'u',
);
// rfc3986 with `require_presence_of("scheme")`, as Frictionless checks: a scheme is what matters. odf
// also refuses whitespace and control characters, which RFC 3986 does not allow in a URI.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\p{Cc}]*$/u;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const WKT =
  /^\s*(?:POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION|TRIANGLE|TIN|POLYHEDRALSURFACE|CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE)(?:\s*(?:ZM|Z|M))?\s*(?:EMPTY|\([\s\d.eE+\-,()A-Za-z]*\))\s*$/i;

/** Python's `base64.b64decode(s)` without `validate`: other characters are dropped, padding must fit. */
function isBase64(text: string): boolean {
  let data = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alphabet =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (c === 61) padding++;
    else if (alphabet && padding === 0) data++;
    else if (alphabet) break; // data after padding: CPython stops at a complete quantum
  }
  const rest = data % 4;
  if (rest === 1) return false;
  return rest === 0 || padding >= 4 - rest;
}

function balancedParens(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

const FORMATS: Record<string, (text: string) => boolean> = {
  email: (t) => EMAIL.test(t),
  uri: (t) => URI.test(t),
  uuid: (t) => UUID.test(t),
  binary: isBase64,
  wkt: (t) => WKT.test(t) && balancedParens(t),
};

/** Width of a digits-only pattern (`^\d{5}$`, `[0-9]{14}`, `\d{9,14}`, `^\d+$`), undefined for others. */
export function digitPatternWidth(pattern: unknown): { min: number; max: number } | undefined {
  if (typeof pattern !== 'string') return undefined;
  const m = /^\^?(?:\\d|\[0-9\])(?:\{(\d+)(?:,(\d*))?\}|(\+))\$?$/.exec(pattern);
  if (m === null) return undefined;
  if (m[3] !== undefined) return { min: 1, max: Infinity };
  const min = Number(m[1]);
  return { min, max: m[2] === undefined ? min : m[2] === '' ? Infinity : Number(m[2]) };
}

/**
 * The lenient readings of a string-like field: the allowed enum value it stands for (case, accents,
 * spaces), and for digits-only patterns, a float artefact (`3805449320029.0`, `2.1860194600013E+13`)
 * turned back into digits and lost leading zeros restored (`1053` → `01053` for `^\d{5}$`).
 */
/** Leading zeros a spreadsheet may have dropped from a fixed-width code and odf puts back. */
const MAX_LOST_ZEROS = 2;

export function stringCandidates(field: Field): (text: string) => string[] {
  const allowed = field.constraints?.enum;
  const strings = Array.isArray(allowed) ? allowed.filter((a): a is string => typeof a === 'string') : [];
  let foldIndex: Map<string, string> | undefined;
  const width = digitPatternWidth(field.constraints?.pattern);
  return (text) => {
    const out: string[] = [];
    if (strings.length > 0) {
      foldIndex ??= buildFoldIndex(strings);
      const hit = foldIndex.get(foldValue(text));
      if (hit !== undefined) out.push(hit);
    }
    if (width !== undefined) {
      const t = trimSpaces(text);
      let digits: string | undefined = /^\d+$/.test(t) ? t : undefined;
      if (digits === undefined && /^[\d.,eE+-]+$/.test(t)) {
        const n = readLenientNumber(t);
        // Only an exact integer: `3805449320029.0` yes, `1.5` no, `1,234` (ambiguous) no.
        if (n !== undefined && !n.negative && !/[^0]/.test(n.frac)) digits = n.int;
        // `2.18601946E+13` lost digits to Excel: the zeros the exponent adds are not data.
        const mantissa = /[eE]/.test(t)
          ? t
              .replace(/[eE].*$/, '')
              .replace(/\D/g, '')
              .replace(/^0+/, '')
          : '';
        if (digits !== undefined && mantissa !== '' && mantissa.replace(/0+$/, '').length > digits.length) {
          digits = undefined;
        } else if (digits !== undefined && mantissa !== '' && digits.length > mantissa.length)
          digits = undefined;
      }
      if (digits !== undefined) {
        // A spreadsheet loses the leading zeros of a code (`01053` → `1053`, `007` → `7`): one or two, never
        // more in real codes. Padding `15` to `00000000000015` would invent an identifier.
        const missing = width.min - digits.length;
        if (missing > 0 && missing <= MAX_LOST_ZEROS && width.min === width.max)
          digits = digits.padStart(width.min, '0');
        out.push(digits);
      }
    }
    return out;
  };
}

/** Compiles the caster of a `string` field. Values and canonical texts are the text itself. */
export function compileString(field: Field): Caster {
  const warnings: FieldPlanWarning[] = [];
  let format = formatOf(field);
  let check = format === 'default' ? undefined : FORMATS[format];
  if (format !== 'default' && check === undefined) {
    warnings.push({ code: 'unknown-format', params: { type: 'string', format } });
    format = 'default';
    check = undefined;
  }
  const test = check;
  const cast: (text: string) => OkResult | undefined =
    test === undefined ? (text) => ok(text, text) : (text) => (test(text) ? ok(text, text) : undefined);
  return {
    format,
    cast,
    fromJson: (json) => (typeof json === 'number' || typeof json === 'boolean' ? String(json) : undefined),
    candidates: stringCandidates(field),
    warnings,
  };
}
