// The one repair policy of normalize: which repairs a cell gets, in which order, and how they are counted.
import type { CellResult } from '../fields/types.js';
import type { Field, TableSchema } from '../schema/types.js';
import { repairDoubleEncoding } from '../io/encoding.js';
import { hasC1Controls, repairC1Controls } from '../io/damage.js';
import { codeValidators } from '../checks/code-validators.js';
import { compactIdentifier } from '../checks/siret.js';
import type { CellEvaluator, UnacceptedList } from '../validate/types.js';
import { createsFormula } from '../text/formula.js';
import { digitsWithin, type InPlaceTest } from '../text/digit-tests.js';
import { plainDecimalAt } from '../text/decimal.js';
import { unambiguousDecimalAt } from '../text/unambiguous-decimal.js';
import { maySpace } from '../text/spaces.js';
import { nonEmptyAt } from '../fields/compile.js';
import {
  frenchToPlainNumber,
  mayReadBothWaysAt,
  serialToIsoDate,
  type ColumnDecision,
  type InPlaceGuarantees,
} from './analyze.js';

/** Kinds of repair odf makes, each counted per column. */
export type RepairKind =
  | 'label'
  | 'whitespace'
  | 'french-number'
  | 'date-format'
  | 'serial-date'
  | 'boolean'
  | 'enum'
  | 'leading-zeros'
  | 'double-encoding'
  | 'c1-control'
  | 'identifier-spaces'
  | 'list-to-array'
  | 'float-artefact'
  | 'canonical'
  | 'other';

/** How many cells of one column got one kind of repair. */
export interface RepairCount {
  field: string;
  kind: RepairKind;
  count: number;
  /** One example, before → after. */
  example?: { from: string; to: string };
}

type ErrorResult = Extract<CellResult, { kind: 'error' }>;

/** A repair offered for the current row's cell of a field, counted once the row shows it was kept. */
interface Attempt {
  kind: RepairKind;
  from: string;
  to: string;
  /** A rewrite is tried before the checks; a repair after a failure. */
  by: 'rewrite' | 'repair';
}

function typeOf(field: Field): string {
  return String(field.type ?? 'string');
}

const SURROUNDING_SPACE = /^[\s\u00a0\u202f]|[\s\u00a0\u202f]$/;
const SURROUNDING_SPACES = /^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g;
const SERIAL_LIKE = /^\d{4,5}(?:\.0+)?$/;
const DAY_MONTH_LIKE = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/;
const DIGITS = /^\d+$/;

/**
 * False when neither end of the text can be a space of SURROUNDING_SPACE (the test most cells pass
 * without a regex).
 */
function maySurroundSpace(text: string): boolean {
  return text.length > 0 && (maySpace(text.charCodeAt(0)) || maySpace(text.charCodeAt(text.length - 1)));
}

/** True when `text[start, end)` holds a C1 control character (U+0080 to U+009F, see hasC1Controls). */
function hasC1At(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) return true;
  }
  return false;
}

/**
 * The longest cell of a short code column (its `maxLength` at most this), whose in-place test also asks
 * for printable ASCII: a nature, a function or an operation code is ASCII in practice, and its few
 * characters are looked at once there, where the column tally would look at them again on every row
 * (see RepairPolicy.ascii). A longer text (a label) often holds accents: each such cell would be
 * evaluated, not accepted in place.
 */
const SHORT_CODE = 16;

/** True when `text[start, end)` is printable ASCII only (U+0020 to U+007E). */
function printableAsciiAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/** True when `text[start, end)` is ASCII digits only. */
function digitsAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * True when the field's valid texts are those of its `enum`, each left as it is by the rewrite tried
 * before the checks: not empty, no space of maySurroundSpace at either end, no C1 control character.
 */
function plainEnum(field: Field): boolean {
  const allowed = field.constraints?.enum;
  return (
    Array.isArray(allowed) &&
    allowed.length > 0 &&
    allowed.every(
      (t) => typeof t === 'string' && maySurroundSpace(t) === false && t !== '' && !hasC1Controls(t),
    )
  );
}

/** `01/02/2020`: day-first or month-first, both readings are dates (unlike `15/09/2020` or `09/15/2020`). */
function readsBothWays(text: string): boolean {
  const m = DAY_MONTH_LIKE.exec(text);
  return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12;
}

/** The kind of a repair the field's own lenient reading made. */
function classify(field: Field, from: string, to: string, r: ErrorResult): RepairKind {
  if (to === from.replace(SURROUNDING_SPACES, '')) return 'whitespace';
  const type = typeOf(field);
  if (type === 'array') return 'list-to-array';
  if (type === 'boolean') return 'boolean';
  if (type === 'date' || type === 'datetime' || type === 'time' || type === 'yearmonth') return 'date-format';
  if (r.params.constraint === 'enum') return 'enum';
  return /^\d+$/.test(to) ? 'leading-zeros' : 'other';
}

/** The digits of an integer code written as a float (`38047555800058.0`, `2.1860194600013E+13`), if exact. */
export function floatArtefactDigits(text: string): string | undefined {
  const m = /^(\d+)\.0+$/.exec(text);
  if (m) return m[1];
  if (!/^\d(?:\.\d+)?[eE]\+?\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? String(n) : undefined;
}

/**
 * The repairs of one file, and their counts. As InPlaceGuarantees, what the in-place tests of its
 * evaluators promise of the cells they accept (the column tally skips such cells).
 */
export interface Repairer extends InPlaceGuarantees {
  /**
   * How a field's cells are evaluated with repairs (undefined: no repair applies to the field). Given
   * the plan's in-place test (CompiledFieldPlan.acceptsAt), the evaluator tests in place the cells no
   * repair would change (CellEvaluator.acceptsAt).
   */
  evaluator(
    fieldIndex: number,
    evaluate: (text: string) => CellResult,
    acceptsAt?: InPlaceTest,
  ): CellEvaluator;
  /**
   * After a row is cast: count the repairs it kept (a rewrite when the cell holds it, a repair when the
   * cell came back valid), and the valid values written in another, canonical form. A result that is
   * `accepted` (the loop's marker of a cell accepted in place: valid as read) changed nothing; given the
   * row's fields whose result is not `accepted` (`unaccepted`), only those are looked at.
   */
  settle(
    texts: readonly string[],
    results: readonly (CellResult | undefined)[],
    accepted?: CellResult,
    unaccepted?: UnacceptedList,
  ): void;
  /** Count a header renamed to its field's name. */
  label(field: string, from: string): void;
  /** The repairs counted so far, per field and kind, in the order first met. */
  counts(): RepairCount[];
  /** True when some cell was repaired this way. */
  made(kind: RepairKind): boolean;
  /**
   * Whether the cells to come may hold C1 control characters (true until said otherwise). When false,
   * string cells are not searched for them: the caller says true again before the first row that may
   * hold one (normalize asks the reader, which reports every cell that does as it reads it).
   */
  c1Controls(possible: boolean): void;
}

/**
 * The repair policy of normalize over one schema and the column-wide decisions (src/repair/analyze.ts).
 * Per cell, in order: a rewrite tried before the checks (double encoding, surrounding spaces, float
 * artefacts in identifier columns), kept only when the rewritten cell is valid; then, on a failure, the
 * column-wide repair (French numbers, serial dates, double encoding) or else the field's own lenient
 * reading (day-first dates, Oui/Non, enum case, lost zeros) — numbers only through the column-wide
 * decision, never a serial number among real dates, never a day-first reading in a column that shows
 * month-first dates, never a code its identifier check refuses. A repaired text that still fails is
 * reported as the original.
 */
export function createRepairer(
  schema: TableSchema,
  decisions: ReadonlyMap<string, ColumnDecision>,
): Repairer {
  return new RepairPolicy(schema, decisions);
}

/** The column-wide repair of a cell that failed its field, when the column's decision allows one. */
function columnRepair(
  field: Field,
  text: string,
  d: ColumnDecision | undefined,
): { fixed: string; kind: RepairKind } | undefined {
  const type = typeOf(field);
  if (type === 'number' || type === 'integer') {
    const trimmed = text.trim();
    const french = d?.frenchNumbers ? frenchToPlainNumber(trimmed) : undefined;
    if (french !== undefined) return { fixed: french, kind: 'french-number' };
    return trimmed !== text ? { fixed: trimmed, kind: 'whitespace' } : undefined;
  }
  if (type === 'date' || type === 'datetime') {
    if (!d?.serialDates) return undefined;
    const iso = serialToIsoDate(text);
    if (iso === undefined || (field.format && field.format !== 'default')) return undefined;
    return { fixed: type === 'date' ? iso : `${iso}T00:00:00`, kind: 'serial-date' };
  }
  const de = d?.doubleEncoded ? repairDoubleEncoding(text) : undefined;
  return de === undefined ? undefined : { fixed: de, kind: 'double-encoding' };
}

/** SIRET and SIREN checks: people group their digits (`213 300 049`), python-stdnum compacts them. */
const GROUPED_ID_CHECKS = new Set(['siret', 'french-siret-value', 'siren', 'french-siren-value']);

/** The fields a SIRET or SIREN check reads. */
function groupedIdentifierFields(schema: TableSchema): Set<string> {
  const out = new Set<string>();
  for (const c of schema.custom_checks ?? [])
    if (GROUPED_ID_CHECKS.has(c.name)) out.add(String(c.params?.column ?? ''));
  return out;
}

class RepairPolicy implements Repairer {
  private readonly fields: readonly Field[];
  private readonly attempts: (Attempt | undefined)[];
  private readonly repairs = new Map<string, RepairCount>();
  private readonly codeCheck: Map<string, (text: string) => boolean>;
  private readonly groupedIds: Set<string>;
  private c1 = true;
  /** True when some attempt waits for `settle`. */
  private attempted = false;

  constructor(
    schema: TableSchema,
    private readonly decisions: ReadonlyMap<string, ColumnDecision>,
  ) {
    this.fields = schema.fields;
    this.attempts = new Array(this.fields.length);
    // Columns read by a check of identifiers (SIRET, SIREN…): a number that went through a float gets its
    // digits back even when the field has no pattern, and no repair may write a code the check refuses.
    this.codeCheck = codeValidators(schema);
    this.groupedIds = groupedIdentifierFields(schema);
  }

  private count(field: string, kind: RepairKind, from: string, to: string): void {
    const key = `${field}\u0000${kind}`;
    const r = this.repairs.get(key);
    if (r) r.count++;
    else this.repairs.set(key, { field, kind, count: 1, example: { from, to } });
  }

  /** The rewrite of a string field's cells, tried before the checks. */
  private rewriteOf(fieldIndex: number): ((text: string) => string | undefined) | undefined {
    const field = this.fields[fieldIndex]!;
    if (typeOf(field) !== 'string') return undefined;
    const doubleEncoded = this.decisions.get(field.name)?.doubleEncoded;
    const isCode = this.codeCheck.has(field.name);
    const grouped = this.groupedIds.has(field.name);
    const plain = !doubleEncoded && !isCode && !grouped;
    return (text) => {
      // Most cells: no column-wide decision, no identifier, no C1 control, no surrounding space.
      if (plain && !maySurroundSpace(text) && !(this.c1 && hasC1Controls(text))) return undefined;
      let t = text;
      let kind: RepairKind | undefined;
      const de = doubleEncoded ? repairDoubleEncoding(t) : undefined;
      if (de !== undefined) {
        t = de;
        kind = 'double-encoding';
      }
      // Windows-1252 text once read as ISO-8859-1: U+0096 stood for « – », U+0092 for « ’ » (issue 11).
      // A double-encoding repair may give one (`Â–` is U+0096 encoded twice).
      if ((this.c1 || t !== text) && hasC1Controls(t)) {
        const c1 = repairC1Controls(t);
        if (c1 !== t) {
          t = c1;
          kind ??= 'c1-control';
        }
      }
      if (maySurroundSpace(t) && SURROUNDING_SPACE.test(t)) {
        t = t.replace(SURROUNDING_SPACES, '');
        kind ??= 'whitespace';
      }
      // Most codes are digits only: no float artefact to undo, no grouping to remove (one test for both).
      const bare = (isCode || grouped) && DIGITS.test(t);
      const digits = isCode && !bare ? floatArtefactDigits(t) : undefined;
      if (digits !== undefined) {
        t = digits;
        kind ??= 'float-artefact';
      }
      // `213 300 049 00012`: a SIRET or SIREN grouped for reading, written compact when that is valid.
      const compact = grouped && !bare && digits === undefined ? compactIdentifier(t) : undefined;
      if (compact !== undefined && compact !== '' && this.codeCheck.get(field.name)?.(compact) === true) {
        t = compact;
        kind ??= 'identifier-spaces';
      }
      // A rewrite never turns an inert cell into a spreadsheet formula (`"\t=1+1"` trimmed to `=1+1`).
      if (t === text || !kind || createsFormula(text, t)) return undefined;
      this.attempts[fieldIndex] = { kind, from: text, to: t, by: 'rewrite' };
      this.attempted = true;
      return t;
    };
  }

  /** The repair of a cell that failed its field, or undefined. */
  private repair(fieldIndex: number, text: string, r: ErrorResult): string | undefined {
    const field = this.fields[fieldIndex]!;
    const d = this.decisions.get(field.name);
    const type = typeOf(field);
    const numeric = type === 'number' || type === 'integer';
    let found = columnRepair(field, text, d);
    if (
      found === undefined &&
      r.repaired !== undefined &&
      !numeric &&
      !(d?.strayDates && SERIAL_LIKE.test(text.trim())) &&
      !(d?.monthFirstDates && readsBothWays(text.trim())) &&
      this.codeCheck.get(field.name)?.(r.repaired) !== false
    ) {
      found = { fixed: r.repaired, kind: classify(field, text, r.repaired, r) };
    }
    // A repair never turns an inert cell into a spreadsheet formula (`"\t=1+1"` trimmed to `=1+1`).
    if (found && createsFormula(text, found.fixed)) found = undefined;
    if (found) {
      this.attempts[fieldIndex] = { kind: found.kind, from: text, to: found.fixed, by: 'repair' };
      this.attempted = true;
    }
    return found?.fixed;
  }

  /**
   * The in-place test of a field's cells that no repair changes, from the plan's (whose accepted cells
   * are valid with their text as canonical text): a cell it accepts is valid as written, so no repair is
   * tried after a failure; for a string field, the rewrite tried before the checks must also leave it
   * as it is (rewriteOf): no space at either end, no C1 control while some may come, digits only in an
   * identifier column, and no column-wide repair of double encoding; and in a short code column, printable
   * ASCII only (see ascii).
   */
  private acceptsAt(fieldIndex: number, plan: InPlaceTest | undefined): InPlaceTest | undefined {
    if (plan === undefined) return undefined;
    const field = this.fields[fieldIndex]!;
    // A number that reads two ways (`1.234`) is evaluated (see unambiguous): valid, it is written the same.
    if (this.unambiguous(fieldIndex)) {
      if (plan === plainDecimalAt) return unambiguousDecimalAt;
      return (text, start, end) => plan(text, start, end) && !mayReadBothWaysAt(text, start, end);
    }
    if (typeOf(field) !== 'string') return plan;
    if (this.decisions.get(field.name)?.doubleEncoded) return undefined;
    const code = this.codeCheck.has(field.name) || this.groupedIds.has(field.name);
    // An enum of texts none of which a rewrite would change: the plan accepts only them, so its test is
    // this one (a valid string's text is its value, one of the enum's).
    if (!code && plainEnum(field)) return plan;
    // A test of n ASCII digits (`^\d{14}$`; digitsWithin knows it by identity) that refuses the empty
    // cell: n ≥ 1 digits have no space at either end and no C1 control, so the rewrite leaves them as
    // they are, and they are digits for an identifier column. The plan's test alone is then the one
    // below, and the loop can see that a SIRET check of the field reads the same digits.
    if (digitsWithin(plan, plan) && !plan('', 0, 0)) return plan;
    // A short code column's cells: printable ASCII too (so no C1 control either), see ascii.
    const short = this.shortCode(field);
    // Only the rewrite's conditions (a label: the plan asks only for a cell that is not empty).
    const unchanged = (text: string, start: number, end: number): boolean =>
      start < end &&
      !maySpace(text.charCodeAt(start)) &&
      !maySpace(text.charCodeAt(end - 1)) &&
      (short ? printableAsciiAt(text, start, end) : !(this.c1 && hasC1At(text, start, end))) &&
      (!code || digitsAt(text, start, end));
    if (plan === nonEmptyAt) return unchanged;
    return (text, start, end) => unchanged(text, start, end) && plan(text, start, end);
  }

  /**
   * A string field of short codes (SHORT_CODE) other than an enum accepted by its plan's test alone: its
   * in-place test asks for printable ASCII (acceptsAt).
   */
  private shortCode(field: Field): boolean {
    const max = field.constraints?.maxLength;
    return typeOf(field) === 'string' && typeof max === 'number' && max <= SHORT_CODE && !plainEnum(field);
  }

  /**
   * The cells accepted in place of an identifier column are ASCII digits, those of a short code column
   * printable ASCII (acceptsAt).
   */
  ascii(fieldIndex: number): boolean {
    const field = this.fields[fieldIndex];
    return (
      field !== undefined &&
      typeOf(field) === 'string' &&
      (this.codeCheck.has(field.name) || this.groupedIds.has(field.name) || this.shortCode(field))
    );
  }

  /** A number field's in-place test refuses the cells mayReadBothWaysAt may take for ambiguous (acceptsAt). */
  unambiguous(fieldIndex: number): boolean {
    const field = this.fields[fieldIndex];
    return field !== undefined && typeOf(field) === 'number';
  }

  evaluator(fieldIndex: number, evaluate: (text: string) => CellResult, planAt?: InPlaceTest): CellEvaluator {
    const rewrite = this.rewriteOf(fieldIndex);
    const acceptsAt = this.acceptsAt(fieldIndex, planAt);
    /** After a failure: the repair of `text`, kept when its text is valid. */
    const repaired = (text: string, r: ErrorResult): CellResult => {
      const fixed = this.repair(fieldIndex, text, r);
      const again = fixed === undefined ? undefined : evaluate(fixed);
      // The repaired text is what the writer writes: the checks and keys see it too.
      if (again?.kind === 'ok') {
        ev.text = fixed!;
        return again;
      }
      ev.text = text;
      return r;
    };
    if (rewrite === undefined) {
      // No rewrite for the field (not a string): the cell is evaluated as written, repaired on a failure.
      const plain: CellEvaluator = {
        text: '',
        ...(acceptsAt && { acceptsAt }),
        evaluate: (text) => {
          const r = evaluate(text);
          if (r.kind === 'error') return repairedPlain(text, r);
          plain.text = text;
          return r;
        },
      };
      const repairedPlain = (text: string, r: ErrorResult): CellResult => {
        const fixed = this.repair(fieldIndex, text, r);
        const again = fixed === undefined ? undefined : evaluate(fixed);
        plain.text = again?.kind === 'ok' ? fixed! : text;
        return again?.kind === 'ok' ? again : r;
      };
      return plain;
    }
    const ev: CellEvaluator = {
      text: '',
      ...(acceptsAt && { acceptsAt }),
      evaluate: (text) => {
        const rewritten = rewrite(text);
        if (rewritten !== undefined) {
          const again = evaluate(rewritten);
          if (again.kind === 'ok') {
            ev.text = rewritten;
            return again;
          }
          if (again.kind === 'error') {
            // Repairs chain: a double-encoded value may also need its enum case fixed.
            const fixed = this.repair(fieldIndex, rewritten, again);
            const third = fixed === undefined ? undefined : evaluate(fixed);
            if (third?.kind === 'ok') {
              ev.text = fixed!;
              return third;
            }
          }
        }
        // The common cell: valid (or missing) as written, nothing to repair.
        const r = evaluate(text);
        if (r.kind === 'error') return repaired(text, r);
        ev.text = text;
        return r;
      },
    };
    return ev;
  }

  settle(
    texts: readonly string[],
    results: readonly (CellResult | undefined)[],
    accepted?: CellResult,
    unaccepted?: UnacceptedList,
  ): void {
    const fields = this.fields;
    if (this.attempted) {
      this.attempted = false;
      for (let i = 0; i < fields.length; i++) {
        const a = this.attempts[i];
        if (a === undefined) continue;
        this.attempts[i] = undefined;
        const kept = a.by === 'rewrite' ? texts[i] === a.to : results[i]?.kind === 'ok';
        if (kept) this.count(fields[i]!.name, a.kind, a.from, a.to);
      }
    }
    if (unaccepted === undefined) {
      for (let i = 0; i < fields.length; i++) if (results[i] !== accepted) this.canonical(texts, results, i);
      return;
    }
    const list = unaccepted.fields;
    for (let k = 0; k < unaccepted.count; k++) {
      const i = list[k]!;
      if (i < fields.length) this.canonical(texts, results, i);
    }
  }

  /**
   * Field `i` of a row, its cell not accepted in place (that one is written as read): a valid value
   * written in its canonical form (`1` → `true`, `1/9/2020` → `01/09/2020`) is a change too; a number only
   * trimmed of its spaces (valid, as for Frictionless) is said as such.
   */
  private canonical(texts: readonly string[], results: readonly (CellResult | undefined)[], i: number): void {
    const r = results[i];
    if (r?.kind === 'ok' && r.canonical !== texts[i]) {
      const trimmed = texts[i]!.replace(SURROUNDING_SPACES, '') === r.canonical;
      this.count(this.fields[i]!.name, trimmed ? 'whitespace' : 'canonical', texts[i]!, r.canonical);
    }
  }

  label(field: string, from: string): void {
    this.count(field, 'label', from, field);
  }

  counts(): RepairCount[] {
    return [...this.repairs.values()];
  }

  made(kind: RepairKind): boolean {
    return [...this.repairs.values()].some((r) => r.kind === kind);
  }

  c1Controls(possible: boolean): void {
    this.c1 = possible;
  }
}
