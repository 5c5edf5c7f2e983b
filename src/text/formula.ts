// Spreadsheet formula safety (CSV injection, OWASP): spot cells a spreadsheet would run, never create
// one by a repair, and escape them on request (the column-wide finding: src/checks/formula-like-text.ts).
//
// Excel and LibreOffice evaluate a CSV cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`
// leaks data, `=cmd|' /C calc'!A0` runs a program through DDE); a leading tab or carriage return is
// stripped by some importers first. OWASP's advice is to prefix such cells with a single quote, which
// spreadsheets read as "text". Doing it always would damage honest data (`-5`, `+33 1 23 45 67 89`,
// `@mairie`), so odf reports the cells that read as formulas, and escapes only when asked.
/** Characters OWASP lists as starting a formula: `=`, `+`, `-`, `@`, tab, carriage return. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
/** What spreadsheets evaluate without any importer trimming first. */
const LIVE = new Set(['=', '+', '-', '@']);
/** A number as a spreadsheet reads it: never a formula, whatever its sign. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?$/;
/** A function call (`SUM(`, `HYPERLINK(`, `cmd(`) or a DDE pipe (`cmd|'…'`). */
const FORMULA_SYNTAX = /[A-Za-z][A-Za-z0-9_.]*\(|\|/;
/** Leading characters an importer may drop before reading a formula: spaces and control characters. */
// eslint-disable-next-line no-control-regex
const LEADING_BLANKS = /^[\s\x00-\x1f]+/;

/**
 * True when a spreadsheet opening the CSV would run this text as a formula: it starts (after spaces and
 * control characters an importer may strip) with `=`, or with `+`, `-` or `@` followed by a function
 * call or a DDE pipe. Numbers, phone numbers (`+33 1 23 45 67 89`), handles (`@mairie`) and dashes
 * (`- voir plus bas`) are not formulas.
 */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const s = TRIGGERS.has(text[0]!) || LEADING_BLANKS.test(text) ? text.replace(LEADING_BLANKS, '') : text;
  const c = s[0];
  if (c === '=') return true;
  if (c === '+' || c === '-' || c === '@') return FORMULA_SYNTAX.test(s);
  return false;
}

/** True when the text reads as a formula right from its first character (no importer trimming needed). */
function isLiveFormula(text: string): boolean {
  return text.length > 0 && LIVE.has(text[0]!) && looksLikeFormula(text);
}

/**
 * True when rewriting `from` as `to` would turn an inert cell into a live formula (`"\t=1+1"` trimmed to
 * `=1+1`): such a repair must not be made.
 */
export function createsFormula(from: string, to: string): boolean {
  return isLiveFormula(to) && !isLiveFormula(from);
}

/**
 * OWASP's escape: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`,
 * except a plain number (`-5`, `+3.5`), which a spreadsheet reads as a number, never as a formula.
 */
export function escapeFormula(text: string): string {
  if (text.length === 0 || !TRIGGERS.has(text[0]!) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}
