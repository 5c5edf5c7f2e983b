// Damaged text in cells: C1 control characters (a Windows-1252 file read as ISO-8859-1) and spreadsheet error values.
import type { Finding } from '../findings/types.js';

/** A C1 control character (U+0080–U+009F): never typed, always the trace of a wrong decoding. */
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

/** What each C1 control stands for when its byte was meant as Windows-1252 (five bytes have no character there). */
const WINDOWS_1252_C1: readonly (string | undefined)[] = [
  '€',
  undefined,
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  undefined,
  'Ž',
  undefined,
  undefined,
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  undefined,
  'ž',
  'Ÿ',
];

/** The character a C1 control most likely stood for (its Windows-1252 reading), or undefined. */
export function intendedCharacter(c1: string): string | undefined {
  const code = c1.charCodeAt(0);
  return code >= 0x80 && code <= 0x9f ? WINDOWS_1252_C1[code - 0x80] : undefined;
}

/**
 * Repairs C1 control characters (U+0080–U+009F) into the characters their bytes stand for in
 * Windows-1252 (U+0096 → `–`, U+0092 → `’`, U+0080 → `€`…): the damage left when Windows-1252 text was
 * decoded as ISO-8859-1 somewhere upstream. The five controls with no Windows-1252 character (U+0081,
 * U+008D, U+008F, U+0090, U+009D) are kept as they are. Pure; text without C1 controls comes back unchanged.
 */
export function repairC1Controls(text: string): string {
  if (!C1.test(text)) return text;
  return text.replace(C1_ALL, (c) => intendedCharacter(c) ?? c);
}

/** True when a text holds a C1 control character. */
export function hasC1Controls(text: string): boolean {
  return C1.test(text);
}

/**
 * Texts of spreadsheet error values as exported (English and French Excel, LibreOffice): a cell that holds
 * one is a formula that failed, not data.
 */
const ERROR_VALUES: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#NUL!',
  '#VALEUR!',
  '#NOM?',
  '#NOMBRE!',
  '#PROPAGATION!',
]);

/** True when `text` is the text of a spreadsheet error value (`#DIV/0!`, `#N/A`, `#VALEUR!`, `Err:502`…). */
export function isErrorValue(text: string): boolean {
  if (text.charCodeAt(0) === 35) return ERROR_VALUES.has(text.trim());
  return text.length === 7 && text.startsWith('Err:') && /^Err:\d{3}$/.test(text);
}

const ERROR_IN_TEXT =
  /#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|NUL!|VALEUR!|NOM\?|NOMBRE!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PROPAGATION!)|Err:\d{3}/;

/**
 * True when a chunk of text may hold damage (a C1 control, an error value): a quick test on whole chunks,
 * so that only the rows of a chunk that does are checked cell by cell. `c1` says whether the text holds
 * a C1 control when the decoder already knows (ChunkDecoder.lastC1); else the text is searched.
 */
export function mayHoldDamage(text: string, c1?: boolean): boolean {
  if (c1 ?? C1.test(text)) return true;
  return (text.includes('#') || text.includes('Err:')) && ERROR_IN_TEXT.test(text);
}

/**
 * Characters of the longest text ERROR_IN_TEXT matches (`#GETTING_DATA`, `#PROPAGATION!`): an error value
 * cut by a chunk boundary lies within this many characters on either side of it.
 */
const ERROR_SPAN = Math.max(7, ...[...ERROR_VALUES].map((v) => v.length));

/**
 * The text a chunk leaves for the next one's test (see mayHoldDamageAcross): its last ERROR_SPAN - 1
 * characters, following the ones `tail` held before it when it is shorter than that.
 */
export function damageTail(tail: string, text: string): string {
  const keep = ERROR_SPAN - 1;
  // V8 copies a slice shorter than 13 characters rather than pointing into its string: the tail keeps
  // no decoded chunk alive.
  return text.length >= keep ? text.slice(-keep) : (tail + text).slice(-keep);
}

/**
 * True when an error value may straddle the boundary between the text before `text` (whose end is
 * `tail`, see damageTail) and `text`: mayHoldDamage tests each chunk alone, and `#DI` | `V/0!` holds
 * no error value in either. The row holding such a value completes in `text`, or later as the row
 * `text` leaves unfinished, which TextPass also checks.
 */
export function mayHoldDamageAcross(tail: string, text: string): boolean {
  if (tail.length === 0) return false;
  const across = tail + text.slice(0, ERROR_SPAN - 1);
  return (across.includes('#') || across.includes('Err:')) && ERROR_IN_TEXT.test(across);
}

/** At most this many `sheet-error-cell` findings per file; the last one says how many there are in all. */
const MAX_ERROR_FINDINGS = 100;
/** Distinct C1 characters listed in the finding. */
const MAX_LISTED_C1 = 10;

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
function letters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The C1 controls of a text with their intended characters, as finding params. */
function c1List(text: string, seen: Map<string, string>): void {
  for (const m of text.matchAll(C1_ALL)) {
    if (seen.size >= MAX_LISTED_C1) return;
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (!seen.has(code)) seen.set(code, intendedCharacter(m[0]) ?? '');
  }
}

/**
 * Looks for damage in the cells of a table as they are read, and reports it in `findings`:
 * - `c1-control-characters`: one finding for the header labels, one for the data cells (its first place,
 *   the count of cells, each control with the character it likely stood for);
 * - `sheet-error-cell`: a cell whose type is error, or whose text is an error value; one finding per cell
 *   up to a cap, the last one counting them all.
 */
export class DamageTracker {
  private c1: Finding | undefined;
  private c1Cells = 0;
  private readonly c1Chars = new Map<string, string>();
  private errorFindings = 0;
  private errorCells = 0;
  private lastError: Finding | undefined;

  constructor(private readonly findings: Finding[]) {}

  /** Checks the header labels (`line`: the header's line or sheet row). */
  labels(labels: readonly string[], line: number): void {
    const chars = new Map<string, string>();
    const damaged: { label: string; repaired: string; field: number }[] = [];
    labels.forEach((label, i) => {
      if (!C1.test(label)) return;
      c1List(label, chars);
      damaged.push({ label, repaired: repairC1Controls(label), field: i + 1 });
    });
    if (damaged.length === 0) return;
    this.findings.push({
      code: 'c1-control-characters',
      level: 'warning',
      loc: { line, fieldNumber: damaged[0]!.field },
      params: {
        header: true,
        count: damaged.length,
        labels: damaged.map((d) => d.label),
        repaired: damaged.map((d) => d.repaired),
        chars: [...chars].map(([code, intended]) => ({ code, intended })),
        line,
      },
      value: damaged[0]!.label,
      fixable: true,
    });
  }

  /**
   * Checks one row: `errors` are the 0-based columns (in `cells`) whose type is error; `column0` is the
   * sheet column of `cells[0]` (for the A1 reference), `sheetRow` its 1-based row.
   */
  row(
    cells: readonly string[],
    rowNumber: number,
    line: number,
    errors?: readonly number[],
    place?: { column0: number; sheetRow: number },
  ): void {
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (cell.length === 0) continue;
      const code = cell.charCodeAt(0);
      if (code === 35 || code === 69) {
        if ((errors?.includes(c) ?? false) || isErrorValue(cell)) this.error(cell, c, rowNumber, line, place);
      } else if (errors?.includes(c)) this.error(cell, c, rowNumber, line, place);
      if (C1.test(cell)) this.c1Cell(cell, c, rowNumber, line);
    }
  }

  private error(
    value: string,
    c: number,
    rowNumber: number,
    line: number,
    place: { column0: number; sheetRow: number } | undefined,
  ): void {
    this.errorCells++;
    if (this.errorFindings >= MAX_ERROR_FINDINGS) return;
    this.errorFindings++;
    const cell = `${letters((place?.column0 ?? 0) + c)}${place?.sheetRow ?? line}`;
    this.lastError = {
      code: 'sheet-error-cell',
      level: 'warning',
      loc: { rowNumber, line, fieldNumber: c + 1 },
      params: { cell, value },
      value,
    };
    this.findings.push(this.lastError);
  }

  private c1Cell(cell: string, c: number, rowNumber: number, line: number): void {
    this.c1Cells++;
    c1List(cell, this.c1Chars);
    if (this.c1) return;
    this.c1 = {
      code: 'c1-control-characters',
      level: 'warning',
      loc: { rowNumber, line, fieldNumber: c + 1 },
      params: { count: 0, sample: cell, repaired: repairC1Controls(cell), chars: [], line },
      value: cell,
      fixable: true,
    };
    this.findings.push(this.c1);
  }

  /** Call at the end of the rows: counts are filled in. */
  end(): void {
    if (this.c1) {
      this.c1.params.count = this.c1Cells;
      this.c1.params.chars = [...this.c1Chars].map(([code, intended]) => ({ code, intended }));
    }
    if (this.lastError && this.errorCells > this.errorFindings) this.lastError.params.total = this.errorCells;
  }
}
